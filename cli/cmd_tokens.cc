#include <cstdio>

#include "cli/commands.h"

int cmd_tokens(int, char **) {
  std::fprintf(stderr, "agentguard: 'tokens' is not available in this build\n");
  return 2;
}
