// Streams the shared corpus lacks, written for these tests (tests/providers/fixtures/).
#include "helpers.h"

using provtest::Call;
using provtest::Result;
using provtest::StreamOutcome;

namespace {

// Every chunking gives the same outcome; returns the first.
StreamOutcome run_all(const std::string &sse, int32_t provider) {
  StreamOutcome first;
  bool have = false;
  for (const auto &chunks : provtest::chunkings()) {
    StreamOutcome o = provtest::run_stream(provider, sse, chunks);
    EXPECT_EQ(o.taken_text, o.result.text);
    if (!have) {
      first = o;
      have = true;
      continue;
    }
    EXPECT_EQ(o.write_status, first.write_status);
    EXPECT_EQ(o.finish_status, first.finish_status);
    provtest::expect_same(o.result, first.result);
  }
  return first;
}

}  // namespace

TEST(FixtureStream, ResponsesTextAndParallelToolCallsOverCrlf) {
  StreamOutcome o = run_all(provtest::read_fixture("responses_stream_text_tools_crlf.sse"),
                            AG_PROVIDER_AUTO);
  EXPECT_EQ(o.finish_status, AG_OK) << o.error;
  const Result &r = o.result;
  EXPECT_EQ(r.provider, AG_PROVIDER_OPENAI_RESPONSES);
  EXPECT_EQ(r.model, "gpt-4.1-mini");
  EXPECT_EQ(r.text, "Looking up the weather \xE2\x80\x94 one moment.");
  EXPECT_USAGE(r.usage, 1200, 1024, 0, 90, 40);
  EXPECT_EQ(r.finish, AG_FINISH_TOOL_CALLS);
  ASSERT_EQ(r.calls.size(), 2u);
  EXPECT_EQ(r.calls[0], (Call{"call_fixture_A", "get_weather", R"({"city":"Paris"})"}));
  EXPECT_EQ(r.calls[1], (Call{"call_fixture_B", "get_time", R"({"tz":"Europe/Paris"})"}));
}

TEST(FixtureStream, GeminiCachedTokensThoughtsAndLoneCr) {
  StreamOutcome o = run_all(provtest::read_fixture("gemini_stream_cached_cr.sse"), AG_PROVIDER_AUTO);
  EXPECT_EQ(o.finish_status, AG_OK) << o.error;
  const Result &r = o.result;
  EXPECT_EQ(r.provider, AG_PROVIDER_GEMINI);
  EXPECT_EQ(r.text, "Hello, world");  // the thought part is not output text
  // prompt 4000 (includes 3000 cached) + 50 tool-use prompt; output 9 + 20 thoughts.
  EXPECT_USAGE(r.usage, 4050, 3000, 0, 29, 20);
  EXPECT_EQ(r.finish, AG_FINISH_STOP);
}

TEST(FixtureStream, VertexPartialArgsContinueStringsAcrossChunks) {
  StreamOutcome o =
      run_all(provtest::read_fixture("gemini_vertex_partial_strings.sse"), AG_PROVIDER_GEMINI);
  EXPECT_EQ(o.finish_status, AG_OK) << o.error;
  const Result &r = o.result;
  ASSERT_EQ(r.calls.size(), 1u);
  EXPECT_EQ(r.calls[0].name, "send_email");
  EXPECT_EQ(r.calls[0].id, "call_vtx_1_0_send_email");
  EXPECT_EQ(r.calls[0].arguments,
            R"({"to":"ann@example.com","options":{"priority":2,"urgent":true},"cc":["bob@example.com"]})");
  EXPECT_USAGE(r.usage, 30, 0, 0, 20, 8);
  EXPECT_EQ(r.finish, AG_FINISH_TOOL_CALLS);
}

TEST(FixtureStream, AnthropicWithoutMessageStopIsTruncatedButKeepsUsage) {
  StreamOutcome o = run_all(provtest::read_fixture("anthropic_stream_truncated.sse"), AG_PROVIDER_AUTO);
  EXPECT_EQ(o.write_status, AG_OK);
  EXPECT_EQ(o.finish_status, AG_E_TRUNCATED);
  EXPECT_EQ(ag_status_is_retryable(AG_E_TRUNCATED), 1);
  EXPECT_NE(o.error.find("message_stop"), std::string::npos) << o.error;
  const Result &r = o.result;
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.provider, AG_PROVIDER_ANTHROPIC);
  EXPECT_EQ(r.text, "Partial answer");  // thinking is not output text
  // Multi-line data joined; 10 + 100 read + 60 written; 40 of the writes with 1 h TTL.
  EXPECT_USAGE(r.usage, 170, 100, 60, 30, 0);
  EXPECT_EQ(r.usage.cache_write_1h_tokens, 40u);
  EXPECT_EQ(r.finish, AG_FINISH_NONE);
}

TEST(FixtureStream, ChatStreamCutMidEventIsTruncated) {
  std::string sse;
  READ_CORPUS_OR_SKIP("openai_chat_tool_call_stream.sse", sse);
  const size_t cut = sse.find("\"usage\"");
  ASSERT_NE(cut, std::string::npos);
  StreamOutcome o = provtest::run_stream(AG_PROVIDER_OPENAI_CHAT, sse.substr(0, cut), {5});
  EXPECT_EQ(o.write_status, AG_OK);
  EXPECT_EQ(o.finish_status, AG_E_TRUNCATED);
  EXPECT_TRUE(o.result.truncated);
  ASSERT_EQ(o.result.calls.size(), 1u);  // what arrived before the cut is kept
  EXPECT_EQ(o.result.finish, AG_FINISH_TOOL_CALLS);
}

TEST(FixtureStream, ChatStreamWithoutDoneIsTruncated) {
  std::string sse;
  READ_CORPUS_OR_SKIP("openai_chat_tool_call_stream.sse", sse);
  sse = sse.substr(0, sse.find("data: [DONE]"));
  StreamOutcome o = provtest::run_stream(AG_PROVIDER_AUTO, sse, {1u << 20});
  EXPECT_EQ(o.finish_status, AG_E_TRUNCATED);
  EXPECT_NE(o.error.find("[DONE]"), std::string::npos) << o.error;
  EXPECT_USAGE(o.result.usage, 76, 0, 0, 24, 0);
}

TEST(FixtureStream, ErrorEventsAreProviderErrorsAndSticky) {
  const std::string sse =
      "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\","
      "\"model\":\"claude-x\",\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n"
      "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
      "\"message\":\"Overloaded\"}}\n\n";
  ag_stream_parser *p = nullptr;
  ASSERT_EQ(ag_stream_parser_new(AG_PROVIDER_AUTO, &p), AG_OK);
  EXPECT_EQ(ag_stream_parser_write(p, sse.data(), sse.size()), AG_E_PROVIDER_ERROR);
  char err[256];
  ag_stream_parser_last_error(p, err, sizeof err);
  EXPECT_STREQ(err, "provider error (overloaded): Overloaded");
  EXPECT_EQ(ag_stream_parser_write(p, "\n", 1), AG_E_PROVIDER_ERROR);  // sticky
  EXPECT_EQ(ag_stream_parser_finish(p), AG_E_PROVIDER_ERROR);
  ag_stream_parser_free(p);
}

TEST(FixtureStream, WriteAfterFinishIsAStateError) {
  ag_stream_parser *p = nullptr;
  ASSERT_EQ(ag_stream_parser_new(AG_PROVIDER_OPENAI_CHAT, &p), AG_OK);
  EXPECT_EQ(ag_stream_parser_write(p, "data: [DONE]\n\n", 14), AG_OK);
  EXPECT_EQ(ag_stream_parser_done(p), 1);
  EXPECT_EQ(ag_stream_parser_finish(p), AG_OK);
  EXPECT_EQ(ag_stream_parser_finish(p), AG_OK);
  EXPECT_EQ(ag_stream_parser_write(p, "x", 1), AG_E_STATE);
  ag_stream_parser_free(p);
}
