// AI model providers: Anthropic, OpenAI, Google AI, Hugging Face, Cohere, Mistral, Groq,
// Replicate, Perplexity, xAI, OpenRouter, LangSmith, NVIDIA, Pinecone and others.
#include "scrub/rules/fragments.h"
#include "scrub/rules/tables.h"

namespace ag::scrub {

using namespace frag;

namespace {

void add_anthropic_openai(std::vector<Rule> &out) {
  const Family F = Family::kAi;
  out.push_back(token("anthropic-api-key", F, "sk-ant-api03-[A-Za-z0-9_\\-]{80,100}AA", 115, "sk-ant-",
                      {{"ANTHROPIC_API_KEY=sk-ant-api03-8oM3sAPJ3VHWx6SwGseORobB-e7cbcZ17KbwKi_Xo-beUJkuLOwBZzQdORKMFrf0pnN1VSWfztKaqqCUI996z3CYPuoafAA", "sk-ant-api03-8oM3sAPJ3VHWx6SwGseORobB-e7cbcZ17KbwKi_Xo-beUJkuLOwBZzQdORKMFrf0pnN1VSWfztKaqqCUI996z3CYPuoafAA"},
                       {R"({"x-api-key": "sk-ant-api03-3mp8ONL3ceL3dhA0GDc3VtDW32wOkXOdMb8ub0mMamEGkClhWlVP6w_UMRAMsgbE3j9SqBRHURt8vVudiJ-5femeK_Rt9AA"})", "sk-ant-api03-3mp8ONL3ceL3dhA0GDc3VtDW32wOkXOdMb8ub0mMamEGkClhWlVP6w_UMRAMsgbE3j9SqBRHURt8vVudiJ-5femeK_Rt9AA"}},
                      {"sk-ant-api03-...", "sk-ant-api03-ABABABABABABABABABABABABABABABABABABABABAA", "sk-ant-api03-ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAZZ"}));
  out.push_back(token("anthropic-admin-key", F, "sk-ant-admin01-[A-Za-z0-9_\\-]{80,100}AA", 117, "sk-ant-",
                      {{"ANTHROPIC_ADMIN_KEY=sk-ant-admin01-8oM3sAPJ3VHWx6SwGseORobB-e7cbcZ17KbwKi_Xo-beUJkuLOwBZzQdORKMFrf0pnN1VSWfztKaqqCUI996z3CYPuoafAA", "sk-ant-admin01-8oM3sAPJ3VHWx6SwGseORobB-e7cbcZ17KbwKi_Xo-beUJkuLOwBZzQdORKMFrf0pnN1VSWfztKaqqCUI996z3CYPuoafAA"}},
                      {"sk-ant-admin01-ABABABABABABABABABABABABABABABAA"}));
  out.push_back(token("anthropic-oauth-token", F, "sk-ant-o[ar]t01-[A-Za-z0-9_\\-]{80,100}AA", 117, "sk-ant-",
                      {{"CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-8oM3sAPJ3VHWx6SwGseORobB-e7cbcZ17KbwKi_Xo-beUJkuLOwBZzQdORKMFrf0pnN1VSWfztKaqqCUI996z3CYPuoafAA", "sk-ant-oat01-8oM3sAPJ3VHWx6SwGseORobB-e7cbcZ17KbwKi_Xo-beUJkuLOwBZzQdORKMFrf0pnN1VSWfztKaqqCUI996z3CYPuoafAA"}},
                      {"sk-ant-oat01-ABABABABABABABABABAB"}));
  out.push_back(token("openai-legacy-api-key", F, "sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}", 51, "sk-",
                      {{"Authorization: Bearer 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", "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"}},
                      {"sk-ABABABABABABABABABABT3BlbkFJABABABABAB", "sk-ABABABABABABABABABABABABABABABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("openai-project-key", F, "sk-proj-[A-Za-z0-9_\\-]{40,250}", 258, "sk-proj-",
                      {{"OPENAI_API_KEY=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", "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"}},
                      {"sk-proj-...", "sk-proj-ABABABABABABABABABAB"}));
  out.push_back(token("openai-service-account-key", F, "sk-svcacct-[A-Za-z0-9_\\-]{40,250}", 261, "sk-svcacct-",
                      {{"OPENAI_API_KEY=\"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\"", "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"}},
                      {"sk-svcacct-ABABABABABABABABABAB"}));
  out.push_back(token("openai-admin-key", F, "sk-admin-[A-Za-z0-9_\\-]{40,250}", 259, "sk-admin-",
                      {{"OPENAI_ADMIN_KEY=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", "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"}},
                      {"sk-admin-ABABABABABAB"}));
  out.push_back(token("openai-user-key", F, "sk-None-[A-Za-z0-9_\\-]{40,250}", 258, "sk-None-",
                      {{"key = 'sk-None-oKdi5okHSIenFbZX0cWsJW1e9xT5Gj4G0fnak_yRdQONESo4T3BlbkFJs7XuG4nI9We4BsQKV1X1OPjz9BBOoppSx9JIjRDwlnLfwk66'", "sk-None-oKdi5okHSIenFbZX0cWsJW1e9xT5Gj4G0fnak_yRdQONESo4T3BlbkFJs7XuG4nI9We4BsQKV1X1OPjz9BBOoppSx9JIjRDwlnLfwk66"}},
                      {"sk-None-ABABABABAB"}));
  out.push_back(keyed("openai-org-id", F, "openai[_\\-.]?org(?:anization)?(?:[_\\-.]?id)?", "org-[A-Za-z0-9]{24}", 28,
                      {{"OPENAI_ORG_ID=org-rGbuc5T7cpdZDiHYpVEMB5K1", "org-rGbuc5T7cpdZDiHYpVEMB5K1"}}, {"OPENAI_ORG_ID=org-ABABABABAB"},
                      kEndAlnum));
}

void add_others(std::vector<Rule> &out) {
  const Family F = Family::kAi;
  out.push_back(keyed("gemini-api-key", F, "gemini[_\\-.]?(?:api[_\\-.]?)?key|google[_\\-.]?ai[_\\-.]?(?:api[_\\-.]?)?key|genai[_\\-.]?(?:api[_\\-.]?)?key",
                      "AIza[0-9A-Za-z_\\-]{35}", 39, {{"genai.configure(api_key=GEMINI_API_KEY) # GEMINI_API_KEY=AIza28CWRe1LFCiU_Au4UIOhhie73k-LwhWw4eP", "AIza28CWRe1LFCiU_Au4UIOhhie73k-LwhWw4eP"}},
                      {"GEMINI_API_KEY=AIza...", "GEMINI_API_KEY=ABABABABABABABABABABABABABABABABABABABA"}));
  out.push_back(token("huggingface-token", F, "hf_[A-Za-z0-9]{34,40}", 43, "hf_",
                      {{"HF_TOKEN:\"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\"", "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"}}, {"hf_ABABABABABABABABABAB", "hf_xxx"}, kEndAlnum));
  out.push_back(token("huggingface-org-token", F, "api_org_[A-Za-z0-9]{34}", 42, "api_org_",
                      {{"HUGGINGFACE_ORG_TOKEN=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", "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"}}, {"api_org_ABABABABABABABABABAB"},
                      kEndAlnum));
  out.push_back(keyed("cohere-api-key", F, "cohere[_\\-.]?(?:api[_\\-.]?)?(?:key|token)|CO_API_KEY", "[A-Za-z0-9]{40}", 40,
                      {{"COHERE_API_KEY=ubOYapeYBWsbz4FilnN7a0Lp4z76eKf19Kh2gJ1X", "ubOYapeYBWsbz4FilnN7a0Lp4z76eKf19Kh2gJ1X"}}, {"COHERE_API_KEY=ABABABABABABABABABABABABABABABAB"}, kEndAlnum));
  // Both names end in "key" or "token", which Hyperscan would take as the literal to look for
  // (every "token" of model usage JSON); the trigger looks for the vendor's names, the names'
  // tails (at most 10 bytes) folded into the identifier run after them.
  out.back().trigger = std::string("(?:cohere|co_api_key)[A-Za-z0-9_.\\-]{0,26}") + kAssignOrPair + "[A-Za-z0-9]{40}" + kEndAlnum;
  out.push_back(keyed("mistral-api-key", F, "mistral[_\\-.]?(?:api[_\\-.]?)?(?:key|token)", "[A-Za-z0-9]{32}", 32,
                      {{"MISTRAL_API_KEY=\"Jo9L6PU0F6SFKEforEngNGw1cGtBiCEJ\"", "Jo9L6PU0F6SFKEforEngNGw1cGtBiCEJ"}}, {"MISTRAL_API_KEY=ABABABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("groq-api-key", F, "gsk_[A-Za-z0-9]{52}", 56, "gsk_",
                      {{"client = Groq(api_key=\"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\")", "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"}}, {"gsk_ABABABABABABABABABABABABABABABABABABABAB", "gsk_..."},
                      kEndAlnum));
  out.push_back(token("replicate-api-token", F, "r8_[A-Za-z0-9]{37}", 40, "r8_",
                      {{"REPLICATE_API_TOKEN=r8_CbPcUJMbQfCGtMJqMw1yOZZqmAxHnOtDnW5B5", "r8_CbPcUJMbQfCGtMJqMw1yOZZqmAxHnOtDnW5B5"}}, {"r8_ABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("perplexity-api-key", F, "pplx-[A-Za-z0-9]{48}", 53, "pplx-",
                      {{"PERPLEXITY_API_KEY=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", "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"}}, {"pplx-ABABABABABABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("xai-api-key", F, "xai-[A-Za-z0-9]{80}", 84, "xai-",
                      {{"XAI_API_KEY=xai-l7aX1PeuXsfOn3tasuhB3KfzdyIIFzrZleNpabmX3Y9j4kMeOEGQ7CiQAabuYSt4SvijHx5VWGSNj7e5", "xai-l7aX1PeuXsfOn3tasuhB3KfzdyIIFzrZleNpabmX3Y9j4kMeOEGQ7CiQAabuYSt4SvijHx5VWGSNj7e5"}}, {"xai-ABABABABABABABABABABABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("openrouter-api-key", F, "sk-or-v1-[a-f0-9]{64}", 73, "sk-or-v1-",
                      {{"OPENROUTER_API_KEY=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", "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"}}, {"sk-or-v1-01010101010101010101010101010101"},
                      kEndAlnum));
  out.push_back(token("langsmith-api-key", F, "lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}", 51, "lsv2_",
                      {{"LANGSMITH_API_KEY=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", "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"}},
                      {"lsv2_pt_01010101010101010101010101010101"}, kEndAlnum));
  out.push_back(token("nvidia-api-key", F, "nvapi-[A-Za-z0-9_\\-]{64}", 70, "nvapi-",
                      {{"NVIDIA_API_KEY=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", "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"}}, {"nvapi-ABABABABABABABABABABABABABABAB"}));
  out.push_back(token("pinecone-api-key", F, "pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{60,70}", 83, "pcsk_",
                      {{"PINECONE_API_KEY=pcsk_A4UkyT_FVyeLyyfj0M6JLOx5NOdrK9TBGXcf8qVRsm9RbhRLld8ZDATBmsSeYnfENPO8mw", "pcsk_A4UkyT_FVyeLyyfj0M6JLOx5NOdrK9TBGXcf8qVRsm9RbhRLld8ZDATBmsSeYnfENPO8mw"}},
                      {"pcsk_ABABAB_ABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("elevenlabs-api-key", F, "sk_[a-f0-9]{48}", 51, "sk_",
                      {{"ELEVENLABS_API_KEY=sk_97543eaf26c5974c77d458245d1e94c740e230827747069a", "sk_97543eaf26c5974c77d458245d1e94c740e230827747069a"}}, {"sk_01010101010101010101010101010101"}, kEndAlnum));
  out.push_back(token("cerebras-api-key", F, "csk-[a-z0-9]{48}", 52, "csk-",
                      {{"CEREBRAS_API_KEY=csk-no2n8exvulf6lc8m7tnwjxsybyje1ieot1vas4rfzi0grjr2", "csk-no2n8exvulf6lc8m7tnwjxsybyje1ieot1vas4rfzi0grjr2"}}, {"csk-abababababababababab"}, kEndAlnum));
  out.push_back(token("jina-api-key", F, "jina_[A-Za-z0-9_\\-]{60}", 65, "jina_",
                      {{"JINA_KEY = os.getenv('JINA_KEY','jina_32c2e480e415128a466226bfc81b8ed8AWv82HqO8ZLsrMNdwyfK7Y5EhcFO')", "jina_32c2e480e415128a466226bfc81b8ed8AWv82HqO8ZLsrMNdwyfK7Y5EhcFO"}},
                      {"jina_ABABABABABABABABABABABABABABAB"}));
  out.push_back(keyed("deepseek-api-key", F, "deepseek[_\\-.]?(?:api[_\\-.]?)?(?:key|token)", "sk-[a-f0-9]{32}", 35,
                      {{"DEEPSEEK_API_KEY=sk-32c2e480e415128a466226bfc81b8ed8", "sk-32c2e480e415128a466226bfc81b8ed8"}}, {"DEEPSEEK_API_KEY=sk-xxxx"}, kEndAlnum));
  out.push_back(keyed("together-api-key", F, "together[_\\-.]?(?:ai[_\\-.]?)?(?:api[_\\-.]?)?key", "(?:tgp_v1_)?[A-Za-z0-9_\\-]{43,64}", 72,
                      {{"TOGETHER_API_KEY=5148f98bb25b9e1c78442bb3b5a80bcfd6907f671c0f1f5790f0c08bfeecdc4c", "5148f98bb25b9e1c78442bb3b5a80bcfd6907f671c0f1f5790f0c08bfeecdc4c"}}, {"TOGETHER_API_KEY=<key>"}));
  out.push_back(keyed("wandb-api-key", F, "wandb[_\\-.]?(?:api[_\\-.]?)?key", "[a-f0-9]{40}", 40,
                      {{"WANDB_API_KEY=7a49a92ff853861b4e9502af4f5dc1b7d2a89027", "7a49a92ff853861b4e9502af4f5dc1b7d2a89027"}}, {"WANDB_API_KEY=01010101010101010101010101010101"}, kEndAlnum));
  out.push_back(keyed("assemblyai-api-key", F, "assemblyai[_\\-.]?(?:api[_\\-.]?)?key|deepgram[_\\-.]?(?:api[_\\-.]?)?key",
                      "[a-f0-9]{32,40}", 40, {{"ASSEMBLYAI_API_KEY=32c2e480e415128a466226bfc81b8ed8", "32c2e480e415128a466226bfc81b8ed8"}},
                      {"ASSEMBLYAI_API_KEY=01010101010101010101"}, kEndAlnum));
  out.push_back(keyed("kagi-api-key", F, "kagi[_\\-.]?(?:api[_\\-.]?)?(?:key|token)|kagi\\.com/search\\?token",
                      "[A-Za-z0-9_\\-]{11}\\.[A-Za-z0-9_\\-]{43}", 55,
                      {{"KAGI_API_KEY='6iOM3UZNNWN.oTLAzpV-FVac8Y-Pfqz7At1Qz8Px1Ixz4Bz4Rzx6a8b'", "6iOM3UZNNWN.oTLAzpV-FVac8Y-Pfqz7At1Qz8Px1Ixz4Bz4Rzx6a8b"}},
                      {"ABABABABABA.ABABABABABABABABABABABABABABABABABABABABABA", "KAGI_API_KEY=ABABABABABABABABABAB"}));
}

}  // namespace

void add_ai_rules(std::vector<Rule> &out) {
  add_anthropic_openai(out);
  add_others(out);
}

}  // namespace ag::scrub
