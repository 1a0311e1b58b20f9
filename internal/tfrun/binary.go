// Package tfrun runs terraform or tofu for cfctl's workflow commands (init,
// plan, apply, destroy) through terraform-exec: one data directory per
// environment, the environment's backend configuration, saved plans with a
// record of what they were made from, and the checks that refuse a stale plan.
package tfrun

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/go-version"
)

// Flavors of the binary.
const (
	Terraform = "Terraform"
	OpenTofu  = "OpenTofu"
)

// EnvBinary names the binary to use when --terraform is not given: a name
// looked up on PATH (terraform, tofu) or a path.
const EnvBinary = "CFCTL_TERRAFORM"

// Minimum versions. cfctl's workflow (saved plans, show -json, the S3
// backend's endpoints block) needs Terraform 1.10 or OpenTofu 1.6; the
// backend's use_lockfile needs Terraform 1.10 or OpenTofu 1.9.
var (
	MinTerraform        = version.Must(version.NewVersion("1.10"))
	MinOpenTofu         = version.Must(version.NewVersion("1.6"))
	LockfileTerraform   = version.Must(version.NewVersion("1.10"))
	LockfileOpenTofu    = version.Must(version.NewVersion("1.9"))
	errNoBinaryAdvice   = "install Terraform >= 1.10 or OpenTofu >= 1.9 (`make tools` puts OpenTofu 1.6.2 into ./bin, enough for backends without use_lockfile), or name one with --terraform PATH or " + EnvBinary
	versionLine         = regexp.MustCompile(`^(Terraform|OpenTofu) v(\S+)`)
	versionCheckTimeout = 20 * time.Second
)

// ErrNoBinary means neither terraform nor tofu could be found.
var ErrNoBinary = errors.New("no terraform or tofu binary found on PATH")

// BinaryError is a missing, unusable or too old binary, with what to do.
type BinaryError struct {
	Problem string
	Advice  string
	Err     error
}

func (e *BinaryError) Error() string { return e.Problem + ": " + e.Advice }
func (e *BinaryError) Unwrap() error { return e.Err }

// Binary is the terraform or tofu executable cfctl runs.
type Binary struct {
	Path    string
	Flavor  string
	Version *version.Version
}

func (b *Binary) String() string {
	return fmt.Sprintf("%s %s (%s)", b.Flavor, b.Version, b.Path)
}

// Find locates the binary: choice (a --terraform value), else $CFCTL_TERRAFORM,
// else terraform on PATH, else tofu on PATH; and reads its version.
func Find(ctx context.Context, choice string) (*Binary, error) {
	if choice == "" {
		choice = os.Getenv(EnvBinary)
	}
	var path string
	if choice != "" {
		p, err := exec.LookPath(choice)
		if err != nil {
			return nil, &BinaryError{Problem: fmt.Sprintf("%s: not found or not executable (%v)", choice, unwrapExec(err)), Advice: errNoBinaryAdvice, Err: ErrNoBinary}
		}
		path = p
	} else {
		for _, name := range []string{"terraform", "tofu"} {
			if p, err := exec.LookPath(name); err == nil {
				path = p
				break
			}
		}
		if path == "" {
			return nil, &BinaryError{Problem: ErrNoBinary.Error(), Advice: errNoBinaryAdvice, Err: ErrNoBinary}
		}
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	ctx, cancel := context.WithTimeout(ctx, versionCheckTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "version")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return nil, &BinaryError{Problem: fmt.Sprintf("%s version: %v: is it terraform or tofu?", path, err), Advice: errNoBinaryAdvice}
	}
	first, _, _ := strings.Cut(out.String(), "\n")
	m := versionLine.FindStringSubmatch(strings.TrimSpace(first))
	if m == nil {
		return nil, &BinaryError{Problem: fmt.Sprintf("%s is neither terraform nor tofu (its version says %q)", path, first), Advice: errNoBinaryAdvice}
	}
	v, err := version.NewVersion(m[2])
	if err != nil {
		return nil, fmt.Errorf("%s: unreadable version %q", path, m[2])
	}
	return &Binary{Path: path, Flavor: m[1], Version: v}, nil
}

func unwrapExec(err error) error {
	var ee *exec.Error
	if errors.As(err, &ee) {
		return ee.Err
	}
	return err
}

// core drops a pre-release or build suffix: 1.6.2-dev counts as 1.6.2.
func (b *Binary) core() *version.Version {
	return version.Must(version.NewVersion(b.Version.Core().String()))
}

// Minimum is the oldest version of this flavor cfctl works with.
func (b *Binary) Minimum() *version.Version {
	if b.Flavor == OpenTofu {
		return MinOpenTofu
	}
	return MinTerraform
}

// Check refuses a binary older than cfctl needs.
func (b *Binary) Check() error {
	if b.core().LessThan(b.Minimum()) {
		return &BinaryError{Problem: fmt.Sprintf("%s is too old", b),
			Advice: fmt.Sprintf("cfctl needs Terraform >= %s or OpenTofu >= %s (with use_lockfile, as the environments' backends set it: Terraform >= %s or OpenTofu >= %s)",
				MinTerraform.Original(), MinOpenTofu.Original(), LockfileTerraform.Original(), LockfileOpenTofu.Original())}
	}
	return nil
}

// SupportsLockfile reports whether the S3 backend's use_lockfile is understood.
func (b *Binary) SupportsLockfile() bool {
	if b.Flavor == OpenTofu {
		return !b.core().LessThan(LockfileOpenTofu)
	}
	return !b.core().LessThan(LockfileTerraform)
}

// CheckLockfile refuses a backend that sets use_lockfile with a binary that
// does not know it (it would fail in init with an unsupported-argument error).
func (b *Binary) CheckLockfile(useLockfile bool, file string) error {
	if useLockfile && !b.SupportsLockfile() {
		return fmt.Errorf("%s sets use_lockfile = true, which %s %s does not support: use Terraform >= %s or OpenTofu >= %s (--terraform PATH or %s)",
			file, b.Flavor, b.Version, LockfileTerraform.Original(), LockfileOpenTofu.Original(), EnvBinary)
	}
	return nil
}
