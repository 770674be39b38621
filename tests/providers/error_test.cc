// Error bodies of all four providers: class, message, retryable, retry-after.
#include <simdjson.h>

#include "helpers.h"

namespace {

struct Classified {
  ag_status status;
  ag_error_info info;
  std::string message;
};

Classified classify(int32_t http_status, const std::string &headers, const std::string &body) {
  Classified c{};
  c.info.struct_size = sizeof(ag_error_info);
  size_t n = 0;
  c.status = ag_error_classify(AG_PROVIDER_AUTO, http_status, headers.data(), headers.size(),
                               body.data(), body.size(), &c.info, nullptr, 0, &n);
  if (c.status == AG_E_BUFFER_TOO_SMALL) {
    c.message.resize(n);
    c.status = ag_error_classify(AG_PROVIDER_AUTO, http_status, headers.data(), headers.size(),
                                 body.data(), body.size(), &c.info, c.message.data(), n, &n);
  }
  return c;
}

// The corpus error files wrap the body with the recorded status and headers: returns the
// status and the body's JSON text.
bool unwrap(const std::string &file, int32_t *status, std::string *body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(file).get(doc)) return false;
  int64_t code = 0;
  if (doc["status_code"].get(code) && doc["statusCode"].get(code) &&
      doc["status"]["code"].get(code))
    return false;
  *status = static_cast<int32_t>(code);
  *body = simdjson::minify(doc["body"]);
  return true;
}

}  // namespace

TEST(ErrorCorpus, AnthropicRateLimit) {
  std::string file, body;
  int32_t status = 0;
  READ_CORPUS_OR_SKIP("anthropic_error_429_rate_limit.json", file);
  ASSERT_TRUE(unwrap(file, &status, &body));
  Classified c = classify(status, "x-should-retry: true\r\n", body);
  ASSERT_EQ(c.status, AG_OK);
  EXPECT_EQ(c.info.error_class, AG_ERROR_RATE_LIMIT);
  EXPECT_EQ(c.info.retryable, 1);
  EXPECT_EQ(c.info.http_status, 429);
  EXPECT_EQ(c.info.retry_after_ms, -1);
  EXPECT_EQ(c.message.rfind("This request would exceed your organization's rate limit", 0), 0u);
  // The body is a provider error for the response parser too.
  ag_response *r = nullptr;
  char err[256];
  EXPECT_EQ(ag_response_parse(AG_PROVIDER_AUTO, body.data(), body.size(), &r, err, sizeof err),
            AG_E_PROVIDER_ERROR);
  EXPECT_EQ(r, nullptr);
  EXPECT_EQ(std::string(err).rfind("provider error (rate_limit): This request", 0), 0u) << err;
}

TEST(ErrorCorpus, AnthropicInvalidRequestNotRetryable) {
  std::string file, body;
  int32_t status = 0;
  READ_CORPUS_OR_SKIP("anthropic_error_400_invalid_request.json", file);
  ASSERT_TRUE(unwrap(file, &status, &body));
  Classified c = classify(status, "", body);
  EXPECT_EQ(c.info.error_class, AG_ERROR_INVALID_REQUEST);
  EXPECT_EQ(c.info.retryable, 0);
  EXPECT_NE(c.message.find("unexpected `tool_use_id`"), std::string::npos);
  ag_response *r = nullptr;
  EXPECT_EQ(ag_response_parse(AG_PROVIDER_ANTHROPIC, body.data(), body.size(), &r, nullptr, 0),
            AG_E_PROVIDER_ERROR);
}

TEST(ErrorCorpus, OpenAIInvalidRequest) {
  std::string file, body;
  int32_t status = 0;
  READ_CORPUS_OR_SKIP("openai_error_400_invalid_request.json", file);
  ASSERT_TRUE(unwrap(file, &status, &body));
  EXPECT_EQ(status, 400);
  Classified c = classify(status, "", body);
  EXPECT_EQ(c.info.error_class, AG_ERROR_INVALID_REQUEST);
  EXPECT_EQ(c.message, "Invalid 'temperature': decimal below minimum value. Expected a value >= "
                       "0, but got -1 instead.");
  ag_response *r = nullptr;
  EXPECT_EQ(ag_response_parse(AG_PROVIDER_OPENAI_CHAT, body.data(), body.size(), &r, nullptr, 0),
            AG_E_PROVIDER_ERROR);
}

TEST(ErrorCorpus, GeminiNotFound) {
  std::string file, body;
  int32_t status = 0;
  READ_CORPUS_OR_SKIP("gemini_error_404_not_found.json", file);
  ASSERT_TRUE(unwrap(file, &status, &body));
  Classified c = classify(status, "", body);
  EXPECT_EQ(c.info.error_class, AG_ERROR_NOT_FOUND);
  EXPECT_EQ(c.info.retryable, 0);
  EXPECT_EQ(c.message.rfind("models/custom-gemini-2.0-flash is not found", 0), 0u);
}

TEST(ErrorClassify, GeminiRetryInfo) {
  const std::string body = R"({"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED",
    "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[]},
               {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"31.5s"}]}})";
  Classified c = classify(429, "", body);
  EXPECT_EQ(c.info.error_class, AG_ERROR_RATE_LIMIT);
  EXPECT_EQ(c.info.retryable, 1);
  EXPECT_EQ(c.info.retry_after_ms, 31500);
}

TEST(ErrorClassify, RetryAfterHeaders) {
  const std::string body = R"({"error":{"message":"slow down","type":"requests","code":"rate_limit_exceeded"}})";
  EXPECT_EQ(classify(429, "Retry-After-Ms: 1500\r\nretry-after: 9\r\n", body).info.retry_after_ms, 1500);
  EXPECT_EQ(classify(429, "content-type: application/json\nRETRY-AFTER: 20\n", body).info.retry_after_ms, 20000);
  // An HTTP-date is measured from the response's own Date header.
  EXPECT_EQ(classify(503, "date: Wed, 21 Oct 2015 07:28:00 GMT\r\n"
                          "retry-after: Wed, 21 Oct 2015 07:29:30 GMT\r\n", "").info.retry_after_ms,
            90000);
  // A date already passed means "now".
  EXPECT_EQ(classify(503, "date: Wed, 21 Oct 2015 07:28:00 GMT\r\n"
                          "retry-after: Wed, 21 Oct 2015 07:27:00 GMT\r\n", "").info.retry_after_ms,
            0);
  EXPECT_EQ(classify(503, "retry-after: soon\r\n", "").info.retry_after_ms, -1);
  // Headers win over RetryInfo.
  const std::string gemini = R"({"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"q",
    "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"30s"}]}})";
  EXPECT_EQ(classify(429, "retry-after: 2", gemini).info.retry_after_ms, 2000);
}

TEST(ErrorClassify, ClassesFromCodesTypesStatusesAndMessages) {
  struct Case {
    int32_t http;
    const char *body;
    int32_t want;
    int32_t retryable;
  };
  const Case cases[] = {
      {400, R"({"error":{"message":"This model's maximum context length is 128000 tokens.","type":"invalid_request_error","code":"context_length_exceeded"}})", AG_ERROR_CONTEXT_LENGTH, 0},
      {400, R"({"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}})", AG_ERROR_CONTEXT_LENGTH, 0},
      {400, R"({"error":{"code":400,"message":"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}})", AG_ERROR_CONTEXT_LENGTH, 0},
      {429, R"({"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}})", AG_ERROR_BILLING, 0},
      {529, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})", AG_ERROR_OVERLOADED, 1},
      {503, R"({"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}})", AG_ERROR_OVERLOADED, 1},
      {401, R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})", AG_ERROR_AUTH, 0},
      {401, R"({"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}})", AG_ERROR_AUTH, 0},
      {403, R"({"error":{"code":403,"message":"denied","status":"PERMISSION_DENIED"}})", AG_ERROR_PERMISSION, 0},
      {400, R"({"error":{"message":"flagged","type":"invalid_request_error","code":"content_policy_violation"}})", AG_ERROR_CONTENT_POLICY, 0},
      {500, R"({"type":"error","error":{"type":"api_error","message":"Internal server error"}})", AG_ERROR_SERVER, 1},
      {400, R"({"type":"error","error":{"type":"billing_error","message":"credit balance too low"}})", AG_ERROR_BILLING, 0},
      {502, "<html>Bad Gateway</html>", AG_ERROR_SERVER, 1},
      {429, "", AG_ERROR_RATE_LIMIT, 1},
      {404, R"({"error":"no such model"})", AG_ERROR_NOT_FOUND, 0},
      {0, R"([{"error":{"code":429,"message":"q","status":"RESOURCE_EXHAUSTED"}}])", AG_ERROR_RATE_LIMIT, 1},
      {0, "not json", AG_ERROR_UNKNOWN, 0},
      {500, "{", AG_ERROR_SERVER, 1},  // found by the fuzzer: a lone brace once crashed
      {400, "{\"error\":", AG_ERROR_INVALID_REQUEST, 0},
  };
  for (const Case &k : cases) {
    Classified c = classify(k.http, "", k.body);
    EXPECT_EQ(c.status, AG_OK);
    EXPECT_EQ(c.info.error_class, k.want) << k.body << " -> " << ag_error_class_str(c.info.error_class);
    EXPECT_EQ(c.info.retryable, k.retryable) << k.body;
  }
  EXPECT_EQ(classify(404, "", R"({"error":"no such model"})").message, "no such model");
}

TEST(ErrorClassify, ShouldRetryHeaderOverrides) {
  const std::string body = R"({"type":"error","error":{"type":"api_error","message":"x"}})";
  EXPECT_EQ(classify(500, "x-should-retry: false", body).info.retryable, 0);
  EXPECT_EQ(classify(409, "x-should-retry: true", "").info.retryable, 1);
}

TEST(ErrorClassify, ArgumentChecksAndNames) {
  ag_error_info info{};
  info.struct_size = sizeof info - 1;
  EXPECT_EQ(ag_error_classify(0, 500, nullptr, 0, nullptr, 0, &info, nullptr, 0, nullptr),
            AG_E_STRUCT_SIZE);
  info.struct_size = sizeof info;
  EXPECT_EQ(ag_error_classify(0, 500, nullptr, 0, nullptr, 0, nullptr, nullptr, 0, nullptr),
            AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_error_classify(9, 500, nullptr, 0, nullptr, 0, &info, nullptr, 0, nullptr),
            AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_error_classify(0, 500, nullptr, 3, nullptr, 0, &info, nullptr, 0, nullptr),
            AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_error_classify(0, 500, nullptr, 0, nullptr, 0, &info, nullptr, 0, nullptr), AG_OK);
  EXPECT_EQ(info.error_class, AG_ERROR_SERVER);
  EXPECT_STREQ(ag_error_class_str(AG_ERROR_CONTEXT_LENGTH), "context_length");
  EXPECT_STREQ(ag_error_class_str(99), "unknown");
}
