#include <cstdio>

#include "cli/commands.h"

int cmd_policy(int, char **) {
  std::fprintf(stderr, "agentguard: 'policy' is not available in this build\n");
  return 2;
}
