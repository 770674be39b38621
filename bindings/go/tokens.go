package agentguard

/*
#include <agentguard.h>
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// Encoding of a tokenizer.
type Encoding int32

// Encodings.
const (
	EncodingEstimate   Encoding = C.AG_ENCODING_ESTIMATE
	EncodingO200kBase  Encoding = C.AG_ENCODING_O200K_BASE
	EncodingCl100kBase Encoding = C.AG_ENCODING_CL100K_BASE
)

// EncodingForModel is the encoding of a model's tokenizer (EncodingEstimate when none is public).
func EncodingForModel(model string) Encoding {
	m, n := strArg(model)
	return Encoding(C.ag_encoding_for_model(m, n))
}

// EstimateTokens is a deliberately high estimate of the token count.
func EstimateTokens(text []byte) (uint64, error) {
	var n C.uint64_t
	t, l := bytesArg(text)
	if st := C.ag_tokens_estimate(t, l, &n); st != C.AG_OK {
		return 0, &Error{Code: Status(st), Msg: "ag_tokens_estimate failed"}
	}
	return uint64(n), nil
}

// CountTokens counts exactly with the engine's tokenizers.
func (e *Engine) CountTokens(text []byte, enc Encoding) (uint64, error) {
	p, err := e.ptr()
	if err != nil {
		return 0, err
	}
	var n C.uint64_t
	t, l := bytesArg(text)
	st := C.ag_tokens_count(p, C.int32_t(enc), t, l, &n)
	runtime.KeepAlive(e)
	return uint64(n), e.fail(p, st)
}

// Tokenizer counts tokens without an engine. Safe for concurrent use.
type Tokenizer struct{ h handle }

// NewTokenizer reads rank files from dir ("" = $AGENTGUARD_TOKENIZER_DIR) on first use.
func NewTokenizer(dir string) (*Tokenizer, error) {
	var out *C.ag_tokenizer
	var d *C.char
	var dl C.size_t
	if dir != "" {
		d, dl = strArg(dir)
	}
	if st := C.ag_tokenizer_new(d, dl, &out); st != C.AG_OK {
		return nil, &Error{Code: Status(st), Msg: "ag_tokenizer_new failed"}
	}
	t := &Tokenizer{}
	t.h.init(unsafe.Pointer(out), func(p unsafe.Pointer) { C.ag_tokenizer_free((*C.ag_tokenizer)(p)) })
	finalizeWith(t)
	return t, nil
}

// Close frees the tokenizer. Safe to call twice.
func (t *Tokenizer) Close() error { return closeOwner(t) }

func (t *Tokenizer) ownHandle() *handle { return &t.h }

// Count counts the tokens of text in an encoding.
func (t *Tokenizer) Count(text []byte, enc Encoding) (uint64, error) {
	ptr, err := t.h.get()
	if err != nil {
		return 0, err
	}
	p := (*C.ag_tokenizer)(ptr)
	var n C.uint64_t
	tp, tl := bytesArg(text)
	st := C.ag_tokenizer_count(p, C.int32_t(enc), tp, tl, &n)
	runtime.KeepAlive(t)
	if st != C.AG_OK {
		msg := lastError(func(b *C.char, c C.size_t) C.size_t { return C.ag_tokenizer_last_error(p, b, c) })
		return 0, &Error{Code: Status(st), Msg: msg}
	}
	return uint64(n), nil
}
