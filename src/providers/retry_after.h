// Retry hints from HTTP response headers and from Gemini's RetryInfo.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ag::providers {

// The value of header `name` (case-insensitive) in raw "Name: value" lines separated by
// "\n" or "\r\n", trimmed; nullopt when absent.
std::optional<std::string_view> find_header(std::string_view headers, std::string_view name);

// retry-after-ms, else retry-after (delta seconds, or an HTTP-date measured from the Date
// header, else from now_ms). -1 when neither is present or parseable. Never negative
// otherwise.
int64_t retry_after_from_headers(std::string_view headers, int64_t now_ms);

// A protobuf JSON duration such as "30s" or "1.250s" in ms; -1 when malformed.
int64_t parse_duration_ms(std::string_view s);

// An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") in ms since the epoch; -1 when malformed.
int64_t parse_http_date_ms(std::string_view s);

}  // namespace ag::providers
