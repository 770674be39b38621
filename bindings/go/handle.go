package agentguard

import (
	"runtime"
	"sync"
	"unsafe"
)

// handle owns one native pointer. It is freed once closed and no child (an object created
// from it that keeps using it) is open. Children hold their parents, so the garbage
// collector never finalizes a parent before its children.
type handle struct {
	mu       sync.Mutex
	ptr      unsafe.Pointer
	closed   bool
	children int
	free     func(unsafe.Pointer)
	parents  []*handle
}

func (h *handle) init(ptr unsafe.Pointer, free func(unsafe.Pointer), parents ...*handle) {
	h.ptr, h.free, h.parents = ptr, free, parents
	for _, p := range parents {
		p.mu.Lock()
		p.children++
		p.mu.Unlock()
	}
}

// get returns the pointer, or ErrState once closed.
func (h *handle) get() (unsafe.Pointer, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, &Error{Code: StatusState, Msg: "handle is closed"}
	}
	return h.ptr, nil
}

func (h *handle) close() {
	h.mu.Lock()
	h.closed = true
	h.mu.Unlock()
	h.maybeFree()
}

func (h *handle) isClosed() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.closed
}

func (h *handle) maybeFree() {
	h.mu.Lock()
	if !h.closed || h.children > 0 || h.ptr == nil {
		h.mu.Unlock()
		return
	}
	ptr := h.ptr
	h.ptr = nil
	h.mu.Unlock()
	h.free(ptr)
	for _, p := range h.parents {
		p.mu.Lock()
		p.children--
		p.mu.Unlock()
		p.maybeFree()
	}
}

// finalizeWith arms the safety-net finalizer of an owner object.
func finalizeWith[T any](owner *T, h *handle) {
	runtime.SetFinalizer(owner, func(*T) { h.close() })
}
