package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"

	"go.etcd.io/bbolt"

	"afterview/stages"
)

// bucketUndo keeps the last changes to the applications, oldest first
// under growing keys, so that an undo works after a restart and from any
// afterview: every write that adds, changes or deletes an application
// records, in its own transaction, the application as it found it. The
// bucket is made by the first such write: no schema change, and an older
// afterview leaves it alone (the guard in UndoLast sees what it changed).
var bucketUndo = []byte("undo")

// undoRecord is one change to take back.
type undoRecord struct {
	ID uint64 `json:"id"`
	// Before is the application as the change found it, as stored;
	// absent when the change added it.
	Before json.RawMessage `json:"before,omitempty"`
	// After is the SHA-256 of the application as the change stored it;
	// nil when the change deleted it. Undo refuses unless the
	// application is still exactly so.
	After []byte `json:"after,omitempty"`
}

// ErrChangedSince: the application an undo would take back has changed
// since in a way the undo history does not hold (an older afterview wrote
// to it), so putting the earlier state back would lose that change.
var ErrChangedSince = errors.New("it changed since the change to undo")

// recordUndo pushes the change of application id from before to after (the
// stored values, nil for none) onto the undo history, keeping the last
// stages.UndoDepth.
func recordUndo(tx *bbolt.Tx, id uint64, before, after []byte) error {
	rec := undoRecord{ID: id, Before: before}
	if after != nil {
		sum := sha256.Sum256(after)
		rec.After = sum[:]
	}
	v, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	b, err := tx.CreateBucketIfNotExists(bucketUndo)
	if err != nil {
		return err
	}
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	if err := b.Put(key(seq), v); err != nil {
		return err
	}
	// The oldest past the depth go, gathered first: deleting under a
	// cursor while walking it skips keys.
	var old [][]byte
	c := b.Cursor()
	n := countKeys(b, stages.UndoDepth+2)
	for k, _ := c.First(); k != nil && n > stages.UndoDepth; k, _ = c.Next() {
		old = append(old, bytes.Clone(k))
		n--
	}
	for _, k := range old {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// dropUndo forgets the undo history, for a write that cannot be taken back
// and changes what the history's ids mean (an import).
func dropUndo(tx *bbolt.Tx) error {
	if tx.Bucket(bucketUndo) == nil {
		return nil
	}
	return tx.DeleteBucket(bucketUndo)
}

// UndoLast takes back the last change to the applications that the data
// file keeps (by this afterview or another, before a restart or not): it
// stores the application again as the change found it, or deletes the one
// it added, in one transaction, and forgets the change. It refuses, changing
// nothing, with an error that unwraps to ErrChangedSince when the
// application is no longer as the change left it, and with
// stages.ErrNothingToUndo when no change is kept.
func (s *Store) UndoLast() (stages.Undone, error) {
	var out stages.Undone
	err := s.update(func(tx *bbolt.Tx) error {
		hist := tx.Bucket(bucketUndo)
		if hist == nil {
			return stages.ErrNothingToUndo
		}
		k, v := hist.Cursor().Last()
		if k == nil {
			return stages.ErrNothingToUndo
		}
		var rec undoRecord
		if err := json.Unmarshal(v, &rec); err != nil {
			return damaged(s.path, fmt.Errorf("its undo history cannot be read: %v", err))
		}
		apps := tx.Bucket(bucketApps)
		now := apps.Get(key(rec.ID))
		if now != nil {
			a, err := s.decodeApp(rec.ID, now)
			if err != nil {
				return err
			}
			out.After = &a
		}
		if rec.Before != nil {
			a, err := s.decodeApp(rec.ID, rec.Before)
			if err != nil {
				return err
			}
			out.Before = &a
		}
		if sum := sha256.Sum256(now); (rec.After == nil) != (now == nil) || now != nil && !bytes.Equal(sum[:], rec.After) {
			return &detailed{fmt.Sprintf("application %d changed since in a way the undo history does not hold (an older afterview wrote to it): taking back %s would lose that, so nothing was undone; log a correction instead", rec.ID, out.Label()), ErrChangedSince}
		}
		if err := hist.Delete(k); err != nil {
			return err
		}
		switch {
		case out.Before == nil:
			return s.deleteApp(tx, rec.ID)
		case out.After == nil:
			n := appCount(tx)
			if n >= appLimit {
				return fmt.Errorf("the database holds %d applications, the most afterview keeps", n)
			}
			if err := s.putApp(apps, *out.Before); err != nil {
				return err
			}
			return setCount(tx, n+1)
		default:
			return s.putApp(apps, *out.Before)
		}
	})
	if err != nil {
		return stages.Undone{}, err
	}
	return out, nil
}

// ForgetUndo empties the undo history, for a file whose changes are not
// the user's to take back (the demo's examples, just written).
func (s *Store) ForgetUndo() error {
	return s.update(dropUndo)
}
