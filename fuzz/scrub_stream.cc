// With every built-in rule on: streaming scrub == block scrub, for random input cut by
// random chunk sizes; scrubbing part by part on two threads (EngineScrub::scrub_parts), cut
// where the chunks end, == block scrub; and the rules found through the shape scan == the
// same rules found by the candidate database (a reference engine with kDigitRun and kDotPair
// cleared).
// Fuzz data: the first byte picks how many leading bytes (up to 16) are chunk sizes
// (each 1..64, cycled); the rest is the input. Aborts on any difference.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine.h"
#include "scrub/engine_scrub.h"
#include "scrub/rule.h"

namespace {

// The default rules and every rule that is off by default (identifiers, IP addresses).
const ag::scrub::EngineScrub &engine() {
  static const std::shared_ptr<ag::scrub::EngineScrub> e = [] {
    ag::Policy p;
    p.scrub.hash_key = "fuzz";
    p.scrub.identifiers = true;
    for (const ag::scrub::Rule &r : ag::scrub::builtin_rules())
      if (r.flags & ag::scrub::kDefaultOff) p.scrub.enable.push_back(r.id);
    return ag::make_engine_scrub(p);
  }();
  return *e;
}

// The same rules, those found by their shape moved back into the candidate database.
const ag::scrub::EngineScrub &reference() {
  static const ag::scrub::EngineScrub e = [] {
    std::vector<ag::scrub::Rule> rules = engine().rules();
    for (ag::scrub::Rule &r : rules) r.flags &= ~(ag::scrub::kDigitRun | ag::scrub::kDotPair);
    return ag::scrub::EngineScrub(std::move(rules), engine().style(), engine().hash_key());
  }();
  return e;
}

std::string run(const ag::scrub::EngineScrub &e, ag::scrub::Redactor *r, hs_scratch_t *s,
                const char *data, size_t n, const std::vector<size_t> &sizes) {
  std::string out;
  size_t pos = 0, k = 0;
  auto step = [&](size_t len, bool finish) {
    std::string buf(r->bound(len), '\0');
    ag::scrub::Sink sink{buf.data(), buf.size(), 0};
    if (finish) {
      r->finish(s, &sink);
    } else {
      r->write(data + pos, len, s, &sink);
    }
    out.append(buf.data(), sink.len);
  };
  while (pos < n) {
    size_t len = sizes.empty() ? n - pos : std::min(sizes[k++ % sizes.size()], n - pos);
    step(len, false);
    pos += len;
  }
  step(0, true);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  size_t header = 1 + data[0] % 16;
  if (header > size) header = size;
  std::vector<size_t> sizes;
  for (size_t i = 1; i < header; ++i) sizes.push_back(1 + data[i] % 64);
  const char *text = reinterpret_cast<const char *>(data + header);
  size_t n = size - header;
  const auto &e = engine();
  auto scratch = e.acquire_scratch();
  for (auto style : {ag::scrub::Style::kLabel, ag::scrub::Style::kHash}) {
    ag::scrub::Redactor block(e, style), stream(e, style);
    std::string a = run(e, &block, scratch->s, text, n, {});
    std::string b = run(e, &stream, scratch->s, text, n, sizes.empty() ? std::vector<size_t>{1} : sizes);
    if (a != b) {
      std::fprintf(stderr, "stream != block (%zu vs %zu bytes)\n", a.size(), b.size());
      std::abort();
    }
    std::vector<uint64_t> cuts;
    for (size_t k = 0, at = 0; k < sizes.size(); ++k) {
      at += sizes[k];
      if (at >= n) break;
      cuts.push_back(at);
    }
    std::string c(e.bound(style, n), '\0');
    ag::scrub::Sink sink{c.data(), c.size(), 0};
    e.scrub_parts(style, std::string_view(text, n), &sink, nullptr, cuts, 2);
    c.resize(sink.len);
    if (a != c) {
      std::fprintf(stderr, "parts != block (%zu cuts; %zu vs %zu bytes)\n", cuts.size(), c.size(), a.size());
      std::abort();
    }
  }
  e.release_scratch(std::move(scratch));
  const auto &ref = reference();
  auto ref_scratch = ref.acquire_scratch();
  scratch = e.acquire_scratch();
  ag::scrub::Redactor fast(e, ag::scrub::Style::kLabel), slow(ref, ag::scrub::Style::kLabel);
  if (run(e, &fast, scratch->s, text, n, {}) != run(ref, &slow, ref_scratch->s, text, n, {})) {
    std::fprintf(stderr, "shape scan != candidate database\n");
    std::abort();
  }
  e.release_scratch(std::move(scratch));
  ref.release_scratch(std::move(ref_scratch));
  return 0;
}
