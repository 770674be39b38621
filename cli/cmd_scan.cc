// agentguard scan [--policy FILE] [--threads N] [FILE...]
// Prints one JSON object per finding: {"file","rule","family","start","end","confidence"}.
// Reads stdin (file "-") when no file is given. Exit 1 when anything is found, 0 when
// clean, 2 on errors. --threads (default: the CPUs this process may use, at most 16) is
// the most threads one file's scan may use (ag_scan_with); files of 2 MiB or more use them.
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "cli/util.h"

namespace {

const char *confidence_name(int32_t c) {
  switch (c) {
    case AG_CONFIDENCE_HIGH: return "high";
    case AG_CONFIDENCE_MEDIUM: return "medium";
    default: return "low";
  }
}

// Scans one input; returns 0 clean, 1 found, 2 error.
int scan_one(ag_engine *engine, const ag_scrub_opts &opts, const char *name, std::string_view text) {
  // 16 plus one finding per 4 KiB first (as the bindings do): a second scan is rare.
  std::vector<ag_finding> findings(16 + text.size() / 4096);
  findings[0].struct_size = sizeof(ag_finding);
  size_t count = 0;
  ag_status s = ag_scan_with(engine, &opts, text.data(), text.size(), findings.data(), findings.size(), &count);
  if (s == AG_E_BUFFER_TOO_SMALL) {
    findings.resize(count);
    findings[0].struct_size = sizeof(ag_finding);
    s = ag_scan_with(engine, &opts, text.data(), text.size(), findings.data(), findings.size(), &count);
  }
  if (s != AG_OK) {
    char msg[512];
    ag_engine_last_error(engine, msg, sizeof msg);
    std::fprintf(stderr, "agentguard scan: %s: %s: %s\n", name, ag_status_str(s), msg);
    return 2;
  }
  std::string file = json_quote(name);
  for (size_t i = 0; i < count; ++i) {
    const ag_finding &f = findings[i];
    std::printf("{\"file\":%s,\"rule\":%s,\"family\":%s,\"start\":%" PRIu64 ",\"end\":%" PRIu64
                ",\"confidence\":\"%s\"}\n",
                file.c_str(), json_quote(f.rule).c_str(), json_quote(f.family).c_str(), f.start,
                f.end, confidence_name(f.confidence));
  }
  return count > 0 ? 1 : 0;
}

}  // namespace

int cmd_scan(int argc, char **argv) {
  const char *policy = nullptr;
  ag_scrub_opts opts{sizeof(ag_scrub_opts), AG_SCRUB_STYLE_DEFAULT, default_threads()};
  std::vector<const char *> files;
  const char *usage = "usage: agentguard scan [--policy FILE] [--threads N] [FILE...]\n";
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--policy") && i + 1 < argc) {
      policy = argv[++i];
    } else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) {
      if (!parse_threads(argv[++i], &opts.threads)) {
        std::fprintf(stderr, "agentguard scan: %s\n%s", kThreadsUsage, usage);
        return 2;
      }
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      std::fprintf(stderr, "agentguard scan: unexpected option '%s'\n%s", argv[i], usage);
      return 2;
    } else {
      files.push_back(argv[i]);
    }
  }
  if (files.empty()) files.push_back("-");
  std::string policy_json;
  if (policy != nullptr && !read_path(policy, &policy_json)) {
    std::fprintf(stderr, "agentguard scan: cannot read policy '%s'\n", policy);
    return 2;
  }
  ag_engine *engine = nullptr;
  char err[1024];
  ag_status s = ag_engine_new(policy ? policy_json.data() : nullptr, policy_json.size(), &engine,
                              err, sizeof err);
  if (s != AG_OK) {
    std::fprintf(stderr, "agentguard scan: %s: %s: %s\n", policy ? policy : "engine",
                 ag_status_str(s), err);
    return 2;
  }
  int rc = 0;
  for (const char *path : files) {
    Input text;
    int r = 2;
    if (text.load(path)) {
      r = scan_one(engine, opts, path, text.bytes());
    } else {
      std::fprintf(stderr, "agentguard scan: cannot read '%s'\n", path);
    }
    rc = r > rc ? r : rc;
  }
  ag_engine_free(engine);
  std::fflush(stdout);
  return rc;
}
