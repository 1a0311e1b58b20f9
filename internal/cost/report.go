package cost

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Formats of WriteReport.
const (
	FormatTable    = "table"
	FormatJSON     = "json"
	FormatMarkdown = "markdown"
)

// WriteReport writes one or more estimates in a format.
func WriteReport(w io.Writer, format string, ests []*Estimate) error {
	switch format {
	case FormatJSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if len(ests) == 1 {
			return enc.Encode(ests[0])
		}
		return enc.Encode(map[string]any{"estimates": ests})
	case FormatMarkdown:
		for i, est := range ests {
			if i > 0 {
				fmt.Fprintln(w)
			}
			writeMarkdown(w, est, "##")
		}
		return nil
	case FormatTable:
		for i, est := range ests {
			if i > 0 {
				fmt.Fprintln(w)
			}
			writeTable(w, est)
		}
		return nil
	}
	return fmt.Errorf("unknown format %q: valid are table, json, markdown", format)
}

// Money formats dollars with cents and thousands separators: $1,234.56.
func Money(f float64) string {
	neg := f < 0
	s := strconv.FormatFloat(math.Abs(f), 'f', 2, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	s = "$" + thousands(intPart) + "." + frac
	if neg {
		return "-" + s
	}
	return s
}

func thousands(digits string) string {
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func quantity(f float64) string {
	s := strconv.FormatFloat(math.Round(f*1e4)/1e4, 'f', -1, 64)
	intPart, frac, hasFrac := strings.Cut(s, ".")
	out := thousands(intPart)
	if hasFrac {
		out += "." + frac
	}
	return out
}

func unitPrice(f float64) string {
	return "$" + strconv.FormatFloat(math.Round(f*1e10)/1e10, 'f', -1, 64)
}

// BudgetLine says how the total compares with the budget.
func (est *Estimate) BudgetLine() string {
	total := Money(est.MonthlyUSD) + " per month"
	if est.BudgetUSD == nil {
		return total + "; no budget (no aws_budgets_budget with a monthly USD cost limit)"
	}
	b := *est.BudgetUSD
	pct := ""
	if b > 0 {
		pct = fmt.Sprintf(", %.0f%% of it", est.MonthlyUSD/b*100)
	}
	if est.OverBudget {
		return fmt.Sprintf("%s; OVER the budget of %s (%s) by %s%s", total, Money(b), est.BudgetAddress, Money(est.MonthlyUSD-b), pct)
	}
	return fmt.Sprintf("%s; within the budget of %s (%s)%s", total, Money(b), est.BudgetAddress, pct)
}

func (est *Estimate) title() string {
	t := est.Target
	if est.Dir != "" && est.Dir != est.Target {
		t += " (" + est.Dir + ")"
	}
	return t
}

func (est *Estimate) usageLine() string {
	if est.UsageFile == "" {
		return "usage file: none (usage-based components cost $0 and are listed as usage-dependent)"
	}
	s := "usage file: " + est.UsageFile
	if est.Traffic != 1 {
		s += fmt.Sprintf(", traffic x%s", trimFloat(est.Traffic))
	}
	if est.MonthlyRequests > 0 {
		s += fmt.Sprintf(" (%s requests per month)", quantity(est.MonthlyRequests))
	}
	return s
}

// extras groups the usage-dependent and unpriced components by address.
func (est *Estimate) extras() (map[string][]UsageDependent, map[string][]Unpriced, []Unpriced) {
	dep := map[string][]UsageDependent{}
	for _, d := range est.UsageDependent {
		dep[d.Address] = append(dep[d.Address], d)
	}
	comp := map[string][]Unpriced{}
	var whole []Unpriced
	priced := map[string]bool{}
	for _, r := range est.Resources {
		priced[r.Address] = true
	}
	for _, u := range est.Unpriced {
		if priced[u.Address] {
			comp[u.Address] = append(comp[u.Address], u)
		} else {
			whole = append(whole, u)
		}
	}
	return dep, comp, whole
}

func localAddress(module, address string) string {
	if module == "" {
		return address
	}
	return strings.TrimPrefix(address, module+".")
}

// byModule groups resource costs by module ("" first), keeping address order.
func (est *Estimate) byModule() ([]string, map[string][]ResourceCost) {
	groups := map[string][]ResourceCost{}
	for _, r := range est.Resources {
		groups[r.Module] = append(groups[r.Module], r)
	}
	keys := sortedKeys(groups)
	return keys, groups
}

func moduleName(m string) string {
	if m == "" {
		return "root module"
	}
	return m
}

func writeTable(w io.Writer, est *Estimate) {
	fmt.Fprintf(w, "%s: %s\n", est.title(), est.BudgetLine())
	fmt.Fprintln(w, est.usageLine())
	dep, comp, whole := est.extras()
	modTotals := map[string]float64{}
	for _, t := range est.Modules {
		modTotals[t.Name] = t.MonthlyUSD
	}
	t := &table{right: []bool{false, true, false, true, true}}
	t.row("RESOURCE / COMPONENT", "QUANTITY", "UNIT", "UNIT PRICE", "MONTHLY")
	keys, groups := est.byModule()
	for _, k := range keys {
		t.row(moduleName(k), "", "", "", Money(modTotals[moduleName(k)]))
		for _, r := range groups[k] {
			if len(r.Lines) == 0 && len(dep[r.Address]) == 0 && len(comp[r.Address]) == 0 {
				continue
			}
			t.row("  "+localAddress(k, r.Address)+"  ["+r.Service+"]", "", "", "", Money(r.MonthlyUSD))
			for _, l := range r.Lines {
				name := "    " + l.Component
				if l.Assumption {
					name += " (assumption)"
				}
				t.row(name, quantity(l.Quantity), l.Unit, unitPrice(l.UnitPrice), Money(l.MonthlyUSD))
			}
			for _, d := range dep[r.Address] {
				t.row("    "+d.Component, "-", "", "", "$0.00", "usage-dependent: set "+d.UsageKey)
			}
			for _, u := range comp[r.Address] {
				t.row("    "+u.Component, "-", "", "", "-", "unpriced: "+u.Reason)
			}
			for _, n := range r.Notes {
				t.row("    note: "+n, "", "", "", "")
			}
		}
	}
	t.write(w)
	fmt.Fprintln(w, "\nBy service:")
	st := &table{right: []bool{false, true}}
	for _, s := range est.Services {
		st.row("  "+s.Name, Money(s.MonthlyUSD))
	}
	st.write(w)
	fmt.Fprintln(w, "\nBy module:")
	mt := &table{right: []bool{false, true}}
	for _, m := range est.Modules {
		mt.row("  "+m.Name, Money(m.MonthlyUSD))
	}
	mt.write(w)
	if len(whole) > 0 {
		fmt.Fprintf(w, "\nUnpriced resources (%d, not in the total):\n", len(whole))
		ut := &table{right: []bool{false, false}}
		for _, u := range whole {
			ut.row("  "+u.Address, u.Reason)
		}
		ut.write(w)
	}
	if n := len(est.UsageDependent); n > 0 {
		fmt.Fprintf(w, "\n%d usage-dependent component(s) counted as $0: give their quantities in the usage file (listed above).\n", n)
	}
	if len(est.Free) > 0 {
		count := 0
		var parts []string
		for _, f := range est.Free {
			count += f.Count
			parts = append(parts, fmt.Sprintf("%s x%d", f.Type, f.Count))
		}
		fmt.Fprintf(w, "\nFree (no charge by themselves, %d resources): %s\n", count, strings.Join(parts, ", "))
	}
	fmt.Fprintln(w, "\nAssumptions:")
	for _, a := range est.Assumptions {
		fmt.Fprintf(w, "  - %s\n", a.Text)
	}
	for _, n := range est.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	fmt.Fprintf(w, "\nTotal: %s\n", est.BudgetLine())
}

func writeMarkdown(w io.Writer, est *Estimate, h string) {
	fmt.Fprintf(w, "%s %s\n\n", h, est.title())
	fmt.Fprintf(w, "**%s**\n\n", est.BudgetLine())
	fmt.Fprintf(w, "%s\n\n", est.usageLine())
	fmt.Fprintf(w, "%s# By service\n\n| service | monthly |\n| --- | ---: |\n", h)
	for _, s := range est.Services {
		fmt.Fprintf(w, "| %s | %s |\n", s.Name, Money(s.MonthlyUSD))
	}
	fmt.Fprintf(w, "| **total** | **%s** |\n\n", Money(est.MonthlyUSD))
	dep, comp, whole := est.extras()
	fmt.Fprintf(w, "%s# By module and resource\n\n| resource | component | quantity | unit | unit price | monthly |\n| --- | --- | ---: | --- | ---: | ---: |\n", h)
	keys, groups := est.byModule()
	modTotals := map[string]float64{}
	for _, t := range est.Modules {
		modTotals[t.Name] = t.MonthlyUSD
	}
	for _, k := range keys {
		fmt.Fprintf(w, "| **%s** | | | | | **%s** |\n", moduleName(k), Money(modTotals[moduleName(k)]))
		for _, r := range groups[k] {
			if len(r.Lines) == 0 && len(dep[r.Address]) == 0 && len(comp[r.Address]) == 0 {
				continue
			}
			addr := "`" + localAddress(k, r.Address) + "`"
			for _, l := range r.Lines {
				name := l.Component
				if l.Assumption {
					name += " (assumption)"
				}
				fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", addr, mdEscape(name), quantity(l.Quantity), l.Unit, unitPrice(l.UnitPrice), Money(l.MonthlyUSD))
				addr = ""
			}
			for _, d := range dep[r.Address] {
				fmt.Fprintf(w, "| %s | %s: usage-dependent, set `%s` | - | | | $0.00 |\n", addr, mdEscape(d.Component), d.UsageKey)
				addr = ""
			}
			for _, u := range comp[r.Address] {
				fmt.Fprintf(w, "| %s | %s: unpriced, %s | - | | | - |\n", addr, mdEscape(u.Component), mdEscape(u.Reason))
				addr = ""
			}
		}
	}
	fmt.Fprintln(w)
	if len(whole) > 0 {
		fmt.Fprintf(w, "%s# Unpriced resources\n\n| resource | reason |\n| --- | --- |\n", h)
		for _, u := range whole {
			fmt.Fprintf(w, "| `%s` | %s |\n", u.Address, mdEscape(u.Reason))
		}
		fmt.Fprintln(w)
	}
	if len(est.Free) > 0 {
		fmt.Fprintf(w, "%s# Free resources\n\n| type | count | why free |\n| --- | ---: | --- |\n", h)
		for _, f := range est.Free {
			fmt.Fprintf(w, "| `%s` | %d | %s |\n", f.Type, f.Count, mdEscape(f.Source))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%s# Assumptions\n\n", h)
	for _, a := range est.Assumptions {
		fmt.Fprintf(w, "- %s\n", mdEscape(a.Text))
	}
	for _, n := range est.Notes {
		fmt.Fprintf(w, "- note: %s\n", mdEscape(n))
	}
	fmt.Fprintln(w)
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// table aligns columns, right-aligned where asked, two spaces apart. Cells
// beyond the aligned columns are appended as they are (notes).
type table struct {
	rows  [][]string
	right []bool
}

func (t *table) row(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer) {
	widths := make([]int, len(t.right))
	for _, r := range t.rows {
		for i, c := range r {
			if i < len(widths) {
				widths[i] = max(widths[i], len(c))
			}
		}
	}
	for _, r := range t.rows {
		var b strings.Builder
		for i, c := range r {
			if i > 0 {
				b.WriteString("  ")
			}
			if i >= len(widths) {
				b.WriteString(c)
				continue
			}
			pad := strings.Repeat(" ", widths[i]-len(c))
			if t.right[i] {
				b.WriteString(pad + c)
			} else {
				b.WriteString(c + pad)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}
