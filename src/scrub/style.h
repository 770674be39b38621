// Redaction styles: what replaces a secret.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ag::scrub {

// Values match AG_SCRUB_STYLE_* in agentguard.h.
enum class Style : int32_t {
  kLabel = 1,   // "[REDACTED:<rule-id>]"
  kMask = 2,    // the rule's mask_prefix (when the secret starts with it), then "****"
  kHash = 3,    // "[REDACTED:<rule-id>:<12 hex of a keyed SipHash of the secret>]"
  kDetect = 4,  // output unchanged; findings only
};

// "label" | "mask" | "hash" | "detect"; nullopt for anything else.
std::optional<Style> parse_style(std::string_view name);
const char *style_name(Style s);

}  // namespace ag::scrub
