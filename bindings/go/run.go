package agentguard

/*
#include <agentguard.h>
*/
import "C"

import (
	"context"
	"encoding/json"
	"runtime"
	"time"
	"unsafe"
)

// RunLimits override the policy's budgets.run keys one by one (nil = the policy's value).
type RunLimits struct {
	USD           *float64 `json:"usd,omitempty"`
	Tokens        *int64   `json:"tokens,omitempty"`
	Turns         *int64   `json:"turns,omitempty"`
	ToolCalls     *int64   `json:"tool_calls,omitempty"`
	DeadlineMs    *int64   `json:"deadline_ms,omitempty"`
	StepTimeoutMs *int64   `json:"step_timeout_ms,omitempty"`
}

// RunOptions are the options of a new run ("" ids: generated run id, no user or tenant).
type RunOptions struct {
	RunID  string     `json:"run_id,omitempty"`
	User   string     `json:"user,omitempty"`
	Tenant string     `json:"tenant,omitempty"`
	Limits *RunLimits `json:"limits,omitempty"`
}

// Restore flags.
const (
	RestoreDefault uint32 = C.AG_RESTORE_DEFAULT
	RestoreReapply uint32 = C.AG_RESTORE_REAPPLY
)

// Run is one agent run. Safe for concurrent use (parallel tool calls may share it).
type Run struct {
	h      handle
	ledger *Ledger
}

// Begin starts a run. When ctx has a deadline it becomes the run's deadline, unless
// opts.Limits sets one.
func (l *Ledger) Begin(ctx context.Context, opts RunOptions) (*Run, error) {
	if d, ok := ctx.Deadline(); ok && (opts.Limits == nil || opts.Limits.DeadlineMs == nil) {
		ms := time.Until(d).Milliseconds()
		if ms < 0 {
			ms = 0
		}
		lim := RunLimits{}
		if opts.Limits != nil {
			lim = *opts.Limits
		}
		lim.DeadlineMs = &ms
		opts.Limits = &lim
	}
	doc, err := json.Marshal(opts)
	if err != nil {
		return nil, &Error{Code: StatusInvalidArgument, Msg: err.Error()}
	}
	return l.BeginJSON(doc)
}

// BeginJSON starts a run from the options document of ag_run_begin (nil = defaults).
func (l *Ledger) BeginJSON(opts []byte) (*Run, error) {
	return l.newRun(func(e *C.ag_engine, p *C.ag_ledger, out **C.ag_run) C.ag_status {
		o, n := bytesArg(opts)
		return C.ag_run_begin(e, p, o, n, out)
	})
}

// Restore recreates a run from Run.Snapshot output.
func (l *Ledger) Restore(snapshot []byte, flags uint32) (*Run, error) {
	return l.newRun(func(e *C.ag_engine, p *C.ag_ledger, out **C.ag_run) C.ag_status {
		sn, n := bytesArg(snapshot)
		return C.ag_run_restore(e, p, sn, n, C.uint32_t(flags), out)
	})
}

func (l *Ledger) newRun(create func(*C.ag_engine, *C.ag_ledger, **C.ag_run) C.ag_status) (*Run, error) {
	e, err := l.engine.ptr()
	if err != nil {
		return nil, err
	}
	var out *C.ag_run
	if err := l.call(func(p *C.ag_ledger) C.ag_status { return create(e, p, &out) }); err != nil {
		return nil, err
	}
	runtime.KeepAlive(l.engine)
	r := &Run{ledger: l}
	r.h.init(unsafe.Pointer(out), func(p unsafe.Pointer) { C.ag_run_free((*C.ag_run)(p)) }, &l.h)
	finalizeWith(r)
	return r, nil
}

// Close releases what the run still holds and frees it. Safe to call twice.
func (r *Run) Close() error { return closeOwner(r) }

func (r *Run) ownHandle() *handle { return &r.h }

func (r *Run) call(fn func(p *C.ag_run) C.ag_status) error {
	ptr, err := r.h.get()
	if err != nil {
		return err
	}
	p := (*C.ag_run)(ptr)
	s := fn(p)
	runtime.KeepAlive(r)
	if s == C.AG_OK {
		return nil
	}
	msg := lastError(func(b *C.char, c C.size_t) C.size_t { return C.ag_run_last_error(p, b, c) })
	return &Error{Code: Status(s), Msg: msg}
}

// Reserve takes the worst-case cost of a call from every budget, all or nothing.
func (r *Run) Reserve(model string, inputTokens, maxOutputTokens uint64) (uint64, error) {
	var id C.uint64_t
	err := r.call(func(p *C.ag_run) C.ag_status {
		m, n := strArg(model)
		return C.ag_run_reserve(p, m, n, C.uint64_t(inputTokens), C.uint64_t(maxOutputTokens), &id)
	})
	return uint64(id), err
}

// Commit replaces a reservation with the real cost of usage; returns the cost in nano-USD.
func (r *Run) Commit(reservation uint64, usage Usage) (int64, error) {
	u := usage.toC()
	var cost C.int64_t
	err := r.call(func(p *C.ag_run) C.ag_status {
		return C.ag_run_commit(p, C.uint64_t(reservation), &u, &cost)
	})
	return int64(cost), err
}

// Release returns a reservation untouched.
func (r *Run) Release(reservation uint64) error {
	return r.call(func(p *C.ag_run) C.ag_status { return C.ag_run_release(p, C.uint64_t(reservation)) })
}

// Check returns nil while the run may continue, else the reason (deadline, kill, closed).
func (r *Run) Check() error {
	return r.call(func(p *C.ag_run) C.ag_status { return C.ag_run_check(p) })
}

// Turn counts one model turn.
func (r *Run) Turn() error {
	return r.call(func(p *C.ag_run) C.ag_status { return C.ag_run_turn(p) })
}

// ToolCall counts one tool call.
func (r *Run) ToolCall(tool string) error {
	return r.call(func(p *C.ag_run) C.ag_status {
		t, n := strArg(tool)
		return C.ag_run_tool_call(p, t, n)
	})
}

// StepTimeout is the time to give the next call; ok is false when unbounded.
func (r *Run) StepTimeout() (d time.Duration, ok bool, err error) {
	var ms C.int64_t
	err = r.call(func(p *C.ag_run) C.ag_status { return C.ag_run_step_timeout(p, &ms) })
	if err != nil || ms < 0 {
		return 0, false, err
	}
	return time.Duration(ms) * time.Millisecond, true, nil
}

// StepContext derives a context for the next call that ends at the run's step timeout
// (or ctx's own deadline, whichever is first). It fails once the run's deadline passed.
func (r *Run) StepContext(ctx context.Context) (context.Context, context.CancelFunc, error) {
	d, ok, err := r.StepTimeout()
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		c, cancel := context.WithCancel(ctx)
		return c, cancel, nil
	}
	c, cancel := context.WithTimeout(ctx, d)
	return c, cancel, nil
}

// RunStats is a run's counters (-1 = no limit; RemainingMs 0 once the deadline passed).
type RunStats struct {
	SpentNusd, ReservedNusd, LimitNusd, RemainingNusd int64
	SpentTokens, ReservedTokens, LimitTokens          int64
	Turns, MaxTurns, ToolCalls, MaxToolCalls          int64
	StartedMs, ElapsedMs, RemainingMs                 int64
	OpenReservations                                  int64
	State                                             Status
}

// Stats returns the run's counters.
func (r *Run) Stats() (RunStats, error) {
	o := C.ag_run_stats{struct_size: C.uint32_t(unsafe.Sizeof(C.ag_run_stats{}))}
	err := r.call(func(p *C.ag_run) C.ag_status { return C.ag_run_stats_get(p, &o) })
	return RunStats{int64(o.spent_nusd), int64(o.reserved_nusd), int64(o.limit_nusd),
		int64(o.remaining_nusd), int64(o.spent_tokens), int64(o.reserved_tokens),
		int64(o.limit_tokens), int64(o.turns), int64(o.max_turns), int64(o.tool_calls),
		int64(o.max_tool_calls), int64(o.started_ms), int64(o.elapsed_ms), int64(o.remaining_ms),
		int64(o.open_reservations), Status(o.state)}, err
}

// ID is the run's id.
func (r *Run) ID() (string, error) {
	b, err := r.sized(64, func(p *C.ag_run, b *C.char, c C.size_t, n *C.size_t) C.ag_status {
		return C.ag_run_id(p, b, c, n)
	})
	return string(b), err
}

// Snapshot serialises the run for Ledger.Restore (open reservations are not carried).
func (r *Run) Snapshot() ([]byte, error) {
	return r.sized(1024, func(p *C.ag_run, b *C.char, c C.size_t, n *C.size_t) C.ag_status {
		return C.ag_run_snapshot(p, b, c, n)
	})
}

func (r *Run) sized(initial int, fn func(*C.ag_run, *C.char, C.size_t, *C.size_t) C.ag_status) ([]byte, error) {
	var out []byte
	err := r.call(func(p *C.ag_run) C.ag_status {
		b, s := readSized(initial, func(buf *C.char, c C.size_t, n *C.size_t) C.ag_status { return fn(p, buf, c, n) })
		out = b
		return s
	})
	return out, err
}
