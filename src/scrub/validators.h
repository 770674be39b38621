// Format checks run on a recovered secret before it counts as a finding. Each takes the
// secret's bytes exactly as matched and returns true when they are a plausible instance.
#pragma once

#include <cstddef>
#include <string_view>

#include "scrub/rule.h"

namespace ag::scrub {

bool luhn_valid(std::string_view s);    // 12-19 digits (spaces, dashes ignored), not all equal
bool iban_valid(std::string_view s);    // country + check digits + BBAN, mod 97 == 1
bool jwt_valid(std::string_view s);     // b64url.b64url.b64url, header is JSON with "alg"
bool entropy_valid(std::string_view s); // Shannon entropy >= kMinEntropyBits, not looks_made_up
bool ssn_valid(std::string_view s);     // US SSN ranges: area 001-899 except 666, etc.
bool ipv4_valid(std::string_view s);    // dotted quad, octets 0-255, no leading zeros
bool ipv6_valid(std::string_view s);    // RFC 4291 text forms, "::" and a dotted tail

inline constexpr double kMinEntropyBits = 3.2;

// A typed-in placeholder rather than a generated value: a run of kMadeUpRun alphanumerics
// counting up or down by one ("1234567", "ABCDEFG") or of one repeated byte, or kMadeUpSpread
// letters (or digits) counting up among the other bytes ("a1b2c3d4e5f6g7h8"). A random
// base64 key has such a run with odds below 1e-7, a random hex key below 1e-5.
inline constexpr size_t kMadeUpRun = 7;
inline constexpr size_t kMadeUpSpread = 8;
bool looks_made_up(std::string_view s);

// Shannon entropy of the byte distribution, in bits per byte.
double shannon_entropy(std::string_view s);

// Dispatches on the rule's validator; kNone accepts everything.
bool validate(Validator v, std::string_view secret);

}  // namespace ag::scrub
