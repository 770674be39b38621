// Which API produced a body or stream event, from keys only one API uses.
#include "providers/parsers.h"

namespace ag::providers {

Provider detect_body(const JsonSource &src, od::value root, bool *is_error) {
  Provider found = Provider::kAuto;
  *is_error = false;
  src.each_field(root, "", [&](std::string_view key, od::value v) {
    if (key == "error") {
      if (!src.is_null(v)) *is_error = true;
    } else if (found != Provider::kAuto) {
      return;  // keep reading: an error key may still follow
    } else if (key == "choices") {
      found = Provider::kOpenAIChat;
    } else if (key == "output") {
      found = Provider::kOpenAIResponses;
    } else if (key == "candidates" || key == "usageMetadata" || key == "promptFeedback" ||
               key == "modelVersion") {
      found = Provider::kGemini;
    } else if (key == "stop_reason" || key == "content") {
      found = Provider::kAnthropic;
    } else if (key == "type") {
      std::string_view t = src.str(v, "type");
      if (t == "message") found = Provider::kAnthropic;
      else if (t == "error") *is_error = true;
    } else if (key == "object") {
      std::string_view o = src.str(v, "object");
      if (o == "chat.completion") found = Provider::kOpenAIChat;
      else if (o == "response") found = Provider::kOpenAIResponses;
    }
  });
  return found;
}

Provider detect_event(const JsonSource &src, od::value root, std::string_view event_name) {
  if (event_name.substr(0, 9) == "response.") return Provider::kOpenAIResponses;
  if (event_name.substr(0, 8) == "message_" || event_name.substr(0, 14) == "content_block_")
    return Provider::kAnthropic;
  Provider found = Provider::kAuto;
  src.each_field(root, "", [&](std::string_view key, od::value v) {
    if (found != Provider::kAuto) return;
    if (key == "choices") {
      found = Provider::kOpenAIChat;
    } else if (key == "candidates" || key == "usageMetadata" || key == "modelVersion" ||
               key == "promptFeedback") {
      found = Provider::kGemini;
    } else if (key == "type") {
      std::string_view t = src.str(v, "type");
      if (t.substr(0, 9) == "response.") found = Provider::kOpenAIResponses;
      else if (t.substr(0, 8) == "message_" || t.substr(0, 14) == "content_block_" || t == "ping")
        found = Provider::kAnthropic;
    } else if (key == "object") {
      if (src.str(v, "object") == "chat.completion.chunk") found = Provider::kOpenAIChat;
    }
  });
  return found;
}

}  // namespace ag::providers
