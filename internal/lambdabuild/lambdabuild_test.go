package lambdabuild

import (
	"archive/zip"
	"bytes"
	"context"
	"debug/elf"
	"io"
	"os"
	"path/filepath"
	"strings"
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

// TestBuildEdgeWebGLZip builds the Node.js Lambda@Edge function of the CDN
// module: index.js alone at the zip's root, readable, byte-for-byte the
// source, and the same zip twice (the function's source_code_hash only
// changes with its code).
func TestBuildEdgeWebGLZip(t *testing.T) {
	root, err := project.FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	if !IsNode(root, "./lambda/edge-webgl") || IsNode(root, "./lambda/deploycheck") {
		t.Fatalf("IsNode: edge-webgl %v, deploycheck %v; want true, false", IsNode(root, "./lambda/edge-webgl"), IsNode(root, "./lambda/deploycheck"))
	}
	dir := t.TempDir()
	var zips [][]byte
	for _, name := range []string{"a.zip", "b.zip"} {
		out := filepath.Join(dir, name)
		if err := BuildNode(root, "./lambda/edge-webgl", out); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		zips = append(zips, b)
	}
	if !bytes.Equal(zips[0], zips[1]) {
		t.Errorf("two builds of the same source differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(zips[0]), int64(len(zips[0])))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != 1 || zr.File[0].Name != "index.js" {
		t.Fatalf("zip must hold exactly index.js, has %v", zr.File)
	}
	if zr.File[0].Mode()&0o444 != 0o444 {
		t.Errorf("index.js is not readable by all: %v", zr.File[0].Mode())
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(root, "lambda/edge-webgl/index.js"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("index.js in the zip differs from lambda/edge-webgl/index.js")
	}

	// A function that loads a module is refused: nothing but index.js ships.
	bad := filepath.Join(dir, "lambda/bad")
	if err := os.MkdirAll(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	src := "// require('ok in a comment')\nconst zlib = require('zlib');\nexports.handler = async () => {};\n"
	if err := os.WriteFile(filepath.Join(bad, "index.js"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := BuildNode(dir, "./lambda/bad", filepath.Join(dir, "bad.zip")); err == nil || !strings.Contains(err.Error(), "loads another module") {
		t.Errorf("BuildNode of a function with require(): %v, want a refusal", err)
	}
}
