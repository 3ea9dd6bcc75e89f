package agenda

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"afterview/internal/gen"
	"afterview/stages"
)

// decodeOwnHead reads bbolt's memory map without copying it
// (unsafeString), which is safe only if the head it fills keeps no string
// of the record: the map is unmapped, or the page reused, once the
// transaction ends, and Day.Note keeps the head's company for an open
// offer. Each head is decoded from a buffer that is then overwritten, and
// must still equal the head decoded from an untouched copy.
func TestOwnHeadKeepsNothingOfTheRecord(t *testing.T) {
	e := stages.NewEngine(nil, time.UTC)
	apps := gen.Applications(gen.Options{N: 300, Seed: 5, Now: genNow})
	apps = append(apps, gen.Applications(gen.Options{N: 100, Seed: 6, Now: genNow, AllOpen: true})...)
	var owns []stages.Own
	offers := 0
	for i := range apps {
		o := e.Own(&apps[i])
		if o.OfferOpen {
			offers++
		}
		owns = append(owns, o)
	}
	// An outcome of a newer afterview, which ownOutcome does not know.
	owns = append(owns, stages.Own{ID: 9, Company: "Globex", Recruiter: "Ana", Outcome: "negotiating",
		HasOffer: true, OfferOpen: true, OfferReceived: genNow, Interviewed: genNow.AddDate(0, 0, -9)})
	if offers == 0 {
		t.Fatal("the generated data hold no open offer: the company's name is not tested")
	}
	for _, o := range owns {
		rec := encodeOwn(1, &o)[9:]
		var want stages.Own
		var wantN int
		if err := decodeOwnHead(&want, &wantN, bytes.Clone(rec)); err != nil {
			t.Fatalf("application %d: %v", o.ID, err)
		}
		mapped := bytes.Clone(rec)
		var got stages.Own
		var n int
		if err := decodeOwnHead(&got, &n, mapped); err != nil {
			t.Fatalf("application %d: %v", o.ID, err)
		}
		for i := range mapped {
			mapped[i] = 0xff
		}
		if !reflect.DeepEqual(got, want) || n != wantN {
			t.Fatalf("application %d: the head changed with the memory it was read from:\n got %+v\nwant %+v", o.ID, got, want)
		}
		if o.OfferOpen && got.Company != o.Company {
			t.Fatalf("application %d: an open offer's head names %q, want %q", o.ID, got.Company, o.Company)
		}
	}
}
