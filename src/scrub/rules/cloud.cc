// Cloud providers and infrastructure platforms: AWS, Google Cloud, Azure, DigitalOcean,
// Heroku, Cloudflare, Vercel, Netlify, Supabase, Firebase, Alibaba, HashiCorp, Doppler,
// Databricks, Kubernetes and other hosting platforms.
#include "scrub/rules/fragments.h"
#include "scrub/rules/tables.h"

namespace ag::scrub {

using namespace frag;

namespace {

void add_aws(std::vector<Rule> &out) {
  const Family F = Family::kCloud;
  out.push_back(token("aws-access-key-id", F, "AKIA[A-Z0-9]{16}", 20, "AKIA",
                      {{"aws_access_key_id = AKIAW7UBJ4WIADL009ES", "AKIAW7UBJ4WIADL009ES"}},
                      {"AKIASD5QGCXFTIJNLEJ", "AKIA9FGYQM5R4142FW6OB", "AKIAabcdefghijklmnop"}, kEndAlnum));
  out.push_back(token("aws-temporary-access-key-id", F, "ASIA[A-Z0-9]{16}", 20, "ASIA",
                      {{R"("AccessKeyId": "ASIAW7UBJ4WIADL009ES")", "ASIAW7UBJ4WIADL009ES"}},
                      {"ASIAI1X5LR9UAWL5", "XASIAH4IV72YSKXRQSKQ2"}, kEndAlnum));
  out.push_back(token("aws-other-access-key-id", F, "(?:ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}", 20,
                      "", {{"key=ABIAW7UBJ4WIADL009ES", "ABIAW7UBJ4WIADL009ES"},
                           {"A3TX5ZNYVDYIX1LAY71H", "A3TX5ZNYVDYIX1LAY71H"}},
                      {"ACCA8GZT1CQ3JY", "A3TA545NDY6YOWT6HG593L5"}, kEndAlnum));
  out.push_back(keyed("aws-secret-access-key", F,
                      "aws[_\\-.]?secret|secret[_\\-.]?access[_\\-.]?key",
                      "[A-Za-z0-9/+]{40}", 40,
                      {{"AWS_SECRET_ACCESS_KEY=EPcva6oo0+NEsizIPk/kqqBK5NMjGrDAG3IK/qoQ", "EPcva6oo0+NEsizIPk/kqqBK5NMjGrDAG3IK/qoQ"},
                       {"aws_secret_access_key: NgLdv62qUaL9AshdzX99iOWP5wxTHb77R099NjbK", "NgLdv62qUaL9AshdzX99iOWP5wxTHb77R099NjbK"}},
                      {"aws_secret_access_key = OAQX4wPt4DY393oMYBhwmmbbw6403Qng317GIzs", "aws_secret_access_key = DNNX2+f7ivQUqxcB8I04cgc8XdnZwMdOpPlG1zFEfiMf",
                       "AWS_SECRET_ACCESS_KEY=${AWS_SECRET}"},
                      kEndB64));
  out.push_back(keyed("aws-session-token", F, "aws[_\\-.]?session[_\\-.]?token|x-amz-security-token",
                      "[A-Za-z0-9/+]{100,}={0,2}", 1502,
                      {{"AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjNYhwXVRA/mayywrbZqs7pXM3PKRP4yUdr9h2AprR5lB9rflEVYW23RzqFgAxUVjPJK94OxZJTH6Aq6OFlxR2OhZObc0AcZ8b60pi5I4uJrrMCtSCagQfGm/JGWrHIIjoLCahd0SRj9sWlBNRIz9VqucV88L9Cqshe95KV7ROftAfw54JfKoO7gY50nLXd9uxATl89VbleNnt2RRW2sP+QW9oaA/yjWH3rbl4nS+GQ8fJluycdSPWaQZnyq30QHRaDDHKbULf6+o9FEIwcKClajX5lGIm7pInhM3AsvAnZrdA", "IQoJb3JpZ2luX2VjNYhwXVRA/mayywrbZqs7pXM3PKRP4yUdr9h2AprR5lB9rflEVYW23RzqFgAxUVjPJK94OxZJTH6Aq6OFlxR2OhZObc0AcZ8b60pi5I4uJrrMCtSCagQfGm/JGWrHIIjoLCahd0SRj9sWlBNRIz9VqucV88L9Cqshe95KV7ROftAfw54JfKoO7gY50nLXd9uxATl89VbleNnt2RRW2sP+QW9oaA/yjWH3rbl4nS+GQ8fJluycdSPWaQZnyq30QHRaDDHKbULf6+o9FEIwcKClajX5lGIm7pInhM3AsvAnZrdA"}},
                      {"AWS_SESSION_TOKEN=$(aws sts get-session-token)", "aws_session_token = XK6oHLjxglrZO/mdu0tzfPwyIOtzmKJGGy37Mkgeb2uVyu8VbRf8GBqA+jj3"},
                      kEndB64));
  out.push_back(token("aws-sts-token", F, "(?:FwoGZXIvYXdz|IQoJb3JpZ2lu)[A-Za-z0-9/+]{100,}={0,2}",
                      1516, "", {{"token: FwoGZXIvYXdziSMw+Y1wFnaoU7ID4YvxrqVqGoIW7TYVbkIlnMV5e2DCatITkgXIliYxWkKIny27B9a7XSoE+PneagjEBf9LYCxfR87jxAWFPt1Lo+s9LXS2ayMKVrkPVyTHShxFKbFCJb3BwUbl4qhe28d2vyuKpao/B+rx3sD9bZ/iYbc6GWojctibEYuVhHvieSbpsEyuPjfiTq3m", "FwoGZXIvYXdziSMw+Y1wFnaoU7ID4YvxrqVqGoIW7TYVbkIlnMV5e2DCatITkgXIliYxWkKIny27B9a7XSoE+PneagjEBf9LYCxfR87jxAWFPt1Lo+s9LXS2ayMKVrkPVyTHShxFKbFCJb3BwUbl4qhe28d2vyuKpao/B+rx3sD9bZ/iYbc6GWojctibEYuVhHvieSbpsEyuPjfiTq3m"}},
                      {"FwoGZXIvYXdzWfM1TaZAk4zc5s5xEQGUb4JuUsZSSmtbjKGFlB9c", "IQoJb3JpZ2lu is a prefix"}, kEndB64));
  out.push_back(token("aws-mws-auth-token", F,
                      "amzn\\.mws\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", 45,
                      "amzn.mws.",
                      {{"MWS_AUTH_TOKEN=amzn.mws.42074c90-b73d-ea3c-f5db-3cadd5743032",
                        "amzn.mws.42074c90-b73d-ea3c-f5db-3cadd5743032"}},
                      {"amzn.mws.835224fd-48e6", "amzn.mws.example"}));
  out.push_back(keyed("aws-account-id", F, "aws[_\\-.]?account[_\\-.]?id",
                      "[0-9]{12}", 12, {{"AWS_ACCOUNT_ID=076108624721", "076108624721"},
                                        {R"("AWSAccountId": "804216518950")", "804216518950"}},
                      {"aws_account_id=19712498418", "aws_account_id=3664625864429"}, kEndAlnum));
  out.push_back(token("aws-appsync-api-key", F, "da2-[a-z0-9]{26}", 30, "da2-",
                      {{"aws_appsync_apiKey: 'da2-1zxcy5hicjkmlrzwbjjotm46qq'", "da2-1zxcy5hicjkmlrzwbjjotm46qq"}},
                      {"da2-02mdyijd7wx4t41detin", "da2-ktt13hgm96vat845h778iy6q20r5h4"}));
  Rule arn = token("aws-arn", F,
                   "arn:aws[a-z\\-]{0,10}:[a-z0-9\\-]{2,32}:[a-z0-9\\-]{0,20}:[0-9]{0,12}:[A-Za-z0-9_/:.*{}$+=,@\\-]{1,256}",
                   350, "arn:", {{"Resource: arn:aws:iam::076108624721:role/deploy-bot", "arn:aws:iam::076108624721:role/deploy-bot"}},
                   {"arn:aws", "the arn of the role"}, "(?:[^A-Za-z0-9_/:.*{}$+=,@\\-]|$)");
  arn.confidence = Confidence::kLow;
  arn.flags = kDefaultOff;
  out.push_back(std::move(arn));
}

void add_gcp(std::vector<Rule> &out) {
  const Family F = Family::kCloud;
  out.push_back(token("google-api-key", F, "AIza[0-9A-Za-z_\\-]{35}", 39, "AIza",
                      {{"var DEVELOPER_KEY = 'AIzaqalUwlLBF_ALpGjHdQ9W0DMC_F__dL1VO8r';", "AIzaqalUwlLBF_ALpGjHdQ9W0DMC_F__dL1VO8r"},
                       {"GEMINI_API_KEY=AIzaBxZwJkiaiWxcgi6ueaYGTd3xryXd4uQmjFN", "AIzaBxZwJkiaiWxcgi6ueaYGTd3xryXd4uQmjFN"}},
                      {"AIzaTM4yr_ucb1JNYs_zPTRQdUyNhdk90u", "AIzaURJN0FA5Zu7U7Q7nsi6TIqFNtn8DWuQNOJV57mBI"}));
  Rule sa;
  sa.id = "gcp-service-account-private-key";
  sa.family = F;
  sa.confidence = Confidence::kHigh;
  sa.prefix = R"re("private_key"\s{0,4}:\s{0,4}")re";
  sa.secret = R"re(-----BEGIN (?:RSA )?PRIVATE KEY-----[A-Za-z0-9+/=\\\r\n]{64,}-----END (?:RSA )?PRIVATE KEY-----(?:\\n)?)re";
  sa.suffix = "\"";
  sa.max_len = 8200;
  sa.mask_prefix = "-----BEGIN ";
  sa.positives = {{R"({"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEF7xRpqV+ERThJeNTAXG3EUk1mIAbI0LCHXfRj7Q3J5n7joLqXnAWXbUcagtddllY\nKTs+KlXc0m/cgFtIgNhq1t/J/K3vHVZL8GoM0yyIpjKk+om9voPQOckzgyoiiiVR\n-----END PRIVATE KEY-----\n", "client_email": "x"})",
                   R"(-----BEGIN PRIVATE KEY-----\nMIIEF7xRpqV+ERThJeNTAXG3EUk1mIAbI0LCHXfRj7Q3J5n7joLqXnAWXbUcagtddllY\nKTs+KlXc0m/cgFtIgNhq1t/J/K3vHVZL8GoM0yyIpjKk+om9voPQOckzgyoiiiVR\n-----END PRIVATE KEY-----\n)"}};
  sa.negatives = {R"("private_key": "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n")",
                  R"("private_key": "")"};
  out.push_back(std::move(sa));
  out.push_back(keyed("gcp-private-key-id", F, "private_key_id", "[0-9a-f]{40}", 40,
                      {{R"("private_key_id": "64679754c8248c139ed9e48c6dc3146340df35cc",)", "64679754c8248c139ed9e48c6dc3146340df35cc"}},
                      {R"("private_key_id": "c75bfac80c20c49a389d51b7f2396b74")"}, kEndAlnum));
  out.push_back(token("google-oauth-client-secret", F, "GOCSPX-[A-Za-z0-9_\\-]{28}", 35, "GOCSPX-",
                      {{"const CLIENT_SECRET = \"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\"", "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"}},
                      {"GOCSPX-d5gfIUXnrzNRUK92i0ze", "GOCSPX-your-secret"}));
  out.push_back(token("google-oauth-access-token", F, "ya29\\.[A-Za-z0-9_\\-]{30,}", 2053, "ya29.",
                      {{"Authorization: OAuth ya29.EfFtUIHOKDGHKqmuUst8dgZRgUzz1-Pv_lVEWwGqWCniaiqieR-4xGv-v1YkCwibdAMSYW3nGHXu2WdL7j0c92h4MAqVndaLtRmUIasEbfm-Ikao53PPHLIQ", "ya29.EfFtUIHOKDGHKqmuUst8dgZRgUzz1-Pv_lVEWwGqWCniaiqieR-4xGv-v1YkCwibdAMSYW3nGHXu2WdL7j0c92h4MAqVndaLtRmUIasEbfm-Ikao53PPHLIQ"}},
                      {"ya29.short", "version ya29.1"}));
  out.push_back(token("google-oauth-refresh-token", F, "1//0[A-Za-z0-9_\\-]{40,}", 516, "1//0",
                      {{R"("refresh_token": "1//048C5m4U8DP_kYhO2bSAdntgY6sX3rb4ZEaRWLptndhtGz0c3WoEADgz1rNqwNsnfoDDrXm2A40QLYd059G-WP43R1l66xmTI4Gw")", "1//048C5m4U8DP_kYhO2bSAdntgY6sX3rb4ZEaRWLptndhtGz0c3WoEADgz1rNqwNsnfoDDrXm2A40QLYd059G-WP43R1l66xmTI4Gw"}},
                      {"1//0S2C4R8-cDD", "http://0.0.0.0/"}));
  Rule cid = token("google-oauth-client-id", F, "[0-9]{6,14}-[a-z0-9]{32}", 47, "",
                   {{"clientID: '076108624721-mbfe2z092ek65ch2bfb6faf4aleslrbh.apps.googleusercontent.com',",
                     "076108624721-mbfe2z092ek65ch2bfb6faf4aleslrbh"}},
                   {"231751268479-wa4ij0n93n1ly6896iu7uvz5pietjhkd.example.com", "apps.googleusercontent.com"},
                   R"re(\.apps\.googleusercontent\.com)re");
  cid.confidence = Confidence::kMedium;
  cid.max_len = 47 + 27;
  out.push_back(std::move(cid));
}

void add_azure(std::vector<Rule> &out) {
  const Family F = Family::kCloud;
  Rule key;
  key.id = "azure-storage-account-key";
  key.family = F;
  key.confidence = Confidence::kHigh;
  key.prefix = R"re(AccountKey\s{0,2}=\s{0,2})re";
  key.secret = "[A-Za-z0-9+/]{86}==";
  key.suffix = kEndB64;
  key.max_len = 11 + 4 + 88 + 1;
  key.positives = {{"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=RPQlo15RjJyQ0WpMUbFna0/ya4vk/Z6Exyte1ftzrLF96VNK295ulAse28BXzibM1CSB5H3UBvQvu2x/i/qjLV==;EndpointSuffix=core.windows.net",
                    "RPQlo15RjJyQ0WpMUbFna0/ya4vk/Z6Exyte1ftzrLF96VNK295ulAse28BXzibM1CSB5H3UBvQvu2x/i/qjLV=="}};
  key.negatives = {"AccountName=X;AccountKey=X;", "AccountKey=<YOUR_ACCOUNT_KEY>;"};
  out.push_back(std::move(key));
  Rule sas;
  sas.id = "azure-sas-signature";
  sas.family = F;
  sas.confidence = Confidence::kHigh;
  sas.prefix = R"re(\bsv=[0-9]{4}-[0-9]{2}-[0-9]{2}&[^\s"'<>]{0,}[?&]sig=)re";
  sas.secret = "[A-Za-z0-9%+/]{40,120}";
  sas.suffix = "(?:[^A-Za-z0-9%+/=]|$)";
  sas.max_len = 420 + 120 + 1;
  sas.positives = {{"https://acme.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&sig=u1IqVcUXIcq3Lri8Q4iDbFFWpQ1p36znbCazjNA3kmY%3D",
                    "u1IqVcUXIcq3Lri8Q4iDbFFWpQ1p36znbCazjNA3kmY%3D"}};
  sas.negatives = {"https://example.com/?sv=2022-11-02&sig=<signature>", "?sig=abc"};
  out.push_back(std::move(sas));
  Rule sak;
  sak.id = "azure-shared-access-key";
  sak.family = F;
  sak.confidence = Confidence::kHigh;
  sak.prefix = R"re(SharedAccessKey\s{0,2}=\s{0,2})re";
  sak.secret = "[A-Za-z0-9+/]{43}=";
  sak.suffix = kEndB64;
  sak.max_len = 19 + 44 + 1;
  sak.positives = {{"Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=vS+iU2RGJ3Ar5WpgRmyAEaFQ6tm4ez4f8tWsISM6hHS=",
                    "vS+iU2RGJ3Ar5WpgRmyAEaFQ6tm4ez4f8tWsISM6hHS="}};
  sak.negatives = {"SharedAccessKeyName=[name];SharedAccessKey=[Shared Access key goes here];"};
  out.push_back(std::move(sak));
  Rule appcfg;
  appcfg.id = "azure-app-configuration-secret";
  appcfg.family = F;
  appcfg.confidence = Confidence::kHigh;
  appcfg.prefix = R"re(\.azconfig\.io;Id=[^;\s"']{1,64};Secret=)re";
  appcfg.secret = "[A-Za-z0-9+/]{43}=";
  appcfg.suffix = kEndB64;
  appcfg.max_len = 100 + 44 + 1;
  appcfg.positives = {{"Endpoint=https://acme.azconfig.io;Id=a1b2-c3-s0:MbDnfIah8aw2HV2I1x4X;Secret=vS+iU2RGJ3Ar5WpgRmyAEaFQ6tm4ez4f8tWsISM6hHS=",
                       "vS+iU2RGJ3Ar5WpgRmyAEaFQ6tm4ez4f8tWsISM6hHS="}};
  appcfg.negatives = {"Endpoint=https://contoso.azconfig.io;Id=xxx;Secret=xxx"};
  out.push_back(std::move(appcfg));
  out.push_back(token("azure-devops-pat", F, "[A-Za-z0-9]{52}JQQJ[A-Za-z0-9]{20}AZDO[A-Za-z0-9]{4}", 84, "",
                      {{"azure_devops_pat = \"GZ0xwOesmmTiotBpheekMkDFapFwr3QjgyscKHXvclatBBxfY6unJQQJPfHa2Sb9RprbkfkomZuTAZDOwuEE\"",
                        "GZ0xwOesmmTiotBpheekMkDFapFwr3QjgyscKHXvclatBBxfY6unJQQJPfHa2Sb9RprbkfkomZuTAZDOwuEE"}},
                      {"OEZJYWorBjBvhpDMHydllktpYExMYzaRpVOtJV1ZgePFMfwWEfYuJQQJ8hQBqUaqNCymAIwfpuhSAZDOmSF", "klotUiGkMB2ZpssIKgqnNJnA8SXxqaKRshK7djNuJyQttBJmfdNjs5OBZJcuicelqUbClxjrqIHceFuho9k5"}, kEndAlnum));
  out.push_back(keyed("azure-devops-legacy-pat", F,
                      "personal[_\\-]?access[_\\-]?token|azure[_\\-]?devops[_\\-]?(?:pat|token)|ado[_\\-]?pat|vsts[_\\-]?token",
                      "[a-z2-7]{52}", 52,
                      {{"ado_pat = \"75n555shkuxzgc7xkyxqnbfk3ef5cpiao2j367l5lk3q4tkifccq\"", "75n555shkuxzgc7xkyxqnbfk3ef5cpiao2j367l5lk3q4tkifccq"}},
                      {"ado_pat = \"derj3fhjkhx3myrwofof4u3u4dcmggxmskg34rfn\"", "2j4v7ac5mz7oqc6wt6mlmnawnt6wgylq7hoqtaqztsf6pdca2rbr"}, kEndAlnum));
  out.push_back(token("azure-entra-client-secret", F, "[A-Za-z0-9_~.\\-]{3}[78]Q~[A-Za-z0-9_~.\\-]{31,34}", 40,
                      "", {{"AZURE_CLIENT_SECRET=Ab18Q~6zuRUa_l0LLe9qtFObd00PwfRNFZENuARg", "Ab18Q~6zuRUa_l0LLe9qtFObd00PwfRNFZENuARg"}},
                      {"value 8Q~ alone", "Ab18Q~short"}, "(?:[^A-Za-z0-9_~.\\-]|$)"));
}

void add_platforms(std::vector<Rule> &out) {
  const Family F = Family::kCloud;
  out.push_back(token("digitalocean-pat", F, "dop_v1_[a-f0-9]{64}", 71, "dop_v1_",
                      {{"token = \"dop_v1_936f5cceeaa4229145b87dbfc7070055ed61931de6bb8c543e9b58c6bca5604f\"", "dop_v1_936f5cceeaa4229145b87dbfc7070055ed61931de6bb8c543e9b58c6bca5604f"}},
                      {"dop_v1_6814161f51143805707cc7030540d622a7be36063ad70e1d0c8ec8436748", "dop_v1_<your token>"}));
  out.push_back(token("digitalocean-oauth-token", F, "doo_v1_[a-f0-9]{64}", 71, "doo_v1_",
                      {{"Authorization: Bearer doo_v1_936f5cceeaa4229145b87dbfc7070055ed61931de6bb8c543e9b58c6bca5604f", "doo_v1_936f5cceeaa4229145b87dbfc7070055ed61931de6bb8c543e9b58c6bca5604f"}},
                      {"doo_v1_e3c1ea4021da508d4c33e8210289dc319c50ff5d143d9a21ce6f9aeda1498ad"}));
  out.push_back(token("digitalocean-refresh-token", F, "dor_v1_[a-f0-9]{64}", 71, "dor_v1_",
                      {{R"("refresh_token": "dor_v1_936f5cceeaa4229145b87dbfc7070055ed61931de6bb8c543e9b58c6bca5604f",)", "dor_v1_936f5cceeaa4229145b87dbfc7070055ed61931de6bb8c543e9b58c6bca5604f"}},
                      {"dor_v1_92d77dd0d90c06c803c188d726634298e097725a8ab5ea500e244fbb4d1d29192"}));
  out.push_back(token("heroku-api-key-v2", F, "HRKU-[A-Za-z0-9_\\-]{56,64}", 69, "HRKU-",
                      {{"HEROKU_API_KEY=HRKU-AAhms2Gp-0Bg_QYeBL8y4DIJTxe9IPXTCZ5Obkb5nT07ElJbh2jBKaoQSASH", "HRKU-AAhms2Gp-0Bg_QYeBL8y4DIJTxe9IPXTCZ5Obkb5nT07ElJbh2jBKaoQSASH"}},
                      {"HRKU-XS-mkoeBvFAMCEcrHgrX"}));
  out.push_back(keyed("heroku-api-key", F, "heroku", kUuid, 36,
                      {{"HEROKU_API_KEY: 42074c90-b73d-ea3c-f5db-3cadd5743032",
                        "42074c90-b73d-ea3c-f5db-3cadd5743032"}},
                      {"curl https://api.heroku.com/apps/b0bcb64a-8399-9690-e1a7-8c01f1c2eb6c/builds"}));
  out.push_back(keyed("cloudflare-api-token", F, "cloudflare[_\\-.]?(?:api[_\\-.]?)?token|cf[_\\-]api[_\\-]token",
                      "[A-Za-z0-9_\\-]{40}", 40,
                      {{"CLOUDFLARE_API_TOKEN=UOyNZMJDBdOCe7m-W2R-141ODGGATdOivxTNrHiQ", "UOyNZMJDBdOCe7m-W2R-141ODGGATdOivxTNrHiQ"}},
                      {"CLOUDFLARE_API_TOKEN=W1H87BpQRS0TYriKBp98TmBv05hsIv"}));
  out.push_back(keyed("cloudflare-global-api-key", F, "cloudflare[_\\-.]?(?:global[_\\-.]?)?(?:api[_\\-.]?)?key|cf[_\\-]api[_\\-]key",
                      "[a-f0-9]{37}", 37, {{"CF_API_KEY: 845a02b20088e27665f47e82f00d70c9d4702", "845a02b20088e27665f47e82f00d70c9d4702"}},
                      {"CF_API_KEY: 56edfa25207ccff9e32e75e090a92e22"}));
  out.push_back(token("cloudflare-origin-ca-key", F, "v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}", 176, "v1.0-",
                      {{"origin_ca_key = \"v1.0-d7fa2fa42472c386e91ba9cd-139025e37e14c75fa18a0caf806b36f7454f83efd9cc4b64c836828cfb089732e44300424d37e491de16b8dc160abb2303cc58691e2d3405e6ebdbf88d30336ff084de206046bea29c\"", "v1.0-d7fa2fa42472c386e91ba9cd-139025e37e14c75fa18a0caf806b36f7454f83efd9cc4b64c836828cfb089732e44300424d37e491de16b8dc160abb2303cc58691e2d3405e6ebdbf88d30336ff084de206046bea29c"}},
                      {"v1.0-e1d0e5593ed323b3323f068f", "version v1.0-beta"}));
  out.push_back(keyed("vercel-token", F, "vercel[_\\-.]?(?:api[_\\-.]?)?(?:token|key)|VERCEL_ACCESS_TOKEN",
                      "[A-Za-z0-9]{24}", 24, {{"VERCEL_TOKEN=gJ2QNycAzXkNr0bRYgd8JwIl", "gJ2QNycAzXkNr0bRYgd8JwIl"}},
                      {"VERCEL_TOKEN=y7V2crL7TinSbwrB8CGU", "VERCEL_TOKEN=${{ secrets.VERCEL_TOKEN }}"}, kEndAlnum));
  out.push_back(token("netlify-pat", F, "nfp_[A-Za-z0-9]{36}", 40, "nfp_",
                      {{"NETLIFY_AUTH_TOKEN=nfp_rzT94A7lJqoqrlZyOg8VHTlx6YtDnqccIexT", "nfp_rzT94A7lJqoqrlZyOg8VHTlx6YtDnqccIexT"}}, {"nfp_8JjGMcfDid6LZiATQ0PHFn5KtzWBgU"},
                      kEndAlnum));
  out.push_back(keyed("netlify-token", F, "netlify[_\\-.]?(?:auth[_\\-.]?)?(?:token|key)",
                      "[A-Za-z0-9_\\-]{40,46}", 46, {{"NETLIFY_AUTH_TOKEN: eYNKs0DJZ5uU932JBx-7X9-0gK8bioJjjbmDFA0Nlq9", "eYNKs0DJZ5uU932JBx-7X9-0gK8bioJjjbmDFA0Nlq9"}},
                      {"NETLIFY_AUTH_TOKEN: ${NETLIFY}"}));
  out.push_back(token("supabase-pat", F, "sbp_[a-f0-9]{40}", 44, "sbp_",
                      {{"SUPABASE_ACCESS_TOKEN=sbp_64679754c8248c139ed9e48c6dc3146340df35cc", "sbp_64679754c8248c139ed9e48c6dc3146340df35cc"}},
                      {"sbp_d8ae3844ef0c76d354421b5408109d74"}));
  out.push_back(token("supabase-secret-key", F, "sb_secret_[A-Za-z0-9_\\-]{31,64}", 74, "sb_secret_",
                      {{"SUPABASE_SECRET_KEY=sb_secret_tkeP7pmKBsR4lTFoVYIvuWCnp3nkfr_", "sb_secret_tkeP7pmKBsR4lTFoVYIvuWCnp3nkfr_"}},
                      {"sb_secret_...", "sb_publishable_jSAa0z9YggTj01Q25fHuO_IPBl7tpvi"}));
  out.push_back(keyed("supabase-service-role-key", F, "service[_\\-]?role(?:[_\\-]?key)?|supabase[_\\-]?(?:service|secret)[_\\-]?key",
                      "eyJ[A-Za-z0-9_\\-]{10,}\\.eyJ[A-Za-z0-9_\\-]{10,}\\.[A-Za-z0-9_\\-]{20,}", 2010,
                      {{"SUPABASE_SERVICE_ROLE_KEY=eyJVZ2BaEJoKG25YO-M-FkMjFcBdmealhZsa.eyJdLKNM6JOJlb5xrP0xDCBUHwPVEK4ueHPh_SQ-Z1IYMkSeaQfJLhl8ogy8Jv5Ywoq6tHkuWsKvtvoiDHiuPPVj4k-vUQG_91PSKcVIJT8TKn4BkXkU_gPTM3l.psdWzzP9E419MiBWY4HJi36kL1hF4yL0qHxv3W1gyFj",
                        "eyJVZ2BaEJoKG25YO-M-FkMjFcBdmealhZsa.eyJdLKNM6JOJlb5xrP0xDCBUHwPVEK4ueHPh_SQ-Z1IYMkSeaQfJLhl8ogy8Jv5Ywoq6tHkuWsKvtvoiDHiuPPVj4k-vUQG_91PSKcVIJT8TKn4BkXkU_gPTM3l.psdWzzP9E419MiBWY4HJi36kL1hF4yL0qHxv3W1gyFj"}},
                      {"SUPABASE_SERVICE_ROLE_KEY=your-service-role-key"}));
  out.push_back(token("firebase-fcm-server-key", F, "AAAA[A-Za-z0-9_\\-]{7}:APA91b[A-Za-z0-9_\\-]{120,180}", 197,
                      "AAAA", {{"FCM_SERVER_KEY=AAAA1ttzxqZ:APA91bqXeFlyPvpn-IXYQINCp6V-vIatebdWWt7tJJNYKshiSgf7-cbJQeGeAeeizkYftBjMuZXVmynzzOc0-mHu3DGmvwjF0IZSVJwdyPjm4O2t33EELOW5lVWLbwGci0LEiwkidnQo", "AAAA1ttzxqZ:APA91bqXeFlyPvpn-IXYQINCp6V-vIatebdWWt7tJJNYKshiSgf7-cbJQeGeAeeizkYftBjMuZXVmynzzOc0-mHu3DGmvwjF0IZSVJwdyPjm4O2t33EELOW5lVWLbwGci0LEiwkidnQo"}},
                      {"AAAARA_olEQ:APA91bX_ce6BfExX3l_FRmS5nd"}));
  out.push_back(token("alibaba-access-key-id", F, "LTAI[A-Za-z0-9]{12,20}", 24, "LTAI",
                      {{"ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIPmwWYD5aNgNACCtobwJK", "LTAIPmwWYD5aNgNACCtobwJK"}},
                      {"LTAID4hVOWXV", "LTAInH8PiVub5cigxdHLUxjbLX4P"}, kEndAlnum));
  out.push_back(keyed("alibaba-access-key-secret", F, "(?:alibaba|aliyun)[_\\-.]?(?:cloud[_\\-.]?)?(?:access[_\\-.]?)?(?:key[_\\-.]?)?secret",
                      "[A-Za-z0-9]{30}", 30, {{"ALIBABA_CLOUD_ACCESS_KEY_SECRET=w798kUd75OQWZlUjlRfRihAn2FDrPA", "w798kUd75OQWZlUjlRfRihAn2FDrPA"}},
                      {"ALIBABA_CLOUD_ACCESS_KEY_SECRET=U4ZXS2NbQ6dSMQTeUjKQ"}, kEndAlnum));
  out.push_back(keyed("ibm-cloud-api-key", F, "ibm[_\\-]?cloud[_\\-]?api[_\\-]?key|ibmcloud[_\\-]?api[_\\-]?key|IC_API_KEY",
                      "[A-Za-z0-9_\\-]{44}", 44, {{"IBMCLOUD_API_KEY=BzD7vbUUCD8OGP-t2ov3gMwLd-nr5P1y0gY5S1P0KYPh", "BzD7vbUUCD8OGP-t2ov3gMwLd-nr5P1y0gY5S1P0KYPh"}},
                      {"IBMCLOUD_API_KEY=MOTWGVObnQNRCRM5GMINZlURFBZ1_aoTQ4dRgmKN"}));
  out.push_back(token("yandex-cloud-api-key", F, "AQVN[A-Za-z0-9_\\-]{35,38}", 42, "AQVN",
                      {{"YC_API_KEY=AQVNmPNl-ZhW84BZt6zL7Rnbp-W-Oyw8Y5SCxND-", "AQVNmPNl-ZhW84BZt6zL7Rnbp-W-Oyw8Y5SCxND-"}}, {"AQVNQPZcKN9pebsd5blDmh9D"}));
  out.push_back(token("vault-service-token", F, "hvs\\.[A-Za-z0-9_\\-]{24,}", 404, "hvs.",
                      {{"VAULT_TOKEN=hvs.QmZZbFFPlvIrit4yU5FCozmdfd5nr1eqxE6WIWT0a9W9mjSd8fmSZ-G-7ykeUnqRyQrei_X0zqVz83KzklJU7dL5_s", "hvs.QmZZbFFPlvIrit4yU5FCozmdfd5nr1eqxE6WIWT0a9W9mjSd8fmSZ-G-7ykeUnqRyQrei_X0zqVz83KzklJU7dL5_s"}}, {"hvs.qjk1iY_4bK", "hvs.example"}));
  out.push_back(token("vault-batch-token", F, "hvb\\.[A-Za-z0-9_\\-]{24,}", 404, "hvb.",
                      {{"apikey: hvb.fWDmhxXCelIZ4Umm2k3NM0sxB0yHnsaLXiJFfAP0AWMgQ31M7D7ki4pkySaY3rkCprT1XH8jQRZo37Kr5lA7HG8lvdPuQN7GB4LnoGap9tTCNQzIXy2osEaKqa9r8oYX_ml2axPqxz", "hvb.fWDmhxXCelIZ4Umm2k3NM0sxB0yHnsaLXiJFfAP0AWMgQ31M7D7ki4pkySaY3rkCprT1XH8jQRZo37Kr5lA7HG8lvdPuQN7GB4LnoGap9tTCNQzIXy2osEaKqa9r8oYX_ml2axPqxz"}}, {"hvb.ZfkqKtCdfD"}));
  out.push_back(token("vault-recovery-token", F, "hvr\\.[A-Za-z0-9_\\-]{24,}", 404, "hvr.",
                      {{"apikey: hvr.UOyNZMJDBdOCe7m-W2R-141ODGGATdOivxTNrHiQ", "hvr.UOyNZMJDBdOCe7m-W2R-141ODGGATdOivxTNrHiQ"}}, {"hvr.Z6iIIM9DzDIw"}));
  out.push_back(keyed("vault-legacy-token", F, "vault[_\\-.]?(?:client[_\\-.]?|root[_\\-.]?)?token|X-Vault-Token",
                      "[sbr]\\.[A-Za-z0-9_\\-]{24,200}", 202,
                      {{"VAULT_CLIENT_TOKEN=\"s.gJ2QNycAzXkNr0bRYgd8JwIl\"", "s.gJ2QNycAzXkNr0bRYgd8JwIl"}},
                      {"vaultToken = s.getToken()", "VAULT_TOKEN=s.vyoWmGw5dy"}));
  out.push_back(keyed("vault-unseal-key", F, "unseal key [0-9]{1,2}|operator unseal",
                      "[A-Za-z0-9+/]{43,44}={0,2}", 46,
                      {{"Unseal Key 1: Qy6cefUNX9832qD44Hr64eCgF3PZJmPT9BJcXM9DDN46", "Qy6cefUNX9832qD44Hr64eCgF3PZJmPT9BJcXM9DDN46"}},
                      {"Unseal Key 1: <key>", "Unseal Key 1: 8LAG6/fL26lHuVs7hiaY"}, kEndB64));
  out.push_back(token("terraform-cloud-token", F, "[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=\\-]{60,70}", 93, "",
                      {{"TFE_TOKEN=ldOT1BPThqoVSR.atlasv1.Pa85ryKVe48F2C4feLRZiaoT1F8sanP1WYdRtWdyNwQs9iXDS3_tTM9gP7TpDQawxPC", "ldOT1BPThqoVSR.atlasv1.Pa85ryKVe48F2C4feLRZiaoT1F8sanP1WYdRtWdyNwQs9iXDS3_tTM9gP7TpDQawxPC"}},
                      {"NvoA0T616a6Fuv.atlasv1.84JTJI-oSs43dLmmKE7v"}, "(?:[^A-Za-z0-9_=\\-]|$)"));
  out.push_back(token("doppler-token", F,
                      "dp\\.(?:ct|pt|st|sa|scim|audit)\\.(?:[a-z0-9_\\-]{1,35}\\.)?[A-Za-z0-9]{40,44}", 92, "dp.",
                      {{"DOPPLER_TOKEN=dp.st.dev.u1IqVcUXIcq3Lri8Q4iDbFFWpQ1p36znbCazjNA3kmY", "dp.st.dev.u1IqVcUXIcq3Lri8Q4iDbFFWpQ1p36znbCazjNA3kmY"},
                       {"dp.pt.kBgj9yuIvNglvI3evET4g6649L8XSejlIb6OLlymy7g", "dp.pt.kBgj9yuIvNglvI3evET4g6649L8XSejlIb6OLlymy7g"}},
                      {"dp.pt.6BC7slpj9kk44YOcUKGd", "dp.xx.RKpbijQR0mVTvCy97C5EzUVRFyR1Ijk6Dwctf4Ncvqd"}, kEndAlnum));
  out.push_back(token("databricks-token", F, "dapi[a-f0-9]{32}(?:-[0-9])?", 38, "dapi",
                      {{"DATABRICKS_TOKEN: 'dapi9aecdfada6af210514b522457529585f-2'", "dapi9aecdfada6af210514b522457529585f-2"}},
                      {"dapiDataGetTopLongShortPositionRatio (params?: {})", "dapi6a1fb5b06ac3e323ce60"}, kEndAlnum));
  out.push_back(keyed("kubernetes-bootstrap-token", F, "bootstrap[_\\-]?token|--token|token-secret",
                      "[a-z0-9]{6}\\.[a-z0-9]{16}", 23,
                      {{"kubeadm join 10.0.0.1:6443 --token 3uw2m5.8n5vvzspdo6krqlw --discovery-token-ca-cert-hash sha256:x",
                        "3uw2m5.8n5vvzspdo6krqlw"}},
                      {"3nsodv.8dqkjorskrzc1um6", "--token <token>"}, kEndAlnum));
  out.push_back(token("flyio-token", F, "fo1_[A-Za-z0-9_\\-]{43}", 47, "fo1_",
                      {{"FLY_API_TOKEN=fo1_eYNKs0DJZ5uU932JBx-7X9-0gK8bioJjjbmDFA0Nlq9", "fo1_eYNKs0DJZ5uU932JBx-7X9-0gK8bioJjjbmDFA0Nlq9"}}, {"fo1_HqpmxWMrWKW9ei6vDsAY"}));
  out.push_back(token("pulumi-access-token", F, "pul-[a-f0-9]{40}", 44, "pul-",
                      {{"PULUMI_ACCESS_TOKEN=pul-64679754c8248c139ed9e48c6dc3146340df35cc", "pul-64679754c8248c139ed9e48c6dc3146340df35cc"}}, {"pul-3b0e9d5eb8fa5e7b750306f698bb5d9f"}));
  out.push_back(token("render-api-key", F, "rnd_[A-Za-z0-9]{32}", 36, "rnd_",
                      {{"RENDER_API_KEY=rnd_FkagqUuqOO0gOKwXARJr4Pzqj4aVWfwz", "rnd_FkagqUuqOO0gOKwXARJr4Pzqj4aVWfwz"}}, {"rnd_nHneFgpDeoQDipRz"}, kEndAlnum));
  out.push_back(token("prefect-api-key", F, "pnu_[A-Za-z0-9]{36}", 40, "pnu_",
                      {{"PREFECT_API_KEY=pnu_rzT94A7lJqoqrlZyOg8VHTlx6YtDnqccIexT", "pnu_rzT94A7lJqoqrlZyOg8VHTlx6YtDnqccIexT"}}, {"pnu_ywAWlcTDrOw1IfyfVaBD4zvhI97GbW"}, kEndAlnum));
}

}  // namespace

void add_cloud_rules(std::vector<Rule> &out) {
  add_aws(out);
  add_gcp(out);
  add_azure(out);
  add_platforms(out);
}

}  // namespace ag::scrub
