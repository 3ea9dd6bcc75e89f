package stages_test

import (
	"reflect"
	"testing"

	"afterview/stages"
)

// Neither an application nor an Own carries settings: what depends on
// them takes them as a parameter or from an Engine, so a caller that
// forgets them does not compile. A hidden pointer, as there once was
// (Settings.Bind), gave the defaults in silence to whoever forgot.
func TestNoSettingsHideInARecord(t *testing.T) {
	hidden := map[reflect.Type]bool{
		reflect.TypeFor[*stages.Settings](): true,
		reflect.TypeFor[*stages.Calendar](): true,
		reflect.TypeFor[stages.Engine]():    true,
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[stages.Application](), reflect.TypeFor[stages.Own](), reflect.TypeFor[stages.OwnPrompt]()} {
		for f := range typ.Fields() {
			if hidden[f.Type] {
				t.Errorf("%s.%s holds %s: pass the settings instead (a parameter, or a stages.Engine)", typ.Name(), f.Name, f.Type)
			}
		}
	}
}
