#include "providers/response.h"

#include <limits>

#include "providers/json_write.h"

namespace ag::providers {
namespace {

uint64_t add_sat(uint64_t a, uint64_t b) {
  return a > std::numeric_limits<uint64_t>::max() - b ? std::numeric_limits<uint64_t>::max()
                                                      : a + b;
}

}  // namespace

ag_usage normalize(const RawUsage &raw) {
  ag_usage u{};
  u.struct_size = sizeof(ag_usage);
  u.input_tokens = add_sat(raw.input, raw.tool_prompt);
  if (raw.input_excludes_cache)
    u.input_tokens = add_sat(u.input_tokens, add_sat(raw.cache_read, raw.cache_write));
  u.cached_input_tokens = raw.cache_read;
  u.cache_write_tokens = raw.cache_write;
  u.cache_write_1h_tokens = raw.cache_write_1h;
  u.output_tokens = raw.output_excludes_reasoning ? add_sat(raw.output, raw.reasoning) : raw.output;
  u.reasoning_tokens = raw.reasoning;
  return u;
}

const char *provider_name(Provider p) {
  switch (p) {
    case Provider::kAuto: return "auto";
    case Provider::kOpenAIChat: return "openai-chat";
    case Provider::kOpenAIResponses: return "openai-responses";
    case Provider::kAnthropic: return "anthropic";
    case Provider::kGemini: return "gemini";
  }
  return "unknown";
}

std::string to_json(const Response &r) {
  const ag_usage u = normalize(r.usage);
  JsonWriter w;
  w.begin_object();
  w.key("provider").string(provider_name(r.provider));
  w.key("model").string(r.model);
  w.key("id").string(r.id);
  w.key("finish_reason").string(finish_name(r.finish));
  w.key("finish_reason_raw").string(r.finish_raw);
  w.key("text").string(r.text);
  w.key("truncated").boolean(r.truncated);
  w.key("usage").begin_object();
  w.key("input_tokens").number(u.input_tokens);
  w.key("cached_input_tokens").number(u.cached_input_tokens);
  w.key("cache_write_tokens").number(u.cache_write_tokens);
  w.key("cache_write_1h_tokens").number(u.cache_write_1h_tokens);
  w.key("output_tokens").number(u.output_tokens);
  w.key("reasoning_tokens").number(u.reasoning_tokens);
  w.end_object();
  w.key("tool_calls").begin_array();
  for (const ToolCall &c : r.tool_calls) {
    w.begin_object();
    w.key("id").string(c.id);
    w.key("name").string(c.name);
    w.key("arguments").string(c.arguments);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace ag::providers
