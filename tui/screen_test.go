package tui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// notesScreen is a screen the program does not have, added the way a new
// one is: its own type, and one more entry in the tabs.
type notesScreen struct{ synced int }

func (n *notesScreen) title() string                            { return "Notes" }
func (n *notesScreen) tab(*programContext) (long, short string) { return "Notes", "Notes" }
func (n *notesScreen) notes() []string                          { return []string{"Notes are a test's."} }
func (n *notesScreen) view(*programContext) string              { return "\n the notes screen" }

func (n *notesScreen) sync(*programContext, selection) action {
	n.synced++
	return nil
}

func (n *notesScreen) update(c *programContext, msg tea.Msg) action {
	if km, ok := msg.(tea.KeyPressMsg); ok && key.Matches(km, c.keys.Prompt.Done) {
		return say{"noted"}
	}
	return nil
}

func (n *notesScreen) help(c *programContext) helpKeys {
	g := &c.keys.Global
	return helpKeys{short: []key.Binding{g.Switch, g.Help, g.Quit}, full: [][]key.Binding{g.column()}}
}

func TestAScreenIsOneMoreTab(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	notes := &notesScreen{}
	h.m.setTabs(append(h.m.tabs, notes))
	h.press("5")
	h.mustSee(" Notes ", "the notes screen", "tab switch • ? more • q quit")
	h.press("x")
	h.mustSee("noted")
	h.press("tab")
	if h.m.screen() != screenToday {
		t.Fatalf("tab after the last tab opened screen %d, want Today", h.m.screen())
	}
	h.press("shift+tab", "?")
	h.mustSee("Keys · Notes", "5         notes", "Notes are a test's.")
	h.press("esc")
	// New data reaches the new screen too.
	h.run(loadCmd(h.m.store, h.m.ctx.now, h.m.ctx.settings, h.m.loadGen, nil))
	if notes.synced == 0 {
		t.Fatal("the new screen never saw the data")
	}
}

// The UI loads in stages behind its data layer: no file but data.go reads
// how much a snapshot holds. A screen asks for what it shows (need,
// appList, application, openOffers, history) and the answer says whether
// that is loaded yet.
func TestOnlyTheDataLayerKnowsTheLoadStages(t *testing.T) {
	stageNames := map[string]bool{
		"level": true, "loadLevel": true, "levelPrompts": true, "levelActive": true, "levelFull": true,
		"complete": true, "allOpen": true, "toDoOnly": true,
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if name == "data.go" || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && stageNames[id.Name] {
				t.Errorf("%s: %s reads the load stage (%s): ask the data layer for what the screen shows instead", fset.Position(id.Pos()), name, id.Name)
			}
			return true
		})
	}
}
