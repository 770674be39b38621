#include "scrub/engine_scrub.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <random>
#include <system_error>
#include <thread>

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

// A scratch and a redactor taken from the engine's pools for one call, given back after.
class EngineScrub::Lease {
 public:
  Lease(const EngineScrub &engine, Style style) : engine_(engine), scratch_(engine.acquire_scratch()) {
    redactor_ = engine.redactors_.take();
    if (redactor_ == nullptr) {
      redactor_ = std::make_unique<Redactor>(engine, style);
    } else {
      redactor_->reset(style);
    }
  }
  ~Lease() {
    engine_.redactors_.give(std::move(redactor_));
    engine_.release_scratch(std::move(scratch_));
  }
  Lease(const Lease &) = delete;
  Lease &operator=(const Lease &) = delete;
  Redactor &redactor() { return *redactor_; }
  hs_scratch_t *scratch() { return scratch_->s; }

 private:
  const EngineScrub &engine_;
  std::unique_ptr<Scratch> scratch_;
  std::unique_ptr<Redactor> redactor_;
};

void EngineScrub::scrub(Style style, std::string_view in, Sink *out, std::vector<Finding> *findings,
                        unsigned threads) const {
  uint64_t parts = std::min<uint64_t>(threads, in.size() / kPartMin);
  if (parts > 1) {
    std::vector<uint64_t> cuts;
    for (uint64_t k = 1; k < parts; ++k) cuts.push_back(in.size() / parts * k);
    scrub_parts(style, in, out, findings, cuts, static_cast<unsigned>(parts));
    return;
  }
  Lease lease(*this, style);
  Redactor &r = lease.redactor();
  r.write(in.data(), in.size(), lease.scratch(), out);
  r.finish(lease.scratch(), out);
  if (findings != nullptr) findings->assign(r.findings().begin(), r.findings().end());
}

// Part k is [cuts[k-1], cuts[k]); a redactor scans it with part_margin() bytes more on both
// sides (Redactor::collect) and keeps the matches that end inside it. Every match ends in
// exactly one part, so the parts' spans together are the whole input's. The caller's thread
// and up to threads - 1 more take parts in turn.
void EngineScrub::scrub_parts(Style style, std::string_view in, Sink *out, std::vector<Finding> *findings,
                              const std::vector<uint64_t> &cuts, unsigned threads) const {
  const uint64_t n = in.size(), margin = part_margin(database());
  const size_t parts = cuts.size() + 1;
  for (size_t k = 0; k < cuts.size(); ++k)
    if (cuts[k] == 0 || cuts[k] >= n || (k > 0 && cuts[k] <= cuts[k - 1]))
      fail(AG_E_INTERNAL, "scrub: part cuts must ascend inside the input");
  std::vector<std::vector<Redactor::Span>> spans(parts);
  std::vector<std::exception_ptr> errors(parts);
  std::atomic<size_t> next{0};
  auto work = [&] {
    std::unique_ptr<Lease> lease;
    for (size_t k = next++; k < parts; k = next++) {
      try {
        if (lease == nullptr) lease = std::make_unique<Lease>(*this, style);
        const uint64_t from = k == 0 ? 0 : cuts[k - 1], to = k + 1 < parts ? cuts[k] : n;
        const uint64_t lo = from > margin ? from - margin : 0, hi = std::min(n, to + margin);
        // The last part keeps the matches that end at the end of the input.
        const uint64_t keep_hi = k + 1 < parts ? to - lo : UINT64_MAX;
        lease->redactor().collect(in.data() + lo, hi - lo, from - lo, keep_hi, lo, lease->scratch(), &spans[k]);
      } catch (...) {
        errors[k] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> workers;
  for (size_t t = 1; t < std::min<size_t>(threads, parts); ++t) {
    try {
      workers.emplace_back(work);
    } catch (const std::system_error &) {
      break;  // the threads started so far, and this one, take every part
    }
  }
  work();
  for (std::thread &t : workers) t.join();
  for (const std::exception_ptr &e : errors)
    if (e) std::rethrow_exception(e);
  std::vector<Redactor::Span> all = std::move(spans[0]);
  for (size_t k = 1; k < parts; ++k) all.insert(all.end(), spans[k].begin(), spans[k].end());
  Lease lease(*this, style);
  Redactor &r = lease.redactor();
  r.emit_spans(in.data(), n, std::move(all), out);
  if (findings != nullptr) findings->assign(r.findings().begin(), r.findings().end());
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
