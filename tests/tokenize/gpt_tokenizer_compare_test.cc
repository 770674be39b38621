// Exact agreement with gpt-tokenizer (npm), run in Node on the same texts. Skips when node or
// the package (installed by scripts/fetch-tokenizers into data/npm) is absent.
//
// One known difference is left out of the texts: gpt-tokenizer looks pairs up after
// TextDecoder, which drops a leading U+FEFF, so it never finds tokens that start with the
// bytes EF BB BF and splits U+FEFF into two tokens. agentguard follows the rank file, as
// tiktoken does (encoding_test.cc checks U+FEFF is its one vocabulary token).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "tokenize/encoding.h"
#include "tokenize_test_util.h"

namespace ag::tokenize {
namespace {

const std::string kPackage = AG_SOURCE_DIR "/data/npm/node_modules/gpt-tokenizer";
const std::string kScript = AG_SOURCE_DIR "/tests/tokenize/gpt_tokenizer_encode.cjs";

std::string utf8(uint32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | cp >> 6);
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | cp >> 12);
    s += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | cp >> 18);
    s += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
    s += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

std::string repeat(std::string_view s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::vector<std::string> fixed_texts() {
  return {
      "",
      "Hello, world! How are you today?",
      "The quick brown fox jumps over the lazy dog. THE QUICK BROWN FOX. tHe QuIcK.",
      "I'm sure you're right; they'll say we've done it, don't you think? It's HE'S WE'RE.",
      "quotes 'single' and 's 'S 'Ll 'vE 're 'd 'M 'T ''s x'sy",
      "digits 1 12 123 1234 12345 123456 3.14159 -42 1e10 0x1F 1,000,000 \xD9\xA3\xD9\xA4\xD9\xA5",
      "roman \xE2\x85\xA0\xE2\x85\xA1 fractions \xC2\xBD\xC2\xBE superscripts x\xC2\xB2",
      "tabs\tand\t\tmore\ttabs\nnew\n\nlines\r\nwindows\r\n\r\n  indented\n    deeper",
      "trailing spaces   ",
      "   leading spaces",
      " \n \n\t\n   \n",
      "nbsp\xC2\xA0here, ideographic\xE3\x80\x80space, em\xE2\x80\x83space, nel\xC2\x85here",
      "zero\xE2\x80\x8Bwidth and line\xE2\x80\xA8sep and para\xE2\x80\xA9sep",
      "int main(int argc, char **argv) {\n  for (int i = 0; i < argc; ++i) {\n    "
      "printf(\"%s\\n\", argv[i]);\n  }\n  return 0;\n}\n",
      "def f(x):\n    return [y ** 2 for y in range(x) if y % 3 == 0]  # comment\n",
      "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], "
      "\"temperature\": 0.7, \"max_tokens\": 256, \"stream\": true}",
      "https://example.com/path/to/resource?query=1&b=2#frag //comment /* block */ a//b",
      "\xE4\xBD\xA0\xE5\xA5\xBD\xEF\xBC\x8C\xE4\xB8\x96\xE7\x95\x8C\xEF\xBC\x81"
      "\xE4\xBB\x8A\xE5\xA4\xA9\xE5\xA4\xA9\xE6\xB0\x94\xE5\xBE\x88\xE5\xA5\xBD\xE3\x80\x82",
      "\xE3\x81\x93\xE3\x82\x93\xE3\x81\xAB\xE3\x81\xA1\xE3\x81\xAF\xE3\x80\x81"
      "\xE3\x82\xAB\xE3\x82\xBF\xE3\x82\xAB\xE3\x83\x8A\xE3\x81\xA8\xE6\xBC\xA2\xE5\xAD\x97",
      "\xEC\x95\x88\xEB\x85\x95\xED\x95\x98\xEC\x84\xB8\xEC\x9A\x94, \xEC\x84\xB8\xEC\x83\x81!",
      "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, \xD0\xBC\xD0\xB8\xD1\x80! "
      "\xCE\x93\xCE\xB5\xCE\xB9\xCE\xAC \xCF\x83\xCE\xBF\xCF\x85",
      "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 \xD8\xA8\xD8\xA7\xD9\x84\xD8\xB9\xD8\xA7\xD9\x84\xD9\x85 "
      "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D",
      "\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5\x87 "
      "\xE0\xB8\xAA\xE0\xB8\xA7\xE0\xB8\xB1\xE0\xB8\xAA\xE0\xB8\x94\xE0\xB8\xB5",
      "e\xCC\x81 a\xCC\x8A\xCC\x81 \xCC\x81" "alone x\xCC\xB8\xCC\xB8\xCC\xB8",
      "emoji \xF0\x9F\x98\x80\xF0\x9F\x98\x83 \xF0\x9F\x91\x8B\xF0\x9F\x8F\xBD "
      "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 "
      "\xF0\x9F\x87\xAF\xF0\x9F\x87\xB5 \xE2\x9D\xA4\xEF\xB8\x8F",
      "Mixed\xE4\xB8\xAD\xE6\x96\x87" "English\xD0\xA0\xD1\x83\xD1\x81" "123\xE6\x97\xA5\xE6\x9C\xAC" "abc",
      "\xC7\x85ungla \xC7\x88ubav titlecase \xCA\xB0\xCA\xB2 modifiers \xE1\xB4\xAC",
      "math \xF0\x9D\x90\x80\xF0\x9D\x90\x81\xF0\x9D\x90\x9A \xE2\x88\x80x\xE2\x88\x88\xE2\x84\x9D",
      "<|endoftext|> <|fim_prefix|><|fim_middle|><|fim_suffix|><|endofprompt|><|im_start|>",
      "CamelCaseIdentifiers and snake_case_names and SCREAMING_CASE and mixedUP",
      "!!!??? ... --- *** ### @@@ $$$ %%% ^^^ &&& ((())) [[[]]] {{{}}}",
      "a\r\rb\n\rc \r\n d\t\r\n\te",
      repeat("a", 10000),
      repeat(" ", 5000) + "x",
      repeat("!", 3000),
      repeat("\xF0\x9F\x98\x80", 1000),
      repeat("1234567890", 300),
      repeat("\n", 2000) + "end",
      repeat("ab ", 2000),
      repeat("\xE4\xB8\x96", 2000),
  };
}

// Random text from a mix of scripts, spaces, digits and punctuation.
std::string random_text(std::mt19937 &rng) {
  static const std::pair<uint32_t, uint32_t> kRanges[] = {
      {0x20, 0x7E},     {0x09, 0x0D},     {0x20, 0x20},     {0x41, 0x5A},    {0x61, 0x7A},
      {0x30, 0x39},     {0x27, 0x27},     {0xA0, 0x24F},    {0x300, 0x36F},  {0x370, 0x52F},
      {0x590, 0x6FF},   {0x900, 0x97F},   {0xE00, 0xE7F},   {0x1E00, 0x1FFF}, {0x2000, 0x206F},
      {0x2100, 0x2BFF}, {0x3000, 0x30FF}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}, {0xFE00, 0xFFFD},
      {0x10000, 0x1034F}, {0x1D400, 0x1D7FF}, {0x1F300, 0x1FAFF}, {0x20000, 0x2A6DF},
      {0xE0000, 0xE01EF},
  };
  std::string s;
  size_t len = rng() % 120;
  for (size_t i = 0; i < len; ++i) {
    const auto &r = kRanges[rng() % std::size(kRanges)];
    uint32_t cp = r.first + rng() % (r.second - r.first + 1);
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFEFF) cp = 'x';  // U+FEFF: see top
    s += utf8(cp);
  }
  return s;
}

std::string random_bytes(std::mt19937 &rng) {
  std::string s;
  size_t len = rng() % 60;
  for (size_t i = 0; i < len; ++i)
    s += static_cast<char>(rng() % 3 == 0 ? 'a' + rng() % 26 : rng() % 256);
  return s;
}

std::string join(const std::vector<uint32_t> &ids) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out;
}

TEST(GptTokenizer, SameTokensOnTheSameTexts) {
  AG_REQUIRE_RANK_FILES();
  if (std::system("node --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "node not found";
  if (!std::filesystem::exists(kPackage + "/package.json"))
    GTEST_SKIP() << "gpt-tokenizer not installed in " << kPackage
                 << " (run scripts/fetch-tokenizers)";

  std::vector<std::string> texts = fixed_texts();
  std::mt19937 rng(2024);
  for (int i = 0; i < 400; ++i) texts.push_back(random_text(rng));
  for (int i = 0; i < 100; ++i) texts.push_back(random_bytes(rng));

  const std::string base = ::testing::TempDir() + "ag_gpt_tok_" + std::to_string(getpid());
  {
    std::ofstream in(base + ".in", std::ios::binary);
    for (const auto &t : texts) {
      uint32_t n = static_cast<uint32_t>(t.size());
      char len[4] = {char(n & 0xFF), char(n >> 8 & 0xFF), char(n >> 16 & 0xFF), char(n >> 24)};
      in.write(len, 4);
      in.write(t.data(), static_cast<std::streamsize>(t.size()));
    }
  }
  std::string cmd = "node '" + kScript + "' '" + kPackage + "' '" + base + ".in' '" + base + ".out'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::ifstream out(base + ".out");
  const Encoding &o200k = *testing::shared_encoding(EncodingId::kO200kBase);
  const Encoding &cl100k = *testing::shared_encoding(EncodingId::kCl100kBase);
  std::string line;
  size_t i = 0, mismatches = 0;
  for (; i < texts.size() && std::getline(out, line); ++i) {
    size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    std::string want_o = line.substr(0, tab), want_c = line.substr(tab + 1);
    std::string got_o = join(o200k.encode(texts[i])), got_c = join(cl100k.encode(texts[i]));
    EXPECT_EQ(got_o, want_o) << "o200k_base, text #" << i << ": " << texts[i].substr(0, 200);
    EXPECT_EQ(got_c, want_c) << "cl100k_base, text #" << i << ": " << texts[i].substr(0, 200);
    EXPECT_EQ(o200k.count(texts[i]), o200k.encode(texts[i]).size());
    mismatches += (got_o != want_o) + (got_c != want_c);
    if (mismatches > 10) break;
  }
  if (mismatches <= 10) {
    EXPECT_EQ(i, texts.size()) << "gpt-tokenizer output ended early";
  }
  std::remove((base + ".in").c_str());
  std::remove((base + ".out").c_str());
}

}  // namespace
}  // namespace ag::tokenize
