// The policy document and the run options: top-level keys, then one reader per section.
#include "policy/policy.h"

#include "policy/reader.h"
#include "policy/sections.h"

namespace ag {
namespace {

using policy::od::value;

constexpr policy::NumberSpec kVersion = {0, 1, 1, "1", "1 (the only policy version)"};
constexpr size_t kMaxPath = 4096;
constexpr size_t kMaxRunId = 256;

// path resolved against base_dir when relative and base_dir is given.
std::string resolve(std::string path, std::string_view base_dir) {
  if (path.empty() || path.front() == '/' || base_dir.empty()) return path;
  std::string out(base_dir);
  if (out.back() != '/') out += '/';
  return out + path;
}

void read_tokenizers(policy::Reader &r, value v, const std::string &path, Policy *out) {
  r.members(v, path, [&](std::string_view key, value val, const std::string &at) {
    if (key != "dir") return false;
    if (auto s = r.string(val, at, kMaxPath)) out->tokenizers_dir = *s;
    return true;
  });
}

void read_store(policy::Reader &r, value v, const std::string &path, Policy *out) {
  std::optional<std::string> s = r.string(v, path, kMaxPath);
  if (!s) return;
  if (*s != "memory") {
    r.error(path, "only \"memory\" is supported");
    return;
  }
  out->store = *s;
}

}  // namespace

Policy parse_policy(std::string_view json, std::string_view base_dir) {
  json::check_document(json, "policy");
  policy::Reader r(json, "policy");
  Policy p;
  policy::od::object root;
  if (r.root(&root)) {
    r.members(root, "", [&](std::string_view key, value v, const std::string &path) {
      if (key == "version") {
        r.number(v, path, kVersion);
      } else if (key == "budgets") {
        policy::read_budgets(r, v, path, &p.budgets);
      } else if (key == "pricing") {
        policy::read_pricing(r, v, path, &p.pricing);
      } else if (key == "scrub") {
        policy::read_scrub(r, v, path, &p.scrub);
      } else if (key == "tokenizers") {
        read_tokenizers(r, v, path, &p);
      } else if (key == "store") {
        read_store(r, v, path, &p);
      } else {
        return false;
      }
      return true;
    });
  }
  r.finish();
  p.pricing.file = resolve(std::move(p.pricing.file), base_dir);
  p.tokenizers_dir = resolve(std::move(p.tokenizers_dir), base_dir);
  return p;
}

RunOptions parse_run_options(std::string_view json, const RunLimits &defaults) {
  RunOptions o;
  o.limits = defaults;
  if (json.empty()) return o;
  json::check_document(json, "opts");
  policy::Reader r(json, "opts");
  policy::od::object root;
  if (r.root(&root)) {
    r.members(root, "opts", [&](std::string_view key, value v, const std::string &path) {
      if (key == "run_id") {
        if (auto s = r.string(v, path, kMaxRunId)) o.run_id = *s;
      } else if (key == "user") {
        if (auto s = r.string(v, path, kMaxRunId, true)) o.user = *s;
      } else if (key == "tenant") {
        if (auto s = r.string(v, path, kMaxRunId, true)) o.tenant = *s;
      } else if (key == "limits") {
        policy::read_run_limits(r, v, path, &o.limits);
      } else {
        return false;
      }
      return true;
    });
  }
  r.finish();
  return o;
}

}  // namespace ag
