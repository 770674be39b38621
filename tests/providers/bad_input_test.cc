// Malformed input: every case gets a clear status and message, never a crash.
#include <string>

#include "helpers.h"

namespace {

struct Failure {
  ag_status status;
  std::string message;
};

Failure parse_fail(int32_t provider, const std::string &body) {
  ag_response *r = nullptr;
  char err[512] = "unset";
  ag_status s = ag_response_parse(provider, body.data(), body.size(), &r, err, sizeof err);
  EXPECT_EQ(r, nullptr);
  ag_response_free(r);
  return Failure{s, err};
}

}  // namespace

TEST(BadInput, TruncatedJson) {
  const std::string body = R"({"id":"x","model":"gpt-4o","choices":[{"message":{"content":"hi"})";
  for (int32_t p : {AG_PROVIDER_AUTO, AG_PROVIDER_OPENAI_CHAT}) {
    Failure f = parse_fail(p, body);
    EXPECT_EQ(f.status, AG_E_PARSE);
    EXPECT_NE(f.message.find("byte"), std::string::npos) << f.message;
  }
  Failure f = parse_fail(AG_PROVIDER_ANTHROPIC, R"({"model":"claude", "usage": {"input_tokens": 4)");
  EXPECT_EQ(f.status, AG_E_PARSE) << f.message;
}

TEST(BadInput, WrongTypesNameTheFieldAndOffset) {
  Failure f = parse_fail(AG_PROVIDER_OPENAI_CHAT, R"({"usage":{"prompt_tokens":"12"}})");
  EXPECT_EQ(f.status, AG_E_PARSE);
  EXPECT_EQ(f.message, "usage.input_tokens: not a non-negative integer in range at byte 26");
  f = parse_fail(AG_PROVIDER_ANTHROPIC, R"({"usage":{"input_tokens":-3}})");
  EXPECT_EQ(f.status, AG_E_PARSE);
  EXPECT_NE(f.message.find("usage.input_tokens"), std::string::npos) << f.message;
  f = parse_fail(AG_PROVIDER_GEMINI, R"({"candidates":{"oops":1}})");
  EXPECT_EQ(f.status, AG_E_PARSE);
  EXPECT_NE(f.message.find("candidates: wrong JSON type"), std::string::npos) << f.message;
  f = parse_fail(AG_PROVIDER_OPENAI_RESPONSES, R"({"model":5})");
  EXPECT_EQ(f.status, AG_E_PARSE);
  EXPECT_EQ(f.message, "model: wrong JSON type at byte 9");
  EXPECT_EQ(parse_fail(AG_PROVIDER_AUTO, "[1,2]").status, AG_E_PARSE);
  EXPECT_EQ(parse_fail(AG_PROVIDER_OPENAI_CHAT, "\"text\"").status, AG_E_PARSE);
}

TEST(BadInput, MissingFieldsReadAsAbsent) {
  provtest::Result r = provtest::parse(AG_PROVIDER_ANTHROPIC, R"({"type":"message","content":[]})");
  EXPECT_EQ(r.model, "");
  EXPECT_EQ(r.usage.input_tokens, 0u);
  EXPECT_EQ(r.finish, AG_FINISH_NONE);
  r = provtest::parse(AG_PROVIDER_OPENAI_CHAT, R"({"choices":[{"message":{"content":null}}],"usage":null})");
  EXPECT_EQ(r.text, "");
}

TEST(BadInput, InvalidUtf8GivesItsOffset) {
  std::string body = R"({"model":"gpt-4o","choices":[{"message":{"content":"caf)";
  body += "\xC3\x28";  // a lead byte followed by a non-continuation byte
  body += R"("}}]})";
  Failure f = parse_fail(AG_PROVIDER_AUTO, body);
  EXPECT_EQ(f.status, AG_E_PARSE);
  EXPECT_NE(f.message.find("invalid UTF-8 at byte 55"), std::string::npos) << f.message;
}

TEST(BadInput, EmptyTrailingAndUndetectable) {
  EXPECT_EQ(parse_fail(AG_PROVIDER_AUTO, "").status, AG_E_PARSE);
  EXPECT_EQ(parse_fail(AG_PROVIDER_AUTO, "   ").status, AG_E_PARSE);
  Failure f = parse_fail(AG_PROVIDER_OPENAI_CHAT, R"({"choices":[]} {"x":1})");
  EXPECT_EQ(f.status, AG_E_PARSE);
  EXPECT_NE(f.message.find("after the JSON value"), std::string::npos) << f.message;
  f = parse_fail(AG_PROVIDER_AUTO, R"({"hello":"world"})");
  EXPECT_EQ(f.status, AG_E_PARSE);
  EXPECT_NE(f.message.find("cannot tell which provider"), std::string::npos) << f.message;
}

TEST(BadInput, TooLarge) {
  std::string big(AG_MAX_RESPONSE_BYTES + 1, ' ');
  EXPECT_EQ(parse_fail(AG_PROVIDER_AUTO, big).status, AG_E_TOO_LARGE);
}

TEST(BadInput, NullArguments) {
  ag_response *r = nullptr;
  EXPECT_EQ(ag_response_parse(AG_PROVIDER_AUTO, nullptr, 5, &r, nullptr, 0), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_response_parse(AG_PROVIDER_AUTO, "{}", 2, nullptr, nullptr, 0), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_response_parse(42, "{}", 2, &r, nullptr, 0), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_response_parse(AG_PROVIDER_AUTO, nullptr, 0, &r, nullptr, 0), AG_E_PARSE);
  ag_usage u{};
  u.struct_size = sizeof u;
  EXPECT_EQ(ag_response_usage(nullptr, &u), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_response_field(nullptr, AG_FIELD_MODEL, nullptr, 0, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_response_tool_call_count(nullptr), 0u);
  EXPECT_EQ(ag_response_provider(nullptr), -1);
  EXPECT_EQ(ag_response_finish(nullptr), -1);
  ag_response_free(nullptr);
  ag_stream_parser_free(nullptr);
  EXPECT_EQ(ag_stream_parser_write(nullptr, "x", 1), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_stream_parser_new(7, nullptr), AG_E_INVALID_ARGUMENT);
  ag_stream_parser *p = nullptr;
  EXPECT_EQ(ag_stream_parser_new(7, &p), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(p, nullptr);
  char buf[64];
  EXPECT_GT(ag_response_last_error(nullptr, buf, sizeof buf), 0u);
  EXPECT_GT(ag_stream_parser_last_error(nullptr, buf, sizeof buf), 0u);
}

TEST(BadInput, AccessorArgumentChecks) {
  ag_response *r = nullptr;
  const std::string body = R"({"choices":[{"message":{"content":"hi"},"finish_reason":"stop"}]})";
  ASSERT_EQ(ag_response_parse(AG_PROVIDER_AUTO, body.data(), body.size(), &r, nullptr, 0), AG_OK);
  size_t n = 0;
  EXPECT_EQ(ag_response_field(r, 99, nullptr, 0, &n), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_response_tool_call(r, 0, AG_TOOL_CALL_ID, nullptr, 0, &n), AG_E_INVALID_ARGUMENT);
  char msg[128];
  ag_response_last_error(r, msg, sizeof msg);
  EXPECT_STREQ(msg, "index: 0 but the response has 0 tool calls");
  char small[1];
  EXPECT_EQ(ag_response_field(r, AG_FIELD_TEXT, small, sizeof small, &n), AG_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(n, 2u);
  ag_usage u{};
  u.struct_size = 3;
  EXPECT_EQ(ag_response_usage(r, &u), AG_E_STRUCT_SIZE);
  // An older, shorter ag_usage is filled up to its size.
  u.struct_size = offsetof(ag_usage, cache_write_1h_tokens);
  u.cache_write_1h_tokens = 77;
  EXPECT_EQ(ag_response_usage(r, &u), AG_OK);
  EXPECT_EQ(u.cache_write_1h_tokens, 77u);
  ag_response_free(r);
}

TEST(BadInput, StreamEventWithInvalidJson) {
  ag_stream_parser *p = nullptr;
  ASSERT_EQ(ag_stream_parser_new(AG_PROVIDER_OPENAI_CHAT, &p), AG_OK);
  const std::string sse = "data: {\"choices\":[}\n\n";
  EXPECT_EQ(ag_stream_parser_write(p, sse.data(), sse.size()), AG_E_PARSE);
  char err[256];
  ag_stream_parser_last_error(p, err, sizeof err);
  EXPECT_EQ(std::string(err).rfind("event 1: ", 0), 0u) << err;
  ag_stream_parser_free(p);
}

TEST(BadInput, StreamEventTooLarge) {
  ag_stream_parser *p = nullptr;
  ASSERT_EQ(ag_stream_parser_new(AG_PROVIDER_AUTO, &p), AG_OK);
  std::string chunk(1 << 20, 'a');
  ag_status s = ag_stream_parser_write(p, "data: ", 6);
  for (int i = 0; i < 65 && s == AG_OK; ++i) s = ag_stream_parser_write(p, chunk.data(), chunk.size());
  EXPECT_EQ(s, AG_E_TOO_LARGE);
  ag_stream_parser_free(p);
}

TEST(BadInput, ToJsonRoundTrip) {
  const std::string body =
      R"({"id":"c1","model":"m","choices":[{"message":{"content":"a\"b\n","tool_calls":[{"id":"t","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":3,"completion_tokens":2}})";
  ag_response *r = nullptr;
  ASSERT_EQ(ag_response_parse(AG_PROVIDER_AUTO, body.data(), body.size(), &r, nullptr, 0), AG_OK);
  size_t n = 0;
  ASSERT_EQ(ag_response_to_json(r, nullptr, 0, &n), AG_E_BUFFER_TOO_SMALL);
  std::string json(n, '\0');
  ASSERT_EQ(ag_response_to_json(r, json.data(), n, &n), AG_OK);
  EXPECT_EQ(json,
            R"({"provider":"openai-chat","model":"m","id":"c1","finish_reason":"tool_calls",)"
            R"("finish_reason_raw":"tool_calls","text":"a\"b\n","truncated":false,)"
            R"("usage":{"input_tokens":3,"cached_input_tokens":0,"cache_write_tokens":0,)"
            R"("cache_write_1h_tokens":0,"output_tokens":2,"reasoning_tokens":0},)"
            R"("tool_calls":[{"id":"t","name":"f","arguments":"{}"}]})");
  ag_response_free(r);
  EXPECT_STREQ(ag_provider_str(AG_PROVIDER_GEMINI), "gemini");
  EXPECT_STREQ(ag_provider_str(-1), "unknown");
  EXPECT_STREQ(ag_finish_reason_str(AG_FINISH_CONTENT_FILTER), "content_filter");
}
