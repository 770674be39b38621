#include "providers/stream_parser.h"

namespace ag::providers {
namespace {

bool blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  return true;
}

const char *terminal_event(Provider p) {
  switch (p) {
    case Provider::kOpenAIChat: return "data: [DONE]";
    case Provider::kOpenAIResponses: return "response.completed";
    case Provider::kAnthropic: return "message_stop";
    case Provider::kGemini: return "a finishReason";
    case Provider::kAuto: break;
  }
  return "a terminal event";
}

}  // namespace

void StreamParser::write(std::string_view chunk) {
  written_ = true;
  framer_.write(chunk, [this](std::string_view name, std::string &data) { on_event(name, data); });
  flush_scrub(false);
}

void StreamParser::flush_scrub(bool finish) {
  if (scrub_ == nullptr || (st_.raw_text.empty() && !finish)) return;
  const size_t len = finish ? 0 : st_.raw_text.size();
  scrub_out_.resize(ag_scrub_stream_bound(scrub_, len));
  size_t n = 0;
  ag_status s = finish ? ag_scrub_stream_finish(scrub_, scrub_out_.data(), scrub_out_.size(), &n)
                       : ag_scrub_stream_write(scrub_, st_.raw_text.data(), len,
                                               scrub_out_.data(), scrub_out_.size(), &n);
  if (s != AG_OK) {
    char msg[512];
    ag_scrub_stream_last_error(scrub_, msg, sizeof msg);
    fail(s, std::string("scrub stream: ") + msg);
  }
  st_.raw_text.clear();
  r_.text.append(scrub_out_.data(), n);
  st_.pending_text.append(scrub_out_.data(), n);
}

ag_status StreamParser::finish(std::string *message) {
  finished_ = true;
  try {
    framer_.finish([this](std::string_view name, std::string &data) { on_event(name, data); });
    flush_scrub(false);
  } catch (const Error &e) {
    // The stream stopped inside its last event; what came before still counts.
    if (e.status() != AG_E_PARSE) throw;
    flush_scrub(true);
    r_.truncated = true;
    *message = std::string("stream ended inside an event: ") + e.what();
    return AG_E_TRUNCATED;
  }
  flush_scrub(true);
  if (st_.done) return AG_OK;
  r_.truncated = true;
  *message = std::string("stream ended without its terminal event (") +
             terminal_event(r_.provider) + ") after " + std::to_string(events_) + " events";
  return AG_E_TRUNCATED;
}

Response StreamParser::snapshot() const {
  Response r = r_;
  finalize_stream(st_, r);
  return r;
}

void StreamParser::on_event(std::string_view name, std::string &data) {
  ++events_;
  if (data == "[DONE]") {
    st_.done = true;
    return;
  }
  if (blank(data)) return;
  const std::string label = "event " + std::to_string(events_);
  data.reserve(data.size() + simdjson::SIMDJSON_PADDING);
  simdjson::padded_string_view json(data.data(), data.size(), data.capacity());
  JsonSource src(data.data(), data.size(), label);
  simdjson::ondemand::document doc;
  src.check(json_.iterate(json).get(doc), "", nullptr);
  dispatch(src, doc, name, data);
  src.expect_end(doc);
}

void StreamParser::dispatch(const JsonSource &src, simdjson::ondemand::document &doc,
                            std::string_view name, std::string_view data) {
  od::value root;
  src.check(doc.get_value().get(root), "", nullptr);
  if (provider_ == Provider::kAuto) {
    provider_ = detect_event(src, root, name);
    doc.rewind();
    src.check(doc.get_value().get(root), "", nullptr);
    if (provider_ == Provider::kAuto) {
      bool is_error = false;
      detect_body(src, root, &is_error);
      if (is_error) throw_provider_error(data);
      fail(AG_E_PARSE, src.label() + ": cannot tell which provider API sent this stream");
    }
  }
  switch (provider_) {
    case Provider::kOpenAIChat: openai_chat_event(src, root, st_, r_); break;
    case Provider::kOpenAIResponses: openai_responses_event(src, root, st_, r_); break;
    case Provider::kAnthropic: anthropic_event(src, root, st_, r_); break;
    case Provider::kGemini: gemini_event(src, root, st_, r_); break;
    case Provider::kAuto: break;
  }
}

}  // namespace ag::providers
