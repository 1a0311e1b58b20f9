package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/candlefish-ai/infrastructure/internal/cost"
	"github.com/candlefish-ai/infrastructure/internal/finding"
	"github.com/candlefish-ai/infrastructure/internal/gate"
	"github.com/candlefish-ai/infrastructure/internal/model"
	"github.com/candlefish-ai/infrastructure/internal/project"
)

// PreviewResource is one entry of the preview JSON's resources array. The
// first four fields are the stable contract scripts rely on.
type PreviewResource struct {
	Address  string         `json:"address"`
	Type     string         `json:"type"`
	Module   string         `json:"module"`
	Values   map[string]any `json:"values"`
	Mode     string         `json:"mode"`
	Provider string         `json:"provider"`
	Region   string         `json:"region,omitempty"`
	File     string         `json:"file"`
	Line     int            `json:"line"`
	// References are the block addresses this resource depends on.
	References []string `json:"references"`
}

// Preview is the whole preview JSON object.
type Preview struct {
	Target    string            `json:"target"`
	Dir       string            `json:"dir"`
	Resources []PreviewResource `json:"resources"`
	Findings  []finding.Finding `json:"findings"`
	Notes     []string          `json:"notes,omitempty"`
	Cost      *cost.Estimate    `json:"cost,omitempty"`
}

func (c *CLI) preview(ctx context.Context, args []string) int {
	fs := c.flags("preview", "<environment|directory>... | --all")
	root := fs.String("root", "", "repository root (default: found from the working directory)")
	format := fs.String("format", "text", "output format: text or json (one object per target; an array of them for several targets)")
	noFindings := fs.Bool("no-findings", false, "skip the schema and security checks")
	all := fs.Bool("all", false, "preview every environment")
	var varFiles stringList
	fs.Var(&varFiles, "var-file", "extra variable file, after terraform.tfvars and *.auto.tfvars (repeatable)")
	positional, err := parse(fs, args)
	if err != nil {
		return ExitError
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
	if len(varFiles) > 0 && len(targets) > 1 {
		return c.errorf("--var-file applies to one target; got %d targets", len(targets))
	}
	opts := gate.Options{Model: model.Options{VarFiles: varFiles}, RepoRoot: repo, SkipTflint: true, SkipTrivy: *noFindings}
	runner := gate.NewRunner()
	results := eachTarget(targets, func(t project.Target) previewResult {
		return c.previewOne(ctx, runner, t, opts, *noFindings, *format == "json")
	})
	for i, r := range results {
		if r.err != nil {
			for _, f := range r.findings {
				fmt.Fprintln(c.Stderr, f.String())
			}
			return c.errorf("%v", r.err)
		}
		if *format == "text" {
			if i > 0 {
				fmt.Fprintln(c.Stdout)
			}
			c.writePreview(c.Stdout, r.preview, r.model)
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(c.Stdout)
		enc.SetIndent("", "  ")
		var v any = results[0].preview
		if len(results) > 1 {
			ps := make([]*Preview, len(results))
			for i, r := range results {
				ps[i] = r.preview
			}
			v = ps
		}
		if err := enc.Encode(v); err != nil {
			return c.errorf("%v", err)
		}
	}
	return ExitOK
}

// previewResult is one target's preview, or why there is none.
type previewResult struct {
	preview  *Preview
	model    *model.Model
	findings []finding.Finding // what stops the target from evaluating
	err      error
}

func (c *CLI) previewOne(ctx context.Context, runner *gate.Runner, t project.Target, opts gate.Options, noFindings, withCost bool) previewResult {
	var m *model.Model
	var findings []finding.Finding
	if noFindings {
		var err error
		if m, err = model.Load(ctx, t.Dir, opts.Model); err != nil {
			return previewResult{err: err}
		}
	} else {
		res, err := runner.Run(ctx, t.Dir, opts)
		if err != nil {
			return previewResult{err: err}
		}
		if res.Model == nil {
			c.relativize(res.Findings)
			return previewResult{findings: res.Findings, err: fmt.Errorf("%s does not evaluate; fix the findings above", t.Name)}
		}
		m, findings = res.Model, res.Findings
	}
	c.relativize(findings)
	p := c.buildPreview(t, m, findings)
	if withCost {
		var err error
		if p.Cost, err = c.previewCost(t, m); err != nil {
			return previewResult{err: err}
		}
	}
	return previewResult{preview: p, model: m}
}

func (c *CLI) buildPreview(t project.Target, m *model.Model, findings []finding.Finding) *Preview {
	p := &Preview{Target: t.Name, Dir: c.rel(t.Dir), Resources: []PreviewResource{}, Findings: findings, Notes: m.Notes}
	if p.Findings == nil {
		p.Findings = []finding.Finding{}
	}
	for _, r := range m.Resources {
		p.Resources = append(p.Resources, PreviewResource{
			Address: r.Address, Type: r.Type, Module: r.Module, Values: r.Values,
			Mode: r.Mode, Provider: r.Provider, Region: r.Region, File: c.rel(r.File), Line: r.Line,
			References: append([]string{}, r.References...),
		})
	}
	return p
}

func (c *CLI) writePreview(w io.Writer, p *Preview, m *model.Model) {
	managed, data := 0, 0
	regions := map[string]int{}
	for _, r := range m.Resources {
		if r.Mode == model.ModeData {
			data++
			continue
		}
		managed++
		regions[r.Region]++
	}
	title := p.Target
	if p.Dir != p.Target {
		title += " (" + p.Dir + ")"
	}
	fmt.Fprintf(w, "%s: %d resources and %d data sources in %d module instances\n", title, managed, data, len(m.Modules))
	fmt.Fprintf(w, "regions: %s\n", regionSummary(regions))
	keys, groups := m.ByModule()
	for _, k := range keys {
		name := k
		if name == "" {
			name = "root module"
		}
		rs := groups[k]
		fmt.Fprintf(w, "\n%s (%d)\n", name, len(rs))
		width := 0
		for _, r := range rs {
			width = max(width, len(localAddress(r)))
		}
		for _, r := range rs {
			mark := "+"
			if r.Mode == model.ModeData {
				mark = "<="
			}
			line := fmt.Sprintf("  %-2s %-*s  %s", mark, width, localAddress(r), keyValues(r))
			if r.Region != "" && r.Provider != "aws" {
				line += "  [" + r.Region + "]"
			}
			fmt.Fprintln(w, strings.TrimRight(line, " "))
		}
	}
	for _, n := range m.Notes {
		fmt.Fprintf(w, "\nnote: %s", n)
	}
	if len(m.Notes) > 0 {
		fmt.Fprintln(w)
	}
	failing := finding.AtLeast(p.Findings, finding.SeverityHigh)
	fmt.Fprintf(w, "\nfindings: %d at or above HIGH, %d in all\n", len(failing), len(p.Findings))
	for _, f := range p.Findings {
		fmt.Fprintf(w, "  %s\n", f.String())
	}
}

func regionSummary(regions map[string]int) string {
	var parts []string
	for r, n := range regions {
		if r == "" {
			r = "(unknown)"
		}
		parts = append(parts, fmt.Sprintf("%s (%d resources)", r, n))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

func localAddress(r *model.Resource) string {
	if r.Module == "" {
		return r.Address
	}
	return strings.TrimPrefix(r.Address, r.Module+".")
}

// keyAttributes are shown first, in this order, when a resource has them.
var keyAttributes = []string{
	"name", "bucket", "cidr_block", "availability_zone", "engine", "engine_version", "node_type", "instance_class",
	"cpu", "memory", "desired_count", "launch_type", "billing_mode", "price_class", "retention_in_days",
	"enable_key_rotation", "min_capacity", "max_capacity", "port", "protocol", "load_balancer_type", "runtime",
	"architectures", "family", "image", "target_key_id", "description",
}

const maxKeyValues = 5

// keyValues renders up to five scalar values of a resource, key attributes first.
func keyValues(r *model.Resource) string {
	var parts []string
	used := map[string]bool{}
	add := func(k string) {
		v, ok := r.Values[k]
		if !ok || used[k] || len(parts) >= maxKeyValues {
			return
		}
		s, ok := scalar(v)
		if !ok {
			return
		}
		used[k] = true
		parts = append(parts, k+"="+s)
	}
	for _, k := range keyAttributes {
		add(k)
	}
	rest := make([]string, 0, len(r.Values))
	for k := range r.Values {
		rest = append(rest, k)
	}
	sort.Strings(rest)
	for _, k := range rest {
		if k != "tags" && k != "policy" {
			add(k)
		}
	}
	return strings.Join(parts, " ")
}

func scalar(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		if strings.ContainsAny(x, "\n{") || len(x) > 60 {
			return "", false
		}
		if strings.ContainsAny(x, " =") || x == "" {
			return fmt.Sprintf("%q", x), true
		}
		return x, true
	case bool, int64, float64:
		return fmt.Sprint(x), true
	case []any:
		if len(x) == 0 || len(x) > 4 {
			return "", false
		}
		var items []string
		for _, e := range x {
			s, ok := scalar(e)
			if !ok {
				return "", false
			}
			items = append(items, s)
		}
		return "[" + strings.Join(items, ",") + "]", true
	}
	if model.IsUnknown(v) {
		return "(known after apply)", true
	}
	return "", false
}

func (c *CLI) version(ctx context.Context, args []string) int {
	fmt.Fprintln(c.Stdout, "cfctl (Candlefish infrastructure)")
	fmt.Fprintln(c.Stdout, "AWS provider schema: hashicorp/aws 6.66.0 (from npm @cdktn/provider-aws@25.7.0)")
	fmt.Fprintln(c.Stdout, "evaluator and security checks: trivy v0.74.0 (library)")
	return ExitOK
}
