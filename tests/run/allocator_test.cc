// The library allocator (core/alloc.h) that runs and the ledger allocate through: both
// backends (mimalloc loaded privately, and the C allocator when mimalloc is absent or turned
// off), and the whole reserve/commit path on the C allocator in a child process.
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "../budget/budget_env.h"
#include "budget/counter.h"
#include "core/alloc.h"

extern char **environ;

namespace {

using namespace ag_test;

constexpr const char *kMimalloc = "libmimalloc.so.2";

bool aligned(const void *p, size_t a) { return reinterpret_cast<uintptr_t>(p) % a == 0; }

void exercise(const ag::detail::MemBackend &b) {
  void *p = b.alloc(100);
  ASSERT_NE(p, nullptr);
  std::memset(p, 0xab, 100);
  b.release(p);
  void *q = b.alloc_aligned(200, 64);
  ASSERT_NE(q, nullptr);
  EXPECT_TRUE(aligned(q, 64));
  std::memset(q, 0xcd, 200);
  b.release(q);
}

TEST(Allocator, FallsBackToTheCAllocatorWhenMimallocIsAbsent) {
  ag::detail::MemBackend b = ag::detail::load_mem_backend("libag-no-such-allocator.so.0", nullptr);
  EXPECT_FALSE(b.mimalloc);
  EXPECT_EQ(b.alloc, &std::malloc);
  EXPECT_EQ(b.release, &std::free);
  exercise(b);
}

TEST(Allocator, EnvironmentTurnsMimallocOff) {
  ag::detail::MemBackend b = ag::detail::load_mem_backend(kMimalloc, "1");
  EXPECT_FALSE(b.mimalloc);
  exercise(b);
}

TEST(Allocator, LoadsMimallocPrivately) {
  void *probe = dlopen(kMimalloc, RTLD_NOW | RTLD_LOCAL);
  if (probe == nullptr) GTEST_SKIP() << kMimalloc << " is not installed";
  ag::detail::MemBackend b = ag::detail::load_mem_backend(kMimalloc, "0");
  EXPECT_TRUE(b.mimalloc);
  exercise(b);
  // Loaded with RTLD_LOCAL: the process's malloc is still libc's, not mimalloc's.
  Dl_info info{};
  ASSERT_NE(dladdr(reinterpret_cast<void *>(&malloc), &info), 0);
  ASSERT_NE(info.dli_fname, nullptr);
  EXPECT_EQ(std::strstr(info.dli_fname, "mimalloc"), nullptr) << info.dli_fname;
  dlclose(probe);
}

TEST(Allocator, ProcessBackendFollowsTheEnvironment) {
  const char *off = std::getenv("AG_NO_MIMALLOC");
#ifdef AG_DEFAULT_NO_MIMALLOC
  bool wanted = off != nullptr && off[0] == '0';
#else
  bool wanted = off == nullptr || off[0] == '\0' || off[0] == '0';
#endif
  void *probe = dlopen(kMimalloc, RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD);
  bool installed = probe != nullptr || (probe = dlopen(kMimalloc, RTLD_NOW | RTLD_LOCAL));
  if (probe != nullptr) dlclose(probe);
  EXPECT_EQ(ag::mem_uses_mimalloc(), wanted && installed);
}

struct alignas(64) Line {
  int64_t v[8];
};

TEST(Allocator, ContainersAndObjects) {
  ag::mi_vector<int> v;
  for (int i = 0; i < 10000; ++i) v.push_back(i);
  EXPECT_EQ(v[9999], 9999);
  ag::mi_string s(1000, 'x');
  s += "tail";
  EXPECT_EQ(s.size(), 1004u);
  ag::mi_unordered_map<int, ag::mi_string> m;
  for (int i = 0; i < 100; ++i) m.emplace(i, ag::mi_string(40, static_cast<char>('a' + i % 26)));
  EXPECT_EQ(m.at(27)[0], 'b');
  ag::mi_vector<Line> lines(5);
  EXPECT_TRUE(aligned(lines.data(), 64));
  auto counter = std::allocate_shared<ag::Counter>(ag::MiAllocator<ag::Counter>(), 0, ag::Limit{});
  EXPECT_TRUE(aligned(counter.get(), 64));
  ag::mi_unique_ptr<Line> one = ag::make_mi_unique<Line>();
  EXPECT_TRUE(aligned(one.get(), 64));
  EXPECT_THROW(ag::MiAllocator<Line>().allocate(static_cast<size_t>(-1) / 8), std::bad_alloc);
}

// The child half of the test below: only active when started by it.
TEST(Allocator, ChildReservesOnTheCAllocator) {
  if (std::getenv("AG_TEST_ALLOCATOR_CHILD") == nullptr) GTEST_SKIP() << "runs as a child only";
  EXPECT_FALSE(ag::mem_uses_mimalloc());
  BudgetEnv env([](ag::Policy &p) { p.budgets.user.window[AG_WINDOW_DAY].usd_nusd = kUsd; });
  RunPtr run(env.begin());
  for (int i = 0; i < 100; ++i) {
    uint64_t id = 0;
    ASSERT_EQ(reserve(run, 100, 100, &id), AG_OK) << run_error(run);
    ASSERT_EQ(commit(run, id, 10, 10), AG_OK) << run_error(run);
  }
  EXPECT_EQ(env.counter(AG_SCOPE_USER, "alice", AG_WINDOW_DAY).spent_nusd, 100 * cost(10, 10));
}

// The allocator is chosen once per process, so the C-allocator path runs in a child.
TEST(Allocator, LibraryWorksWithoutMimalloc) {
  if (std::getenv("AG_TEST_ALLOCATOR_CHILD") != nullptr) GTEST_SKIP() << "already the child";
  std::string filter = "--gtest_filter=Allocator.ChildReservesOnTheCAllocator";
  char exe[] = "/proc/self/exe";
  char *argv[] = {exe, filter.data(), nullptr};
  std::string env_store[] = {"AG_NO_MIMALLOC=1", "AG_TEST_ALLOCATOR_CHILD=1"};
  std::vector<char *> envp;
  for (std::string &e : env_store) envp.push_back(e.data());
  for (char **e = environ; *e != nullptr; ++e)
    if (std::strncmp(*e, "AG_NO_MIMALLOC=", 15) != 0 && std::strncmp(*e, "GTEST_", 6) != 0)
      envp.push_back(*e);
  envp.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, exe, nullptr, nullptr, argv, envp.data()), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
