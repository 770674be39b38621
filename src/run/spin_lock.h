// A run's lock: one atomic exchange to take, one plain store to give back (a std::mutex
// costs an atomic read-modify-write on both). Critical sections are short and rarely
// contended (contention is per run: parallel tool calls of one agent), so waiters spin
// briefly, then yield, then sleep in short steps. Satisfies Lockable (std::lock_guard).
#pragma once

#include <atomic>
#include <chrono>
#include <thread>

namespace ag {

class SpinLock {
 public:
  void lock() noexcept {
    while (locked_.exchange(true, std::memory_order_acquire)) wait_until_free();
  }
  bool try_lock() noexcept {
    return !locked_.load(std::memory_order_relaxed) &&
           !locked_.exchange(true, std::memory_order_acquire);
  }
  void unlock() noexcept { locked_.store(false, std::memory_order_release); }

 private:
  void wait_until_free() const noexcept {
    for (unsigned i = 0; locked_.load(std::memory_order_relaxed); ++i) {
      if (i < 64) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#elif defined(__aarch64__)
        asm volatile("yield");
#endif
      } else if (i < 1024) {
        std::this_thread::yield();
      } else {
        std::this_thread::sleep_for(std::chrono::microseconds(50));
      }
    }
  }

  std::atomic<bool> locked_{false};
};

}  // namespace ag
