// The `agentguard usage` command, run as a process.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "helpers.h"

namespace {

struct CliRun {
  int exit_code;
  std::string out;
};

CliRun run_cli(const std::string &args) {
  const char *cli = std::getenv("AG_CLI");
  CliRun r{-1, ""};
  if (cli == nullptr || *cli == '\0') return r;
  FILE *p = popen((std::string(cli) + " usage " + args + " 2>/dev/null").c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

#define SKIP_WITHOUT_CLI()                                              \
  do {                                                                  \
    if (std::getenv("AG_CLI") == nullptr || !*std::getenv("AG_CLI"))    \
      GTEST_SKIP() << "AG_CLI is not set (run through ctest)";          \
  } while (0)

}  // namespace

TEST(CliUsage, StreamAndBodyLines) {
  SKIP_WITHOUT_CLI();
  const std::string dir = provtest::corpus_dir();
  std::string probe;
  if (!provtest::read_file(dir + "anthropic_messages_cache_read_write.json", &probe))
    GTEST_SKIP() << "shared corpus not found: " << dir;
  CliRun r = run_cli(dir + "anthropic_messages_cache_read_write.json " + dir +
                  "openai_chat_tool_call_stream.sse");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  const size_t nl = r.out.find('\n');
  ASSERT_NE(nl, std::string::npos);
  const std::string first = r.out.substr(0, nl), second = r.out.substr(nl + 1);
  EXPECT_NE(first.find("\"model\":\"claude-sonnet-4-5-20250929\",\"input_tokens\":1532,"
                       "\"cached_input_tokens\":1111,\"cache_write_tokens\":418,"
                       "\"output_tokens\":33,\"reasoning_tokens\":0"),
            std::string::npos)
      << first;
  EXPECT_NE(first.find("\"finish_reason\":\"stop\",\"tool_calls\":[],\"truncated\":false}"),
            std::string::npos)
      << first;
  EXPECT_NE(second.find("\"tool_calls\":[{\"id\":\"call_c91SqDXlYFuETYv8mUHzz6pp\",\"name\":"
                        "\"GetWeatherArgs\",\"arguments\":\"{\\\"city\\\":\\\"Edinburgh\\\","),
            std::string::npos)
      << second;
}

TEST(CliUsage, TruncatedStreamIsReportedNotFailed) {
  SKIP_WITHOUT_CLI();
  CliRun r = run_cli("--stream " + provtest::fixture_dir() + "anthropic_stream_truncated.sse");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("\"truncated\":true"), std::string::npos) << r.out;
}

TEST(CliUsage, FailuresAndUsageErrors) {
  SKIP_WITHOUT_CLI();
  CliRun r = run_cli("/nonexistent/file.json");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("\"error\":\"cannot read file\""), std::string::npos) << r.out;
  EXPECT_EQ(run_cli("").exit_code, 2);
  EXPECT_EQ(run_cli("--provider nope x.json").exit_code, 2);
}
