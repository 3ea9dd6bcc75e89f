package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"afterview/internal/outfile"
	"afterview/stages"
)

// SetName writes name as [me] name in the file at path, keeping every
// other line and comment as it was: an uncommented name line in [me] is
// replaced, else the line goes right under the [me] header, else a [me]
// table is added at the end. A missing file starts from Example. The new
// text is parsed before it replaces the old, and it replaces it by a
// rename (of the file a symbolic link points to, so that the link stays:
// outfile.Scratch), so that a failure leaves the file as it was.
func SetName(path, name string) error {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return errors.New("the name is empty")
	case len([]rune(name)) > stages.MaxNameLen:
		return fmt.Errorf("the name is %d characters, more than %d", len([]rune(name)), stages.MaxNameLen)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return errors.New("the name holds a control character")
	}
	data, err := readFile(path)
	mode := os.FileMode(0o600)
	switch {
	case errors.Is(err, os.ErrNotExist):
		data = []byte(Example)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return fmt.Errorf("cannot make the folder for %s: %v", path, unwrapPath(err))
		}
	case err != nil:
		return err
	default:
		if info, err := os.Stat(path); err == nil {
			mode = info.Mode().Perm()
		}
	}
	text := withName(string(data), `name = "`+strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(name)+`"`)
	if _, err := Parse(path, []byte(text)); err != nil {
		return fmt.Errorf("cannot add your name to %s: %v; add it yourself with 'afterview config edit'", path, err)
	}
	return replaceFile(path, []byte(text), mode)
}

// withName puts line, a name = "..." line, in text's [me] table.
func withName(text, line string) string {
	lines := strings.SplitAfter(text, "\n")
	me := -1
	for i, l := range lines {
		t := strings.TrimSpace(stripComment(l))
		if strings.HasPrefix(t, "[") {
			if me >= 0 {
				break // the next table: [me] has no name line
			}
			if t == "[me]" {
				me = i
			}
			continue
		}
		if me >= 0 {
			if k, _, ok := strings.Cut(t, "="); ok && strings.TrimSpace(k) == "name" {
				lines[i] = leading(l) + line + "\n"
				return strings.Join(lines, "")
			}
		}
	}
	if me < 0 {
		if text != "" && !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		return text + "\n[me]\n" + line + "\n"
	}
	if !strings.HasSuffix(lines[me], "\n") {
		lines[me] += "\n"
	}
	return strings.Join(lines[:me+1], "") + line + "\n" + strings.Join(lines[me+1:], "")
}

// stripComment drops a line's comment; a # inside a quoted value is
// rare enough in a [me] name line to read it as a comment all the same,
// which only makes SetName add a line where it could have replaced one.
func stripComment(l string) string {
	before, _, _ := strings.Cut(l, "#")
	return before
}

func leading(l string) string { return l[:len(l)-len(strings.TrimLeft(l, " \t"))] }

// replaceFile writes data to a new file beside path (outfile's scratch
// file, with path's mode) and renames it over path: the old file stays
// whole until the new one is.
func replaceFile(path string, data []byte, mode os.FileMode) error {
	f, err := outfile.Scratch(path, "the configuration file")
	if err != nil {
		return err
	}
	defer f.Abort()
	if _, err := f.Write(data); err != nil {
		return f.Fail(err)
	}
	if err := f.Chmod(mode); err != nil {
		return f.Fail(err)
	}
	return f.Commit()
}
