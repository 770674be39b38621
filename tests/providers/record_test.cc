// ag_run_record_response / ag_run_record_stream: parse, price and commit in one call.
#include "helpers.h"

namespace {

class Record : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(ag_engine_new(nullptr, 0, &engine_, nullptr, 0), AG_OK);
    ASSERT_EQ(ag_ledger_new(engine_, nullptr, &ledger_), AG_OK);
    ASSERT_EQ(ag_run_begin(engine_, ledger_, nullptr, 0, &run_), AG_OK);
  }
  void TearDown() override {
    ag_run_free(run_);
    ag_ledger_free(ledger_);
    ag_engine_free(engine_);
  }
  ag_engine *engine_ = nullptr;
  ag_ledger *ledger_ = nullptr;
  ag_run *run_ = nullptr;
};

const char kBody[] =
    R"({"id":"c","model":"gpt-4o-2024-08-06","choices":[{"message":{"content":"hi"},"finish_reason":"stop"}],)"
    R"("usage":{"prompt_tokens":1000,"completion_tokens":100,"prompt_tokens_details":{"cached_tokens":200}}})";

}  // namespace

TEST_F(Record, ResponseCommitsTheParsedUsageAtTheEnginePrice) {
  uint64_t res = 0;
  ASSERT_EQ(ag_run_reserve(run_, "gpt-4o", 6, 1000, 1000, &res), AG_OK);
  ag_usage u{};
  u.struct_size = sizeof u;
  int64_t cost = -1;
  ASSERT_EQ(ag_run_record_response(run_, res, AG_PROVIDER_AUTO, kBody, sizeof kBody - 1, &u, &cost),
            AG_OK);
  EXPECT_USAGE(u, 1000, 200, 0, 100, 0);
  int64_t expected = -1;
  ASSERT_EQ(ag_engine_price(engine_, "gpt-4o", 6, &u, &expected), AG_OK);
  EXPECT_EQ(cost, expected);
  ag_run_stats st{};
  st.struct_size = sizeof st;
  ASSERT_EQ(ag_run_stats_get(run_, &st), AG_OK);
  EXPECT_EQ(st.spent_nusd, expected);
  EXPECT_EQ(st.open_reservations, 0);
}

TEST_F(Record, ParseFailureCommitsNothing) {
  uint64_t res = 0;
  ASSERT_EQ(ag_run_reserve(run_, "gpt-4o", 6, 1000, 1000, &res), AG_OK);
  EXPECT_EQ(ag_run_record_response(run_, res, AG_PROVIDER_AUTO, "{\"choices\":", 11, nullptr, nullptr),
            AG_E_PARSE);
  char err[256];
  ag_run_last_error(run_, err, sizeof err);
  EXPECT_NE(std::string(err).find("byte"), std::string::npos) << err;
  ag_run_stats st{};
  st.struct_size = sizeof st;
  ASSERT_EQ(ag_run_stats_get(run_, &st), AG_OK);
  EXPECT_EQ(st.spent_nusd, 0);
  EXPECT_EQ(st.open_reservations, 1);
  EXPECT_EQ(ag_run_release(run_, res), AG_OK);
}

TEST_F(Record, TruncatedStreamStillCommitsWhatWasSpent) {
  uint64_t res = 0;
  ASSERT_EQ(ag_run_reserve(run_, "claude-sonnet-4-5", 17, 1000, 1000, &res), AG_OK);
  const std::string sse = provtest::read_fixture("anthropic_stream_truncated.sse");
  ag_stream_parser *p = nullptr;
  ASSERT_EQ(ag_stream_parser_new(AG_PROVIDER_AUTO, &p), AG_OK);
  ASSERT_EQ(ag_stream_parser_write(p, sse.data(), sse.size()), AG_OK);
  EXPECT_EQ(ag_run_record_stream(run_, res, p, nullptr, nullptr), AG_E_STATE);
  EXPECT_EQ(ag_stream_parser_finish(p), AG_E_TRUNCATED);
  ag_usage u{};
  u.struct_size = sizeof u;
  int64_t cost = 0;
  EXPECT_EQ(ag_run_record_stream(run_, res, p, &u, &cost), AG_OK);
  EXPECT_USAGE(u, 170, 100, 60, 30, 0);
  EXPECT_GT(cost, 0);
  ag_stream_parser_free(p);
}
