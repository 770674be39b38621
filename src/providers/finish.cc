// Finish reasons: each provider's words mapped onto AG_FINISH_*.
#include <string_view>

#include "providers/response.h"

namespace ag::providers {
namespace {

struct Mapping {
  std::string_view raw;
  int32_t finish;
};

// OpenAI Chat finish_reason, Anthropic stop_reason, Gemini finishReason and the Responses
// status / incomplete_details.reason, one table: the words do not collide across providers.
constexpr Mapping kMappings[] = {
    {"stop", AG_FINISH_STOP},
    {"length", AG_FINISH_LENGTH},
    {"tool_calls", AG_FINISH_TOOL_CALLS},
    {"function_call", AG_FINISH_TOOL_CALLS},
    {"content_filter", AG_FINISH_CONTENT_FILTER},
    {"end_turn", AG_FINISH_STOP},
    {"stop_sequence", AG_FINISH_STOP},
    {"max_tokens", AG_FINISH_LENGTH},
    {"model_context_window_exceeded", AG_FINISH_LENGTH},
    {"tool_use", AG_FINISH_TOOL_CALLS},
    {"refusal", AG_FINISH_CONTENT_FILTER},
    {"pause_turn", AG_FINISH_OTHER},
    {"STOP", AG_FINISH_STOP},
    {"MAX_TOKENS", AG_FINISH_LENGTH},
    {"SAFETY", AG_FINISH_CONTENT_FILTER},
    {"RECITATION", AG_FINISH_CONTENT_FILTER},
    {"BLOCKLIST", AG_FINISH_CONTENT_FILTER},
    {"PROHIBITED_CONTENT", AG_FINISH_CONTENT_FILTER},
    {"SPII", AG_FINISH_CONTENT_FILTER},
    {"IMAGE_SAFETY", AG_FINISH_CONTENT_FILTER},
    {"completed", AG_FINISH_STOP},
    {"max_output_tokens", AG_FINISH_LENGTH},
};

}  // namespace

void set_finish(Response &r, std::string_view raw) {
  r.finish_raw.assign(raw.data(), raw.size());
  r.finish = raw.empty() ? AG_FINISH_NONE : AG_FINISH_OTHER;
  for (const Mapping &m : kMappings) {
    if (m.raw == raw) {
      r.finish = m.finish;
      break;
    }
  }
}

void finalize_finish(Response &r) {
  // Gemini and Responses say STOP / completed when the model calls tools.
  if (r.finish == AG_FINISH_STOP && !r.tool_calls.empty()) r.finish = AG_FINISH_TOOL_CALLS;
}

const char *finish_name(int32_t finish) {
  switch (finish) {
    case AG_FINISH_NONE: return "none";
    case AG_FINISH_STOP: return "stop";
    case AG_FINISH_LENGTH: return "length";
    case AG_FINISH_TOOL_CALLS: return "tool_calls";
    case AG_FINISH_CONTENT_FILTER: return "content_filter";
    case AG_FINISH_OTHER: return "other";
    default: return "unknown";
  }
}

}  // namespace ag::providers
