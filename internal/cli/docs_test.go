package cli

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/candlefish-ai/infrastructure/internal/project"
)

// docFiles are the documents whose cfctl commands must match the code.
func docFiles(t *testing.T) []string {
	root, err := project.FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(root, "terraform", "docs", "*.md"))
	return append(files, filepath.Join(root, "README.md"))
}

var cfctlLine = regexp.MustCompile(`^\s*(?:\$ )?(?:bin/|\./bin/|go run \./cmd/)?cfctl\s+(.*)$`)

// TestDocumentedCommandsExist: every `cfctl <command> --flag` written in a
// fenced code block of the README or terraform/docs names a real command
// and real flags of it, so the docs cannot drift from the code.
func TestDocumentedCommandsExist(t *testing.T) {
	known := map[string]bool{}
	for _, c := range commands() {
		known[c.name] = true
	}
	seen := 0
	for _, path := range docFiles(t) {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		inCode, line := false, 0
		for sc.Scan() {
			line++
			text := sc.Text()
			if strings.HasPrefix(strings.TrimSpace(text), "```") {
				inCode = !inCode
				continue
			}
			m := cfctlLine.FindStringSubmatch(text)
			if !inCode || m == nil {
				continue
			}
			seen++
			fields := strings.Fields(strings.SplitN(m[1], "#", 2)[0])
			if len(fields) == 0 {
				continue
			}
			cmd := fields[0]
			if cmd == "help" {
				continue
			}
			if !known[cmd] {
				t.Errorf("%s:%d: cfctl %s is not a command", path, line, cmd)
				continue
			}
			_, _, usage := run(t, cmd, "-h")
			for _, arg := range fields[1:] {
				if !strings.HasPrefix(arg, "-") || arg == "-" {
					continue
				}
				name := strings.TrimLeft(strings.SplitN(arg, "=", 2)[0], "-")
				if !strings.Contains(usage, "  -"+name+" ") && !strings.Contains(usage, "  -"+name+"\n") {
					t.Errorf("%s:%d: cfctl %s has no flag -%s", path, line, cmd, name)
				}
			}
		}
		f.Close()
	}
	if seen == 0 {
		t.Fatal("no cfctl command found in the docs: the test would check nothing")
	}
}

// TestArchitectureDiagramIsCurrent: the Mermaid diagram in
// terraform/docs/architecture.md is what `cfctl graph --format mermaid
// --modules-only production` draws today.
func TestArchitectureDiagramIsCurrent(t *testing.T) {
	root, _ := project.FindRoot(".")
	path := filepath.Join(root, "terraform", "docs", "architecture.md")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skip("terraform/docs/architecture.md not written yet")
	}
	doc := string(b)
	begin, end := strings.Index(doc, "<!-- BEGIN_CFCTL_GRAPH -->"), strings.Index(doc, "<!-- END_CFCTL_GRAPH -->")
	if begin < 0 || end < begin {
		t.Fatalf("%s lacks the BEGIN_CFCTL_GRAPH/END_CFCTL_GRAPH markers", path)
	}
	code, graph, errOut := run(t, "graph", "--format", "mermaid", "--modules-only", "production")
	if code != ExitOK {
		t.Fatalf("cfctl graph: %s", errOut)
	}
	if !strings.Contains(doc[begin:end], graph) {
		t.Errorf("the diagram in %s is stale: run `make diagram`\nwant:\n%s", path, graph)
	}
}
