// One parser per provider API. Body parsers read a whole non-streaming response; event
// handlers read one decoded stream event (its JSON data) and update the stream's state.
// All throw ag::Error: AG_E_PARSE for malformed input, AG_E_PROVIDER_ERROR for error events.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "providers/gemini_partial_args.h"
#include "providers/json_read.h"
#include "providers/response.h"

namespace ag::providers {

// What a stream has to remember between events besides the Response itself.
struct StreamState {
  // Provider key of each tool call (chat index, Anthropic block index, Responses
  // output_index) -> position in Response::tool_calls.
  std::vector<std::pair<std::string, size_t>> tool_slots;
  // Vertex partialArgs per tool call position (empty for calls sent whole).
  std::vector<PartialArgs> partial_args;
  std::string pending_text;  // output text not yet taken by the host
  // When a scrub stream is attached, text waits here until the parser has redacted it;
  // only redacted text reaches the response and pending_text.
  bool hold_raw_text = false;
  std::string raw_text;
  bool done = false;  // terminal event seen

  // The tool call with this key, created (with its position recorded) when new.
  ToolCall &tool_call(Response &r, std::string_view key);
  // Output text goes to both the response and the pending buffer.
  void text(Response &r, std::string_view s) {
    if (hold_raw_text) {
      raw_text.append(s);
      return;
    }
    r.text.append(s);
    pending_text.append(s);
  }
};

// Reads the top-level fields and tells which API produced the body: the first key that only
// one API uses decides. Returns kAuto when nothing decides. *is_error is set when the body is
// an error object (any provider).
Provider detect_body(const JsonSource &src, od::value root, bool *is_error);
// The same for one stream event's data.
Provider detect_event(const JsonSource &src, od::value root, std::string_view event_name);

void parse_openai_chat(const JsonSource &src, od::value root, Response &r);
void parse_openai_responses(const JsonSource &src, od::value root, Response &r);
void parse_anthropic(const JsonSource &src, od::value root, Response &r);

void openai_chat_event(const JsonSource &src, od::value root, StreamState &st, Response &r);
void openai_responses_event(const JsonSource &src, od::value root, StreamState &st,
                            Response &r);
void anthropic_event(const JsonSource &src, od::value root, StreamState &st, Response &r);
// Also reads Gemini bodies: a body and a chunk have the same shape, and a body may be a JSON
// array of chunks (streamGenerateContent without SSE).
void gemini_event(const JsonSource &src, od::value root, StreamState &st, Response &r);

// Stream end bookkeeping shared by every provider: partial arguments assembled, Gemini ids
// derived, finish finalised. Idempotent.
void finalize_stream(const StreamState &st, Response &r);
// Gemini gives calls no id; derive a stable one from the response id, position and name.
void assign_gemini_ids(Response &r);

// Throws AG_E_PROVIDER_ERROR with the class and message of an error object (`error` value,
// or the whole body for Anthropic's {"type":"error",...}).
[[noreturn]] void throw_provider_error(std::string_view error_json);

}  // namespace ag::providers
