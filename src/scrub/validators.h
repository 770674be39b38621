// Format checks run on a recovered secret before it counts as a finding. Each takes the
// secret's bytes exactly as matched and returns true when they are a plausible instance.
#pragma once

#include <string_view>

#include "scrub/rule.h"

namespace ag::scrub {

bool luhn_valid(std::string_view s);    // 12-19 digits (spaces, dashes ignored), not all equal
bool iban_valid(std::string_view s);    // country + check digits + BBAN, mod 97 == 1
bool jwt_valid(std::string_view s);     // b64url.b64url.b64url, header is JSON with "alg"
bool entropy_valid(std::string_view s); // Shannon entropy >= kMinEntropyBits per byte
bool ssn_valid(std::string_view s);     // US SSN ranges: area 001-899 except 666, etc.
bool ipv4_valid(std::string_view s);    // dotted quad, octets 0-255, no leading zeros
bool ipv6_valid(std::string_view s);    // RFC 4291 text forms, "::" and a dotted tail

inline constexpr double kMinEntropyBits = 3.2;

// Shannon entropy of the byte distribution, in bits per byte.
double shannon_entropy(std::string_view s);

// Dispatches on the rule's validator; kNone accepts everything.
bool validate(Validator v, std::string_view secret);

}  // namespace ag::scrub
