// One provider stream: SSE framing, event decoding, assembly of text, tool calls and usage.
// One thread at a time.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

#include "providers/parsers.h"
#include "providers/sse.h"

namespace ag::providers {

class StreamParser {
 public:
  explicit StreamParser(Provider p) : provider_(p) {}

  // Throws ag::Error: AG_E_PARSE, AG_E_PROVIDER_ERROR, AG_E_TOO_LARGE.
  void write(std::string_view chunk);
  // Ends the stream: AG_OK when the terminal event was seen, else AG_E_TRUNCATED (and the
  // result is marked truncated). *message explains a truncation.
  ag_status finish(std::string *message);

  // Passes output text through a scrub stream (borrowed; it must outlive the parser).
  // Only before the first write.
  void set_scrub(ag_scrub_stream *scrub) {
    scrub_ = scrub;
    st_.hold_raw_text = scrub != nullptr;
  }
  bool started() const { return written_; }
  bool done() const { return st_.done; }
  bool finished() const { return finished_; }
  // What the stream has said so far, finalised (arguments assembled, ids, finish).
  Response snapshot() const;
  // Output text received since the last take.
  std::string &pending_text() { return st_.pending_text; }

 private:
  void on_event(std::string_view name, std::string &data);
  // Moves held raw text through the scrub stream (finish: also its tail) into the result.
  void flush_scrub(bool finish);
  void dispatch(const JsonSource &src, simdjson::ondemand::document &doc, std::string_view name,
                std::string_view data);

  Provider provider_;
  SseFramer framer_;
  StreamState st_;
  Response r_;
  simdjson::ondemand::parser json_;
  ag_scrub_stream *scrub_ = nullptr;
  std::string scrub_out_;
  uint64_t events_ = 0;
  bool written_ = false;  // write() was called
  bool finished_ = false;
};

}  // namespace ag::providers
