// Gemini generateContent / streamGenerateContent (AI Studio and Vertex). A body and a stream
// chunk have the same shape, so one handler reads both. Usage: candidatesTokenCount excludes
// thoughtsTokenCount; streams repeat cumulative usageMetadata, the last one wins. Function
// calls come whole ("args") or, on Vertex, as partialArgs continued over chunks.
#include <string>

#include "providers/parsers.h"

namespace ag::providers {
namespace {

RawUsage read_usage(const JsonSource &src, od::value usage) {
  RawUsage raw;
  raw.output_excludes_reasoning = true;
  src.each_field(usage, "usageMetadata", [&](std::string_view key, od::value v) {
    if (key == "promptTokenCount") raw.input = src.u64(v, "usageMetadata.promptTokenCount");
    else if (key == "cachedContentTokenCount")
      raw.cache_read = src.u64(v, "usageMetadata.cachedContentTokenCount");
    else if (key == "candidatesTokenCount")
      raw.output = src.u64(v, "usageMetadata.candidatesTokenCount");
    else if (key == "thoughtsTokenCount")
      raw.reasoning = src.u64(v, "usageMetadata.thoughtsTokenCount");
    else if (key == "toolUsePromptTokenCount")
      raw.tool_prompt = src.u64(v, "usageMetadata.toolUsePromptTokenCount");
  });
  return raw;
}

void read_partial_args(const JsonSource &src, od::value list, PartialArgs &out) {
  src.each_element(list, "functionCall.partialArgs", [&](size_t, od::value arg) {
    std::string_view path, str;
    std::string value;
    bool is_string = false, will_continue = false;
    src.each_field(arg, "functionCall.partialArgs[]", [&](std::string_view k, od::value v) {
      if (k == "jsonPath") {
        path = src.str(v, "partialArgs[].jsonPath");
      } else if (k == "stringValue") {
        str = src.str(v, "partialArgs[].stringValue");
        is_string = true;
      } else if (k == "numberValue" || k == "boolValue") {
        value = src.json_text(v, "partialArgs[].value");
      } else if (k == "nullValue") {
        value = "null";
      } else if (k == "willContinue") {
        will_continue = src.boolean(v, "partialArgs[].willContinue");
      }
    });
    if (is_string) out.add_string(path, str, will_continue);
    else out.add_value(path, value.empty() ? std::string_view("null") : value);
  });
}

void read_function_call(const JsonSource &src, od::value fc, StreamState &st, Response &r) {
  std::string_view name, id;
  std::string args;
  bool has_partial = false;
  PartialArgs partial;
  src.each_field(fc, "functionCall", [&](std::string_view k, od::value v) {
    if (k == "name") name = src.str(v, "functionCall.name");
    else if (k == "id") id = src.str(v, "functionCall.id");
    else if (k == "args") args = src.json_text(v, "functionCall.args");
    else if (k == "partialArgs") {
      has_partial = true;
      read_partial_args(src, v, partial);
    }
  });
  if (name.empty()) {
    // A continuation of the call in progress (Vertex streaming arguments).
    if (r.tool_calls.empty() || !has_partial) return;
    const size_t pos = r.tool_calls.size() - 1;
    if (st.partial_args.size() <= pos) st.partial_args.resize(pos + 1);
    st.partial_args[pos].merge(partial);
    return;
  }
  ToolCall &call = st.tool_call(r, std::to_string(r.tool_calls.size()));
  call.name.assign(name);
  call.id.assign(id);
  call.arguments = std::move(args);
  if (has_partial) {
    const size_t pos = r.tool_calls.size() - 1;
    if (st.partial_args.size() <= pos) st.partial_args.resize(pos + 1);
    st.partial_args[pos].merge(partial);
  }
}

void read_candidate(const JsonSource &src, od::value cand, StreamState &st, Response &r) {
  std::string_view finish;
  src.each_field(cand, "candidates[0]", [&](std::string_view key, od::value v) {
    if (key == "finishReason") {
      finish = src.str(v, "candidates[0].finishReason");
    } else if (key == "content") {
      src.each_field(v, "candidates[0].content", [&](std::string_view k, od::value c) {
        if (k != "parts") return;
        src.each_element(c, "candidates[0].content.parts", [&](size_t, od::value part) {
          std::string_view text;
          bool thought = false;
          src.each_field(part, "parts[]", [&](std::string_view pk, od::value pv) {
            if (pk == "text") text = src.str(pv, "parts[].text");
            else if (pk == "thought") thought = src.boolean(pv, "parts[].thought");
            else if (pk == "functionCall") read_function_call(src, pv, st, r);
          });
          if (!thought && src.keep_text()) st.text(r, text);
        });
      });
    }
  });
  if (!finish.empty()) {
    set_finish(r, finish);
    st.done = true;
  }
}

}  // namespace

void gemini_event(const JsonSource &src, od::value root, StreamState &st, Response &r) {
  r.provider = Provider::kGemini;
  std::string_view block_reason;
  src.each_field(root, "", [&](std::string_view key, od::value v) {
    if (key == "candidates") {
      src.each_element(v, "candidates", [&](size_t i, od::value c) {
        if (i == 0) read_candidate(src, c, st, r);
      });
    } else if (key == "usageMetadata") {
      r.usage = read_usage(src, v);
    } else if (key == "modelVersion") {
      r.model.assign(src.str(v, "modelVersion"));
    } else if (key == "responseId") {
      r.id.assign(src.str(v, "responseId"));
    } else if (key == "promptFeedback") {
      src.each_field(v, "promptFeedback", [&](std::string_view k, od::value f) {
        if (k == "blockReason") block_reason = src.str(f, "promptFeedback.blockReason");
      });
    } else if (key == "error" && !src.is_null(v)) {
      throw_provider_error(src.json_text(v, "error"));
    }
  });
  if (!block_reason.empty()) {
    // The prompt itself was blocked: no candidates will follow.
    r.finish = AG_FINISH_CONTENT_FILTER;
    r.finish_raw.assign(block_reason);
    st.done = true;
  }
}

void assign_gemini_ids(Response &r) {
  for (size_t i = 0; i < r.tool_calls.size(); ++i) {
    ToolCall &c = r.tool_calls[i];
    if (!c.id.empty()) continue;
    c.id = "call_" + (r.id.empty() ? std::string("gemini") : r.id) + "_" + std::to_string(i) +
           "_" + c.name;
  }
}

}  // namespace ag::providers
