package tfrun

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
)

// StateDir is where cfctl keeps its per-environment files, under the repository root (git-ignored).
const StateDir = ".cfctl"

// Runner runs the binary on one root module with that module's own data directory.
type Runner struct {
	Bin *Binary
	// Name is the environment name, or the module's path relative to the repository.
	Name string
	// Dir is the root module.
	Dir string
	// WorkDir is .cfctl/<name>: the data directory, plans, backups.
	WorkDir string
	// DataDir is WorkDir/.terraform, passed as TF_DATA_DIR.
	DataDir string

	tf             *tfexec.Terraform
	stdout, stderr io.Writer
	versionRead    bool
	// tail keeps the end of the binary's output, to recognise how it failed.
	tail tailBuffer
}

// NewRunner prepares a runner for the root module dir of repository root.
func NewRunner(bin *Binary, root, name, dir string, stdout, stderr io.Writer) (*Runner, error) {
	work := filepath.Join(root, StateDir, Slug(name))
	r := &Runner{Bin: bin, Name: name, Dir: dir, WorkDir: work, DataDir: filepath.Join(work, ".terraform")}
	tf, err := tfexec.NewTerraform(dir, bin.Path)
	if err != nil {
		return nil, err
	}
	r.tf = tf
	r.SetOutput(stdout, stderr)
	// On cancellation (Ctrl-C) terraform-exec sends SIGINT and waits for the
	// binary to stop gracefully, so state is written and the lock released.
	if err := tf.SetWaitDelay(2 * time.Minute); err != nil {
		return nil, err
	}
	return r, nil
}

// Slug turns a target name into a directory name under .cfctl.
func Slug(name string) string {
	name = strings.Trim(filepath.ToSlash(filepath.Clean(name)), "/")
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' {
			return r
		}
		return '_'
	}, name)
}

// dataDirEnv puts TF_DATA_DIR into the process environment while a run
// builds and runs its command: terraform-exec copies os.Environ, and its
// SetEnv refuses TF_VAR_* variables (turning those into -var flags would
// change their precedence over terraform.tfvars), so the environment is
// inherited as is, plus TF_DATA_DIR. Runs with the same data directory may
// overlap (a second apply of the same environment); a run for another
// directory waits until they end.
var dataDirEnv struct {
	mu      sync.Mutex
	cond    *sync.Cond
	current string
	users   int
	saved   string
	had     bool
}

func init() { dataDirEnv.cond = sync.NewCond(&dataDirEnv.mu) }

func acquireDataDir(dir string) {
	d := &dataDirEnv
	d.mu.Lock()
	defer d.mu.Unlock()
	for d.users > 0 && d.current != dir {
		d.cond.Wait()
	}
	if d.users == 0 {
		d.saved, d.had = os.LookupEnv("TF_DATA_DIR")
		os.Setenv("TF_DATA_DIR", dir)
		d.current = dir
	}
	d.users++
}

func releaseDataDir() {
	d := &dataDirEnv
	d.mu.Lock()
	defer d.mu.Unlock()
	d.users--
	if d.users == 0 {
		if d.had {
			os.Setenv("TF_DATA_DIR", d.saved)
		} else {
			os.Unsetenv("TF_DATA_DIR")
		}
		d.current = ""
		d.cond.Broadcast()
	}
}

func (r *Runner) run(ctx context.Context, fn func() error) error {
	if err := os.MkdirAll(r.WorkDir, 0o755); err != nil {
		return err
	}
	acquireDataDir(r.DataDir)
	defer releaseDataDir()
	if !r.versionRead {
		// terraform-exec asks the binary's version (once) before some
		// commands, through the same output writers: ask it now, quietly.
		r.tf.SetStdout(io.Discard)
		r.tf.SetStderr(io.Discard)
		_, _, err := r.tf.Version(ctx, false)
		r.SetOutput(r.stdout, r.stderr)
		if err != nil {
			return err
		}
		r.versionRead = true
	}
	r.tail.Reset()
	err := fn()
	if err != nil {
		// The binary's own words (stdout included: "Interrupt received")
		// decide how the failure is reported.
		err = fmt.Errorf("%w\n%s", err, r.tail.String())
	}
	return err
}

// initRecord is written after a successful init.
type initRecord struct {
	BackendHash string    `json:"backend_hash"`
	BackendFile string    `json:"backend_file"`
	Binary      string    `json:"binary"`
	At          time.Time `json:"at"`
}

func (r *Runner) initRecordPath() string { return filepath.Join(r.WorkDir, "init.json") }

// InitOptions are the choices of `cfctl init`.
type InitOptions struct {
	BackendFile  string // -backend-config file ("" for none)
	BackendHash  string
	Reconfigure  bool
	MigrateState bool
	Upgrade      bool
}

// Init runs init with the backend configuration into the runner's data directory.
func (r *Runner) Init(ctx context.Context, o InitOptions) error {
	opts := []tfexec.InitOption{tfexec.Upgrade(o.Upgrade), tfexec.Reconfigure(o.Reconfigure)}
	if o.BackendFile != "" {
		opts = append(opts, tfexec.BackendConfig(o.BackendFile))
	}
	if o.MigrateState {
		opts = append(opts, tfexec.ForceCopy(true))
	}
	err := r.run(ctx, func() error { return r.tf.Init(ctx, opts...) })
	if err != nil {
		return classify(err)
	}
	rec, _ := json.MarshalIndent(initRecord{BackendHash: o.BackendHash, BackendFile: o.BackendFile, Binary: r.Bin.String(), At: time.Now().UTC()}, "", "  ")
	return os.WriteFile(r.initRecordPath(), rec, 0o644)
}

// ErrNotInitialized means init has not run for this environment.
var ErrNotInitialized = errors.New("not initialised")

// CheckInitialized refuses to plan before init, or after the backend
// configuration changed since init.
func (r *Runner) CheckInitialized(backendHash string) error {
	data, err := os.ReadFile(r.initRecordPath())
	if err != nil {
		return fmt.Errorf("%s is %w (no %s): run `cfctl init %s` first", r.Name, ErrNotInitialized, r.rel(r.DataDir), r.Name)
	}
	var rec initRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		return fmt.Errorf("%s: unreadable init record %s: run `cfctl init %s` again", r.Name, r.initRecordPath(), r.Name)
	}
	if rec.BackendHash != backendHash {
		return fmt.Errorf("the backend configuration of %s changed since `cfctl init`: run `cfctl init %s` (add --reconfigure to use the new backend as is, or --migrate-state to copy the state into it)", r.Name, r.Name)
	}
	return nil
}

func (r *Runner) rel(p string) string {
	root := filepath.Dir(filepath.Dir(r.WorkDir))
	if rel, err := filepath.Rel(root, p); err == nil {
		return rel
	}
	return p
}

// PlanOptions are the choices of `cfctl plan`.
type PlanOptions struct {
	Out         string
	Destroy     bool
	VarFiles    []string
	Vars        []string
	LockTimeout string // how long to wait for a held lock, e.g. "5m" ("" fails at once)
}

func lockTimeout(d string) string {
	if d == "" {
		return "0s"
	}
	return d
}

// Plan writes a saved plan; changes reports whether it changes anything.
func (r *Runner) Plan(ctx context.Context, o PlanOptions) (changes bool, err error) {
	opts := []tfexec.PlanOption{tfexec.Out(o.Out), tfexec.Destroy(o.Destroy), tfexec.LockTimeout(lockTimeout(o.LockTimeout))}
	for _, f := range o.VarFiles {
		opts = append(opts, tfexec.VarFile(f))
	}
	for _, v := range o.Vars {
		opts = append(opts, tfexec.Var(v))
	}
	err = r.run(ctx, func() error {
		var err error
		changes, err = r.tf.Plan(ctx, opts...)
		return err
	})
	return changes, classify(err)
}

// ShowPlan returns the JSON of `show -json <plan>` as the binary wrote it, and parsed.
func (r *Runner) ShowPlan(ctx context.Context, planFile string) ([]byte, *tfjson.Plan, error) {
	var raw bytes.Buffer
	var plan *tfjson.Plan
	err := r.run(ctx, func() error {
		r.tf.SetStdout(&raw)
		defer r.SetOutput(r.stdout, r.stderr)
		var err error
		plan, err = r.tf.ShowPlanFile(ctx, planFile)
		return err
	})
	if err != nil {
		return nil, nil, classify(err)
	}
	return raw.Bytes(), plan, nil
}

// Apply applies a saved plan, and nothing else. (terraform-exec adds
// -auto-approve; a saved plan is never prompted for: cfctl asks instead.)
func (r *Runner) Apply(ctx context.Context, planFile, lockWait string) error {
	return classify(r.run(ctx, func() error {
		return r.tf.Apply(ctx, tfexec.DirOrPlan(planFile), tfexec.LockTimeout(lockTimeout(lockWait)))
	}))
}

// StatePull returns the current state ("" before the first apply).
func (r *Runner) StatePull(ctx context.Context) ([]byte, error) {
	var out string
	err := r.run(ctx, func() error {
		var err error
		out, err = r.tf.StatePull(ctx)
		return err
	})
	return []byte(out), classify(err)
}

// SetOutput redirects the binary's streamed output.
func (r *Runner) SetOutput(stdout, stderr io.Writer) {
	r.stdout, r.stderr = stdout, stderr
	r.tf.SetStdout(io.MultiWriter(stdout, &r.tail))
	r.tf.SetStderr(io.MultiWriter(stderr, &r.tail))
}

// tailBuffer keeps the last 16 KiB written to it.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
}

const tailSize = 16 << 10

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > tailSize {
		t.buf = append([]byte(nil), t.buf[len(t.buf)-tailSize:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

func (t *tailBuffer) Reset() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = nil
}

// Errors the binary's output is recognised by.
var (
	ErrLocked        = errors.New("the state is locked by another run")
	ErrNeedsInit     = errors.New("the backend needs `cfctl init`")
	ErrInterrupted   = errors.New("interrupted")
	errLockedText    = "Error acquiring the state lock"
	errNeedsInitText = []string{"Backend initialization required", "Backend configuration changed", "Required plugins are not installed", "Module not installed", "please run \"terraform init\"", "please run \"tofu init\""}
)

// RunError is a failed run of the binary; its output was already streamed.
type RunError struct {
	Kind error // ErrLocked, ErrNeedsInit, ErrInterrupted or nil
	Err  error
}

func (e *RunError) Error() string {
	if e.Kind != nil {
		return e.Kind.Error()
	}
	return firstLines(e.Err.Error(), 12)
}

func (e *RunError) Unwrap() []error { return []error{e.Kind, e.Err} }

func classify(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	re := &RunError{Err: err}
	switch {
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		re.Kind = ErrInterrupted
	case strings.Contains(msg, errLockedText):
		re.Kind = ErrLocked
	case strings.Contains(msg, "Interrupt received") || strings.Contains(msg, "signal: interrupt") || strings.Contains(msg, "Execution halted"):
		re.Kind = ErrInterrupted
	default:
		for _, t := range errNeedsInitText {
			if strings.Contains(msg, t) {
				re.Kind = ErrNeedsInit
			}
		}
	}
	return re
}

func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = append(lines[:n], "...")
	}
	return strings.Join(lines, "\n")
}
