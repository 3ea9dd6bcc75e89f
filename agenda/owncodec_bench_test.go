package agenda

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"afterview/internal/gen"
	"afterview/stages"
)

// The prompt cache's record codec against encoding/json on the same Owns
// (BENCHMARKS.md, "Codecs"): what `today` reads for every application in
// play, at 10,000 applications all open.
func benchOwns(b *testing.B) (recs, jsons [][]byte) {
	b.Helper()
	apps := gen.Applications(gen.Options{N: 10000, Seed: 1, Now: genNow, AllOpen: true})
	for i := range apps {
		o := stages.NewEngine(nil, time.UTC).Own(&apps[i])
		recs = append(recs, encodeOwn(1, &o)[9:])
		v, err := json.Marshal(&o)
		if err != nil {
			b.Fatal(err)
		}
		jsons = append(jsons, v)
	}
	return recs, jsons
}

func BenchmarkOwnDecode(b *testing.B) {
	recs, jsons := benchOwns(b)
	size := func(vs [][]byte) (n int) {
		for _, v := range vs {
			n += len(v)
		}
		return n
	}
	b.Run(fmt.Sprintf("record-%dB", size(recs)), func(b *testing.B) {
		var o stages.Own
		for b.Loop() {
			for _, v := range recs {
				if err := decodeOwnInto(&o, v, time.UTC); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("head", func(b *testing.B) {
		var o stages.Own
		var n int
		for b.Loop() {
			for _, v := range recs {
				if err := decodeOwnHead(&o, &n, v); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run(fmt.Sprintf("encoding-json-%dB", size(jsons)), func(b *testing.B) {
		for b.Loop() {
			for _, v := range jsons {
				var o stages.Own
				if err := json.Unmarshal(v, &o); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
