// Placeholder until the scrub engine lands: the engine carries no scrub state.
#include "core/engine.h"

namespace ag {
std::shared_ptr<scrub::EngineScrub> make_engine_scrub(const Policy &) { return nullptr; }
}  // namespace ag
