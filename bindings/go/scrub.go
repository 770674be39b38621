package agentguard

/*
#include <agentguard.h>
*/
import "C"

import (
	"fmt"
	"math"
	"runtime"
	"unsafe"
)

// Style of redaction.
type Style int32

// Redaction styles and rule confidences.
const (
	StyleDefault Style = C.AG_SCRUB_STYLE_DEFAULT // the policy's scrub.style
	StyleLabel   Style = C.AG_SCRUB_STYLE_LABEL   // [REDACTED:<rule-id>]
	StyleMask    Style = C.AG_SCRUB_STYLE_MASK    // safe prefix, then ****
	StyleHash    Style = C.AG_SCRUB_STYLE_HASH    // [REDACTED:<rule-id>:<12 hex>]
	StyleDetect  Style = C.AG_SCRUB_STYLE_DETECT  // output = input; findings only

	ConfidenceLow    = C.AG_CONFIDENCE_LOW
	ConfidenceMedium = C.AG_CONFIDENCE_MEDIUM
	ConfidenceHigh   = C.AG_CONFIDENCE_HIGH
)

// Limits of Scrubber.Threads.
const (
	ScrubPartMin    = C.AG_SCRUB_PART_MIN    // smallest part of an input one thread scans, in bytes
	ScrubThreadsMax = C.AG_SCRUB_THREADS_MAX // largest Threads; more is ErrInvalidArgument
)

// Finding is one redaction: input bytes [Start, End) were replaced because of Rule.
type Finding struct {
	Rule, Family string
	Start, End   uint64
	Confidence   int32
	RuleIndex    uint32
}

// RuleInfo describes one active scrub rule.
type RuleInfo struct {
	ID, Family string
	Confidence int32
	MaxLen     uint32
}

// scrubOptsSize is the struct_size every call sends.
const scrubOptsSize = unsafe.Sizeof(C.ag_scrub_opts{})

func scrubOpts(style Style, threads uint32) C.ag_scrub_opts {
	return C.ag_scrub_opts{
		struct_size: C.uint32_t(scrubOptsSize),
		style:       C.int32_t(style),
		threads:     C.uint32_t(threads),
	}
}

// Scrubber scrubs with an engine's rules. Safe for concurrent use.
type Scrubber struct {
	Engine *Engine
	Style  Style
	// Threads is the most threads one Scrub, ScrubTo or Scan call may use: 0 and 1 scan on the calling
	// thread; N > 1 splits the input into up to N parts of at least ScrubPartMin bytes (so
	// inputs under 2 MiB are never split), scanned by threads started and joined within the
	// call. At most ScrubThreadsMax. Output and findings are the same for every value.
	// Streams ignore it.
	Threads int
}

// callOpts is the options of one Scrub, ScrubTo or Scan call: the style and threads, which
// must fit the C field.
func (s *Scrubber) callOpts() (C.ag_scrub_opts, error) {
	if s.Threads < 0 || uint64(s.Threads) > math.MaxUint32 {
		return C.ag_scrub_opts{}, &Error{Code: StatusInvalidArgument, Msg: fmt.Sprintf("threads %d out of range", s.Threads)}
	}
	return scrubOpts(s.Style, uint32(s.Threads)), nil
}

// NewScrubber returns a scrubber using the engine's rules with a redaction style.
func (e *Engine) NewScrubber(style Style) *Scrubber { return &Scrubber{Engine: e, Style: style} }

// Scrub returns in with every secret redacted, and the number of redactions.
func (s *Scrubber) Scrub(in []byte) ([]byte, int, error) {
	e := s.Engine
	p, err := e.ptr()
	if err != nil {
		return nil, 0, err
	}
	opts, err := s.callOpts()
	if err != nil {
		return nil, 0, err
	}
	var n, found C.size_t
	ip, il := bytesArg(in)
	call := func(out []byte) C.ag_status {
		return C.ag_scrub(p, &opts, ip, il, (*C.char)(unsafe.Pointer(&out[0])), C.size_t(len(out)), &n, &found)
	}
	// Secrets are rare, so the output is nearly always the input plus a little: try that
	// first rather than ag_scrub_bound (a worst case tens of times the input), and on
	// ErrBufferTooSmall retry once with the exact size the first call reported.
	out := make([]byte, scrubGuess(len(in)))
	st := call(out)
	if st == C.AG_E_BUFFER_TOO_SMALL {
		size := int(n) // more than the first try, so never 0
		if size == 0 {
			size = 1
		}
		out = make([]byte, size)
		st = call(out)
	}
	runtime.KeepAlive(e)
	if st != C.AG_OK {
		return nil, 0, e.fail(p, st)
	}
	return out[:int(n)], int(found), nil
}

// scrubGuess is the first output buffer size Scrub tries for n input bytes: n + n/8 + 4096
// (the same rule in every binding). A larger output is retried with its exact size.
func scrubGuess(n int) int {
	if g := n + n/8 + 4096; g > n {
		return g
	}
	return n // overflow: cannot happen for an input that fits in memory
}

// ScrubString is Scrub for strings.
func (s *Scrubber) ScrubString(in string) (string, error) {
	out, _, err := s.Scrub([]byte(in))
	return string(out), err
}

// findingsGuess is the first array size readFindings tries for a scan of n bytes: 16 plus one
// finding per 4 KiB (the same rule in every binding), so a large scan is rarely run twice.
func findingsGuess(n int) int { return 16 + n/4096 }

// readFindings reads an ag_finding array with the count query of ag_scan, trying `first`
// elements first.
func readFindings(first int, fill func(out *C.ag_finding, cap C.size_t, n *C.size_t) C.ag_status) ([]Finding, C.ag_status) {
	buf := make([]C.ag_finding, first)
	var n C.size_t
	buf[0].struct_size = C.uint32_t(unsafe.Sizeof(C.ag_finding{}))
	st := fill(&buf[0], C.size_t(len(buf)), &n)
	if st == C.AG_E_BUFFER_TOO_SMALL && int(n) > len(buf) {
		buf = make([]C.ag_finding, int(n))
		buf[0].struct_size = C.uint32_t(unsafe.Sizeof(C.ag_finding{}))
		st = fill(&buf[0], C.size_t(len(buf)), &n)
	}
	if st != C.AG_OK {
		return nil, st
	}
	out := make([]Finding, int(n))
	for i := range out {
		f := &buf[i]
		out[i] = Finding{C.GoString(&f.rule[0]), C.GoString(&f.family[0]), uint64(f.start), uint64(f.end),
			int32(f.confidence), uint32(f.rule_index)}
	}
	return out, st
}

// Scan returns the findings only, in input order, on up to Threads threads (the style is
// not used).
func (s *Scrubber) Scan(in []byte) ([]Finding, error) {
	e := s.Engine
	p, err := e.ptr()
	if err != nil {
		return nil, err
	}
	opts, err := s.callOpts()
	if err != nil {
		return nil, err
	}
	ip, il := bytesArg(in)
	found, st := readFindings(findingsGuess(len(in)), func(out *C.ag_finding, c C.size_t, n *C.size_t) C.ag_status {
		return C.ag_scan_with(p, &opts, ip, il, out, c, n)
	})
	runtime.KeepAlive(e)
	return found, e.fail(p, st)
}

// Rules lists the engine's active rules.
func (s *Scrubber) Rules() ([]RuleInfo, error) {
	e := s.Engine
	p, err := e.ptr()
	if err != nil {
		return nil, err
	}
	defer runtime.KeepAlive(e)
	var count C.size_t
	if st := C.ag_scrub_rule_count(p, &count); st != C.AG_OK {
		return nil, e.fail(p, st)
	}
	rules := make([]RuleInfo, int(count))
	for i := range rules {
		info := C.ag_rule_info{struct_size: C.uint32_t(unsafe.Sizeof(C.ag_rule_info{}))}
		if st := C.ag_scrub_rule_info(p, C.size_t(i), &info); st != C.AG_OK {
			return nil, e.fail(p, st)
		}
		rules[i] = RuleInfo{C.GoString(&info.id[0]), C.GoString(&info.family[0]), int32(info.confidence), uint32(info.max_len)}
	}
	return rules, nil
}

// ScrubStream is one streaming redactor: the concatenated output of Write and Finish is
// byte-identical to Scrub of the concatenated input, for any chunking. One goroutine at a
// time. It keeps the engine's rules alive by itself.
type ScrubStream struct{ h handle }

// NewStream starts a streaming redactor.
func (s *Scrubber) NewStream() (*ScrubStream, error) {
	e := s.Engine
	p, err := e.ptr()
	if err != nil {
		return nil, err
	}
	opts := scrubOpts(s.Style, 0)
	var out *C.ag_scrub_stream
	st := C.ag_scrub_stream_new(p, &opts, &out)
	runtime.KeepAlive(e)
	if st != C.AG_OK {
		return nil, e.fail(p, st)
	}
	ss := &ScrubStream{}
	ss.h.init(unsafe.Pointer(out), func(p unsafe.Pointer) { C.ag_scrub_stream_free((*C.ag_scrub_stream)(p)) })
	finalizeWith(ss)
	return ss, nil
}

// Close frees the stream. Safe to call twice.
func (ss *ScrubStream) Close() error { return closeOwner(ss) }

func (ss *ScrubStream) ownHandle() *handle { return &ss.h }

func (ss *ScrubStream) emit(nIn int, fn func(p *C.ag_scrub_stream, out *C.char, cap C.size_t, n *C.size_t) C.ag_status) ([]byte, error) {
	ptr, err := ss.h.get()
	if err != nil {
		return nil, err
	}
	p := (*C.ag_scrub_stream)(ptr)
	out := make([]byte, int(C.ag_scrub_stream_bound(p, C.size_t(nIn)))+1)
	var n C.size_t
	st := fn(p, (*C.char)(unsafe.Pointer(&out[0])), C.size_t(len(out)), &n)
	runtime.KeepAlive(ss)
	if st != C.AG_OK {
		msg := lastError(func(b *C.char, c C.size_t) C.size_t { return C.ag_scrub_stream_last_error(p, b, c) })
		return nil, &Error{Code: Status(st), Msg: msg}
	}
	return out[:int(n)], nil
}

// Write consumes chunk and returns the output that became final (possibly empty).
func (ss *ScrubStream) Write(chunk []byte) ([]byte, error) {
	return ss.emit(len(chunk), func(p *C.ag_scrub_stream, out *C.char, c C.size_t, n *C.size_t) C.ag_status {
		ip, il := bytesArg(chunk)
		return C.ag_scrub_stream_write(p, ip, il, out, c, n)
	})
}

// Finish ends the input and returns everything still held.
func (ss *ScrubStream) Finish() ([]byte, error) {
	return ss.emit(0, func(p *C.ag_scrub_stream, out *C.char, c C.size_t, n *C.size_t) C.ag_status {
		return C.ag_scrub_stream_finish(p, out, c, n)
	})
}

// Findings returns the findings emitted so far.
func (ss *ScrubStream) Findings() ([]Finding, error) {
	ptr, err := ss.h.get()
	if err != nil {
		return nil, err
	}
	p := (*C.ag_scrub_stream)(ptr)
	found, st := readFindings(16, func(out *C.ag_finding, c C.size_t, n *C.size_t) C.ag_status {
		return C.ag_scrub_stream_findings(p, out, c, n)
	})
	runtime.KeepAlive(ss)
	if st != C.AG_OK {
		msg := lastError(func(b *C.char, c C.size_t) C.size_t { return C.ag_scrub_stream_last_error(p, b, c) })
		return nil, &Error{Code: Status(st), Msg: msg}
	}
	return found, nil
}
