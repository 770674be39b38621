#include <cstdio>

#include "cli/commands.h"

int cmd_usage(int, char **) {
  std::fprintf(stderr, "agentguard: 'usage' is not available in this build\n");
  return 2;
}
