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
                      {"AKIAABABABABABABABA", "AKIAABABABABABABABABA", "AKIAabcdefghijklmnop"}, kEndAlnum));
  out.push_back(token("aws-temporary-access-key-id", F, "ASIA[A-Z0-9]{16}", 20, "ASIA",
                      {{R"("AccessKeyId": "ASIAW7UBJ4WIADL009ES")", "ASIAW7UBJ4WIADL009ES"}},
                      {"ASIAABABABABABAB", "XASIAABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("aws-other-access-key-id", F, "(?:ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}", 20,
                      "", {{"key=ABIAW7UBJ4WIADL009ES", "ABIAW7UBJ4WIADL009ES"},
                           {"A3TXSD5QGCXFTIJNLEJ9", "A3TXSD5QGCXFTIJNLEJ9"}},
                      {"ACCAABABABABAB", "A3TABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(keyed("aws-secret-access-key", F,
                      "aws[_\\-.]?secret|secret[_\\-.]?access[_\\-.]?key",
                      // '/' outside the class: the JSON-escaped variant then spells it \/ in
                      // place, instead of widening the whole class repeat to 40-80 bytes.
                      "(?:[A-Za-z0-9+]|/){40}", 40,
                      {{"AWS_SECRET_ACCESS_KEY=KNxhZ/i8285KscDR3v/WioAsW+O9Rq5xkVvihlUh", "KNxhZ/i8285KscDR3v/WioAsW+O9Rq5xkVvihlUh"},
                       {"aws_secret_access_key: 5+zbwrGwRu2XAw3PMym3Eh7SxB/9+aGxxctnPM+7", "5+zbwrGwRu2XAw3PMym3Eh7SxB/9+aGxxctnPM+7"}},
                      {"aws_secret_access_key = ABABABABABABABABABABABABABABABABABABABA", "aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}",
                       "aws_secret_access_key = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                       "AWS_SECRET_ACCESS_KEY=${AWS_SECRET}"},
                      kEndB64));
  out.push_back(keyed("aws-access-key-id-named", F, "aws[_\\-.]?access[_\\-.]?key[_\\-.]?id|access[_\\-.]?key[_\\-.]?id",
                      "[A-Za-z0-9]{16,40}", 40,
                      {{"aws_access_key_id = Z3KXQWBM7TRL4PNV2DYE", "Z3KXQWBM7TRL4PNV2DYE"},
                       {"R2_ACCESS_KEY_ID=\"9c41e0f7b2d85a36e1f04c7b9d2a58e3\"", "9c41e0f7b2d85a36e1f04c7b9d2a58e3"}},
                      {"aws_access_key_id = YOUR_ACCESS_KEY_ID", "accessKeyId: \"minioadmin\"",
                       "aws_access_key_id=${AWS_ACCESS_KEY_ID}"},
                      kEndAlnum));
  out.back().validator = Validator::kEntropy;
  out.push_back(keyed("aws-session-token", F, "aws[_\\-.]?session[_\\-.]?token|x-amz-security-token",
                      "[A-Za-z0-9/+]{16}[A-Za-z0-9/+]*={0,2}", 1502,
                      {{"AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjW/EPcva6oo0+NEsizIPk/kqqBK5NMjGrDAG3IK/qoQNgLdv62qUaL9AshdzX99iOWP5wxTHb77R099NjbKOAQX4wPt4DY393oMYBhwmmbbw6403Qng317GIzsDNNX2+f7ivQUqxcB8I04cgc8XdnZwMdOpPlG1zFEfiMfNYhwXVRA/mayywrbZqs7pXM3PKRP4yUdr9h2AprR5lB9rflEVYW23RzqFgAxUVjPJK94OxZJTH6Aq6OFlxR2OhZObc0AcZ8b60pi5I4uJrrMCtSCagQfGm/JGWrHIIjoLCahd0S", "IQoJb3JpZ2luX2VjW/EPcva6oo0+NEsizIPk/kqqBK5NMjGrDAG3IK/qoQNgLdv62qUaL9AshdzX99iOWP5wxTHb77R099NjbKOAQX4wPt4DY393oMYBhwmmbbw6403Qng317GIzsDNNX2+f7ivQUqxcB8I04cgc8XdnZwMdOpPlG1zFEfiMfNYhwXVRA/mayywrbZqs7pXM3PKRP4yUdr9h2AprR5lB9rflEVYW23RzqFgAxUVjPJK94OxZJTH6Aq6OFlxR2OhZObc0AcZ8b60pi5I4uJrrMCtSCagQfGm/JGWrHIIjoLCahd0S"}},
                      {"AWS_SESSION_TOKEN=$(aws sts get-session-token)", "aws_session_token = <token>"},
                      kEndB64));
  out.push_back(token("aws-sts-token", F, "(?:FwoGZXIvYXdz|IQoJb3JpZ2lu)[A-Za-z0-9/+]{100,}={0,2}",
                      1516, "", {{"token: FwoGZXIvYXdzRj9sWlBNRIz9VqucV88L9Cqshe95KV7ROftAfw54JfKoO7gY50nLXd9uxATl89VbleNnt2RRW2sP+QW9oaA/yjWH3rbl4nS+GQ8fJluycdSPWaQZnyq30QHRaDDHKbULf6+o9FEIwcKClajX5lGIm7pInhM3AsvAnZrdAXK6oHLjxglrZO/mdu0tzfPwyIOtzmKJGGy3", "FwoGZXIvYXdzRj9sWlBNRIz9VqucV88L9Cqshe95KV7ROftAfw54JfKoO7gY50nLXd9uxATl89VbleNnt2RRW2sP+QW9oaA/yjWH3rbl4nS+GQ8fJluycdSPWaQZnyq30QHRaDDHKbULf6+o9FEIwcKClajX5lGIm7pInhM3AsvAnZrdAXK6oHLjxglrZO/mdu0tzfPwyIOtzmKJGGy3"}},
                      {"FwoGZXIvYXdzABABABABABABABABABABABABABABABABABABABAB", "IQoJb3JpZ2lu is a prefix"}, kEndB64));
  out.push_back(token("aws-mws-auth-token", F,
                      "amzn\\.mws\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", 45,
                      "amzn.mws.",
                      {{"MWS_AUTH_TOKEN=amzn.mws.e39876db-5cbf-5647-f10a-0f88d843cf6d",
                        "amzn.mws.e39876db-5cbf-5647-f10a-0f88d843cf6d"}},
                      {"amzn.mws.01010101-0101", "amzn.mws.example"}));
  out.push_back(keyed("aws-account-id", F, "aws[_\\-.]?account[_\\-.]?id",
                      "[0-9]{12}", 12, {{"AWS_ACCOUNT_ID=604939588271", "604939588271"},
                                        {R"("AWSAccountId": "073565525051")", "073565525051"}},
                      {"aws_account_id=01010101010", "aws_account_id=0101010101010"}, kEndAlnum));
  out.push_back(token("aws-appsync-api-key", F, "da2-[a-z0-9]{26}", 30, "da2-",
                      {{"aws_appsync_apiKey: 'da2-l3jmkns6estgk2p1bb8nwejsql'", "da2-l3jmkns6estgk2p1bb8nwejsql"}},
                      {"da2-abababababababababab", "da2-ababababababababababababababab"}));
  Rule arn = token("aws-arn", F,
                   "arn:aws[a-z\\-]{0,10}:[a-z0-9\\-]{2,32}:[a-z0-9\\-]{0,20}:[0-9]{0,12}:[A-Za-z0-9_/:.*{}$+=,@\\-]{1,256}",
                   350, "arn:", {{"Resource: arn:aws:iam::604939588271:role/deploy-bot", "arn:aws:iam::604939588271:role/deploy-bot"}},
                   {"arn:aws", "the arn of the role"}, "(?:[^A-Za-z0-9_/:.*{}$+=,@\\-]|$)");
  arn.confidence = Confidence::kLow;
  arn.flags = kDefaultOff | kIdentifier;
  out.push_back(std::move(arn));
}

void add_gcp(std::vector<Rule> &out) {
  const Family F = Family::kCloud;
  out.push_back(token("google-api-key", F, "AIza[0-9A-Za-z_\\-]{35}", 39, "AIza",
                      {{"var DEVELOPER_KEY = 'AIzaIliYxWkKIny27B9a7XSoE_PneagjEBf9LYC';", "AIzaIliYxWkKIny27B9a7XSoE_PneagjEBf9LYC"},
                       {"GEMINI_API_KEY=AIzaxfR87jxAWFPt1Lo_s9LXS2ayMKVrkPVyTHS", "AIzaxfR87jxAWFPt1Lo_s9LXS2ayMKVrkPVyTHS"}},
                      {"AIzaABABABABABABABABABABABABABABAB", "AIzaABABABABABABABABABABABABABABABABABABABAB"}));
  Rule sa;
  sa.id = "gcp-service-account-private-key";
  sa.family = F;
  sa.confidence = Confidence::kHigh;
  sa.prefix = R"re("private_key"\s{0,4}:\s{0,4}")re";
  sa.secret = R"re(-----BEGIN (?:RSA )?PRIVATE KEY-----[A-Za-z0-9+/=\\\r\n]{64,}-----END (?:RSA )?PRIVATE KEY-----(?:\\n)?)re";
  sa.suffix = "\"";
  sa.max_len = 8200;
  sa.mask_prefix = "-----BEGIN ";
  sa.positives = {{R"({"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEhxFKbFCJb3BwUbl4qhe28d2vyuKpao/B+rx3sD9bZ/iYbc6GWojctibEYuVhHvie\nSbpsEyuPjfiTq3mWfM1TaZAk4zc5s5xEQGUb4JuUsZSSmtbjKGFlB9cQJCfSwlBs\n-----END PRIVATE KEY-----\n", "client_email": "x"})",
                   R"(-----BEGIN PRIVATE KEY-----\nMIIEhxFKbFCJb3BwUbl4qhe28d2vyuKpao/B+rx3sD9bZ/iYbc6GWojctibEYuVhHvie\nSbpsEyuPjfiTq3mWfM1TaZAk4zc5s5xEQGUb4JuUsZSSmtbjKGFlB9cQJCfSwlBs\n-----END PRIVATE KEY-----\n)"}};
  sa.negatives = {R"("private_key": "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n")",
                  R"("private_key": "")"};
  out.push_back(std::move(sa));
  out.push_back(keyed("gcp-private-key-id", F, "private_key_id", "[0-9a-f]{40}", 40,
                      {{R"("private_key_id": "73dea3cf5db3cadd5743032835224fd48e60fc21",)", "73dea3cf5db3cadd5743032835224fd48e60fc21"}},
                      {R"("private_key_id": "01010101010101010101010101010101")"}, kEndAlnum));
  out.push_back(token("google-oauth-client-secret", F, "GOCSPX-[A-Za-z0-9_\\-]{28}", 35, "GOCSPX-",
                      {{"const CLIENT_SECRET = \"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\"", "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"}},
                      {"GOCSPX-ABABABABABABABABABAB", "GOCSPX-your-secret"}));
  out.push_back(token("google-oauth-access-token", F, "ya29\\.[A-Za-z0-9_\\-]{30,}", 2053, "ya29.",
                      {{"Authorization: OAuth ya29.o3gmX3yuFw-PQFSUZXiysCSScmY9gh15YHwRSGtv8n82HJnRbVnm26ONYqBm9-ORwg50j_P8qalUwlLBF_ALpGjHdQ9W0DMC_F__dL1VO8rBxZwJkiaiWxcg", "ya29.o3gmX3yuFw-PQFSUZXiysCSScmY9gh15YHwRSGtv8n82HJnRbVnm26ONYqBm9-ORwg50j_P8qalUwlLBF_ALpGjHdQ9W0DMC_F__dL1VO8rBxZwJkiaiWxcg"}},
                      {"ya29.short", "version ya29.1"}));
  out.push_back(token("google-oauth-refresh-token", F, "1//0[A-Za-z0-9_\\-]{40,}", 516, "1//0",
                      {{R"("refresh_token": "1//0i6ueaYGTd3xryXd4uQmjFNTM4yr_ucb1JNYs_zPTRQdUyNhdk90uURJN0FA5Zu7U7Q7nsi6TIqFNtn8DWuQNOJV57mBIF7xRpqV")", "1//0i6ueaYGTd3xryXd4uQmjFNTM4yr_ucb1JNYs_zPTRQdUyNhdk90uURJN0FA5Zu7U7Q7nsi6TIqFNtn8DWuQNOJV57mBIF7xRpqV"}},
                      {"1//0ABABABABAB", "see http://example.com//0/"}));
  Rule cid = token("google-oauth-client-id", F, "[0-9]{6,14}-[a-z0-9]{32}", 47, "",
                   {{"clientID: '604939588271-5cijqepgjald91cks0tea8n9e0fbdlpi.apps.googleusercontent.com',",
                     "604939588271-5cijqepgjald91cks0tea8n9e0fbdlpi"}},
                   {"010101010101-abababababababababababababababab.example.com", "apps.googleusercontent.com"},
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
  // Issued keys are 88 base64 bytes; whatever follows "AccountKey=" is the key, so shorter
  // (emulator, truncated, hand-edited) values count too.
  key.secret = "[A-Za-z0-9+/]{20,120}={0,2}";
  key.suffix = kEndB64;
  key.max_len = 11 + 4 + 122 + 1;
  key.positives = {{"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=j7Q3J5n7joLqXnAWXbUcagtddllYKTs+KlXc0m/cgFtIgNhq1t/J/K3vHVZL8GoM0yyIpjKk+om9voPQOckzgy==;EndpointSuffix=core.windows.net",
                    "j7Q3J5n7joLqXnAWXbUcagtddllYKTs+KlXc0m/cgFtIgNhq1t/J/K3vHVZL8GoM0yyIpjKk+om9voPQOckzgy=="},
                   {"AccountName=devstore1;\nAccountKey=Kq4nW8zT2vLp6xRb9mYc3HsJ7dFg1aNe5uQo0iVt/Zw+Bk==;\nBlobEndpoint=http://127.0.0.1:10000/devstore1;",
                    "Kq4nW8zT2vLp6xRb9mYc3HsJ7dFg1aNe5uQo0iVt/Zw+Bk=="}};
  key.negatives = {"AccountName=X;AccountKey=X;", "AccountKey=<YOUR_ACCOUNT_KEY>;"};
  out.push_back(std::move(key));
  // The account and key names beside those keys, only when the key follows: an AccountName
  // or SharedAccessKeyName alone, or before a placeholder key, stays.
  out.push_back(rule("azure-storage-account-name", F, Confidence::kLow, R"re(AccountName\s{0,2}=\s{0,2})re",
                     "[A-Za-z0-9]{3,24}",
                     R"re(\s{0,2};\s{0,4}AccountKey\s{0,2}=\s{0,2}[A-Za-z0-9+/]{20,120}={0,2}(?:[^A-Za-z0-9+/=]|$))re",
                     15 + 24 + 150,
                     {{"DefaultEndpointsProtocol=https;AccountName=acmeinvoices7;AccountKey=j7Q3J5n7joLqXnAWXbUcagtddllYKTs+KlXc0m/cgFtIgNhq1t/J/K3vHVZL8GoM0yyIpjKk+om9voPQOckzgy==;EndpointSuffix=core.windows.net",
                       "acmeinvoices7"},
                      {"AccountName=devstore1;\nAccountKey=Kq4nW8zT2vLp6xRb9mYc3HsJ7dFg1aNe5uQo0iVt/Zw+Bk==;", "devstore1"}},
                     {"AccountName=acmeinvoices7;", "AccountName=acmeinvoices7;AccountKey=<YOUR_ACCOUNT_KEY>;",
                      "DefaultEndpointsProtocol=https;AccountName=acmeinvoices7;EndpointSuffix=core.windows.net"}));
  Rule sas;
  sas.id = "azure-sas-signature";
  sas.family = F;
  sas.confidence = Confidence::kHigh;
  sas.prefix = R"re(\bsv=[0-9]{4}-[0-9]{2}-[0-9]{2}&[^\s"'<>]{0,}[?&]sig=)re";
  sas.secret = "[A-Za-z0-9%+/]{40,120}";
  sas.suffix = "(?:[^A-Za-z0-9%+/=]|$)";
  sas.max_len = 420 + 120 + 1;
  sas.positives = {{"https://acme.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&sig=URRRKrsI5N8INOSsuOKJYkQnxFgJQYtpwsvkDHnv3T5%3D",
                    "URRRKrsI5N8INOSsuOKJYkQnxFgJQYtpwsvkDHnv3T5%3D"}};
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
  sak.positives = {{"Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=51n7TgxZ0wNEQYORA39PXzzxcXs9pwhBxJCzTnpPin3=",
                    "51n7TgxZ0wNEQYORA39PXzzxcXs9pwhBxJCzTnpPin3="}};
  sak.negatives = {"SharedAccessKeyName=[name];SharedAccessKey=[Shared Access key goes here];"};
  out.push_back(std::move(sak));
  out.push_back(rule("azure-shared-access-key-name", F, Confidence::kLow, R"re(SharedAccessKeyName\s{0,2}=\s{0,2})re",
                     R"re([A-Za-z0-9_.\-]{1,64})re",
                     R"re(\s{0,2};\s{0,4}SharedAccessKey\s{0,2}=\s{0,2}[A-Za-z0-9+/]{43}=(?:[^A-Za-z0-9+/=]|$))re",
                     24 + 64 + 80,
                     {{"Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=orders-sender;SharedAccessKey=51n7TgxZ0wNEQYORA39PXzzxcXs9pwhBxJCzTnpPin3=",
                       "orders-sender"}},
                     {"Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=orders-sender",
                      "SharedAccessKeyName=orders-sender;SharedAccessKey=[key goes here];"}));
  Rule appcfg;
  appcfg.id = "azure-app-configuration-secret";
  appcfg.family = F;
  appcfg.confidence = Confidence::kHigh;
  appcfg.prefix = R"re(\.azconfig\.io;Id=[^;\s"']{1,64};Secret=)re";
  appcfg.secret = "[A-Za-z0-9+/]{43}=";
  appcfg.suffix = kEndB64;
  appcfg.max_len = 100 + 44 + 1;
  appcfg.positives = {{"Endpoint=https://acme.azconfig.io;Id=a1b2-c3-s0:LDXPeqFG7S8lNuXo6mrP;Secret=51n7TgxZ0wNEQYORA39PXzzxcXs9pwhBxJCzTnpPin3=",
                       "51n7TgxZ0wNEQYORA39PXzzxcXs9pwhBxJCzTnpPin3="}};
  appcfg.negatives = {"Endpoint=https://contoso.azconfig.io;Id=xxx;Secret=xxx"};
  out.push_back(std::move(appcfg));
  // 84 characters with the service's signature "AZDO" at offset 76 ("JQQJ" at 52 is common
  // but not relied on).
  out.push_back(token("azure-devops-pat", F, "[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}", 84, "",
                      {{"azure_devops_pat = \"vIWzyQBJ05QJ9jCBkh7tuj4QbK7KrIWOeiJ4lNFXJWiZ8gqmLquLJQQJxZXiOohOcjQ7uPEKpLTVAZDOkZ1G\"",
                        "vIWzyQBJ05QJ9jCBkh7tuj4QbK7KrIWOeiJ4lNFXJWiZ8gqmLquLJQQJxZXiOohOcjQ7uPEKpLTVAZDOkZ1G"},
                       {"AZURE_DEVOPS_EXT_PAT=Rk2mW8qZt5VbN1xLc7HjP4sD9fGa3KeY6uTo0iQw2EzXr8MnB5vCl1JhSg7dFp4Ky9aWt3UbRx6eAZDOp2Ln",
                        "Rk2mW8qZt5VbN1xLc7HjP4sD9fGa3KeY6uTo0iQw2EzXr8MnB5vCl1JhSg7dFp4Ky9aWt3UbRx6eAZDOp2Ln"}},
                      {"ABABABABABABABABABABABABABABABABABABABABABABABABABABJQQJABABABABABABABABABABAZDOABA", "ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(keyed("azure-devops-legacy-pat", F,
                      "personal[_\\-]?access[_\\-]?token|azure[_\\-]?devops[_\\-]?(?:pat|token)|ado[_\\-]?pat|vsts[_\\-]?token",
                      "[a-z2-7]{52}", 52,
                      {{"ado_pat = \"ikf63r2zpcpcwkedhfbddfvtxkww6oqmiqkzz27hx7skclydvlbt\"", "ikf63r2zpcpcwkedhfbddfvtxkww6oqmiqkzz27hx7skclydvlbt"}},
                      {"ado_pat = \"abababababababababababababababababababab\"", "abababababababababababababababababababababababababab"}, kEndAlnum));
  out.push_back(token("azure-entra-client-secret", F, "[A-Za-z0-9_~.\\-]{3}[78]Q~[A-Za-z0-9_~.\\-]{31,34}", 40,
                      "", {{"AZURE_CLIENT_SECRET=Ab18Q~iaiqieR-4xGv-v1YkCwibdAMSYW3nGHXu2", "Ab18Q~iaiqieR-4xGv-v1YkCwibdAMSYW3nGHXu2"}},
                      {"value 8Q~ alone", "Ab18Q~short"}, "(?:[^A-Za-z0-9_~.\\-]|$)"));
}

void add_platforms(std::vector<Rule> &out) {
  const Family F = Family::kCloud;
  out.push_back(token("digitalocean-pat", F, "dop_v1_[a-f0-9]{64}", 71, "dop_v1_",
                      {{"token = \"dop_v1_572e8d7fd8e30a59762b49526b1679f296aed331224ef0e9e5f03f9683d64079\"", "dop_v1_572e8d7fd8e30a59762b49526b1679f296aed331224ef0e9e5f03f9683d64079"}},
                      {"dop_v1_010101010101010101010101010101010101010101010101010101010101", "dop_v1_<your token>"}));
  out.push_back(token("digitalocean-oauth-token", F, "doo_v1_[a-f0-9]{64}", 71, "doo_v1_",
                      {{"Authorization: Bearer doo_v1_572e8d7fd8e30a59762b49526b1679f296aed331224ef0e9e5f03f9683d64079", "doo_v1_572e8d7fd8e30a59762b49526b1679f296aed331224ef0e9e5f03f9683d64079"}},
                      {"doo_v1_010101010101010101010101010101010101010101010101010101010101010"}));
  out.push_back(token("digitalocean-refresh-token", F, "dor_v1_[a-f0-9]{64}", 71, "dor_v1_",
                      {{R"("refresh_token": "dor_v1_572e8d7fd8e30a59762b49526b1679f296aed331224ef0e9e5f03f9683d64079",)", "dor_v1_572e8d7fd8e30a59762b49526b1679f296aed331224ef0e9e5f03f9683d64079"}},
                      {"dor_v1_01010101010101010101010101010101010101010101010101010101010101010"}));
  out.push_back(token("heroku-api-key-v2", F, "HRKU-[A-Za-z0-9_\\-]{56,64}", 69, "HRKU-",
                      {{"HEROKU_API_KEY=HRKU-AAtgY6sX3rb4ZEaRWLptndhtGz0c3WoEADgz1rNqwNsnfoDDrXm2A40QLYd0", "HRKU-AAtgY6sX3rb4ZEaRWLptndhtGz0c3WoEADgz1rNqwNsnfoDDrXm2A40QLYd0"}},
                      {"HRKU-ABABABABABABABABABAB"}));
  out.push_back(keyed("heroku-api-key", F, "heroku", kUuid, 36,
                      {{"HEROKU_API_KEY: e39876db-5cbf-5647-f10a-0f88d843cf6d",
                        "e39876db-5cbf-5647-f10a-0f88d843cf6d"}},
                      {"curl https://api.heroku.com/apps/01010101-0101-0101-0101-010101010101/builds"}));
  out.push_back(keyed("cloudflare-api-token", F, "cloudflare[_\\-.]?(?:api[_\\-.]?)?token|cf[_\\-]api[_\\-]token",
                      "[A-Za-z0-9_\\-]{40}", 40,
                      {{"CLOUDFLARE_API_TOKEN=59G-WP43R1l66xmTI4GwS2C4R8-cDDZDKI4y15IU", "59G-WP43R1l66xmTI4GwS2C4R8-cDDZDKI4y15IU"}},
                      {"CLOUDFLARE_API_TOKEN=ABABABABABABABABABABABABABABAB"}));
  out.push_back(keyed("cloudflare-global-api-key", F, "cloudflare[_\\-.]?(?:global[_\\-.]?)?(?:api[_\\-.]?)?key|cf[_\\-]api[_\\-]key",
                      "[a-f0-9]{37}", 37, {{"CF_API_KEY: f13e020202f05295803573fb35c9fb0f44d6e", "f13e020202f05295803573fb35c9fb0f44d6e"}},
                      {"CF_API_KEY: 01010101010101010101010101010101"}));
  out.push_back(token("cloudflare-origin-ca-key", F, "v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}", 176, "v1.0-",
                      {{"origin_ca_key = \"v1.0-6d5c4aaacf742943514349ad-e482c4d5a356196dfc6eb9f6e1ccb7d7bca21fe532dfeb90b7df05c863d040e1d50b4bbdcf8fa8254aeab4e581d22b8d1d60cb4f85d412d0ae5a849c01614eb9e7ce7fb5b243e8146d\"", "v1.0-6d5c4aaacf742943514349ad-e482c4d5a356196dfc6eb9f6e1ccb7d7bca21fe532dfeb90b7df05c863d040e1d50b4bbdcf8fa8254aeab4e581d22b8d1d60cb4f85d412d0ae5a849c01614eb9e7ce7fb5b243e8146d"}},
                      {"v1.0-010101010101010101010101", "version v1.0-beta"}));
  out.push_back(keyed("vercel-token", F, "vercel[_\\-.]?(?:api[_\\-.]?)?(?:token|key)|VERCEL_ACCESS_TOKEN",
                      "[A-Za-z0-9]{24}", 24, {{"VERCEL_TOKEN=DnfIah8aw2HV2I1x4XGZ0xwO", "DnfIah8aw2HV2I1x4XGZ0xwO"}},
                      {"VERCEL_TOKEN=ABABABABABABABABABAB", "VERCEL_TOKEN=${{ secrets.VERCEL_TOKEN }}"}, kEndAlnum));
  out.push_back(token("netlify-pat", F, "nfp_[A-Za-z0-9]{36}", 40, "nfp_",
                      {{"NETLIFY_AUTH_TOKEN=nfp_esmmTiotBpheekMkDFapFwr3QjgyscKHXvcl", "nfp_esmmTiotBpheekMkDFapFwr3QjgyscKHXvcl"}}, {"nfp_ABABABABABABABABABABABABABABAB"},
                      kEndAlnum));
  out.push_back(keyed("netlify-token", F, "netlify[_\\-.]?(?:auth[_\\-.]?)?(?:token|key)",
                      "[A-Za-z0-9_\\-]{40,46}", 46, {{"NETLIFY_AUTH_TOKEN: 1DD_wf-O0l3i2-zmIJcJzTxtCDGZP7xIZw1ircSry8f", "1DD_wf-O0l3i2-zmIJcJzTxtCDGZP7xIZw1ircSry8f"}},
                      {"NETLIFY_AUTH_TOKEN: ${NETLIFY}"}));
  out.push_back(token("supabase-pat", F, "sbp_[a-f0-9]{40}", 44, "sbp_",
                      {{"SUPABASE_ACCESS_TOKEN=sbp_73dea3cf5db3cadd5743032835224fd48e60fc21", "sbp_73dea3cf5db3cadd5743032835224fd48e60fc21"}},
                      {"sbp_01010101010101010101010101010101"}));
  out.push_back(token("supabase-secret-key", F, "sb_secret_[A-Za-z0-9_\\-]{31,64}", 74, "sb_secret_",
                      {{"SUPABASE_SECRET_KEY=sb_secret_LZ-sI-xgDp1bEBR-kkKpNYCzQUbSAlu", "sb_secret_LZ-sI-xgDp1bEBR-kkKpNYCzQUbSAlu"}},
                      {"sb_secret_...", "sb_publishable_ABABABABABABABABABABABABABABABA"}));
  out.push_back(keyed("supabase-service-role-key", F, "service[_\\-]?role(?:[_\\-]?key)?|supabase[_\\-]?(?:service|secret)[_\\-]?key",
                      "eyJ[A-Za-z0-9_\\-]{10,}\\.eyJ[A-Za-z0-9_\\-]{10,}\\.[A-Za-z0-9_\\-]{20,}", 2010,
                      {{"SUPABASE_SERVICE_ROLE_KEY=eyJ1UiV6bThCT_6bdDyT548p2FQP58L-7b67.eyJ6kOVpvyNE-uUwugbCLU3JL7EeRBc1S39-X6WU3h4nVQKEEhHIjS3KPTVPv3YwjsdKcL5p3o4HFYNNuZkVN25jLa0S4q-BE6Yy_chF8tm9ZWZbAtbm9sNxWg_.OchnAhynkK9fGFB0jDj6zuRUa_l0LLe9qtFObd00Pwf",
                        "eyJ1UiV6bThCT_6bdDyT548p2FQP58L-7b67.eyJ6kOVpvyNE-uUwugbCLU3JL7EeRBc1S39-X6WU3h4nVQKEEhHIjS3KPTVPv3YwjsdKcL5p3o4HFYNNuZkVN25jLa0S4q-BE6Yy_chF8tm9ZWZbAtbm9sNxWg_.OchnAhynkK9fGFB0jDj6zuRUa_l0LLe9qtFObd00Pwf"}},
                      {"SUPABASE_SERVICE_ROLE_KEY=your-service-role-key"}));
  out.push_back(token("firebase-fcm-server-key", F, "AAAA[A-Za-z0-9_\\-]{7}:APA91b[A-Za-z0-9_\\-]{120,180}", 197,
                      "AAAA", {{"FCM_SERVER_KEY=AAAARNFZENu:APA91bARgnOa8Xwy65ppSLJkHTWtjf1t-wcDeADVX72YFlMF04btsiwXSO4mtXgxaswrUYCT-ZiFSEbF8XEGQPiAVfAczyfCNCXRA3ZILoct6MYBYOp0cC7G2Bwg7zjTPafTh7PyH6rQ", "AAAARNFZENu:APA91bARgnOa8Xwy65ppSLJkHTWtjf1t-wcDeADVX72YFlMF04btsiwXSO4mtXgxaswrUYCT-ZiFSEbF8XEGQPiAVfAczyfCNCXRA3ZILoct6MYBYOp0cC7G2Bwg7zjTPafTh7PyH6rQ"}},
                      {"AAAAABABABA:APA91bABABABABABABABABABAB"}));
  out.push_back(token("alibaba-access-key-id", F, "LTAI[A-Za-z0-9]{12,20}", 24, "LTAI",
                      {{"ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIAk1i2FkCahUkxhKBQbJZ", "LTAIAk1i2FkCahUkxhKBQbJZ"}},
                      {"LTAIABABABAB", "LTAIABABABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(keyed("alibaba-access-key-secret", F, "(?:alibaba|aliyun)[_\\-.]?(?:cloud[_\\-.]?)?(?:access[_\\-.]?)?(?:key[_\\-.]?)?secret",
                      "[A-Za-z0-9]{30}", 30, {{"ALIBABA_CLOUD_ACCESS_KEY_SECRET=HoyHscQuEDq59oy7BEQSaxZGjC0SYL", "HoyHscQuEDq59oy7BEQSaxZGjC0SYL"}},
                      {"ALIBABA_CLOUD_ACCESS_KEY_SECRET=ABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(keyed("ibm-cloud-api-key", F, "ibm[_\\-]?cloud[_\\-]?api[_\\-]?key|ibmcloud[_\\-]?api[_\\-]?key|IC_API_KEY",
                      "[A-Za-z0-9_\\-]{44}", 44, {{"IBMCLOUD_API_KEY=B88X0FQM0lqIEz5a_lp70oFTliq2nJ1ed02B2lByDZzj", "B88X0FQM0lqIEz5a_lp70oFTliq2nJ1ed02B2lByDZzj"}},
                      {"IBMCLOUD_API_KEY=ABABABABABABABABABABABABABABABABABABABAB"}));
  out.push_back(token("yandex-cloud-api-key", F, "AQVN[A-Za-z0-9_\\-]{35,38}", 42, "AQVN",
                      {{"YC_API_KEY=AQVNBOzHjj1eKYZMRIlh4AndeLUohrsU4rXDB6JT", "AQVNBOzHjj1eKYZMRIlh4AndeLUohrsU4rXDB6JT"}}, {"AQVNABABABABABABABABABAB"}));
  out.push_back(token("vault-service-token", F, "hvs\\.[A-Za-z0-9_\\-]{24,}", 404, "hvs.",
                      {{"VAULT_TOKEN=hvs.Q9vvT3F0JlFnJhms2Gp-0Bg_QYeBL8y4DIJTxe9IPXTCZ5Obkb5nT07ElJbh2jBKaoQSASHXS-mkoeBvFAMCEcrHgr", "hvs.Q9vvT3F0JlFnJhms2Gp-0Bg_QYeBL8y4DIJTxe9IPXTCZ5Obkb5nT07ElJbh2jBKaoQSASHXS-mkoeBvFAMCEcrHgr"}}, {"hvs.ABABABABAB", "hvs.example"}));
  out.push_back(token("vault-batch-token", F, "hvb\\.[A-Za-z0-9_\\-]{24,}", 404, "hvb.",
                      {{"apikey: hvb.XuBtwvaQrjNlknYmC6EpegyBF-HwL7sbxUOyNZMJDBdOCe7m-W2R-141ODGGATdOivxTNrHiQW1H87BpQRS0TYriKBp98TmBv05hsIviRXoAJsLDAig5JdaYU-Se6jL_BB2fCyl2Te", "hvb.XuBtwvaQrjNlknYmC6EpegyBF-HwL7sbxUOyNZMJDBdOCe7m-W2R-141ODGGATdOivxTNrHiQW1H87BpQRS0TYriKBp98TmBv05hsIviRXoAJsLDAig5JdaYU-Se6jL_BB2fCyl2Te"}}, {"hvb.ABABABABAB"}));
  out.push_back(token("vault-recovery-token", F, "hvr\\.[A-Za-z0-9_\\-]{24,}", 404, "hvr.",
                      {{"apikey: hvr.59G-WP43R1l66xmTI4GwS2C4R8-cDDZDKI4y15IU", "hvr.59G-WP43R1l66xmTI4GwS2C4R8-cDDZDKI4y15IU"}}, {"hvr.ABABABABABAB"}));
  out.push_back(keyed("vault-legacy-token", F, "vault[_\\-.]?(?:client[_\\-.]?|root[_\\-.]?)?token|X-Vault-Token",
                      "[sbr]\\.[A-Za-z0-9_\\-]{24,200}", 202,
                      {{"VAULT_CLIENT_TOKEN=\"s.DnfIah8aw2HV2I1x4XGZ0xwO\"", "s.DnfIah8aw2HV2I1x4XGZ0xwO"}},
                      {"vaultToken = s.getToken()", "VAULT_TOKEN=s.ABABABABAB"}));
  out.push_back(keyed("vault-unseal-key", F, "unseal key [0-9]{1,2}|operator unseal",
                      "[A-Za-z0-9+/]{43,44}={0,2}", 46,
                      {{"Unseal Key 1: ALXa709oLXICfyx/+k4OK6eX6ClBolK4LK2c+oI+oQIQ", "ALXa709oLXICfyx/+k4OK6eX6ClBolK4LK2c+oI+oQIQ"}},
                      {"Unseal Key 1: <key>", "Unseal Key 1: ABABABABABABABABABAB"}, kEndB64));
  out.push_back(token("terraform-cloud-token", F, "[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=\\-]{60,70}", 93, "",
                      {{"TFE_TOKEN=jOEZ6GwyQMcTCz.atlasv1.tqnx2HPlBLW4Mf7GRzfU-qFhpAxr-jBZvNb_dTXT9iM7-0nwzSsZRyjPYhKjx9tDikd", "jOEZ6GwyQMcTCz.atlasv1.tqnx2HPlBLW4Mf7GRzfU-qFhpAxr-jBZvNb_dTXT9iM7-0nwzSsZRyjPYhKjx9tDikd"}},
                      {"ABABABABABABAB.atlasv1.ABABABABABABABABABAB"}, "(?:[^A-Za-z0-9_=\\-]|$)"));
  out.push_back(token("doppler-token", F,
                      "dp\\.(?:ct|pt|st|sa|scim|audit)\\.(?:[a-z0-9_\\-]{1,35}\\.)?[A-Za-z0-9]{40,44}", 92, "dp.",
                      {{"DOPPLER_TOKEN=dp.st.dev.URRRKrsI5N8INOSsuOKJYkQnxFgJQYtpwsvkDHnv3T5", "dp.st.dev.URRRKrsI5N8INOSsuOKJYkQnxFgJQYtpwsvkDHnv3T5"},
                       {"dp.pt.qyHrE7coIIGhAByIkE9I6za8Htl7sPdIS1DbcCytvMX", "dp.pt.qyHrE7coIIGhAByIkE9I6za8Htl7sPdIS1DbcCytvMX"}},
                      {"dp.pt.ABABABABABABABABABAB", "dp.xx.ABABABABABABABABABABABABABABABABABABABABABA"}, kEndAlnum));
  out.push_back(token("databricks-token", F, "dapi[a-f0-9]{32}(?:-[0-9])?", 38, "dapi",
                      {{"DATABRICKS_TOKEN: 'dapi8dc160abb2303cc58691e2d3405e6ebd-2'", "dapi8dc160abb2303cc58691e2d3405e6ebd-2"}},
                      {"dapiDataGetTopLongShortPositionRatio (params?: {})", "dapi01010101010101010101"}, kEndAlnum));
  out.push_back(keyed("kubernetes-bootstrap-token", F, "bootstrap[_\\-]?token|--token|token-secret",
                      "[a-z0-9]{6}\\.[a-z0-9]{16}", 23,
                      {{"kubeadm join 10.0.0.1:6443 --token x4qr1g.bghm68549bqj073e --discovery-token-ca-cert-hash sha256:x",
                        "x4qr1g.bghm68549bqj073e"}},
                      {"ababab.abababababababab", "--token <token>"}, kEndAlnum));
  out.push_back(token("flyio-token", F, "fo1_[A-Za-z0-9_\\-]{43}", 47, "fo1_",
                      {{"FLY_API_TOKEN=fo1_1DD_wf-O0l3i2-zmIJcJzTxtCDGZP7xIZw1ircSry8f", "fo1_1DD_wf-O0l3i2-zmIJcJzTxtCDGZP7xIZw1ircSry8f"}}, {"fo1_ABABABABABABABABABAB"}));
  out.push_back(token("pulumi-access-token", F, "pul-[a-f0-9]{40}", 44, "pul-",
                      {{"PULUMI_ACCESS_TOKEN=pul-73dea3cf5db3cadd5743032835224fd48e60fc21", "pul-73dea3cf5db3cadd5743032835224fd48e60fc21"}}, {"pul-01010101010101010101010101010101"}));
  out.push_back(token("render-api-key", F, "rnd_[A-Za-z0-9]{32}", 36, "rnd_",
                      {{"RENDER_API_KEY=rnd_A8MqzBJNXc1gi19VEoT3Zdm76s82C9ax", "rnd_A8MqzBJNXc1gi19VEoT3Zdm76s82C9ax"}}, {"rnd_ABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("prefect-api-key", F, "pnu_[A-Za-z0-9]{36}", 40, "pnu_",
                      {{"PREFECT_API_KEY=pnu_esmmTiotBpheekMkDFapFwr3QjgyscKHXvcl", "pnu_esmmTiotBpheekMkDFapFwr3QjgyscKHXvcl"}}, {"pnu_ABABABABABABABABABABABABABABAB"}, kEndAlnum));
}

// Identifiers (scrub.identifiers): the addresses of buckets and service endpoints. The whole
// address goes, since the label names its kind. An S3 bucket name is three or more bytes,
// the region part of its host one to three dash or dot words.
#define AG_S3_HOST R"re(s3(?:[.\-][a-z0-9\-]{1,40}){0,3}\.amazonaws\.com(?:\.cn)?)re"
void add_identifiers(std::vector<Rule> &out) {
  const Family F = Family::kCloud;
  out.push_back(host_identifier("aws-s3-bucket-host", F, "[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]\\." AG_S3_HOST, 63 + 1 + 142,
                                {{"Location: https://acme-invoices-prod.s3.amazonaws.com/2024/03/inv-1182.pdf",
                                  "acme-invoices-prod.s3.amazonaws.com"},
                                 {"endpoint=media.example.org.s3-eu-west-1.amazonaws.com", "media.example.org.s3-eu-west-1.amazonaws.com"},
                                 {"http%3A%2F%2Facme-logs.s3.us-east-2.amazonaws.com%2Fx", "acme-logs.s3.us-east-2.amazonaws.com"}},
                                {"https://s3.amazonaws.com", "Served from s3.us-west-2.amazonaws.com today",
                                 "https://ec2.us-east-1.amazonaws.com/"}));
  // The bucket of the first path segment (path-style addresses), with its host.
  out.push_back(host_identifier("aws-s3-bucket-path", F, AG_S3_HOST "/[a-z0-9][a-z0-9._\\-]{1,62}", 142 + 64,
                                {{"aws s3 cp https://s3.amazonaws.com/acme-backups/db.tar.gz .", "s3.amazonaws.com/acme-backups"},
                                 {"url: http://s3-us-east-2.amazonaws.com/team-artifacts", "s3-us-east-2.amazonaws.com/team-artifacts"}},
                                {"https://s3.amazonaws.com/", "https://s3.amazonaws.com/?list-type=2"}, kAfterPathSegment));
  out.push_back(host_identifier("gcs-bucket-host", F, "[a-z0-9](?:[a-z0-9._\\-]{0,220}[a-z0-9])?\\.storage\\.googleapis\\.com",
                                222 + 23,
                                {{"https://acme-exports.storage.googleapis.com/report.csv", "acme-exports.storage.googleapis.com"},
                                 {"bucket host: data.example.org.storage.googleapis.com", "data.example.org.storage.googleapis.com"}},
                                {"https://storage.googleapis.com", "see storage.googleapis.com for details"}));
  out.push_back(host_identifier("gcs-bucket-path", F,
                                "(?:storage\\.googleapis\\.com/|storage\\.cloud\\.google\\.com/|gs://)[a-z0-9][a-z0-9._\\-]{1,220}",
                                27 + 221,
                                {{"curl -O https://storage.googleapis.com/acme-ml-models/v3/model.bin", "storage.googleapis.com/acme-ml-models"},
                                 {"gsutil cp gs://acme-raw-events/2024/*.json .", "gs://acme-raw-events"}},
                                {"https://storage.googleapis.com/", "gs:// is the scheme"}, kAfterPathSegment));
  out.push_back(host_identifier("azure-app-configuration-endpoint", F, "[a-z0-9][a-z0-9\\-]{1,62}\\.azconfig\\.io", 63 + 12,
                                {{"Endpoint=https://acme-settings-prod.azconfig.io;Id=x;Secret=y", "acme-settings-prod.azconfig.io"}},
                                {"https://azconfig.io", "docs for azconfig.io endpoints"}));
  out.push_back(host_identifier("azure-storage-account-host", F,
                                "[a-z0-9]{3,24}\\.(?:blob|queue|table|file|dfs|web)\\.core\\.windows\\.net", 24 + 24,
                                {{"BlobEndpoint=https://acmeinvoices01.blob.core.windows.net/;", "acmeinvoices01.blob.core.windows.net"}},
                                {"https://blob.core.windows.net/", "management.core.windows.net"}));
}
#undef AG_S3_HOST

}  // namespace

void add_cloud_rules(std::vector<Rule> &out) {
  add_aws(out);
  add_gcp(out);
  add_azure(out);
  add_platforms(out);
  add_identifiers(out);
}

}  // namespace ag::scrub
