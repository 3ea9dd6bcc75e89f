package gen

import (
	"fmt"
	"reflect"
	"time"

	"afterview/stages"
)

// Filler sets every exported field of a value, at every depth, to a value
// that is not zero (so that no omitempty drops it) and differs from field
// to field and from one call to the next. The codecs' tests use it to hold
// a codec to every field of the types it speaks: a field added later is
// filled too, and a codec that forgets it fails its test.
type Filler struct{ n int }

// Fill fills *ptr. A field of a type it does not know is an error that
// names the field: teach Fill a value of that type.
func (f *Filler) Fill(ptr any) error {
	v := reflect.ValueOf(ptr)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return fmt.Errorf("Fill needs a pointer, not %T", ptr)
	}
	return f.fill(v.Elem(), v.Elem().Type().Name())
}

func (f *Filler) fill(v reflect.Value, path string) error {
	f.n++
	n := f.n
	switch v.Type() {
	case reflect.TypeFor[time.Time]():
		zone := time.FixedZone("", -5*3600+(n%4)*1800)
		v.Set(reflect.ValueOf(time.Date(2026, 11, 1+n%28, 9, n%60, 7, 1000*n, zone)))
		return nil
	case reflect.TypeFor[stages.Date]():
		v.Set(reflect.ValueOf(stages.NewDate(2026, 12, 1+n%28)))
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("%s №%d", path, n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(1000 + n))
	case reflect.Uint64:
		v.SetUint(uint64(2000 + n))
	case reflect.Float64:
		v.SetFloat(float64(n) + 0.25)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		return f.fill(v.Elem(), path)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			if err := f.fill(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if fd := v.Type().Field(i); fd.IsExported() {
				if err := f.fill(v.Field(i), path+"."+fd.Name); err != nil {
					return err
				}
			}
		}
	default:
		return fmt.Errorf("%s: Fill does not know %s; teach it a value of this type", path, v.Type())
	}
	return nil
}
