// OpenAI Chat Completions: bodies (chat.completion) and stream chunks (chat.completion.chunk).
// Only the first choice is read; n > 1 is not a case agents use.
#include <string>

#include "providers/openai_usage.h"
#include "providers/parsers.h"

namespace ag::providers {
namespace {

void read_tool_call(const JsonSource &src, od::object &call, const char *at, ToolCall &out,
                    bool append_args) {
  src.each_field(call, "tool_calls[]", at, [&](std::string_view key, od::value v) {
    if (key == "id") {
      std::string_view id = src.str(v, "tool_calls[].id");
      if (!id.empty()) out.id.assign(id);
    } else if (key == "function") {
      src.each_field(v, "tool_calls[].function", [&](std::string_view k, od::value f) {
        if (k == "name") {
          std::string_view name = src.str(f, "tool_calls[].function.name");
          if (!name.empty()) out.name.assign(name);
        } else if (k == "arguments") {
          std::string_view args = src.str(f, "tool_calls[].function.arguments");
          if (append_args) out.arguments.append(args);
          else out.arguments.assign(args);
        }
      });
    }
  });
}

// Fields common to bodies and chunks; `choice` handles the first choice.
template <class ChoiceFn>
void read_top(const JsonSource &src, od::value root, Response &r, ChoiceFn &&choice) {
  src.each_field(root, "", [&](std::string_view key, od::value v) {
    if (key == "id") {
      r.id.assign(src.str(v, "id"));
    } else if (key == "model") {
      r.model.assign(src.str(v, "model"));
    } else if (key == "usage") {
      read_openai_usage(src, v, r.usage);
    } else if (key == "choices") {
      src.each_element(v, "choices", [&](size_t i, od::value c) {
        if (i == 0) choice(c);
      });
    } else if (key == "error" && !src.is_null(v)) {
      throw_provider_error(src.json_text(v, "error"));
    }
  });
}

}  // namespace

void parse_openai_chat(const JsonSource &src, od::value root, Response &r) {
  r.provider = Provider::kOpenAIChat;
  read_top(src, root, r, [&](od::value choice) {
    src.each_field(choice, "choices[0]", [&](std::string_view key, od::value v) {
      if (key == "finish_reason") {
        set_finish(r, src.str(v, "choices[0].finish_reason"));
      } else if (key == "message") {
        src.each_field(v, "choices[0].message", [&](std::string_view k, od::value m) {
          if (k == "content") {
            const std::string_view text = src.str(m, "choices[0].message.content");
            if (src.keep_text()) r.text.assign(text);
          } else if (k == "tool_calls") {
            src.each_element(m, "choices[0].message.tool_calls", [&](size_t, od::value c) {
              const char *at = c.raw_json_token().data();
              od::object obj;
              src.check(c.get_object().get(obj), "tool_calls[]", at);
              r.tool_calls.emplace_back();
              read_tool_call(src, obj, at, r.tool_calls.back(), false);
            });
          }
        });
      }
    });
  });
}

void openai_chat_event(const JsonSource &src, od::value root, StreamState &st, Response &r) {
  r.provider = Provider::kOpenAIChat;
  read_top(src, root, r, [&](od::value choice) {
    src.each_field(choice, "choices[0]", [&](std::string_view key, od::value v) {
      if (key == "finish_reason") {
        std::string_view reason = src.str(v, "choices[0].finish_reason");
        if (!reason.empty()) set_finish(r, reason);
      } else if (key == "delta") {
        src.each_field(v, "choices[0].delta", [&](std::string_view k, od::value d) {
          if (k == "content") {
            st.text(r, src.str(d, "choices[0].delta.content"));
          } else if (k == "tool_calls") {
            src.each_element(d, "choices[0].delta.tool_calls", [&](size_t, od::value c) {
              // Deltas name their call by "index"; it is read before the other fields.
              const char *at = c.raw_json_token().data();
              od::object obj;
              src.check(c.get_object().get(obj), "tool_calls[]", at);
              uint64_t index = src.u64_field(obj, "index", "tool_calls[].index", at, 0);
              ToolCall &call = st.tool_call(r, std::to_string(index));
              read_tool_call(src, obj, at, call, true);
                          });
          }
        });
      }
    });
  });
}

}  // namespace ag::providers
