// The `agentguard tokens` command, run as a process ($AG_CLI).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "tokenize_test_util.h"

namespace {

// Runs a shell command; returns its stdout and stores its exit code.
std::string run(const std::string &cmd, int *code) {
  std::string out;
  FILE *p = popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  *code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

const char *cli() { return std::getenv("AG_CLI"); }

TEST(TokensCli, PrintsTheCountAsJson) {
  AG_REQUIRE_RANK_FILES();
  if (cli() == nullptr || *cli() == '\0') GTEST_SKIP() << "AG_CLI not set";
  const std::string dir = ag::tokenize::testing::shared_tokenizer_dir();
  int code = -1;
  std::string out = run("printf 'hello world' | '" + std::string(cli()) +
                            "' tokens --encoding o200k_base --dir '" + dir + "' -",
                        &code);
  EXPECT_EQ(code, 0);
  EXPECT_EQ(out, "{\"tokens\": 2, \"encoding\": \"o200k_base\"}\n");
  out = run("printf 'hello world' | AGENTGUARD_TOKENIZER_DIR='" + dir + "' '" +
                std::string(cli()) + "' tokens --model gpt-4-turbo",
            &code);
  EXPECT_EQ(code, 0);
  EXPECT_EQ(out, "{\"tokens\": 2, \"encoding\": \"cl100k_base\"}\n");
}

TEST(TokensCli, ErrorsAndUsage) {
  if (cli() == nullptr || *cli() == '\0') GTEST_SKIP() << "AG_CLI not set";
  const std::string bin = "'" + std::string(cli()) + "'";
  int code = -1;
  run(bin + " tokens 2>/dev/null", &code);
  EXPECT_EQ(code, 2);
  run(bin + " tokens --encoding p50k_base x 2>/dev/null", &code);
  EXPECT_EQ(code, 2);
  std::string err = run(bin + " tokens --encoding cl100k_base --dir /nonexistent /dev/null 2>&1",
                        &code);
  EXPECT_EQ(code, 1);
  EXPECT_NE(err.find("/nonexistent/cl100k_base.tiktoken"), std::string::npos) << err;
  run(bin + " tokens --encoding estimate /nonexistent/file 2>/dev/null", &code);
  EXPECT_EQ(code, 1);
}

}  // namespace
