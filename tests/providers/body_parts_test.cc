// The usage-only body path (BodyParts::kNoText) agrees with the full parse on everything but
// the text, for every body of the shared corpus and for malformed input; and strings read in
// place (no escape) or unescaped give the same values.
#include <filesystem>
#include <string>

#include "core/status.h"
#include "helpers.h"
#include "providers/body.h"

namespace fs = std::filesystem;
namespace prov = ag::providers;

namespace {

struct Outcome {
  ag_status status = AG_OK;
  std::string message;
  prov::Response r;
};

Outcome run(prov::Provider p, const std::string &body, prov::BodyParts parts) {
  Outcome out;
  try {
    out.r = prov::parse_body(p, body, parts);
  } catch (const ag::Error &e) {
    out.status = e.status();
    out.message = e.what();
  }
  return out;
}

// Everything but the text is the same; the no-text parse has none.
void expect_same_but_text(prov::Provider p, const std::string &body, const std::string &what) {
  SCOPED_TRACE(what);
  const Outcome all = run(p, body, prov::BodyParts::kAll);
  const Outcome bare = run(p, body, prov::BodyParts::kNoText);
  EXPECT_EQ(all.status, bare.status);
  EXPECT_EQ(all.message, bare.message);
  if (all.status != AG_OK || bare.status != AG_OK) return;
  EXPECT_EQ(bare.r.text, "");
  EXPECT_EQ(prov::to_json(bare.r), [&] {
    prov::Response copy = all.r;
    copy.text.clear();
    return prov::to_json(copy);
  }());
}

const prov::Provider kAllProviders[] = {prov::Provider::kAuto, prov::Provider::kOpenAIChat,
                                        prov::Provider::kOpenAIResponses,
                                        prov::Provider::kAnthropic, prov::Provider::kGemini};

std::string text_of(const std::string &body) {
  return prov::parse_body(prov::Provider::kOpenAIChat, body).text;
}

}  // namespace

TEST(BodyParts, CorpusBodiesAgreeWithoutText) {
  const fs::path dir = provtest::corpus_dir();
  if (!fs::is_directory(dir)) GTEST_SKIP() << "shared corpus not found: " << dir;
  size_t bodies = 0;
  for (const auto &entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::string body;
    ASSERT_TRUE(provtest::read_file(entry.path().string(), &body));
    for (prov::Provider p : kAllProviders)
      expect_same_but_text(p, body, entry.path().filename().string() + " as " +
                                        prov::provider_name(p));
    ++bodies;
  }
  EXPECT_GT(bodies, 0u);
}

TEST(BodyParts, MalformedTextFailsTheSameWithoutText) {
  const std::string cases[] = {
      R"({"choices":[{"message":{"content":"bad \x escape"}}]})",
      R"({"choices":[{"message":{"content":42}}]})",
      R"({"choices":[{"message":{"content":"ok"}}]} trailing)",
      R"({"choices":[{"message":{"content":"unterminated}}]})",
      "{\"choices\":[{\"message\":{\"content\":\"bad utf8 \xff\"}}]}",
      R"({"type":"message","content":[{"type":"text","text":"bad \q"}]})",
      R"({"candidates":[{"content":{"parts":[{"text":["no"]}]}}]})",
      R"({"object":"response","output":[{"type":"message","content":[{"type":"output_text","text":"\u12"}]}]})",
  };
  for (const std::string &body : cases) {
    for (prov::Provider p : kAllProviders)
      expect_same_but_text(p, body, body + " as " + prov::provider_name(p));
    EXPECT_NE(run(prov::Provider::kAuto, body, prov::BodyParts::kNoText).status, AG_OK) << body;
  }
  // Whatever simdjson makes of a lone surrogate, both paths make the same.
  expect_same_but_text(prov::Provider::kOpenAIChat,
                       R"({"choices":[{"message":{"content":"lone \ud800 surrogate"}}]})",
                       "lone surrogate");
}

TEST(BodyParts, StringsReadInPlaceOrUnescaped) {
  EXPECT_EQ(text_of(R"({"choices":[{"message":{"content":"plain text"}}]})"), "plain text");
  EXPECT_EQ(text_of(R"({"choices":[{"message":{"content":"plain"   ,"role":"assistant"}}]})"),
            "plain");
  EXPECT_EQ(text_of("{\"choices\":[{\"message\":{\"content\":\"ws\"\n\t }}]}"), "ws");
  EXPECT_EQ(text_of(R"({"choices":[{"message":{"content":""}}]})"), "");
  EXPECT_EQ(text_of(R"({"choices":[{"message":{"content":"a\nb \"q\" \\ \/ \u00e9 \ud83d\ude00"}}]})"),
            "a\nb \"q\" \\ / \xc3\xa9 \xf0\x9f\x98\x80");
  EXPECT_EQ(text_of("{\"choices\":[{\"message\":{\"content\":\"caf\xc3\xa9 \xe2\x82\xac\"}}]}"),
            "caf\xc3\xa9 \xe2\x82\xac");
  // Escaped keys are unescaped before they are compared.
  const prov::Response r = prov::parse_body(
      prov::Provider::kOpenAIChat,
      R"({"\u006dodel":"m","us\u0061ge":{"prompt_tokens":7},"choices":[{"message":{"con\u0074ent":"t"}}]})");
  EXPECT_EQ(r.model, "m");
  EXPECT_EQ(r.usage.input, 7u);
  EXPECT_EQ(r.text, "t");
  // The views point into the document: a long answer survives the rest of the parse intact.
  std::string long_text;
  while (long_text.size() < 10000) long_text += "0123456789abcdef";
  EXPECT_EQ(text_of(R"({"choices":[{"message":{"content":")" + long_text +
                    R"("}}],"model":"x","id":"y"})"),
            long_text);
}

TEST(BodyParts, UsageWithoutTextMatchesThePublicParse) {
  std::string text;
  while (text.size() < 3000) text += "The quick brown fox;\\n ";
  const std::string body =
      R"({"id":"c","object":"chat.completion","model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":")" +
      text +
      R"(","tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"q\":1}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":1400,"completion_tokens":820,"prompt_tokens_details":{"cached_tokens":1024},"completion_tokens_details":{"reasoning_tokens":64}}})";
  const prov::Response bare = prov::parse_body(prov::Provider::kAuto, body, prov::BodyParts::kNoText);
  const provtest::Result full = provtest::parse(AG_PROVIDER_AUTO, body);
  const ag_usage u = prov::normalize(bare.usage);
  EXPECT_USAGE(u, 1400, 1024, 0, 820, 64);
  EXPECT_USAGE(full.usage, 1400, 1024, 0, 820, 64);
  EXPECT_EQ(bare.finish, AG_FINISH_TOOL_CALLS);
  ASSERT_EQ(bare.tool_calls.size(), 1u);
  EXPECT_EQ(bare.tool_calls[0].arguments, R"({"q":1})");
  EXPECT_EQ(bare.text, "");
  EXPECT_EQ(full.text.size(), text.size() - text.size() / 23);  // each "\n" is one byte
}
