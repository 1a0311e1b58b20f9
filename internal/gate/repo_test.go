package gate

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/candlefish-ai/infrastructure/internal/finding"
	"github.com/candlefish-ai/infrastructure/internal/fmtcheck"
	"github.com/candlefish-ai/infrastructure/internal/model"
	"github.com/candlefish-ai/infrastructure/internal/project"
)

// rootModules are the repository's root modules: every environment and the backend.
func rootModules(t testing.TB) []string {
	root := repoRoot(t)
	var dirs []string
	for _, env := range project.Environments(root) {
		dirs = append(dirs, filepath.Join(root, project.EnvironmentsDir, env))
	}
	if len(dirs) != 3 {
		t.Fatalf("want the dev, staging and production environments, found %v", dirs)
	}
	examples, _ := filepath.Glob(filepath.Join(root, project.ModulesDir, "*", "examples", "*"))
	dirs = append(dirs, filepath.Join(root, project.BackendDir))
	return append(dirs, examples...)
}

func TestRepositoryIsCanonicallyFormatted(t *testing.T) {
	root := repoRoot(t)
	if fs := fmtcheck.CheckTree(filepath.Join(root, project.TerraformDir)); len(fs) > 0 {
		t.Fatalf("unformatted files (run `make fmt`):\n%s", render(fs))
	}
}

// TestFormatAgreesWithTofu checks our format gate against the real `tofu fmt`
// (OpenTofu's formatter is Terraform's): both accept the repository's tree and
// both reject the unformatted fixture.
func TestFormatAgreesWithTofu(t *testing.T) {
	root := repoRoot(t)
	tofu := filepath.Join(root, "bin", "tofu")
	if _, err := os.Stat(tofu); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("bin/tofu missing: CI must run `make tools`")
		}
		t.Skip("bin/tofu not installed: run `make tools`")
	}
	cmd := exec.Command(tofu, "fmt", "-check", "-recursive", filepath.Join(root, project.TerraformDir))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tofu fmt -check disagrees with the tree: %v\n%s", err, out)
	}
	bad := filepath.Join("testdata", "defects", "unformatted", "main.tf")
	if err := exec.Command(tofu, "fmt", "-check", bad).Run(); err == nil {
		t.Fatalf("tofu fmt accepts %s, which the fixture says is unformatted", bad)
	}
	if len(fmtcheck.CheckFile(bad)) == 0 {
		t.Fatalf("fmtcheck accepts %s, which tofu fmt rejects", bad)
	}
}

// TestEveryModuleEvaluates loads each module and root module on its own.
func TestEveryModuleEvaluates(t *testing.T) {
	root := repoRoot(t)
	dirs := rootModules(t)
	mods, _ := filepath.Glob(filepath.Join(root, project.ModulesDir, "*"))
	if len(mods) != 6 {
		t.Fatalf("want six modules, found %v", mods)
	}
	for _, d := range append(dirs, mods...) {
		t.Run(filepath.Base(d), func(t *testing.T) {
			if _, err := model.Load(context.Background(), d, model.Options{}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestRepositoryGateIsClean runs the whole gate on every root module: no
// format, evaluation, schema or lint finding at all, and no trivy finding at
// or above HIGH (lower ones are printed for the record).
func TestRepositoryGateIsClean(t *testing.T) {
	requireTflint(t)
	runner := NewRunner()
	for _, d := range rootModules(t) {
		t.Run(filepath.Base(d), func(t *testing.T) {
			res, err := runner.Run(context.Background(), d, Options{RepoRoot: repoRoot(t)})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Skipped) > 0 {
				t.Fatalf("stages skipped: %v", res.Skipped)
			}
			for _, f := range res.Findings {
				// Below the bar and allowed: trivy's lower findings. (An
				// ignore whose resource is switched off in this environment,
				// count = 0, is not reported as unused.)
				belowBar := f.Severity < finding.SeverityHigh && f.Gate == StageTrivy
				if !belowBar {
					t.Errorf("%s", f)
				} else {
					t.Logf("below the bar: %s", f)
				}
			}
			if len(res.Model.Managed()) == 0 {
				t.Errorf("%s evaluates to no resources", d)
			}
		})
	}
}

// TestReadmesAreGenerated checks that every module's, environment's and the
// backend's README carries the inputs and outputs terraform-docs generates
// from its current code (`make docs` refreshes them).
func TestReadmesAreGenerated(t *testing.T) {
	root := repoRoot(t)
	bin := filepath.Join(root, "bin", "terraform-docs")
	if _, err := os.Stat(bin); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("bin/terraform-docs missing: CI must run `make tools`")
		}
		t.Skip("bin/terraform-docs not installed: run `make tools`")
	}
	mods, _ := filepath.Glob(filepath.Join(root, project.ModulesDir, "*"))
	for _, d := range append(rootModules(t), mods...) {
		out, err := exec.Command(bin, "--config", filepath.Join(root, ".terraform-docs.yml"), "--output-check", d).CombinedOutput()
		if err != nil {
			t.Errorf("%s: README.md is not up to date (run `make docs`): %s", d, out)
		}
	}
}
