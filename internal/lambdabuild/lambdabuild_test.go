package lambdabuild

import (
	"archive/zip"
	"bytes"
	"context"
	"debug/elf"
	"io"
	"path/filepath"
	"testing"

	"github.com/candlefish-ai/infrastructure/internal/project"
)

// TestBuildDeploycheckZip builds the deployable zip of the deploycheck
// function and checks it is what provided.al2023 on arm64 runs: one
// executable named bootstrap, an ELF for aarch64.
func TestBuildDeploycheckZip(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	root, err := project.FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "deploycheck.zip")
	if err := Build(context.Background(), root, "./lambda/deploycheck", out); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if len(zr.File) != 1 || zr.File[0].Name != "bootstrap" {
		t.Fatalf("zip must hold exactly bootstrap, has %v", zr.File)
	}
	if zr.File[0].Mode()&0o111 == 0 {
		t.Errorf("bootstrap is not executable: %v", zr.File[0].Mode())
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := elf.NewFile(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("bootstrap is not an ELF executable: %v", err)
	}
	if f.Machine != elf.EM_AARCH64 || f.Type != elf.ET_EXEC {
		t.Errorf("bootstrap is %v %v, want an aarch64 executable", f.Machine, f.Type)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".deploycheck.zip.*")); len(left) > 0 {
		t.Errorf("a partial file was left behind: %v", left)
	}
}
