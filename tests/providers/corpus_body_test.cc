// Every success body of the shared corpus, parsed with auto-detection and with its provider
// named, against values read off each file by hand.
#include "helpers.h"

using provtest::Call;
using provtest::parse;
using provtest::Result;

namespace {

// Parses with AUTO and with the explicit provider; both must agree.
Result parse_both(const std::string &body, int32_t provider) {
  Result a = parse(AG_PROVIDER_AUTO, body);
  Result b = parse(provider, body);
  provtest::expect_same(a, b);
  EXPECT_EQ(a.provider, provider);
  return a;
}

}  // namespace

TEST(CorpusBody, OpenAIChatText) {
  std::string body;
  READ_CORPUS_OR_SKIP("openai_chat_text.json", body);
  Result r = parse_both(body, AG_PROVIDER_OPENAI_CHAT);
  EXPECT_EQ(r.model, "gpt-4o-2024-08-06");
  EXPECT_EQ(r.id, "chatcmpl-ABfvaueLEMLNYbT8YzpJxsmiQ6HSY");
  EXPECT_USAGE(r.usage, 14, 0, 0, 37, 0);
  EXPECT_EQ(r.finish, AG_FINISH_STOP);
  EXPECT_EQ(r.finish_raw, "stop");
  EXPECT_EQ(r.text.rfind("I'm unable to provide real-time weather updates.", 0), 0u);
  EXPECT_TRUE(r.calls.empty());
  EXPECT_FALSE(r.truncated);
}

TEST(CorpusBody, OpenAIChatToolCall) {
  std::string body;
  READ_CORPUS_OR_SKIP("openai_chat_tool_call.json", body);
  Result r = parse_both(body, AG_PROVIDER_OPENAI_CHAT);
  EXPECT_USAGE(r.usage, 76, 0, 0, 24, 0);
  EXPECT_EQ(r.finish, AG_FINISH_TOOL_CALLS);
  EXPECT_EQ(r.text, "");
  ASSERT_EQ(r.calls.size(), 1u);
  EXPECT_EQ(r.calls[0], (Call{"call_Y6qJ7ofLgOrBnMD5WbVAeiRV", "GetWeatherArgs",
                              R"({"city":"Edinburgh","country":"UK","units":"c"})"}));
}

TEST(CorpusBody, OpenAIChatParallelToolCalls) {
  std::string body;
  READ_CORPUS_OR_SKIP("openai_chat_parallel_tool_calls.json", body);
  Result r = parse_both(body, AG_PROVIDER_OPENAI_CHAT);
  EXPECT_USAGE(r.usage, 149, 0, 0, 60, 0);
  ASSERT_EQ(r.calls.size(), 2u);
  EXPECT_EQ(r.calls[0], (Call{"call_fdNz3vOBKYgOIpMdWotB9MjY", "GetWeatherArgs",
                              R"({"city": "Edinburgh", "country": "GB", "units": "c"})"}));
  EXPECT_EQ(r.calls[1], (Call{"call_h1DWI1POMJLb0KwIyQHWXD4p", "get_stock_price",
                              R"({"ticker": "AAPL", "exchange": "NASDAQ"})"}));
}

TEST(CorpusBody, OpenAIChatReasoning) {
  std::string body;
  READ_CORPUS_OR_SKIP("openai_chat_reasoning_o3mini.json", body);
  Result r = parse_both(body, AG_PROVIDER_OPENAI_CHAT);
  EXPECT_EQ(r.model, "o3-mini-2025-01-31");
  EXPECT_USAGE(r.usage, 7, 0, 0, 87, 64);
  EXPECT_EQ(r.text, "Hello there! How can I help you today?");
  EXPECT_EQ(r.finish, AG_FINISH_STOP);
}

TEST(CorpusBody, OpenAIResponsesText) {
  std::string body;
  READ_CORPUS_OR_SKIP("openai_responses_text.json", body);
  Result r = parse_both(body, AG_PROVIDER_OPENAI_RESPONSES);
  EXPECT_EQ(r.model, "gpt-4o-mini-2024-07-18");
  EXPECT_EQ(r.id, "resp_689a0b2545288193953c892439b42e2800b2e36c65a1fd4b");
  EXPECT_USAGE(r.usage, 14, 0, 0, 50, 0);
  EXPECT_EQ(r.finish, AG_FINISH_STOP);
  EXPECT_EQ(r.finish_raw, "completed");
  EXPECT_EQ(r.text.rfind("I can't provide real-time updates", 0), 0u);
  EXPECT_NE(r.text.find("prepared for variable weather!"), std::string::npos);
}

TEST(CorpusBody, OpenAIResponsesFunctionCall) {
  std::string body;
  READ_CORPUS_OR_SKIP("openai_responses_function_call.json", body);
  Result r = parse_both(body, AG_PROVIDER_OPENAI_RESPONSES);
  EXPECT_EQ(r.model, "gpt-4o-2024-08-06");
  EXPECT_USAGE(r.usage, 40, 0, 0, 18, 0);
  EXPECT_EQ(r.finish, AG_FINISH_TOOL_CALLS);
  EXPECT_EQ(r.finish_raw, "completed");
  ASSERT_EQ(r.calls.size(), 1u);
  EXPECT_EQ(r.calls[0],
            (Call{"call_YfwRsW8sUxDKipwyhWTzOXCA", "get_capital", R"({"country":"PotatoLand"})"}));
}

TEST(CorpusBody, AnthropicText) {
  std::string body;
  READ_CORPUS_OR_SKIP("anthropic_messages_text.json", body);
  Result r = parse_both(body, AG_PROVIDER_ANTHROPIC);
  EXPECT_EQ(r.model, "claude-haiku-4-5-20251001");
  EXPECT_EQ(r.id, "msg_01BZsMQjer9AFLgmdRKJ8NcA");
  EXPECT_USAGE(r.usage, 770, 0, 0, 25, 0);
  EXPECT_EQ(r.finish, AG_FINISH_STOP);
  EXPECT_EQ(r.finish_raw, "end_turn");
  EXPECT_EQ(r.text, "The weather in San Francisco, CA is currently **Sunny** with a temperature "
                    "of **68\xC2\xB0" "F**.");
}

TEST(CorpusBody, AnthropicToolUse) {
  std::string body;
  READ_CORPUS_OR_SKIP("anthropic_messages_tool_use.json", body);
  Result r = parse_both(body, AG_PROVIDER_ANTHROPIC);
  EXPECT_USAGE(r.usage, 656, 0, 0, 74, 0);
  EXPECT_EQ(r.finish, AG_FINISH_TOOL_CALLS);
  EXPECT_EQ(r.finish_raw, "tool_use");
  ASSERT_EQ(r.calls.size(), 1u);
  EXPECT_EQ(r.calls[0], (Call{"toolu_011bpynHqFZ9P4u5rSaXsTJQ", "get_weather",
                              R"({"location":"San Francisco, CA","units":"f"})"}));
}

TEST(CorpusBody, AnthropicCacheReadWrite) {
  std::string body;
  READ_CORPUS_OR_SKIP("anthropic_messages_cache_read_write.json", body);
  Result r = parse_both(body, AG_PROVIDER_ANTHROPIC);
  EXPECT_EQ(r.model, "claude-sonnet-4-5-20250929");
  // input_tokens 3 excludes the cache: 3 + 1111 read + 418 written.
  EXPECT_USAGE(r.usage, 1532, 1111, 418, 33, 0);
  EXPECT_EQ(r.usage.cache_write_1h_tokens, 0u);
}

TEST(CorpusBody, AnthropicServerToolUseIsNotAHostCall) {
  std::string body;
  READ_CORPUS_OR_SKIP("anthropic_messages_server_tool_use.json", body);
  Result r = parse_both(body, AG_PROVIDER_ANTHROPIC);
  EXPECT_EQ(r.model, "claude-opus-4-5-20251101");
  EXPECT_USAGE(r.usage, 3182, 0, 0, 237, 0);
  EXPECT_EQ(r.text, "I'll check the weather for all three cities in Celsius simultaneously.");
  ASSERT_EQ(r.calls.size(), 1u);
  EXPECT_EQ(r.calls[0], (Call{"toolu_011MDRpaZRMRRjtFkJizD6nS", "get_weather",
                              R"({"location":"San Francisco, CA","units":"c"})"}));
}

TEST(CorpusBody, GeminiCachedThinking) {
  std::string body;
  READ_CORPUS_OR_SKIP("gemini_generate_content_cached_thinking.json", body);
  Result r = parse_both(body, AG_PROVIDER_GEMINI);
  EXPECT_EQ(r.model, "gemini-2.5-flash");
  EXPECT_EQ(r.id, "hS77aOmpFb66vr0P9ruBiQM");
  // candidates 238 exclude thoughts 41.
  EXPECT_USAGE(r.usage, 5, 3, 0, 279, 41);
  EXPECT_EQ(r.finish, AG_FINISH_STOP);
  EXPECT_EQ(r.text.rfind("{\n  \"simpleString\": \"example\",", 0), 0u);
}

TEST(CorpusBody, GeminiFunctionCall) {
  std::string body;
  READ_CORPUS_OR_SKIP("gemini_generate_content_function_call.json", body);
  Result r = parse_both(body, AG_PROVIDER_GEMINI);
  EXPECT_EQ(r.model, "gemini-2.0-flash");
  EXPECT_USAGE(r.usage, 21, 0, 0, 6, 0);
  EXPECT_EQ(r.finish, AG_FINISH_TOOL_CALLS);
  EXPECT_EQ(r.finish_raw, "STOP");
  ASSERT_EQ(r.calls.size(), 1u);
  EXPECT_EQ(r.calls[0], (Call{"call_x9SfaLCQBs7shMIP2Mei0AI_0_customDivide", "customDivide",
                              R"({"denominator":2,"numerator":100})"}));
}
