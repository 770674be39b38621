package agentguard

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The parts of the C ABI that the conformance vectors do not reach.

const chunk = `data: {"id":"c1","object":"chat.completion.chunk","model":"acme-large","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}` + "\n\n" +
	`data: {"id":"c1","object":"chat.completion.chunk","model":"acme-large","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":3,"total_tokens":13}}` + "\n\ndata: [DONE]\n\n"

func TestResponseFieldsAndJSON(t *testing.T) {
	r, err := ParseResponse(ProviderOpenAIChat, []byte(`{"id":"chatcmpl-9","object":"chat.completion","model":"m",
	  "choices":[{"index":0,"finish_reason":"length","message":{"role":"assistant","content":"abc"}}],
	  "usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}`))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	id, _ := r.ID()
	raw, _ := r.FinishRaw()
	doc, err := r.JSON()
	if id != "chatcmpl-9" || raw != "length" || r.Finish() != FinishLength || r.Truncated() || err != nil ||
		doc["usage"].(map[string]interface{})["output_tokens"].(float64) != 2 {
		t.Fatalf("id %q raw %q finish %d doc %v err %v", id, raw, r.Finish(), doc, err)
	}
	if _, err := ParseResponse(ProviderOpenAIChat, []byte("{")); !errors.Is(err, ErrParse) {
		t.Fatalf("malformed body: %v", err)
	}
}

func TestRecordStream(t *testing.T) {
	e, _ := NewEngine(priced)
	defer e.Close()
	l, _ := e.NewLedger("")
	defer l.Close()
	r, _ := l.BeginJSON(nil)
	defer r.Close()
	p, _ := NewStreamParser(ProviderAuto)
	defer p.Close()
	id, err := r.Reserve("acme-large", 10, 10)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Write([]byte(chunk)); err != nil || !p.Done() || p.Finish() != nil {
		t.Fatalf("stream: %v done=%v", err, p.Done())
	}
	u, cost, err := r.RecordStream(id, p)
	if err != nil || u.InputTokens != 10 || u.OutputTokens != 3 || cost != 22000 {
		t.Fatalf("record: %+v %d %v", u, cost, err)
	}
	if err := p.Write([]byte(chunk)); !errors.Is(err, ErrState) {
		t.Fatalf("write after finish: %v", err)
	}
}

func TestTokens(t *testing.T) {
	if n, err := EstimateTokens([]byte("hello world, this is a test")); err != nil || n == 0 {
		t.Fatalf("estimate %d %v", n, err)
	}
	if EncodingForModel("gpt-4o") != EncodingO200kBase {
		t.Fatal("gpt-4o encoding")
	}
	missing, _ := NewTokenizer("/nonexistent-agentguard-dir")
	defer missing.Close()
	var ae *Error
	if _, err := missing.Count([]byte("hello"), EncodingO200kBase); !errors.As(err, &ae) || ae.Code != StatusTokenizer ||
		!strings.Contains(ae.Msg, "nonexistent-agentguard-dir") {
		t.Fatalf("missing rank files: %v", err)
	}
	dir := filepath.Join("..", "..", "..", "shared", "data", "tokenizers")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("shared/data/tokenizers absent")
	}
	tk, _ := NewTokenizer(dir)
	defer tk.Close()
	if n, err := tk.Count([]byte("hello world"), EncodingCl100kBase); err != nil || n != 2 {
		t.Fatalf("count %d %v", n, err)
	}
	e, _ := NewEngine(nil)
	defer e.Close()
	if _, err := e.CountTokens([]byte("hello"), EncodingEstimate); err != nil {
		t.Fatal(err)
	}
}

func TestScrubSurface(t *testing.T) {
	e, _ := NewEngine(nil)
	defer e.Close()
	s := e.NewScrubber(StyleLabel)
	rules, err := s.Rules()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rules {
		found = found || (r.ID == "github-pat" && r.MaxLen > 0)
	}
	out, err := s.ScrubString("k=ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3")
	if !found || err != nil || out != "k=[REDACTED:github-pat]" {
		t.Fatalf("rules found=%v scrub %q %v", found, out, err)
	}
	st, _ := s.NewStream()
	defer st.Close()
	st.Finish()
	if _, err := st.Write([]byte("more")); !errors.Is(err, ErrState) {
		t.Fatalf("write after finish: %v", err)
	}
}

func TestLedgerClock(t *testing.T) {
	e, _ := NewEngine(priced)
	defer e.Close()
	l, _ := e.NewLedger("")
	defer l.Close()
	l.SetTime(1767225600000)
	if n, err := l.Expire(); l.Now() != 1767225600000 || n != 0 || err != nil {
		t.Fatalf("now %d expired %d %v", l.Now(), n, err)
	}
}
