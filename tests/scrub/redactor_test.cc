// The scrub algorithm on the test suite's own rules: spans, styles, merging, escapes,
// passthrough of arbitrary bytes, and stream output == block output.
#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>
#include <string>

#include "scrub/engine_scrub.h"
#include "test_rules.h"

namespace ag::scrub {
namespace {

using testing::make_rule;
using testing::sample_rules;
using testing::scrub_block;
using testing::scrub_chunked;

const char kAws[] = "AKIAIOSFODNN7EXAMPLE";
const char kSk[] = "sk-abcdefghijklmnopqrstuvwxyz012345";
const char kJwt[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0."
    "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
const char kPem[] =
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA75QWmZlX3cYkI1Zq\nQ2dLx9a0Jm7R8vTnYw"
    "==\n-----END RSA PRIVATE KEY-----";

class RedactorTest : public ::testing::Test {
 protected:
  EngineScrub engine_{sample_rules(), Style::kLabel, SipKey{1, 2}};
  std::string label(std::string_view in, std::vector<Finding> *f = nullptr) {
    return scrub_block(engine_, Style::kLabel, in, f);
  }
};

TEST_F(RedactorTest, ReplacesOnlyTheSecretAndReportsItsOffsets) {
  std::vector<Finding> f;
  std::string in = std::string("key ") + kAws + " done";
  EXPECT_EQ(label(in, &f), "key [REDACTED:test-aws-key] done");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].start, 4u);
  EXPECT_EQ(f[0].end, 24u);
  EXPECT_EQ(engine_.rules()[f[0].rule].id, "test-aws-key");
  EXPECT_EQ(f[0].confidence, Confidence::kHigh);
}

TEST_F(RedactorTest, KeepsThePrefixAndTheConsumedTerminator) {
  EXPECT_EQ(label("password = hunter2hunter2 next"), "password = [REDACTED:test-password] next");
  EXPECT_EQ(label("x=\"password:Zq8#kLp2w\"\n"), "x=\"password:[REDACTED:test-password]\"\n");
}

TEST_F(RedactorTest, FindsASecretAtTheVeryEndOfTheInput) {
  EXPECT_EQ(label(kAws), "[REDACTED:test-aws-key]");
  EXPECT_EQ(label(std::string("a ") + kSk), "a [REDACTED:test-sk]");
  EXPECT_EQ(scrub_chunked(engine_, Style::kLabel, std::string("a ") + kSk, {1}),
            "a [REDACTED:test-sk]");
}

TEST_F(RedactorTest, LeavesCleanTextAndLookAlikesAlone) {
  const std::string clean =
      "commit 9fceb02d0ae598e95dc970b74767f19372d61af8\nuuid 123e4567-e89b-12d3-a456-426614174000\n"
      "card 4111 1111 1111 1112 (bad Luhn)\nAKIA-short AKIAABC\n";
  std::vector<Finding> f;
  EXPECT_EQ(label(clean, &f), clean);
  EXPECT_TRUE(f.empty());
}

TEST_F(RedactorTest, ValidatorsDecide) {
  EXPECT_EQ(label("pay 4111 1111 1111 1111 now"), "pay [REDACTED:test-card] now");
  EXPECT_EQ(label("pay 4111111111111111."), "pay [REDACTED:test-card].");
  EXPECT_EQ(label(std::string("t=") + kJwt + ";"), "t=[REDACTED:test-jwt];");
  std::string fake = "eyJub3RhIjoiand0In0.eyJzdWIiOiIxMjM0In0.abc";  // header lacks "alg"
  EXPECT_EQ(label(fake), fake);
}

TEST_F(RedactorTest, Styles) {
  std::string in = std::string("a ") + kSk + " b " + kSk + " c sk-ZZZZZZZZZZZZZZZZZZZZZZZZ";
  EXPECT_EQ(scrub_block(engine_, Style::kMask, in), "a sk-**** b sk-**** c sk-****");
  std::vector<Finding> f;
  EXPECT_EQ(scrub_block(engine_, Style::kDetect, in, &f), in);
  EXPECT_EQ(f.size(), 3u);

  std::string h = scrub_block(engine_, Style::kHash, in);
  // "[REDACTED:test-sk:" + 12 hex + "]"; the same secret gives the same token.
  size_t p1 = h.find("[REDACTED:test-sk:"), p2 = h.find("[REDACTED:test-sk:", p1 + 1),
         p3 = h.find("[REDACTED:test-sk:", p2 + 1);
  ASSERT_NE(p3, std::string::npos) << h;
  std::string t1 = h.substr(p1, 31), t2 = h.substr(p2, 31), t3 = h.substr(p3, 31);
  EXPECT_EQ(t1.back(), ']');
  EXPECT_EQ(t1, t2);
  EXPECT_NE(t1, t3);
  EngineScrub other(sample_rules(), Style::kHash, SipKey{3, 4});
  EXPECT_NE(scrub_block(other, Style::kHash, in), h) << "a different key, different tokens";
}

TEST_F(RedactorTest, OverlappingMatchesMergeIntoOneRedaction) {
  // The e-mail's local part is itself a password value: the spans overlap.
  std::vector<Finding> f;
  std::string out = label("password=abcdefgh1234@example.com ok", &f);
  EXPECT_EQ(out, "password=[REDACTED:test-password] ok");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].start, 9u);
  EXPECT_EQ(f[0].end, 33u);
}

TEST_F(RedactorTest, AdjacentSecretsStaySeparate) {
  std::vector<Finding> f;
  EXPECT_EQ(label(std::string(kAws) + " " + kAws, &f),
            "[REDACTED:test-aws-key] [REDACTED:test-aws-key]");
  EXPECT_EQ(f.size(), 2u);
}

TEST_F(RedactorTest, MatchesInsideJsonStrings) {
  std::string pem_json;
  for (char c : std::string(kPem)) {
    if (c == '\n') {
      pem_json += "\\n";
    } else if (c == '/') {
      pem_json += "\\/";
    } else {
      pem_json += c;
    }
  }
  std::string doc = "{\"key\": \"" + pem_json + "\", \"n\": 1}";
  EXPECT_EQ(label(doc), "{\"key\": \"[REDACTED:test-pem]\", \"n\": 1}");
  EXPECT_EQ(label(std::string("{\"k\":\"") + kPem + "\"}"), "{\"k\":\"[REDACTED:test-pem]\"}");
}

// A raw rule's candidates come from its JSON-escaped form, whose terminator class also takes
// 't' (for \t): "zqabt" ends such a match. The raw form matches there only if the data ended
// there ($), so text that goes on stays, in every chunking; at the very end it is a match.
TEST(RedactorEscapes, AnEscapedMatchIsNoRawMatchWhereTheDataGoesOn) {
  std::vector<Rule> rules;
  rules.push_back(make_rule("test-zq", "", "zq[a-z]{2,4}", R"re((?:[\s;]|$))re", 16));
  EngineScrub engine(std::move(rules), Style::kLabel, SipKey{1, 2});
  for (const char *keep : {"zqabtxyz;", "id zqabtxyz and more", "zqabtxyzw\n"}) {
    EXPECT_EQ(scrub_block(engine, Style::kLabel, keep), keep);
    EXPECT_EQ(scrub_chunked(engine, Style::kLabel, keep, {1}), keep);
    EXPECT_EQ(scrub_chunked(engine, Style::kLabel, keep, {5}), keep);
  }
  EXPECT_EQ(scrub_block(engine, Style::kLabel, "id zqabt"), "id [REDACTED:test-zq]");
  EXPECT_EQ(scrub_chunked(engine, Style::kLabel, "id zqabt", {5}), "id [REDACTED:test-zq]");
  EXPECT_EQ(scrub_block(engine, Style::kLabel, "id zqabt; zqab\tx"), "id [REDACTED:test-zq]; [REDACTED:test-zq]\tx");
}

TEST_F(RedactorTest, ArbitraryBytesPassThrough) {
  std::string in("\xff\xfe\x00zz ", 6);
  in += kAws;
  in += std::string("\x80\x00\xc3(", 4);
  std::string want("\xff\xfe\x00zz [REDACTED:test-aws-key]\x80\x00\xc3(", 6 + 23 + 4);
  EXPECT_EQ(label(in), want);
  EXPECT_EQ(scrub_chunked(engine_, Style::kLabel, in, {1}), want);
}

TEST_F(RedactorTest, EmptyInputAndEmptyRuleSet) {
  EXPECT_EQ(label(""), "");
  EngineScrub none({}, Style::kLabel, SipKey{});
  EXPECT_EQ(scrub_block(none, Style::kLabel, kAws), kAws);
  EXPECT_EQ(scrub_chunked(none, Style::kLabel, kAws, {3}), kAws);
}

TEST_F(RedactorTest, StreamEqualsBlockForEveryChunking) {
  std::string doc = std::string("env:\nAWS=") + kAws + "\nOPENAI=" + kSk + "\ntoken " + kJwt +
                    "\n" + kPem + "\ncard 4111-1111-1111-1111 mail bob@example.org\n" +
                    "password: Zq8#kLp2wX9\n{\"a\":\"" + kAws + "\\n\"}" + kAws;
  std::string block = label(doc);
  for (size_t n : {1, 2, 3, 5, 7, 16, 64, 1000}) {
    EXPECT_EQ(scrub_chunked(engine_, Style::kLabel, doc, {n}), block) << "chunk " << n;
  }
  std::mt19937 rng(42);
  for (int t = 0; t < 20; ++t) {
    std::vector<size_t> sizes;
    for (int i = 0; i < 16; ++i) sizes.push_back(1 + rng() % 40);
    std::vector<Finding> fb, fs;
    label(doc, &fb);
    EXPECT_EQ(scrub_chunked(engine_, Style::kHash, doc, sizes, &fs),
              scrub_block(engine_, Style::kHash, doc));
    ASSERT_EQ(fs.size(), fb.size());
    for (size_t i = 0; i < fs.size(); ++i) EXPECT_EQ(fs[i].start, fb[i].start);
  }
}

TEST_F(RedactorTest, HoldsBackOnlyABoundedTail) {
  Redactor r(engine_, Style::kLabel);
  auto scratch = engine_.acquire_scratch();
  std::string chunk(100000, 'x'), out(r.bound(chunk.size()), '\0');
  Sink sink{out.data(), out.size(), 0};
  r.write(chunk.data(), chunk.size(), scratch->s, &sink);
  EXPECT_LE(r.held(), engine_.database().max_window() + 64);
  EXPECT_EQ(sink.len + r.held(), chunk.size());
  engine_.release_scratch(std::move(scratch));
}

TEST_F(RedactorTest, HugeInput) {
  std::string doc;
  doc.reserve(8u << 20);
  size_t planted = 0;
  while (doc.size() < (8u << 20)) {
    doc += "2024-05-01T10:00:00Z INFO request served in 12ms path=/v1/items status=200\n";
    if (doc.size() % 7 == 0) {
      doc += std::string("leak ") + kAws + "\n";
      ++planted;
    }
  }
  std::vector<Finding> f;
  std::string out = label(doc, &f);
  EXPECT_EQ(f.size(), planted);
  EXPECT_EQ(out.find(kAws), std::string::npos);
  EXPECT_EQ(scrub_chunked(engine_, Style::kLabel, doc, {4096}), out);
}

TEST_F(RedactorTest, BoundCoversTheWorstCase) {
  // Every byte could start a short secret: many 4-byte "secrets" labelled with long ids.
  EngineScrub tiny({make_rule("a-rather-long-rule-identifier", "", "[0-9]{4}", "(?:[^0-9]|$)", 5)},
                   Style::kLabel, SipKey{});
  std::string in;
  for (int i = 0; i < 200; ++i) in += "1234 ";
  std::string out = scrub_block(tiny, Style::kLabel, in);
  EXPECT_LE(out.size(), tiny.bound(Style::kLabel, in.size()));
  EXPECT_EQ(scrub_chunked(tiny, Style::kLabel, in, {1}), out);
}

}  // namespace
}  // namespace ag::scrub

namespace ag::scrub {
namespace {

TEST(RedactorThreads, OneEngineManyThreads) {
  EngineScrub engine(testing::sample_rules(), Style::kLabel, SipKey{1, 2});
  std::string doc;
  for (int i = 0; i < 200; ++i) doc += "line " + std::to_string(i) + " AKIAIOSFODNN7EXAMPLE x\n";
  const std::string want = testing::scrub_block(engine, Style::kHash, doc);
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        std::string got = (i + t) % 2 ? testing::scrub_block(engine, Style::kHash, doc)
                                       : testing::scrub_chunked(engine, Style::kHash, doc, {97});
        if (got != want) ++mismatches;
      }
    });
  }
  for (auto &th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace ag::scrub
