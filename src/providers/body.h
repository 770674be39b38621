// Non-streaming response bodies.
#pragma once

#include <string_view>

#include "providers/response.h"

namespace ag::providers {

// What a caller needs from a body. kNoText reads and checks everything exactly as kAll does
// (same statuses and messages) but leaves Response::text empty: recording usage never needs
// the output text, and copying it is most of the cost of a long answer.
enum class BodyParts { kAll, kNoText };

// Parses a whole body of provider p (kAuto: detected). Throws ag::Error: AG_E_TOO_LARGE,
// AG_E_PARSE (message names the field and byte offset), AG_E_PROVIDER_ERROR (an error body).
Response parse_body(Provider p, std::string_view body, BodyParts parts = BodyParts::kAll);

}  // namespace ag::providers
