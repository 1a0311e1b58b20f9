package gate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/candlefish-ai/infrastructure/internal/finding"
	"github.com/candlefish-ai/infrastructure/internal/project"
	"github.com/candlefish-ai/infrastructure/internal/tflint"
)

// repoRoot is the repository holding this package, for bin/tflint and .tflint.hcl.
func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := project.FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// requireTflint fails in CI and skips elsewhere when tflint is not installed.
func requireTflint(t testing.TB) {
	t.Helper()
	if _, err := tflint.Find(repoRoot(t)); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%v (CI must install it)", err)
		}
		t.Skip(err)
	}
}

// copyTree copies src into dst (files only, recursively).
func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// summary renders findings as "gate rule file:line" relative to dir, sorted.
func summary(dir string, fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		rel, err := filepath.Rel(dir, f.File)
		if err != nil || strings.HasPrefix(rel, "..") {
			rel = f.File
		}
		out = append(out, fmt.Sprintf("%s %s %s:%d", f.Gate, f.RuleID, rel, f.Line))
	}
	sort.Strings(out)
	return out
}

func TestCleanFixtureIsClean(t *testing.T) {
	requireTflint(t)
	res, err := NewRunner().Run(context.Background(), "testdata/clean", Options{RepoRoot: repoRoot(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 0 || len(res.Skipped) != 0 {
		t.Fatalf("clean fixture has findings %v, skipped %v", summary(res.Dir, res.Findings), res.Skipped)
	}
	if res.Model == nil || len(res.Model.Managed()) != 2 {
		t.Fatalf("clean fixture should evaluate to 2 managed resources, got %v", res.Model)
	}
}

// TestEachGateCatchesItsDefect copies the clean fixture, lays one defect over
// it (testdata/defects/<case>) and expects exactly the findings in want.txt:
// the defect is caught, with file and line, and nothing else is reported.
func TestEachGateCatchesItsDefect(t *testing.T) {
	requireTflint(t)
	cases, err := os.ReadDir("testdata/defects")
	if err != nil {
		t.Fatal(err)
	}
	runner := NewRunner()
	for _, c := range cases {
		t.Run(c.Name(), func(t *testing.T) {
			dir := t.TempDir()
			copyTree(t, "testdata/clean", dir)
			copyTree(t, filepath.Join("testdata/defects", c.Name()), dir)
			wantRaw, err := os.ReadFile(filepath.Join(dir, "want.txt"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(filepath.Join(dir, "want.txt")); err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, l := range strings.Split(strings.TrimSpace(string(wantRaw)), "\n") {
				want = append(want, strings.TrimSpace(l))
			}
			sort.Strings(want)
			res, err := runner.Run(context.Background(), dir, Options{RepoRoot: repoRoot(t)})
			if err != nil {
				t.Fatal(err)
			}
			got := summary(dir, res.Findings)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("findings differ\n got:\n  %s\nwant:\n  %s\nfull:\n%s", strings.Join(got, "\n  "), strings.Join(want, "\n  "), render(res.Findings))
			}
			for _, f := range res.Findings {
				if f.Line == 0 && f.Gate != "tflint" {
					t.Errorf("finding without a line: %s", f)
				}
				if f.Message == "" {
					t.Errorf("finding without a message: %+v", f)
				}
			}
		})
	}
}

func render(fs []finding.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.String() + "\n")
	}
	return b.String()
}
