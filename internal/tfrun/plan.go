package tfrun

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	tfjson "github.com/hashicorp/terraform-json"
)

// MetaFormat is the version of the plan record's layout.
const MetaFormat = 1

// Meta records what a saved plan was made from. It sits next to the plan as
// <plan>.meta.json; apply recomputes each part and refuses on any difference.
type Meta struct {
	Format      int       `json:"cfctl_plan_format"`
	Environment string    `json:"environment"` // environment name, or the module's path for a directory target
	Dir         string    `json:"dir"`         // the root module, relative to the repository
	CreatedAt   time.Time `json:"created_at"`
	CreatedBy   string    `json:"created_by"`
	Binary      string    `json:"binary"`
	Destroy     bool      `json:"destroy"`
	// PlanSHA256 is the digest of the plan file, to notice a replaced or damaged one.
	PlanSHA256 string      `json:"plan_sha256"`
	Config     ConfigHash  `json:"configuration"`
	Backend    BackendMeta `json:"backend"`
	Variables  Variables   `json:"variables"`
	State      StateRef    `json:"state"`
	Changes    Changes     `json:"changes"`
	// Resources lists the resource changes as "<symbol> <address>".
	Resources []string `json:"resources"`
	Findings  int      `json:"findings"`
}

// ConfigHash is the digest of the configuration's files.
type ConfigHash struct {
	SHA256 string       `json:"sha256"`
	Files  []FileDigest `json:"files"` // paths relative to the root module
}

// BackendMeta identifies the backend the plan was made against.
type BackendMeta struct {
	SHA256 string `json:"sha256"`
	Bucket string `json:"bucket,omitempty"`
	Key    string `json:"key,omitempty"`
}

// Variables are the inputs given on top of the configuration's own *.tfvars
// (which are part of the configuration hash). Values are kept as digests only.
type Variables struct {
	Files []FileDigest      `json:"files,omitempty"` // --var-file, absolute
	CLI   []string          `json:"cli,omitempty"`   // digests of --var assignments
	Env   map[string]string `json:"env,omitempty"`   // TF_VAR_* name -> digest of the value
}

// FileDigest is a file and the digest of its content.
type FileDigest struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// StateRef is the state the plan was made against (lineage is "" before the first apply).
type StateRef struct {
	Serial  uint64 `json:"serial"`
	Lineage string `json:"lineage"`
}

// Changes counts a plan's resource changes, as Terraform's "Plan:" line does.
type Changes struct {
	Add     int `json:"add"`
	Change  int `json:"change"`
	Destroy int `json:"destroy"`
	Replace int `json:"replace"` // included in add and destroy
	Outputs int `json:"outputs"` // changed outputs
}

// Any reports whether the plan changes anything.
func (c Changes) Any() bool { return c.Add+c.Change+c.Destroy+c.Outputs > 0 }

func (c Changes) String() string {
	s := fmt.Sprintf("%d to add, %d to change, %d to destroy", c.Add, c.Change, c.Destroy)
	if c.Replace > 0 {
		s += fmt.Sprintf(" (%d replaced)", c.Replace)
	}
	if c.Outputs > 0 {
		s += fmt.Sprintf(", %d output(s) changed", c.Outputs)
	}
	return s
}

// ResourceChange is one line of the summary.
type ResourceChange struct {
	Symbol  string // +, ~, -, -/+, +/-
	Address string
}

// Summarize counts the changes of a plan and lists them.
func Summarize(p *tfjson.Plan) (Changes, []ResourceChange) {
	var c Changes
	var list []ResourceChange
	for _, rc := range p.ResourceChanges {
		if rc.Change == nil || rc.Mode == tfjson.DataResourceMode {
			continue
		}
		a := rc.Change.Actions
		sym := ""
		switch {
		case a.DestroyBeforeCreate():
			c.Add++
			c.Destroy++
			c.Replace++
			sym = "-/+"
		case a.CreateBeforeDestroy():
			c.Add++
			c.Destroy++
			c.Replace++
			sym = "+/-"
		case a.Create():
			c.Add++
			sym = "+"
		case a.Update():
			c.Change++
			sym = "~"
		case a.Delete():
			c.Destroy++
			sym = "-"
		default:
			continue
		}
		list = append(list, ResourceChange{Symbol: sym, Address: rc.Address})
	}
	for _, oc := range p.OutputChanges {
		if oc != nil && !oc.Actions.NoOp() {
			c.Outputs++
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Address < list[j].Address })
	return c, list
}

// MetaPath is where the record of planFile lives.
func MetaPath(planFile string) string { return planFile + ".meta.json" }

// WriteMeta saves m next to planFile.
func WriteMeta(planFile string, m *Meta) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(MetaPath(planFile), append(data, '\n'), 0o644)
}

// HashConfig digests the .tf, .tf.json, .tfvars and .tfvars.json files of the
// root module dir and of every module it calls (from modules.json in the data
// directory after init), and the dependency lock file.
func HashConfig(dir, dataDir string) (ConfigHash, error) {
	dirs := []string{dir}
	if data, err := os.ReadFile(filepath.Join(dataDir, "modules", "modules.json")); err == nil {
		var mj struct {
			Modules []struct{ Dir string } `json:"Modules"`
		}
		if err := json.Unmarshal(data, &mj); err == nil {
			for _, m := range mj.Modules {
				d := m.Dir
				if !filepath.IsAbs(d) {
					d = filepath.Join(dir, d)
				}
				dirs = append(dirs, filepath.Clean(d))
			}
		}
	}
	seen := map[string]bool{}
	var files []string
	for _, d := range dirs {
		if seen[d] {
			continue
		}
		seen[d] = true
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			n := e.Name()
			if e.IsDir() {
				continue
			}
			if strings.HasSuffix(n, ".tf") || strings.HasSuffix(n, ".tf.json") || strings.HasSuffix(n, ".tfvars") || strings.HasSuffix(n, ".tfvars.json") ||
				(d == dir && n == ".terraform.lock.hcl") {
				files = append(files, filepath.Join(d, n))
			}
		}
	}
	sort.Strings(files)
	h := sha256.New()
	out := ConfigHash{Files: []FileDigest{}}
	for _, f := range files {
		sum, err := FileSHA256(f)
		if err != nil {
			return ConfigHash{}, err
		}
		rel, err := filepath.Rel(dir, f)
		if err != nil {
			rel = f
		}
		rel = filepath.ToSlash(rel)
		fmt.Fprintf(h, "%s\x00%s\n", rel, sum)
		out.Files = append(out.Files, FileDigest{Path: rel, SHA256: sum})
	}
	out.SHA256 = hex.EncodeToString(h.Sum(nil))
	return out, nil
}

// FileSHA256 is the hex digest of a file's content.
func FileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// CollectVariables records the extra inputs of a plan: --var-file files,
// --var assignments and TF_VAR_* variables of environ.
func CollectVariables(varFiles, vars, environ []string) (Variables, error) {
	v := Variables{Env: map[string]string{}}
	for _, f := range varFiles {
		abs, err := filepath.Abs(f)
		if err != nil {
			return v, err
		}
		sum, err := FileSHA256(abs)
		if err != nil {
			return v, fmt.Errorf("--var-file %s: %v", f, err)
		}
		v.Files = append(v.Files, FileDigest{Path: abs, SHA256: sum})
	}
	for _, a := range vars {
		v.CLI = append(v.CLI, digest(a))
	}
	for name, val := range tfVarEnv(environ) {
		v.Env[name] = digest(val)
	}
	return v, nil
}

func tfVarEnv(environ []string) map[string]string {
	out := map[string]string{}
	for _, kv := range environ {
		k, val, ok := strings.Cut(kv, "=")
		if ok && strings.HasPrefix(k, "TF_VAR_") {
			out[k] = val
		}
	}
	return out
}

// PlanState reads the state snapshot a plan file carries: the serial and
// lineage of the state the plan was made against.
func PlanState(planFile string) (StateRef, error) {
	zr, err := zip.OpenReader(planFile)
	if err != nil {
		return StateRef{}, fmt.Errorf("%s is not a plan file (%v)", planFile, err)
	}
	defer zr.Close()
	var hasPlan bool
	var ref StateRef
	var found bool
	for _, f := range zr.File {
		switch f.Name {
		case "tfplan":
			hasPlan = true
		case "tfstate":
			rc, err := f.Open()
			if err != nil {
				return StateRef{}, fmt.Errorf("%s: damaged plan file (%v)", planFile, err)
			}
			var s struct {
				Serial  uint64 `json:"serial"`
				Lineage string `json:"lineage"`
			}
			err = json.NewDecoder(rc).Decode(&s)
			rc.Close()
			if err != nil {
				return StateRef{}, fmt.Errorf("%s: damaged plan file (its state snapshot: %v)", planFile, err)
			}
			ref, found = StateRef{Serial: s.Serial, Lineage: s.Lineage}, true
		}
	}
	if !hasPlan || !found {
		return StateRef{}, fmt.Errorf("%s is not a plan file (no plan or state snapshot inside)", planFile)
	}
	return ref, nil
}

// ParseStateRef reads serial and lineage from `state pull` output ("" before the first apply).
func ParseStateRef(state []byte) (StateRef, error) {
	if len(strings.TrimSpace(string(state))) == 0 {
		return StateRef{}, nil
	}
	var s StateRef
	if err := json.Unmarshal(state, &s); err != nil {
		return StateRef{}, fmt.Errorf("unreadable state: %v", err)
	}
	return s, nil
}

// PlanError is a plan that apply refuses. Reasons say what differs.
type PlanError struct {
	Plan    string
	Kind    string // "missing", "corrupt", "other-environment", "stale"
	Reasons []string
	Advice  string
}

func (e *PlanError) Error() string {
	s := ""
	switch e.Kind {
	case "missing":
		s = "no saved plan"
	case "corrupt":
		s = "the saved plan is damaged or was not made by cfctl"
	case "other-environment":
		s = "the saved plan was made for another environment"
	case "stale":
		s = "the saved plan is stale"
	}
	s += fmt.Sprintf(" (%s): %s", e.Plan, strings.Join(e.Reasons, "; "))
	if e.Advice != "" {
		s += "; " + e.Advice
	}
	return s + ". Nothing was applied."
}

// Current is what a saved plan is compared against at apply time.
type Current struct {
	Environment string
	Dir         string // relative to the repository
	Config      ConfigHash
	BackendHash string
	Environ     []string
	// State returns the current state's serial and lineage (it runs `state pull`).
	State func(ctx context.Context) (StateRef, error)
}

// LoadPlan reads planFile's record and checks, in order, that it belongs to
// cur.Environment, is intact, and is not stale: same configuration files,
// backend, variable inputs, and state serial and lineage.
func LoadPlan(ctx context.Context, planFile string, cur Current) (*Meta, error) {
	replan := fmt.Sprintf("run `cfctl plan %s` and review it again", cur.Environment)
	if _, err := os.Stat(planFile); err != nil {
		return nil, &PlanError{Plan: planFile, Kind: "missing", Reasons: []string{"no such file"}, Advice: "apply takes only a plan saved by `cfctl plan`: " + replan}
	}
	data, err := os.ReadFile(MetaPath(planFile))
	if err != nil {
		return nil, &PlanError{Plan: planFile, Kind: "corrupt", Reasons: []string{fmt.Sprintf("its record %s is missing or unreadable", filepath.Base(MetaPath(planFile)))}, Advice: replan}
	}
	var m Meta
	if err := json.Unmarshal(data, &m); err != nil || m.Format != MetaFormat {
		return nil, &PlanError{Plan: planFile, Kind: "corrupt", Reasons: []string{fmt.Sprintf("its record %s is not readable", filepath.Base(MetaPath(planFile)))}, Advice: replan}
	}
	if m.Environment != cur.Environment || (m.Dir != "" && cur.Dir != "" && m.Dir != cur.Dir) {
		return nil, &PlanError{Plan: planFile, Kind: "other-environment",
			Reasons: []string{fmt.Sprintf("it was made for %s (%s), not %s (%s)", m.Environment, m.Dir, cur.Environment, cur.Dir)},
			Advice:  fmt.Sprintf("apply it with `cfctl apply %s`, or %s", m.Environment, replan)}
	}
	sum, err := FileSHA256(planFile)
	if err != nil || sum != m.PlanSHA256 {
		return nil, &PlanError{Plan: planFile, Kind: "corrupt", Reasons: []string{"the plan file changed since cfctl wrote it"}, Advice: replan}
	}
	planState, err := PlanState(planFile)
	if err != nil {
		return nil, &PlanError{Plan: planFile, Kind: "corrupt", Reasons: []string{err.Error()}, Advice: replan}
	}
	var reasons []string
	if m.Backend.SHA256 != cur.BackendHash {
		reasons = append(reasons, "the backend configuration changed")
	}
	if m.Config.SHA256 != cur.Config.SHA256 {
		reasons = append(reasons, "the configuration changed: "+diffFiles(m.Config.Files, cur.Config.Files))
	}
	for _, f := range m.Variables.Files {
		if s, err := FileSHA256(f.Path); err != nil {
			reasons = append(reasons, fmt.Sprintf("the variable file %s is gone", f.Path))
		} else if s != f.SHA256 {
			reasons = append(reasons, fmt.Sprintf("the variable file %s changed", f.Path))
		}
	}
	env := tfVarEnv(cur.Environ)
	names := make([]string, 0, len(env))
	for k := range env {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if d, ok := m.Variables.Env[k]; !ok {
			reasons = append(reasons, fmt.Sprintf("%s is set now but was not when the plan was made", k))
		} else if d != digest(env[k]) {
			reasons = append(reasons, fmt.Sprintf("%s changed", k))
		}
	}
	if len(reasons) == 0 {
		// Only now the (slower) state read: everything else matched.
		st, err := cur.State(ctx)
		if err != nil {
			return nil, err
		}
		switch {
		case planState.Lineage != "" && st.Lineage != planState.Lineage:
			reasons = append(reasons, fmt.Sprintf("the state is another one now (lineage %s, the plan's is %s)", st.Lineage, planState.Lineage))
		case st.Serial != planState.Serial:
			reasons = append(reasons, fmt.Sprintf("the state changed since (serial %d when planned, %d now)", planState.Serial, st.Serial))
		}
	}
	if len(reasons) > 0 {
		return nil, &PlanError{Plan: planFile, Kind: "stale", Reasons: reasons, Advice: replan}
	}
	return &m, nil
}

func diffFiles(was, now []FileDigest) string {
	index := func(list []FileDigest) map[string]string {
		m := map[string]string{}
		for _, f := range list {
			m[f.Path] = f.SHA256
		}
		return m
	}
	w, n := index(was), index(now)
	var parts []string
	for _, f := range now {
		if d, ok := w[f.Path]; !ok {
			parts = append(parts, f.Path+" added")
		} else if d != f.SHA256 {
			parts = append(parts, f.Path+" edited")
		}
	}
	for _, f := range was {
		if _, ok := n[f.Path]; !ok {
			parts = append(parts, f.Path+" removed")
		}
	}
	if len(parts) == 0 {
		return "the files differ"
	}
	return strings.Join(parts, ", ")
}
