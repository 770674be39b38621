// The one source of time. A ledger owns a Clock; runs read it through their ledger.
// REQUIRES: nothing; all methods are thread-safe.
#pragma once

#include <atomic>
#include <cstdint>

namespace ag {

class Clock {
 public:
  // Milliseconds since the Unix epoch: the system clock, or the manual time when set.
  // The system clock is read coarsely where the OS offers it (Linux CLOCK_REALTIME_COARSE:
  // it may lag the precise wall clock by one kernel tick, 1-4 ms, never more).
  int64_t now_ms() const;
  // now_ms >= 0: manual clock at that time. now_ms < 0: back to the system clock.
  void set_manual(int64_t now_ms) { manual_ms_.store(now_ms, std::memory_order_release); }
  bool manual() const { return manual_ms_.load(std::memory_order_acquire) >= 0; }

 private:
  std::atomic<int64_t> manual_ms_{-1};
};

// UTC calendar helpers for budget windows.
int64_t hour_start_ms(int64_t t_ms);
int64_t day_start_ms(int64_t t_ms);
int64_t month_start_ms(int64_t t_ms);

}  // namespace ag
