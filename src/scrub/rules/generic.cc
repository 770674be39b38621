// Generic credentials recognised by context rather than format: JWTs, Authorization
// headers, password and secret assignments, credentials in URLs and command lines.
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
  Rule r;
  r.id = id;
  r.family = Family::kGeneric;
  r.confidence = confidence;
  r.prefix = std::move(prefix);
  r.secret = secret;
  r.suffix = suffix;
  r.max_len = max_len;
  r.flags = kCaseless;
  r.positives = std::move(positives);
  r.negatives = std::move(negatives);
  return r;
}

// First byte of a password that is not a variable, template, mask or comment.
#define AG_PW_FIRST R"re([^\s"'`$<{%&\\/#*(.])re"

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
  out.push_back(std::move(assign));
}

void add_passwords(std::vector<Rule> &out) {
  out.push_back(generic("password-assignment", Confidence::kMedium,
                        R"re((?:password|passwd|passphrase|pwd|secret)[A-Za-z0-9_]{0,16}["']?(?:[ \t]{0,16}(?:=>|:=|==|!=|[:=])[ \t]{0,3}|[ \t]{1,3})[@$]?["'])re",
                        AG_PW_FIRST R"re([^"'\s/]{2,126}[^"'\s:/])re", R"re(["'])re", 60 + 129,
                        {{"password = \"Tr0ub4dor&3x\"\n", "Tr0ub4dor&3x"},
                         {"\"password\": \"super$ecret\",", "super$ecret"},
                         {"if username == \"admin\" and password == \"team10\":", "team10"},
                         {"db_passwd => 'Pass123!@#',", "Pass123!@#"},
                         {"credentials {\n  username 'deploy'\n  password 'V1LjJy0NbC3q'\n}", "V1LjJy0NbC3q"},
                         {":password       => 'ayBCJaOR',", "ayBCJaOR"}},
                        {"password = \"123\"", "\"password\": \"$super$ecret\"", "password = \"<YOUR PASSWORD>\"",
                         "passwordLabel:\"Password:\"", "this.addPassword = \"#add-password\";",
                         "password: \"{{ vault_password }}\"", "put '/forgot-password' => \"cms/sites/passwords#update\"",
                         "echo 'password = '.$p['config']['daemon_password'];"}));
  out.push_back(generic("password-env-assignment", Confidence::kMedium,
                        R"re(\b[A-Za-z0-9_]{0,40}(?:PASSWORD|PASSWD|PASSWORT|PASS|PWD|Password|password|passwd)\s{0,2}=)re",
                        AG_PW_FIRST R"re([^\s"'&;,]{2,127})re", R"re((?:[\s;&,]|$))re", 60 + 129,
                        {{"REACT_APP_AUTH_PASSWORD=RvETBzdMRV4B  # local", "RvETBzdMRV4B"},
                         {"[db]\nPassword=ZYrn2wkYPA\n", "ZYrn2wkYPA"}},
                        {"PASSWORD=$(cat /run/secrets/pw)", "password=###### dbname=x",
                         "REACT_APP_FORGOT_PASSWORD=$BASE/#/forgot_password", "PGPASSWORD=\"$DB_PASSWORD\""}));
  out.back().flags = 0;  // env names are upper case; "Pass=" in prose stays
  out.push_back(generic("password-prose", Confidence::kLow,
                        R"re(password (?:is|was|for [^\n]{1,32} is)\s{0,2}:?\s{0,2}["'`])re",
                        "[^\"'`\\s]{3,64}", R"re(["'`])re", 64 + 65,
                        {{"The default password is 'blooberry'", "blooberry"},
                         {"ensure the password for user 'postgres' is \"1dAKIjgEg3\"", "1dAKIjgEg3"}},
                        {"the password is stored in vault", "password is ''"}));
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
  out.push_back(generic("curl-user-password", Confidence::kHigh,
                        R"re(\bcurl(?:\s[^\n|;]{0,160})?\s(?:-u|--user)\s{1,3}["']?[^\s:"'@]{1,64}:)re",
                        R"re([^\s"'@$<{][^\s"'@]{0,127})re", R"re((?:[\s"']|$))re", 240 + 129,
                        {{"curl -u deploy:cwEDBrs94WoRqDZf https://ci.example.com/api", "cwEDBrs94WoRqDZf"}},
                        {"curl -u \"$USER:$TOKEN\" https://x", "docker run -u 1000:1000 img"}));
  out.push_back(generic("netrc-password", Confidence::kHigh,
                        R"re(machine\s{1,4}[^\s]{1,128}\s{1,4}login\s{1,4}[^\s]{1,128}\s{1,4}password\s{1,4})re",
                        R"re([^\s]{1,128})re", R"re((?:\s|$))re", 280 + 129,
                        {{"machine api.example.com\n  login deploy\n  password yLZ3kjhE9xU6J3xI4tW7\n", "yLZ3kjhE9xU6J3xI4tW7"}},
                        {"machine api.example.com login deploy"}));
  out.push_back(generic("url-credentials", Confidence::kHigh,
                        R"re(\b[a-z][a-z0-9+.\-]{1,20}://[^\s:/@"'<>]{1,64}:)re", R"re([^\s:/@"'<>$]{1,128})re", "@",
                        24 + 64 + 129 + 1,
                        {{"git clone https://deploy:yLZ3kjhE9xU6J3xI4tW7@git.example.com/acme/app.git", "yLZ3kjhE9xU6J3xI4tW7"},
                         {"ftp://backup:qCu8eA1nOlpj@files.example.net/", "qCu8eA1nOlpj"}},
                        {"https://example.com:8443/path", "https://example.com/@user", "http://localhost:3000/@user"}));
  out.push_back(generic("xml-config-password", Confidence::kMedium,
                        R"re(key="[A-Za-z0-9_.\-]{0,40}(?:password|pwd|secret|apikey|token)"\s{1,4}value=")re",
                        R"re([^"\s$<{][^"]{0,127})re", "\"", 60 + 129,
                        {{"<add key=\"FromEmailPassword\" value=\"RvETBzdMRV4B\"/>", "RvETBzdMRV4B"}},
                        {"<add key=\"PasswordMinLength\" value=\"\"/>", "<add key=\"SmtpPassword\" value=\"$(SMTP)\"/>"}));
  out.push_back(generic("dotnet-network-credential", Confidence::kMedium,
                        R"re(NetworkCredential\(\s{0,2}"[^"]{1,64}"\s{0,2},\s{0,2}")re", R"re([^"]{1,128})re", "\"",
                        90 + 129, {{"new NetworkCredential(\"ci\", \"cwEDBrs94WoRqDZf\");", "cwEDBrs94WoRqDZf"}},
                        {"new NetworkCredential(user, password)"}));
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

#undef AG_PW_FIRST

}  // namespace

void add_generic_rules(std::vector<Rule> &out) {
  add_tokens(out);
  add_passwords(out);
}

}  // namespace ag::scrub
