// Package edgewebgl_test runs the CDN module's WebGL Lambda@Edge function
// (index.js, Node.js: Lambda@Edge has no custom runtimes) under node with
// CloudFront events recorded in the shapes AWS documents (testdata/), and
// checks the response headers it leaves for CloudFront to cache.
package edgewebgl_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// runner loads the handler and runs it on every event of a JSON array read
// from stdin, printing the results as a JSON array (null for a handler that
// returned nothing, {"error": ...} for one that threw).
const runner = `
const { handler } = require(process.argv[2]);
let input = '';
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', async () => {
  const out = [];
  for (const ev of JSON.parse(input)) {
    try {
      const r = await handler(ev);
      out.push(r === undefined ? null : r);
    } catch (e) {
      out.push({ error: String(e && e.stack || e) });
    }
  }
  process.stdout.write(JSON.stringify(out));
});
`

// node returns the node executable, failing (not skipping) the test when it
// is missing: the function ships to production and this is its only test.
func node(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is not on PATH: the WebGL Lambda@Edge function (lambda/edge-webgl/index.js) is tested by running it under Node.js. " +
			"Install Node.js 20 or newer (CI: scripts/services.sh installs it; Debian: apt-get install nodejs)")
	}
	return path
}

// run runs the handler on each event and returns what it returned.
func run(t *testing.T, events []map[string]any) []map[string]any {
	t.Helper()
	handler, err := filepath.Abs("index.js")
	if err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(t.TempDir(), "runner.js")
	if err := os.WriteFile(script, []byte(runner), 0o644); err != nil {
		t.Fatal(err)
	}
	in, err := json.Marshal(events)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node(t), script, handler)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node %s: %v\n%s", handler, err, stderr.String())
	}
	var results []map[string]any
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("handler output %q: %v", out, err)
	}
	if len(results) != len(events) {
		t.Fatalf("%d results for %d events", len(results), len(events))
	}
	for i, r := range results {
		if e, ok := r["error"]; ok {
			t.Fatalf("event %d: the handler threw: %v", i, e)
		}
	}
	return results
}

// fixture reads a recorded event.
func fixture(t *testing.T, name string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var ev map[string]any
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return ev
}

// cf returns the cf object of an event's only record.
func cf(ev map[string]any) map[string]any {
	return ev["Records"].([]any)[0].(map[string]any)["cf"].(map[string]any)
}

// header returns a header's values in CloudFront's shape, or nil.
func header(headers map[string]any, name string) []string {
	list, _ := headers[strings.ToLower(name)].([]any)
	var out []string
	for _, e := range list {
		h := e.(map[string]any)
		if !strings.EqualFold(fmt.Sprint(h["key"]), name) {
			out = append(out, fmt.Sprintf("wrong key %v", h["key"]))
			continue
		}
		out = append(out, fmt.Sprint(h["value"]))
	}
	return out
}

// originResponse is the recorded origin-response event for a URI, status
// and method, with extra (lowercase name -> value) or removed ("" value)
// response headers.
func originResponse(t *testing.T, uri, status, method string, headers map[string]string) map[string]any {
	t.Helper()
	ev := fixture(t, "origin-response.json")
	c := cf(ev)
	req := c["request"].(map[string]any)
	req["uri"] = uri
	req["method"] = method
	resp := c["response"].(map[string]any)
	resp["status"] = status
	rh := resp["headers"].(map[string]any)
	for name, value := range headers {
		if value == "" {
			delete(rh, name)
			continue
		}
		key := name
		if i := strings.Index(name, ":"); i >= 0 {
			name, key = name[:i], name[i+1:]
		}
		rh[name] = []any{map[string]any{"key": key, "value": value}}
	}
	return ev
}

func TestOriginResponse(t *testing.T) {
	type want struct {
		encoding string // Content-Encoding, "" for none
		typ      string // Content-Type, "" for the origin's (the response must be untouched)
	}
	cases := []struct {
		name    string
		uri     string
		status  string
		method  string
		headers map[string]string // response headers from the origin
		want    want
	}{
		// Brotli builds (Unity's default names).
		{"br wasm", "/webgl/Build/atelier.wasm.br", "200", "GET", nil, want{"br", "application/wasm"}},
		{"br data", "/webgl/Build/atelier.data.br", "200", "GET", nil, want{"br", "application/octet-stream"}},
		{"br framework", "/webgl/Build/atelier.framework.js.br", "200", "GET", nil, want{"br", "application/javascript"}},
		{"br symbols", "/webgl/Build/atelier.symbols.json.br", "200", "GET", nil, want{"br", "application/octet-stream"}},
		{"br glb", "/models/atelier-3f9c.glb.br", "200", "GET", nil, want{"br", "model/gltf-binary"}},
		{"br upper case", "/webgl/Build/ATELIER.WASM.BR", "200", "GET", nil, want{"br", "application/wasm"}},
		{"br HEAD", "/webgl/Build/atelier.wasm.br", "200", "HEAD", nil, want{"br", "application/wasm"}},
		{"br range", "/webgl/Build/atelier.data.br", "206", "GET", map[string]string{"content-range:Content-Range": "bytes 0-1023/8388608"}, want{"br", "application/octet-stream"}},
		// gzip builds.
		{"gzip wasm", "/webgl/Build/atelier.wasm.gz", "200", "GET", nil, want{"gzip", "application/wasm"}},
		{"gzip data", "/webgl/Build/atelier.data.gz", "200", "GET", nil, want{"gzip", "application/octet-stream"}},
		{"gzip framework", "/webgl/Build/atelier.framework.js.gz", "200", "GET", nil, want{"gzip", "application/javascript"}},
		// Uncompressed builds: only WebAssembly's type, for streaming compilation.
		{"none wasm", "/webgl/Build/atelier.wasm", "200", "GET", nil, want{"", "application/wasm"}},
		{"none data", "/webgl/Build/atelier.data", "200", "GET", nil, want{}},
		{"none glb", "/models/atelier.glb", "200", "GET", map[string]string{"content-type:Content-Type": "model/gltf-binary"}, want{}},
		// Already uploaded with the right metadata: the same headers, once.
		{"already compressed", "/webgl/Build/atelier.wasm.br", "200", "GET", map[string]string{"content-encoding:Content-Encoding": "br", "content-type:Content-Type": "application/wasm"}, want{"br", "application/wasm"}},
		// Wrong metadata from the upload (aws s3 cp guessed it): replaced.
		{"wrong metadata", "/webgl/Build/atelier.data.gz", "200", "GET", map[string]string{"content-encoding:content-encoding": "identity", "content-type:content-type": "application/gzip"}, want{"gzip", "application/octet-stream"}},
		// Not WebGL: archives and unknown inner types are never decoded.
		{"non-webgl tar.gz", "/downloads/atelier-2026.tar.gz", "200", "GET", map[string]string{"content-type:Content-Type": "application/gzip"}, want{}},
		{"non-webgl txt.br", "/docs/notes.txt.br", "200", "GET", nil, want{}},
		{"non-webgl html", "/index.html", "200", "GET", map[string]string{"content-type:Content-Type": "text/html"}, want{}},
		{"non-webgl br directory", "/webgl/Build.br/", "200", "GET", nil, want{}},
		// Errors from the origin pass untouched (S3 answers 403 for a missing
		// key when CloudFront may not list the bucket).
		{"404 from origin", "/webgl/Build/atelier.wasm.br", "404", "GET", map[string]string{"content-type:Content-Type": "application/xml"}, want{}},
		{"403 from origin", "/webgl/Build/atelier.data.br", "403", "GET", map[string]string{"content-type:Content-Type": "application/xml"}, want{}},
		{"500 from origin", "/webgl/Build/atelier.wasm", "500", "GET", map[string]string{"content-type:Content-Type": "application/xml"}, want{}},
		{"304 from origin", "/webgl/Build/atelier.wasm.br", "304", "GET", map[string]string{"content-type": "", "content-length": ""}, want{}},
	}
	events := make([]map[string]any, len(cases))
	for i, tc := range cases {
		events[i] = originResponse(t, tc.uri, tc.status, tc.method, tc.headers)
	}
	results := run(t, events)

	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := cf(originResponse(t, tc.uri, tc.status, tc.method, tc.headers))["response"].(map[string]any)
			got := results[i]
			if got["status"] != tc.status {
				t.Errorf("status %v, want %s", got["status"], tc.status)
			}
			gh, _ := got["headers"].(map[string]any)
			if tc.want == (want{}) {
				if !reflect.DeepEqual(got, in) {
					t.Errorf("response changed:\n got  %v\n want %v", got, in)
				}
				return
			}
			if ce := header(gh, "Content-Encoding"); tc.want.encoding == "" && len(ce) != 0 {
				t.Errorf("Content-Encoding %v, want none", ce)
			} else if tc.want.encoding != "" && !reflect.DeepEqual(ce, []string{tc.want.encoding}) {
				t.Errorf("Content-Encoding %v, want [%s]", ce, tc.want.encoding)
			}
			if ct := header(gh, "Content-Type"); !reflect.DeepEqual(ct, []string{tc.want.typ}) {
				t.Errorf("Content-Type %v, want [%s]", ct, tc.want.typ)
			}
			// Every other header of the origin is kept as it was.
			ih := in["headers"].(map[string]any)
			for name, v := range ih {
				if name == "content-type" || name == "content-encoding" {
					continue
				}
				if !reflect.DeepEqual(gh[name], v) {
					t.Errorf("header %s: %v, want the origin's %v", name, gh[name], v)
				}
			}
			for name := range gh {
				if _, ok := ih[name]; !ok && name != "content-type" && name != "content-encoding" {
					t.Errorf("header %s added", name)
				}
			}
		})
	}
}

// The function is associated with origin-response only; on any other event
// (a wrong association) it changes nothing. The viewer's Accept-Encoding is
// not consulted: the file name decides the encoding.
func TestOtherEventsUnchanged(t *testing.T) {
	req := fixture(t, "origin-request.json")
	noBrotli := originResponse(t, "/webgl/Build/atelier.wasm.br", "200", "GET", nil)
	cf(noBrotli)["request"].(map[string]any)["headers"].(map[string]any)["accept-encoding"] = []any{map[string]any{"key": "Accept-Encoding", "value": "gzip"}}
	results := run(t, []map[string]any{req, noBrotli})

	if want := cf(fixture(t, "origin-request.json"))["request"]; !reflect.DeepEqual(results[0], want) {
		t.Errorf("origin-request: the request changed:\n got  %v\n want %v", results[0], want)
	}
	if got := header(results[1]["headers"].(map[string]any), "Content-Encoding"); !reflect.DeepEqual(got, []string{"br"}) {
		t.Errorf("origin-response of a .br file for a viewer without br: Content-Encoding %v, want [br] (the name decides)", got)
	}
}

// The function must stay one dependency-free file: Lambda@Edge has no
// layers, and the zip (make lambda) holds index.js alone.
func TestNoDependencies(t *testing.T) {
	src, err := os.ReadFile("index.js")
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`(?m)\brequire\s*\(|^\s*import\s`).Find(src); m != nil {
		t.Errorf("index.js loads a module (%q): Lambda@Edge ships index.js alone", m)
	}
	if !bytes.Contains(src, []byte("exports.handler")) {
		t.Errorf("index.js does not export handler (the function's handler is index.handler)")
	}
}
