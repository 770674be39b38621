// Model name normalisation: the names a table lookup tries for one model id.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ag {

// Lookup candidates for a model id, most specific first. The first is the id lowercased and
// trimmed; then the id without routing prefixes ("openai/", "models/", "vertex_ai/",
// Bedrock's "us.anthropic."); Claude ids get dots as dashes ("claude-3.5" -> "claude-3-5");
// then one version-like suffix is removed at a time: dates ("-2024-08-06", "-20241022",
// "-0613", "-05-20"), "@...", ":0", "-latest", "-preview", "-exp", "-001", "-v2",
// "-instruct", "-it", "-hf". Family words ("-mini", "-pro", "-turbo", "-lite", "-nano")
// are never removed, so no candidate names a different model family.
std::vector<std::string> model_name_candidates(std::string_view model);

// Lowercase ASCII copy with surrounding whitespace removed.
std::string lower_trimmed(std::string_view s);

}  // namespace ag
