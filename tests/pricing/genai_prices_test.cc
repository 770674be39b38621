// The genai-prices v2 loader: inline documents for each rule, then the real feed.
#include <gtest/gtest.h>

#include <filesystem>

#include "budget/pricing.h"
#include "core/status.h"

namespace {

constexpr std::string_view kFeed = R"([
 {"id": "router", "models": [
   {"id": "acme-1", "match": {"equals": "acme-1"}, "prices": {"input_mtok": 9, "output_mtok": 9}}]},
 {"id": "acme", "model_match": {"contains": "acme"}, "models": [
   {"id": "acme-1", "name": "Acme One",
    "match": {"or": [{"equals": "acme-one"}, {"starts_with": "acme-1-"}, {"regex": "^acme"},
                     {"and": [{"equals": "never-registered"}]}]},
    "prices": {"input_mtok": 0.075, "cache_read_mtok": 0.0075, "input_audio_mtok": 5,
               "output_mtok": {"base": 1, "tiers": [{"start": 1000, "price": 2}]},
               "web_searches_kcount": 10}},
   {"id": "acme-embed", "match": {"equals": "acme-embed"}, "prices": {"input_mtok": 0.02}},
   {"id": "acme-req", "match": {"equals": "acme-req"},
    "prices": {"input_mtok": 1, "output_mtok": 1, "requests_kcount": 5}},
   {"id": "acme-tiers", "match": {"equals": "acme-tiers"},
    "prices": {"input_mtok": {"base": 1, "tiers": [{"start": 10, "price": 2}, {"start": 20, "price": 3}]}}},
   {"id": "acme-mixed", "match": {"equals": "acme-mixed"},
    "prices": {"input_mtok": {"base": 1, "tiers": [{"start": 10, "price": 2}]},
               "output_mtok": {"base": 1, "tiers": [{"start": 20, "price": 2}]}}},
   {"id": "acme-dated", "match": {"equals": "acme-dated"},
    "prices": [{"prices": {"input_mtok": 1, "output_mtok": 2}},
               {"constraint": {"start_date": "2025-06-01"}, "prices": {"input_mtok": 3, "output_mtok": 4}}]},
   {"id": "acme-offpeak", "match": {"equals": "acme-offpeak"},
    "prices": [{"prices": {"input_mtok": 1, "output_mtok": 2}},
               {"constraint": {"start_time": "00:30:00Z", "end_time": "16:30:00Z"},
                "prices": {"input_mtok": 2, "output_mtok": 4}}]},
   {"id": "acme-bad", "match": {"equals": "acme-bad"}, "prices": {"input_mtok": -1}},
   {"id": "acme-string", "match": {"equals": "acme-string"}, "prices": {"input_mtok": "1"}}
 ]}
])";

TEST(GenaiPrices, TakesTextPricesAndSkipsWhatItCannotRepresent) {
  ag::PriceTable t;
  ag::PriceLoadStats s = t.load_genai_prices_json(kFeed, "2025-05-31");
  EXPECT_EQ(s.models, 3u);   // acme-1, acme-embed, acme-dated
  EXPECT_EQ(s.skipped, 6u);  // req, tiers, mixed, offpeak, bad, string

  std::string name;
  const ag::ModelPrice *p = t.find("acme-1", &name);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(name, "acme-1");
  EXPECT_EQ(p->provider, "acme");  // the first-party provider wins over the router
  EXPECT_EQ(p->input, 75'000'000);
  EXPECT_EQ(p->cache_read, 7'500'000);
  EXPECT_EQ(p->output, 1'000'000'000);
  EXPECT_EQ(p->tier_threshold, 1000u);
  EXPECT_EQ(p->output_above, 2'000'000'000);
  EXPECT_EQ(p->input_above, -1);

  ASSERT_NE(t.find("ACME-ONE"), nullptr);                     // equals rule
  EXPECT_EQ(t.find("acme-1-beta", &name)->input, 75'000'000);  // starts_with rule
  EXPECT_EQ(name, "acme-1");
  EXPECT_EQ(t.find("never-registered"), nullptr);  // inside "and": not used
  EXPECT_EQ(t.find("acme-embed")->output, 0);      // a missing price costs nothing
  EXPECT_EQ(t.find("acme-req"), nullptr);
  EXPECT_EQ(t.find("acme-offpeak"), nullptr);
  EXPECT_EQ(t.find("acme-dated")->input, ag::usd("1"));
}

TEST(GenaiPrices, DatedPricesFollowToday) {
  ag::PriceTable t;
  t.load_genai_prices_json(kFeed, "2025-06-01");
  EXPECT_EQ(t.find("acme-dated")->input, ag::usd("3"));
  EXPECT_EQ(t.find("acme-dated")->output, ag::usd("4"));
}

TEST(GenaiPrices, ReplacesBuiltInEntries) {
  ag::PriceTable t = ag::PriceTable::builtin();
  t.load_genai_prices_json(
      R"([{"id":"openai","model_match":{"starts_with":"gpt"},"models":[
          {"id":"gpt-4o","match":{"equals":"gpt-4o"},"prices":{"input_mtok":3,"output_mtok":11}}]}])");
  EXPECT_EQ(t.find("gpt-4o-2024-08-06")->input, ag::usd("3"));
  EXPECT_EQ(t.find("gpt-4o-mini")->input, ag::usd("0.15"));  // untouched
}

ag_status load_status(std::string_view json) {
  ag::PriceTable t;
  try {
    t.load_genai_prices_json(json);
  } catch (const ag::Error &e) {
    return e.status();
  }
  return AG_OK;
}

TEST(GenaiPrices, MalformedDocuments) {
  EXPECT_EQ(load_status("[]"), AG_OK);
  EXPECT_EQ(load_status(""), AG_E_PARSE);
  EXPECT_EQ(load_status("{}"), AG_E_PARSE);
  EXPECT_EQ(load_status("[{\"id\": \"x\", \"models\": 3}]"), AG_E_PARSE);
  EXPECT_EQ(load_status("[{\"id\": \"x\", \"models\": [}"), AG_E_PARSE);
  EXPECT_EQ(load_status("[] []"), AG_E_PARSE);
  EXPECT_EQ(load_status("[\"\xff\"]"), AG_E_PARSE);
}

TEST(GenaiPrices, MissingFileIsAnIoError) {
  ag::PriceTable t;
  try {
    t.load_genai_prices_file("/nonexistent/prices.json");
    FAIL() << "expected an error";
  } catch (const ag::Error &e) {
    EXPECT_EQ(e.status(), AG_E_IO);
    EXPECT_NE(std::string(e.what()).find("/nonexistent/prices.json"), std::string::npos);
  }
}

TEST(GenaiPrices, LoadsTheRealFeed) {
  std::string path = AG_SHARED_DIR "/data/prices/genai-prices_v2_data.json";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared price feed not found at " << path;
  ag::PriceTable t = ag::PriceTable::builtin();
  ag::PriceLoadStats s = t.load_genai_prices_file(path, "2026-01-01");
  EXPECT_GT(s.models, 1000u);
  EXPECT_GT(s.skipped, 0u);

  const ag::ModelPrice *gpt4o = t.find("gpt-4o-2024-08-06");
  ASSERT_NE(gpt4o, nullptr);
  EXPECT_EQ(gpt4o->input, ag::usd("2.5"));
  EXPECT_EQ(gpt4o->cache_read, ag::usd("1.25"));
  EXPECT_EQ(gpt4o->output, ag::usd("10"));

  const ag::ModelPrice *haiku = t.find("claude-3-5-haiku-latest");
  ASSERT_NE(haiku, nullptr);
  EXPECT_EQ(haiku->provider, "anthropic");
  EXPECT_EQ(haiku->input, ag::usd("0.8"));
  EXPECT_EQ(haiku->cache_write_5m, ag::usd("1"));
  EXPECT_EQ(haiku->cache_write_1h, ag::usd("1.6"));
  EXPECT_EQ(t.find("claude-3-5-haiku-20241022")->input, ag::usd("0.8"));

  const ag::ModelPrice *pro = t.find("gemini-2.5-pro");
  ASSERT_NE(pro, nullptr);
  EXPECT_EQ(pro->tier_threshold, 200000u);
  EXPECT_EQ(pro->input_above, ag::usd("2.5"));
  EXPECT_EQ(pro->output_above, ag::usd("15"));

  const ag::ModelPrice *o3 = t.find("o3");  // a dated list: the June 2025 price
  ASSERT_NE(o3, nullptr);
  EXPECT_EQ(o3->input, ag::usd("2"));
  EXPECT_EQ(o3->output, ag::usd("8"));
}

}  // namespace
