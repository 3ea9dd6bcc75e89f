// Package codec reads the JSON afterview writes, fast where it is read
// most: FastDecode (and UnmarshalApp, which falls back on encoding/json)
// decodes one stored application exactly as encoding/json would, and
// ReadRaw finds the records of an export that was already checked without
// decoding them, for the import's second reading. It speaks the types of
// package stages and nothing else of ours: package store uses it for its
// records and its import. The tests that hold it to encoding/json's
// answers (TestFastDecodeMatchesEncodingJSON, FuzzFastDecode,
// TestReadRawFindsEveryRecord) live in store, beside the fixtures that set
// every field.
package codec
