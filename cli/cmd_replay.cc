// agentguard replay SESSION.jsonl [--policy FILE]
//
// Replays a recorded agent session through a policy: every model response is reserved,
// parsed, priced and committed; tool outputs are counted and scrubbed; the replay stops
// where a limit refuses, naming the scope. Ends with a summary of spend per scope, tokens by
// kind, redactions by rule and refusals.
//
// Session lines (JSON, one per line):
//   {"type":"run","run_id":"...","user":"...","tenant":"..."}
//   {"type":"model","provider":"anthropic","model":"...","input_tokens":N,
//    "max_output_tokens":N, "body":{...response...}}      (or "stream":"<SSE text>")
//   {"type":"tool","tool":"name","output":"..."}
#include <simdjson.h>

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/util.h"

namespace {

namespace od = simdjson::ondemand;

constexpr int64_t kReplayStartMs = 1795676400000;  // 2026-11-26T07:00:00Z, fixed for repeatability

int32_t provider_id(std::string_view name) {
  if (name == "openai-chat" || name == "openai") return AG_PROVIDER_OPENAI_CHAT;
  if (name == "openai-responses") return AG_PROVIDER_OPENAI_RESPONSES;
  if (name == "anthropic") return AG_PROVIDER_ANTHROPIC;
  if (name == "gemini") return AG_PROVIDER_GEMINI;
  if (name == "auto" || name.empty()) return AG_PROVIDER_AUTO;
  return -1;
}

struct Totals {
  ag_usage usage{};
  int64_t cost_nusd = 0;
  int turns = 0;
  int tool_calls = 0;
  std::map<std::string, int> redactions;  // rule id -> count
  std::vector<std::string> refusals;
};

struct Replay {
  ag_engine *engine = nullptr;
  ag_ledger *ledger = nullptr;
  ag_run *run = nullptr;
  std::string user, tenant, run_id;
  Totals totals;
  int64_t now_ms = kReplayStartMs;

  ~Replay() {
    ag_run_free(run);
    ag_ledger_free(ledger);
    ag_engine_free(engine);
  }

  bool begin_run(std::string_view run_id_in, std::string_view user_in, std::string_view tenant_in) {
    run_id = run_id_in;
    user = user_in;
    tenant = tenant_in;
    std::string opts = "{";
    if (!run_id.empty()) opts += "\"run_id\":" + json_quote(run_id) + ",";
    if (!user.empty()) opts += "\"user\":" + json_quote(user) + ",";
    if (!tenant.empty()) opts += "\"tenant\":" + json_quote(tenant) + ",";
    if (opts.back() == ',') opts.pop_back();
    opts += "}";
    ag_run_free(run);
    run = nullptr;
    ag_status s = ag_run_begin(engine, ledger, opts.data(), opts.size(), &run);
    if (s != AG_OK) {
      char msg[512];
      ag_ledger_last_error(ledger, msg, sizeof msg);
      std::fprintf(stderr, "agentguard replay: run: %s: %s\n", ag_status_str(s), msg);
      return false;
    }
    std::printf("run %s  user %s  tenant %s\n", run_id.empty() ? "(generated)" : run_id.c_str(),
                user.empty() ? "-" : user.c_str(), tenant.empty() ? "-" : tenant.c_str());
    return true;
  }

  void add_usage(const ag_usage &u, int64_t cost) {
    totals.usage.input_tokens += u.input_tokens;
    totals.usage.cached_input_tokens += u.cached_input_tokens;
    totals.usage.cache_write_tokens += u.cache_write_tokens;
    totals.usage.output_tokens += u.output_tokens;
    totals.usage.reasoning_tokens += u.reasoning_tokens;
    totals.cost_nusd += cost;
  }

  // Returns false when the replay must stop (a refusal or an error).
  bool model(int line_no, std::string_view provider, std::string_view model_name,
             uint64_t input_tokens, uint64_t max_output, std::string_view body, bool stream) {
    int32_t pid = provider_id(provider);
    if (pid < 0) {
      std::fprintf(stderr, "agentguard replay: line %d: unknown provider '%.*s'\n", line_no,
                   static_cast<int>(provider.size()), provider.data());
      return false;
    }
    ag_status s = ag_run_turn(run);
    if (s == AG_OK) {
      uint64_t reservation = 0;
      s = ag_run_reserve(run, model_name.data(), model_name.size(), input_tokens, max_output,
                         &reservation);
      if (s == AG_OK) return settle(line_no, pid, model_name, reservation, body, stream);
    }
    std::string why = run_error(run);
    std::printf("  turn %-3d %-28.*s REFUSED (%s): %s\n", totals.turns + 1,
                static_cast<int>(model_name.size()), model_name.data(), ag_status_str(s),
                why.c_str());
    totals.refusals.push_back("turn " + std::to_string(totals.turns + 1) + ": " + why);
    return false;
  }

  bool settle(int line_no, int32_t pid, std::string_view model_name, uint64_t reservation,
              std::string_view body, bool stream) {
    ag_usage u{};
    u.struct_size = sizeof u;
    int64_t cost = 0;
    ag_status s;
    if (stream) {
      ag_stream_parser *p = nullptr;
      s = ag_stream_parser_new(pid, &p);
      if (s == AG_OK) s = ag_stream_parser_write(p, body.data(), body.size());
      if (s == AG_OK) {
        ag_status fin = ag_stream_parser_finish(p);
        s = ag_run_record_stream(run, reservation, p, &u, &cost);
        if (s == AG_OK && fin != AG_OK) s = fin;
      }
      ag_stream_parser_free(p);
    } else {
      s = ag_run_record_response(run, reservation, pid, body.data(), body.size(), &u, &cost);
    }
    if (s != AG_OK && s != AG_E_TRUNCATED) {
      std::string why = run_error(run);
      ag_run_release(run, reservation);
      std::fprintf(stderr, "agentguard replay: line %d: %s: %s\n", line_no, ag_status_str(s),
                   why.c_str());
      return false;
    }
    totals.turns++;
    add_usage(u, cost);
    std::printf("  turn %-3d %-28.*s in %6" PRIu64 " (cached %" PRIu64 ", cache-write %" PRIu64
                ")  out %5" PRIu64 " (reasoning %" PRIu64 ")  cost %s%s\n",
                totals.turns, static_cast<int>(model_name.size()), model_name.data(),
                u.input_tokens, u.cached_input_tokens, u.cache_write_tokens, u.output_tokens,
                u.reasoning_tokens, usd_text(cost).c_str(), s == AG_E_TRUNCATED ? "  [truncated]" : "");
    return true;
  }

  bool tool(std::string_view name, std::string_view output) {
    ag_status s = ag_run_tool_call(run, name.data(), name.size());
    if (s != AG_OK) {
      std::string why = run_error(run);
      std::printf("  tool %-29.*s REFUSED (%s): %s\n", static_cast<int>(name.size()),
                  name.data(), ag_status_str(s), why.c_str());
      totals.refusals.push_back("tool " + std::string(name) + ": " + why);
      return false;
    }
    totals.tool_calls++;
    std::vector<ag_finding> findings(16);
    for (auto &f : findings) f.struct_size = sizeof f;
    size_t count = 0;
    s = ag_scan(engine, output.data(), output.size(), findings.data(), findings.size(), &count);
    if (s == AG_E_BUFFER_TOO_SMALL) {
      findings.resize(count);
      for (auto &f : findings) f.struct_size = sizeof f;
      s = ag_scan(engine, output.data(), output.size(), findings.data(), findings.size(), &count);
    }
    if (s != AG_OK) {
      char msg[512];
      ag_engine_last_error(engine, msg, sizeof msg);
      std::fprintf(stderr, "agentguard replay: scan: %s: %s\n", ag_status_str(s), msg);
      return false;
    }
    std::string rules;
    for (size_t i = 0; i < count; i++) {
      totals.redactions[findings[i].rule]++;
      if (!rules.empty()) rules += ", ";
      rules += findings[i].rule;
    }
    std::printf("  tool %-29.*s %zu redaction%s%s%s\n", static_cast<int>(name.size()), name.data(),
                count, count == 1 ? "" : "s", count ? ": " : "", rules.c_str());
    return true;
  }

  void print_counter(const char *label, int32_t scope, const std::string &id, int32_t window,
                     const char *window_name) {
    ag_counter c{};
    c.struct_size = sizeof c;
    if (counter_of(scope, id, window, &c))
      std::printf("  %-8s %-14s %-6s spent %-14s reserved %-14s limit %s\n", label,
                  scope == AG_SCOPE_GLOBAL ? "*" : id.c_str(), window_name,
                  usd_text(c.spent_nusd).c_str(), usd_text(c.reserved_nusd).c_str(),
                  c.limit_nusd < 0 ? "none" : usd_text(c.limit_nusd).c_str());
  }

  bool counter_of(int32_t scope, const std::string &id, int32_t window, ag_counter *c) {
    return ag_ledger_counter(ledger, scope, id.data(), id.size(), window, c) == AG_OK;
  }

  void summary() {
    std::printf("\nspend by scope\n");
    print_counter("run", AG_SCOPE_RUN, run_id, AG_WINDOW_TOTAL, "total");
    if (!user.empty()) {
      print_counter("user", AG_SCOPE_USER, user, AG_WINDOW_DAY, "day");
      print_counter("user", AG_SCOPE_USER, user, AG_WINDOW_MONTH, "month");
    }
    if (!tenant.empty()) print_counter("tenant", AG_SCOPE_TENANT, tenant, AG_WINDOW_MONTH, "month");
    print_counter("global", AG_SCOPE_GLOBAL, "", AG_WINDOW_DAY, "day");

    const ag_usage &u = totals.usage;
    std::printf("\ntokens by kind (%d turns, %d tool calls, cost %s)\n", totals.turns,
                totals.tool_calls, usd_text(totals.cost_nusd).c_str());
    std::printf("  input (uncached) %10" PRIu64 "\n",
                u.input_tokens - u.cached_input_tokens - u.cache_write_tokens);
    std::printf("  cache read       %10" PRIu64 "\n", u.cached_input_tokens);
    std::printf("  cache write      %10" PRIu64 "\n", u.cache_write_tokens);
    std::printf("  output (visible) %10" PRIu64 "\n", u.output_tokens - u.reasoning_tokens);
    std::printf("  reasoning        %10" PRIu64 "\n", u.reasoning_tokens);

    std::printf("\nredactions by rule\n");
    if (totals.redactions.empty()) std::printf("  none\n");
    for (const auto &[rule, n] : totals.redactions) std::printf("  %-32s %d\n", rule.c_str(), n);

    std::printf("\nrefusals\n");
    if (totals.refusals.empty()) std::printf("  none\n");
    for (const auto &r : totals.refusals) std::printf("  %s\n", r.c_str());
  }
};

int usage_error() {
  std::fprintf(stderr, "usage: agentguard replay SESSION.jsonl [--policy FILE]\n");
  return 2;
}

}  // namespace

int cmd_replay(int argc, char **argv) {
  const char *session_path = nullptr;
  const char *policy_path = nullptr;
  for (int i = 1; i < argc; i++) {
    if (!std::strcmp(argv[i], "--policy") && i + 1 < argc) {
      policy_path = argv[++i];
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      return usage_error();
    } else if (session_path == nullptr) {
      session_path = argv[i];
    } else {
      return usage_error();
    }
  }
  if (session_path == nullptr) return usage_error();

  Replay r;
  std::string policy;
  if (policy_path != nullptr && !read_path(policy_path, &policy)) {
    std::fprintf(stderr, "agentguard replay: cannot read policy %s\n", policy_path);
    return 1;
  }
  char err[1024];
  ag_status s = ag_engine_new(policy_path ? policy.data() : nullptr, policy.size(), &r.engine,
                              err, sizeof err);
  if (s != AG_OK) {
    std::fprintf(stderr, "agentguard replay: policy: %s\n", err);
    return 1;
  }
  if ((s = ag_ledger_new(r.engine, nullptr, &r.ledger)) != AG_OK) {
    std::fprintf(stderr, "agentguard replay: ledger: %s\n", ag_status_str(s));
    return 1;
  }
  ag_ledger_set_time(r.ledger, r.now_ms);

  std::string session;
  if (!read_path(session_path, &session)) {
    std::fprintf(stderr, "agentguard replay: cannot read %s\n", session_path);
    return 1;
  }

  od::parser parser;
  int line_no = 0;
  size_t pos = 0;
  bool stopped = false;
  while (pos < session.size() && !stopped) {
    size_t nl = session.find('\n', pos);
    if (nl == std::string::npos) nl = session.size();
    std::string line = session.substr(pos, nl - pos);
    pos = nl + 1;
    line_no++;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;

    simdjson::padded_string padded(line);
    od::document doc;
    std::string_view type, provider, model, body, text, tool, run_id, user, tenant;
    std::string stream_text, output_text;
    uint64_t input_tokens = 0, max_output = 0;
    bool is_stream = false;
    auto err_code = parser.iterate(padded).get(doc);
    od::object obj;
    if (!err_code) err_code = doc.get_object().get(obj);
    if (!err_code) {
      for (auto field : obj) {
        std::string_view key;
        if ((err_code = field.unescaped_key().get(key))) break;
        od::value v;
        if ((err_code = field.value().get(v))) break;
        if (key == "type") err_code = v.get_string().get(type);
        else if (key == "provider") err_code = v.get_string().get(provider);
        else if (key == "model") err_code = v.get_string().get(model);
        else if (key == "input_tokens") err_code = v.get_uint64().get(input_tokens);
        else if (key == "max_output_tokens") err_code = v.get_uint64().get(max_output);
        else if (key == "body") {
          od::object body_obj;
          err_code = v.get_object().get(body_obj);
          if (!err_code) err_code = body_obj.raw_json().get(body);
        }
        else if (key == "stream") {
          err_code = v.get_string().get(text);
          stream_text = text;
          is_stream = true;
        } else if (key == "tool") err_code = v.get_string().get(tool);
        else if (key == "output") {
          err_code = v.get_string().get(text);
          output_text = text;
        } else if (key == "run_id") err_code = v.get_string().get(run_id);
        else if (key == "user") err_code = v.get_string().get(user);
        else if (key == "tenant") err_code = v.get_string().get(tenant);
        // Other keys (e.g. "call_id") are informative and skipped.
        if (err_code) break;
      }
    }
    if (err_code) {
      std::fprintf(stderr, "agentguard replay: %s:%d: invalid JSON line: %s\n", session_path,
                   line_no, simdjson::error_message(err_code));
      return 1;
    }
    // Strings from the document stay valid until the next iterate; copy what outlives it.
    std::string type_s(type), provider_s(provider), model_s(model), body_s(body), tool_s(tool);
    if (type_s == "run") {
      if (!r.begin_run(run_id, user, tenant)) return 1;
    } else if (type_s == "model" || type_s == "tool") {
      if (r.run == nullptr && !r.begin_run("", "", "")) return 1;
      r.now_ms += 1000;
      ag_ledger_set_time(r.ledger, r.now_ms);
      bool go_on = type_s == "model"
                       ? r.model(line_no, provider_s, model_s, input_tokens, max_output,
                                 is_stream ? std::string_view(stream_text) : body_s, is_stream)
                       : r.tool(tool_s, output_text);
      if (!go_on) {
        if (r.totals.refusals.empty()) return 1;  // an error, already reported
        std::printf("  replay stopped at line %d\n", line_no);
        stopped = true;
      }
    } else {
      std::fprintf(stderr, "agentguard replay: %s:%d: unknown line type '%s'\n", session_path,
                   line_no, type_s.c_str());
      return 1;
    }
  }
  r.summary();
  return 0;
}
