package store

import (
	"path/filepath"
	"testing"

	"go.etcd.io/bbolt"
)

// An edited draft is kept across opens of the file, one per prompt,
// without moving the revision; keeping another forgets the drafts of
// prompts no longer open, and deleting the application forgets its own.
func TestKeptDraftsOutliveTheSessionAndGoWithTheirPrompts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.Add(mustApp(t, "Acme", ""))
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.Add(mustApp(t, "Globex", ""))
	if err != nil {
		t.Fatal(err)
	}
	var before, after uint64
	s.view(func(tx *bbolt.Tx) error { before = revisionOf(tx); return nil })
	if err := s.KeepDraft(id, "thank_you:jo", "Dear Jo,\nthanks.", []string{"thank_you:jo", "thank_you:al"}); err != nil {
		t.Fatal(err)
	}
	if err := s.KeepDraft(id, "thank_you:al", "Dear Al", []string{"thank_you:jo", "thank_you:al"}); err != nil {
		t.Fatal(err)
	}
	if err := s.KeepDraft(other, "follow_up", "Hello", nil); err != nil {
		t.Fatal(err)
	}
	s.view(func(tx *bbolt.Tx) error { after = revisionOf(tx); return nil })
	if after != before {
		t.Errorf("keeping drafts moved the revision from %d to %d: the prompt cache and undo's guard would see a change", before, after)
	}

	// A restart: a new Store on the same file.
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s2.KeptDrafts()
	if err != nil {
		t.Fatal(err)
	}
	want := []KeptDraft{{id, "thank_you:al", "Dear Al"}, {id, "thank_you:jo", "Dear Jo,\nthanks."}, {other, "follow_up", "Hello"}}
	if len(got) != len(want) {
		t.Fatalf("after reopening: %v; want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("draft %d = %+v; want %+v", i, got[i], want[i])
		}
	}

	// Jo's thank-you was done: the next keep of Acme's drafts forgets it.
	if err := s2.KeepDraft(id, "thank_you:al", "Dear Al,", []string{"thank_you:al"}); err != nil {
		t.Fatal(err)
	}
	got, _ = s2.KeptDrafts()
	if len(got) != 2 || got[0] != (KeptDraft{id, "thank_you:al", "Dear Al,"}) || got[1].App != other {
		t.Errorf("after Jo's prompt closed: %v; want Al's edited draft and Globex's", got)
	}
	// An empty text forgets the draft.
	if err := s2.KeepDraft(id, "thank_you:al", "", []string{"thank_you:al"}); err != nil {
		t.Fatal(err)
	}
	if err := s2.Delete(other); err != nil {
		t.Fatal(err)
	}
	if got, _ = s2.KeptDrafts(); len(got) != 0 {
		t.Errorf("after forgetting Al's and deleting Globex: %v; want none", got)
	}
	if err := s2.KeepDraft(999, "follow_up", "x", nil); err == nil {
		t.Error("a draft for an application that is not there was kept")
	}
}
