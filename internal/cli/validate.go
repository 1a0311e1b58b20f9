package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/candlefish-ai/infrastructure/internal/finding"
	"github.com/candlefish-ai/infrastructure/internal/gate"
	"github.com/candlefish-ai/infrastructure/internal/model"
	"github.com/candlefish-ai/infrastructure/internal/project"
)

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func (c *CLI) validate(ctx context.Context, args []string) int {
	fs := c.flags("validate", "<environment|directory>... | --all")
	root := fs.String("root", "", "repository root (default: found from the working directory)")
	all := fs.Bool("all", false, "validate every environment")
	severity := fs.String("severity", "HIGH", "fail on findings at or above this severity: LOW, MEDIUM, HIGH, CRITICAL")
	format := fs.String("format", "text", "output format: text or json")
	noTflint := fs.Bool("no-tflint", false, "skip tflint")
	noTrivy := fs.Bool("no-trivy", false, "skip trivy's security checks")
	var varFiles stringList
	fs.Var(&varFiles, "var-file", "extra variable file, after terraform.tfvars and *.auto.tfvars (repeatable)")
	positional, err := parse(fs, args)
	if err != nil {
		return ExitError
	}
	min, err := finding.ParseSeverity(*severity)
	if err != nil {
		return c.errorf("--severity: %v", err)
	}
	if *format != "text" && *format != "json" {
		return c.errorf("--format %q: valid are text, json", *format)
	}
	repo, err := c.repoRoot(*root)
	if err != nil {
		return c.errorf("%v", err)
	}
	targets, err := c.targets(repo, positional, *all)
	if err != nil {
		return c.errorf("%v", err)
	}
	runner := gate.NewRunner()
	type report struct {
		Target   string            `json:"target"`
		Dir      string            `json:"dir"`
		Clean    bool              `json:"clean"`
		Findings []finding.Finding `json:"findings"`
		Skipped  []string          `json:"skipped,omitempty"`
	}
	type outcome struct {
		res *gate.Result
		err error
	}
	// The gate runs on the targets side by side; reports come in their order.
	outcomes := eachTarget(targets, func(t project.Target) outcome {
		res, err := runner.Run(ctx, t.Dir, gate.Options{
			Model:      model.Options{VarFiles: varFiles},
			RepoRoot:   repo,
			SkipTflint: *noTflint,
			SkipTrivy:  *noTrivy,
		})
		return outcome{res, err}
	})
	var reports []report
	code := ExitOK
	for i, t := range targets {
		res, err := outcomes[i].res, outcomes[i].err
		if err != nil {
			return c.errorf("%s: %v", t.Name, err)
		}
		c.relativize(res.Findings)
		failing := res.Failing(min)
		if len(failing) > 0 {
			code = ExitFindings
		}
		rep := report{Target: t.Name, Dir: c.rel(t.Dir), Clean: len(failing) == 0, Findings: res.Findings, Skipped: res.Skipped}
		if rep.Findings == nil {
			rep.Findings = []finding.Finding{}
		}
		reports = append(reports, rep)
		if *format == "text" {
			for _, f := range res.Findings {
				fmt.Fprintln(c.Stdout, f.String())
			}
			for _, s := range res.Skipped {
				fmt.Fprintf(c.Stdout, "%s: not run: %s\n", t.Name, s)
			}
			if len(failing) == 0 {
				fmt.Fprintf(c.Stdout, "%s: clean (no finding at or above %s; %d below)\n", t.Name, min, len(res.Findings))
			} else {
				fmt.Fprintf(c.Stdout, "%s: %d finding(s) at or above %s\n", t.Name, len(failing), min)
			}
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(c.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"severity": min.String(), "targets": reports}); err != nil {
			return c.errorf("%v", err)
		}
	}
	return code
}

// relativize shortens finding paths to be relative to the working directory.
func (c *CLI) relativize(fs []finding.Finding) {
	for i := range fs {
		fs[i].File = c.rel(fs[i].File)
	}
}

func (c *CLI) rel(p string) string { return finding.RelPath(c.workDir(), p) }
