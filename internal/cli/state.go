package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/candlefish-ai/infrastructure/internal/statebackend"
	"github.com/candlefish-ai/infrastructure/internal/tfrun"
)

const stateUsage = `Usage: cfctl state <subcommand> [flags] <environment> [argument]

Subcommands:
  locks    <env>               who holds the state lock, since when, for which operation (lock table and S3 lock file)
  unlock   <env> <lock-id>     force-unlock after showing the holder and asking for confirmation
  versions <env>               the state object's versions in S3, newest first
  restore  <env> <version-id>  make that version current again, after saving the current one (refused while locked)

Exit codes: 0 ok, 1 error; ` + "`state locks`" + ` exits 2 while a lock is held.
`

func (c *CLI) stateCmd(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(c.Stderr, stateUsage)
		if len(args) == 0 {
			return ExitError
		}
		return ExitOK
	}
	switch args[0] {
	case "locks":
		return c.stateLocks(ctx, args[1:])
	case "unlock":
		return c.stateUnlock(ctx, args[1:])
	case "versions":
		return c.stateVersions(ctx, args[1:])
	case "restore":
		return c.stateRestore(ctx, args[1:])
	}
	fmt.Fprintf(c.Stderr, "cfctl: unknown state subcommand %q\n\n%s", args[0], stateUsage)
	return ExitError
}

type stateFlags struct{ root, backendConfig *string }

func (c *CLI) stateFlagSet(name, args string) (*flag.FlagSet, *stateFlags) {
	fs := c.flags(name, args)
	return fs, &stateFlags{
		root:          fs.String("root", "", "repository root (default: found from the working directory)"),
		backendConfig: fs.String("backend-config", "", "backend configuration file (default: "+BackendFile+" in the environment's directory)"),
	}
}

// stateTarget resolves one target with an S3 backend and its AWS clients.
func (c *CLI) stateTarget(ctx context.Context, f *stateFlags, arg string) (string, *wfTarget, *statebackend.Client, error) {
	repo, err := c.repoRoot(*f.root)
	if err != nil {
		return "", nil, nil, err
	}
	ts, err := c.targets(repo, []string{arg}, false)
	if err != nil {
		return "", nil, nil, err
	}
	wt, err := c.workflowTarget(repo, ts[0], *f.backendConfig)
	if err != nil {
		return "", nil, nil, err
	}
	if wt.backend == nil {
		return "", nil, nil, fmt.Errorf("%s keeps no state in S3 (no s3 backend): nothing to inspect here", wt.name)
	}
	cl, err := statebackend.New(ctx, wt.backend)
	if err != nil {
		return "", nil, nil, err
	}
	return repo, wt, cl, nil
}

func (c *CLI) stateLocks(ctx context.Context, args []string) int {
	fs, f := c.stateFlagSet("state locks", "<environment>")
	positional, err := parse(fs, args)
	if err != nil {
		return ExitError
	}
	if len(positional) != 1 {
		return c.errorf("state locks takes one environment")
	}
	_, wt, cl, err := c.stateTarget(ctx, f, positional[0])
	if err != nil {
		return c.errorf("%v", err)
	}
	locks, err := cl.Locks(ctx)
	if err != nil {
		return c.errorf("%s: %v", wt.name, err)
	}
	if len(locks) == 0 {
		fmt.Fprintf(c.Stdout, "%s: no lock held (checked %s)\n", wt.name, lockPlaces(wt.backend))
		return ExitOK
	}
	fmt.Fprintf(c.Stdout, "%s: %d lock(s) held\n", wt.name, len(locks))
	for _, l := range locks {
		for _, line := range l.Describe(time.Now()) {
			fmt.Fprintf(c.Stdout, "  %s\n", line)
		}
	}
	fmt.Fprintf(c.Stdout, "If its run is dead, release it with: cfctl state unlock %s %s\n", wt.name, locks[0].ID)
	return ExitFindings
}

func lockPlaces(b *statebackend.Config) string {
	var p []string
	if b.DynamoDBTable != "" {
		p = append(p, "lock table "+b.DynamoDBTable)
	}
	p = append(p, "s3://"+b.Bucket+"/"+b.LockfileKey())
	return strings.Join(p, " and ")
}

func (c *CLI) stateUnlock(ctx context.Context, args []string) int {
	fs, f := c.stateFlagSet("state unlock", "<environment> <lock-id>")
	confirm := fs.String("confirm", "", "confirm in automation with the environment's name")
	positional, err := parse(fs, args)
	if err != nil {
		return ExitError
	}
	if len(positional) != 2 {
		return c.errorf("state unlock takes an environment and a lock id (see `cfctl state locks <environment>`)")
	}
	_, wt, cl, err := c.stateTarget(ctx, f, positional[0])
	if err != nil {
		return c.errorf("%v", err)
	}
	id := positional[1]
	locks, err := cl.Locks(ctx)
	if err != nil {
		return c.errorf("%s: %v", wt.name, err)
	}
	var mine []statebackend.Lock
	var others []string
	for _, l := range locks {
		if l.ID == id {
			mine = append(mine, l)
		} else {
			others = append(others, l.ID)
		}
	}
	if len(mine) == 0 {
		if len(others) == 0 {
			return c.errorf("%s: no lock %s is held (no lock at all); nothing was changed", wt.name, id)
		}
		return c.errorf("%s: no lock %s is held; the lock held now is %s (see `cfctl state locks %s`); nothing was changed", wt.name, id, strings.Join(others, ", "), wt.name)
	}
	fmt.Fprintf(c.Stdout, "%s: force-unlocking removes this lock; do it only when its run is dead, or two runs will write the state at once:\n", wt.name)
	for _, l := range mine {
		for _, line := range l.Describe(time.Now()) {
			fmt.Fprintf(c.Stdout, "  %s\n", line)
		}
	}
	if err := c.confirm(wt.name, "force-unlock "+wt.name, *confirm); err != nil {
		return c.errorf("%v", err)
	}
	for _, l := range mine {
		if err := cl.Unlock(ctx, l); err != nil {
			return c.errorf("%s: %v", wt.name, err)
		}
		fmt.Fprintf(c.Stdout, "%s: released lock %s (%s)\n", wt.name, l.ID, l.Source)
	}
	return ExitOK
}

func (c *CLI) stateVersions(ctx context.Context, args []string) int {
	fs, f := c.stateFlagSet("state versions", "<environment>")
	limit := fs.Int("limit", 20, "show at most this many versions (each is read for its serial)")
	positional, err := parse(fs, args)
	if err != nil {
		return ExitError
	}
	if len(positional) != 1 {
		return c.errorf("state versions takes one environment")
	}
	_, wt, cl, err := c.stateTarget(ctx, f, positional[0])
	if err != nil {
		return c.errorf("%v", err)
	}
	status, err := cl.Versioning(ctx)
	if err != nil {
		return c.errorf("%s: %v", wt.name, err)
	}
	versions, err := cl.Versions(ctx)
	if err != nil {
		return c.errorf("%s: %v", wt.name, err)
	}
	fmt.Fprintf(c.Stdout, "%s: s3://%s/%s, %d version(s)", wt.name, wt.backend.Bucket, wt.backend.Key, len(versions))
	if status != "Enabled" {
		fmt.Fprintf(c.Stdout, "; bucket versioning is %s: earlier states are not kept (terraform/backend enables it)", orOff(status))
	}
	fmt.Fprintln(c.Stdout)
	if len(versions) == 0 {
		return ExitOK
	}
	tw := tabwriter.NewWriter(c.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  VERSION ID\tLAST MODIFIED (UTC)\tSIZE\tSERIAL\tRESOURCES\tLINEAGE\t")
	for i, v := range versions {
		if i >= *limit {
			fmt.Fprintf(tw, "  ... %d older\t\t\t\t\t\t\n", len(versions)-i)
			break
		}
		mark := ""
		if v.Latest {
			mark = "current"
		}
		if v.DeleteMarker {
			fmt.Fprintf(tw, "  %s\t%s\t-\t-\t-\t(deleted)\t%s\n", v.ID, v.LastModified.UTC().Format("2006-01-02 15:04:05"), mark)
			continue
		}
		serial, res, lineage := "?", "?", "?"
		if m, err := cl.VersionMeta(ctx, v.ID); err == nil {
			serial, res, lineage = fmt.Sprint(m.Serial), fmt.Sprint(m.Resources), m.Lineage
		}
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%s\t%s\t%s\t%s\n", v.ID, v.LastModified.UTC().Format("2006-01-02 15:04:05"), v.Size, serial, res, lineage, mark)
	}
	tw.Flush()
	fmt.Fprintf(c.Stdout, "Restore one with: cfctl state restore %s <version-id>\n", wt.name)
	return ExitOK
}

func orOff(s string) string {
	if s == "" {
		return "off"
	}
	return strings.ToLower(s)
}

func (c *CLI) stateRestore(ctx context.Context, args []string) int {
	fs, f := c.stateFlagSet("state restore", "<environment> <version-id>")
	confirm := fs.String("confirm", "", "confirm in automation with the environment's name")
	positional, err := parse(fs, args)
	if err != nil {
		return ExitError
	}
	if len(positional) != 2 {
		return c.errorf("state restore takes an environment and a version id (see `cfctl state versions <environment>`)")
	}
	repo, wt, cl, err := c.stateTarget(ctx, f, positional[0])
	if err != nil {
		return c.errorf("%v", err)
	}
	id := positional[1]
	locks, err := cl.Locks(ctx)
	if err != nil {
		return c.errorf("%s: %v", wt.name, err)
	}
	if len(locks) > 0 {
		c.printLocked(wt, locks)
		return c.errorf("%s: restore refused while the state is locked; nothing was changed", wt.name)
	}
	chosen, err := cl.VersionMeta(ctx, id)
	if err != nil {
		return c.errorf("%s: %v; list them with `cfctl state versions %s`; nothing was changed", wt.name, err, wt.name)
	}
	cur, _, found, err := cl.Current(ctx)
	if err != nil {
		return c.errorf("%s: %v", wt.name, err)
	}
	if found {
		if m, err := statebackend.ParseState(cur); err == nil {
			fmt.Fprintf(c.Stdout, "%s: current state: serial %d, %d resources\n", wt.name, m.Serial, m.Resources)
		}
	}
	fmt.Fprintf(c.Stdout, "%s: restoring version %s: serial %d, %d resources (written back as a new version with the next serial; every saved plan becomes stale)\n",
		wt.name, id, chosen.Serial, chosen.Resources)
	if err := c.confirm(wt.name, "restore the state of "+wt.name, *confirm); err != nil {
		return c.errorf("%v", err)
	}
	backups := filepath.Join(repo, tfrun.StateDir, tfrun.Slug(wt.name), "state-backups")
	res, err := cl.Restore(ctx, id, backups)
	if err != nil {
		var le *statebackend.LockedError
		if errors.As(err, &le) {
			c.printLocked(wt, le.Locks)
			return c.errorf("%s: restore refused while the state is locked; nothing was changed", wt.name)
		}
		return c.errorf("%s: %v", wt.name, err)
	}
	if res.Backup != "" {
		fmt.Fprintf(c.Stdout, "%s: the replaced state (serial %d, version %s) is saved in %s and stays in the bucket as a noncurrent version\n",
			wt.name, res.Replaced.Serial, res.ReplacedID, c.rel(res.Backup))
	}
	fmt.Fprintf(c.Stdout, "%s: restored version %s as serial %d (new version %s); run `cfctl plan %s` to see how the infrastructure differs from it\n",
		wt.name, id, res.NewSerial, res.NewVersionID, wt.name)
	return ExitOK
}

func (c *CLI) printLocked(wt *wfTarget, locks []statebackend.Lock) {
	for _, l := range locks {
		for _, line := range l.Describe(time.Now()) {
			fmt.Fprintf(c.Stderr, "  %s\n", line)
		}
	}
	if len(locks) > 0 {
		fmt.Fprintf(c.Stderr, "If that run is dead, release it first: cfctl state unlock %s %s\n", wt.name, locks[0].ID)
	}
}

// ---- doctor ----

type check struct {
	status string // ok, warn, FAIL
	name   string
	detail string
	fix    string
}

func (c *CLI) doctorCmd(ctx context.Context, args []string) int {
	fs := c.flags("doctor", "<environment>")
	root := fs.String("root", "", "repository root (default: found from the working directory)")
	tfBin := fs.String("terraform", "", "terraform or tofu binary (default: $"+tfrun.EnvBinary+", else terraform, else tofu)")
	backendConfig := fs.String("backend-config", "", "backend configuration file (default: "+BackendFile+" in the environment's directory)")
	account := fs.String("account-id", "", "the AWS account the environment must be applied in (default: account_id, aws_account_id or allowed_account_ids in its *.tfvars, or a variable's default)")
	positional, err := parse(fs, args)
	if err != nil {
		return ExitError
	}
	if len(positional) != 1 {
		return c.errorf("doctor takes one environment")
	}
	repo, err := c.repoRoot(*root)
	if err != nil {
		return c.errorf("%v", err)
	}
	ts, err := c.targets(repo, positional, false)
	if err != nil {
		return c.errorf("%v", err)
	}
	t := ts[0]
	var checks []check
	add := func(status, name, detail, fix string) { checks = append(checks, check{status, name, detail, fix}) }

	// terraform
	binFail := func(err error) {
		var be *tfrun.BinaryError
		if errors.As(err, &be) {
			add("FAIL", "terraform", be.Problem, be.Advice)
		} else {
			add("FAIL", "terraform", err.Error(), "")
		}
	}
	bin, err := tfrun.Find(ctx, *tfBin)
	if err != nil {
		binFail(err)
	} else if err := bin.Check(); err != nil {
		binFail(err)
		bin = nil
	} else {
		add("ok", "terraform", bin.String(), "")
	}

	// backend configuration
	wt, err := c.workflowTarget(repo, t, *backendConfig)
	if err != nil {
		add("FAIL", "backend config", err.Error(), "create "+BackendFile+" from terraform/backend's backend_config output, or pass --backend-config")
		return c.printChecks(t.Name, checks)
	}
	if wt.backend == nil {
		add("ok", "backend config", "no s3 backend (local state)", "")
		return c.printChecks(wt.name, checks)
	}
	b := wt.backend
	add("ok", "backend config", fmt.Sprintf("%s: s3://%s/%s", c.rel(wt.backendFile), b.Bucket, b.Key), "")
	if bin != nil && b.UseLockfile && !bin.SupportsLockfile() {
		add("FAIL", "lock file", fmt.Sprintf("use_lockfile = true needs Terraform >= %s or OpenTofu >= %s; %s %s would reject it", tfrun.LockfileTerraform, tfrun.LockfileOpenTofu, bin.Flavor, bin.Version),
			"install a newer Terraform or OpenTofu")
	}
	if b.DynamoDBTable == "" && !b.UseLockfile {
		add("FAIL", "locking", "neither dynamodb_table nor use_lockfile is set: two runs could write the state at once", "set use_lockfile = true (and/or dynamodb_table) in "+BackendFile)
	}

	// region
	envRegion := tfvarString(t.Dir, "primary_region", "region", "aws_region")
	validRegion := regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+$`)
	switch {
	case b.Region == "":
		add("warn", "region", "the backend sets no region; it comes from AWS_REGION", "set region in "+BackendFile)
	case !validRegion.MatchString(b.Region):
		add("FAIL", "region", fmt.Sprintf("backend region %q is not an AWS region", b.Region), "fix region in "+BackendFile)
	default:
		detail := "backend in " + b.Region
		if envRegion != "" {
			detail += ", environment deploys to " + envRegion
		}
		add("ok", "region", detail, "")
	}
	if r := firstEnv("AWS_REGION", "AWS_DEFAULT_REGION"); r != "" && envRegion != "" && r != envRegion {
		add("warn", "region", fmt.Sprintf("AWS_REGION is %s but %s deploys to %s (providers set their own region; the AWS CLI and SDK defaults differ)", r, wt.name, envRegion),
			"export AWS_REGION="+envRegion)
	}

	cl, err := statebackend.New(ctx, b)
	if err != nil {
		add("FAIL", "credentials", err.Error(), "check ~/.aws/config and AWS_PROFILE")
		return c.printChecks(wt.name, checks)
	}
	short, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()

	// credentials and account
	expected, source := *account, "--account-id"
	if expected == "" {
		expected, source = expectedAccount(t.Dir)
	}
	acct, arn, err := cl.Identity(short)
	switch {
	case err != nil:
		problem, fix := statebackend.Explain(err)
		if fix == "" {
			fix = "set AWS_PROFILE (and run `aws sso login`), or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
		}
		add("FAIL", "credentials", "STS GetCallerIdentity: "+problem, fix)
	case expected == "":
		add("ok", "credentials", fmt.Sprintf("%s in account %s", arn, acct), "")
		add("warn", "account", wt.name+" declares no expected account id, so the account cannot be checked",
			"add account_id = \"<12 digits>\" to its terraform.tfvars (with a variable), or pass --account-id")
	case expected != acct:
		add("ok", "credentials", fmt.Sprintf("%s in account %s", arn, acct), "")
		add("FAIL", "account", fmt.Sprintf("the credentials are for account %s, but %s expects %s (%s)", acct, wt.name, expected, source),
			"switch to the profile or role of account "+expected)
	default:
		add("ok", "credentials", fmt.Sprintf("%s in account %s", arn, acct), "")
		add("ok", "account", fmt.Sprintf("%s, as %s expects (%s)", acct, wt.name, source), "")
	}

	// bucket
	if err := cl.HeadBucket(short); err != nil {
		problem, fix := statebackend.Explain(err)
		if fix == "" || errorIsNotFound(err) {
			problem, fix = "s3://"+b.Bucket+" does not exist or is not visible ("+problem+")", "apply terraform/backend first, or fix bucket, region and credentials"
		}
		add("FAIL", "state bucket", problem, fix)
	} else {
		add("ok", "state bucket", "s3://"+b.Bucket+" reachable", "")
		if st, err := cl.Versioning(short); err == nil && st != "Enabled" {
			add("warn", "state bucket", "versioning is "+orOff(st)+": earlier states cannot be restored", "enable versioning (terraform/backend does)")
		}
		if data, _, found, err := cl.Current(short); err != nil {
			add("FAIL", "state", err.Error(), "check the credentials' s3:GetObject permission and the KMS key policy")
		} else if !found {
			add("ok", "state", "no state yet (nothing applied)", "")
		} else if m, err := statebackend.ParseState(data); err != nil {
			add("FAIL", "state", err.Error(), "restore a good version: cfctl state versions "+wt.name)
		} else {
			add("ok", "state", fmt.Sprintf("serial %d, %d resources, written by Terraform %s", m.Serial, m.Resources, m.Version), "")
		}
	}

	// lock table
	if b.DynamoDBTable != "" {
		status, keyOK, err := cl.Table(short)
		switch {
		case err != nil:
			problem, fix := statebackend.Explain(err)
			add("FAIL", "lock table", b.DynamoDBTable+": "+problem, fix)
		case !keyOK:
			add("FAIL", "lock table", b.DynamoDBTable+" has no string hash key LockID", "recreate it with hash key LockID (S), as terraform/backend does")
		case status != "ACTIVE":
			add("warn", "lock table", b.DynamoDBTable+" is "+status, "wait until it is ACTIVE")
		default:
			add("ok", "lock table", b.DynamoDBTable+" present and ACTIVE", "")
		}
	}
	if locks, err := cl.Locks(short); err == nil && len(locks) > 0 {
		l := locks[0]
		add("warn", "lock", fmt.Sprintf("held by %s since %s for %s (id %s)", orUnknown(l.Who), l.Created.UTC().Format(time.RFC3339), orUnknown(l.Operation), l.ID),
			"wait for that run, or if it is dead: cfctl state unlock "+wt.name+" "+l.ID)
	}

	// data directory
	if bin != nil {
		if r, err := tfrun.NewRunner(bin, repo, wt.name, wt.dir, c.Stdout, c.Stderr); err == nil {
			if err := r.CheckInitialized(wt.backendHash()); err != nil {
				add("warn", "init", "not initialised with this backend configuration", "cfctl init "+wt.name)
			} else {
				add("ok", "init", c.rel(r.DataDir)+" initialised with this backend", "")
			}
		}
	}
	return c.printChecks(wt.name, checks)
}

// errorIsNotFound: HeadBucket answers a missing bucket with a bare 404.
func errorIsNotFound(err error) bool {
	var re interface{ HTTPStatusCode() int }
	return errors.As(err, &re) && re.HTTPStatusCode() == 404
}

func orUnknown(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}

func (c *CLI) printChecks(name string, checks []check) int {
	fails, warns := 0, 0
	fmt.Fprintf(c.Stdout, "doctor %s\n", name)
	for _, ch := range checks {
		fmt.Fprintf(c.Stdout, "  %-4s  %-15s %s\n", ch.status, ch.name, ch.detail)
		if ch.fix != "" && ch.status != "ok" {
			fmt.Fprintf(c.Stdout, "        %-15s fix: %s\n", "", ch.fix)
		}
		switch ch.status {
		case "FAIL":
			fails++
		case "warn":
			warns++
		}
	}
	fmt.Fprintf(c.Stdout, "%s: %d problem(s), %d warning(s)\n", name, fails, warns)
	if fails > 0 {
		return ExitFindings
	}
	return ExitOK
}

func firstEnv(names ...string) string {
	for _, n := range names {
		if v := os.Getenv(n); v != "" {
			return v
		}
	}
	return ""
}

// tfvarValues reads the literal attributes of terraform.tfvars and *.auto.tfvars in dir.
func tfvarValues(dir string) map[string]cty.Value {
	files := []string{filepath.Join(dir, "terraform.tfvars")}
	auto, _ := filepath.Glob(filepath.Join(dir, "*.auto.tfvars"))
	sort.Strings(auto)
	files = append(files, auto...)
	out := map[string]cty.Value{}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		f, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
		if diags.HasErrors() {
			continue
		}
		attrs, _ := f.Body.JustAttributes()
		for name, a := range attrs {
			if v, diags := a.Expr.Value(nil); !diags.HasErrors() {
				out[name] = v
			}
		}
	}
	return out
}

func tfvarString(dir string, names ...string) string {
	vals := tfvarValues(dir)
	for _, n := range names {
		if v, ok := vals[n]; ok && !v.IsNull() && v.Type() == cty.String {
			return v.AsString()
		}
	}
	return ""
}

var accountVariables = []string{"account_id", "aws_account_id", "expected_account_id", "allowed_account_ids"}

// expectedAccount finds the account an environment declares: in its tfvars,
// else as the default of a variable of the same names.
func expectedAccount(dir string) (id, source string) {
	pick := func(v cty.Value) string {
		switch {
		case v.IsNull() || !v.IsKnown():
			return ""
		case v.Type() == cty.String:
			return v.AsString()
		case v.Type() == cty.Number:
			return v.AsBigFloat().Text('f', 0)
		case v.Type().IsListType() || v.Type().IsTupleType() || v.Type().IsSetType():
			for it := v.ElementIterator(); it.Next(); {
				_, e := it.Element()
				if e.Type() == cty.String {
					return e.AsString()
				}
			}
		}
		return ""
	}
	vals := tfvarValues(dir)
	for _, n := range accountVariables {
		if v, ok := vals[n]; ok {
			if s := pick(v); s != "" {
				return s, n + " in its tfvars"
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		f, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
		if diags.HasErrors() {
			continue
		}
		for _, blk := range f.Body.(*hclsyntax.Body).Blocks {
			if blk.Type != "variable" || len(blk.Labels) != 1 {
				continue
			}
			for _, n := range accountVariables {
				if blk.Labels[0] != n {
					continue
				}
				if a, ok := blk.Body.Attributes["default"]; ok {
					if v, diags := a.Expr.Value(nil); !diags.HasErrors() {
						if s := pick(v); s != "" {
							return s, "default of variable " + n
						}
					}
				}
			}
		}
	}
	return "", ""
}
