package store

import (
	"testing"

	"go.etcd.io/bbolt"

	"afterview/stages"
)

// What notify told is remembered for the day it was told, and forgotten
// the next day, without moving the revision.
func TestNotifiedRemembersTheDayAndPrunesTheOldOnes(t *testing.T) {
	s := newStore(t)
	day1, day2 := stages.NewDate(2026, 11, 20), stages.NewDate(2026, 11, 21)
	ps := []stages.Prompt{{AppID: 1, Key: "thank_you:jo"}, {AppID: 2, Key: "thank_you:jo"}}
	if fresh, err := s.Unnotified(day1, ps); err != nil || len(fresh) != 2 {
		t.Fatalf("nothing told yet: Unnotified = %v, %v; want both", fresh, err)
	}
	var before uint64
	s.view(func(tx *bbolt.Tx) error { before = revisionOf(tx); return nil })
	if err := s.MarkNotified(day1, ps[:1]); err != nil {
		t.Fatal(err)
	}
	fresh, err := s.Unnotified(day1, ps)
	if err != nil || len(fresh) != 1 || fresh[0].AppID != 2 {
		t.Fatalf("after telling application 1's prompt: Unnotified = %v, %v; want application 2's only (the key is per application)", fresh, err)
	}
	if fresh, _ := s.Unnotified(day2, ps); len(fresh) != 2 {
		t.Fatalf("the next day: Unnotified = %v; want both again", fresh)
	}
	if err := s.MarkNotified(day2, ps[1:]); err != nil {
		t.Fatal(err)
	}
	var keys []string
	var after uint64
	s.view(func(tx *bbolt.Tx) error {
		after = revisionOf(tx)
		return tx.Bucket(bucketNotified).ForEach(func(k, _ []byte) error {
			keys = append(keys, string(k[:10]))
			return nil
		})
	})
	if len(keys) != 1 || keys[0] != "2026-11-21" {
		t.Fatalf("the notified bucket holds the days %v; want only 2026-11-21", keys)
	}
	if after != before {
		t.Fatalf("the revision moved from %d to %d: what notify told is not the user's data", before, after)
	}
}
