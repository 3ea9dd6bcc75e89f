package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"go.etcd.io/bbolt"

	"afterview/stages"
)

// ErrChanged reports that another afterview wrote to the data file while
// Scan was reading it in parts: what was read so far mixes two states.
var ErrChanged = errors.New("the data changed while it was being read")

// scanBatch is how many applications Scan reads in one transaction: enough
// to decode them on every processor, few enough to keep memory small.
const scanBatch = 1024

// Scan calls fn with every application, in batches in id order (newest
// first with reverse), so that a listing or an export of any history holds
// only one batch in memory. Each batch is read in its own transaction and the
// file is closed while fn runs, so that a slow reader (a pager) never keeps
// another afterview from writing. If another afterview writes in between,
// Scan stops with an error that unwraps to ErrChanged: the caller decides
// whether a mixed picture matters. The applications passed to fn are its to
// keep. Scan returns the global events as they were in the first batch's
// transaction, so that they and the applications are one picture.
func (s *Store) Scan(reverse bool, fn func([]stages.Application) error) ([]stages.Event, error) {
	var global []stages.Event
	var one oneRevision
	next := uint64(0)
	if reverse {
		next = math.MaxUint64
	}
	for {
		var batch []stages.Application
		done := false
		err := s.view(func(tx *bbolt.Tx) error {
			if !one.seen {
				var err error
				if global, err = s.globalEvents(tx); err != nil {
					return err
				}
			}
			if err := one.check(s.path, tx); err != nil {
				return err
			}
			var raws []rawApp
			c := tx.Bucket(bucketApps).Cursor()
			k, v := c.Seek(key(next))
			if reverse && (k == nil || binary.BigEndian.Uint64(k) > next) {
				k, v = c.Prev()
			}
			for ; k != nil && len(raws) < scanBatch; k, v = step(c, reverse) {
				if len(k) != 8 || v == nil {
					return damaged(s.path, fmt.Errorf("the applications hold a stray key %q", k))
				}
				raws = append(raws, rawApp{binary.BigEndian.Uint64(k), v})
			}
			if k == nil {
				done = true
			} else {
				next = binary.BigEndian.Uint64(k) // the first of the next batch
			}
			var err error
			batch, err = s.decodeApps(raws)
			return err
		})
		if err != nil {
			return nil, err
		}
		if len(batch) > 0 {
			if err := fn(batch); err != nil {
				return nil, err
			}
		}
		if done {
			return global, nil
		}
	}
}

// oneRevision checks that a read made of several transactions sees one
// revision of the file: a write in between makes the next check fail with
// an error that unwraps to ErrChanged.
type oneRevision struct {
	seen     bool
	revision uint64
}

func (o *oneRevision) check(path string, tx *bbolt.Tx) error {
	rev := revisionOf(tx)
	if o.seen && rev != o.revision {
		return fmt.Errorf("%s: another afterview wrote to it while it was being read; run the command again (%w)", path, ErrChanged)
	}
	o.seen, o.revision = true, rev
	return nil
}

func step(c *bbolt.Cursor, reverse bool) ([]byte, []byte) {
	if reverse {
		return c.Prev()
	}
	return c.Next()
}
