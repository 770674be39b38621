#include "run/run.h"

#include <algorithm>
#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <limits>
#include <random>

#include "budget/money.h"
#include "budget/pricing.h"
#include "budget/window.h"
#include "core/engine.h"

namespace ag {
namespace {

constexpr int64_t kNever = std::numeric_limits<int64_t>::max();
// Token counts above this are rejected, so sums of a few of them never overflow int64.
constexpr uint64_t kMaxTokens = 1ull << 53;
// Costs above $1e9 are rejected, so a counter sums several of them without overflow.
constexpr int64_t kMaxCostNusd = 1'000'000'000'000'000'000;

Amount operator+(Amount a, Amount b) { return {a.usd + b.usd, a.tokens + b.tokens}; }
Amount operator-(Amount a, Amount b) { return {a.usd - b.usd, a.tokens - b.tokens}; }

bool over(const RunLimits &l, Amount used) {
  return (l.usd_nusd >= 0 && used.usd > l.usd_nusd) || (l.tokens >= 0 && used.tokens > l.tokens);
}

// "user 'alice' day", "global month", "run 'r1' total".
std::string counter_name(int scope, std::string_view id, int window) {
  std::string s = scope_name(scope);
  if (scope != AG_SCOPE_GLOBAL) {
    s += " '";
    s.append(id);
    s += "'";
  }
  s += ' ';
  s += window_name(window);
  return s;
}

std::string refusal(const std::string &counter, bool tokens, int64_t limit, Amount spent,
                    Amount reserved, Amount asked) {
  std::string m = "budget exceeded: " + counter;
  if (tokens) {
    m += " token limit " + std::to_string(limit) + ", spent " + std::to_string(spent.tokens) +
         ", reserved " + std::to_string(reserved.tokens) + ", requested " +
         std::to_string(asked.tokens);
  } else {
    m += " limit " + format_usd(limit) + ", spent " + format_usd(spent.usd) + ", reserved " +
         format_usd(reserved.usd) + ", requested " + format_usd(asked.usd);
  }
  return m;
}

std::string amount_text(Amount a) {
  return format_usd(a.usd) + " and " + std::to_string(a.tokens) + " tokens";
}

}  // namespace

std::string generate_run_id() {
  static const uint64_t seed = [] {
    std::random_device rd;
    return (static_cast<uint64_t>(rd()) << 32) ^ rd();
  }();
  static std::atomic<uint64_t> sequence{0};
  // splitmix64 over a per-process random seed and a sequence: distinct within a process.
  uint64_t z = seed + (sequence.fetch_add(1, std::memory_order_relaxed) + 1) * 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  char buf[32];
  std::snprintf(buf, sizeof buf, "run-%016" PRIx64, z);
  return buf;
}

Run::Run(const ag_engine &engine, Ledger &ledger, RunOptions opts, RunProgress p)
    : engine_(engine),
      ledger_(ledger),
      opts_(std::move(opts)),
      started_ms_(p.started_ms),
      turns_(p.turns),
      tool_calls_(p.tool_calls),
      used_(p.spent),
      spent_(p.spent),
      closed_(p.overrun),
      earliest_expiry_ms_(kNever),
      ttl_ms_(ledger.reservation_ttl_ms()) {
  if (opts_.run_id.empty()) opts_.run_id = generate_run_id();
  if (closed_) closed_why_ = "a usage exceeded its reservation before the snapshot";
  ledger_.attach(this);
}

Run::~Run() {
  ledger_.detach(this);  // first: no sweep can reach the run after this
  std::lock_guard<SpinLock> lock(mu_);
  for (const Reservation &r : open_)
    for (const auto &e : r.set->entries) e.counter->give_back(r.amount);
}

ag_status Run::refuse(ag_status s, std::string message) {
  last_error.set(message);
  return s;
}

// ---- state ------------------------------------------------------------------------------

ag_status Run::state_locked(int64_t now, std::string *message) {
  uint64_t g = ledger_.generation();
  if (g != seen_generation_) {
    auto k = ledger_.kill_message(opts_.run_id, opts_.user, opts_.tenant);
    kill_message_ = k ? std::move(*k) : std::string();
    seen_generation_ = g;
    set_stale_ = true;  // limits or tracked windows may have changed too
  }
  if (!kill_message_.empty()) {
    *message = kill_message_;
    return AG_E_KILLED;
  }
  int64_t deadline = opts_.limits.deadline_ms;
  if (deadline >= 0 && now - started_ms_ >= deadline) {
    *message = "deadline exceeded: run '" + opts_.run_id + "' had " + std::to_string(deadline) +
               " ms from its start and " + std::to_string(now - started_ms_) + " ms have passed";
    return AG_E_DEADLINE_EXCEEDED;
  }
  if (closed_) {
    *message = "run '" + opts_.run_id + "' is closed to reservations: " + closed_why_;
    return AG_E_RUN_CLOSED;
  }
  return AG_OK;
}

ag_status Run::check() {
  std::lock_guard<SpinLock> lock(mu_);
  std::string message;
  ag_status s = state_locked(ledger_.now(), &message);
  return s == AG_OK ? s : refuse(s, std::move(message));
}

ag_status Run::turn() {
  std::lock_guard<SpinLock> lock(mu_);
  std::string message;
  ag_status s = state_locked(ledger_.now(), &message);
  if (s != AG_OK) return refuse(s, std::move(message));
  if (opts_.limits.turns >= 0 && turns_ >= opts_.limits.turns)
    return refuse(AG_E_TURN_LIMIT, "turn limit reached: run '" + opts_.run_id + "' used all " +
                                       std::to_string(opts_.limits.turns) + " turns");
  ++turns_;
  return AG_OK;
}

ag_status Run::tool_call(std::string_view tool) {
  std::lock_guard<SpinLock> lock(mu_);
  std::string message;
  ag_status s = state_locked(ledger_.now(), &message);
  if (s != AG_OK) return refuse(s, std::move(message));
  if (opts_.limits.tool_calls >= 0 && tool_calls_ >= opts_.limits.tool_calls)
    return refuse(AG_E_TOOL_CALL_LIMIT,
                  "tool call limit reached: run '" + opts_.run_id + "' used all " +
                      std::to_string(opts_.limits.tool_calls) + " tool calls (refused '" +
                      std::string(tool) + "')");
  ++tool_calls_;
  return AG_OK;
}

ag_status Run::step_timeout(int64_t *timeout_ms) {
  std::lock_guard<SpinLock> lock(mu_);
  int64_t step = opts_.limits.step_timeout_ms;
  int64_t deadline = opts_.limits.deadline_ms;
  if (deadline < 0) {
    *timeout_ms = step;  // -1 when neither is set
    return AG_OK;
  }
  int64_t remaining = deadline - (ledger_.now() - started_ms_);
  if (remaining <= 0)
    return refuse(AG_E_DEADLINE_EXCEEDED, "deadline exceeded: run '" + opts_.run_id +
                                              "' has no time left for another step");
  *timeout_ms = step < 0 ? remaining : std::min(step, remaining);
  return AG_OK;
}

void Run::close_locked(std::string why) {
  if (!closed_) closed_why_ = std::move(why);
  closed_ = true;
}

// ---- reserve ----------------------------------------------------------------------------

const ModelPrice *Run::price_locked(std::string_view model) {
  for (const PriceCacheEntry &e : price_cache_)
    if (e.price != nullptr && model == std::string_view(e.model)) return e.price;
  const ModelPrice *p = engine_.prices.find(model);
  if (p != nullptr) {
    PriceCacheEntry &e = price_cache_[price_cache_next_];
    price_cache_next_ = (price_cache_next_ + 1) % kPriceCacheSize;
    e.model.assign(model.data(), model.size());
    e.price = p;
  }
  return p;
}

void Run::ensure_set_locked(int64_t now) {
  if (!set_stale_ && !sets_.empty() && now < sets_.back()->valid_until_ms) return;
  auto set = make_mi_unique<CounterSet>();
  set->valid_until_ms = kNever;
  set->generation = seen_generation_;
  set->entries.reserve(3 * kWindowCount);  // no reallocation below: a claimed slot is never lost
  const struct {
    int scope;
    std::string_view id;
  } scopes[] = {{AG_SCOPE_USER, opts_.user}, {AG_SCOPE_TENANT, opts_.tenant},
                {AG_SCOPE_GLOBAL, {}}};
  for (const auto &s : scopes) {
    if (s.scope != AG_SCOPE_GLOBAL && s.id.empty()) continue;  // the run has no such scope
    for (int w = 0; w < kWindowCount; ++w) {
      if (!ledger_.tracked(s.scope, w)) continue;
      std::shared_ptr<Counter> c = ledger_.counter(s.scope, s.id, w, now);
      int slot = c->claim_slot();
      set->entries.push_back({std::move(c), s.scope, w, slot});
      set->valid_until_ms = std::min(set->valid_until_ms, window_span(w, now).end);
    }
  }
  // The replaced set stays while reservations point at it.
  std::erase_if(sets_, [](const auto &old) { return old->holders == 0; });
  sets_.push_back(std::move(set));
  set_stale_ = false;
}

ag_status Run::take_locked(Amount a) {
  const RunLimits &l = opts_.limits;
  bool usd_refused = l.usd_nusd >= 0 && a.usd > l.usd_nusd - used_.usd;
  bool tokens_refused = l.tokens >= 0 && a.tokens > l.tokens - used_.tokens;
  if (usd_refused || tokens_refused)
    return refuse(AG_E_BUDGET_EXCEEDED,
                  refusal(counter_name(AG_SCOPE_RUN, opts_.run_id, AG_WINDOW_TOTAL), !usd_refused,
                          usd_refused ? l.usd_nusd : l.tokens, spent_, used_ - spent_, a));
  const auto &entries = sets_.back()->entries;
  for (size_t i = 0; i < entries.size(); ++i) {
    Counter::Refusal r = entries[i].counter->try_take(a);
    if (r == Counter::Refusal::kNone) continue;
    for (size_t j = 0; j < i; ++j) entries[j].counter->give_back(a);  // all or nothing
    const auto &e = entries[i];
    Counter::View v = e.counter->read();
    std::string_view id = e.scope == AG_SCOPE_USER ? opts_.user : opts_.tenant;
    bool tokens = r == Counter::Refusal::kTokens;
    return refuse(AG_E_BUDGET_EXCEEDED,
                  refusal(counter_name(e.scope, id, e.window), tokens,
                          tokens ? v.limit.tokens : v.limit.usd_nusd, v.spent, v.reserved, a));
  }
  return AG_OK;
}

ag_status Run::reserve(std::string_view model, uint64_t input_tokens, uint64_t max_output_tokens,
                       uint64_t *reservation) {
  int64_t now = ledger_.now();
  ag_status s = reserve_once(model, input_tokens, max_output_tokens, reservation, now);
  // A shared counter refused: expired holds of other runs may be what fills it.
  if (s == AG_E_BUDGET_EXCEEDED && ledger_.expire_if_due(now) > 0)
    s = reserve_once(model, input_tokens, max_output_tokens, reservation, now);
  return s;
}

ag_status Run::reserve_once(std::string_view model, uint64_t input_tokens,
                            uint64_t max_output_tokens, uint64_t *reservation, int64_t now) {
  std::lock_guard<SpinLock> lock(mu_);
  std::string message;
  ag_status s = state_locked(now, &message);
  if (s != AG_OK) return refuse(s, std::move(message));
  if (input_tokens > kMaxTokens || max_output_tokens > kMaxTokens)
    return refuse(AG_E_INVALID_ARGUMENT, "input_tokens and max_output_tokens must be at most 2^53");
  const ModelPrice *price = price_locked(model);
  if (price == nullptr)
    return refuse(AG_E_UNKNOWN_MODEL, "model '" + std::string(model) +
                                          "' has no price (set pricing.models or a default price)");
  Amount a{price_worst_case(*price, input_tokens, max_output_tokens),
           static_cast<int64_t>(input_tokens + max_output_tokens)};
  if (a.usd > kMaxCostNusd)
    return refuse(AG_E_INVALID_ARGUMENT, "the worst-case cost " + format_usd(a.usd) +
                                             " is above the largest reservation ($1000000000)");
  if (now >= earliest_expiry_ms_) expire_locked(now);
  ensure_set_locked(now);
  s = take_locked(a);
  if (s != AG_OK) return s;
  CounterSet *set = sets_.back().get();
  int64_t expires = ttl_ms_ > 0 && now <= kNever - ttl_ms_ ? now + ttl_ms_ : kNever;
  open_.push_back(Reservation{next_reservation_, price, a, set, expires});
  *reservation = next_reservation_++;
  ++set->holders;
  used_ = used_ + a;
  if (expires < earliest_expiry_ms_) {
    earliest_expiry_ms_ = expires;
    ledger_.note_expiry(expires);
  }
  return AG_OK;
}

// ---- settle -----------------------------------------------------------------------------

Run::Reservations::iterator Run::find_locked(Reservations &v, uint64_t id) {
  // Newest first: the reservation settled is usually one of the latest.
  auto rit = std::find_if(v.rbegin(), v.rend(), [id](const Reservation &r) { return r.id == id; });
  return rit == v.rend() ? v.end() : std::prev(rit.base());
}

Reservation Run::take_open_locked(Reservations::iterator it) {
  Reservation r = *it;
  *it = open_.back();  // order does not matter: swap with the last and pop
  open_.pop_back();
  return r;
}

void Run::drop_holder_locked(CounterSet *set) {
  if (--set->holders > 0 || set == sets_.back().get()) return;
  std::erase_if(sets_, [set](const auto &s) { return s.get() == set; });
}

ag_status Run::commit(uint64_t id, const ag_usage &usage, int64_t *cost_nusd) {
  std::lock_guard<SpinLock> lock(mu_);
  expire_due_locked();
  auto it = find_locked(open_, id);
  bool late = it == open_.end();
  if (late) it = find_locked(expired_, id);
  if (late && it == expired_.end())
    return refuse(AG_E_NOT_FOUND, "reservation " + std::to_string(id) +
                                      " is not open (never made, already committed or released, or expired and "
                                      "forgotten)");
  if (usage.input_tokens > kMaxTokens || usage.output_tokens > kMaxTokens)
    return refuse(AG_E_INVALID_ARGUMENT, "usage: input_tokens and output_tokens must be at most 2^53");
  int64_t cost = 0;
  if (price_usage(*it->price, usage, &cost) != AG_OK || cost > kMaxCostNusd)
    return refuse(AG_E_INVALID_ARGUMENT,
                  "usage: cached_input_tokens + cache_write_tokens exceed input_tokens, or "
                  "reasoning_tokens exceed output_tokens, or the cost is above $1000000000");
  Amount actual{cost, static_cast<int64_t>(usage.input_tokens + usage.output_tokens)};
  if (cost_nusd != nullptr) *cost_nusd = cost;
  if (late) return settle_late_locked(it, actual);
  Reservation r = take_open_locked(it);
  for (const auto &e : r.set->entries) e.counter->settle(r.amount, actual, e.slot);
  used_ = used_ - r.amount + actual;
  spent_ = spent_ + actual;
  drop_holder_locked(r.set);
  if (actual.usd > r.amount.usd || actual.tokens > r.amount.tokens)
    close_locked("reservation " + std::to_string(r.id) + " reserved " + amount_text(r.amount) +
                 " but used " + amount_text(actual));
  return AG_OK;
}

ag_status Run::settle_late_locked(Reservations::iterator it, Amount actual) {
  Reservation r = *it;
  expired_.erase(it);
  // Money spent is money spent: recorded even past a limit, which then closes the run.
  bool passed = false;
  for (const auto &e : r.set->entries) passed |= e.counter->force_add(actual, e.slot);
  used_ = used_ + actual;
  spent_ = spent_ + actual;
  passed |= over(opts_.limits, used_);
  drop_holder_locked(r.set);
  if (passed)
    close_locked("the late commit of expired reservation " + std::to_string(r.id) +
                 " passed a limit");
  return refuse(AG_E_EXPIRED, "reservation " + std::to_string(r.id) +
                                  " had expired and was released; its cost " +
                                  format_usd(actual.usd) + " was recorded anyway");
}

ag_status Run::release(uint64_t id) {
  std::lock_guard<SpinLock> lock(mu_);
  expire_due_locked();
  auto it = find_locked(open_, id);
  if (it != open_.end()) {
    Reservation r = take_open_locked(it);
    for (const auto &e : r.set->entries) e.counter->give_back(r.amount);
    used_ = used_ - r.amount;
    drop_holder_locked(r.set);
    return AG_OK;
  }
  it = find_locked(expired_, id);
  if (it != expired_.end()) {  // expiry already returned it
    CounterSet *set = it->set;
    expired_.erase(it);
    drop_holder_locked(set);
    return AG_OK;
  }
  return refuse(AG_E_NOT_FOUND, "reservation " + std::to_string(id) +
                                    " is not open (never made, or already committed or released)");
}

uint64_t Run::expire_locked(int64_t now) {
  uint64_t n = 0;
  int64_t earliest = kNever;
  for (size_t i = 0; i < open_.size();) {
    Reservation &r = open_[i];
    if (r.expires_ms > now) {
      earliest = std::min(earliest, r.expires_ms);
      ++i;
      continue;
    }
    for (const auto &e : r.set->entries) e.counter->give_back(r.amount);
    used_ = used_ - r.amount;
    // Keeps its holder on the set for a late commit.
    expired_.push_back(take_open_locked(open_.begin() + static_cast<std::ptrdiff_t>(i)));
    ++n;
  }
  if (expired_.size() > kExpiredKept) {  // forget the oldest
    size_t excess = expired_.size() - kExpiredKept;
    for (size_t i = 0; i < excess; ++i) drop_holder_locked(expired_[i].set);
    expired_.erase(expired_.begin(), expired_.begin() + static_cast<std::ptrdiff_t>(excess));
  }
  earliest_expiry_ms_ = earliest;
  if (earliest != kNever) ledger_.note_expiry(earliest);
  return n;
}

void Run::expire_due_locked() {
  if (earliest_expiry_ms_ == kNever) return;  // nothing open can expire: no clock read
  int64_t now = ledger_.now();
  if (now >= earliest_expiry_ms_) expire_locked(now);
}

uint64_t Run::expire(int64_t now_ms) {
  std::lock_guard<SpinLock> lock(mu_);
  return expire_locked(now_ms);
}

void Run::reapply_spend() {
  std::lock_guard<SpinLock> lock(mu_);
  int64_t now = ledger_.now();
  std::string message;
  state_locked(now, &message);  // picks up the ledger generation
  ensure_set_locked(now);
  bool passed = false;
  for (const auto &e : sets_.back()->entries) passed |= e.counter->force_add(spent_, e.slot);
  if (passed) close_locked("the restored spend passed a limit of an outer scope");
}

// ---- reading ----------------------------------------------------------------------------

Counter::View Run::read_counter() {
  std::lock_guard<SpinLock> lock(mu_);
  Counter::View v;
  v.spent = spent_;
  v.reserved = used_ - spent_;
  v.limit = Limit{opts_.limits.usd_nusd, opts_.limits.tokens};
  return v;
}

RunProgress Run::progress() {
  std::lock_guard<SpinLock> lock(mu_);
  return RunProgress{started_ms_, turns_, tool_calls_, spent_, closed_};
}

void Run::stats(ag_run_stats *out) {
  std::lock_guard<SpinLock> lock(mu_);
  int64_t now = ledger_.now();
  const RunLimits &l = opts_.limits;
  out->spent_nusd = spent_.usd;
  out->reserved_nusd = used_.usd - spent_.usd;
  out->limit_nusd = l.usd_nusd;
  out->remaining_nusd = l.usd_nusd < 0 ? -1 : std::max<int64_t>(0, l.usd_nusd - used_.usd);
  out->spent_tokens = spent_.tokens;
  out->reserved_tokens = used_.tokens - spent_.tokens;
  out->limit_tokens = l.tokens;
  out->turns = turns_;
  out->max_turns = l.turns;
  out->tool_calls = tool_calls_;
  out->max_tool_calls = l.tool_calls;
  out->started_ms = started_ms_;
  out->elapsed_ms = now - started_ms_;
  out->remaining_ms =
      l.deadline_ms < 0 ? -1 : std::max<int64_t>(0, l.deadline_ms - (now - started_ms_));
  out->open_reservations = static_cast<int64_t>(open_.size());
  std::string message;
  out->state = state_locked(now, &message);
}

}  // namespace ag
