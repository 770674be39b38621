// A token estimate for text without an exact tokenizer (no rank files, or models whose
// tokenizer is not public). Deliberately high: docs/tokenize.md gives its measured error.
#pragma once

#include <cstdint>
#include <string_view>

namespace ag::tokenize {

// Any bytes; never fails. Deterministic: integer arithmetic only.
uint64_t estimate_tokens(std::string_view text);

}  // namespace ag::tokenize
