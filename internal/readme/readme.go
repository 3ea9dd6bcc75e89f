// Package readme keeps the screen samples of the README and of docs/ true:
// each sample is a fenced block right after a marker line
//
//	<!-- sample: NAME -->
//
// and the tests that print the screens compare them with the block (and,
// with -update, rewrite the block). Errors and differences name the file,
// so a sample moved from one document to another is found by its path.
package readme

import (
	"fmt"
	"os"
	"strings"
)

const marker = "<!-- sample: %s -->"

// Sample returns the text of the block after NAME's marker.
func Sample(doc, name string) (string, error) {
	start, end, err := block(doc, name)
	if err != nil {
		return "", err
	}
	return doc[start:end], nil
}

// Replace puts text into NAME's block.
func Replace(doc, name, text string) (string, error) {
	start, end, err := block(doc, name)
	if err != nil {
		return "", err
	}
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	return doc[:start] + text + doc[end:], nil
}

// block finds the lines between the fences after NAME's marker.
func block(doc, name string) (start, end int, err error) {
	m := fmt.Sprintf(marker, name)
	i := strings.Index(doc, m)
	if i < 0 {
		return 0, 0, fmt.Errorf("no %q marker", m)
	}
	rest := doc[i+len(m):]
	open := strings.Index(rest, "```")
	if open < 0 || strings.TrimSpace(rest[:open]) != "" {
		return 0, 0, fmt.Errorf("%q is not followed by a ``` block", m)
	}
	nl := strings.IndexByte(rest[open:], '\n')
	if nl < 0 {
		return 0, 0, fmt.Errorf("the block after %q does not end", m)
	}
	start = i + len(m) + open + nl + 1
	if strings.HasPrefix(doc[start:], "```") {
		return start, start, nil // an empty block
	}
	closeAt := strings.Index(doc[start:], "\n```")
	if closeAt < 0 {
		return 0, 0, fmt.Errorf("the block after %q does not end", m)
	}
	return start, start + closeAt + 1, nil
}

// Screen tidies a screen for the README: no trailing spaces, no trailing
// blank lines.
func Screen(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n") + "\n"
}

// Check compares each sample with the document at path (the README or a
// page of docs/) and, when update is set, rewrites the document instead.
// It returns the differences found.
func Check(path string, samples map[string]string, order []string, update bool) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	doc := string(data)
	var diffs []string
	for _, name := range order {
		want := Screen(samples[name])
		got, err := Sample(doc, name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if got == want {
			continue
		}
		if update {
			if doc, err = Replace(doc, name, want); err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			continue
		}
		diffs = append(diffs, fmt.Sprintf("%s: sample %q differs from what the program prints.\n%s:\n%s\nprogram:\n%s", path, name, path, got, want))
	}
	if update && doc != string(data) {
		// Through a temporary file, so a test reading it meanwhile never
		// sees half a README.
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, []byte(doc), 0o644); err != nil {
			return nil, err
		}
		return nil, os.Rename(tmp, path)
	}
	return diffs, nil
}
