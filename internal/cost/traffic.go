package cost

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/candlefish-ai/infrastructure/internal/model"
)

// TrafficPoint is the cost at one traffic multiplier.
type TrafficPoint struct {
	Traffic         float64 `json:"traffic"`
	MonthlyRequests float64 `json:"monthly_requests"`
	MonthlyUSD      float64 `json:"monthly_usd"`
	PerMillionUSD   float64 `json:"per_million_requests_usd"`
}

// Curve is an environment's cost at several traffic multipliers.
type Curve struct {
	Target    string         `json:"target"`
	UsageFile string         `json:"usage_file"`
	BudgetUSD *float64       `json:"budget_usd"`
	Points    []TrafficPoint `json:"points"`
}

// ParseTraffic reads a comma-separated list of positive multipliers: 1,10,100.
func ParseTraffic(s string) ([]float64, error) {
	var out []float64
	for _, part := range strings.Split(s, ",") {
		f, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil || f <= 0 || math.IsInf(f, 0) {
			return nil, fmt.Errorf("--traffic %q: give positive multipliers separated by commas, e.g. 1,10,100", s)
		}
		out = append(out, f)
	}
	return out, nil
}

// TrafficCurve prices the resources at each multiplier: the usage file's
// traffic-driven quantities and the services' task counts (within their
// autoscaling bounds) scale, the rest stays.
func TrafficCurve(target string, resources []*model.Resource, usage *Usage, factors []float64) (*Curve, error) {
	if usage == nil || usage.MonthlyRequests <= 0 {
		return nil, fmt.Errorf("%s: --traffic needs a usage file with traffic.monthly_requests (the requests per month at traffic 1)", target)
	}
	c := &Curve{Target: target, UsageFile: usage.File, Points: []TrafficPoint{}}
	for _, f := range factors {
		est := Compute(target, resources, Options{Usage: usage, Traffic: f})
		c.BudgetUSD = est.BudgetUSD
		p := TrafficPoint{Traffic: f, MonthlyRequests: usage.MonthlyRequests * f, MonthlyUSD: est.MonthlyUSD}
		p.PerMillionUSD = round6(est.MonthlyUSD / (p.MonthlyRequests / 1e6))
		c.Points = append(c.Points, p)
	}
	return c, nil
}

// WriteCurves prints the curves as a table (or markdown table).
func WriteCurves(w io.Writer, format string, curves []*Curve) {
	for i, c := range curves {
		if i > 0 {
			fmt.Fprintln(w)
		}
		budget := "no budget"
		if c.BudgetUSD != nil {
			budget = "budget " + Money(*c.BudgetUSD)
		}
		if format == FormatMarkdown {
			fmt.Fprintf(w, "### %s: cost versus traffic (%s)\n\n| traffic | requests per month | monthly | per million requests |\n| ---: | ---: | ---: | ---: |\n", c.Target, budget)
			for _, p := range c.Points {
				fmt.Fprintf(w, "| x%s | %s | %s | %s |\n", trimFloat(p.Traffic), quantity(p.MonthlyRequests), Money(p.MonthlyUSD), Money(p.PerMillionUSD))
			}
			continue
		}
		fmt.Fprintf(w, "%s: cost versus traffic (usage file %s, %s)\n", c.Target, c.UsageFile, budget)
		t := &table{right: []bool{true, true, true, true}}
		t.row("TRAFFIC", "REQUESTS/MONTH", "MONTHLY", "PER MILLION REQUESTS")
		for _, p := range c.Points {
			t.row("x"+trimFloat(p.Traffic), quantity(p.MonthlyRequests), Money(p.MonthlyUSD), Money(p.PerMillionUSD))
		}
		t.write(w)
	}
}

// PlotCurves draws monthly cost against requests per month, one line per
// environment, as png or svg.
func PlotCurves(curves []*Curve, format string) ([]byte, error) {
	if format != "png" && format != "svg" {
		return nil, fmt.Errorf("plot format %q: valid are png, svg", format)
	}
	p := plot.New()
	p.Title.Text = "Monthly cost versus traffic"
	p.X.Label.Text = "requests per month"
	p.Y.Label.Text = "USD per month"
	lo, hi := math.Inf(1), 0.0
	for _, c := range curves {
		for _, pt := range c.Points {
			lo, hi = math.Min(lo, pt.MonthlyRequests), math.Max(hi, pt.MonthlyRequests)
		}
	}
	if hi > 0 && hi/lo >= 10 {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	}
	p.Legend.Top = true
	p.Legend.Left = true
	p.Add(plotter.NewGrid())
	var args []any
	for _, c := range curves {
		xys := make(plotter.XYs, len(c.Points))
		for i, pt := range c.Points {
			xys[i].X, xys[i].Y = pt.MonthlyRequests, pt.MonthlyUSD
		}
		args = append(args, c.Target, xys)
	}
	if err := plotutil.AddLinePoints(p, args...); err != nil {
		return nil, err
	}
	wt, err := p.WriterTo(7*vg.Inch, 4.5*vg.Inch, format)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
