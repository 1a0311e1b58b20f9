package model

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/aquasecurity/trivy/pkg/iac/scanners/terraform/parser"
	"github.com/aquasecurity/trivy/pkg/iac/terraform"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/candlefish-ai/infrastructure/internal/finding"
	"github.com/candlefish-ai/infrastructure/internal/schema"
)

// Rule ids of the evaluation findings that do not stop evaluation.
const (
	RuleVariableValidation = "evaluate/variable-validation"
	RuleModuleInputType    = "evaluate/module-input-type"
	RuleUnknownFunction    = "evaluate/unknown-function"
	RuleFunctionArity      = "evaluate/function-arguments"
	RuleForEachType        = "evaluate/for-each-type"
)

var (
	functionsOnce sync.Once
	functions     map[string]function.Function
)

// terraformFunctions is Terraform's function table as the evaluator has it.
func terraformFunctions() map[string]function.Function {
	functionsOnce.Do(func() { functions = parser.Functions(os.DirFS("/"), "") })
	return functions
}

// functionsWithoutTable are Terraform (>= 1.10) functions the evaluator's
// table lacks; calls to them are accepted without an arity check.
var functionsWithoutTable = map[string]bool{
	"templatestring": true, "ephemeralasnull": true, "issensitive": true, "plantimestamp": true,
}

// checkValidations runs the validation blocks of variables against the
// values they get: root variables from variable files and defaults, module
// variables from each module call. Unknown values are skipped, as Terraform
// does at plan time. A failed condition is reported where the value is set.
func checkValidations(root *ModuleDir, inputs map[string]cty.Value, inputRanges map[string]hcl.Range, m *Model, modules terraform.Modules) []finding.Finding {
	var out []finding.Finding
	values := map[string]cty.Value{}
	for name, v := range root.Variables {
		if val, ok := inputs[name]; ok {
			values[name] = val
		} else if v.Default != cty.NilVal {
			values[name] = v.Default
		}
	}
	out = append(out, runValidations(root, values, func(name string) hcl.Range {
		if r, ok := inputRanges[name]; ok {
			return r
		}
		return root.Variables[name].Range
	}, "")...)

	seen := map[string]bool{}
	for _, mod := range modules {
		for _, b := range mod.GetBlocks() {
			if b.Type() != "module" || seen[b.FullName()] {
				continue
			}
			seen[b.FullName()] = true
			mc := m.moduleCallFor(b)
			if mc == nil || mc.Dir == "" || m.Dirs[mc.Dir] == nil {
				continue
			}
			child := m.Dirs[mc.Dir]
			vals := map[string]cty.Value{}
			for name, v := range child.Variables {
				a := b.GetAttribute(name)
				if a == nil {
					if v.Default != cty.NilVal {
						vals[name] = v.Default
					}
					continue
				}
				val := withoutPlaceholders(a.Value())
				if val == cty.NilVal {
					continue
				}
				if v.Defaults != nil {
					val = applyDefaults(v.Defaults, val)
				}
				conv, err := convertTo(val, v.Type)
				if err != nil {
					r := fsRange(a.HCLAttribute().Range)
					out = append(out, finding.Finding{Gate: "evaluate", RuleID: RuleModuleInputType, Severity: finding.SeverityHigh,
						File: r.Filename, Line: r.Start.Line, Column: r.Start.Column, Resource: b.FullName(),
						Message: fmt.Sprintf("input %q of %s is not a valid %s: %v", name, b.FullName(), v.Type.FriendlyName(), err)})
					continue
				}
				vals[name] = conv
			}
			out = append(out, runValidations(child, vals, func(name string) hcl.Range {
				if a := b.GetAttribute(name); a != nil {
					return fsRange(a.HCLAttribute().Range)
				}
				return mc.Block.DefRange()
			}, b.FullName())...)
		}
	}
	return out
}

func runValidations(dir *ModuleDir, values map[string]cty.Value, where func(string) hcl.Range, module string) []finding.Finding {
	var out []finding.Finding
	varObj := map[string]cty.Value{}
	for name, v := range dir.Variables {
		if val, ok := values[name]; ok {
			varObj[name] = val
		} else {
			varObj[name] = cty.UnknownVal(v.Type)
		}
	}
	ctx := &hcl.EvalContext{
		Variables: map[string]cty.Value{"var": cty.ObjectVal(varObj)},
		Functions: terraformFunctions(),
	}
	for _, name := range sortedKeys(dir.Variables) {
		v := dir.Variables[name]
		if _, ok := values[name]; !ok {
			continue
		}
		for _, val := range v.Validations {
			cond, diags := val.Condition.Value(ctx)
			if diags.HasErrors() || !cond.IsWhollyKnown() || cond.IsNull() || cond.Type() != cty.Bool {
				continue
			}
			if cond.True() {
				continue
			}
			msg := "the validation condition failed"
			if val.ErrorMessage != nil {
				if em, d := val.ErrorMessage.Value(ctx); !d.HasErrors() && em.Type() == cty.String && em.IsKnown() && !em.IsNull() {
					msg = em.AsString()
				}
			}
			r := where(name)
			subject := fmt.Sprintf("variable %q", name)
			if module != "" {
				subject = fmt.Sprintf("input %q of %s", name, module)
			}
			out = append(out, finding.Finding{Gate: "evaluate", RuleID: RuleVariableValidation, Severity: finding.SeverityHigh,
				File: r.Filename, Line: r.Start.Line, Column: r.Start.Column, Resource: module,
				Message:    fmt.Sprintf("invalid value for %s: %s", subject, strings.TrimSpace(msg)),
				Resolution: fmt.Sprintf("see the validation at %s:%d", val.Range.Filename, val.Range.Start.Line)})
		}
	}
	return out
}

// checkFunctions reports calls to functions Terraform does not have and
// calls with the wrong number of arguments, in every module directory.
func checkFunctions(dirs map[string]*ModuleDir) []finding.Finding {
	funcs := terraformFunctions()
	names := make([]string, 0, len(funcs))
	for n := range funcs {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []finding.Finding
	for _, d := range sortedKeys(dirs) {
		for _, path := range dirs[d].FilePaths() {
			visitExpressions(dirs[d].Files[path], func(n hclsyntax.Node) hcl.Diagnostics {
				call, ok := n.(*hclsyntax.FunctionCallExpr)
				if !ok || strings.Contains(call.Name, "::") || functionsWithoutTable[call.Name] {
					return nil
				}
				r := call.NameRange
				fn, known := funcs[call.Name]
				if !known {
					f := finding.Finding{Gate: "evaluate", RuleID: RuleUnknownFunction, Severity: finding.SeverityHigh,
						File: r.Filename, Line: r.Start.Line, Column: r.Start.Column,
						Message: fmt.Sprintf("call to unknown function %q", call.Name)}
					if s := schema.Suggest(call.Name, names); s != "" {
						f.Resolution = fmt.Sprintf("did you mean %q?", s)
					}
					out = append(out, f)
					return nil
				}
				if call.ExpandFinal {
					return nil // f(list...) has a count known only at evaluation
				}
				params, variadic := len(fn.Params()), fn.VarParam() != nil
				if n := len(call.Args); n < params || (!variadic && n > params) {
					want := fmt.Sprintf("%d", params)
					if variadic {
						want = fmt.Sprintf("at least %d", params)
					}
					out = append(out, finding.Finding{Gate: "evaluate", RuleID: RuleFunctionArity, Severity: finding.SeverityHigh,
						File: r.Filename, Line: r.Start.Line, Column: r.Start.Column,
						Message: fmt.Sprintf("%s() takes %s argument(s), got %d", call.Name, want, n)})
				}
				return nil
			})
		}
	}
	return out
}

// visitExpressions visits the expressions of a body, except type constraints
// (`type = object({...})` in variable blocks), which look like calls but are not.
func visitExpressions(body *hclsyntax.Body, fn hclsyntax.VisitFunc) {
	for _, a := range body.Attributes {
		_ = hclsyntax.VisitAll(a.Expr, fn)
	}
	for _, b := range body.Blocks {
		if b.Type == "variable" {
			inner := *b.Body
			inner.Attributes = hclsyntax.Attributes{}
			for name, a := range b.Body.Attributes {
				if name != "type" {
					inner.Attributes[name] = a
				}
			}
			visitExpressions(&inner, fn)
			continue
		}
		visitExpressions(b.Body, fn)
	}
}

// withoutPlaceholders turns strings derived from the evaluator's placeholder
// ids back into unknown values, so that no check treats them as real.
func withoutPlaceholders(v cty.Value) cty.Value {
	if v == cty.NilVal {
		return v
	}
	out, err := cty.Transform(v, func(_ cty.Path, v cty.Value) (cty.Value, error) {
		if v.Type() == cty.String && v.IsKnown() && !v.IsNull() && !v.IsMarked() {
			if s := v.AsString(); placeholderID.MatchString(s) || s == placeholderRegion {
				return cty.UnknownVal(cty.String), nil
			}
		}
		return v, nil
	})
	if err != nil {
		return cty.DynamicVal
	}
	return out
}

// fsRange makes a range's file name absolute: the evaluator works on a file
// system rooted at / and drops the leading slash.
func fsRange(r hcl.Range) hcl.Range {
	if r.Filename != "" && !strings.HasPrefix(r.Filename, "/") {
		r.Filename = "/" + r.Filename
	}
	return r
}

// applyDefaults fills optional attributes' defaults, as Terraform does when a
// value meets its declared type, also in values that are partly unknown.
func applyDefaults(d *typeexpr.Defaults, v cty.Value) (out cty.Value) {
	defer func() {
		if recover() != nil {
			out = v
		}
	}()
	return d.Apply(v)
}
