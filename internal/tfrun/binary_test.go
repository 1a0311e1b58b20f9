package tfrun

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeBinary writes an executable that prints version as its `version` output.
func fakeBinary(t *testing.T, name, version string) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, name)
	script := "#!/bin/sh\nif [ \"$1\" = version ]; then printf '%s\\non linux_amd64\\n' \"" + version + "\"; exit 0; fi\nexit 1\n"
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFindAndCheck(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		version      string
		flavor       string
		tooOld       bool
		lockfileOK   bool
		wantDisplay  string
		lockfileText string
	}{
		{version: "OpenTofu v1.6.2-dev", flavor: OpenTofu, lockfileOK: false, wantDisplay: "OpenTofu 1.6.2-dev"},
		{version: "OpenTofu v1.9.0", flavor: OpenTofu, lockfileOK: true},
		{version: "OpenTofu v1.5.7", flavor: OpenTofu, tooOld: true},
		{version: "Terraform v1.10.0", flavor: Terraform, lockfileOK: true},
		{version: "Terraform v1.11.4", flavor: Terraform, lockfileOK: true},
		{version: "Terraform v1.9.8", flavor: Terraform, tooOld: true},
	}
	for _, c := range cases {
		t.Run(c.version, func(t *testing.T) {
			b, err := Find(ctx, fakeBinary(t, "tf", c.version))
			if err != nil {
				t.Fatal(err)
			}
			if b.Flavor != c.flavor {
				t.Errorf("flavor %q, want %q", b.Flavor, c.flavor)
			}
			if c.wantDisplay != "" && !strings.Contains(b.String(), c.wantDisplay) {
				t.Errorf("String() = %q", b)
			}
			err = b.Check()
			if c.tooOld != (err != nil) {
				t.Errorf("Check() = %v, too old: %v", err, c.tooOld)
			}
			if err != nil && !strings.Contains(err.Error(), "Terraform >= 1.10 or OpenTofu >= 1.6") {
				t.Errorf("the error does not say which minimum: %v", err)
			}
			if b.SupportsLockfile() != c.lockfileOK {
				t.Errorf("SupportsLockfile() = %v", b.SupportsLockfile())
			}
			err = b.CheckLockfile(true, "backend.hcl")
			if c.lockfileOK != (err == nil) {
				t.Errorf("CheckLockfile(true) = %v", err)
			}
			if err != nil && !strings.Contains(err.Error(), "Terraform >= 1.10 or OpenTofu >= 1.9") {
				t.Errorf("the use_lockfile error does not say which version: %v", err)
			}
			if err := b.CheckLockfile(false, "backend.hcl"); err != nil {
				t.Errorf("CheckLockfile(false) = %v", err)
			}
		})
	}
}

func TestFindErrors(t *testing.T) {
	ctx := context.Background()
	t.Setenv(EnvBinary, "")
	t.Setenv("PATH", t.TempDir())
	_, err := Find(ctx, "")
	if !errors.Is(err, ErrNoBinary) || !strings.Contains(err.Error(), "install Terraform >= 1.10 or OpenTofu >= 1.9") {
		t.Errorf("no binary on PATH: %v", err)
	}
	_, err = Find(ctx, "/nonexistent/tofu")
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/tofu: not found") {
		t.Errorf("missing --terraform path: %v", err)
	}
	t.Setenv(EnvBinary, "/nonexistent/terraform")
	if _, err = Find(ctx, ""); err == nil || !strings.Contains(err.Error(), "/nonexistent/terraform") {
		t.Errorf("missing $%s: %v", EnvBinary, err)
	}
	if _, err := Find(ctx, fakeBinary(t, "tf", "Packer v1.9.0")); err == nil || !strings.Contains(err.Error(), "neither terraform nor tofu") {
		t.Errorf("another program: %v", err)
	}
	// PATH: terraform is preferred over tofu.
	dir := t.TempDir()
	for name, v := range map[string]string{"terraform": "Terraform v1.11.0", "tofu": "OpenTofu v1.9.0"} {
		data, _ := os.ReadFile(fakeBinary(t, name, v))
		os.WriteFile(filepath.Join(dir, name), data, 0o755)
	}
	t.Setenv(EnvBinary, "")
	t.Setenv("PATH", dir)
	b, err := Find(ctx, "")
	if err != nil || b.Flavor != Terraform {
		t.Errorf("PATH with both: %v %v", b, err)
	}
	b, err = Find(ctx, "tofu")
	if err != nil || b.Flavor != OpenTofu {
		t.Errorf("--terraform tofu: %v %v", b, err)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"dev": "dev", "terraform/backend": "terraform_backend", "./a b/c/": "a_b_c"} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClassify(t *testing.T) {
	cases := map[string]error{
		"exit status 1\nError: Error acquiring the state lock\n":           ErrLocked,
		"exit status 1\nInterrupt received.\nError: execution halted":      ErrInterrupted,
		"Error: Backend initialization required, please run \"tofu init\"": ErrNeedsInit,
		"exit status 1\nError: Unsupported argument":                       nil,
	}
	for msg, want := range cases {
		err := classify(errors.New(msg))
		if want == nil {
			var re *RunError
			if !errors.As(err, &re) || re.Kind != nil {
				t.Errorf("%q: classified as %v", msg, err)
			}
			continue
		}
		if !errors.Is(err, want) {
			t.Errorf("%q: %v, want %v", msg, err, want)
		}
	}
	if !errors.Is(classify(context.Canceled), ErrInterrupted) {
		t.Error("a cancelled context is not an interruption")
	}
}
