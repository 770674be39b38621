#include "providers/openai_usage.h"

namespace ag::providers {

void read_openai_usage(const JsonSource &src, od::value usage, RawUsage &raw) {
  src.each_field(usage, "usage", [&](std::string_view key, od::value v) {
    if (key == "prompt_tokens" || key == "input_tokens") {
      raw.input = src.u64(v, "usage.input_tokens");
    } else if (key == "completion_tokens" || key == "output_tokens") {
      raw.output = src.u64(v, "usage.output_tokens");
    } else if (key == "prompt_tokens_details" || key == "input_tokens_details") {
      src.each_field(v, "usage.input_tokens_details", [&](std::string_view k, od::value d) {
        if (k == "cached_tokens") raw.cache_read = src.u64(d, "usage.cached_tokens");
        else if (k == "cache_write_tokens") raw.cache_write = src.u64(d, "usage.cache_write_tokens");
      });
    } else if (key == "completion_tokens_details" || key == "output_tokens_details") {
      src.each_field(v, "usage.output_tokens_details", [&](std::string_view k, od::value d) {
        if (k == "reasoning_tokens") raw.reasoning = src.u64(d, "usage.reasoning_tokens");
      });
    }
  });
}

}  // namespace ag::providers
