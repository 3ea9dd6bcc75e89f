package codec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
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

// exportFile is an export of n generated applications, as `export` writes it.
func exportFile(b *testing.B, n int) []byte {
	b.Helper()
	var buf bytes.Buffer
	buf.WriteString(`{"format":"afterview","version":1,"applications":[`)
	for i, v := range storedRecords(b, n) {
		if i > 0 {
			buf.WriteString(",\n")
		}
		buf.Write(v)
	}
	buf.WriteString(`],"global_events":[]}`)
	return buf.Bytes()
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

func benchRaw(b *testing.B, read func(io.Reader, func([]byte) error) error) {
	for _, n := range []int{1000, 10000} {
		data := exportFile(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				count := 0
				if err := read(bytes.NewReader(data), func([]byte) error { count++; return nil }); err != nil {
					b.Fatal(err)
				}
				if count != n {
					b.Fatalf("%d records, want %d", count, n)
				}
			}
		})
	}
}

func BenchmarkReadRaw(b *testing.B) {
	benchRaw(b, func(r io.Reader, app func([]byte) error) error {
		return ReadRaw(r, app, func([]byte) error { return nil })
	})
}

// rawByTokens is ReadRaw done with encoding/json's decoder.
func rawByTokens(r io.Reader, app func([]byte) error) error {
	dec := json.NewDecoder(r)
	if _, err := dec.Token(); err != nil {
		return err
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if t != "applications" && t != "global_events" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
			continue
		}
		if _, err := dec.Token(); err != nil {
			return err
		}
		for dec.More() {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return err
			}
			if t == "applications" {
				if err := app(raw); err != nil {
					return err
				}
			}
		}
		if _, err := dec.Token(); err != nil {
			return err
		}
	}
	_, err := dec.Token()
	return err
}

func BenchmarkReadRawEncodingJSON(b *testing.B) { benchRaw(b, rawByTokens) }
