// ag_response_*, ag_stream_parser_*, ag_error_*, ag_run_record_*: provider responses.
#include <cstring>
#include <string>

#include "agentguard.h"
#include "capi/guard.h"
#include "providers/body.h"
#include "providers/error_classify.h"
#include "providers/stream_parser.h"
#include "run/run.h"

namespace prov = ag::providers;

struct ag_response {
  prov::Response r;
  mutable ag::LastError last_error;
};

struct ag_stream_parser {
  explicit ag_stream_parser(prov::Provider p) : parser(p) {}
  prov::StreamParser parser;
  mutable ag::LastError last_error;
  ag_status failed = AG_OK;       // sticky write failure
  std::string failed_message;
  ag_status finish_status = AG_OK;  // valid once parser.finished()
  std::string finish_message;
};

namespace {

bool valid_provider(int32_t p) { return p >= AG_PROVIDER_AUTO && p <= AG_PROVIDER_GEMINI; }

// Copies an ag_usage to a caller struct of any known size.
ag_status copy_usage(const ag_usage &u, ag_usage *out) {
  if (!ag::struct_size_ok(out->struct_size, offsetof(ag_usage, cache_write_1h_tokens),
                          sizeof(ag_usage)))
    ag::fail(AG_E_STRUCT_SIZE, "usage.struct_size: " + std::to_string(out->struct_size) +
                                   " is not a known size of ag_usage");
  const uint32_t size = out->struct_size;
  std::memcpy(out, &u, size);
  out->struct_size = size;
  return AG_OK;
}

// Commits a parsed response's usage to the run (through the public ag_run_commit).
ag_status record(ag_run *run, uint64_t reservation, const prov::Response &r, ag_usage *usage_out,
                 int64_t *cost_out) {
  const ag_usage u = prov::normalize(r.usage);
  if (usage_out != nullptr) copy_usage(u, usage_out);
  return ag_run_commit(run, reservation, &u, cost_out);
}

}  // namespace

extern "C" {

AG_API const char *ag_provider_str(int32_t provider) {
  if (!valid_provider(provider)) return "unknown";
  return prov::provider_name(static_cast<prov::Provider>(provider));
}

AG_API const char *ag_finish_reason_str(int32_t finish) { return prov::finish_name(finish); }

AG_API ag_status ag_response_parse(int32_t provider, const char *body, size_t len,
                                   ag_response **out, char *errbuf, size_t errbuf_cap) {
  ag::LastError err;
  ag_status s = ag::guarded(&err, [&]() -> ag_status {
    if (out == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "out: must not be NULL");
    *out = nullptr;
    if (body == nullptr && len != 0)
      ag::fail(AG_E_INVALID_ARGUMENT, "body: NULL with a non-zero length");
    if (!valid_provider(provider))
      ag::fail(AG_E_INVALID_ARGUMENT, "provider: " + std::to_string(provider) + " is not an AG_PROVIDER_* value");
    auto resp = std::make_unique<ag_response>();
    resp->r = prov::parse_body(static_cast<prov::Provider>(provider),
                               std::string_view(body ? body : "", len));
    *out = resp.release();
    return AG_OK;
  });
  char msg[1024];
  err.copy(msg, sizeof msg);
  ag::write_errbuf(errbuf, errbuf_cap, s == AG_OK ? "" : msg);
  return s;
}

AG_API void ag_response_free(ag_response *response) { delete response; }

AG_API size_t ag_response_last_error(const ag_response *response, char *buf, size_t cap) {
  return ag::last_error_of(response, "response is NULL", buf, cap);
}

AG_API int32_t ag_response_provider(const ag_response *response) {
  return response ? static_cast<int32_t>(response->r.provider) : -1;
}

AG_API ag_status ag_response_usage(const ag_response *response, ag_usage *usage) {
  if (response == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&response->last_error, [&]() -> ag_status {
    if (usage == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "usage: must not be NULL");
    return copy_usage(prov::normalize(response->r.usage), usage);
  });
}

AG_API int32_t ag_response_finish(const ag_response *response) {
  return response ? response->r.finish : -1;
}

AG_API int ag_response_truncated(const ag_response *response) {
  return response && response->r.truncated ? 1 : 0;
}

AG_API ag_status ag_response_field(const ag_response *response, int32_t field, char *buf,
                                   size_t cap, size_t *len_out) {
  if (response == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&response->last_error, [&]() -> ag_status {
    const prov::Response &r = response->r;
    const std::string *s = nullptr;
    switch (field) {
      case AG_FIELD_MODEL: s = &r.model; break;
      case AG_FIELD_ID: s = &r.id; break;
      case AG_FIELD_FINISH_RAW: s = &r.finish_raw; break;
      case AG_FIELD_TEXT: s = &r.text; break;
      default: ag::fail(AG_E_INVALID_ARGUMENT, "field: " + std::to_string(field) + " is not an AG_FIELD_* value");
    }
    return ag::copy_out(s->data(), s->size(), buf, cap, len_out);
  });
}

AG_API size_t ag_response_tool_call_count(const ag_response *response) {
  return response ? response->r.tool_calls.size() : 0;
}

AG_API ag_status ag_response_tool_call(const ag_response *response, size_t index, int32_t part,
                                       char *buf, size_t cap, size_t *len_out) {
  if (response == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&response->last_error, [&]() -> ag_status {
    const auto &calls = response->r.tool_calls;
    if (index >= calls.size())
      ag::fail(AG_E_INVALID_ARGUMENT, "index: " + std::to_string(index) + " but the response has " +
                                          std::to_string(calls.size()) + " tool calls");
    const std::string *s = nullptr;
    switch (part) {
      case AG_TOOL_CALL_ID: s = &calls[index].id; break;
      case AG_TOOL_CALL_NAME: s = &calls[index].name; break;
      case AG_TOOL_CALL_ARGUMENTS: s = &calls[index].arguments; break;
      default: ag::fail(AG_E_INVALID_ARGUMENT, "part: " + std::to_string(part) + " is not an AG_TOOL_CALL_* value");
    }
    return ag::copy_out(s->data(), s->size(), buf, cap, len_out);
  });
}

AG_API ag_status ag_response_to_json(const ag_response *response, char *buf, size_t cap,
                                     size_t *len_out) {
  if (response == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&response->last_error, [&]() -> ag_status {
    const std::string json = prov::to_json(response->r);
    return ag::copy_out(json.data(), json.size(), buf, cap, len_out);
  });
}

AG_API ag_status ag_stream_parser_new(int32_t provider, ag_stream_parser **out) {
  if (out == nullptr) return AG_E_INVALID_ARGUMENT;
  *out = nullptr;
  if (!valid_provider(provider)) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(nullptr, [&]() -> ag_status {
    *out = new ag_stream_parser(static_cast<prov::Provider>(provider));
    return AG_OK;
  });
}

AG_API void ag_stream_parser_free(ag_stream_parser *parser) { delete parser; }

AG_API size_t ag_stream_parser_last_error(const ag_stream_parser *parser, char *buf, size_t cap) {
  return ag::last_error_of(parser, "parser is NULL", buf, cap);
}

AG_API ag_status ag_stream_parser_write(ag_stream_parser *parser, const char *chunk, size_t len) {
  if (parser == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&parser->last_error, [&]() -> ag_status {
    if (chunk == nullptr && len != 0)
      ag::fail(AG_E_INVALID_ARGUMENT, "chunk: NULL with a non-zero length");
    if (parser->parser.finished())
      ag::fail(AG_E_STATE, "write after ag_stream_parser_finish");
    if (parser->failed != AG_OK) ag::fail(parser->failed, parser->failed_message);
    try {
      parser->parser.write(std::string_view(chunk ? chunk : "", len));
    } catch (const ag::Error &e) {
      parser->failed = e.status();
      parser->failed_message = e.what();
      throw;
    }
    return AG_OK;
  });
}

AG_API ag_status ag_stream_parser_finish(ag_stream_parser *parser) {
  if (parser == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&parser->last_error, [&]() -> ag_status {
    if (parser->failed != AG_OK) ag::fail(parser->failed, parser->failed_message);
    if (!parser->parser.finished()) {
      try {
        parser->finish_status = parser->parser.finish(&parser->finish_message);
      } catch (const ag::Error &e) {
        parser->failed = e.status();
        parser->failed_message = e.what();
        throw;
      }
    }
    if (parser->finish_status != AG_OK) ag::fail(parser->finish_status, parser->finish_message);
    return AG_OK;
  });
}

AG_API int ag_stream_parser_done(const ag_stream_parser *parser) {
  return parser && parser->parser.done() ? 1 : 0;
}

AG_API ag_status ag_stream_parser_set_scrub(ag_stream_parser *parser, ag_scrub_stream *scrub) {
  if (parser == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&parser->last_error, [&]() -> ag_status {
    if (parser->parser.started() || parser->parser.finished())
      ag::fail(AG_E_STATE, "set the scrub stream before the first write");
    parser->parser.set_scrub(scrub);
    return AG_OK;
  });
}

AG_API ag_status ag_stream_parser_take_text(ag_stream_parser *parser, char *buf, size_t cap,
                                            size_t *len_out) {
  if (parser == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&parser->last_error, [&]() -> ag_status {
    std::string &text = parser->parser.pending_text();
    ag_status s = ag::copy_out(text.data(), text.size(), buf, cap, len_out);
    if (s == AG_OK) text.clear();
    return s;
  });
}

AG_API ag_status ag_stream_parser_result(ag_stream_parser *parser, ag_response **out) {
  if (parser == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&parser->last_error, [&]() -> ag_status {
    if (out == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "out: must not be NULL");
    *out = nullptr;
    auto resp = std::make_unique<ag_response>();
    resp->r = parser->parser.snapshot();
    *out = resp.release();
    return AG_OK;
  });
}

AG_API const char *ag_error_class_str(int32_t error_class) {
  return prov::error_class_name(error_class);
}

AG_API ag_status ag_error_classify(int32_t provider, int32_t http_status, const char *headers,
                                   size_t headers_len, const char *body, size_t body_len,
                                   ag_error_info *info, char *message_buf, size_t message_cap,
                                   size_t *message_len) {
  if (info == nullptr || (headers == nullptr && headers_len) || (body == nullptr && body_len) ||
      !valid_provider(provider))
    return AG_E_INVALID_ARGUMENT;
  if (info->struct_size != sizeof(ag_error_info)) return AG_E_STRUCT_SIZE;
  return ag::guarded(nullptr, [&]() -> ag_status {
    prov::ErrorInfo e = prov::classify_error(http_status, std::string_view(headers ? headers : "", headers_len),
                                             std::string_view(body ? body : "", body_len));
    info->error_class = e.error_class;
    info->retryable = e.retryable ? 1 : 0;
    info->http_status = http_status;
    info->retry_after_ms = e.retry_after_ms;
    if (message_buf == nullptr && message_len == nullptr) return AG_OK;
    return ag::copy_out(e.message.data(), e.message.size(), message_buf, message_cap, message_len);
  });
}

AG_API ag_status ag_run_record_response(ag_run *run, uint64_t reservation, int32_t provider,
                                        const char *body, size_t len, ag_usage *usage_out,
                                        int64_t *cost_out) {
  if (run == nullptr) return AG_E_INVALID_ARGUMENT;
  prov::Response r;
  ag_status s = ag::guarded(&run->last_error, [&]() -> ag_status {
    if (body == nullptr && len != 0)
      ag::fail(AG_E_INVALID_ARGUMENT, "body: NULL with a non-zero length");
    if (!valid_provider(provider))
      ag::fail(AG_E_INVALID_ARGUMENT, "provider: " + std::to_string(provider) + " is not an AG_PROVIDER_* value");
    if (usage_out != nullptr) {
      ag_usage probe{};
      probe.struct_size = usage_out->struct_size;
      copy_usage(probe, &probe);  // checks the size before anything is committed
    }
    // Recording reads the usage only: the text is checked but not kept.
    r = prov::parse_body(static_cast<prov::Provider>(provider),
                         std::string_view(body ? body : "", len), prov::BodyParts::kNoText);
    return AG_OK;
  });
  if (s != AG_OK) return s;
  return ag::guarded(&run->last_error, [&] { return record(run, reservation, r, usage_out, cost_out); });
}

AG_API ag_status ag_run_record_stream(ag_run *run, uint64_t reservation,
                                      const ag_stream_parser *parser, ag_usage *usage_out,
                                      int64_t *cost_out) {
  if (run == nullptr) return AG_E_INVALID_ARGUMENT;
  return ag::guarded(&run->last_error, [&]() -> ag_status {
    if (parser == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "parser: must not be NULL");
    if (!parser->parser.finished())
      ag::fail(AG_E_STATE, "parser: call ag_stream_parser_finish before recording the stream");
    return record(run, reservation, parser->parser.snapshot(), usage_out, cost_out);
  });
}

}  // extern "C"
