package cost

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// ResourceDiff is one resource's monthly cost at the base and in the working tree.
type ResourceDiff struct {
	Address  string  `json:"address"`
	Type     string  `json:"type"`
	Change   string  `json:"change"` // added, removed, changed
	BaseUSD  float64 `json:"base_usd"`
	HeadUSD  float64 `json:"head_usd"`
	DeltaUSD float64 `json:"delta_usd"`
}

// Diff compares two estimates of the same target.
type Diff struct {
	Target       string         `json:"target"`
	Base         string         `json:"base"`
	BaseUSD      float64        `json:"base_usd"`
	HeadUSD      float64        `json:"head_usd"`
	DeltaUSD     float64        `json:"delta_usd"`
	DeltaPercent *float64       `json:"delta_percent"` // nil when the base costs nothing
	Resources    []ResourceDiff `json:"resources"`     // those whose cost changed, added or removed
	NewUnpriced  []Unpriced     `json:"new_unpriced"`  // unpriced in the working tree, not at the base
}

// Compare lists the resources whose monthly cost differs between base and head.
func Compare(base, head *Estimate, ref string) *Diff {
	d := &Diff{Target: head.Target, Base: ref, BaseUSD: base.MonthlyUSD, HeadUSD: head.MonthlyUSD,
		DeltaUSD: round6(head.MonthlyUSD - base.MonthlyUSD), Resources: []ResourceDiff{}, NewUnpriced: []Unpriced{}}
	if base.MonthlyUSD > 0 {
		pct := round6(d.DeltaUSD / base.MonthlyUSD * 100)
		d.DeltaPercent = &pct
	}
	type pair struct {
		base, head *ResourceCost
	}
	all := map[string]*pair{}
	for i := range base.Resources {
		r := &base.Resources[i]
		all[r.Address] = &pair{base: r}
	}
	for i := range head.Resources {
		r := &head.Resources[i]
		if p, ok := all[r.Address]; ok {
			p.head = r
		} else {
			all[r.Address] = &pair{head: r}
		}
	}
	for _, addr := range sortedKeys(all) {
		p := all[addr]
		rd := ResourceDiff{Address: addr}
		switch {
		case p.base == nil:
			rd.Change, rd.Type, rd.HeadUSD = "added", p.head.Type, p.head.MonthlyUSD
		case p.head == nil:
			rd.Change, rd.Type, rd.BaseUSD = "removed", p.base.Type, p.base.MonthlyUSD
		default:
			rd.Change, rd.Type, rd.BaseUSD, rd.HeadUSD = "changed", p.head.Type, p.base.MonthlyUSD, p.head.MonthlyUSD
		}
		rd.DeltaUSD = round6(rd.HeadUSD - rd.BaseUSD)
		if rd.Change == "changed" && math.Abs(rd.DeltaUSD) < 0.000001 {
			continue
		}
		d.Resources = append(d.Resources, rd)
	}
	was := map[string]bool{}
	for _, u := range base.Unpriced {
		was[u.Address+"\x00"+u.Component] = true
	}
	for _, u := range head.Unpriced {
		if !was[u.Address+"\x00"+u.Component] {
			d.NewUnpriced = append(d.NewUnpriced, u)
		}
	}
	sort.SliceStable(d.Resources, func(i, j int) bool { return math.Abs(d.Resources[i].DeltaUSD) > math.Abs(d.Resources[j].DeltaUSD) })
	return d
}

// MaxIncrease is a --max-increase threshold: USD, or a percent of the base.
type MaxIncrease struct {
	USD     float64
	Percent float64
	IsPct   bool
}

// ParseMaxIncrease reads "50" or "$50" (USD per month) or "10%".
func ParseMaxIncrease(s string) (MaxIncrease, error) {
	t := strings.TrimSpace(s)
	if p, ok := strings.CutSuffix(t, "%"); ok {
		f, err := strconv.ParseFloat(p, 64)
		if err != nil || f < 0 {
			return MaxIncrease{}, fmt.Errorf("--max-increase %q: give USD per month (50) or a percent (10%%)", s)
		}
		return MaxIncrease{Percent: f, IsPct: true}, nil
	}
	t = strings.TrimPrefix(strings.TrimSuffix(strings.ToLower(t), "usd"), "$")
	f, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err != nil || f < 0 {
		return MaxIncrease{}, fmt.Errorf("--max-increase %q: give USD per month (50) or a percent (10%%)", s)
	}
	return MaxIncrease{USD: f}, nil
}

// Exceeded reports whether the diff's increase is above the threshold.
func (m MaxIncrease) Exceeded(d *Diff) bool {
	if m.IsPct {
		if d.DeltaPercent == nil {
			return d.DeltaUSD > 0
		}
		return *d.DeltaPercent > m.Percent
	}
	return d.DeltaUSD > m.USD
}

func (m MaxIncrease) String() string {
	if m.IsPct {
		return trimFloat(m.Percent) + "%"
	}
	return Money(m.USD)
}

// WriteDiff prints a diff as a table, markdown or JSON.
func WriteDiff(w io.Writer, format string, d *Diff) error {
	pct := "n/a (the base costs nothing)"
	if d.DeltaPercent != nil {
		pct = fmt.Sprintf("%+.1f%%", *d.DeltaPercent)
	}
	signed := func(f float64) string {
		if f >= 0 {
			return "+" + Money(f)
		}
		return Money(f)
	}
	switch format {
	case FormatJSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	case FormatMarkdown:
		fmt.Fprintf(w, "## %s: cost change against %s\n\n**%s -> %s per month (%s, %s)**\n\n", d.Target, d.Base, Money(d.BaseUSD), Money(d.HeadUSD), signed(d.DeltaUSD), pct)
		if len(d.Resources) > 0 {
			fmt.Fprintf(w, "| resource | change | base | now | difference |\n| --- | --- | ---: | ---: | ---: |\n")
			for _, r := range d.Resources {
				fmt.Fprintf(w, "| `%s` | %s | %s | %s | %s |\n", r.Address, r.Change, Money(r.BaseUSD), Money(r.HeadUSD), signed(r.DeltaUSD))
			}
			fmt.Fprintln(w)
		}
		for _, u := range d.NewUnpriced {
			fmt.Fprintf(w, "- newly unpriced: `%s` %s\n", u.Address, joinNonEmpty(": ", u.Component, u.Reason))
		}
		return nil
	case FormatTable:
		fmt.Fprintf(w, "%s: %s at %s -> %s now per month (%s, %s)\n", d.Target, Money(d.BaseUSD), d.Base, Money(d.HeadUSD), signed(d.DeltaUSD), pct)
		if len(d.Resources) == 0 {
			fmt.Fprintln(w, "no resource's cost changed")
		} else {
			t := &table{right: []bool{false, false, true, true, true}}
			t.row("RESOURCE", "CHANGE", "BASE", "NOW", "DIFFERENCE")
			for _, r := range d.Resources {
				t.row(r.Address, r.Change, Money(r.BaseUSD), Money(r.HeadUSD), signed(r.DeltaUSD))
			}
			t.write(w)
		}
		for _, u := range d.NewUnpriced {
			fmt.Fprintf(w, "newly unpriced: %s %s\n", u.Address, joinNonEmpty(": ", u.Component, u.Reason))
		}
		return nil
	}
	return fmt.Errorf("unknown format %q: valid are table, json, markdown", format)
}

// CheckoutRevision extracts the files of a git revision of the repository
// at repo into a new temporary directory (git archive: the repository and its
// working tree are left as they are). cleanup removes the directory.
func CheckoutRevision(ctx context.Context, repo, ref string) (dir string, cleanup func(), err error) {
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "git", "-C", repo, "rev-parse", "--verify", "--quiet", ref+"^{commit}")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", nil, fmt.Errorf("--base %q: no such git revision in %s", ref, repo)
		}
		return "", nil, fmt.Errorf("--base %q: cannot run git: %v", ref, err)
	}
	commit := strings.TrimSpace(string(out))
	dir, err = os.MkdirTemp("", "cfctl-cost-base-")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	archive := exec.CommandContext(ctx, "git", "-C", repo, "archive", "--format=tar", commit)
	stdout, err := archive.StdoutPipe()
	if err != nil {
		cleanup()
		return "", nil, err
	}
	stderr.Reset()
	archive.Stderr = &stderr
	if err := archive.Start(); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("git archive: %v", err)
	}
	extractErr := extractTar(stdout, dir)
	io.Copy(io.Discard, stdout)
	if err := archive.Wait(); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("git archive %s: %v: %s", ref, err, strings.TrimSpace(stderr.String()))
	}
	if extractErr != nil {
		cleanup()
		return "", nil, fmt.Errorf("extracting %s: %v", ref, extractErr)
	}
	return dir, cleanup, nil
}

func extractTar(r io.Reader, dir string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		name := filepath.Clean(filepath.FromSlash(h.Name))
		if name == "." || strings.HasPrefix(name, "..") || filepath.IsAbs(name) {
			continue
		}
		path := filepath.Join(dir, name)
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(path, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
			if err != nil {
				return err
			}
			if _, err := io.Copy(f, tr); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
		case tar.TypeSymlink:
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.Symlink(h.Linkname, path); err != nil {
				return err
			}
		}
	}
}
