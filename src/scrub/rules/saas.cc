// Software-as-a-service platforms: observability (Datadog, New Relic, Sentry, Grafana,
// Dynatrace), identity (Okta, Auth0, 1Password), developer tools and workspace apps. They
// share the cloud family: credentials of hosted services.
#include "scrub/rules/fragments.h"
#include "scrub/rules/tables.h"

namespace ag::scrub {

using namespace frag;

namespace {

void add_observability(std::vector<Rule> &out) {
  const Family F = Family::kCloud;
  out.push_back(keyed("datadog-api-key", F, "datadog[_\\-.]?api[_\\-.]?key|dd[_\\-.]?api[_\\-.]?key",
                      "[a-f0-9]{32}", 32, {{"DD_API_KEY=dc033a93f2e98b08b08b54804bb9a288", "dc033a93f2e98b08b08b54804bb9a288"}},
                      {"DD_API_KEY=fd80a638d9dba08cf6843e5c08a3f94", "DD_API_KEY=<your api key>"}, kEndAlnum));
  out.push_back(keyed("datadog-app-key", F,
                      "datadog[_\\-.]?app(?:lication)?[_\\-.]?key|dd[_\\-.]?app(?:lication)?[_\\-.]?key",
                      "[a-f0-9]{40}", 40, {{"datadog_application_key: \"5ddc866a857c60274665a78fdddec33307e3ef5a\"", "5ddc866a857c60274665a78fdddec33307e3ef5a"}},
                      {"DD_APP_KEY=9b979f0e72d460e1d3e5f23f22dfc1f9"}, kEndAlnum));
  out.push_back(token("newrelic-user-api-key", F, "NRAK-[A-Z0-9]{27}", 32, "NRAK-",
                      {{"NEW_RELIC_API_KEY=NRAK-THMXK9U4NO1OTBTP5LLPXRA5BSK", "NRAK-THMXK9U4NO1OTBTP5LLPXRA5BSK"}}, {"NRAK-F6LTU2DDHCLL2GI75X43"},
                      kEndAlnum));
  out.push_back(token("newrelic-browser-api-key", F, "NRJS-[a-f0-9]{19}", 24, "NRJS-",
                      {{"licenseKey: 'NRJS-899d26a9378e0a5d3a9'", "NRJS-899d26a9378e0a5d3a9"}}, {"NRJS-b6cb8220f39e"},
                      kEndAlnum));
  out.push_back(token("newrelic-insert-key", F, "NRII-[A-Za-z0-9_\\-]{32}", 37, "NRII-",
                      {{"insertKey: \"NRII-2EIP78Y9YANEbBwqPRELv5TvBhsYwRuN\"", "NRII-2EIP78Y9YANEbBwqPRELv5TvBhsYwRuN"}}, {"NRII-3qTtqWKF1YiyQoiIm6Gt"}));
  out.push_back(token("newrelic-query-key", F, "NRIQ-[A-Za-z0-9_\\-]{32}", 37, "NRIQ-",
                      {{"\"querykey\": \"NRIQ-2EIP78Y9YANEbBwqPRELv5TvBhsYwRuN\"", "NRIQ-2EIP78Y9YANEbBwqPRELv5TvBhsYwRuN"}}, {"NRIQ-Y7KeoL9P8oiU4DpWQ1Q5Svvtt06gDjv"}));
  out.push_back(token("newrelic-admin-key", F, "NRAA-[a-f0-9]{27}", 32, "NRAA-",
                      {{"admin_access:NRAA-204ec1d258782edb459103d1296", "NRAA-204ec1d258782edb459103d1296"}}, {"NRAA-56043a8fb03492e9a5f9"},
                      kEndAlnum));
  out.push_back(token("newrelic-rest-api-key", F, "NRRA-[a-f0-9]{42}", 47, "NRRA-",
                      {{"X-Api-Key:NRRA-560f0f9484747a6761aafee3b4e8d4cb9763b32796", "NRRA-560f0f9484747a6761aafee3b4e8d4cb9763b32796"}}, {"NRRA-8fc54d26d9c47f5c0c89220be737c53d33b17b35"},
                      kEndAlnum));
  out.push_back(token("newrelic-license-key", F, "(?:[a-f0-9]{36}|eu01xx[a-f0-9]{30})NRAL", 40, "",
                      {{"license_key: 95a49caaa789f1202a50e00ab155f251f19fNRAL", "95a49caaa789f1202a50e00ab155f251f19fNRAL"},
                       {"license: eu01xx6f5f41a4e8c4e01e60aed86fbdf5eeNRAL", "eu01xx6f5f41a4e8c4e01e60aed86fbdf5eeNRAL"}},
                      {"licenseKey=a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8NRAL"}, kEndAlnum));
  out.push_back(keyed("newrelic-legacy-license-key", F, "new[_\\-]?relic[_\\-]?license[_\\-]?key|license[_\\-]?key",
                      "[a-f0-9]{40}", 40, {{"license_key: 5ddc866a857c60274665a78fdddec33307e3ef5a", "5ddc866a857c60274665a78fdddec33307e3ef5a"}},
                      {"license_key: 12f662191983e3ce5c044e98367ac2", "license_key: xxxxxxxxxxxxxxx"}, kEndAlnum));
  out.push_back(token("pixie-api-key", F, "px-api-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}", 43,
                      "px-api-", {{"PX_API_KEY=px-api-a6912ce6-d8cc-252b-98f7-b7ab9557190e",
                                   "px-api-a6912ce6-d8cc-252b-98f7-b7ab9557190e"}},
                      {"px-api-a1b2c3d4-e5f6-g7h8-i8j0-k0l3m3n4o0p5"}, kEndAlnum));
  out.push_back(token("pixie-deploy-key", F, "px-dep-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}", 43,
                      "px-dep-", {{"PX_DEPLOY_KEY=px-dep-a6912ce6-d8cc-252b-98f7-b7ab9557190e",
                                   "px-dep-a6912ce6-d8cc-252b-98f7-b7ab9557190e"}},
                      {"px-dep-d4c3b2a1-f6e5-h8g7-j1i8-p5o0n5m3l2k1"}, kEndAlnum));
  out.push_back(token("sentry-user-token", F, "sntryu_[a-f0-9]{64}", 71, "sntryu_",
                      {{"SENTRY_AUTH_TOKEN=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", "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"}}, {"sntryu_b4f54f85b196b3faa9fa07fb8c1072c4561a6854"},
                      kEndAlnum));
  out.push_back(token("sentry-org-token", F, "sntrys_eyJ[A-Za-z0-9+/=_]{60,}", 610, "sntrys_",
                      {{"SENTRY_AUTH_TOKEN=sntrys_eyJ67VJVED3zXcnoTvNKJZppdOsnZ3Eu9DLxucj9m2JfuyIOHdySG3y0Purz8c2JdsGL1AWG4XTzVUIZOM8qd2VtrR3vf11V0kaAA9M2hQbQpRyxckQKhrKq90Y7KRo8zv2VvpbJZoR1ID189XjLpMWRU", "sntrys_eyJ67VJVED3zXcnoTvNKJZppdOsnZ3Eu9DLxucj9m2JfuyIOHdySG3y0Purz8c2JdsGL1AWG4XTzVUIZOM8qd2VtrR3vf11V0kaAA9M2hQbQpRyxckQKhrKq90Y7KRo8zv2VvpbJZoR1ID189XjLpMWRU"}},
                      {"sntrys_eyJZRSQ3enfc7z2NLyJjfjW"}, "(?:[^A-Za-z0-9+/=_]|$)"));
  Rule dsn;
  dsn.id = "sentry-dsn";
  dsn.family = F;
  dsn.confidence = Confidence::kMedium;
  dsn.prefix = R"re(https?://)re";
  dsn.secret = "[a-f0-9]{32}(?::[a-f0-9]{32})?";
  dsn.suffix = R"re(@[A-Za-z0-9.\-]{1,100}/[0-9]{1,12}(?:[^0-9]|$))re";
  dsn.max_len = 8 + 65 + 115;
  dsn.positives = {{"SENTRY_DSN=https://dc033a93f2e98b08b08b54804bb9a288@o12345.ingest.sentry.io/6789", "dc033a93f2e98b08b08b54804bb9a288"}};
  dsn.negatives = {"https://<key>@o0.ingest.sentry.io/0", "https://cb718d50174df1ecd38708b3b2cf1e56.example.com/1"};
  out.push_back(std::move(dsn));
  out.push_back(token("grafana-cloud-token", F, "glc_[A-Za-z0-9+/]{32,}={0,2}", 406, "glc_",
                      {{"\"token\": \"glc_eyJzGzEVqsDKKdiQb5Sct4vLAWEaiRTJLnU9fS4kNALDWiboVo1eEHW6kSXdmwOY4cDSWIGZ4cwBwtFTTB0\"", "glc_eyJzGzEVqsDKKdiQb5Sct4vLAWEaiRTJLnU9fS4kNALDWiboVo1eEHW6kSXdmwOY4cDSWIGZ4cwBwtFTTB0"}}, {"glc_NvHV5BRL0PBP4St4"}, kEndB64));
  out.push_back(token("grafana-service-account-token", F, "glsa_[A-Za-z0-9]{32}_[a-f0-9]{8}", 46, "glsa_",
                      {{"Authorization: Bearer glsa_ssJoJ4ty53LgZM2eFBY3Bbh20KGoPE6Q_628f4ba9", "glsa_ssJoJ4ty53LgZM2eFBY3Bbh20KGoPE6Q_628f4ba9"}},
                      {"glsa_SFizkcmrczo6kIxZqnxeYv8Mn45AZRoN", "glsa_IIqBpB2dQoRm24Lp9oNfQNGRL3PnvweB_f878"}, kEndAlnum));
  Rule gapi = token("grafana-api-key", F, "eyJrIjoi[A-Za-z0-9+/]{40,200}={0,2}", 210, "eyJrIjoi",
                    {{"admin_client = GrafanaClient(\"eyJrIjoiPmR4y4T82bWtTNN1T84A9ijtnxwr3wo4wFvCbKI5tSsmxcLz2PRYarh0cULNPW4l\")", "eyJrIjoiPmR4y4T82bWtTNN1T84A9ijtnxwr3wo4wFvCbKI5tSsmxcLz2PRYarh0cULNPW4l"}},
                    {"eyJrIjoiXtHer1ePEh0ZJ2ibBLDT"}, kEndB64);
  gapi.prefix = R"re((?:[^A-Za-z0-9+/=]))re";
  gapi.max_len += 1;
  out.push_back(std::move(gapi));
  out.push_back(token("dynatrace-api-token", F, "dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}", 96, "dt0c01.",
                      {{"apiToken: dt0c01.LA1178IJVF17P3YGWZYHEEAD.60YH2M21TMOI9X13SJ5DQO4DJR14GYSWH9MKKFY808S4MQW4RGZGJZJVL0EDHB8M", "dt0c01.LA1178IJVF17P3YGWZYHEEAD.60YH2M21TMOI9X13SJ5DQO4DJR14GYSWH9MKKFY808S4MQW4RGZGJZJVL0EDHB8M"}},
                      {"dt0c01.HL7IATEJXHI7RTM9M5UNO9U6.0NAHL89UW0R5VMSJH8BNBF3QG46Z4VDV"}, kEndAlnum));
  out.push_back(keyed("honeycomb-api-key", F, "honeycomb[_\\-.]?(?:api[_\\-.]?)?key|x-honeycomb-team",
                      "[A-Za-z0-9]{22,32}", 32, {{"HONEYCOMB_API_KEY=uXJO3hbfzJvSx3yqBGwZ0j", "uXJO3hbfzJvSx3yqBGwZ0j"}},
                      {"HONEYCOMB_API_KEY=iTnVqHCxukBz"}, kEndAlnum));
  out.push_back(keyed("pagerduty-api-key", F, "pagerduty[_\\-.]?(?:api[_\\-.]?)?(?:key|token)",
                      "[A-Za-z0-9_+\\-]{20}", 20, {{"PAGERDUTY_TOKEN=u+XCUmzwoWTnrKUsNErZ", "u+XCUmzwoWTnrKUsNErZ"}},
                      {"PAGERDUTY_TOKEN=p5ThlQQyf5"}, "(?:[^A-Za-z0-9_+\\-]|$)"));
}

void add_identity(std::vector<Rule> &out) {
  const Family F = Family::kCloud;
  out.push_back(keyed("okta-api-token", F, "okta[_\\-.]?(?:api[_\\-.]?)?(?:token|key|secret)|SSWS",
                      "00[A-Za-z0-9_\\-]{40}", 42, {{"OKTA_API_TOKEN=00KcEvgQHT9qJ3xCNShT4W4pawQ8gcY-T95v7kA8_M", "00KcEvgQHT9qJ3xCNShT4W4pawQ8gcY-T95v7kA8_M"},
                                                     {"Authorization: SSWS 008UuPXXs_q8DciRKXfiBU7E0kCvnqEyvQOLRBzGwQ", "008UuPXXs_q8DciRKXfiBU7E0kCvnqEyvQOLRBzGwQ"}},
                      {"okta_api_token: 00ksyePZnpdypOlFB6CS0mEvqi5HTtUrwXRyqfJfvw1BSx", "okta_api_key: 00wb_cXdkglpq_Rr6XauSVibHekaPaMT"}));
  out.push_back(keyed("auth0-client-secret", F, "auth0[_\\-.]?client[_\\-.]?secret",
                      "[A-Za-z0-9_\\-]{64}", 64, {{"AUTH0_CLIENT_SECRET='y0C3dV5uL_KYQ2O-9foVfed68i09QYhxx_r0maItXZgWU_QdZaAlo9zU1ySWOhrz'", "y0C3dV5uL_KYQ2O-9foVfed68i09QYhxx_r0maItXZgWU_QdZaAlo9zU1ySWOhrz"}},
                      {"AUTH0_CLIENT_SECRET=bVVrQXeipdsuXyecM2iYE7MEd6aNSeSa"}));
  out.push_back(token("onepassword-service-account-token", F, "ops_eyJ[A-Za-z0-9+/=_\\-]{200,}", 1207, "ops_",
                      {{"OP_SERVICE_ACCOUNT_TOKEN=ops_eyJSNQSVlcuuqtuDpCP9FTueqVzrvpkmA3Sojyd2WOOZfQXGnLvFKNnUSawlqmjjXVGAmqy3M5Qtg5SOUVu0vfUgaTVRaWKEfBQwoB8ixD759tYeuor5NFQuf7KfP41s7uoKptU1Bzgh2LmhM3CkxOyC9iowWmJQcdCJyvHsiIf1smT3KMZOZvC8OhyyUlvWEQYPjvds3YEgxTpfNPFWzt8LhjuHwobXNdQhNcDIW5C0XxpTu7TGSZYJ1gOO2vVyLB20b1bNeEnarVbMwV9vVMyqpWTugveHP5mI4LgASwIyaW8Z1FnwmZbQ3ScNQFKYO3rTTRx5FI1NuLM3aUR86veCWUbSz0pGuLPDMXtgHtnJjEwjGfkapXRwjAMOpbGdApDASFiuCz9foUFzthS", "ops_eyJSNQSVlcuuqtuDpCP9FTueqVzrvpkmA3Sojyd2WOOZfQXGnLvFKNnUSawlqmjjXVGAmqy3M5Qtg5SOUVu0vfUgaTVRaWKEfBQwoB8ixD759tYeuor5NFQuf7KfP41s7uoKptU1Bzgh2LmhM3CkxOyC9iowWmJQcdCJyvHsiIf1smT3KMZOZvC8OhyyUlvWEQYPjvds3YEgxTpfNPFWzt8LhjuHwobXNdQhNcDIW5C0XxpTu7TGSZYJ1gOO2vVyLB20b1bNeEnarVbMwV9vVMyqpWTugveHP5mI4LgASwIyaW8Z1FnwmZbQ3ScNQFKYO3rTTRx5FI1NuLM3aUR86veCWUbSz0pGuLPDMXtgHtnJjEwjGfkapXRwjAMOpbGdApDASFiuCz9foUFzthS"}},
                      {"ops_eyJHqCJwRi56EQ74VFugoZStRPePXQ2hjrsx8pH6opC"}, "(?:[^A-Za-z0-9+/=_\\-]|$)"));
  out.push_back(token("onepassword-secret-key", F, "A3-[A-Z0-9]{6}-(?:[A-Z0-9]{6}|[A-Z0-9]{11})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}", 42,
                      "A3-", {{"secret key A3-NZ0EBK-ZK6ZN8-MABMB-GMQRQ-NZOLI",
                               "A3-NZ0EBK-ZK6ZN8-MABMB-GMQRQ-NZOLI"}},
                      {"A3-DGYKUE-CBYINV", "A3-XXXXXX"}, kEndAlnum));
}

void add_devtools(std::vector<Rule> &out) {
  const Family F = Family::kCloud;
  out.push_back(token("atlassian-api-token", F, "ATATT3[A-Za-z0-9_\\-=]{150,}", 306, "ATATT3",
                      {{"JIRA_API_TOKEN=\"ATATT3xFfGF0Qobhc-js94gVkIytKAVFEojeu7MihWUD37H9Wrrf9ApjxFRfclx0xOdUoLbhO7Jv0hOs13UyHUhBIhNRmf2pzxd6YQt_xv-Ncx2crCRVA_ay30ouIgudRCwcThCtFlmbyBY6XIakveRnR2avQC8xf-1Ksixmq-l8Nkjn0SCzeJ=724BDDDC\"", "ATATT3xFfGF0Qobhc-js94gVkIytKAVFEojeu7MihWUD37H9Wrrf9ApjxFRfclx0xOdUoLbhO7Jv0hOs13UyHUhBIhNRmf2pzxd6YQt_xv-Ncx2crCRVA_ay30ouIgudRCwcThCtFlmbyBY6XIakveRnR2avQC8xf-1Ksixmq-l8Nkjn0SCzeJ=724BDDDC"}},
                      {"ATATT3xFfGF0...", "ATATT3rNo-oQDqu3ais0oSm7jZ3LGRrjrpBMMWNky2kvdt"}, "(?:[^A-Za-z0-9_\\-=]|$)"));
  out.push_back(keyed("atlassian-legacy-token", F, "(?:jira|confluence|atlassian)[_\\-.]?(?:api[_\\-.]?)?(?:token|key)",
                      "[A-Za-z0-9]{24}", 24, {{"JIRA_API_TOKEN=0LfPJF32deQbtsA6bliJeZ9H", "0LfPJF32deQbtsA6bliJeZ9H"}},
                      {"JIRA_API_TOKEN=QF5nYVZqENShc0RY4hKH", "JIRA_API_TOKEN=${JIRA_TOKEN}"}, kEndAlnum));
  out.push_back(token("postman-api-key", F, "PMAK-[a-f0-9]{24}-[a-f0-9]{34}", 64, "PMAK-",
                      {{"('x-api-key', 'PMAK-53dbadf6862df8a7714f045c-800039da208bd7cf9fcde1cfff886b519f')", "PMAK-53dbadf6862df8a7714f045c-800039da208bd7cf9fcde1cfff886b519f"}},
                      {"PMAK-8e5ddd012529992d3e9f6236", "PMAK-77db664818e85f1d3955e5ef-75d47da75510a369f310"}, kEndAlnum));
  out.push_back(token("figma-pat", F, "figd_[A-Za-z0-9_\\-]{40}", 45, "figd_",
                      {{"FIGMA_TOKEN=figd_KcEvgQHT9qJ3xCNShT4W4pawQ8gcY-T95v7kA8_M", "figd_KcEvgQHT9qJ3xCNShT4W4pawQ8gcY-T95v7kA8_M"}}, {"figd_tc90zMJCt7bHFTIDsW8m"}));
  out.push_back(keyed("figma-legacy-token", F, "figma[_\\-.]?(?:api[_\\-.]?|access[_\\-.]?)?(?:token|key)",
                      "[0-9]{3,6}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", 43,
                      {{"X-Figma-Token: 3720-628f4ba9-252b-98f7-7133-884bc43c5596",
                        "3720-628f4ba9-252b-98f7-7133-884bc43c5596"}},
                      {"X-Figma-Token: <token>"}, kEndAlnum));
  out.push_back(token("linear-api-key", F, "lin_api_[A-Za-z0-9]{40}", 48, "lin_api_",
                      {{"LINEAR_API_KEY=lin_api_kLMkVhK3yL9LjYDg8vURt9hVfoZUsabBt1kvXD4p", "lin_api_kLMkVhK3yL9LjYDg8vURt9hVfoZUsabBt1kvXD4p"}}, {"lin_api_Nn5iLHGeAaKb64ufGqqxlXFNkX9f0V"},
                      kEndAlnum));
  out.push_back(token("notion-integration-token", F, "(?:secret_[A-Za-z0-9]{43}|ntn_[0-9]{11}[A-Za-z0-9]{35})", 50, "",
                      {{"NOTION_TOKEN=secret_RKDayWpjmagu3w74Gv6UO68JWi5GwhTKLLLb7xVHXTk", "secret_RKDayWpjmagu3w74Gv6UO68JWi5GwhTKLLLb7xVHXTk"},
                       {"NOTION_TOKEN=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", "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"}},
                      {"secret_54jusozBr3w4dhjA79YN", "ntn_18460479820"}, kEndAlnum));
  out.push_back(token("airtable-pat", F, "pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}", 82, "pat",
                      {{"AIRTABLE_TOKEN=pattAxtVbN0ZwsuYP.643ddccbdabbd00923bfde813924119ab99c15e389913f882094d8d5e2e4b312", "pattAxtVbN0ZwsuYP.643ddccbdabbd00923bfde813924119ab99c15e389913f882094d8d5e2e4b312"}},
                      {"pat8haMWUdITbaTgF.f6f9141408f06e788e4be4b9d1608275"}, kEndAlnum));
  out.push_back(token("hubspot-private-app-token", F, "pat-(?:na|eu)[0-9]-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}", 44,
                      "pat-", {{"HUBSPOT_TOKEN=pat-na1-a6912ce6-d8cc-252b-98f7-b7ab9557190e",
                                "pat-na1-a6912ce6-d8cc-252b-98f7-b7ab9557190e"}},
                      {"pat-na1-c0f02252"}, kEndAlnum));
  out.push_back(token("segment-public-api-token", F, "sgp_[A-Za-z0-9]{64}", 68, "sgp_",
                      {{"\"token\": \"sgp_PmR4y4T82bWtTNN1T84A9ijtnxwr3wo4wFvCbKI5tSsmxcLz2PRYarh0cULNPW4l\"", "sgp_PmR4y4T82bWtTNN1T84A9ijtnxwr3wo4wFvCbKI5tSsmxcLz2PRYarh0cULNPW4l"}}, {"sgp_2bTYo2ik6pMGQicshGmlpKXZvPLVvUVGfjwNZ4te8QdQdpp2X7"}, kEndAlnum));
  out.push_back(token("sourcegraph-access-token", F, "sgp_(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}", 66, "sgp_",
                      {{"access token sgp_52025e146e64fc45_08802cea09d3dcdc0dab8974e0b1ba1c2643e8ee", "sgp_52025e146e64fc45_08802cea09d3dcdc0dab8974e0b1ba1c2643e8ee"},
                       {"SRC_ACCESS_TOKEN=sgp_22100963d79707007759537c4bb4cdb48e908911", "sgp_22100963d79707007759537c4bb4cdb48e908911"}},
                      {"sgp_4f95284eacf1f2dc7ac7da57e6c25d"}, kEndAlnum));
  out.push_back(token("mapbox-token", F, "[pst]k\\.eyJ1Ijoi[A-Za-z0-9_\\-]{10,}\\.[A-Za-z0-9_\\-]{20,40}", 350, "",
                      {{"MAPBOX_SECRET_TOKEN=sk.eyJ1Ijoin-gN04YTZPMSHGLXscYZJ0owSxb92vQMyxDmJq33NDaU2Yp7JJbUbOJGY7FH.hlflS_zrhJEkpJi2jduZUZ", "sk.eyJ1Ijoin-gN04YTZPMSHGLXscYZJ0owSxb92vQMyxDmJq33NDaU2Yp7JJbUbOJGY7FH.hlflS_zrhJEkpJi2jduZUZ"}},
                      {"sk.eyJ1IjoigyGUUtsHDkIZhoSgkj1GUUb34kH_0YpYo7TxHtHNLlil7vMXBhtr5h7G9OVD", "pk.eyJ1Ijoi..."}));
  out.push_back(token("dropbox-access-token", F, "sl\\.(?:u\\.)?[A-Za-z0-9_\\-]{130,}", 1205, "sl.",
                      {{"Authorization: Bearer sl.AbecaYqOO4IbBf4Lcq88E-BxET7OURnAzuDjVC3Z-5UqJ_xGaPrqIYELobjep5H1YyogwFbb9G04GPSKwoybo_t4doiMzRFviq4MLjzdcFhI9pDMfSjOqQZFhZB9ehGF10js-ZaZnZMx", "sl.AbecaYqOO4IbBf4Lcq88E-BxET7OURnAzuDjVC3Z-5UqJ_xGaPrqIYELobjep5H1YyogwFbb9G04GPSKwoybo_t4doiMzRFviq4MLjzdcFhI9pDMfSjOqQZFhZB9ehGF10js-ZaZnZMx"}}, {"sl.-Wo1duJlqGc864tUh5z53LVYOXIPzidapkIxES4y", "sl.no"}));
  out.push_back(keyed("algolia-admin-key", F, "algolia[_\\-.]?(?:admin|write)[_\\-.]?(?:api[_\\-.]?)?key",
                      "[a-f0-9]{32}", 32, {{"ALGOLIA_ADMIN_API_KEY=dc033a93f2e98b08b08b54804bb9a288", "dc033a93f2e98b08b08b54804bb9a288"}},
                      {"ALGOLIA_ADMIN_API_KEY=413ba1e2f2c2ab5a"}, kEndAlnum));
  out.push_back(keyed("codeclimate-reporter-id", F, "codeclimate[_\\-]?repo[_\\-]?token|cc[_\\-]test[_\\-]reporter[_\\-]id",
                      "[a-f0-9]{64}", 64, {{"CC_TEST_REPORTER_ID: 23701d528756d2edc93b5130365ae1a773c5aad5b0b08e242c200e3149ecda81", "23701d528756d2edc93b5130365ae1a773c5aad5b0b08e242c200e3149ecda81"}},
                      {"CC_TEST_REPORTER_ID: ${{ secrets.CC }}"}, kEndAlnum));
  out.push_back(token("sonarqube-token", F, "sq[pua]_[a-f0-9]{40}", 44, "",
                      {{"SONAR_TOKEN=sqp_5ddc866a857c60274665a78fdddec33307e3ef5a", "sqp_5ddc866a857c60274665a78fdddec33307e3ef5a"}}, {"sqp_83e0a5631909bd68b27e"}, kEndAlnum));
  out.push_back(keyed("sonarqube-login", F, "sonar[_\\-.]?(?:login|token)|sonarLogin", "[a-f0-9]{40}", 40,
                      {{"mvn sonar:sonar -Dsonar.login=5ddc866a857c60274665a78fdddec33307e3ef5a", "5ddc866a857c60274665a78fdddec33307e3ef5a"}},
                      {"sonarqube-scanner-2.5.0.tgz#f894723e0e508dbf94180cb4fffbe8ea32ab8b75", "sonar.login=$(SONAR_LOGIN)"}, kEndAlnum));
  out.push_back(keyed("saucelabs-access-key", F, "sauce[_\\-.]?access[_\\-.]?key", kUuid, 36,
                      {{"SAUCE_ACCESS_KEY=a6912ce6-d8cc-252b-98f7-b7ab9557190e",
                        "a6912ce6-d8cc-252b-98f7-b7ab9557190e"}},
                      {"SAUCE_ACCESS_KEY=f27132c1-3ba9-7d37-3ea3-be15946ba0a-"}, kEndAlnum));
  out.push_back(token("stackhawk-api-key", F, "hawk\\.[A-Za-z0-9_\\-]{20}\\.[A-Za-z0-9_\\-]{20}", 46, "hawk.",
                      {{"HAWK_API_KEY=\"hawk.mqiIHtPW9nwtbaBlaomH.1ZkEEia1JAQmtrlKZPgV\"", "hawk.mqiIHtPW9nwtbaBlaomH.1ZkEEia1JAQmtrlKZPgV"}},
                      {"hawk.A3XZxn55Yaqft6ieqf0z", "hawk.config.yml"}));
  out.push_back(keyed("jenkins-api-token", F, "jenkins[_\\-.]?(?:api[_\\-.]?)?(?:token|passw(?:or)?d|crumb|key)",
                      "(?:[a-f0-9]{32,34}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})", 36,
                      {{"export JENKINS_TOKEN=11dc033a93f2e98b08b08b54804bb9a288", "11dc033a93f2e98b08b08b54804bb9a288"}},
                      {"JENKINS_TOKEN=$TOKEN", "jenkins_token = 725802f501e4c6168ecd"}, kEndAlnum));
  out.push_back(token("teamcity-token", F, "eyJ0eXAiOiAiVENWMiJ9\\.[A-Za-z0-9_\\-]{36}\\.[A-Za-z0-9_\\-]{48}", 106,
                      "eyJ0eXAiOiAiVENWMiJ9.",
                      {{"value=\"eyJ0eXAiOiAiVENWMiJ9.I7aoIF47zo_w6k0qoZWThvmFvflGE7RS9S5V.Av0B0sC-XA9F5_9GL8YNW5-w5Q4yUAPXr09urKNTs9WCu8jC\"", "eyJ0eXAiOiAiVENWMiJ9.I7aoIF47zo_w6k0qoZWThvmFvflGE7RS9S5V.Av0B0sC-XA9F5_9GL8YNW5-w5Q4yUAPXr09urKNTs9WCu8jC"}},
                      {"eyJ0eXAiOiAiVENWMiJ9.1xwzxPvv19LBpkZ4ayv4"}));
  out.push_back(token("contentful-pat", F, "CFPAT-[A-Za-z0-9_\\-]{43}", 49, "CFPAT-",
                      {{"CONTENTFUL_MANAGEMENT_TOKEN=CFPAT-KBGLDCHJL8icz89Ekv1ho1nHNokvPvYcScyj-Q2mS97", "CFPAT-KBGLDCHJL8icz89Ekv1ho1nHNokvPvYcScyj-Q2mS97"}}, {"CFPAT-flZTs6cQyUy-9VJ2WGPL"}));
  out.push_back(token("circleci-pat", F, "CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}", 70, "CCIPAT_",
                      {{"CIRCLE_TOKEN=CCIPAT_uXJO3hbfzJvSx3yqBGwZ0j_08802cea09d3dcdc0dab8974e0b1ba1c2643e8ee", "CCIPAT_uXJO3hbfzJvSx3yqBGwZ0j_08802cea09d3dcdc0dab8974e0b1ba1c2643e8ee"}},
                      {"CCIPAT_FPE0yCVCcj8YpyiPkmAADj"}, kEndAlnum));
  out.push_back(token("buildkite-token", F, "bkua_[a-f0-9]{40}", 45, "bkua_",
                      {{"BUILDKITE_API_TOKEN=bkua_5ddc866a857c60274665a78fdddec33307e3ef5a", "bkua_5ddc866a857c60274665a78fdddec33307e3ef5a"}}, {"bkua_24275ede6d26e731a67d707af7ead1"},
                      kEndAlnum));
  out.push_back(token("adafruit-io-key", F, "aio_[A-Za-z0-9]{28}", 32, "aio_",
                      {{"#define IO_KEY \"aio_gNoQSyVFjcBYKI0cO4BSVww11fzv\"", "aio_gNoQSyVFjcBYKI0cO4BSVww11fzv"}}, {"aio_QI4lHiTATXlVIs5rDARC"}, kEndAlnum));
  out.push_back(token("salesforce-access-token", F, "00D[A-Za-z0-9]{12,15}![A-Za-z0-9_.]{80,120}", 139, "",
                      {{"Access Token 00DHe1AAQ7oSF9N!gOJIHmDDwBkVqSLLDZiup0pwy9a3OI8EcxOf4n90XSycbIHs0Yn2jkhFIRdgXF1B7ZoQmiVDbgehj8EQdn7guulZ706Ah2qe", "00DHe1AAQ7oSF9N!gOJIHmDDwBkVqSLLDZiup0pwy9a3OI8EcxOf4n90XSycbIHs0Yn2jkhFIRdgXF1B7ZoQmiVDbgehj8EQdn7guulZ706Ah2qe"}},
                      {"00DE3Pr5ctukvyH!short"}, "(?:[^A-Za-z0-9_.]|$)"));
  out.push_back(token("dependency-track-api-key", F, "odt_[A-Za-z0-9]{32,40}", 44, "odt_",
                      {{"X-Api-Key: odt_ssJoJ4ty53LgZM2eFBY3Bbh20KGoPE6Q", "odt_ssJoJ4ty53LgZM2eFBY3Bbh20KGoPE6Q"}}, {"odt_BM8yDJvk68LWoF6utclc"}, kEndAlnum));
  Rule tb = token("thingsboard-access-token", F, "[A-Za-z0-9]{20}", 20, "",
                  {{"curl -X POST https://thingsboard.cloud/api/v1/sy7kzktt3qdvdsrpc0zy/telemetry", "sy7kzktt3qdvdsrpc0zy"}},
                  {"https://thingsboard.cloud/api/v1/devices/telemetry"}, "/(?:telemetry|attributes|rpc|claim|provision)");
  tb.prefix = R"re(/api/v1/)re";
  tb.confidence = Confidence::kMedium;
  tb.max_len = 8 + 20 + 11;
  out.push_back(std::move(tb));
  Rule tn = token("truenas-api-key", F, "[0-9]{1,4}-[A-Za-z0-9]{64}", 69, "",
                  {{R"({"msg": "method", "method": "auth.login_with_api_key", "params": ["7-PmR4y4T82bWtTNN1T84A9ijtnxwr3wo4wFvCbKI5tSsmxcLz2PRYarh0cULNPW4l"]})", "7-PmR4y4T82bWtTNN1T84A9ijtnxwr3wo4wFvCbKI5tSsmxcLz2PRYarh0cULNPW4l"}},
                  {R"({"method": "auth.login_with_api_key", "params": ["<key>"]})"}, "\"");
  tn.prefix = R"re(login_with_api_key"[^\[]{0,40}\[\s{0,8}")re";
  tn.max_len = 60 + 69 + 1;
  out.push_back(std::move(tn));
  Rule jk = token("jenkins-initial-admin-password", F, "[a-f0-9]{32}", 32, "",
                  {{"Please use the following password to proceed to installation:\n\ndc033a93f2e98b08b08b54804bb9a288\n", "dc033a93f2e98b08b08b54804bb9a288"}},
                  {"Please use the following password to proceed to installation:\n\n(see log)\n"}, kEndAlnum);
  jk.prefix = R"re(password to proceed to installation:\s{1,8})re";
  jk.max_len = 52 + 32 + 1;
  out.push_back(std::move(jk));
  out.push_back(token("twitch-stream-key", F, "live_[0-9]{6,12}_[A-Za-z0-9]{30}", 48, "live_",
                      {{"STREAM_KEY=live_117858727_rnmAOBwGWAKWb5h67RBuBuVyQzRyNu", "live_117858727_rnmAOBwGWAKWb5h67RBuBuVyQzRyNu"}},
                      {"live_078061225_3qFG7Ekd9YhBvLDcep2EJFbKc", "rtmp://live.twitch.tv/app/STREAM_KEY"}, kEndAlnum));
  out.push_back(token("tavily-api-key", F, "tvly-(?:dev-)?[A-Za-z0-9]{32}", 41, "tvly-",
                      {{"TAVILY_API_KEY=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", "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"}}, {"tvly-oQihdjg2jKf8AEfOfybE"}, kEndAlnum));
  out.push_back(token("firecrawl-api-key", F, "fc-[a-f0-9]{32}", 35, "fc-",
                      {{"FirecrawlApp(api_key=\"fc-dc033a93f2e98b08b08b54804bb9a288\")", "fc-dc033a93f2e98b08b08b54804bb9a288"}}, {"fc-97e414460f1703d6f066"},
                      kEndAlnum));
}

}  // namespace

void add_saas_rules(std::vector<Rule> &out) {
  add_observability(out);
  add_identity(out);
  add_devtools(out);
}

}  // namespace ag::scrub
