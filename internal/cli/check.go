package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/candlefish-ai/infrastructure/internal/finding"
	"github.com/candlefish-ai/infrastructure/internal/gate"
	"github.com/candlefish-ai/infrastructure/internal/model"
	"github.com/candlefish-ai/infrastructure/internal/policy"
	"github.com/candlefish-ai/infrastructure/internal/sarif"
	"github.com/candlefish-ai/infrastructure/internal/trivyscan"
)

// checkGates are the gates whose findings `cfctl check` reports.
var checkGates = map[string]bool{gate.StageTrivy: true, gate.StagePolicy: true, "ignore": true}

func (c *CLI) check(ctx context.Context, args []string) int {
	fs := c.flags("check", "<environment|directory>... | --all | --plan plan.json")
	root := fs.String("root", "", "repository root (default: found from the working directory)")
	all := fs.Bool("all", false, "check every environment")
	planFile := fs.String("plan", "", "check the JSON of `terraform show -json <planfile>` instead of the configuration")
	env := fs.String("env", "", "with --plan: the environment the plan is for, when its variables do not say")
	format := fs.String("format", "table", "output: table, json or sarif")
	severity := fs.String("severity", "HIGH", "exit 2 when a finding at or above this remains: LOW, MEDIUM, HIGH, CRITICAL")
	var policyDirs, varFiles stringList
	fs.Var(&policyDirs, "policy-dir", "directory of extra .rego policies under package candlefish.<name> (repeatable)")
	fs.Var(&varFiles, "var-file", "extra variable file (repeatable)")
	positional, err := parse(fs, args)
	if err != nil {
		return ExitError
	}
	min, err := finding.ParseSeverity(*severity)
	if err != nil {
		return c.errorf("--severity: %v", err)
	}
	if *format != "table" && *format != "json" && *format != "sarif" {
		return c.errorf("--format %q: valid are table, json, sarif", *format)
	}
	for i, d := range policyDirs {
		if !filepath.IsAbs(d) {
			policyDirs[i] = filepath.Join(c.workDir(), d)
		}
	}
	type result struct {
		Target   string            `json:"target"`
		Findings []finding.Finding `json:"findings"`
	}
	var results []result
	if *planFile != "" {
		if *all || len(positional) > 0 {
			return c.errorf("--plan checks one plan: give no targets and no --all")
		}
		fs, err := c.checkPlan(ctx, *planFile, *env, policyDirs)
		if err != nil {
			return c.errorf("%v", err)
		}
		results = append(results, result{Target: *planFile, Findings: fs})
	} else {
		repo, err := c.repoRoot(*root)
		if err != nil {
			return c.errorf("%v", err)
		}
		targets, err := c.targets(repo, positional, *all)
		if err != nil {
			return c.errorf("%v", err)
		}
		runner := gate.NewRunner()
		runner.PolicyDirs = policyDirs
		for _, t := range targets {
			envName := ""
			if t.Env {
				envName = t.Name
			}
			res, err := runner.Run(ctx, t.Dir, gate.Options{Model: model.Options{VarFiles: varFiles}, RepoRoot: repo, SkipTflint: true, Environment: envName})
			if err != nil {
				return c.errorf("%s: %v", t.Name, err)
			}
			if res.Model == nil {
				c.relativize(res.Findings)
				for _, f := range res.Findings {
					fmt.Fprintln(c.Stderr, f.String())
				}
				return c.errorf("%s does not evaluate; run `cfctl validate %s`", t.Name, t.Name)
			}
			var kept []finding.Finding
			for _, f := range res.Findings {
				if checkGates[f.Gate] {
					kept = append(kept, f)
				}
			}
			c.relativize(kept)
			results = append(results, result{Target: t.Name, Findings: kept})
		}
	}
	code := ExitOK
	var everything []finding.Finding
	for _, r := range results {
		if len(finding.AtLeast(r.Findings, min)) > 0 {
			code = ExitFindings
		}
		everything = append(everything, r.Findings...)
	}
	switch *format {
	case "json":
		for i := range results {
			if results[i].Findings == nil {
				results[i].Findings = []finding.Finding{}
			}
		}
		enc := json.NewEncoder(c.Stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(map[string]any{"severity": min.String(), "targets": results})
	case "sarif":
		err = sarif.Write(c.Stdout, "cfctl", everything)
	default:
		for _, r := range results {
			writeTable(c.Stdout, r.Target, r.Findings, min)
		}
	}
	if err != nil {
		return c.errorf("%v", err)
	}
	return code
}

func writeTable(w io.Writer, target string, fs []finding.Finding, min finding.Severity) {
	failing := finding.AtLeast(fs, min)
	fmt.Fprintf(w, "%s: %d finding(s), %d at or above %s\n", target, len(fs), len(failing), min)
	if len(fs) == 0 {
		return
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  SEVERITY\tCHECK\tWHERE\tRESOURCE\tPROBLEM\tFIX")
	for _, f := range fs {
		where := f.File
		if f.Line > 0 {
			where = fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", f.Severity, f.RuleID, where, f.Resource, oneLine(f.Message), oneLine(f.Resolution))
	}
	tw.Flush()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// checkPlan runs trivy and the policies on a plan's JSON.
func (c *CLI) checkPlan(ctx context.Context, path, env string, policyDirs []string) ([]finding.Finding, error) {
	abs := path
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(c.workDir(), path)
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, fmt.Errorf("--plan %s: %v", path, err)
	}
	out, err := planFindings(ctx, data, path, env, true, policyDirs)
	if err != nil {
		return nil, fmt.Errorf("--plan %s: %v", path, err)
	}
	return out, nil
}

// planFindings runs the Candlefish policies (plus those in policyDirs) and,
// unless told not to, trivy's plan scanner on a plan's JSON; file names the
// JSON in the findings. `cfctl check --plan` and `cfctl plan` both use it.
func planFindings(ctx context.Context, planJSON []byte, file, env string, trivy bool, policyDirs []string) ([]finding.Finding, error) {
	in, err := policy.FromPlan(planJSON, file, env)
	if err != nil {
		return nil, err
	}
	engine, err := policy.New(ctx, policyDirs...)
	if err != nil {
		return nil, err
	}
	vs, err := engine.Eval(ctx, in)
	if err != nil {
		return nil, err
	}
	var out []finding.Finding
	for _, v := range vs {
		out = append(out, finding.Finding{Gate: gate.StagePolicy, RuleID: v.Policy.ID, Severity: v.Policy.Severity, File: file,
			Resource: v.Address, Message: v.Message, Resolution: v.Policy.Resolution})
	}
	if trivy {
		tfs, err := trivyscan.New().ScanPlan(ctx, planJSON)
		if err != nil {
			return nil, err
		}
		for _, f := range tfs {
			f.File = file
			out = append(out, f)
		}
	}
	finding.Sort(out)
	return out, nil
}
