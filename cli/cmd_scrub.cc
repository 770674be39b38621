#include <cstdio>

#include "cli/commands.h"

int cmd_scrub(int, char **) {
  std::fprintf(stderr, "agentguard: 'scrub' is not available in this build\n");
  return 2;
}
