'use strict';
// Ownership of a native handle, shared by every wrapper class.
const { Status, errorFor } = require('./errors');
const { lastError } = require('./native');

// Safety net only: a handle collected without close() is freed here.
const registry = new FinalizationRegistry((free) => free());

/**
 * Owns one native pointer. close() is idempotent and makes later calls throw. The pointer
 * is freed once the object is closed AND every object created from it (a ledger from an
 * engine, a run from a ledger) is closed, so closing in any order is safe.
 */
class Handle {
  constructor(ptr, free, lastErrorFn, parents = []) {
    this._ptr = ptr;
    this._closed = false;
    this._children = 0;
    this._free = free;
    this._lastError = lastErrorFn;
    this._parents = parents;
    for (const p of parents) p._children++;
    // The finaliser must not reference `this`; it frees the pointer only.
    registry.register(this, () => free(ptr), this);
  }

  get closed() { return this._closed; }

  /** The native pointer; throws StateError once closed. */
  get ptr() {
    if (this._closed) throw errorFor(Status.STATE, `${this.constructor.name} is closed`);
    return this._ptr;
  }

  close() {
    if (this._closed) return;
    this._closed = true;
    this._maybeFree();
  }

  _maybeFree() {
    if (!this._closed || this._children > 0 || this._ptr === null) return;
    const ptr = this._ptr;
    this._ptr = null;
    registry.unregister(this);
    this._free(ptr);
    for (const p of this._parents) {
      p._children--;
      p._maybeFree();
    }
  }

  /**
   * fn(ptr), with the pointer kept alive until fn returns even if close() is called
   * meanwhile (by a callback that fn's native call runs): the free is deferred to the end.
   */
  _using(fn) {
    const ptr = this.ptr;
    this._children++;
    try {
      return fn(ptr);
    } finally {
      this._children--;
      this._maybeFree();
    }
  }

  /** Throws the Error for a failed status, with this handle's last message. */
  check(status) {
    if (status !== Status.OK) throw errorFor(status, lastError(this._lastError, this._ptr));
  }
}

module.exports = { Handle };
