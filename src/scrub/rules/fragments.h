// Pattern fragments and constructors shared by the rule tables.
//
// Pattern conventions (every rule follows them):
//  - The syntax is the subset both Hyperscan and ECMAScript accept: no lookaround, no inline
//    modifiers, no lazy or possessive quantifiers, no backreferences, no ^ anchors.
//  - Every secret ends in a consumed terminator or a closing literal, so each occurrence
//    reports once however long its repeats are.
//  - Repeats are bounded, except long bodies (PEM blocks, JWTs, session tokens: upper bounds
//    of hundreds to thousands of bytes) which are open-ended `{n,}`: a bounded repeat that
//    long costs Hyperscan up to a second of compile time per rule. For those, max_len is
//    the cap the scanner enforces.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "scrub/rule.h"

namespace ag::scrub::frag {

// Consumed terminators: the first byte after a token that cannot continue it, or the end of
// the data. A secret followed by one of these ends exactly once, so Hyperscan reports each
// token once however long its class repeat is.
inline constexpr const char *kEndWord = R"re((?:[^A-Za-z0-9_\-]|$))re";  // [A-Za-z0-9_-] tokens
inline constexpr const char *kEndAlnum = R"re((?:[^A-Za-z0-9]|$))re";    // [A-Za-z0-9] tokens
inline constexpr const char *kEndB64 = R"re((?:[^A-Za-z0-9+/=]|$))re";   // base64 tokens
inline constexpr const char *kEndHex = R"re((?:[^A-Za-z0-9]|$))re";      // hex tokens
inline constexpr const char *kEndQuoted = R"re(["'`])re";                // closing quote

// Assignment between a name and its value, in the spellings of env files, YAML, JSON, INI,
// shell flags and most languages: an optional closing quote after the name, then one of
// = : => := (aligned with up to 16 blanks before; after it up to 3 blanks or a line break,
// then up to 29 more blanks of column alignment) or just 1-3 blanks, then an optional
// opening quote.
inline constexpr const char *kAssign =
    R"re(["']?(?:[ \t]{0,16}(?:=>|:=|[:=])\s{0,3}[ \t]{0,29}|[ \t]{1,3})["'`]?)re";

// kAssign, or a quoted name and a quoted value as the two arguments of a call or the two
// items of a pair: ("sonar.login", "…"), put('API_KEY', '"…"'). Only for names whose value
// has a specific format: a bare list of field names ["client_secret", "refresh_token_url"]
// has the same shape.
inline constexpr const char *kAssignOrPair =
    R"re((?:["']?(?:[ \t]{0,16}(?:=>|:=|[:=])\s{0,3}[ \t]{0,29}|[ \t]{1,3})|["'][ \t]{0,3},[ \t]{0,3})["'`]{0,2})re";

// A value name: one of `names` (an alternation of literals with optional separators; no
// inner wildcards, which multiply Hyperscan compile time), then up to 16 identifier
// characters, so "DATADOG_API_KEY", "datadog.apiKey" and "dd-api-key" all qualify, then an
// assignment (`assign`: kAssign, or kAssignOrPair for values of a specific format).
inline std::string named(const char *names, const char *assign = kAssign) {
  return std::string("(?:") + names + R"re()[A-Za-z0-9_.\-]{0,16})re" + assign;
}

// A UUID (8-4-4-4-12 hex), the value format of several services' keys.
inline constexpr const char *kUuid =
    "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}";

// The password of a URI's user info (scheme://user:PASSWORD@host): up to 128 bytes that are
// not a separator, then up to two raw '@' each followed by more password bytes, so
// user:p@ss@host loses all of p@ss. kUriPasswordMax is its longest match.
inline constexpr const char *kUriPassword = R"re([^\s:/@"'<>]{1,128}(?:@[^\s:/@"'<>]{1,64}){0,2})re";
inline constexpr uint32_t kUriPasswordMax = 128 + 2 * 65;
// The hosts before the comma of a multi-host URI (scheme://u:p@h1:5432,u:p@h2), optional:
// up to 256 bytes of the authority, which has no '/' or blank.
inline constexpr const char *kUriHostsBefore = R"re((?:[^\s/"'<>]{0,256},)?)re";

// Room for the name and assignment of a named() prefix (names are at most 40 bytes, then 16
// identifier bytes, up to 52 of assignment and blanks, and 2 quotes).
inline constexpr uint32_t kNamedPrefixMax = 112;

// A rule from its parts, with no flags, validator or trigger; the shapes below and the
// family tables build on it.
inline Rule rule(const char *id, Family family, Confidence confidence, std::string prefix, std::string secret,
                 std::string suffix, uint32_t max_len, std::vector<Example> positives,
                 std::vector<std::string> negatives) {
  Rule r;
  r.id = id;
  r.family = family;
  r.confidence = confidence;
  r.prefix = std::move(prefix);
  r.secret = std::move(secret);
  r.suffix = std::move(suffix);
  r.max_len = max_len;
  r.positives = std::move(positives);
  r.negatives = std::move(negatives);
  return r;
}

// A token recognisable by itself: a distinctive literal start, a bounded body, and a
// consumed terminator. High confidence; `mask` is the literal start kept by mask style.
inline Rule token(const char *id, Family family, const char *secret, uint32_t secret_max,
                  const char *mask, std::vector<Example> positives,
                  std::vector<std::string> negatives, const char *end = kEndWord) {
  Rule r = rule(id, family, Confidence::kHigh, R"re(\b)re", secret, end, secret_max + 1, std::move(positives),
                std::move(negatives));
  r.mask_prefix = mask;
  return r;
}

// A value recognisable only by the name it is assigned to (e.g. a 32-hex key after
// "DATADOG_API_KEY="). Medium confidence; names match case-insensitively.
inline Rule keyed(const char *id, Family family, const char *names, const char *secret,
                  uint32_t secret_max, std::vector<Example> positives,
                  std::vector<std::string> negatives, const char *end = kEndWord) {
  Rule r = rule(id, family, Confidence::kMedium, named(names, kAssignOrPair), secret, end,
                kNamedPrefixMax + secret_max + 1, std::move(positives), std::move(negatives));
  r.flags = kCaseless;
  return r;
}

// A name of infrastructure or of a person rather than a credential (a bucket's address, a
// host, a tenant, a user name): low confidence, off unless the policy sets
// scrub.identifiers or enables it by id.
inline Rule identifier(const char *id, Family family, std::string prefix, std::string secret,
                       std::string suffix, uint32_t max_len, std::vector<Example> positives,
                       std::vector<std::string> negatives) {
  Rule r = rule(id, family, Confidence::kLow, std::move(prefix), std::move(secret), std::move(suffix), max_len,
                std::move(positives), std::move(negatives));
  r.flags = kDefaultOff | kIdentifier;
  return r;
}

// What comes before a host name: a byte that could not continue it, or a percent-encoded
// '/' (http%3A%2F%2Fhost).
inline constexpr const char *kBeforeHost = R"re((?:[^A-Za-z0-9.\-]|%2[Ff]))re";
// The byte after a host name: none that could continue it (a sentence's '.' may follow).
inline constexpr const char *kAfterHost = R"re((?:[^A-Za-z0-9_\-]|$))re";
// The byte after a bucket name in a path: none that could continue it, '.' included.
inline constexpr const char *kAfterPathSegment = R"re((?:[^A-Za-z0-9._\-]|$))re";

// An identifier that is a whole host name (or a host and the path segment that names a
// bucket, with an `after` that also excludes '.'), `host` in lower case as services spell
// them. Its prefix asserts the left boundary by consuming a byte, so the trigger is the rest
// (the start of the data reads as a line start).
inline Rule host_identifier(const char *id, Family family, const char *host, uint32_t host_max,
                            std::vector<Example> positives, std::vector<std::string> negatives,
                            const char *after = kAfterHost) {
  Rule r = identifier(id, family, kBeforeHost, host, after, 3 + host_max + 1, std::move(positives),
                      std::move(negatives));
  r.trigger = std::string(host) + after;
  return r;
}

}  // namespace ag::scrub::frag
