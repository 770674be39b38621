#include "run/snapshot.h"

#include <simdjson.h>

#include <cinttypes>
#include <cstdio>

#include "core/status.h"

namespace ag {
namespace {

void append_string(std::string &out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04x", c);
      out += esc;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

void append_field(std::string &out, const char *key, int64_t v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "\"%s\":%" PRId64 ",", key, v);
  out += buf;
}

// Keys of the snapshot, in the order written; a bit each for the seen-set.
enum Key : int {
  kVersion, kRunId, kUser, kTenant, kStartedMs, kTurns, kToolCalls, kSpentNusd, kSpentTokens,
  kOverrun, kLimits, kKeyCount
};
constexpr const char *kKeyNames[] = {"version", "run_id", "user", "tenant", "started_ms",
                                     "turns", "tool_calls", "spent_nusd", "spent_tokens",
                                     "overrun", "limits"};
constexpr const char *kLimitNames[] = {"usd_nusd", "tokens", "turns", "tool_calls",
                                       "deadline_ms", "step_timeout_ms"};
constexpr int kLimitCount = 6;

int64_t *limit_field(RunLimits &l, int i) {
  int64_t *fields[] = {&l.usd_nusd, &l.tokens, &l.turns, &l.tool_calls, &l.deadline_ms,
                       &l.step_timeout_ms};
  return fields[i];
}

[[noreturn]] void bad(std::string_view path, std::string_view what) {
  fail(AG_E_PARSE, "snapshot." + std::string(path) + ": " + std::string(what));
}

int64_t get_int(simdjson::ondemand::value v, std::string_view path, int64_t min) {
  int64_t x;
  if (v.get_int64().get(x) != simdjson::SUCCESS) bad(path, "must be an integer");
  if (x < min) bad(path, "must be at least " + std::to_string(min));
  return x;
}

std::string get_string(simdjson::ondemand::value v, std::string_view path) {
  std::string_view s;
  if (v.get_string().get(s) != simdjson::SUCCESS) bad(path, "must be a string");
  return std::string(s);
}

template <class Fn>
void for_each_field(simdjson::ondemand::object obj, std::string_view path, Fn &&fn) {
  for (auto field : obj) {
    std::string_view key;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS)
      fail(AG_E_PARSE, "snapshot" + std::string(path) + ": malformed JSON object");
    simdjson::ondemand::value v;
    if (field.value().get(v) != simdjson::SUCCESS)
      fail(AG_E_PARSE, "snapshot" + std::string(path) + "." + std::string(key) +
                           ": malformed JSON value");
    fn(key, v);
  }
}

int index_of(std::string_view key, const char *const *names, int n) {
  for (int i = 0; i < n; ++i)
    if (key == names[i]) return i;
  return -1;
}

RunLimits parse_limits(simdjson::ondemand::value v) {
  simdjson::ondemand::object obj;
  if (v.get_object().get(obj) != simdjson::SUCCESS) bad("limits", "must be an object");
  RunLimits l;
  uint32_t seen = 0;
  for_each_field(obj, ".limits", [&](std::string_view key, simdjson::ondemand::value fv) {
    int i = index_of(key, kLimitNames, kLimitCount);
    std::string path = "limits." + std::string(key);
    if (i < 0) bad(path, "unknown key");
    if (seen & (1u << i)) bad(path, "repeated key");
    seen |= 1u << i;
    *limit_field(l, i) = get_int(fv, path, -1);
  });
  for (int i = 0; i < kLimitCount; ++i)
    if (!(seen & (1u << i))) bad("limits." + std::string(kLimitNames[i]), "missing");
  return l;
}

void parse_key(RunSnapshot &s, int key, simdjson::ondemand::value v) {
  std::string_view path = kKeyNames[key];
  switch (key) {
    case kVersion: {
      int64_t version;
      if (v.get_int64().get(version) != simdjson::SUCCESS) bad(path, "must be an integer");
      if (version != kSnapshotVersion)
        fail(AG_E_VERSION, "snapshot.version: " + std::to_string(version) +
                               " is not supported (this library reads version 1)");
      break;
    }
    case kRunId: s.options.run_id = get_string(v, path); break;
    case kUser: s.options.user = get_string(v, path); break;
    case kTenant: s.options.tenant = get_string(v, path); break;
    case kStartedMs: s.progress.started_ms = get_int(v, path, 0); break;
    case kTurns: s.progress.turns = get_int(v, path, 0); break;
    case kToolCalls: s.progress.tool_calls = get_int(v, path, 0); break;
    case kSpentNusd: s.progress.spent.usd = get_int(v, path, 0); break;
    case kSpentTokens: s.progress.spent.tokens = get_int(v, path, 0); break;
    case kOverrun:
      if (v.get_bool().get(s.progress.overrun) != simdjson::SUCCESS) bad(path, "must be a boolean");
      break;
    case kLimits: s.options.limits = parse_limits(v); break;
  }
}

}  // namespace

std::string write_snapshot(const RunSnapshot &s) {
  std::string out = "{";
  append_field(out, "version", kSnapshotVersion);
  out += "\"run_id\":";
  append_string(out, s.options.run_id);
  out += ",\"user\":";
  append_string(out, s.options.user);
  out += ",\"tenant\":";
  append_string(out, s.options.tenant);
  out += ',';
  append_field(out, "started_ms", s.progress.started_ms);
  append_field(out, "turns", s.progress.turns);
  append_field(out, "tool_calls", s.progress.tool_calls);
  append_field(out, "spent_nusd", s.progress.spent.usd);
  append_field(out, "spent_tokens", s.progress.spent.tokens);
  out += s.progress.overrun ? "\"overrun\":true," : "\"overrun\":false,";
  out += "\"limits\":{";
  RunLimits l = s.options.limits;
  for (int i = 0; i < kLimitCount; ++i) append_field(out, kLimitNames[i], *limit_field(l, i));
  out.back() = '}';
  out += '}';
  return out;
}

RunSnapshot parse_snapshot(std::string_view json) {
  if (json.size() > kSnapshotMaxBytes)
    fail(AG_E_TOO_LARGE, "snapshot: " + std::to_string(json.size()) + " bytes (at most " +
                             std::to_string(kSnapshotMaxBytes) + ")");
  simdjson::padded_string padded(json);
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  auto err = parser.iterate(padded).get(doc);
  simdjson::ondemand::object obj;
  if (!err) err = doc.get_object().get(obj);
  if (err == simdjson::UTF8_ERROR) fail(AG_E_PARSE, "snapshot: invalid UTF-8");
  if (err) fail(AG_E_PARSE, std::string("snapshot: not a JSON object (") +
                                simdjson::error_message(err) + ")");
  RunSnapshot s;
  // The version first: another version's keys are reported as a version mismatch.
  simdjson::ondemand::value version;
  err = obj.find_field_unordered("version").get(version);
  if (err == simdjson::SUCCESS) {
    parse_key(s, kVersion, version);
  } else if (err != simdjson::NO_SUCH_FIELD) {
    // A failed lookup leaves the document unusable: rewinding it would crash.
    fail(AG_E_PARSE, std::string("snapshot: malformed JSON (") + simdjson::error_message(err) + ")");
  }
  doc.rewind();
  if (doc.get_object().get(obj) != simdjson::SUCCESS) fail(AG_E_PARSE, "snapshot: not a JSON object");
  uint32_t seen = 0;
  for_each_field(obj, "", [&](std::string_view key, simdjson::ondemand::value v) {
    int i = index_of(key, kKeyNames, kKeyCount);
    if (i < 0) bad(key, "unknown key");
    if (seen & (1u << i)) bad(key, "repeated key");
    seen |= 1u << i;
    if (i != kVersion) parse_key(s, i, v);
  });
  for (int i = 0; i < kKeyCount; ++i)
    if (!(seen & (1u << i))) bad(kKeyNames[i], "missing");
  const char *rest;
  if (doc.current_location().get(rest) == simdjson::SUCCESS)
    fail(AG_E_PARSE, "snapshot: unexpected content after the JSON object");
  return s;
}

}  // namespace ag
