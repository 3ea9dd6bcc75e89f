package codec

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"afterview/internal/gen"
	"afterview/stages"
)

// The codec's benchmarks weigh the hand-written paths against
// encoding/json on the records afterview stores, at the sizes users have
// (BENCHMARKS.md, "Codecs"): go test -bench . -benchmem ./internal/codec/

var benchNow = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// storedRecords is what the store holds for n generated applications.
func storedRecords(b *testing.B, n int) [][]byte {
	b.Helper()
	var recs [][]byte
	for _, a := range gen.Applications(gen.Options{N: n, Seed: 1, Now: benchNow}) {
		v, err := json.Marshal(a)
		if err != nil {
			b.Fatal(err)
		}
		recs = append(recs, v)
	}
	return recs
}

func benchDecode(b *testing.B, decode func([]byte, *stages.Application) error) {
	for _, n := range []int{1000, 10000} {
		recs := storedRecords(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				for _, v := range recs {
					var a stages.Application
					if err := decode(v, &a); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

func BenchmarkDecodeFast(b *testing.B) { benchDecode(b, UnmarshalApp) }

func BenchmarkDecodeEncodingJSON(b *testing.B) {
	benchDecode(b, func(v []byte, a *stages.Application) error { return json.Unmarshal(v, a) })
}
