package agentguard

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Runs the language-neutral vectors of tests/conformance/ through the Go binding.

func vectorDir() string {
	if d := os.Getenv("AGENTGUARD_CONFORMANCE_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "tests", "conformance")
}

type obj = map[string]interface{}

func loadVectors(t *testing.T, name string) obj {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(vectorDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v obj
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

func num(v interface{}) int64 {
	n, err := v.(json.Number).Int64()
	if err != nil {
		panic(err)
	}
	return n
}

func str(m obj, k, def string) string {
	if v, ok := m[k]; ok {
		return v.(string)
	}
	return def
}

func mustStatus(t *testing.T, name string) Status {
	s, ok := StatusByName(name)
	if !ok {
		t.Fatalf("unknown status name %q", name)
	}
	return s
}

var scopes = map[string]Scope{"run": ScopeRun, "user": ScopeUser, "tenant": ScopeTenant, "global": ScopeGlobal}
var windows = map[string]Window{"total": WindowTotal, "hour": WindowHour, "day": WindowDay, "month": WindowMonth}

func usageOf(v interface{}) Usage {
	m, _ := v.(obj)
	g := func(k string) uint64 {
		if x, ok := m[k]; ok {
			return uint64(num(x))
		}
		return 0
	}
	return Usage{g("input_tokens"), g("cached_input_tokens"), g("cache_write_tokens"),
		g("output_tokens"), g("reasoning_tokens"), g("cache_write_1h_tokens")}
}

// fields compares the wanted subset against a struct whose Go field names are the
// CamelCase of the vector's snake_case keys.
func fields(t *testing.T, where string, actual map[string]int64, want interface{}) {
	for k, v := range want.(obj) {
		var w int64
		if k == "state" {
			w = int64(mustStatus(t, v.(string)))
		} else {
			w = num(v)
		}
		got, ok := actual[k]
		if !ok {
			t.Errorf("%s: no field %s", where, k)
		} else if got != w {
			t.Errorf("%s: %s = %d, want %d", where, k, got, w)
		}
	}
}

type caseRunner struct {
	t            *testing.T
	engine       *Engine
	ledger       *Ledger
	runs         map[string]*Run
	reservations map[string]uint64
}

func (c *caseRunner) run(s obj) *Run { return c.runs[str(s, "run", "run")] }

func (c *caseRunner) step(s obj) error {
	switch s["op"] {
	case "set_time":
		return c.ledger.SetTime(num(s["now_ms"]))
	case "begin":
		var opts []byte
		if raw, ok := s["opts_text"]; ok {
			opts = []byte(raw.(string))
		} else if o, ok := s["opts"]; ok {
			opts, _ = json.Marshal(o)
		}
		r, err := c.ledger.BeginJSON(opts)
		if err == nil {
			c.runs[str(s, "as", "run")] = r
		}
		return err
	case "run_id":
		id, err := c.run(s).ID()
		if err == nil && id != s["id"] {
			c.t.Errorf("run id %q, want %q", id, s["id"])
		}
		return err
	case "reserve":
		id, err := c.run(s).Reserve(str(s, "model", ""), uint64(num(s["input_tokens"])), uint64(num(s["max_output_tokens"])))
		if err == nil && s["as"] != nil {
			c.reservations[s["as"].(string)] = id
		}
		return err
	case "commit":
		cost, err := c.run(s).Commit(c.reservations[s["reservation"].(string)], usageOf(s["usage"]))
		if err == nil && s["cost_nusd"] != nil && cost != num(s["cost_nusd"]) {
			c.t.Errorf("commit cost %d, want %d", cost, num(s["cost_nusd"]))
		}
		return err
	case "release":
		return c.run(s).Release(c.reservations[s["reservation"].(string)])
	case "check":
		return c.run(s).Check()
	case "turn":
		return c.run(s).Turn()
	case "tool_call":
		return c.run(s).ToolCall(str(s, "tool", ""))
	case "step_timeout":
		d, ok, err := c.run(s).StepTimeout()
		got := int64(-1)
		if ok {
			got = d.Milliseconds()
		}
		if err == nil && s["timeout_ms"] != nil && got != num(s["timeout_ms"]) {
			c.t.Errorf("step timeout %d, want %d", got, num(s["timeout_ms"]))
		}
		return err
	case "stats":
		st, err := c.run(s).Stats()
		if err == nil {
			fields(c.t, "stats", map[string]int64{"spent_nusd": st.SpentNusd, "reserved_nusd": st.ReservedNusd,
				"limit_nusd": st.LimitNusd, "remaining_nusd": st.RemainingNusd, "spent_tokens": st.SpentTokens,
				"reserved_tokens": st.ReservedTokens, "limit_tokens": st.LimitTokens, "turns": st.Turns,
				"max_turns": st.MaxTurns, "tool_calls": st.ToolCalls, "max_tool_calls": st.MaxToolCalls,
				"started_ms": st.StartedMs, "elapsed_ms": st.ElapsedMs, "remaining_ms": st.RemainingMs,
				"open_reservations": st.OpenReservations, "state": int64(st.State)}, s["fields"])
		}
		return err
	case "kill":
		return c.ledger.Kill(scopes[str(s, "scope", "")], str(s, "id", ""), str(s, "reason", ""))
	case "revive":
		return c.ledger.Revive(scopes[str(s, "scope", "")], str(s, "id", ""))
	case "set_limit":
		return c.ledger.SetLimit(scopes[str(s, "scope", "")], str(s, "id", ""), windows[str(s, "window", "")],
			num(s["usd_nusd"]), num(s["tokens"]))
	case "clear_limit":
		return c.ledger.ClearLimit(scopes[str(s, "scope", "")], str(s, "id", ""), windows[str(s, "window", "")])
	case "counter":
		ct, err := c.ledger.Counter(scopes[str(s, "scope", "")], str(s, "id", ""), windows[str(s, "window", "")])
		if err == nil {
			fields(c.t, "counter", map[string]int64{"spent_nusd": ct.SpentNusd, "reserved_nusd": ct.ReservedNusd,
				"limit_nusd": ct.LimitNusd, "spent_tokens": ct.SpentTokens, "reserved_tokens": ct.ReservedTokens,
				"limit_tokens": ct.LimitTokens, "window_start_ms": ct.WindowStartMs}, s["fields"])
		}
		return err
	case "get":
		sp, rs, err := c.ledger.Get(scopes[str(s, "scope", "")], str(s, "id", ""), windows[str(s, "window", "")])
		if err == nil && (sp != num(s["spent_nusd"]) || rs != num(s["reserved_nusd"])) {
			c.t.Errorf("get = %d/%d, want %v/%v", sp, rs, s["spent_nusd"], s["reserved_nusd"])
		}
		return err
	case "price":
		cost, err := c.engine.Price(str(s, "model", ""), usageOf(s["usage"]))
		if err == nil && s["cost_nusd"] != nil && cost != num(s["cost_nusd"]) {
			c.t.Errorf("price %d, want %d", cost, num(s["cost_nusd"]))
		}
		return err
	case "model_price":
		p, err := c.engine.ModelPrice(str(s, "model", ""))
		if err == nil {
			if s["name"] != nil && p.Name != s["name"] {
				c.t.Errorf("canonical name %q, want %q", p.Name, s["name"])
			}
			if f, ok := s["fields"]; ok {
				fields(c.t, "model_price", map[string]int64{"input_per_mtok_nusd": p.InputPerMtokNusd,
					"cached_input_per_mtok_nusd":   p.CachedInputPerMtokNusd,
					"cache_write_5m_per_mtok_nusd": p.CacheWrite5mPerMtokNusd,
					"cache_write_1h_per_mtok_nusd": p.CacheWrite1hPerMtokNusd,
					"output_per_mtok_nusd":         p.OutputPerMtokNusd, "reasoning_per_mtok_nusd": p.ReasoningPerMtokNusd,
					"tier_threshold_tokens":      int64(p.TierThresholdTokens),
					"input_above_per_mtok_nusd":  p.InputAbovePerMtokNusd,
					"output_above_per_mtok_nusd": p.OutputAbovePerMtokNusd}, f)
			}
		}
		return err
	case "parse_response":
		r, err := ParseResponse(providerOf(c.t, s), bodyOf(s))
		if err != nil {
			return err
		}
		defer r.Close()
		c.checkResponse(r, s)
		if want, ok := s["finish"]; ok && FinishReasonString(r.Finish()) != want {
			c.t.Errorf("finish %s, want %v", FinishReasonString(r.Finish()), want)
		}
		if want, ok := s["provider_is"]; ok && r.Provider().String() != want {
			c.t.Errorf("provider %s, want %v", r.Provider(), want)
		}
		m, _ := r.Model()
		txt, _ := r.Text()
		if (s["model"] != nil && m != s["model"]) || (s["text"] != nil && txt != s["text"]) {
			c.t.Errorf("model %q text %q, want %v %v", m, txt, s["model"], s["text"])
		}
		if want, ok := s["tool_calls"].([]interface{}); ok {
			calls, err := r.ToolCalls()
			if err != nil || len(calls) != len(want) {
				c.t.Fatalf("tool calls %v %v", calls, err)
			}
			for i, w := range want {
				wm := w.(obj)
				if calls[i].ID != wm["id"] || calls[i].Name != wm["name"] || calls[i].Arguments != wm["arguments"] {
					c.t.Errorf("tool call %d = %+v, want %v", i, calls[i], wm)
				}
			}
		}
		return nil
	case "stream_parse":
		p, err := NewStreamParser(providerOf(c.t, s))
		if err != nil {
			return err
		}
		defer p.Close()
		text := ""
		for _, ch := range s["chunks"].([]interface{}) {
			if err := p.Write([]byte(ch.(string))); err != nil {
				return err
			}
			t, _ := p.TakeText()
			text += t
		}
		expectStatus(c.t, "finish", p.Finish(), mustStatus(c.t, str(s, "finish_expect", "AG_OK")), "")
		t, _ := p.TakeText()
		if want, ok := s["text"]; ok && text+t != want {
			c.t.Errorf("text %q, want %q", text+t, want)
		}
		r, err := p.Result()
		if err != nil {
			return err
		}
		defer r.Close()
		c.checkResponse(r, s)
		if want, ok := s["truncated"]; ok && r.Truncated() != want {
			c.t.Errorf("truncated %v, want %v", r.Truncated(), want)
		}
		return nil
	case "classify_error":
		info, err := ClassifyError(providerOf(c.t, s), int(num(s["http_status"])), []byte(str(s, "headers", "")), bodyOf(s))
		if err != nil {
			return err
		}
		if ErrorClassString(info.Class) != s["class"] || (s["retryable"] != nil && info.Retryable != s["retryable"]) ||
			(s["retry_after_ms"] != nil && info.RetryAfterMs != num(s["retry_after_ms"])) ||
			!strings.Contains(info.Message, str(s, "message", "")) {
			c.t.Errorf("classified %+v, want %v", info, s)
		}
		return nil
	case "record_response":
		u, cost, err := c.run(s).RecordResponse(c.reservations[s["reservation"].(string)], providerOf(c.t, s), bodyOf(s))
		if err == nil {
			c.checkUsage(u, s["usage"])
			if s["cost_nusd"] != nil && cost != num(s["cost_nusd"]) {
				c.t.Errorf("cost %d, want %v", cost, s["cost_nusd"])
			}
		}
		return err
	case "encoding_for_model":
		if got := EncodingForModel(str(s, "model", "")); int64(got) != num(s["encoding"]) {
			c.t.Errorf("encoding of %v = %d", s["model"], got)
		}
		return nil
	case "scrub":
		out, n, err := c.engine.NewScrubber(styles[str(s, "style", "default")]).Scrub([]byte(str(s, "input", "")))
		if err == nil && (string(out) != s["output"] || (s["findings"] != nil && int64(n) != num(s["findings"]))) {
			c.t.Errorf("scrub = %q (%d findings), want %v", out, n, s)
		}
		return err
	case "scan":
		found, err := c.engine.NewScrubber(StyleDefault).Scan([]byte(str(s, "input", "")))
		if err != nil {
			return err
		}
		want := s["findings"].([]interface{})
		if len(found) != len(want) {
			c.t.Fatalf("findings %+v, want %v", found, want)
		}
		for i, w := range want {
			wm := w.(obj)
			if found[i].Rule != wm["rule"] || int64(found[i].Start) != num(wm["start"]) || int64(found[i].End) != num(wm["end"]) {
				c.t.Errorf("finding %d = %+v, want %v", i, found[i], wm)
			}
		}
		return nil
	case "scrub_stream":
		sc := c.engine.NewScrubber(StyleDefault)
		data := []byte(str(s, "input", ""))
		block, n, err := sc.Scrub(data)
		if err != nil {
			return err
		}
		for _, size := range s["chunk_sizes"].([]interface{}) {
			step := int(num(size))
			st, err := sc.NewStream()
			if err != nil {
				return err
			}
			var out []byte
			for i := 0; i < len(data); i += step {
				end := i + step
				if end > len(data) {
					end = len(data)
				}
				b, err := st.Write(data[i:end])
				if err != nil {
					return err
				}
				out = append(out, b...)
			}
			tail, err := st.Finish()
			if err != nil {
				return err
			}
			found, _ := st.Findings()
			st.Close()
			if string(append(out, tail...)) != string(block) || len(found) != n {
				c.t.Errorf("chunk size %d: stream %q (%d findings) != block %q (%d)", step, append(out, tail...), len(found), block, n)
			}
		}
		return nil
	}
	c.t.Fatalf("unknown op %v", s["op"])
	return nil
}

var styles = map[string]Style{"default": StyleDefault, "label": StyleLabel, "mask": StyleMask, "hash": StyleHash, "detect": StyleDetect}

func providerOf(t *testing.T, s obj) Provider {
	name := str(s, "provider", "auto")
	for p := ProviderAuto; p <= ProviderGemini; p++ {
		if p.String() == name {
			return p
		}
	}
	t.Fatalf("unknown provider %q", name)
	return ProviderAuto
}

func bodyOf(s obj) []byte {
	if raw, ok := s["body_text"]; ok {
		return []byte(raw.(string))
	}
	b, _ := json.Marshal(s["body"])
	return b
}

func (c *caseRunner) checkUsage(u Usage, want interface{}) {
	if want == nil {
		return
	}
	fields(c.t, "usage", map[string]int64{"input_tokens": int64(u.InputTokens), "cached_input_tokens": int64(u.CachedInputTokens),
		"cache_write_tokens": int64(u.CacheWriteTokens), "output_tokens": int64(u.OutputTokens),
		"reasoning_tokens": int64(u.ReasoningTokens), "cache_write_1h_tokens": int64(u.CacheWrite1hTokens)}, want)
}

func (c *caseRunner) checkResponse(r *Response, s obj) {
	u, err := r.Usage()
	if err != nil {
		c.t.Errorf("usage: %v", err)
	}
	c.checkUsage(u, s["usage"])
}

// expectStatus checks err against the step's expected status and message fragment.
func expectStatus(t *testing.T, where string, err error, want Status, contains string) {
	var ae *Error
	got := StatusOK
	if errors.As(err, &ae) {
		got = ae.Code
		if !strings.Contains(ae.Msg, contains) {
			t.Errorf("%s: message %q lacks %q", where, ae.Msg, contains)
		}
	} else if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	if got != want {
		t.Errorf("%s: status %s (%v), want %s", where, got.Name(), err, want.Name())
	}
}

func runCase(t *testing.T, kase obj) {
	var policy []byte
	if raw, ok := kase["policy_text"]; ok {
		policy = []byte(raw.(string))
	} else if p, ok := kase["policy"]; ok {
		policy, _ = json.Marshal(p)
	}
	e, err := NewEngine(policy)
	expectStatus(t, "engine", err, mustStatus(t, str(kase, "engine_expect", "AG_OK")), str(kase, "engine_error_contains", ""))
	if err != nil {
		return
	}
	defer e.Close()
	l, err := e.NewLedger("")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	c := &caseRunner{t: t, engine: e, ledger: l, runs: map[string]*Run{}, reservations: map[string]uint64{}}
	defer func() {
		for _, r := range c.runs {
			r.Close()
		}
	}()
	steps, _ := kase["steps"].([]interface{})
	for i, raw := range steps {
		s := raw.(obj)
		where := fmt.Sprintf("step %d (%v)", i, s["op"])
		expectStatus(t, where, c.step(s), mustStatus(t, str(s, "expect", "AG_OK")), str(s, "error_contains", ""))
	}
}

func TestConformanceStatusTable(t *testing.T) {
	rows := loadVectors(t, "status.json")["statuses"].([]interface{})
	for _, raw := range rows {
		row := raw.(obj)
		s := mustStatus(t, row["name"].(string))
		if int64(s) != num(row["code"]) || s.String() != row["str"] || s.Retryable() != row["retryable"] {
			t.Errorf("%v: code %d %q retryable %v", row["name"], s, s.String(), s.Retryable())
		}
	}
	if len(statusNames) != len(rows) {
		t.Errorf("binding knows %d statuses, table has %d", len(statusNames), len(rows))
	}
}

func TestConformanceVectors(t *testing.T) {
	entries, err := os.ReadDir(vectorDir())
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") && e.Name() != "status.json" {
			files = append(files, e.Name())
		}
	}
	sort.Strings(files)
	if len(files) == 0 {
		t.Fatal("no conformance vectors")
	}
	for _, f := range files {
		for _, raw := range loadVectors(t, f)["cases"].([]interface{}) {
			kase := raw.(obj)
			t.Run(strings.TrimSuffix(f, ".json")+"/"+kase["name"].(string), func(t *testing.T) { runCase(t, kase) })
		}
	}
}
