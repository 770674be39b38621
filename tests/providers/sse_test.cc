// The SSE framer alone: line ends, fields, comments, joins, limits.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "providers/sse.h"

using ag::providers::SseFramer;

namespace {

struct Ev {
  std::string name, data;
  bool operator==(const Ev &o) const { return name == o.name && data == o.data; }
};

std::vector<Ev> frame(const std::string &in, size_t chunk, bool finish = true) {
  SseFramer f;
  std::vector<Ev> out;
  auto sink = [&](std::string_view name, std::string &data) {
    out.push_back(Ev{std::string(name), data});
  };
  for (size_t i = 0; i < in.size(); i += chunk) f.write(std::string_view(in).substr(i, chunk), sink);
  if (finish) f.finish(sink);
  return out;
}

void expect_all_chunkings(const std::string &in, const std::vector<Ev> &want) {
  for (size_t chunk : {size_t{1}, size_t{2}, size_t{3}, size_t{5}, in.size() + 1}) {
    std::vector<Ev> got = frame(in, chunk);
    ASSERT_EQ(got.size(), want.size()) << "chunk " << chunk;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].name, want[i].name) << "chunk " << chunk;
      EXPECT_EQ(got[i].data, want[i].data) << "chunk " << chunk;
    }
  }
}

}  // namespace

TEST(Sse, AllLineEndings) {
  expect_all_chunkings("data: a\n\ndata: b\r\n\r\ndata: c\r\rdata: d\r\n\n",
                       {{"", "a"}, {"", "b"}, {"", "c"}, {"", "d"}});
}

TEST(Sse, EventNamesMultiLineDataAndComments) {
  expect_all_chunkings(
      ": hello\nevent: ping\ndata: {}\n\n:keep-alive\n\nevent: x\ndata: one\ndata:two\ndata\n\n",
      {{"ping", "{}"}, {"x", "one\ntwo\n"}});
}

TEST(Sse, EventNameResetsAfterDispatchAndEmptyEventsAreDropped) {
  expect_all_chunkings("event: a\n\ndata: 1\n\nid: 7\nretry: 10\n\nevent: b\ndata: 2\n\n",
                       {{"", "1"}, {"b", "2"}});
}

TEST(Sse, OnlyOneLeadingSpaceIsDropped) {
  expect_all_chunkings("data:  two spaces\n\n", {{"", " two spaces"}});
}

TEST(Sse, FinishDispatchesAnUnterminatedLastEvent) {
  EXPECT_EQ(frame("data: last", 3).size(), 1u);
  EXPECT_EQ(frame("data: last", 3, false).size(), 0u);
}

TEST(Sse, CrAtChunkEndThenLfIsOneLineEnd) {
  SseFramer f;
  std::vector<std::string> data;
  auto sink = [&](std::string_view, std::string &d) { data.push_back(d); };
  f.write("data: a\r", sink);
  f.write("\n\r", sink);  // "\r\n" then a lone "\r": the blank line
  f.write("\ndata: b\n\n", sink);
  ASSERT_EQ(data.size(), 2u);
  EXPECT_EQ(data[0], "a");
  EXPECT_EQ(data[1], "b");
}
