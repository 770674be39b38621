#include <gtest/gtest.h>

#include <cstring>

#include "agentguard.h"

TEST(Status, NamesAndRetryability) {
  EXPECT_STREQ(ag_status_str(AG_OK), "ok");
  EXPECT_STREQ(ag_status_str(AG_E_BUDGET_EXCEEDED), "budget exceeded");
  EXPECT_STREQ(ag_status_str(12345), "unknown status");
  EXPECT_EQ(ag_status_is_retryable(AG_E_BUDGET_EXCEEDED), 0);
  EXPECT_EQ(ag_status_is_retryable(AG_E_DEADLINE_EXCEEDED), 0);
  EXPECT_EQ(ag_status_is_retryable(AG_E_KILLED), 0);
  EXPECT_EQ(ag_status_is_retryable(AG_E_TRUNCATED), 1);
}

TEST(Version, MatchesHeader) {
  EXPECT_EQ(ag_version_number(), static_cast<uint32_t>(AG_VERSION_NUMBER));
  EXPECT_STREQ(ag_version_string(), AG_VERSION_STRING);
}
