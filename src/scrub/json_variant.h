// The JSON-escaped form of a pattern: the same text as it reads inside a JSON string, where
// a newline is the two bytes `\n`, a slash may be `\/` or `\u002F` and a quote is `\"`.
#pragma once

#include <string>
#include <string_view>

namespace ag::scrub {

// Rewrites a Hyperscan pattern so that it also matches its text JSON-escaped:
//   /  and \/          -> (?:/|\\/|\\u002[fF])
//   \n \r \t           -> (?:\n|\\n) ...
//   \s                 -> (?:\s|\\[nrt])
//   "                  -> (?:"|\\")
//   [class] holding any of the above -> the class plus the escape bytes (\ n r t / u 0 2 F f);
//                        a counted repeat after it may take twice the bytes
// Negated classes, \S, \w and '.' already accept the escape bytes and stay as they are.
// Returns the pattern unchanged when nothing in it can appear escaped.
std::string json_escaped_variant(std::string_view pattern);

}  // namespace ag::scrub
