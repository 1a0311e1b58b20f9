package tfrun

import (
	"archive/zip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

// fixture is a root module, a plan file in the shape terraform writes (a zip
// with tfplan and the tfstate snapshot) and its record.
type fixture struct {
	t       *testing.T
	dir     string
	data    string
	plan    string
	meta    *Meta
	state   StateRef
	environ []string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	root := t.TempDir()
	f := &fixture{t: t, dir: filepath.Join(root, "env"), data: filepath.Join(root, ".cfctl", "dev", ".terraform"), plan: filepath.Join(root, ".cfctl", "dev", "tfplan")}
	os.MkdirAll(f.dir, 0o755)
	os.MkdirAll(filepath.Join(root, "modules", "net"), 0o755)
	os.MkdirAll(filepath.Join(f.data, "modules"), 0o755)
	f.write("env/main.tf", `module "net" { source = "../modules/net" }`)
	f.write("env/terraform.tfvars", `environment = "dev"`)
	f.write("env/README.md", "not configuration")
	f.write("modules/net/main.tf", `resource "terraform_data" "x" {}`)
	f.write(".cfctl/dev/.terraform/modules/modules.json", `{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"net","Source":"../modules/net","Dir":"../modules/net"}]}`)
	f.writePlan(`{"version":4,"serial":3,"lineage":"aaaa-1111"}`)
	f.state = StateRef{Serial: 3, Lineage: "aaaa-1111"}
	f.environ = []string{"HOME=/root", "TF_VAR_size=small"}
	extra := filepath.Join(root, "extra.tfvars")
	os.WriteFile(extra, []byte(`size = "large"`), 0o644)
	cfg, err := HashConfig(f.dir, f.data)
	if err != nil {
		t.Fatal(err)
	}
	vars, err := CollectVariables([]string{extra}, []string{"a=b"}, f.environ)
	if err != nil {
		t.Fatal(err)
	}
	sum, _ := FileSHA256(f.plan)
	st, err := PlanState(f.plan)
	if err != nil {
		t.Fatal(err)
	}
	f.meta = &Meta{Format: MetaFormat, Environment: "dev", Dir: "env", PlanSHA256: sum, Config: cfg, Variables: vars, State: st}
	f.meta.Backend.SHA256 = "backend-1"
	if err := WriteMeta(f.plan, f.meta); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) write(rel, content string) {
	f.t.Helper()
	p := filepath.Join(filepath.Dir(f.dir), rel)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) writePlan(state string) {
	f.t.Helper()
	os.MkdirAll(filepath.Dir(f.plan), 0o755)
	out, err := os.Create(f.plan)
	if err != nil {
		f.t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	for name, content := range map[string]string{"tfplan": "binary plan", "tfstate": state, "tfconfig/m-/main.tf": ""} {
		w, _ := zw.Create(name)
		w.Write([]byte(content))
	}
	zw.Close()
	out.Close()
}

func (f *fixture) current() Current {
	cfg, err := HashConfig(f.dir, f.data)
	if err != nil {
		f.t.Fatal(err)
	}
	return Current{Environment: "dev", Dir: "env", Config: cfg, BackendHash: "backend-1", Environ: f.environ,
		State: func(context.Context) (StateRef, error) { return f.state, nil }}
}

func (f *fixture) load(cur Current) error {
	_, err := LoadPlan(context.Background(), f.plan, cur)
	return err
}

func wantPlanError(t *testing.T, err error, kind string, parts ...string) {
	t.Helper()
	var pe *PlanError
	if !errors.As(err, &pe) {
		t.Fatalf("want a %s plan error, got %v", kind, err)
	}
	if pe.Kind != kind {
		t.Errorf("kind %q, want %q: %v", pe.Kind, kind, err)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error lacks %q: %v", p, err)
		}
	}
	if !strings.Contains(err.Error(), "Nothing was applied") {
		t.Errorf("error does not say nothing was applied: %v", err)
	}
}

func TestLoadPlanFresh(t *testing.T) {
	f := newFixture(t)
	m, err := LoadPlan(context.Background(), f.plan, f.current())
	if err != nil {
		t.Fatal(err)
	}
	if m.State != f.state || m.Environment != "dev" {
		t.Errorf("record: %+v", m)
	}
	var files []string
	for _, fd := range m.Config.Files {
		files = append(files, fd.Path)
	}
	if got := strings.Join(files, ","); got != "main.tf,terraform.tfvars,../modules/net/main.tf" {
		t.Errorf("hashed files: %s", got)
	}
	// Unrelated files, and a TF_VAR_ unset since, do not matter.
	f.write("env/README.md", "edited")
	cur := f.current()
	cur.Environ = []string{"HOME=/root"}
	if err := f.load(cur); err != nil {
		t.Errorf("after unrelated changes: %v", err)
	}
}

func TestLoadPlanStale(t *testing.T) {
	t.Run("configuration", func(t *testing.T) {
		f := newFixture(t)
		f.write("env/terraform.tfvars", `environment = "prod"`)
		wantPlanError(t, f.load(f.current()), "stale", "the configuration changed: terraform.tfvars edited", "cfctl plan dev")
	})
	t.Run("called module", func(t *testing.T) {
		f := newFixture(t)
		f.write("modules/net/variables.tf", `variable "x" {}`)
		wantPlanError(t, f.load(f.current()), "stale", "../modules/net/variables.tf added")
	})
	t.Run("removed file", func(t *testing.T) {
		f := newFixture(t)
		os.Remove(filepath.Join(f.dir, "terraform.tfvars"))
		wantPlanError(t, f.load(f.current()), "stale", "terraform.tfvars removed")
	})
	t.Run("var file", func(t *testing.T) {
		f := newFixture(t)
		os.WriteFile(f.meta.Variables.Files[0].Path, []byte(`size = "huge"`), 0o644)
		wantPlanError(t, f.load(f.current()), "stale", "extra.tfvars changed")
		os.Remove(f.meta.Variables.Files[0].Path)
		wantPlanError(t, f.load(f.current()), "stale", "extra.tfvars is gone")
	})
	t.Run("TF_VAR", func(t *testing.T) {
		f := newFixture(t)
		cur := f.current()
		cur.Environ = []string{"TF_VAR_size=medium"}
		wantPlanError(t, f.load(cur), "stale", "TF_VAR_size changed")
		cur.Environ = []string{"TF_VAR_size=small", "TF_VAR_count=2"}
		wantPlanError(t, f.load(cur), "stale", "TF_VAR_count is set now but was not")
	})
	t.Run("backend", func(t *testing.T) {
		f := newFixture(t)
		cur := f.current()
		cur.BackendHash = "backend-2"
		wantPlanError(t, f.load(cur), "stale", "the backend configuration changed")
	})
	t.Run("state serial", func(t *testing.T) {
		f := newFixture(t)
		f.state.Serial = 4
		wantPlanError(t, f.load(f.current()), "stale", "serial 3 when planned, 4 now")
	})
	t.Run("state lineage", func(t *testing.T) {
		f := newFixture(t)
		f.state.Lineage = "bbbb-2222"
		wantPlanError(t, f.load(f.current()), "stale", "the state is another one now")
	})
	t.Run("first plan, state written since", func(t *testing.T) {
		f := newFixture(t)
		f.writePlan(`{"version":4,"serial":0,"lineage":""}`)
		f.meta.PlanSHA256, _ = FileSHA256(f.plan)
		WriteMeta(f.plan, f.meta)
		f.state = StateRef{}
		if err := f.load(f.current()); err != nil {
			t.Fatalf("first plan on an empty state: %v", err)
		}
		f.state = StateRef{Serial: 1, Lineage: "new"}
		wantPlanError(t, f.load(f.current()), "stale", "serial 0 when planned, 1 now")
	})
	t.Run("state unreadable", func(t *testing.T) {
		f := newFixture(t)
		cur := f.current()
		cur.State = func(context.Context) (StateRef, error) { return StateRef{}, errors.New("access denied") }
		if err := f.load(cur); err == nil || !strings.Contains(err.Error(), "access denied") {
			t.Errorf("got %v", err)
		}
	})
}

func TestLoadPlanRefused(t *testing.T) {
	t.Run("missing", func(t *testing.T) {
		f := newFixture(t)
		os.Remove(f.plan)
		wantPlanError(t, f.load(f.current()), "missing", "no saved plan", "cfctl plan dev")
	})
	t.Run("another environment", func(t *testing.T) {
		f := newFixture(t)
		cur := f.current()
		cur.Environment, cur.Dir = "production", "terraform/environments/production"
		wantPlanError(t, f.load(cur), "other-environment", "made for dev (env), not production", "cfctl apply dev", "cfctl plan production")
	})
	t.Run("no record", func(t *testing.T) {
		f := newFixture(t)
		os.Remove(MetaPath(f.plan))
		wantPlanError(t, f.load(f.current()), "corrupt", "tfplan.meta.json is missing")
	})
	t.Run("unreadable record", func(t *testing.T) {
		f := newFixture(t)
		os.WriteFile(MetaPath(f.plan), []byte("{"), 0o644)
		wantPlanError(t, f.load(f.current()), "corrupt", "is not readable")
	})
	t.Run("plan replaced", func(t *testing.T) {
		f := newFixture(t)
		f.writePlan(`{"version":4,"serial":3,"lineage":"aaaa-1111","x":1}`)
		wantPlanError(t, f.load(f.current()), "corrupt", "changed since cfctl wrote it")
	})
	t.Run("not a zip", func(t *testing.T) {
		f := newFixture(t)
		os.WriteFile(f.plan, []byte("garbage"), 0o644)
		f.meta.PlanSHA256, _ = FileSHA256(f.plan)
		WriteMeta(f.plan, f.meta)
		wantPlanError(t, f.load(f.current()), "corrupt", "is not a plan file")
	})
}

func TestSummarize(t *testing.T) {
	rc := func(addr string, actions ...tfjson.Action) *tfjson.ResourceChange {
		return &tfjson.ResourceChange{Address: addr, Mode: tfjson.ManagedResourceMode, Change: &tfjson.Change{Actions: actions}}
	}
	p := &tfjson.Plan{
		ResourceChanges: []*tfjson.ResourceChange{
			rc("a.new", tfjson.ActionCreate),
			rc("b.edit", tfjson.ActionUpdate),
			rc("c.gone", tfjson.ActionDelete),
			rc("d.swap", tfjson.ActionDelete, tfjson.ActionCreate),
			rc("e.swap", tfjson.ActionCreate, tfjson.ActionDelete),
			rc("f.same", tfjson.ActionNoop),
			{Address: "data.x.y", Mode: tfjson.DataResourceMode, Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionRead}}},
		},
		OutputChanges: map[string]*tfjson.Change{"o": {Actions: tfjson.Actions{tfjson.ActionUpdate}}, "p": {Actions: tfjson.Actions{tfjson.ActionNoop}}},
	}
	c, list := Summarize(p)
	if got := c.String(); got != "3 to add, 1 to change, 3 to destroy (2 replaced), 1 output(s) changed" {
		t.Errorf("changes: %s", got)
	}
	var lines []string
	for _, l := range list {
		lines = append(lines, l.Symbol+" "+l.Address)
	}
	if got := strings.Join(lines, "; "); got != "+ a.new; ~ b.edit; - c.gone; -/+ d.swap; +/- e.swap" {
		t.Errorf("list: %s", got)
	}
	if !c.Any() || (Changes{}).Any() {
		t.Error("Any()")
	}
}
