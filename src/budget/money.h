// Human-readable money for messages and reports.
#pragma once

#include <cstdint>
#include <string>

namespace ag {

// nano-USD as dollars with all nine decimals: 4900000000 -> "$4.900000000".
std::string format_usd(int64_t nusd);

}  // namespace ag
