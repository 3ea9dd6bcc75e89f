package store

import (
	"encoding/json"
	"errors"
	"fmt"

	"go.etcd.io/bbolt"

	"afterview/stages"
)

// The user's references are one short list, kept whole under one key of
// the meta bucket: no new bucket, so no schema change.
var keyReferences = []byte("references")

// References returns the user's references.
func (s *Store) References() ([]stages.Reference, error) {
	var refs []stages.Reference
	err := s.view(func(tx *bbolt.Tx) error {
		var err error
		refs, err = s.references(tx)
		return err
	})
	return refs, err
}

func (s *Store) references(tx *bbolt.Tx) ([]stages.Reference, error) {
	v := tx.Bucket(bucketMeta).Get(keyReferences)
	if v == nil {
		return nil, nil
	}
	var refs []stages.Reference
	if err := json.Unmarshal(v, &refs); err != nil {
		return nil, damaged(s.path, fmt.Errorf("its list of references cannot be read: %w", err))
	}
	return refs, nil
}

// UpdateReferences changes the references in one transaction: fn edits the
// list, which is then checked and stored. If fn or a check fails, nothing
// changes.
func (s *Store) UpdateReferences(fn func([]stages.Reference) ([]stages.Reference, error)) ([]stages.Reference, error) {
	var out []stages.Reference
	err := s.update(func(tx *bbolt.Tx) error {
		refs, err := s.references(tx)
		if err != nil {
			return err
		}
		if refs, err = fn(refs); err != nil {
			return err
		}
		if err := checkReferences(refs); err != nil {
			return err
		}
		out = refs
		return putReferences(tx, refs)
	})
	return out, err
}

func putReferences(tx *bbolt.Tx, refs []stages.Reference) error {
	if len(refs) == 0 {
		return tx.Bucket(bucketMeta).Delete(keyReferences)
	}
	v, err := json.Marshal(refs)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketMeta).Put(keyReferences, v)
}

func checkReferences(refs []stages.Reference) error {
	if len(refs) > stages.MaxReferences {
		return fmt.Errorf("%d references are more than the %d afterview keeps", len(refs), stages.MaxReferences)
	}
	var errs []error
	for i, r := range refs {
		if err := r.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("reference #%d (%s): %s", i+1, r.Name, oneLine(err)))
		}
	}
	return errors.Join(errs...)
}
