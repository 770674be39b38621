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

int collect(unsigned id, unsigned long long, unsigned long long to, unsigned, void *ctx) {
  static_cast<std::vector<std::pair<uint64_t, unsigned>> *>(ctx)->push_back({to, id});
  return 0;
}

TEST(SpanSearch, AgreesWithTryingEveryStart) {
  auto engine = make_engine_scrub(Policy{});
  const Database &db = engine->database();
  std::vector<std::string> texts;
  std::mt19937 rng(7);
  const std::string noise = "aa=x \"k\": 12 /p/q \\n -- ";
  for (const Rule &r : builtin_rules()) {  // the engine's copies drop the examples
    for (const Example &e : r.positives) {
      texts.push_back(e.text);
      texts.push_back(json_escape(e.text));
      std::string noisy;
      for (int i = 0; i < 3; ++i) noisy += noise.substr(rng() % noise.size()) + e.text;
      texts.push_back(noisy);
    }
    for (const std::string &n : r.negatives) texts.push_back(n);
  }
  hs_scratch_t *scratch = nullptr;
  ASSERT_EQ(hs_clone_scratch(db.scratch_prototype(), &scratch), HS_SUCCESS);
  std::vector<hs_scratch_t *> span_scratch(db.variants().size(), nullptr);
  SpanScratch tmp;
  size_t compared = 0, fast_paths = 0;
  // The candidate database is stream mode: scan each text as one stream.
  for (const std::string &t : texts) {
    std::vector<std::pair<uint64_t, unsigned>> cands;
    hs_stream_t *stream = nullptr;
    ASSERT_EQ(hs_open_stream(db.candidates(), 0, &stream), HS_SUCCESS);
    ASSERT_EQ(hs_scan_stream(stream, t.data(), static_cast<unsigned>(t.size()), 0, scratch, collect, &cands),
              HS_SUCCESS);
    ASSERT_EQ(hs_close_stream(stream, scratch, collect, &cands), HS_SUCCESS);
    for (auto [end, vi] : cands) {
      const Variant &v = db.variants()[vi];
      const SpanDb &span = db.span_db(vi);
      if (span_scratch[vi] == nullptr) {
        ASSERT_EQ(hs_clone_scratch(span.prototype, &span_scratch[vi]), HS_SUCCESS);
      }
      size_t lo = end > v.window ? end - v.window : 0;
      size_t b1 = 0, e1 = 0, b2 = 0, e2 = 0;
      bool f1 = find_secret(v, span, t.data() + lo, end - lo, span_scratch[vi], &tmp, &b1, &e1);
      bool f2 = find_secret_reference(v, span, t.data() + lo, end - lo, span_scratch[vi], &tmp, &b2, &e2);
      EXPECT_EQ(f1, f2) << db.rules()[v.rule].id << " in: " << t;
      if (f1 && f2) {
        EXPECT_EQ(b1, b2) << db.rules()[v.rule].id << " in: " << t;
        EXPECT_EQ(e1, e2) << db.rules()[v.rule].id << " in: " << t;
      }
      ++compared;
      if (!span.has_som && span.reversed != nullptr) ++fast_paths;
    }
  }
  for (hs_scratch_t *s : span_scratch) hs_free_scratch(s);
  hs_free_scratch(scratch);
  EXPECT_GT(compared, 100u);
  EXPECT_GT(fast_paths, 10u);
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
