// Generic credentials recognised by context rather than format: JWTs, Authorization
// headers, password and secret assignments, credentials in URLs and command lines; and, at
// low confidence, the user or client name beside such a credential, only in a match that
// also holds the credential (a user name alone stays readable).
//
// The entropy gate: values of generic *key/token/secret* names are machine-generated, so
// those rules carry Validator::kEntropy and a placeholder such as "your-api-key-here" is
// rejected. Passwords are chosen by people and are often low-entropy ("changeme",
// "Summer2024!"), so the password rules are not entropy-gated; they rely on syntax instead:
// the value must be quoted or end at a blank, and may not start like a variable,
// template or mask ($VAR, ${...}, {{...}}, <...>, %s, ****, #...).
#include "scrub/rules/fragments.h"
#include "scrub/rules/tables.h"

namespace ag::scrub {

using namespace frag;

namespace {

Rule generic(const char *id, Confidence confidence, std::string prefix, const char *secret,
             const char *suffix, uint32_t max_len, std::vector<Example> positives,
             std::vector<std::string> negatives) {
  Rule r = rule(id, Family::kGeneric, confidence, std::move(prefix), secret, suffix, max_len, std::move(positives),
                std::move(negatives));
  r.flags = kCaseless;
  return r;
}

// First byte of a password that is not a variable, template, mask or comment.
#define AG_PW_FIRST R"re([^\s"'`$<{%&\\/#*(.])re"

// A quoted password (the bytes between the quotes): not a variable, template or mask, no
// blank, quote or '/', at least 4 bytes and not ending in ':' (a label such as "Password:");
// or two or three words separated by single blanks ("blue marble sky"), whose words hold no
// parenthesis, '+' or ';' either, so an expression such as "+ fetch_secret(" is no password.
#define AG_PW_QUOTED \
  AG_PW_FIRST R"re((?:[^"'\s/]{2,126}[^"'\s:/]|[^"'\s/()+;]{0,40}(?: [^"'\s/()+;]{1,40}){1,2}[^"'\s:/()+;]))re"

// The INI form of a password (password-ini-assignment): a name that starts its line (case
// as written: password, Password or PASSWORD), blanks, '=', blanks; then a value of 6-64
// bytes without '.', parentheses, brackets, quotes, '$', '/', ';' or blanks that runs to the
// end of the line or a comment.
#define AG_PW_INI_NAME \
  R"re([A-Za-z0-9_.\-]{0,40}(?:[Pp]ass(?:word|wd|phrase)|PASS(?:WORD|WD|PHRASE)|[Pp]wd|PWD)(?: |\t){0,16}=(?: |\t){1,3})re"
#define AG_PW_INI_VALUE R"re([A-Za-z0-9_!@^~?\-][A-Za-z0-9_!@#%^&*+=~?,:\-]{5,63})re"
#define AG_PW_INI_END R"re((?: |\t){0,8}(?:[#;][^\n]{0,120})?(?:\r|\n|$))re"

// A password assignment whose value the password rules redact (username-beside-password):
// a password name, then a quoted value as password-assignment takes it, or next to '=' (a
// blank on at most one side: env files, connection strings, DSNs) an unquoted one of 5 or
// more bytes that is no
// variable, call, attribute or NULL and ends at a blank, ';', '&', a quote or the line end
// (not at ',' or ')': password=password, is a keyword argument). AG_PAIR_INI is the INI
// form, which password-ini-assignment takes: a name at the start of its line.
#define AG_PAIR_PASSWORD                                                                                  \
  R"re((?:password|passwd|passwort|passphrase|pwd)[A-Za-z0-9_]{0,16}\\?(?:"|')?(?:(?:(?: |\t){0,16}(?:=>|:=|[:=])(?: |\t){0,16}|(?: |\t){1,3})\\?(?:"|['`]))re" \
  AG_PW_QUOTED R"re(\\?(?:"|['`])|(?:(?: |\t){1,2}=|=(?: |\t)?))re" AG_PW_FIRST R"re([^\s"'`;,()\[\]{}<>.\\]{4,127}(?:\s|[;&']|"|$)))re"
#define AG_PAIR_INI AG_PW_INI_NAME AG_PW_INI_VALUE AG_PW_INI_END

// The secret's assignment after a client id (client-id-beside-secret): a name ending in
// "secret", then a value of 16 or more token bytes.
#define AG_CLIENT_SECRET \
  R"re(secret\\?(?:"|')?(?: |\t){0,16}(?:=>|:=|[:=])(?: |\t){0,16}\\?(?:"|['`])?[A-Za-z0-9_\-.~+/]{16,256}={0,2}(?:[^A-Za-z0-9_\-.~+/=]|$))re"

// What follows the user name of scheme://user:password@ (uri-username): the password.
constexpr const char *kUriUserPasswordAfter = R"re(:[^\s:/@"'<>${][^\s:/@"'<>]{0,127}@)re";

constexpr const char *kEndToken = R"re((?:[^A-Za-z0-9_\-.~+/=]|$))re";

void add_tokens(std::vector<Rule> &out) {
  Rule jwt = generic("jwt", Confidence::kHigh, "\\b",
                     "eyJ[A-Za-z0-9_\\-]{8,}\\.eyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{0,}", kEndWord, 5312,
                     {{"token=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQ4MjEiLCJuYW1lIjoiVGVzdCBVc2VyIiwiaWF0IjoxNzAwMDAwMDAwfQ.qhMM-Zah2rkoCssMANDpSgKQ9ReHku_JFixALCV1Jgh",
                       "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQ4MjEiLCJuYW1lIjoiVGVzdCBVc2VyIiwiaWF0IjoxNzAwMDAwMDAwfQ.qhMM-Zah2rkoCssMANDpSgKQ9ReHku_JFixALCV1Jgh"}},
                     {"eyJhbGciOiJIUzI1NiJ9", "eyJ.eyJ.", "it \"sets the relation to nil\" do eye.eyeable"});
  jwt.validator = Validator::kJwt;
  jwt.flags = 0;
  jwt.mask_prefix = "eyJ";
  out.push_back(std::move(jwt));
  const char *auth = R"re(authorization["']?\s{0,3}[:=,]\s{0,3}["'`]?\s{0,2})re";
  out.push_back(generic("authorization-bearer", Confidence::kHigh, std::string(auth) + R"re(bearer\s{1,3})re",
                        "[A-Za-z0-9_\\-.~+/]{8,}={0,2}", kEndToken, 40 + 1027,
                        {{"Authorization: Bearer mF_9.B5f-4.1JqM", "mF_9.B5f-4.1JqM"},
                         {"-H \"Authorization: Bearer 83b1e5dc3898880df7010445966d2997d456389e\"", "83b1e5dc3898880df7010445966d2997d456389e"},
                         {"'Authorization': `Bearer -UY_HjCzLW5RApRDe_DEoV6fYKflcbKF`", "-UY_HjCzLW5RApRDe_DEoV6fYKflcbKF"}},
                        {"Authorization: Bearer <token>", "Authorization: Bearer ${TOKEN}",
                         "Authorization: Bearer $API_KEY"}));
  out.push_back(generic("authorization-basic", Confidence::kHigh, std::string(auth) + R"re(basic\s{1,3})re",
                        "[A-Za-z0-9+/]{8,}={0,2}", kEndB64, 40 + 1027,
                        {{"Authorization: Basic QWxhZGRpbjpvRNI9c9FZ5yb+A57h==", "QWxhZGRpbjpvRNI9c9FZ5yb+A57h=="}},
                        {"Authorization: Basic <credentials>", "Authorization: Basic $(echo -n u:p | base64)"}));
  out.push_back(generic("authorization-other-scheme", Confidence::kMedium,
                        std::string(auth) + R"re((?:token|ssws|bot|apikey|api-key|key|sharedkey)\s{1,3})re",
                        "[A-Za-z0-9_\\-.~+/:]{16,}={0,2}", "(?:[^A-Za-z0-9_\\-.~+/:=]|$)", 60 + 1027,
                        {{"Authorization: Token 83b1e5dc3898880df7010445966d2997d456389e", "83b1e5dc3898880df7010445966d2997d456389e"}},
                        {"Authorization: Token <token>", "Authorization: token ${{ secrets.GITHUB_TOKEN }}"}));
  Rule header = generic("api-key-header", Confidence::kMedium,
                        R"re((?:x-api-key|api-key|x-auth-token|x-access-token|x-functions-key|ocp-apim-subscription-key|private-token|x-token)["']?\s{0,3}[:=,]\s{0,3}["'`]?)re",
                        "[A-Za-z0-9_\\-.~+/]{16,}={0,2}", kEndToken, 50 + 515,
                        {{"curl -H 'X-Api-Key: 3jkyyXlnayBVVf21lrWHMGD2nAhmxSTj' https://api.example.com", "3jkyyXlnayBVVf21lrWHMGD2nAhmxSTj"}},
                        {"X-Api-Key: <your key>", "x-api-key: ${API_KEY}"});
  header.validator = Validator::kEntropy;
  out.push_back(std::move(header));
  Rule assign = generic("secret-assignment", Confidence::kLow,
                        named("api[_\\-.]?key|apikey|api[_\\-.]?secret|access[_\\-.]?token|auth[_\\-.]?token|secret[_\\-.]?key|client[_\\-.]?secret|app[_\\-.]?secret|private[_\\-.]?token|refresh[_\\-.]?token|secret|token|credential"),
                        "[A-Za-z0-9_\\-.~+/]{16,256}={0,2}", kEndToken, kNamedPrefixMax + 259,
                        {{"API_KEY = \"f355f223400490ab991edd20a166adb7\"", "f355f223400490ab991edd20a166adb7"},
                         {"private static String CLIENT_SECRET = \"zUedioOftc3aCeShC8ZQeRHcMZzbuwHhO9Um58My\";", "zUedioOftc3aCeShC8ZQeRHcMZzbuwHhO9Um58My"},
                         {"access_token=5d906347def4ed80404dadc5a6302773eab04880", "5d906347def4ed80404dadc5a6302773eab04880"}},
                        {"API_KEY = \"${API_KEY}\"", "token: <paste token here>"});
  assign.validator = Validator::kEntropy;
  // The candidate scan looks for the bare words every name holds (each compound is "secret"
  // or "token" with at most 4 name bytes after it, or an api key spelling), with the
  // assignment as one bounded run of its bytes and the value unbounded. Hyperscan otherwise
  // starts the whole prefix's automaton at every "token" of "total_tokens": with the
  // cohere-api-key trigger, a quarter of the candidate scan on usage JSON lines and on text
  // dense in such words, 6-9% on the benchmark's text (same candidates).
  assign.trigger = std::string(R"re((?:api[_\-.]?key|apikey|secret|token|credential)[A-Za-z0-9_.\-]{0,20}["'\s:=>`]{1,52}[A-Za-z0-9_\-.~+/=]{16,})re") +
                   kEndToken;
  out.push_back(std::move(assign));
  // Gradle's buildConfigField("String", "API_KEY", "\"value\"") (or its Groovy spelling with
  // '"value"'): a quoted quoted value under a credential's name.
  Rule gradle = generic("android-build-config-field", Confidence::kMedium,
                        R"re(buildConfigField\s{0,3}\(?\s{0,3}["']String["']\s{0,3},\s{0,3}["'][A-Za-z0-9_]{0,40}(?:key|token|secret|password|passwd|pwd|credential)[A-Za-z0-9_]{0,24}["']\s{0,3},\s{0,3}["']\\?")re",
                        R"re([^"'\\\s$<{][^"'\\\s]{7,255})re", R"re(\\?"["'])re", 150 + 256 + 3,
                        {{"buildConfigField 'String', 'MAPS_API_KEY', '\"4c1f9b27e0d84a6fb3e2c7a15d09e8b3\"'", "4c1f9b27e0d84a6fb3e2c7a15d09e8b3"},
                         {"buildConfigField(\"String\", \"BACKEND_TOKEN\", \"\\\"Zq8LmT4xWv2RkN7pYc3H\\\"\")", "Zq8LmT4xWv2RkN7pYc3H"}},
                        {"buildConfigField 'String', 'API_KEY', '\"${apiKey}\"'", "buildConfigField 'String', 'BASE_URL', '\"https://api.example.com\"'",
                         "buildConfigField 'String', 'API_KEY', '\"<your api key>\"'"});
  gradle.validator = Validator::kEntropy;
  out.push_back(std::move(gradle));
  // A client or token id right beside its secret (client_id=X&client_secret=Y, clientID: 'X',
  // then clientSecret: 'Y' on the next line): the id, only when a secret-shaped value of at
  // least 16 bytes follows within two lines. The secret itself is secret-assignment's.
  Rule client_id = generic("client-id-beside-secret", Confidence::kLow,
                        R"re(\b(?:[A-Za-z0-9_]{0,24}[_.\-])?(?:client[_.\-]?id|token[_.\-]?id)\\?(?:"|')?(?: |\t){0,16}(?:=>|:=|[:=])(?: |\t){0,16}\\?(?:"|['`])?)re",
                        R"re([A-Za-z0-9][A-Za-z0-9_.~\-]{5,127})re",
                        R"re(\\?(?:"|['`])?(?: |\t){0,4}[,;&]?(?: |\t){0,16}(?:\r?\n(?: |\t){0,32}){0,2}[A-Za-z0-9_.\-]{0,24})re" AG_CLIENT_SECRET,
                        80 + 128 + 420,
                        {{"OAUTH_CLIENT_ID=7f3c9a2e51d84b06\nOAUTH_CLIENT_SECRET=Jq8vLm2TzX4wRk9PcN6bYh3D\n", "7f3c9a2e51d84b06"},
                         {"https://auth.example.com/token?grant_type=client_credentials&client_id=svc-exporter-42&client_secret=Rt5wKq9ZmX2vLp7NcB4h",
                          "svc-exporter-42"},
                         {"  clientID: 'a81f3c07d2e94b65',\n  clientSecret: 'c0e6f2a9b4d81357e9a2c4f6b8d01357a9c2e4f6',", "a81f3c07d2e94b65"}},
                        {"client_id=svc-exporter-42&scope=read", "OAUTH_CLIENT_ID=7f3c9a2e51d84b06\nOAUTH_CLIENT_SECRET=<your secret>\n",
                         "clientId: 'a81f3c07d2e94b65',\n  redirectUri: 'https://app.example.com/callback',"});
  client_id.trigger = AG_CLIENT_SECRET;  // the secret's assignment, rarer than "client_id"
  out.push_back(std::move(client_id));
}

void add_passwords(std::vector<Rule> &out) {
  out.push_back(generic("password-assignment", Confidence::kMedium,
                        R"re((?:password|passwd|passphrase|pwd|secret)[A-Za-z0-9_]{0,16}["']?(?:[ \t]{0,16}(?:=>|:=|==|!=|[:=])[ \t]{0,3}|[ \t]{1,3})[@$]?["'])re",
                        AG_PW_QUOTED, R"re(["'])re", 60 + 129,
                        {{"password = \"Tr0ub4dor&3x\"\n", "Tr0ub4dor&3x"},
                         {"admin_password = 'correct horse battery'", "correct horse battery"},
                         {"\"password\": \"super$ecret\",", "super$ecret"},
                         {"if username == \"admin\" and password == \"team10\":", "team10"},
                         {"db_passwd => 'Pass123!@#',", "Pass123!@#"},
                         {"credentials {\n  username 'deploy'\n  password 'V1LjJy0NbC3q'\n}", "V1LjJy0NbC3q"},
                         {":password       => 'ayBCJaOR',", "ayBCJaOR"}},
                        {"password = \"123\"", "\"password\": \"$super$ecret\"", "password = \"<YOUR PASSWORD>\"",
                         "passwordLabel:\"Password:\"", "this.addPassword = \"#add-password\";",
                         "password: \"{{ vault_password }}\"", "put '/forgot-password' => \"cms/sites/passwords#update\"",
                         "echo 'password = '.$p['config']['daemon_password'];",
                         "cfg += \"db_password = \"+ fetch_secret(\"db\") + \"\\n\";",
                         "password_hint = \"at least twelve characters long\""}));
  // A user name right before its password (within three lines): user = 'x' then
  // password = 'y', Username=x then Password=y, User Id=x;Password=y. The user name must end
  // at a quote, blank, ';', ',', '&' or the line end (not user = quote(user)), and it is
  // redacted only when the password is a value the password rules redact (AG_PAIR_PASSWORD,
  // AG_PAIR_INI): a user name beside password = None, password: string or
  // self.password = password stays.
  // The candidate scan looks for the password assignment alone (its trigger), which is rarer
  // than "user" and ends where the whole match ends; confirmation looks back for the user.
  Rule beside = generic("username-beside-password", Confidence::kLow,
                        R"re(\b(?:[A-Za-z0-9_]{0,32}[_.\-])?(?:user(?:[ _.\-]?(?:name|id))?|uid|login)\\?(?:"|')?(?:(?: |\t){0,16}(?:=>|:=|[:=])(?: |\t){0,16}\\?(?:"|['`])?|(?: |\t){1,3}\\?(?:"|['`])))re",
                        R"re([A-Za-z0-9_][A-Za-z0-9_.@+\-]{0,63})re",
                        R"re((?:(?:\\|"|[`';,& ]|\t)[^\n]{0,80})?(?:(?:\n[^\n]{0,80}){0,3})re" AG_PAIR_PASSWORD
                        R"re(|(?:\n[^\n]{0,80}){0,2}\n)re" AG_PAIR_INI ")",
                        80 + 64 + 81 + 243 + 200,
                        {{"user = 'ops-admin'\npassword = 'Tr0ub4dor&3x'\n", "ops-admin"},
                         {"[mailer]\nUsername=relay-bot\n; rotated in March\nPassword=Vb7kQz2Lw\n", "relay-bot"},
                         {"Server=db1;Database=Sales;User Id=app_rw;Password=us8nrHHuf9Er6c;", "app_rw"},
                         {"credentials {\n    username 'maven-ci'\n    password 'Hq3vN8xZ2'\n}", "maven-ci"},
                         {"login: \"qa.tester@example.org\",\n  password: \"blue marble sky\"", "qa.tester@example.org"}},
                        {"username = env.TEST_USERNAME\npassword = env.TEST_PASSWORD\n", "char *user = NULL;\nchar *password = NULL;\n",
                         "def login(self, user = '', password = ''):", "user: \"deploy\"\npassword: \"{{ vault_pw }}\"",
                         "username: string;\n  password: string;", "USERNAME=deploy\nPASSWORD=$(cat /run/pw)\n",
                         "user=apache password=###### dbname=auth",
                         "        self.username = username\n        self.password = password\n",
                         "    user = quote(user)\n    password = quote(password)\n"});
  beside.trigger = AG_PAIR_PASSWORD "|" AG_PAIR_INI;
  out.push_back(std::move(beside));
  out.push_back(generic("password-env-assignment", Confidence::kMedium,
                        R"re(\b[A-Za-z0-9_]{0,40}(?:PASSWORD|PASSWD|PASSWORT|PASS|PWD|Password|password|passwd)\s{0,2}=)re",
                        AG_PW_FIRST R"re([^\s"'&;,]{2,127})re", R"re((?:[\s;&,]|$))re", 60 + 129,
                        {{"REACT_APP_AUTH_PASSWORD=RvETBzdMRV4B  # local", "RvETBzdMRV4B"},
                         {"[db]\nPassword=ZYrn2wkYPA\n", "ZYrn2wkYPA"}},
                        {"PASSWORD=$(cat /run/secrets/pw)", "password=###### dbname=x",
                         "REACT_APP_FORGOT_PASSWORD=$BASE/#/forgot_password", "PGPASSWORD=\"$DB_PASSWORD\""}));
  out.back().flags = 0;  // env names are upper case; "Pass=" in prose stays
  // INI and properties files: `password = value` unquoted, with blanks around '='. In code the
  // same line assigns a variable (password = None, password = getpass(), password = env.PW),
  // so the name must start its line and the value must fill the rest of it (up to a trailing
  // comment): 6-64 bytes without '.', parentheses, brackets, quotes or '$'.
  Rule ini = generic("password-ini-assignment", Confidence::kMedium,
                     R"re(\n)re" AG_PW_INI_NAME, AG_PW_INI_VALUE, AG_PW_INI_END, 1 + 70 + 64 + 130,
                     {{"[smtp]\nuser = relay\npassword = kq7_Vt2m!x\n", "kq7_Vt2m!x"},
                      {"db.password = Hx8-rTq2wz # rotated monthly\n", "Hx8-rTq2wz"},
                      {"Password = tide_p00l_42", "tide_p00l_42"}},
                     {"password = None\n", "password = getpass.getpass()\n", "password = env.TEST_PASSWORD\n",
                      "    password = stored_value\n", "password = ${DB_PASSWORD}\n", "password = \n",
                      "PASSWORD = $(shell cat .pw)\n", "password = hunter two\n"});
  ini.flags = 0;
  ini.trigger = AG_PW_INI_NAME AG_PW_INI_VALUE AG_PW_INI_END;
  out.push_back(std::move(ini));
  out.push_back(generic("password-prose", Confidence::kLow,
                        R"re(password (?:is|was|for [^\n]{1,32} is)\s{0,2}:?\s{0,2}["'`])re",
                        "[^\"'`\\s]{3,64}", R"re(["'`])re", 64 + 65,
                        {{"The default password is 'blooberry'", "blooberry"},
                         {"ensure the password for user 'postgres' is \"1dAKIjgEg3\"", "1dAKIjgEg3"}},
                        {"the password is stored in vault", "password is ''"}));
  // The user of the same sentence: "the password for user 'x' is 'y'", only with the password.
  out.push_back(generic("password-prose-username", Confidence::kLow, R"re(password for (?:the )?user\s{1,2}(?:"|['`]))re",
                        "[^\"'`\\s]{1,64}", R"re((?:"|['`])\s{1,2}(?:is|was)\s{0,2}:?\s{0,2}(?:"|['`])[^"'`\s]{3,64}(?:"|['`]))re",
                        26 + 64 + 80,
                        {{"The password for user 'svc_backup' is 'Lq9vTe3w'.", "svc_backup"},
                         {"the default password for the user \"build-agent\" is \"Zr7mKq2x\"", "build-agent"}},
                        {"the password for user 'svc_backup' is stored in vault", "password for user 'svc_backup' is ''"}));
  out.push_back(generic("password-cli-flag", Confidence::kMedium,
                        R"re((?:--password|--passwd|--pass|--db-password|--admin-password|-password|/password:|sshpass -p|--registry-password)(?:=|\s{1,3})["']?)re",
                        AG_PW_FIRST R"re([^\s"']{2,127})re", R"re((?:[\s"']|$))re", 40 + 129,
                        {{"Connect-VIServer -Server 10.0.0.5 -User admin -Password 1dAKIjgEg3", "1dAKIjgEg3"},
                         {"mysql-backup --password=3C6MMlGuY3Jhux --all", "3C6MMlGuY3Jhux"}},
                        {"--password $PASSWORD", "--password-stdin", "--password <password>"}));
  out.push_back(generic("user-password-flags", Confidence::kMedium,
                        R"re(\b(?:psexec|paexec|docker login|podman login|helm registry login|net use)[^\n|;]{0,160}\s-u\s{1,3}[^\s]{1,64}\s{1,3}-p\s{1,3}["']?)re",
                        AG_PW_FIRST R"re([^\s"']{0,127})re", R"re((?:[\s"']|$))re", 240 + 129,
                        {{"PsExec.exe \\\\host -u Administrator -p 1dAKIjgEg3 cmd", "1dAKIjgEg3"}},
                        {"psexec \\\\host -u User -p $Password -i calc.exe"}));
  out.push_back(generic("cli-flag-username", Confidence::kLow,
                        R"re(\b(?:psexec|paexec|docker login|podman login|helm registry login|net use)[^\n|;]{0,160}\s-u\s{1,3}(?:"|')?)re",
                        R"re([^\s"'$%<{\-][^\s"']{0,63})re",
                        R"re((?:"|')?\s{1,3}-p\s{1,3}(?:"|')?)re" AG_PW_FIRST R"re([^\s"']{0,127}(?:\s|"|'|$))re", 210 + 64 + 140,
                        {{"PsExec.exe \\\\host -u CORP\\svc-deploy -p 1dAKIjgEg3 cmd", "CORP\\svc-deploy"},
                         {"docker login -u ci-pusher -p Wq8rTz3mLk registry.example.com", "ci-pusher"}},
                        {"psexec \\\\host -u Operator -p $Password -i calc.exe", "psexec \\\\host -u Operator -p %PW% cmd",
                         "docker login -u ci-pusher --password-stdin registry.example.com"}));
  out.push_back(generic("curl-user-password", Confidence::kHigh,
                        R"re(\bcurl(?:\s[^\n|;]{0,160}){0,3}\s{1,8}(?:-u|--user)\s{1,3}["']?[^\s:"'@]{1,64}:)re",
                        R"re([^\s"'@$<{][^\s"'@]{0,127})re", R"re((?:[\s"']|$))re", 570 + 129,
                        {{"curl -u deploy:cwEDBrs94WoRqDZf https://ci.example.com/api", "cwEDBrs94WoRqDZf"},
                         {"curl -sS -X POST \\\n  -H 'Accept: application/json' \\\n  --user 'ingest:Rw7tKx2Qm9' https://api.example.com", "Rw7tKx2Qm9"}},
                        {"curl -u \"$USER:$TOKEN\" https://x", "docker run -u 1000:1000 img"}));
  // The user name of curl's -u user:password, only with its password.
  out.push_back(generic("curl-username", Confidence::kLow,
                        R"re(\bcurl(?:\s[^\n|;]{0,160}){0,3}\s{1,8}(?:-u|--user)\s{1,3}(?:"|')?)re", R"re([^\s:"'@$<{][^\s:"'@]{0,63})re",
                        R"re(:[^\s"'@$<{][^\s"'@]{0,127}(?:\s|"|'|$))re", 505 + 64 + 130,
                        {{"curl -u deploy-ci:cwEDBrs94WoRqDZf https://ci.example.com/api", "deploy-ci"},
                         {"curl -X POST \\\n  --user 'svc-reports:Tg5wPz8Lk' https://api.example.com/v1/export", "svc-reports"}},
                        {"curl -u admin https://ci.example.com/api", "curl -u \"ops:$OPS_TOKEN\" https://x",
                         "curl -u reporter: https://ci.example.com/api"}));
  out.push_back(generic("netrc-password", Confidence::kHigh,
                        R"re(machine\s{1,4}[^\s]{1,128}\s{1,4}login\s{1,4}[^\s]{1,128}\s{1,4}password\s{1,4})re",
                        R"re([^\s]{1,128})re", R"re((?:\s|$))re", 280 + 129,
                        {{"machine api.example.com\n  login deploy\n  password yLZ3kjhE9xU6J3xI4tW7\n", "yLZ3kjhE9xU6J3xI4tW7"}},
                        {"machine api.example.com login deploy"}));
  out.push_back(generic("url-credentials", Confidence::kHigh,
                        R"re(\b[a-z][a-z0-9+.\-]{1,20}://[^\s:/@"'<>]{1,64}:)re",
                        R"re([^\s:/@"'<>$]{1,128}(?:@[^\s:/@"'<>$]{1,64}){0,2})re", "@", 24 + 64 + 1 + kUriPasswordMax + 1,
                        {{"git clone https://deploy:yLZ3kjhE9xU6J3xI4tW7@git.example.com/acme/app.git", "yLZ3kjhE9xU6J3xI4tW7"},
                         {"ftp://backup:qCu8eA1nOlpj@files.example.net/", "qCu8eA1nOlpj"},
                         {"sftp://mirror:Tq4@zLp8w@files.example.net/in", "Tq4@zLp8w"}},
                        {"https://example.com:8443/path", "https://example.com/@user", "http://localhost:3000/@user"}));
  // The user name of scheme://USER:password@host, only where a password follows it (the URI
  // rules redact that password): a user name alone (postgres://app@host, ssh://git@host)
  // stays, and so do the scheme, host and database. After a multi-host URI's comma
  // (h1:5432,USER:pw@h2) too. (No trigger: ":password@" alone would be a repeat started at
  // every ':' of the input, dearer than the whole pattern with its "://".)
  Rule uri_user = generic("uri-username", Confidence::kLow,
                        std::string(R"re(\b[a-z][a-z0-9+.\-]{1,20}://)re") + kUriHostsBefore,
                        R"re([^\s:/@"'<>${%][^\s:/@"'<>]{0,63})re", kUriUserPasswordAfter,
                        24 + 257 + 64 + 129 + 1,
                        {{"git clone https://deploy-bot:yLZ3kjhE9xU6J3xI4tW7@git.example.com/acme/app.git", "deploy-bot"},
                         {"DATABASE_URL=postgres://orders_rw:Vq7tLp2nXc@db.internal:5432/orders", "orders_rw"},
                         {"mongodb://ro:Hy6tBq2Lz@db-a.example.net:6000,analytics_ro:Xe4mWs9Kc@db-b.example.net:6001/app",
                          "analytics_ro"}},
                        {"postgres://app@db.internal/orders", "ssh://git@git.example.com/acme/app.git",
                         "https://deploy:${DEPLOY_TOKEN}@git.example.com/acme/app.git", "redis://cache.internal:6379/0"});
  out.push_back(std::move(uri_user));
  out.push_back(generic("xml-config-password", Confidence::kMedium,
                        R"re(key="[A-Za-z0-9_.\-]{0,40}(?:password|pwd|secret|apikey|token)"\s{1,4}value=")re",
                        R"re([^"\s$<{][^"]{0,127})re", "\"", 60 + 129,
                        {{"<add key=\"FromEmailPassword\" value=\"RvETBzdMRV4B\"/>", "RvETBzdMRV4B"}},
                        {"<add key=\"PasswordMinLength\" value=\"\"/>", "<add key=\"SmtpPassword\" value=\"$(SMTP)\"/>"}));
  out.push_back(generic("dotnet-network-credential", Confidence::kMedium,
                        R"re(NetworkCredential\(\s{0,2}"[^"]{1,64}"\s{0,2},\s{0,2}")re", R"re([^"]{1,128})re", "\"",
                        90 + 129, {{"new NetworkCredential(\"ci\", \"cwEDBrs94WoRqDZf\");", "cwEDBrs94WoRqDZf"}},
                        {"new NetworkCredential(user, password)"}));
  out.push_back(generic("dotnet-network-credential-user", Confidence::kLow, R"re(NetworkCredential\(\s{0,2}")re",
                        R"re([^"\s$<{][^"]{0,63})re", R"re("\s{0,2},\s{0,2}"[^"]{1,128}")re", 21 + 64 + 136,
                        {{"new NetworkCredential(\"ci-mirror\", \"cwEDBrs94WoRqDZf\");", "ci-mirror"}},
                        {"new NetworkCredential(\"ci-mirror\", password)", "new NetworkCredential(user, \"x\")"}));
  // new DirectoryEntry("LDAP://host", "user", "PASSWORD"): the third argument; the path stays.
  out.push_back(generic("directory-entry-password", Confidence::kMedium,
                        R"re(DirectoryEntry\(\s{0,16}"[^"\n]{1,256}"\s{0,16},\s{0,16}"[^"\n]{1,128}"\s{0,16},\s{0,16}")re",
                        R"re([^"\s$<{][^"]{0,127})re", "\"", 486 + 128 + 1,
                        {{"var entry = new DirectoryEntry(\"LDAP://dc1.corp.example\", \"CORP\\\\svc-ldap\", \"Hn4wQz8Lp\");", "Hn4wQz8Lp"},
                         {"New-Object DirectoryServices.DirectoryEntry(\"LDAP://10.0.0.9\",\n    \"reader@corp.example\",\n    \"Mv3tXq7Rs\")", "Mv3tXq7Rs"}},
                        {"new DirectoryEntry(\"LDAP://dc1.corp.example\", user, password)",
                         "new DirectoryEntry(\"LDAP://dc1.corp.example\", \"reader\", $pw)"}));
  out.push_back(generic("powershell-secure-string", Confidence::kHigh,
                        R"re(ConvertTo-SecureString\s{1,3}(?:-String\s{1,3})?["'])re", R"re([^"'$][^"']{0,127})re",
                        "[\"']", 40 + 129,
                        {{"$pw = ConvertTo-SecureString \"PtuHEDDaAJ0Nhe\" -AsPlainText -Force", "PtuHEDDaAJ0Nhe"}},
                        {"ConvertTo-SecureString $plain -AsPlainText -Force"}));
  out.push_back(generic("mysql-cli-password", Confidence::kMedium,
                        R"re(\bmysql(?:dump|admin)?\s[^\n|;]{0,120}\s-p["']?)re", R"re([^\s"'$\-][^\s"']{0,127})re",
                        R"re((?:[\s"']|$))re", 140 + 129,
                        {{"mysqldump -u root -pRvETBzdMRV4B shop > dump.sql", "RvETBzdMRV4B"}},
                        {"mysql -u root -p shop", "mysql -u root -p$MYSQL_PWD"}));
  // Signing secrets (JWT, session and cookie secrets, Rails' secret_key_base) are often typed
  // in and may hold any printable byte, quotes of the other kind and '/' included, so each
  // quoting gets its own rule: the value runs to the closing quote of its kind.
  const char *signing_names =
      R"re((?:jwt[_\-.]?secret|jwt[_\-.]?signing[_\-.]?key|secret[_\-.]?key[_\-.]?base|session[_\-.]?secret|cookie[_\-.]?secret)[A-Za-z0-9_]{0,16}["']?(?:[ \t]{0,16}(?:=>|:=|[:=])[ \t]{0,16}|[ \t]{1,3}))re";
  out.push_back(generic("signing-secret-quoted", Confidence::kMedium, std::string(signing_names) + "\"",
                        R"re([^\s"$<{%&\\/#*(.][^"\s]{7,255})re", "\"", 80 + 257,
                        {{"jwt_secret: \"q7'Lz/9vR$wX2!kT#pM4\"", "q7'Lz/9vR$wX2!kT#pM4"},
                         {"SESSION_SECRET=\"purple-monkey-dishwasher-42\"", "purple-monkey-dishwasher-42"}},
                        {"jwt_secret: \"${JWT_SECRET}\"", "jwtSecret: \"/run/jwt\"", "cookie_secret = \"$(openssl rand -hex 32)\""}));
  out.push_back(generic("signing-secret-single-quoted", Confidence::kMedium, std::string(signing_names) + "'",
                        R"re([^\s'$<{%&\\/#*(.][^'\s]{7,255})re", "'", 80 + 257,
                        {{"config.secret_key_base = 'Hq3\"vN8/xZ2;mR6pW0@tY4'", "Hq3\"vN8/xZ2;mR6pW0@tY4"}},
                        {"cookie_secret = '<generate one>'", "jwt_secret: '{{ jwt_secret }}'"}));
  // A Terraform variable whose name says it holds a credential, with a literal default.
  Rule tfvar = generic("terraform-variable-default", Confidence::kLow,
                       R"re(variable\s{1,3}"[A-Za-z0-9_\-]{0,40}(?:token|secret|password|passwd|api_?key|access_?key|private_?key|credential)[A-Za-z0-9_\-]{0,40}"\s{0,3}\{[^}]{0,200}default\s{0,16}=\s{0,3}")re",
                       R"re([^"\s$]{8,256})re", "\"", 340 + 257,
                       {{"variable \"corp_okta_api_token\" {\n  type    = string\n  default = \"00dK4wQx9Lm2Tr7cVb1Ns8Hj5Pg3Ye6Za0Uo4Ri7Wf\"\n}",
                         "00dK4wQx9Lm2Tr7cVb1Ns8Hj5Pg3Ye6Za0Uo4Ri7Wf"}},
                       {"variable \"api_token\" {\n  type    = string\n  default = \"\"\n}",
                        "variable \"db_password\" {\n  sensitive = true\n}\nvariable \"region\" {\n  default = \"eu-west-1\"\n}"});
  tfvar.validator = Validator::kEntropy;
  out.push_back(std::move(tfvar));
  Rule django = generic("django-secret-key", Confidence::kHigh, "", "django-insecure-[^'\"\\s]{40,60}", "[\"']", 77,
                        {{"SECRET_KEY = 'django-insecure-Ynrsw2JqnO0WymBFBQpznNRxTdS53wxpAKluY62UxJf2deO2c4'", "django-insecure-Ynrsw2JqnO0WymBFBQpznNRxTdS53wxpAKluY62UxJf2deO2c4"}},
                        {"django-insecure-short'"});
  django.flags = 0;
  django.mask_prefix = "django-insecure-";
  out.push_back(std::move(django));
}

// Identifiers (scrub.identifiers): user names and hosts on their own, beside no credential.
// Variables, templates and masks ($USER, #{...}, %USERNAME%, <user>) stay.
#define AG_USER_NAME R"re(\b(?:[A-Za-z0-9_]{0,40}[_.\-])?(?:user(?:[_.\-]?(?:name|id))?|login|uid))re"
// An identifier rule of this family whose whole pattern matches without case.
Rule caseless_identifier(const char *id, std::string prefix, std::string secret, std::string suffix, uint32_t max_len,
                         std::vector<Example> positives, std::vector<std::string> negatives) {
  Rule r = identifier(id, Family::kGeneric, std::move(prefix), std::move(secret), std::move(suffix), max_len,
                      std::move(positives), std::move(negatives));
  r.flags |= kCaseless;
  return r;
}

void add_identifiers(std::vector<Rule> &out) {
  const Family F = Family::kGeneric;
  out.push_back(caseless_identifier("username-assignment",
                                    AG_USER_NAME R"re(\\?(?:"|')?(?: |\t){0,16}(?:=>|:=|[:=])(?: |\t){0,16}\\?(?:"|['`]))re",
                                    R"re([A-Za-z0-9_][^"'`\s\\]{0,63})re", R"re(\\?(?:"|['`]))re", 60 + 40 + 64 + 2,
                                    {{"\"user\": \"svc-reporting\",", "svc-reporting"},
                                     {"$db_user = \\\"mg_ops7\\\";", "mg_ops7"},
                                     {"login: 'qa-tester'", "qa-tester"}},
                                    {"\"username\": \"$USER\"", "user = quote(user)", "\"user_agent\": \"curl/8.4\"",
                                     "usernameLabel:\"Username or email:\""}));
  // NAME=value with no blank around '=' (env files, DSNs, key=value logs).
  out.push_back(caseless_identifier("username-env-assignment", AG_USER_NAME "=", R"re([A-Za-z0-9_][A-Za-z0-9_.@+\\\-]{0,63})re",
                                    R"re((?:[\s;&,'"]|$))re", 60 + 40 + 64 + 1,
                                    {{"REACT_APP_AUTH_USERNAME=mdavies    # local only", "mdavies"},
                                     {"host=db1 port=5432 user=billing_ro dbname=billing", "billing_ro"},
                                     {"# SMTP_USER=relay-bot", "relay-bot"}},
                                    {"USERNAME=$DEPLOY_USER", "User=#{username}", "user=%USERNAME%", "username = env.TEST_USERNAME"}));
  out.push_back(caseless_identifier("cli-flag-user",
                                    R"re(\b(?:psexec|paexec|docker login|podman login|helm registry login|net use|runas|connect-viserver)[^\n|;]{0,160}\s-u(?:ser)?\s{1,3}(?:"|')?)re",
                                    R"re([^\s"'$%<{\-][^\s"']{0,63})re", R"re((?:"|'|\s|$))re", 210 + 64 + 1,
                                    {{"PsExec.exe \\\\host01 -u CORP\\svc-batch -p %PW% -i cmd", "CORP\\svc-batch"},
                                     {"Connect-VIServer vc01 -User \"ops-admin\" -Password $pw", "ops-admin"}},
                                    {"psexec \\\\host01 -u $User -p $Password cmd", "docker login --username-file x"}));
  out.push_back(identifier("netrc-machine", F, R"re(\bmachine[ \t]{1,4})re", R"re([^\s]{1,128})re",
                           R"re(\s{1,4}(?:login|password|account)\s)re", 12 + 128 + 14,
                           {{"machine git.corp.example\n  login deploy\n  password x\n", "git.corp.example"}},
                           {"the machine learning team", "machine api.example.com"}));
  out.push_back(identifier("netrc-login", F, R"re(\bmachine[ \t]{1,4}[^\s]{1,128}\s{1,4}login[ \t]{1,4})re",
                           R"re([^\s]{1,128})re", R"re((?:\s|$))re", 12 + 128 + 12 + 129,
                           {{"machine git.corp.example login deploy-bot password x", "deploy-bot"}},
                           {"login deploy-bot", "machine git.corp.example\n"}));
  // A host name (two or more labels, a letter top level) assigned to a host or server name:
  // SMTP_HOST=, "host": "...", $mail->Host = '...'. The name ends at a quote, blank, ';', ',',
  // '&', ':' (a port), '/' or the line end, not at a call's '(' (host = os.getenv(...)).
  // localhost and IP addresses are not host names here (the IP rules cover addresses).
  out.push_back(caseless_identifier("host-assignment",
                                    R"re(\b(?:[A-Za-z0-9_]{0,40}[_.\-])?(?:host(?:name)?|server(?:[_.\-]?name)?|smtp|relay)(?:"|')?(?: |\t){0,16}(?:=>|:=|[:=])(?: |\t){0,16}(?:"|['`])?)re",
                                    R"re([A-Za-z0-9][A-Za-z0-9\-]{0,62}(?:\.[A-Za-z0-9\-]{1,63}){0,7}\.[A-Za-z]{2,24})re",
                                    R"re((?:["'`\s;,&:/]|$))re", 90 + 536 + 1,
                                    {{"$mail->Host       = 'smtp.corp.example';", "smtp.corp.example"},
                                     {"SMTP_HOST=mail-relay.example.net", "mail-relay.example.net"},
                                     {"\"hostname\": \"db-7.internal.example.org\"", "db-7.internal.example.org"}},
                                    {"host: localhost", "\"host\": \"10.0.0.7\"", "server: nginx/1.25.3", "host = os.getenv(\"HOST\")"}));
  out.push_back(caseless_identifier("ldap-url-host", R"re(\bldaps?://)re", R"re([A-Za-z0-9\-._]{1,253})re",
                                    R"re((?:[^A-Za-z0-9\-._]|$))re", 8 + 253 + 1,
                                    {{"new DirectoryEntry(\"LDAP://dc01.corp.example\", user, pw)", "dc01.corp.example"},
                                     {"ldaps://10.20.0.4:636", "10.20.0.4"}},
                                    {"ldap:// is the scheme", "LDAP://${LDAP_HOST}"}));
}
#undef AG_USER_NAME

#undef AG_PAIR_PASSWORD
#undef AG_PAIR_INI
#undef AG_CLIENT_SECRET
#undef AG_PW_QUOTED
#undef AG_PW_INI_NAME
#undef AG_PW_INI_VALUE
#undef AG_PW_INI_END
#undef AG_PW_FIRST

}  // namespace

void add_generic_rules(std::vector<Rule> &out) {
  add_tokens(out);
  add_passwords(out);
  add_identifiers(out);
}

}  // namespace ag::scrub
