// Messaging, email and social platforms: Slack, Discord, Telegram, Microsoft Teams, Twilio,
// SendGrid, Mailgun, Mailchimp, Postmark, Brevo, Twitter/X, Facebook, LinkedIn.
#include "scrub/rules/fragments.h"
#include "scrub/rules/tables.h"

namespace ag::scrub {

using namespace frag;

namespace {

void add_chat(std::vector<Rule> &out) {
  const Family F = Family::kMessaging;
  out.push_back(token("slack-bot-token", F, "xoxb-[0-9]{10,13}-[0-9]{10,13}(?:-[A-Za-z0-9]{24})?", 55, "xoxb-",
                      {{"SLACK_BOT_TOKEN=xoxb-390682337638-1778866433352-YYP7agRwHUHUca0obyQE2zxr", "xoxb-390682337638-1778866433352-YYP7agRwHUHUca0obyQE2zxr"},
                       {"token = \"xoxb-79522195520-837650548175\"", "xoxb-79522195520-837650548175"}},
                      {"xoxb-51847", "xoxb-your-token"}, kEndAlnum));
  out.push_back(token("slack-legacy-bot-token", F, "xoxb-[0-9]{8,14}-[A-Za-z0-9]{18,26}", 46, "xoxb-",
                      {{"token = \"xoxb-74963152964-OWKLqLMrxuF4n5soVAgQTGQy\"", "xoxb-74963152964-OWKLqLMrxuF4n5soVAgQTGQy"}},
                      {"xoxb-84229056829-5s6wclJPTT"}, kEndAlnum));
  out.push_back(token("slack-user-token", F, "xox[pe]-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}", 80, "xox",
                      {{"Authorization: Bearer xoxp-390682337638-422484267468-828248261233-0cfa931b145b245c987c379b9af9947d",
                        "xoxp-390682337638-422484267468-828248261233-0cfa931b145b245c987c379b9af9947d"}},
                      {"xoxp-723541830350-571676206712", "xoxp-..."}, kEndAlnum));
  out.push_back(token("slack-app-token", F, "xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,13}-[a-f0-9]{64}", 100, "xapp-",
                      {{"SLACK_APP_TOKEN=xapp-1-AUZGQIDN72R-1778866433352-44c072126677fec3698b1543b5d617a9c2cc6208111c97be04c39d579464872c", "xapp-1-AUZGQIDN72R-1778866433352-44c072126677fec3698b1543b5d617a9c2cc6208111c97be04c39d579464872c"}},
                      {"xapp-1-BDB1HJWO27"}, kEndAlnum));
  out.push_back(token("slack-legacy-token", F, "xox[ars]-(?:[0-9]-)?[A-Za-z0-9/]{10,80}(?:-[A-Za-z0-9]{10,64}){0,4}", 300, "xox",
                      {{"SLACK_TOKEN=\"xoxa-2-42J5TwICnUQV-x3A6K3XtMYliSCcw7endQNgAOtwRMIjM4Q6Bsc01\"", "xoxa-2-42J5TwICnUQV-x3A6K3XtMYliSCcw7endQNgAOtwRMIjM4Q6Bsc01"},
                       {"ENV SLACK_TOKEN=\"xoxs-828248261233-J8DCfbGBnwNVlBpSG59kce\"", "xoxs-828248261233-J8DCfbGBnwNVlBpSG59kce"}},
                      {"xoxa-short", "xoxo-M9tsAvJIfYD73SQkmIymRilDSuZMGF"}, "(?:[^A-Za-z0-9/\\-]|$)"));
  out.push_back(token("slack-config-token", F, "xoxe(?:\\.xox[bp])?-[0-9]-[A-Za-z0-9]{140,180}", 200, "xoxe",
                      {{"SLACK_CONFIG_TOKEN=xoxe.xoxp-1-FoWL6z9AsPo2iHyfXHuOmDMYAH0PNCyLkPUovG78k4d1w3Yyg27MErzDdPJ5N8yyoczRT9Rx4Icm8phvV64b9sOTVqc0DDp60O7opRUjBtVqq9qaqEj2VwTojaG6do97Ykiu9QD8OEzzaZNjSYhV8wjwEYWejy8G", "xoxe.xoxp-1-FoWL6z9AsPo2iHyfXHuOmDMYAH0PNCyLkPUovG78k4d1w3Yyg27MErzDdPJ5N8yyoczRT9Rx4Icm8phvV64b9sOTVqc0DDp60O7opRUjBtVqq9qaqEj2VwTojaG6do97Ykiu9QD8OEzzaZNjSYhV8wjwEYWejy8G"}},
                      {"xoxe.xoxp-1-pAjTN8lKvA0nLmV7nLtS92nwUVdxNElp8bVE4cVG"}, kEndAlnum));
  out.push_back(token("slack-webhook-url", F,
                      "hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9]{8,12}/[A-Za-z0-9]{8,12}/[A-Za-z0-9]{20,32}",
                      100, "hooks.slack.com/",
                      {{"webhook: \"https://hooks.slack.com/services/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\"",
                        "hooks.slack.com/services/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"}},
                      {"https://hooks.slack.com/services/T000/B000/XXXX", "https://hooks.slack.com/services/"},
                      kEndAlnum));
  out.push_back(token("discord-bot-token", F, "[MNO][A-Za-z0-9_\\-]{23,27}\\.[A-Za-z0-9_\\-]{6}\\.[A-Za-z0-9_\\-]{27,38}", 72, "",
                      {{"client.login('MTST0yt3921GyUZDjA2d9TARne.Gv3Hbg.eIFlDFNKLw8wg5AVBl9Rwni4OWFMjIOWeUj9TQ')", "MTST0yt3921GyUZDjA2d9TARne.Gv3Hbg.eIFlDFNKLw8wg5AVBl9Rwni4OWFMjIOWeUj9TQ"}},
                      {"MTMUlVVzAxhIQg5qzDho8RDSY-.GrYEik", "Nope.not.a.token"}));
  out.push_back(token("discord-webhook-url", F,
                      "discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_\\-]{60,68}", 120, "discord",
                      {{"DISCORD_WEBHOOK=https://discord.com/api/webhooks/965805101459762097/hiix7warBb2C9P3wODyjIJVhG9uOlmpEZamcibe_URjpTLfuvUycTGb7YcNylh4WM6zv",
                        "discord.com/api/webhooks/965805101459762097/hiix7warBb2C9P3wODyjIJVhG9uOlmpEZamcibe_URjpTLfuvUycTGb7YcNylh4WM6zv"}},
                      {"https://discord.com/api/webhooks/123/abc"}));
  out.push_back(token("telegram-bot-token", F, "[0-9]{8,10}:AA[A-Za-z0-9_\\-]{32,33}", 45, "",
                      {{"TELEGRAM_BOT_TOKEN=3088655288:AA7_V5-uuxBiDB8MBYdrtEIPDpu72dBhjZC", "3088655288:AA7_V5-uuxBiDB8MBYdrtEIPDpu72dBhjZC"}},
                      {"5396589460:AAQ_tZ7t9Ck-", "12:30:AA"}));
  Rule teams = token("teams-webhook-url", F,
                     "(?:outlook\\.office(?:365)?\\.com|[a-z0-9\\-]{1,64}\\.webhook\\.office\\.com)/webhook(?:b2)?/[0-9a-f\\-]{36}@[0-9a-f\\-]{36}/IncomingWebhook/[0-9a-f]{32}/[0-9a-f\\-]{36}(?:/[A-Za-z0-9_\\-]{40,60})?",
                     320, "",
                     {{"url = 'https://outlook.office.com/webhook/13d37484-42db-42db-42db-dbbfe136fd3c@13d37484-42db-42db-42db-8e511b600a05/IncomingWebhook/0cfa931b145b245c987c379b9af9947d/13d37484-42db-42db-42db-4248663a2ffa'",
                       "outlook.office.com/webhook/13d37484-42db-42db-42db-dbbfe136fd3c@13d37484-42db-42db-42db-8e511b600a05/IncomingWebhook/0cfa931b145b245c987c379b9af9947d/13d37484-42db-42db-42db-4248663a2ffa"}},
                     {"https://outlook.office.com/webhook/53fe8d0f/JenkinsCI/x"});
  teams.prefix = "";
  out.push_back(std::move(teams));
}

void add_email(std::vector<Rule> &out) {
  const Family F = Family::kMessaging;
  out.push_back(token("twilio-api-key", F, "SK[0-9a-fA-F]{32}", 34, "SK",
                      {{"const twilioApiKeySID = 'SK85bb94b6fdab0429e1af50501c67670e'", "SK85bb94b6fdab0429e1af50501c67670e"}}, {"SK809ed4e6e0bb4ff3094c0805bb084c", "SK0dbd34a37891d6c2df59c4ce5bce93fa60"},
                      kEndAlnum));
  out.push_back(token("twilio-account-sid", F, "AC[0-9a-f]{32}", 34, "AC",
                      {{"TWILIO_ACCOUNT_SID=AC85bb94b6fdab0429e1af50501c67670e", "AC85bb94b6fdab0429e1af50501c67670e"}}, {"AC19cd8f0bfe42b0b4a1b33e03a7504d8", "ACCOUNT_SID"},
                      kEndAlnum));
  out.push_back(keyed("twilio-auth-token", F, "twilio[_\\-.]?(?:auth[_\\-.]?)?token|twilio[_\\-.]?(?:api[_\\-.]?)?(?:key[_\\-.]?)?secret",
                      "[A-Za-z0-9]{32}", 32, {{"TWILIO_AUTH_TOKEN=85bb94b6fdab0429e1af50501c67670e", "85bb94b6fdab0429e1af50501c67670e"},
                                              {"twilioApiKeySecret = '0zIwsficazCg45sPncopPqz0aiRlYnNZ'", "0zIwsficazCg45sPncopPqz0aiRlYnNZ"}},
                      {"TWILIO_AUTH_TOKEN=your_auth_token"}, kEndAlnum));
  out.push_back(token("sendgrid-api-key", F, "SG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43}", 69, "SG.",
                      {{"SENDGRID_API_KEY='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'", "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"}},
                      {"SG.t3Gq2XqDf6w88Vra8R9aqE.6YY0bTmFGstNkvgvfwl-", "SG.example"}));
  out.push_back(token("mailgun-api-key", F, "key-[0-9a-f]{32}", 36, "key-",
                      {{"var apiKey = process.env.MAILGUN_API || 'key-85bb94b6fdab0429e1af50501c67670e'", "key-85bb94b6fdab0429e1af50501c67670e"}},
                      {"key-adbafc247420c4ee9cc2", "key-value-store"}, kEndAlnum));
  out.push_back(keyed("mailgun-private-key", F, "mailgun[_\\-.]?(?:private[_\\-.]?|api[_\\-.]?)?key",
                      "[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}", 50,
                      {{"MAILGUN_API_KEY=85bb94b6fdab0429e1af50501c67670e-09cd8543-c1a3b460", "85bb94b6fdab0429e1af50501c67670e-09cd8543-c1a3b460"}},
                      {"MAILGUN_API_KEY=dfb0857c72e05bdd12135a5b72aa67cb"}, kEndAlnum));
  out.push_back(token("mailchimp-api-key", F, "[0-9a-f]{32}-us[0-9]{1,2}", 37, "",
                      {{"MAILCHIMP_API='85bb94b6fdab0429e1af50501c67670e-us13'", "85bb94b6fdab0429e1af50501c67670e-us13"}}, {"5e99186b3ef6b508c92976f8a6cbb025-eu1", "de6d4412b960764392fe-us13"},
                      kEndAlnum));
  out.push_back(keyed("postmark-server-token", F, "postmark[_\\-.]?(?:server[_\\-.]?|api[_\\-.]?|account[_\\-.]?)?(?:token|key)?|x-postmark-(?:server|account)-token",
                      kUuid, 36, {{"\"X-Postmark-Server-Token\": \"13d37484-42db-3c40-43a3-0700e5c3888c\"",
                                   "13d37484-42db-3c40-43a3-0700e5c3888c"}},
                      {"postmark: '<token>'"}, kEndAlnum));
  out.push_back(token("brevo-api-key", F, "xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}", 89, "xkeysib-",
                      {{"BREVO_API_KEY=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", "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"}},
                      {"xkeysib-4e54522474a85049e37758c7cce130bff0a3ec5eb2680fb983b756019b082438"}, kEndAlnum));
}

void add_social(std::vector<Rule> &out) {
  const Family F = Family::kMessaging;
  out.push_back(token("twitter-bearer-token", F, "AAAAAAAAAAAAAAAAAAAAA[A-Za-z0-9%]{40,140}", 161, "AAAAAAAAAAAAAAAAAAAAA",
                      {{"TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAAmuvKghNp8Vs0iajrZPtthfmORtjlJs5J6tkwspd0n2RIlMhODPwlqvGZSsagTq7o1yI7Mx1rbRMh66EAiFDtjzFmCN", "AAAAAAAAAAAAAAAAAAAAAmuvKghNp8Vs0iajrZPtthfmORtjlJs5J6tkwspd0n2RIlMhODPwlqvGZSsagTq7o1yI7Mx1rbRMh66EAiFDtjzFmCN"}},
                      {"AAAAAAAAAAAAAAAAAAAAAAAA"}, kEndAlnum));
  out.push_back(keyed("twitter-api-secret", F, "twitter[_\\-.]?(?:api[_\\-.]?|consumer[_\\-.]?|access[_\\-.]?token[_\\-.]?)?secret",
                      "[A-Za-z0-9]{35,50}", 50, {{"TWITTER_API_SECRET = '5sioXENhjtE55wlZRBJL3dChXXKYapa7RVXOhiHdtc0YE'", "5sioXENhjtE55wlZRBJL3dChXXKYapa7RVXOhiHdtc0YE"}},
                      {"TWITTER_API_SECRET = LQNb3XYZiyak48WEkiL4"}, kEndAlnum));
  out.push_back(keyed("twitter-api-key", F, "twitter[_\\-.]?(?:api[_\\-.]?|consumer[_\\-.]?)?(?:key|id)",
                      "[A-Za-z0-9]{18,25}", 25, {{"TWITTER_API_KEY = 'DzKeVAEDpJ6zzrCkwhm8vPqmo'", "DzKeVAEDpJ6zzrCkwhm8vPqmo"}},
                      {"TWITTER_API_KEY = 'bzPr7xfGVc'"}, kEndAlnum));
  out.push_back(token("facebook-access-token", F, "EAA[A-Z][A-Za-z0-9]{90,}", 404, "EAA",
                      {{"url = 'https://graph.facebook.com/me?access_token=EAACIQo81VAoMF9zu2mBfLsujhNynsYDcIQcbpMJlNvVsMQTHPqpGktoAPUAbS04LFR2h1ZKqkeJdW4TlRpty13L7mfFrbmDhpqsKag439kONX2ECv26oBEm9VviieVb42YQvWt3uUT29rYGvoQQFG7njr'", "EAACIQo81VAoMF9zu2mBfLsujhNynsYDcIQcbpMJlNvVsMQTHPqpGktoAPUAbS04LFR2h1ZKqkeJdW4TlRpty13L7mfFrbmDhpqsKag439kONX2ECv26oBEm9VviieVb42YQvWt3uUT29rYGvoQQFG7njr"}},
                      {"EAACWTNBK77gRW1GqjM8TWwtMRqSqQ4Mw57iSyzIKJDy"}, kEndAlnum));
  out.push_back(keyed("facebook-app-secret", F, "(?:facebook|fb)[_\\-.]?(?:app[_\\-.]?)?(?:secret|api[_\\-.]?key|key)",
                      "[a-f0-9]{32}", 32, {{"var fbApiKey = '85bb94b6fdab0429e1af50501c67670e';", "85bb94b6fdab0429e1af50501c67670e"}},
                      {"fbApiKey = '822be7c9463e83cf2ff758a1'"}, kEndAlnum));
  out.push_back(keyed("linkedin-client-secret", F, "linkedin[_\\-.]?(?:client[_\\-.]?|api[_\\-.]?)?(?:secret|key)",
                      "[A-Za-z0-9]{14,16}", 16, {{"LINKEDIN_SECRET = \"spUswJ36mjowQKvx\"", "spUswJ36mjowQKvx"}},
                      {"LINKEDIN_SECRET = xhP4RYSD"}, kEndAlnum));
}

}  // namespace

void add_messaging_rules(std::vector<Rule> &out) {
  add_chat(out);
  add_email(out);
  add_social(out);
}

}  // namespace ag::scrub
