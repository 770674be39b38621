// The shape scan: it reports exactly the digit runs and dot pairs its conditions describe,
// whatever the chunking, and the rules it serves find exactly what the candidate database
// found for them (the same rules with kDigitRun and kDotPair cleared), on random text dense
// in digits, separators and dots.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/status.h"
#include "scrub/shape_scan.h"
#include "scrub/engine_scrub.h"
#include "test_rules.h"

namespace ag::scrub {
namespace {

using testing::scrub_block;
using testing::scrub_chunked;

bool digit(char c) { return c >= '0' && c <= '9'; }
bool sep(char c) { return c == ' ' || c == '.' || c == '-'; }

// The condition, byte by byte: a maximal run of >= 4 digits that is >= 8 long or follows a
// separator that follows two digits.
std::vector<uint64_t> reference_starts(const std::string &s) {
  std::vector<uint64_t> out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!digit(s[i]) || (i > 0 && digit(s[i - 1]))) continue;
    size_t k = i;
    while (k < s.size() && digit(s[k])) ++k;
    size_t len = k - i;
    bool after = i >= 3 && sep(s[i - 1]) && digit(s[i - 2]) && digit(s[i - 3]);
    if (len >= 8 || (len >= 4 && after)) out.push_back(i);
  }
  return out;
}

std::vector<uint64_t> reference_pairs(const std::string &s) {
  std::vector<uint64_t> out;
  for (size_t i = 0; i + kDotPairGap < s.size(); ++i)
    if (s[i] == '.' && s[i + kDotPairGap] == '.') out.push_back(i);
  return out;
}

// A token of Discord's shape, its parts sometimes a byte too short or too long.
std::string dotted_token(std::mt19937 &rng) {
  static const char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  auto part = [&](size_t n) {
    std::string p;
    for (size_t i = 0; i < n; ++i) p += kChars[rng() % 64];
    return p;
  };
  auto len = [&](size_t lo, size_t hi) { return lo - 1 + rng() % (hi - lo + 3); };
  return std::string(1, "MNOX"[rng() % 4]) + part(len(23, 27)) + "." + part(len(6, 6)) + "." + part(len(27, 38));
}

// Text made of digit groups, separators, dots and words, the shapes the shape scan looks for.
std::string shape_text(std::mt19937 &rng, size_t pieces) {
  static const char *const kPieces[] = {
      "4539 1488 0343 6467", "5425233430109903", "3714-496353-98431", "6011 1111 1111 1117",
      "3530111333300000", "3056 930902 5904", "6200000000000005", "(415) 555-0142", "+1 212.555.0199",
      "646-555-0123", "536-22-1234", "2024-05-01T10:00:00.123Z", "v1.2.3", "id=", "call ", "\n", "\t",
      "(", ")", "+", "/", ":", "\"", "\\n", "x"};
  static const char kSeps[] = " -.";
  std::string s;
  for (size_t p = 0; p < pieces; ++p) {
    switch (rng() % 5) {
      case 0:
        s += kPieces[rng() % (sizeof kPieces / sizeof kPieces[0])];
        break;
      case 4:
        s += rng() % 3 == 0 ? dotted_token(rng) : std::string(rng() % 2 ? "a.b" : ".");
        break;
      case 1:
        s += kSeps[rng() % 3];
        break;
      default: {
        size_t n = 1 + rng() % 12;
        for (size_t i = 0; i < n; ++i) s += static_cast<char>('0' + rng() % 10);
      }
    }
  }
  return s;
}

ShapeReports scan_chunked(const std::string &s, std::mt19937 &rng, size_t max_chunk) {
  ShapeScan scan;
  scan.configure(true, true);
  ShapeReports out;
  for (size_t pos = 0; pos < s.size();) {
    size_t n = std::min(s.size() - pos, 1 + rng() % max_chunk);
    scan.feed(s.data() + pos, n, &out);
    pos += n;
  }
  scan.finish(&out);
  return out;
}

TEST(ShapeScan, ReportsExactlyTheQualifyingRunsForAnyChunking) {
  std::mt19937 rng(7);
  for (int iter = 0; iter < 3000; ++iter) {
    std::string s = shape_text(rng, 1 + rng() % 120);
    std::vector<uint64_t> runs = reference_starts(s), pairs = reference_pairs(s);
    for (size_t max_chunk : {size_t{1}, size_t{7}, size_t{64}, size_t{200}, s.size() + 1}) {
      ShapeReports got = scan_chunked(s, rng, max_chunk);
      ASSERT_EQ(got.digit_runs, runs) << "input: " << s << "\nmax chunk " << max_chunk;
      ASSERT_EQ(got.dot_pairs, pairs) << "input: " << s << "\nmax chunk " << max_chunk;
    }
  }
}

TEST(ShapeScan, HandlesPlacesAcrossBlocksAndTheEnds) {
  ShapeScan scan;
  scan.configure(true, true);
  ShapeReports out;
  // A run straddling the first 64-byte block, one after a separator, one at the very end; a
  // dot pair straddling the second block boundary.
  std::string s(60, 'a');
  s += "12345678";  // 60..67, long
  s += std::string(50, 'b');
  s += "12-3456";  // run start at 121
  s += std::string(64, 'c');
  s += "99999999";  // 189, at the end of the data
  s[126] = '.';
  s[133] = '.';
  scan.feed(s.data(), s.size(), &out);
  scan.finish(&out);
  EXPECT_EQ(out.digit_runs, (std::vector<uint64_t>{60, 121, 189}));
  EXPECT_EQ(out.dot_pairs, (std::vector<uint64_t>{126}));
  // The scan is reusable after finish.
  out = ShapeReports{};
  scan.feed("1234", 4, &out);
  scan.finish(&out);
  EXPECT_TRUE(out.empty());
  scan.feed("12 1234 .abcdef.", 16, &out);
  scan.finish(&out);
  EXPECT_EQ(out.digit_runs, (std::vector<uint64_t>{3}));
  EXPECT_EQ(out.dot_pairs, (std::vector<uint64_t>{8}));
  // A shape that is not configured is not reported.
  scan.configure(true, false);
  out = ShapeReports{};
  scan.feed(".abcdef.", 8, &out);
  scan.finish(&out);
  EXPECT_TRUE(out.empty());
}

// The built-in rules found by their shape, as they ship and with the flags cleared (so they
// are found by the candidate database like every other rule), plus a few other rules around
// them.
std::vector<Rule> shape_rules(bool flagged) {
  std::vector<Rule> out;
  for (const Rule &r : builtin_rules()) {
    bool keep = (r.flags & (kDigitRun | kDotPair)) || r.id == "email-address" || r.id == "phone-number-e164" ||
                r.id == "iban-de" || r.id == "aws-access-key-id" || r.id == "jwt";
    if (!keep) continue;
    out.push_back(r);
    if (!flagged) out.back().flags &= ~(kDigitRun | kDotPair);
  }
  return out;
}

TEST(ShapeScan, ShapeRulesFindWhatTheCandidateDatabaseFinds) {
  std::vector<Rule> flagged = shape_rules(true);
  size_t digit_rules_count = 0, dot_rules_count = 0;
  for (const Rule &r : flagged) {
    digit_rules_count += (r.flags & kDigitRun) ? 1 : 0;
    dot_rules_count += (r.flags & kDotPair) ? 1 : 0;
  }
  ASSERT_GE(digit_rules_count, 9u);
  ASSERT_GE(dot_rules_count, 1u);
  EngineScrub fast(flagged, Style::kLabel, SipKey{3, 4});
  EngineScrub reference(shape_rules(false), Style::kLabel, SipKey{3, 4});
  ASSERT_NE(fast.database().shape_db(Shape::kDigitRun), nullptr);
  ASSERT_NE(fast.database().shape_db(Shape::kDotPair), nullptr);
  ASSERT_EQ(reference.database().shape_db(Shape::kDigitRun), nullptr);
  ASSERT_EQ(reference.database().shape_db(Shape::kDotPair), nullptr);
  std::mt19937 rng(11);
  size_t with_findings = 0, with_dotted = 0;
  for (int iter = 0; iter < 1500; ++iter) {
    std::string s = shape_text(rng, 1 + rng() % 60);
    std::vector<Finding> want, got, chunked;
    std::string expect = scrub_block(reference, Style::kLabel, s, &want);
    ASSERT_EQ(scrub_block(fast, Style::kLabel, s, &got), expect) << "input: " << s;
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].start, want[i].start);
      EXPECT_EQ(got[i].end, want[i].end);
      EXPECT_EQ(got[i].rule, want[i].rule);
    }
    std::vector<size_t> sizes = {1 + rng() % 5, 1 + rng() % 70};
    ASSERT_EQ(scrub_chunked(fast, Style::kLabel, s, sizes, &chunked), expect) << "input: " << s;
    with_findings += want.empty() ? 0 : 1;
    for (const Finding &f : want) with_dotted += reference.rules()[f.rule].id == "discord-bot-token" ? 1 : 0;
  }
  // The generator must exercise the rules, not only their absence.
  EXPECT_GT(with_findings, 500u);
  EXPECT_GT(with_dotted, 50u);
}

TEST(ShapeScan, EveryShapeRuleExampleIsFoundThroughTheScan) {
  EngineScrub fast(shape_rules(true), Style::kLabel, SipKey{3, 4});
  for (const Rule &r : fast.rules()) {
    if (!(r.flags & (kDigitRun | kDotPair))) continue;
    for (const Example &ex : r.positives) {
      std::string out = scrub_block(fast, Style::kLabel, ex.text);
      EXPECT_EQ(out.find(ex.secret), std::string::npos) << r.id << ": " << ex.text << " -> " << out;
      // And inside a longer text, after a 64-byte block boundary.
      std::string padded = std::string(61, 'z') + " " + ex.text + " tail";
      EXPECT_EQ(scrub_block(fast, Style::kLabel, padded).find(ex.secret), std::string::npos) << r.id;
    }
  }
}

TEST(ShapeScan, ARuleWithAJsonEscapedFormCannotUseTheScan) {
  Rule r = testing::make_rule("bad-digits", "", "[0-9]{4}\\s[0-9]{4}", "", 9);
  r.flags |= kDigitRun;
  EngineScrub e({r}, Style::kLabel, SipKey{1, 1});
  try {
    e.database();
    FAIL() << "compiled";
  } catch (const Error &err) {
    EXPECT_EQ(err.status(), AG_E_SCRUB_COMPILE);
    EXPECT_NE(std::string(err.what()).find("JSON-escaped"), std::string::npos) << err.what();
  }
}

}  // namespace
}  // namespace ag::scrub
