package model

import (
	"crypto/sha256"
	"fmt"
	"os"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// parsed remembers every .tf file this process has parsed, by path and
// content: the environments call the same modules, so loading all three
// (preview --all, cost --all, cost diff) parses each module file once.
// A file whose content changed is parsed again; the cache never returns a
// stale body. Parsed bodies are only read after parsing, so sharing them
// between concurrent loads is safe.
var parsed = &parseCache{entries: map[string]parsedFile{}}

type parseCache struct {
	mu      sync.Mutex
	entries map[string]parsedFile
}

type parsedFile struct {
	sum   [sha256.Size]byte
	file  *hcl.File
	diags hcl.Diagnostics
}

// file returns path parsed, from the cache when its content is unchanged.
func (c *parseCache) file(path string) (*hcl.File, hcl.Diagnostics) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Failed to read file",
			Detail: fmt.Sprintf("The configuration file %q could not be read: %v.", path, err)}}
	}
	sum := sha256.Sum256(src)
	c.mu.Lock()
	e, ok := c.entries[path]
	c.mu.Unlock()
	if ok && e.sum == sum {
		return e.file, e.diags
	}
	f, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	c.mu.Lock()
	c.entries[path] = parsedFile{sum: sum, file: f, diags: diags}
	c.mu.Unlock()
	return f, diags
}
