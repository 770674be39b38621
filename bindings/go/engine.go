package agentguard

/*
#include <agentguard.h>
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// Engine is a compiled policy. Immutable; safe for concurrent use.
type Engine struct{ h handle }

// NewEngine compiles a policy JSON document; nil gives the defaults.
func NewEngine(policy []byte) (*Engine, error) {
	var out *C.ag_engine
	errbuf := make([]byte, 1024)
	var p *C.char
	var n C.size_t
	if policy != nil {
		p, n = bytesArg(policy)
		if p == nil { // a non-nil empty document is still a document
			p = (*C.char)(unsafe.Pointer(&errbuf[0]))
		}
	}
	s := C.ag_engine_new(p, n, &out, (*C.char)(unsafe.Pointer(&errbuf[0])), C.size_t(len(errbuf)))
	runtime.KeepAlive(policy)
	if s != C.AG_OK {
		return nil, &Error{Code: Status(s), Msg: C.GoString((*C.char)(unsafe.Pointer(&errbuf[0])))}
	}
	e := &Engine{}
	e.h.init(unsafe.Pointer(out), func(p unsafe.Pointer) { C.ag_engine_free((*C.ag_engine)(p)) })
	finalizeWith(e)
	return e, nil
}

// Close releases the engine (deferred until every ledger made from it is closed).
func (e *Engine) Close() error { return closeOwner(e) }

func (e *Engine) ownHandle() *handle { return &e.h }

func (e *Engine) ptr() (*C.ag_engine, error) {
	p, err := e.h.get()
	return (*C.ag_engine)(p), err
}

func (e *Engine) fail(p *C.ag_engine, s C.ag_status) error {
	if s == C.AG_OK {
		return nil
	}
	msg := lastError(func(b *C.char, c C.size_t) C.size_t { return C.ag_engine_last_error(p, b, c) })
	return &Error{Code: Status(s), Msg: msg}
}

// Usage is the token counts of one model call (input includes cached input and cache
// writes; output includes reasoning).
type Usage struct {
	InputTokens        uint64 `json:"input_tokens"`
	CachedInputTokens  uint64 `json:"cached_input_tokens"`
	CacheWriteTokens   uint64 `json:"cache_write_tokens"`
	OutputTokens       uint64 `json:"output_tokens"`
	ReasoningTokens    uint64 `json:"reasoning_tokens"`
	CacheWrite1hTokens uint64 `json:"cache_write_1h_tokens"`
}

func (u *Usage) toC() C.ag_usage {
	return C.ag_usage{
		struct_size: C.uint32_t(unsafe.Sizeof(C.ag_usage{})), input_tokens: C.uint64_t(u.InputTokens),
		cached_input_tokens: C.uint64_t(u.CachedInputTokens), cache_write_tokens: C.uint64_t(u.CacheWriteTokens),
		output_tokens: C.uint64_t(u.OutputTokens), reasoning_tokens: C.uint64_t(u.ReasoningTokens),
		cache_write_1h_tokens: C.uint64_t(u.CacheWrite1hTokens),
	}
}

func usageFromC(u *C.ag_usage) Usage {
	return Usage{uint64(u.input_tokens), uint64(u.cached_input_tokens), uint64(u.cache_write_tokens),
		uint64(u.output_tokens), uint64(u.reasoning_tokens), uint64(u.cache_write_1h_tokens)}
}

// Price is the cost of a usage of model in nano-USD (rounded up).
func (e *Engine) Price(model string, usage Usage) (int64, error) {
	p, err := e.ptr()
	if err != nil {
		return 0, err
	}
	m, n := strArg(model)
	u := usage.toC()
	var cost C.int64_t
	s := C.ag_engine_price(p, m, n, &u, &cost)
	runtime.KeepAlive(e)
	return int64(cost), e.fail(p, s)
}

// ModelPrice is a model's prices per million tokens in nano-USD.
type ModelPrice struct {
	Name                    string
	InputPerMtokNusd        int64
	CachedInputPerMtokNusd  int64
	CacheWrite5mPerMtokNusd int64
	CacheWrite1hPerMtokNusd int64
	OutputPerMtokNusd       int64
	ReasoningPerMtokNusd    int64
	TierThresholdTokens     uint64
	InputAbovePerMtokNusd   int64
	OutputAbovePerMtokNusd  int64
}

// ModelPrice looks a model up after name normalisation.
func (e *Engine) ModelPrice(model string) (ModelPrice, error) {
	p, err := e.ptr()
	if err != nil {
		return ModelPrice{}, err
	}
	m, n := strArg(model)
	out := C.ag_model_price{struct_size: C.uint32_t(unsafe.Sizeof(C.ag_model_price{}))}
	name, s := readSized(128, func(b *C.char, c C.size_t, l *C.size_t) C.ag_status {
		return C.ag_engine_model_price(p, m, n, &out, b, c, l)
	})
	runtime.KeepAlive(e)
	if s != C.AG_OK {
		return ModelPrice{}, e.fail(p, s)
	}
	return ModelPrice{string(name), int64(out.input_per_mtok_nusd), int64(out.cached_input_per_mtok_nusd),
		int64(out.cache_write_5m_per_mtok_nusd), int64(out.cache_write_1h_per_mtok_nusd),
		int64(out.output_per_mtok_nusd), int64(out.reasoning_per_mtok_nusd),
		uint64(out.tier_threshold_tokens), int64(out.input_above_per_mtok_nusd),
		int64(out.output_above_per_mtok_nusd)}, nil
}
