// Error classes. The most specific word wins: the error's code (OpenAI: context_length_exceeded,
// insufficient_quota), then its type (OpenAI/Anthropic: rate_limit_error, overloaded_error),
// then its status (Gemini: RESOURCE_EXHAUSTED), then the message (context-window wording),
// then the HTTP status.
#include "providers/error_classify.h"

#include <simdjson.h>

#include <chrono>

#include "providers/json_read.h"
#include "providers/retry_after.h"

namespace ag::providers {
namespace {

struct Word {
  std::string_view word;
  int32_t error_class;
};

constexpr Word kWords[] = {
    {"rate_limit_error", AG_ERROR_RATE_LIMIT},
    {"rate_limit_exceeded", AG_ERROR_RATE_LIMIT},
    {"RESOURCE_EXHAUSTED", AG_ERROR_RATE_LIMIT},
    {"overloaded_error", AG_ERROR_OVERLOADED},
    {"server_overloaded", AG_ERROR_OVERLOADED},
    {"engine_overloaded", AG_ERROR_OVERLOADED},
    {"UNAVAILABLE", AG_ERROR_OVERLOADED},
    {"context_length_exceeded", AG_ERROR_CONTEXT_LENGTH},
    {"content_policy_violation", AG_ERROR_CONTENT_POLICY},
    {"content_filter", AG_ERROR_CONTENT_POLICY},
    {"invalid_prompt", AG_ERROR_CONTENT_POLICY},
    {"authentication_error", AG_ERROR_AUTH},
    {"invalid_api_key", AG_ERROR_AUTH},
    {"UNAUTHENTICATED", AG_ERROR_AUTH},
    {"permission_error", AG_ERROR_PERMISSION},
    {"PERMISSION_DENIED", AG_ERROR_PERMISSION},
    {"unsupported_country_region_territory", AG_ERROR_PERMISSION},
    {"not_found_error", AG_ERROR_NOT_FOUND},
    {"model_not_found", AG_ERROR_NOT_FOUND},
    {"NOT_FOUND", AG_ERROR_NOT_FOUND},
    {"billing_error", AG_ERROR_BILLING},
    {"insufficient_quota", AG_ERROR_BILLING},
    {"billing_hard_limit_reached", AG_ERROR_BILLING},
    {"invalid_request_error", AG_ERROR_INVALID_REQUEST},
    {"request_too_large", AG_ERROR_INVALID_REQUEST},
    {"INVALID_ARGUMENT", AG_ERROR_INVALID_REQUEST},
    {"FAILED_PRECONDITION", AG_ERROR_INVALID_REQUEST},
    {"OUT_OF_RANGE", AG_ERROR_INVALID_REQUEST},
    {"api_error", AG_ERROR_SERVER},
    {"server_error", AG_ERROR_SERVER},
    {"timeout_error", AG_ERROR_SERVER},
    {"INTERNAL", AG_ERROR_SERVER},
    {"DEADLINE_EXCEEDED", AG_ERROR_SERVER},
};

// Message fragments that mark a request too long for the model's context window.
constexpr std::string_view kContextPhrases[] = {
    "prompt is too long", "maximum context length", "context window",
    "exceeds the maximum number of tokens", "input token count", "too many tokens",
};

int32_t class_of_word(std::string_view w) {
  for (const Word &k : kWords)
    if (k.word == w) return k.error_class;
  return AG_ERROR_UNKNOWN;
}

int32_t class_of_status(int32_t s) {
  switch (s) {
    case 400: case 409: case 413: case 422: return AG_ERROR_INVALID_REQUEST;
    case 401: return AG_ERROR_AUTH;
    case 402: return AG_ERROR_BILLING;
    case 403: return AG_ERROR_PERMISSION;
    case 404: return AG_ERROR_NOT_FOUND;
    case 408: case 500: case 502: case 504: return AG_ERROR_SERVER;
    case 429: return AG_ERROR_RATE_LIMIT;
    case 503: case 529: return AG_ERROR_OVERLOADED;
    default:
      if (s >= 500 && s <= 599) return AG_ERROR_SERVER;
      if (s >= 400 && s <= 499) return AG_ERROR_INVALID_REQUEST;
      return AG_ERROR_UNKNOWN;
  }
}

bool retryable_class(int32_t c) {
  return c == AG_ERROR_RATE_LIMIT || c == AG_ERROR_OVERLOADED || c == AG_ERROR_SERVER;
}

struct BodyFacts {
  std::string code, type, status, message;
  int64_t retry_delay_ms = -1;
};

void read_details(const JsonSource &src, od::value details, BodyFacts &f) {
  src.each_element(details, "error.details", [&](size_t, od::value d) {
    std::string_view type, delay;
    src.each_field(d, "error.details[]", [&](std::string_view k, od::value v) {
      if (k == "@type") type = src.str(v, "error.details[].@type");
      else if (k == "retryDelay") delay = src.str(v, "error.details[].retryDelay");
    });
    if (type.ends_with("google.rpc.RetryInfo"))
      f.retry_delay_ms = parse_duration_ms(delay);
  });
}

// Reads an error object's fields; `code` may be a string (OpenAI) or a number (Gemini).
void read_error_fields(const JsonSource &src, od::object &err, BodyFacts &f) {
  src.each_field(err, "error", nullptr, [&](std::string_view k, od::value v) {
    if (k == "code") {
      od::json_type t;
      src.check(v.type().get(t), "error.code", v.raw_json_token().data());
      if (t == od::json_type::string) f.code.assign(src.str(v, "error.code"));
    } else if (k == "type") {
      f.type.assign(src.str(v, "error.type"));
    } else if (k == "status") {
      f.status.assign(src.str(v, "error.status"));
    } else if (k == "message") {
      f.message.assign(src.str(v, "error.message"));
    } else if (k == "details") {
      read_details(src, v, f);
    }
  });
}

// An "error" value: an object, or just a message string (some gateways).
void read_error_value(const JsonSource &src, od::value err, BodyFacts &f) {
  od::json_type t;
  src.check(err.type().get(t), "error", nullptr);
  if (t == od::json_type::string) {
    f.message.assign(src.str(err, "error"));
    return;
  }
  od::object obj;
  src.check(err.get_object().get(obj), "error", nullptr);
  read_error_fields(src, obj, f);
}

// Reads the facts of a body: {"error": {...}}, Anthropic's {"type":"error","error":{...}},
// a bare error object, or an array of those (Gemini streams without SSE). Throws on
// malformed JSON; the caller then classifies by status only.
BodyFacts read_body(std::string_view body) {
  BodyFacts f;
  simdjson::padded_string padded(body);
  od::parser parser;
  od::document doc;
  JsonSource src(padded.data(), padded.size(), "");
  src.check(parser.iterate(padded).get(doc), "", nullptr);
  od::value root;
  src.check(doc.get_value().get(root), "", nullptr);
  od::json_type t;
  src.check(root.type().get(t), "", nullptr);
  if (t == od::json_type::array) {
    src.each_element(root, "", [&](size_t i, od::value el) {
      if (i != 0) return;
      src.each_field(el, "", [&](std::string_view k, od::value v) {
        if (k == "error" && !src.is_null(v)) read_error_value(src, v, f);
      });
    });
    return f;
  }
  if (t != od::json_type::object) return f;
  od::object obj;
  src.check(root.get_object().get(obj), "", nullptr);
  od::value ev;
  simdjson::error_code e = obj.find_field_unordered("error").get(ev);
  if (e == simdjson::SUCCESS && !src.is_null(ev)) {
    read_error_value(src, ev, f);
    return f;
  }
  if (e != simdjson::SUCCESS && e != simdjson::NO_SUCH_FIELD) src.fail(e, "", nullptr);
  // No "error" member: the body is a bare error object.
  bool ignored;
  src.check(obj.reset().get(ignored), "", nullptr);
  read_error_fields(src, obj, f);
  return f;
}

}  // namespace

ErrorInfo classify_error(int32_t http_status, std::string_view headers, std::string_view body) {
  ErrorInfo info;
  BodyFacts f;
  if (!body.empty() && body.size() <= kMaxBytes) {
    try {
      f = read_body(body);
    } catch (const Error &) {
      f = BodyFacts{};  // not JSON: the status decides
    }
  }
  int32_t c = class_of_word(f.code);
  if (c == AG_ERROR_UNKNOWN) c = class_of_word(f.type);
  if (c == AG_ERROR_UNKNOWN) c = class_of_word(f.status);
  if (c == AG_ERROR_UNKNOWN || c == AG_ERROR_INVALID_REQUEST) {
    for (std::string_view phrase : kContextPhrases)
      if (f.message.find(phrase) != std::string::npos) c = AG_ERROR_CONTEXT_LENGTH;
  }
  if (c == AG_ERROR_UNKNOWN) c = class_of_status(http_status);
  info.error_class = c;
  info.retryable = retryable_class(c);
  if (auto should = find_header(headers, "x-should-retry")) {
    if (*should == "true") info.retryable = true;
    else if (*should == "false") info.retryable = false;
  }
  const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  info.retry_after_ms = retry_after_from_headers(headers, now_ms);
  if (info.retry_after_ms < 0) info.retry_after_ms = f.retry_delay_ms;
  info.message = std::move(f.message);
  return info;
}

const char *error_class_name(int32_t error_class) {
  switch (error_class) {
    case AG_ERROR_UNKNOWN: return "unknown";
    case AG_ERROR_RATE_LIMIT: return "rate_limit";
    case AG_ERROR_OVERLOADED: return "overloaded";
    case AG_ERROR_CONTEXT_LENGTH: return "context_length";
    case AG_ERROR_CONTENT_POLICY: return "content_policy";
    case AG_ERROR_AUTH: return "auth";
    case AG_ERROR_PERMISSION: return "permission";
    case AG_ERROR_NOT_FOUND: return "not_found";
    case AG_ERROR_BILLING: return "billing";
    case AG_ERROR_INVALID_REQUEST: return "invalid_request";
    case AG_ERROR_SERVER: return "server";
    default: return "unknown";
  }
}

void throw_provider_error(std::string_view error_json) {
  ErrorInfo info = classify_error(0, {}, error_json);
  throw Error(AG_E_PROVIDER_ERROR, std::string("provider error (") +
                                       error_class_name(info.error_class) + "): " + info.message);
}

}  // namespace ag::providers
