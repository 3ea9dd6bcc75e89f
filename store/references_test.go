package store

import (
	"bytes"
	"strings"
	"testing"

	"afterview/stages"
)

// A file written before people had details and references (version 1)
// imports as it is: its interviewers and recruiter are its people.
func TestImportVersion1File(t *testing.T) {
	v1 := `{"format":"afterview","version":1,"exported_at":"2026-11-20T09:00:00Z","applications":[
	  {"id":3,"company":"Figma","process":"standard","stage":"final interview","interviewed":"2026-11-19T15:00:00Z",
	   "interviewers":["Elena Sato"],"recruiter":"Riley Chen","created":"2026-11-19T18:00:00Z",
	   "events":[{"kind":"interview","at":"2026-11-19T15:00:00Z"}]}],"global_events":[]}`
	s := newStore(t)
	if n, err := s.Import(strings.NewReader(v1), ImportIntoEmpty); err != nil || n != 1 {
		t.Fatalf("Import(version 1) = %d, %v", n, err)
	}
	a, err := s.Get(3)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range a.Persons() {
		got = append(got, p.Name+"/"+string(p.Role))
	}
	if strings.Join(got, ",") != "Elena Sato/interviewer,Riley Chen/recruiter" {
		t.Errorf("people of a version 1 application = %q", got)
	}
	if refs, err := s.References(); err != nil || len(refs) != 0 {
		t.Errorf("references after a version 1 import = %v, %v", refs, err)
	}
	var out bytes.Buffer
	if err := exportAll(s, &out, t0); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"version": 2`) {
		t.Errorf("export is not version 2:\n%s", out.String())
	}
}

func TestReferencesExportImportAndMerge(t *testing.T) {
	src := populated(t)
	if _, err := src.UpdateReferences(func([]stages.Reference) ([]stages.Reference, error) {
		return []stages.Reference{{Name: "Maria Gomez", Relation: "former manager at Acme", Email: "maria@acme.com", Phone: "+1 555 0199", Given: []uint64{1}}}, nil
	}); err != nil {
		t.Fatal(err)
	}
	data := export(t, src)
	if !bytes.Contains(data, []byte(`"references": [`)) || !bytes.Contains(data, []byte(`"relation": "former manager at Acme"`)) {
		t.Fatalf("export lacks the references:\n%s", data)
	}
	dst := newStore(t)
	if _, err := dst.Import(bytes.NewReader(data), ImportIntoEmpty); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(export(t, dst), data) {
		t.Error("exporting the imported database gives a different file")
	}
	// Merging the same file again adds nothing (it is safe to retry),
	// and the reference keeps the one application it was given to.
	if _, err := dst.Import(bytes.NewReader(data), ImportMerge); err != nil {
		t.Fatal(err)
	}
	if refs, err := dst.References(); err != nil || len(refs) != 1 || len(refs[0].Given) != 1 || refs[0].Given[0] != 1 {
		t.Fatalf("references after merging the same file again = %+v, %v", refs, err)
	}
	// A merge into a database with its own applications gives the file's
	// new ids: the reference follows them.
	other := newStore(t)
	if _, err := other.Add(mustApp(t, "Initech", "")); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Import(bytes.NewReader(data), ImportMerge); err != nil {
		t.Fatal(err)
	}
	refs, err := other.References()
	if err != nil || len(refs) != 1 || len(refs[0].Given) != 1 {
		t.Fatalf("references after a merge = %+v, %v", refs, err)
	}
	want, _ := src.Get(1)
	if got, err := other.Get(refs[0].Given[0]); refs[0].Given[0] == 1 || err != nil || got.Company != want.Company {
		t.Errorf("given after a merge = %v (%s, %v), want the new id of %s", refs[0].Given, got.Company, err, want.Company)
	}
	// A bad reference refuses the whole file.
	bad := bytes.Replace(data, []byte(`"maria@acme.com"`), []byte(`"not an address"`), 1)
	empty := newStore(t)
	if _, err := empty.Import(bytes.NewReader(bad), ImportIntoEmpty); err == nil || !strings.Contains(err.Error(), "reference #1 in the file (Maria Gomez)") {
		t.Errorf("a bad reference: %v", err)
	}
	if apps, _ := empty.All(); len(apps) != 0 {
		t.Error("a refused file imported applications")
	}
}
