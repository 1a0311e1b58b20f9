// Package lambdabuild builds the platform's Lambda functions into their
// deployment zips, byte-for-byte reproducible from the same source: a Go
// function into what provided.al2023 expects (one executable named
// bootstrap, built for Linux on arm64, Graviton), a Node.js function (the
// Lambda@Edge ones: Lambda@Edge has no custom runtime) into a zip of its one
// dependency-free index.js.
package lambdabuild

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/candlefish-ai/infrastructure/internal/atomicfile"
)

// Arch is the Lambda architecture the functions are built for.
const Arch = "arm64"

// Build compiles the main package pkg (e.g. ./lambda/deploycheck, relative to
// dir) and writes the zip to out, atomically: out is either the old file or
// the complete new one.
func Build(ctx context.Context, dir, pkg, out string) error {
	tmp, err := os.MkdirTemp("", "lambdabuild-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "bootstrap")
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-tags", "lambda.norpc", "-ldflags", "-s -w -buildid=", "-o", bin, pkg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH="+Arch, "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %v\n%s", pkg, err, b)
	}
	exe, err := os.ReadFile(bin)
	if err != nil {
		return err
	}
	return writeZip(out, "bootstrap", 0o755, exe)
}

// NodeHandler is the one file of a Node.js function: CommonJS, exporting
// handler (the function's handler is index.handler).
const NodeHandler = "index.js"

// IsNode reports whether the function in dir (relative to root) is a
// Node.js one: it holds index.js.
func IsNode(root, dir string) bool {
	_, err := os.Stat(filepath.Join(root, dir, NodeHandler))
	return err == nil
}

// BuildNode writes the zip of the Node.js function in dir (e.g.
// ./lambda/edge-webgl, relative to root) to out, atomically: index.js alone,
// at the zip's root, readable by the runtime. The function must not load
// other modules; a require() or import is refused, since nothing else ships.
func BuildNode(root, dir, out string) error {
	src, err := os.ReadFile(filepath.Join(root, dir, NodeHandler))
	if err != nil {
		return err
	}
	for _, line := range strings.Split(string(src), "\n") {
		code := strings.TrimSpace(line)
		if strings.HasPrefix(code, "//") {
			continue
		}
		if strings.Contains(code, "require(") || strings.HasPrefix(code, "import ") {
			return fmt.Errorf("%s/%s loads another module (%q): a Lambda@Edge function ships %s alone", dir, NodeHandler, code, NodeHandler)
		}
	}
	return writeZip(out, NodeHandler, 0o644, src)
}

// writeZip writes a zip of one file, with a fixed time so that the same
// content gives the same bytes, to out atomically.
func writeZip(out, name string, mode os.FileMode, content []byte) error {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}
	h.SetMode(mode)
	w, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	if _, err := w.Write(content); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return atomicfile.Write(out, buf.Bytes())
}
