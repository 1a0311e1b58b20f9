package deploycheck

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func config(url string) Config {
	return Config{
		BaseURL: url, HealthPath: "/health", SmokePaths: []string{"/api/ping", "/"},
		Expected: StatusSet{{200, 299}}, LatencyBudget: 200 * time.Millisecond,
		RequiredPasses: 3, MaxAttempts: 4, CallBackDelay: 15,
		ProbeStages: map[string]bool{"POST_TEST_TRAFFIC_SHIFT": true},
	}
}

func event() Event {
	return Event{
		ExecutionID: "exec-1", LifecycleStage: "POST_TEST_TRAFFIC_SHIFT",
		ResourceArn: "arn:aws:ecs:us-east-1:123456789012:service-deployment/c/s/abc",
		ExecutionDetails: ExecutionDetails{
			ServiceArn:               "arn:aws:ecs:us-east-1:123456789012:service/c/s",
			TargetServiceRevisionArn: "arn:aws:ecs:us-east-1:123456789012:service-revision/c/s/2",
		},
	}
}

// deploy plays ECS: it invokes the hook until it stops answering
// IN_PROGRESS, passing hookDetails back through JSON as ECS does.
func deploy(t *testing.T, c *Checker) (Response, int) {
	t.Helper()
	ev := event()
	for i := 1; i <= 50; i++ {
		resp, err := c.Handle(context.Background(), ev)
		if err != nil {
			t.Fatalf("invocation %d: %v", i, err)
		}
		if resp.HookStatus != StatusInProgress {
			return resp, i
		}
		if resp.CallBackDelay != 15 {
			t.Errorf("IN_PROGRESS without the configured callBackDelay: %+v", resp)
		}
		raw, _ := json.Marshal(resp.HookDetails)
		ev.HookDetails = nil
		if err := json.Unmarshal(raw, &ev.HookDetails); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatal("the hook never finished")
	return Response{}, 0
}

func TestHealthyRevisionSucceedsAfterRequiredPasses(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	resp, rounds := deploy(t, New(config(srv.URL)))
	if resp.HookStatus != StatusSucceeded || rounds != 3 {
		t.Fatalf("want SUCCEEDED after 3 rounds, got %s after %d: %s", resp.HookStatus, rounds, resp.Reason)
	}
	if hits.Load() != 9 {
		t.Errorf("want 3 paths x 3 rounds = 9 requests, got %d", hits.Load())
	}
}

func TestFailingRevisionFails(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/ping" {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	resp, rounds := deploy(t, New(config(srv.URL)))
	if resp.HookStatus != StatusFailed || rounds != 4 {
		t.Fatalf("want FAILED after 4 rounds, got %s after %d", resp.HookStatus, rounds)
	}
	if !strings.Contains(resp.Reason, "/api/ping: status 502") {
		t.Errorf("reason should name the path and status: %s", resp.Reason)
	}
}

func TestSlowRevisionFails(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	cfg := config(srv.URL)
	cfg.SmokePaths = nil
	cfg.MaxAttempts = 2
	resp, rounds := deploy(t, New(cfg))
	if resp.HookStatus != StatusFailed || rounds != 2 || !strings.Contains(resp.Reason, "budget 200ms") {
		t.Fatalf("want FAILED over the latency budget after 2 rounds, got %s after %d: %s", resp.HookStatus, rounds, resp.Reason)
	}
}

// A revision that answers well every other round never gets three clean
// rounds in a row, so it fails instead of slipping through.
func TestFlappingRevisionFails(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/health" && n.Add(1)%2 == 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	resp, rounds := deploy(t, New(config(srv.URL)))
	if resp.HookStatus != StatusFailed {
		t.Fatalf("a flapping revision must fail, got %s after %d rounds: %s", resp.HookStatus, rounds, resp.Reason)
	}
	if rounds != 8 {
		t.Errorf("want 8 rounds (4 clean, 4 failed, alternating), got %d", rounds)
	}
}

func TestRecoveringRevisionSucceeds(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/health" && n.Add(1) <= 2 {
			w.WriteHeader(http.StatusServiceUnavailable) // still starting
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	resp, rounds := deploy(t, New(config(srv.URL)))
	if resp.HookStatus != StatusSucceeded || rounds != 5 {
		t.Fatalf("want SUCCEEDED after 2 failed and 3 clean rounds, got %s after %d: %s", resp.HookStatus, rounds, resp.Reason)
	}
}

func TestUnreachableRevisionFails(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	cfg := config(url)
	cfg.MaxAttempts = 1
	resp, _ := deploy(t, New(cfg))
	if resp.HookStatus != StatusFailed || !strings.Contains(resp.Reason, "/health") {
		t.Fatalf("want FAILED naming the path, got %+v", resp)
	}
}

// Bad events are answered FAILED with a reason, never SUCCEEDED.
func TestBadEventsFail(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(200) }))
	defer srv.Close()
	c := New(config(srv.URL))
	cases := map[string]func(*Event){
		"no execution id":    func(e *Event) { e.ExecutionID = "" },
		"no stage":           func(e *Event) { e.LifecycleStage = "" },
		"unknown stage":      func(e *Event) { e.LifecycleStage = "AFTER_ALLOW_TRAFFIC" },
		"no service":         func(e *Event) { e.ExecutionDetails.ServiceArn = "" },
		"no target revision": func(e *Event) { e.ExecutionDetails.TargetServiceRevisionArn = "" },
		"empty event at all": func(e *Event) { *e = Event{} },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			ev := event()
			mutate(&ev)
			resp, err := c.Handle(context.Background(), ev)
			if err != nil || resp.HookStatus != StatusFailed || !strings.HasPrefix(resp.Reason, "bad event: ") {
				t.Fatalf("want FAILED with a reason, got %+v, %v", resp, err)
			}
		})
	}
}

func TestStagesNotProbedPass(t *testing.T) {
	c := New(config("http://127.0.0.1:1"))
	ev := event()
	ev.LifecycleStage = "PRE_SCALE_UP"
	resp, _ := c.Handle(context.Background(), ev)
	if resp.HookStatus != StatusSucceeded {
		t.Fatalf("a stage the hook does not probe passes through, got %+v", resp)
	}
}

func TestEventDecodesFromECSPayload(t *testing.T) {
	raw := `{"executionId":"e","lifecycleStage":"POST_TEST_TRAFFIC_SHIFT","resourceArn":"arn:r",
	"executionDetails":{"serviceArn":"arn:s","targetServiceRevisionArn":"arn:t","testTrafficWeights":{"arn:t":100},"productionTrafficWeights":{"arn:o":100}},
	"hookDetails":{"attempt":2,"passes":1,"failed":1}}`
	var ev Event
	if err := json.Unmarshal([]byte(raw), &ev); err != nil {
		t.Fatal(err)
	}
	if ev.ExecutionDetails.TestTrafficWeights["arn:t"] != 100 || counter(ev.HookDetails, "passes") != 1 {
		t.Fatalf("decoded %+v", ev)
	}
}

func TestConfigFromEnv(t *testing.T) {
	env := map[string]string{"TEST_URL": "https://alb.example.com:8443/", "SMOKE_PATHS": "/api/ping, /", "EXPECTED_STATUS": "200-299,304", "LATENCY_BUDGET_MS": "750"}
	c, err := ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "https://alb.example.com:8443" || len(c.SmokePaths) != 2 || !c.Expected.Contains(304) || c.Expected.Contains(301) ||
		c.LatencyBudget != 750*time.Millisecond || c.RequiredPasses != 3 || c.MaxAttempts != 10 || !c.ProbeStages["POST_TEST_TRAFFIC_SHIFT"] {
		t.Fatalf("config %+v", c)
	}
	bad := map[string]map[string]string{
		"TEST_URL":        {},
		"EXPECTED_STATUS": {"TEST_URL": "http://x", "EXPECTED_STATUS": "ok"},
		"MAX_ATTEMPTS":    {"TEST_URL": "http://x", "MAX_ATTEMPTS": "0"},
		"PROBE_STAGES":    {"TEST_URL": "http://x", "PROBE_STAGES": "AfterAllowTraffic"},
	}
	for key, e := range bad {
		if _, err := ConfigFromEnv(func(k string) string { return e[k] }); err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("%s: want an error naming it, got %v", key, err)
		}
	}
}
