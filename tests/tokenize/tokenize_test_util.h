// Shared helpers of the tokenize tests: the real rank files from the shared data directory.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "tokenize/encoding.h"

namespace ag::tokenize::testing {

inline std::string shared_tokenizer_dir() { return AG_SHARED_DIR "/data/tokenizers"; }

inline bool have_rank_files() {
  return std::filesystem::exists(shared_tokenizer_dir() + "/o200k_base.tiktoken") &&
         std::filesystem::exists(shared_tokenizer_dir() + "/cl100k_base.tiktoken");
}

// The encoding loaded once per test program, or nullptr without the shared data.
inline const Encoding *shared_encoding(EncodingId id) {
  static std::unique_ptr<Encoding> o200k, cl100k;
  static bool loaded = [] {
    if (!have_rank_files()) return false;
    o200k = Encoding::load(*find_encoding(static_cast<int32_t>(EncodingId::kO200kBase)),
                           shared_tokenizer_dir());
    cl100k = Encoding::load(*find_encoding(static_cast<int32_t>(EncodingId::kCl100kBase)),
                            shared_tokenizer_dir());
    return true;
  }();
  if (!loaded) return nullptr;
  return id == EncodingId::kO200kBase ? o200k.get() : cl100k.get();
}

// Standard padded base64, as rank files hold tokens.
inline std::string base64(std::string_view bytes) {
  static const char *kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += i + 1 < bytes.size() ? kAlphabet[v >> 6 & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[v & 63] : '=';
  }
  return out;
}

// All 256 bytes at ranks 0..255, then the extra tokens from rank 256 on.
inline std::string vocabulary(std::initializer_list<std::string_view> extra) {
  std::string file;
  for (int b = 0; b < 256; ++b)
    file += base64(std::string(1, static_cast<char>(b))) + " " + std::to_string(b) + "\n";
  int rank = 256;
  for (auto t : extra) file += base64(t) + " " + std::to_string(rank++) + "\n";
  return file;
}

#define AG_REQUIRE_RANK_FILES()                                                        \
  do {                                                                                 \
    if (!::ag::tokenize::testing::have_rank_files())                                   \
      GTEST_SKIP() << "rank files not found in " << ::ag::tokenize::testing::shared_tokenizer_dir(); \
  } while (0)

}  // namespace ag::tokenize::testing
