#include "tokenize/estimate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tokenize_test_util.h"

namespace ag::tokenize {
namespace {

std::string read_file(const std::filesystem::path &p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

uint64_t exact_max(std::string_view text) {
  return std::max(testing::shared_encoding(EncodingId::kO200kBase)->count(text),
                  testing::shared_encoding(EncodingId::kCl100kBase)->count(text));
}

TEST(Estimate, SimpleCases) {
  EXPECT_EQ(estimate_tokens(""), 0u);
  EXPECT_EQ(estimate_tokens("hello"), 2u);          // 1.5 rounded up
  EXPECT_EQ(estimate_tokens("123456789"), 3u);      // digits in threes
  EXPECT_EQ(estimate_tokens("\xFF\xFE"), 2u);       // one per ill-formed byte
  EXPECT_EQ(estimate_tokens("\xF0\x9F\x98\x80"), 3u);  // an emoji
  EXPECT_GT(estimate_tokens("aB3xQ9zK2m"), estimate_tokens("abcdefghij"));  // random-looking
}

// Never below the exact counts on real text: the shared documents (prose), provider bodies
// and schema tests (JSON), secret-scanner cases (code-like, random keys), and CJK.
TEST(Estimate, StaysAboveExactCountsOnRealText) {
  AG_REQUIRE_RANK_FILES();
  namespace fs = std::filesystem;
  const fs::path shared = AG_SHARED_DIR;
  std::vector<fs::path> files = {shared / "docs/DESIGN.md", shared / "docs/STYLE.md",
                                 shared / "corpora/secrets/noseyparker_cases.jsonl"};
  for (const char *dir : {"corpora/providers", "corpora/jsonschema"})
    for (const auto &e : fs::directory_iterator(shared / dir))
      if (e.path().extension() == ".json") files.push_back(e.path());
  size_t checked = 0;
  for (const auto &f : files) {
    std::string text = read_file(f);
    if (text.size() < 200) continue;
    uint64_t exact = exact_max(text), est = estimate_tokens(text);
    EXPECT_GE(est, exact) << f;
    EXPECT_LE(est, exact * 16 / 10) << f;  // and not absurdly high
    ++checked;
  }
  EXPECT_GT(checked, 20u);
  const std::string cjk =
      "\xE4\xBB\x8A\xE5\xA4\xA9\xE6\x88\x91\xE4\xBB\xAC\xE8\xAE\xA8\xE8\xAE\xBA\xE4\xBA\x86"
      "\xE9\xA2\x84\xE7\xAE\x97\xE5\x92\x8C\xE6\x88\x90\xE6\x9C\xAC\xE7\x9A\x84\xE9\x99\x90"
      "\xE5\x88\xB6\xE3\x80\x82\xE3\x83\x86\xE3\x82\xB9\xE3\x83\x88\xE3\x81\xAF\xE6\x88\x90"
      "\xE5\x8A\x9F\xE3\x81\x97\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x82 "
      "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4 \xED\x85\x8C\xEC\x8A\xA4\xED\x8A\xB8\xEC\x9E\x85"
      "\xEB\x8B\x88\xEB\x8B\xA4.";
  EXPECT_GE(estimate_tokens(cjk), exact_max(cjk));
}

}  // namespace
}  // namespace ag::tokenize
