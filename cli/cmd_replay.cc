#include <cstdio>

#include "cli/commands.h"

int cmd_replay(int, char **) {
  std::fprintf(stderr, "agentguard: 'replay' is not available in this build\n");
  return 2;
}
