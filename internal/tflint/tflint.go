// Package tflint runs the pinned tflint binary (with the bundled terraform
// ruleset configured in the repository's .tflint.hcl) over module
// directories and returns its issues as findings.
package tflint

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/candlefish-ai/infrastructure/internal/finding"
)

// Version is the tflint release the project pins (see Makefile).
const Version = "0.64.0"

// ErrNotInstalled means no tflint binary was found; `make tools` installs it.
var ErrNotInstalled = errors.New("tflint is not installed: run `make tools` (installs tflint v" + Version + " into ./bin)")

// Find returns the tflint binary: $CFCTL_TFLINT, <repo>/bin/tflint, then PATH.
func Find(repoRoot string) (string, error) {
	if p := os.Getenv("CFCTL_TFLINT"); p != "" {
		return p, nil
	}
	if repoRoot != "" {
		p := filepath.Join(repoRoot, "bin", "tflint")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	if p, err := exec.LookPath("tflint"); err == nil {
		return p, nil
	}
	return "", ErrNotInstalled
}

type report struct {
	Issues []struct {
		Rule struct {
			Name     string `json:"name"`
			Severity string `json:"severity"`
			Link     string `json:"link"`
		} `json:"rule"`
		Message string `json:"message"`
		Range   struct {
			Filename string `json:"filename"`
			Start    struct {
				Line   int `json:"line"`
				Column int `json:"column"`
			} `json:"start"`
		} `json:"range"`
	} `json:"issues"`
	Errors []struct {
		Message  string `json:"message"`
		Severity string `json:"severity"`
		Range    *struct {
			Filename string `json:"filename"`
			Start    struct {
				Line int `json:"line"`
			} `json:"start"`
		} `json:"range"`
	} `json:"errors"`
}

// Lint runs tflint in dir with the given config file and returns its issues.
// Every issue fails the gate: the project keeps tflint clean.
func Lint(ctx context.Context, bin, config, dir string) ([]finding.Finding, error) {
	// Run inside dir (not with --chdir): tflint names files relative to its
	// working directory, so they are then relative to dir.
	cmd := exec.CommandContext(ctx, bin, "--config="+config, "--format=json", "--force")
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("tflint in %s: %v: %s", dir, err, strings.TrimSpace(stderr.String()))
	}
	var rep report
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		return nil, fmt.Errorf("tflint in %s: unreadable output: %v", dir, err)
	}
	var out []finding.Finding
	for _, is := range rep.Issues {
		out = append(out, finding.Finding{
			Gate: "tflint", RuleID: is.Rule.Name, Severity: finding.SeverityHigh,
			File: absIn(dir, is.Range.Filename), Line: is.Range.Start.Line, Column: is.Range.Start.Column,
			Message: is.Message, Resolution: is.Rule.Link,
		})
	}
	for _, e := range rep.Errors {
		f := finding.Finding{Gate: "tflint", RuleID: "tflint/error", Severity: finding.SeverityHigh, File: dir, Message: e.Message}
		if e.Range != nil {
			f.File, f.Line = absIn(dir, e.Range.Filename), e.Range.Start.Line
		}
		out = append(out, f)
	}
	return out, nil
}

func absIn(dir, name string) string {
	if name == "" || filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(dir, name)
}
