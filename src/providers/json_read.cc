#include "providers/json_read.h"

namespace ag::providers {

void JsonSource::fail(simdjson::error_code e, std::string_view path, const char *at) const {
  std::string msg;
  if (!label_.empty()) msg.append(label_).append(": ");
  if (!path.empty()) msg.append(path).append(": ");
  size_t offset = len_;
  bool known = at != nullptr && at >= base_ && at <= base_ + len_;
  if (known) offset = static_cast<size_t>(at - base_);
  switch (e) {
    case simdjson::INCORRECT_TYPE: msg += "wrong JSON type"; break;
    case simdjson::NUMBER_OUT_OF_RANGE:
    case simdjson::NUMBER_ERROR: msg += "not a non-negative integer in range"; break;
    case simdjson::UTF8_ERROR:
      msg += "invalid UTF-8";
      offset = first_invalid_utf8(base_, len_);
      known = true;
      break;
    case simdjson::EMPTY: msg += "empty input"; break;
    case simdjson::TRAILING_CONTENT: msg += "unexpected content after the JSON value"; break;
    case simdjson::TAPE_ERROR:
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: msg += "truncated or malformed JSON"; break;
    default: msg += std::string("invalid JSON (") + simdjson::error_message(e) + ")";
  }
  msg += known ? " at byte " + std::to_string(offset) : " (offset unknown)";
  throw Error(AG_E_PARSE, msg);
}

bool JsonSource::is_null(od::value &v) const {
  od::json_type t;
  check(v.type().get(t), "", v.raw_json_token().data());
  return t == od::json_type::null;
}

uint64_t JsonSource::u64(od::value v, std::string_view path) const {
  uint64_t out = 0;
  const char *at = v.raw_json_token().data();
  simdjson::error_code e = v.get_uint64().get(out);
  if (e == simdjson::SUCCESS) return out;
  if (is_null(v)) return 0;  // a failed read leaves the value unread
  if (e == simdjson::INCORRECT_TYPE) e = simdjson::NUMBER_ERROR;
  fail(e, path, at);
}

uint64_t JsonSource::u64_field(od::object &obj, std::string_view key, std::string_view path,
                               const char *at, uint64_t fallback) const {
  od::value v;
  simdjson::error_code e = obj.find_field_unordered(key).get(v);
  uint64_t out = fallback;
  if (e == simdjson::SUCCESS) {
    if (!is_null(v)) out = u64(v, path);
  } else if (e != simdjson::NO_SUCH_FIELD) {
    fail(e, path, at);
  }
  bool ignored;
  check(obj.reset().get(ignored), path, at);
  return out;
}

std::string_view JsonSource::str_checked(od::value v, std::string_view path) const {
  if (is_null(v)) return {};
  std::string_view out;
  const char *at = v.raw_json_token().data();
  check(v.get_string().get(out), path, at);
  return out;
}

bool JsonSource::boolean(od::value v, std::string_view path) const {
  if (is_null(v)) return false;
  bool out = false;
  const char *at = v.raw_json_token().data();
  check(v.get_bool().get(out), path, at);
  return out;
}

std::string JsonSource::json_text(od::value v, std::string_view path) const {
  const char *at = v.raw_json_token().data();
  od::json_type t;
  check(v.type().get(t), path, at);
  std::string_view raw;
  if (t == od::json_type::object) {
    od::object obj;
    check(v.get_object().get(obj), path, at);
    check(obj.raw_json().get(raw), path, at);
  } else if (t == od::json_type::array) {
    od::array arr;
    check(v.get_array().get(arr), path, at);
    check(arr.raw_json().get(raw), path, at);
  } else {
    raw = v.raw_json_token();
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' ||
                            raw.back() == '\t'))
      raw.remove_suffix(1);
    return std::string(raw);
  }
  std::string out(raw.size(), '\0');
  size_t n = 0;
  check(simdjson::minify(raw.data(), raw.size(), out.data(), n), path, at);
  out.resize(n);
  return out;
}

size_t first_invalid_utf8(const char *s, size_t len) {
  const auto *p = reinterpret_cast<const unsigned char *>(s);
  size_t i = 0;
  while (i < len) {
    const unsigned char c = p[i];
    size_t n;
    uint32_t min;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      n = 1, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, min = 0x10000;
    } else {
      return i;
    }
    if (i + n >= len) return i;  // sequence cut by the end
    uint32_t cp = c & (0x3F >> n);
    for (size_t k = 1; k <= n; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += n + 1;
  }
  return len;
}

}  // namespace ag::providers
