// Every SSE stream of the shared corpus: expected values, and the same result for every
// chunking (whole, 1 byte, random sizes), with text taken incrementally equal to the text.
#include "helpers.h"

using provtest::Call;
using provtest::Result;
using provtest::StreamOutcome;

namespace {

// Runs the stream under every chunking; all must agree. Returns the whole-chunk outcome.
StreamOutcome run_all(const std::string &sse, int32_t provider) {
  StreamOutcome first;
  bool have_first = false;
  for (int32_t p : {int32_t{AG_PROVIDER_AUTO}, provider}) {
    for (const auto &chunks : provtest::chunkings()) {
      StreamOutcome o = provtest::run_stream(p, sse, chunks);
      EXPECT_EQ(o.write_status, AG_OK) << o.error;
      EXPECT_EQ(o.finish_status, AG_OK) << o.error;
      EXPECT_EQ(o.taken_text, o.result.text);
      if (!have_first) {
        first = o;
        have_first = true;
      } else {
        provtest::expect_same(o.result, first.result);
      }
    }
  }
  EXPECT_EQ(first.result.provider, provider);
  EXPECT_FALSE(first.result.truncated);
  return first;
}

}  // namespace

TEST(CorpusStream, AnthropicTextWithoutFinalBlankLine) {
  std::string sse;
  READ_CORPUS_OR_SKIP("anthropic_messages_text_stream.sse", sse);
  Result r = run_all(sse, AG_PROVIDER_ANTHROPIC).result;
  EXPECT_EQ(r.model, "claude-3-opus-latest");
  EXPECT_EQ(r.id, "msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK");
  EXPECT_USAGE(r.usage, 11, 0, 0, 6, 0);
  EXPECT_EQ(r.text, "Hello there!");
  EXPECT_EQ(r.finish, AG_FINISH_STOP);
  EXPECT_EQ(r.finish_raw, "end_turn");
}

TEST(CorpusStream, AnthropicToolUse) {
  std::string sse;
  READ_CORPUS_OR_SKIP("anthropic_messages_tool_use_stream.sse", sse);
  Result r = run_all(sse, AG_PROVIDER_ANTHROPIC).result;
  EXPECT_EQ(r.model, "claude-sonnet-4-20250514");
  EXPECT_USAGE(r.usage, 377, 0, 0, 65, 0);
  EXPECT_EQ(r.text, "I'll check the current weather in Paris for you.");
  EXPECT_EQ(r.finish, AG_FINISH_TOOL_CALLS);
  ASSERT_EQ(r.calls.size(), 1u);
  EXPECT_EQ(r.calls[0], (Call{"toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather",
                              R"({"location": "Paris"})"}));
}

TEST(CorpusStream, AnthropicRecordedWithPaddingAndRepeatedUsage) {
  std::string sse;
  READ_CORPUS_OR_SKIP("anthropic_messages_tool_use_stream_recorded.sse", sse);
  Result r = run_all(sse, AG_PROVIDER_ANTHROPIC).result;
  EXPECT_EQ(r.model, "claude-haiku-4-5-20251001");
  EXPECT_EQ(r.id, "msg_01AusY9WEbCaj3N7Tv5J4YjH");
  // message_delta repeats input 656 and carries the cumulative output 74 (not 26 + 74).
  EXPECT_USAGE(r.usage, 656, 0, 0, 74, 0);
  EXPECT_EQ(r.text, "");
  ASSERT_EQ(r.calls.size(), 1u);
  EXPECT_EQ(r.calls[0], (Call{"toolu_018acGYLtfR52q9yDbWaEdQZ", "get_weather",
                              R"({"location": "San Francisco, CA", "units": "f"})"}));
}

TEST(CorpusStream, OpenAIChatToolCall) {
  std::string sse;
  READ_CORPUS_OR_SKIP("openai_chat_tool_call_stream.sse", sse);
  Result r = run_all(sse, AG_PROVIDER_OPENAI_CHAT).result;
  EXPECT_EQ(r.id, "chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr");
  EXPECT_EQ(r.model, "gpt-4o-2024-08-06");
  EXPECT_USAGE(r.usage, 76, 0, 0, 24, 0);
  EXPECT_EQ(r.finish, AG_FINISH_TOOL_CALLS);
  ASSERT_EQ(r.calls.size(), 1u);
  EXPECT_EQ(r.calls[0], (Call{"call_c91SqDXlYFuETYv8mUHzz6pp", "GetWeatherArgs",
                              R"({"city":"Edinburgh","country":"UK","units":"c"})"}));
}

TEST(CorpusStream, OpenAIChatParallelToolCalls) {
  std::string sse;
  READ_CORPUS_OR_SKIP("openai_chat_parallel_tool_calls_stream.sse", sse);
  Result r = run_all(sse, AG_PROVIDER_OPENAI_CHAT).result;
  EXPECT_USAGE(r.usage, 149, 0, 0, 60, 0);
  ASSERT_EQ(r.calls.size(), 2u);
  EXPECT_EQ(r.calls[0], (Call{"call_JMW1whyEaYG438VE1OIflxA2", "GetWeatherArgs",
                              R"({"city": "Edinburgh", "country": "GB", "units": "c"})"}));
  EXPECT_EQ(r.calls[1], (Call{"call_DNYTawLBoN8fj3KN6qU9N1Ou", "get_stock_price",
                              R"({"ticker": "AAPL", "exchange": "NASDAQ"})"}));
}

TEST(CorpusStream, OpenAIResponsesFunctionCall) {
  std::string sse;
  READ_CORPUS_OR_SKIP("openai_responses_function_call_stream.sse", sse);
  Result r = run_all(sse, AG_PROVIDER_OPENAI_RESPONSES).result;
  EXPECT_EQ(r.model, "gpt-4o-2024-08-06");
  EXPECT_EQ(r.id, "resp_67e554a155508191900ee113293c4c830794405d35281ae2");
  EXPECT_USAGE(r.usage, 255, 0, 0, 16, 0);
  EXPECT_EQ(r.finish, AG_FINISH_TOOL_CALLS);
  ASSERT_EQ(r.calls.size(), 1u);
  EXPECT_EQ(r.calls[0],
            (Call{"call_kL0PCQV7M2WMoVX8V8OtYSAL", "get_capital", R"({"country":"France"})"}));
}

TEST(CorpusStream, OpenAIResponsesReasoning) {
  std::string sse;
  READ_CORPUS_OR_SKIP("openai_responses_reasoning_stream.sse", sse);
  Result r = run_all(sse, AG_PROVIDER_OPENAI_RESPONSES).result;
  EXPECT_EQ(r.model, "gpt-5-2025-08-07");
  EXPECT_USAGE(r.usage, 53, 0, 0, 469, 448);
  ASSERT_EQ(r.calls.size(), 1u);
  EXPECT_EQ(r.calls[0],
            (Call{"call_CWXgs68YprAjp6t0371hiPOI", "final_result", R"({"result":6666})"}));
}

TEST(CorpusStream, GeminiTextThinkingCumulativeUsage) {
  std::string sse;
  READ_CORPUS_OR_SKIP("gemini_stream_text_thinking.sse", sse);
  Result r = run_all(sse, AG_PROVIDER_GEMINI).result;
  EXPECT_EQ(r.model, "gemini-2.5-flash");
  EXPECT_EQ(r.id, "qS77aMCqBu6mvr0PsJiykAw");
  // The last usageMetadata: candidates 153 + thoughts 45; not a sum over chunks.
  EXPECT_USAGE(r.usage, 7, 0, 0, 198, 45);
  EXPECT_EQ(r.finish, AG_FINISH_LENGTH);
  EXPECT_EQ(r.finish_raw, "MAX_TOKENS");
  EXPECT_EQ(r.text.size(), 655u);
  EXPECT_EQ(r.text.rfind("The sky is blue primarily due to", 0), 0u);
  EXPECT_NE(r.text.find("with these gas molecules and particles."), std::string::npos);
}

TEST(CorpusStream, GeminiFunctionCallThinking) {
  std::string sse;
  READ_CORPUS_OR_SKIP("gemini_stream_function_call_thinking.sse", sse);
  Result r = run_all(sse, AG_PROVIDER_GEMINI).result;
  EXPECT_USAGE(r.usage, 81, 0, 0, 199, 179);
  EXPECT_EQ(r.finish, AG_FINISH_TOOL_CALLS);
  ASSERT_EQ(r.calls.size(), 1u);
  EXPECT_EQ(r.calls[0], (Call{"call_cNSfaL2nLvCez7IPxKGWuAg_0_customDivide", "customDivide",
                              R"({"denominator":2,"numerator":10})"}));
}

TEST(CorpusStream, GeminiVertexPartialArgs) {
  std::string sse;
  READ_CORPUS_OR_SKIP("gemini_vertex_stream_partial_args.sse", sse);
  Result r = run_all(sse, AG_PROVIDER_GEMINI).result;
  EXPECT_EQ(r.model, "gemini-3-pro-preview");
  EXPECT_USAGE(r.usage, 21, 0, 0, 57, 44);
  ASSERT_EQ(r.calls.size(), 1u);
  EXPECT_EQ(r.calls[0].name, "customDivide");
  EXPECT_EQ(r.calls[0].arguments, R"({"denominator":2,"numerator":100})");
}
