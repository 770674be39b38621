// The C functions of the token-counting section, through the public header only.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "agentguard.h"
#include "tokenize_test_util.h"

namespace {

std::string last_error(const ag_tokenizer *t) {
  char buf[512];
  ag_tokenizer_last_error(t, buf, sizeof buf);
  return buf;
}

struct Tokenizer {
  explicit Tokenizer(const std::string &dir) {
    EXPECT_EQ(ag_tokenizer_new(dir.data(), dir.size(), &t), AG_OK);
  }
  ~Tokenizer() { ag_tokenizer_free(t); }
  ag_tokenizer *t = nullptr;
};

TEST(TokensCapi, CountsWithATokenizer) {
  AG_REQUIRE_RANK_FILES();
  Tokenizer tok(ag::tokenize::testing::shared_tokenizer_dir());
  uint64_t n = 0;
  EXPECT_EQ(ag_tokenizer_count(tok.t, AG_ENCODING_O200K_BASE, "hello world", 11, &n), AG_OK);
  EXPECT_EQ(n, 2u);
  EXPECT_EQ(ag_tokenizer_count(tok.t, AG_ENCODING_CL100K_BASE, "<|endoftext|>", 13, &n), AG_OK);
  EXPECT_EQ(n, 7u);
  EXPECT_EQ(ag_tokenizer_count(tok.t, AG_ENCODING_O200K_BASE, nullptr, 0, &n), AG_OK);
  EXPECT_EQ(n, 0u);
  EXPECT_EQ(ag_tokenizer_count(tok.t, AG_ENCODING_ESTIMATE, "hello", 5, &n), AG_OK);
  EXPECT_EQ(n, 2u);
  const char nul[] = {'a', '\0', 'b'};  // embedded NULs are data
  EXPECT_EQ(ag_tokenizer_count(tok.t, AG_ENCODING_O200K_BASE, nul, 3, &n), AG_OK);
  EXPECT_EQ(n, 3u);
}

TEST(TokensCapi, RejectsBadArguments) {
  Tokenizer tok("/nonexistent");
  uint64_t n = 0;
  EXPECT_EQ(ag_tokenizer_count(nullptr, 1, "x", 1, &n), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_tokenizer_count(tok.t, 1, "x", 1, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_tokenizer_count(tok.t, 1, nullptr, 5, &n), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(last_error(tok.t), "text: NULL with a non-zero length");
  EXPECT_EQ(ag_tokenizer_count(tok.t, 7, "x", 1, &n), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(last_error(tok.t), "encoding: 7 is not an AG_ENCODING_* value");
  EXPECT_EQ(ag_tokenizer_new("x", 1, nullptr), AG_E_INVALID_ARGUMENT);
  ag_tokenizer *t = reinterpret_cast<ag_tokenizer *>(1);
  EXPECT_EQ(ag_tokenizer_new("a\0b", 3, &t), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(t, nullptr);
  EXPECT_EQ(ag_tokens_estimate(nullptr, 1, &n), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_tokens_estimate("x", 1, nullptr), AG_E_INVALID_ARGUMENT);
  EXPECT_EQ(ag_tokens_count(nullptr, 1, "x", 1, &n), AG_E_INVALID_ARGUMENT);
  ag_tokenizer_free(nullptr);
  char buf[64];
  EXPECT_EQ(ag_tokenizer_last_error(nullptr, buf, sizeof buf), 17u);
}

TEST(TokensCapi, MissingRankFilesNameTheFileEveryTime) {
  Tokenizer tok("/nonexistent/dir");
  uint64_t n = 0;
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(ag_tokenizer_count(tok.t, AG_ENCODING_CL100K_BASE, "x", 1, &n), AG_E_TOKENIZER);
    EXPECT_EQ(last_error(tok.t).rfind("/nonexistent/dir/cl100k_base.tiktoken: cannot open", 0),
              0u)
        << last_error(tok.t);
  }
  // The estimate needs no files.
  EXPECT_EQ(ag_tokenizer_count(tok.t, AG_ENCODING_ESTIMATE, "x", 1, &n), AG_OK);
}

TEST(TokensCapi, EngineUsesTheEnvironmentDirectory) {
  AG_REQUIRE_RANK_FILES();
  setenv("AGENTGUARD_TOKENIZER_DIR", ag::tokenize::testing::shared_tokenizer_dir().c_str(), 1);
  ag_engine *e = nullptr;
  ag_status s = ag_engine_new(nullptr, 0, &e, nullptr, 0);
  unsetenv("AGENTGUARD_TOKENIZER_DIR");
  ASSERT_EQ(s, AG_OK);
  uint64_t n = 0;
  EXPECT_EQ(ag_tokens_count(e, AG_ENCODING_CL100K_BASE, "hello world", 11, &n), AG_OK);
  EXPECT_EQ(n, 2u);
  ag_engine_free(e);

  ASSERT_EQ(ag_engine_new(nullptr, 0, &e, nullptr, 0), AG_OK);  // no directory at all
  EXPECT_EQ(ag_tokens_count(e, AG_ENCODING_O200K_BASE, "hi", 2, &n), AG_E_TOKENIZER);
  char buf[256];
  ag_engine_last_error(e, buf, sizeof buf);
  EXPECT_NE(std::string(buf).find("no tokenizer directory"), std::string::npos) << buf;
  ag_engine_free(e);
}

TEST(TokensCapi, LoadsOnceUnderConcurrentFirstUse) {
  AG_REQUIRE_RANK_FILES();
  Tokenizer tok(ag::tokenize::testing::shared_tokenizer_dir());
  std::vector<std::thread> threads;
  std::vector<uint64_t> counts(4);
  for (size_t i = 0; i < counts.size(); ++i)
    threads.emplace_back([&, i] {
      int32_t enc = i % 2 ? AG_ENCODING_O200K_BASE : AG_ENCODING_CL100K_BASE;
      ag_tokenizer_count(tok.t, enc, "concurrent first use", 20, &counts[i]);
    });
  for (auto &t : threads) t.join();
  uint64_t o = 0, c = 0;
  ASSERT_EQ(ag_tokenizer_count(tok.t, AG_ENCODING_O200K_BASE, "concurrent first use", 20, &o), AG_OK);
  ASSERT_EQ(ag_tokenizer_count(tok.t, AG_ENCODING_CL100K_BASE, "concurrent first use", 20, &c), AG_OK);
  EXPECT_EQ(o, 4u);
  for (size_t i = 0; i < counts.size(); ++i) EXPECT_EQ(counts[i], i % 2 ? o : c);
}

TEST(TokensCapi, EncodingForModel) {
  auto enc = [](const char *m) { return ag_encoding_for_model(m, std::strlen(m)); };
  EXPECT_EQ(enc("gpt-4o"), AG_ENCODING_O200K_BASE);
  EXPECT_EQ(enc("gpt-4o-mini-2024-07-18"), AG_ENCODING_O200K_BASE);
  EXPECT_EQ(enc("GPT-4.1-nano"), AG_ENCODING_O200K_BASE);
  EXPECT_EQ(enc("gpt-5"), AG_ENCODING_O200K_BASE);
  EXPECT_EQ(enc("openai/o3-mini"), AG_ENCODING_O200K_BASE);
  EXPECT_EQ(enc("ft:gpt-4o-mini:acme::abc"), AG_ENCODING_O200K_BASE);
  EXPECT_EQ(enc("gpt-oss-120b"), AG_ENCODING_O200K_BASE);
  EXPECT_EQ(enc("gpt-4"), AG_ENCODING_CL100K_BASE);
  EXPECT_EQ(enc("gpt-4-turbo"), AG_ENCODING_CL100K_BASE);
  EXPECT_EQ(enc("gpt-3.5-turbo"), AG_ENCODING_CL100K_BASE);
  EXPECT_EQ(enc("text-embedding-3-small"), AG_ENCODING_CL100K_BASE);
  EXPECT_EQ(enc("claude-sonnet-4-5"), AG_ENCODING_ESTIMATE);
  EXPECT_EQ(enc("gemini-2.5-pro"), AG_ENCODING_ESTIMATE);
  EXPECT_EQ(enc("o1x"), AG_ENCODING_ESTIMATE);
  EXPECT_EQ(enc(""), AG_ENCODING_ESTIMATE);
  EXPECT_EQ(ag_encoding_for_model(nullptr, 3), AG_ENCODING_ESTIMATE);
}

}  // namespace
