package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"go.etcd.io/bbolt"

	"afterview/internal/boltcheck"
	"afterview/stages"
)

// checkFile is the consistency check a backup runs before it copies: the
// b-tree of the snapshot tx sees, and every record in it, as bbolt's own
// check and more. It reads the file with plain reads, never through the
// memory map, so damage cannot fault; it visits each page at most once, so
// a page that points back up the tree cannot make it loop; and what it holds
// is a bit per page and the page it reads, so its time and memory grow with
// the file's size, not with what a damaged page claims. It decodes every
// application and global event as a read would, so a record every read trips
// on is caught too (bbolt's check looks at keys, not values).
//
// While tx is open no other afterview can write (a writer needs the file's
// exclusive lock), so the file under the check is the one tx sees.
func (s *Store) checkFile(tx *bbolt.Tx) error {
	f, err := os.Open(s.path)
	if err != nil {
		return classify(s.path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return classify(s.path, err)
	}
	if err := boltcheck.Check(f, info.Size(), uint64(tx.ID()), s.checkRecord); err != nil {
		return damaged(s.path, err)
	}
	return nil
}

// checkRecord decodes one record as a read would.
func (s *Store) checkRecord(bucket string, key, value []byte) error {
	switch bucket {
	case string(bucketApps):
		if len(key) != 8 {
			return fmt.Errorf("the applications hold a stray key %q", key)
		}
		if _, err := s.decodeApp(binary.BigEndian.Uint64(key), value); err != nil {
			var fe *FileError
			if errors.As(err, &fe) {
				return fe.Err
			}
			return err
		}
	case string(bucketGlobal):
		var e stages.Event
		if err := json.Unmarshal(value, &e); err != nil {
			return fmt.Errorf("global event %x cannot be read: %v", key, err)
		}
	}
	return nil
}
