// The tokenizers of an engine (or of an ag_tokenizer handle): a rank-file directory whose
// encodings are loaded on first use, once, thread-safely.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "tokenize/encoding.h"

namespace ag::tokenize {

// configured, or $AGENTGUARD_TOKENIZER_DIR when configured is empty ("" when neither is set).
std::string resolve_tokenizer_dir(std::string_view configured);

class EngineTokenizers {
 public:
  explicit EngineTokenizers(std::string dir) : dir_(std::move(dir)) {}

  // The encoding, loaded from dir() by the first call that needs it. The outcome is kept:
  // a failed load fails every later call the same way (a new engine retries).
  // Throws ag::Error(AG_E_TOKENIZER) with the file and line at fault.
  const Encoding &get(const EncodingSpec &spec) const;

  // Tokens of text in an AG_ENCODING_* encoding (AG_ENCODING_ESTIMATE: the estimate).
  // Throws ag::Error: AG_E_INVALID_ARGUMENT for an unknown encoding, AG_E_TOKENIZER.
  uint64_t count(int32_t encoding, std::string_view text) const;

  const std::string &dir() const { return dir_; }

 private:
  struct Slot {
    std::atomic<const Encoding *> ready{nullptr};  // set once, after a successful load
    std::mutex mu;                                 // serialises the load
    std::unique_ptr<Encoding> encoding;            // GUARDED_BY(mu)
    std::string error;                             // GUARDED_BY(mu); non-empty after a failure
  };

  std::string dir_;
  mutable Slot slots_[kEncodingCount];
};

}  // namespace ag::tokenize
