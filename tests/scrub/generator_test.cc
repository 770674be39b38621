// The default rules on generated tool outputs: no planted secret leaks, look-alikes
// survive, and streaming in any chunking gives the block output.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>

#include "core/engine.h"
#include "generator.h"
#include "scrub/engine_scrub.h"
#include "test_rules.h"

namespace ag::scrub {
namespace {

bool leaked(const std::string &out, const std::string &secret) {
  if (secret.size() <= 12) return out.find(secret) != std::string::npos;
  for (size_t i = 0; i + 12 <= secret.size(); ++i)
    if (out.find(secret.substr(i, 12)) != std::string::npos) return true;
  return false;
}

class GeneratorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = testing::default_engine();
    if (engine_->rules().empty()) GTEST_SKIP() << "no built-in rules in this build";
  }
  std::shared_ptr<EngineScrub> engine_;
};

// Scrubs a generated corpus with `engine` and checks that no planted secret leaks and that
// fewer than 1% of the look-alikes (UUIDs, digests, versions, timestamps, ...) are damaged.
void check_generated(const EngineScrub &engine, const char *name) {
  testing::Corpus c = testing::generate_corpus(20240501, 400000);
  std::string out = testing::scrub_block(engine, Style::kLabel, c.text);
  size_t leaks = 0, damaged = 0;
  for (const std::string &s : c.secrets) {
    if (leaked(out, s)) {
      if (++leaks <= 20) std::printf("leaked: %s\n", s.c_str());
    }
  }
  for (const std::string &l : c.lookalikes) {
    if (out.find(l) == std::string::npos) {
      if (++damaged <= 20) std::printf("damaged look-alike: %s\n", l.c_str());
    }
  }
  std::printf("generator, %s: %zu secrets, %zu leaked; %zu look-alikes, %zu damaged\n", name,
              c.secrets.size(), leaks, c.lookalikes.size(), damaged);
  ASSERT_GT(c.secrets.size(), 100u);
  EXPECT_EQ(leaks, 0u);
  EXPECT_LT(static_cast<double>(damaged), 0.01 * static_cast<double>(c.lookalikes.size()));
}

TEST_F(GeneratorTest, NoPlantedSecretLeaksAndLookAlikesSurvive) { check_generated(*engine_, "default rules"); }

// The identifier rules take host and user names, not the look-alikes.
TEST_F(GeneratorTest, IdentifierRulesLeaveTheLookAlikes) {
  Policy policy;
  policy.scrub.identifiers = true;
  check_generated(*make_engine_scrub(policy), "scrub.identifiers");
}

TEST_F(GeneratorTest, StreamEqualsBlockForEveryChunking) {
  testing::Corpus c = testing::generate_corpus(7, 60000);
  for (Style style : {Style::kLabel, Style::kHash, Style::kMask}) {
    std::vector<Finding> fb;
    std::string block = testing::scrub_block(*engine_, style, c.text, &fb);
    for (size_t n : {1, 2, 13, 4096}) {
      if (n == 1 && style != Style::kLabel) continue;  // 1-byte chunks once: the slowest
      std::vector<Finding> fs;
      EXPECT_EQ(testing::scrub_chunked(*engine_, style, c.text, {n}, &fs), block) << "chunk " << n;
      EXPECT_EQ(fs.size(), fb.size());
    }
    std::mt19937 rng(11);
    for (int t = 0; t < 5; ++t) {
      std::vector<size_t> sizes;
      for (int i = 0; i < 32; ++i) sizes.push_back(1 + rng() % 700);
      EXPECT_EQ(testing::scrub_chunked(*engine_, style, c.text, sizes), block);
    }
  }
}

TEST_F(GeneratorTest, TestRulesStreamEqualsBlock) {
  EngineScrub own(testing::sample_rules(), Style::kLabel, SipKey{9, 9});
  testing::Corpus c = testing::generate_corpus(3, 40000);
  std::string block = testing::scrub_block(own, Style::kLabel, c.text);
  EXPECT_EQ(testing::scrub_chunked(own, Style::kLabel, c.text, {1}), block);
  EXPECT_EQ(testing::scrub_chunked(own, Style::kLabel, c.text, {3, 1, 250, 17}), block);
}

}  // namespace
}  // namespace ag::scrub
