// Package codec reads the JSON afterview writes, fast where it is read
// most: FastDecode (and UnmarshalApp, which falls back on encoding/json)
// decodes one stored application exactly as encoding/json would. It is the
// one hand-written JSON path of the program, kept because it pays at the
// sizes users have: at 10,000 applications `list` and the UI's full load
// take half the time or less with it, `export` and `import` a third less
// (BENCHMARKS.md, "Codecs"). It speaks the types of
// package stages and nothing else of ours: package store uses it for its
// records and its import. TestFastDecodeCoversEveryField holds it to
// encoding/json for every field of the types and every kind of event;
// the tests on real records (TestFastDecodeMatchesEncodingJSON,
// FuzzFastDecode) live in store, beside the fixtures.
package codec
