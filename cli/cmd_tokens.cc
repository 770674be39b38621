// agentguard tokens: count the tokens of a file (or stdin) in one encoding.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "cli/commands.h"
#include "cli/util.h"

namespace {

struct EncodingName {
  const char *name;
  int32_t id;
};

const EncodingName kEncodingNames[] = {
    {"o200k_base", AG_ENCODING_O200K_BASE},
    {"cl100k_base", AG_ENCODING_CL100K_BASE},
    {"estimate", AG_ENCODING_ESTIMATE},
};

int tokens_usage() {
  std::fprintf(stderr,
               "usage: agentguard tokens (--encoding o200k_base|cl100k_base|estimate | --model M)\n"
               "                         [--dir DIR] [FILE|-]\n"
               "  Prints {\"tokens\": N, \"encoding\": \"...\"}. Rank files come from --dir,\n"
               "  $AGENTGUARD_TOKENIZER_DIR, or ./data/tokenizers.\n");
  return 2;
}

const char *encoding_name(int32_t id) {
  for (const auto &e : kEncodingNames)
    if (e.id == id) return e.name;
  return "?";
}

}  // namespace

int cmd_tokens(int argc, char **argv) {
  int32_t encoding = -1;
  const char *dir = nullptr;
  const char *path = "-";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--encoding" && has_value) {
      const char *name = argv[++i];
      for (const auto &e : kEncodingNames)
        if (!std::strcmp(name, e.name)) encoding = e.id;
      if (encoding < 0) {
        std::fprintf(stderr, "agentguard tokens: unknown encoding '%s'\n", name);
        return tokens_usage();
      }
    } else if (arg == "--model" && has_value) {
      const char *model = argv[++i];
      encoding = ag_encoding_for_model(model, std::strlen(model));
    } else if (arg == "--dir" && has_value) {
      dir = argv[++i];
    } else if (arg == "-h" || arg == "--help") {
      tokens_usage();
      return 0;
    } else if (arg.size() > 1 && arg[0] == '-') {
      std::fprintf(stderr, "agentguard tokens: unknown option '%s'\n", arg.c_str());
      return tokens_usage();
    } else {
      path = argv[i];
    }
  }
  if (encoding < 0) return tokens_usage();
  if (dir == nullptr) dir = std::getenv("AGENTGUARD_TOKENIZER_DIR");
  if (dir == nullptr || *dir == '\0') dir = "data/tokenizers";

  std::string text;
  FILE *f = std::strcmp(path, "-") ? std::fopen(path, "rb") : stdin;
  if (f == nullptr) {
    std::fprintf(stderr, "agentguard tokens: %s: %s\n", path, std::strerror(errno));
    return 1;
  }
  bool ok = read_stream(f, &text);
  if (f != stdin) std::fclose(f);
  if (!ok) {
    std::fprintf(stderr, "agentguard tokens: %s: read error\n", path);
    return 1;
  }

  ag_tokenizer *tok = nullptr;
  ag_status s = ag_tokenizer_new(dir, std::strlen(dir), &tok);
  uint64_t count = 0;
  if (s == AG_OK) s = ag_tokenizer_count(tok, encoding, text.data(), text.size(), &count);
  if (s != AG_OK) {
    char msg[1024] = "";
    if (tok != nullptr) ag_tokenizer_last_error(tok, msg, sizeof msg);
    std::fprintf(stderr, "agentguard tokens: %s: %s\n", ag_status_str(s), msg);
    ag_tokenizer_free(tok);
    return 1;
  }
  ag_tokenizer_free(tok);
  std::printf("{\"tokens\": %llu, \"encoding\": \"%s\"}\n", static_cast<unsigned long long>(count),
              encoding_name(encoding));
  return 0;
}
