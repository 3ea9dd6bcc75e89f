package tui

// rowCache keeps the rows a list drew, so that moving the cursor redraws the
// two rows whose selection changed instead of every row on the page: styling
// a row cell by cell is most of a frame's cost. A row is a pure function of
// the snapshot, the styles, the list's column layout, the row and whether it
// is selected; the first three make the cache's key, and a change of any of
// them empties it.
//
// The cache sits behind a pointer so that the copies of a model Bubble Tea
// passes around share it; they all run on the program's one goroutine.
type rowCache struct {
	data   *data
	styles int
	layout any // comparable: the list's column widths
	rows   map[rowID]string
}

type rowID struct {
	index    int
	selected bool
}

// rowCacheMax bounds the cache: scrolling through thousands of rows keeps
// only about the latest pages.
const rowCacheMax = 512

// row returns the drawn row, calling draw when it is not cached.
func (rc *rowCache) row(c *programContext, layout any, index int, selected bool, draw func() string) string {
	if rc == nil {
		return draw()
	}
	if rc.data != c.data || rc.styles != c.styleGen || rc.layout != layout || rc.rows == nil || len(rc.rows) >= rowCacheMax {
		rc.data, rc.styles, rc.layout = c.data, c.styleGen, layout
		rc.rows = make(map[rowID]string, 64)
	}
	id := rowID{index, selected}
	if s, ok := rc.rows[id]; ok {
		return s
	}
	s := draw()
	rc.rows[id] = s
	return s
}
