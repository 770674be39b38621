// Placeholder until token counting lands.
#include "core/engine.h"

namespace ag {
std::shared_ptr<tokenize::EngineTokenizers> make_engine_tokenizers(const Policy &) {
  return nullptr;
}
}  // namespace ag
