// The compiled-database cache: where it lives, that a hit scrubs exactly like a fresh
// compile, and that damaged or foreign entries are ignored and rewritten.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "scrub/db_cache.h"
#include "scrub/engine_scrub.h"
#include "test_rules.h"

namespace ag::scrub {
namespace {

namespace fs = std::filesystem;

// Sets an environment variable for the scope of the object, then restores it.
class ScopedEnv {
 public:
  ScopedEnv(const char *name, const char *value) : name_(name) {
    if (const char *old = std::getenv(name)) old_ = old;
    if (value) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }

 private:
  const char *name_;
  std::optional<std::string> old_;
};

std::string read(const fs::path &p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

std::vector<fs::path> entries(const fs::path &dir) {
  std::vector<fs::path> out;
  if (!fs::exists(dir)) return out;
  for (const auto &e : fs::directory_iterator(dir)) out.push_back(e.path());
  return out;
}

class DbCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("ag_scrub_db_cache." + std::to_string(getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A fresh engine (so a fresh database) scrubbing a text that reaches several span
  // databases.
  std::string scrub_fresh() {
    EngineScrub engine(testing::sample_rules(), Style::kLabel, SipKey{1, 2});
    return testing::scrub_block(engine, Style::kLabel, text_);
  }

  fs::path dir_;
  const std::string text_ =
      "key AKIAIOSFODNN7EXAMPLE and sk-abcdefghijklmnopqrstuvwxyz012345\n"
      "password=hunter2hunter2 card 4111 1111 1111 1111 mail jane@example.com\n";
};

TEST_F(DbCacheTest, DirectoryComesFromTheEnvironment) {
  {
    ScopedEnv a("AGENTGUARD_CACHE_DIR", "/tmp/x");
    EXPECT_EQ(cache_directory(), "/tmp/x");
  }
  {
    ScopedEnv a("AGENTGUARD_CACHE_DIR", "");
    EXPECT_EQ(cache_directory(), "");  // off
  }
  {
    ScopedEnv a("AGENTGUARD_CACHE_DIR", nullptr);
    ScopedEnv x("XDG_CACHE_HOME", "/var/cache/u");
    EXPECT_EQ(cache_directory(), "/var/cache/u/agentguard");
  }
  {
    ScopedEnv a("AGENTGUARD_CACHE_DIR", nullptr);
    ScopedEnv x("XDG_CACHE_HOME", nullptr);
    ScopedEnv h("HOME", "/home/u");
    EXPECT_EQ(cache_directory(), "/home/u/.cache/agentguard");
  }
}

TEST_F(DbCacheTest, AHitScrubsLikeAFreshCompile) {
  std::string expected;
  {
    ScopedEnv off("AGENTGUARD_CACHE_DIR", "");
    expected = scrub_fresh();
  }
  ASSERT_NE(expected, text_);
  ScopedEnv on("AGENTGUARD_CACHE_DIR", dir_.c_str());
  EXPECT_EQ(scrub_fresh(), expected);  // compiles and writes
  std::vector<fs::path> written = entries(dir_);
  ASSERT_GE(written.size(), 2u);  // the candidate database and span databases
  std::vector<std::string> bytes;
  for (const fs::path &p : written) bytes.push_back(read(p));
  EXPECT_EQ(scrub_fresh(), expected);  // loads
  std::vector<fs::path> after = entries(dir_);
  EXPECT_EQ(after.size(), written.size());  // nothing new, no temporary files left
  for (size_t i = 0; i < written.size(); ++i) EXPECT_EQ(read(written[i]), bytes[i]);
}

TEST_F(DbCacheTest, DamagedEntriesAreIgnoredAndRewritten) {
  ScopedEnv on("AGENTGUARD_CACHE_DIR", dir_.c_str());
  std::string expected = scrub_fresh();
  std::vector<fs::path> written = entries(dir_);
  ASSERT_FALSE(written.empty());
  std::vector<std::string> good;
  for (size_t i = 0; i < written.size(); ++i) {
    good.push_back(read(written[i]));
    std::string bad = good.back();
    switch (i % 4) {
      case 0: bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 1); break;  // checksum
      case 1: bad.resize(bad.size() - 1); break;                                     // truncated
      case 2: bad.clear(); break;                                                    // empty
      default: bad[0] = 'X'; break;                                                  // magic
    }
    std::ofstream(written[i], std::ios::binary | std::ios::trunc) << bad;
  }
  EXPECT_EQ(scrub_fresh(), expected);
  for (size_t i = 0; i < written.size(); ++i) EXPECT_EQ(read(written[i]).size(), good[i].size()) << written[i];
  EXPECT_EQ(scrub_fresh(), expected);
}

TEST_F(DbCacheTest, LoadChecksTheKeyAndTheCount) {
  hs_database_t *db = nullptr;
  hs_compile_error_t *err = nullptr;
  ASSERT_EQ(hs_compile("abc", 0, HS_MODE_BLOCK, nullptr, &db, &err), HS_SUCCESS);
  std::string key = CacheKey().add("test").add(1).finish();
  EXPECT_EQ(key.size(), 32u);
  EXPECT_NE(key, CacheKey().add("test").add(2).finish());
  cache_store(dir_.string(), key, 7, {db, nullptr});
  hs_free_database(db);
  uint64_t meta = 0;
  std::vector<DbPtr> dbs;
  ASSERT_TRUE(cache_load(dir_.string(), key, 2, &meta, &dbs));
  EXPECT_EQ(meta, 7u);
  ASSERT_EQ(dbs.size(), 2u);
  ASSERT_NE(dbs[0], nullptr);
  EXPECT_EQ(dbs[1], nullptr);
  // The loaded database works: it matches what was compiled, and only that.
  hs_scratch_t *scratch = nullptr;
  ASSERT_EQ(hs_alloc_scratch(dbs[0].get(), &scratch), HS_SUCCESS);
  auto count = [&](const char *text) {
    int hits = 0;
    auto on = [](unsigned, unsigned long long, unsigned long long, unsigned, void *ctx) {
      ++*static_cast<int *>(ctx);
      return 0;
    };
    EXPECT_EQ(hs_scan(dbs[0].get(), text, static_cast<unsigned>(std::strlen(text)), 0, scratch, on, &hits), HS_SUCCESS);
    return hits;
  };
  EXPECT_EQ(count("xxabcxxabc"), 2);
  EXPECT_EQ(count("ab cab"), 0);
  hs_free_scratch(scratch);
  EXPECT_FALSE(cache_load(dir_.string(), key, 1, &meta, &dbs));  // wrong count
  EXPECT_TRUE(dbs.empty());
  std::string other = CacheKey().add("other").finish();
  fs::copy_file(dir_ / (key + ".hsdb"), dir_ / (other + ".hsdb"));
  EXPECT_FALSE(cache_load(dir_.string(), other, 2, &meta, &dbs));  // key inside differs
  EXPECT_FALSE(cache_load("", key, 2, &meta, &dbs));                 // off
}

TEST_F(DbCacheTest, PatternWidthsFromTheCacheEqualFreshOnes) {
  // What the widths decide: each variant's window and boundedness, the longest window and
  // the shortest secret.
  auto shape = [] {
    Database db(testing::sample_rules());
    std::vector<uint64_t> out{db.max_window(), db.min_secret_width(), db.shape_window(Shape::kDigitRun), db.shape_window(Shape::kDotPair)};
    for (const Variant &v : db.variants()) {
      out.push_back(v.window);
      out.push_back(v.bounded ? 1 : 0);
    }
    return out;
  };
  std::vector<uint64_t> fresh;
  {
    ScopedEnv off("AGENTGUARD_CACHE_DIR", "");
    fresh = shape();
  }
  ScopedEnv on("AGENTGUARD_CACHE_DIR", dir_.c_str());
  EXPECT_EQ(shape(), fresh);  // computes and writes
  size_t files = entries(dir_).size();
  EXPECT_EQ(shape(), fresh);  // loads
  EXPECT_EQ(entries(dir_).size(), files);
  // Damaged entries (the widths' among them) are ignored: everything is computed again.
  for (const fs::path &p : entries(dir_)) {
    std::string bytes = read(p);
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 1);
    std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
  }
  EXPECT_EQ(shape(), fresh);
  std::string blob;
  std::string key = CacheKey().add("blob").finish();
  cache_store_blob(dir_.string(), key, "payload bytes");
  ASSERT_TRUE(cache_load_blob(dir_.string(), key, &blob));
  EXPECT_EQ(blob, "payload bytes");
  std::string raw = read(dir_ / (key + ".hsdb"));
  raw[raw.size() - 12] = static_cast<char>(raw[raw.size() - 12] ^ 4);
  std::ofstream(dir_ / (key + ".hsdb"), std::ios::binary | std::ios::trunc) << raw;
  EXPECT_FALSE(cache_load_blob(dir_.string(), key, &blob));
  EXPECT_TRUE(blob.empty());
}

}  // namespace
}  // namespace ag::scrub
