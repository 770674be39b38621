#include "scrub/database.h"

#include <algorithm>
#include <cstring>
#include <cstdlib>
#include <memory>
#include <optional>

#include "core/status.h"
#include "scrub/db_cache.h"
#include "scrub/json_variant.h"
#include "scrub/regex_reverse.h"

namespace ag::scrub {
namespace {

// JSON escapes lengthen text: an escaped variant without a finite width gets this factor.
constexpr uint32_t kEscapedWindowFactor = 2;

// Bounded patterns up to this width get a start-of-match pattern; wider bounded repeats
// take seconds to compile with it and are searched start by start instead. Unbounded
// patterns (PEM bodies) compile quickly with it and always get it.
constexpr uint32_t kSomMaxWindow = 1024;

std::string group(const std::string &p) { return p.empty() ? std::string() : "(?:" + p + ")"; }

struct CompileError {
  hs_compile_error_t *e = nullptr;
  ~CompileError() {
    if (e) hs_free_compile_error(e);
  }
  std::string message() const { return e && e->message ? e->message : "unknown error"; }
};

// min and max width of a pattern; max is UINT32_MAX when unbounded. Throws on bad patterns.
void pattern_widths(const std::string &pattern, unsigned flags, const std::string &id,
                    unsigned *min_width, unsigned *max_width) {
  hs_expr_info_t *info = nullptr;
  CompileError err;
  if (hs_expression_info(pattern.c_str(), flags, &info, &err.e) != HS_SUCCESS)
    fail(AG_E_SCRUB_COMPILE, "scrub rule '" + id + "': " + err.message());
  *min_width = info->min_width;
  *max_width = info->max_width;
  std::free(info);
}


// The whole pattern reversed (relaxed_reverse) and anchored, for the start search of a
// variant without SOM; null when it does not compile (the search then tries each start).
DbPtr compile_reversed(const Variant &v, const std::string &reversed) {
  std::string text = "^(?:" + reversed + ")";
  hs_database_t *db = nullptr;
  CompileError err;
  if (hs_compile(text.c_str(), v.flags | HS_FLAG_ALLOWEMPTY, HS_MODE_BLOCK, nullptr, &db, &err.e) != HS_SUCCESS)
    return nullptr;
  return hs_owned(db);
}

// Compiles a variant's span database: its parts anchored at the buffer start, then (for
// short windows) the whole with leftmost start of match. Some patterns cannot have SOM
// ("Pattern is too large"); they compile without it, plus the reversed whole.
std::unique_ptr<SpanDb> compile_span_db(const Variant &v, const std::string &id, const std::string &cache_dir) {
  struct Expr {
    std::string text;
    unsigned flags;
    unsigned id;
  };
  const unsigned anchored = v.flags | HS_FLAG_ALLOWEMPTY;
  const std::string whole = group(v.prefix) + group(v.secret) + group(v.suffix);
  std::vector<Expr> exprs;
  exprs.push_back({"^" + whole, anchored, kWhole});
  if (v.has_prefix()) exprs.push_back({"^" + group(v.prefix), anchored, kPrefix});
  exprs.push_back({"^" + group(v.secret) + group(v.suffix), anchored, kSecretSuffix});
  exprs.push_back({"^" + group(v.secret), anchored, kSecret});
  if (v.has_suffix()) exprs.push_back({"^" + group(v.suffix), anchored, kSuffix});
  size_t plain = exprs.size();
  if (!v.bounded || v.window <= kSomMaxWindow) exprs.push_back({whole, v.flags | HS_FLAG_SOM_LEFTMOST, kWholeSom});

  // Everything the result depends on: the expressions, which of them are optional, the
  // reversal, and the version of this procedure.
  CacheKey key;
  key.add("agentguard scrub span db v1").add(plain).add(v.flags);
  for (const Expr &e : exprs) key.add(e.text).add(e.flags).add(e.id);
  std::optional<std::string> rev = relaxed_reverse(whole);
  key.add(rev ? *rev : std::string("\0none"));
  const std::string k = key.finish();

  auto span = std::make_unique<SpanDb>();
  auto alloc_scratch = [&span] {
    if (hs_alloc_scratch(span->db.get(), &span->prototype.s) != HS_SUCCESS ||
        (span->reversed != nullptr && hs_alloc_scratch(span->reversed.get(), &span->prototype.s) != HS_SUCCESS))
      fail(AG_E_NOMEM, "scrub: cannot allocate Hyperscan scratch");
  };
  uint64_t meta = 0;
  std::vector<DbPtr> cached;
  if (cache_load(cache_dir, k, 2, &meta, &cached) && cached[0] != nullptr) {
    span->db = std::move(cached[0]);
    span->reversed = std::move(cached[1]);
    span->has_som = (meta & 1) != 0;
    alloc_scratch();
    return span;
  }

  for (size_t n = exprs.size(); n >= plain; --n) {
    std::vector<const char *> texts;
    std::vector<unsigned> fl, ids;
    for (size_t i = 0; i < n; ++i) {
      texts.push_back(exprs[i].text.c_str());
      fl.push_back(exprs[i].flags);
      ids.push_back(exprs[i].id);
    }
    CompileError err;
    hs_database_t *db = nullptr;
    if (hs_compile_multi(texts.data(), fl.data(), ids.data(), static_cast<unsigned>(n),
                         HS_MODE_BLOCK, nullptr, &db, &err.e) == HS_SUCCESS) {
      span->db = hs_owned(db);
      span->has_som = n > plain;
      if (!span->has_som && rev) span->reversed = compile_reversed(v, *rev);
      alloc_scratch();
      cache_store(cache_dir, k, span->has_som ? 1 : 0, {span->db.get(), span->reversed.get()});
      return span;
    }
    if (n == plain) fail(AG_E_SCRUB_COMPILE, "scrub rule '" + id + "': " + err.message());
  }
  return span;
}

}  // namespace

unsigned rule_hs_flags(const Rule &rule) {
  return (rule.flags & kCaseless) ? HS_FLAG_CASELESS : 0u;
}

std::string check_pattern(const std::string &pattern, unsigned flags) {
  hs_database_t *db = nullptr;
  CompileError err;
  if (hs_compile(pattern.c_str(), flags, HS_MODE_BLOCK, nullptr, &db, &err.e) != HS_SUCCESS)
    return err.message();
  hs_free_database(db);
  return {};
}

// What add_rule needs to know of each pattern: its widths, from hs_expression_info, which
// costs about as much as loading every compiled database from the cache, and its line-feed
// bound, from parsing it. Both are cached, as one entry per rule set holding the values of
// every call in call order.
struct Database::PatternFacts {
  PatternFacts(const std::string &dir, const std::vector<Rule> &rules) : dir_(dir) {
    CacheKey key;
    key.add("agentguard scrub widths v2").add(rules.size());
    for (const Rule &r : rules) key.add(r.prefix).add(r.secret).add(r.suffix).add(r.trigger).add(r.flags).add(r.max_len);
    key_ = key.finish();
    std::string blob;
    if (cache_load_blob(dir_, key_, &blob) && blob.size() % 8 == 0) {
      values_.resize(blob.size() / 8);
      std::memcpy(values_.data(), blob.data(), blob.size());
      cached_ = true;
    }
  }

  void widths(const std::string &pattern, unsigned flags, const std::string &id, unsigned *min_w, unsigned *max_w) {
    if (cached(2)) {
      *min_w = static_cast<unsigned>(values_[next_]);
      *max_w = static_cast<unsigned>(values_[next_ + 1]);
      next_ += 2;
      return;
    }
    pattern_widths(pattern, flags, id, min_w, max_w);
    values_.push_back(*min_w);
    values_.push_back(*max_w);
    next_ += 2;
  }

  uint32_t inner_line_feeds(const std::string &pattern) {
    if (cached(1)) return static_cast<uint32_t>(values_[next_++]);
    uint32_t n = max_inner_line_feeds(pattern);
    values_.push_back(n);
    ++next_;
    return n;
  }

  // Writes the entry unless it was read whole and used whole.
  void store() const {
    if (cached_ && next_ == values_.size()) return;
    cache_store_blob(dir_, key_, std::string_view(reinterpret_cast<const char *>(values_.data()), next_ * 8));
  }

 private:
  // Whether the next n values come from the entry; once one does not, none does again.
  bool cached(size_t n) {
    if (cached_ && next_ + n <= values_.size()) return true;
    cached_ = false;
    values_.resize(next_);
    return false;
  }

  const std::string &dir_;
  std::string key_;
  std::vector<uint64_t> values_;
  size_t next_ = 0;
  bool cached_ = false;
};

Database::Database(std::vector<Rule> rules) : rules_(std::move(rules)), cache_dir_(cache_directory()) {
  PatternFacts facts(cache_dir_, rules_);
  for (uint32_t i = 0; i < rules_.size(); ++i) add_rule(i, &facts);
  facts.store();
  if (min_secret_width_ == UINT32_MAX) min_secret_width_ = 1;
  spans_ = std::make_unique<LazySpan[]>(variants_.size());
  if (!variants_.empty()) compile_candidates();
}

Database::~Database() = default;

const SpanDb &Database::span_db(uint32_t i) const {
  LazySpan &lazy = spans_[i];
  std::call_once(lazy.once, [&] {
    lazy.span = compile_span_db(variants_[i], rules_[variants_[i].rule].id, cache_dir_);
  });
  return *lazy.span;
}

// Adds the raw variant of rule `index`, and its JSON-escaped variant when that differs.
void Database::add_rule(uint32_t index, PatternFacts *facts) {
  const Rule &r = rules_[index];
  if (r.secret.empty()) fail(AG_E_SCRUB_COMPILE, "scrub rule '" + r.id + "': empty secret");
  unsigned flags = rule_hs_flags(r);
  unsigned secret_min = 0, secret_max = 0;
  facts->widths(r.secret, flags | HS_FLAG_ALLOWEMPTY, r.id, &secret_min, &secret_max);
  min_secret_width_ = std::min(min_secret_width_, std::max(secret_min, 1u));
  for (int escaped = 0; escaped < 2; ++escaped) {
    std::string prefix = escaped ? json_escaped_variant(r.prefix) : r.prefix;
    std::string secret = escaped ? json_escaped_variant(r.secret) : r.secret;
    std::string suffix = escaped ? json_escaped_variant(r.suffix) : r.suffix;
    if (escaped && prefix == r.prefix && secret == r.secret && suffix == r.suffix) break;
    if (escaped && (r.flags & (kDigitRun | kDotPair)))
      fail(AG_E_SCRUB_COMPILE, "scrub rule '" + r.id + "': a rule found by its shape must have no JSON-escaped form");
    Variant v;
    v.rule = index;
    v.escaped = escaped != 0;
    v.flags = flags;
    v.shape = (r.flags & kDigitRun) ? Shape::kDigitRun : (r.flags & kDotPair) ? Shape::kDotPair : Shape::kNone;
    std::string whole = group(prefix) + group(secret) + group(suffix);
    unsigned min_w = 0, max_w = 0;
    facts->widths(whole, flags, r.id, &min_w, &max_w);
    uint32_t declared = r.max_len * (escaped ? kEscapedWindowFactor : 1);
    v.bounded = max_w != UINT32_MAX;
    v.inner_lf = facts->inner_line_feeds(whole);
    v.window = v.bounded ? max_w : declared;
    if (v.window == 0) fail(AG_E_SCRUB_COMPILE, "scrub rule '" + r.id + "': max_len is 0");
    v.trigger = r.trigger.empty() ? whole : group(escaped ? json_escaped_variant(r.trigger) : r.trigger);
    v.prefix = std::move(prefix);
    v.secret = std::move(secret);
    v.suffix = std::move(suffix);
    max_window_ = std::max(max_window_, v.window);
    uint32_t &shape_window = shape_windows_[static_cast<int>(v.shape)];
    shape_window = std::max(shape_window, v.window);
    // The escaped variant comes right after the raw one, with the same flags and no shape
    // (checked above), so its trigger stands for both in the candidate database.
    raw_sibling_.push_back(escaped ? static_cast<uint32_t>(variants_.size() - 1) : kNoSibling);
    variants_.push_back(std::move(v));
  }
}

// Stage 1: the candidate database (stream mode) of every variant not found by its shape, and
// one block-mode database per shape; any may be empty, hence null.
void Database::compile_candidates() {
  // A raw variant whose escaped sibling stands for it has no pattern of its own.
  auto folded = [&](size_t i) { return i + 1 < variants_.size() && raw_sibling_[i + 1] == i; };
  CacheKey key;
  key.add("agentguard scrub candidates v4").add(variants_.size());
  for (const Variant &v : variants_) key.add(v.trigger).add(v.flags).add(static_cast<uint64_t>(v.shape)).add(static_cast<uint64_t>(v.escaped));
  const std::string k = key.finish();
  uint64_t meta = 0;
  std::vector<DbPtr> cached;
  if (cache_load(cache_dir_, k, kShapes, &meta, &cached)) {
    std::move(cached.begin(), cached.end(), stage1_);
  } else {
    for (int shape = 0; shape < kShapes; ++shape) {
      std::vector<const char *> ptrs;
      std::vector<unsigned> ids, flags;
      for (size_t i = 0; i < variants_.size(); ++i) {
        if (static_cast<int>(variants_[i].shape) != shape || folded(i)) continue;
        ptrs.push_back(variants_[i].trigger.c_str());
        ids.push_back(static_cast<unsigned>(i));
        flags.push_back(variants_[i].flags);
      }
      if (ptrs.empty()) continue;
      CompileError err;
      unsigned mode = shape == static_cast<int>(Shape::kNone) ? HS_MODE_STREAM : HS_MODE_BLOCK;
      hs_database_t *db = nullptr;
      if (hs_compile_multi(ptrs.data(), flags.data(), ids.data(), static_cast<unsigned>(ptrs.size()), mode,
                           nullptr, &db, &err.e) != HS_SUCCESS) {
        std::string where;
        if (err.e && err.e->expression >= 0)
          where = "scrub rule '" + rules_[variants_[ids[static_cast<size_t>(err.e->expression)]].rule].id + "': ";
        fail(AG_E_SCRUB_COMPILE, where + err.message());
      }
      stage1_[shape] = hs_owned(db);
    }
    std::vector<const hs_database_t *> all;
    for (const DbPtr &db : stage1_) all.push_back(db.get());
    cache_store(cache_dir_, k, 0, all);
  }
  for (const DbPtr &db : stage1_)
    if (db != nullptr && hs_alloc_scratch(db.get(), &scratch_.s) != HS_SUCCESS)
      fail(AG_E_NOMEM, "scrub: cannot allocate Hyperscan scratch");
}

}  // namespace ag::scrub
