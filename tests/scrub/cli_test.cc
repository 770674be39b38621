// `agentguard scrub` and `agentguard scan` end to end (AG_CLI = the built command).
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

struct Result {
  int code = -1;
  std::string out;
};

// Runs the command with `input` on stdin; stdout is captured, stderr discarded. `env` is
// prefixed to the command line (VAR=value ...).
// `how` picks what stdin is: "file" (a redirected regular file), "pipe", or "skip10" (the
// file with its first 10 bytes already consumed by another reader).
Result run(const std::string &args, const std::string &input, const std::string &env = "",
           const std::string &how = "file") {
  const char *cli = std::getenv("AG_CLI");
  Result r;
  if (cli == nullptr || *cli == '\0') return r;
  // One file per process: ctest runs several of these tests at once.
  std::string in_path = ::testing::TempDir() + "/ag_scrub_cli_in." + std::to_string(getpid());
  std::ofstream(in_path, std::ios::binary) << input;
  std::string tool = env + " " + std::string(cli) + " " + args + " 2>/dev/null";
  std::string cmd = how == "pipe"     ? "cat " + in_path + " | " + tool
                    : how == "skip10" ? "(head -c 10 > /dev/null; " + tool + ") < " + in_path
                                      : tool + " < " + in_path;
  FILE *p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  std::remove(in_path.c_str());
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::getenv("AG_CLI") == nullptr || !*std::getenv("AG_CLI"))
      GTEST_SKIP() << "AG_CLI is not set (run through ctest)";
    if (run("scan", "AKIAIOSFODNN7EXAMPLE\n").code == 0)
      GTEST_SKIP() << "no built-in rule finds an AWS key in this build";
  }
  const std::string secret_ = "AKIAIOSFODNN7EXAMPLE";
};

TEST_F(CliTest, ScrubWritesOnlyTheScrubbedBytes) {
  std::string in = "id=" + secret_ + "\nbinary \x01\xff\n";
  Result block = run("scrub", in);
  EXPECT_EQ(block.code, 0);
  EXPECT_EQ(block.out.find(secret_), std::string::npos);
  EXPECT_NE(block.out.find("binary \x01\xff\n"), std::string::npos);
  Result stream = run("scrub --stream --chunk-size 1", in);
  EXPECT_EQ(stream.code, 0);
  EXPECT_EQ(stream.out, block.out);
  EXPECT_EQ(run("scrub --stream --chunk-size 7", in).out, block.out);
  Result detect = run("scrub --style detect", in);
  EXPECT_EQ(detect.out, in);
  Result mask = run("scrub --style mask", in);
  EXPECT_NE(mask.out.find("****"), std::string::npos);
}

TEST_F(CliTest, BlockModeGivesStreamOutputForFilesAndPipes) {
  // Over 256 KiB slices, with secrets straddling the slice boundaries.
  std::string in;
  while (in.size() < 700000) {
    size_t next = in.size() < 262144 ? 262144 - 9 : in.size() < 524288 ? 524288 - 11 : 700000;
    while (in.size() + 40 < next) in += "log line " + std::to_string(in.size()) + " ok\n";
    in.resize(next, '.');
    in += " " + secret_ + " ";
  }
  Result stream = run("scrub --stream --chunk-size 4096", in);
  ASSERT_EQ(stream.code, 0);
  EXPECT_EQ(stream.out.find(secret_), std::string::npos);
  EXPECT_NE(stream.out, in);
  EXPECT_EQ(run("scrub", in).out, stream.out);
  EXPECT_EQ(run("scrub", in, "", "pipe").out, stream.out);
  EXPECT_EQ(run("scrub", in, "", "skip10").out, stream.out.substr(10));
  EXPECT_EQ(run("scrub", "", "", "file").out, "");
  EXPECT_EQ(run("scrub", "", "", "pipe").out, "");
}

TEST_F(CliTest, ThreadsGiveTheSameOutput) {
  // Large enough to be cut into parts (2 MiB and up), with secrets across the cuts that 2
  // and 3 threads make (half, thirds).
  std::string in;
  while (in.size() < 3u << 20) in += "2026-01-01 INFO served /v1/items/" + std::to_string(in.size()) + " in 3ms\n";
  for (size_t at : {in.size() / 2, in.size() / 3, in.size() / 3 * 2}) in.replace(at - 9, secret_.size() + 2, " " + secret_ + " ");
  Result stream = run("scrub --stream --chunk-size 65536", in);
  ASSERT_EQ(stream.code, 0);
  EXPECT_EQ(stream.out.find(secret_), std::string::npos);
  for (const char *threads : {"1", "2", "3"}) {
    SCOPED_TRACE(threads);
    Result r = run(std::string("scrub --threads ") + threads, in);
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.out, stream.out);
    EXPECT_EQ(run(std::string("scrub --threads ") + threads, in, "", "pipe").out, stream.out);
    EXPECT_EQ(run(std::string("scrub --threads ") + threads, in, "", "skip10").out, stream.out.substr(10));
  }
  EXPECT_EQ(run("scrub", in).out, stream.out);  // the default: every CPU this process may use
  // scan: the same findings for every thread count, one per secret.
  Result scan_one = run("scan --threads 1", in);
  EXPECT_EQ(scan_one.code, 1);
  EXPECT_EQ(std::count(scan_one.out.begin(), scan_one.out.end(), '\n'), 3);
  for (const char *threads : {"2", "3"}) EXPECT_EQ(run(std::string("scan --threads ") + threads, in).out, scan_one.out);
  EXPECT_EQ(run("scan", in).out, scan_one.out);
}

TEST_F(CliTest, ScanPrintsJsonLinesAndExitCodes) {
  Result found = run("scan", "x " + secret_ + "\n");
  EXPECT_EQ(found.code, 1);
  EXPECT_EQ(found.out.rfind("{\"file\":\"-\",\"rule\":\"", 0), 0u) << found.out;
  EXPECT_NE(found.out.find("\"start\":2,\"end\":22,"), std::string::npos) << found.out;
  EXPECT_NE(found.out.find("\"confidence\":\""), std::string::npos);
  Result clean = run("scan", "nothing to see here\n");
  EXPECT_EQ(clean.code, 0);
  EXPECT_EQ(clean.out, "");
  EXPECT_EQ(run("scan /no/such/file", "").code, 2);
  // Files named on the command line (mapped), an empty one, and stdin between them; a
  // partly consumed stdin is scanned from where it stands.
  namespace fs = std::filesystem;
  fs::path dir = fs::path(::testing::TempDir()) / ("ag_scan_cli." + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "a.txt", std::ios::binary) << "x " << secret_ << "\n";
  std::ofstream(dir / "empty.txt", std::ios::binary);
  Result files = run("scan " + (dir / "a.txt").string() + " - " + (dir / "empty.txt").string(), "y " + secret_);
  EXPECT_EQ(files.code, 1);
  EXPECT_NE(files.out.find("\"file\":" + std::string("\"") + (dir / "a.txt").string() + "\",\"rule\""), std::string::npos) << files.out;
  EXPECT_NE(files.out.find("{\"file\":\"-\","), std::string::npos) << files.out;
  EXPECT_EQ(std::count(files.out.begin(), files.out.end(), '\n'), 2) << files.out;
  Result skipped = run("scan", "0123456789 " + secret_, "", "skip10");
  EXPECT_NE(skipped.out.find("\"start\":1,\"end\":21,"), std::string::npos) << skipped.out;
  fs::remove_all(dir);
}

// The compiled-database cache: a second call loads what the first wrote and prints the same
// bytes; a damaged entry is ignored (same output) and replaced by a valid one.
TEST_F(CliTest, DatabaseCacheGivesTheSameOutputAndSurvivesCorruption) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(::testing::TempDir()) / ("ag_scrub_cli_cache." + std::to_string(getpid()));
  fs::remove_all(dir);
  std::string env = "AGENTGUARD_CACHE_DIR=" + dir.string();
  std::string in = "id=" + secret_ + "\npassword = \"Tr0ub4dor&3x\"\nmail jane.doe@example.com\n";
  Result uncached = run("scrub", in, "AGENTGUARD_CACHE_DIR=");
  ASSERT_EQ(uncached.code, 0);
  EXPECT_FALSE(fs::exists(dir));
  Result first = run("scrub", in, env);
  EXPECT_EQ(first.out, uncached.out);
  std::vector<fs::path> entries;
  for (const auto &e : fs::directory_iterator(dir)) entries.push_back(e.path());
  ASSERT_FALSE(entries.empty());
  for (const fs::path &p : entries) EXPECT_EQ(p.extension(), ".hsdb") << p;
  Result second = run("scrub", in, env);
  EXPECT_EQ(second.out, uncached.out);
  // Damage every entry: flip a byte in the middle of half of them, truncate the others.
  std::vector<std::string> originals;
  for (size_t i = 0; i < entries.size(); ++i) {
    std::ifstream f(entries[i], std::ios::binary);
    originals.emplace_back(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
    std::string bad = originals.back();
    if (i % 2 == 0) {
      bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 0x5a);
    } else {
      bad.resize(bad.size() / 3);
    }
    std::ofstream(entries[i], std::ios::binary | std::ios::trunc) << bad;
  }
  Result third = run("scrub", in, env);
  EXPECT_EQ(third.code, 0);
  EXPECT_EQ(third.out, uncached.out);
  for (size_t i = 0; i < entries.size(); ++i) {
    std::ifstream f(entries[i], std::ios::binary);
    std::string now((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    EXPECT_EQ(now.size(), originals[i].size()) << entries[i] << " was not rewritten";
  }
  EXPECT_EQ(run("scrub", in, env).out, uncached.out);
  fs::remove_all(dir);
}

TEST_F(CliTest, UsageErrors) {
  EXPECT_EQ(run("scrub --style loud", "x").code, 2);
  EXPECT_EQ(run("scrub --stream --chunk-size 0", "x").code, 2);
  EXPECT_EQ(run("scrub --bogus", "x").code, 2);
  EXPECT_EQ(run("scrub --threads 0", "x").code, 2);
  EXPECT_EQ(run("scrub --threads 257", "x").code, 2);
  EXPECT_EQ(run("scrub --threads two", "x").code, 2);
  EXPECT_EQ(run("scrub --threads", "x").code, 2);
  EXPECT_EQ(run("scrub --policy /no/such/policy.json", "x").code, 2);
  EXPECT_EQ(run("scan --bogus", "x").code, 2);
  EXPECT_EQ(run("scan --threads 0", "x").code, 2);
  EXPECT_EQ(run("scan --threads -1", "x").code, 2);
  EXPECT_EQ(run("scan --threads 257", "x").code, 2);
  EXPECT_EQ(run("scrub --threads -2", "x").code, 2);
}

}  // namespace
