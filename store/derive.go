package store

import (
	"encoding/binary"
	"fmt"

	"go.etcd.io/bbolt"

	"afterview/stages"
)

// Deriver keeps records derived from the applications (package agenda's
// indexes and prompt cache) in the data file. The store knows nothing of
// what they mean: it calls the Deriver inside the transaction of every
// write, so that the derived records are never behind the data they come
// from, and leaves its buckets to it (DerivedBuckets). Install one with
// WithDeriver; a store without one keeps nothing derived, and the revision
// its writes move on tells a Deriver opened later that its records are
// stale.
type Deriver interface {
	// Buckets names the buckets the Deriver keeps: an import that builds
	// a new file leaves them behind and calls Reset.
	Buckets() [][]byte
	// Fresh reports whether the derived records match the data tx sees.
	Fresh(tx *Tx) bool
	// Put brings the records of a up to date, after a is stored.
	Put(tx *Tx, a *stages.Application) error
	// Delete drops the records of application id, before it is deleted.
	Delete(tx *Tx, id uint64) error
	// Reset drops every record and starts empty, for a write that then
	// puts every application.
	Reset(tx *Tx) error
	// Finish ends every write, after the revision moved on: wasFresh is
	// what Fresh said when the write began (the Puts and Deletes kept the
	// records fresh); when false, Finish rebuilds them from the data.
	Finish(tx *Tx, wasFresh bool) error
}

// WithDeriver has every write keep d's derived records, in its own
// transaction, and Open rebuild them when they are missing or stale.
func WithDeriver(d Deriver) Option { return func(s *Store) { s.deriver = d } }

// Tx is one transaction as a Deriver and the readers of derived records
// see it: the applications and global events decoded, the revision, and
// bbolt buckets by name for the records the Deriver keeps. The store's
// own buckets (meta, apps, global) are written through the store alone.
type Tx struct {
	tx *bbolt.Tx
	s  *Store
}

// Bucket is the bucket name, nil when there is none.
func (t *Tx) Bucket(name []byte) *bbolt.Bucket { return t.tx.Bucket(name) }

// CreateBucketIfNotExists gives the bucket name, created if it is missing.
func (t *Tx) CreateBucketIfNotExists(name []byte) (*bbolt.Bucket, error) {
	return t.tx.CreateBucketIfNotExists(name)
}

// CreateBucket creates the bucket name.
func (t *Tx) CreateBucket(name []byte) (*bbolt.Bucket, error) { return t.tx.CreateBucket(name) }

// DeleteBucket deletes the bucket name.
func (t *Tx) DeleteBucket(name []byte) error { return t.tx.DeleteBucket(name) }

// Meta is the value of key in the meta bucket (a Deriver's own keys).
func (t *Tx) Meta(key []byte) []byte { return t.tx.Bucket(bucketMeta).Get(key) }

// PutMeta sets key in the meta bucket, for a Deriver's own keys.
func (t *Tx) PutMeta(key, v []byte) error { return t.tx.Bucket(bucketMeta).Put(key, v) }

// Revision is the data's revision, which every write moves on.
func (t *Tx) Revision() uint64 { return revisionOf(t.tx) }

// AppIDs gives the first and last application ids, 0 when there is none.
func (t *Tx) AppIDs() (first, last uint64) {
	c := t.tx.Bucket(bucketApps).Cursor()
	k, _ := c.First()
	l, _ := c.Last()
	if len(k) == 8 {
		first = binary.BigEndian.Uint64(k)
	}
	if len(l) == 8 {
		last = binary.BigEndian.Uint64(l)
	}
	return first, last
}

// App decodes application id; the error unwraps to ErrNotFound when there
// is none.
func (t *Tx) App(id uint64) (stages.Application, error) {
	return t.s.getApp(t.tx.Bucket(bucketApps), id)
}

// Apps decodes the applications ids (on every processor when they are
// many), in that order. A missing one is damage: an index listed it.
func (t *Tx) Apps(ids []uint64) ([]stages.Application, error) {
	b := t.tx.Bucket(bucketApps)
	raws := make([]rawApp, 0, len(ids))
	for _, id := range ids {
		raw := b.Get(key(id))
		if raw == nil {
			return nil, t.Damaged(fmt.Errorf("the index lists application %d, which is not there", id))
		}
		raws = append(raws, rawApp{id, raw})
	}
	return t.s.decodeApps(raws)
}

// AllApps decodes every application, in id order.
func (t *Tx) AllApps() ([]stages.Application, error) { return t.s.allApps(t.tx) }

// EachApp decodes the applications one at a time, in id order.
func (t *Tx) EachApp(fn func(a *stages.Application) error) error {
	c := t.tx.Bucket(bucketApps).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) != 8 || v == nil {
			return t.Damaged(fmt.Errorf("the applications hold a stray key %q", k))
		}
		a, err := t.s.decodeApp(binary.BigEndian.Uint64(k), v)
		if err != nil {
			return err
		}
		if err := fn(&a); err != nil {
			return err
		}
	}
	return nil
}

// Global decodes the events about no application, in the order logged.
func (t *Tx) Global() ([]stages.Event, error) { return t.s.globalEvents(t.tx) }

// References returns the user's references, as Store.References does: the
// prompts name them (a heads-up to each reference given to an application).
func (t *Tx) References() ([]stages.Reference, error) { return t.s.references(t.tx) }

// Damaged is err as a *FileError saying the data file is damaged.
func (t *Tx) Damaged(err error) error { return damaged(t.s.path, err) }

// Read runs fn in one read-only transaction, after checking the schema.
func (s *Store) Read(fn func(*Tx) error) error {
	return s.view(func(tx *bbolt.Tx) error { return fn(&Tx{tx, s}) })
}

// Rederive runs fn in one read-write transaction that only rewrites
// derived records (a prompt cache for another zone, say): the data do not
// change, so the revision does not move. It is best effort for its
// callers: while another afterview holds the file it fails with ErrBusy.
func (s *Store) Rederive(fn func(*Tx) error) error {
	return s.run(writing, func(tx *bbolt.Tx) error {
		if err := s.checkSchema(tx); err != nil {
			return err
		}
		return fn(&Tx{tx, s})
	})
}

// derivedFresh reports whether the deriver's records match the data (no
// deriver: nothing is kept, so nothing is stale).
func (s *Store) derivedFresh(tx *bbolt.Tx) bool {
	return s.deriver == nil || s.deriver.Fresh(&Tx{tx, s})
}

// derivePut, deriveDelete, deriveReset and deriveFinish call the deriver,
// when there is one, inside the write's transaction.
func (s *Store) derivePut(tx *bbolt.Tx, a *stages.Application) error {
	if s.deriver == nil {
		return nil
	}
	return s.deriver.Put(&Tx{tx, s}, a)
}

func (s *Store) deriveDelete(tx *bbolt.Tx, id uint64) error {
	if s.deriver == nil {
		return nil
	}
	return s.deriver.Delete(&Tx{tx, s}, id)
}

func (s *Store) deriveReset(tx *bbolt.Tx) error {
	if s.deriver == nil {
		return nil
	}
	return s.deriver.Reset(&Tx{tx, s})
}

func (s *Store) deriveFinish(tx *bbolt.Tx, wasFresh bool) error {
	if s.deriver == nil {
		return nil
	}
	return s.deriver.Finish(&Tx{tx, s}, wasFresh)
}

// repairDerived rebuilds missing or stale derived records, for Open. It is
// best effort: if the file cannot be written now (another afterview holds
// it, a read-only disk), readers work without them and the next write
// tries again.
func (s *Store) repairDerived() {
	_ = s.run(writing, func(tx *bbolt.Tx) error {
		if err := s.checkSchema(tx); err != nil || s.derivedFresh(tx) {
			return err
		}
		return s.deriveFinish(tx, false)
	})
}
