//go:build linux

package workflow

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Plans in this suite skip trivy (about 1.5 s per plan, and it has nothing to
// say about terraform_data); TestInitPlanApply keeps it, to show it runs.
const noTrivy = "--no-trivy"

func contains(t *testing.T, r result, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(r.stdout+r.stderr, p) {
			t.Errorf("output lacks %q\n%s", p, r)
		}
	}
}

// The main path: init into .cfctl/<env>, plan with its JSON, record and
// summary, apply of the saved plan, then no changes.
func TestInitPlanApply(t *testing.T) {
	e := newEnv(t)
	e.must(0, "init", "dev")
	if _, err := os.Stat(e.path(".cfctl/dev/.terraform/terraform.tfstate")); err != nil {
		t.Fatalf("no data directory under .cfctl/dev: %v", err)
	}
	if _, err := os.Stat(e.path("terraform/environments/dev/.terraform")); err == nil {
		t.Fatal("init wrote .terraform into the environment's directory")
	}

	r := e.must(2, "plan", "dev")
	contains(t, r, "2 to add, 0 to change, 0 to destroy", "+   terraform_data.app", "findings:  0", "trivy on the plan",
		"cost:      $0.00/month now, $0.00/month after this plan (+$0.00); 2 resource(s) without a cost model", "state serial 0", "cfctl apply dev")
	for _, f := range []string{"tfplan", "tfplan.json", "tfplan.meta.json", "tfplan.summary.txt"} {
		if _, err := os.Stat(e.path(".cfctl/dev/" + f)); err != nil {
			t.Errorf("plan did not write %s", f)
		}
	}
	if e.hasState("dev") {
		t.Fatal("plan wrote state")
	}

	r = e.must(2, "apply", "dev")
	contains(t, r, "Apply complete! Resources: 2 added", "dev: applied")
	s := e.state("dev")
	if len(s.names()) != 2 || s.Outputs["app_version"].Value != "1" {
		t.Fatalf("state after apply: %v %v", s.names(), s.Outputs)
	}
	if _, err := os.Stat(e.path(".cfctl/dev/tfplan")); err == nil {
		t.Error("the applied plan is still in place, ready to be applied again")
	}
	r = e.must(1, "apply", "dev")
	contains(t, r, "no saved plan", "cfctl plan dev")

	r = e.must(0, "plan", noTrivy, "dev")
	contains(t, r, "0 to add, 0 to change, 0 to destroy", "nothing to apply")
	e.must(0, "apply", "dev") // an empty plan applies, and exits 0
	if got := e.state("dev").Serial; got != s.Serial {
		t.Errorf("an empty apply moved the serial from %d to %d", s.Serial, got)
	}

	// destroy: a destroy plan, the name typed, that plan applied.
	r = e.must(1, "destroy", noTrivy, "dev")
	contains(t, r, "2 to destroy", `destroy dev needs confirmation: type "dev"`)
	if len(e.state("dev").names()) != 2 {
		t.Fatal("destroy went ahead without confirmation")
	}
	r = e.must(1, "destroy", "--all")
	contains(t, r, "destroy takes exactly one environment")
	r = e.cfctlInput("dev\n", "destroy", noTrivy, "dev")
	if r.code != 2 {
		t.Fatalf("destroy with the typed name: %s", r)
	}
	contains(t, r, "Resources: 0 added, 0 changed, 2 destroyed")
	if names := e.state("dev").names(); len(names) != 0 {
		t.Fatalf("after destroy: %v", names)
	}
	e.must(0, "destroy", noTrivy, "dev", "--confirm", "dev")
}

// --all runs dev, staging, production in order; production needs its name;
// exit codes aggregate (2 when any environment changes); the first failure stops.
func TestAllEnvironments(t *testing.T) {
	e := newEnv(t)
	r := e.must(0, "init", "--all")
	for _, name := range []string{"dev", "staging", "production"} {
		if _, err := os.Stat(e.path(".cfctl/" + name + "/.terraform/terraform.tfstate")); err != nil {
			t.Errorf("no separate data directory for %s", name)
		}
	}
	r = e.must(2, "plan", noTrivy, "--all")
	if i, j, k := strings.Index(r.stdout, "== plan dev"), strings.Index(r.stdout, "== plan staging"), strings.Index(r.stdout, "== plan production"); !(i >= 0 && i < j && j < k) {
		t.Fatalf("not planned in order dev, staging, production:\n%s", r)
	}

	// No confirmation for production: nothing at all is applied.
	r = e.must(1, "apply", "--all")
	contains(t, r, `apply to production needs confirmation: type "production"`, "--confirm production")
	if e.hasState("dev") {
		t.Fatal("dev was applied although production's confirmation was missing")
	}
	r = e.cfctlInput("prod\n", "apply", "--all")
	if r.code != 1 || e.hasState("dev") {
		t.Fatalf("a wrong confirmation went through:\n%s", r)
	}
	r = e.cfctlInput("production\n", "apply", "--all")
	if r.code != 2 {
		t.Fatalf("apply --all with the typed confirmation: %s", r)
	}
	for _, name := range []string{"dev", "staging", "production"} {
		if s := e.state(name); len(s.names()) != 2 {
			t.Errorf("%s after apply --all: %v", name, s.names())
		}
	}
	if e.state("dev").Lineage == e.state("production").Lineage {
		t.Error("dev and production share a state lineage")
	}

	// Only staging changes: dev's 0 neither stops nor hides staging's 2.
	e.write("terraform/environments/staging/app.auto.tfvars", "app_version = \"2\"\n")
	r = e.must(2, "plan", noTrivy, "--all")
	contains(t, r, "production: plan saved")
	r = e.must(2, "apply", "--all", "--confirm", "production")
	if got := e.state("staging").Outputs["app_version"].Value; got != "2" {
		t.Errorf("staging app_version = %v after apply", got)
	}

	// A failure (staging's state locked) stops the run before production.
	e.putLock("staging", "11111111-2222-3333-4444-555555555555", "alice@laptop")
	r = e.must(1, "plan", noTrivy, "--all")
	contains(t, r, "staging: plan refused: the state is locked by another run", "alice@laptop")
	if strings.Contains(r.stdout, "== plan production") {
		t.Errorf("production was planned after staging failed:\n%s", r)
	}
}

// A saved plan is refused when the configuration, a variable input or the
// state changed since, or when it belongs to another environment or is damaged.
func TestStalePlansRefused(t *testing.T) {
	e := newEnv(t)
	e.must(0, "init", "dev", "staging")
	e.must(2, "plan", noTrivy, "dev")
	e.must(2, "apply", "dev")
	serial := e.state("dev").Serial

	// configuration
	e.write("terraform/environments/dev/app.auto.tfvars", "app_version = \"2\"\n")
	e.must(2, "plan", noTrivy, "dev")
	main := e.path("terraform/environments/dev/main.tf")
	orig, _ := os.ReadFile(main)
	os.WriteFile(main, append(orig, []byte("\n# edited after the plan\n")...), 0o644)
	r := e.must(1, "apply", "dev")
	contains(t, r, "the saved plan is stale", "the configuration changed: main.tf edited", "cfctl plan dev")
	e.write("terraform/environments/dev/extra.tf", "# a new file\n")
	os.WriteFile(main, orig, 0o644)
	r = e.must(1, "apply", "dev")
	contains(t, r, "extra.tf added")
	os.Remove(e.path("terraform/environments/dev/extra.tf"))
	if got := e.state("dev").Serial; got != serial {
		t.Fatalf("a refused apply changed the state (serial %d -> %d)", serial, got)
	}

	// state: another plan applied meanwhile
	e.must(2, "plan", noTrivy, "dev", "--out", ".cfctl/dev/other.tfplan")
	e.must(2, "apply", "dev", "--plan", ".cfctl/dev/other.tfplan")
	r = e.must(1, "apply", "dev")
	contains(t, r, "the state changed since", "serial")

	// variables: a --var-file edited, a TF_VAR_ changed
	e.write("extra.tfvars", "slow_seconds = 0\n")
	e.must(0, "plan", noTrivy, "dev", "--var-file", "extra.tfvars")
	e.write("extra.tfvars", "slow_seconds = 0 # edited\n")
	r = e.must(1, "apply", "dev")
	contains(t, r, "extra.tfvars changed")
	t.Setenv("TF_VAR_slow_seconds", "0")
	e.must(0, "plan", noTrivy, "dev")
	t.Setenv("TF_VAR_slow_seconds", "00")
	r = e.must(1, "apply", "dev")
	contains(t, r, "TF_VAR_slow_seconds changed")
	os.Unsetenv("TF_VAR_slow_seconds")
	r = e.must(1, "apply", "dev", "--var", "app_version=9")
	contains(t, r, "apply takes no --var")

	// another environment's plan
	e.must(2, "plan", noTrivy, "staging")
	r = e.must(1, "apply", "dev", "--plan", ".cfctl/staging/tfplan")
	contains(t, r, "made for another environment", "it was made for staging", "not dev")
	for _, f := range []string{"tfplan", "tfplan.meta.json"} {
		data, _ := os.ReadFile(e.path(".cfctl/staging/" + f))
		os.WriteFile(e.path(".cfctl/dev/"+f), data, 0o644)
	}
	r = e.must(1, "apply", "dev")
	contains(t, r, "it was made for staging")

	// damaged plans
	plan := e.path(".cfctl/staging/tfplan")
	data, _ := os.ReadFile(plan)
	os.WriteFile(plan, data[:len(data)/2], 0o644)
	r = e.must(1, "apply", "staging")
	contains(t, r, "damaged or was not made by cfctl", "changed since cfctl wrote it")
	os.WriteFile(plan, data, 0o644)
	os.Remove(e.path(".cfctl/staging/tfplan.meta.json"))
	r = e.must(1, "apply", "staging")
	contains(t, r, "tfplan.meta.json is missing")
	if e.hasState("staging") {
		t.Fatal("a refused plan was applied to staging")
	}
	r = e.must(1, "apply", "production")
	contains(t, r, "production is not initialised", "run `cfctl init production` first")
}

// A crashed run's lock: shown with its holder, blocks plans, survives a wrong
// id or confirmation, and goes with the right ones. The S3 lock file too.
func TestLocksAndForceUnlock(t *testing.T) {
	e := newEnv(t)
	e.must(0, "init", "dev")
	r := e.must(0, "state", "locks", "dev")
	contains(t, r, "dev: no lock held", "lock table "+e.table)

	id := "6f1f3c2e-0000-4000-8000-000000000001"
	e.putLock("dev", id, "alice@laptop")
	r = e.must(2, "state", "locks", "dev")
	contains(t, r, "lock "+id+" in dynamodb", "held by:   alice@laptop", "operation: OperationTypeApply", "(1h30m", "cfctl state unlock dev "+id)

	r = e.must(1, "plan", noTrivy, "--lock-timeout", "1s", "dev")
	contains(t, r, "plan refused: the state is locked by another run", "alice@laptop", "cfctl state unlock dev "+id)
	if r.took < time.Second {
		t.Errorf("--lock-timeout 1s gave up after %s", r.took)
	}
	if _, err := os.Stat(e.path(".cfctl/dev/tfplan")); err == nil {
		t.Error("a refused plan left a plan file")
	}

	r = e.must(1, "state", "unlock", "dev", "not-the-id")
	contains(t, r, "no lock not-the-id is held", "the lock held now is "+id)
	r = e.must(1, "state", "unlock", "dev", id)
	contains(t, r, "held by:   alice@laptop", "needs confirmation", "--confirm dev")
	r = e.cfctlInput("staging\n", "state", "unlock", "dev", id)
	if r.code != 1 || !strings.Contains(r.stderr, "does not match") {
		t.Fatalf("a wrong confirmation: %s", r)
	}
	e.must(2, "state", "locks", "dev")
	r = e.cfctlInput("dev\n", "state", "unlock", "dev", id)
	if r.code != 0 {
		t.Fatalf("unlock with the typed name: %s", r)
	}
	contains(t, r, "released lock "+id)
	e.must(0, "state", "locks", "dev")
	e.must(2, "plan", noTrivy, "dev")

	// The lock file of Terraform >= 1.10 / OpenTofu >= 1.9 (use_lockfile).
	lockfile := `{"ID":"7a7a7a7a-0000-4000-8000-000000000002","Operation":"OperationTypePlan","Info":"","Who":"bob@ci","Version":"1.11.0","Created":"2026-11-25T08:00:00Z","Path":"x"}`
	if _, err := suite.s3mem.PutObject(e.bucket, "dev/terraform.tfstate.tflock", nil, strings.NewReader(lockfile), int64(len(lockfile)), nil); err != nil {
		t.Fatal(err)
	}
	r = e.must(2, "state", "locks", "dev")
	contains(t, r, "in s3-lockfile s3://"+e.bucket+"/dev/terraform.tfstate.tflock", "bob@ci", "OperationTypePlan")
	e.must(0, "state", "unlock", "dev", "7a7a7a7a-0000-4000-8000-000000000002", "--confirm", "dev")
	e.must(0, "state", "locks", "dev")
}

// A real second run: while one apply holds the lock (its provisioner sleeps),
// a second apply is refused with the holder; then SIGINT to tofu stops the
// first, which leaves a consistent state and releases the lock. Then the
// same through cfctl's own interruption (Ctrl-C cancels its context).
func TestConcurrentApplyAndInterrupt(t *testing.T) {
	e := newEnv(t)
	e.must(0, "init", "dev")
	e.must(2, "plan", noTrivy, "dev")
	e.must(2, "apply", "dev")
	before := e.state("dev")

	e.write("terraform/environments/dev/slow.auto.tfvars", "slow_seconds = 120\n")
	e.must(2, "plan", noTrivy, "dev")
	e.must(2, "plan", noTrivy, "dev", "--out", ".cfctl/dev/second.tfplan")

	first := e.background(context.Background(), "apply", "dev")
	waitFor(t, "the provisioner of the first apply to start", 60*time.Second, func() bool {
		_, err := os.Stat(e.marker)
		return err == nil
	})

	r := e.must(2, "state", "locks", "dev")
	contains(t, r, "operation: OperationTypeApply")
	second := e.must(1, "apply", "dev", "--plan", ".cfctl/dev/second.tfplan")
	contains(t, second, "apply refused: the state is locked by another run", "operation: OperationTypeApply", "cfctl state unlock dev")

	pid, ok := tofuChild()
	if !ok {
		t.Fatal("cannot find the tofu process of the first apply")
	}
	if err := syscall.Kill(pid, syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	var r1 result
	select {
	case r1 = <-first:
	case <-time.After(90 * time.Second):
		t.Fatal("the interrupted apply did not stop")
	}
	if r1.code != 1 {
		t.Fatalf("interrupted apply: %s", r1)
	}
	contains(t, r1, "apply interrupted", "state is at serial", "the state lock was released")
	e.must(0, "state", "locks", "dev")
	after := e.state("dev")
	if after.Lineage != before.Lineage || after.Serial <= before.Serial {
		t.Fatalf("state after the interruption: serial %d -> %d, lineage %s -> %s", before.Serial, after.Serial, before.Lineage, after.Lineage)
	}
	t.Logf("state after SIGINT: %v", after.names())

	// Ctrl-C on cfctl: its context is cancelled, terraform-exec sends SIGINT.
	os.Remove(e.marker)
	e.write("terraform/environments/dev/slow.auto.tfvars", "slow_seconds = 121\n")
	e.must(2, "plan", noTrivy, "dev")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	first = e.background(ctx, "apply", "dev")
	waitFor(t, "the provisioner to start again", 60*time.Second, func() bool {
		_, err := os.Stat(e.marker)
		return err == nil
	})
	cancel()
	select {
	case r1 = <-first:
	case <-time.After(90 * time.Second):
		t.Fatal("the cancelled apply did not stop")
	}
	if r1.code != 1 {
		t.Fatalf("cancelled apply: %s", r1)
	}
	contains(t, r1, "apply interrupted", "the state lock was released")
	e.must(0, "state", "locks", "dev")

	// Consistent: a fresh plan and apply finish the job.
	os.Remove(e.path("terraform/environments/dev/slow.auto.tfvars"))
	e.must(2, "plan", noTrivy, "dev")
	e.must(2, "apply", "dev")
	final := e.state("dev")
	if got := strings.Join(final.names(), ","); got != "terraform_data.app,terraform_data.network" {
		t.Fatalf("final state: %s", got)
	}
}

var versionLine = regexp.MustCompile(`(?m)^\s+(\S+)\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\d+\s+(\d+)\s+(\d+)\s+\S+\s*(current)?$`)

// Versions of the state in S3, and restore of an earlier one: refused while
// locked, the current one saved, every earlier plan stale afterwards.
func TestStateVersionsRestore(t *testing.T) {
	e := newEnv(t)
	e.must(0, "init", "dev")
	r := e.must(0, "state", "versions", "dev")
	contains(t, r, "0 version(s)")
	e.must(2, "plan", noTrivy, "dev")
	e.must(2, "apply", "dev")
	v1 := e.state("dev")
	e.write("terraform/environments/dev/app.auto.tfvars", "app_version = \"2\"\n")
	e.must(2, "plan", noTrivy, "dev")
	e.must(2, "apply", "dev")
	v2 := e.state("dev")
	if v2.Outputs["app_version"].Value != "2" {
		t.Fatalf("second apply: %v", v2.Outputs)
	}
	e.write("terraform/environments/dev/app.auto.tfvars", "app_version = \"3\"\n")
	e.must(2, "plan", noTrivy, "dev") // made before the restore

	r = e.must(0, "state", "versions", "dev")
	var oldID string
	matches := versionLine.FindAllStringSubmatch(r.stdout, -1)
	for _, m := range matches {
		if m[2] == itoa(v1.Serial) && m[4] == "" {
			oldID = m[1]
		}
		if m[4] == "current" && m[2] != itoa(v2.Serial) {
			t.Errorf("current version has serial %s, want %d", m[2], v2.Serial)
		}
	}
	if oldID == "" {
		t.Fatalf("no version with serial %d in:\n%s", v1.Serial, r)
	}

	// refused: no confirmation; a lock held
	r = e.must(1, "state", "restore", "dev", oldID)
	contains(t, r, "needs confirmation")
	e.putLock("dev", "0b0b0b0b-0000-4000-8000-000000000003", "carol@desk")
	r = e.must(1, "state", "restore", "dev", oldID, "--confirm", "dev")
	contains(t, r, "restore refused while the state is locked", "carol@desk")
	e.must(0, "state", "unlock", "dev", "0b0b0b0b-0000-4000-8000-000000000003", "--confirm", "dev")
	r = e.must(1, "state", "restore", "dev", "no-such-version", "--confirm", "dev")
	contains(t, r, "no version")
	if got := e.state("dev"); got.Serial != v2.Serial {
		t.Fatalf("a refused restore changed the state: serial %d", got.Serial)
	}

	r = e.must(0, "state", "restore", "dev", oldID, "--confirm", "dev")
	contains(t, r, "restored version "+oldID, "saved in .cfctl/dev/state-backups/")
	now := e.state("dev")
	if now.Outputs["app_version"].Value != "1" || now.Lineage != v1.Lineage || now.Serial <= v2.Serial {
		t.Fatalf("after restore: serial %d, lineage %s, outputs %v", now.Serial, now.Lineage, now.Outputs)
	}
	backups, _ := filepath.Glob(e.path(".cfctl/dev/state-backups/*.tfstate"))
	if len(backups) != 1 {
		t.Fatalf("backups: %v", backups)
	}
	if data, _ := os.ReadFile(backups[0]); !strings.Contains(string(data), `"2"`) {
		t.Errorf("the backup is not the replaced state:\n%s", data)
	}
	e.must(0, "state", "locks", "dev")

	r = e.must(1, "apply", "dev")
	contains(t, r, "the state changed since")
	// tofu reads the restored state (its digest in the lock table matches).
	r = e.must(2, "plan", noTrivy, "dev")
	contains(t, r, "0 to add, 1 to change, 0 to destroy")
	e.must(2, "apply", "dev")
	if got := e.state("dev").Outputs["app_version"].Value; got != "3" {
		t.Fatalf("after the restore and a new apply: %v", got)
	}
}

// doctor: all good for dev; production's account differs; a missing lock
// table and a missing binary, each with the fix.
func TestDoctor(t *testing.T) {
	e := newEnv(t)
	e.must(0, "init", "dev")
	r := e.must(0, "doctor", "dev")
	contains(t, r, "ok    terraform", "OpenTofu 1.6.2", "ok    credentials", "account "+accountID,
		"ok    account", "account_id in its tfvars", "ok    state bucket", "ok    lock table", e.table+" present and ACTIVE", "ok    init", "0 problem(s)")

	r = e.must(2, "doctor", "production")
	contains(t, r, "FAIL  account", "expects 210987654321", "fix: switch to the profile or role of account 210987654321", "warn  init", "cfctl init production")

	e.writeBackend("staging", "no-such-table")
	r = e.must(2, "doctor", "staging")
	contains(t, r, "FAIL  lock table", "the lock table does not exist", "fix: apply terraform/backend")

	t.Setenv("CFCTL_TERRAFORM", filepath.Join(e.root, "no-such-tofu"))
	r = e.must(2, "doctor", "dev")
	contains(t, r, "FAIL  terraform", "not found")
}

// Bad input that needs the services: a bucket that does not exist.
func TestMissingBucket(t *testing.T) {
	e := newEnv(t)
	if err := suite.s3mem.DeleteBucket(e.bucket); err != nil {
		t.Fatal(err)
	}
	r := e.must(1, "state", "versions", "dev")
	contains(t, r, "the bucket does not exist", "apply terraform/backend first")
	r = e.must(1, "init", "dev")
	contains(t, r, "init failed")
	if e.hasState("dev") {
		t.Fatal("state appeared")
	}
}

func itoa(n uint64) string { return strconv.FormatUint(n, 10) }

// A directory target with local state: no backend configuration needed, its
// own data directory under .cfctl, no confirmation.
func TestDirectoryTarget(t *testing.T) {
	e := newEnv(t)
	e.must(0, "init", "./modules-root/scratch")
	if _, err := os.Stat(e.path(".cfctl/modules-root_scratch/init.json")); err != nil {
		t.Fatalf("no working directory under .cfctl for the directory target: %v", err)
	}
	r := e.must(2, "plan", noTrivy, "./modules-root/scratch")
	contains(t, r, "modules-root/scratch: plan saved to .cfctl/modules-root_scratch/tfplan", "cfctl apply modules-root/scratch")
	e.must(2, "apply", "modules-root/scratch/")
	if _, err := os.Stat(e.path("modules-root/scratch/terraform.tfstate")); err != nil {
		t.Fatalf("no local state: %v", err)
	}
	e.must(0, "plan", noTrivy, "./modules-root/scratch")
	r = e.must(1, "state", "locks", "./modules-root/scratch")
	contains(t, r, "keeps no state in S3")
}
