// ag_tokens_*, ag_tokenizer_*, ag_encoding_for_model : token counting.
#include <cstring>
#include <memory>
#include <string>

#include "agentguard.h"
#include "capi/guard.h"
#include "core/engine.h"
#include "tokenize/engine_tokenizers.h"
#include "tokenize/estimate.h"
#include "tokenize/model_encoding.h"

struct ag_tokenizer {
  std::shared_ptr<ag::tokenize::EngineTokenizers> tokenizers;
  mutable ag::LastError last_error;
};

namespace {

ag_status count_with(const ag::tokenize::EngineTokenizers *t, ag::LastError *err,
                     int32_t encoding, const char *text, size_t text_len, uint64_t *count) {
  return ag::guarded(err, [&]() -> ag_status {
    if (count == nullptr) ag::fail(AG_E_INVALID_ARGUMENT, "count: must not be NULL");
    if (text == nullptr && text_len != 0)
      ag::fail(AG_E_INVALID_ARGUMENT, "text: NULL with a non-zero length");
    if (t == nullptr)  // an engine built before tokenizers existed cannot happen; be safe
      ag::fail(AG_E_INTERNAL, "engine has no tokenizers");
    *count = t->count(encoding, std::string_view(text ? text : "", text_len));
    return AG_OK;
  });
}

}  // namespace

extern "C" {

AG_API int32_t ag_encoding_for_model(const char *model, size_t model_len) {
  if (model == nullptr) return AG_ENCODING_ESTIMATE;
  ag::LastError ignored;
  int32_t encoding = AG_ENCODING_ESTIMATE;
  ag::guarded(&ignored, [&] {
    encoding = ag::tokenize::encoding_for_model(std::string_view(model, model_len));
    return AG_OK;
  });
  return encoding;
}

AG_API ag_status ag_tokens_count(const ag_engine *engine, int32_t encoding, const char *text,
                                 size_t text_len, uint64_t *count) {
  if (engine == nullptr) return AG_E_INVALID_ARGUMENT;
  return count_with(engine->tokenizers.get(), &engine->last_error, encoding, text, text_len,
                    count);
}

AG_API ag_status ag_tokens_estimate(const char *text, size_t text_len, uint64_t *count) {
  if (count == nullptr || (text == nullptr && text_len != 0)) return AG_E_INVALID_ARGUMENT;
  *count = ag::tokenize::estimate_tokens(std::string_view(text ? text : "", text_len));
  return AG_OK;
}

AG_API ag_status ag_tokenizer_new(const char *dir, size_t dir_len, ag_tokenizer **out) {
  if (out == nullptr) return AG_E_INVALID_ARGUMENT;
  *out = nullptr;
  if (dir != nullptr && std::memchr(dir, '\0', dir_len) != nullptr) return AG_E_INVALID_ARGUMENT;
  ag::LastError ignored;
  return ag::guarded(&ignored, [&] {
    auto t = std::make_unique<ag_tokenizer>();
    t->tokenizers = std::make_shared<ag::tokenize::EngineTokenizers>(
        dir != nullptr ? std::string(dir, dir_len) : ag::tokenize::resolve_tokenizer_dir(""));
    *out = t.release();
    return AG_OK;
  });
}

AG_API void ag_tokenizer_free(ag_tokenizer *tokenizer) { delete tokenizer; }

AG_API size_t ag_tokenizer_last_error(const ag_tokenizer *tokenizer, char *buf, size_t cap) {
  return ag::last_error_of(tokenizer, "tokenizer is NULL", buf, cap);
}

AG_API ag_status ag_tokenizer_count(const ag_tokenizer *tokenizer, int32_t encoding,
                                    const char *text, size_t text_len, uint64_t *count) {
  if (tokenizer == nullptr) return AG_E_INVALID_ARGUMENT;
  return count_with(tokenizer->tokenizers.get(), &tokenizer->last_error, encoding, text,
                    text_len, count);
}

}  // extern "C"
