// Stage 3: what a merged span is rewritten to, and where output goes.
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "scrub/rule.h"
#include "scrub/siphash.h"
#include "scrub/style.h"

namespace ag::scrub {

// A caller's output buffer. data == nullptr counts bytes without writing them (scan).
// A strict sink was sized with a bound, so overflowing it is a bug (AG_E_INTERNAL); a
// lenient one stops writing when full, keeps counting, and sets truncated.
// With `write` set, every piece goes to write(ctx, p, n) instead (n > 0): a non-zero return
// stops the scrub with AG_E_IO.
struct Sink {
  using WriteFn = int (*)(void *ctx, const char *p, size_t n);
  char *data = nullptr;
  size_t cap = 0;
  size_t len = 0;
  bool lenient = false;
  bool truncated = false;
  WriteFn write = nullptr;
  void *ctx = nullptr;

  void put(const char *p, size_t n) {
    if (write != nullptr) {
      if (n == 0) return;
      if (int rc = write(ctx, p, n); rc != 0)
        fail(AG_E_IO, "scrub: the output function returned " + std::to_string(rc) + " after " +
                          std::to_string(len) + " bytes");
      len += n;
      return;
    }
    if (data != nullptr && n > cap - len) {
      if (!lenient) fail(AG_E_INTERNAL, "scrub: output bound exceeded");
      data = nullptr;
      truncated = true;
    }
    if (data != nullptr && n) std::memcpy(data + len, p, n);
    len += n;
  }
  void put(std::string_view s) { put(s.data(), s.size()); }
};

// Writes the replacement of `secret` (a merged span whose best rule is `rule`).
void put_replacement(Style style, const Rule &rule, std::string_view secret, const SipKey &key,
                     Sink *out);

// The longest replacement any of `rules` can produce in `style` (0 for detect, whose
// output is the secret itself).
size_t max_replacement(Style style, const std::vector<Rule> &rules);

}  // namespace ag::scrub
