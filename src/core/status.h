// Status codes inside the library, and the one exception type used off the hot paths.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "agentguard.h"

namespace ag {

// Thrown by parsing and construction code; the C boundary turns it into its status and keeps
// the message on the handle. Hot paths return ag_status instead.
class Error : public std::runtime_error {
 public:
  Error(ag_status status, std::string message)
      : std::runtime_error(std::move(message)), status_(status) {}
  ag_status status() const { return status_; }

 private:
  ag_status status_;
};

[[noreturn]] inline void fail(ag_status status, std::string message) {
  throw Error(status, std::move(message));
}

const char *status_name(ag_status s);
bool status_retryable(ag_status s);

}  // namespace ag
