// ag_engine_new with policies: defaults, overrides, default prices, error text.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "agentguard.h"

namespace {

struct Engine {
  ag_engine *e = nullptr;
  ag_status status = AG_OK;
  char err[4096] = {0};
  explicit Engine(std::string_view policy) {
    status = ag_engine_new(policy.data(), policy.size(), &e, err, sizeof err);
  }
  ~Engine() { ag_engine_free(e); }
};

int64_t price(ag_engine *e, std::string_view model, uint64_t in, uint64_t out) {
  ag_usage u{};
  u.struct_size = sizeof u;
  u.input_tokens = in;
  u.output_tokens = out;
  int64_t c = -1;
  EXPECT_EQ(ag_engine_price(e, model.data(), model.size(), &u, &c), AG_OK) << model;
  return c;
}

TEST(EnginePolicy, NullPolicyIsAUsefulDefault) {
  ag_engine *e = nullptr;
  char err[64] = "untouched";
  ASSERT_EQ(ag_engine_new(nullptr, 0, &e, err, sizeof err), AG_OK);
  EXPECT_STREQ(err, "");
  EXPECT_EQ(price(e, "claude-sonnet-4-20250514", 100000, 0), 300'000'000);
  ag_engine_free(e);
}

TEST(EnginePolicy, PolicyPricesOverrideAndExtend) {
  Engine g(R"({"version": 1, "pricing": {
      "models": {"acme-large": {"input_mtok": 1, "output_mtok": 4},
                 "gpt-4o": {"input_mtok": 0.5, "output_mtok": 0.5}},
      "default": {"input_mtok": 10, "output_mtok": 30}}})");
  ASSERT_EQ(g.status, AG_OK) << g.err;
  EXPECT_EQ(price(g.e, "acme-large", 1000000, 1000000), 5'000'000'000);
  EXPECT_EQ(price(g.e, "openai/gpt-4o-2024-11-20", 1000000, 0), 500'000'000);
  EXPECT_EQ(price(g.e, "never-heard-of-it", 1000000, 0), 10'000'000'000);
}

TEST(EnginePolicy, ErrorsReachTheErrbufWithEveryLine) {
  Engine g(R"({"budgets": {"run": {"usd": -1}}, "scrub": {"style": "x"}, "nope": 1})");
  EXPECT_EQ(g.status, AG_E_POLICY);
  EXPECT_EQ(g.e, nullptr);
  EXPECT_STREQ(g.err,
               "budgets.run.usd: must be a non-negative number\n"
               "scrub.style: must be one of \"label\", \"mask\", \"hash\", \"detect\"\n"
               "nope: unknown key");
}

TEST(EnginePolicy, ErrbufTruncatesSafely) {
  std::string doc = R"({"budgets": {"run": {"usd": -1}}})";
  ag_engine *e = nullptr;
  char small[8];
  std::memset(small, 'x', sizeof small);
  EXPECT_EQ(ag_engine_new(doc.data(), doc.size(), &e, small, sizeof small), AG_E_POLICY);
  EXPECT_STREQ(small, "budgets");
  EXPECT_EQ(ag_engine_new(doc.data(), doc.size(), &e, nullptr, 0), AG_E_POLICY);
}

TEST(EnginePolicy, MissingPriceFileIsReported) {
  Engine g(R"({"pricing": {"file": "/nonexistent/agentguard-prices.json"}})");
  EXPECT_NE(g.status, AG_OK);
  EXPECT_NE(std::strstr(g.err, "pricing.file"), nullptr) << g.err;
  EXPECT_NE(std::strstr(g.err, "/nonexistent/agentguard-prices.json"), nullptr) << g.err;
}

TEST(EnginePolicy, BadArguments) {
  ag_engine *e = nullptr;
  EXPECT_EQ(ag_engine_new("{}", 2, nullptr, nullptr, 0), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_engine_new(nullptr, 5, &e, nullptr, 0), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_engine_new("", 0, &e, nullptr, 0), AG_E_PARSE);  // empty text is not "no policy"
  std::string nul("{\"a\0\": 1}", 9);
  ag_status s = ag_engine_new(nul.data(), nul.size(), &e, nullptr, 0);  // NUL is data, never an end
  EXPECT_TRUE(s == AG_E_POLICY || s == AG_E_PARSE) << s;
  EXPECT_EQ(e, nullptr);
}

}  // namespace
