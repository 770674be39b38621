#include "providers/body.h"

#include <simdjson.h>

#include "providers/parsers.h"

namespace ag::providers {
namespace {

// Parser and padded copy of the input, reused by a thread for bodies up to kReuseBytes so the
// hot path allocates nothing; larger bodies get their own and give the memory back.
constexpr size_t kReuseBytes = 1 << 20;

struct Scratch {
  od::parser parser;
  std::string buf;
};

Response parse_padded(Provider p, Scratch &s, std::string_view body, BodyParts parts) {
  s.buf.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  s.buf.assign(body.data(), body.size());
  simdjson::padded_string_view json(s.buf.data(), s.buf.size(), s.buf.capacity());
  JsonSource src(s.buf.data(), s.buf.size(), "");
  src.set_keep_text(parts == BodyParts::kAll);
  od::document doc;
  src.check(s.parser.iterate(json).get(doc), "", nullptr);
  od::value root;
  src.check(doc.get_value().get(root), "", nullptr);
  if (p == Provider::kAuto) {
    od::json_type t;
    src.check(root.type().get(t), "", nullptr);
    bool is_error = false;
    // A JSON array is Gemini's stream of chunks without SSE framing.
    p = t == od::json_type::array ? Provider::kGemini : detect_body(src, root, &is_error);
    if (is_error) throw_provider_error(body);
    if (p == Provider::kAuto)
      fail(AG_E_PARSE, "cannot tell which provider API sent this body (no choices, output, "
                       "content or candidates)");
    doc.rewind();
    src.check(doc.get_value().get(root), "", nullptr);
  }
  Response r;
  StreamState st;
  switch (p) {
    case Provider::kOpenAIChat: parse_openai_chat(src, root, r); break;
    case Provider::kOpenAIResponses: parse_openai_responses(src, root, r); break;
    case Provider::kAnthropic: parse_anthropic(src, root, r); break;
    case Provider::kGemini: {
      od::json_type t;
      src.check(root.type().get(t), "", nullptr);
      if (t == od::json_type::array) {
        src.each_element(root, "", [&](size_t, od::value chunk) { gemini_event(src, chunk, st, r); });
      } else {
        gemini_event(src, root, st, r);
      }
      break;
    }
    case Provider::kAuto: break;
  }
  src.expect_end(doc);
  finalize_stream(st, r);
  return r;
}

}  // namespace

Response parse_body(Provider p, std::string_view body, BodyParts parts) {
  if (body.size() > kMaxBytes)
    fail(AG_E_TOO_LARGE, "body is " + std::to_string(body.size()) + " bytes; the limit is " +
                             std::to_string(kMaxBytes));
  if (body.size() > kReuseBytes) {
    Scratch own;
    return parse_padded(p, own, body, parts);
  }
  thread_local Scratch scratch;
  return parse_padded(p, scratch, body, parts);
}

}  // namespace ag::providers
