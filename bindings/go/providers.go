package agentguard

/*
#include <agentguard.h>
*/
import "C"

import (
	"encoding/json"
	"runtime"
	"unsafe"
)

// Provider API of a response.
type Provider int32

// Providers, finish reasons and error classes of the C ABI.
const (
	ProviderAuto            Provider = C.AG_PROVIDER_AUTO
	ProviderOpenAIChat      Provider = C.AG_PROVIDER_OPENAI_CHAT
	ProviderOpenAIResponses Provider = C.AG_PROVIDER_OPENAI_RESPONSES
	ProviderAnthropic       Provider = C.AG_PROVIDER_ANTHROPIC
	ProviderGemini          Provider = C.AG_PROVIDER_GEMINI

	FinishNone          = C.AG_FINISH_NONE
	FinishStop          = C.AG_FINISH_STOP
	FinishLength        = C.AG_FINISH_LENGTH
	FinishToolCalls     = C.AG_FINISH_TOOL_CALLS
	FinishContentFilter = C.AG_FINISH_CONTENT_FILTER
	FinishOther         = C.AG_FINISH_OTHER

	ErrorClassUnknown        = C.AG_ERROR_UNKNOWN
	ErrorClassRateLimit      = C.AG_ERROR_RATE_LIMIT
	ErrorClassOverloaded     = C.AG_ERROR_OVERLOADED
	ErrorClassContextLength  = C.AG_ERROR_CONTEXT_LENGTH
	ErrorClassContentPolicy  = C.AG_ERROR_CONTENT_POLICY
	ErrorClassAuth           = C.AG_ERROR_AUTH
	ErrorClassPermission     = C.AG_ERROR_PERMISSION
	ErrorClassNotFound       = C.AG_ERROR_NOT_FOUND
	ErrorClassBilling        = C.AG_ERROR_BILLING
	ErrorClassInvalidRequest = C.AG_ERROR_INVALID_REQUEST
	ErrorClassServer         = C.AG_ERROR_SERVER
)

// String is the provider's name, e.g. "openai-chat".
func (p Provider) String() string { return C.GoString(C.ag_provider_str(C.int32_t(p))) }

// FinishReasonString names a finish reason, e.g. "tool_calls".
func FinishReasonString(f int32) string { return C.GoString(C.ag_finish_reason_str(C.int32_t(f))) }

// ErrorClassString names an error class, e.g. "rate_limit".
func ErrorClassString(c int32) string { return C.GoString(C.ag_error_class_str(C.int32_t(c))) }

// ToolCall is one tool call the host should execute.
type ToolCall struct {
	ID, Name  string
	Arguments string // JSON text
}

// Response is a parsed provider response (the body is not kept).
type Response struct{ h handle }

func newResponse(p *C.ag_response) *Response {
	r := &Response{}
	r.h.init(unsafe.Pointer(p), func(p unsafe.Pointer) { C.ag_response_free((*C.ag_response)(p)) })
	finalizeWith(r)
	return r
}

// ParseResponse parses a non-streaming response body of provider (or ProviderAuto).
func ParseResponse(provider Provider, body []byte) (*Response, error) {
	var out *C.ag_response
	errbuf := make([]byte, 1024)
	b, n := bytesArg(body)
	st := C.ag_response_parse(C.int32_t(provider), b, n, &out, (*C.char)(unsafe.Pointer(&errbuf[0])), C.size_t(len(errbuf)))
	if st != C.AG_OK {
		return nil, &Error{Code: Status(st), Msg: C.GoString((*C.char)(unsafe.Pointer(&errbuf[0])))}
	}
	return newResponse(out), nil
}

// Close frees the response. Safe to call twice.
func (r *Response) Close() error { return closeOwner(r) }

func (r *Response) ownHandle() *handle { return &r.h }

func (r *Response) call(fn func(p *C.ag_response) C.ag_status) error {
	ptr, err := r.h.get()
	if err != nil {
		return err
	}
	p := (*C.ag_response)(ptr)
	st := fn(p)
	runtime.KeepAlive(r)
	if st == C.AG_OK {
		return nil
	}
	msg := lastError(func(b *C.char, c C.size_t) C.size_t { return C.ag_response_last_error(p, b, c) })
	return &Error{Code: Status(st), Msg: msg}
}

// Provider that produced the response.
func (r *Response) Provider() Provider {
	v := Provider(-1)
	_ = r.call(func(p *C.ag_response) C.ag_status { v = Provider(C.ag_response_provider(p)); return C.AG_OK })
	return v
}

// Finish is the normalised finish reason (Finish* constants).
func (r *Response) Finish() int32 {
	v := int32(-1)
	_ = r.call(func(p *C.ag_response) C.ag_status { v = int32(C.ag_response_finish(p)); return C.AG_OK })
	return v
}

// Truncated reports a stream that ended without its terminal event.
func (r *Response) Truncated() bool {
	v := false
	_ = r.call(func(p *C.ag_response) C.ag_status { v = C.ag_response_truncated(p) == 1; return C.AG_OK })
	return v
}

// Usage is the normalised token usage.
func (r *Response) Usage() (Usage, error) {
	u := C.ag_usage{struct_size: C.uint32_t(unsafe.Sizeof(C.ag_usage{}))}
	err := r.call(func(p *C.ag_response) C.ag_status { return C.ag_response_usage(p, &u) })
	return usageFromC(&u), err
}

func (r *Response) field(f C.int32_t) (string, error) {
	var out []byte
	err := r.call(func(p *C.ag_response) C.ag_status {
		b, st := readSized(256, func(buf *C.char, c C.size_t, n *C.size_t) C.ag_status {
			return C.ag_response_field(p, f, buf, c, n)
		})
		out = b
		return st
	})
	return string(out), err
}

// Model as reported by the provider.
func (r *Response) Model() (string, error) { return r.field(C.AG_FIELD_MODEL) }

// ID of the response ("" when the provider gives none).
func (r *Response) ID() (string, error) { return r.field(C.AG_FIELD_ID) }

// FinishRaw is the provider's own finish reason.
func (r *Response) FinishRaw() (string, error) { return r.field(C.AG_FIELD_FINISH_RAW) }

// Text is the output text (reasoning excluded).
func (r *Response) Text() (string, error) { return r.field(C.AG_FIELD_TEXT) }

// ToolCalls lists the tool calls the host should execute.
func (r *Response) ToolCalls() ([]ToolCall, error) {
	var calls []ToolCall
	err := r.call(func(p *C.ag_response) C.ag_status {
		count := int(C.ag_response_tool_call_count(p))
		calls = make([]ToolCall, count)
		for i := 0; i < count; i++ {
			var parts [3]string
			for part := range parts {
				b, st := readSized(256, func(buf *C.char, c C.size_t, n *C.size_t) C.ag_status {
					return C.ag_response_tool_call(p, C.size_t(i), C.int32_t(part), buf, c, n)
				})
				if st != C.AG_OK {
					return st
				}
				parts[part] = string(b)
			}
			calls[i] = ToolCall{parts[C.AG_TOOL_CALL_ID], parts[C.AG_TOOL_CALL_NAME], parts[C.AG_TOOL_CALL_ARGUMENTS]}
		}
		return C.AG_OK
	})
	return calls, err
}

// JSON is the whole response as one JSON object (see ag_response_to_json).
func (r *Response) JSON() (map[string]interface{}, error) {
	var raw []byte
	err := r.call(func(p *C.ag_response) C.ag_status {
		b, st := readSized(1024, func(buf *C.char, c C.size_t, n *C.size_t) C.ag_status {
			return C.ag_response_to_json(p, buf, c, n)
		})
		raw = b
		return st
	})
	if err != nil {
		return nil, err
	}
	var v map[string]interface{}
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, &Error{Code: StatusParse, Msg: err.Error()}
	}
	return v, nil
}

// StreamParser parses one provider SSE stream fed in chunks split anywhere. One goroutine
// at a time.
type StreamParser struct{ h handle }

// NewStreamParser starts a parser for provider (ProviderAuto detects it).
func NewStreamParser(provider Provider) (*StreamParser, error) {
	var out *C.ag_stream_parser
	if st := C.ag_stream_parser_new(C.int32_t(provider), &out); st != C.AG_OK {
		return nil, &Error{Code: Status(st), Msg: "ag_stream_parser_new failed"}
	}
	sp := &StreamParser{}
	sp.h.init(unsafe.Pointer(out), func(p unsafe.Pointer) { C.ag_stream_parser_free((*C.ag_stream_parser)(p)) })
	finalizeWith(sp)
	return sp, nil
}

// Close frees the parser. Safe to call twice.
func (sp *StreamParser) Close() error { return closeOwner(sp) }

func (sp *StreamParser) ownHandle() *handle { return &sp.h }

func (sp *StreamParser) call(fn func(p *C.ag_stream_parser) C.ag_status) error {
	ptr, err := sp.h.get()
	if err != nil {
		return err
	}
	p := (*C.ag_stream_parser)(ptr)
	st := fn(p)
	runtime.KeepAlive(sp)
	if st == C.AG_OK {
		return nil
	}
	msg := lastError(func(b *C.char, c C.size_t) C.size_t { return C.ag_stream_parser_last_error(p, b, c) })
	return &Error{Code: Status(st), Msg: msg}
}

// Write feeds bytes of the stream.
func (sp *StreamParser) Write(chunk []byte) error {
	return sp.call(func(p *C.ag_stream_parser) C.ag_status {
		b, n := bytesArg(chunk)
		return C.ag_stream_parser_write(p, b, n)
	})
}

// Finish ends the stream: ErrTruncated (retryable) when the terminal event never came.
func (sp *StreamParser) Finish() error {
	return sp.call(func(p *C.ag_stream_parser) C.ag_status { return C.ag_stream_parser_finish(p) })
}

// Done reports whether the terminal event has been seen.
func (sp *StreamParser) Done() bool {
	done := false
	_ = sp.call(func(p *C.ag_stream_parser) C.ag_status { done = C.ag_stream_parser_done(p) == 1; return C.AG_OK })
	return done
}

// TakeText moves out the output text received since the last call.
func (sp *StreamParser) TakeText() (string, error) {
	var out []byte
	err := sp.call(func(p *C.ag_stream_parser) C.ag_status {
		b, st := readSized(256, func(buf *C.char, c C.size_t, n *C.size_t) C.ag_status {
			return C.ag_stream_parser_take_text(p, buf, c, n)
		})
		out = b
		return st
	})
	return string(out), err
}

// Result is a snapshot of what the stream has said so far.
func (sp *StreamParser) Result() (*Response, error) {
	var out *C.ag_response
	if err := sp.call(func(p *C.ag_stream_parser) C.ag_status { return C.ag_stream_parser_result(p, &out) }); err != nil {
		return nil, err
	}
	return newResponse(out), nil
}

// ErrorInfo classifies a provider error.
type ErrorInfo struct {
	Class        int32
	Retryable    bool
	HTTPStatus   int32
	RetryAfterMs int64 // -1 = not given
	Message      string
}

// ClassifyError classifies a provider error from its HTTP status, raw headers and body.
func ClassifyError(provider Provider, httpStatus int, headers, body []byte) (ErrorInfo, error) {
	info := C.ag_error_info{struct_size: C.uint32_t(unsafe.Sizeof(C.ag_error_info{}))}
	h, hl := bytesArg(headers)
	b, bl := bytesArg(body)
	msg, st := readSized(256, func(buf *C.char, c C.size_t, n *C.size_t) C.ag_status {
		return C.ag_error_classify(C.int32_t(provider), C.int32_t(httpStatus), h, hl, b, bl, &info, buf, c, n)
	})
	if st != C.AG_OK {
		return ErrorInfo{}, &Error{Code: Status(st), Msg: "ag_error_classify failed"}
	}
	return ErrorInfo{int32(info.error_class), info.retryable == 1, int32(info.http_status),
		int64(info.retry_after_ms), string(msg)}, nil
}

// RecordResponse parses body, prices its usage and commits the reservation.
func (r *Run) RecordResponse(reservation uint64, provider Provider, body []byte) (Usage, int64, error) {
	u := C.ag_usage{struct_size: C.uint32_t(unsafe.Sizeof(C.ag_usage{}))}
	var cost C.int64_t
	err := r.call(func(p *C.ag_run) C.ag_status {
		b, n := bytesArg(body)
		return C.ag_run_record_response(p, C.uint64_t(reservation), C.int32_t(provider), b, n, &u, &cost)
	})
	return usageFromC(&u), int64(cost), err
}

// RecordStream commits the usage a finished stream parser has seen.
func (r *Run) RecordStream(reservation uint64, sp *StreamParser) (Usage, int64, error) {
	u := C.ag_usage{struct_size: C.uint32_t(unsafe.Sizeof(C.ag_usage{}))}
	var cost C.int64_t
	pp, err := sp.h.get()
	if err != nil {
		return Usage{}, 0, err
	}
	err = r.call(func(p *C.ag_run) C.ag_status {
		return C.ag_run_record_stream(p, C.uint64_t(reservation), (*C.ag_stream_parser)(pp), &u, &cost)
	})
	runtime.KeepAlive(sp)
	return usageFromC(&u), int64(cost), err
}
