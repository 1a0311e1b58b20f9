package model

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/aquasecurity/trivy/pkg/iac/scanners/terraform/parser"
	"github.com/aquasecurity/trivy/pkg/iac/terraform"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/candlefish-ai/infrastructure/internal/finding"
	"github.com/candlefish-ai/infrastructure/internal/schema"
)

// Options changes how a root module is loaded.
type Options struct {
	// VarFiles are extra variable files (like -var-file), read after the
	// automatic ones, relative to the working directory.
	VarFiles []string
	// NoAutoVarFiles skips terraform.tfvars and *.auto.tfvars in the root.
	NoAutoVarFiles bool
}

// LoadError means the configuration cannot be evaluated at all: syntax
// errors, bad variable files. Each finding names a file and line.
type LoadError struct {
	Dir      string
	Findings []finding.Finding
}

func (e *LoadError) Error() string {
	lines := make([]string, 0, len(e.Findings)+1)
	lines = append(lines, fmt.Sprintf("cannot evaluate %s:", e.Dir))
	for _, f := range e.Findings {
		lines = append(lines, "  "+f.String())
	}
	return strings.Join(lines, "\n")
}

// Load evaluates the root module in dir with its local modules and variable
// files. It writes nothing.
func Load(ctx context.Context, dir string, opts Options) (*Model, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("%s: no such directory", dir)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("%s: not a directory", dir)
	}
	dirs, problems, err := loadConfig(abs)
	if err != nil {
		return nil, err
	}
	if errs := finding.AtLeast(problems, finding.SeverityHigh); len(errs) > 0 {
		return nil, &LoadError{Dir: dir, Findings: errs}
	}
	root := dirs[abs]

	m := &Model{Root: abs, Dirs: dirs}
	files, err := varFiles(abs, opts)
	if err != nil {
		return nil, err
	}
	m.VarFiles = files
	inputs, inputRanges, varProblems := readInputs(root, files)
	if len(varProblems) > 0 {
		return nil, &LoadError{Dir: dir, Findings: varProblems}
	}
	for _, name := range sortedKeys(root.Variables) {
		v := root.Variables[name]
		if _, set := inputs[name]; set || v.HasDefault {
			continue
		}
		// As a plan without -var would prompt for it, the value is unknown here.
		inputs[name] = cty.UnknownVal(v.Type)
		m.Notes = append(m.Notes, fmt.Sprintf("%s:%d: variable %q has no value in any variable file; it is treated as unknown",
			v.Range.Filename, v.Range.Start.Line, name))
	}
	m.Variables = map[string]any{}
	for name, v := range root.Variables {
		if v.Default != cty.NilVal {
			m.Variables[name] = toGo(v.Default)
		}
	}
	for name, v := range inputs {
		m.Variables[name] = toGo(v)
	}

	modules, logs, err := evaluate(ctx, abs, inputs)
	if err != nil {
		return nil, err
	}
	m.Notes = append(m.Notes, logs...)
	m.build(modules)
	m.resolveReferences()
	m.Findings = append(m.Findings, checkFunctions(dirs)...)
	m.Findings = append(m.Findings, checkValidations(root, inputs, inputRanges, m, modules)...)
	finding.Sort(m.Findings)
	return m, nil
}

// varFiles lists the variable files Terraform would read, in its order:
// terraform.tfvars, *.auto.tfvars (sorted), then explicit ones.
func varFiles(root string, opts Options) ([]string, error) {
	var files []string
	if !opts.NoAutoVarFiles {
		if _, err := os.Stat(filepath.Join(root, "terraform.tfvars")); err == nil {
			files = append(files, filepath.Join(root, "terraform.tfvars"))
		}
		auto, _ := filepath.Glob(filepath.Join(root, "*.auto.tfvars"))
		sort.Strings(auto)
		files = append(files, auto...)
	}
	for _, f := range opts.VarFiles {
		abs, err := filepath.Abs(f)
		if err != nil {
			return nil, err
		}
		if st, err := os.Stat(abs); err != nil || st.IsDir() {
			return nil, fmt.Errorf("variable file %s does not exist (give a path to a .tfvars file)", f)
		}
		files = append(files, abs)
	}
	return files, nil
}

// readInputs reads TF_VAR_ environment variables and the variable files,
// later ones winning, and converts each value to its declared type. An
// undeclared name or a value of the wrong type is an error at its line.
func readInputs(root *ModuleDir, files []string) (map[string]cty.Value, map[string]hcl.Range, []finding.Finding) {
	inputs := map[string]cty.Value{}
	ranges := map[string]hcl.Range{}
	var problems []finding.Finding
	for _, kv := range os.Environ() {
		name, raw, _ := strings.Cut(kv, "=")
		name, ok := strings.CutPrefix(name, "TF_VAR_")
		if !ok {
			continue
		}
		v, declared := root.Variables[name]
		if !declared {
			continue // Terraform ignores undeclared TF_VAR_ variables too
		}
		val := cty.StringVal(raw)
		if !v.Type.IsPrimitiveType() && v.Type != cty.DynamicPseudoType {
			expr, diags := hclsyntax.ParseExpression([]byte(raw), "TF_VAR_"+name, hcl.InitialPos)
			if !diags.HasErrors() {
				val, diags = expr.Value(nil)
			}
			if diags.HasErrors() {
				problems = append(problems, finding.Finding{Gate: "evaluate", RuleID: "evaluate/variable-value", Severity: finding.SeverityHigh,
					File: "TF_VAR_" + name, Message: fmt.Sprintf("environment variable TF_VAR_%s is not a valid %s: %s", name, v.Type.FriendlyName(), diags.Error())})
				continue
			}
		}
		inputs[name] = val
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			problems = append(problems, finding.Finding{Gate: "evaluate", RuleID: "evaluate/var-file", Severity: finding.SeverityHigh, File: file, Message: err.Error()})
			continue
		}
		f, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
		if diags.HasErrors() {
			problems = append(problems, diagFindings("evaluate", "evaluate/syntax", diags)...)
			continue
		}
		attrs, diags := f.Body.JustAttributes()
		if diags.HasErrors() {
			problems = append(problems, diagFindings("evaluate", "evaluate/syntax", diags)...)
			continue
		}
		for _, name := range sortedKeys(attrs) {
			a := attrs[name]
			decl, ok := root.Variables[name]
			if !ok {
				msg := fmt.Sprintf("variable %q is not declared by the root module", name)
				if s := schema.Suggest(name, sortedKeys(root.Variables)); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				}
				problems = append(problems, finding.Finding{Gate: "evaluate", RuleID: "evaluate/undeclared-variable", Severity: finding.SeverityHigh,
					File: file, Line: a.Range.Start.Line, Column: a.Range.Start.Column, Message: msg,
					Resolution: "declare it in variables.tf or remove it from the variable file"})
				continue
			}
			val, diags := a.Expr.Value(nil)
			if diags.HasErrors() {
				problems = append(problems, diagFindings("evaluate", "evaluate/variable-value", diags)...)
				continue
			}
			if decl.Defaults != nil {
				val = decl.Defaults.Apply(val)
			}
			if conv, err := convertTo(val, decl.Type); err != nil {
				problems = append(problems, finding.Finding{Gate: "evaluate", RuleID: "evaluate/variable-type", Severity: finding.SeverityHigh,
					File: file, Line: a.Range.Start.Line, Column: a.Range.Start.Column,
					Message: fmt.Sprintf("value for variable %q is not a valid %s: %v", name, decl.Type.FriendlyName(), err)})
				continue
			} else {
				val = conv
			}
			inputs[name] = val
			ranges[name] = a.Range
		}
	}
	return inputs, ranges, problems
}

// evaluate runs trivy's evaluator over the root module. It returns the
// evaluated modules and the evaluator's warnings as notes.
func evaluate(ctx context.Context, root string, inputs map[string]cty.Value) (terraform.Modules, []string, error) {
	// The file system is rooted at / so that module sources such as
	// ../../modules/x resolve to their real directories.
	rel := strings.TrimPrefix(filepath.ToSlash(root), "/")
	if rel == "" {
		rel = "."
	}
	logs := &logCollector{}
	p := parser.New(os.DirFS("/"), "",
		parser.OptionWithDownloads(false),
		parser.OptionWithSkipCachedModules(true),
		parser.OptionStopOnHCLError(true),
		parser.OptionWithWorkingDirectoryPath(root),
		parser.OptionsWithTfVars(inputs),
		parser.OptionWithLogger(slog.New(logs)),
	)
	if err := p.ParseFS(ctx, rel); err != nil {
		return nil, nil, fmt.Errorf("parse %s: %w", root, err)
	}
	modules, err := p.EvaluateAll(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("evaluate %s: %w", root, err)
	}
	if len(modules) == 0 {
		return nil, nil, errors.New("no .tf files in " + root)
	}
	return modules, logs.lines(), nil
}

// build fills the model from trivy's evaluated modules.
func (m *Model) build(modules terraform.Modules) {
	rootProviders := map[string]string{} // provider config key -> region
	defaultTags := map[string]map[string]any{}
	for _, mod := range modules {
		for _, b := range mod.GetBlocks() {
			if b.Type() != "provider" || b.InModule() {
				continue
			}
			key := b.TypeLabel()
			if a := b.GetAttribute("alias"); a != nil && a.IsString() {
				key += "." + a.Value().AsString()
			}
			region := ""
			if a := b.GetAttribute("region"); a != nil {
				if s, ok := toGo(a.Value()).(string); ok {
					region = s
				}
			}
			rootProviders[key] = region
			for _, dt := range b.GetBlocks("default_tags") {
				if tags, ok := blockValues(dt)["tags"].(map[string]any); ok {
					defaultTags[key] = tags
				}
			}
		}
	}
	mapping := &providerMapping{cache: map[*terraform.Block]map[string]string{}}
	seenModule := map[string]bool{}
	for _, mod := range modules {
		for _, b := range mod.GetBlocks() {
			switch b.Type() {
			case "module":
				addr := b.FullName()
				if seenModule[addr] {
					continue
				}
				seenModule[addr] = true
				mi := &ModuleInstance{Address: addr, Inputs: blockValues(b)}
				delete(mi.Inputs, "source")
				delete(mi.Inputs, "version")
				delete(mi.Inputs, "providers")
				if a := b.GetAttribute("source"); a != nil && a.IsString() {
					mi.Source = a.Value().AsString()
				}
				if mc := m.moduleCallFor(b); mc != nil {
					mi.Dir = mc.Dir
				}
				m.Modules = append(m.Modules, mi)
				m.checkForEach(b)
			case "resource", "data":
				if len(b.Labels()) < 2 {
					continue
				}
				m.checkForEach(b)
				r := m.resource(b, mapping, rootProviders)
				r.DefaultTags = defaultTags[r.Provider]
				m.Resources = append(m.Resources, r)
			}
		}
	}
	sort.Slice(m.Resources, func(i, j int) bool { return m.Resources[i].Address < m.Resources[j].Address })
	sort.Slice(m.Modules, func(i, j int) bool { return m.Modules[i].Address < m.Modules[j].Address })
}

// checkForEach reports a for_each over a list or tuple, which Terraform
// rejects ("must be a map, or set of strings"); the evaluator accepts it.
func (m *Model) checkForEach(b *terraform.Block) {
	a := b.GetAttribute("for_each")
	if a == nil {
		return
	}
	v := withoutPlaceholders(a.Value())
	if v == cty.NilVal || !(v.Type().IsListType() || v.Type().IsTupleType()) {
		return
	}
	r := fsRange(a.HCLAttribute().Range)
	key := fmt.Sprintf("%s:%d", r.Filename, r.Start.Line)
	for _, f := range m.Findings {
		if fmt.Sprintf("%s:%d", f.File, f.Line) == key && f.RuleID == RuleForEachType {
			return
		}
	}
	m.Findings = append(m.Findings, finding.Finding{Gate: "evaluate", RuleID: RuleForEachType, Severity: finding.SeverityHigh,
		File: r.Filename, Line: r.Start.Line, Column: r.Start.Column, Resource: b.FullName(),
		Message:    "for_each must be a map, or a set of strings; this is a " + v.Type().FriendlyName(),
		Resolution: "wrap the list in toset(...) or build a map with stable keys"})
}

func (m *Model) moduleCallFor(b *terraform.Block) *ModuleCall {
	r := b.GetMetadata().Range()
	for _, d := range m.Dirs {
		if mc, ok := d.ModuleCalls[b.Reference().NameLabel()]; ok {
			if filepath.Base(mc.Block.DefRange().Filename) == filepath.Base(r.GetFilename()) && mc.Block.DefRange().Start.Line == r.GetStartLine() {
				return mc
			}
		}
	}
	return nil
}

func (m *Model) resource(b *terraform.Block, mapping *providerMapping, regions map[string]string) *Resource {
	ref := b.Reference()
	r := &Resource{
		Address: b.FullName(),
		Mode:    ModeManaged,
		Type:    ref.TypeLabel(),
		Name:    ref.NameLabel(),
		Values:  blockValues(b),
	}
	if b.Type() == "data" {
		r.Mode = ModeData
	}
	switch k := ref.RawKey(); {
	case k.IsNull() || !k.IsKnown():
	case k.Type() == cty.Number:
		i, _ := k.AsBigFloat().Int64()
		r.Index = int(i)
	case k.Type() == cty.String:
		r.Index = k.AsString()
	}
	if mb := b.ModuleBlock(); mb != nil {
		r.Module = mb.FullName()
	}
	local := providerPrefix(r.Type)
	if a := b.GetAttribute("provider"); a != nil {
		if t, diags := hcl.AbsTraversalForExpr(a.HCLAttribute().Expr); !diags.HasErrors() {
			local = TraversalName(t)
		}
	}
	r.Provider = mapping.resolve(b.ModuleBlock(), local)
	r.Region = regions[r.Provider]
	rng := b.GetMetadata().Range()
	r.File = "/" + strings.TrimPrefix(rng.GetFilename(), "/")
	r.Line = rng.GetStartLine()
	r.EndLine = rng.GetEndLine()
	return r
}

// providerPrefix is the implied provider of a resource type: aws_vpc -> aws.
func providerPrefix(typ string) string {
	p, _, _ := strings.Cut(typ, "_")
	return p
}

// TraversalName renders a traversal's attribute steps: aws.replica, var.name.
func TraversalName(t hcl.Traversal) string {
	parts := make([]string, 0, len(t))
	for _, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			parts = append(parts, s.Name)
		case hcl.TraverseAttr:
			parts = append(parts, s.Name)
		}
	}
	return strings.Join(parts, ".")
}

// providerMapping resolves a provider name used inside a module instance to
// the root module's provider configuration, following each module call's
// `providers` argument; unaliased providers are inherited implicitly.
type providerMapping struct {
	mu    sync.Mutex
	cache map[*terraform.Block]map[string]string
}

func (p *providerMapping) resolve(moduleBlock *terraform.Block, local string) string {
	if moduleBlock == nil {
		return local
	}
	p.mu.Lock()
	table, ok := p.cache[moduleBlock]
	if !ok {
		table = map[string]string{}
		if a := moduleBlock.GetAttribute("providers"); a != nil {
			pairs, diags := hcl.ExprMap(a.HCLAttribute().Expr)
			if !diags.HasErrors() {
				for _, pair := range pairs {
					kt, d1 := hcl.AbsTraversalForExpr(pair.Key)
					vt, d2 := hcl.AbsTraversalForExpr(pair.Value)
					if !d1.HasErrors() && !d2.HasErrors() {
						table[TraversalName(kt)] = TraversalName(vt)
					}
				}
			}
		}
		p.cache[moduleBlock] = table
	}
	p.mu.Unlock()
	parentName, ok := table[local]
	if !ok {
		if strings.Contains(local, ".") {
			return local // an alias not passed in; terraform validate reports this
		}
		parentName = local
	}
	return p.resolve(moduleBlock.ModuleBlock(), parentName)
}

// blockValues evaluates a block's arguments and nested blocks. Nested blocks
// become lists of objects, as in Terraform's plan JSON; meta-arguments are left out.
func blockValues(b *terraform.Block) map[string]any {
	out := map[string]any{}
	for _, a := range b.GetAttributes() {
		switch a.Name() {
		case "count", "for_each", "provider", "depends_on":
			continue
		}
		out[a.Name()] = toGo(attributeValue(b, a))
	}
	for _, child := range b.AllBlocks() {
		switch child.Type() {
		case "lifecycle", "provisioner", "connection":
			continue
		case "dynamic":
			if !child.IsExpanded() {
				// for_each was not known: the block's content is too.
				if _, ok := out[child.TypeLabel()]; !ok {
					out[child.TypeLabel()] = Unknown
				}
			}
			continue
		}
		list, _ := out[child.Type()].([]any)
		out[child.Type()] = append(list, blockValues(child))
	}
	return out
}

// attributeValue evaluates an attribute in its block's context, keeping null
// as null (the evaluator's own Value reports null as unknown).
func attributeValue(b *terraform.Block, a *terraform.Attribute) (v cty.Value) {
	defer func() {
		if recover() != nil {
			v = cty.DynamicVal
		}
	}()
	if b.Context() == nil {
		return a.Value()
	}
	v, _ = a.HCLAttribute().Expr.Value(b.Context().Inner())
	return v
}

// logCollector keeps the evaluator's warnings and errors as notes.
type logCollector struct {
	mu    sync.Mutex
	seen  map[string]bool
	notes []string
	attrs []slog.Attr
}

func (l *logCollector) Enabled(_ context.Context, level slog.Level) bool {
	return level >= slog.LevelWarn
}

func (l *logCollector) Handle(_ context.Context, r slog.Record) error {
	var parts []string
	parts = append(parts, r.Message)
	for _, a := range l.attrs {
		parts = append(parts, a.String())
	}
	r.Attrs(func(a slog.Attr) bool {
		parts = append(parts, a.String())
		return true
	})
	msg := strings.Join(parts, " ")
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seen == nil {
		l.seen = map[string]bool{}
	}
	if !l.seen[msg] {
		l.seen[msg] = true
		l.notes = append(l.notes, "evaluator: "+msg)
	}
	return nil
}

func (l *logCollector) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &logChild{parent: l, attrs: attrs}
}

func (l *logCollector) WithGroup(string) slog.Handler { return l }

func (l *logCollector) lines() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.notes...)
}

// logChild carries attributes added with With() back to the shared collector.
type logChild struct {
	parent *logCollector
	attrs  []slog.Attr
}

func (c *logChild) Enabled(ctx context.Context, level slog.Level) bool {
	return c.parent.Enabled(ctx, level)
}

func (c *logChild) Handle(ctx context.Context, r slog.Record) error {
	r2 := r.Clone()
	r2.AddAttrs(c.attrs...)
	return c.parent.Handle(ctx, r2)
}

func (c *logChild) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &logChild{parent: c.parent, attrs: append(append([]slog.Attr(nil), c.attrs...), attrs...)}
}

func (c *logChild) WithGroup(string) slog.Handler { return c }

var _ = io.Discard
