// The one scrub algorithm. A Redactor consumes input in chunks of any size and emits
// scrubbed output; block scrubbing is a Redactor fed once and finished, so block and
// stream output are byte-identical by construction.
//
// Per chunk: the candidate database (stream mode) reports (variant, end) pairs at exact
// input offsets; each is resolved in its window to a secret span and validated; spans
// that overlap merge into one group, rewritten once by the group's best rule.
//
// Held-back tail. A candidate may be reported up to kLateReport bytes behind the scanned
// position (a trailing \b needs the next byte; $ is reported at finish), and its window
// reaches max_window bytes further back. The candidates of rules found by their shape come
// from the shape scan, which reports a place up to kShapeScanLag bytes late, with short
// windows. The reach R is the larger of the two delays, so after scanning P bytes no future
// span can start before the frontier F = P - R: bytes before F, and groups ending at or
// before F, are final and are emitted; everything after stays held. At finish the frontier
// is the end of the input.
#pragma once

#include <hs/hs.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "scrub/redact.h"
#include "scrub/shape_scan.h"
#include "scrub/span.h"

namespace ag::scrub {

class EngineScrub;
class Database;

// One redaction as reported to the host: input offsets [start, end) of a merged group,
// attributed to its best rule.
struct Finding {
  uint64_t start = 0;
  uint64_t end = 0;
  uint32_t rule = 0;  // index into Database::rules()
  Confidence confidence = Confidence::kMedium;
};

// How many bytes on each side of a range Redactor::collect needs to find the matches that
// end inside it exactly as in the whole input: the reach (above) and one byte of context.
uint64_t part_margin(const Database &db);

// The most output n input bytes can produce in `style`; SIZE_MAX if that overflows.
size_t output_bound(const Database &db, Style style, uint64_t n);

class Redactor {
 public:
  // REQUIRES: engine outlives the redactor. Compiles the engine's database if needed.
  Redactor(const EngineScrub &engine, Style style);
  ~Redactor();
  Redactor(const Redactor &) = delete;
  Redactor &operator=(const Redactor &) = delete;

  // Consumes n bytes; appends the output that became final to out.
  // REQUIRES: out has room for bound(n) more bytes (or counts only).
  void write(const char *data, size_t n, hs_scratch_t *scratch, Sink *out);
  // Ends the input: emits everything held. The redactor then starts a new input (offsets
  // from 0); findings stay until reset().
  void finish(hs_scratch_t *scratch, Sink *out);
  // Drops the current input and the findings; a new input starts. Style may change.
  void reset(Style style);

  // One rule's secret before overlapping spans merge: input offsets [start, end).
  struct Span {
    uint64_t start, end;
    uint32_t rule;
  };
  // Scans data[0, n) as one whole input, like write then finish, but writes nothing: appends
  // to *spans the spans of the matches that end in [keep_lo, keep_hi) (offsets in data),
  // shifted by `base`. A match ending there is found exactly as in the whole input that data
  // is part of, when data holds the part_margin() bytes on both sides of that range (or
  // starts or ends where the whole input does). The redactor then starts a new input.
  void collect(const char *data, size_t n, uint64_t keep_lo, uint64_t keep_hi, uint64_t base,
               hs_scratch_t *scratch, std::vector<Span> *spans);
  // Writes data[0, n) with `spans` (collected from that input) merged and replaced, as
  // finish would after writing it; findings() then hold its findings.
  void emit_spans(const char *data, size_t n, std::vector<Span> spans, Sink *out);

  // The most output write(n) can produce (finish: n = 0); SIZE_MAX if that overflows.
  size_t bound(size_t n) const;
  uint64_t held() const { return total_ - emitted_; }
  Style style() const { return style_; }
  const std::vector<Finding> &findings() const { return findings_; }

 private:
  struct Candidate {
    uint64_t end;
    uint32_t variant;
    bool operator<(const Candidate &o) const {
      return end != o.end ? end < o.end : variant < o.variant;
    }
    bool operator==(const Candidate &o) const = default;
  };

  static int on_candidate(unsigned id, unsigned long long from, unsigned long long to,
                          unsigned flags, void *ctx);
  // Scans a piece; emits what became final unless out is null.
  void scan_piece(const char *data, size_t n, hs_scratch_t *scratch, Sink *out);
  // Reports what the end of the input completes (matches ending at it, open shapes).
  void end_input(hs_scratch_t *scratch);
  void resolve_candidates(bool final);
  // Feeds n bytes to the shape scan and resolves what it reported.
  void scan_shapes(const char *data, size_t n, hs_scratch_t *scratch, bool final);
  // Turns reported digit runs into candidates, confirming each run's window with the digit
  // database; a run still open at the end of the input waits unless `final`.
  void resolve_digit_runs(hs_scratch_t *scratch, bool final);
  // Turns reported dot pairs into candidates, confirming the window around each with the
  // dot-pair database; a pair whose window reaches past the input waits unless `final`.
  void resolve_dot_pairs(hs_scratch_t *scratch, bool final);
  // Scans [lo, hi) with a shape database; keeps the matches ending in [min_end, max_end].
  void confirm_shape(Shape shape, uint64_t lo, uint64_t hi, uint64_t min_end, uint64_t max_end,
                     hs_scratch_t *scratch);
  static int on_shape_match(unsigned id, unsigned long long from, unsigned long long to,
                            unsigned flags, void *ctx);
  char byte_at(uint64_t i) const;
  void emit(uint64_t frontier, Sink *out);
  bool better(const Span &a, const Span &b) const;
  // Bytes [a, b) of the input as one contiguous piece (copied only if it straddles the
  // held tail and the current chunk). REQUIRES: emitted_ <= a <= b <= total_.
  const char *view(uint64_t a, uint64_t b);
  void copy_out(uint64_t a, uint64_t b, Sink *out);
  void retain();

  const EngineScrub &engine_;
  const Database &db_;
  Style style_;
  const uint64_t reach_;  // the frontier's distance behind the scanned position (above)
  hs_stream_t *stream_ = nullptr;

  uint64_t total_ = 0;    // input bytes scanned
  uint64_t emitted_ = 0;  // input bytes already written out (or replaced)
  // Held input: tail_[tail_head_ ...] holds [tail_base_, chunk_start_); the current chunk
  // (borrowed from the caller during write) holds [chunk_start_, total_).
  std::string tail_;
  size_t tail_head_ = 0;
  uint64_t tail_base_ = 0;
  const char *chunk_ = nullptr;
  uint64_t chunk_start_ = 0;

  ShapeScan shapes_;
  ShapeReports reports_;      // reported places, not yet resolved
  uint64_t digit_seek_ = 0;   // the first digit run is all digits up to here
  uint64_t match_lo_ = 0;     // the window being confirmed (callback context)
  uint64_t match_min_ = 0, match_max_ = 0;  // the match ends it accepts
  uint64_t keep_lo_ = 0, keep_hi_ = UINT64_MAX;  // candidates ending elsewhere are dropped (collect)
  std::vector<Candidate> candidates_;
  std::vector<Span> spans_;  // resolved, not yet emitted
  std::vector<Finding> findings_;
  std::string window_;  // straddling views
  SpanScratch span_tmp_;
  std::string boundary_window_;  // the window being searched, copied (see resolve_candidates)
  std::vector<std::unique_ptr<Scratch>> span_scratch_;  // per variant, cloned on first use
};

}  // namespace ag::scrub
