// Package envtest helps tests assert what a root module evaluates to: the
// environments' sizes and switches, and that every variable validation
// accepts good values and rejects bad ones.
package envtest

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/candlefish-ai/infrastructure/internal/finding"
	"github.com/candlefish-ai/infrastructure/internal/model"
	"github.com/candlefish-ai/infrastructure/internal/project"
)

// Repo returns the repository root.
func Repo(t testing.TB) string {
	t.Helper()
	root, err := project.FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// Env evaluates an environment (dev, staging, production) with its tfvars.
func Env(t testing.TB, name string) *model.Model {
	t.Helper()
	return Dir(t, filepath.Join(Repo(t), project.EnvironmentsDir, name), nil)
}

// Dir evaluates the root module in dir (relative to the repository root when
// not absolute). overrides are variable values written as HCL expressions
// (`az_count = "4"`), applied after the module's own tfvars. Evaluation must
// succeed; findings are in the model's Findings.
func Dir(t testing.TB, dir string, overrides map[string]string) *model.Model {
	t.Helper()
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(Repo(t), dir)
	}
	var opts model.Options
	if len(overrides) > 0 {
		keys := make([]string, 0, len(overrides))
		for k := range overrides {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		for _, k := range keys {
			b.WriteString(k + " = " + overrides[k] + "\n")
		}
		f := filepath.Join(t.TempDir(), "override.tfvars")
		if err := os.WriteFile(f, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		opts.VarFiles = []string{f}
	}
	m, err := model.Load(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// ValidationFailures returns the messages of failed variable validations.
func ValidationFailures(m *model.Model) []string {
	var out []string
	for _, f := range m.Findings {
		if f.RuleID == model.RuleVariableValidation {
			out = append(out, f.Message)
		}
	}
	return out
}

// ExpectValid fails the test when the overrides make any validation fail.
func ExpectValid(t *testing.T, dir string, overrides map[string]string) {
	t.Helper()
	if fs := ValidationFailures(Dir(t, dir, overrides)); len(fs) > 0 {
		t.Errorf("%v should be valid, got:\n  %s", overrides, strings.Join(fs, "\n  "))
	}
}

// ExpectInvalid fails the test unless a validation fails with a message
// that contains want.
func ExpectInvalid(t *testing.T, dir string, overrides map[string]string, want string) {
	t.Helper()
	fs := ValidationFailures(Dir(t, dir, overrides))
	for _, f := range fs {
		if strings.Contains(f, want) {
			return
		}
	}
	t.Errorf("%v should fail validation with %q, got %v", overrides, want, fs)
}

// Count returns how many managed resources of a type the model holds,
// optionally only those in one region.
func Count(m *model.Model, typ string, region ...string) int {
	n := 0
	for _, r := range m.OfType(typ) {
		if len(region) == 0 || r.Region == region[0] {
			n++
		}
	}
	return n
}

// Findings returns the model's findings at or above HIGH, as strings.
func Findings(m *model.Model) []string {
	var out []string
	for _, f := range finding.AtLeast(m.Findings, finding.SeverityHigh) {
		out = append(out, f.String())
	}
	return out
}

// WildcardStatements lists the IAM policy-document statements that allow
// every action on every resource, as "address: statement".
func WildcardStatements(m *model.Model) []string {
	var out []string
	for _, r := range m.Resources {
		if r.Type != "aws_iam_policy_document" || r.Mode != model.ModeData {
			continue
		}
		stmts, _ := r.Values["statement"].([]any)
		for i, s := range stmts {
			st, _ := s.(map[string]any)
			if effect, _ := st["effect"].(string); effect == "Deny" {
				continue
			}
			if contains(st["actions"], "*") && contains(st["resources"], "*") {
				out = append(out, r.Address+": statement "+strconv.Itoa(i))
			}
		}
	}
	return out
}

func contains(list any, want string) bool {
	l, _ := list.([]any)
	for _, v := range l {
		if v == want {
			return true
		}
	}
	return false
}

// InModule returns the managed resources of a type in one module instance
// (module.networking, or "" for the root module).
func InModule(m *model.Model, module, typ string) []*model.Resource {
	var out []*model.Resource
	for _, r := range m.OfType(typ) {
		if r.Module == module {
			out = append(out, r)
		}
	}
	return out
}

// DataInModule returns the data sources of a type in one module instance.
func DataInModule(m *model.Model, module, typ string) []*model.Resource {
	var out []*model.Resource
	for _, r := range m.Resources {
		if r.Mode == model.ModeData && r.Type == typ && r.Module == module {
			out = append(out, r)
		}
	}
	return out
}
