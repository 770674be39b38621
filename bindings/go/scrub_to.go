package agentguard

// This file holds an //export, so cgo copies its preamble into two C files: it must hold
// declarations only (no definitions).

/*
#include <stddef.h>
#include <agentguard.h>

typedef const char agentguard_cchar;
// agentguardScrubWrite is defined in Go below; its C type is exactly ag_write_fn's.
extern int agentguardScrubWrite(void *ctx, agentguard_cchar *data, size_t len);
*/
import "C"

import (
	"io"
	"runtime"
	"runtime/cgo"
	"unsafe"
)

// scrubWriter is what one ScrubTo call hands to agentguardScrubWrite, through a cgo.Handle:
// the writer, and what stopped the scrub (the writer's error, or a panic to re-raise).
type scrubWriter struct {
	w        io.Writer
	err      error
	panicked bool
	panicVal interface{}
}

//export agentguardScrubWrite
func agentguardScrubWrite(ctx unsafe.Pointer, data *C.agentguard_cchar, n C.size_t) (ret C.int) {
	sw := (*(*cgo.Handle)(ctx)).Value().(*scrubWriter)
	// A panic must not unwind through the library's C++ frames: keep it, stop the scrub and
	// re-raise it in ScrubTo once the C call has returned.
	returned := false
	defer func() {
		if !returned {
			sw.panicVal = recover()
			sw.panicked = true
			ret = 1
		}
	}()
	// The bytes are the library's (or the input's) and valid only during this call; an
	// io.Writer must not retain them, so they are handed over without a copy.
	p := unsafe.Slice((*byte)(unsafe.Pointer(data)), int(n))
	written, err := sw.w.Write(p)
	returned = true
	if err == nil && written != len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		sw.err = err
		return 1
	}
	return 0
}

// ScrubTo scrubs data like Scrub (same output and findings count, for every Threads) but
// writes the output to w, in order and in pieces, instead of returning it: no output buffer
// is needed whatever the input's size, so a file or a connection can take it as it comes.
// Write is called on the calling goroutine; with Threads > 1 the output is written once all
// parts are scanned. It returns the number of redactions.
//
// An error from w stops the scrub and is returned as is (errors.Is works on it); nothing
// more is written after it. A short write without an error is io.ErrShortWrite. A panic in
// w stops the scrub and is re-raised once the library has returned. Other failures are
// *Error, as for Scrub. Closing the engine from w is safe: it is freed after the call.
func (s *Scrubber) ScrubTo(w io.Writer, data []byte) (findings int, err error) {
	if w == nil {
		return 0, &Error{Code: StatusInvalidArgument, Msg: "w: must not be nil"}
	}
	e := s.Engine
	// Pinned: should w close the engine, it is freed once the call is over, not during it.
	ptr, err := e.h.pin()
	if err != nil {
		return 0, err
	}
	defer e.h.unpin()
	p := (*C.ag_engine)(ptr)
	opts, err := s.callOpts()
	if err != nil {
		return 0, err
	}
	sw := &scrubWriter{w: w}
	// The state holds Go pointers, so C gets a handle to it, and the handle by address: a
	// pointer to Go memory without Go pointers, used by C only during the call.
	h := cgo.NewHandle(sw)
	defer h.Delete()
	var found C.size_t
	ip, il := bytesArg(data)
	st := C.ag_scrub_to(p, &opts, ip, il, C.ag_write_fn(C.agentguardScrubWrite), unsafe.Pointer(&h), &found)
	runtime.KeepAlive(e)
	runtime.KeepAlive(data)
	if sw.panicked {
		panic(sw.panicVal)
	}
	if sw.err != nil {
		return 0, sw.err
	}
	if st != C.AG_OK {
		return 0, e.fail(p, st)
	}
	return int(found), nil
}
