// Stage 2: recovering a candidate's secret inside its window.
//
// Given a variant reported ending at `end`, the window holds the input bytes
// [end - len, end). The match is taken to start at the leftmost offset from which the
// whole pattern ends exactly at `end`; inside it the prefix is the shortest and the secret
// the longest split for which prefix, secret and suffix each match their part. The result
// depends only on the window's bytes, never on how the input was chunked.
#pragma once

#include <hs/hs.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "scrub/database.h"

namespace ag::scrub {

// Reusable buffers of the span search (no allocation once warm).
struct SpanScratch {
  struct Hit {
    unsigned id;
    uint32_t from, to;
  };
  std::vector<Hit> hits, start_hits;
  std::vector<uint32_t> prefix_ends, secret_ends, starts;
  std::string reversed;  // the window, last byte first
};

// Where in window [w, w + len) the span search of variant `v` can start without changing
// its result. A match holds at most k = v.inner_lf line feeds other than its first and last
// byte, so one that ends at the window's end cannot start before the (k+1)-th line feed
// counted back from the window's second-last byte; the search starts one byte before that
// line feed (the byte keeps the context of an assertion there). 0 when there are fewer.
size_t line_start(const Variant &v, const char *w, size_t len);

// Finds the secret of variant `v` whose match ends at the end of window [w, w + len).
// On success stores the secret's offsets relative to w and returns true. With `more`, the
// data goes on after the window: w[len] must be readable (any byte) and is scanned too, so
// an end-of-data assertion ($) cannot hold at len.
// Throws ag::Error(AG_E_INTERNAL) if Hyperscan fails.
// REQUIRES: scratch was cloned from span.prototype.
bool find_secret(const Variant &v, const SpanDb &span, const char *w, size_t len, bool more,
                 hs_scratch_t *scratch, SpanScratch *tmp, size_t *secret_begin,
                 size_t *secret_end);

// The same search, trying every start in turn instead of the reversed database's list: the
// definition find_secret must agree with, for tests. Slow (one scan per start).
bool find_secret_reference(const Variant &v, const SpanDb &span, const char *w, size_t len, bool more,
                           hs_scratch_t *scratch, SpanScratch *tmp, size_t *secret_begin,
                           size_t *secret_end);

}  // namespace ag::scrub
