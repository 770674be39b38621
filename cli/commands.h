// Subcommands of the agentguard command; each returns the process exit code.
// Exit codes: 0 success, 1 a finding / refusal / invalid input document, 2 usage error.
#pragma once

#include "agentguard.h"

int cmd_policy(int argc, char **argv);
int cmd_budget_demo(int argc, char **argv);
int cmd_scrub(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_usage(int argc, char **argv);
int cmd_tokens(int argc, char **argv);
int cmd_replay(int argc, char **argv);
