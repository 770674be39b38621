#include "scrub/span.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <string>

#include "core/status.h"

namespace ag::scrub {
namespace {

int collect(unsigned id, unsigned long long from, unsigned long long to, unsigned, void *ctx) {
  static_cast<std::vector<SpanScratch::Hit> *>(ctx)->push_back(
      {id, static_cast<uint32_t>(from), static_cast<uint32_t>(to)});
  return 0;
}

// Scans [p, p + n) with the variant's span database; hit offsets are relative to p.
void scan(const SpanDb &v, const char *p, size_t n, hs_scratch_t *scratch,
          std::vector<SpanScratch::Hit> *hits) {
  hits->clear();
  hs_error_t rc = hs_scan(v.db.get(), p, static_cast<unsigned>(n), 0, scratch, collect, hits);
  if (rc != HS_SUCCESS) fail(AG_E_INTERNAL, "scrub: hs_scan failed (" + std::to_string(rc) + ")");
}

bool ends_at(const std::vector<SpanScratch::Hit> &hits, unsigned id, size_t end) {
  for (const auto &h : hits)
    if (h.id == id && h.to == end) return true;
  return false;
}

// The end offsets of part `id`, sorted (ascending or descending), without duplicates.
void ends_of(const std::vector<SpanScratch::Hit> &hits, unsigned id, bool descending,
             std::vector<uint32_t> *out) {
  out->clear();
  for (const auto &h : hits)
    if (h.id == id) out->push_back(h.to);
  if (descending) {
    std::sort(out->begin(), out->end(), std::greater<uint32_t>());
  } else {
    std::sort(out->begin(), out->end());
  }
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

// Scans the reversed window with the variant's reversed database and lists, ascending,
// every start from which the whole pattern may end exactly at len (a superset: the
// reversed pattern has no assertions).
void possible_starts(const SpanDb &v, const char *w, size_t len, hs_scratch_t *scratch,
                     SpanScratch *tmp) {
  tmp->reversed.assign(std::make_reverse_iterator(w + len), std::make_reverse_iterator(w));
  tmp->hits.clear();
  hs_error_t rc = hs_scan(v.reversed.get(), tmp->reversed.data(), static_cast<unsigned>(len), 0, scratch,
                          collect, &tmp->hits);
  if (rc != HS_SUCCESS) fail(AG_E_INTERNAL, "scrub: hs_scan failed (" + std::to_string(rc) + ")");
  tmp->starts.clear();
  for (const auto &h : tmp->hits)
    if (h.to > 0 && h.to <= len) tmp->starts.push_back(static_cast<uint32_t>(len - h.to));
  std::sort(tmp->starts.begin(), tmp->starts.end());
  tmp->starts.erase(std::unique(tmp->starts.begin(), tmp->starts.end()), tmp->starts.end());
}

// The leftmost start from which the whole pattern ends exactly at len, or len if none.
// Unless the variant has SOM, on success tmp->hits holds the scan from that start.
// `extra` (0 or 1) is the byte after the window that each scan also reads (see find_secret).
size_t leftmost_start(const SpanDb &v, const char *w, size_t len, size_t extra, hs_scratch_t *scratch,
                      SpanScratch *tmp, bool every_start, bool *scanned) {
  *scanned = false;
  if (v.has_som) {
    scan(v, w, len + extra, scratch, &tmp->hits);
    size_t start = len;
    for (const auto &h : tmp->hits)
      if (h.id == kWholeSom && h.to == len) start = std::min<size_t>(start, h.from);
    return start;
  }
  *scanned = true;
  if (v.reversed != nullptr && !every_start) {
    // Every true start is listed; the first that the anchored pattern confirms is the
    // leftmost, exactly as trying every start in turn would find.
    possible_starts(v, w, len, scratch, tmp);
    for (uint32_t s : tmp->starts) {
      scan(v, w + s, len - s + extra, scratch, &tmp->hits);
      if (ends_at(tmp->hits, kWhole, len - s)) return s;
    }
    return len;
  }
  for (size_t s = 0; s < len; ++s) {
    scan(v, w + s, len - s + extra, scratch, &tmp->hits);
    if (ends_at(tmp->hits, kWhole, len - s)) return s;
  }
  return len;
}

bool search(const Variant &v, const SpanDb &span, const char *w, size_t len, bool more,
            hs_scratch_t *scratch, SpanScratch *tmp, bool every_start, size_t *secret_begin,
            size_t *secret_end) {
  const size_t extra = more ? 1 : 0;
  bool scanned = false;
  size_t start = leftmost_start(span, w, len, extra, scratch, tmp, every_start, &scanned);
  if (start >= len) return false;
  if (!scanned) scan(span, w + start, len - start + extra, scratch, &tmp->hits);
  if (!ends_at(tmp->hits, kWhole, len - start)) return false;
  if (v.has_prefix()) {
    ends_of(tmp->hits, kPrefix, false, &tmp->prefix_ends);
  } else {
    tmp->prefix_ends.assign(1, 0);
  }
  tmp->start_hits.swap(tmp->hits);
  for (uint32_t a : tmp->prefix_ends) {  // shortest prefix first
    size_t sb = start + a;
    // From the match start itself, the scan already made serves: no need to repeat it.
    const std::vector<SpanScratch::Hit> *from = &tmp->start_hits;
    if (a != 0) {
      scan(span, w + sb, len - sb + extra, scratch, &tmp->hits);
      from = &tmp->hits;
    }
    if (!ends_at(*from, kSecretSuffix, len - sb)) continue;
    ends_of(*from, kSecret, true, &tmp->secret_ends);
    for (uint32_t b : tmp->secret_ends) {  // longest secret first
      size_t se = sb + b;
      if (b == 0) continue;
      bool suffix_ok = false;
      if (!v.has_suffix()) {
        suffix_ok = se == len;
      } else {
        scan(span, w + se, len - se + extra, scratch, &tmp->hits);
        suffix_ok = ends_at(tmp->hits, kSuffix, len - se);
      }
      if (suffix_ok) {
        *secret_begin = sb;
        *secret_end = se;
        return true;
      }
    }
  }
  return false;
}

}  // namespace

size_t line_start(const Variant &v, const char *w, size_t len) {
  constexpr uint32_t kMaxCount = 8;  // beyond this the walk back would rarely pay
  if (v.inner_lf > kMaxCount || len < 2) return 0;
  size_t end = len - 1;
  for (uint32_t found = 0;; ++found) {
    const void *nl = ::memrchr(w, '\n', end);
    if (nl == nullptr) return 0;
    end = static_cast<size_t>(static_cast<const char *>(nl) - w);
    if (found == v.inner_lf) return end > 0 ? end - 1 : 0;
  }
}

bool find_secret(const Variant &v, const SpanDb &span, const char *w, size_t len, bool more,
                 hs_scratch_t *scratch, SpanScratch *tmp, size_t *secret_begin,
                 size_t *secret_end) {
  return search(v, span, w, len, more, scratch, tmp, false, secret_begin, secret_end);
}

bool find_secret_reference(const Variant &v, const SpanDb &span, const char *w, size_t len, bool more,
                           hs_scratch_t *scratch, SpanScratch *tmp, size_t *secret_begin,
                           size_t *secret_end) {
  return search(v, span, w, len, more, scratch, tmp, true, secret_begin, secret_end);
}

}  // namespace ag::scrub
