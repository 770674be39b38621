#include "scrub/engine_scrub.h"

#include <random>

#include "core/engine.h"
#include "core/status.h"
#include "scrub/rule_set.h"

namespace ag::scrub {

EngineScrub::EngineScrub(std::vector<Rule> rules, Style style, SipKey key)
    : rules_(std::move(rules)), style_(style), key_(key) {}

EngineScrub::~EngineScrub() = default;

const Database &EngineScrub::database() const {
  const Database *db = db_.load(std::memory_order_acquire);
  if (db != nullptr) return *db;
  std::lock_guard<std::mutex> lock(compile_mu_);
  if (db_owner_ == nullptr) {
    db_owner_ = std::make_unique<Database>(rules_);
    db_.store(db_owner_.get(), std::memory_order_release);
  }
  return *db_owner_;
}

std::unique_ptr<Scratch> EngineScrub::acquire_scratch() const {
  std::unique_ptr<Scratch> s = scratches_.take();
  if (s != nullptr) return s;
  const Database &db = database();
  s = std::make_unique<Scratch>();
  if (db.scratch_prototype() != nullptr && hs_clone_scratch(db.scratch_prototype(), &s->s) != HS_SUCCESS)
    fail(AG_E_NOMEM, "scrub: cannot allocate Hyperscan scratch");
  return s;
}

void EngineScrub::scrub(Style style, std::string_view in, Sink *out,
                        std::vector<Finding> *findings) const {
  std::unique_ptr<Scratch> scratch = acquire_scratch();
  std::unique_ptr<Redactor> r = redactors_.take();
  if (r == nullptr) {
    r = std::make_unique<Redactor>(*this, style);
  } else {
    r->reset(style);
  }
  r->write(in.data(), in.size(), scratch->s, out);
  r->finish(scratch->s, out);
  if (findings != nullptr) findings->assign(r->findings().begin(), r->findings().end());
  redactors_.give(std::move(r));
  release_scratch(std::move(scratch));
}

size_t EngineScrub::bound(Style style, size_t n) const {
  return output_bound(database(), style, n);
}

SipKey make_hash_key(std::string_view key) {
  if (key.empty()) {
    std::random_device rd;
    auto word = [&rd] { return (static_cast<uint64_t>(rd()) << 32) | rd(); };
    return SipKey{word(), word()};
  }
  // Two fixed keys spread the policy's key over the 128 bits.
  return SipKey{siphash24(SipKey{0x6167656e74677561ULL, 0x7264206b65792030ULL}, key.data(), key.size()),
                siphash24(SipKey{0x6167656e74677561ULL, 0x7264206b65792031ULL}, key.data(), key.size())};
}

}  // namespace ag::scrub

// ---- make_engine_scrub -------------------------------------------------------------
namespace ag {

std::shared_ptr<scrub::EngineScrub> make_engine_scrub(const Policy &policy) {
  std::optional<scrub::Style> style = scrub::parse_style(policy.scrub.style);
  if (!style) fail(AG_E_POLICY, "scrub.style: must be label, mask, hash or detect");
  return std::make_shared<scrub::EngineScrub>(scrub::select_rules(policy.scrub), *style,
                                              scrub::make_hash_key(policy.scrub.hash_key));
}

}  // namespace ag
