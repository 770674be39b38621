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
                      {"sk-ant-api03-...", "sk-ant-api03-MTYBB-iK3CFYq5Zq5V0qswTov17ONzPr0-hDpH9ZAA", "sk-ant-api03-mLYX7CbckQZ4HR7BUu7UnhJZOW10HUhSCuS2u785criZ3NwjnPsyKxF7C9vrcWWJPF8qerCF0LEYAiFGBpCB9AswnnxRiZZ"}));
  out.push_back(token("anthropic-admin-key", F, "sk-ant-admin01-[A-Za-z0-9_\\-]{80,100}AA", 117, "sk-ant-",
                      {{"ANTHROPIC_ADMIN_KEY=sk-ant-admin01-8oM3sAPJ3VHWx6SwGseORobB-e7cbcZ17KbwKi_Xo-beUJkuLOwBZzQdORKMFrf0pnN1VSWfztKaqqCUI996z3CYPuoafAA", "sk-ant-admin01-8oM3sAPJ3VHWx6SwGseORobB-e7cbcZ17KbwKi_Xo-beUJkuLOwBZzQdORKMFrf0pnN1VSWfztKaqqCUI996z3CYPuoafAA"}},
                      {"sk-ant-admin01-cK6aAQmeSFsdOC3KoOkOQg4ZlD_UWqAA"}));
  out.push_back(token("anthropic-oauth-token", F, "sk-ant-o[ar]t01-[A-Za-z0-9_\\-]{80,100}AA", 117, "sk-ant-",
                      {{"CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-8oM3sAPJ3VHWx6SwGseORobB-e7cbcZ17KbwKi_Xo-beUJkuLOwBZzQdORKMFrf0pnN1VSWfztKaqqCUI996z3CYPuoafAA", "sk-ant-oat01-8oM3sAPJ3VHWx6SwGseORobB-e7cbcZ17KbwKi_Xo-beUJkuLOwBZzQdORKMFrf0pnN1VSWfztKaqqCUI996z3CYPuoafAA"}},
                      {"sk-ant-oat01-xw8-syUqWWoKdi5okHSI"}));
  out.push_back(token("openai-legacy-api-key", F, "sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}", 51, "sk-",
                      {{"Authorization: Bearer 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", "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"}},
                      {"sk-aPTNmSfZIOIHn933Gh1CT3BlbkFJJgz6UcoWdv", "sk-LtXDchTEmsexL3PcAWIwF1KaLa1HHR9uZieAA6lH2UUUl0Jh"}, kEndAlnum));
  out.push_back(token("openai-project-key", F, "sk-proj-[A-Za-z0-9_\\-]{40,250}", 258, "sk-proj-",
                      {{"OPENAI_API_KEY=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", "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"}},
                      {"sk-proj-...", "sk-proj-pqXa8RxOF2f4oTZ2g_EM"}));
  out.push_back(token("openai-service-account-key", F, "sk-svcacct-[A-Za-z0-9_\\-]{40,250}", 261, "sk-svcacct-",
                      {{"OPENAI_API_KEY=\"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\"", "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"}},
                      {"sk-svcacct-YTYdzzAPcHtDKcS8706a"}));
  out.push_back(token("openai-admin-key", F, "sk-admin-[A-Za-z0-9_\\-]{40,250}", 259, "sk-admin-",
                      {{"OPENAI_ADMIN_KEY=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", "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"}},
                      {"sk-admin-Ob5Q2G7kc-1v"}));
  out.push_back(token("openai-user-key", F, "sk-None-[A-Za-z0-9_\\-]{40,250}", 258, "sk-None-",
                      {{"key = 'sk-None-f9u_d1DV_7QRLz8b12uwZ9cIMgEgA03wklPqsMlb8VFRj_khT3BlbkFJvtLVvl7HzeiSSLssOtUohDtz80amBc8YfHxB_F9UenB9DzAg'", "sk-None-f9u_d1DV_7QRLz8b12uwZ9cIMgEgA03wklPqsMlb8VFRj_khT3BlbkFJvtLVvl7HzeiSSLssOtUohDtz80amBc8YfHxB_F9UenB9DzAg"}},
                      {"sk-None-t866x2wQwN"}));
  out.push_back(keyed("openai-org-id", F, "openai[_\\-.]?org(?:anization)?(?:[_\\-.]?id)?", "org-[A-Za-z0-9]{24}", 28,
                      {{"OPENAI_ORG_ID=org-E1qpY6E8my4d08oJ6QA8c6iI", "org-E1qpY6E8my4d08oJ6QA8c6iI"}}, {"OPENAI_ORG_ID=org-johCLuDEqQ"},
                      kEndAlnum));
}

void add_others(std::vector<Rule> &out) {
  const Family F = Family::kAi;
  out.push_back(keyed("gemini-api-key", F, "gemini[_\\-.]?(?:api[_\\-.]?)?key|google[_\\-.]?ai[_\\-.]?(?:api[_\\-.]?)?key|genai[_\\-.]?(?:api[_\\-.]?)?key",
                      "AIza[0-9A-Za-z_\\-]{35}", 39, {{"genai.configure(api_key=GEMINI_API_KEY) # GEMINI_API_KEY=AIzapTbaKIas-whEvi72i9Bxbrkjq9DSueAqL7V", "AIzapTbaKIas-whEvi72i9Bxbrkjq9DSueAqL7V"}},
                      {"GEMINI_API_KEY=AIza...", "GEMINI_API_KEY=gDIt3TDD0A6WDaT4_-cfwB0fAdf4pUtO-8Io_Tu"}));
  out.push_back(token("huggingface-token", F, "hf_[A-Za-z0-9]{34,40}", 43, "hf_",
                      {{"HF_TOKEN:\"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\"", "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"}}, {"hf_eLyyfjMJLOxNOdrKTBGX", "hf_xxx"}, kEndAlnum));
  out.push_back(token("huggingface-org-token", F, "api_org_[A-Za-z0-9]{34}", 42, "api_org_",
                      {{"HUGGINGFACE_ORG_TOKEN=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", "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"}}, {"api_org_cfqVRsmRbhRLldZDATBm"},
                      kEndAlnum));
  out.push_back(keyed("cohere-api-key", F, "cohere[_\\-.]?(?:api[_\\-.]?)?(?:key|token)|CO_API_KEY", "[A-Za-z0-9]{40}", 40,
                      {{"COHERE_API_KEY=sSeYnfENPO8mwhqSngtwghPLwIHtcVsfFMYKkiSP", "sSeYnfENPO8mwhqSngtwghPLwIHtcVsfFMYKkiSP"}}, {"COHERE_API_KEY=IoYO7nPvayt1JKxQFJ9kxjKbDkd0SIYj"}, kEndAlnum));
  out.push_back(keyed("mistral-api-key", F, "mistral[_\\-.]?(?:api[_\\-.]?)?(?:key|token)", "[A-Za-z0-9]{32}", 32,
                      {{"MISTRAL_API_KEY=\"OItBdl3rF6gH3mBRF0Ph7PJ36OrnANou\"", "OItBdl3rF6gH3mBRF0Ph7PJ36OrnANou"}}, {"MISTRAL_API_KEY=ziSmlxUNvyuO1cNi8kEX1VU8"}, kEndAlnum));
  out.push_back(token("groq-api-key", F, "gsk_[A-Za-z0-9]{52}", 56, "gsk_",
                      {{"client = Groq(api_key=\"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\")", "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"}}, {"gsk_3sZyIttm5aGRJ8RcAWv82HqO8ZLsrMNdwyfK7Y5E", "gsk_..."},
                      kEndAlnum));
  out.push_back(token("replicate-api-token", F, "r8_[A-Za-z0-9]{37}", 40, "r8_",
                      {{"REPLICATE_API_TOKEN=r8_hcFOPoUuzrJmTrVTFyswfe0RKGQthyNClX3Js", "r8_hcFOPoUuzrJmTrVTFyswfe0RKGQthyNClX3Js"}}, {"r8_icr4SLoBFUptfo50J0eq"}, kEndAlnum));
  out.push_back(token("perplexity-api-key", F, "pplx-[A-Za-z0-9]{48}", 53, "pplx-",
                      {{"PERPLEXITY_API_KEY=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", "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"}}, {"pplx-x1g2jKM5p3Gp94GLGsUJFAZUwKfC8h"}, kEndAlnum));
  out.push_back(token("xai-api-key", F, "xai-[A-Za-z0-9]{80}", 84, "xai-",
                      {{"XAI_API_KEY=xai-jKNzO2neMf4HnPvrvnVZdA75Wau8pIkrg9ZeH0Y2rnrakrEgYhZpcAtsg1ZxcIyZYwtldNerNnfOoWH5", "xai-jKNzO2neMf4HnPvrvnVZdA75Wau8pIkrg9ZeH0Y2rnrakrEgYhZpcAtsg1ZxcIyZYwtldNerNnfOoWH5"}}, {"xai-4Imtj2ZGAg7dVHyJtcln30KChx1tzw2Zec98x4xA"}, kEndAlnum));
  out.push_back(token("openrouter-api-key", F, "sk-or-v1-[a-f0-9]{64}", 73, "sk-or-v1-",
                      {{"OPENROUTER_API_KEY=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", "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"}}, {"sk-or-v1-36565a01f3909826dd5c20bf50bb1382"},
                      kEndAlnum));
  out.push_back(token("langsmith-api-key", F, "lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}", 51, "lsv2_",
                      {{"LANGSMITH_API_KEY=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", "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"}},
                      {"lsv2_pt_00e0a89071cbd7a79ea99af90615c06b"}, kEndAlnum));
  out.push_back(token("nvidia-api-key", F, "nvapi-[A-Za-z0-9_\\-]{64}", 70, "nvapi-",
                      {{"NVIDIA_API_KEY=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", "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"}}, {"nvapi-5i5n10IIIA9-I-vElfFS-soGDgwqkX"}));
  out.push_back(token("pinecone-api-key", F, "pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{60,70}", 83, "pcsk_",
                      {{"PINECONE_API_KEY=pcsk_KMnbrW_40lWbn6zQ49Vv3KO5d9cfJjT8AyuPajO5rmWaN89EIqTNIBrhiT8tFrGfP2Pfo0", "pcsk_KMnbrW_40lWbn6zQ49Vv3KO5d9cfJjT8AyuPajO5rmWaN89EIqTNIBrhiT8tFrGfP2Pfo0"}},
                      {"pcsk_8qDMMy_shLEylTOgRibJUam9m2O"}, kEndAlnum));
  out.push_back(token("elevenlabs-api-key", F, "sk_[a-f0-9]{48}", 51, "sk_",
                      {{"ELEVENLABS_API_KEY=sk_0a2df98f3ad8b6a1d0b87652e1f123cbee7a6b8f52e61dc3", "sk_0a2df98f3ad8b6a1d0b87652e1f123cbee7a6b8f52e61dc3"}}, {"sk_b3102d355cd4244527409b5b9561fb54"}, kEndAlnum));
  out.push_back(token("cerebras-api-key", F, "csk-[a-z0-9]{48}", 52, "csk-",
                      {{"CEREBRAS_API_KEY=csk-132muq8ub8q1wpm4c5g5g5adbcr3ivphcbqzva1tahmdkvh4", "csk-132muq8ub8q1wpm4c5g5g5adbcr3ivphcbqzva1tahmdkvh4"}}, {"csk-9umcjy1yuxvxfnw2bhcw"}, kEndAlnum));
  out.push_back(token("jina-api-key", F, "jina_[A-Za-z0-9_\\-]{60}", 65, "jina_",
                      {{"JINA_KEY = os.getenv('JINA_KEY','jina_8b7252d9332f642ebff0aefa09672a990BHWccANO0GOUhaLw17H5Y6az2M4')", "jina_8b7252d9332f642ebff0aefa09672a990BHWccANO0GOUhaLw17H5Y6az2M4"}},
                      {"jina_SaUGNlFCPleA2a7gi7ZjrQDkIsAnjx"}));
  out.push_back(keyed("deepseek-api-key", F, "deepseek[_\\-.]?(?:api[_\\-.]?)?(?:key|token)", "sk-[a-f0-9]{32}", 35,
                      {{"DEEPSEEK_API_KEY=sk-8b7252d9332f642ebff0aefa09672a99", "sk-8b7252d9332f642ebff0aefa09672a99"}}, {"DEEPSEEK_API_KEY=sk-xxxx"}, kEndAlnum));
  out.push_back(keyed("together-api-key", F, "together[_\\-.]?(?:ai[_\\-.]?)?(?:api[_\\-.]?)?key", "(?:tgp_v1_)?[A-Za-z0-9_\\-]{43,64}", 72,
                      {{"TOGETHER_API_KEY=b34206bfa4d89aa685d7288847572d205c7fac6d37eb9d7a259169c440aa1579", "b34206bfa4d89aa685d7288847572d205c7fac6d37eb9d7a259169c440aa1579"}}, {"TOGETHER_API_KEY=<key>"}));
  out.push_back(keyed("wandb-api-key", F, "wandb[_\\-.]?(?:api[_\\-.]?)?key", "[a-f0-9]{40}", 40,
                      {{"WANDB_API_KEY=da5fa5d49812db22af93b82eb927ec9e711e1762", "da5fa5d49812db22af93b82eb927ec9e711e1762"}}, {"WANDB_API_KEY=33abc169aa43d1d1c45356a01a133b6b"}, kEndAlnum));
  out.push_back(keyed("assemblyai-api-key", F, "assemblyai[_\\-.]?(?:api[_\\-.]?)?key|deepgram[_\\-.]?(?:api[_\\-.]?)?key",
                      "[a-f0-9]{32,40}", 40, {{"ASSEMBLYAI_API_KEY=8b7252d9332f642ebff0aefa09672a99", "8b7252d9332f642ebff0aefa09672a99"}},
                      {"ASSEMBLYAI_API_KEY=1ca02eaafb9a48f35aaa"}, kEndAlnum));
  out.push_back(keyed("kagi-api-key", F, "kagi[_\\-.]?(?:api[_\\-.]?)?(?:key|token)|kagi\\.com/search\\?token",
                      "[A-Za-z0-9_\\-]{11}\\.[A-Za-z0-9_\\-]{43}", 55,
                      {{"KAGI_API_KEY='JJCbZDTe3lP.1EHjG5RgTnPaIoVTa8gYTzf2NoLncjJ9bBvYSvWZIdn'", "JJCbZDTe3lP.1EHjG5RgTnPaIoVTa8gYTzf2NoLncjJ9bBvYSvWZIdn"}},
                      {"3EybT8hfvIB.GPKQ6L4SRMctxd6ftYAMEER3JkiowB9OalqwyHVwy_G", "KAGI_API_KEY=g_cnmDgI0lFq_EV-Ys8J"}));
}

}  // namespace

void add_ai_rules(std::vector<Rule> &out) {
  add_anthropic_openai(out);
  add_others(out);
}

}  // namespace ag::scrub
