package config

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// position is a line and column in the file, both from 1.
type position struct{ line, col int }

// locations maps every key of a document, as a path ("rules.follow_up_due",
// "calendar.days_off[1]", "process[0].stage.team match"), to where its value
// starts, so that a value found wrong after decoding can be reported at its
// line and column. A table's own path maps to its header.
type locations map[string]position

// walk is what one pass over a document finds.
type walk struct {
	locs locations
	// unknown are the keys the file may not have (see unknownAt), in the
	// order of the file.
	unknown []Problem
	// ignore are the byte ranges [from, to) of the lines that hold them,
	// with the keys of a table that is itself unknown: the decoder is
	// given the document with these blanked (see blank).
	ignore [][2]int
}

// locate walks the document once. It stops at the first syntax error,
// which the decoder reports.
//
// The TOML library finds unknown keys too, but it works out each one's
// line by counting from the top of the file, and looks for each key among
// all those seen before it: 60,000 unknown keys took minutes. Here each
// line is found in a table of where lines start, and the decoder never
// sees the unknown keys.
func locate(doc []byte) walk {
	w := walk{locs: locations{}}
	lines := []int{0} // where each line starts
	for i := 0; ; {
		j := bytes.IndexByte(doc[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		lines = append(lines, i)
	}
	posAt := func(offset int) position {
		line := sort.SearchInts(lines, offset+1) // the lines starting at or before offset
		return position{line, offset - lines[line-1] + 1}
	}
	var p unstable.Parser
	p.Reset(doc)
	arrays := map[string]int{} // array-of-tables path -> elements so far
	resolve := func(parts []string) string {
		cur := ""
		for _, part := range parts {
			if cur != "" {
				cur += "."
			}
			cur += part
			if n, ok := arrays[cur]; ok {
				cur += fmt.Sprintf("[%d]", n-1)
			}
		}
		return cur
	}
	at := func(n *unstable.Node) position { return posAt(int(n.Raw.Offset)) }
	keyParts := func(n *unstable.Node) ([]string, position) {
		var parts []string
		var first position
		it := n.Key()
		for it.Next() {
			if parts == nil {
				first = at(it.Node())
			}
			parts = append(parts, string(it.Node().Data))
		}
		return parts, first
	}
	// check notes the first part of key the file may not have, at pos,
	// and says whether there is one.
	check := func(key []string, pos position) bool {
		i := unknownAt(key)
		if i >= 0 {
			w.unknown = append(w.unknown, Problem{pos.line, pos.col, unknownKey(key[:i+1])})
		}
		return i >= 0
	}
	// checkValue checks the keys of an inline table, and of the inline
	// tables in an array ([[process]] may be written process = [{...}]).
	var checkValue func(key []string, v *unstable.Node)
	checkValue = func(key []string, v *unstable.Node) {
		switch v.Kind {
		case unstable.InlineTable:
			it := v.Children()
			for it.Next() {
				kv := it.Node()
				parts, pos := keyParts(kv)
				full := append(key[:len(key):len(key)], parts...)
				if !check(full, pos) {
					checkValue(full, kv.Value())
				}
			}
		case unstable.Array:
			it := v.Children()
			for it.Next() {
				checkValue(key, it.Node())
			}
		}
	}
	prefix := ""
	var table []string // the current table's key
	inUnknown := false // the current table is unknown: its keys go unsaid
	ignoreFrom := -1   // where the lines of unknown keys began, if they go on
	ignore := func(from, to int) {
		if n := len(w.ignore); n > 0 && w.ignore[n-1][1] == from {
			w.ignore[n-1][1] = to
			return
		}
		w.ignore = append(w.ignore, [2]int{from, to})
	}
	for p.NextExpression() {
		e := p.Expression()
		parts, pos := keyParts(e)
		// Every expression starts a line: the lines before it, from the
		// last unknown key's, are that key's.
		start := lines[pos.line-1]
		if ignoreFrom >= 0 {
			ignore(ignoreFrom, start)
			ignoreFrom = -1
		}
		unknown := false
		switch e.Kind {
		case unstable.Table:
			table, inUnknown = parts, check(parts, pos)
			unknown = inUnknown
			prefix = resolve(parts)
			w.locs[prefix] = pos
		case unstable.ArrayTable:
			table, inUnknown = parts, check(parts, pos)
			unknown = inUnknown
			base := resolve(parts[:len(parts)-1])
			if base != "" {
				base += "."
			}
			base += parts[len(parts)-1]
			arrays[base]++
			prefix = fmt.Sprintf("%s[%d]", base, arrays[base]-1)
			w.locs[prefix] = pos
		case unstable.KeyValue:
			full := append(table[:len(table):len(table)], parts...)
			switch {
			case inUnknown:
				unknown = true
			case check(full, pos):
				unknown = true
			default:
				checkValue(full, e.Value())
				// Only known keys are looked up: an unknown one has said
				// all there is to say.
				path := strings.Join(parts, ".")
				if prefix != "" {
					path = prefix + "." + path
				}
				w.locs.value(path, e.Value(), pos, at)
			}
		}
		if unknown {
			ignoreFrom = start
		}
	}
	// After a syntax error the rest is left as it is, for the decoder to
	// report.
	if ignoreFrom >= 0 && p.Error() == nil {
		ignore(ignoreFrom, len(doc))
	}
	return w
}

// blank returns a copy of doc with the ranges blanked: every byte but the
// ends of lines made a space, so that every other byte keeps its line and
// column. Without ranges it returns doc.
func blank(doc []byte, ranges [][2]int) []byte {
	if len(ranges) == 0 {
		return doc
	}
	out := bytes.Clone(doc)
	for _, r := range ranges {
		for i := r[0]; i < r[1]; i++ {
			if out[i] != '\n' && out[i] != '\r' {
				out[i] = ' '
			}
		}
	}
	return out
}

// unknownAt returns the index of the first part of a key ("process",
// "stage", "team match", "task") that the file may not have there, or -1.
// As the decoder does, it takes "Holidays" for "holidays". Past a value
// that is not a table it looks no further: a value of the wrong type is
// the decoder's to report.
func unknownAt(key []string) int {
	table := ""
	for i := 0; i < len(key); i++ {
		k := strings.ToLower(key[i])
		if !slices.Contains(keys[table], k) {
			return i
		}
		switch {
		case table == "":
			// [me], [calendar], [rules], [[process]].
			table = k
		case table == "process" && k == "stage":
			// [process.stage."NAME"]: any name, then a stage's keys.
			i++
			table = "stage"
		default:
			return -1
		}
	}
	return -1
}

// value records a value's position, and its elements' when it is an array
// or inline table; keyPos stands in where the parser keeps no range.
func (locs locations) value(path string, v *unstable.Node, keyPos position, at func(*unstable.Node) position) {
	pos := keyPos
	if v.Raw.Length > 0 {
		pos = at(v)
	}
	switch v.Kind {
	case unstable.Array:
		i := 0
		it := v.Children()
		for it.Next() {
			child := fmt.Sprintf("%s[%d]", path, i)
			locs.value(child, it.Node(), keyPos, at)
			if i == 0 {
				pos = locs[child]
			}
			i++
		}
	case unstable.InlineTable:
		it := v.Children()
		for it.Next() {
			kv := it.Node()
			var parts []string
			k := kv.Key()
			for k.Next() {
				parts = append(parts, string(k.Node().Data))
			}
			locs.value(path+"."+strings.Join(parts, "."), kv.Value(), keyPos, at)
		}
	}
	locs[path] = pos
}

// find returns the position of path, or of the nearest enclosing key or
// table that has one.
func (locs locations) find(path string) (position, bool) {
	for path != "" {
		if pos, ok := locs[path]; ok {
			return pos, true
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return position{}, false
}
