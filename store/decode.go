package store

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"

	"afterview/stages"
)

// The stored applications are decoded by package codec (FastDecode, else
// encoding/json), several at a time here.

// rawApp is one stored application, not yet decoded.
type rawApp struct {
	id uint64
	v  []byte
}

// parallelFrom is the number of applications from which decoding is shared
// between the processors: below it, starting goroutines costs more than it
// saves.
const parallelFrom = 256

// decodeApps decodes stored applications in order, on every processor. The
// values may point into bbolt's memory: the caller's transaction must stay
// open until decodeApps returns; the results share nothing with it.
func (s *Store) decodeApps(raws []rawApp) ([]stages.Application, error) {
	apps := make([]stages.Application, len(raws))
	workers := min(runtime.GOMAXPROCS(0), len(raws)/parallelFrom)
	if workers <= 1 {
		for i, r := range raws {
			a, err := s.decodeApp(r.id, r.v)
			if err != nil {
				return nil, err
			}
			apps[i] = a
		}
		return apps, nil
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(raws)/workers, (w+1)*len(raws)/workers
		wg.Go(func() {
			// A damaged file can give a record a length that runs past the
			// end of the memory map. run's fault protection and recover
			// cover its own goroutine only (SetPanicOnFault is per
			// goroutine): each worker needs its own, or the fault kills
			// the program with a stack trace.
			defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
			defer func() {
				if r := recover(); r != nil {
					errs[w] = damaged(s.path, fmt.Errorf("applications %d to %d cannot be read: %v", raws[lo].id, raws[hi-1].id, r))
				}
			}()
			for i := lo; i < hi; i++ {
				a, err := s.decodeApp(raws[i].id, raws[i].v)
				if err != nil {
					errs[w] = err
					return
				}
				apps[i] = a
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return apps, nil
}
