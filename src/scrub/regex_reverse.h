// Reversing a rule pattern, for the span search of variants without start of match.
//
// relaxed_reverse(p) is a pattern R such that, for every string x matched by p (anchored
// at both ends, in any context), the reversed string of x is matched by R. R is p with its
// concatenations reversed and its zero-width assertions (\b, \B, ^, $, \A, \z, \Z, \G)
// dropped, so it matches a superset of the reversals; callers confirm each hit with p.
//
// Only the syntax the rule tables use is understood: literals and escaped punctuation,
// classes, the usual class escapes, non-capturing and capturing groups, alternation, the
// greedy quantifiers ? * + {n} {n,} {n,m}, assertions and \Q...\E. Anything else (lazy or
// possessive quantifiers, backreferences, lookaround, inline modifiers, ...) gives nullopt.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ag::scrub {

std::optional<std::string> relaxed_reverse(std::string_view pattern);

}  // namespace ag::scrub
