// Package finding is the one shape every gate reports in: format, evaluation,
// schema, security and lint problems all become Findings, so that validate,
// preview and check can sort, filter and print them the same way.
package finding

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// Severity orders findings; the zero value is unset and sorts lowest.
type Severity int

// Severities, lowest first. They match trivy's names so that its findings map 1:1.
const (
	SeverityUnknown Severity = iota
	SeverityLow
	SeverityMedium
	SeverityHigh
	SeverityCritical
)

var severityNames = []string{"UNKNOWN", "LOW", "MEDIUM", "HIGH", "CRITICAL"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return "UNKNOWN"
	}
	return severityNames[s]
}

// MarshalText writes the severity's name, so JSON shows "HIGH" rather than 3.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText accepts a severity's name in any case.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// ParseSeverity reads a severity name such as "high" or "CRITICAL".
func ParseSeverity(name string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(n, strings.TrimSpace(name)) {
			return Severity(i), nil
		}
	}
	return SeverityUnknown, fmt.Errorf("unknown severity %q: valid are LOW, MEDIUM, HIGH, CRITICAL", name)
}

// Finding is one problem found by one gate, placed at a file and line.
type Finding struct {
	Gate       string   `json:"gate"`     // fmt, evaluate, schema, trivy, tflint, policy
	RuleID     string   `json:"rule_id"`  // stable id, e.g. schema/unknown-argument or AVD-AWS-0088
	Severity   Severity `json:"severity"` // how bad
	File       string   `json:"file"`     // path relative to the working directory where possible
	Line       int      `json:"line"`     // 1-based; 0 when the problem has no single line
	Column     int      `json:"column,omitempty"`
	Resource   string   `json:"resource,omitempty"` // Terraform address or block name, when known
	Message    string   `json:"message"`
	Resolution string   `json:"resolution,omitempty"` // how to fix it
}

// String renders the finding as `file:line: message [rule]`, the form editors and CI logs link.
func (f Finding) String() string {
	loc := f.File
	if f.Line > 0 {
		loc = fmt.Sprintf("%s:%d", f.File, f.Line)
		if f.Column > 0 {
			loc = fmt.Sprintf("%s:%d", loc, f.Column)
		}
	}
	if loc == "" {
		loc = "-"
	}
	s := fmt.Sprintf("%s: %s: %s [%s]", loc, f.Severity, f.Message, f.RuleID)
	if f.Resolution != "" {
		s += " (fix: " + f.Resolution + ")"
	}
	return s
}

// Sort orders findings by file, line, column, then rule, so output is stable.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Message < b.Message
	})
}

// AtLeast returns the findings whose severity is at or above min.
func AtLeast(fs []Finding, min Severity) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Severity >= min {
			out = append(out, f)
		}
	}
	return out
}

// RelPath shortens an absolute path to one relative to base when it lies below it.
func RelPath(base, p string) string {
	if p == "" || base == "" || !filepath.IsAbs(p) {
		return p
	}
	if rel, err := filepath.Rel(base, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}
