// Runs the language-neutral vectors of tests/conformance/ against the C ABI. Every binding
// runs the same files, so behaviour cannot drift between languages.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "agentguard.h"

namespace {

namespace fs = std::filesystem;
using simdjson::dom::element;
using simdjson::dom::object;

fs::path vector_dir() { return fs::path(AG_SOURCE_DIR) / "tests" / "conformance"; }

const std::map<std::string, ag_status> &status_names() {
  static const std::map<std::string, ag_status> names = {
      {"AG_OK", AG_OK},
      {"AG_E_INVALID_ARGUMENT", AG_E_INVALID_ARGUMENT},
      {"AG_E_NOMEM", AG_E_NOMEM},
      {"AG_E_INTERNAL", AG_E_INTERNAL},
      {"AG_E_BUFFER_TOO_SMALL", AG_E_BUFFER_TOO_SMALL},
      {"AG_E_STRUCT_SIZE", AG_E_STRUCT_SIZE},
      {"AG_E_PARSE", AG_E_PARSE},
      {"AG_E_POLICY", AG_E_POLICY},
      {"AG_E_UNKNOWN_MODEL", AG_E_UNKNOWN_MODEL},
      {"AG_E_BUDGET_EXCEEDED", AG_E_BUDGET_EXCEEDED},
      {"AG_E_DEADLINE_EXCEEDED", AG_E_DEADLINE_EXCEEDED},
      {"AG_E_TURN_LIMIT", AG_E_TURN_LIMIT},
      {"AG_E_TOOL_CALL_LIMIT", AG_E_TOOL_CALL_LIMIT},
      {"AG_E_KILLED", AG_E_KILLED},
      {"AG_E_NOT_FOUND", AG_E_NOT_FOUND},
      {"AG_E_EXPIRED", AG_E_EXPIRED},
      {"AG_E_RUN_CLOSED", AG_E_RUN_CLOSED},
      {"AG_E_IO", AG_E_IO},
      {"AG_E_UNSUPPORTED", AG_E_UNSUPPORTED},
      {"AG_E_STATE", AG_E_STATE},
      {"AG_E_TRUNCATED", AG_E_TRUNCATED},
      {"AG_E_PROVIDER_ERROR", AG_E_PROVIDER_ERROR},
      {"AG_E_TOO_LARGE", AG_E_TOO_LARGE},
      {"AG_E_SCRUB_COMPILE", AG_E_SCRUB_COMPILE},
      {"AG_E_TOKENIZER", AG_E_TOKENIZER},
      {"AG_E_VERSION", AG_E_VERSION},
  };
  return names;
}

ag_status status_of(std::string_view name) {
  auto it = status_names().find(std::string(name));
  if (it == status_names().end()) {
    ADD_FAILURE() << "unknown status name " << name;
  }
  return it == status_names().end() ? AG_E_INTERNAL : it->second;
}

std::string_view str(object o, const char *key, std::string_view def = "") {
  std::string_view v;
  return o[key].get(v) == simdjson::SUCCESS ? v : def;
}

bool has(object o, const char *key) { return o[key].error() == simdjson::SUCCESS; }

int64_t i64(object o, const char *key) { return int64_t(o[key]); }

const std::map<std::string, int32_t> kScopes = {
    {"run", AG_SCOPE_RUN}, {"user", AG_SCOPE_USER}, {"tenant", AG_SCOPE_TENANT},
    {"global", AG_SCOPE_GLOBAL}};
const std::map<std::string, int32_t> kWindows = {
    {"total", AG_WINDOW_TOTAL}, {"hour", AG_WINDOW_HOUR}, {"day", AG_WINDOW_DAY},
    {"month", AG_WINDOW_MONTH}};

ag_usage usage_of(object o) {
  ag_usage u{};
  u.struct_size = sizeof u;
  object src;
  if (o["usage"].get(src) != simdjson::SUCCESS) return u;
  auto get = [&](const char *k) { return has(src, k) ? uint64_t(src[k]) : uint64_t{0}; };
  u.input_tokens = get("input_tokens");
  u.cached_input_tokens = get("cached_input_tokens");
  u.cache_write_tokens = get("cache_write_tokens");
  u.output_tokens = get("output_tokens");
  u.reasoning_tokens = get("reasoning_tokens");
  u.cache_write_1h_tokens = get("cache_write_1h_tokens");
  return u;
}

// Compares the wanted subset of fields against named values.
void expect_fields(object want, const std::map<std::string, int64_t> &actual) {
  for (auto field : want) {
    std::string key(field.key);
    auto it = actual.find(key);
    if (it == actual.end()) {
      ADD_FAILURE() << "no field " << key;
      continue;
    }
    int64_t expected = key == "state" ? status_of(std::string_view(field.value))
                                      : int64_t(field.value);
    EXPECT_EQ(it->second, expected) << key;
  }
}

// One case: an engine, a fresh ledger, named runs and reservations.
class CaseRunner {
 public:
  ~CaseRunner() {
    for (auto &r : runs_) ag_run_free(r.second);
    ag_ledger_free(ledger_);
    ag_engine_free(engine_);
  }

  void run(object kase) {
    std::string policy;
    const char *p = nullptr;
    if (has(kase, "policy_text")) {
      policy = std::string(str(kase, "policy_text"));
      p = policy.data();
    } else if (has(kase, "policy")) {
      policy = simdjson::minify(element(kase["policy"]));
      p = policy.data();
    }
    char err[1024];
    ag_status s = ag_engine_new(p, policy.size(), &engine_, err, sizeof err);
    EXPECT_EQ(s, status_of(str(kase, "engine_expect", "AG_OK"))) << err;
    EXPECT_NE(std::string(err).find(str(kase, "engine_error_contains")), std::string::npos)
        << err;
    if (s != AG_OK) return;
    ASSERT_EQ(ag_ledger_new(engine_, nullptr, &ledger_), AG_OK);
    simdjson::dom::array steps;
    if (kase["steps"].get(steps) != simdjson::SUCCESS) return;
    size_t i = 0;
    for (element step : steps) {
      object o = step;
      SCOPED_TRACE("step " + std::to_string(i++) + " (" + std::string(str(o, "op")) + ")");
      message_.clear();
      ag_status got = apply(o);
      EXPECT_EQ(got, status_of(str(o, "expect", "AG_OK"))) << message_;
      EXPECT_NE(message_.find(str(o, "error_contains")), std::string::npos) << message_;
    }
  }

 private:
  ag_run *run_of(object o) { return runs_[std::string(str(o, "run", "run"))]; }

  // Keeps the failed call's message from the handle that made it.
  template <class H>
  ag_status keep(ag_status s, H *h, size_t (*last)(const H *, char *, size_t)) {
    if (s != AG_OK) {
      char buf[1024];
      last(h, buf, sizeof buf);
      message_ = buf;
    }
    return s;
  }
  ag_status on_run(object o, ag_status s) { return keep(s, run_of(o), ag_run_last_error); }
  ag_status on_ledger(ag_status s) { return keep(s, ledger_, ag_ledger_last_error); }
  ag_status on_engine(ag_status s) { return keep(s, engine_, ag_engine_last_error); }

  ag_status apply(object o) {
    std::string_view op = str(o, "op");
    std::string id(str(o, "id"));
    int32_t scope = has(o, "scope") ? kScopes.at(std::string(str(o, "scope"))) : 0;
    int32_t window = has(o, "window") ? kWindows.at(std::string(str(o, "window"))) : 0;
    if (op == "set_time") return on_ledger(ag_ledger_set_time(ledger_, i64(o, "now_ms")));
    if (op == "begin") return begin(o);
    if (op == "run_id") {
      char buf[256];
      size_t n = 0;
      ag_status s = on_run(o, ag_run_id(run_of(o), buf, sizeof buf, &n));
      if (s == AG_OK) {
        EXPECT_EQ(std::string(buf, n), id);
      }
      return s;
    }
    if (op == "reserve") {
      std::string_view model = str(o, "model");
      uint64_t r = 0;
      ag_status s = on_run(o, ag_run_reserve(run_of(o), model.data(), model.size(),
                                             uint64_t(o["input_tokens"]),
                                             uint64_t(o["max_output_tokens"]), &r));
      if (s == AG_OK && has(o, "as")) reservations_[std::string(str(o, "as"))] = r;
      return s;
    }
    if (op == "commit") {
      ag_usage u = usage_of(o);
      int64_t cost = 0;
      ag_status s = on_run(o, ag_run_commit(run_of(o), reservation(o), &u, &cost));
      if (s == AG_OK && has(o, "cost_nusd")) {
        EXPECT_EQ(cost, i64(o, "cost_nusd"));
      }
      return s;
    }
    if (op == "release") return on_run(o, ag_run_release(run_of(o), reservation(o)));
    if (op == "check") return on_run(o, ag_run_check(run_of(o)));
    if (op == "turn") return on_run(o, ag_run_turn(run_of(o)));
    if (op == "tool_call") {
      std::string_view tool = str(o, "tool");
      return on_run(o, ag_run_tool_call(run_of(o), tool.data(), tool.size()));
    }
    if (op == "step_timeout") {
      int64_t t = 0;
      ag_status s = on_run(o, ag_run_step_timeout(run_of(o), &t));
      if (s == AG_OK && has(o, "timeout_ms")) {
        EXPECT_EQ(t, i64(o, "timeout_ms"));
      }
      return s;
    }
    if (op == "stats") return stats(o);
    if (op == "kill") {
      std::string_view reason = str(o, "reason");
      return on_ledger(ag_ledger_kill(ledger_, scope, id.data(), id.size(), reason.data(),
                                      reason.size()));
    }
    if (op == "revive") return on_ledger(ag_ledger_revive(ledger_, scope, id.data(), id.size()));
    if (op == "set_limit")
      return on_ledger(ag_ledger_set_limit(ledger_, scope, id.data(), id.size(), window,
                                           i64(o, "usd_nusd"), i64(o, "tokens")));
    if (op == "clear_limit")
      return on_ledger(ag_ledger_clear_limit(ledger_, scope, id.data(), id.size(), window));
    if (op == "counter") {
      ag_counter c{};
      c.struct_size = sizeof c;
      ag_status s = on_ledger(ag_ledger_counter(ledger_, scope, id.data(), id.size(), window, &c));
      if (s == AG_OK)
        expect_fields(o["fields"], {{"spent_nusd", c.spent_nusd},
                                    {"reserved_nusd", c.reserved_nusd},
                                    {"limit_nusd", c.limit_nusd},
                                    {"spent_tokens", c.spent_tokens},
                                    {"reserved_tokens", c.reserved_tokens},
                                    {"limit_tokens", c.limit_tokens},
                                    {"window_start_ms", c.window_start_ms}});
      return s;
    }
    if (op == "get") {
      int64_t spent = 0, reserved = 0;
      ag_status s = on_ledger(
          ag_ledger_get(ledger_, scope, id.data(), id.size(), window, &spent, &reserved));
      if (s == AG_OK) {
        EXPECT_EQ(spent, i64(o, "spent_nusd"));
        EXPECT_EQ(reserved, i64(o, "reserved_nusd"));
      }
      return s;
    }
    if (op == "price") {
      std::string_view model = str(o, "model");
      ag_usage u = usage_of(o);
      int64_t cost = 0;
      ag_status s = on_engine(ag_engine_price(engine_, model.data(), model.size(), &u, &cost));
      if (s == AG_OK && has(o, "cost_nusd")) {
        EXPECT_EQ(cost, i64(o, "cost_nusd"));
      }
      return s;
    }
    if (op == "model_price") return model_price(o);
    if (op == "parse_response") return parse_response(o);
    if (op == "stream_parse") return stream_parse(o);
    if (op == "classify_error") return classify_error(o);
    if (op == "record_response") {
      std::string body = body_of(o);
      ag_usage u{};
      u.struct_size = sizeof u;
      int64_t cost = 0;
      ag_status s = on_run(o, ag_run_record_response(run_of(o), reservation(o), provider_of(o),
                                                     body.data(), body.size(), &u, &cost));
      if (s == AG_OK) {
        expect_usage(o, u);
        if (has(o, "cost_nusd")) {
          EXPECT_EQ(cost, i64(o, "cost_nusd"));
        }
      }
      return s;
    }
    if (op == "encoding_for_model") {
      std::string_view model = str(o, "model");
      EXPECT_EQ(ag_encoding_for_model(model.data(), model.size()), i64(o, "encoding"));
      return AG_OK;
    }
    if (op == "scrub" || op == "scan" || op == "scrub_stream") return scrub_op(op, o);
    ADD_FAILURE() << "unknown op " << op;
    return AG_E_INTERNAL;
  }

  ag_status begin(object o) {
    std::string opts;
    const char *p = nullptr;
    if (has(o, "opts_text")) {
      opts = std::string(str(o, "opts_text"));
      p = opts.data();
    } else if (has(o, "opts")) {
      opts = simdjson::minify(element(o["opts"]));
      p = opts.data();
    }
    ag_run *run = nullptr;
    ag_status s = on_ledger(ag_run_begin(engine_, ledger_, p, opts.size(), &run));
    if (s == AG_OK) runs_[std::string(str(o, "as", "run"))] = run;
    return s;
  }

  uint64_t reservation(object o) {
    auto it = reservations_.find(std::string(str(o, "reservation")));
    if (it == reservations_.end()) {
      ADD_FAILURE() << "reservation never bound";
    }
    return it == reservations_.end() ? 0 : it->second;
  }

  ag_status stats(object o) {
    ag_run_stats st{};
    st.struct_size = sizeof st;
    ag_status s = on_run(o, ag_run_stats_get(run_of(o), &st));
    if (s == AG_OK)
      expect_fields(o["fields"], {{"spent_nusd", st.spent_nusd},
                                  {"reserved_nusd", st.reserved_nusd},
                                  {"limit_nusd", st.limit_nusd},
                                  {"remaining_nusd", st.remaining_nusd},
                                  {"spent_tokens", st.spent_tokens},
                                  {"reserved_tokens", st.reserved_tokens},
                                  {"limit_tokens", st.limit_tokens},
                                  {"turns", st.turns},
                                  {"max_turns", st.max_turns},
                                  {"tool_calls", st.tool_calls},
                                  {"max_tool_calls", st.max_tool_calls},
                                  {"started_ms", st.started_ms},
                                  {"elapsed_ms", st.elapsed_ms},
                                  {"remaining_ms", st.remaining_ms},
                                  {"open_reservations", st.open_reservations},
                                  {"state", st.state}});
    return s;
  }

  ag_status model_price(object o) {
    std::string_view model = str(o, "model");
    ag_model_price mp{};
    mp.struct_size = sizeof mp;
    char name[256];
    size_t n = 0;
    ag_status s = on_engine(
        ag_engine_model_price(engine_, model.data(), model.size(), &mp, name, sizeof name, &n));
    if (s != AG_OK) return s;
    if (has(o, "name")) {
      EXPECT_EQ(std::string(name, n), str(o, "name"));
    }
    if (has(o, "fields"))
      expect_fields(o["fields"],
                    {{"input_per_mtok_nusd", mp.input_per_mtok_nusd},
                     {"cached_input_per_mtok_nusd", mp.cached_input_per_mtok_nusd},
                     {"cache_write_5m_per_mtok_nusd", mp.cache_write_5m_per_mtok_nusd},
                     {"cache_write_1h_per_mtok_nusd", mp.cache_write_1h_per_mtok_nusd},
                     {"output_per_mtok_nusd", mp.output_per_mtok_nusd},
                     {"reasoning_per_mtok_nusd", mp.reasoning_per_mtok_nusd},
                     {"tier_threshold_tokens", int64_t(mp.tier_threshold_tokens)},
                     {"input_above_per_mtok_nusd", mp.input_above_per_mtok_nusd},
                     {"output_above_per_mtok_nusd", mp.output_above_per_mtok_nusd}});
    return s;
  }

  static int32_t provider_of(object o) {
    std::string_view name = str(o, "provider", "auto");
    for (int32_t p = AG_PROVIDER_AUTO; p <= AG_PROVIDER_GEMINI; ++p)
      if (name == ag_provider_str(p)) return p;
    ADD_FAILURE() << "unknown provider " << name;
    return AG_PROVIDER_AUTO;
  }

  static std::string body_of(object o) {
    if (has(o, "body_text")) return std::string(str(o, "body_text"));
    return has(o, "body") ? simdjson::minify(element(o["body"])) : std::string();
  }

  static void expect_usage(object o, const ag_usage &u) {
    if (!has(o, "usage")) return;
    expect_fields(o["usage"], {{"input_tokens", int64_t(u.input_tokens)},
                               {"cached_input_tokens", int64_t(u.cached_input_tokens)},
                               {"cache_write_tokens", int64_t(u.cache_write_tokens)},
                               {"output_tokens", int64_t(u.output_tokens)},
                               {"reasoning_tokens", int64_t(u.reasoning_tokens)},
                               {"cache_write_1h_tokens", int64_t(u.cache_write_1h_tokens)}});
  }

  // Reads one string field of a response with the size query.
  static std::string response_text(const ag_response *r, int32_t field) {
    size_t n = 0;
    ag_response_field(r, field, nullptr, 0, &n);
    std::string out(n, '\0');
    EXPECT_EQ(ag_response_field(r, field, out.data(), n, &n), AG_OK);
    return out;
  }

  void check_response(object o, ag_response *r) {
    ag_usage u{};
    u.struct_size = sizeof u;
    EXPECT_EQ(ag_response_usage(r, &u), AG_OK);
    expect_usage(o, u);
    if (has(o, "provider_is")) {
      EXPECT_EQ(ag_provider_str(ag_response_provider(r)), str(o, "provider_is"));
    }
    if (has(o, "finish")) {
      EXPECT_EQ(ag_finish_reason_str(ag_response_finish(r)), str(o, "finish"));
    }
    if (has(o, "model")) {
      EXPECT_EQ(response_text(r, AG_FIELD_MODEL), str(o, "model"));
    }
    if (has(o, "truncated")) {
      EXPECT_EQ(ag_response_truncated(r) == 1, bool(o["truncated"]));
    }
    simdjson::dom::array calls;
    if (o["tool_calls"].get(calls) != simdjson::SUCCESS) return;
    ASSERT_EQ(ag_response_tool_call_count(r), calls.size());
    size_t i = 0;
    for (element call : calls) {
      const char *keys[] = {"id", "name", "arguments"};
      for (int32_t part = AG_TOOL_CALL_ID; part <= AG_TOOL_CALL_ARGUMENTS; ++part) {
        char buf[512];
        size_t n = 0;
        EXPECT_EQ(ag_response_tool_call(r, i, part, buf, sizeof buf, &n), AG_OK);
        EXPECT_EQ(std::string(buf, n), std::string_view(call[keys[part]]));
      }
      ++i;
    }
  }

  ag_status parse_response(object o) {
    std::string body = body_of(o);
    ag_response *r = nullptr;
    char err[512];
    ag_status s = ag_response_parse(provider_of(o), body.data(), body.size(), &r, err, sizeof err);
    if (s != AG_OK) {
      message_ = err;
      return s;
    }
    check_response(o, r);
    if (has(o, "text")) {
      EXPECT_EQ(response_text(r, AG_FIELD_TEXT), str(o, "text"));
    }
    ag_response_free(r);
    return s;
  }

  static std::string take_text(ag_stream_parser *p) {
    size_t n = 0;
    ag_stream_parser_take_text(p, nullptr, 0, &n);
    std::string out(n, '\0');
    EXPECT_EQ(ag_stream_parser_take_text(p, out.data(), n, &n), AG_OK);
    return out.substr(0, n);
  }

  ag_status stream_parse(object o) {
    ag_stream_parser *p = nullptr;
    ag_status s = ag_stream_parser_new(provider_of(o), &p);
    if (s != AG_OK) return s;
    std::string text;
    for (element chunk : simdjson::dom::array(o["chunks"])) {
      std::string_view c = chunk;
      EXPECT_EQ(ag_stream_parser_write(p, c.data(), c.size()), AG_OK);
      text += take_text(p);
    }
    EXPECT_EQ(ag_stream_parser_finish(p), status_of(str(o, "finish_expect", "AG_OK")));
    text += take_text(p);
    if (has(o, "text")) {
      EXPECT_EQ(text, str(o, "text"));
    }
    ag_response *r = nullptr;
    EXPECT_EQ(ag_stream_parser_result(p, &r), AG_OK);
    if (r != nullptr) check_response(o, r);
    ag_response_free(r);
    ag_stream_parser_free(p);
    return AG_OK;
  }

  ag_status classify_error(object o) {
    std::string body = body_of(o);
    std::string_view headers = str(o, "headers");
    ag_error_info info{};
    info.struct_size = sizeof info;
    char msg[512];
    size_t n = 0;
    ag_status s = ag_error_classify(provider_of(o), int32_t(i64(o, "http_status")), headers.data(),
                                    headers.size(), body.data(), body.size(), &info, msg,
                                    sizeof msg, &n);
    if (s != AG_OK) return s;
    EXPECT_EQ(ag_error_class_str(info.error_class), str(o, "class"));
    if (has(o, "retryable")) {
      EXPECT_EQ(info.retryable == 1, bool(o["retryable"]));
    }
    if (has(o, "retry_after_ms")) {
      EXPECT_EQ(info.retry_after_ms, i64(o, "retry_after_ms"));
    }
    EXPECT_NE(std::string(msg, n).find(str(o, "message")), std::string::npos);
    return s;
  }

  static int32_t style_of(std::string_view name) {
    if (name == "label") return AG_SCRUB_STYLE_LABEL;
    if (name == "mask") return AG_SCRUB_STYLE_MASK;
    if (name == "hash") return AG_SCRUB_STYLE_HASH;
    if (name == "detect") return AG_SCRUB_STYLE_DETECT;
    return AG_SCRUB_STYLE_DEFAULT;
  }

  // Block scrub of in: status, output and number of findings.
  ag_status scrub(std::string_view in, int32_t style, std::string *out, size_t *found) {
    ag_scrub_opts opts{sizeof(ag_scrub_opts), style, 0};
    size_t bound = 0, n = 0;
    ag_status s = on_engine(ag_scrub_bound(engine_, &opts, in.size(), &bound));
    if (s != AG_OK) return s;
    out->assign(bound, '\0');
    s = on_engine(ag_scrub(engine_, &opts, in.data(), in.size(), out->data(), bound, &n, found));
    out->resize(n);
    return s;
  }

  ag_status scrub_op(std::string_view op, object o) {
    std::string_view in = str(o, "input");
    std::string out;
    size_t found = 0;
    if (op == "scrub") {
      ag_status s = scrub(in, style_of(str(o, "style", "default")), &out, &found);
      if (s != AG_OK) return s;
      EXPECT_EQ(out, str(o, "output"));
      if (has(o, "findings")) {
        EXPECT_EQ(int64_t(found), i64(o, "findings"));
      }
      return s;
    }
    if (op == "scan") {
      std::vector<ag_finding> f(64);
      f[0].struct_size = sizeof(ag_finding);
      size_t count = 0;
      ag_status s = on_engine(ag_scan(engine_, in.data(), in.size(), f.data(), f.size(), &count));
      if (s != AG_OK) return s;
      simdjson::dom::array want = o["findings"];
      EXPECT_EQ(count, want.size());
      size_t i = 0;
      for (element w : want) {
        if (i >= count) break;
        EXPECT_EQ(std::string_view(f[i].rule), std::string_view(w["rule"]));
        EXPECT_EQ(int64_t(f[i].start), int64_t(w["start"]));
        EXPECT_EQ(int64_t(f[i].end), int64_t(w["end"]));
        ++i;
      }
      return s;
    }
    ag_status s = scrub(in, AG_SCRUB_STYLE_DEFAULT, &out, &found);
    if (s != AG_OK) return s;
    for (element size_el : simdjson::dom::array(o["chunk_sizes"])) {
      size_t step = size_t(int64_t(size_el));
      SCOPED_TRACE("chunk size " + std::to_string(step));
      ag_scrub_opts opts{sizeof(ag_scrub_opts), AG_SCRUB_STYLE_DEFAULT, 0};
      ag_scrub_stream *st = nullptr;
      EXPECT_EQ(ag_scrub_stream_new(engine_, &opts, &st), AG_OK);
      std::string streamed;
      auto emit = [&](size_t len, auto &&call) {
        std::string buf(ag_scrub_stream_bound(st, len), '\0');
        size_t n = 0;
        EXPECT_EQ(call(buf.data(), buf.size(), &n), AG_OK);
        streamed.append(buf.data(), n);
      };
      for (size_t i = 0; i < in.size(); i += step) {
        size_t len = std::min(step, in.size() - i);
        emit(len, [&](char *b, size_t cap, size_t *n) {
          return ag_scrub_stream_write(st, in.data() + i, len, b, cap, n);
        });
      }
      emit(0, [&](char *b, size_t cap, size_t *n) { return ag_scrub_stream_finish(st, b, cap, n); });
      size_t count = 0;
      ag_scrub_stream_findings(st, nullptr, 0, &count);
      EXPECT_EQ(streamed, out);
      EXPECT_EQ(count, found);
      ag_scrub_stream_free(st);
    }
    return s;
  }

  ag_engine *engine_ = nullptr;
  ag_ledger *ledger_ = nullptr;
  std::map<std::string, ag_run *> runs_;
  std::map<std::string, uint64_t> reservations_;
  std::string message_;
};

std::vector<fs::path> case_files() {
  std::vector<fs::path> files;
  for (const auto &entry : fs::directory_iterator(vector_dir()))
    if (entry.path().extension() == ".json" && entry.path().filename() != "status.json")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(Conformance, StatusTable) {
  simdjson::dom::parser parser;
  simdjson::dom::array rows = parser.load((vector_dir() / "status.json").string())["statuses"];
  EXPECT_EQ(rows.size(), status_names().size());
  for (element row : rows) {
    std::string_view name = row["name"];
    SCOPED_TRACE(std::string(name));
    ag_status s = status_of(name);
    EXPECT_EQ(s, int64_t(row["code"]));
    EXPECT_EQ(std::string_view(ag_status_str(s)), std::string_view(row["str"]));
    EXPECT_EQ(ag_status_is_retryable(s) != 0, bool(row["retryable"]));
  }
}

TEST(Conformance, Vectors) {
  std::vector<fs::path> files = case_files();
  ASSERT_FALSE(files.empty()) << "no vectors in " << vector_dir();
  for (const fs::path &file : files) {
    simdjson::dom::parser parser;
    simdjson::dom::array cases = parser.load(file.string())["cases"];
    for (element kase : cases) {
      SCOPED_TRACE(file.filename().string() + ": " + std::string(str(kase, "name")));
      CaseRunner().run(kase);
    }
  }
}

}  // namespace
