// OpenAI usage objects: Chat (prompt_tokens, completion_tokens, *_details) and Responses
// (input_tokens, output_tokens, *_details) spell the same counts differently; both are read
// here. Input includes cached tokens and output includes reasoning, as ag_usage counts.
#pragma once

#include "providers/json_read.h"
#include "providers/response.h"

namespace ag::providers {

void read_openai_usage(const JsonSource &src, od::value usage, RawUsage &raw);

}  // namespace ag::providers
