// Package cli is cfctl's command line: it parses arguments, runs the work in
// the other internal packages and writes to the writers it is given, so tests
// run the real commands into buffers.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/candlefish-ai/infrastructure/internal/project"
)

// Exit codes, documented in `cfctl help`.
const (
	ExitOK       = 0
	ExitError    = 1 // bad input or a failure to run
	ExitFindings = 2 // the command ran and found problems (or, later, over budget)
)

// CLI is one invocation's environment.
type CLI struct {
	Stdout io.Writer
	Stderr io.Writer
	Stdin  io.Reader
	// WorkDir is where relative paths start; "" means the process's working directory.
	WorkDir string
}

type command struct {
	name    string
	summary string
	run     func(c *CLI, ctx context.Context, args []string) int
}

func commands() []command {
	return []command{
		{"preview", "show what an environment will contain (the main job)", (*CLI).preview},
		{"validate", "run the offline gate: fmt, evaluation, AWS schema, trivy, tflint", (*CLI).validate},
		{"check", "security checks (trivy) and Candlefish policies (Rego) on environments or a plan's JSON", (*CLI).check},
		{"graph", "draw the dependency graph as DOT, Mermaid, PNG or SVG", (*CLI).graph},
		{"cost", "monthly cost offline, with cited prices: breakdown, budget, diff against a git ref, traffic curve", (*CLI).cost},
		{"init", "terraform init of environments, each with its backend.hcl and its own data directory", (*CLI).initCmd},
		{"plan", "save a plan per environment, with its JSON, a summary and what it was made from", (*CLI).planCmd},
		{"apply", "apply a saved plan that is not stale (production asks for its name)", (*CLI).applyCmd},
		{"destroy", "plan a destroy, confirm by name, apply that plan", (*CLI).destroyCmd},
		{"state", "state locks, unlock, versions and restore in the S3 backend", (*CLI).stateCmd},
		{"doctor", "check binary, credentials, account, region, state bucket and lock table", (*CLI).doctorCmd},
		{"version", "print cfctl's version and the versions it pins", (*CLI).version},
	}
}

// Run executes one command line and returns the exit code.
func (c *CLI) Run(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		c.usage(c.Stdout)
		return ExitOK
	}
	for _, cmd := range commands() {
		if cmd.name == args[0] {
			return cmd.run(c, ctx, args[1:])
		}
	}
	fmt.Fprintf(c.Stderr, "cfctl: unknown command %q\n\n", args[0])
	c.usage(c.Stderr)
	return ExitError
}

func (c *CLI) usage(w io.Writer) {
	fmt.Fprintln(w, "cfctl: preview, price, check and apply the Candlefish Terraform environments, offline first.")
	fmt.Fprintln(w, "\nUsage: cfctl <command> [flags] <environment|directory>")
	fmt.Fprintln(w, "\nCommands:")
	for _, cmd := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprintln(w, "\nA target is an environment name (dev, staging, production) or a directory holding a root module.")
	fmt.Fprintln(w, "Exit codes: 0 ok, 1 error (bad input, failure to run), 2 findings.")
	fmt.Fprintln(w, "Run `cfctl <command> -h` for a command's flags.")
}

// flags builds a command's flag set that reports errors on Stderr.
func (c *CLI) flags(name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet("cfctl "+name, flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(c.Stderr, "Usage: cfctl %s [flags] %s\n\nFlags:\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags given before or after the positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func (c *CLI) errorf(format string, args ...any) int {
	fmt.Fprintf(c.Stderr, "cfctl: "+format+"\n", args...)
	return ExitError
}

func (c *CLI) workDir() string {
	if c.WorkDir != "" {
		return c.WorkDir
	}
	wd, _ := os.Getwd()
	return wd
}

// repoRoot finds the repository from --root or the working directory.
func (c *CLI) repoRoot(flagRoot string) (string, error) {
	if flagRoot != "" {
		return project.FindRoot(flagRoot)
	}
	return project.FindRoot(c.workDir())
}

// targets resolves positional arguments (or --all) to root modules.
func (c *CLI) targets(root string, args []string, all bool) ([]project.Target, error) {
	if all {
		if len(args) > 0 {
			return nil, errors.New("give either --all or targets, not both")
		}
		var out []project.Target
		for _, env := range project.Environments(root) {
			t, err := project.Resolve(root, env)
			if err != nil {
				return nil, err
			}
			out = append(out, t)
		}
		return out, nil
	}
	if len(args) == 0 {
		return nil, fmt.Errorf("no target given: name an environment (%s) or a directory", strings.Join(project.Environments(root), ", "))
	}
	var out []project.Target
	for _, a := range args {
		path := a
		if !strings.HasPrefix(a, "/") && (strings.ContainsAny(a, `/\`) || a == "." || a == "..") {
			path = filepath.Join(c.workDir(), a) + string(filepath.Separator)
		}
		t, err := project.Resolve(root, path)
		if err != nil {
			return nil, errors.New(strings.ReplaceAll(err.Error(), path, a))
		}
		t.Name = a
		out = append(out, t)
	}
	return out, nil
}

// eachTarget runs fn for every target, side by side (as many at once as
// there are processors: the targets are independent root modules), and
// returns the results in the targets' order, so output stays deterministic.
func eachTarget[T any](targets []project.Target, fn func(project.Target) T) []T {
	out := make([]T, len(targets))
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for i, t := range targets {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i] = fn(t)
		})
	}
	wg.Wait()
	return out
}
