// Provider error bodies -> one of AG_ERROR_*, with the provider's message and how long to
// wait before retrying.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "providers/response.h"

namespace ag::providers {

struct ErrorInfo {
  int32_t error_class = AG_ERROR_UNKNOWN;
  bool retryable = false;
  int64_t retry_after_ms = -1;  // -1: not given
  std::string message;
};

// body: any provider's error JSON (the whole body, or just its "error" object); a body that
// is not JSON, or has no error object, is classified by http_status alone (0 = unknown).
// headers: raw "Name: value" lines. Never throws on malformed input (only on bad_alloc).
ErrorInfo classify_error(int32_t http_status, std::string_view headers, std::string_view body);

const char *error_class_name(int32_t error_class);

}  // namespace ag::providers
