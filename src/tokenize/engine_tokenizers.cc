#include "tokenize/engine_tokenizers.h"

#include <cstdlib>

#include "core/engine.h"
#include "core/status.h"
#include "tokenize/estimate.h"

namespace ag {
namespace tokenize {

std::string resolve_tokenizer_dir(std::string_view configured) {
  if (!configured.empty()) return std::string(configured);
  const char *env = std::getenv("AGENTGUARD_TOKENIZER_DIR");
  return env != nullptr ? env : "";
}

const Encoding &EngineTokenizers::get(const EncodingSpec &spec) const {
  Slot &slot = slots_[static_cast<int>(spec.id) - 1];
  if (const Encoding *e = slot.ready.load(std::memory_order_acquire)) return *e;
  std::lock_guard<std::mutex> lock(slot.mu);
  if (slot.encoding) return *slot.encoding;
  if (!slot.error.empty()) fail(AG_E_TOKENIZER, slot.error);
  if (dir_.empty()) {
    slot.error = std::string(spec.name) +
                 ": no tokenizer directory (set tokenizers.dir in the policy or "
                 "AGENTGUARD_TOKENIZER_DIR, or count with the estimate)";
    fail(AG_E_TOKENIZER, slot.error);
  }
  try {
    slot.encoding = Encoding::load(spec, dir_);
  } catch (const Error &err) {
    slot.error = err.what();
    throw;
  }
  slot.ready.store(slot.encoding.get(), std::memory_order_release);
  return *slot.encoding;
}

uint64_t EngineTokenizers::count(int32_t encoding, std::string_view text) const {
  if (encoding == AG_ENCODING_ESTIMATE) return estimate_tokens(text);
  const EncodingSpec *spec = find_encoding(encoding);
  if (spec == nullptr)
    fail(AG_E_INVALID_ARGUMENT, "encoding: " + std::to_string(encoding) +
                                    " is not an AG_ENCODING_* value");
  return get(*spec).count(text);
}

}  // namespace tokenize

std::shared_ptr<tokenize::EngineTokenizers> make_engine_tokenizers(const Policy &policy) {
  return std::make_shared<tokenize::EngineTokenizers>(
      tokenize::resolve_tokenizer_dir(policy.tokenizers_dir));
}

}  // namespace ag
