#include "budget/window.h"

#include <limits>

#include "agentguard.h"
#include "core/clock.h"

namespace ag {
namespace {
constexpr int64_t kHourMs = 3600LL * 1000;
constexpr int64_t kDayMs = 24 * kHourMs;
}  // namespace

WindowSpan window_span(int window, int64_t t) {
  switch (window) {
    case AG_WINDOW_HOUR: {
      int64_t s = hour_start_ms(t);
      return {s, s + kHourMs};
    }
    case AG_WINDOW_DAY: {
      int64_t s = day_start_ms(t);
      return {s, s + kDayMs};
    }
    case AG_WINDOW_MONTH: {
      int64_t s = month_start_ms(t);
      // Every month has 28..31 days, so 31 days after the 1st lies in the next month.
      return {s, month_start_ms(s + 31 * kDayMs)};
    }
    default:
      return {0, std::numeric_limits<int64_t>::max()};
  }
}

bool valid_window(int32_t w) { return w >= AG_WINDOW_TOTAL && w <= AG_WINDOW_MONTH; }
bool valid_scope(int32_t s) { return s >= AG_SCOPE_RUN && s <= AG_SCOPE_GLOBAL; }

const char *window_name(int w) {
  static const char *const kNames[] = {"total", "hour", "day", "month"};
  return valid_window(w) ? kNames[w] : "?";
}

const char *scope_name(int s) {
  static const char *const kNames[] = {"run", "user", "tenant", "global"};
  return valid_scope(s) ? kNames[s] : "?";
}

}  // namespace ag
