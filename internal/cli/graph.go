package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/candlefish-ai/infrastructure/internal/atomicfile"
	"github.com/candlefish-ai/infrastructure/internal/graph"
	"github.com/candlefish-ai/infrastructure/internal/model"
)

func (c *CLI) graph(ctx context.Context, args []string) int {
	fs := c.flags("graph", "<environment|directory>")
	root := fs.String("root", "", "repository root (default: found from the working directory)")
	format := fs.String("format", "", "dot, mermaid, png or svg (default: from -o's extension, else dot)")
	out := fs.String("o", "", "write to this file instead of standard output (required for png and svg)")
	modulesOnly := fs.Bool("modules-only", false, "one node per module instance: the overview")
	noData := fs.Bool("no-data", false, "leave data sources out")
	var varFiles stringList
	fs.Var(&varFiles, "var-file", "extra variable file (repeatable)")
	positional, err := parse(fs, args)
	if err != nil {
		return ExitError
	}
	if len(positional) > 1 {
		return c.errorf("graph takes one target, got %d: %s", len(positional), strings.Join(positional, " "))
	}
	f := *format
	if f == "" {
		switch strings.ToLower(filepath.Ext(*out)) {
		case ".png":
			f = "png"
		case ".svg":
			f = "svg"
		case ".mmd", ".md":
			f = "mermaid"
		default:
			f = "dot"
		}
	}
	if f != "dot" && f != "mermaid" && f != "png" && f != "svg" {
		return c.errorf("--format %q: valid are dot, mermaid, png, svg", f)
	}
	if (f == "png" || f == "svg") && *out == "" {
		return c.errorf("--format %s writes a picture: give -o file.%s", f, f)
	}
	repo, err := c.repoRoot(*root)
	if err != nil {
		return c.errorf("%v", err)
	}
	targets, err := c.targets(repo, positional, false)
	if err != nil {
		return c.errorf("%v", err)
	}
	m, err := model.Load(ctx, targets[0].Dir, model.Options{VarFiles: varFiles})
	if err != nil {
		return c.errorf("%v", err)
	}
	opts := graph.Options{ModulesOnly: *modulesOnly, NoData: *noData}
	var text string
	switch f {
	case "mermaid":
		text = graph.Mermaid(m, opts)
	default:
		text = graph.DOT(m, opts)
	}
	dest := *out
	if dest != "" && !filepath.IsAbs(dest) {
		dest = filepath.Join(c.workDir(), dest)
	}
	switch {
	case f == "png" || f == "svg":
		err = graph.Render(ctx, text, f, dest)
	case dest != "":
		err = atomicfile.Write(dest, []byte(text))
	default:
		_, err = fmt.Fprint(c.Stdout, text)
	}
	if err != nil {
		return c.errorf("%v", err)
	}
	return ExitOK
}
