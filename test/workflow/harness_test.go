//go:build linux

// Package workflow is the integration suite of cfctl's init/plan/apply/state
// workflow. It drives the real tofu binary (bin/tofu, from `make tools`)
// through cfctl against services it starts itself on loopback: an S3 server
// (gofakes3, in process, with versioning), DynamoDB (dynalite, a node process
// installed by scripts/services.sh) and a minimal STS for `cfctl doctor`.
//
// Locally the suite skips when tofu, node or dynalite is missing; with CI set
// it fails instead.
package workflow

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/candlefish-ai/infrastructure/internal/cli"
)

const (
	region     = "us-east-1"
	accountID  = "123456789012"
	accessKey  = "AKIATESTTESTTEST"
	secretKey  = "test-secret"
	dynaliteJS = "bin/node/node_modules/dynalite/cli.js"
)

// suite holds what TestMain started.
var suite struct {
	skip     string // why the suite cannot run here
	repo     string // the real repository
	tofu     string
	s3       *httptest.Server
	s3mem    *s3mem.Backend
	sts      *httptest.Server
	ddbURL   string
	ddb      *dynamodb.Client
	dynalite *exec.Cmd
	seq      atomic.Int64
}

func TestMain(m *testing.M) {
	code := func() int {
		if err := start(); err != nil {
			suite.skip = err.Error()
		}
		defer stop()
		return m.Run()
	}()
	os.Exit(code)
}

func start() error {
	wd, _ := os.Getwd()
	suite.repo = filepath.Clean(filepath.Join(wd, "..", ".."))
	suite.tofu = filepath.Join(suite.repo, "bin", "tofu")
	if _, err := os.Stat(suite.tofu); err != nil {
		return fmt.Errorf("bin/tofu is not installed: run `make tools`")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("node is not installed (dynalite serves DynamoDB): install Node.js, then run scripts/services.sh")
	}
	js := filepath.Join(suite.repo, dynaliteJS)
	if _, err := os.Stat(js); err != nil {
		return fmt.Errorf("dynalite is not installed: run scripts/services.sh")
	}

	suite.s3mem = s3mem.New()
	faker := gofakes3.New(suite.s3mem, gofakes3.WithAutoBucket(false), gofakes3.WithLogger(gofakes3.DiscardLog()))
	suite.s3 = httptest.NewServer(faker.Server())
	suite.sts = httptest.NewServer(http.HandlerFunc(fakeSTS))

	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		if lastErr = startDynalite(node, js); lastErr == nil {
			break
		}
	}
	if lastErr != nil {
		return fmt.Errorf("dynalite did not start: %v", lastErr)
	}
	suite.ddb = dynamodb.New(dynamodb.Options{
		Region: region, BaseEndpoint: aws.String(suite.ddbURL),
		Credentials: credentials.NewStaticCredentialsProvider(accessKey, secretKey, ""),
	})
	return nil
}

func startDynalite(node, js string) error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(node, js, "--host", "127.0.0.1", "--port", fmt.Sprint(port), "--createTableMs", "0", "--deleteTableMs", "0")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return fmt.Errorf("exited: %s", out.String())
		default:
		}
		if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), 200*time.Millisecond); err == nil {
			c.Close()
			suite.dynalite = cmd
			suite.ddbURL = fmt.Sprintf("http://127.0.0.1:%d", port)
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	cmd.Process.Kill()
	return fmt.Errorf("not listening on port %d after 15 s: %s", port, out.String())
}

func stop() {
	if suite.dynalite != nil && suite.dynalite.Process != nil {
		suite.dynalite.Process.Signal(syscall.SIGTERM)
	}
	if suite.s3 != nil {
		suite.s3.Close()
	}
	if suite.sts != nil {
		suite.sts.Close()
	}
}

// fakeSTS answers GetCallerIdentity, the one STS call cfctl doctor makes.
func fakeSTS(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	if r.Form.Get("Action") != "GetCallerIdentity" {
		http.Error(w, "unsupported", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/xml")
	fmt.Fprintf(w, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult><Arn>arn:aws:iam::%[1]s:user/ci</Arn><UserId>AIDATEST</UserId><Account>%[1]s</Account></GetCallerIdentityResult>
  <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`, accountID)
}

// requireSuite skips (locally) or fails (CI) when the services are missing.
func requireSuite(t *testing.T) {
	t.Helper()
	if suite.skip == "" {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("workflow suite cannot run: %s (CI must provide it: .ci/run runs `make tools` and scripts/services.sh)", suite.skip)
	}
	t.Skipf("workflow suite skipped: %s", suite.skip)
}

// env is one test's copy of the test repository, with its own bucket and lock table.
type env struct {
	t      *testing.T
	root   string
	bucket string
	table  string
	marker string
}

var nonAlnum = regexp.MustCompile(`[^a-z0-9]+`)

func newEnv(t *testing.T) *env {
	t.Helper()
	requireSuite(t)
	n := suite.seq.Add(1)
	name := strings.Trim(nonAlnum.ReplaceAllString(strings.ToLower(t.Name()), "-"), "-")
	if len(name) > 40 {
		name = name[:40]
	}
	e := &env{t: t, root: t.TempDir(), bucket: fmt.Sprintf("state-%d-%s", n, name), table: fmt.Sprintf("locks-%d", n)}
	copyTree(t, filepath.Join("testdata", "repo"), e.root)
	if err := suite.s3mem.CreateBucket(e.bucket); err != nil {
		t.Fatal(err)
	}
	if err := suite.s3mem.SetVersioningConfiguration(e.bucket, gofakes3.VersioningConfiguration{Status: gofakes3.VersioningEnabled}); err != nil {
		t.Fatal(err)
	}
	e.createTable()
	for _, name := range []string{"dev", "staging", "production"} {
		e.writeBackend(name, e.table)
	}
	// The tofu process inherits these.
	cliConfig := filepath.Join(e.root, "tofurc")
	os.WriteFile(cliConfig, nil, 0o644)
	t.Setenv("TF_CLI_CONFIG_FILE", cliConfig)
	t.Setenv("CHECKPOINT_DISABLE", "1")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv(cliBinaryEnv, suite.tofu)
	e.marker = filepath.Join(e.root, "provisioner-started")
	t.Setenv("CFCTL_TEST_MARKER", e.marker)
	return e
}

const cliBinaryEnv = "CFCTL_TERRAFORM"

func (e *env) createTable() {
	e.t.Helper()
	_, err := suite.ddb.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:            aws.String(e.table),
		AttributeDefinitions: []ddbtypes.AttributeDefinition{{AttributeName: aws.String("LockID"), AttributeType: ddbtypes.ScalarAttributeTypeS}},
		KeySchema:            []ddbtypes.KeySchemaElement{{AttributeName: aws.String("LockID"), KeyType: ddbtypes.KeyTypeHash}},
		BillingMode:          ddbtypes.BillingModePayPerRequest,
	})
	if err != nil {
		e.t.Fatal(err)
	}
	for i := 0; i < 100; i++ {
		out, err := suite.ddb.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String(e.table)})
		if err == nil && out.Table.TableStatus == ddbtypes.TableStatusActive {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	e.t.Fatalf("table %s never became active", e.table)
}

// writeBackend writes an environment's backend.hcl for the loopback services,
// with the settings tofu 1.6.2's S3 backend knows (no use_lockfile: that
// needs OpenTofu >= 1.9 or Terraform >= 1.10).
func (e *env) writeBackend(name, table string) {
	e.t.Helper()
	lockLine := ""
	if table != "" {
		lockLine = fmt.Sprintf("dynamodb_table = %q\n", table)
	}
	hcl := fmt.Sprintf(`bucket         = %q
key            = "%s/terraform.tfstate"
region         = %q
%sencrypt        = true
use_path_style = true
access_key     = %q
secret_key     = %q
endpoints = {
  s3       = %q
  dynamodb = %q
  sts      = %q
}
skip_credentials_validation = true
skip_requesting_account_id  = true
skip_metadata_api_check     = true
skip_region_validation      = true
`, e.bucket, name, region, lockLine, accessKey, secretKey, suite.s3.URL, suite.ddbURL, suite.sts.URL)
	if err := os.WriteFile(e.path("terraform/environments/"+name+"/backend.hcl"), []byte(hcl), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) path(rel string) string { return filepath.Join(e.root, filepath.FromSlash(rel)) }

func (e *env) write(rel, content string) {
	e.t.Helper()
	if err := os.WriteFile(e.path(rel), []byte(content), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

// result is one cfctl run.
type result struct {
	code           int
	stdout, stderr string
	took           time.Duration
}

func (r result) String() string {
	return fmt.Sprintf("exit %d after %s\n--- stdout\n%s--- stderr\n%s", r.code, r.took.Round(time.Millisecond), r.stdout, r.stderr)
}

// cfctl runs one command line in the test repository, in process.
func (e *env) cfctl(args ...string) result { return e.cfctlIn(context.Background(), "", args...) }

// cfctlInput runs with stdin.
func (e *env) cfctlInput(stdin string, args ...string) result {
	return e.cfctlIn(context.Background(), stdin, args...)
}

func (e *env) cfctlIn(ctx context.Context, stdin string, args ...string) result {
	var out, errOut syncBuffer
	c := &cli.CLI{Stdout: &out, Stderr: &errOut, WorkDir: e.root}
	if stdin != "" {
		c.Stdin = strings.NewReader(stdin)
	}
	start := time.Now()
	code := c.Run(ctx, args)
	r := result{code: code, stdout: out.String(), stderr: errOut.String(), took: time.Since(start)}
	e.t.Logf("cfctl %s: exit %d in %s", strings.Join(args, " "), code, r.took.Round(time.Millisecond))
	if os.Getenv("CFCTL_TEST_OUTPUT") != "" { // show every run's output with go test -v
		e.t.Log(r)
	}
	return r
}

// background runs cfctl in a goroutine; if the test ends first, the tofu
// process is killed so that nothing outlives the test.
func (e *env) background(ctx context.Context, args ...string) chan result {
	ch := make(chan result, 1)
	done := make(chan struct{})
	go func() {
		r := e.cfctlIn(ctx, "", args...)
		close(done)
		ch <- r
	}()
	e.t.Cleanup(func() {
		select {
		case <-done:
		default:
			if pid, ok := tofuChild(); ok {
				syscall.Kill(pid, syscall.SIGKILL)
			}
			<-done
		}
	})
	return ch
}

// must runs and requires the exit code.
func (e *env) must(want int, args ...string) result {
	e.t.Helper()
	r := e.cfctl(args...)
	if r.code != want {
		e.t.Fatalf("cfctl %s: want exit %d\n%s", strings.Join(args, " "), want, r)
	}
	return r
}

// state reads the current state object of an environment straight from S3.
func (e *env) state(name string) stateFile {
	e.t.Helper()
	obj, err := suite.s3mem.GetObject(e.bucket, name+"/terraform.tfstate", nil)
	if err != nil {
		e.t.Fatalf("reading the state of %s: %v", name, err)
	}
	defer obj.Contents.Close()
	data, _ := io.ReadAll(obj.Contents)
	var s stateFile
	if err := json.Unmarshal(data, &s); err != nil {
		e.t.Fatalf("state of %s does not parse: %v\n%s", name, err, data)
	}
	return s
}

func (e *env) hasState(name string) bool {
	_, err := suite.s3mem.HeadObject(e.bucket, name+"/terraform.tfstate")
	return err == nil
}

type stateFile struct {
	Serial    uint64                         `json:"serial"`
	Lineage   string                         `json:"lineage"`
	Outputs   map[string]struct{ Value any } `json:"outputs"`
	Resources []struct {
		Type      string `json:"type"`
		Name      string `json:"name"`
		Instances []struct {
			Status string `json:"status"`
		} `json:"instances"`
	} `json:"resources"`
}

func (s stateFile) names() []string {
	var out []string
	for _, r := range s.Resources {
		for _, i := range r.Instances {
			n := r.Type + "." + r.Name
			if i.Status != "" {
				n += " (" + i.Status + ")"
			}
			out = append(out, n)
		}
	}
	return out
}

// putLock writes a lock record into the lock table as a crashed run would have left it.
func (e *env) putLock(name, id, who string) {
	e.t.Helper()
	info := fmt.Sprintf(`{"ID":%q,"Operation":"OperationTypeApply","Info":"","Who":%q,"Version":"1.6.2","Created":%q,"Path":"%s/%s/terraform.tfstate"}`,
		id, who, time.Now().Add(-90*time.Minute).UTC().Format(time.RFC3339Nano), e.bucket, name)
	_, err := suite.ddb.PutItem(context.Background(), &dynamodb.PutItemInput{
		TableName: aws.String(e.table),
		Item: map[string]ddbtypes.AttributeValue{
			"LockID": &ddbtypes.AttributeValueMemberS{Value: e.bucket + "/" + name + "/terraform.tfstate"},
			"Info":   &ddbtypes.AttributeValueMemberS{Value: info},
		},
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

// tofuChild finds the tofu process this test process started.
func tofuChild() (int, bool) {
	if runtime.GOOS != "linux" {
		return 0, false
	}
	entries, _ := os.ReadDir("/proc")
	me := os.Getpid()
	for _, en := range entries {
		pid := 0
		if _, err := fmt.Sscan(en.Name(), &pid); err != nil {
			continue
		}
		data, err := os.ReadFile(filepath.Join("/proc", en.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...
		s := string(data)
		open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || close < 0 {
			continue
		}
		comm := s[open+1 : close]
		var state string
		var ppid int
		fmt.Sscan(s[close+1:], &state, &ppid)
		if ppid == me && comm == "tofu" {
			return pid, true
		}
	}
	return 0, false
}

func waitFor(t *testing.T, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", limit, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if info.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is a bytes.Buffer safe for the writer goroutines of a run
// and a reader in the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
