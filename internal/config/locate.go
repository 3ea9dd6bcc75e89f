package config

import (
	"fmt"
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

// locate walks the document once. It expects a document that parses (the
// decoder has already said so); it stops at the first syntax error.
func locate(doc []byte) locations {
	locs := locations{}
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
	at := func(n *unstable.Node) position {
		s := p.Shape(n.Raw)
		return position{s.Start.Line, s.Start.Column}
	}
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
	prefix := ""
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table:
			parts, pos := keyParts(e)
			prefix = resolve(parts)
			locs[prefix] = pos
		case unstable.ArrayTable:
			parts, pos := keyParts(e)
			base := resolve(parts[:len(parts)-1])
			if base != "" {
				base += "."
			}
			base += parts[len(parts)-1]
			arrays[base]++
			prefix = fmt.Sprintf("%s[%d]", base, arrays[base]-1)
			locs[prefix] = pos
		case unstable.KeyValue:
			parts, pos := keyParts(e)
			path := strings.Join(parts, ".")
			if prefix != "" {
				path = prefix + "." + path
			}
			locs.value(path, e.Value(), pos, at)
		}
	}
	return locs
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
