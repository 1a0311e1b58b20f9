// Package policy runs Candlefish's own policies, written in Rego (the
// repository's policies/ directory, plus any --policy-dir), with the OPA
// library, over an evaluated root module or a plan's JSON.
//
// A policy is a Rego package under `candlefish.` with
//
//	metadata := {"id": "CF-...", "title": "...", "severity": "HIGH", "resolution": "..."}
//	deny contains {"address": "<resource address>", "attribute": "<argument>", "msg": "..."} if { ... }
//
// Packages without metadata (candlefish.lib) are helpers.
package policy

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/candlefish-ai/infrastructure/internal/finding"
	"github.com/candlefish-ai/infrastructure/policies"
)

// Gate is the gate name of policy findings.
const Gate = "policy"

// Policy describes one loaded policy.
type Policy struct {
	Package    string
	ID         string
	Title      string
	Severity   finding.Severity
	Resolution string
	File       string
}

// Violation is one deny result of one policy.
type Violation struct {
	Policy    *Policy
	Address   string
	Attribute string
	Message   string
}

// Engine holds the compiled policies.
type Engine struct {
	Policies []*Policy
	query    rego.PreparedEvalQuery
}

// New compiles the built-in policies and the .rego files (not *_test.rego)
// of each extra directory.
func New(ctx context.Context, extraDirs ...string) (*Engine, error) {
	modules := map[string]*ast.Module{}
	parse := func(name string, src []byte) error {
		mod, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			return err
		}
		if !strings.HasPrefix(mod.Package.Path.String(), "data.candlefish.") {
			return fmt.Errorf("%s: package %s: policies must live under package candlefish.<name>", name, strings.TrimPrefix(mod.Package.Path.String(), "data."))
		}
		modules[name] = mod
		return nil
	}
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return err
		}
		return parse("policies/"+p, src)
	})
	if err != nil {
		return nil, err
	}
	for _, dir := range extraDirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.rego"))
		if err != nil {
			return nil, err
		}
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("--policy-dir %s: not a directory", dir)
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("--policy-dir %s: no .rego files", dir)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.rego") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			if err := parse(f, src); err != nil {
				return nil, err
			}
		}
	}
	compiler := ast.NewCompiler()
	if compiler.Compile(modules); compiler.Failed() {
		return nil, compiler.Errors
	}
	e := &Engine{}
	for name, mod := range modules {
		pkg := strings.TrimPrefix(mod.Package.Path.String(), "data.candlefish.")
		p, err := readMetadata(ctx, compiler, pkg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if p == nil {
			continue // a helper package
		}
		p.File = name
		e.Policies = append(e.Policies, p)
	}
	sort.Slice(e.Policies, func(i, j int) bool { return e.Policies[i].ID < e.Policies[j].ID })
	ids := map[string]string{}
	for _, p := range e.Policies {
		if other, dup := ids[p.ID]; dup {
			return nil, fmt.Errorf("policy id %s is used by both %s and %s", p.ID, other, p.File)
		}
		ids[p.ID] = p.File
	}
	e.query, err = rego.New(rego.Compiler(compiler), rego.Query("data.candlefish")).PrepareForEval(ctx)
	if err != nil {
		return nil, err
	}
	return e, nil
}

func readMetadata(ctx context.Context, compiler *ast.Compiler, pkg string) (*Policy, error) {
	rs, err := rego.New(rego.Compiler(compiler), rego.Query("data.candlefish."+pkg+".metadata")).Eval(ctx)
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, nil
	}
	md, ok := rs[0].Expressions[0].Value.(map[string]any)
	if !ok {
		return nil, errors.New("metadata must be an object")
	}
	str := func(k string) string { s, _ := md[k].(string); return s }
	p := &Policy{Package: pkg, ID: str("id"), Title: str("title"), Resolution: str("resolution")}
	if p.ID == "" || p.Title == "" {
		return nil, errors.New(`metadata needs "id" and "title"`)
	}
	if p.Severity, err = finding.ParseSeverity(str("severity")); err != nil || p.Severity == finding.SeverityUnknown {
		return nil, fmt.Errorf("metadata severity %q: valid are LOW, MEDIUM, HIGH, CRITICAL", str("severity"))
	}
	return p, nil
}

// Eval runs every policy on one input document.
func (e *Engine) Eval(ctx context.Context, input *Input) ([]Violation, error) {
	rs, err := e.query.Eval(ctx, rego.EvalInput(input))
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, nil
	}
	pkgs, _ := rs[0].Expressions[0].Value.(map[string]any)
	var out []Violation
	for _, p := range e.Policies {
		doc, _ := pkgs[p.Package].(map[string]any)
		deny, _ := doc["deny"].([]any)
		for _, d := range deny {
			v := Violation{Policy: p}
			switch x := d.(type) {
			case string:
				v.Message = x
			case map[string]any:
				v.Address, _ = x["address"].(string)
				v.Attribute, _ = x["attribute"].(string)
				v.Message, _ = x["msg"].(string)
			}
			if v.Message == "" {
				v.Message = p.Title
			}
			out = append(out, v)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Policy.ID != out[j].Policy.ID {
			return out[i].Policy.ID < out[j].Policy.ID
		}
		if out[i].Address != out[j].Address {
			return out[i].Address < out[j].Address
		}
		return out[i].Message < out[j].Message
	})
	return out, nil
}
