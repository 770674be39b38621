#include "scrub/redactor.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "core/status.h"
#include "scrub/database.h"
#include "scrub/engine_scrub.h"
#include "scrub/validators.h"

namespace ag::scrub {
namespace {

// How far behind the scanned position Hyperscan may report a match end (one byte for a
// trailing \b or \B; \Z at finish). Generous: a margin only delays output.
constexpr uint64_t kLateReport = 16;

// Input is scanned in pieces of this size so that spans resolve while their window is
// still in cache, and hs_scan_stream's unsigned length never overflows.
constexpr size_t kPiece = 256 * 1024;

// The tail buffer is compacted when its dead prefix outgrows this and half the buffer.
constexpr size_t kCompactMin = 64 * 1024;

bool is_digit(char c) { return static_cast<unsigned char>(c - '0') < 10; }

void check(hs_error_t rc, const char *what) {
  if (rc != HS_SUCCESS) fail(AG_E_INTERNAL, std::string("scrub: ") + what + " failed (" + std::to_string(rc) + ")");
}

// How far behind the scanned position a span can still start (see redactor.h): a candidate
// comes kLateReport bytes late with a window of max_window; a shape place kShapeScanLag
// bytes late, a digit run's window ending after the run and a dot pair's reaching its own
// width on both sides of the pair.
uint64_t reach_of(const Database &db) {
  uint64_t shapes = kShapeScanLag + std::max<uint64_t>(db.shape_window(Shape::kDigitRun) + 2,
                                                       2 * uint64_t{db.shape_window(Shape::kDotPair)} + 2);
  return kLateReport + std::max<uint64_t>(db.max_window(), shapes);
}

}  // namespace

uint64_t part_margin(const Database &db) { return reach_of(db) + 1; }

Redactor::Redactor(const EngineScrub &engine, Style style)
    : engine_(engine), db_(engine.database()), style_(style), reach_(reach_of(db_)),
      span_scratch_(db_.variants().size()) {
  if (db_.candidates() != nullptr) check(hs_open_stream(db_.candidates(), 0, &stream_), "hs_open_stream");
  shapes_.configure(db_.shape_db(Shape::kDigitRun) != nullptr, db_.shape_db(Shape::kDotPair) != nullptr);
}

Redactor::~Redactor() {
  if (stream_ != nullptr) hs_close_stream(stream_, nullptr, nullptr, nullptr);
}

void Redactor::reset(Style style) {
  if (stream_ != nullptr) check(hs_reset_stream(stream_, 0, nullptr, nullptr, nullptr), "hs_reset_stream");
  style_ = style;
  total_ = emitted_ = tail_base_ = chunk_start_ = 0;
  tail_.clear();
  tail_head_ = 0;
  chunk_ = nullptr;
  shapes_.reset();
  reports_.digit_runs.clear();
  reports_.dot_pairs.clear();
  digit_seek_ = 0;
  candidates_.clear();
  spans_.clear();
  findings_.clear();
}

size_t output_bound(const Database &db, Style style, uint64_t in) {
  size_t m = db.min_secret_width();
  size_t longest = max_replacement(style, db.rules());
  if (in > SIZE_MAX) return SIZE_MAX;
  if (longest <= m) return static_cast<size_t>(in);
  // Every group is at least m bytes long and becomes at most `longest` bytes.
  uint64_t groups = in / m + 1;
  uint64_t growth = longest - m;
  if (groups > (UINT64_MAX - in) / growth) return SIZE_MAX;
  uint64_t total = in + groups * growth;
  return total > SIZE_MAX ? SIZE_MAX : static_cast<size_t>(total);
}

size_t Redactor::bound(size_t n) const {
  uint64_t in = held() + n;
  return in < n ? SIZE_MAX : output_bound(db_, style_, in);
}

int Redactor::on_candidate(unsigned id, unsigned long long, unsigned long long to, unsigned,
                           void *ctx) {
  auto *self = static_cast<Redactor *>(ctx);
  self->candidates_.push_back({to, id});
  uint32_t raw = self->db_.raw_sibling(id);
  if (raw != Database::kNoSibling) self->candidates_.push_back({to, raw});
  return 0;
}

void Redactor::write(const char *data, size_t n, hs_scratch_t *scratch, Sink *out) {
  chunk_ = data;
  chunk_start_ = total_;
  for (size_t off = 0; off < n; off += kPiece) scan_piece(data + off, std::min(kPiece, n - off), scratch, out);
  retain();
}

void Redactor::scan_piece(const char *data, size_t n, hs_scratch_t *scratch, Sink *out) {
  if (stream_ != nullptr)
    check(hs_scan_stream(stream_, data, static_cast<unsigned>(n), 0, scratch, on_candidate, this),
          "hs_scan_stream");
  total_ += n;
  if (shapes_.active()) scan_shapes(data, n, scratch, false);
  resolve_candidates(false);
  if (out != nullptr) emit(total_ > reach_ ? total_ - reach_ : 0, out);
}

void Redactor::end_input(hs_scratch_t *scratch) {
  // Resetting reports the matches that end at the end of the data ($), as closing would.
  if (stream_ != nullptr)
    check(hs_reset_stream(stream_, 0, scratch, on_candidate, this), "hs_reset_stream");
  if (shapes_.active()) scan_shapes(nullptr, 0, scratch, true);
  resolve_candidates(true);
}

void Redactor::finish(hs_scratch_t *scratch, Sink *out) {
  chunk_ = nullptr;
  chunk_start_ = total_;
  end_input(scratch);
  emit(total_, out);
  total_ = emitted_ = tail_base_ = chunk_start_ = 0;
  tail_.clear();
  tail_head_ = 0;
}

void Redactor::collect(const char *data, size_t n, uint64_t keep_lo, uint64_t keep_hi, uint64_t base,
                       hs_scratch_t *scratch, std::vector<Span> *spans) {
  reset(style_);
  keep_lo_ = keep_lo;
  keep_hi_ = keep_hi;
  // The whole part is the current chunk and nothing is emitted, so every window is a view
  // into data.
  chunk_ = data;
  for (size_t off = 0; off < n; off += kPiece) scan_piece(data + off, std::min(kPiece, n - off), scratch, nullptr);
  end_input(scratch);
  for (const Span &s : spans_) spans->push_back({s.start + base, s.end + base, s.rule});
  keep_lo_ = 0;
  keep_hi_ = UINT64_MAX;
  reset(style_);
}

void Redactor::emit_spans(const char *data, size_t n, std::vector<Span> spans, Sink *out) {
  reset(style_);
  chunk_ = data;
  total_ = n;
  spans_ = std::move(spans);
  emit(total_, out);
  spans_.clear();
  chunk_ = nullptr;
  total_ = emitted_ = 0;
}

char Redactor::byte_at(uint64_t i) const {
  return i >= chunk_start_ ? chunk_[i - chunk_start_] : tail_[tail_head_ + (i - tail_base_)];
}

int Redactor::on_shape_match(unsigned id, unsigned long long, unsigned long long to, unsigned, void *ctx) {
  auto *self = static_cast<Redactor *>(ctx);
  uint64_t end = self->match_lo_ + to;
  if (end >= self->match_min_ && end <= self->match_max_) self->candidates_.push_back({end, id});
  return 0;
}

void Redactor::scan_shapes(const char *data, size_t n, hs_scratch_t *scratch, bool final) {
  if (final) {
    shapes_.finish(&reports_);
  } else {
    shapes_.feed(data, n, &reports_);
  }
  if (!reports_.digit_runs.empty()) resolve_digit_runs(scratch, final);
  if (!reports_.dot_pairs.empty()) resolve_dot_pairs(scratch, final);
}

void Redactor::confirm_shape(Shape shape, uint64_t lo, uint64_t hi, uint64_t min_end, uint64_t max_end,
                             hs_scratch_t *scratch) {
  // INVARIANT: the frontier kept every byte a reported window can reach.
  if (lo < emitted_) fail(AG_E_INTERNAL, "scrub: a shape was reported after its bytes were emitted");
  match_lo_ = lo;
  match_min_ = min_end;
  match_max_ = max_end;
  check(hs_scan(db_.shape_db(shape), view(lo, hi), static_cast<unsigned>(hi - lo), 0, scratch, on_shape_match, this),
        "hs_scan");
}

void Redactor::resolve_digit_runs(hs_scratch_t *scratch, bool final) {
  std::vector<uint64_t> &runs = reports_.digit_runs;
  const uint64_t window = db_.shape_window(Shape::kDigitRun);
  size_t done = 0;
  for (; done < runs.size(); ++done) {
    uint64_t k = std::max(runs[done], digit_seek_);
    while (k < total_ && is_digit(byte_at(k))) ++k;
    if (k == total_ && !final) {
      digit_seek_ = k;  // the run may go on in the next chunk
      break;
    }
    digit_seek_ = 0;
    // A digit rule's match ends with the run and the non-digit after it (or the end of the data).
    uint64_t end = k < total_ ? k + 1 : k;
    confirm_shape(Shape::kDigitRun, end > window + 1 ? end - window - 1 : 0, end, end, end, scratch);
  }
  runs.erase(runs.begin(), runs.begin() + static_cast<std::ptrdiff_t>(done));
}

void Redactor::resolve_dot_pairs(hs_scratch_t *scratch, bool final) {
  std::vector<uint64_t> &pairs = reports_.dot_pairs;
  const uint64_t window = db_.shape_window(Shape::kDotPair);
  size_t done = 0;
  for (; done < pairs.size(); ++done) {
    // A match holding the dot at i lies within [i - window + 1, i + window); one more byte on
    // each side gives its left boundary and its consumed terminator their context.
    const uint64_t i = pairs[done];
    uint64_t hi = i + window + 1;
    if (hi > total_) {
      if (!final) break;
      hi = total_;
    }
    // A match may end at hi only where hi is the end of the data ($).
    confirm_shape(Shape::kDotPair, i > window ? i - window : 0, hi, i + kDotPairGap + 1,
                  hi == total_ && final ? hi : hi - 1, scratch);
  }
  pairs.erase(pairs.begin(), pairs.begin() + static_cast<std::ptrdiff_t>(done));
}

void Redactor::resolve_candidates(bool final) {
  std::sort(candidates_.begin(), candidates_.end());
  candidates_.erase(std::unique(candidates_.begin(), candidates_.end()), candidates_.end());
  for (const Candidate &c : candidates_) {
    if (c.end < keep_lo_ || c.end >= keep_hi_) continue;
    const Variant &v = db_.variants()[c.variant];
    uint64_t lo = c.end > v.window ? c.end - v.window : 0;
    // INVARIANT: the frontier kept every byte a reported window can reach.
    if (lo < emitted_) fail(AG_E_INTERNAL, "scrub: a match was reported after its bytes were emitted");
    const char *w = view(lo, c.end);
    // A match holds at most v.inner_lf line feeds but at its ends, so it starts within the
    // last few lines of the window: the rest, often most of it, need not be searched.
    size_t skip = line_start(v, w, c.end - lo);
    lo += skip;
    w += skip;
    size_t len = c.end - lo, shift = 0;
    // Every JSON escape starts with a backslash: without one in the window, the escaped form
    // has nothing to find that the raw form would not (its widened classes would only add
    // false matches).
    if (v.escaped && std::memchr(w, '\\', len) == nullptr) continue;
    const SpanDb &span = db_.span_db(c.variant);
    std::unique_ptr<Scratch> &ss = span_scratch_[c.variant];
    if (ss == nullptr) {
      auto fresh = std::make_unique<Scratch>();
      check(hs_clone_scratch(span.prototype.s, &fresh->s), "hs_clone_scratch");
      ss = std::move(fresh);
    }
    const Rule &rule = db_.rules()[v.rule];
    // The window is searched from a copy: with a line feed before it when the rule has a
    // trigger and the window starts the data (its prefix asserts a left boundary by consuming
    // a byte, and the data's first byte has none), and with one byte after it unless it ends
    // the data. That byte keeps `$` from matching at the window's end: a raw variant's
    // candidates come from its escaped sibling's matches, which may end where the raw form
    // has none (an escaped class also takes the letters of \n, \t, \/ and \u002F).
    const bool newline = !rule.trigger.empty() && lo == 0;
    const bool more = !(final && c.end == total_);
    boundary_window_.clear();
    if (newline) boundary_window_.push_back('\n');
    boundary_window_.append(w, len);
    boundary_window_.push_back('\0');
    w = boundary_window_.data();
    if (newline) {
      len += 1;
      shift = 1;
    }
    size_t sb = 0, se = 0;
    if (!find_secret(v, span, w, len, more, ss->s, &span_tmp_, &sb, &se) || sb < shift) continue;
    if (!validate(rule.validator, std::string_view(w + sb, se - sb))) continue;
    spans_.push_back({lo + sb - shift, lo + se - shift, v.rule});
  }
  candidates_.clear();
}

// Higher confidence, then the longer span, then the earlier rule.
bool Redactor::better(const Span &a, const Span &b) const {
  Confidence ca = db_.rules()[a.rule].confidence, cb = db_.rules()[b.rule].confidence;
  if (ca != cb) return ca > cb;
  if (a.end - a.start != b.end - b.start) return a.end - a.start > b.end - b.start;
  return a.rule < b.rule;
}

void Redactor::emit(uint64_t frontier, Sink *out) {
  std::sort(spans_.begin(), spans_.end(), [](const Span &a, const Span &b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  size_t i = 0;
  while (i < spans_.size()) {
    uint64_t start = spans_[i].start, end = spans_[i].end;
    size_t best = i, j = i + 1;
    for (; j < spans_.size() && spans_[j].start < end; ++j) {
      end = std::max(end, spans_[j].end);
      if (better(spans_[j], spans_[best])) best = j;
    }
    if (end > frontier) break;  // a future span may still overlap this group
    copy_out(emitted_, start, out);
    const Rule &rule = db_.rules()[spans_[best].rule];
    put_replacement(style_, rule, std::string_view(view(start, end), end - start),
                    engine_.hash_key(), out);
    findings_.push_back({start, end, spans_[best].rule, rule.confidence});
    emitted_ = end;
    i = j;
  }
  spans_.erase(spans_.begin(), spans_.begin() + static_cast<std::ptrdiff_t>(i));
  uint64_t limit = spans_.empty() ? frontier : std::min(frontier, spans_.front().start);
  if (limit > emitted_) {
    copy_out(emitted_, limit, out);
    emitted_ = limit;
  }
}

const char *Redactor::view(uint64_t a, uint64_t b) {
  if (a >= chunk_start_) return chunk_ + (a - chunk_start_);
  const char *held = tail_.data() + tail_head_ + (a - tail_base_);
  if (b <= chunk_start_) return held;
  size_t first = static_cast<size_t>(chunk_start_ - a);
  window_.assign(held, first);
  window_.append(chunk_, static_cast<size_t>(b - chunk_start_));
  return window_.data();
}

void Redactor::copy_out(uint64_t a, uint64_t b, Sink *out) {
  if (a >= b) return;
  if (a < chunk_start_) {
    uint64_t mid = std::min(b, chunk_start_);
    out->put(tail_.data() + tail_head_ + (a - tail_base_), static_cast<size_t>(mid - a));
    a = mid;
  }
  if (a < b) out->put(chunk_ + (a - chunk_start_), static_cast<size_t>(b - a));
}

// After a write: keeps the bytes not yet emitted, [emitted_, total_), in the tail.
void Redactor::retain() {
  if (emitted_ >= chunk_start_) {
    tail_.assign(chunk_ + (emitted_ - chunk_start_), static_cast<size_t>(total_ - emitted_));
    tail_head_ = 0;
  } else {
    tail_head_ += static_cast<size_t>(emitted_ - tail_base_);
    if (total_ > chunk_start_) tail_.append(chunk_, static_cast<size_t>(total_ - chunk_start_));
    if (tail_head_ > kCompactMin && tail_head_ > tail_.size() / 2) {
      tail_.erase(0, tail_head_);
      tail_head_ = 0;
    }
  }
  tail_base_ = emitted_;
  chunk_ = nullptr;
  chunk_start_ = total_;
}

}  // namespace ag::scrub
