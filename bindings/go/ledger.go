package agentguard

/*
#include <stdlib.h>
#include <agentguard.h>
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// Scope of a budget counter.
type Scope int32

// Window of a budget counter.
type Window int32

// Scopes and windows of the C ABI.
const (
	ScopeRun    Scope = C.AG_SCOPE_RUN
	ScopeUser   Scope = C.AG_SCOPE_USER
	ScopeTenant Scope = C.AG_SCOPE_TENANT
	ScopeGlobal Scope = C.AG_SCOPE_GLOBAL

	WindowTotal Window = C.AG_WINDOW_TOTAL
	WindowHour  Window = C.AG_WINDOW_HOUR
	WindowDay   Window = C.AG_WINDOW_DAY
	WindowMonth Window = C.AG_WINDOW_MONTH
)

// Ledger holds the budget counters of every scope and window. Safe for concurrent use.
type Ledger struct {
	h      handle
	engine *Engine
}

// NewLedger opens a ledger over a store ("" or "memory" = in-process).
func (e *Engine) NewLedger(store string) (*Ledger, error) {
	p, err := e.ptr()
	if err != nil {
		return nil, err
	}
	var cstore *C.char
	if store != "" {
		cstore = C.CString(store)
		defer C.free(unsafe.Pointer(cstore))
	}
	var out *C.ag_ledger
	s := C.ag_ledger_new(p, cstore, &out)
	runtime.KeepAlive(e)
	if s != C.AG_OK {
		return nil, e.fail(p, s)
	}
	l := &Ledger{engine: e}
	l.h.init(unsafe.Pointer(out), func(p unsafe.Pointer) { C.ag_ledger_free((*C.ag_ledger)(p)) }, &e.h)
	finalizeWith(l)
	return l, nil
}

// Close releases the ledger (deferred until every run made from it is closed).
func (l *Ledger) Close() error { return closeOwner(l) }

func (l *Ledger) ownHandle() *handle { return &l.h }

func (l *Ledger) ptr() (*C.ag_ledger, error) {
	p, err := l.h.get()
	return (*C.ag_ledger)(p), err
}

func (l *Ledger) fail(p *C.ag_ledger, s C.ag_status) error {
	if s == C.AG_OK {
		return nil
	}
	msg := lastError(func(b *C.char, c C.size_t) C.size_t { return C.ag_ledger_last_error(p, b, c) })
	return &Error{Code: Status(s), Msg: msg}
}

// call runs fn with the live pointer and turns its status into an error.
func (l *Ledger) call(fn func(p *C.ag_ledger) C.ag_status) error {
	p, err := l.ptr()
	if err != nil {
		return err
	}
	s := fn(p)
	runtime.KeepAlive(l)
	return l.fail(p, s)
}

// Get returns the spent and reserved nano-USD of one counter in its current window.
func (l *Ledger) Get(scope Scope, id string, window Window) (spent, reserved int64, err error) {
	var sp, rs C.int64_t
	err = l.call(func(p *C.ag_ledger) C.ag_status {
		i, n := strArg(id)
		return C.ag_ledger_get(p, C.int32_t(scope), i, n, C.int32_t(window), &sp, &rs)
	})
	return int64(sp), int64(rs), err
}

// Counter is one budget counter in its current window (-1 limits = none).
type Counter struct {
	SpentNusd, ReservedNusd, LimitNusd       int64
	SpentTokens, ReservedTokens, LimitTokens int64
	WindowStartMs                            int64
}

// Counter returns a whole counter with its limits.
func (l *Ledger) Counter(scope Scope, id string, window Window) (Counter, error) {
	out := C.ag_counter{struct_size: C.uint32_t(unsafe.Sizeof(C.ag_counter{}))}
	err := l.call(func(p *C.ag_ledger) C.ag_status {
		i, n := strArg(id)
		return C.ag_ledger_counter(p, C.int32_t(scope), i, n, C.int32_t(window), &out)
	})
	return Counter{int64(out.spent_nusd), int64(out.reserved_nusd), int64(out.limit_nusd),
		int64(out.spent_tokens), int64(out.reserved_tokens), int64(out.limit_tokens),
		int64(out.window_start_ms)}, err
}

// SetLimit overrides the policy's limit for one id (-1 = no limit).
func (l *Ledger) SetLimit(scope Scope, id string, window Window, limitNusd, limitTokens int64) error {
	return l.call(func(p *C.ag_ledger) C.ag_status {
		i, n := strArg(id)
		return C.ag_ledger_set_limit(p, C.int32_t(scope), i, n, C.int32_t(window),
			C.int64_t(limitNusd), C.int64_t(limitTokens))
	})
}

// ClearLimit returns one id to the policy's limit.
func (l *Ledger) ClearLimit(scope Scope, id string, window Window) error {
	return l.call(func(p *C.ag_ledger) C.ag_status {
		i, n := strArg(id)
		return C.ag_ledger_clear_limit(p, C.int32_t(scope), i, n, C.int32_t(window))
	})
}

// Kill makes every later step of the affected runs fail with ErrKilled.
func (l *Ledger) Kill(scope Scope, id, reason string) error {
	return l.call(func(p *C.ag_ledger) C.ag_status {
		i, n := strArg(id)
		r, rn := strArg(reason)
		return C.ag_ledger_kill(p, C.int32_t(scope), i, n, r, rn)
	})
}

// Revive lifts a kill switch.
func (l *Ledger) Revive(scope Scope, id string) error {
	return l.call(func(p *C.ag_ledger) C.ag_status {
		i, n := strArg(id)
		return C.ag_ledger_revive(p, C.int32_t(scope), i, n)
	})
}

// SetTime switches to a manual clock at nowMs (ms since the epoch); nowMs < 0 returns to
// the system clock.
func (l *Ledger) SetTime(nowMs int64) error {
	return l.call(func(p *C.ag_ledger) C.ag_status { return C.ag_ledger_set_time(p, C.int64_t(nowMs)) })
}

// Now is the ledger's current time in ms since the epoch.
func (l *Ledger) Now() int64 {
	var now int64
	_ = l.call(func(p *C.ag_ledger) C.ag_status {
		now = int64(C.ag_ledger_now(p))
		return C.AG_OK
	})
	return now
}

// Expire releases every reservation whose time to live has passed; returns how many.
func (l *Ledger) Expire() (uint64, error) {
	var n C.uint64_t
	err := l.call(func(p *C.ag_ledger) C.ag_status { return C.ag_ledger_expire(p, &n) })
	return uint64(n), err
}
