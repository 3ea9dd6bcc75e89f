package store

import (
	"bytes"
	"encoding/binary"

	"go.etcd.io/bbolt"

	"afterview/stages"
)

// bucketNotified remembers which prompts 'afterview notify' has told the
// user about, so that a timer firing every hour says each one once a day.
// A key is the day (2006-01-02), the application's id (8 bytes, big-endian)
// and the prompt's key; the value is one byte, 1. Keys sort by day first, so the
// days before today are pruned from the front. An older afterview, and a
// file made before notify existed, have no such bucket: nothing was told.
var bucketNotified = []byte("notified")

// notifiedKey names one prompt of one day in the notified bucket.
func notifiedKey(day stages.Date, appID uint64, promptKey string) []byte {
	k := make([]byte, 0, len("2006-01-02")+8+len(promptKey))
	k = append(k, day.String()...)
	k = binary.BigEndian.AppendUint64(k, appID)
	return append(k, promptKey...)
}

// Unnotified returns the prompts of ps that 'afterview notify' has not told
// the user about on day, in the order given, in one read transaction.
func (s *Store) Unnotified(day stages.Date, ps []stages.Prompt) ([]stages.Prompt, error) {
	var fresh []stages.Prompt
	err := s.view(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketNotified)
		for _, p := range ps {
			if b == nil || b.Get(notifiedKey(day, p.AppID, p.Key)) == nil {
				fresh = append(fresh, p)
			}
		}
		return nil
	})
	return fresh, err
}

// MarkNotified records, in one write transaction, that the user was told
// about ps on day, and forgets the days before it. What it records is not
// the user's data: the revision does not move, so an open afterview does
// not see a change and the prompt cache stays valid.
func (s *Store) MarkNotified(day stages.Date, ps []stages.Prompt) error {
	return s.run(writing, func(tx *bbolt.Tx) error {
		if err := s.checkSchema(tx); err != nil {
			return err
		}
		b, err := tx.CreateBucketIfNotExists(bucketNotified)
		if err != nil {
			return err
		}
		// Prune first: deleting under a cursor while walking it skips
		// keys, so the old ones are gathered, then deleted.
		today := []byte(day.String())
		var old [][]byte
		c := b.Cursor()
		for k, _ := c.First(); k != nil && bytes.Compare(k[:min(len(k), len(today))], today) < 0; k, _ = c.Next() {
			old = append(old, bytes.Clone(k))
		}
		for _, k := range old {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		for _, p := range ps {
			if err := b.Put(notifiedKey(day, p.AppID, p.Key), []byte{1}); err != nil {
				return err
			}
		}
		return nil
	})
}
