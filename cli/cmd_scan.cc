#include <cstdio>

#include "cli/commands.h"

int cmd_scan(int, char **) {
  std::fprintf(stderr, "agentguard: 'scan' is not available in this build\n");
  return 2;
}
