// agentguard policy check FILE: validates a policy document.
// Prints "ok" (exit 0) or every error, one per line with its JSON path (exit 1).
// Relative paths inside the policy (pricing.file, tokenizers.dir) resolve against the
// current directory, as for any policy text given to ag_engine_new.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/util.h"

namespace {

constexpr size_t kMaxPolicyBytes = 16u << 20;

int usage() {
  std::fprintf(stderr, "usage: agentguard policy check FILE\n");
  return 2;
}

// Reads path into *out; on failure prints why and returns false.
bool read_file(const char *path, std::string *out) {
  if (read_path(path, out, kMaxPolicyBytes)) return true;
  std::printf("%s: %s\n", path, std::strerror(errno));
  return false;
}

int check(const char *path) {
  std::string text;
  if (!read_file(path, &text)) return 1;
  // Room for every reported error (the library caps them at 50 lines).
  std::vector<char> err(64 * 1024);
  ag_engine *engine = nullptr;
  ag_status s = ag_engine_new(text.data(), text.size(), &engine, err.data(), err.size());
  ag_engine_free(engine);
  if (s == AG_OK) {
    std::printf("ok\n");
    return 0;
  }
  std::printf("%s\n", err[0] ? err.data() : ag_status_str(s));
  return 1;
}

}  // namespace

int cmd_policy(int argc, char **argv) {
  if (argc != 3 || std::strcmp(argv[1], "check") != 0) return usage();
  return check(argv[2]);
}
