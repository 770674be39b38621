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

// pin returns the pointer like get, and keeps it from being freed until unpin, even if the
// handle is closed meanwhile (e.g. by a callback that the native call runs).
func (h *handle) pin() (unsafe.Pointer, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, &Error{Code: StatusState, Msg: "handle is closed"}
	}
	h.children++
	return h.ptr, nil
}

// unpin ends a pin; a handle closed meanwhile is freed now.
func (h *handle) unpin() {
	h.mu.Lock()
	h.children--
	h.mu.Unlock()
	h.maybeFree()
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

// owner is a Go object that owns one handle.
type owner interface{ ownHandle() *handle }

// finalizeWith arms the safety-net finalizer of an owner object. The finalizer reaches the
// handle through its argument: a closure holding the handle would keep the owner reachable
// forever, and it would never be collected.
func finalizeWith[T any, P interface {
	*T
	owner
}](o P) {
	runtime.SetFinalizer(o, func(x P) { x.ownHandle().close() })
}

// closeOwner is every Close method: it frees the handle (once its children are closed)
// and disarms the finalizer so the owner is collected in the next cycle.
func closeOwner[T any, P interface {
	*T
	owner
}](o P) error {
	runtime.SetFinalizer(o, nil)
	o.ownHandle().close()
	return nil
}
