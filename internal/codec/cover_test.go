package codec

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"afterview/stages"
)

// fill sets every exported field of v, at every depth, to a value that is
// not zero (so that no omitempty drops it), different from field to field.
// A type it does not know fails the test: a new field of a new type is
// then taught here, not silently left out.
func fill(t *testing.T, v reflect.Value, path string, n *int) {
	t.Helper()
	*n++
	switch v.Type() {
	case reflect.TypeFor[time.Time]():
		zone := time.FixedZone("", -5*3600+(*n%4)*1800)
		v.Set(reflect.ValueOf(time.Date(2026, 11, 1+*n%28, 9, *n%60, 7, 1000**n, zone)))
		return
	case reflect.TypeFor[stages.Date]():
		v.Set(reflect.ValueOf(stages.NewDate(2026, 12, 1+*n%28)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("%s №%d", path, *n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(1000 + *n))
	case reflect.Uint64:
		v.SetUint(uint64(2000 + *n))
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.25)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(t, v.Elem(), path, n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(t, v.Index(i), fmt.Sprintf("%s[%d]", path, i), n)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				fill(t, v.Field(i), path+"."+f.Name, n)
			}
		}
	default:
		t.Fatalf("%s: fill does not know %s; teach it a value of this type", path, v.Type())
	}
}

// TestFastDecodeCoversEveryField: an application with every field of every
// type it holds set, and an event of every kind of stages.EventKinds with
// every field of an event set, is decoded by the fast path, to exactly what
// encoding/json gives. A field added to the types, or a kind, that the
// decoder does not know fails here (the decoder gives up on an unknown key
// and encoding/json would then decode every such record, slowly).
func TestFastDecodeCoversEveryField(t *testing.T) {
	var a stages.Application
	n := 0
	fill(t, reflect.ValueOf(&a).Elem(), "application", &n)
	a.Events = nil
	for _, k := range stages.EventKinds {
		var e stages.Event
		fill(t, reflect.ValueOf(&e).Elem(), "event", &n)
		e.Kind = k
		a.Events = append(a.Events, e)
	}
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var want, got stages.Application
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if !FastDecode(data, &got) {
		t.Fatalf("the fast path gave up on a record encoding/json reads: teach internal/codec/decode.go the new field\n%s", data)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("the fast path decodes\n%+v\nencoding/json\n%+v", got, want)
	}
	// Each field alone, the others at their zero values (the store
	// always writes a list of events, empty or not).
	zero := stages.Application{Events: []stages.Event{}}
	for i := range reflect.TypeFor[stages.Application]().NumField() {
		f := reflect.TypeFor[stages.Application]().Field(i)
		if !f.IsExported() {
			continue
		}
		one := zero
		reflect.ValueOf(&one).Elem().Field(i).Set(reflect.ValueOf(a).Field(i))
		sameDecoding(t, f.Name, one)
	}
}

func sameDecoding(t *testing.T, what string, a stages.Application) {
	t.Helper()
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var want, got stages.Application
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if !FastDecode(data, &got) {
		t.Fatalf("%s: the fast path gave up on\n%s", what, data)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: the fast path decodes\n%+v\nencoding/json\n%+v", what, got, want)
	}
}
