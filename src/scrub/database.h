// The compiled form of a rule set.
//
// Stage 1 (candidates): one Hyperscan stream-mode database, no start of match, holding
// every rule as  prefix.secret.suffix  (and its JSON-escaped form when it differs). It
// reports (variant, end offset) pairs; the offsets are exact stream offsets, so the
// candidate set does not depend on how the input was cut into chunks.
//
// Stage 2 (spans): per variant, a small block-mode database of the rule's parts anchored at
// the start of a buffer, plus (for short windows) the whole pattern with leftmost start of
// match. When that start-of-match pattern cannot be compiled, a second database holds the
// whole pattern reversed (assertions dropped, see regex_reverse.h) anchored at the start: run
// on the reversed window it lists every possible match start in one scan. Run only on the
// window [end - window, end) of a candidate, they recover where the match and its secret
// start and end (see span.h). It is compiled the first time its
// variant has a candidate: most rules never match a given input, and large bounded
// repeats make these databases slow to compile.
#pragma once

#include <hs/hs.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "scrub/db_cache.h"
#include "scrub/rule.h"

namespace ag::scrub {

// Pattern ids inside a span database.
enum SpanPart : unsigned {
  kWhole = 0,         // ^prefix secret suffix
  kPrefix = 1,        // ^prefix          (absent when the prefix is empty)
  kSecretSuffix = 2,  // ^secret suffix
  kSecret = 3,        // ^secret
  kSuffix = 4,        // ^suffix          (absent when the suffix is empty)
  kWholeSom = 5,      // prefix secret suffix, leftmost start (absent when it cannot compile)
};

// How stage 1 finds a variant: the candidate database, or a shape of the shape scan.
enum class Shape : uint8_t { kNone, kDigitRun, kDotPair };
inline constexpr int kShapes = 3;

struct Variant {
  uint32_t rule = 0;     // index into Database::rules()
  bool escaped = false;  // the JSON-escaped form
  uint32_t window = 0;   // longest match in bytes; spans lie within [end - window, end)
  unsigned flags = 0;    // Hyperscan flags
  bool bounded = false;  // the pattern has a finite width (window comes from it)
  Shape shape = Shape::kNone;  // found by the shape scan instead of the candidate database
  uint32_t inner_lf = 0;       // bound on a match's line feeds other than its first and last byte
  std::string prefix, secret, suffix;
  std::string trigger;   // the candidate scan's pattern: the rule's trigger, or the whole
  bool has_prefix() const { return !prefix.empty(); }
  bool has_suffix() const { return !suffix.empty(); }
};

// A Hyperscan scratch, owned.
struct Scratch {
  hs_scratch_t *s = nullptr;
  Scratch() = default;
  Scratch(const Scratch &) = delete;
  Scratch &operator=(const Scratch &) = delete;
  ~Scratch() { hs_free_scratch(s); }
};

// A variant's span databases, compiled on first use.
struct SpanDb {
  DbPtr db;
  DbPtr reversed;     // ^reverse(prefix secret suffix) alone; null when has_som or not reversible
  Scratch prototype;  // serves both databases; clone per user
  bool has_som = false;  // kWholeSom is present
};

class Database {
 public:
  // Compiles every rule. Throws ag::Error(AG_E_SCRUB_COMPILE, "scrub rule '<id>': ...").
  explicit Database(std::vector<Rule> rules);
  ~Database();
  Database(const Database &) = delete;
  Database &operator=(const Database &) = delete;

  const std::vector<Rule> &rules() const { return rules_; }
  const std::vector<Variant> &variants() const { return variants_; }
  // Stage 1 of every variant found by the candidate database (null when there is none). A
  // match reports a variant's index; when that variant is JSON-escaped its raw sibling may
  // have no pattern of its own (see raw_sibling).
  const hs_database_t *candidates() const { return stage1_[static_cast<int>(Shape::kNone)].get(); }
  // The raw variant that candidate-database matches of escaped variant i also stand for, or
  // kNoSibling. The escaped trigger matches every string the raw one does (json_variant.h
  // only adds alternatives, class members and repeat room), so the raw trigger is left out
  // of the database and each escaped match is a candidate of both.
  static constexpr uint32_t kNoSibling = UINT32_MAX;
  uint32_t raw_sibling(uint32_t i) const { return raw_sibling_[i]; }
  // The variants of one shape, block mode, no start of match: run on the window around a
  // place the shape scan reported (null when no rule has that shape).
  const hs_database_t *shape_db(Shape s) const { return stage1_[static_cast<int>(s)].get(); }
  // The longest window of a variant of that shape.
  uint32_t shape_window(Shape s) const { return shape_windows_[static_cast<int>(s)]; }
  // The span database of variant i; compiles it on the first call (thread-safe).
  // Throws ag::Error(AG_E_SCRUB_COMPILE).
  const SpanDb &span_db(uint32_t i) const;
  // A scratch for the candidate and shape databases; clone it once per thread.
  const hs_scratch_t *scratch_prototype() const { return scratch_.s; }
  // The longest window of any variant: how far back a future span can start.
  uint32_t max_window() const { return max_window_; }
  // The shortest secret any rule can match (>= 1): bounds how often output can grow.
  uint32_t min_secret_width() const { return min_secret_width_; }

 private:
  struct PatternFacts;
  void add_rule(uint32_t index, PatternFacts *facts);
  void compile_candidates();

  std::vector<Rule> rules_;
  std::string cache_dir_;  // compiled-database cache (db_cache.h); "" = off
  std::vector<Variant> variants_;
  struct LazySpan {
    std::once_flag once;
    std::unique_ptr<SpanDb> span;
  };
  std::unique_ptr<LazySpan[]> spans_;
  std::vector<uint32_t> raw_sibling_;  // by variant: see raw_sibling()
  // Stage 1 by Shape: [kNone] is the candidate database (stream mode), the others the shape
  // databases (block mode); null where no variant has that shape.
  DbPtr stage1_[kShapes];
  Scratch scratch_;
  uint32_t shape_windows_[kShapes] = {};
  uint32_t max_window_ = 0;
  uint32_t min_secret_width_ = UINT32_MAX;
};

// The Hyperscan flags of a rule's patterns.
unsigned rule_hs_flags(const Rule &rule);

// Compiles `pattern` alone in block mode; returns "" when it compiles, else Hyperscan's
// message. Cheap enough to validate custom rules at engine creation.
std::string check_pattern(const std::string &pattern, unsigned flags);

}  // namespace ag::scrub
