// Server-sent events framing (HTML standard, "event stream interpretation"): lines end with
// "\n", "\r\n" or "\r" (a "\r" at the end of one chunk and "\n" at the start of the next are
// one line end); "data:" lines of one event are joined with "\n"; "event:" names it; lines
// starting with ":" are comments; "id:" and "retry:" are ignored; a blank line dispatches
// the event if it had data. One space after the colon is dropped.
#pragma once

#include <cstring>
#include <string>
#include <string_view>

#include "core/status.h"
#include "providers/response.h"

namespace ag::providers {

class SseFramer {
 public:
  // Feeds bytes. on_event(std::string_view name, std::string &data) runs for each complete
  // event; data may be modified (e.g. padded) by the callee and is cleared afterwards.
  // Throws ag::Error(AG_E_TOO_LARGE) when one line or event exceeds kMaxBytes.
  template <class Fn>
  void write(std::string_view chunk, Fn &&on_event) {
    size_t i = 0;
    if (skip_lf_ && !chunk.empty()) {
      skip_lf_ = false;
      if (chunk[0] == '\n') i = 1;
    }
    while (i < chunk.size()) {
      const size_t end = find_line_end(chunk, i);
      if (end == std::string_view::npos) {
        append_partial(chunk.substr(i));
        return;
      }
      if (line_.empty()) {
        handle_line(chunk.substr(i, end - i), on_event);
      } else {
        append_partial(chunk.substr(i, end - i));
        handle_line(line_, on_event);
        line_.clear();
      }
      i = end + 1;
      if (chunk[end] == '\r') {
        if (i == chunk.size()) skip_lf_ = true;
        else if (chunk[i] == '\n') ++i;
      }
    }
  }

  // End of input: an unterminated last line is taken as complete and a pending event with
  // data is dispatched (streams often omit the final blank line).
  template <class Fn>
  void finish(Fn &&on_event) {
    if (!line_.empty()) {
      handle_line(line_, on_event);
      line_.clear();
    }
    handle_line(std::string_view(), on_event);
  }

 private:
  // Position of the first "\r" or "\n" at or after `from` (two memchr scans: fast on long
  // data lines, which is where SSE time goes).
  static size_t find_line_end(std::string_view s, size_t from) {
    const char *p = s.data() + from;
    const size_t n = s.size() - from;
    const void *lf = std::memchr(p, '\n', n);
    const size_t limit = lf ? static_cast<size_t>(static_cast<const char *>(lf) - p) : n;
    const void *cr = std::memchr(p, '\r', limit);
    if (cr) return from + static_cast<size_t>(static_cast<const char *>(cr) - p);
    return lf ? from + limit : std::string_view::npos;
  }

  void append_partial(std::string_view s) {
    if (line_.size() + s.size() > kMaxBytes)
      fail(AG_E_TOO_LARGE, "stream: a line exceeds " + std::to_string(kMaxBytes) + " bytes");
    line_.append(s);
  }

  template <class Fn>
  void handle_line(std::string_view line, Fn &on_event) {
    if (line.empty()) {
      if (has_data_) on_event(std::string_view(event_), data_);
      data_.clear();
      event_.clear();
      has_data_ = false;
      return;
    }
    if (line[0] == ':') return;  // comment or keep-alive
    const size_t colon = line.find(':');
    std::string_view field = line.substr(0, colon);
    std::string_view value;
    if (colon != std::string_view::npos) {
      value = line.substr(colon + 1);
      if (!value.empty() && value[0] == ' ') value.remove_prefix(1);
    }
    if (field == "data") {
      if (data_.size() + value.size() + 1 > kMaxBytes)
        fail(AG_E_TOO_LARGE, "stream: an event exceeds " + std::to_string(kMaxBytes) + " bytes");
      if (has_data_) data_.push_back('\n');
      data_.append(value);
      has_data_ = true;
    } else if (field == "event") {
      event_.assign(value);
    }
  }

  std::string line_;   // the current line while it spans chunks
  std::string data_;   // data of the event being built
  std::string event_;  // its name ("" = the default, "message")
  bool has_data_ = false;
  bool skip_lf_ = false;  // the last chunk ended in "\r": drop a leading "\n"
};

}  // namespace ag::providers
