// The C boundary's only machinery: run a body, turn every exception into a status and keep
// its message on the handle. Nothing else belongs in src/capi.
#pragma once

#include <new>
#include <string>
#include <string_view>

#include "core/last_error.h"
#include "core/status.h"

namespace ag {

// Runs fn (returning ag_status); exceptions become statuses, messages go to err (may be null).
template <class Fn>
ag_status guarded(LastError *err, Fn &&fn) noexcept {
  try {
    return fn();
  } catch (const Error &e) {
    if (err) err->set(e.what());
    return e.status();
  } catch (const std::bad_alloc &) {
    if (err) err->set("out of memory");
    return AG_E_NOMEM;
  } catch (const std::exception &e) {
    if (err) err->set(std::string("internal error: ") + e.what());
    return AG_E_INTERNAL;
  } catch (...) {
    if (err) err->set("internal error: unknown exception");
    return AG_E_INTERNAL;
  }
}

// Checks a struct's declared size: at least min_size (its first version) and at most max.
inline bool struct_size_ok(uint32_t declared, size_t min_size, size_t max_size) {
  return declared >= min_size && declared <= max_size;
}

// Copies bytes to a caller buffer with the size-query convention.
inline ag_status copy_out(const void *data, size_t n, char *buf, size_t cap, size_t *len_out) {
  if (len_out) *len_out = n;
  if (buf == nullptr || cap < n) return AG_E_BUFFER_TOO_SMALL;
  if (n) __builtin_memcpy(buf, data, n);
  return AG_OK;
}

// The body of every ag_*_last_error: the handle's message, or `null_text` for a NULL handle.
template <class Handle>
size_t last_error_of(const Handle *handle, std::string_view null_text, char *buf, size_t cap) {
  if (handle == nullptr) {
    write_errbuf(buf, cap, null_text);
    return null_text.size();
  }
  return handle->last_error.copy(buf, cap);
}

}  // namespace ag
