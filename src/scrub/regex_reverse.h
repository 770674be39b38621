// Reversing a rule pattern, for the span search of variants without start of match; and
// where its matches can hold a line feed, which bounds the span search to the line.
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

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ag::scrub {

std::optional<std::string> relaxed_reverse(std::string_view pattern);

// An upper bound on the line feeds a string matched by the pattern can hold other than at
// its first and last byte; 1 << 20 or more means no bound is known (unbounded repeats,
// syntax outside what is understood above). A class member that is not understood counts
// as a line feed. Assumes Hyperscan's defaults: '.' excludes the line feed, ^ and $ are
// assertions.
uint32_t max_inner_line_feeds(std::string_view pattern);

// Whether one atom (a literal byte, an escape or a bracket class) can match a line feed;
// true unless certainly not. Exposed for tests.
bool atom_may_match_newline(std::string_view atom);

}  // namespace ag::scrub
