package agenda

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	"afterview/stages"
	"afterview/store"
)

// openBatch is how many open applications ListOpen reads and hands out in
// one transaction; rankBatch how many cached records it reads in one while
// it ranks them (a few numbers each are kept). The applications are read in
// the listing's order, scattered over the file, and the kernel maps up to
// 64 KiB of the file around each page read: a smaller batch keeps what the
// process holds of the file small.
const (
	openBatch = 256
	rankBatch = 8192
)

// ListOpen calls fn with every open application and its most urgent prompt
// (nil when it has none), in the order 'list' gives them: those with
// something due or overdue first, then by the next prompt's due day (those
// without one last), then by id. It works from the prompt cache and reads
// the applications a batch at a time, in transactions of their own with
// the file closed in between, so that memory holds a few numbers per open
// application and one batch, whatever the history. If another afterview
// writes in between, it stops with an error that unwraps to store.ErrChanged.
//
// It returns the most urgent prompt of each closed application that still
// has one (accepted, or rejected in the last days), for the listing of the
// closed history.
func (s *Agenda) ListOpen(now time.Time, fn func(a *stages.Application, next *stages.Prompt) error) (closedNext map[uint64]stages.Prompt, err error) {
	ctx := s.ownContextAt(now)
	e := s.engineAt(now)
	var day *stages.Day
	var one oneRevision
	// read runs one transaction of the listing, checking that nothing was
	// written since the first.
	read := func(fn func(tx *store.Tx) error) error {
		return s.Read(func(tx *store.Tx) error {
			if err := one.check(s.Path(), tx); err != nil {
				return err
			}
			if !s.fresh(tx) {
				return fmt.Errorf("%s: the index is being rebuilt; run the command again (%w)", s.Path(), store.ErrChanged)
			}
			return fn(tx)
		})
	}
	var full stages.Own
	own := func(tx *store.Tx, id uint64, headOnly bool) (*stages.Own, error) {
		return s.ownAt(tx, id, ctx, e, &full, headOnly)
	}
	// each walks the active bucket (open and accepted applications) a
	// batch at a time.
	each := func(fn func(tx *store.Tx, id uint64) error) error {
		from := uint64(0)
		for done := false; !done; {
			err := read(func(tx *store.Tx) error {
				c := tx.Bucket(bucketActive).Cursor()
				n := 0
				k, _ := c.Seek(key(from))
				for ; k != nil && n < rankBatch; k, _ = c.Next() {
					if len(k) != 8 {
						return tx.Damaged(fmt.Errorf("the active index holds a stray key %q", k))
					}
					if err := fn(tx, binary.BigEndian.Uint64(k)); err != nil {
						return err
					}
					n++
				}
				if k == nil {
					done = true
				} else {
					from = binary.BigEndian.Uint64(k)
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
	// The references the prompts name, from the listing's first
	// transaction.
	err = read(func(tx *store.Tx) error {
		var err error
		e, err = s.engineIn(tx, now)
		return err
	})
	if err != nil {
		return nil, err
	}
	day = e.NewDay(now)
	// What every application's prompts need of the others.
	err = each(func(tx *store.Tx, id uint64) error {
		o, err := own(tx, id, true)
		if err == nil {
			day.Note(o)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	// The rank of each open application: a few numbers each.
	type ranked struct {
		id    uint64
		group int8 // 0: something due or overdue, 1: a prompt later, 2: none
		due   stages.Date
	}
	var order []ranked
	closedNext = map[uint64]stages.Prompt{}
	err = each(func(tx *store.Tx, id uint64) error {
		o, err := own(tx, id, false)
		if err != nil {
			return err
		}
		if o.Outcome != stages.Open {
			if ps := day.Of(o); len(ps) > 0 {
				closedNext[id] = ps[0]
			}
			return nil
		}
		r := ranked{id: id, group: 2}
		if ps := day.Of(o); len(ps) > 0 {
			r.group, r.due = 1, ps[0].Due
			if ps[0].Status == stages.Due || ps[0].Status == stages.Overdue {
				r.group = 0
			}
		}
		order = append(order, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The closed applications whose prompts still show, from the records
	// the index keeps of them (as Today reads them), or worked out where
	// a record is not of this context.
	err = read(func(tx *store.Tx) error {
		c := tx.Bucket(bucketLapsing).Cursor()
		var o stages.Own
		for k, rec := c.Seek([]byte(stages.DateOf(now).String())); k != nil; k, rec = c.Next() {
			if len(k) != len("2006-01-02")+8 {
				return tx.Damaged(fmt.Errorf("the index of closed applications holds a stray key %q", k))
			}
			id := binary.BigEndian.Uint64(k[len(k)-8:])
			op := &o
			if !ownValid(rec, ctx) || decodeOwnInto(&o, rec[9:], s.zone) != nil {
				a, err := tx.App(id)
				if err != nil {
					return err
				}
				o = e.Own(&a)
			}
			op.ID = id
			if ps := day.Of(op); len(ps) > 0 {
				closedNext[id] = ps[0]
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(order, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(a.group, b.group), a.due.Compare(b.due), cmp.Compare(a.id, b.id))
	})
	// The applications, a batch at a time, with the file closed while fn
	// writes them out.
	for len(order) > 0 {
		batch := order[:min(openBatch, len(order))]
		order = order[len(batch):]
		var apps []stages.Application
		next := make([]*stages.Prompt, len(batch))
		err := read(func(tx *store.Tx) error {
			ids := make([]uint64, len(batch))
			for i, r := range batch {
				ids[i] = r.id
				// The next prompt from the cached record (the
				// application's own when there is none).
				o, err := own(tx, r.id, false)
				if err != nil {
					return err
				}
				if ps := day.Of(o); len(ps) > 0 {
					next[i] = &ps[0]
				}
			}
			var err error
			apps, err = tx.Apps(ids)
			return err
		})
		if err != nil {
			return nil, err
		}
		for i := range apps {
			if err := fn(&apps[i], next[i]); err != nil {
				return nil, err
			}
		}
	}
	return closedNext, nil
}
