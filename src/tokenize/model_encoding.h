// Which encoding a model's tokenizer uses.
#pragma once

#include <cstdint>
#include <string_view>

namespace ag::tokenize {

// AG_ENCODING_O200K_BASE or AG_ENCODING_CL100K_BASE for OpenAI models, else
// AG_ENCODING_ESTIMATE (Anthropic, Google and other models publish no tokenizer).
// Case-insensitive; accepts "openai/" and fine-tune ("ft:") prefixes.
int32_t encoding_for_model(std::string_view model);

}  // namespace ag::tokenize
