// A strict JSON reader for configuration documents (the policy, run options). Walks the
// document once with simdjson On Demand; every value problem is recorded with its path
// ("budgets.run.usd: must be a non-negative number") and reading goes on, so one pass
// reports every error. Malformed JSON stops reading at once (AG_E_PARSE, with the byte).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <simdjson.h>

#include "core/json.h"
#include "core/status.h"

namespace ag::policy {

namespace od = simdjson::ondemand;

// How to read one number: value * 10^scale must lie in [min, max].
struct NumberSpec {
  int scale;
  int64_t min;
  int64_t max;
  const char *kind;   // "must be <kind>" for wrong types, signs and fractions
  const char *range;  // "must be <range>" when out of range
};

class Reader {
 public:
  // what names the document in parse errors ("policy", "opts").
  // REQUIRES: json passed json::check_document.
  Reader(std::string_view json, std::string what);

  // The top-level object; a non-object top level is recorded as an error (returns false).
  bool root(od::object *out);
  // Checks nothing follows the top-level value, then throws the recorded errors, if any,
  // as one ag::Error(AG_E_POLICY) with one error per line.
  void finish();

  void error(const std::string &path, std::string_view what);

  // Calls fn(key, value, path) for each member of an object value; fn returns false for
  // an unknown key, which is recorded ("path: unknown key") and its value still checked.
  // Duplicate keys are errors. Returns false (recorded) when v is not an object.
  template <class Fn>
  bool members(od::value v, const std::string &path, Fn &&fn);
  template <class Fn>
  void members(od::object obj, const std::string &path, Fn &&fn);
  // Calls fn(value, path) for each element; false (recorded) when v is not an array.
  template <class Fn>
  bool elements(od::value v, const std::string &path, Fn &&fn);

  bool is_null(od::value v);
  std::optional<int64_t> number(od::value v, const std::string &path, const NumberSpec &spec);
  // A string of at most max_len bytes (valid UTF-8 once unescaped); empty ones refused
  // unless allow_empty.
  std::optional<std::string> string(od::value v, const std::string &path, size_t max_len,
                                    bool allow_empty = false);
  // A string that must be one of choices (a null-terminated list).
  std::optional<std::string> one_of(od::value v, const std::string &path,
                                    const char *const *choices);
  std::optional<bool> boolean(od::value v, const std::string &path);

 private:
  template <class T>
  T check(simdjson::simdjson_result<T> r);
  [[noreturn]] void parse_error(std::string_view what);
  // Reads an unknown or unused value to the end so malformed JSON inside it is found.
  void consume(od::value v, int depth);
  od::json_type type(od::value v) { return check(v.type()); }

  simdjson::padded_string padded_;
  std::string what_;
  od::parser parser_;
  od::document doc_;
  std::vector<std::string> errors_;
  size_t error_count_ = 0;
  bool doc_ready_ = false;  // iterate() succeeded: doc_ may be asked for locations
  bool root_is_object_ = false;
};

// ---- templates ----------------------------------------------------------------------

template <class T>
T Reader::check(simdjson::simdjson_result<T> r) {
  if (r.error() != simdjson::SUCCESS) parse_error(simdjson::error_message(r.error()));
  return std::move(r).value_unsafe();
}

template <class Fn>
bool Reader::members(od::value v, const std::string &path, Fn &&fn) {
  if (type(v) != od::json_type::object) {
    error(path, "must be an object");
    consume(v, 0);
    return false;
  }
  members(check(v.get_object()), path, fn);
  return true;
}

template <class Fn>
void Reader::members(od::object obj, const std::string &path, Fn &&fn) {
  std::unordered_set<std::string> seen;
  for (auto f : obj) {
    od::field field = check(std::move(f));
    std::string key(check(field.unescaped_key()));
    std::string child = json::path_join(path, key);
    od::value value = field.value();
    if (!seen.insert(key).second) {
      error(child, "duplicate key");
      consume(value, 0);
    } else if (!fn(std::string_view(key), value, child)) {
      error(child, "unknown key");
      consume(value, 0);
    }
  }
}

template <class Fn>
bool Reader::elements(od::value v, const std::string &path, Fn &&fn) {
  if (type(v) != od::json_type::array) {
    error(path, "must be an array");
    consume(v, 0);
    return false;
  }
  size_t i = 0;
  for (auto e : check(v.get_array())) {
    od::value value = check(std::move(e));
    fn(value, path + "[" + std::to_string(i++) + "]");
  }
  return true;
}

}  // namespace ag::policy
