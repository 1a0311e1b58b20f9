// Package lambdabuild builds a Go Lambda function into the zip that
// provided.al2023 expects: one executable named bootstrap, built for Linux
// on arm64 (Graviton), byte-for-byte reproducible from the same source.
package lambdabuild

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	h := &zip.FileHeader{Name: "bootstrap", Method: zip.Deflate, Modified: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}
	h.SetMode(0o755)
	w, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	if _, err := w.Write(exe); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return atomicfile.Write(out, buf.Bytes())
}
