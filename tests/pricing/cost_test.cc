// Cost arithmetic: integer nano-USD, 128-bit intermediates, one round-up at the end.
#include <gtest/gtest.h>

#include <cstring>

#include "agentguard.h"
#include "budget/pricing.h"

namespace {

ag_usage usage(uint64_t in, uint64_t cached, uint64_t write, uint64_t out, uint64_t reasoning = 0,
               uint64_t write_1h = 0) {
  ag_usage u{};
  u.struct_size = sizeof u;
  u.input_tokens = in;
  u.cached_input_tokens = cached;
  u.cache_write_tokens = write;
  u.output_tokens = out;
  u.reasoning_tokens = reasoning;
  u.cache_write_1h_tokens = write_1h;
  return u;
}

const ag::ModelPrice &builtin(std::string_view model) {
  static const ag::PriceTable table = ag::PriceTable::builtin();
  const ag::ModelPrice *p = table.find(model);
  if (!p) throw std::runtime_error("no price");
  return *p;
}

int64_t cost(std::string_view model, const ag_usage &u) {
  int64_t c = -1;
  EXPECT_EQ(ag::price_usage(builtin(model), u, &c), AG_OK);
  return c;
}

TEST(Cost, AnthropicCacheReadsAndWrites) {
  // claude-3-5-sonnet: input 3, cache read 0.30, 5m write 3.75, 1h write 6, output 15.
  // 4000 uncached*3 + 4000 read*0.3 + 1500 write*3.75 + 500 write_1h*6 + 1000 out*15
  //   = 12000000 + 1200000 + 5625000 + 3000000 + 15000000 (USD per Mtok * tokens)
  EXPECT_EQ(cost("claude-3-5-sonnet-20241022", usage(10000, 4000, 2000, 1000, 200, 500)),
            36'825'000);
  const ag::ModelPrice &p = builtin("claude-3-5-haiku");  // 0.1x, 1.25x, 2x of 0.80
  EXPECT_EQ(p.cache_read, ag::usd("0.08"));
  EXPECT_EQ(p.cache_write_5m, ag::usd("1"));
  EXPECT_EQ(p.cache_write_1h, ag::usd("1.6"));
}

TEST(Cost, OpenAiCachedInput) {
  // gpt-4o: 600 uncached * 2.5 + 400 cached * 1.25 + 100 out * 10 = 3000 micro-USD.
  EXPECT_EQ(cost("gpt-4o", usage(1000, 400, 0, 100)), 3'000'000);
}

TEST(Cost, ReasoningBilledAsOutputUnlessPricedApart) {
  // o3: 500 output tokens of which 300 reasoning, all at 8 USD/Mtok; 1000 input at 2.
  EXPECT_EQ(cost("o3", usage(1000, 0, 0, 500, 300)), 2'000'000 + 4'000'000);
  ag::ModelPrice p;
  p.input = ag::usd("1");
  p.output = ag::usd("4");
  p.reasoning = ag::usd("10");
  int64_t c = 0;
  ASSERT_EQ(ag::price_usage(p, usage(0, 0, 0, 500, 300), &c), AG_OK);
  EXPECT_EQ(c, 200 * 4000 + 300 * 10000);
}

TEST(Cost, GeminiTierAbove200k) {
  // gemini-2.5-pro: 1.25 / 10 up to 200k prompt tokens, 2.50 / 15 above (whole request).
  EXPECT_EQ(cost("gemini-2.5-pro", usage(200000, 0, 0, 1000)), 250'000'000 + 10'000'000);
  EXPECT_EQ(cost("gemini-2.5-pro", usage(200001, 0, 0, 1000)), 500'002'500 + 15'000'000);
  // Cache reads follow the tier too: 0.125 -> 0.25.
  EXPECT_EQ(cost("gemini-2.5-pro", usage(300000, 100000, 0, 0)),
            200000LL * 2500 + 100000LL * 250);
}

TEST(Cost, AnthropicLongContextTier) {
  // claude-sonnet-4-5 above 200k: input 6, output 22.5, cache read 0.6, 1h write 12.
  EXPECT_EQ(cost("claude-sonnet-4-5", usage(250000, 50000, 1000, 1000, 0, 1000)),
            199000LL * 6000 + 50000LL * 600 + 1000LL * 12000 + 1000LL * 22500);
}

TEST(Cost, RoundsUpOnceAtTheEnd) {
  // gemini-1.5-flash-8b input: 0.0375 USD/Mtok = 37.5 nano-USD per token.
  EXPECT_EQ(cost("gemini-1.5-flash-8b", usage(1, 0, 0, 0)), 38);
  EXPECT_EQ(cost("gemini-1.5-flash-8b", usage(3, 0, 0, 0)), 113);  // not 3 * 38
  EXPECT_EQ(cost("gpt-4o", usage(0, 0, 0, 0)), 0);
}

TEST(Cost, RoundingIsExactOnBothSidesOfThe64BitFastPath) {
  ag::ModelPrice p;
  p.input = 1;  // nano-USD per million tokens: the sum equals the token count
  int64_t c = 0;
  const uint64_t edge = UINT64_MAX - 999999;  // the largest sum divided in 64 bits
  ASSERT_EQ(ag::price_usage(p, usage(edge, 0, 0, 0), &c), AG_OK);
  EXPECT_EQ(c, 18446744073709);  // 18446744073708.55... rounded up
  ASSERT_EQ(ag::price_usage(p, usage(edge + 1, 0, 0, 0), &c), AG_OK);  // the 128-bit path
  EXPECT_EQ(c, 18446744073709);
  ASSERT_EQ(ag::price_usage(p, usage(UINT64_MAX, 0, 0, 0), &c), AG_OK);
  EXPECT_EQ(c, 18446744073710);
  ASSERT_EQ(ag::price_usage(p, usage(1000000, 0, 0, 0), &c), AG_OK);
  EXPECT_EQ(c, 1);
  ASSERT_EQ(ag::price_usage(p, usage(1000001, 0, 0, 0), &c), AG_OK);
  EXPECT_EQ(c, 2);
}

TEST(Cost, PartsExceedingTotalsAreRefused) {
  const ag::ModelPrice &p = builtin("gpt-4o");
  int64_t c = 0;
  EXPECT_EQ(ag::price_usage(p, usage(10, 6, 5, 0), &c), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag::price_usage(p, usage(10, 0, 0, 5, 6), &c), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag::price_usage(p, usage(10, 0, 2, 0, 0, 3), &c), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag::price_usage(p, usage(UINT64_MAX, UINT64_MAX, UINT64_MAX, 0), &c),
            AG_E_INVALID_ARGUMENT);  // the parts' sum must not wrap
}

TEST(Cost, OverflowIsAnErrorNotAWrap) {
  int64_t c = 0;
  EXPECT_EQ(ag::price_usage(builtin("gpt-4"), usage(UINT64_MAX, 0, 0, UINT64_MAX), &c),
            AG_E_INVALID_ARGUMENT);
}

TEST(WorstCase, InputAtUncachedPriceOutputAtHighest) {
  EXPECT_EQ(ag::price_worst_case(builtin("gpt-4o"), 1000, 500), 2'500'000 + 5'000'000);
  ag::ModelPrice p;
  p.input = ag::usd("1");
  p.output = ag::usd("4");
  p.reasoning = ag::usd("10");
  EXPECT_EQ(ag::price_worst_case(p, 0, 100), 1'000'000);
  // Tier chosen by the prompt size.
  EXPECT_EQ(ag::price_worst_case(builtin("gemini-2.5-pro"), 200001, 0), 500'002'500);
  EXPECT_EQ(ag::price_worst_case(builtin("gemini-1.5-flash-8b"), 1, 0), 38);
  EXPECT_EQ(ag::price_worst_case(builtin("gpt-4"), UINT64_MAX, UINT64_MAX), INT64_MAX);
}

TEST(EngineApi, PricesThroughTheCAbi) {
  ag_engine *e = nullptr;
  ASSERT_EQ(ag_engine_new(nullptr, 0, &e, nullptr, 0), AG_OK);
  ag_usage u = usage(1000, 400, 0, 100);
  int64_t c = 0;
  EXPECT_EQ(ag_engine_price(e, "openai/gpt-4o-2024-08-06", 24, &u, &c), AG_OK);
  EXPECT_EQ(c, 3'000'000);

  ag_model_price mp{};
  mp.struct_size = sizeof mp;
  char name[64];
  size_t name_len = 0;
  ASSERT_EQ(ag_engine_model_price(e, "gemini-2.5-pro-preview-06-05", 28, &mp, name, sizeof name,
                                  &name_len),
            AG_OK);
  EXPECT_EQ(std::string(name, name_len), "gemini-2.5-pro");
  EXPECT_EQ(mp.input_per_mtok_nusd, 1'250'000'000);
  EXPECT_EQ(mp.tier_threshold_tokens, 200000u);
  EXPECT_EQ(mp.input_above_per_mtok_nusd, 2'500'000'000);

  EXPECT_EQ(ag_engine_price(e, "acme-unknown-1", 14, &u, &c), AG_E_UNKNOWN_MODEL);
  char msg[256];
  ag_engine_last_error(e, msg, sizeof msg);
  EXPECT_NE(std::strstr(msg, "acme-unknown-1"), nullptr) << msg;
  EXPECT_NE(std::strstr(msg, "no price"), nullptr) << msg;
  ag_engine_free(e);
}

}  // namespace
