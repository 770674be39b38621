// Scrubbing an input part by part, on several threads (EngineScrub::scrub_parts and scrub
// with threads > 1), gives the block output and findings for every place the input is cut:
// matches ending near a cut, whose windows or triggers reach across it, included.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/engine.h"
#include "generator.h"
#include "scrub/engine_scrub.h"
#include "scrub/json_variant.h"
#include "scrub/redactor.h"
#include "test_rules.h"

namespace ag::scrub {
namespace {

struct Result {
  std::string out;
  std::vector<Finding> findings;
};

// Output buffers of twice the input: enough for these inputs (checked).
Result parts(const EngineScrub &e, Style style, std::string_view in, const std::vector<uint64_t> &cuts,
             unsigned threads) {
  Result r;
  std::string buf(2 * in.size() + 4096, '\0');
  Sink sink{buf.data(), buf.size(), 0, true};
  e.scrub_parts(style, in, &sink, &r.findings, cuts, threads);
  EXPECT_FALSE(sink.truncated);
  r.out.assign(buf.data(), sink.len);
  return r;
}

Result whole(const EngineScrub &e, Style style, std::string_view in, unsigned threads = 1) {
  Result r;
  std::string buf(2 * in.size() + 4096, '\0');
  Sink sink{buf.data(), buf.size(), 0, true};
  e.scrub(style, in, &sink, &r.findings, threads);
  EXPECT_FALSE(sink.truncated);
  r.out.assign(buf.data(), sink.len);
  return r;
}

void expect_same(const Result &got, const Result &want, const std::string &where) {
  EXPECT_EQ(got.out, want.out) << where;
  ASSERT_EQ(got.findings.size(), want.findings.size()) << where;
  for (size_t i = 0; i < got.findings.size(); ++i) {
    EXPECT_EQ(got.findings[i].start, want.findings[i].start) << where << " finding " << i;
    EXPECT_EQ(got.findings[i].end, want.findings[i].end) << where << " finding " << i;
    EXPECT_EQ(got.findings[i].rule, want.findings[i].rule) << where << " finding " << i;
  }
}

class PartsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = testing::default_engine();
    if (engine_->rules().empty()) GTEST_SKIP() << "no built-in rules in this build";
  }
  // Every built-in rule's positive examples, raw and JSON-escaped as a string value, one
  // after the other (so a window or trigger reaching back finds another rule's text).
  static std::string examples() {
    std::string doc;
    for (const Rule &r : builtin_rules()) {
      for (const Example &e : r.positives) {
        doc += e.text + "\n";
        std::string esc;
        for (char c : e.text) {
          if (c == '\n') {
            esc += "\\n";
          } else if (c == '"' || c == '\\') {
            esc += '\\';
            esc += c;
          } else if (c == '/') {
            esc += "\\/";
          } else {
            esc += c;
          }
        }
        doc += "{\"v\":\"" + esc + "\"}";
      }
    }
    return doc;
  }
  std::shared_ptr<EngineScrub> engine_;
};

// The test suite's own rules (short windows, so short margins): one cut at every byte of a
// document dense with their secrets, raw and JSON-escaped.
TEST(Parts, EveryCutOfASmallDocument) {
  EngineScrub e(testing::sample_rules(), Style::kLabel, SipKey{1, 2});
  const std::string aws = "AKIAIOSFODNN7EXAMPLE", sk = "sk-abcdefghijklmnopqrstuvwxyz012345";
  const std::string doc = "env:\nAWS=" + aws + "\nOPENAI=" + sk + "\ncard 4111-1111-1111-1111 mail bob@example.org\n" +
                          "password: Zq8#kLp2wX9\n{\"a\":\"" + aws + "\\n\"}" + aws + " " + sk + sk + "\n" + aws;
  const Result want = whole(e, Style::kLabel, doc);
  ASSERT_GE(want.findings.size(), 6u);
  for (uint64_t c = 1; c < doc.size(); ++c)
    expect_same(parts(e, Style::kLabel, doc, {c}, 2), want, "cut at " + std::to_string(c));
  // Many parts, some shorter than a match.
  for (uint64_t step : {1, 2, 3, 7, 20}) {
    std::vector<uint64_t> cuts;
    for (uint64_t c = step; c < doc.size(); c += step) cuts.push_back(c);
    expect_same(parts(e, Style::kLabel, doc, cuts, 3), want, "cuts every " + std::to_string(step));
  }
}

// The default rules on every rule's examples: a cut on each side of every finding and one
// byte around them, and cuts at random places.
TEST_F(PartsTest, CutsAroundEveryFindingOfEveryRulesExamples) {
  const std::string doc = examples();
  ASSERT_GT(doc.size(), 20000u);
  const Result want = whole(*engine_, Style::kLabel, doc);
  ASSERT_GT(want.findings.size(), 300u);
  for (int64_t d : {-1, 0, 1}) {
    std::vector<uint64_t> cuts;
    for (const Finding &f : want.findings) {
      for (uint64_t at : {f.start, f.end}) {
        int64_t c = static_cast<int64_t>(at) + d;
        if (c > 0 && static_cast<uint64_t>(c) < doc.size()) cuts.push_back(static_cast<uint64_t>(c));
      }
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    expect_same(parts(*engine_, Style::kLabel, doc, cuts, 2), want, "cuts at findings " + std::to_string(d));
  }
  std::mt19937 rng(5);
  for (int t = 0; t < 20; ++t) {
    uint64_t c = 1 + rng() % (doc.size() - 1);
    expect_same(parts(*engine_, Style::kLabel, doc, {c}, 2), want, "cut at " + std::to_string(c));
  }
}

// A document whose matches are far longer than the rest: a JSON-escaped PEM key, a long
// run of digits and a long token, cut inside each at many places.
TEST_F(PartsTest, LongMatchesAcrossCuts) {
  std::string pem = "-----BEGIN RSA PRIVATE KEY-----\n";
  std::mt19937 rng(8);
  const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (int line = 0; line < 90; ++line) {  // about 5.9 KB, under the rules' 8 KB cap
    for (int i = 0; i < 64; ++i) pem += b64[rng() % 64];
    pem += "\n";
  }
  pem += "-----END RSA PRIVATE KEY-----";
  std::string esc;
  for (char c : pem) esc += c == '\n' ? std::string("\\n") : std::string(1, c);
  std::string doc = "log line\n{\"key\":\"" + esc + "\"}\nid " + std::string(3000, '7') +
                    " card 4111 1111 1111 1111\n" + pem + "\nend";
  const Result want = whole(*engine_, Style::kLabel, doc);
  ASSERT_GE(want.findings.size(), 3u);
  EXPECT_EQ(want.out.find("BEGIN RSA PRIVATE KEY-----\\n"), std::string::npos);
  for (uint64_t c = 1; c < doc.size(); c += 97)
    expect_same(parts(*engine_, Style::kLabel, doc, {c}, 2), want, "cut at " + std::to_string(c));
}

// Generated tool outputs, every style, many parts on up to 4 threads.
TEST_F(PartsTest, GeneratedOutputsEveryStyle) {
  testing::Corpus c = testing::generate_corpus(31, 300000);
  std::mt19937 rng(17);
  for (Style style : {Style::kLabel, Style::kMask, Style::kHash, Style::kDetect}) {
    const Result want = whole(*engine_, style, c.text);
    ASSERT_GT(want.findings.size(), 100u);
    for (int t = 0; t < 4; ++t) {
      std::vector<uint64_t> cuts;
      for (uint64_t at = 1 + rng() % 5000; at < c.text.size(); at += 1 + rng() % 40000) cuts.push_back(at);
      expect_same(parts(*engine_, style, c.text, cuts, 1 + t), want, "run " + std::to_string(t));
    }
  }
}

// scrub(threads) cuts only inputs of at least two kPartMin-byte parts, and then gives the
// block result; secrets planted across the cuts it makes are found.
TEST_F(PartsTest, ThreadsOptionSplitsLargeInputsOnly) {
  const std::string key = "AKIAIOSFODNN7EXAMPLQ", gh = "ghp_R8x2Lq7Vn4Tz9Kc1Wm5Yb3Hd6Jf0Ps2Ga8Ue";
  std::string doc;
  while (doc.size() < 5 * EngineScrub::kPartMin)
    doc += "2026-01-01T00:00:00Z INFO served /v1/items in 12ms status=200 bytes=5123\n";
  // The cuts scrub makes for 4 and 5 threads, with a secret straddling each.
  size_t planted = 0;
  for (uint64_t parts : {4, 5}) {
    for (uint64_t k = 1; k < parts; ++k) {
      uint64_t at = doc.size() / parts * k;
      doc.replace(at - 10, key.size() + 2, " " + key + " ");
      doc.replace(at + 200, gh.size() + 2, " " + gh + " ");
      planted += 2;
    }
  }
  const Result want = whole(*engine_, Style::kLabel, doc, 1);
  EXPECT_EQ(want.findings.size(), planted);
  EXPECT_EQ(want.out.find(key), std::string::npos);
  EXPECT_EQ(want.out.find(gh), std::string::npos);
  for (unsigned threads : {2u, 4u, 5u, 64u}) expect_same(whole(*engine_, Style::kLabel, doc, threads), want, "threads");
  // Under two parts' worth, one thread scans all: same result, no split to observe, but
  // nothing breaks at the edge.
  std::string small = doc.substr(0, 2 * EngineScrub::kPartMin - 1);
  expect_same(whole(*engine_, Style::kLabel, small, 8), whole(*engine_, Style::kLabel, small, 1), "small");
}

TEST_F(PartsTest, RejectsCutsOutsideTheInput) {
  const std::string doc = "abc " + std::string(100, 'x');
  std::string buf(engine_->bound(Style::kLabel, doc.size()), '\0');
  for (const std::vector<uint64_t> &cuts : std::vector<std::vector<uint64_t>>{{0}, {doc.size()}, {5, 5}, {9, 4}}) {
    Sink sink{buf.data(), buf.size(), 0};
    EXPECT_THROW(engine_->scrub_parts(Style::kLabel, doc, &sink, nullptr, cuts, 2), Error);
  }
}

}  // namespace
}  // namespace ag::scrub
