// Package deploycheck is the blue/green lifecycle hook of the Candlefish
// ECS services: ECS invokes it (as a Lambda function) at deployment stages;
// it probes the new service revision through the load balancer's test
// listener (health path and smoke paths, expected status codes, a latency
// budget) and answers SUCCEEDED, FAILED or IN_PROGRESS as ECS expects.
//
// A revision passes only after RequiredPasses consecutive clean rounds, so a
// flapping revision never passes; it fails after MaxAttempts failed rounds.
// The counters travel between invocations in hookDetails, as ECS passes back
// whatever an IN_PROGRESS answer returned.
package deploycheck

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Hook statuses ECS understands.
const (
	StatusSucceeded  = "SUCCEEDED"
	StatusFailed     = "FAILED"
	StatusInProgress = "IN_PROGRESS"
)

// Stages are ECS's deployment lifecycle stages.
var Stages = []string{
	"RECONCILE_SERVICE", "PRE_SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT",
	"POST_TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT",
}

// Event is what ECS sends to a lifecycle hook.
type Event struct {
	ExecutionID      string           `json:"executionId"`
	LifecycleStage   string           `json:"lifecycleStage"`
	ResourceArn      string           `json:"resourceArn"`
	ExecutionDetails ExecutionDetails `json:"executionDetails"`
	HookDetails      map[string]any   `json:"hookDetails,omitempty"`
}

// ExecutionDetails describe the deployment.
type ExecutionDetails struct {
	ServiceArn               string         `json:"serviceArn"`
	TargetServiceRevisionArn string         `json:"targetServiceRevisionArn"`
	TestTrafficWeights       map[string]int `json:"testTrafficWeights,omitempty"`
	ProductionTrafficWeights map[string]int `json:"productionTrafficWeights,omitempty"`
}

// Response is the hook's answer.
type Response struct {
	HookStatus    string         `json:"hookStatus"`
	CallBackDelay int            `json:"callBackDelay,omitempty"` // seconds until ECS invokes again (IN_PROGRESS)
	HookDetails   map[string]any `json:"hookDetails,omitempty"`
	// Reason is not read by ECS; it lands in the function's log.
	Reason string `json:"reason,omitempty"`
}

// Config says what to probe and how strictly.
type Config struct {
	BaseURL        string        // test listener, e.g. https://alb.example.com:8443
	HostHeader     string        // optional Host header (the public host name)
	HealthPath     string        // e.g. /health
	SmokePaths     []string      // further paths that must answer
	Expected       StatusSet     // accepted status codes
	LatencyBudget  time.Duration // each request must answer within this
	RequiredPasses int           // consecutive clean rounds before SUCCEEDED
	MaxAttempts    int           // failed rounds before FAILED
	CallBackDelay  int           // seconds between rounds
	ProbeStages    map[string]bool
}

// StatusSet is a set of accepted HTTP status codes, parsed from "200-299,304".
type StatusSet [][2]int

// ParseStatusSet reads a comma-separated list of codes and ranges.
func ParseStatusSet(s string) (StatusSet, error) {
	var out StatusSet
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(part, "-")
		a, err1 := strconv.Atoi(strings.TrimSpace(lo))
		b := a
		var err2 error
		if isRange {
			b, err2 = strconv.Atoi(strings.TrimSpace(hi))
		}
		if err1 != nil || err2 != nil || a < 100 || b > 599 || a > b {
			return nil, fmt.Errorf("EXPECTED_STATUS %q: give codes or ranges between 100 and 599, e.g. 200-299,304", part)
		}
		out = append(out, [2]int{a, b})
	}
	if len(out) == 0 {
		return nil, errors.New("EXPECTED_STATUS is empty: give codes or ranges, e.g. 200-299")
	}
	return out, nil
}

// Contains reports whether code is accepted.
func (s StatusSet) Contains(code int) bool {
	for _, r := range s {
		if code >= r[0] && code <= r[1] {
			return true
		}
	}
	return false
}

// ConfigFromEnv reads the configuration from the function's environment:
// TEST_URL (required), HOST_HEADER, HEALTH_PATH (/health), SMOKE_PATHS (comma
// separated), EXPECTED_STATUS (200-399), LATENCY_BUDGET_MS (1000),
// REQUIRED_PASSES (3), MAX_ATTEMPTS (10), CALLBACK_DELAY_SECONDS (15),
// PROBE_STAGES (POST_TEST_TRAFFIC_SHIFT).
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	get := func(k, def string) string {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
		return def
	}
	c := Config{BaseURL: strings.TrimRight(get("TEST_URL", ""), "/"), HostHeader: get("HOST_HEADER", ""), HealthPath: get("HEALTH_PATH", "/health")}
	if c.BaseURL == "" || !(strings.HasPrefix(c.BaseURL, "http://") || strings.HasPrefix(c.BaseURL, "https://")) {
		return c, fmt.Errorf("TEST_URL %q: set it to the test listener's URL, e.g. https://alb.example.com:8443", c.BaseURL)
	}
	for _, p := range strings.Split(get("SMOKE_PATHS", ""), ",") {
		if p = strings.TrimSpace(p); p != "" {
			c.SmokePaths = append(c.SmokePaths, p)
		}
	}
	var err error
	if c.Expected, err = ParseStatusSet(get("EXPECTED_STATUS", "200-399")); err != nil {
		return c, err
	}
	ints := map[string]*int{}
	var budget int
	ints["LATENCY_BUDGET_MS"], ints["REQUIRED_PASSES"], ints["MAX_ATTEMPTS"], ints["CALLBACK_DELAY_SECONDS"] = &budget, &c.RequiredPasses, &c.MaxAttempts, &c.CallBackDelay
	defaults := map[string]string{"LATENCY_BUDGET_MS": "1000", "REQUIRED_PASSES": "3", "MAX_ATTEMPTS": "10", "CALLBACK_DELAY_SECONDS": "15"}
	keys := make([]string, 0, len(ints))
	for k := range ints {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		n, err := strconv.Atoi(get(k, defaults[k]))
		if err != nil || n < 1 {
			return c, fmt.Errorf("%s %q: give a whole number of at least 1", k, get(k, defaults[k]))
		}
		*ints[k] = n
	}
	c.LatencyBudget = time.Duration(budget) * time.Millisecond
	c.ProbeStages = map[string]bool{}
	for _, s := range strings.Split(get("PROBE_STAGES", "POST_TEST_TRAFFIC_SHIFT"), ",") {
		s = strings.TrimSpace(s)
		if !isStage(s) {
			return c, fmt.Errorf("PROBE_STAGES: %q is not an ECS lifecycle stage (valid: %s)", s, strings.Join(Stages, ", "))
		}
		c.ProbeStages[s] = true
	}
	return c, nil
}

// EnvConfig reads the configuration from the process environment.
func EnvConfig() (Config, error) { return ConfigFromEnv(os.Getenv) }

func isStage(s string) bool {
	for _, st := range Stages {
		if st == s {
			return true
		}
	}
	return false
}

// Checker answers lifecycle hook events.
type Checker struct {
	Config Config
	Client *http.Client
}

// New returns a checker whose HTTP client gives up after the latency budget
// (plus a margin, so a slow answer is measured rather than cut off).
func New(c Config) *Checker {
	return &Checker{Config: c, Client: &http.Client{Timeout: c.LatencyBudget + 2*time.Second}}
}

// Handle answers one invocation. It never returns an error: a bad event is a
// FAILED answer with the reason, so ECS rolls back instead of guessing.
func (c *Checker) Handle(ctx context.Context, ev Event) (Response, error) {
	if err := validate(ev); err != nil {
		return Response{HookStatus: StatusFailed, Reason: "bad event: " + err.Error()}, nil
	}
	if !c.Config.ProbeStages[ev.LifecycleStage] {
		return Response{HookStatus: StatusSucceeded, Reason: "stage " + ev.LifecycleStage + " is not probed"}, nil
	}
	attempt := counter(ev.HookDetails, "attempt") + 1
	passes, failed := counter(ev.HookDetails, "passes"), counter(ev.HookDetails, "failed")
	problems := c.round(ctx)
	details := map[string]any{"attempt": attempt}
	if len(problems) == 0 {
		passes++
		if passes >= c.Config.RequiredPasses {
			return Response{HookStatus: StatusSucceeded, Reason: fmt.Sprintf("%d consecutive clean rounds", passes)}, nil
		}
	} else {
		passes, failed = 0, failed+1
		details["last_problem"] = strings.Join(problems, "; ")
		if failed >= c.Config.MaxAttempts {
			return Response{HookStatus: StatusFailed, Reason: fmt.Sprintf("%d failed rounds; last: %s", failed, details["last_problem"])}, nil
		}
	}
	details["passes"], details["failed"] = passes, failed
	return Response{HookStatus: StatusInProgress, CallBackDelay: c.Config.CallBackDelay, HookDetails: details,
		Reason: fmt.Sprintf("round %d: %d of %d clean rounds in a row, %d failed of %d allowed", attempt, passes, c.Config.RequiredPasses, failed, c.Config.MaxAttempts)}, nil
}

func validate(ev Event) error {
	var missing []string
	if ev.ExecutionID == "" {
		missing = append(missing, "executionId")
	}
	if ev.LifecycleStage == "" {
		missing = append(missing, "lifecycleStage")
	}
	if ev.ExecutionDetails.ServiceArn == "" {
		missing = append(missing, "executionDetails.serviceArn")
	}
	if ev.ExecutionDetails.TargetServiceRevisionArn == "" {
		missing = append(missing, "executionDetails.targetServiceRevisionArn")
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing %s", strings.Join(missing, ", "))
	}
	if !isStage(ev.LifecycleStage) {
		return fmt.Errorf("unknown lifecycle stage %q (valid: %s)", ev.LifecycleStage, strings.Join(Stages, ", "))
	}
	return nil
}

// round probes every path once and returns what was wrong.
func (c *Checker) round(ctx context.Context) []string {
	var problems []string
	for _, p := range append([]string{c.Config.HealthPath}, c.Config.SmokePaths...) {
		if msg := c.probe(ctx, p); msg != "" {
			problems = append(problems, msg)
		}
	}
	return problems
}

func (c *Checker) probe(ctx context.Context, path string) string {
	url := c.Config.BaseURL + "/" + strings.TrimLeft(path, "/")
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Sprintf("%s: %v", path, err)
	}
	if c.Config.HostHeader != "" {
		req.Host = c.Config.HostHeader
	}
	req.Header.Set("User-Agent", "candlefish-deploycheck")
	start := time.Now()
	resp, err := c.Client.Do(req)
	elapsed := time.Since(start)
	if err != nil {
		return fmt.Sprintf("%s: %v", path, err)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	_ = resp.Body.Close()
	switch {
	case !c.Config.Expected.Contains(resp.StatusCode):
		return fmt.Sprintf("%s: status %d", path, resp.StatusCode)
	case elapsed > c.Config.LatencyBudget:
		return fmt.Sprintf("%s: took %s, budget %s", path, elapsed.Round(time.Millisecond), c.Config.LatencyBudget)
	}
	return ""
}

// counter reads a whole number from hookDetails (JSON numbers arrive as float64).
func counter(d map[string]any, key string) int {
	switch v := d[key].(type) {
	case float64:
		return int(v)
	case int:
		return v
	case json.Number:
		n, _ := v.Int64()
		return int(n)
	}
	return 0
}
