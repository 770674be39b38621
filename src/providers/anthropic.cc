// Anthropic Messages: bodies (type "message") and stream events (message_start,
// content_block_start/delta/stop, message_delta, message_stop, ping, error).
// Usage: input_tokens excludes cache reads and writes; message_delta's output_tokens is
// cumulative (it replaces, never adds) and may repeat the input fields.
#include <string>

#include "providers/parsers.h"

namespace ag::providers {
namespace {

void read_usage(const JsonSource &src, od::value usage, RawUsage &raw) {
  raw.input_excludes_cache = true;
  src.each_field(usage, "usage", [&](std::string_view key, od::value v) {
    if (key == "input_tokens") {
      raw.input = src.u64(v, "usage.input_tokens");
    } else if (key == "output_tokens") {
      raw.output = src.u64(v, "usage.output_tokens");
    } else if (key == "cache_read_input_tokens") {
      raw.cache_read = src.u64(v, "usage.cache_read_input_tokens");
    } else if (key == "cache_creation_input_tokens") {
      raw.cache_write = src.u64(v, "usage.cache_creation_input_tokens");
    } else if (key == "cache_creation") {
      src.each_field(v, "usage.cache_creation", [&](std::string_view k, od::value c) {
        if (k == "ephemeral_1h_input_tokens")
          raw.cache_write_1h = src.u64(c, "usage.cache_creation.ephemeral_1h_input_tokens");
      });
    }
  });
}

// One content block of a body: text is appended, tool_use becomes a call. Thinking and
// provider-run server tools are not output the host acts on.
void read_block(const JsonSource &src, od::value block, Response &r) {
  std::string_view type, text, id, name;
  std::string input;
  src.each_field(block, "content[]", [&](std::string_view key, od::value v) {
    if (key == "type") type = src.str(v, "content[].type");
    else if (key == "text") text = src.str(v, "content[].text");
    else if (key == "id") id = src.str(v, "content[].id");
    else if (key == "name") name = src.str(v, "content[].name");
    else if (key == "input") input = src.json_text(v, "content[].input");
  });
  if (type == "text") {
    if (src.keep_text()) r.text.append(text);
  } else if (type == "tool_use") {
    r.tool_calls.push_back(ToolCall{std::string(id), std::string(name),
                                    input.empty() ? std::string("{}") : std::move(input)});
  }
}

// The message object: a whole body, or message_start's "message".
void read_message(const JsonSource &src, od::value msg, Response &r) {
  r.provider = Provider::kAnthropic;
  src.each_field(msg, "", [&](std::string_view key, od::value v) {
    if (key == "id") {
      r.id.assign(src.str(v, "id"));
    } else if (key == "model") {
      r.model.assign(src.str(v, "model"));
    } else if (key == "stop_reason") {
      std::string_view reason = src.str(v, "stop_reason");
      if (!reason.empty()) set_finish(r, reason);
    } else if (key == "usage") {
      read_usage(src, v, r.usage);
    } else if (key == "content") {
      src.each_element(v, "content", [&](size_t, od::value b) { read_block(src, b, r); });
    } else if (key == "error" && !src.is_null(v)) {  // {"type":"error","error":{...}}
      throw_provider_error(src.json_text(v, "error"));
    }
  });
}

}  // namespace

void parse_anthropic(const JsonSource &src, od::value root, Response &r) {
  read_message(src, root, r);
}

void anthropic_event(const JsonSource &src, od::value root, StreamState &st, Response &r) {
  r.provider = Provider::kAnthropic;
  const char *at = root.raw_json_token().data();
  od::object obj;
  src.check(root.get_object().get(obj), "", at);
  std::string_view type = src.event_type(obj, at);
  if (type == "error") throw_provider_error(src.whole_object(obj, at));
  const std::string index = std::to_string(src.u64_field(obj, "index", "index", at, 0));
  src.each_field(obj, "", at, [&](std::string_view key, od::value v) {
    if (key == "message" && type == "message_start") {
      read_message(src, v, r);
    } else if (key == "content_block") {
      std::string_view btype, id, name, text;
      src.each_field(v, "content_block", [&](std::string_view k, od::value b) {
        if (k == "type") btype = src.str(b, "content_block.type");
        else if (k == "id") id = src.str(b, "content_block.id");
        else if (k == "name") name = src.str(b, "content_block.name");
        else if (k == "text") text = src.str(b, "content_block.text");
      });
      if (btype == "tool_use") {
        ToolCall &call = st.tool_call(r, index);
        call.id.assign(id);
        call.name.assign(name);
      } else if (btype == "text") {
        st.text(r, text);
      }
    } else if (key == "delta") {
      std::string_view dtype, piece, reason;
      src.each_field(v, "delta", [&](std::string_view k, od::value d) {
        if (k == "type") dtype = src.str(d, "delta.type");
        else if (k == "text") piece = src.str(d, "delta.text");
        else if (k == "partial_json") piece = src.str(d, "delta.partial_json");
        else if (k == "stop_reason") reason = src.str(d, "delta.stop_reason");
      });
      if (dtype == "text_delta") st.text(r, piece);
      else if (dtype == "input_json_delta") st.tool_call(r, index).arguments.append(piece);
      if (!reason.empty()) set_finish(r, reason);
    } else if (key == "usage") {
      read_usage(src, v, r.usage);
    }
  });
  if (type == "message_stop") st.done = true;
}

}  // namespace ag::providers
