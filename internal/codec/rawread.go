package codec

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// ReadRaw reads an export that was read and checked once already, passing the raw JSON
// of each application and of each global event, in the file's order, to
// app and global. It checks nothing: checkImport did, and the input is
// compared with what it read (importInput.again). It scans for the
// records' ends without decoding what lies between, which is several times
// faster than encoding/json's tokens.
func ReadRaw(r io.Reader, app, global func(raw []byte) error) error {
	p := &rawReader{r: bufio.NewReaderSize(r, 256<<10)}
	if c, err := p.space(); err != nil || c != '{' {
		return p.bad(err)
	}
	for {
		c, err := p.space()
		if err != nil {
			return p.bad(err)
		}
		if c == '}' {
			break
		}
		if c == ',' {
			continue
		}
		if c != '"' {
			return p.bad(nil)
		}
		p.buf = p.buf[:0]
		if err := p.value(c); err != nil {
			return p.bad(err)
		}
		var name string
		if json.Unmarshal(p.buf, &name) != nil {
			return p.bad(nil)
		}
		if c, err := p.space(); err != nil || c != ':' {
			return p.bad(err)
		}
		var visit func([]byte) error
		switch name {
		case "applications":
			visit = app
		case "global_events":
			visit = global
		}
		if err := p.list(visit); err != nil {
			return err
		}
	}
	// The rest is white space, read to the end so that the checksum
	// covers what the first reading read.
	_, err := io.Copy(io.Discard, p.r)
	return err
}

// rawReader finds the extent of JSON values in an input known to be valid.
type rawReader struct {
	r   *bufio.Reader
	buf []byte
}

func (p *rawReader) bad(err error) error {
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("reading the export again: %w", err)
	}
	return ErrChangedInput
}

// space skips white space and returns the next byte.
func (p *rawReader) space() (byte, error) {
	for {
		c, err := p.r.ReadByte()
		if err != nil {
			return 0, err
		}
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		}
		return c, nil
	}
}

// list reads the value after a key: a list whose elements go to visit
// (nil: skipped), or any other value, skipped.
func (p *rawReader) list(visit func([]byte) error) error {
	c, err := p.space()
	if err != nil {
		return p.bad(err)
	}
	if c != '[' || visit == nil {
		p.buf = p.buf[:0]
		if err := p.value(c); err != nil {
			return p.bad(err)
		}
		return nil
	}
	for {
		c, err := p.space()
		if err != nil {
			return p.bad(err)
		}
		switch c {
		case ']':
			return nil
		case ',':
			continue
		}
		p.buf = p.buf[:0]
		if err := p.value(c); err != nil {
			return p.bad(err)
		}
		if err := visit(p.buf); err != nil {
			return err
		}
	}
}

// value appends to buf the value that starts with c.
func (p *rawReader) value(c byte) error {
	p.buf = append(p.buf, c)
	switch c {
	case '"':
		return p.stringRest()
	case '{', '[':
		depth := 1
		for depth > 0 {
			chunk, err := p.r.Peek(max(1, p.r.Buffered()))
			if len(chunk) == 0 {
				return err
			}
			// Up to the next quote or bracket, copied whole.
			i := bytes.IndexAny(chunk, "\"{}[]")
			if i < 0 {
				p.buf = append(p.buf, chunk...)
				_, _ = p.r.Discard(len(chunk))
				continue
			}
			p.buf = append(p.buf, chunk[:i+1]...)
			_, _ = p.r.Discard(i + 1)
			switch chunk[i] {
			case '"':
				if err := p.stringRest(); err != nil {
					return err
				}
			case '{', '[':
				depth++
			default:
				depth--
			}
		}
		return nil
	}
	// A number, true, false or null: up to the next delimiter.
	for {
		c, err := p.r.ReadByte()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		switch c {
		case ',', ']', '}', ' ', '\t', '\n', '\r':
			return p.r.UnreadByte()
		}
		p.buf = append(p.buf, c)
	}
}

// stringRest appends the rest of a string whose opening quote was read.
func (p *rawReader) stringRest() error {
	for {
		chunk, err := p.r.Peek(max(1, p.r.Buffered()))
		if len(chunk) == 0 {
			return err
		}
		// Most of a file is inside strings: look for the quote and the
		// backslash one byte value at a time, which is vectorised.
		i := bytes.IndexByte(chunk, '"')
		if i < 0 {
			i = len(chunk)
		}
		if j := bytes.IndexByte(chunk[:i], '\\'); j >= 0 {
			i = j
		} else if i == len(chunk) {
			i = -1
		}
		if i < 0 {
			p.buf = append(p.buf, chunk...)
			_, _ = p.r.Discard(len(chunk))
			continue
		}
		p.buf = append(p.buf, chunk[:i+1]...)
		_, _ = p.r.Discard(i + 1)
		if chunk[i] == '"' {
			return nil
		}
		// An escape: the next byte is taken whatever it is.
		e, err := p.r.ReadByte()
		if err != nil {
			return err
		}
		p.buf = append(p.buf, e)
	}
}

// ErrChangedInput is what ReadRaw gives when the input is not the valid
// export it was when it was checked.
var ErrChangedInput = errors.New("nothing was imported: the file changed while it was being imported; import it again once nothing writes to it")
