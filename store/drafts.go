package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	"go.etcd.io/bbolt"
)

// bucketDrafts keeps the drafts the user edited, one per prompt, so that an
// edit outlives the session it was made in. A key is the application's id
// (8 bytes, big-endian) and the prompt's key; the value is the text as the
// user saved it. An older afterview, and a file made before drafts were
// kept, have no such bucket: nothing was edited.
//
// A kept draft belongs to a prompt that is open: the caller shows one only
// for a prompt it has, so a draft whose prompt was done, dismissed or
// lapsed is ignored, and it is pruned the next time a draft of the same
// application is kept (KeepDraft), or with its application (Delete). Like
// the notified bucket, it is not what the prompts are derived from: a
// write here does not move the revision, so the prompt cache stays valid
// and undo's guard against other writes is not tripped by an edit.
var bucketDrafts = []byte("drafts")

// MaxDraft bounds a kept draft, in bytes: a message, not a file.
const MaxDraft = 64 << 10

func draftKey(appID uint64, promptKey string) []byte {
	k := binary.BigEndian.AppendUint64(make([]byte, 0, 8+len(promptKey)), appID)
	return append(k, promptKey...)
}

// KeptDraft is one edited draft: the prompt it is for and the text.
type KeptDraft struct {
	App    uint64 `json:"app"`
	Prompt string `json:"prompt"`
	Text   string `json:"text"`
}

// KeptDrafts reads every kept draft, in one read transaction, by
// application and prompt key.
func (s *Store) KeptDrafts() ([]KeptDraft, error) {
	var out []KeptDraft
	err := s.view(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketDrafts)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			if len(k) <= 8 {
				return nil // not one of ours: ignored, as an unknown key
			}
			out = append(out, KeptDraft{App: binary.BigEndian.Uint64(k[:8]), Prompt: string(k[8:]), Text: string(v)})
			return nil
		})
	})
	return out, err
}

// KeepDraft keeps text as the draft of application appID's prompt
// promptKey, in one write transaction that also forgets the application's
// kept drafts whose prompts are not in open (the keys of its prompts now):
// those prompts were done or have lapsed. An empty text forgets the draft.
func (s *Store) KeepDraft(appID uint64, promptKey, text string, open []string) error {
	if len(text) > MaxDraft {
		return fmt.Errorf("the edited draft is %d KB, more than afterview keeps (%d KB): shorten it", len(text)>>10, MaxDraft>>10)
	}
	if promptKey == "" {
		return fmt.Errorf("a kept draft needs the prompt it is for")
	}
	return s.run(writing, func(tx *bbolt.Tx) error {
		if err := s.checkSchema(tx); err != nil {
			return err
		}
		if tx.Bucket(bucketApps).Get(key(appID)) == nil {
			return notFound(appID)
		}
		b, err := tx.CreateBucketIfNotExists(bucketDrafts)
		if err != nil {
			return err
		}
		if err := pruneDrafts(b, appID, func(k string) bool { return k != promptKey && !slices.Contains(open, k) }); err != nil {
			return err
		}
		if text == "" {
			return b.Delete(draftKey(appID, promptKey))
		}
		return b.Put(draftKey(appID, promptKey), []byte(text))
	})
}

// pruneDrafts deletes application appID's kept drafts whose prompt keys
// drop says to. The keys are gathered first: deleting under a cursor while
// walking it skips keys.
func pruneDrafts(b *bbolt.Bucket, appID uint64, drop func(string) bool) error {
	prefix := binary.BigEndian.AppendUint64(nil, appID)
	var gone [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if drop(string(k[8:])) {
			gone = append(gone, bytes.Clone(k))
		}
	}
	for _, k := range gone {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// deleteDrafts forgets a deleted application's kept drafts, inside the
// deleting transaction.
func deleteDrafts(tx *bbolt.Tx, appID uint64) error {
	b := tx.Bucket(bucketDrafts)
	if b == nil {
		return nil
	}
	return pruneDrafts(b, appID, func(string) bool { return true })
}
