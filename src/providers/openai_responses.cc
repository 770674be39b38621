// OpenAI Responses: bodies (object "response") and stream events (response.created,
// response.output_item.added/done, response.function_call_arguments.delta/done,
// response.output_text.delta, response.completed/incomplete/failed, error).
// Finish: status "completed" is STOP (TOOL_CALLS with function calls); "incomplete" takes
// incomplete_details.reason (max_output_tokens, content_filter).
#include <string>

#include "providers/openai_usage.h"
#include "providers/parsers.h"

namespace ag::providers {
namespace {

struct Item {
  std::string_view type, call_id, name, arguments;
};

// Reads one output item; message items append their output_text to r.text when `text_out`.
Item read_item(const JsonSource &src, od::value item, Response *text_out) {
  Item it;
  src.each_field(item, "output[]", [&](std::string_view key, od::value v) {
    if (key == "type") {
      it.type = src.str(v, "output[].type");
    } else if (key == "call_id") {
      it.call_id = src.str(v, "output[].call_id");
    } else if (key == "name") {
      it.name = src.str(v, "output[].name");
    } else if (key == "arguments") {
      it.arguments = src.str(v, "output[].arguments");
    } else if (key == "content" && text_out != nullptr) {
      src.each_element(v, "output[].content", [&](size_t, od::value part) {
        std::string_view ptype, text;
        src.each_field(part, "output[].content[]", [&](std::string_view k, od::value p) {
          if (k == "type") ptype = src.str(p, "output[].content[].type");
          else if (k == "text") text = src.str(p, "output[].content[].text");
        });
        if (ptype == "output_text" && src.keep_text()) text_out->text.append(text);
      });
    }
  });
  return it;
}

// The response object: a whole body, or the "response" of a stream event. Output items are
// read only for bodies (streams assemble them from their own events).
void read_response(const JsonSource &src, od::value resp, Response &r, bool with_output) {
  r.provider = Provider::kOpenAIResponses;
  std::string_view status, incomplete_reason;
  src.each_field(resp, "", [&](std::string_view key, od::value v) {
    if (key == "id") {
      r.id.assign(src.str(v, "id"));
    } else if (key == "model") {
      r.model.assign(src.str(v, "model"));
    } else if (key == "status") {
      status = src.str(v, "status");
    } else if (key == "usage") {
      read_openai_usage(src, v, r.usage);
    } else if (key == "incomplete_details") {
      src.each_field(v, "incomplete_details", [&](std::string_view k, od::value d) {
        if (k == "reason") incomplete_reason = src.str(d, "incomplete_details.reason");
      });
    } else if (key == "error" && !src.is_null(v)) {
      throw_provider_error(src.json_text(v, "error"));
    } else if (key == "output" && with_output) {
      src.each_element(v, "output", [&](size_t, od::value item) {
        Item it = read_item(src, item, &r);
        if (it.type == "function_call")
          r.tool_calls.push_back(ToolCall{std::string(it.call_id), std::string(it.name),
                                          std::string(it.arguments)});
      });
    }
  });
  if (status == "completed") set_finish(r, status);
  else if (status == "incomplete") set_finish(r, incomplete_reason.empty() ? status : incomplete_reason);
}

}  // namespace

void parse_openai_responses(const JsonSource &src, od::value root, Response &r) {
  read_response(src, root, r, true);
}

void openai_responses_event(const JsonSource &src, od::value root, StreamState &st,
                            Response &r) {
  r.provider = Provider::kOpenAIResponses;
  const char *at = root.raw_json_token().data();
  od::object obj;
  src.check(root.get_object().get(obj), "", at);
  std::string_view type = src.event_type(obj, at);
  if (type == "error") throw_provider_error(src.whole_object(obj, at));
  const bool terminal = type == "response.completed" || type == "response.incomplete";
  const std::string key = std::to_string(src.u64_field(obj, "output_index", "output_index", at, 0));
  src.each_field(obj, "", at, [&](std::string_view field, od::value v) {
    if (field == "response") {
      if (type == "response.failed") {
        Response failed;
        read_response(src, v, failed, false);  // throws on its error object
        throw Error(AG_E_PROVIDER_ERROR, "provider error: response.failed without an error");
      }
      read_response(src, v, r, false);
    } else if (field == "item") {
      if (type != "response.output_item.added" && type != "response.output_item.done") return;
      Item it = read_item(src, v, nullptr);
      if (it.type != "function_call") return;
      ToolCall &call = st.tool_call(r, key);
      if (!it.call_id.empty()) call.id.assign(it.call_id);
      if (!it.name.empty()) call.name.assign(it.name);
      if (type == "response.output_item.done") call.arguments.assign(it.arguments);
    } else if (field == "delta") {
      if (type == "response.output_text.delta") {
        st.text(r, src.str(v, "delta"));
      } else if (type == "response.function_call_arguments.delta") {
        st.tool_call(r, key).arguments.append(src.str(v, "delta"));
      }
    } else if (field == "arguments" && type == "response.function_call_arguments.done") {
      st.tool_call(r, key).arguments.assign(src.str(v, "arguments"));
    }
  });
  if (terminal) st.done = true;
}

}  // namespace ag::providers
