// A parsed provider response, normalised across the four APIs. Built by the body parsers and
// the stream parser; read through the C accessors.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "agentguard.h"

namespace ag::providers {

enum class Provider : int32_t {
  kAuto = AG_PROVIDER_AUTO,
  kOpenAIChat = AG_PROVIDER_OPENAI_CHAT,
  kOpenAIResponses = AG_PROVIDER_OPENAI_RESPONSES,
  kAnthropic = AG_PROVIDER_ANTHROPIC,
  kGemini = AG_PROVIDER_GEMINI,
};

// Largest body, or single stream event, accepted.
constexpr size_t kMaxBytes = AG_MAX_RESPONSE_BYTES;

struct ToolCall {
  std::string id;
  std::string name;
  std::string arguments;  // JSON text
};

// Token counts exactly as the provider reports them, with the two flags that say how its
// counting differs from ag_usage. normalize() is the one place the rules live.
struct RawUsage {
  uint64_t input = 0;          // prompt tokens as reported
  uint64_t cache_read = 0;
  uint64_t cache_write = 0;    // all cache writes (5 m + 1 h)
  uint64_t cache_write_1h = 0;
  uint64_t tool_prompt = 0;    // Gemini toolUsePromptTokenCount (billed as input)
  uint64_t output = 0;
  uint64_t reasoning = 0;
  bool input_excludes_cache = false;    // Anthropic
  bool output_excludes_reasoning = false;  // Gemini
};

ag_usage normalize(const RawUsage &raw);

struct Response {
  Provider provider = Provider::kAuto;
  std::string model;
  std::string id;
  std::string finish_raw;
  int32_t finish = AG_FINISH_NONE;
  std::string text;
  std::vector<ToolCall> tool_calls;
  RawUsage usage;
  bool truncated = false;
};

// Sets finish and finish_raw from the provider's word (see finish.cc for the tables).
void set_finish(Response &r, std::string_view raw);
// Applies the rules that need the whole response (STOP with tool calls is TOOL_CALLS).
// Called once a body is parsed and on every stream snapshot.
void finalize_finish(Response &r);

const char *provider_name(Provider p);
const char *finish_name(int32_t finish);

// Serialises r as the JSON object documented at ag_response_to_json.
std::string to_json(const Response &r);

}  // namespace ag::providers
