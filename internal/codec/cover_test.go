package codec

import (
	"encoding/json"
	"reflect"
	"testing"

	"afterview/internal/gen"
	"afterview/stages"
)

// TestFastDecodeCoversEveryField: an application with every field of every
// type it holds set, and an event of every kind of stages.EventKinds with
// every field of an event set, is decoded by the fast path, to exactly what
// encoding/json gives. A field added to the types, or a kind, that the
// decoder does not know fails here (the decoder gives up on an unknown key
// and encoding/json would then decode every such record, slowly).
func TestFastDecodeCoversEveryField(t *testing.T) {
	var f gen.Filler
	var a stages.Application
	if err := f.Fill(&a); err != nil {
		t.Fatal(err)
	}
	a.Events = nil
	for _, k := range stages.EventKinds {
		var e stages.Event
		if err := f.Fill(&e); err != nil {
			t.Fatal(err)
		}
		e.Kind = k
		a.Events = append(a.Events, e)
	}
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var want, got stages.Application
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if !FastDecode(data, &got) {
		t.Fatalf("the fast path gave up on a record encoding/json reads: teach internal/codec/decode.go the new field\n%s", data)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("the fast path decodes\n%+v\nencoding/json\n%+v", got, want)
	}
	// Each field alone, the others at their zero values (the store
	// always writes a list of events, empty or not).
	zero := stages.Application{Events: []stages.Event{}}
	for i := range reflect.TypeFor[stages.Application]().NumField() {
		f := reflect.TypeFor[stages.Application]().Field(i)
		if !f.IsExported() {
			continue
		}
		one := zero
		reflect.ValueOf(&one).Elem().Field(i).Set(reflect.ValueOf(a).Field(i))
		sameDecoding(t, f.Name, one)
	}
}

func sameDecoding(t *testing.T, what string, a stages.Application) {
	t.Helper()
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var want, got stages.Application
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if !FastDecode(data, &got) {
		t.Fatalf("%s: the fast path gave up on\n%s", what, data)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: the fast path decodes\n%+v\nencoding/json\n%+v", what, got, want)
	}
}
