// Model name normalisation against the built-in table.
#include <gtest/gtest.h>

#include "budget/model_name.h"
#include "budget/pricing.h"

namespace {

std::string canonical(std::string_view model) {
  static const ag::PriceTable table = ag::PriceTable::builtin();
  std::string name;
  const ag::ModelPrice *p = table.find(model, &name);
  return p ? name : "<unknown>";
}

TEST(ModelName, OpenAi) {
  EXPECT_EQ(canonical("gpt-4o"), "gpt-4o");
  EXPECT_EQ(canonical("gpt-4o-2024-08-06"), "gpt-4o");
  EXPECT_EQ(canonical("gpt-4o-2024-05-13"), "gpt-4o-2024-05-13");  // priced on its own
  EXPECT_EQ(canonical("GPT-4o"), "gpt-4o");
  EXPECT_EQ(canonical("openai/gpt-4o"), "gpt-4o");
  EXPECT_EQ(canonical("  gpt-4o\n"), "gpt-4o");
  EXPECT_EQ(canonical("gpt-4o-mini"), "gpt-4o-mini");
  EXPECT_EQ(canonical("gpt-4o-mini-2024-07-18"), "gpt-4o-mini");
  EXPECT_EQ(canonical("gpt-4.1-nano-2025-04-14"), "gpt-4.1-nano");
  EXPECT_EQ(canonical("o1-2024-12-17"), "o1");
  EXPECT_EQ(canonical("o3-mini-2025-01-31"), "o3-mini");
  EXPECT_EQ(canonical("gpt-4-0613"), "gpt-4");
  EXPECT_EQ(canonical("gpt-4-1106-preview"), "gpt-4-turbo");
  EXPECT_EQ(canonical("gpt-3.5-turbo-0125"), "gpt-3.5-turbo");
  EXPECT_EQ(canonical("gpt-5-mini-2025-08-07"), "gpt-5-mini");
}

TEST(ModelName, Anthropic) {
  EXPECT_EQ(canonical("claude-3-5-sonnet-20241022"), "claude-3-5-sonnet");
  EXPECT_EQ(canonical("claude-3-5-sonnet-latest"), "claude-3-5-sonnet");
  EXPECT_EQ(canonical("anthropic/claude-3.5-sonnet"), "claude-3-5-sonnet");
  EXPECT_EQ(canonical("claude-3-5-sonnet-v2@20241022"), "claude-3-5-sonnet");
  EXPECT_EQ(canonical("anthropic.claude-3-5-sonnet-20241022-v2:0"), "claude-3-5-sonnet");
  EXPECT_EQ(canonical("us.anthropic.claude-sonnet-4-20250514-v1:0"), "claude-sonnet-4");
  EXPECT_EQ(canonical("claude-sonnet-4-5-20250929"), "claude-sonnet-4-5");
  EXPECT_EQ(canonical("claude-opus-4-1-20250805"), "claude-opus-4-1");
  EXPECT_EQ(canonical("claude-sonnet-4-0"), "claude-sonnet-4");
  EXPECT_EQ(canonical("claude-3-haiku-20240307"), "claude-3-haiku");
  EXPECT_EQ(canonical("claude-haiku-4-5"), "claude-haiku-4-5");
}

TEST(ModelName, Google) {
  EXPECT_EQ(canonical("models/gemini-2.5-pro"), "gemini-2.5-pro");
  EXPECT_EQ(canonical("gemini-2.5-flash-preview-05-20"), "gemini-2.5-flash");
  EXPECT_EQ(canonical("gemini-2.5-flash-lite-preview-06-17"), "gemini-2.5-flash-lite");
  EXPECT_EQ(canonical("gemini-2.0-flash-001"), "gemini-2.0-flash");
  EXPECT_EQ(canonical("vertex_ai/gemini-1.5-pro-002"), "gemini-1.5-pro");
  EXPECT_EQ(canonical("gemini-1.5-flash-latest"), "gemini-1.5-flash");
  EXPECT_EQ(canonical("gemini-3-pro-preview"), "gemini-3-pro");
}

TEST(ModelName, OpenModels) {
  EXPECT_EQ(canonical("meta-llama/Llama-3.3-70B-Instruct-Turbo"), "llama-3.3-70b");
  EXPECT_EQ(canonical("llama-3.1-8b-instant"), "llama-3.1-8b");
  EXPECT_EQ(canonical("deepseek-chat"), "deepseek-chat");
  EXPECT_EQ(canonical("deepseek-ai/DeepSeek-R1"), "deepseek-r1");
  EXPECT_EQ(canonical("mistral-large-latest"), "mistral-large");
  EXPECT_EQ(canonical("mistral-large-2411"), "mistral-large");
}

TEST(ModelName, NeverCrossesFamilies) {
  // Family words are never stripped: these must not fall back to a shorter model.
  EXPECT_EQ(canonical("gpt-4o-audio-preview"), "<unknown>");
  EXPECT_EQ(canonical("gpt-4o-mini-foo"), "<unknown>");
  EXPECT_EQ(canonical("o1-ultra"), "<unknown>");
  EXPECT_EQ(canonical("gemini-2.5-flash-ultra"), "<unknown>");
  EXPECT_EQ(canonical("claude-3-5-sonnet-extended"), "<unknown>");
  EXPECT_EQ(canonical("totally-unknown-model"), "<unknown>");
  EXPECT_EQ(canonical(""), "<unknown>");
  EXPECT_EQ(canonical("/"), "<unknown>");
  EXPECT_EQ(canonical("@@@::--"), "<unknown>");
}

TEST(ModelName, CandidatesGoFromSpecificToGeneral) {
  std::vector<std::string> c = ag::model_name_candidates("openai/gpt-4o-2024-08-06");
  ASSERT_GE(c.size(), 3u);
  EXPECT_EQ(c.front(), "openai/gpt-4o-2024-08-06");
  EXPECT_EQ(c[1], "gpt-4o-2024-08-06");
  EXPECT_EQ(c.back(), "gpt-4o");
}

TEST(PriceTable, OverridesWin) {
  ag::PriceTable t = ag::PriceTable::builtin();
  ag::ModelPrice mine;
  mine.input = 1;
  mine.output = 2;
  t.set("GPT-4o", mine);
  std::string name;
  const ag::ModelPrice *p = t.find("openai/gpt-4o-2024-08-06", &name);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->input, 1);
  EXPECT_EQ(name, "gpt-4o");
  // An exact name wins over its family.
  ag::ModelPrice snapshot;
  snapshot.input = 7;
  snapshot.output = 7;
  t.set("claude-3-5-sonnet-20241022", snapshot);
  EXPECT_EQ(t.find("claude-3-5-sonnet-20241022")->input, 7);
  EXPECT_EQ(t.find("claude-3-5-sonnet-20240620")->input, ag::usd("3"));
  // A model set under an alias's name replaces the alias.
  t.set("claude-sonnet-4-0", snapshot);
  EXPECT_EQ(t.find("claude-sonnet-4-0")->input, 7);
}

TEST(PriceTable, DefaultPriceCatchesTheRest) {
  ag::PriceTable t = ag::PriceTable::builtin();
  EXPECT_EQ(t.find("acme-large"), nullptr);
  ag::ModelPrice d;
  d.input = 10;
  d.output = 30;
  t.set_default(d);
  std::string name;
  ASSERT_NE(t.find("acme-large", &name), nullptr);
  EXPECT_EQ(name, "default");
  EXPECT_EQ(t.find("gpt-4o")->input, ag::usd("2.5"));  // known models keep their price
}

}  // namespace
