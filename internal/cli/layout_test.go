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

// The arrows point one way (STYLE.md): cli -> tui, store, stages; tui ->
// stages; store -> stages; stages -> nothing of ours. internal/cli is the
// one package that brings the UI and the store together, and the root
// package only starts it.
func TestImportDirections(t *testing.T) {
	imports, _ := moduleImports(t)
	for _, pkg := range []string{"stages", "store", "tui", "internal/cli", "."} {
		if imports[pkg] == nil {
			t.Fatalf("package %s not found: is the walk looking in the right place?", pkg)
		}
	}
	if len(imports["stages"]) > 0 {
		t.Errorf("stages imports %v; it must import nothing of ours", keys(imports["stages"]))
	}
	if reaches(imports, "tui", "store") {
		t.Error("tui imports store: it declares the small store interface it needs instead")
	}
	if reaches(imports, "store", "tui") {
		t.Error("store imports tui")
	}
	if reaches(imports, "stages", "store") || reaches(imports, "stages", "tui") {
		t.Error("stages reaches store or tui")
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
	for _, pkg := range []string{"stages", "store"} {
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
