package agentguard

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
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

const mib = 1 << 20

var planted = []string{"AKIAIOSFODNN7EXAMPLQ", "AKIAZ7Q2K9D4M1X8P3LQ", "AKIA4HJK2M5N8P0R3T6W",
	"ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3", "ghp_Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2",
	"ghp_0123456789abcdefghijABCDEFGHIJ012345", "jane.doe@example.com", "ops.alerts@acme-corp.io",
	"billing+ref7@mail.example.org"}

// bigScrubInput is about 5 MiB of log lines with the planted secrets: each starts 3 bytes
// before one of 4 KiB, 1 MiB, 1.25 MiB, 2 MiB, 2.5 MiB, the middle, 3.75 MiB, 4 MiB and the
// end, so it straddles where a split into parts may fall.
func bigScrubInput() []byte {
	n := 5*mib + 40000
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "2026-01-15T10:%02d:%02d.123Z INFO worker=%d request=%07d GET /api/v1/items?page=%d status=200 took=%dms\n",
			i/60%60, i%60, i%8, i, i%50, i%997)
	}
	data := b.Bytes()[:n]
	offsets := []int{4096, mib, mib + mib/4, 2 * mib, 5 * mib / 2, n / 2, 3*mib + 3*mib/4, 4 * mib, n - 200}
	for k, secret := range planted {
		copy(data[offsets[k]-4:], " "+secret+" ")
	}
	return data
}

func TestScrubThreadsSameOutput(t *testing.T) {
	e, _ := NewEngine(nil)
	defer e.Close()
	data := bigScrubInput()
	scrub := func(threads int) ([]byte, int) {
		out, n, err := (&Scrubber{Engine: e, Style: StyleLabel, Threads: threads}).Scrub(data)
		if err != nil {
			t.Fatalf("threads %d: %v", threads, err)
		}
		return out, n
	}
	out1, n1 := scrub(1)
	out4, n4 := scrub(4)
	out0, n0, err := e.NewScrubber(StyleLabel).Scrub(data)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out4, out1) || n4 != n1 {
		t.Fatalf("threads 4 and 1 differ: %d vs %d bytes, %d vs %d findings", len(out4), len(out1), n4, n1)
	}
	if !bytes.Equal(out0, out1) || n0 != n1 {
		t.Fatalf("the default and threads 1 differ: %d vs %d bytes, %d vs %d findings", len(out0), len(out1), n0, n1)
	}
	if n1 < len(planted) {
		t.Fatalf("%d findings for %d planted secrets", n1, len(planted))
	}
	for _, secret := range planted {
		if bytes.Contains(out4, []byte(secret)) {
			t.Errorf("%s survived", secret)
		}
	}
	// Scan: the same findings on 1 and 4 threads, as many as Scrub counts.
	scan := func(threads int) []Finding {
		found, err := (&Scrubber{Engine: e, Threads: threads}).Scan(data)
		if err != nil {
			t.Fatalf("scan, threads %d: %v", threads, err)
		}
		return found
	}
	found1, found4 := scan(1), scan(4)
	if len(found1) != n1 || !reflect.DeepEqual(found4, found1) {
		t.Fatalf("scan: %d findings on 1 thread, %d on 4, Scrub counted %d", len(found1), len(found4), n1)
	}
}

// 2000 e-mail addresses, each replaced by a longer label: the output outgrows the first
// buffer Scrub tries (len + len/8 + 4096), so the exact-size retry runs.
func TestScrubOutputLongerThanInputRetries(t *testing.T) {
	e, _ := NewEngine(nil)
	defer e.Close()
	secret := "a1@example.org"
	data := []byte(strings.Repeat(secret+" ", 1999) + secret)
	s := e.NewScrubber(StyleDefault)
	out, n, err := s.Scrub(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) <= len(data)+len(data)/8+4096 || n != 2000 || bytes.Contains(out, []byte(secret)) {
		t.Fatalf("%d bytes in, %d out, %d findings, secret left: %v", len(data), len(out), n,
			bytes.Contains(out, []byte(secret)))
	}
	if str, err := s.ScrubString(string(data)); err != nil || str != string(out) {
		t.Fatalf("ScrubString differs from Scrub: %v", err)
	}
	// More findings than Scan's first array (16 plus one per 4 KiB): the exact-size retry.
	if found, err := s.Scan(data); err != nil || len(found) != 2000 || found[1999].Start != uint64(len(data)-len(secret)) {
		t.Fatalf("Scan: %d findings, %v", len(found), err)
	}
	st, err := s.NewStream()
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var streamed []byte
	for i := 0; i < len(data); i += 4096 {
		end := i + 4096
		if end > len(data) {
			end = len(data)
		}
		part, err := st.Write(data[i:end])
		if err != nil {
			t.Fatal(err)
		}
		streamed = append(streamed, part...)
	}
	tail, err := st.Finish()
	if err != nil {
		t.Fatal(err)
	}
	streamed = append(streamed, tail...)
	if !bytes.Equal(streamed, out) {
		t.Fatalf("stream output (%d bytes) differs from Scrub (%d bytes)", len(streamed), len(out))
	}
	if found, err := st.Findings(); err != nil || len(found) != n {
		t.Fatalf("stream findings %d, Scrub %d: %v", len(found), n, err)
	}
}

func TestScrubThreadsOverTheMaximum(t *testing.T) {
	e, _ := NewEngine(nil)
	defer e.Close()
	cases := []int{ScrubThreadsMax + 1, -1}
	if strconv.IntSize == 64 {
		var wraps uint64 = 1<<32 + 4 // would be 4 as a uint32
		cases = append(cases, int(wraps))
	}
	for _, threads := range cases {
		s := &Scrubber{Engine: e, Style: StyleLabel, Threads: threads}
		var ae *Error
		if _, _, err := s.Scrub([]byte("x")); !errors.Is(err, ErrInvalidArgument) || !errors.As(err, &ae) ||
			ae.Code.Name() != "AG_E_INVALID_ARGUMENT" {
			t.Fatalf("threads %d: %v", threads, err)
		}
		if _, err := s.Scan([]byte("x")); !errors.Is(err, ErrInvalidArgument) {
			t.Fatalf("scan, threads %d: %v", threads, err)
		}
	}
	s := &Scrubber{Engine: e, Style: StyleLabel, Threads: ScrubThreadsMax}
	if out, n, err := s.Scrub([]byte("x")); string(out) != "x" || n != 0 || err != nil {
		t.Fatalf("threads %d: %q %d %v", ScrubThreadsMax, out, n, err)
	}
}

// scrubToInput is about 3 MiB of log lines with a line of three secrets every ~64 KiB: the
// AWS key, the GitHub token and the e-mail address are each redacted by the default engine.
func scrubToInput() ([]byte, int) {
	var b bytes.Buffer
	lines := 0
	for i := 0; b.Len() < 3*mib; i++ {
		if i%600 == 599 {
			fmt.Fprintf(&b, "creds aws=AKIAIOSFODNN7EXAMPLE gh=ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3 to=a1@example.org\n")
			lines++
			continue
		}
		fmt.Fprintf(&b, "2026-01-15T10:%02d:%02d.123Z INFO worker=%d request=%07d GET /api/v1/items status=200\n",
			i/60%60, i%60, i%8, i)
	}
	return b.Bytes(), 3 * lines
}

var scrubToSecrets = []string{"AKIAIOSFODNN7EXAMPLE", "ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3", "a1@example.org"}

// pieceWriter gathers ScrubTo's output and counts the pieces; the failAt-th piece (from 1)
// fails with err, or panics with panicVal when that is set.
type pieceWriter struct {
	bytes.Buffer
	pieces, empty, failAt int
	err                   error
	panicVal              interface{}
}

func (w *pieceWriter) Write(p []byte) (int, error) {
	w.pieces++
	if len(p) == 0 {
		w.empty++
	}
	if w.pieces == w.failAt {
		if w.panicVal != nil {
			panic(w.panicVal)
		}
		return 0, w.err
	}
	return w.Buffer.Write(p)
}

func TestScrubToMatchesScrub(t *testing.T) {
	e, _ := NewEngine(nil)
	defer e.Close()
	big, bigSecrets := scrubToInput()
	inputs := []struct {
		name    string
		data    []byte
		secrets int
	}{
		{"small", []byte("aws AKIAIOSFODNN7EXAMPLE then ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3, mail a1@example.org."), 3},
		{"3MiB", big, bigSecrets},
	}
	for _, in := range inputs {
		for _, threads := range []int{1, 2} {
			s := &Scrubber{Engine: e, Style: StyleDefault, Threads: threads}
			want, wantN, err := s.Scrub(in.data)
			if err != nil {
				t.Fatalf("%s threads %d: Scrub: %v", in.name, threads, err)
			}
			w := &pieceWriter{}
			n, err := s.ScrubTo(w, in.data)
			if err != nil {
				t.Fatalf("%s threads %d: ScrubTo: %v", in.name, threads, err)
			}
			if !bytes.Equal(w.Bytes(), want) || n != wantN {
				t.Fatalf("%s threads %d: ScrubTo gave %d bytes and %d findings, Scrub %d bytes and %d findings",
					in.name, threads, w.Len(), n, len(want), wantN)
			}
			if n != in.secrets || w.pieces == 0 || w.empty != 0 {
				t.Fatalf("%s threads %d: %d findings for %d secrets, %d pieces (%d empty)", in.name, threads, n,
					in.secrets, w.pieces, w.empty)
			}
			for _, secret := range scrubToSecrets {
				if bytes.Contains(w.Bytes(), []byte(secret)) {
					t.Fatalf("%s threads %d: %s survived", in.name, threads, secret)
				}
			}
		}
	}
}

func TestScrubToWriterErrorStopsTheScrub(t *testing.T) {
	e, _ := NewEngine(nil)
	defer e.Close()
	data, _ := scrubToInput()
	diskFull := errors.New("disk full")
	for _, threads := range []int{1, 2} {
		s := &Scrubber{Engine: e, Style: StyleDefault, Threads: threads}
		all := &pieceWriter{}
		if _, err := s.ScrubTo(all, data); err != nil || all.pieces <= 3 {
			t.Fatalf("threads %d: %d pieces, %v", threads, all.pieces, err)
		}
		w := &pieceWriter{failAt: 3, err: diskFull}
		n, err := s.ScrubTo(w, data)
		if err != diskFull || !errors.Is(err, diskFull) || n != 0 {
			t.Fatalf("threads %d: got %d, %v; want the writer's error", threads, n, err)
		}
		if w.pieces != 3 {
			t.Fatalf("threads %d: %d pieces delivered, want 3 (none after the failing one)", threads, w.pieces)
		}
		if !bytes.HasPrefix(all.Bytes(), w.Bytes()) || w.Len() == 0 {
			t.Fatalf("threads %d: the first two pieces (%d bytes) are not the output's start", threads, w.Len())
		}
	}
	// A short write without an error is io.ErrShortWrite, as io.Copy reports it.
	short := writerFunc(func(p []byte) (int, error) { return len(p) - 1, nil })
	if _, err := e.NewScrubber(StyleDefault).ScrubTo(short, []byte("hello a1@example.org")); !errors.Is(err, io.ErrShortWrite) {
		t.Fatalf("short write: %v", err)
	}
}

type writerFunc func(p []byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func TestScrubToWriterPanicIsRaisedAfterTheCall(t *testing.T) {
	e, _ := NewEngine(nil)
	defer e.Close()
	data, _ := scrubToInput()
	w := &pieceWriter{failAt: 2, panicVal: "writer broke"}
	func() {
		defer func() {
			if r := recover(); r != "writer broke" {
				t.Fatalf("recovered %v", r)
			}
		}()
		e.NewScrubber(StyleDefault).ScrubTo(w, data)
		t.Fatal("ScrubTo returned after its writer panicked")
	}()
	if w.pieces != 2 {
		t.Fatalf("%d pieces delivered after the panic at piece 2", w.pieces)
	}
	if out, err := e.NewScrubber(StyleLabel).ScrubString("k=ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3"); err != nil ||
		out != "k=[REDACTED:github-pat]" {
		t.Fatalf("engine after a panic: %q %v", out, err)
	}
}

func TestScrubToEngineClosedByTheWriterIsFreedAfterTheCall(t *testing.T) {
	e, _ := NewEngine(nil)
	data, secrets := scrubToInput()
	s := e.NewScrubber(StyleDefault)
	var out bytes.Buffer
	n, err := s.ScrubTo(writerFunc(func(p []byte) (int, error) {
		e.Close()
		return out.Write(p)
	}), data)
	if err != nil || n != secrets || bytes.Contains(out.Bytes(), []byte(scrubToSecrets[1])) {
		t.Fatalf("%d findings for %d secrets: %v", n, secrets, err)
	}
	if !e.h.isClosed() || e.h.ptr != nil {
		t.Fatal("the engine closed during ScrubTo was not freed after it")
	}
	if _, err := s.ScrubTo(&out, []byte("x")); !errors.Is(err, ErrState) {
		t.Fatalf("closed engine: %v", err)
	}
}

func TestScrubToInvalidArguments(t *testing.T) {
	e, _ := NewEngine(nil)
	defer e.Close()
	s := &Scrubber{Engine: e, Style: StyleDefault, Threads: 257}
	_, _, blockErr := s.Scrub([]byte("x a1@example.org"))
	w := &pieceWriter{}
	n, err := s.ScrubTo(w, []byte("x a1@example.org"))
	var ae *Error
	if !errors.Is(err, ErrInvalidArgument) || !errors.As(err, &ae) || ae.Code != StatusInvalidArgument ||
		!errors.Is(blockErr, ErrInvalidArgument) || n != 0 || w.pieces != 0 {
		t.Fatalf("threads 257: %d %v (Scrub: %v), %d pieces", n, err, blockErr, w.pieces)
	}
	if _, err := e.NewScrubber(StyleDefault).ScrubTo(nil, []byte("x")); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("nil writer: %v", err)
	}
	// An empty input writes nothing and finds nothing.
	if n, err := e.NewScrubber(StyleDefault).ScrubTo(w, nil); n != 0 || err != nil || w.pieces != 0 {
		t.Fatalf("empty input: %d %v, %d pieces", n, err, w.pieces)
	}
	closed, _ := NewEngine(nil)
	closed.Close()
	if _, err := closed.NewScrubber(StyleDefault).ScrubTo(w, []byte("x")); !errors.Is(err, ErrState) {
		t.Fatalf("closed engine: %v", err)
	}
}

func TestScrubOptsSize(t *testing.T) {
	if scrubOptsSize != 12 || ScrubPartMin != 1<<20 || ScrubThreadsMax != 256 {
		t.Fatalf("sizeof(ag_scrub_opts) %d, part min %d, threads max %d", scrubOptsSize, ScrubPartMin, ScrubThreadsMax)
	}
	if o := scrubOpts(StyleLabel, 4); o.struct_size != 12 || o.threads != 4 {
		t.Fatalf("opts %+v", o)
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
