// The span search: pattern reversal, and the fast start search (reversed database, or start
// of match) against the definition it must agree with (try every start in turn), on every
// candidate the built-in rules report for their own examples, raw, JSON-escaped and inside
// noise.
#include <gtest/gtest.h>

#include <hs/hs.h>

#include <random>
#include <string>
#include <vector>

#include "core/engine.h"
#include "scrub/database.h"
#include "scrub/engine_scrub.h"
#include "scrub/regex_reverse.h"
#include "scrub/span.h"

namespace ag::scrub {
namespace {

TEST(RegexReverse, ReversesConcatenationsAndDropsAssertions) {
  EXPECT_EQ(relaxed_reverse("abc"), "cba");
  EXPECT_EQ(relaxed_reverse("\\bfoo\\.b[a-z]{2,3}$"), "(?:[a-z]){2,3}b\\.oof");
  EXPECT_EQ(relaxed_reverse("(?:ab|cd)e"), "e(?:ba|dc)");
  EXPECT_EQ(relaxed_reverse("x(?:[^0-9]|$)"), "(?:[^0-9]|)x");
  EXPECT_EQ(relaxed_reverse("[]a]\\s+\\x41"), "\\x41(?:\\s)+[]a]");
  EXPECT_EQ(relaxed_reverse("\\Qa.b\\E"), "\\x62\\x2e\\x61");
  EXPECT_EQ(relaxed_reverse("(ab)?"), "(?:ba)?");
}

TEST(RegexReverse, RefusesWhatItDoesNotUnderstand) {
  EXPECT_FALSE(relaxed_reverse("a+?"));
  EXPECT_FALSE(relaxed_reverse("a++"));
  EXPECT_FALSE(relaxed_reverse("(?=a)b"));
  EXPECT_FALSE(relaxed_reverse("(?i)ab"));
  EXPECT_FALSE(relaxed_reverse("(a)\\1"));
  EXPECT_FALSE(relaxed_reverse("a{"));
  EXPECT_FALSE(relaxed_reverse("(ab"));
  EXPECT_FALSE(relaxed_reverse("[ab"));
}

TEST(RegexLineFeeds, BoundsTheLineFeedsInsideAMatch) {
  constexpr uint32_t kMany = 1u << 20;
  EXPECT_EQ(max_inner_line_feeds("abc"), 0u);
  EXPECT_EQ(max_inner_line_feeds("a\\nb"), 1u);
  EXPECT_EQ(max_inner_line_feeds("a\\s{0,3}b"), 3u);
  EXPECT_EQ(max_inner_line_feeds("a\\s{0,3}"), 3u);  // a bound, not exact: the last may be the last byte
  EXPECT_EQ(max_inner_line_feeds("\\s?abc\\s?"), 0u);  // only ever first or last
  EXPECT_EQ(max_inner_line_feeds("key=[a-z]{8}(?:[^a-z]|$)"), 0u);
  EXPECT_EQ(max_inner_line_feeds("x(?:\\n|y)"), 0u);
  EXPECT_EQ(max_inner_line_feeds("(?:\\n|y)x"), 0u);
  EXPECT_EQ(max_inner_line_feeds("x(?:\\n|y)x"), 1u);
  EXPECT_EQ(max_inner_line_feeds("a[^a]b"), 1u);
  EXPECT_EQ(max_inner_line_feeds("a.b"), 0u);  // no DOTALL
  EXPECT_EQ(max_inner_line_feeds("a\\n{2}b"), 2u);
  EXPECT_EQ(max_inner_line_feeds("a(?:\\r?\\n[ \\t]*){0,2}b"), 2u);
  EXPECT_GE(max_inner_line_feeds("a\\s*b"), kMany);
  EXPECT_GE(max_inner_line_feeds("a[^x]+b"), kMany);
  EXPECT_EQ(max_inner_line_feeds("a[^x]{0,}"), kMany);
  EXPECT_EQ(max_inner_line_feeds("a\\w+b"), 0u);  // unbounded, but never a line feed
  EXPECT_GE(max_inner_line_feeds("(?=a)b"), kMany);  // not understood: no bound
  EXPECT_GE(max_inner_line_feeds("a\\pLb"), kMany);
}

// Each atom's verdict against Hyperscan itself: where the analysis says "no line feed",
// Hyperscan must not match one, and for these atoms the analysis is exact.
TEST(RegexLineFeeds, AtomVerdictsAgreeWithHyperscan) {
  const char *atoms[] = {"a", "\\n", "\\r", "\\t", "\\s", "\\S", "\\d", "\\D", "\\w", "\\W", "\\h",
                         "\\H", "\\v", "\\V", "\\x0a", "\\x0A", "\\x{a}", "\\x0b", "\\.", "\\-", ".",
                         "[a-z]", "[^a-z]", "[\\n]", "[^\\n]", "[\\s]", "[^\\s]", "[\\S]", "[^\\S]", "[\\x00-\\x7f]",
                         "[\\x0b-\\x7f]", "[\\t-\\r]", "[^\\x00-\\x09\\x0b-\\xff]", "[[:space:]]", "[[:alpha:]]",
                         "[^[:alpha:]]", "[[:cntrl:]]", "[]a]", "[^]a]", "[a-]", "[\\w.-]", "[\\W]", "[^\\w\\s]",
                         "[\\r\\n]", "[^\\r\\n]", "[ \\t]", "[^\"'\\s]", "[\\x{0a}]"};
  for (const char *a : atoms) {
    hs_database_t *db = nullptr;
    hs_compile_error_t *err = nullptr;
    ASSERT_EQ(hs_compile(a, HS_FLAG_SINGLEMATCH, HS_MODE_BLOCK, nullptr, &db, &err), HS_SUCCESS) << a;
    hs_scratch_t *scratch = nullptr;
    ASSERT_EQ(hs_alloc_scratch(db, &scratch), HS_SUCCESS);
    bool matched = false;
    auto on = [](unsigned, unsigned long long, unsigned long long, unsigned, void *ctx) {
      *static_cast<bool *>(ctx) = true;
      return 0;
    };
    ASSERT_EQ(hs_scan(db, "\n", 1, 0, scratch, on, &matched), HS_SUCCESS);
    EXPECT_EQ(atom_may_match_newline(a), matched) << a;
    hs_free_scratch(scratch);
    hs_free_database(db);
  }
  EXPECT_TRUE(atom_may_match_newline("[\\pL]"));  // not understood: counted as one
}

std::string json_escape(const std::string &s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '\n': o += "\\n"; break;
      case '\r': o += "\\r"; break;
      case '\t': o += "\\t"; break;
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '/': o += "\\/"; break;
      default: o += c;
    }
  }
  return o;
}

struct Collected {
  const Database *db;
  std::vector<std::pair<uint64_t, unsigned>> cands;
};

int collect(unsigned id, unsigned long long, unsigned long long to, unsigned, void *ctx) {
  auto *c = static_cast<Collected *>(ctx);
  c->cands.push_back({to, id});
  if (uint32_t raw = c->db->raw_sibling(id); raw != Database::kNoSibling) c->cands.push_back({to, raw});
  return 0;
}

TEST(SpanSearch, AgreesWithTryingEveryStart) {
  auto engine = make_engine_scrub(Policy{});
  const Database &db = engine->database();
  std::vector<std::string> texts, line_texts;
  std::mt19937 rng(7);
  const std::string noise = "aa=x \"k\": 12 /p/q \\n -- ";
  for (const Rule &r : builtin_rules()) {  // the engine's copies drop the examples
    for (const Example &e : r.positives) {
      texts.push_back(e.text);
      texts.push_back(json_escape(e.text));
      std::string noisy;
      for (int i = 0; i < 3; ++i) noisy += noise.substr(rng() % noise.size()) + e.text;
      texts.push_back(noisy);
      // Short lines around and between copies, so that the line-bounded start cuts windows
      // (checked below against the uncut search only: the reference is too slow for these).
      std::string lines;
      for (int i = 0; i < 4; ++i) {
        lines += noise.substr(rng() % noise.size()) + (i % 2 ? "\n" : "\n\n ") + e.text;
        if (rng() % 2) lines += "\n";
      }
      line_texts.push_back(lines);
    }
    for (const std::string &n : r.negatives) texts.push_back(n);
  }
  hs_scratch_t *scratch = nullptr;
  ASSERT_EQ(hs_clone_scratch(db.scratch_prototype(), &scratch), HS_SUCCESS);
  std::vector<hs_scratch_t *> span_scratch(db.variants().size(), nullptr);
  SpanScratch tmp;
  size_t compared = 0, fast_paths = 0, line_cut = 0, line_cut_found = 0, raw_candidates = 0;
  const size_t reference_texts = texts.size();
  texts.insert(texts.end(), line_texts.begin(), line_texts.end());
  // The candidate database is stream mode: scan each text as one stream.
  for (size_t ti = 0; ti < texts.size(); ++ti) {
    const std::string &t = texts[ti];
    Collected collected{&db, {}};
    hs_stream_t *stream = nullptr;
    ASSERT_EQ(hs_open_stream(db.candidates(), 0, &stream), HS_SUCCESS);
    ASSERT_EQ(hs_scan_stream(stream, t.data(), static_cast<unsigned>(t.size()), 0, scratch, collect, &collected),
              HS_SUCCESS);
    ASSERT_EQ(hs_close_stream(stream, scratch, collect, &collected), HS_SUCCESS);
    for (auto [end, vi] : collected.cands) {
      if (!db.variants()[vi].escaped) ++raw_candidates;
      const Variant &v = db.variants()[vi];
      const SpanDb &span = db.span_db(vi);
      if (span_scratch[vi] == nullptr) {
        ASSERT_EQ(hs_clone_scratch(span.prototype.s, &span_scratch[vi]), HS_SUCCESS);
      }
      size_t lo = end > v.window ? end - v.window : 0;
      size_t b1 = 0, e1 = 0, b2 = 0, e2 = 0;
      bool f1 = find_secret(v, span, t.data() + lo, end - lo, end < t.size(), span_scratch[vi], &tmp, &b1, &e1);
      if (ti < reference_texts) {
        bool f2 = find_secret_reference(v, span, t.data() + lo, end - lo, end < t.size(), span_scratch[vi], &tmp, &b2, &e2);
        EXPECT_EQ(f1, f2) << db.rules()[v.rule].id << " in: " << t;
        if (f1 && f2) {
          EXPECT_EQ(b1, b2) << db.rules()[v.rule].id << " in: " << t;
          EXPECT_EQ(e1, e2) << db.rules()[v.rule].id << " in: " << t;
        }
      }
      // Starting at the line the match must start on changes nothing.
      size_t skip = line_start(v, t.data() + lo, end - lo);
      if (skip > 0) {
        size_t b3 = 0, e3 = 0;
        bool f3 = find_secret(v, span, t.data() + lo + skip, end - lo - skip, end < t.size(), span_scratch[vi], &tmp, &b3, &e3);
        EXPECT_EQ(f3, f1) << db.rules()[v.rule].id << " cut at " << skip << " in: " << t;
        if (f3 && f1) {
          EXPECT_EQ(b3 + skip, b1) << db.rules()[v.rule].id << " in: " << t;
          EXPECT_EQ(e3 + skip, e1) << db.rules()[v.rule].id << " in: " << t;
        }
        ++line_cut;
        if (f1) ++line_cut_found;
      }
      ++compared;
      if (!span.has_som && span.reversed != nullptr) ++fast_paths;
    }
  }
  for (hs_scratch_t *s : span_scratch) hs_free_scratch(s);
  hs_free_scratch(scratch);
  EXPECT_GT(compared, 100u);
  EXPECT_GT(fast_paths, 10u);
  EXPECT_GT(line_cut_found, 100u) << line_cut << " windows cut";
  EXPECT_GT(raw_candidates, 100u);
}

// Every variant that has no start-of-match pattern has a reversed database, so no built-in
// rule falls back to trying every start.
TEST(SpanSearch, EveryBuiltinVariantHasAFastStartSearch) {
  auto engine = make_engine_scrub(Policy{});
  const Database &db = engine->database();
  for (uint32_t i = 0; i < db.variants().size(); ++i) {
    const Variant &v = db.variants()[i];
    std::string whole = "(?:" + v.prefix + ")(?:" + v.secret + ")(?:" + v.suffix + ")";
    EXPECT_TRUE(relaxed_reverse(whole).has_value()) << db.rules()[v.rule].id;
  }
}

}  // namespace
}  // namespace ag::scrub
