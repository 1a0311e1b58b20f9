package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"github.com/candlefish-ai/infrastructure/internal/cost"
	"github.com/candlefish-ai/infrastructure/internal/finding"
	"github.com/candlefish-ai/infrastructure/internal/model"
	"github.com/candlefish-ai/infrastructure/internal/project"
	"github.com/candlefish-ai/infrastructure/internal/statebackend"
	"github.com/candlefish-ai/infrastructure/internal/tfrun"
)

// ExitChanges is the workflow commands' code for "changes planned or made",
// as `terraform plan -detailed-exitcode` uses 2. It shares its value with ExitFindings.
const ExitChanges = 2

// BackendFile is the -backend-config file each environment keeps in its directory.
const BackendFile = "backend.hcl"

// wfTarget is one root module the workflow runs on.
type wfTarget struct {
	name        string // environment name, or the module's path relative to the repository
	env         bool
	dir         string
	rel         string // dir relative to the repository
	backendFile string // absolute; "" when the module needs none
	backend     *statebackend.Config
	runner      *tfrun.Runner
}

// wfFlags are the flags every workflow command shares.
type wfFlags struct {
	root, terraform, backendConfig, lockTimeout *string
	all                                         *bool
}

func (c *CLI) workflowFlags(name, args string) (*flag.FlagSet, *wfFlags) {
	fs := c.flags(name, args)
	f := &wfFlags{
		root:          fs.String("root", "", "repository root (default: found from the working directory)"),
		terraform:     fs.String("terraform", "", "terraform or tofu binary, a name on PATH or a path (default: $"+tfrun.EnvBinary+", else terraform, else tofu)"),
		backendConfig: fs.String("backend-config", "", "backend configuration file (default: "+BackendFile+" in the environment's directory); one target only"),
	}
	f.all = fs.Bool("all", false, "every environment in order (dev, staging, production), stopping at the first failure")
	if name != "init" {
		f.lockTimeout = fs.String("lock-timeout", "", "wait this long for a held state lock, e.g. 5m (default: fail at once)")
	} else {
		f.lockTimeout = new(string)
	}
	usage := fs.Usage
	fs.Usage = func() {
		usage()
		fmt.Fprint(c.Stderr, workflowNotes)
	}
	return fs, f
}

const workflowNotes = `
Runs terraform or tofu (Terraform >= 1.10 or OpenTofu >= 1.6; a backend with
use_lockfile, as the environments' backend.hcl set it, needs Terraform >= 1.10
or OpenTofu >= 1.9) with the environment's backend.hcl and its own data
directory .cfctl/<environment>/.terraform. apply takes only a plan saved by
cfctl plan, and refuses it when the configuration, the variables or the state
changed since, or when it was made for another environment. Production needs
its name typed, or --confirm production.

Exit codes (as terraform plan -detailed-exitcode, over all targets):
0 no changes, 2 changes planned or applied, 1 error (stops at the first).
`

// resolveWorkflow finds the binary and the targets, with their backend configuration.
func (c *CLI) resolveWorkflow(ctx context.Context, f *wfFlags, positional []string) (string, *tfrun.Binary, []*wfTarget, error) {
	repo, err := c.repoRoot(*f.root)
	if err != nil {
		return "", nil, nil, err
	}
	ts, err := c.targets(repo, positional, *f.all)
	if err != nil {
		return "", nil, nil, err
	}
	if *f.backendConfig != "" && len(ts) != 1 {
		return "", nil, nil, errors.New("--backend-config applies to one target: give exactly one environment or directory")
	}
	// The configuration first: a bad one is reported whatever the binary.
	var out []*wfTarget
	for _, t := range ts {
		wt, err := c.workflowTarget(repo, t, *f.backendConfig)
		if err != nil {
			return "", nil, nil, err
		}
		out = append(out, wt)
	}
	bin, err := tfrun.Find(ctx, *f.terraform)
	if err != nil {
		return "", nil, nil, err
	}
	if err := bin.Check(); err != nil {
		return "", nil, nil, err
	}
	for _, wt := range out {
		if wt.backend != nil {
			if err := bin.CheckLockfile(wt.backend.UseLockfile, c.rel(wt.backendFile)); err != nil {
				return "", nil, nil, err
			}
		}
	}
	for _, wt := range out {
		r, err := tfrun.NewRunner(bin, repo, wt.name, wt.dir, c.Stdout, c.Stderr)
		if err != nil {
			return "", nil, nil, err
		}
		wt.runner = r
	}
	return repo, bin, out, nil
}

// workflowTarget reads a target's backend configuration: --backend-config,
// else backend.hcl beside the module. An environment must have one; a
// directory needs one only when its backend block leaves settings out.
func (c *CLI) workflowTarget(repo string, t project.Target, backendFlag string) (*wfTarget, error) {
	wt := &wfTarget{name: t.Name, env: t.Env, dir: t.Dir}
	rel, err := filepath.Rel(repo, t.Dir)
	if err != nil || strings.HasPrefix(rel, "..") {
		rel = t.Dir
	}
	wt.rel = filepath.ToSlash(rel)
	if t.Env {
		wt.name = filepath.Base(t.Dir)
	} else {
		wt.name = wt.rel
	}
	file := backendFlag
	if file != "" {
		if !filepath.IsAbs(file) {
			file = filepath.Join(c.workDir(), file)
		}
	} else {
		file = filepath.Join(t.Dir, BackendFile)
		if _, err := os.Stat(file); err != nil && !t.Env {
			file = ""
		}
	}
	cfg, err := statebackend.Load(t.Dir, file)
	if err != nil {
		if errors.Is(err, statebackend.ErrNoBackendFile) {
			if backendFlag != "" {
				return nil, fmt.Errorf("--backend-config %s: no such file; nothing was changed", backendFlag)
			}
			return nil, fmt.Errorf("%s: no backend configuration %s: create it from the `backend_config` output of terraform/backend (see terraform/backend/README.md), or pass --backend-config FILE; nothing was changed",
				wt.name, c.rel(file))
		}
		return nil, fmt.Errorf("%s: %v; nothing was changed", wt.name, err)
	}
	if file == "" && cfg.Type == "" {
		return wt, nil // local state: nothing to configure
	}
	if cfg.Type != "" && cfg.Type != "s3" {
		// Another backend: cfctl passes the file on but knows nothing more of it.
		wt.backendFile = file
		return wt, nil
	}
	if cfg.Type == "" && t.Env {
		return nil, fmt.Errorf("%s declares no backend block: an environment keeps its state in S3 (`backend \"s3\" {}` in versions.tf)", wt.name)
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %v; nothing was changed", wt.name, err)
	}
	wt.backendFile, wt.backend = file, cfg
	return wt, nil
}

func (wt *wfTarget) backendHash() string {
	if wt.backend == nil {
		return ""
	}
	return wt.backend.Hash()
}

// ---- init ----

func (c *CLI) initCmd(ctx context.Context, args []string) int {
	fs, f := c.workflowFlags("init", "<environment|directory>... | --all")
	reconfigure := fs.Bool("reconfigure", false, "use the backend configuration as is, ignoring the one recorded in the data directory (no state is copied)")
	migrate := fs.Bool("migrate-state", false, "copy the existing state into a changed backend")
	upgrade := fs.Bool("upgrade", false, "upgrade providers and modules within their constraints")
	positional, err := parse(fs, args)
	if err != nil {
		return ExitError
	}
	if *reconfigure && *migrate {
		return c.errorf("give --reconfigure or --migrate-state, not both")
	}
	if _, err := time.ParseDuration(orZero(*f.lockTimeout)); err != nil {
		return c.errorf("--lock-timeout %q: a duration such as 30s or 5m", *f.lockTimeout)
	}
	_, bin, targets, err := c.resolveWorkflow(ctx, f, positional)
	if err != nil {
		return c.errorf("%v", err)
	}
	fmt.Fprintf(c.Stdout, "using %s\n", bin)
	for _, wt := range targets {
		fmt.Fprintf(c.Stdout, "== init %s (%s, data directory %s)\n", wt.name, wt.rel, c.rel(wt.runner.DataDir))
		err := wt.runner.Init(ctx, tfrun.InitOptions{BackendFile: wt.backendFile, BackendHash: wt.backendHash(), Reconfigure: *reconfigure, MigrateState: *migrate, Upgrade: *upgrade})
		if err != nil {
			return c.runFailed(ctx, wt, "init", err)
		}
		fmt.Fprintf(c.Stdout, "%s: initialised\n", wt.name)
	}
	return ExitOK
}

// ---- plan ----

func (c *CLI) planCmd(ctx context.Context, args []string) int {
	fs, f := c.workflowFlags("plan", "<environment|directory>... | --all")
	out := fs.String("out", "", "plan file (default .cfctl/<environment>/tfplan); one target only")
	destroy := fs.Bool("destroy", false, "plan to destroy everything the state holds")
	noTrivy := fs.Bool("no-trivy", false, "skip trivy's checks of the plan (the Candlefish policies still run)")
	var varFiles, vars stringList
	fs.Var(&varFiles, "var-file", "extra variable file (repeatable)")
	fs.Var(&vars, "var", "variable assignment NAME=VALUE (repeatable)")
	positional, err := parse(fs, args)
	if err != nil {
		return ExitError
	}
	if _, err := time.ParseDuration(orZero(*f.lockTimeout)); err != nil {
		return c.errorf("--lock-timeout %q: a duration such as 30s or 5m", *f.lockTimeout)
	}
	_, bin, targets, err := c.resolveWorkflow(ctx, f, positional)
	if err != nil {
		return c.errorf("%v", err)
	}
	if *out != "" && len(targets) != 1 {
		return c.errorf("--out applies to one target")
	}
	for i, v := range varFiles {
		if !filepath.IsAbs(v) {
			varFiles[i] = filepath.Join(c.workDir(), v)
		}
	}
	fmt.Fprintf(c.Stdout, "using %s\n", bin)
	code := ExitOK
	for _, wt := range targets {
		planFile := *out
		if planFile == "" {
			planFile = defaultPlan(wt, *destroy)
		} else if !filepath.IsAbs(planFile) {
			planFile = filepath.Join(c.workDir(), planFile)
		}
		changes, err := c.plan(ctx, wt, planFile, tfrun.PlanOptions{Out: planFile, Destroy: *destroy, VarFiles: varFiles, Vars: vars, LockTimeout: *f.lockTimeout}, *noTrivy)
		if err != nil {
			return c.runFailed(ctx, wt, "plan", err)
		}
		if changes {
			code = ExitChanges
		}
	}
	return code
}

func defaultPlan(wt *wfTarget, destroy bool) string {
	if destroy {
		return filepath.Join(wt.runner.WorkDir, "destroy.tfplan")
	}
	return filepath.Join(wt.runner.WorkDir, "tfplan")
}

// planArtifacts are the files plan writes beside the plan file.
func planArtifacts(planFile string) []string {
	return []string{planFile, planFile + ".json", tfrun.MetaPath(planFile), planFile + ".summary.txt"}
}

// plan makes a saved plan and writes its JSON, its record and its summary.
func (c *CLI) plan(ctx context.Context, wt *wfTarget, planFile string, o tfrun.PlanOptions, noTrivy bool) (bool, error) {
	r := wt.runner
	if err := r.CheckInitialized(wt.backendHash()); err != nil {
		return false, err
	}
	// A failed plan must never leave an older plan looking current.
	for _, p := range planArtifacts(planFile) {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return false, err
		}
	}
	if err := os.MkdirAll(filepath.Dir(planFile), 0o755); err != nil {
		return false, err
	}
	vars, err := tfrun.CollectVariables(o.VarFiles, o.Vars, os.Environ())
	if err != nil {
		return false, err
	}
	cfg, err := tfrun.HashConfig(wt.dir, r.DataDir)
	if err != nil {
		return false, err
	}
	fmt.Fprintf(c.Stdout, "== plan %s (%s)\n", wt.name, wt.rel)
	if _, err := r.Plan(ctx, o); err != nil {
		os.Remove(planFile)
		return false, err
	}
	fail := func(err error) (bool, error) {
		for _, p := range planArtifacts(planFile) {
			os.Remove(p)
		}
		return false, err
	}
	// Hashed before the plan, and again now: an edit while it ran would make
	// the record describe something else than the plan.
	if again, err := tfrun.HashConfig(wt.dir, r.DataDir); err != nil || again.SHA256 != cfg.SHA256 {
		return fail(fmt.Errorf("the configuration changed while the plan ran; plan again"))
	}
	raw, plan, err := r.ShowPlan(ctx, planFile)
	if err != nil {
		return fail(err)
	}
	jsonFile := planFile + ".json"
	if err := os.WriteFile(jsonFile, raw, 0o644); err != nil {
		return fail(err)
	}
	changes, list := tfrun.Summarize(plan)
	envName := ""
	if wt.env {
		envName = wt.name
	}
	findings, err := planFindings(ctx, raw, c.rel(jsonFile), envName, !noTrivy, nil)
	if err != nil {
		return fail(fmt.Errorf("checks of the plan: %v", err))
	}
	state, err := tfrun.PlanState(planFile)
	if err != nil {
		return fail(err)
	}
	sum, err := tfrun.FileSHA256(planFile)
	if err != nil {
		return fail(err)
	}
	m := &tfrun.Meta{
		Format: tfrun.MetaFormat, Environment: wt.name, Dir: wt.rel, CreatedAt: time.Now().UTC(), CreatedBy: whoAmI(),
		Binary: fmt.Sprintf("%s %s", r.Bin.Flavor, r.Bin.Version), Destroy: o.Destroy, PlanSHA256: sum,
		Config: cfg, Variables: vars, State: state, Changes: changes, Resources: []string{}, Findings: len(findings),
	}
	for _, rc := range list {
		m.Resources = append(m.Resources, rc.Symbol+" "+rc.Address)
	}
	m.Backend.SHA256 = wt.backendHash()
	if wt.backend != nil {
		m.Backend.Bucket, m.Backend.Key = wt.backend.Bucket, wt.backend.Key
	}
	costLine := planCost(raw, wt.name, wt.dir)
	summary := c.planSummary(wt, planFile, m, list, findings, noTrivy, costLine)
	if err := os.WriteFile(planFile+".summary.txt", []byte(summary), 0o644); err != nil {
		return fail(err)
	}
	// The record last: a plan without it is never applied.
	if err := tfrun.WriteMeta(planFile, m); err != nil {
		return fail(err)
	}
	fmt.Fprint(c.Stdout, summary)
	return changes.Any(), nil
}

func (c *CLI) planSummary(wt *wfTarget, planFile string, m *tfrun.Meta, list []tfrun.ResourceChange, findings []finding.Finding, noTrivy bool, costLine string) string {
	var b strings.Builder
	kind := "plan"
	if m.Destroy {
		kind = "destroy plan"
	}
	fmt.Fprintf(&b, "\n%s: %s saved to %s (JSON: %s)\n", wt.name, kind, c.rel(planFile), c.rel(planFile+".json"))
	lineage := m.State.Lineage
	if lineage == "" {
		lineage = "none yet"
	}
	fmt.Fprintf(&b, "  made from: %d configuration files (sha256 %s), state serial %d (lineage %s), %s\n",
		len(m.Config.Files), short(m.Config.SHA256), m.State.Serial, lineage, m.Binary)
	fmt.Fprintf(&b, "  changes:   %s\n", m.Changes)
	for _, rc := range list {
		fmt.Fprintf(&b, "    %-3s %s\n", rc.Symbol, rc.Address)
	}
	high := len(finding.AtLeast(findings, finding.SeverityHigh))
	checked := "Candlefish policies and trivy on the plan"
	if noTrivy {
		checked = "Candlefish policies on the plan; trivy skipped (--no-trivy)"
	}
	fmt.Fprintf(&b, "  findings:  %d (%d at or above HIGH; %s)\n", len(findings), high, checked)
	for _, f := range findings {
		fmt.Fprintf(&b, "    %s\n", f.String())
	}
	fmt.Fprintf(&b, "  cost:      %s\n", costLine)
	if m.Changes.Any() {
		if !m.Destroy || planFile != defaultPlan(wt, true) { // cfctl destroy applies its own plan after confirmation
			fmt.Fprintf(&b, "  apply it:  cfctl apply %s\n", c.applyArg(wt, planFile))
		}
	} else {
		fmt.Fprintf(&b, "  nothing to apply\n")
	}
	return b.String()
}

func (c *CLI) applyArg(wt *wfTarget, planFile string) string {
	if planFile == defaultPlan(wt, false) {
		return wt.name
	}
	return wt.name + " --plan " + c.rel(planFile)
}

func short(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

// planCost prices the state before the plan (its prior_state) and after it
// (planned_values) with internal/cost, and says how the monthly cost moves.
// A plan the cost models cannot read is "not available", never a guess.
func planCost(planJSON []byte, name, dir string) string {
	var p struct {
		FormatVersion string `json:"format_version"`
		PriorState    *struct {
			Values json.RawMessage `json:"values"`
		} `json:"prior_state"`
		Configuration json.RawMessage `json:"configuration"`
	}
	if err := json.Unmarshal(planJSON, &p); err != nil {
		return "not available (" + err.Error() + ")"
	}
	var opts cost.Options
	if usageFile := filepath.Join(dir, cost.UsageFileName); fileExists(usageFile) {
		u, err := cost.LoadUsage(usageFile)
		if err != nil {
			return "not available (" + err.Error() + ")"
		}
		opts.Usage = u
	}
	after, err := cost.ResourcesFromPlan(planJSON, name)
	if err != nil {
		return "not available (" + err.Error() + ")"
	}
	var before []*model.Resource
	if p.PriorState != nil && len(p.PriorState.Values) > 0 {
		prior, _ := json.Marshal(map[string]any{"format_version": p.FormatVersion, "planned_values": p.PriorState.Values, "configuration": p.Configuration})
		if before, err = cost.ResourcesFromPlan(prior, name); err != nil {
			return "not available (the prior state: " + err.Error() + ")"
		}
	}
	head := cost.Compute(name, after, opts)
	base := cost.Compute(name, before, opts)
	d := cost.Compare(base, head, "state")
	line := fmt.Sprintf("%s/month now, %s/month after this plan (%s", cost.Money(d.BaseUSD), cost.Money(d.HeadUSD), signed(d.DeltaUSD))
	if d.DeltaPercent != nil {
		line += fmt.Sprintf(", %+.1f%%", *d.DeltaPercent)
	}
	line += ")"
	if n := len(head.Unpriced); n > 0 {
		line += fmt.Sprintf("; %d resource(s) without a cost model", n)
	}
	if n := len(head.UsageDependent); n > 0 {
		line += fmt.Sprintf("; %d usage-dependent component(s) at $0", n)
	}
	return line
}

func signed(usd float64) string {
	if usd >= 0 {
		return "+" + cost.Money(usd)
	}
	return cost.Money(usd)
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// ---- apply ----

func (c *CLI) applyCmd(ctx context.Context, args []string) int {
	fs, f := c.workflowFlags("apply", "<environment|directory>... | --all")
	planFlag := fs.String("plan", "", "the saved plan to apply (default .cfctl/<environment>/tfplan); one target only")
	confirm := fs.String("confirm", "", "confirm production in automation: --confirm production (there is no auto-approve)")
	var varFiles, vars stringList
	fs.Var(&varFiles, "var-file", "not accepted: a saved plan carries its variables")
	fs.Var(&vars, "var", "not accepted: a saved plan carries its variables")
	positional, err := parse(fs, args)
	if err != nil {
		return ExitError
	}
	if len(varFiles)+len(vars) > 0 {
		return c.errorf("apply takes no --var or --var-file: it applies a saved plan with the variables it was made with; give them to `cfctl plan`")
	}
	if _, err := time.ParseDuration(orZero(*f.lockTimeout)); err != nil {
		return c.errorf("--lock-timeout %q: a duration such as 30s or 5m", *f.lockTimeout)
	}
	_, bin, targets, err := c.resolveWorkflow(ctx, f, positional)
	if err != nil {
		return c.errorf("%v", err)
	}
	if *planFlag != "" && len(targets) != 1 {
		return c.errorf("--plan applies to one target")
	}
	plans := map[*wfTarget]string{}
	for _, wt := range targets {
		p := *planFlag
		if p == "" {
			p = defaultPlan(wt, false)
		} else if !filepath.IsAbs(p) {
			p = filepath.Join(c.workDir(), p)
		}
		plans[wt] = p
	}
	fmt.Fprintf(c.Stdout, "using %s\n", bin)
	// Every plan is checked before anything is applied.
	metas := map[*wfTarget]*tfrun.Meta{}
	for _, wt := range targets {
		m, err := c.checkSavedPlan(ctx, wt, plans[wt])
		if err != nil {
			return c.errorf("%s: %v", wt.name, err)
		}
		metas[wt] = m
		c.showSavedPlan(wt, plans[wt], m)
	}
	for _, wt := range targets {
		if needsConfirmation(wt) && metas[wt].Changes.Any() {
			if err := c.confirm(wt.name, "apply to "+wt.name, *confirm); err != nil {
				return c.errorf("%v", err)
			}
		}
	}
	code := ExitOK
	for i, wt := range targets {
		m := metas[wt]
		if i > 0 {
			// Time passed while the earlier ones applied: check again.
			if m, err = c.checkSavedPlan(ctx, wt, plans[wt]); err != nil {
				return c.errorf("%s: %v (the environments before it were applied)", wt.name, err)
			}
		}
		changed, err := c.applyPlan(ctx, wt, plans[wt], m, *f.lockTimeout)
		if err != nil {
			return c.runFailed(ctx, wt, "apply", err)
		}
		if changed {
			code = ExitChanges
		}
	}
	return code
}

// needsConfirmation: production changes need its name typed (or --confirm).
func needsConfirmation(wt *wfTarget) bool { return wt.env && wt.name == "production" }

func (c *CLI) checkSavedPlan(ctx context.Context, wt *wfTarget, planFile string) (*tfrun.Meta, error) {
	r := wt.runner
	if err := r.CheckInitialized(wt.backendHash()); err != nil {
		return nil, err
	}
	cfg, err := tfrun.HashConfig(wt.dir, r.DataDir)
	if err != nil {
		return nil, err
	}
	return tfrun.LoadPlan(ctx, planFile, tfrun.Current{
		Environment: wt.name, Dir: wt.rel, Config: cfg, BackendHash: wt.backendHash(), Environ: os.Environ(),
		State: func(ctx context.Context) (tfrun.StateRef, error) {
			r.SetOutput(io.Discard, io.Discard)
			defer r.SetOutput(c.Stdout, c.Stderr)
			data, err := r.StatePull(ctx)
			if err != nil {
				return tfrun.StateRef{}, fmt.Errorf("reading the current state: %v", err)
			}
			return tfrun.ParseStateRef(data)
		},
	})
}

func (c *CLI) showSavedPlan(wt *wfTarget, planFile string, m *tfrun.Meta) {
	kind := "plan"
	if m.Destroy {
		kind = "destroy plan"
	}
	fmt.Fprintf(c.Stdout, "%s: %s %s made %s by %s: %s; %d finding(s)\n", wt.name, kind, c.rel(planFile),
		m.CreatedAt.Local().Format("2006-01-02 15:04:05"), m.CreatedBy, m.Changes, m.Findings)
	for _, r := range m.Resources {
		fmt.Fprintf(c.Stdout, "    %s\n", r)
	}
}

// applyPlan applies a checked saved plan and files it under applied/.
func (c *CLI) applyPlan(ctx context.Context, wt *wfTarget, planFile string, m *tfrun.Meta, lockWait string) (bool, error) {
	fmt.Fprintf(c.Stdout, "== apply %s (%s)\n", wt.name, c.rel(planFile))
	if err := wt.runner.Apply(ctx, planFile, lockWait); err != nil {
		return false, err
	}
	done := filepath.Join(wt.runner.WorkDir, "applied", time.Now().UTC().Format("20060102T150405.000Z"))
	if err := os.MkdirAll(done, 0o755); err == nil {
		for _, p := range planArtifacts(planFile) {
			_ = os.Rename(p, filepath.Join(done, filepath.Base(p)))
		}
	}
	fmt.Fprintf(c.Stdout, "%s: applied (%s); the plan and its record are in %s\n", wt.name, m.Changes, c.rel(done))
	return m.Changes.Any(), nil
}

// confirm asks for the name to be typed, unless --confirm already gives it.
func (c *CLI) confirm(name, action, given string) error {
	if given != "" {
		if given == name {
			return nil
		}
		return fmt.Errorf("--confirm %q does not match %q; nothing was changed", given, name)
	}
	need := fmt.Errorf("%s needs confirmation: type %q when asked, or pass --confirm %s in automation; nothing was changed", action, name, name)
	if c.Stdin == nil {
		return need
	}
	fmt.Fprintf(c.Stderr, "%s: type %q to go on: ", action, name)
	line, err := bufio.NewReader(c.Stdin).ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintln(c.Stderr)
		return need
	}
	if strings.TrimSpace(line) != name {
		return fmt.Errorf("confirmation %q does not match %q; nothing was changed", strings.TrimSpace(line), name)
	}
	return nil
}

// ---- destroy ----

func (c *CLI) destroyCmd(ctx context.Context, args []string) int {
	fs, f := c.workflowFlags("destroy", "<environment|directory>")
	confirm := fs.String("confirm", "", "confirm in automation with the environment's name (there is no auto-approve)")
	noTrivy := fs.Bool("no-trivy", false, "skip trivy's checks of the destroy plan")
	var varFiles, vars stringList
	fs.Var(&varFiles, "var-file", "extra variable file (repeatable)")
	fs.Var(&vars, "var", "variable assignment NAME=VALUE (repeatable)")
	positional, err := parse(fs, args)
	if err != nil {
		return ExitError
	}
	if len(positional) != 1 || *f.all {
		return c.errorf("destroy takes exactly one environment or directory (no --all: destroy one environment at a time)")
	}
	if _, err := time.ParseDuration(orZero(*f.lockTimeout)); err != nil {
		return c.errorf("--lock-timeout %q: a duration such as 30s or 5m", *f.lockTimeout)
	}
	_, bin, targets, err := c.resolveWorkflow(ctx, f, positional)
	if err != nil {
		return c.errorf("%v", err)
	}
	for i, v := range varFiles {
		if !filepath.IsAbs(v) {
			varFiles[i] = filepath.Join(c.workDir(), v)
		}
	}
	wt := targets[0]
	fmt.Fprintf(c.Stdout, "using %s\n", bin)
	planFile := defaultPlan(wt, true)
	changes, err := c.plan(ctx, wt, planFile, tfrun.PlanOptions{Out: planFile, Destroy: true, VarFiles: varFiles, Vars: vars, LockTimeout: *f.lockTimeout}, *noTrivy)
	if err != nil {
		return c.runFailed(ctx, wt, "plan -destroy", err)
	}
	if !changes {
		fmt.Fprintf(c.Stdout, "%s: nothing to destroy\n", wt.name)
		return ExitOK
	}
	if err := c.confirm(wt.name, "destroy "+wt.name, *confirm); err != nil {
		return c.errorf("%v (the destroy plan stays in %s)", err, c.rel(planFile))
	}
	m, err := c.checkSavedPlan(ctx, wt, planFile)
	if err != nil {
		return c.errorf("%s: %v", wt.name, err)
	}
	if _, err := c.applyPlan(ctx, wt, planFile, m, *f.lockTimeout); err != nil {
		return c.runFailed(ctx, wt, "apply (destroy)", err)
	}
	return ExitChanges
}

// ---- failures ----

// runFailed reports a failed step, and for a held lock or an interruption
// says who holds the lock and what state was left.
func (c *CLI) runFailed(ctx context.Context, wt *wfTarget, step string, err error) int {
	var re *tfrun.RunError
	if !errors.As(err, &re) {
		return c.errorf("%s: %v", wt.name, err)
	}
	// ctx may be cancelled (Ctrl-C): the follow-up checks get their own time.
	after, cancel := context.WithTimeout(context.WithoutCancel(ctx), 60*time.Second)
	defer cancel()
	switch {
	case errors.Is(err, tfrun.ErrLocked):
		fmt.Fprintf(c.Stderr, "cfctl: %s: %s refused: the state is locked by another run\n", wt.name, step)
		c.reportLocks(after, wt, true)
		return ExitError
	case errors.Is(err, tfrun.ErrInterrupted):
		fmt.Fprintf(c.Stderr, "cfctl: %s: %s interrupted; %s stopped gracefully\n", wt.name, step, wt.runner.Bin.Flavor)
		if step != "init" {
			wt.runner.SetOutput(io.Discard, io.Discard)
			if data, perr := wt.runner.StatePull(after); perr == nil {
				if st, perr := tfrun.ParseStateRef(data); perr == nil {
					fmt.Fprintf(c.Stderr, "cfctl: %s: state is at serial %d: what completed is recorded (an interrupted resource is tainted); run `cfctl plan %s` for the rest\n", wt.name, st.Serial, wt.name)
				}
			} else {
				fmt.Fprintf(c.Stderr, "cfctl: %s: the state could not be read back: %v\n", wt.name, perr)
			}
		}
		c.reportLocks(after, wt, false)
		return ExitError
	case errors.Is(err, tfrun.ErrNeedsInit):
		return c.errorf("%s: %s failed: the data directory %s does not match the configuration: run `cfctl init %s`", wt.name, step, c.rel(wt.runner.DataDir), wt.name)
	}
	return c.errorf("%s: %s failed (its output is above): %v", wt.name, step, firstLine(re.Err.Error()))
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// reportLocks prints the locks of wt's state and how to release them.
func (c *CLI) reportLocks(ctx context.Context, wt *wfTarget, expectHeld bool) {
	if wt.backend == nil {
		return
	}
	cl, err := statebackend.New(ctx, wt.backend)
	if err != nil {
		fmt.Fprintf(c.Stderr, "cfctl: %s: cannot read the locks: %v\n", wt.name, err)
		return
	}
	locks, err := cl.Locks(ctx)
	if err != nil {
		fmt.Fprintf(c.Stderr, "cfctl: %s: cannot read the locks: %v\n", wt.name, err)
		return
	}
	if len(locks) == 0 {
		if expectHeld {
			fmt.Fprintf(c.Stderr, "cfctl: %s: the lock is free again; retry\n", wt.name)
		} else {
			fmt.Fprintf(c.Stderr, "cfctl: %s: the state lock was released\n", wt.name)
		}
		return
	}
	for _, l := range locks {
		for _, line := range l.Describe(time.Now()) {
			fmt.Fprintf(c.Stderr, "  %s\n", line)
		}
	}
	fmt.Fprintf(c.Stderr, "If that run is still going, wait for it. If it is dead, release its lock: cfctl state unlock %s %s\n", wt.name, locks[0].ID)
}

func orZero(d string) string {
	if d == "" {
		return "0s"
	}
	return d
}

func whoAmI() string {
	name := "unknown"
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	host, _ := os.Hostname()
	return name + "@" + host
}
