#include "budget/kill_switch.h"

#include "agentguard.h"
#include "budget/window.h"

namespace ag {
namespace {

int slot(int scope) { return scope == AG_SCOPE_USER ? 0 : scope == AG_SCOPE_TENANT ? 1 : 2; }

std::string message(int scope, std::string_view id, const std::string &reason) {
  std::string m = "killed (";
  m += scope_name(scope);
  if (scope != AG_SCOPE_GLOBAL) {
    m += " '";
    m.append(id);
    m += "'";
  }
  m += "): ";
  m += reason.empty() ? "no reason given" : reason;
  return m;
}

}  // namespace

void KillSwitch::kill(int scope, std::string_view id, std::string_view reason) {
  if (scope == AG_SCOPE_GLOBAL) {
    global_ = std::string(reason);
    return;
  }
  by_scope_[slot(scope)][std::string(id)] = std::string(reason);
}

bool KillSwitch::revive(int scope, std::string_view id) {
  if (scope == AG_SCOPE_GLOBAL) {
    bool had = global_.has_value();
    global_.reset();
    return had;
  }
  return by_scope_[slot(scope)].erase(std::string(id)) > 0;
}

std::optional<std::string> KillSwitch::find(std::string_view run_id, std::string_view user,
                                            std::string_view tenant) const {
  if (global_) return message(AG_SCOPE_GLOBAL, {}, *global_);
  const struct {
    int scope;
    std::string_view id;
  } order[] = {{AG_SCOPE_TENANT, tenant}, {AG_SCOPE_USER, user}, {AG_SCOPE_RUN, run_id}};
  for (const auto &o : order) {
    if (o.id.empty() && o.scope != AG_SCOPE_RUN) continue;
    const auto &m = by_scope_[slot(o.scope)];
    auto it = m.find(std::string(o.id));
    if (it != m.end()) return message(o.scope, o.id, it->second);
  }
  return std::nullopt;
}

}  // namespace ag
