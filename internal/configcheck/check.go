// Package configcheck checks Terraform configuration against the AWS
// provider's schema and against its own declarations, statically, the way
// `terraform validate` does: unknown resource and data-source types, unknown
// or misplaced arguments and nested blocks, missing required ones, references
// to undeclared variables, locals, resources, modules and outputs, references
// to attributes a resource does not have, and module calls whose inputs do
// not match the module's variables.
package configcheck

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/candlefish-ai/infrastructure/internal/finding"
	"github.com/candlefish-ai/infrastructure/internal/model"
	"github.com/candlefish-ai/infrastructure/internal/schema"
)

// Rule ids, stable: tests and ignores refer to them.
const (
	RuleUnknownResourceType   = "schema/unknown-resource-type"
	RuleUnknownDataSourceType = "schema/unknown-data-source-type"
	RuleUnknownArgument       = "schema/unknown-argument"
	RuleUnknownBlock          = "schema/unknown-block"
	RuleMissingArgument       = "schema/missing-required-argument"
	RuleMissingBlock          = "schema/missing-required-block"
	RuleBlockAsArgument       = "schema/block-written-as-argument"
	RuleArgumentAsBlock       = "schema/argument-written-as-block"
	RuleUnknownAttribute      = "schema/unknown-attribute"
	RuleUndeclaredReference   = "reference/undeclared"
	RuleModuleUnknownInput    = "module/unknown-input"
	RuleModuleMissingInput    = "module/missing-input"
	RuleModuleUnknownOutput   = "module/unknown-output"
	RuleProviderNotConfigured = "provider/not-configured"
)

// metaArguments are Terraform's own arguments on resource and data blocks.
var metaArguments = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true}

// metaBlocks are Terraform's own nested blocks in resources.
var metaBlocks = map[string]bool{"lifecycle": true, "provisioner": true, "connection": true}

// moduleMeta are the arguments of a module block that are not inputs.
var moduleMeta = map[string]bool{"source": true, "version": true, "providers": true, "count": true, "for_each": true, "depends_on": true}

// attributesAsBlocks are the arguments the AWS provider also accepts in block
// syntax (the SDK's "attributes as blocks" mode), by resource type and name.
// The schema cannot tell them from other list-of-object arguments, which
// need `name = [...]` (the plugin framework's nested attributes), so this
// list stays explicit: a false alarm here is seen and fixed, a missed error
// would only show on the user's `terraform validate`.
var attributesAsBlocks = map[string]bool{
	"aws_security_group.ingress": true, "aws_security_group.egress": true,
	"aws_default_security_group.ingress": true, "aws_default_security_group.egress": true,
	"aws_network_acl.ingress": true, "aws_network_acl.egress": true,
	"aws_default_network_acl.ingress": true, "aws_default_network_acl.egress": true,
	"aws_route_table.route": true, "aws_default_route_table.route": true,
}

// referenceRoots that are not resource types.
var nonResourceRoots = map[string]bool{
	"var": true, "local": true, "module": true, "data": true, "ephemeral": true, "path": true,
	"terraform": true, "count": true, "each": true, "self": true,
}

// Check checks every module directory of a model.
func Check(m *model.Model, s *schema.Schema) []finding.Finding {
	dirs := make([]string, 0, len(m.Dirs))
	for d := range m.Dirs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	var out []finding.Finding
	for _, d := range dirs {
		c := &checker{schema: s, dir: m.Dirs[d], dirs: m.Dirs, isRoot: d == m.Root}
		c.run()
		out = append(out, c.findings...)
	}
	finding.Sort(out)
	return out
}

type checker struct {
	schema   *schema.Schema
	dir      *model.ModuleDir
	dirs     map[string]*model.ModuleDir
	findings []finding.Finding
	// resourceType is the type of the resource being checked.
	resourceType string
	isRoot       bool
}

func (c *checker) report(rule string, rng hcl.Range, resource, resolution, format string, args ...any) {
	c.findings = append(c.findings, finding.Finding{
		Gate: "schema", RuleID: rule, Severity: finding.SeverityHigh,
		File: rng.Filename, Line: rng.Start.Line, Column: rng.Start.Column,
		Resource: resource, Message: fmt.Sprintf(format, args...), Resolution: resolution,
	})
}

func (c *checker) run() {
	for _, path := range c.dir.FilePaths() {
		body := c.dir.Files[path]
		for _, b := range body.Blocks {
			switch b.Type {
			case "resource", "data", "ephemeral":
				c.checkResource(b)
			case "provider":
				if len(b.Labels) == 1 && b.Labels[0] == "aws" && c.schema.Provider != nil {
					c.checkBody(b.Body, c.schema.Provider, "provider.aws", false, b.DefRange())
				}
			case "module":
				c.checkModuleCall(b)
			}
		}
		c.checkReferences(body, nil)
	}
}

// addressBlocks hold resource addresses (moved, import, removed), not
// references: moved's from names what no longer exists, import's to may name
// a module instance. Their other arguments (import's id) are expressions.
var addressBlocks = map[string]map[string]bool{
	"moved":   {"from": true, "to": true},
	"import":  {"to": true},
	"removed": {"from": true},
}

func (c *checker) checkResource(b *hclsyntax.Block) {
	if len(b.Labels) != 2 {
		return
	}
	typ := b.Labels[0]
	c.resourceType = typ
	if !strings.HasPrefix(typ, "aws_") {
		return // only the AWS provider's schema is known here
	}
	addr := typ + "." + b.Labels[1]
	if b.Type == "resource" {
		c.checkProviderRef(b.Body.Attributes["provider"], addr)
	} else {
		c.checkProviderRef(b.Body.Attributes["provider"], b.Type+"."+addr)
	}
	var sb *schema.Block
	if b.Type == "resource" {
		sb = c.schema.Resource(typ)
		if sb == nil {
			c.report(RuleUnknownResourceType, b.LabelRanges[0], addr, suggestion(typ, keys(c.schema.Resources)),
				"unknown resource type %q in hashicorp/aws %s", typ, c.schema.ProviderVersion)
			return
		}
	} else if b.Type == "ephemeral" {
		addr = "ephemeral." + addr
		sb = c.schema.EphemeralResource(typ)
		if sb == nil {
			c.report(RuleUnknownResourceType, b.LabelRanges[0], addr, suggestion(typ, keys(c.schema.EphemeralResources)),
				"unknown ephemeral resource type %q in hashicorp/aws %s", typ, c.schema.ProviderVersion)
			return
		}
	} else {
		addr = "data." + addr
		sb = c.schema.DataSource(typ)
		if sb == nil {
			c.report(RuleUnknownDataSourceType, b.LabelRanges[0], addr, suggestion(typ, keys(c.schema.DataSources)),
				"unknown data source type %q in hashicorp/aws %s", typ, c.schema.ProviderVersion)
			return
		}
	}
	c.checkBody(b.Body, sb, addr, true, b.DefRange())
}

// checkBody checks the arguments and nested blocks of one block body.
func (c *checker) checkBody(body *hclsyntax.Body, sb *schema.Block, where string, top bool, at hcl.Range) {
	if sb.Opaque {
		return // the schema does not describe this block's content (e.g. WAF rule statements)
	}
	for _, name := range keys(body.Attributes) {
		a := body.Attributes[name]
		if top && metaArguments[name] {
			continue
		}
		if _, ok := sb.Arguments[name]; ok {
			continue
		}
		if _, ok := sb.Blocks[name]; ok {
			c.report(RuleBlockAsArgument, a.NameRange, where, fmt.Sprintf("write it as a block: %s { ... }", name),
				"%q in %s is a nested block, not an argument", name, where)
			continue
		}
		c.report(RuleUnknownArgument, a.NameRange, where, suggestion(name, keys(sb.Arguments)),
			"unknown argument %q in %s", name, where)
	}
	present := map[string]bool{}
	for _, child := range body.Blocks {
		name, content := child.Type, child.Body
		switch {
		case top && metaBlocks[name]:
			continue
		case name == "dynamic":
			if len(child.Labels) != 1 {
				continue
			}
			name = child.Labels[0]
			content = nil
			for _, cb := range child.Body.Blocks {
				if cb.Type == "content" {
					content = cb.Body
				}
			}
		}
		present[name] = true
		nb, ok := sb.Blocks[name]
		if !ok {
			if arg, isArg := sb.Arguments[name]; isArg && top && attributesAsBlocks[c.resourceType+"."+name] {
				if arg.ObjectAttr != nil && content != nil {
					c.checkBody(content, arg.ObjectAttr, where+"."+name, false, child.DefRange())
				}
				continue
			}
			if _, isArg := sb.Arguments[name]; isArg {
				c.report(RuleArgumentAsBlock, child.TypeRange, where, fmt.Sprintf("write it as an argument: %s = { ... }", name),
					"%q in %s is an argument, not a nested block", name, where)
				continue
			}
			c.report(RuleUnknownBlock, child.TypeRange, where, suggestion(name, keys(sb.Blocks)),
				"unknown nested block %q in %s", name, where)
			continue
		}
		if content != nil {
			c.checkBody(content, &nb.Block, where+"."+name, false, child.DefRange())
		}
	}
	for _, name := range keys(sb.Arguments) {
		if sb.Arguments[name].Required {
			if _, ok := body.Attributes[name]; !ok {
				c.report(RuleMissingArgument, at, where, fmt.Sprintf("set %s = ...", name),
					"missing required argument %q in %s", name, where)
			}
		}
	}
	for _, name := range keys(sb.Blocks) {
		if sb.Blocks[name].Required && !present[name] {
			c.report(RuleMissingBlock, at, where, fmt.Sprintf("add a %s { ... } block", name),
				"missing required nested block %q in %s", name, where)
		}
	}
}

func (c *checker) checkModuleCall(b *hclsyntax.Block) {
	if len(b.Labels) != 1 {
		return
	}
	mc := c.dir.ModuleCalls[b.Labels[0]]
	if mc == nil || mc.Dir == "" {
		return
	}
	child := c.dirs[mc.Dir]
	if child == nil {
		return
	}
	where := "module." + mc.Name
	passed := map[string]bool{}
	if a, ok := b.Body.Attributes["providers"]; ok {
		pairs, _ := hcl.ExprMap(a.Expr)
		for _, pair := range pairs {
			kt, d1 := hcl.AbsTraversalForExpr(pair.Key)
			vt, d2 := hcl.AbsTraversalForExpr(pair.Value)
			if d1.HasErrors() || d2.HasErrors() {
				continue
			}
			key, val := model.TraversalName(kt), model.TraversalName(vt)
			passed[key] = true
			if strings.Contains(key, ".") && !child.ConfigurationAliases[key] {
				c.report(RuleProviderNotConfigured, pair.Key.Range(), where, fmt.Sprintf("declare configuration_aliases = [%s] in the module's required_providers", key),
					"module %q does not expect provider configuration %s", mc.Name, key)
			}
			if !c.providerAvailable(val) {
				c.report(RuleProviderNotConfigured, pair.Value.Range(), where, c.providerFix(val),
					"provider configuration %s is not defined here", val)
			}
		}
	}
	for _, alias := range keys(child.ConfigurationAliases) {
		if !passed[alias] {
			c.report(RuleProviderNotConfigured, b.DefRange(), where, fmt.Sprintf("pass it: providers = { %s = <a provider configuration> }", alias),
				"module %q needs provider configuration %s, which this call does not pass", mc.Name, alias)
		}
	}
	vars := make([]string, 0, len(child.Variables))
	for n := range child.Variables {
		vars = append(vars, n)
	}
	sort.Strings(vars)
	for _, name := range keys(b.Body.Attributes) {
		if moduleMeta[name] {
			continue
		}
		if _, ok := child.Variables[name]; !ok {
			c.report(RuleModuleUnknownInput, b.Body.Attributes[name].NameRange, where, suggestion(name, vars),
				"module %q (%s) has no variable %q", mc.Name, mc.Source, name)
		}
	}
	for _, name := range vars {
		v := child.Variables[name]
		if _, set := b.Body.Attributes[name]; !set && !v.HasDefault {
			c.report(RuleModuleMissingInput, b.DefRange(), where, fmt.Sprintf("set %s = ... in the module block", name),
				"module %q is missing required input %q", mc.Name, name)
		}
	}
}

// checkProviderRef checks a resource's `provider = x.y` argument.
func (c *checker) checkProviderRef(a *hclsyntax.Attribute, where string) {
	if a == nil {
		return
	}
	t, diags := hcl.AbsTraversalForExpr(a.Expr)
	if diags.HasErrors() {
		return
	}
	if name := model.TraversalName(t); !c.providerAvailable(name) {
		c.report(RuleProviderNotConfigured, a.Expr.Range(), where, c.providerFix(name),
			"provider configuration %s is not defined here", name)
	}
}

// providerAvailable: a default configuration always is (implicitly empty or
// inherited); an alias must be a provider block here or, in a child module,
// one of its configuration_aliases.
func (c *checker) providerAvailable(name string) bool {
	if !strings.Contains(name, ".") {
		return true
	}
	if _, ok := c.dir.Providers[name]; ok {
		return true
	}
	return !c.isRoot && c.dir.ConfigurationAliases[name]
}

func (c *checker) providerFix(name string) string {
	local, alias, _ := strings.Cut(name, ".")
	if c.isRoot {
		return fmt.Sprintf("add provider %q { alias = %q ... }", local, alias)
	}
	return fmt.Sprintf("declare configuration_aliases = [%s] in required_providers and pass it from the caller", name)
}

// checkReferences walks every expression in a body. scope holds the iterator
// names of enclosing dynamic blocks, which look like references but are not.
func (c *checker) checkReferences(body *hclsyntax.Body, scope map[string]bool) {
	c.checkExpressions(body, scope, nil)
}

func (c *checker) checkExpressions(body *hclsyntax.Body, scope map[string]bool, skip map[string]bool) {
	for _, name := range keys(body.Attributes) {
		if skip[name] {
			continue
		}
		for _, t := range hclsyntax.Variables(body.Attributes[name].Expr) {
			c.checkTraversal(t, scope)
		}
	}
	for _, b := range body.Blocks {
		if skip, ok := addressBlocks[b.Type]; ok {
			c.checkExpressions(b.Body, scope, skip)
			continue
		}
		inner := scope
		if b.Type == "dynamic" && len(b.Labels) == 1 {
			iter := b.Labels[0]
			if a, ok := b.Body.Attributes["iterator"]; ok {
				if t, d := hcl.AbsTraversalForExpr(a.Expr); !d.HasErrors() && len(t) == 1 {
					iter = t.RootName()
				}
			}
			inner = map[string]bool{iter: true}
			for k := range scope {
				inner[k] = true
			}
		}
		c.checkReferences(b.Body, inner)
	}
}

func (c *checker) checkTraversal(t hcl.Traversal, scope map[string]bool) {
	root := t.RootName()
	if scope[root] {
		return
	}
	rng := t.SourceRange()
	attrs := model.AttrSteps(t)
	switch root {
	case "var":
		if len(attrs) > 0 {
			if _, ok := c.dir.Variables[attrs[0]]; !ok {
				c.report(RuleUndeclaredReference, rng, "", suggestion(attrs[0], keys(c.dir.Variables)),
					"reference to undeclared input variable %q", attrs[0])
			}
		}
	case "local":
		if len(attrs) > 0 {
			if _, ok := c.dir.Locals[attrs[0]]; !ok {
				c.report(RuleUndeclaredReference, rng, "", suggestion(attrs[0], keys(c.dir.Locals)),
					"reference to undeclared local value %q", attrs[0])
			}
		}
	case "module":
		if len(attrs) == 0 {
			return
		}
		mc, ok := c.dir.ModuleCalls[attrs[0]]
		if !ok {
			c.report(RuleUndeclaredReference, rng, "", suggestion(attrs[0], keys(c.dir.ModuleCalls)),
				"reference to undeclared module %q", attrs[0])
			return
		}
		if out := firstAttrAfter(t, 2); out != "" && mc.Dir != "" {
			if child := c.dirs[mc.Dir]; child != nil {
				if _, ok := child.Outputs[out]; !ok {
					c.report(RuleModuleUnknownOutput, rng, "module."+mc.Name, suggestion(out, keys(child.Outputs)),
						"module %q has no output %q", mc.Name, out)
				}
			}
		}
	case "ephemeral":
		if len(attrs) < 2 {
			return
		}
		key := attrs[0] + "." + attrs[1]
		if _, ok := c.dir.Ephemerals[key]; !ok {
			c.report(RuleUndeclaredReference, rng, "", suggestion(key, keys(c.dir.Ephemerals)),
				"reference to undeclared ephemeral resource ephemeral.%s", key)
			return
		}
		if sb := c.schema.EphemeralResource(attrs[0]); sb != nil {
			c.checkAttribute(t, 3, sb, "ephemeral."+key, rng)
		}
	case "data":
		if len(attrs) < 2 {
			return
		}
		key := attrs[0] + "." + attrs[1]
		if _, ok := c.dir.DataSources[key]; !ok {
			c.report(RuleUndeclaredReference, rng, "", suggestion(key, keys(c.dir.DataSources)),
				"reference to undeclared data source data.%s", key)
			return
		}
		if sb := c.schema.DataSource(attrs[0]); sb != nil {
			c.checkAttribute(t, 3, sb, "data."+key, rng)
		}
	default:
		if nonResourceRoots[root] || !strings.Contains(root, "_") || len(attrs) == 0 {
			return
		}
		key := root + "." + attrs[0]
		if _, ok := c.dir.Resources[key]; !ok {
			c.report(RuleUndeclaredReference, rng, "", suggestion(key, keys(c.dir.Resources)),
				"reference to undeclared resource %s", key)
			return
		}
		if sb := c.schema.Resource(root); sb != nil {
			c.checkAttribute(t, 2, sb, key, rng)
		}
	}
}

// checkAttribute checks the first attribute read after a resource's address
// (skipping an instance index), e.g. `id` in aws_subnet.this["a"].id.
func (c *checker) checkAttribute(t hcl.Traversal, from int, sb *schema.Block, addr string, rng hcl.Range) {
	name := firstAttrAfter(t, from)
	if name == "" || sb.HasAttribute(name) {
		return
	}
	c.report(RuleUnknownAttribute, rng, addr, suggestion(name, readable(sb)),
		"%s has no attribute %q", addr, name)
}

// firstAttrAfter returns the first attribute name at or after step index from, skipping index steps.
func firstAttrAfter(t hcl.Traversal, from int) string {
	for i := from; i < len(t); i++ {
		switch s := t[i].(type) {
		case hcl.TraverseAttr:
			return s.Name
		case hcl.TraverseIndex, hcl.TraverseSplat:
			continue
		}
		return ""
	}
	return ""
}

func suggestion(name string, candidates []string) string {
	if s := schema.Suggest(name, candidates); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	return ""
}

func readable(sb *schema.Block) []string {
	out := append([]string(nil), sb.Attributes...)
	out = append(out, keys(sb.Arguments)...)
	return append(out, keys(sb.Blocks)...)
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
