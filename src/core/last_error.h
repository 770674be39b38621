// The last error message of a handle. Readers and writers may be on different threads.
#pragma once

#include <cstring>
#include <mutex>
#include <string>
#include <string_view>

namespace ag {

class LastError {
 public:
  void set(std::string_view message) {
    std::lock_guard<std::mutex> lock(mu_);
    message_.assign(message.data(), message.size());
  }
  // snprintf style: copies a NUL-terminated prefix into buf, returns the full length.
  size_t copy(char *buf, size_t cap) const {
    std::lock_guard<std::mutex> lock(mu_);
    if (buf != nullptr && cap > 0) {
      size_t n = message_.size() < cap - 1 ? message_.size() : cap - 1;
      std::memcpy(buf, message_.data(), n);
      buf[n] = '\0';
    }
    return message_.size();
  }

 private:
  mutable std::mutex mu_;
  std::string message_;
};

// Copies text into an errbuf out-parameter (NUL-terminated, truncated to fit).
inline void write_errbuf(char *buf, size_t cap, std::string_view text) {
  if (buf == nullptr || cap == 0) return;
  size_t n = text.size() < cap - 1 ? text.size() : cap - 1;
  std::memcpy(buf, text.data(), n);
  buf[n] = '\0';
}

}  // namespace ag
