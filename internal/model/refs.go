package model

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// BlockAddress is a resource's address without its instance key:
// module.networking.aws_subnet.private["us-east-1a"] -> module.networking.aws_subnet.private.
func (r *Resource) BlockAddress() string {
	local := r.Type + "." + r.Name
	if r.Mode == ModeData {
		local = "data." + local
	}
	if r.Module == "" {
		return local
	}
	return r.Module + "." + local
}

// resolveReferences fills each resource's References: the resources and
// data sources its configuration refers to, followed through locals, module
// inputs (var.x in a module is the expression its caller passes) and module
// outputs, as block addresses. This is the dependency graph Terraform builds.
func (m *Model) resolveReferences() {
	r := &refResolver{m: m, instances: map[string]*ModuleInstance{}, blocks: map[string]bool{}}
	for _, mi := range m.Modules {
		r.instances[mi.Address] = mi
	}
	for _, res := range m.Resources {
		r.blocks[res.BlockAddress()] = true
	}
	cache := map[string][]string{}
	for _, res := range m.Resources {
		key := res.BlockAddress()
		if refs, ok := cache[key]; ok {
			res.References = refs
			continue
		}
		dir := r.dirOf(res.Module)
		if dir == nil {
			continue
		}
		var block *hclsyntax.Block
		if res.Mode == ModeData {
			block = dir.DataSources[res.Type+"."+res.Name]
		} else {
			block = dir.Resources[res.Type+"."+res.Name]
		}
		if block == nil {
			continue
		}
		set := map[string]bool{}
		r.body(block.Body, res.Module, set, map[string]bool{})
		delete(set, key)
		refs := make([]string, 0, len(set))
		for a := range set {
			refs = append(refs, a)
		}
		sort.Strings(refs)
		cache[key] = refs
		res.References = refs
	}
}

type refResolver struct {
	m         *Model
	instances map[string]*ModuleInstance
	blocks    map[string]bool
}

func (r *refResolver) dirOf(module string) *ModuleDir {
	if module == "" {
		return r.m.Dirs[r.m.Root]
	}
	if mi := r.instances[module]; mi != nil {
		return r.m.Dirs[mi.Dir]
	}
	return nil
}

func (r *refResolver) body(body *hclsyntax.Body, module string, set, seen map[string]bool) {
	for _, a := range body.Attributes {
		r.expr(a.Expr, module, set, seen)
	}
	for _, b := range body.Blocks {
		r.body(b.Body, module, set, seen)
	}
}

func (r *refResolver) expr(e hcl.Expression, module string, set, seen map[string]bool) {
	for _, t := range hclsyntax.Variables(e.(hclsyntax.Expression)) {
		r.traversal(t, module, set, seen)
	}
}

// traversal resolves one reference made inside module (an instance address).
func (r *refResolver) traversal(t hcl.Traversal, module string, set, seen map[string]bool) {
	steps := AttrSteps(t)
	prefix := ""
	if module != "" {
		prefix = module + "."
	}
	dir := r.dirOf(module)
	if dir == nil {
		return
	}
	visit := func(key string, fn func()) {
		k := module + "|" + key
		if seen[k] {
			return
		}
		seen[k] = true
		fn()
	}
	switch root := t.RootName(); root {
	case "var":
		if len(steps) == 0 || module == "" {
			return
		}
		parent, call := splitModule(module)
		pdir := r.dirOf(parent)
		if pdir == nil || pdir.ModuleCalls[call] == nil {
			return
		}
		if a, ok := pdir.ModuleCalls[call].Block.Body.Attributes[steps[0]]; ok {
			visit("var."+steps[0], func() { r.expr(a.Expr, parent, set, seen) })
		}
	case "local":
		if len(steps) == 0 {
			return
		}
		for _, f := range dir.Files {
			for _, b := range f.Blocks {
				if b.Type != "locals" {
					continue
				}
				if a, ok := b.Body.Attributes[steps[0]]; ok {
					visit("local."+steps[0], func() { r.expr(a.Expr, module, set, seen) })
				}
			}
		}
	case "module":
		if len(steps) < 1 {
			return
		}
		mc := dir.ModuleCalls[steps[0]]
		if mc == nil {
			return
		}
		// Every instance of the called module; follow the named output.
		for addr, mi := range r.instances {
			if !isInstanceOf(addr, prefix+"module."+steps[0]) {
				continue
			}
			child := r.m.Dirs[mi.Dir]
			if child == nil {
				continue
			}
			if len(steps) < 2 {
				for b := range r.blocks {
					if strings.HasPrefix(b, addr+".") {
						set[b] = true
					}
				}
				continue
			}
			for _, f := range child.Files {
				for _, b := range f.Blocks {
					if b.Type == "output" && len(b.Labels) == 1 && b.Labels[0] == steps[1] {
						if a, ok := b.Body.Attributes["value"]; ok {
							visit(addr+".output."+steps[1], func() { r.expr(a.Expr, addr, set, seen) })
						}
					}
				}
			}
		}
	case "data":
		if len(steps) >= 2 {
			if a := prefix + "data." + steps[0] + "." + steps[1]; r.blocks[a] {
				set[a] = true
			}
		}
	default:
		if len(steps) >= 1 {
			if a := prefix + root + "." + steps[0]; r.blocks[a] {
				set[a] = true
			}
		}
	}
}

// AttrSteps returns the attribute names after a traversal's root, up to the
// first step that is not an attribute (an index or a splat).
func AttrSteps(t hcl.Traversal) []string {
	var out []string
	for _, step := range t[1:] {
		a, ok := step.(hcl.TraverseAttr)
		if !ok {
			break
		}
		out = append(out, a.Name)
	}
	return out
}

// splitModule splits "module.a.module.b[\"k\"]" into its parent "module.a" and call name "b".
func splitModule(addr string) (parent, call string) {
	i := strings.LastIndex(addr, "module.")
	parent = strings.TrimSuffix(addr[:i], ".")
	call = addr[i+len("module."):]
	if j := strings.Index(call, "["); j >= 0 {
		call = call[:j]
	}
	return parent, call
}

// isInstanceOf reports whether addr is base or base[key].
func isInstanceOf(addr, base string) bool {
	return addr == base || (strings.HasPrefix(addr, base+"[") && !strings.Contains(addr[len(base):], "."))
}

// AttributeLine returns the line where a resource's configuration sets the
// named argument (a top-level argument or nested block), or 0.
func (m *Model) AttributeLine(r *Resource, name string) int {
	if name == "" {
		return 0
	}
	var dir *ModuleDir
	if r.Module == "" {
		dir = m.Dirs[m.Root]
	} else {
		for _, mi := range m.Modules {
			if mi.Address == r.Module {
				dir = m.Dirs[mi.Dir]
			}
		}
	}
	if dir == nil {
		return 0
	}
	blocks := dir.Resources
	if r.Mode == ModeData {
		blocks = dir.DataSources
	}
	b := blocks[r.Type+"."+r.Name]
	if b == nil {
		return 0
	}
	if a, ok := b.Body.Attributes[name]; ok {
		return a.SrcRange.Start.Line
	}
	for _, nb := range b.Body.Blocks {
		if nb.Type == name || (nb.Type == "dynamic" && len(nb.Labels) == 1 && nb.Labels[0] == name) {
			return nb.DefRange().Start.Line
		}
	}
	return 0
}
