package agentguard

import (
	"context"
	"errors"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var priced = []byte(`{"version":1,"budgets":{"run":{"usd":1}},
  "pricing":{"models":{"acme-large":{"input_mtok":1,"output_mtok":4}}}}`)

func TestVersion(t *testing.T) {
	if int(VersionNumber()/10000) != ExpectedMajor || Version() == "" {
		t.Fatalf("version %d %q", VersionNumber(), Version())
	}
	if err := checkVersion(uint32(ExpectedMajor*10000+907), ExpectedMajor); err != nil {
		t.Fatal(err)
	}
	err := checkVersion(uint32((ExpectedMajor+1)*10000), ExpectedMajor)
	if !errors.Is(err, ErrVersion) {
		t.Fatalf("other major accepted: %v", err)
	}
}

func TestErrorsCarryCodeAndMessage(t *testing.T) {
	_, err := NewEngine([]byte("{"))
	var ae *Error
	if !errors.Is(err, ErrParse) || !errors.As(err, &ae) || ae.Msg == "" {
		t.Fatalf("malformed policy: %v", err)
	}
	e, err := NewEngine(priced)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if _, err := e.Price("no-such-model-xyz", Usage{InputTokens: 1}); !errors.Is(err, ErrUnknownModel) {
		t.Fatalf("unknown model: %v", err)
	}
	l, _ := e.NewLedger("")
	defer l.Close()
	r, err := l.Begin(context.Background(), RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, err = r.Reserve("acme-large", 1e6, 1e6)
	if !errors.Is(err, ErrBudgetExceeded) || !errors.As(err, &ae) || ae.Msg == "" || ae.Code.Retryable() {
		t.Fatalf("over budget: %v", err)
	}
}

func TestCloseTwiceAndUseAfterClose(t *testing.T) {
	e, _ := NewEngine(nil)
	l, _ := e.NewLedger("")
	r, _ := l.Begin(context.Background(), RunOptions{})
	for _, c := range []interface{ Close() error }{r, r, l, l, e, e} {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.Price("x", Usage{}); !errors.Is(err, ErrState) {
		t.Fatalf("use after close: %v", err)
	}
	if err := r.Turn(); !errors.Is(err, ErrState) {
		t.Fatalf("use after close: %v", err)
	}
}

func TestParentsClosedFirstStayAlive(t *testing.T) {
	e, _ := NewEngine(priced)
	l, _ := e.NewLedger("")
	r, _ := l.Begin(context.Background(), RunOptions{})
	e.Close()
	l.Close()
	id, err := r.Reserve("acme-large", 10, 10)
	if err != nil {
		t.Fatal(err)
	}
	if cost, err := r.Commit(id, Usage{InputTokens: 10, OutputTokens: 1}); err != nil || cost != 14000 {
		t.Fatalf("commit %d %v", cost, err)
	}
	r.Close()
	if !e.h.isClosed() || e.h.ptr != nil {
		t.Fatal("engine not freed after its last child closed")
	}
}

// rssBytes is the process's resident set size, from /proc/self/statm.
func rssBytes(t *testing.T) int64 {
	raw, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Skipf("no /proc/self/statm: %v", err)
	}
	fields := strings.Fields(string(raw))
	pages, err := strconv.ParseInt(fields[1], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return pages * int64(os.Getpagesize())
}

// A million runs and stream parsers (and two thousand engines) are created and closed;
// resident memory may not grow by more than 64 bytes per cycle. A leaked run or parser
// is several hundred bytes, a leaked engine over 100 KB.
func TestCreateFreeCyclesDoNotLeak(t *testing.T) {
	cycles := func(name string, n int, cycle func() error) {
		for i := 0; i < 1000; i++ { // warm caches and free lists first
			if err := cycle(); err != nil {
				t.Fatal(err)
			}
		}
		runtime.GC()
		before := rssBytes(t)
		start := time.Now()
		for i := 0; i < n; i++ {
			if err := cycle(); err != nil {
				t.Fatal(err)
			}
		}
		per := time.Since(start) / time.Duration(n)
		runtime.GC()
		grown := rssBytes(t) - before
		t.Logf("%s x%d: %v per cycle, rss %+d KB", name, n, per, grown/1024)
		if grown > 64<<20 {
			t.Errorf("%s: resident memory grew %d bytes over %d create/close cycles", name, grown, n)
		}
	}
	e, _ := NewEngine(nil)
	defer e.Close()
	l, _ := e.NewLedger("")
	defer l.Close()
	cycles("NewEngine+Close", 2000, func() error {
		x, err := NewEngine(nil)
		if err == nil {
			x.Close()
		}
		return err
	})
	cycles("Begin+Close", 1000000, func() error {
		r, err := l.BeginJSON(nil)
		if err == nil {
			r.Close()
		}
		return err
	})
	cycles("NewStreamParser+Close", 1000000, func() error {
		p, err := NewStreamParser(ProviderAuto)
		if err == nil {
			p.Close()
		}
		return err
	})
	// Objects dropped without Close are freed by their finalizers.
	n := 0
	cycles("NewStreamParser, never closed", 300000, func() error {
		_, err := NewStreamParser(ProviderAuto)
		if n++; n%10000 == 0 {
			runtime.GC()
		}
		return err
	})
}

func TestContextDeadlineBecomesRunDeadline(t *testing.T) {
	e, _ := NewEngine(nil)
	defer e.Close()
	l, _ := e.NewLedger("")
	defer l.Close()
	if err := l.SetTime(1767225600000); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	r, err := l.Begin(ctx, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	st, _ := r.Stats()
	if st.RemainingMs <= 0 || st.RemainingMs > time.Hour.Milliseconds() {
		t.Fatalf("remaining %d ms", st.RemainingMs)
	}
	step, cancelStep, err := r.StepContext(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer cancelStep()
	if d, ok := step.Deadline(); !ok || time.Until(d) > time.Hour {
		t.Fatalf("step deadline %v %v", d, ok)
	}
	l.SetTime(1767225600000 + 2*time.Hour.Milliseconds())
	if err := r.Check(); !errors.Is(err, ErrDeadlineExceeded) {
		t.Fatalf("after deadline: %v", err)
	}
	if _, _, err := r.StepContext(context.Background()); !errors.Is(err, ErrDeadlineExceeded) {
		t.Fatalf("step after deadline: %v", err)
	}
}

func TestSnapshotRestore(t *testing.T) {
	e, _ := NewEngine(priced)
	defer e.Close()
	l, _ := e.NewLedger("")
	defer l.Close()
	r, _ := l.Begin(context.Background(), RunOptions{RunID: "snap-1", User: "u"})
	id, _ := r.Reserve("acme-large", 100, 100)
	r.Commit(id, Usage{InputTokens: 100, OutputTokens: 10})
	r.Turn()
	snap, err := r.Snapshot()
	r.Close()
	if err != nil {
		t.Fatal(err)
	}
	back, err := l.Restore(snap, RestoreDefault)
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if id, _ := back.ID(); id != "snap-1" {
		t.Fatalf("id %q", id)
	}
	if st, _ := back.Stats(); st.SpentNusd != 140000 || st.Turns != 1 {
		t.Fatalf("restored %+v", st)
	}
}

func TestGoroutinesNeverOverspend(t *testing.T) {
	e, _ := NewEngine([]byte(`{"version":1,"budgets":{"user":{"day":{"usd":0.01}}},
	  "pricing":{"models":{"acme-large":{"input_mtok":1,"output_mtok":4}}}}`))
	defer e.Close()
	l, _ := e.NewLedger("")
	defer l.Close()
	var granted int64
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := l.Begin(context.Background(), RunOptions{User: "shared"})
			if err != nil {
				t.Error(err)
				return
			}
			defer r.Close()
			for i := 0; i < 100; i++ {
				id, err := r.Reserve("acme-large", 100, 0) // 100000 nano-USD
				if errors.Is(err, ErrBudgetExceeded) {
					continue
				} else if err != nil {
					t.Error(err)
					return
				}
				if _, err := r.Commit(id, Usage{InputTokens: 100}); err != nil {
					t.Error(err)
				}
				atomic.AddInt64(&granted, 1)
			}
		}()
	}
	wg.Wait()
	c, _ := l.Counter(ScopeUser, "shared", WindowDay)
	if granted != 100 || c.SpentNusd != 10000000 {
		t.Fatalf("granted %d spent %d", granted, c.SpentNusd)
	}
}
