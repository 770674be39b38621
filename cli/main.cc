// agentguard: the command-line face of the library. Uses only the public header.
#include <cstdio>
#include <cstring>

#include "cli/commands.h"

namespace {

struct Command {
  const char *name;
  int (*run)(int argc, char **argv);  // argv[0] is the command name
  const char *help;
};

const Command kCommands[] = {
    {"policy", cmd_policy, "policy check FILE        validate a policy document"},
    {"budget-demo", cmd_budget_demo, "budget-demo [--policy FILE]  run a budgeted scenario to its cap"},
    {"scrub", cmd_scrub, "scrub [--policy FILE] [--style S] [--threads N] [--stream --chunk-size N]  stdin -> stdout"},
    {"scan", cmd_scan, "scan [--policy FILE] [--threads N] [FILE...]   print findings as JSON lines"},
    {"usage", cmd_usage, "usage [--policy FILE] [--provider P] [--stream] FILE...  usage and cost"},
    {"tokens", cmd_tokens, "tokens --encoding E FILE   count tokens"},
    {"replay", cmd_replay, "replay SESSION.jsonl [--policy FILE]   replay a recorded session"},
};

int usage(FILE *out) {
  std::fprintf(out, "usage: agentguard <command> [args]\n\ncommands:\n");
  for (const auto &c : kCommands) std::fprintf(out, "  %s\n", c.help);
  std::fprintf(out, "  version                  print the library version\n");
  return out == stderr ? 2 : 0;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc < 2) return usage(stderr);
  if (!std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "help"))
    return usage(stdout);
  if (!std::strcmp(argv[1], "version") || !std::strcmp(argv[1], "--version")) {
    std::printf("agentguard %s\n", ag_version_string());
    return 0;
  }
  for (const auto &c : kCommands)
    if (!std::strcmp(argv[1], c.name)) return c.run(argc - 1, argv + 1);
  std::fprintf(stderr, "agentguard: unknown command '%s'\n", argv[1]);
  return usage(stderr);
}
