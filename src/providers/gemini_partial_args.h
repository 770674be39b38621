// Vertex AI streams a function call's arguments as partialArgs: (jsonPath, value) pairs,
// where a string value may continue over several chunks (willContinue). PartialArgs collects
// them in arrival order and rebuilds the arguments object.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ag::providers {

class PartialArgs {
 public:
  // value_json: the JSON text of a non-string value (number, bool, null).
  void add_value(std::string_view path, std::string_view value_json);
  // A string value (unescaped). When the previous argument was a string at the same path
  // marked to continue, piece is appended to it. continues: this one's willContinue.
  void add_string(std::string_view path, std::string_view piece, bool continues);
  // Appends the arguments of a later chunk, continuing strings across the boundary.
  void merge(const PartialArgs &next);
  bool empty() const { return args_.empty(); }
  // The arguments object as minified JSON. Throws ag::Error(AG_E_PARSE) for a path that is
  // not of the form $.key, $.key.key, $.key[N], $['key'].
  std::string build() const;

 private:
  struct Arg {
    std::string path;
    std::string value;  // JSON text, or the raw string when is_string
    bool is_string;
    bool continues;  // willContinue: the next string piece at this path extends it
  };
  std::vector<Arg> args_;
};

}  // namespace ag::providers
