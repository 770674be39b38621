#include <cstdio>

#include "cli/commands.h"

int cmd_budget_demo(int, char **) {
  std::fprintf(stderr, "agentguard: 'budget_demo' is not available in this build\n");
  return 2;
}
