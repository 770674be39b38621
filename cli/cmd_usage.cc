// agentguard usage: token usage, cost, finish reason and tool calls of saved provider
// responses (JSON bodies or SSE streams), one JSON line per file.
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/util.h"

namespace {

struct Options {
  std::string policy;
  int32_t provider = AG_PROVIDER_AUTO;
  bool stream = false;
  std::vector<std::string> files;
};

bool provider_from_name(const std::string &name, int32_t *out) {
  for (int32_t p = AG_PROVIDER_AUTO; p <= AG_PROVIDER_GEMINI; ++p) {
    if (name == ag_provider_str(p)) {
      *out = p;
      return true;
    }
  }
  return false;
}

// A body whose first non-blank byte opens JSON is a body; anything else is taken as SSE.
bool looks_like_sse(const std::string &data) {
  for (char c : data) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c != '{' && c != '[';
  }
  return false;
}

std::string response_string(const ag_response *r, int32_t field, size_t index = SIZE_MAX) {
  size_t n = 0;
  auto get = [&](char *buf, size_t cap) {
    return index == SIZE_MAX ? ag_response_field(r, field, buf, cap, &n)
                             : ag_response_tool_call(r, index, field, buf, cap, &n);
  };
  get(nullptr, 0);
  std::string s(n, '\0');
  if (get(s.data(), s.size()) != AG_OK) s.clear();
  return s;
}

// Prints one result line. Returns false when the response could not be priced for a reason
// other than an unknown model.
void print_result(const std::string &file, const ag_engine *engine, const ag_response *r) {
  ag_usage u{};
  u.struct_size = sizeof u;
  ag_response_usage(r, &u);
  const std::string model = response_string(r, AG_FIELD_MODEL);
  int64_t cost = 0;
  const bool priced = ag_engine_price(engine, model.data(), model.size(), &u, &cost) == AG_OK;
  std::string out = "{\"file\":";
  out += json_quote(file);
  out += ",\"model\":";
  out += json_quote(model);
  char num[256];
  std::snprintf(num, sizeof num,
                ",\"input_tokens\":%" PRIu64 ",\"cached_input_tokens\":%" PRIu64
                ",\"cache_write_tokens\":%" PRIu64 ",\"output_tokens\":%" PRIu64
                ",\"reasoning_tokens\":%" PRIu64,
                u.input_tokens, u.cached_input_tokens, u.cache_write_tokens, u.output_tokens,
                u.reasoning_tokens);
  out += num;
  if (priced) {
    std::snprintf(num, sizeof num, ",\"cost_nusd\":%" PRId64 ",\"cost_usd\":%.9f", cost,
                  static_cast<double>(cost) / 1e9);
    out += num;
  } else {
    out += ",\"cost_nusd\":null,\"cost_usd\":null";
  }
  out += ",\"finish_reason\":";
  out += json_quote(ag_finish_reason_str(ag_response_finish(r)));
  out += ",\"tool_calls\":[";
  for (size_t i = 0; i < ag_response_tool_call_count(r); ++i) {
    if (i) out += ",";
    out += "{\"id\":";
    out += json_quote(response_string(r, AG_TOOL_CALL_ID, i));
    out += ",\"name\":";
    out += json_quote(response_string(r, AG_TOOL_CALL_NAME, i));
    out += ",\"arguments\":";
    out += json_quote(response_string(r, AG_TOOL_CALL_ARGUMENTS, i));
    out += "}";
  }
  out += "],\"truncated\":";
  out += ag_response_truncated(r) ? "true" : "false";
  out += "}\n";
  std::fputs(out.c_str(), stdout);
}

void print_error(const std::string &file, const std::string &message) {
  std::string out = "{\"file\":";
  out += json_quote(file);
  out += ",\"error\":";
  out += json_quote(message);
  out += "}\n";
  std::fputs(out.c_str(), stdout);
  std::fprintf(stderr, "agentguard usage: %s: %s\n", file.c_str(), message.c_str());
}

// Parses one file; false when it failed (the error line is printed).
bool usage_of_file(const Options &opt, const ag_engine *engine, const std::string &file) {
  std::string data;
  if (!read_path(file.c_str(), &data)) {
    print_error(file, "cannot read file");
    return false;
  }
  char err[1024] = "";
  ag_response *r = nullptr;
  if (opt.stream || looks_like_sse(data)) {
    ag_stream_parser *p = nullptr;
    if (ag_stream_parser_new(opt.provider, &p) != AG_OK) {
      print_error(file, "cannot create a stream parser");
      return false;
    }
    ag_status s = ag_stream_parser_write(p, data.data(), data.size());
    if (s == AG_OK) s = ag_stream_parser_finish(p);
    if (s != AG_OK && s != AG_E_TRUNCATED) {
      ag_stream_parser_last_error(p, err, sizeof err);
      ag_stream_parser_free(p);
      print_error(file, err);
      return false;
    }
    ag_stream_parser_result(p, &r);
    ag_stream_parser_free(p);
  } else if (ag_response_parse(opt.provider, data.data(), data.size(), &r, err, sizeof err) != AG_OK) {
    print_error(file, err);
    return false;
  }
  if (r == nullptr) {
    print_error(file, "out of memory");
    return false;
  }
  print_result(file, engine, r);
  ag_response_free(r);
  return true;
}

int usage_error(const char *msg) {
  std::fprintf(stderr, "agentguard usage: %s\n", msg);
  std::fprintf(stderr,
               "usage: agentguard usage [--policy FILE] [--provider auto|openai-chat|"
               "openai-responses|anthropic|gemini] [--stream] FILE...\n");
  return 2;
}

}  // namespace

int cmd_usage(int argc, char **argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--policy" && i + 1 < argc) {
      opt.policy = argv[++i];
    } else if (a == "--provider" && i + 1 < argc) {
      if (!provider_from_name(argv[++i], &opt.provider)) return usage_error("unknown --provider");
    } else if (a == "--stream") {
      opt.stream = true;
    } else if (!a.empty() && a[0] == '-') {
      return usage_error(("unknown option " + a).c_str());
    } else {
      opt.files.push_back(a);
    }
  }
  if (opt.files.empty()) return usage_error("no input files");
  std::string policy;
  if (!opt.policy.empty() && !read_path(opt.policy.c_str(), &policy)) return usage_error("cannot read --policy file");
  ag_engine *engine = nullptr;
  char err[1024];
  if (ag_engine_new(opt.policy.empty() ? nullptr : policy.data(), policy.size(), &engine, err,
                    sizeof err) != AG_OK) {
    std::fprintf(stderr, "agentguard usage: policy: %s\n", err);
    return 1;
  }
  bool ok = true;
  for (const std::string &f : opt.files) ok = usage_of_file(opt, engine, f) && ok;
  ag_engine_free(engine);
  return ok ? 0 : 1;
}
