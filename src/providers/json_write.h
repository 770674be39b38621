// A minimal JSON writer for the library's JSON outputs. Strings must be valid UTF-8 (every
// string written here came through simdjson, which validates); control characters, quotes
// and backslashes are escaped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ag::providers {

class JsonWriter {
 public:
  JsonWriter &begin_object() { return open('{'); }
  JsonWriter &end_object() { return close('}'); }
  JsonWriter &begin_array() { return open('['); }
  JsonWriter &end_array() { return close(']'); }
  JsonWriter &key(std::string_view k);
  JsonWriter &string(std::string_view s);
  JsonWriter &number(uint64_t v);
  JsonWriter &boolean(bool v);
  // Appends already-serialised JSON (e.g. a number token) as one value.
  JsonWriter &raw(std::string_view json);
  std::string take() { return std::move(out_); }

 private:
  JsonWriter &open(char c);
  JsonWriter &close(char c);
  void separate();
  std::string out_;
  bool need_comma_ = false;
};

// Appends s to out as a quoted JSON string.
void append_json_string(std::string &out, std::string_view s);

}  // namespace ag::providers
