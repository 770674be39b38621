// `agentguard policy check FILE`: ok / every error on its own line / usage errors.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

struct Result {
  int exit_code;
  std::string out;
};

Result run(const std::string &args) {
  std::string cmd = std::string(std::getenv("AG_CLI")) + " " + args + " 2>&1";
  FILE *p = popen(cmd.c_str(), "r");
  if (!p) return {-1, ""};
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

class PolicyCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const char *cli = std::getenv("AG_CLI");
    if (!cli || !*cli) GTEST_SKIP() << "AG_CLI is not set (run through ctest)";
    dir_ = std::filesystem::temp_directory_path() /
           ("ag_policy_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  std::string write(const std::string &name, const std::string &text) {
    auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }
  std::filesystem::path dir_;
};

TEST_F(PolicyCli, GoodFilePrintsOk) {
  Result r = run("policy check " + write("good.json", R"({"version": 1, "budgets": {"run": {"usd": 1}}})"));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out, "ok\n");
}

TEST_F(PolicyCli, BadFilePrintsEveryErrorOnItsOwnLine) {
  Result r = run("policy check " +
                 write("bad.json", R"({"budgets": {"run": {"usd": -1}, "user": {"week": {}}}, "store": "x"})"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out,
            "budgets.run.usd: must be a non-negative number\n"
            "budgets.user.week: unknown key\n"
            "store: only \"memory\" is supported\n");
}

TEST_F(PolicyCli, MalformedJsonExitsOne) {
  Result r = run("policy check " + write("broken.json", "{\"version\": 1,"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out.rfind("policy: malformed JSON", 0), 0u) << r.out;
}

TEST_F(PolicyCli, MissingFileExitsOne) {
  Result r = run("policy check " + (dir_ / "absent.json").string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("absent.json"), std::string::npos) << r.out;
}

TEST_F(PolicyCli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("policy").exit_code, 2);
  EXPECT_EQ(run("policy check").exit_code, 2);
  EXPECT_EQ(run("policy lint x.json").exit_code, 2);
  EXPECT_EQ(run("policy check a.json b.json").exit_code, 2);
}

TEST_F(PolicyCli, ExamplePoliciesAreValid) {
  auto examples = std::filesystem::path(AG_SOURCE_DIR) / "examples" / "policies";
  ASSERT_TRUE(std::filesystem::exists(examples)) << examples;
  int checked = 0;
  for (const auto &entry : std::filesystem::directory_iterator(examples)) {
    if (entry.path().extension() != ".json") continue;
    Result r = run("policy check " + entry.path().string());
    EXPECT_EQ(r.exit_code, 0) << entry.path() << ": " << r.out;
    ++checked;
  }
  EXPECT_GE(checked, 3);
}

}  // namespace
