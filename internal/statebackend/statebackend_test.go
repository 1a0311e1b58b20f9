package statebackend

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "versions.tf"), `terraform {
  backend "s3" {
    key     = "from-block"
    encrypt = true
  }
}`)
	file := filepath.Join(dir, "backend.hcl")
	writeFile(t, file, `bucket         = "b"
key            = "dev/terraform.tfstate"
region         = "us-east-1"
dynamodb_table = "locks"
use_lockfile   = true
kms_key_id     = "alias/k"
use_path_style = true
endpoints = {
  s3       = "http://127.0.0.1:1"
  dynamodb = "http://127.0.0.1:2"
}
sts_endpoint = "http://127.0.0.1:3"
`)
	c, err := Load(dir, file)
	if err != nil {
		t.Fatal(err)
	}
	if c.Type != "s3" || c.Bucket != "b" || c.Key != "dev/terraform.tfstate" || c.Region != "us-east-1" || c.DynamoDBTable != "locks" ||
		!c.UseLockfile || !c.Encrypt || c.KMSKeyID != "alias/k" || !c.UsePathStyle {
		t.Errorf("decoded: %+v", c)
	}
	if c.Endpoints != (Endpoints{S3: "http://127.0.0.1:1", DynamoDB: "http://127.0.0.1:2", STS: "http://127.0.0.1:3"}) {
		t.Errorf("endpoints: %+v", c.Endpoints)
	}
	if c.LockPath() != "b/dev/terraform.tfstate" || c.LockfileKey() != "dev/terraform.tfstate.tflock" {
		t.Errorf("lock names: %s %s", c.LockPath(), c.LockfileKey())
	}
	if err := c.Validate(); err != nil {
		t.Error(err)
	}
	h := c.Hash()
	writeFile(t, file, strings.Replace(mustRead(t, file), `"locks"`, `"locks2"`, 1))
	c2, _ := Load(dir, file)
	if c2.Hash() == h {
		t.Error("the hash ignores a changed setting")
	}
}

func mustRead(t *testing.T, p string) string {
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.tf"), `terraform {
  backend "s3" {}
}`)
	_, err := Load(dir, filepath.Join(dir, "backend.hcl"))
	if !errors.Is(err, ErrNoBackendFile) {
		t.Errorf("missing file: %v", err)
	}
	os.Mkdir(filepath.Join(dir, "unreadable.hcl"), 0o755) // a directory cannot be read, even by root
	if _, err := Load(dir, filepath.Join(dir, "unreadable.hcl")); err == nil || !strings.Contains(err.Error(), "is not readable") {
		t.Errorf("unreadable file: %v", err)
	}
	for content, want := range map[string]string{
		`bucket = `:                       "does not parse",
		`bucket = var.x`:                  "only literal values",
		"bucket = 1\nkey = \"k\"":         "bucket must be a string",
		`use_lockfile = "yes"`:            "use_lockfile must be true or false",
		`endpoints = "http://x"`:          "endpoints must be an object",
		"x {\n}":                          "only `name = value` lines",
		`endpoints = { s3 = 1 }`:          "endpoints.s3 must be a string",
		`key = "k"` + "\n" + `region="r"`: "",
	} {
		writeFile(t, filepath.Join(dir, "b.hcl"), content)
		c, err := Load(dir, filepath.Join(dir, "b.hcl"))
		if want == "" {
			if err != nil {
				t.Errorf("%q: %v", content, err)
				continue
			}
			if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "does not set bucket") {
				t.Errorf("%q: Validate() = %v", content, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", content, err, want)
		}
	}
}

func TestWithSerial(t *testing.T) {
	out, err := withSerial([]byte(`{"version":4,"serial":3,"lineage":"l","resources":[{"a":1}]}`), 9)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseState(out)
	if err != nil || m.Serial != 9 || m.Lineage != "l" || m.Resources != 1 {
		t.Errorf("%s: %+v %v", out, m, err)
	}
	if _, err := withSerial([]byte("nope"), 1); err == nil {
		t.Error("accepted a non-state")
	}
}

// s3Only starts gofakes3 and returns a client for a backend with the lock
// file and no lock table: the S3 half of locking, versions and restore.
func s3Only(t *testing.T) (*Client, *s3mem.Backend) {
	t.Helper()
	mem := s3mem.New()
	srv := httptest.NewServer(gofakes3.New(mem, gofakes3.WithLogger(gofakes3.DiscardLog())).Server())
	t.Cleanup(srv.Close)
	mem.CreateBucket("state")
	mem.SetVersioningConfiguration("state", gofakes3.VersioningConfiguration{Status: gofakes3.VersioningEnabled})
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	cfg := &Config{Type: "s3", Bucket: "state", Key: "dev/terraform.tfstate", Region: "us-east-1", UseLockfile: true, Encrypt: true,
		UsePathStyle: true, AccessKey: "a", SecretKey: "s", Endpoints: Endpoints{S3: srv.URL}}
	cl, err := New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return cl, mem
}

func putState(t *testing.T, cl *Client, serial int, lineage, marker string) {
	t.Helper()
	data, _ := json.Marshal(map[string]any{"version": 4, "serial": serial, "lineage": lineage, "resources": []any{}, "outputs": map[string]any{"m": map[string]any{"value": marker}}})
	if _, err := cl.putObject(context.Background(), cl.Config.Key, data, false); err != nil {
		t.Fatal(err)
	}
}

func TestLockfile(t *testing.T) {
	ctx := context.Background()
	cl, _ := s3Only(t)
	if locks, err := cl.Locks(ctx); err != nil || len(locks) != 0 {
		t.Fatalf("no locks yet: %v %v", locks, err)
	}
	release, err := cl.Acquire(ctx, "cfctl test")
	if err != nil {
		t.Fatal(err)
	}
	locks, err := cl.Locks(ctx)
	if err != nil || len(locks) != 1 || locks[0].Source != SourceLockfile || locks[0].Operation != "cfctl test" || !strings.Contains(locks[0].Who, "@") {
		t.Fatalf("lock file: %+v %v", locks, err)
	}
	// A second acquirer is refused and told who holds the lock.
	_, err = cl.Acquire(ctx, "other")
	var le *LockedError
	if !errors.As(err, &le) || len(le.Locks) != 1 || !strings.Contains(err.Error(), "cfctl test") {
		t.Fatalf("second Acquire: %v", err)
	}
	// Unlock removes only the lock as shown.
	stale := locks[0]
	stale.raw = `{"ID":"other"}`
	if err := cl.Unlock(ctx, stale); !errors.Is(err, ErrLockChanged) {
		t.Errorf("unlock of a changed lock: %v", err)
	}
	if err := release(ctx); err != nil {
		t.Fatal(err)
	}
	if locks, _ := cl.Locks(ctx); len(locks) != 0 {
		t.Fatalf("after release: %v", locks)
	}
	if err := cl.Unlock(ctx, locks[0]); !errors.Is(err, ErrLockChanged) {
		t.Errorf("unlock of a released lock: %v", err)
	}
}

func TestVersionsAndRestore(t *testing.T) {
	ctx := context.Background()
	cl, _ := s3Only(t)
	if st, err := cl.Versioning(ctx); err != nil || st != "Enabled" {
		t.Fatalf("versioning: %q %v", st, err)
	}
	putState(t, cl, 1, "L", "first")
	putState(t, cl, 2, "L", "second")
	putState(t, cl, 3, "L", "third")
	vs, err := cl.Versions(ctx)
	if err != nil || len(vs) != 3 || !vs[0].Latest {
		t.Fatalf("versions: %+v %v", vs, err)
	}
	var first string
	for _, v := range vs {
		if m, err := cl.VersionMeta(ctx, v.ID); err == nil && m.Serial == 1 {
			first = v.ID
		}
	}
	if first == "" {
		t.Fatal("no version with serial 1")
	}
	backups := t.TempDir()

	// refused while locked
	release, err := cl.Acquire(ctx, "apply")
	if err != nil {
		t.Fatal(err)
	}
	_, err = cl.Restore(ctx, first, backups)
	var le *LockedError
	if !errors.As(err, &le) {
		t.Fatalf("restore while locked: %v", err)
	}
	release(ctx)

	if _, err := cl.Restore(ctx, vs[0].ID, backups); err == nil || !strings.Contains(err.Error(), "already the current state") {
		t.Errorf("restore of the current version: %v", err)
	}
	if _, err := cl.Restore(ctx, "no-such-version", backups); err == nil {
		t.Error("restore of a missing version")
	}

	res, err := cl.Restore(ctx, first, backups)
	if err != nil {
		t.Fatal(err)
	}
	if res.Replaced.Serial != 3 || res.Restored.Serial != 1 || res.NewSerial != 4 {
		t.Errorf("result: %+v", res)
	}
	data, _, _, _ := cl.Current(ctx)
	m, _ := ParseState(data)
	if m.Serial != 4 || !strings.Contains(string(data), `"first"`) {
		t.Errorf("current after restore: %s", data)
	}
	if b, err := os.ReadFile(res.Backup); err != nil || !strings.Contains(string(b), `"third"`) {
		t.Errorf("backup %s: %s %v", res.Backup, b, err)
	}
	if locks, _ := cl.Locks(ctx); len(locks) != 0 {
		t.Errorf("restore left its lock: %v", locks)
	}

	// another lineage is refused
	putState(t, cl, 5, "OTHER", "unrelated")
	if _, err := cl.Restore(ctx, first, backups); err == nil || !strings.Contains(err.Error(), "belongs to another state") {
		t.Errorf("restore across lineages: %v", err)
	}
}

func TestMissingBucket(t *testing.T) {
	cl, mem := s3Only(t)
	mem.DeleteBucket("state")
	_, err := cl.Versions(context.Background())
	if err == nil || !strings.Contains(err.Error(), "the bucket does not exist") || !strings.Contains(err.Error(), "apply terraform/backend first") {
		t.Errorf("missing bucket: %v", err)
	}
}
