// Package trivyscan runs trivy's embedded AWS misconfiguration checks (the
// successor of tfsec) over a root module, offline, and returns their failures
// as findings. Inline `#trivy:ignore:<id>` comments are honoured by trivy itself.
package trivyscan

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/aquasecurity/trivy/pkg/iac/rego"
	"github.com/aquasecurity/trivy/pkg/iac/scan"
	"github.com/aquasecurity/trivy/pkg/iac/scanners/terraform"
	"github.com/aquasecurity/trivy/pkg/iac/scanners/terraform/parser"
	"github.com/aquasecurity/trivy/pkg/iac/scanners/terraformplan/tfjson"
	"github.com/aquasecurity/trivy/pkg/iac/severity"
	"github.com/aquasecurity/trivy/pkg/log"

	"github.com/candlefish-ai/infrastructure/internal/finding"
)

// Gate is the gate name trivy's findings carry.
const Gate = "trivy"

var quietOnce sync.Once

// quiet silences trivy's global logger: its messages are not findings.
func quiet() {
	quietOnce.Do(func() { log.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil))) })
}

// Scanner scans root modules; one Scanner compiles the embedded checks once
// and can scan several modules in turn.
type Scanner struct {
	mu sync.Mutex
	s  *terraform.Scanner
}

// New prepares a scanner with trivy's embedded checks and libraries.
func New() *Scanner {
	quiet()
	return &Scanner{s: terraform.New(
		rego.WithEmbeddedPolicies(true),
		rego.WithEmbeddedLibraries(true),
		terraform.ScannerWithDownloadsAllowed(false),
		terraform.ScannerWithSkipCachedModules(true),
	)}
}

// Scan checks the root module in dir, with the given variable files
// (absolute paths), and returns trivy's failed checks.
func (s *Scanner) Scan(ctx context.Context, dir string, varFiles []string) ([]finding.Finding, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	rel := strings.TrimPrefix(filepath.ToSlash(abs), "/")
	var tfvars []string
	for _, f := range varFiles {
		tfvars = append(tfvars, strings.TrimPrefix(filepath.ToSlash(f), "/"))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// Variable files differ per root module, so they go in per scan; the last
	// option added wins.
	s.s.AddParserOptions(parser.OptionWithTFVarsPaths(tfvars...))
	results, err := s.s.ScanFS(ctx, os.DirFS("/"), rel)
	if err != nil {
		return nil, fmt.Errorf("trivy scan of %s: %w", dir, err)
	}
	var out []finding.Finding
	seen := map[string]bool{}
	for _, r := range results.GetFailed() {
		rule := r.Rule()
		rng := r.Range()
		f := finding.Finding{
			Gate:       Gate,
			RuleID:     ruleID(rule),
			Severity:   mapSeverity(rule.Severity),
			File:       "/" + strings.TrimPrefix(rng.GetFilename(), "/"),
			Line:       rng.GetStartLine(),
			Resource:   r.Metadata().Reference(),
			Message:    strings.TrimSuffix(r.Description(), "."),
			Resolution: rule.Resolution,
		}
		if f.Message == "" {
			f.Message = rule.Summary
		}
		key := f.String()
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, f)
	}
	finding.Sort(out)
	return out, nil
}

func ruleID(r scan.Rule) string {
	if r.AVDID != "" {
		return r.AVDID
	}
	return r.ID
}

func mapSeverity(s severity.Severity) finding.Severity {
	v, err := finding.ParseSeverity(string(s))
	if err != nil {
		return finding.SeverityUnknown
	}
	return v
}

// ScanPlan checks the JSON of `terraform show -json <plan>` with the same
// embedded checks. Findings carry the resource address; the file is the plan.
func (s *Scanner) ScanPlan(ctx context.Context, planJSON []byte) ([]finding.Finding, error) {
	sc := tfjson.New(rego.WithEmbeddedPolicies(true), rego.WithEmbeddedLibraries(true))
	results, err := sc.Scan(ctx, bytes.NewReader(planJSON))
	if err != nil {
		return nil, fmt.Errorf("trivy scan of the plan: %w", err)
	}
	var out []finding.Finding
	for _, r := range results.GetFailed() {
		rule := r.Rule()
		out = append(out, finding.Finding{
			Gate: Gate, RuleID: ruleID(rule), Severity: mapSeverity(rule.Severity),
			Resource: r.Metadata().Reference(), Message: strings.TrimSuffix(r.Description(), "."), Resolution: rule.Resolution,
		})
	}
	return out, nil
}
