#include "core/clock.h"

#include <time.h>

#include <chrono>

namespace ag {

int64_t Clock::now_ms() const {
  int64_t m = manual_ms_.load(std::memory_order_acquire);
  if (m >= 0) return m;
#ifdef CLOCK_REALTIME_COARSE
  // The kernel's tick-granular wall clock: a few ns instead of tens under virtualisation
  // (no clock-source read), at the price of lagging the precise clock by up to one tick.
  timespec ts;
  if (clock_gettime(CLOCK_REALTIME_COARSE, &ts) == 0)
    return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
#endif
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {
constexpr int64_t kHourMs = 3600LL * 1000;
constexpr int64_t kDayMs = 24 * kHourMs;

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
}  // namespace

int64_t hour_start_ms(int64_t t) { return floor_div(t, kHourMs) * kHourMs; }
int64_t day_start_ms(int64_t t) { return floor_div(t, kDayMs) * kDayMs; }

int64_t month_start_ms(int64_t t) {
  using namespace std::chrono;
  sys_days day{days{floor_div(t, kDayMs)}};
  year_month_day ymd{day};
  sys_days first{ymd.year() / ymd.month() / std::chrono::day{1}};
  return static_cast<int64_t>(first.time_since_epoch().count()) * kDayMs;
}

}  // namespace ag
