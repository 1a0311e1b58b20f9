package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/candlefish-ai/infrastructure/internal/atomicfile"
	"github.com/candlefish-ai/infrastructure/internal/cost"
	"github.com/candlefish-ai/infrastructure/internal/model"
	"github.com/candlefish-ai/infrastructure/internal/project"
)

const costUsage = `<environment|directory>... | --all | --plan plan.json
       cfctl cost diff [flags] <environment|directory> --base <git-ref>
       cfctl cost docs [--out terraform/docs/cost.md]`

// costFlags are the flags every cost subcommand shares.
type costFlags struct {
	root, format, usageFile, out string
	noUsage                      bool
	varFiles                     stringList
}

func (c *CLI) costFlagSet(name string, cf *costFlags) *flag.FlagSet {
	fs := c.flags(name, costUsage)
	fs.StringVar(&cf.root, "root", "", "repository root (default: found from the working directory)")
	fs.StringVar(&cf.format, "format", "table", "output: table, json or markdown")
	fs.StringVar(&cf.usageFile, "usage-file", "", "usage file in Infracost's format (default: usage.yml in the target's directory, when there is one)")
	fs.BoolVar(&cf.noUsage, "no-usage", false, "ignore usage files: usage-based components cost $0 and are listed as usage-dependent")
	fs.StringVar(&cf.out, "out", "", "write the report to this file (atomically) instead of standard output")
	fs.Var(&cf.varFiles, "var-file", "extra variable file, after terraform.tfvars and *.auto.tfvars (repeatable)")
	return fs
}

func (c *CLI) cost(ctx context.Context, args []string) int {
	if len(args) > 0 && args[0] == "diff" {
		return c.costDiff(ctx, args[1:])
	}
	if len(args) > 0 && args[0] == "docs" {
		return c.costDocs(ctx, args[1:])
	}
	var cf costFlags
	fs := c.costFlagSet("cost", &cf)
	all := fs.Bool("all", false, "price every environment")
	planFile := fs.String("plan", "", "price the JSON of 'terraform show -json <planfile>' instead of a configuration")
	traffic := fs.String("traffic", "", "cost versus traffic: multipliers of the usage file's traffic, e.g. 1,10,100")
	plotFile := fs.String("plot", "", "with --traffic: draw the curves into this .png or .svg file")
	usage := fs.Usage
	fs.Usage = func() {
		usage()
		var diffFlags costFlags
		diff, _, _ := c.costDiffFlags(&diffFlags)
		fmt.Fprintf(c.Stderr, "\nFlags of cfctl cost diff (and cost docs: --root, --out):\n")
		diff.SetOutput(c.Stderr)
		diff.PrintDefaults()
		fmt.Fprintf(c.Stderr, "\nExit codes: 0 ok, 1 error, 2 over budget (cost) or above --max-increase (cost diff).\n")
	}
	positional, err := parse(fs, args)
	if err != nil {
		return ExitError
	}
	if err := checkFormat(cf.format); err != nil {
		return c.errorf("%v", err)
	}
	if *plotFile != "" && *traffic == "" {
		return c.errorf("--plot draws the cost-versus-traffic curve: give --traffic too, e.g. --traffic 1,10,100")
	}
	plotFormat := strings.TrimPrefix(strings.ToLower(filepath.Ext(*plotFile)), ".")
	if *plotFile != "" && plotFormat != "png" && plotFormat != "svg" {
		return c.errorf("--plot %s: the file must end in .png or .svg", *plotFile)
	}
	var factors []float64
	if *traffic != "" {
		if factors, err = cost.ParseTraffic(*traffic); err != nil {
			return c.errorf("%v", err)
		}
	}
	type priced struct {
		target    project.Target
		resources []*model.Resource
		usage     *cost.Usage
		dir       string
	}
	var inputs []priced
	if *planFile != "" {
		if *all || len(positional) > 1 {
			return c.errorf("--plan prices one plan: give at most one environment (for its usage file) and no --all")
		}
		data, err := os.ReadFile(c.abs(*planFile))
		if err != nil {
			return c.errorf("--plan %s: %v", *planFile, err)
		}
		resources, err := cost.ResourcesFromPlan(data, *planFile)
		if err != nil {
			return c.errorf("--plan %s: %v", *planFile, err)
		}
		p := priced{target: project.Target{Name: *planFile}, resources: resources}
		usageDir := ""
		if len(positional) == 1 {
			repo, err := c.repoRoot(cf.root)
			if err != nil {
				return c.errorf("%v", err)
			}
			ts, err := c.targets(repo, positional, false)
			if err != nil {
				return c.errorf("%v", err)
			}
			usageDir = ts[0].Dir
		}
		if p.usage, err = c.loadUsage(cf, usageDir); err != nil {
			return c.errorf("%v", err)
		}
		inputs = append(inputs, p)
	} else {
		repo, err := c.repoRoot(cf.root)
		if err != nil {
			return c.errorf("%v", err)
		}
		targets, err := c.targets(repo, positional, *all)
		if err != nil {
			return c.errorf("%v", err)
		}
		for _, t := range targets {
			m, err := model.Load(ctx, t.Dir, model.Options{VarFiles: cf.varFiles})
			if err != nil {
				return c.errorf("%v", err)
			}
			u, err := c.loadUsage(cf, t.Dir)
			if err != nil {
				return c.errorf("%v", err)
			}
			inputs = append(inputs, priced{target: t, resources: m.Resources, usage: u, dir: c.rel(t.Dir)})
		}
	}
	var buf bytes.Buffer
	code := ExitOK
	if factors != nil {
		var curves []*cost.Curve
		for _, in := range inputs {
			curve, err := cost.TrafficCurve(in.target.Name, in.resources, in.usage, factors)
			if err != nil {
				return c.errorf("%v", err)
			}
			curves = append(curves, curve)
		}
		if cf.format == cost.FormatJSON {
			if err := encodeJSON(&buf, map[string]any{"curves": curves}); err != nil {
				return c.errorf("%v", err)
			}
		} else {
			cost.WriteCurves(&buf, cf.format, curves)
		}
		if *plotFile != "" {
			img, err := cost.PlotCurves(curves, plotFormat)
			if err != nil {
				return c.errorf("--plot: %v", err)
			}
			if err := atomicfile.Write(c.abs(*plotFile), img); err != nil {
				return c.errorf("--plot: %v", err)
			}
		}
	} else {
		var ests []*cost.Estimate
		for _, in := range inputs {
			est := cost.Compute(in.target.Name, in.resources, cost.Options{Usage: in.usage})
			est.Dir = in.dir
			if est.OverBudget {
				code = ExitFindings
			}
			ests = append(ests, est)
		}
		if err := cost.WriteReport(&buf, cf.format, ests); err != nil {
			return c.errorf("%v", err)
		}
	}
	if err := c.emit(cf.out, buf.Bytes()); err != nil {
		return c.errorf("%v", err)
	}
	return code
}

func checkFormat(f string) error {
	if f != cost.FormatTable && f != cost.FormatJSON && f != cost.FormatMarkdown {
		return fmt.Errorf("--format %q: valid are table, json, markdown", f)
	}
	return nil
}

func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// emit writes output to the file (atomically) or to standard output.
func (c *CLI) emit(out string, data []byte) error {
	if out == "" {
		_, err := c.Stdout.Write(data)
		return err
	}
	return atomicfile.Write(c.abs(out), data)
}

func (c *CLI) abs(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.workDir(), p)
}

// loadUsage reads --usage-file, else dir's usage.yml when it exists.
func (c *CLI) loadUsage(cf costFlags, dir string) (*cost.Usage, error) {
	if cf.noUsage {
		if cf.usageFile != "" {
			return nil, errors.New("give either --usage-file or --no-usage, not both")
		}
		return nil, nil
	}
	path := cf.usageFile
	if path != "" {
		path = c.abs(path)
	} else if dir != "" {
		path = filepath.Join(dir, cost.UsageFileName)
		if _, err := os.Stat(path); err != nil {
			return nil, nil
		}
	} else {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("usage file: %v", err)
	}
	return cost.ParseUsage(data, c.rel(path))
}

// previewCost is the cost object of `cfctl preview --format json`.
func (c *CLI) previewCost(t project.Target, m *model.Model) (*cost.Estimate, error) {
	u, err := c.loadUsage(costFlags{}, t.Dir)
	if err != nil {
		return nil, err
	}
	est := cost.Compute(t.Name, m.Resources, cost.Options{Usage: u})
	est.Dir = c.rel(t.Dir)
	return est, nil
}

func (c *CLI) costDiffFlags(cf *costFlags) (fs *flag.FlagSet, base, maxIncrease *string) {
	fs = c.costFlagSet("cost diff", cf)
	base = fs.String("base", "", "git revision to compare with (branch, tag or commit), required; both sides use the working tree's usage file")
	maxIncrease = fs.String("max-increase", "", "exit 2 when the monthly cost rises by more than this: USD (50) or percent of the base (10%)")
	return fs, base, maxIncrease
}

func (c *CLI) costDiff(ctx context.Context, args []string) int {
	var cf costFlags
	fs, base, maxIncrease := c.costDiffFlags(&cf)
	positional, err := parse(fs, args)
	if err != nil {
		return ExitError
	}
	if err := checkFormat(cf.format); err != nil {
		return c.errorf("%v", err)
	}
	if *base == "" {
		return c.errorf("cost diff needs --base <git-ref>, e.g. --base main")
	}
	if len(positional) != 1 {
		return c.errorf("cost diff takes one target, got %d", len(positional))
	}
	var limit *cost.MaxIncrease
	if *maxIncrease != "" {
		m, err := cost.ParseMaxIncrease(*maxIncrease)
		if err != nil {
			return c.errorf("%v", err)
		}
		limit = &m
	}
	repo, err := c.repoRoot(cf.root)
	if err != nil {
		return c.errorf("%v", err)
	}
	targets, err := c.targets(repo, positional, false)
	if err != nil {
		return c.errorf("%v", err)
	}
	t := targets[0]
	rel, err := filepath.Rel(repo, t.Dir)
	if err != nil || strings.HasPrefix(rel, "..") {
		return c.errorf("%s is outside the repository %s: cost diff compares git revisions of it", t.Name, repo)
	}
	// Both sides use the working tree's usage file (or --usage-file), so the
	// difference is the configuration's.
	u, err := c.loadUsage(cf, t.Dir)
	if err != nil {
		return c.errorf("%v", err)
	}
	baseDir, cleanup, err := cost.CheckoutRevision(ctx, repo, *base)
	if err != nil {
		return c.errorf("%v", err)
	}
	defer cleanup()
	var baseEst *cost.Estimate
	if st, err := os.Stat(filepath.Join(baseDir, rel)); err != nil || !st.IsDir() {
		baseEst = cost.Compute(t.Name, nil, cost.Options{Usage: u}) // the target does not exist at the base
	} else {
		bm, err := model.Load(ctx, filepath.Join(baseDir, rel), model.Options{VarFiles: cf.varFiles})
		if err != nil {
			return c.errorf("%s at %s: %v", t.Name, *base, err)
		}
		baseEst = cost.Compute(t.Name, bm.Resources, cost.Options{Usage: u})
	}
	m, err := model.Load(ctx, t.Dir, model.Options{VarFiles: cf.varFiles})
	if err != nil {
		return c.errorf("%v", err)
	}
	headEst := cost.Compute(t.Name, m.Resources, cost.Options{Usage: u})
	d := cost.Compare(baseEst, headEst, *base)
	var buf bytes.Buffer
	if err := cost.WriteDiff(&buf, cf.format, d); err != nil {
		return c.errorf("%v", err)
	}
	code := ExitOK
	if limit != nil && limit.Exceeded(d) {
		code = ExitFindings
		if cf.format != cost.FormatJSON {
			fmt.Fprintf(&buf, "cost increase above --max-increase %s\n", limit)
		}
	}
	if err := c.emit(cf.out, buf.Bytes()); err != nil {
		return c.errorf("%v", err)
	}
	return code
}

// costDocs writes terraform/docs/cost.md: the seed's estimates beside
// cfctl's for every environment.
func (c *CLI) costDocs(ctx context.Context, args []string) int {
	var cf costFlags
	fs := c.costFlagSet("cost docs", &cf)
	positional, err := parse(fs, args)
	if err != nil {
		return ExitError
	}
	if len(positional) > 0 {
		return c.errorf("cost docs takes no targets: it prices every environment")
	}
	repo, err := c.repoRoot(cf.root)
	if err != nil {
		return c.errorf("%v", err)
	}
	doc, err := cost.GenerateDoc(ctx, repo)
	if err != nil {
		return c.errorf("%v", err)
	}
	if err := c.emit(cf.out, doc); err != nil {
		return c.errorf("%v", err)
	}
	return ExitOK
}
