// Non-streaming response bodies.
#pragma once

#include <string_view>

#include "providers/response.h"

namespace ag::providers {

// Parses a whole body of provider p (kAuto: detected). Throws ag::Error: AG_E_TOO_LARGE,
// AG_E_PARSE (message names the field and byte offset), AG_E_PROVIDER_ERROR (an error body).
Response parse_body(Provider p, std::string_view body);

}  // namespace ag::providers
