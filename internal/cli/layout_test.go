package cli

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// moduleImports parses every non-test Go file of the module and returns,
// for each of its packages ("stages", "internal/cli", "." for the root),
// the module's packages it imports directly, and its parsed files.
func moduleImports(t *testing.T) (map[string]map[string]bool, map[string][]*ast.File) {
	t.Helper()
	const root = "../.."
	imports := map[string]map[string]bool{}
	files := map[string][]*ast.File{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		full, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		pkg := filepath.ToSlash(rel)
		if imports[pkg] == nil {
			imports[pkg] = map[string]bool{}
		}
		files[pkg] = append(files[pkg], full)
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if ours, ok := strings.CutPrefix(p, "afterview/"); ok {
				imports[pkg][ours] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return imports, files
}

// reaches reports whether pkg imports target, directly or through others.
func reaches(imports map[string]map[string]bool, pkg, target string) bool {
	seen := map[string]bool{}
	var walk func(string) bool
	walk = func(p string) bool {
		if seen[p] {
			return false
		}
		seen[p] = true
		for imp := range imports[p] {
			if imp == target || walk(imp) {
				return true
			}
		}
		return false
	}
	return walk(pkg)
}

// The arrows point one way (STYLE.md): cli -> tui, agenda, exchange,
// store, stages; agenda -> store, stages (it joins the store and the
// engine); exchange (the file formats) -> store, stages; tui -> stages;
// store -> codec (its JSON reader), stages; stages -> nothing of ours. internal/cli is the one
// package that brings the UI and the data together, and the root package
// only starts it.
func TestImportDirections(t *testing.T) {
	imports, _ := moduleImports(t)
	for _, pkg := range []string{"stages", "store", "agenda", "internal/exchange", "internal/codec", "internal/boltcheck", "tui", "internal/cli", "."} {
		if imports[pkg] == nil {
			t.Fatalf("package %s not found: is the walk looking in the right place?", pkg)
		}
	}
	if len(imports["stages"]) > 0 {
		t.Errorf("stages imports %v; it must import nothing of ours", keys(imports["stages"]))
	}
	for _, data := range []string{"store", "agenda", "internal/exchange"} {
		if reaches(imports, "tui", data) {
			t.Errorf("tui imports %s: it declares the small store interface it needs instead", data)
		}
		if reaches(imports, data, "tui") {
			t.Errorf("%s imports tui", data)
		}
		if reaches(imports, "stages", data) {
			t.Errorf("stages reaches %s", data)
		}
	}
	// The store only stores: what is derived and the file formats sit on
	// top of it, never under.
	for _, above := range []string{"agenda", "internal/exchange"} {
		if reaches(imports, "store", above) {
			t.Errorf("store imports %s: the store holds no rule and no format but its own", above)
		}
	}
	// The codec reads JSON into stages' types for the store: nothing else.
	for imp := range imports["internal/codec"] {
		if imp != "stages" {
			t.Errorf("internal/codec imports %s; it speaks stages' types alone", imp)
		}
	}
	// The b-tree check knows bbolt's pages, not afterview's records.
	if got := keys(imports["internal/boltcheck"]); len(got) > 0 {
		t.Errorf("internal/boltcheck imports %v; it knows bbolt's pages alone, and the store decodes the records", got)
	}
	if reaches(imports, "agenda", "internal/exchange") {
		t.Error("agenda imports internal/exchange: the formats read the agenda, not the other way")
	}
	for pkg := range imports {
		if pkg == "internal/cli" || strings.HasPrefix(pkg, "internal/gen") {
			continue
		}
		if reaches(imports, pkg, "store") && reaches(imports, pkg, "tui") && pkg != "." {
			t.Errorf("%s imports both store and tui: only internal/cli wires them together", pkg)
		}
	}
	if got := keys(imports["."]); len(got) != 1 || got[0] != "internal/cli" {
		t.Errorf("the root package imports %v; it only starts internal/cli", got)
	}
}

// The clock and the environment enter at the command line and are passed
// down: the store and the rules read no environment variable and never
// the wall clock.
func TestStoreAndRulesReadNoEnvironmentOrClock(t *testing.T) {
	_, files := moduleImports(t)
	forbidden := map[string]bool{
		"os.Getenv": true, "os.LookupEnv": true, "os.Environ": true, "os.UserHomeDir": true,
		"time.Now": true, "time.Since": true, "time.Until": true,
	}
	for _, pkg := range []string{"stages", "store", "agenda"} {
		for _, f := range files[pkg] {
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if x, ok := sel.X.(*ast.Ident); ok && forbidden[x.Name+"."+sel.Sel.Name] {
					t.Errorf("%s (%s) uses %s.%s: take it from the caller", pkg, f.Name.Name, x.Name, sel.Sel.Name)
				}
				return true
			})
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
