//go:build goexperiment.jsonv2

package codec

import (
	jsonv2 "encoding/json/v2"
	"testing"

	"afterview/stages"
)

// With GOEXPERIMENT=jsonv2, the same decoding by encoding/json/v2.
func BenchmarkDecodeJSONv2(b *testing.B) {
	benchDecode(b, func(v []byte, a *stages.Application) error { return jsonv2.Unmarshal(v, a) })
}
