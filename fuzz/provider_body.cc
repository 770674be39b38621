// Fuzzes ag_response_parse for every provider id: any bytes must give a status, never a crash,
// and a parsed response must serialise. The usage-only internal path (no text kept) must
// agree with it on the status, the message and everything but the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "agentguard.h"
#include "core/status.h"
#include "providers/body.h"

namespace {

struct Outcome {
  ag_status status = AG_OK;
  std::string message;
  std::string json;  // to_json of the response without its text
};

Outcome parse_internal(int32_t provider, std::string_view body, ag::providers::BodyParts parts) {
  Outcome out;
  try {
    ag::providers::Response r =
        ag::providers::parse_body(static_cast<ag::providers::Provider>(provider), body, parts);
    r.text.clear();
    out.json = ag::providers::to_json(r);
  } catch (const ag::Error &e) {
    out.status = e.status();
    out.message = e.what();
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  const int32_t provider = data[0] % 5;
  const char *body = reinterpret_cast<const char *>(data + 1);
  ag_response *r = nullptr;
  char err[256];
  if (ag_response_parse(provider, body, size - 1, &r, err, sizeof err) == AG_OK) {
    size_t n = 0;
    ag_response_to_json(r, nullptr, 0, &n);
    std::string json(n, '\0');
    ag_response_to_json(r, json.data(), n, &n);
    ag_response_free(r);
  }
  const Outcome all = parse_internal(provider, {body, size - 1}, ag::providers::BodyParts::kAll);
  const Outcome bare =
      parse_internal(provider, {body, size - 1}, ag::providers::BodyParts::kNoText);
  if (all.status != bare.status || all.message != bare.message || all.json != bare.json)
    std::abort();
  return 0;
}
