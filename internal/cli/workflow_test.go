package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The workflow commands' bad input, refused before any terraform run; the
// runs themselves are tested against real services in test/workflow.

// workflowRepo is a repository with dev (backend.hcl with use_lockfile),
// staging (no backend.hcl) and production, and a fake terraform binary.
func workflowRepo(t *testing.T, version string) (root, bin string) {
	t.Helper()
	root = t.TempDir()
	for _, env := range []string{"dev", "staging", "production"} {
		dir := filepath.Join(root, "terraform", "environments", env)
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "main.tf"), []byte("terraform {\n  backend \"s3\" {}\n}\n"), 0o644)
	}
	os.WriteFile(filepath.Join(root, "terraform/environments/dev/backend.hcl"), []byte(`bucket       = "b"
key          = "dev/terraform.tfstate"
region       = "us-east-1"
use_lockfile = true
`), 0o644)
	os.WriteFile(filepath.Join(root, "terraform/environments/production/backend.hcl"), []byte(`bucket         = "b"
key            = "production/terraform.tfstate"
region         = "us-east-1"
dynamodb_table = "locks"
`), 0o644)
	bin = filepath.Join(t.TempDir(), "tofu")
	script := "#!/bin/sh\nif [ \"$1\" = version ]; then echo '" + version + "'; exit 0; fi\necho \"fake binary must not run: $*\" >&2; exit 1\n"
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CFCTL_TERRAFORM", bin)
	return root, bin
}

func runIn(root, stdin string, args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	c := &CLI{Stdout: &out, Stderr: &errOut, WorkDir: root}
	if stdin != "" {
		c.Stdin = strings.NewReader(stdin)
	}
	code := c.Run(context.Background(), args)
	return code, out.String(), errOut.String()
}

func TestWorkflowBadInput(t *testing.T) {
	root, _ := workflowRepo(t, "OpenTofu v1.9.1")
	cases := []struct {
		name string
		args []string
		env  map[string]string
		want []string
	}{
		{"unknown environment", []string{"plan", "qa"}, nil, []string{`unknown environment "qa": valid are dev, staging, production`}},
		{"missing backend.hcl", []string{"init", "staging"}, nil, []string{"staging: no backend configuration terraform/environments/staging/backend.hcl",
			"backend_config", "--backend-config FILE", "nothing was changed"}},
		{"missing --backend-config", []string{"init", "dev", "--backend-config", "nope.hcl"}, nil, []string{"--backend-config nope.hcl: no such file"}},
		{"--backend-config for two", []string{"init", "dev", "production", "--backend-config", "x.hcl"}, nil, []string{"--backend-config applies to one target"}},
		{"no binary at the path", []string{"init", "dev"}, map[string]string{"CFCTL_TERRAFORM": "/nonexistent/tofu"}, []string{"/nonexistent/tofu: not found", "install Terraform >= 1.10 or OpenTofu >= 1.9"}},
		{"no binary on PATH", []string{"plan", "dev"}, map[string]string{"CFCTL_TERRAFORM": "", "PATH": t.TempDir()}, []string{"no terraform or tofu binary found on PATH", "--terraform PATH"}},
		{"not initialised", []string{"apply", "production"}, nil, []string{"production is not initialised", "run `cfctl init production` first"}},
		{"apply with variables", []string{"apply", "dev", "--var-file", "x.tfvars"}, nil, []string{"apply takes no --var or --var-file"}},
		{"destroy --all", []string{"destroy", "--all"}, nil, []string{"destroy takes exactly one environment"}},
		{"--all stops at a bad environment before running", []string{"plan", "--all", "--out", "p"}, nil, []string{"staging: no backend configuration"}},
		{"--all and targets", []string{"plan", "--all", "dev"}, nil, []string{"give either --all or targets"}},
		{"state without subcommand", []string{"state"}, nil, []string{"Usage: cfctl state"}},
		{"state unknown subcommand", []string{"state", "lock", "dev"}, nil, []string{`unknown state subcommand "lock"`}},
		{"unlock without id", []string{"state", "unlock", "dev"}, nil, []string{"takes an environment and a lock id"}},
		{"restore without id", []string{"state", "restore", "dev"}, nil, []string{"takes an environment and a version id"}},
		{"state of a module without backend.hcl", []string{"state", "locks", "staging"}, nil, []string{"no backend configuration"}},
		{"doctor without target", []string{"doctor"}, nil, []string{"doctor takes one environment"}},
		{"bad --lock-timeout", []string{"apply", "dev", "--lock-timeout", "soon"}, nil, []string{`--lock-timeout "soon": a duration`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			code, out, errOut := runIn(root, "", c.args...)
			if code != ExitError {
				t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
			}
			for _, w := range c.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if strings.Contains(errOut, "fake binary must not run") {
				t.Errorf("terraform ran:\n%s", errOut)
			}
			if _, err := os.Stat(filepath.Join(root, ".cfctl")); err == nil {
				t.Errorf("something was written to .cfctl")
			}
		})
	}
}

func TestWorkflowBadBackendFile(t *testing.T) {
	root, _ := workflowRepo(t, "OpenTofu v1.9.1")
	dev := filepath.Join(root, "terraform/environments/dev/backend.hcl")
	for content, want := range map[string]string{
		"bucket = \"b\"\n":              "does not set key",
		"bucket = \n":                   "does not parse",
		"bucket = \"b\"\nkey = local.k": "only literal values",
	} {
		os.WriteFile(dev, []byte(content), 0o644)
		code, _, errOut := runIn(root, "", "init", "dev")
		if code != ExitError || !strings.Contains(errOut, want) || !strings.Contains(errOut, "nothing was changed") {
			t.Errorf("%q: exit %d, stderr:\n%s", content, code, errOut)
		}
	}
	os.Remove(dev)
	os.Mkdir(dev, 0o755) // unreadable, even for root
	code, _, errOut := runIn(root, "", "plan", "dev")
	if code != ExitError || !strings.Contains(errOut, "backend.hcl is not readable") {
		t.Errorf("unreadable backend.hcl: exit %d\n%s", code, errOut)
	}
}

func TestWorkflowBinaryVersions(t *testing.T) {
	root, _ := workflowRepo(t, "OpenTofu v1.6.2")
	code, _, errOut := runIn(root, "", "init", "dev")
	if code != ExitError || !strings.Contains(errOut, "terraform/environments/dev/backend.hcl sets use_lockfile = true, which OpenTofu 1.6.2 does not support: use Terraform >= 1.10 or OpenTofu >= 1.9") {
		t.Errorf("use_lockfile with OpenTofu 1.6.2: exit %d\n%s", code, errOut)
	}
	root, _ = workflowRepo(t, "Terraform v1.9.8")
	code, _, errOut = runIn(root, "", "init", "production")
	if code != ExitError || !strings.Contains(errOut, "Terraform 1.9.8") || !strings.Contains(errOut, "is too old: cfctl needs Terraform >= 1.10 or OpenTofu >= 1.6") {
		t.Errorf("Terraform 1.9.8: exit %d\n%s", code, errOut)
	}
}

func TestConfirm(t *testing.T) {
	var errOut bytes.Buffer
	c := &CLI{Stdout: &bytes.Buffer{}, Stderr: &errOut}
	if err := c.confirm("production", "apply to production", "production"); err != nil {
		t.Errorf("--confirm production: %v", err)
	}
	if err := c.confirm("production", "apply to production", "prod"); err == nil || !strings.Contains(err.Error(), `--confirm "prod" does not match "production"`) {
		t.Errorf("--confirm prod: %v", err)
	}
	if err := c.confirm("production", "apply to production", ""); err == nil || !strings.Contains(err.Error(), "--confirm production in automation") {
		t.Errorf("no stdin: %v", err)
	}
	for input, ok := range map[string]bool{"production\n": true, "  production  \n": true, "production": true, "yes\n": false, "\n": false, "": false} {
		c.Stdin = strings.NewReader(input)
		err := c.confirm("production", "apply to production", "")
		if ok != (err == nil) {
			t.Errorf("typed %q: %v", input, err)
		}
	}
	if !strings.Contains(errOut.String(), `apply to production: type "production" to go on: `) {
		t.Errorf("prompt: %q", errOut.String())
	}
}

func TestPlanCost(t *testing.T) {
	nat := func(name string) string {
		return `{"address":"aws_nat_gateway.` + name + `","mode":"managed","type":"aws_nat_gateway","name":"` + name + `","values":{"connectivity_type":"public"}}`
	}
	plan := func(prior, planned []string) string {
		p := `{"format_version":"1.2","planned_values":{"root_module":{"resources":[` + strings.Join(planned, ",") + `]}},` +
			`"configuration":{"provider_config":{"aws":{"expressions":{"region":{"constant_value":"us-east-1"}}}}}`
		if prior != nil {
			p += `,"prior_state":{"format_version":"1.0","values":{"root_module":{"resources":[` + strings.Join(prior, ",") + `]}}}`
		}
		return p + `}`
	}
	dir := t.TempDir()
	first := planCost([]byte(plan(nil, []string{nat("a")})), "dev", dir)
	if !strings.HasPrefix(first, "$0.00/month now, $") || !strings.Contains(first, "after this plan (+$") {
		t.Errorf("first plan: %s", first)
	}
	second := planCost([]byte(plan([]string{nat("a")}, []string{nat("a"), nat("b")})), "dev", dir)
	if !strings.Contains(second, "+100.0%") {
		t.Errorf("a second NAT gateway does not double the cost: %s", second)
	}
	same := planCost([]byte(plan([]string{nat("a")}, []string{nat("a")})), "dev", dir)
	if !strings.Contains(same, "(+$0.00, +0.0%)") {
		t.Errorf("no change: %s", same)
	}
	unpriced := planCost([]byte(plan(nil, []string{`{"address":"terraform_data.x","mode":"managed","type":"terraform_data","name":"x","values":{}}`})), "dev", dir)
	if !strings.HasPrefix(unpriced, "$0.00/month now, $0.00/month after this plan") {
		t.Errorf("terraform_data: %s", unpriced)
	}
	t.Log(first, "|", second, "|", unpriced)
	if got := planCost([]byte(`{"format_version":"0.1"}`), "dev", dir); !strings.HasPrefix(got, "not available (") {
		t.Errorf("an unreadable plan: %s", got)
	}
}
