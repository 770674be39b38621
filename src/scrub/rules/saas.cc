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
                      {"DD_API_KEY=0101010101010101010101010101010", "DD_API_KEY=<your api key>"}, kEndAlnum));
  out.push_back(keyed("datadog-app-key", F,
                      "datadog[_\\-.]?app(?:lication)?[_\\-.]?key|dd[_\\-.]?app(?:lication)?[_\\-.]?key",
                      "[a-f0-9]{40}", 40, {{"datadog_application_key: \"fd80a638d9dba08cf6843e5c08a3f945ddc866a8\"", "fd80a638d9dba08cf6843e5c08a3f945ddc866a8"}},
                      {"DD_APP_KEY=01010101010101010101010101010101"}, kEndAlnum));
  out.push_back(token("newrelic-user-api-key", F, "NRAK-[A-Z0-9]{27}", 32, "NRAK-",
                      {{"NEW_RELIC_API_KEY=NRAK-LPZNBEOINNLUOR51102Z8HGHB6O", "NRAK-LPZNBEOINNLUOR51102Z8HGHB6O"}}, {"NRAK-ABABABABABABABABABAB"},
                      kEndAlnum));
  out.push_back(token("newrelic-browser-api-key", F, "NRJS-[a-f0-9]{19}", 24, "NRJS-",
                      {{"licenseKey: 'NRJS-e3ef5a9b979f0e72d46'", "NRJS-e3ef5a9b979f0e72d46"}}, {"NRJS-010101010101"},
                      kEndAlnum));
  out.push_back(token("newrelic-insert-key", F, "NRII-[A-Za-z0-9_\\-]{32}", 37, "NRII-",
                      {{"insertKey: \"NRII-B7F0N4U8LP8IL18zG-lnOYvVo8ac2cnC\"", "NRII-B7F0N4U8LP8IL18zG-lnOYvVo8ac2cnC"}}, {"NRII-ABABABABABABABABABAB"}));
  out.push_back(token("newrelic-query-key", F, "NRIQ-[A-Za-z0-9_\\-]{32}", 37, "NRIQ-",
                      {{"\"querykey\": \"NRIQ-B7F0N4U8LP8IL18zG-lnOYvVo8ac2cnC\"", "NRIQ-B7F0N4U8LP8IL18zG-lnOYvVo8ac2cnC"}}, {"NRIQ-ABABABABABABABABABABABABABABABA"}));
  out.push_back(token("newrelic-admin-key", F, "NRAA-[a-f0-9]{27}", 32, "NRAA-",
                      {{"admin_access:NRAA-97f557b80f095259ae113155e34", "NRAA-97f557b80f095259ae113155e34"}}, {"NRAA-01010101010101010101"},
                      kEndAlnum));
  out.push_back(token("newrelic-rest-api-key", F, "NRRA-[a-f0-9]{42}", 47, "NRRA-",
                      {{"X-Api-Key:NRRA-fbfe899d26a9378e0a5d3a9b6cb8220f39ed123ef6", "NRRA-fbfe899d26a9378e0a5d3a9b6cb8220f39ed123ef6"}}, {"NRRA-0101010101010101010101010101010101010101"},
                      kEndAlnum));
  out.push_back(token("newrelic-license-key", F, "(?:[a-f0-9]{36}|eu01xx[a-f0-9]{30})NRAL", 40, "",
                      {{"license_key: f603160ca3412be4b08b6c4b3da4ba521d68NRAL", "f603160ca3412be4b08b6c4b3da4ba521d68NRAL"},
                       {"license: eu01xxc4a829e1b6e27a2f3fa85e0a54d4e4NRAL", "eu01xxc4a829e1b6e27a2f3fa85e0a54d4e4NRAL"}},
                      {"licenseKey=a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8NRAL"}, kEndAlnum));
  out.push_back(keyed("newrelic-legacy-license-key", F, "new[_\\-]?relic[_\\-]?license[_\\-]?key|license[_\\-]?key",
                      "[a-f0-9]{40}", 40, {{"license_key: fd80a638d9dba08cf6843e5c08a3f945ddc866a8", "fd80a638d9dba08cf6843e5c08a3f945ddc866a8"}},
                      {"license_key: 010101010101010101010101010101", "license_key: xxxxxxxxxxxxxxx"}, kEndAlnum));
  out.push_back(token("pixie-api-key", F, "px-api-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}", 43,
                      "px-api-", {{"PX_API_KEY=px-api-bbbbde80-8b20-4ec1-d258-782edb459103",
                                   "px-api-bbbbde80-8b20-4ec1-d258-782edb459103"}},
                      {"px-api-a1b2c3d4-e5f6-g7h8-i8j0-k0l3m3n4o0p5"}, kEndAlnum));
  out.push_back(token("pixie-deploy-key", F, "px-dep-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}", 43,
                      "px-dep-", {{"PX_DEPLOY_KEY=px-dep-bbbbde80-8b20-4ec1-d258-782edb459103",
                                   "px-dep-bbbbde80-8b20-4ec1-d258-782edb459103"}},
                      {"px-dep-d4c3b2a1-f6e5-h8g7-j1i8-p5o0n5m3l2k1"}, kEndAlnum));
  out.push_back(token("sentry-user-token", F, "sntryu_[a-f0-9]{64}", 71, "sntryu_",
                      {{"SENTRY_AUTH_TOKEN=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", "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"}}, {"sntryu_0101010101010101010101010101010101010101"},
                      kEndAlnum));
  out.push_back(token("sentry-org-token", F, "sntrys_eyJ[A-Za-z0-9+/=_]{60,}", 610, "sntrys_",
                      {{"SENTRY_AUTH_TOKEN=sntrys_eyJjvg7OSN6rvntRf3YK7Ja07hwF38MaSZJzjPfLq9jYB8uZ06QTF1FAir1WcOGi3PYKG3bvtkGg5HWDPWGKshSKUITZU94mVUm92gO8wmjRw2Sspf0DEw44BEV68LBw73cBBUWu77CkKKfEKDgelDsTe", "sntrys_eyJjvg7OSN6rvntRf3YK7Ja07hwF38MaSZJzjPfLq9jYB8uZ06QTF1FAir1WcOGi3PYKG3bvtkGg5HWDPWGKshSKUITZU94mVUm92gO8wmjRw2Sspf0DEw44BEV68LBw73cBBUWu77CkKKfEKDgelDsTe"}},
                      {"sntrys_eyJABABABABABABABABABAB"}, "(?:[^A-Za-z0-9+/=_]|$)"));
  Rule dsn;
  dsn.id = "sentry-dsn";
  dsn.family = F;
  dsn.confidence = Confidence::kMedium;
  dsn.prefix = R"re(https?://)re";
  dsn.secret = "[a-f0-9]{32}(?::[a-f0-9]{32})?";
  dsn.suffix = R"re(@[A-Za-z0-9.\-]{1,100}/[0-9]{1,12}(?:[^0-9]|$))re";
  dsn.max_len = 8 + 65 + 115;
  dsn.positives = {{"SENTRY_DSN=https://dc033a93f2e98b08b08b54804bb9a288@o12345.ingest.sentry.io/6789", "dc033a93f2e98b08b08b54804bb9a288"}};
  dsn.negatives = {"https://<key>@o0.ingest.sentry.io/0", "https://01010101010101010101010101010101.example.com/1"};
  out.push_back(std::move(dsn));
  out.push_back(token("grafana-cloud-token", F, "glc_[A-Za-z0-9+/]{32,}={0,2}", 406, "glc_",
                      {{"\"token\": \"glc_eyJ8gN5xfLf4IDViI4dRr3YI8jcBD7ncxoM3B9rVcquaRNemh1j3WaeL21crpqgd2nmt0CgFevtntzMMEC0\"", "glc_eyJ8gN5xfLf4IDViI4dRr3YI8jcBD7ncxoM3B9rVcquaRNemh1j3WaeL21crpqgd2nmt0CgFevtntzMMEC0"}}, {"glc_ABABABABABABABAB"}, kEndB64));
  out.push_back(token("grafana-service-account-token", F, "glsa_[A-Za-z0-9]{32}_[a-f0-9]{8}", 46, "glsa_",
                      {{"Authorization: Bearer glsa_SDSQHdGZhdKhZB4JuIdT5QHNOUYlEv3V_6912ce6d", "glsa_SDSQHdGZhdKhZB4JuIdT5QHNOUYlEv3V_6912ce6d"}},
                      {"glsa_ABABABABABABABABABABABABABABABAB", "glsa_ABABABABABABABABABABABABABABABAB_0101"}, kEndAlnum));
  Rule gapi = token("grafana-api-key", F, "eyJrIjoi[A-Za-z0-9+/]{40,200}={0,2}", 210, "eyJrIjoi",
                    {{"admin_client = GrafanaClient(\"eyJrIjoioQZZELFXzgSiQ2gj2fmPzWpknP14yUiXw3uTLL2OrDhiTn2AdEGnPA6CbLEosQPK\")", "eyJrIjoioQZZELFXzgSiQ2gj2fmPzWpknP14yUiXw3uTLL2OrDhiTn2AdEGnPA6CbLEosQPK"}},
                    {"eyJrIjoiABABABABABABABABABAB"}, kEndB64);
  gapi.prefix = R"re((?:[^A-Za-z0-9+/=]))re";
  gapi.max_len += 1;
  out.push_back(std::move(gapi));
  out.push_back(token("dynatrace-api-token", F, "dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}", 96, "dt0c01.",
                      {{"apiToken: dt0c01.M1E2619Z8TGWKDHAHNLV3DUP.OGZ6K9VU0L8WBWBQ62FIFYFBB3GDJT2Y1VRDXJ5LJ5QKWCTMWH4UVS4VAP4WQZCA", "dt0c01.M1E2619Z8TGWKDHAHNLV3DUP.OGZ6K9VU0L8WBWBQ62FIFYFBB3GDJT2Y1VRDXJ5LJ5QKWCTMWH4UVS4VAP4WQZCA"}},
                      {"dt0c01.ABABABABABABABABABABABAB.ABABABABABABABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(keyed("honeycomb-api-key", F, "honeycomb[_\\-.]?(?:api[_\\-.]?)?key|x-honeycomb-team",
                      "[A-Za-z0-9]{22,32}", 32, {{"HONEYCOMB_API_KEY=PiEZIqKNCsUxNRkK2J67VJ", "PiEZIqKNCsUxNRkK2J67VJ"}},
                      {"HONEYCOMB_API_KEY=ABABABABABAB"}, kEndAlnum));
  out.push_back(keyed("pagerduty-api-key", F, "pagerduty[_\\-.]?(?:api[_\\-.]?)?(?:key|token)",
                      "[A-Za-z0-9_+\\-]{20}", 20, {{"PAGERDUTY_TOKEN=u+VED3zXcnoTvNKJZppd", "u+VED3zXcnoTvNKJZppd"}},
                      {"PAGERDUTY_TOKEN=ABABABABAB"}, "(?:[^A-Za-z0-9_+\\-]|$)"));
}

void add_identity(std::vector<Rule> &out) {
  const Family F = Family::kCloud;
  out.push_back(keyed("okta-api-token", F, "okta[_\\-.]?(?:api[_\\-.]?)?(?:token|key|secret)|SSWS",
                      "00[A-Za-z0-9_\\-]{40}", 42, {{"OKTA_API_TOKEN=00cyIHW5S-RdO6lMf5T6NXBtNunroQzcY7qj_r1BAZ", "00cyIHW5S-RdO6lMf5T6NXBtNunroQzcY7qj_r1BAZ"},
                                                     {"Authorization: SSWS 00h3hj4hVUxVjr2SyiQHvWYsipyjkh9_4aWS_sysfG", "00h3hj4hVUxVjr2SyiQHvWYsipyjkh9_4aWS_sysfG"}},
                      {"okta_api_token: 00ABABABABABABABABABABABABABABABABABABABABABAB", "okta_api_key: 00ABABABABABABABABABABABABABABAB"}));
  out.push_back(keyed("auth0-client-secret", F, "auth0[_\\-.]?client[_\\-.]?secret",
                      "[A-Za-z0-9_\\-]{64}", 64, {{"AUTH0_CLIENT_SECRET='h3VBGdR28H5w3PheBhvPtJx9E4VaMIrHVU7g2k5WBtI0jmSWp_lbBXHt3r8JPtku'", "h3VBGdR28H5w3PheBhvPtJx9E4VaMIrHVU7g2k5WBtI0jmSWp_lbBXHt3r8JPtku"}},
                      {"AUTH0_CLIENT_SECRET=ABABABABABABABABABABABABABABABAB"}));
  // An identifier (scrub.identifiers): a tenant's domain, with its region if any.
  out.push_back(host_identifier("auth0-tenant-domain", F, "[a-z0-9][a-z0-9\\-]{1,62}(?:\\.[a-z]{2,3})?\\.auth0\\.com", 63 + 4 + 10,
                                {{"AUTH0_DOMAIN='acme-prod-7x2q.eu.auth0.com'", "acme-prod-7x2q.eu.auth0.com"},
                                 {"issuer: https://acme-dev.auth0.com/", "acme-dev.auth0.com"}},
                                {"https://auth0.com/docs", "AUTH0_DOMAIN=${AUTH0_DOMAIN}"}));
  out.push_back(token("onepassword-service-account-token", F, "ops_eyJ[A-Za-z0-9+/=_\\-]{200,}", 1207, "ops_",
                      {{"OP_SERVICE_ACCOUNT_TOKEN=ops_eyJdmwOY4cDSWIGZ4cwBwtFTTB0NvHV5BRL0PBP4St4ssJoJ4ty53LgZM2eFBY3Bbh20KGoPE6QlMERe7JqXUzTSFizkcmrczo6kIxZqnxeYv8Mn45AZRoNIIqBpB2dQoRm24Lp9oNfQNGRL3PnvweBoeQk101ORPmR4y4T82bWtTNN1T84A9ijtnxwr3wo4wFvCbKI5tSsmxcLz2PRYarh0cULNPW4lXtHer1ePEh0ZJ2ibBLDT4Lv4AbbhiIJVFbhPopdYGWZYHsEEAsDgaYHc8Mc7bTMOp2IkjXtbd6pSJfDQ0qOeDJ0Rbe5GYSWHpj5MskK6KF2YiaiSeuvMQqWemRGrrmZG4J82ZJ438VLaEDH58BiMknHLhIATEJ3XmHIhmRTkyMjuMfq5U5k", "ops_eyJdmwOY4cDSWIGZ4cwBwtFTTB0NvHV5BRL0PBP4St4ssJoJ4ty53LgZM2eFBY3Bbh20KGoPE6QlMERe7JqXUzTSFizkcmrczo6kIxZqnxeYv8Mn45AZRoNIIqBpB2dQoRm24Lp9oNfQNGRL3PnvweBoeQk101ORPmR4y4T82bWtTNN1T84A9ijtnxwr3wo4wFvCbKI5tSsmxcLz2PRYarh0cULNPW4lXtHer1ePEh0ZJ2ibBLDT4Lv4AbbhiIJVFbhPopdYGWZYHsEEAsDgaYHc8Mc7bTMOp2IkjXtbd6pSJfDQ0qOeDJ0Rbe5GYSWHpj5MskK6KF2YiaiSeuvMQqWemRGrrmZG4J82ZJ438VLaEDH58BiMknHLhIATEJ3XmHIhmRTkyMjuMfq5U5k"}},
                      {"ops_eyJABABABABABABABABABABABABABABABABABABABAB"}, "(?:[^A-Za-z0-9+/=_\\-]|$)"));
  out.push_back(token("onepassword-secret-key", F, "A3-[A-Z0-9]{6}-(?:[A-Z0-9]{6}|[A-Z0-9]{11})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}", 42,
                      "A3-", {{"secret key A3-NO9U60-NAHL89-UW0R5-VMSJH-8BNBF",
                               "A3-NO9U60-NAHL89-UW0R5-VMSJH-8BNBF"}},
                      {"A3-ABABAB-ABABAB", "A3-XXXXXX"}, kEndAlnum));
}

void add_devtools(std::vector<Rule> &out) {
  const Family F = Family::kCloud;
  out.push_back(token("atlassian-api-token", F, "ATATT3[A-Za-z0-9_\\-=]{150,}", 306, "ATATT3",
                      {{"JIRA_API_TOKEN=\"ATATT3xFfGF06gN8z9qGquSd2-SlDNynrOEDuFptnVobJzmhh_KcEvgQHT9qJ3xCNShT4W4pawQ8gcY-T95v7kA8_M8UuPXXs_q8DciRKXfiBU7E0kCvnqEyvQOLRBzGwQksyePZnpdypOlFB6CS0mEvqi5HTtUrwXRyqfJfvw1BSxwb_cXdkg=9AAF4AE5\"", "ATATT3xFfGF06gN8z9qGquSd2-SlDNynrOEDuFptnVobJzmhh_KcEvgQHT9qJ3xCNShT4W4pawQ8gcY-T95v7kA8_M8UuPXXs_q8DciRKXfiBU7E0kCvnqEyvQOLRBzGwQksyePZnpdypOlFB6CS0mEvqi5HTtUrwXRyqfJfvw1BSxwb_cXdkg=9AAF4AE5"}},
                      {"ATATT3xFfGF0...", "ATATT3ABABABABABABABABABABABABABABABABABABABAB"}, "(?:[^A-Za-z0-9_\\-=]|$)"));
  out.push_back(keyed("atlassian-legacy-token", F, "(?:jira|confluence|atlassian)[_\\-.]?(?:api[_\\-.]?)?(?:token|key)",
                      "[A-Za-z0-9]{24}", 24, {{"JIRA_API_TOKEN=NX0Jumx6nKR75p4NzDPSp5NH", "NX0Jumx6nKR75p4NzDPSp5NH"}},
                      {"JIRA_API_TOKEN=ABABABABABABABABABAB", "JIRA_API_TOKEN=${JIRA_TOKEN}"}, kEndAlnum));
  out.push_back(token("postman-api-key", F, "PMAK-[a-f0-9]{24}-[a-f0-9]{34}", 64, "PMAK-",
                      {{"('x-api-key', 'PMAK-634cd0d75eb2f264d3ff7a57-77ef8df468ccfad962b56855f476609afc')", "PMAK-634cd0d75eb2f264d3ff7a57-77ef8df468ccfad962b56855f476609afc"}},
                      {"PMAK-010101010101010101010101", "PMAK-010101010101010101010101-01010101010101010101"}, kEndAlnum));
  out.push_back(token("figma-pat", F, "figd_[A-Za-z0-9_\\-]{40}", 45, "figd_",
                      {{"FIGMA_TOKEN=figd_cyIHW5S-RdO6lMf5T6NXBtNunroQzcY7qj_r1BAZ", "figd_cyIHW5S-RdO6lMf5T6NXBtNunroQzcY7qj_r1BAZ"}}, {"figd_ABABABABABABABABABAB"}));
  out.push_back(keyed("figma-legacy-token", F, "figma[_\\-.]?(?:api[_\\-.]?|access[_\\-.]?)?(?:token|key)",
                      "[0-9]{3,6}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", 43,
                      {{"X-Figma-Token: 2662-6912ce6d-4ec1-d258-538a-c655a4578a7b",
                        "2662-6912ce6d-4ec1-d258-538a-c655a4578a7b"}},
                      {"X-Figma-Token: <token>"}, kEndAlnum));
  out.push_back(token("linear-api-key", F, "lin_api_[A-Za-z0-9]{40}", 48, "lin_api_",
                      {{"LINEAR_API_KEY=lin_api_XiLZillkkPoOGbswRMCdG6wCzsOods2t1NGJP6JN", "lin_api_XiLZillkkPoOGbswRMCdG6wCzsOods2t1NGJP6JN"}}, {"lin_api_ABABABABABABABABABABABABABABAB"},
                      kEndAlnum));
  out.push_back(token("notion-integration-token", F, "(?:secret_[A-Za-z0-9]{43}|ntn_[0-9]{11}[A-Za-z0-9]{35})", 50, "",
                      {{"NOTION_TOKEN=secret_SNQSVlcuuqtuDpCP9FTueqVzrvpkmA3Sojyd2WOOZfQ", "secret_SNQSVlcuuqtuDpCP9FTueqVzrvpkmA3Sojyd2WOOZfQ"},
                       {"NOTION_TOKEN=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", "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"}},
                      {"secret_ABABABABABABABABABAB", "ntn_01010101010"}, kEndAlnum));
  out.push_back(token("airtable-pat", F, "pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}", 82, "pat",
                      {{"AIRTABLE_TOKEN=patWKEfBQwoB8ixD7.cf628f5f75a056171b48ee1434f956c7c17ab28c7ec29f672b53db6e86e14b1b", "patWKEfBQwoB8ixD7.cf628f5f75a056171b48ee1434f956c7c17ab28c7ec29f672b53db6e86e14b1b"}},
                      {"patABABABABABABAB.01010101010101010101010101010101"}, kEndAlnum));
  out.push_back(token("hubspot-private-app-token", F, "pat-(?:na|eu)[0-9]-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}", 44,
                      "pat-", {{"HUBSPOT_TOKEN=pat-na1-bbbbde80-8b20-4ec1-d258-782edb459103",
                                "pat-na1-bbbbde80-8b20-4ec1-d258-782edb459103"}},
                      {"pat-na1-01010101"}, kEndAlnum));
  out.push_back(token("segment-public-api-token", F, "sgp_[A-Za-z0-9]{64}", 68, "sgp_",
                      {{"\"token\": \"sgp_oQZZELFXzgSiQ2gj2fmPzWpknP14yUiXw3uTLL2OrDhiTn2AdEGnPA6CbLEosQPK\"", "sgp_oQZZELFXzgSiQ2gj2fmPzWpknP14yUiXw3uTLL2OrDhiTn2AdEGnPA6CbLEosQPK"}}, {"sgp_ABABABABABABABABABABABABABABABABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("sourcegraph-access-token", F, "sgp_(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}", 66, "sgp_",
                      {{"access token sgp_9939cc477a50dd6f_2dad6aa6b9f3745094dbc2cd89e6825c79982465", "sgp_9939cc477a50dd6f_2dad6aa6b9f3745094dbc2cd89e6825c79982465"},
                       {"SRC_ACCESS_TOKEN=sgp_6da8f1bad935716b3423fdb8067d3e010921fa29", "sgp_6da8f1bad935716b3423fdb8067d3e010921fa29"}},
                      {"sgp_010101010101010101010101010101"}, kEndAlnum));
  out.push_back(token("mapbox-token", F, "[pst]k\\.eyJ1Ijoi[A-Za-z0-9_\\-]{10,}\\.[A-Za-z0-9_\\-]{20,40}", 350, "",
                      {{"MAPBOX_SECRET_TOKEN=sk.eyJ1IjoiPETjJgqLykje9eugPFay0IDVyVyaZBCZCMYgjgazcXRGNxVoIFDxQarQobhc.-js94gVkIytKAVFEojeu7M", "sk.eyJ1IjoiPETjJgqLykje9eugPFay0IDVyVyaZBCZCMYgjgazcXRGNxVoIFDxQarQobhc.-js94gVkIytKAVFEojeu7M"}},
                      {"sk.eyJ1IjoiABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB", "pk.eyJ1Ijoi..."}));
  out.push_back(token("dropbox-access-token", F, "sl\\.(?:u\\.)?[A-Za-z0-9_\\-]{130,}", 1205, "sl.",
                      {{"Authorization: Bearer sl.ihWUD37H9Wrrf9ApjxFRfclx0xOdUoLbhO7Jv0hOs13UyHUhBIhNRmf2pzxd6YQt_xv-Ncx2crCRVA_ay30ouIgudRCwcThCtFlmbyBY6XIakveRnR2avQC8xf-1Ksixmq-l8Nkjn0SC", "sl.ihWUD37H9Wrrf9ApjxFRfclx0xOdUoLbhO7Jv0hOs13UyHUhBIhNRmf2pzxd6YQt_xv-Ncx2crCRVA_ay30ouIgudRCwcThCtFlmbyBY6XIakveRnR2avQC8xf-1Ksixmq-l8Nkjn0SC"}}, {"sl.ABABABABABABABABABABABABABABABABABABABAB", "sl.no"}));
  out.push_back(keyed("algolia-admin-key", F, "algolia[_\\-.]?(?:admin|write)[_\\-.]?(?:api[_\\-.]?)?key",
                      "[a-f0-9]{32}", 32, {{"ALGOLIA_ADMIN_API_KEY=dc033a93f2e98b08b08b54804bb9a288", "dc033a93f2e98b08b08b54804bb9a288"}},
                      {"ALGOLIA_ADMIN_API_KEY=0101010101010101"}, kEndAlnum));
  out.push_back(keyed("codeclimate-reporter-id", F, "codeclimate[_\\-]?repo[_\\-]?token|cc[_\\-]test[_\\-]reporter[_\\-]id",
                      "[a-f0-9]{64}", 64, {{"CC_TEST_REPORTER_ID: d129656043a8fb03492e9a5f9560f0f9484747a6761aafee3b4e8d4cb9763b32", "d129656043a8fb03492e9a5f9560f0f9484747a6761aafee3b4e8d4cb9763b32"}},
                      {"CC_TEST_REPORTER_ID: ${{ secrets.CC }}"}, kEndAlnum));
  out.push_back(token("sonarqube-token", F, "sq[pua]_[a-f0-9]{40}", 44, "",
                      {{"SONAR_TOKEN=sqp_fd80a638d9dba08cf6843e5c08a3f945ddc866a8", "sqp_fd80a638d9dba08cf6843e5c08a3f945ddc866a8"}}, {"sqp_01010101010101010101"}, kEndAlnum));
  out.push_back(keyed("sonarqube-login", F, "sonar[_\\-.]?(?:login|token)|sonarLogin", "[a-f0-9]{40}", 40,
                      {{"mvn sonar:sonar -Dsonar.login=fd80a638d9dba08cf6843e5c08a3f945ddc866a8", "fd80a638d9dba08cf6843e5c08a3f945ddc866a8"}},
                      {"sonarqube-scanner-2.5.0.tgz#0101010101010101010101010101010101010101", "sonar.login=$(SONAR_LOGIN)"}, kEndAlnum));
  out.push_back(keyed("saucelabs-access-key", F, "sauce[_\\-.]?access[_\\-.]?key", kUuid, 36,
                      {{"SAUCE_ACCESS_KEY=bbbbde80-8b20-4ec1-d258-782edb459103",
                        "bbbbde80-8b20-4ec1-d258-782edb459103"}},
                      {"SAUCE_ACCESS_KEY=01010101-0101-0101-0101-01010101010-"}, kEndAlnum));
  out.push_back(token("stackhawk-api-key", F, "hawk\\.[A-Za-z0-9_\\-]{20}\\.[A-Za-z0-9_\\-]{20}", 46, "hawk.",
                      {{"HAWK_API_KEY=\"hawk.pZPEOFjnIsWbbhqa13Zy.noVzG4UfUzIpBpVXbsN2\"", "hawk.pZPEOFjnIsWbbhqa13Zy.noVzG4UfUzIpBpVXbsN2"}},
                      {"hawk.ABABABABABABABABABAB", "hawk.config.yml"}));
  out.push_back(keyed("jenkins-api-token", F, "jenkins[_\\-.]?(?:api[_\\-.]?)?(?:token|passw(?:or)?d|crumb|key)",
                      "(?:[a-f0-9]{32,34}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})", 36,
                      {{"export JENKINS_TOKEN=11dc033a93f2e98b08b08b54804bb9a288", "11dc033a93f2e98b08b08b54804bb9a288"}},
                      {"JENKINS_TOKEN=$TOKEN", "jenkins_token = 01010101010101010101"}, kEndAlnum));
  out.push_back(token("teamcity-token", F, "eyJ0eXAiOiAiVENWMiJ9\\.[A-Za-z0-9_\\-]{36}\\.[A-Za-z0-9_\\-]{48}", 106,
                      "eyJ0eXAiOiAiVENWMiJ9.",
                      {{"value=\"eyJ0eXAiOiAiVENWMiJ9.is0oSm7jZ3LGRrjrpBMMWNky2kvdtX-fSK68.g2A2T9yOgKxrzJbl4jwUPVN0sp39YiaJ3-hoedES-CRVyjDB\"", "eyJ0eXAiOiAiVENWMiJ9.is0oSm7jZ3LGRrjrpBMMWNky2kvdtX-fSK68.g2A2T9yOgKxrzJbl4jwUPVN0sp39YiaJ3-hoedES-CRVyjDB"}},
                      {"eyJ0eXAiOiAiVENWMiJ9.ABABABABABABABABABAB"}));
  out.push_back(token("contentful-pat", F, "CFPAT-[A-Za-z0-9_\\-]{43}", 49, "CFPAT-",
                      {{"CONTENTFUL_MANAGEMENT_TOKEN=CFPAT-AOm0qJCis2fx-l-z14Fw-8-jgYsXFk8j7X313DEJWLk", "CFPAT-AOm0qJCis2fx-l-z14Fw-8-jgYsXFk8j7X313DEJWLk"}}, {"CFPAT-ABABABABABABABABABAB"}));
  out.push_back(token("circleci-pat", F, "CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}", 70, "CCIPAT_",
                      {{"CIRCLE_TOKEN=CCIPAT_PiEZIqKNCsUxNRkK2J67VJ_2dad6aa6b9f3745094dbc2cd89e6825c79982465", "CCIPAT_PiEZIqKNCsUxNRkK2J67VJ_2dad6aa6b9f3745094dbc2cd89e6825c79982465"}},
                      {"CCIPAT_ABABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("buildkite-token", F, "bkua_[a-f0-9]{40}", 45, "bkua_",
                      {{"BUILDKITE_API_TOKEN=bkua_fd80a638d9dba08cf6843e5c08a3f945ddc866a8", "bkua_fd80a638d9dba08cf6843e5c08a3f945ddc866a8"}}, {"bkua_010101010101010101010101010101"},
                      kEndAlnum));
  out.push_back(token("adafruit-io-key", F, "aio_[A-Za-z0-9]{28}", 32, "aio_",
                      {{"#define IO_KEY \"aio_TTt9F3ilola1ltvHjqmduTe67NEg\"", "aio_TTt9F3ilola1ltvHjqmduTe67NEg"}}, {"aio_ABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("salesforce-access-token", F, "00D[A-Za-z0-9]{12,15}![A-Za-z0-9_.]{80,120}", 139, "",
                      {{"Access Token 00DtzH7MsOPaXMt!NIQ72pCQu70dRLkfg2zDbHTK0l5KcKdzfOKavoJgOsoa2qqq1wVO4jLn81Kzl2mCskooBntnUGkMTeHhnC2pBWsojOmeh8a8", "00DtzH7MsOPaXMt!NIQ72pCQu70dRLkfg2zDbHTK0l5KcKdzfOKavoJgOsoa2qqq1wVO4jLn81Kzl2mCskooBntnUGkMTeHhnC2pBWsojOmeh8a8"}},
                      {"00DABABABABABAB!short"}, "(?:[^A-Za-z0-9_.]|$)"));
  out.push_back(token("dependency-track-api-key", F, "odt_[A-Za-z0-9]{32,40}", 44, "odt_",
                      {{"X-Api-Key: odt_SDSQHdGZhdKhZB4JuIdT5QHNOUYlEv3V", "odt_SDSQHdGZhdKhZB4JuIdT5QHNOUYlEv3V"}}, {"odt_ABABABABABABABABABAB"}, kEndAlnum));
  Rule tb = token("thingsboard-access-token", F, "[A-Za-z0-9]{20}", 20, "",
                  {{"curl -X POST https://thingsboard.cloud/api/v1/zgeb6w3ndcjebwl48to3/telemetry", "zgeb6w3ndcjebwl48to3"}},
                  {"https://thingsboard.cloud/api/v1/devices/telemetry"}, "/(?:telemetry|attributes|rpc|claim|provision)");
  tb.prefix = R"re(/api/v1/)re";
  tb.confidence = Confidence::kMedium;
  tb.max_len = 8 + 20 + 11;
  out.push_back(std::move(tb));
  out.push_back(keyed("thingsboard-provision-key", F, "provision[_\\-.]?device[_\\-.]?(?:key|secret)",
                      "[A-Za-z0-9]{20}", 20,
                      {{R"({"deviceName": "pump-7", "provisionDeviceKey": "k4t9wzq2mh7xv1c8rb3n"})", "k4t9wzq2mh7xv1c8rb3n"},
                       {"PROVISION_DEVICE_SECRET=p2c7vn4kx9sb1qm6tj8w", "p2c7vn4kx9sb1qm6tj8w"}},
                      {R"({"provisionDeviceKey": "PUT_PROVISION_KEY_HERE"})", "provisionDeviceKey = config.key"}, kEndAlnum));
  Rule tn = token("truenas-api-key", F, "[0-9]{1,4}-[A-Za-z0-9]{64}", 69, "",
                  {{R"({"msg": "method", "method": "auth.login_with_api_key", "params": ["7-oQZZELFXzgSiQ2gj2fmPzWpknP14yUiXw3uTLL2OrDhiTn2AdEGnPA6CbLEosQPK"]})", "7-oQZZELFXzgSiQ2gj2fmPzWpknP14yUiXw3uTLL2OrDhiTn2AdEGnPA6CbLEosQPK"}},
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
                      {{"STREAM_KEY=live_203801184_QIWjsZ8JGzYLq4t7nKsiSMkLMkVhK3", "live_203801184_QIWjsZ8JGzYLq4t7nKsiSMkLMkVhK3"}},
                      {"live_010101010_ABABABABABABABABABABABABA", "rtmp://live.twitch.tv/app/STREAM_KEY"}, kEndAlnum));
  out.push_back(token("tavily-api-key", F, "tvly-(?:dev-)?[A-Za-z0-9]{32}", 41, "tvly-",
                      {{"TAVILY_API_KEY=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", "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"}}, {"tvly-ABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("firecrawl-api-key", F, "fc-[a-f0-9]{32}", 35, "fc-",
                      {{"FirecrawlApp(api_key=\"fc-dc033a93f2e98b08b08b54804bb9a288\")", "fc-dc033a93f2e98b08b08b54804bb9a288"}}, {"fc-01010101010101010101"},
                      kEndAlnum));
}

}  // namespace

void add_saas_rules(std::vector<Rule> &out) {
  add_observability(out);
  add_identity(out);
  add_devtools(out);
}

}  // namespace ag::scrub
