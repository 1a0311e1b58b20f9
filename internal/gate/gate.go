// Package gate is the offline verification gate: what `terraform validate`,
// `terraform fmt -check`, tflint and a security scanner would say about a
// root module, run without the AWS provider or any network.
package gate

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/candlefish-ai/infrastructure/internal/configcheck"
	"github.com/candlefish-ai/infrastructure/internal/finding"
	"github.com/candlefish-ai/infrastructure/internal/fmtcheck"
	"github.com/candlefish-ai/infrastructure/internal/ignore"
	"github.com/candlefish-ai/infrastructure/internal/model"
	"github.com/candlefish-ai/infrastructure/internal/policy"
	"github.com/candlefish-ai/infrastructure/internal/schema"
	"github.com/candlefish-ai/infrastructure/internal/tflint"
	"github.com/candlefish-ai/infrastructure/internal/trivyscan"
)

// Stage names, in the order they run.
const (
	StageFormat   = "fmt"
	StageEvaluate = "evaluate"
	StageSchema   = "schema"
	StageTrivy    = "trivy"
	StagePolicy   = "policy"
	StageTflint   = "tflint"
)

// Options selects stages and their inputs.
type Options struct {
	Model      model.Options
	RepoRoot   string // where bin/tflint and .tflint.hcl live
	SkipTrivy  bool
	SkipPolicy bool
	SkipTflint bool
	// Environment is assumed by the policies when the configuration has no
	// `environment` variable (the target's environment name, or "").
	Environment string
	// Now dates the expiry of ignores; zero means the current time.
	Now time.Time
}

// Result is what the gate found for one root module.
type Result struct {
	Dir      string
	Model    *model.Model // nil when the configuration could not be evaluated
	Findings []finding.Finding
	Skipped  []string // stages that did not run, each with the reason
}

// Runner runs the gate; it keeps the trivy scanner so that several root
// modules share one compilation of its checks.
//
// A Runner may check several root modules at once (cfctl preview --all):
// mu guards the lazily built scanners and the lint results.
type Runner struct {
	mu     sync.Mutex
	trivy  *trivyscan.Scanner
	policy *policy.Engine
	// PolicyDirs are extra directories of .rego policies (--policy-dir).
	PolicyDirs []string
	// linted keeps tflint's findings per directory: the environments share
	// their modules, and a module's lint does not depend on its caller.
	linted map[string][]finding.Finding
}

// NewRunner prepares a gate runner.
func NewRunner() *Runner { return &Runner{linted: map[string][]finding.Finding{}} }

// Run checks the root module in dir. An error means the gate itself could
// not run (a missing directory, an unreadable variable file); problems in the
// configuration are findings.
func (r *Runner) Run(ctx context.Context, dir string, opts Options) (*Result, error) {
	res := &Result{Dir: dir}
	m, err := model.Load(ctx, dir, opts.Model)
	var loadErr *model.LoadError
	switch {
	case errors.As(err, &loadErr):
		res.Findings = append(res.Findings, fmtcheck.CheckDirs([]string{dir})...)
		res.Findings = append(res.Findings, loadErr.Findings...)
		res.Skipped = append(res.Skipped, "schema, trivy, tflint: the configuration does not evaluate")
		finding.Sort(res.Findings)
		return res, nil
	case err != nil:
		return nil, err
	}
	res.Model = m
	res.Findings = append(res.Findings, m.Findings...)

	dirs := make([]string, 0, len(m.Dirs))
	for d := range m.Dirs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	res.Findings = append(res.Findings, fmtcheck.CheckDirs(dirs)...)
	for _, f := range m.VarFiles {
		res.Findings = append(res.Findings, fmtcheck.CheckFile(f)...)
	}

	s, err := schema.Load()
	if err != nil {
		return nil, fmt.Errorf("AWS schema: %w", err)
	}
	res.Findings = append(res.Findings, configcheck.Check(m, s)...)

	if opts.SkipTrivy {
		res.Skipped = append(res.Skipped, "trivy: skipped on request")
	} else {
		r.mu.Lock()
		if r.trivy == nil {
			r.trivy = trivyscan.New()
		}
		scanner := r.trivy
		r.mu.Unlock()
		fs, err := scanner.Scan(ctx, m.Root, m.VarFiles)
		if err != nil {
			return nil, err
		}
		res.Findings = append(res.Findings, fs...)
	}

	if opts.SkipPolicy {
		res.Skipped = append(res.Skipped, "policy: skipped on request")
	} else {
		fs, err := r.policies(ctx, m, opts, s)
		if err != nil {
			return nil, err
		}
		res.Findings = append(res.Findings, fs...)
	}

	if opts.SkipTflint {
		res.Skipped = append(res.Skipped, "tflint: skipped on request")
	} else if bin, err := tflint.Find(opts.RepoRoot); err != nil {
		res.Skipped = append(res.Skipped, "tflint: "+err.Error())
	} else {
		config := filepath.Join(opts.RepoRoot, ".tflint.hcl")
		for _, d := range dirs {
			r.mu.Lock()
			fs, done := r.linted[d]
			r.mu.Unlock()
			if !done {
				if fs, err = tflint.Lint(ctx, bin, config, d); err != nil {
					return nil, err
				}
				r.mu.Lock()
				r.linted[d] = fs
				r.mu.Unlock()
			}
			res.Findings = append(res.Findings, fs...)
		}
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	rules, problems := ignore.Scan(m, now)
	res.Findings = append(ignore.Apply(rules, dedupe(res.Findings)), problems...)
	finding.Sort(res.Findings)
	return res, nil
}

// policies runs the Rego policies on the model and places each violation
// at the resource (or the argument) it names.
func (r *Runner) policies(ctx context.Context, m *model.Model, opts Options, s *schema.Schema) ([]finding.Finding, error) {
	r.mu.Lock()
	if r.policy == nil {
		e, err := policy.New(ctx, r.PolicyDirs...)
		if err != nil {
			r.mu.Unlock()
			return nil, fmt.Errorf("policies: %w", err)
		}
		r.policy = e
	}
	engine := r.policy
	r.mu.Unlock()
	vs, err := engine.Eval(ctx, policy.FromModel(m, m.Root, opts.Environment, s))
	if err != nil {
		return nil, fmt.Errorf("policies: %w", err)
	}
	byAddr := map[string]*model.Resource{}
	for _, res := range m.Resources {
		byAddr[res.Address] = res
	}
	var out []finding.Finding
	for _, v := range vs {
		f := finding.Finding{Gate: StagePolicy, RuleID: v.Policy.ID, Severity: v.Policy.Severity, Resource: v.Address,
			Message: v.Message, Resolution: v.Policy.Resolution, File: m.Root}
		if res := byAddr[v.Address]; res != nil {
			f.File, f.Line = res.File, res.Line
			if line := m.AttributeLine(res, v.Attribute); line > 0 {
				f.Line = line
			}
		}
		out = append(out, f)
	}
	return out, nil
}

// Failing returns the findings at or above min severity.
func (res *Result) Failing(min finding.Severity) []finding.Finding {
	return finding.AtLeast(res.Findings, min)
}

func dedupe(fs []finding.Finding) []finding.Finding {
	seen := map[string]bool{}
	out := fs[:0]
	for _, f := range fs {
		k := f.String()
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return out
}
