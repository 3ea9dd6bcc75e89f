package codec

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"
	"unicode/utf8"

	"afterview/stages"
)

// Reading back every application is what the TUI's first frame, `list` and
// the export wait on, and encoding/json spends most of that time on
// reflection and on a validating pass before it decodes. FastDecode reads
// the JSON that the store writes directly, several applications at a time. It
// is exact or it gives up: on anything it does not expect (an unknown or
// repeated field, a null, an escaped string it cannot take as it is) it
// reports false and the caller decodes with encoding/json, so the result
// is always what json.Unmarshal gives (TestFastDecodeMatchesEncodingJSON,
// FuzzFastDecode).

// UnmarshalApp decodes one stored application, the fast way when it can.
func UnmarshalApp(v []byte, a *stages.Application) error {
	if FastDecode(v, a) {
		return nil
	}
	*a = stages.Application{}
	return json.Unmarshal(v, a)
}

// FastDecode decodes data into a (which must be zero) and reports whether
// it could; on false, a holds garbage.
func FastDecode(data []byte, a *stages.Application) bool {
	d := decoder{data: data}
	ok := d.application(a)
	d.space()
	return ok && d.pos == len(d.data)
}

// kindKey starts every event (and nothing else in an application).
var kindKey = []byte(`"kind":`)

type decoder struct {
	data []byte
	pos  int
}

func (d *decoder) space() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// next skips white space and reports whether the next byte is c, taking it
// if so.
func (d *decoder) next(c byte) bool {
	d.space()
	if d.pos < len(d.data) && d.data[d.pos] == c {
		d.pos++
		return true
	}
	return false
}

// object reads an object, calling field for each key; field reads the
// value and returns the field's number (below 64) and whether it could. A
// key seen twice gives up (json.Unmarshal would merge the two).
func (d *decoder) object(field func(key []byte) (uint, bool)) bool {
	if !d.next('{') {
		return false
	}
	if d.next('}') {
		return true
	}
	var seen uint64
	for {
		key, ok := d.rawString()
		if !ok || !d.next(':') {
			return false
		}
		n, ok := field(key)
		if !ok || seen&(1<<n) != 0 {
			return false
		}
		seen |= 1 << n
		if d.next(',') {
			continue
		}
		return d.next('}')
	}
}

// array reads an array, calling elem for each element. An empty array is
// reported with empty true (json.Unmarshal makes an empty, non-nil slice).
func (d *decoder) array(elem func() bool) (empty, ok bool) {
	if !d.next('[') {
		return false, false
	}
	if d.next(']') {
		return true, true
	}
	for {
		if !elem() {
			return false, false
		}
		if d.next(',') {
			continue
		}
		return false, d.next(']')
	}
}

// rawString reads a string with no escapes and valid UTF-8, without its
// quotes. The bytes point into the input.
func (d *decoder) rawString() ([]byte, bool) {
	if !d.next('"') {
		return nil, false
	}
	start := d.pos
	ascii := true
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			s := d.data[start:d.pos]
			d.pos++
			return s, ascii || utf8.Valid(s)
		case c == '\\' || c < 0x20:
			return nil, false
		case c >= 0x80:
			ascii = false
		}
		d.pos++
	}
	return nil, false
}

// str reads a string value. Escaped strings (a note with a line break, an
// ampersand) are left to encoding/json, for this string only.
func (d *decoder) str(out *string) bool {
	d.space()
	save := d.pos
	if s, ok := d.rawString(); ok {
		*out = intern(s)
		return true
	}
	d.pos = save
	end, ok := d.stringEnd()
	if !ok {
		return false
	}
	var s string // out itself would escape to the heap, on the fast path too
	if json.Unmarshal(d.data[save:end], &s) != nil {
		return false
	}
	*out = s
	d.pos = end
	return true
}

// stringEnd finds the end of the string literal at pos (after its closing
// quote), escapes included.
func (d *decoder) stringEnd() (int, bool) {
	i := d.pos
	if i >= len(d.data) || d.data[i] != '"' {
		return 0, false
	}
	for i++; i < len(d.data); i++ {
		switch d.data[i] {
		case '\\':
			i++
		case '"':
			return i + 1, true
		}
	}
	return 0, false
}

// common holds the strings that repeat across applications (kinds, stages,
// processes, outcomes), so that decoding them allocates nothing.
var common = func() map[string]string {
	m := map[string]string{}
	add := func(s string) { m[s] = s }
	for _, k := range stages.EventKinds {
		add(string(k))
	}
	for _, o := range stages.Outcomes {
		add(string(o))
	}
	for _, name := range stages.TemplateNames() {
		add(name)
		for _, st := range stages.TemplateFor(name).StageNames() {
			add(st)
		}
	}
	return m
}()

func intern(b []byte) string {
	if s, ok := common[string(b)]; ok {
		return s
	}
	return string(b)
}

func (d *decoder) time(out *time.Time) bool {
	d.space()
	end, ok := d.stringEnd()
	if !ok || out.UnmarshalJSON(d.data[d.pos:end]) != nil {
		return false
	}
	d.pos = end
	return true
}

func (d *decoder) date(out *stages.Date) bool {
	var s string
	return d.str(&s) && out.UnmarshalText([]byte(s)) == nil
}

// number reads a JSON number's text.
func (d *decoder) number() (string, bool) {
	d.space()
	start := d.pos
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		if (c < '0' || c > '9') && c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E' {
			break
		}
		d.pos++
	}
	s := string(d.data[start:d.pos])
	return s, isJSONNumber(s)
}

func (d *decoder) uint64(out *uint64) bool {
	s, ok := d.number()
	if !ok {
		return false
	}
	n, err := strconv.ParseUint(s, 10, 64)
	*out = n
	return err == nil
}

func (d *decoder) int64(out *int64) bool {
	s, ok := d.number()
	if !ok {
		return false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	*out = n
	return err == nil
}

// null reads a JSON null, if that is what comes next.
func (d *decoder) null() bool {
	d.space()
	if bytes.HasPrefix(d.data[d.pos:], []byte("null")) {
		d.pos += 4
		return true
	}
	return false
}

// optInt64 reads an amount that may be null (not given).
func (d *decoder) optInt64(out **int64) bool {
	if d.null() {
		*out = nil
		return true
	}
	*out = new(int64)
	return d.int64(*out)
}

func (d *decoder) int(out *int) bool {
	var n int64
	if !d.int64(&n) || int64(int(n)) != n {
		return false
	}
	*out = int(n)
	return true
}

func (d *decoder) float(out *float64) bool {
	s, ok := d.number()
	if !ok {
		return false
	}
	f, err := strconv.ParseFloat(s, 64)
	*out = f
	return err == nil
}

// isJSONNumber follows the JSON grammar, which strconv is more lenient than
// ("+1", "0x10", "1_000").
func isJSONNumber(s string) bool {
	i := 0
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

func (d *decoder) strings(out *[]string) bool {
	var list []string
	empty, ok := d.array(func() bool {
		var s string
		if !d.str(&s) {
			return false
		}
		list = append(list, s)
		return true
	})
	if empty {
		list = []string{}
	}
	*out = list
	return ok
}

func (d *decoder) application(a *stages.Application) bool {
	return d.object(func(key []byte) (uint, bool) {
		switch string(key) {
		case "id":
			return 0, d.uint64(&a.ID)
		case "company":
			return 1, d.str(&a.Company)
		case "role":
			return 2, d.str(&a.Role)
		case "process":
			return 3, d.str(&a.Process)
		case "stage":
			return 4, d.str(&a.Stage)
		case "outcome":
			return 5, d.str((*string)(&a.Outcome))
		case "interviewed":
			return 6, d.time(&a.Interviewed)
		case "interviewers":
			return 7, d.strings(&a.Interviewers)
		case "recruiter":
			return 8, d.str(&a.Recruiter)
		case "expect":
			return 9, d.date(&a.Expect)
		case "notes":
			return 10, d.str(&a.Notes)
		case "offer":
			a.Offer = new(stages.Offer)
			return 11, d.offer(a.Offer)
		case "created":
			return 12, d.time(&a.Created)
		case "events":
			return 13, d.events(&a.Events)
		case "contacts":
			return 14, d.people(&a.Contacts)
		}
		return 0, false
	})
}

func (d *decoder) people(out *[]stages.Person) bool {
	var people []stages.Person
	empty, ok := d.array(func() bool {
		people = append(people, stages.Person{})
		p := &people[len(people)-1]
		return d.object(func(key []byte) (uint, bool) {
			switch string(key) {
			case "name":
				return 0, d.str(&p.Name)
			case "role":
				return 1, d.str((*string)(&p.Role))
			case "email":
				return 2, d.str(&p.Email)
			case "phone":
				return 3, d.str(&p.Phone)
			case "link":
				return 4, d.str(&p.Link)
			case "note":
				return 5, d.str(&p.TalkedAbout)
			}
			return 0, false
		})
	})
	if empty {
		people = []stages.Person{}
	}
	*out = people
	return ok
}

func (d *decoder) events(out *[]stages.Event) bool {
	// Sized once: events are large, and growing the slice as they come
	// made half the garbage of a snapshot.
	events := make([]stages.Event, 0, bytes.Count(d.data[d.pos:], kindKey))
	empty, ok := d.array(func() bool {
		events = append(events, stages.Event{})
		return d.event(&events[len(events)-1])
	})
	if !ok {
		return false
	}
	if empty {
		events = []stages.Event{}
	}
	*out = events
	return true
}

func (d *decoder) event(e *stages.Event) bool {
	return d.object(func(key []byte) (uint, bool) {
		switch string(key) {
		case "kind":
			return 0, d.str((*string)(&e.Kind))
		case "at":
			return 1, d.time(&e.At)
		case "person":
			return 2, d.str(&e.Person)
		case "stage":
			return 3, d.str(&e.Stage)
		case "outcome":
			return 4, d.str((*string)(&e.Outcome))
		case "note":
			return 5, d.str(&e.Note)
		case "offer":
			e.Offer = new(stages.Offer)
			return 6, d.offer(e.Offer)
		case "prompt":
			return 7, d.str(&e.Prompt)
		case "until":
			return 8, d.date(&e.Until)
		case "expect":
			return 9, d.date(&e.Expect)
		case "told":
			return 10, d.told(&e.Told)
		case "reneged":
			return 11, d.told(&e.Reneged)
		}
		return 0, false
	})
}

// told reads the offers a told event names.
func (d *decoder) told(out *[]stages.ToldOffer) bool {
	var told []stages.ToldOffer
	empty, ok := d.array(func() bool {
		told = append(told, stages.ToldOffer{})
		t := &told[len(told)-1]
		return d.object(func(key []byte) (uint, bool) {
			switch string(key) {
			case "app":
				return 0, d.uint64(&t.App)
			case "company":
				return 1, d.str(&t.Company)
			}
			return 0, false
		})
	})
	if empty {
		told = []stages.ToldOffer{}
	}
	*out = told
	return ok
}

func (d *decoder) offer(o *stages.Offer) bool {
	return d.object(func(key []byte) (uint, bool) {
		switch string(key) {
		case "currency":
			return 0, d.str(&o.Currency)
		case "base":
			return 1, d.optInt64(&o.Base)
		case "bonus":
			return 2, d.optInt64(&o.Bonus)
		case "bonus_percent":
			if d.null() {
				return 3, true
			}
			o.BonusPercent = new(float64)
			return 3, d.float(o.BonusPercent)
		case "sign_on":
			return 4, d.optInt64(&o.SignOn)
		case "stock":
			return 5, d.optInt64(&o.Stock)
		case "vest_years":
			return 6, d.int(&o.VestYears)
		case "vest_schedule":
			var list []float64
			empty, ok := d.array(func() bool {
				var f float64
				if !d.float(&f) {
					return false
				}
				list = append(list, f)
				return true
			})
			if empty {
				list = []float64{}
			}
			o.VestSchedule = list
			return 7, ok
		case "deadline":
			return 8, d.date(&o.Deadline)
		case "received":
			return 9, d.time(&o.Received)
		case "deadline_time":
			return 10, d.str(&o.DeadlineTime)
		}
		return 0, false
	})
}
