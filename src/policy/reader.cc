#include "policy/reader.h"

#include <cstring>

namespace ag::policy {

namespace {
constexpr size_t kMaxReportedErrors = 50;
constexpr int kMaxDepth = 64;

std::string_view trim_token(std::string_view raw) {
  while (!raw.empty() &&
         (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
    raw.remove_suffix(1);
  return raw;
}
}  // namespace

Reader::Reader(std::string_view json, std::string what)
    : padded_(json), what_(std::move(what)) {
  doc_ = check(parser_.iterate(padded_));
  doc_ready_ = true;
}

void Reader::parse_error(std::string_view what) {
  std::string msg = what_ + ": malformed JSON (" + std::string(what) + ")";
  auto loc = doc_ready_ ? doc_.current_location() : simdjson::OUT_OF_BOUNDS;
  if (loc.error() == simdjson::SUCCESS) {
    auto offset = static_cast<size_t>(loc.value_unsafe() - padded_.data());
    if (offset <= padded_.size()) msg = json::at_byte(msg, offset);
  }
  fail(AG_E_PARSE, msg);
}

bool Reader::root(od::object *out) {
  od::json_type t = check(doc_.type());
  if (t != od::json_type::object) {
    error(what_, "the top level must be a JSON object");
    return false;
  }
  *out = check(doc_.get_object());
  root_is_object_ = true;
  return true;
}

void Reader::finish() {
  // After the whole root object is read, the iterator is out of bounds unless more follows.
  if (root_is_object_ && doc_.current_location().error() != simdjson::OUT_OF_BOUNDS)
    parse_error("trailing content after the top-level object");
  if (errors_.empty()) return;
  std::string msg;
  for (const std::string &e : errors_) {
    if (!msg.empty()) msg += '\n';
    msg += e;
  }
  if (error_count_ > errors_.size())
    msg += "\n(" + std::to_string(error_count_ - errors_.size()) + " more errors)";
  fail(AG_E_POLICY, msg);
}

void Reader::error(const std::string &path, std::string_view what) {
  ++error_count_;
  if (errors_.size() < kMaxReportedErrors) errors_.push_back(path + ": " + std::string(what));
}

void Reader::consume(od::value v, int depth) {
  if (depth > kMaxDepth) parse_error("nested deeper than 64 levels");
  switch (type(v)) {
    case od::json_type::object:
      for (auto f : check(v.get_object())) {
        od::field field = check(std::move(f));
        check(field.unescaped_key());
        consume(field.value(), depth + 1);
      }
      break;
    case od::json_type::array:
      for (auto e : check(v.get_array())) consume(check(std::move(e)), depth + 1);
      break;
    case od::json_type::string:
      check(v.get_string());
      break;
    case od::json_type::number: {
      int64_t ignored = 0;
      if (json::parse_decimal(trim_token(v.raw_json_token()), 0, &ignored) == json::Decimal::kSyntax)
        parse_error("invalid number");
      break;
    }
    case od::json_type::boolean:
      check(v.get_bool());
      break;
    case od::json_type::null:
      if (!check(v.is_null())) parse_error("invalid literal");
      break;
  }
}

bool Reader::is_null(od::value v) {
  if (type(v) != od::json_type::null) return false;
  if (!check(v.is_null())) parse_error("invalid literal");
  return true;
}

std::optional<int64_t> Reader::number(od::value v, const std::string &path, const NumberSpec &spec) {
  if (type(v) != od::json_type::number) {
    error(path, std::string("must be ") + spec.kind);
    consume(v, 0);
    return std::nullopt;
  }
  int64_t n = 0;
  json::Decimal d = json::parse_decimal(trim_token(v.raw_json_token()), spec.scale, &n);
  switch (d) {
    case json::Decimal::kOk:
      if (n >= spec.min && n <= spec.max) return n;
      error(path, std::string("must be ") + spec.range);
      return std::nullopt;
    case json::Decimal::kSyntax:
      parse_error("invalid number");
    case json::Decimal::kPrecision:
      error(path, spec.scale > 0 ? "has more than " + std::to_string(spec.scale) + " decimal places"
                                 : std::string("must be ") + spec.kind);
      return std::nullopt;
    case json::Decimal::kNegative:
      error(path, std::string("must be ") + spec.kind);
      return std::nullopt;
    case json::Decimal::kRange:
      error(path, std::string("must be ") + spec.range);
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> Reader::string(od::value v, const std::string &path, size_t max_len,
                                          bool allow_empty) {
  if (type(v) != od::json_type::string) {
    error(path, "must be a string");
    consume(v, 0);
    return std::nullopt;
  }
  std::string_view s = check(v.get_string());
  if (json::utf8_error_offset(s) != std::string_view::npos) {
    error(path, "must be valid UTF-8 (check \\u escapes)");
    return std::nullopt;
  }
  if (s.empty() && !allow_empty) {
    error(path, "must not be empty");
    return std::nullopt;
  }
  if (s.size() > max_len) {
    error(path, "must be at most " + std::to_string(max_len) + " bytes");
    return std::nullopt;
  }
  return std::string(s);
}

std::optional<std::string> Reader::one_of(od::value v, const std::string &path,
                                          const char *const *choices) {
  std::string expected;
  for (const char *const *c = choices; *c; ++c)
    expected += (expected.empty() ? "\"" : ", \"") + std::string(*c) + "\"";
  std::optional<std::string> s = string(v, path, 1024, true);
  if (!s) return std::nullopt;
  for (const char *const *c = choices; *c; ++c)
    if (*s == *c) return s;
  error(path, "must be one of " + expected);
  return std::nullopt;
}

std::optional<bool> Reader::boolean(od::value v, const std::string &path) {
  if (type(v) != od::json_type::boolean) {
    error(path, "must be true or false");
    consume(v, 0);
    return std::nullopt;
  }
  return check(v.get_bool());
}

}  // namespace ag::policy
