package cost

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
)

func init() {
	register("CloudWatch", priceLogGroup, "aws_cloudwatch_log_group")
	register("CloudWatch", priceMetricAlarm, "aws_cloudwatch_metric_alarm")
	register("CloudWatch", priceDashboard, "aws_cloudwatch_dashboard")
	register("CloudWatch", priceMetricFilter, "aws_cloudwatch_log_metric_filter")
	register("Synthetics", priceCanary, "aws_synthetics_canary")
	register("SNS", priceSNSTopic, "aws_sns_topic")
	register("Budgets", priceBudget, "aws_budgets_budget")
	register("Budgets", priceAnomalyDetection, "aws_ce_anomaly_monitor", "aws_ce_anomaly_subscription")
}

func priceLogGroup(e *engine, b *builder) {
	if class := b.text("log_group_class"); class != "" && class != "STANDARD" {
		b.unpricedComponent("log ingestion and storage", "log group class "+class+": prices.tsv has Standard class prices only")
		return
	}
	b.usageLine("log ingestion", "cloudwatch_logs_ingestion", "monthly_data_ingested_gb", identity)
	l := b.usageLine("log storage", "cloudwatch_logs_storage", "storage_gb", identity)
	if days, ok, _ := b.value("retention_in_days"); ok && l.Unit != "" {
		l.Note = fmt.Sprintf("retention %s days", trimFloat(days))
	}
	b.noPrice("monthly_data_scanned_gb", "Logs Insights queries")
}

func priceMetricAlarm(e *engine, b *builder) {
	if period, ok, _ := b.value("period"); ok && period < 60 {
		b.unpricedComponent("high-resolution alarm", "prices.tsv has standard-resolution alarm prices only")
		return
	}
	metrics := 0
	for _, q := range blocks(b.r.Values["metric_query"]) {
		if len(blocks(q["metric"])) > 0 {
			metrics++
		}
	}
	what := "1 metric"
	if metrics == 0 {
		metrics = 1
	} else {
		what = fmt.Sprintf("%d metric(s) in its metric queries", metrics)
	}
	if id, _ := str(b.r.Values["threshold_metric_id"]); id != "" {
		metrics *= 3
		what += "; anomaly detection bills 3 metrics per metric"
	}
	b.line("standard-resolution alarm metrics", "cloudwatch_alarm", float64(metrics)).Note = what
}

func priceDashboard(e *engine, b *builder) {
	b.line("dashboard", "cloudwatch_dashboard", 1)
}

func priceMetricFilter(e *engine, b *builder) {
	n := len(blocks(b.r.Values["metric_transformation"]))
	if n == 0 {
		return
	}
	b.line("custom metric from the metric filter", "cloudwatch_metric", float64(n)).Note = "billed once the filter publishes data; each dimension combination is a further metric"
}

var rateExpr = regexp.MustCompile(`^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$`)

func priceCanary(e *engine, b *builder) {
	runs, fromUsage := b.use("monthly_runs")
	if !fromUsage {
		if started, _ := boolean(b.r.Values["start_canary"]); !started {
			b.note("start_canary is not true: the canary is created stopped and runs nothing")
			return
		}
		expr := ""
		if s := first(b.r.Values["schedule"]); s != nil {
			expr, _ = str(s["expression"])
		}
		m := rateExpr.FindStringSubmatch(expr)
		switch {
		case expr == "rate(0 minute)" || expr == "rate(0 minutes)":
			runs = 1
		case m != nil:
			n, _ := strconv.ParseFloat(m[1], 64)
			minutes := n
			switch m[2] {
			case "hour", "hours":
				minutes = n * 60
			case "day", "days":
				minutes = n * 1440
			}
			if minutes == 0 {
				runs = 1
			} else {
				runs = math.Floor(HoursPerMonth * 60 / minutes)
			}
		default:
			b.dependsOn("canary runs (schedule "+expr+")", "monthly_runs")
			return
		}
	}
	l := b.line("canary runs", "synthetics_run", runs)
	if fromUsage {
		l.UsageKey = "monthly_runs"
	} else {
		l.Note = "from the schedule over 730 h"
	}
	e.assume("", "Synthetics canaries: only the per-run price is counted; the Lambda, S3 and CloudWatch charges of their runs are not.")
}

func priceSNSTopic(e *engine, b *builder) {
	req, ok := b.use("monthly_requests")
	if !ok {
		b.dependsOn("publishes", "monthly_requests")
		return
	}
	chunks := 1.0
	if kb, ok := b.use("request_size_kb"); ok && kb > 64 {
		chunks = math.Ceil(kb / 64)
	}
	l := b.line("publishes", "sns_publishes", req*chunks/1e6)
	l.UsageKey = "monthly_requests"
	if chunks > 1 {
		l.Note = fmt.Sprintf("each message billed as %s 64 KB chunks", trimFloat(chunks))
	}
	emails, fromUsage := b.use("email_subscriptions")
	if !fromUsage {
		for _, s := range e.referrers(b.r, "aws_sns_topic_subscription") {
			if p, _ := str(s.Values["protocol"]); p == "email" || p == "email-json" {
				emails++
			}
		}
	}
	if emails > 0 {
		l := b.line("email deliveries", "sns_email", req*emails/1e5)
		l.UsageKey = "monthly_requests"
		l.Note = fmt.Sprintf("%s email subscription(s)", trimFloat(emails))
	}
	b.noPrice("http_subscriptions", "HTTP/HTTPS deliveries")
	b.noPrice("sms_subscriptions", "SMS deliveries")
}

// priceBudget: an account's first two budgets are free, each further one is
// billed per day. cfctl sees one environment, so it counts its budgets only.
func priceBudget(e *engine, b *builder) {
	budgets := e.byType["aws_budgets_budget"]
	pos := 0
	for i, r := range budgets {
		if r == b.r {
			pos = i
		}
	}
	if pos < 2 {
		b.line("budget (one of the account's first two)", "budgets_first_two", 1)
	} else {
		b.line("budget beyond the first two", "budgets_each_further", HoursPerMonth/24.0).Note = "730 / 24 days"
	}
	e.assume("", "AWS Budgets: the first two budgets of an account are free; cfctl counts only the environment's own budgets.")
}

func priceAnomalyDetection(e *engine, b *builder) {
	b.line("Cost Anomaly Detection", "anomaly_detection", 1)
}
