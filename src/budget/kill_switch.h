// Kill switches: global, per user, per tenant, per run id, each with its reason.
// REQUIRES: external synchronisation (the ledger holds its mutex around every call).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ag {

class KillSwitch {
 public:
  // scope: AG_SCOPE_GLOBAL (id ignored), USER, TENANT or RUN.
  void kill(int scope, std::string_view id, std::string_view reason);
  // Returns false when no such kill was set.
  bool revive(int scope, std::string_view id);
  // The message for the first kill covering a run (global, tenant, user, run), if any:
  // "killed (user 'alice'): fraud review".
  std::optional<std::string> find(std::string_view run_id, std::string_view user,
                                  std::string_view tenant) const;

 private:
  std::optional<std::string> global_;
  std::unordered_map<std::string, std::string> by_scope_[3];  // user, tenant, run
};

}  // namespace ag
