package model

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/candlefish-ai/infrastructure/internal/finding"
)

// ModuleDir is one directory of Terraform configuration (the root module or a
// local module it calls), parsed but not evaluated. The static checks (schema,
// references, module inputs) walk these bodies, once per directory, the way
// `terraform validate` checks configuration rather than instances.
type ModuleDir struct {
	Dir         string                     // absolute path
	Files       map[string]*hclsyntax.Body // body of each .tf file, by absolute path
	Variables   map[string]*Variable
	Outputs     map[string]hcl.Range
	Locals      map[string]hcl.Range
	Resources   map[string]*hclsyntax.Block // "aws_vpc.this" -> its block
	DataSources map[string]*hclsyntax.Block // "aws_region.current" (without the data. prefix)
	Ephemerals  map[string]*hclsyntax.Block // "aws_secretsmanager_random_password.x" (without the ephemeral. prefix)
	ModuleCalls map[string]*ModuleCall
	Providers   map[string]*hclsyntax.Block // "aws", "aws.replica"
	// ConfigurationAliases are the provider aliases a child module expects
	// from its caller (required_providers' configuration_aliases): "aws.replica".
	ConfigurationAliases map[string]bool
}

// Variable is a declared input variable.
type Variable struct {
	Name        string
	Type        cty.Type // cty.DynamicPseudoType when the declaration has no type
	Defaults    *typeexpr.Defaults
	Typed       bool
	HasDefault  bool
	Default     cty.Value // converted to Type; cty.NilVal when there is none
	Description string
	Validations []Validation
	Range       hcl.Range
}

// Validation is one `validation` block of a variable.
type Validation struct {
	Condition    hcl.Expression
	ErrorMessage hcl.Expression
	Range        hcl.Range
}

// ModuleCall is a `module "name" {}` block and where its source lives.
type ModuleCall struct {
	Name   string
	Source string // as written
	Dir    string // absolute directory for local sources, "" for remote ones
	Block  *hclsyntax.Block
}

// Files returns the module's file paths, sorted.
func (m *ModuleDir) FilePaths() []string {
	out := make([]string, 0, len(m.Files))
	for p := range m.Files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// loadConfig parses root and every local module it reaches. Syntax errors come
// back as findings with file and line; nothing is evaluated here.
func loadConfig(root string) (map[string]*ModuleDir, []finding.Finding, error) {
	dirs := map[string]*ModuleDir{}
	var problems []finding.Finding
	var visit func(dir string, from *ModuleCall) error
	visit = func(dir string, from *ModuleCall) error {
		if _, seen := dirs[dir]; seen {
			return nil
		}
		md, errs, err := parseModuleDir(dir)
		if err != nil {
			if from != nil {
				r := from.Block.DefRange()
				return fmt.Errorf("%s:%d: module %q: %w", r.Filename, r.Start.Line, from.Name, err)
			}
			return err
		}
		dirs[dir] = md
		problems = append(problems, errs...)
		names := make([]string, 0, len(md.ModuleCalls))
		for n := range md.ModuleCalls {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			mc := md.ModuleCalls[n]
			if mc.Dir == "" {
				continue
			}
			if err := visit(mc.Dir, mc); err != nil {
				return err
			}
		}
		return nil
	}
	if err := visit(root, nil); err != nil {
		return nil, nil, err
	}
	return dirs, problems, nil
}

func isLocalSource(src string) bool {
	return strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../")
}

func parseModuleDir(dir string) (*ModuleDir, []finding.Finding, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read directory %s: %w", dir, err)
	}
	md := &ModuleDir{
		Dir:         dir,
		Files:       map[string]*hclsyntax.Body{},
		Variables:   map[string]*Variable{},
		Outputs:     map[string]hcl.Range{},
		Locals:      map[string]hcl.Range{},
		Resources:   map[string]*hclsyntax.Block{},
		DataSources: map[string]*hclsyntax.Block{},
		Ephemerals:  map[string]*hclsyntax.Block{},
		ModuleCalls: map[string]*ModuleCall{},
		Providers:   map[string]*hclsyntax.Block{},

		ConfigurationAliases: map[string]bool{},
	}
	var problems []finding.Finding
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tf") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		f, diags := parsed.file(path)
		problems = append(problems, diagFindings("evaluate", "evaluate/syntax", diags)...)
		if f == nil || diags.HasErrors() {
			continue
		}
		body := f.Body.(*hclsyntax.Body)
		md.Files[path] = body
		problems = append(problems, md.index(body)...)
	}
	if len(md.Files) == 0 && len(problems) == 0 {
		return nil, nil, fmt.Errorf("no .tf files in %s", dir)
	}
	return md, problems, nil
}

// index records the top-level declarations of one file.
func (md *ModuleDir) index(body *hclsyntax.Body) []finding.Finding {
	var problems []finding.Finding
	duplicate := func(kind, name string, r hcl.Range, first hcl.Range) {
		problems = append(problems, finding.Finding{Gate: "evaluate", RuleID: "evaluate/duplicate", Severity: finding.SeverityHigh,
			File: r.Filename, Line: r.Start.Line, Column: r.Start.Column,
			Message:    fmt.Sprintf("duplicate %s %q: first declared at %s:%d", kind, name, first.Filename, first.Start.Line),
			Resolution: "rename or remove one of them"})
	}
	for _, b := range body.Blocks {
		switch b.Type {
		case "terraform":
			md.indexRequiredProviders(b)
		}
		switch b.Type {
		case "variable":
			if len(b.Labels) == 1 {
				v, errs := decodeVariable(b)
				if prev, dup := md.Variables[v.Name]; dup {
					duplicate("variable", v.Name, b.DefRange(), prev.Range)
				}
				md.Variables[v.Name] = v
				problems = append(problems, errs...)
			}
		case "output":
			if len(b.Labels) == 1 {
				if prev, dup := md.Outputs[b.Labels[0]]; dup {
					duplicate("output", b.Labels[0], b.DefRange(), prev)
				}
				md.Outputs[b.Labels[0]] = b.DefRange()
			}
		case "locals":
			for name, a := range b.Body.Attributes {
				if prev, dup := md.Locals[name]; dup {
					duplicate("local value", name, a.SrcRange, prev)
				}
				md.Locals[name] = a.SrcRange
			}
		case "resource":
			if len(b.Labels) == 2 {
				key := b.Labels[0] + "." + b.Labels[1]
				if prev, dup := md.Resources[key]; dup {
					duplicate("resource", key, b.DefRange(), prev.DefRange())
				}
				md.Resources[key] = b
			}
		case "data":
			if len(b.Labels) == 2 {
				key := b.Labels[0] + "." + b.Labels[1]
				if prev, dup := md.DataSources[key]; dup {
					duplicate("data source", "data."+key, b.DefRange(), prev.DefRange())
				}
				md.DataSources[key] = b
			}
		case "ephemeral":
			if len(b.Labels) == 2 {
				key := b.Labels[0] + "." + b.Labels[1]
				if prev, dup := md.Ephemerals[key]; dup {
					duplicate("ephemeral resource", "ephemeral."+key, b.DefRange(), prev.DefRange())
				}
				md.Ephemerals[key] = b
			}
		case "provider":
			if len(b.Labels) == 1 {
				key := b.Labels[0]
				if a, ok := b.Body.Attributes["alias"]; ok {
					if v, d := a.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() {
						key += "." + v.AsString()
					}
				}
				md.Providers[key] = b
			}
		case "module":
			if len(b.Labels) == 1 {
				mc := &ModuleCall{Name: b.Labels[0], Block: b}
				if a, ok := b.Body.Attributes["source"]; ok {
					if v, d := a.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String {
						mc.Source = v.AsString()
					}
				}
				if isLocalSource(mc.Source) {
					mc.Dir = filepath.Clean(filepath.Join(md.Dir, mc.Source))
				}
				if prev, dup := md.ModuleCalls[mc.Name]; dup {
					duplicate("module call", mc.Name, b.DefRange(), prev.Block.DefRange())
				}
				md.ModuleCalls[mc.Name] = mc
			}
		}
	}
	return problems
}

// indexRequiredProviders records configuration_aliases from a terraform block.
func (md *ModuleDir) indexRequiredProviders(b *hclsyntax.Block) {
	for _, rp := range b.Body.Blocks {
		if rp.Type != "required_providers" {
			continue
		}
		for _, a := range rp.Body.Attributes {
			obj, ok := a.Expr.(*hclsyntax.ObjectConsExpr)
			if !ok {
				continue
			}
			for _, item := range obj.Items {
				if hcl.ExprAsKeyword(item.KeyExpr) != "configuration_aliases" {
					continue
				}
				list, diags := hcl.ExprList(item.ValueExpr)
				if diags.HasErrors() {
					continue
				}
				for _, e := range list {
					if t, d := hcl.AbsTraversalForExpr(e); !d.HasErrors() {
						md.ConfigurationAliases[TraversalName(t)] = true
					}
				}
			}
		}
	}
}

func decodeVariable(b *hclsyntax.Block) (*Variable, []finding.Finding) {
	v := &Variable{Name: b.Labels[0], Type: cty.DynamicPseudoType, Range: b.DefRange()}
	var problems []finding.Finding
	if a, ok := b.Body.Attributes["type"]; ok {
		ty, defs, diags := typeexpr.TypeConstraintWithDefaults(a.Expr)
		if diags.HasErrors() {
			problems = append(problems, diagFindings("evaluate", "evaluate/variable-type", diags)...)
		} else {
			v.Type, v.Defaults, v.Typed = ty, defs, true
		}
	}
	if a, ok := b.Body.Attributes["default"]; ok {
		v.HasDefault = true
		val, diags := a.Expr.Value(nil)
		if diags.HasErrors() {
			problems = append(problems, diagFindings("evaluate", "evaluate/variable-default", diags)...)
		} else {
			if v.Defaults != nil {
				val = v.Defaults.Apply(val)
			}
			conv, err := convertTo(val, v.Type)
			if err != nil {
				problems = append(problems, finding.Finding{Gate: "evaluate", RuleID: "evaluate/variable-default", Severity: finding.SeverityHigh,
					File: a.SrcRange.Filename, Line: a.SrcRange.Start.Line, Column: a.SrcRange.Start.Column,
					Message: fmt.Sprintf("default of variable %q is not a valid %s: %v", v.Name, v.Type.FriendlyName(), err)})
			} else {
				v.Default = conv
			}
		}
	}
	for _, vb := range b.Body.Blocks {
		if vb.Type != "validation" {
			continue
		}
		val := Validation{Range: vb.DefRange()}
		if a, ok := vb.Body.Attributes["condition"]; ok {
			val.Condition = a.Expr
		}
		if a, ok := vb.Body.Attributes["error_message"]; ok {
			val.ErrorMessage = a.Expr
		}
		if val.Condition != nil {
			v.Validations = append(v.Validations, val)
		}
	}
	if a, ok := b.Body.Attributes["description"]; ok {
		if val, d := a.Expr.Value(nil); !d.HasErrors() && val.Type() == cty.String && val.IsKnown() && !val.IsNull() {
			v.Description = val.AsString()
		}
	}
	return v, problems
}

// diagFindings turns HCL diagnostics into findings at their subject's position.
func diagFindings(gate, rule string, diags hcl.Diagnostics) []finding.Finding {
	var out []finding.Finding
	for _, d := range diags {
		f := finding.Finding{Gate: gate, RuleID: rule, Severity: finding.SeverityHigh, Message: d.Summary}
		if d.Severity == hcl.DiagWarning {
			f.Severity = finding.SeverityLow
		}
		if d.Detail != "" {
			f.Message += ": " + d.Detail
		}
		if d.Subject != nil {
			f.File, f.Line, f.Column = d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column
		}
		out = append(out, f)
	}
	return out
}
