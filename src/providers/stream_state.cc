#include "providers/parsers.h"

namespace ag::providers {

ToolCall &StreamState::tool_call(Response &r, std::string_view key) {
  for (const auto &slot : tool_slots)
    if (slot.first == key) return r.tool_calls[slot.second];
  tool_slots.emplace_back(std::string(key), r.tool_calls.size());
  r.tool_calls.emplace_back();
  return r.tool_calls.back();
}

void finalize_stream(const StreamState &st, Response &r) {
  for (size_t i = 0; i < r.tool_calls.size(); ++i) {
    ToolCall &c = r.tool_calls[i];
    if (i < st.partial_args.size() && !st.partial_args[i].empty())
      c.arguments = st.partial_args[i].build();
    if (c.arguments.empty()) c.arguments = "{}";
  }
  if (r.provider == Provider::kGemini) assign_gemini_ids(r);
  finalize_finish(r);
}

}  // namespace ag::providers
