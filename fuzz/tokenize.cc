// Arbitrary bytes through the pre-tokenizer, the BPE merge and the estimate: no crash, and
// the invariants hold (pieces cover the text; tokens spell it back; count == encode size).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "tokenize/encoding.h"
#include "tokenize/estimate.h"
#include "tokenize/pretokenize.h"
#include "tokenize/unicode_class.h"

namespace {

using namespace ag::tokenize;

// Rank files from $AGENTGUARD_TOKENIZER_DIR or the shared data; without them only the
// splitter and the estimate are exercised.
const Encoding *encoding(EncodingId id) {
  static std::unique_ptr<Encoding> loaded[kEncodingCount];
  static bool once = [] {
    const char *env = std::getenv("AGENTGUARD_TOKENIZER_DIR");
    std::string dir = env != nullptr ? env : AG_SHARED_DIR "/data/tokenizers";
    try {
      for (int i = 0; i < kEncodingCount; ++i)
        loaded[i] = Encoding::load(*find_encoding(i + 1), dir);
    } catch (...) {
    }
    return true;
  }();
  (void)once;
  return loaded[static_cast<int>(id) - 1].get();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view raw(reinterpret_cast<const char *>(data), size);
  estimate_tokens(raw);
  std::string text = replace_invalid_utf8(raw);
  if (valid_utf8_prefix(text) != text.size()) std::abort();
  for (SplitPattern p : {SplitPattern::kO200k, SplitPattern::kCl100k}) {
    Splitter split(p, text);
    std::string_view piece;
    size_t covered = 0;
    while (split.next(&piece)) {
      if (piece.empty() || piece.data() != text.data() + covered) std::abort();
      covered += piece.size();
    }
    if (covered != text.size()) std::abort();
  }
  for (EncodingId id : {EncodingId::kO200kBase, EncodingId::kCl100kBase}) {
    const Encoding *e = encoding(id);
    if (e == nullptr) continue;
    auto ids = e->encode(raw);
    std::string spelled;
    for (uint32_t r : ids) spelled += e->ranks().token(r);
    if (spelled != text || e->count(raw) != ids.size()) std::abort();
  }
  return 0;
}
