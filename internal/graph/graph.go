// Package graph draws the dependency graph of an evaluated root module:
// resources and data sources grouped in one cluster per module instance,
// edges from each resource to what it depends on. It writes Graphviz DOT and
// Mermaid (for Markdown), and renders PNG or SVG with Graphviz's dot.
package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"sort"
	"strings"

	"github.com/candlefish-ai/infrastructure/internal/atomicfile"
	"github.com/candlefish-ai/infrastructure/internal/model"
)

// Options select what is drawn.
type Options struct {
	// ModulesOnly draws one node per module instance and the dependencies between them.
	ModulesOnly bool
	// NoData leaves data sources out.
	NoData bool
}

// node is one resource block (all its instances) or, with ModulesOnly, one module.
type node struct {
	id        string // stable identifier
	label     string
	module    string // cluster: module instance address, "" for the root module
	data      bool
	isModule  bool
	instances int
}

type graph struct {
	nodes map[string]*node
	edges map[[2]string]bool
}

func build(m *model.Model, opts Options) *graph {
	g := &graph{nodes: map[string]*node{}, edges: map[[2]string]bool{}}
	moduleOf := map[string]string{} // block address -> module
	for _, r := range m.Resources {
		if opts.NoData && r.Mode == model.ModeData {
			continue
		}
		addr := r.BlockAddress()
		moduleOf[addr] = r.Module
		if opts.ModulesOnly {
			id := r.Module
			if id == "" {
				id = "root"
			}
			if g.nodes[id] == nil {
				g.nodes[id] = &node{id: id, label: id, isModule: true}
			}
			g.nodes[id].instances++
			continue
		}
		n := g.nodes[addr]
		if n == nil {
			label := strings.TrimPrefix(addr, r.Module+".")
			n = &node{id: addr, label: label, module: r.Module, data: r.Mode == model.ModeData}
			g.nodes[addr] = n
		}
		n.instances++
	}
	for _, r := range m.Resources {
		from := r.BlockAddress()
		if _, ok := g.nodes[from]; !ok && !opts.ModulesOnly {
			continue
		}
		for _, to := range r.References {
			if opts.ModulesOnly {
				a, b := orRoot(r.Module), orRoot(moduleOf[to])
				if _, known := moduleOf[to]; known && a != b {
					g.edges[[2]string{a, b}] = true
				}
				continue
			}
			if _, ok := g.nodes[to]; ok {
				g.edges[[2]string{from, to}] = true
			}
		}
	}
	return g
}

func orRoot(module string) string {
	if module == "" {
		return "root"
	}
	return module
}

func (g *graph) sortedNodes() []*node {
	out := make([]*node, 0, len(g.nodes))
	for _, n := range g.nodes {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

func (g *graph) sortedEdges() [][2]string {
	out := make([][2]string, 0, len(g.edges))
	for e := range g.edges {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i][0] != out[j][0] {
			return out[i][0] < out[j][0]
		}
		return out[i][1] < out[j][1]
	})
	return out
}

// clusters groups nodes by module, root first.
func (g *graph) clusters() ([]string, map[string][]*node) {
	groups := map[string][]*node{}
	var keys []string
	for _, n := range g.sortedNodes() {
		if _, ok := groups[n.module]; !ok {
			keys = append(keys, n.module)
		}
		groups[n.module] = append(groups[n.module], n)
	}
	sort.Strings(keys)
	return keys, groups
}

func (n *node) text() string {
	if n.isModule {
		return fmt.Sprintf("%s: %d resources", n.label, n.instances)
	}
	if n.instances > 1 {
		return fmt.Sprintf("%s (%d)", n.label, n.instances)
	}
	return n.label
}

// DOT renders the graph in Graphviz's language.
func DOT(m *model.Model, opts Options) string {
	g := build(m, opts)
	var b strings.Builder
	b.WriteString("digraph terraform {\n  rankdir = \"LR\";\n  node [shape = box, fontname = \"Helvetica\", fontsize = 10];\n  edge [color = \"#666666\"];\n")
	keys, groups := g.clusters()
	for _, k := range keys {
		indent := "  "
		if k != "" {
			fmt.Fprintf(&b, "  subgraph %q {\n    label = %q;\n    style = \"rounded\";\n    color = \"#3b6ea5\";\n", "cluster_"+k, k)
			indent = "    "
		}
		for _, n := range groups[k] {
			attrs := fmt.Sprintf("label = %q", n.text())
			if n.data {
				attrs += ", style = \"dashed\""
			}
			fmt.Fprintf(&b, "%s%q [%s];\n", indent, n.id, attrs)
		}
		if k != "" {
			b.WriteString("  }\n")
		}
	}
	for _, e := range g.sortedEdges() {
		fmt.Fprintf(&b, "  %q -> %q;\n", e[0], e[1])
	}
	b.WriteString("}\n")
	return b.String()
}

// Mermaid renders the graph as a Mermaid flowchart for Markdown documents.
func Mermaid(m *model.Model, opts Options) string {
	g := build(m, opts)
	ids := map[string]string{}
	for i, n := range g.sortedNodes() {
		ids[n.id] = fmt.Sprintf("n%d", i)
	}
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	keys, groups := g.clusters()
	for ci, k := range keys {
		indent := "  "
		if k != "" {
			fmt.Fprintf(&b, "  subgraph c%d[\"%s\"]\n", ci, mermaidText(k))
			indent = "    "
		}
		for _, n := range groups[k] {
			if n.data {
				fmt.Fprintf(&b, "%s%s([\"%s\"])\n", indent, ids[n.id], mermaidText(n.text()))
			} else {
				fmt.Fprintf(&b, "%s%s[\"%s\"]\n", indent, ids[n.id], mermaidText(n.text()))
			}
		}
		if k != "" {
			b.WriteString("  end\n")
		}
	}
	for _, e := range g.sortedEdges() {
		fmt.Fprintf(&b, "  %s --> %s\n", ids[e[0]], ids[e[1]])
	}
	return b.String()
}

// mermaidText escapes what Mermaid reads specially inside a quoted label.
func mermaidText(s string) string {
	return strings.NewReplacer(`"`, "#quot;", "[", "#91;", "]", "#93;").Replace(s)
}

// ErrNoDot means Graphviz is not installed.
var ErrNoDot = errors.New("Graphviz's dot is not installed (apt-get install graphviz); DOT and Mermaid output work without it")

// Render turns DOT source into PNG or SVG with Graphviz's dot and writes it
// to out atomically.
func Render(ctx context.Context, dot, format, out string) error {
	if format != "png" && format != "svg" {
		return fmt.Errorf("cannot render %q: valid are png, svg", format)
	}
	bin, err := exec.LookPath("dot")
	if err != nil {
		return ErrNoDot
	}
	cmd := exec.CommandContext(ctx, bin, "-T"+format)
	cmd.Stdin = strings.NewReader(dot)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("dot -T%s: %v: %s", format, err, strings.TrimSpace(stderr.String()))
	}
	return atomicfile.Write(out, stdout.Bytes())
}
