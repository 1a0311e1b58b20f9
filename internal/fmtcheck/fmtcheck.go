// Package fmtcheck reports Terraform files that are not in canonical format,
// the layout `terraform fmt` writes (aligned equals signs, two-space indent,
// normalized spacing).
package fmtcheck

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/candlefish-ai/infrastructure/internal/finding"
)

// RuleUnformatted is the id of the finding for a file that `terraform fmt` would change.
const RuleUnformatted = "fmt/unformatted"

// IsTerraformFile reports whether fmt applies to the file name.
func IsTerraformFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tfvars") || strings.HasSuffix(name, ".tftest.hcl")
}

// Format returns the canonical form of src. Syntax errors come back as an
// error naming the file and line.
func Format(filename string, src []byte) ([]byte, error) {
	if _, diags := hclsyntax.ParseConfig(src, filename, hcl.InitialPos); diags.HasErrors() {
		return nil, diags
	}
	return hclwrite.Format(src), nil
}

// CheckFile returns a finding when the file is not canonically formatted.
func CheckFile(path string) []finding.Finding {
	src, err := os.ReadFile(path)
	if err != nil {
		return []finding.Finding{{Gate: "fmt", RuleID: RuleUnformatted, Severity: finding.SeverityHigh, File: path, Message: err.Error()}}
	}
	out, err := Format(path, src)
	if err != nil {
		var diags hcl.Diagnostics
		line := 0
		if d, ok := err.(hcl.Diagnostics); ok {
			diags = d
			if len(diags) > 0 && diags[0].Subject != nil {
				line = diags[0].Subject.Start.Line
			}
		}
		return []finding.Finding{{Gate: "fmt", RuleID: "fmt/syntax", Severity: finding.SeverityHigh, File: path, Line: line, Message: err.Error()}}
	}
	if bytes.Equal(src, out) {
		return nil
	}
	return []finding.Finding{{
		Gate: "fmt", RuleID: RuleUnformatted, Severity: finding.SeverityHigh, File: path, Line: firstDifference(src, out),
		Message:    "file is not in canonical format (first difference on this line)",
		Resolution: fmt.Sprintf("run `terraform fmt %s` (or `make fmt`)", filepath.Base(path)),
	}}
}

// CheckDirs checks every Terraform file in the given directories (not
// recursively: one module per directory), sorted by path.
func CheckDirs(dirs []string) []finding.Finding {
	var files []string
	for _, d := range dirs {
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if !e.IsDir() && IsTerraformFile(e.Name()) {
				files = append(files, filepath.Join(d, e.Name()))
			}
		}
	}
	sort.Strings(files)
	var out []finding.Finding
	for _, f := range files {
		out = append(out, CheckFile(f)...)
	}
	return out
}

// CheckTree checks every Terraform file below root, skipping .terraform and hidden directories.
func CheckTree(root string) []finding.Finding {
	var dirs []string
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			dirs = append(dirs, p)
		}
		return nil
	})
	return CheckDirs(dirs)
}

func firstDifference(a, b []byte) int {
	al := bytes.Split(a, []byte("\n"))
	bl := bytes.Split(b, []byte("\n"))
	for i := 0; i < len(al) && i < len(bl); i++ {
		if !bytes.Equal(al[i], bl[i]) {
			return i + 1
		}
	}
	return min(len(al), len(bl)) + 1
}
