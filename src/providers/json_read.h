// Typed reads from a simdjson On Demand document, with failures that name the field and the
// byte offset. JSON null reads as "absent" (0, "", or no callback) everywhere: providers send
// null for fields they have not filled yet.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "core/status.h"

namespace ag::providers {

namespace od = simdjson::ondemand;

class JsonSource {
 public:
  // base/len: the JSON text being parsed (offsets are relative to it). label prefixes every
  // message, e.g. "event 3" for streams; may be empty.
  JsonSource(const char *base, size_t len, std::string_view label)
      : base_(base), len_(len), label_(label) {}

  // Throws ag::Error(AG_E_PARSE) naming path, the problem and the byte offset of `at`
  // (nullptr: offset unknown). UTF-8 errors locate the first bad byte themselves.
  [[noreturn]] void fail(simdjson::error_code e, std::string_view path, const char *at) const;
  void check(simdjson::error_code e, std::string_view path, const char *at) const {
    if (e) fail(e, path, at);
  }

  // Fails with TRAILING_CONTENT unless the document has been read to its end.
  void expect_end(od::document &doc) const {
    const char *at = nullptr;
    if (doc.current_location().get(at) == simdjson::SUCCESS) fail(simdjson::TRAILING_CONTENT, "", at);
  }
  std::string label() const { return std::string(label_); }
  bool is_null(od::value &v) const;
  uint64_t u64(od::value v, std::string_view path) const;
  // A string (null reads as ""). Strings without escapes, the common case even for long
  // output text, are returned in place instead of being unescaped into simdjson's string
  // buffer; either way the view lives as long as the document.
  std::string_view str(od::value v, std::string_view path) const {
    const std::string_view raw = v.raw_json_token();
    if (!raw.empty() && raw[0] == '"') {
      // The token runs from the opening quote to the next structural character: the
      // closing quote is its last non-blank byte.
      size_t end = raw.size();
      while (end > 1 && raw[end - 1] != '"') --end;
      if (end > 1) {
        const std::string_view body = raw.substr(1, end - 2);
        if (std::memchr(body.data(), '\\', body.size()) == nullptr) return body;
      }
    }
    return str_checked(v, path);
  }
  // Whether output text is wanted (false: parsers still read and check it, but do not keep it).
  bool keep_text() const { return keep_text_; }
  void set_keep_text(bool keep) { keep_text_ = keep; }
  bool boolean(od::value v, std::string_view path) const;
  // The value's JSON text, minified (objects and arrays) or as written (scalars).
  std::string json_text(od::value v, std::string_view path) const;

  // Calls fn(key, value) for each field of an object; null is an empty object.
  // (The typed read comes first and null is checked only when it fails: a failed read leaves
  // the value unread, and the errors are those of checking null first.)
  template <class Fn>
  void each_field(od::value v, std::string_view path, Fn &&fn) const {
    const char *at = v.raw_json_token().data();
    od::object obj;
    const simdjson::error_code e = v.get_object().get(obj);
    if (e != simdjson::SUCCESS) {
      if (is_null(v)) return;
      fail(e, path, at);
    }
    each_field(obj, path, at, fn);
  }
  template <class Fn>
  void each_field(od::object &obj, std::string_view path, const char *at, Fn &&fn) const {
    for (auto result : obj) {
      od::field field;
      check(std::move(result).get(field), path, at);
      fn(key(field, path, at), field.value());
    }
  }
  // A field's key: read in place when it has no escape (keys never do in practice), else
  // unescaped by simdjson. The view lives as long as the document.
  std::string_view key(od::field &field, std::string_view path, const char *at) const {
    const char *k = field.key().raw();
    const char *p = k;
    while (*p != '"' && *p != '\\') ++p;  // stage 1 guarantees the closing quote
    if (*p == '"') return std::string_view(k, static_cast<size_t>(p - k));
    std::string_view out;
    check(field.unescaped_key().get(out), path, at);
    return out;
  }
  // The JSON text of an object not yet iterated (or rewound).
  std::string_view whole_object(od::object &obj, const char *at) const {
    bool ignored;
    check(obj.reset().get(ignored), "", at);
    std::string_view raw;
    check(obj.raw_json().get(raw), "", at);
    return raw;
  }
  // An unsigned field looked up out of order (the object is rewound afterwards), for keys a
  // handler needs before the rest; `fallback` when absent or null.
  // The string at "type" of a stream event, read before the other fields (it decides how
  // they read); obj is rewound afterwards.
  std::string_view event_type(od::object &obj, const char *at) const {
    od::value tv;
    check(obj.find_field_unordered("type").get(tv), "type", at);
    std::string_view type = str(tv, "type");
    bool ignored;
    check(obj.reset().get(ignored), "", at);
    return type;
  }
  uint64_t u64_field(od::object &obj, std::string_view key, std::string_view path,
                     const char *at, uint64_t fallback) const;

  // Calls fn(index, value) for each element of an array; null is an empty array.
  template <class Fn>
  void each_element(od::value v, std::string_view path, Fn &&fn) const {
    const char *at = v.raw_json_token().data();
    od::array arr;
    const simdjson::error_code e = v.get_array().get(arr);
    if (e != simdjson::SUCCESS) {
      if (is_null(v)) return;
      fail(e, path, at);
    }
    size_t i = 0;
    for (auto element : arr) {
      od::value val;
      check(element.get(val), path, at);
      fn(i++, val);
    }
  }

 private:
  std::string_view str_checked(od::value v, std::string_view path) const;

  const char *base_;
  size_t len_;
  std::string_view label_;
  bool keep_text_ = true;
};

// Offset of the first byte that is not valid UTF-8, or len when all of it is.
size_t first_invalid_utf8(const char *s, size_t len);

}  // namespace ag::providers
