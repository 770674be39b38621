// Package agentguard is the Go binding of libagentguard: budgets, deadlines, kill switches,
// scrubbing and provider parsing for LLM agents, over the library's C ABI.
//
// Every handle (Engine, Ledger, Run, ...) has an explicit Close. A finalizer frees a handle
// that was never closed, as a safety net only. A handle is freed once it is closed and every
// handle created from it is closed, so closing in any order is safe.
package agentguard

/*
#cgo pkg-config: agentguard
#include <stdlib.h>
#include <agentguard.h>
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// ExpectedMajor is the MAJOR version this binding speaks.
const ExpectedMajor = 0

func init() {
	if err := checkVersion(uint32(C.ag_version_number()), ExpectedMajor); err != nil {
		panic(err)
	}
}

// checkVersion refuses a library whose MAJOR differs from expected.
func checkVersion(number uint32, expected int) error {
	major := int(number / 10000)
	if major != expected {
		return &Error{Code: StatusVersion, Msg: fmt.Sprintf(
			"libagentguard %d.%d.%d is loaded but this binding needs major version %d",
			major, number/100%100, number%100, expected)}
	}
	return nil
}

// Version is the loaded library's version string.
func Version() string { return C.GoString(C.ag_version_string()) }

// VersionNumber is MAJOR*10000 + MINOR*100 + PATCH of the loaded library.
func VersionNumber() uint32 { return uint32(C.ag_version_number()) }

// bytesArg passes Go memory to C for the duration of one call (it holds no Go pointers).
func bytesArg(b []byte) (*C.char, C.size_t) {
	if len(b) == 0 {
		return nil, 0
	}
	return (*C.char)(unsafe.Pointer(&b[0])), C.size_t(len(b))
}

// strArg passes a string's bytes to C for the duration of one call, without copying.
func strArg(s string) (*C.char, C.size_t) {
	if len(s) == 0 {
		return nil, 0
	}
	return (*C.char)(*(*unsafe.Pointer)(unsafe.Pointer(&s))), C.size_t(len(s))
}

// readSized calls fn with the size-query convention and returns the bytes written.
func readSized(initial int, fn func(buf *C.char, cap C.size_t, n *C.size_t) C.ag_status) ([]byte, C.ag_status) {
	buf := make([]byte, initial)
	var n C.size_t
	s := fn((*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)), &n)
	if s == C.AG_E_BUFFER_TOO_SMALL && int(n) > len(buf) {
		buf = make([]byte, int(n))
		s = fn((*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)), &n)
	}
	if s != C.AG_OK {
		return nil, s
	}
	return buf[:int(n)], s
}

// lastError reads a handle's message with an snprintf-style getter.
func lastError(get func(buf *C.char, cap C.size_t) C.size_t) string {
	buf := make([]byte, 512)
	n := int(get((*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))))
	if n >= len(buf) {
		buf = make([]byte, n+1)
		get((*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))
	}
	if n > len(buf)-1 {
		n = len(buf) - 1
	}
	return string(buf[:n])
}
