// Output text redacted through an attached scrub stream: the same as block ag_scrub of the
// whole text, for every chunking.
#include "helpers.h"

TEST(ScrubStream, TextDeltasAreRedactedLikeBlockScrub) {
  ag_engine *engine = nullptr;
  ASSERT_EQ(ag_engine_new(nullptr, 0, &engine, nullptr, 0), AG_OK);
  // A key split over three deltas, so no single event holds it whole.
  const std::string pieces[] = {"Your key is ghp_aB3dE5fG7hJ9kL1mN3", "pQ5rS7tU9vW1xY3zA5",
                                " and the rest is fine."};
  std::string sse, raw;
  for (const std::string &p : pieces) {
    sse += "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + p + "\"}}]}\n\n";
    raw += p;
  }
  sse += "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
  ag_scrub_opts opts{};
  opts.struct_size = sizeof opts;
  opts.style = AG_SCRUB_STYLE_LABEL;
  size_t n = 0, findings = 0;
  std::string want(raw.size() * 4 + 256, '\0');
  ASSERT_EQ(ag_scrub(engine, &opts, raw.data(), raw.size(), want.data(), want.size(), &n, &findings),
            AG_OK);
  want.resize(n);
  EXPECT_EQ(findings, 1u) << want;
  EXPECT_EQ(want.find("ghp_"), std::string::npos) << want;
  for (size_t chunk : {size_t{1}, size_t{9}, sse.size()}) {
    ag_scrub_stream *scrub = nullptr;
    ASSERT_EQ(ag_scrub_stream_new(engine, &opts, &scrub), AG_OK);
    ag_stream_parser *p = nullptr;
    ASSERT_EQ(ag_stream_parser_new(AG_PROVIDER_AUTO, &p), AG_OK);
    ASSERT_EQ(ag_stream_parser_set_scrub(p, scrub), AG_OK);
    std::string taken;
    for (size_t i = 0; i < sse.size(); i += chunk) {
      ASSERT_EQ(ag_stream_parser_write(p, sse.data() + i, std::min(chunk, sse.size() - i)), AG_OK);
      size_t len = 0;
      if (ag_stream_parser_take_text(p, nullptr, 0, &len) == AG_E_BUFFER_TOO_SMALL) {
        std::string piece(len, '\0');
        ASSERT_EQ(ag_stream_parser_take_text(p, piece.data(), len, &len), AG_OK);
        taken += piece;
      }
    }
    EXPECT_EQ(ag_stream_parser_set_scrub(p, nullptr), AG_E_STATE);
    ASSERT_EQ(ag_stream_parser_finish(p), AG_OK);
    size_t len = 0;
    if (ag_stream_parser_take_text(p, nullptr, 0, &len) == AG_E_BUFFER_TOO_SMALL) {
      std::string piece(len, '\0');
      ASSERT_EQ(ag_stream_parser_take_text(p, piece.data(), len, &len), AG_OK);
      taken += piece;
    }
    EXPECT_EQ(taken, want) << "chunk " << chunk;
    ag_response *r = nullptr;
    ASSERT_EQ(ag_stream_parser_result(p, &r), AG_OK);
    EXPECT_EQ(provtest::field(r, AG_FIELD_TEXT), want);
    ag_response_free(r);
    ag_stream_parser_free(p);
    ag_scrub_stream_free(scrub);
  }
  ag_engine_free(engine);
}
