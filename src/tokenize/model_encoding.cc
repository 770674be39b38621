#include "tokenize/model_encoding.h"

#include <string>

#include "agentguard.h"

namespace ag::tokenize {
namespace {

struct Family {
  const char *prefix;  // matches the name itself, or the name followed by '-', '.' or ':'
  int32_t encoding;
};

// Longer families before the shorter ones they extend ("gpt-4o" before "gpt-4").
constexpr Family kFamilies[] = {
    {"gpt-4o", AG_ENCODING_O200K_BASE},      {"chatgpt-4o", AG_ENCODING_O200K_BASE},
    {"gpt-4.1", AG_ENCODING_O200K_BASE},     {"gpt-4.5", AG_ENCODING_O200K_BASE},
    {"gpt-5", AG_ENCODING_O200K_BASE},       {"gpt-oss", AG_ENCODING_O200K_BASE},
    {"o1", AG_ENCODING_O200K_BASE},          {"o3", AG_ENCODING_O200K_BASE},
    {"o4", AG_ENCODING_O200K_BASE},          {"codex", AG_ENCODING_O200K_BASE},
    {"gpt-4", AG_ENCODING_CL100K_BASE},      {"gpt-3.5", AG_ENCODING_CL100K_BASE},
    {"gpt-35", AG_ENCODING_CL100K_BASE},     {"text-embedding-3", AG_ENCODING_CL100K_BASE},
    {"text-embedding-ada-002", AG_ENCODING_CL100K_BASE},
};

bool has_family(std::string_view name, std::string_view prefix) {
  if (name.substr(0, prefix.size()) != prefix) return false;
  if (name.size() == prefix.size()) return true;
  char next = name[prefix.size()];
  return next == '-' || next == '.' || next == ':';
}

}  // namespace

int32_t encoding_for_model(std::string_view model) {
  std::string name(model);
  for (char &c : name)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  std::string_view n(name);
  for (std::string_view strip : {"openai/", "ft:"})
    if (n.substr(0, strip.size()) == strip) n.remove_prefix(strip.size());
  for (const Family &f : kFamilies)
    if (has_family(n, f.prefix)) return f.encoding;
  return AG_ENCODING_ESTIMATE;
}

}  // namespace ag::tokenize
