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
                      {"xoxb-01010", "xoxb-your-token"}, kEndAlnum));
  out.push_back(token("slack-legacy-bot-token", F, "xoxb-[0-9]{8,14}-[A-Za-z0-9]{18,26}", 46, "xoxb-",
                      {{"token = \"xoxb-51847749631-XqJ6nZSOWKLqLMrxuF4n5soV\"", "xoxb-51847749631-XqJ6nZSOWKLqLMrxuF4n5soV"}},
                      {"xoxb-01010101010-ABABABABAB"}, kEndAlnum));
  out.push_back(token("slack-user-token", F, "xox[pe]-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}", 80, "xox",
                      {{"Authorization: Bearer xoxp-390682337638-084414842290-568297923444-45984df9c4484c24670cfa931b145b24",
                        "xoxp-390682337638-084414842290-568297923444-45984df9c4484c24670cfa931b145b24"}},
                      {"xoxp-010101010101-010101010101", "xoxp-..."}, kEndAlnum));
  out.push_back(token("slack-app-token", F, "xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,13}-[a-f0-9]{64}", 100, "xapp-",
                      {{"SLACK_APP_TOKEN=xapp-1-AKZTQPZ8GOS-1778866433352-b9af9947df46b83707a0ae2ded50df25ac38416e844c072126677fec3698b154", "xapp-1-AKZTQPZ8GOS-1778866433352-b9af9947df46b83707a0ae2ded50df25ac38416e844c072126677fec3698b154"}},
                      {"xapp-1-ABABABABAB"}, kEndAlnum));
  out.push_back(token("slack-legacy-token", F, "xox[ars]-(?:[0-9]-)?[A-Za-z0-9/]{10,80}(?:-[A-Za-z0-9]{10,64}){0,4}", 300, "xox",
                      {{"SLACK_TOKEN=\"xoxa-2-4HX0Loa9z56N-DOVSYlFZYMFBR9DDDZTPXdAvvtj0IYHz7StaxLPx\"", "xoxa-2-4HX0Loa9z56N-DOVSYlFZYMFBR9DDDZTPXdAvvtj0IYHz7StaxLPx"},
                       {"ENV SLACK_TOKEN=\"xoxs-568297923444-SyINIhmQiOpzFZpB82DBbH\"", "xoxs-568297923444-SyINIhmQiOpzFZpB82DBbH"}},
                      {"xoxa-short", "xoxo-ABABABABABABABABABABABABABABAB"}, "(?:[^A-Za-z0-9/\\-]|$)"));
  out.push_back(token("slack-config-token", F, "xoxe(?:\\.xox[bp])?-[0-9]-[A-Za-z0-9]{140,180}", 200, "xoxe",
                      {{"SLACK_CONFIG_TOKEN=xoxe.xoxp-1-rJWwO9ch42J5TwICnUQVx3A6K3XtMYliSCcw7endQNgAOtwRMIjM4Q6Bsc01J8DCfbGBnwNVlBpSG59kceM9tsAvJIfYD73SQkmIymRilDSuZMGFFoWL6z9AsPo2iHyfXHuOmDMYAH0PNCyLkPUovG78k4d1w3Yy", "xoxe.xoxp-1-rJWwO9ch42J5TwICnUQVx3A6K3XtMYliSCcw7endQNgAOtwRMIjM4Q6Bsc01J8DCfbGBnwNVlBpSG59kceM9tsAvJIfYD73SQkmIymRilDSuZMGFFoWL6z9AsPo2iHyfXHuOmDMYAH0PNCyLkPUovG78k4d1w3Yy"}},
                      {"xoxe.xoxp-1-ABABABABABABABABABABABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("slack-webhook-url", F,
                      "hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9]{8,12}/[A-Za-z0-9]{8,12}/[A-Za-z0-9]{20,32}",
                      100, "hooks.slack.com/",
                      {{"webhook: \"https://hooks.slack.com/services/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\"",
                        "hooks.slack.com/services/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"}},
                      {"https://hooks.slack.com/services/T000/B000/XXXX", "https://hooks.slack.com/services/"},
                      kEndAlnum));
  out.push_back(token("discord-bot-token", F, "[MNO][A-Za-z0-9_\\-]{23,27}\\.[A-Za-z0-9_\\-]{6}\\.[A-Za-z0-9_\\-]{27,38}", 72, "",
                      {{"client.login('MT3dnr5HHcjoDr1Iqm1N7xhHdJ.G1yblw.rIwt8NBmbVBWrXkpr7bI2rJ5rNFsXXYtpEAy81')", "MT3dnr5HHcjoDr1Iqm1N7xhHdJ.G1yblw.rIwt8NBmbVBWrXkpr7bI2rJ5rNFsXXYtpEAy81"}},
                      {"MTABABABABABABABABABABABAB.GABABA", "Nope.not.a.token"}));
  out.back().flags |= kDotPair;  // no literal: found by its two dots 7 bytes apart
  out.push_back(token("discord-webhook-url", F,
                      "discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_\\-]{60,68}", 120, "discord",
                      {{"DISCORD_WEBHOOK=https://discord.com/api/webhooks/697492288686567660/yUZDjA2d9TARnev3HbgeIFlDFNKLw8wg5AVBl9Rwni4OWFMjIOWeUj9TQMUlVVzAxhIQ",
                        "discord.com/api/webhooks/697492288686567660/yUZDjA2d9TARnev3HbgeIFlDFNKLw8wg5AVBl9Rwni4OWFMjIOWeUj9TQMUlVVzAxhIQ"}},
                      {"https://discord.com/api/webhooks/123/abc"}));
  out.push_back(token("telegram-bot-token", F, "[0-9]{8,10}:AA[A-Za-z0-9_\\-]{32,33}", 45, "",
                      {{"TELEGRAM_BOT_TOKEN=4756804578:AARDSY-rYEikxsBoJDPjv4xVG7hiix7warB", "4756804578:AARDSY-rYEikxsBoJDPjv4xVG7hiix7warB"}},
                      {"0101010101:AAABABABABAB", "12:30:AA"}));
  Rule teams = token("teams-webhook-url", F,
                     "(?:outlook\\.office(?:365)?\\.com|[a-z0-9\\-]{1,64}\\.webhook\\.office\\.com)/webhook(?:b2)?/[0-9a-f\\-]{36}(?:@|%40|%2540)[0-9a-f\\-]{36}/IncomingWebhook/[0-9a-f]{32}/[0-9a-f\\-]{36}(?:/[A-Za-z0-9_\\-]{40,60})?",
                     320, "",
                     {{"url = 'https://outlook.office.com/webhook/6d0f3dc3-0c82-0c82-0c82-2581fb399a16@6d0f3dc3-0c82-0c82-0c82-697867f548a4/IncomingWebhook/45984df9c4484c24670cfa931b145b24/6d0f3dc3-0c82-0c82-0c82-27bb5c7416e6'",
                       "outlook.office.com/webhook/6d0f3dc3-0c82-0c82-0c82-2581fb399a16@6d0f3dc3-0c82-0c82-0c82-697867f548a4/IncomingWebhook/45984df9c4484c24670cfa931b145b24/6d0f3dc3-0c82-0c82-0c82-27bb5c7416e6"},
                      {"[hook](https://outlook.office.com/webhook/3b1f0c9e-77d2-4a51-9c0e-5d2e8f6a1b44%40e2c4a7f1-0d3b-4c8e-a6f2-91b7d5c3e0a8/IncomingWebhook/a93c5e71d02b48f6b1e4c7d9f0a2b635/0f6e2d9c-4b7a-4e13-8c5d-2a9b1e7f3c60)",
                       "outlook.office.com/webhook/3b1f0c9e-77d2-4a51-9c0e-5d2e8f6a1b44%40e2c4a7f1-0d3b-4c8e-a6f2-91b7d5c3e0a8/IncomingWebhook/a93c5e71d02b48f6b1e4c7d9f0a2b635/0f6e2d9c-4b7a-4e13-8c5d-2a9b1e7f3c60"}},
                     {"https://outlook.office.com/webhook/01010101/JenkinsCI/x"});
  teams.prefix = "";
  out.push_back(std::move(teams));
}

void add_email(std::vector<Rule> &out) {
  const Family F = Family::kMessaging;
  out.push_back(token("twilio-api-key", F, "SK[0-9a-fA-F]{32}", 34, "SK",
                      {{"const twilioApiKeySID = 'SK73c98e53ecb60caa5ef5efbbc0800f30'", "SK73c98e53ecb60caa5ef5efbbc0800f30"}}, {"SK010101010101010101010101010101", "SK0101010101010101010101010101010101"},
                      kEndAlnum));
  out.push_back(token("twilio-account-sid", F, "AC[0-9a-f]{32}", 34, "AC",
                      {{"TWILIO_ACCOUNT_SID=AC73c98e53ecb60caa5ef5efbbc0800f30", "AC73c98e53ecb60caa5ef5efbbc0800f30"}}, {"AC0101010101010101010101010101010", "ACCOUNT_SID"},
                      kEndAlnum));
  out.push_back(keyed("twilio-auth-token", F, "twilio[_\\-.]?(?:auth[_\\-.]?)?token|twilio[_\\-.]?(?:api[_\\-.]?)?(?:key[_\\-.]?)?secret",
                      "[A-Za-z0-9]{32}", 32, {{"TWILIO_AUTH_TOKEN=73c98e53ecb60caa5ef5efbbc0800f30", "73c98e53ecb60caa5ef5efbbc0800f30"},
                                              {"twilioApiKeySecret = 'tMOvVmWoCEHBUlo6XdbO50A7QjRmMqBV'", "tMOvVmWoCEHBUlo6XdbO50A7QjRmMqBV"}},
                      {"TWILIO_AUTH_TOKEN=your_auth_token"}, kEndAlnum));
  out.push_back(token("sendgrid-api-key", F, "SG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43}", 69, "SG.",
                      {{"SENDGRID_API_KEY='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'", "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"}},
                      {"SG.ABABABABABABABABABABAB.ABABABABABABABABABAB", "SG.example"}));
  out.push_back(token("mailgun-api-key", F, "key-[0-9a-f]{32}", 36, "key-",
                      {{"var apiKey = process.env.MAILGUN_API || 'key-73c98e53ecb60caa5ef5efbbc0800f30'", "key-73c98e53ecb60caa5ef5efbbc0800f30"}},
                      {"key-01010101010101010101", "key-value-store"}, kEndAlnum));
  out.push_back(keyed("mailgun-private-key", F, "mailgun[_\\-.]?(?:private[_\\-.]?|api[_\\-.]?)?key",
                      "[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}", 50,
                      {{"MAILGUN_API_KEY=73c98e53ecb60caa5ef5efbbc0800f30-3fe8d0f8-5bb94b6f", "73c98e53ecb60caa5ef5efbbc0800f30-3fe8d0f8-5bb94b6f"}},
                      {"MAILGUN_API_KEY=01010101010101010101010101010101"}, kEndAlnum));
  out.push_back(token("mailchimp-api-key", F, "[0-9a-f]{32}-us[0-9]{1,2}", 37, "",
                      {{"MAILCHIMP_API='73c98e53ecb60caa5ef5efbbc0800f30-us13'", "73c98e53ecb60caa5ef5efbbc0800f30-us13"}}, {"01010101010101010101010101010101-eu1", "01010101010101010101-us13"},
                      kEndAlnum));
  out.push_back(keyed("postmark-server-token", F, "postmark[_\\-.]?(?:server[_\\-.]?|api[_\\-.]?|account[_\\-.]?)?(?:token|key)?|x-postmark-(?:server|account)-token",
                      kUuid, 36, {{"\"X-Postmark-Server-Token\": \"6d0f3dc3-0c82-dab0-429e-1af50501c676\"",
                                   "6d0f3dc3-0c82-dab0-429e-1af50501c676"}},
                      {"postmark: '<token>'"}, kEndAlnum));
  out.push_back(token("brevo-api-key", F, "xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}", 89, "xkeysib-",
                      {{"BREVO_API_KEY=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", "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"}},
                      {"xkeysib-0101010101010101010101010101010101010101010101010101010101010101"}, kEndAlnum));
}

void add_social(std::vector<Rule> &out) {
  const Family F = Family::kMessaging;
  out.push_back(token("twitter-bearer-token", F, "AAAAAAAAAAAAAAAAAAAAA[A-Za-z0-9%]{40,140}", 161, "AAAAAAAAAAAAAAAAAAAAA",
                      {{"TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAAXe2d4ItFnWAXIvVzCWHGdAH54UOhknh50go2xnKnt376BIia9jQ0zIwsficazCg45sPncopPqz0aiRlYnNZcGV85B7", "AAAAAAAAAAAAAAAAAAAAAXe2d4ItFnWAXIvVzCWHGdAH54UOhknh50go2xnKnt376BIia9jQ0zIwsficazCg45sPncopPqz0aiRlYnNZcGV85B7"}},
                      {"AAAAAAAAAAAAAAAAAAAAAAAA"}, kEndAlnum));
  out.push_back(keyed("twitter-api-secret", F, "twitter[_\\-.]?(?:api[_\\-.]?|consumer[_\\-.]?|access[_\\-.]?token[_\\-.]?)?secret",
                      "[A-Za-z0-9]{35,50}", 50, {{"TWITTER_API_SECRET = 'wpnG475m128vVuKbmX6EQwNER8uLCsKQDetFk4DCNehUw'", "wpnG475m128vVuKbmX6EQwNER8uLCsKQDetFk4DCNehUw"}},
                      {"TWITTER_API_SECRET = ABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(keyed("twitter-api-key", F, "twitter[_\\-.]?(?:api[_\\-.]?|consumer[_\\-.]?)?(?:key|id)",
                      "[A-Za-z0-9]{18,25}", 25, {{"TWITTER_API_KEY = 'oKcqM4KbVOnAOYS9Pg5YzWsYR'", "oKcqM4KbVOnAOYS9Pg5YzWsYR"}},
                      {"TWITTER_API_KEY = 'ABABABABAB'"}, kEndAlnum));
  out.push_back(token("facebook-access-token", F, "EAA[A-Z][A-Za-z0-9]{90,}", 404, "EAA",
                      {{"url = 'https://graph.facebook.com/me?access_token=EAACQiSFU9s7MKKONc1S9ipvG4Uv1DSjRVGiqTM7qT9Lx4MmWbD5V54bLVBPdj7YieeKVNlkeI16eNVCzdtMMt8aNJru8934TChzDzWWo90lGS8jXQ2XPYSf4m3VbvXVfwZEgJhOIE8ghAt6tYId2tndwr'", "EAACQiSFU9s7MKKONc1S9ipvG4Uv1DSjRVGiqTM7qT9Lx4MmWbD5V54bLVBPdj7YieeKVNlkeI16eNVCzdtMMt8aNJru8934TChzDzWWo90lGS8jXQ2XPYSf4m3VbvXVfwZEgJhOIE8ghAt6tYId2tndwr"}},
                      {"EAACABABABABABABABABABABABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(keyed("facebook-app-secret", F, "(?:facebook|fb)[_\\-.]?(?:app[_\\-.]?)?(?:secret|api[_\\-.]?key|key)",
                      "[a-f0-9]{32}", 32, {{"var fbApiKey = '73c98e53ecb60caa5ef5efbbc0800f30';", "73c98e53ecb60caa5ef5efbbc0800f30"}},
                      {"fbApiKey = '010101010101010101010101'"}, kEndAlnum));
  out.push_back(keyed("linkedin-client-secret", F, "linkedin[_\\-.]?(?:client[_\\-.]?|api[_\\-.]?)?(?:secret|key)",
                      "[A-Za-z0-9]{14,16}", 16, {{"LINKEDIN_SECRET = \"SpjZYsEAqTogZbRu\"", "SpjZYsEAqTogZbRu"}},
                      {"LINKEDIN_SECRET = ABABABAB"}, kEndAlnum));
}

}  // namespace

void add_messaging_rules(std::vector<Rule> &out) {
  add_chat(out);
  add_email(out);
  add_social(out);
}

}  // namespace ag::scrub
