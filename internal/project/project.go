// Package project knows the repository's layout: where the Terraform tree is,
// which environments exist, and how a command-line target (an environment
// name or a directory) maps to a root module.
package project

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Layout paths, relative to the repository root.
const (
	TerraformDir    = "terraform"
	EnvironmentsDir = "terraform/environments"
	ModulesDir      = "terraform/modules"
	BackendDir      = "terraform/backend"
)

// Target is a root module chosen on the command line.
type Target struct {
	Name string // environment name, or the directory as given
	Dir  string // absolute directory
	Env  bool   // true when Name is one of the repository's environments
}

// FindRoot returns the nearest ancestor of start (itself included) that holds
// terraform/environments.
func FindRoot(start string) (string, error) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	for {
		if st, err := os.Stat(filepath.Join(dir, EnvironmentsDir)); err == nil && st.IsDir() {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no %s directory in %s or any parent: run cfctl inside the repository, or give --root", EnvironmentsDir, start)
		}
		dir = parent
	}
}

// Environments lists the environment names under root, sorted in promotion
// order (dev, staging, production) and then by name.
func Environments(root string) []string {
	entries, err := os.ReadDir(filepath.Join(root, EnvironmentsDir))
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() && hasTF(filepath.Join(root, EnvironmentsDir, e.Name())) {
			names = append(names, e.Name())
		}
	}
	order := map[string]int{"dev": 0, "staging": 1, "production": 2}
	sort.Slice(names, func(i, j int) bool {
		oi, iok := order[names[i]]
		oj, jok := order[names[j]]
		switch {
		case iok && jok:
			return oi < oj
		case iok != jok:
			return iok
		}
		return names[i] < names[j]
	})
	return names
}

// Resolve maps an argument to a root module: a directory path (anything with
// a path separator or that exists as a directory) or an environment name.
func Resolve(root, arg string) (Target, error) {
	if arg == "" {
		return Target{}, fmt.Errorf("no target given: name an environment (%s) or a directory", strings.Join(Environments(root), ", "))
	}
	if st, err := os.Stat(arg); err == nil && st.IsDir() && (strings.ContainsAny(arg, `/\`) || arg == "." || arg == "..") {
		abs, err := filepath.Abs(arg)
		if err != nil {
			return Target{}, err
		}
		if !hasTF(abs) {
			return Target{}, fmt.Errorf("%s: no .tf files in this directory (a root module needs at least one)", arg)
		}
		return Target{Name: arg, Dir: abs, Env: isEnvDir(root, abs)}, nil
	}
	if strings.ContainsAny(arg, `/\`) {
		return Target{}, fmt.Errorf("%s: no such directory", arg)
	}
	envs := Environments(root)
	for _, e := range envs {
		if e == arg {
			return Target{Name: arg, Dir: filepath.Join(root, EnvironmentsDir, arg), Env: true}, nil
		}
	}
	return Target{}, fmt.Errorf("unknown environment %q: valid are %s, or a directory path such as ./terraform/backend", arg, strings.Join(envs, ", "))
}

func isEnvDir(root, abs string) bool {
	rel, err := filepath.Rel(filepath.Join(root, EnvironmentsDir), abs)
	return err == nil && !strings.Contains(rel, string(filepath.Separator)) && !strings.HasPrefix(rel, ".")
}

func hasTF(dir string) bool {
	m, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	return len(m) > 0
}
