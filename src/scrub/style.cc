#include "scrub/style.h"

namespace ag::scrub {

std::optional<Style> parse_style(std::string_view name) {
  for (Style s : {Style::kLabel, Style::kMask, Style::kHash, Style::kDetect})
    if (name == style_name(s)) return s;
  return std::nullopt;
}

const char *style_name(Style s) {
  switch (s) {
    case Style::kLabel: return "label";
    case Style::kMask: return "mask";
    case Style::kHash: return "hash";
    case Style::kDetect: return "detect";
  }
  return "unknown";
}

}  // namespace ag::scrub
