// Package ignore applies inline ignores to findings. One syntax serves every
// gate (trivy's checks, Candlefish's policies, the schema check):
//
//	# cfctl:ignore:<check-id> reason="why this is acceptable" expires=2027-01-31
//
// on the line above a resource, a nested block or an argument. The reason
// is required; expires is optional. An ignore without a reason, with a bad
// date or past its date does not silence anything and is itself a finding.
// trivy's own `#trivy:ignore:<id>` comments are honoured by trivy; here they
// are only required to carry a reason on the same line.
package ignore

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/candlefish-ai/infrastructure/internal/finding"
	"github.com/candlefish-ai/infrastructure/internal/model"
)

// Rule ids of the findings about ignores themselves.
const (
	RuleWithoutReason = "cfctl/ignore-without-reason"
	RuleExpired       = "cfctl/ignore-expired"
	RuleInvalid       = "cfctl/ignore-invalid"
	RuleUnused        = "cfctl/ignore-unused"
)

// Rule is one ignore comment and the lines it covers.
type Rule struct {
	ID        string
	Reason    string
	Expires   time.Time // zero when there is none
	File      string
	Line      int // the comment's line
	StartLine int // what it covers
	EndLine   int
	used      bool
	// inactive: it covers a resource or data block that has no instance in
	// this root module (count = 0, an empty for_each, or a module called
	// with count = 0), so it cannot silence anything here, and is not
	// reported as unused.
	inactive bool
}

var (
	cfctlComment = regexp.MustCompile(`^\s*(?:#|//)\s*cfctl:ignore:([A-Za-z0-9_./-]+)(.*)$`)
	trivyComment = regexp.MustCompile(`^\s*(?:#|//)\s*trivy:ignore:([A-Za-z0-9_./-]+)\s*(.*)$`)
	reasonAttr   = regexp.MustCompile(`reason\s*=\s*"([^"]*)"`)
	expiresAttr  = regexp.MustCompile(`expires\s*=\s*(\S+)`)
)

// Scan reads the ignore comments of every file of the model's module
// directories. Malformed ones come back as findings.
func Scan(m *model.Model, now time.Time) ([]*Rule, []finding.Finding) {
	var rules []*Rule
	var problems []finding.Finding
	dirs := make([]string, 0, len(m.Dirs))
	for d := range m.Dirs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	instantiated := map[string]bool{} // "file:line" of each resource or data block with an instance
	for _, r := range m.Resources {
		instantiated[fmt.Sprintf("%s:%d", r.File, r.Line)] = true
	}
	for _, d := range dirs {
		md := m.Dirs[d]
		var dirRules []*Rule
		for _, path := range md.FilePaths() {
			src, err := os.ReadFile(path)
			if err != nil {
				continue
			}
			rs, ps := scanFile(path, src, md.Files[path], now)
			dirRules = append(dirRules, rs...)
			problems = append(problems, ps...)
		}
		markInactive(dirRules, md, instantiated)
		rules = append(rules, dirRules...)
	}
	return rules, problems
}

func scanFile(path string, src []byte, body *hclsyntax.Body, now time.Time) ([]*Rule, []finding.Finding) {
	var rules []*Rule
	var problems []finding.Finding
	lines := []string{}
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 1024*1024), 1024*1024)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	problem := func(rule string, line int, format string, args ...any) {
		problems = append(problems, finding.Finding{Gate: "ignore", RuleID: rule, Severity: finding.SeverityHigh,
			File: path, Line: line, Message: fmt.Sprintf(format, args...),
			Resolution: `write # cfctl:ignore:<check-id> reason="why" [expires=YYYY-MM-DD] on the line above`})
	}
	for i, text := range lines {
		line := i + 1
		if m := trivyComment.FindStringSubmatch(text); m != nil {
			if strings.TrimSpace(m[2]) == "" {
				problem(RuleWithoutReason, line, "trivy ignore of %s gives no reason on its line", m[1])
			}
			continue
		}
		m := cfctlComment.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		r := &Rule{ID: m[1], File: path, Line: line}
		if rm := reasonAttr.FindStringSubmatch(m[2]); rm != nil {
			r.Reason = strings.TrimSpace(rm[1])
		}
		if r.Reason == "" {
			problem(RuleWithoutReason, line, `ignore of %s has no reason="..."`, r.ID)
			continue
		}
		if em := expiresAttr.FindStringSubmatch(m[2]); em != nil {
			t, err := time.Parse("2006-01-02", em[1])
			if err != nil {
				problem(RuleInvalid, line, "ignore of %s: expires=%s is not a date (YYYY-MM-DD)", r.ID, em[1])
				continue
			}
			r.Expires = t
			if !now.Before(t.AddDate(0, 0, 1)) {
				problem(RuleExpired, line, "ignore of %s expired on %s (reason was: %s)", r.ID, em[1], r.Reason)
				continue
			}
		}
		target := nextCodeLine(lines, i+1)
		if target == 0 {
			problem(RuleInvalid, line, "ignore of %s is not followed by any code", r.ID)
			continue
		}
		r.StartLine, r.EndLine = target, target
		if body != nil {
			if end := itemEnd(body, target); end > 0 {
				r.EndLine = end
			}
		}
		rules = append(rules, r)
	}
	return rules, problems
}

// nextCodeLine returns the 1-based number of the first line at or after index
// from that is neither blank nor a comment, or 0.
func nextCodeLine(lines []string, from int) int {
	for i := from; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "//") {
			continue
		}
		return i + 1
	}
	return 0
}

// itemEnd returns the last line of the block or attribute that starts on line.
func itemEnd(body *hclsyntax.Body, line int) int {
	for _, a := range body.Attributes {
		if a.SrcRange.Start.Line == line {
			return a.SrcRange.End.Line
		}
	}
	for _, b := range body.Blocks {
		r := b.Range()
		if r.Start.Line == line {
			return r.End.Line
		}
		if line > r.Start.Line && line <= r.End.Line {
			return itemEnd(b.Body, line)
		}
	}
	return 0
}

// sameCheck compares check ids, ignoring case and trivy's AVD- prefix.
// markInactive flags the rules whose covered lines fall in a resource or
// data block of which the model has no instance.
func markInactive(rules []*Rule, md *model.ModuleDir, instantiated map[string]bool) {
	blocks := make([]*hclsyntax.Block, 0, len(md.Resources)+len(md.DataSources))
	for _, b := range md.Resources {
		blocks = append(blocks, b)
	}
	for _, b := range md.DataSources {
		blocks = append(blocks, b)
	}
	for _, r := range rules {
		for _, b := range blocks {
			rng := b.Range()
			if rng.Filename != r.File || r.StartLine < rng.Start.Line || r.StartLine > rng.End.Line {
				continue
			}
			if !instantiated[fmt.Sprintf("%s:%d", rng.Filename, rng.Start.Line)] {
				r.inactive = true
			}
		}
	}
}

func sameCheck(a, b string) bool {
	norm := func(s string) string { return strings.TrimPrefix(strings.ToUpper(s), "AVD-") }
	return norm(a) == norm(b)
}

// Apply drops the findings an ignore covers and returns the rest, plus one
// LOW finding per ignore that silenced nothing (so stale ones get removed).
func Apply(rules []*Rule, fs []finding.Finding) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		silenced := false
		for _, r := range rules {
			if r.File == f.File && f.Line >= r.StartLine && f.Line <= r.EndLine && sameCheck(r.ID, f.RuleID) {
				r.used = true
				silenced = true
			}
		}
		if !silenced {
			out = append(out, f)
		}
	}
	for _, r := range rules {
		if !r.used && !r.inactive {
			out = append(out, finding.Finding{Gate: "ignore", RuleID: RuleUnused, Severity: finding.SeverityLow,
				File: r.File, Line: r.Line, Message: fmt.Sprintf("ignore of %s silences nothing on lines %d-%d", r.ID, r.StartLine, r.EndLine),
				Resolution: "remove it, or move it to the line above the finding"})
		}
	}
	return out
}
