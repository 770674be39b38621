// Private keys and password hashes: PEM blocks (raw, JSON-escaped, or split across string
// literals), base64-wrapped PEM, PGP, PuTTY, age and WireGuard keys, crypt(3) hashes and
// Kerberos roasting output.
#include "scrub/rules/fragments.h"
#include "scrub/rules/tables.h"

namespace ag::scrub {

using namespace frag;

namespace {

// Longest PEM block redacted (a 8192-bit RSA key is about 6.5 KB). The body repeat in the
// pattern is open-ended because a bounded repeat this long costs Hyperscan about a second of
// compile time per rule; the closing -----END line reports each block once, and max_len is
// the cap the scanner enforces.
constexpr uint32_t kPemMax = 8192;

// Body bytes of a PEM block as it appears in text: base64, header lines (Proc-Type,
// DEK-Info, Comment), raw or JSON-escaped line breaks (\n, \r\n), and the quotes, pluses and
// blanks of a key split over concatenated string literals.
constexpr const char *kPemBody = R"re([A-Za-z0-9+/=\s\\",:.\-]{32,})re";

Rule pem(const char *id, const char *label, const char *example_label) {
  Rule r;
  r.id = id;
  r.family = Family::kCryptoKey;
  r.confidence = Confidence::kHigh;
  std::string begin = std::string("-----BEGIN ") + label + "-----";
  std::string end = std::string("-----END ") + label + "-----";
  r.secret = begin + kPemBody + end;
  r.max_len = kPemMax;
  r.mask_prefix = "-----BEGIN ";
  std::string b = std::string("-----BEGIN ") + example_label + "-----";
  std::string e = std::string("-----END ") + example_label + "-----";
  std::string body1 = "MIIEfcoA4oc4A+igZ/kjrYnJjzxXNGPb7B62zQXEBOF1oOOLwaZtbqWCOjfauiq+\nPwl4fLEWH1LXKfRzsmq8Kd/Ha0/ee1RMmaCWPMUhjfwUa50WNaxp/Zc+GyFyTjnf\npEssYC3xXF3lxmecuvODa7t4qyQttzrTB6bWsTgx1/3t208uHOwbGVnAXyOvmLtZ\nMeuqZBmg8xKrqzTSXXr1==";
  std::string body2 = "MIIEfcoA4oc4A+igZ/kjrYnJjzxXNGPb7B62zQXEBOF1oOOLwaZtbqWCOjfauiq+\\nPwl4fLEWH1LXKfRzsmq8Kd/Ha0/ee1RMmaCWPMUhjfwUa50WNaxp/Zc+GyFyTjnf\\npEssYC3xXF3lxmecuvODa7t4qyQttzrTB6bWsTgx1/3t208uHOwbGVnAXyOvmLtZ\\nMeuqZBmg8xKrqzTSXXr1==";
  r.positives = {{"key:\n" + b + "\n" + body1 + "\n" + e + "\n", b + "\n" + body1 + "\n" + e},
                 {"{\"key\": \"" + b + "\\n" + body2 + "\\n" + e + "\\n\"}", b + "\\n" + body2 + "\\n" + e}};
  r.negatives = {b + "\n...\n" + e, b, "-----BEGIN PUBLIC KEY-----\nMIIBgdPql8RHmzld4kWoRI+hxmGoQOgGtU/pPbGqLvfuCJaul7EdGnJHNlaEuvxI\n-----END PUBLIC KEY-----"};
  return r;
}

void add_pem(std::vector<Rule> &out) {
  out.push_back(pem("pem-rsa-private-key", "RSA PRIVATE KEY", "RSA PRIVATE KEY"));
  out.push_back(pem("pem-ec-private-key", "EC PRIVATE KEY", "EC PRIVATE KEY"));
  out.push_back(pem("pem-dsa-private-key", "DSA PRIVATE KEY", "DSA PRIVATE KEY"));
  out.push_back(pem("pem-openssh-private-key", "OPENSSH PRIVATE KEY", "OPENSSH PRIVATE KEY"));
  out.push_back(pem("pem-encrypted-private-key", "ENCRYPTED PRIVATE KEY", "ENCRYPTED PRIVATE KEY"));
  out.push_back(pem("pem-pkcs8-private-key", "PRIVATE KEY", "PRIVATE KEY"));
  out.push_back(pem("pgp-private-key-block", "PGP PRIVATE KEY BLOCK", "PGP PRIVATE KEY BLOCK"));
  out.push_back(pem("pem-other-private-key", "(?:SSH2 ENCRYPTED|X9\\.42 DH|DH|ED25519|ECDSA) PRIVATE KEY",
                    "ED25519 PRIVATE KEY"));

  Rule b64 = token("pem-base64-private-key", Family::kCryptoKey,
                   "LS0tLS1CRUdJTi[A-Za-z0-9+/]{0,40}(?:UFJJVkFURSBLRVkt|BSSVZBVEUgS0VZLS|QUklWQVRFIEtFWS0t)[A-Za-z0-9+/=\\\\\\r\\n]{64,}",
                   kPemMax, "LS0tLS1CRUdJTi",
                   {{"PRIVATE_KEY_B64=LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlF80vg7+8AzUlODHnX7WN6IXjnIuipO92DVhsOkABQPMUvpv2z07PRirOnKiNXmCP5Ys21RpraeIM2EaKvTp+bJ4TUO5JXAT2KrosctxKBaLCPJqUdme5qeNBQh4IfZwkSwVUUMcEC2ZyBU/sBFA8CrA0RpP7hnCTunLfvudV//pjNqXjZ01pNhwxp8YeneCcZsJgJ6AIz=",
                     "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlF80vg7+8AzUlODHnX7WN6IXjnIuipO92DVhsOkABQPMUvpv2z07PRirOnKiNXmCP5Ys21RpraeIM2EaKvTp+bJ4TUO5JXAT2KrosctxKBaLCPJqUdme5qeNBQh4IfZwkSwVUUMcEC2ZyBU/sBFA8CrA0RpP7hnCTunLfvudV//pjNqXjZ01pNhwxp8YeneCcZsJgJ6AIz="}},
                   {"LS0tLS1CRUdJTiBQVUJMSUMgS0VZLS0tLS0K+IFYjKHnn2WVdAAigiRSRyE3TrHKc7YsXP1U5v4bXzbs4oyHds10Dl9wnJO2vC4TlOPDy+/yS9UIhyh6vj7yrWqf0p0K4t0/uCm8", "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVkt"},
                   "(?:[^A-Za-z0-9+/=\\\\\\r\\n]|$)");
  b64.max_len = kPemMax;
  out.push_back(std::move(b64));

  Rule putty;
  putty.id = "putty-private-key";
  putty.family = Family::kCryptoKey;
  putty.confidence = Confidence::kHigh;
  putty.prefix = R"re(Private-Lines: [0-9]{1,3}(?:\r?\n|\\r?\\n))re";
  putty.secret = R"re([A-Za-z0-9+/=\r\n\\]{32,})re";
  putty.suffix = "Private-(?:MAC|Hash):";
  putty.max_len = kPemMax;
  putty.positives = {{"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-Lines: 1\nthOm/Ei9vUKLSK3H2TaA6olQNl/PXCTMgUIMhLNUpMf6\nPrivate-MAC: 34558b086a837cae8cbb48439709f6d1200485c255a40cf98a85f956b7542576\n",
                      "thOm/Ei9vUKLSK3H2TaA6olQNl/PXCTMgUIMhLNUpMf6\n"}};
  putty.negatives = {"Private-Lines: 1\n\nPrivate-MAC: 00"};
  out.push_back(std::move(putty));
}

void add_keys(std::vector<Rule> &out) {
  const Family F = Family::kCryptoKey;
  out.push_back(token("age-secret-key", F, "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}", 74, "AGE-SECRET-KEY-1",
                      {{"# public key: age1ea2s0qjar92c3dtvw6a7s9kjtvn5m6rhdh20pza0hrkkwjm5nev88u5p62\nAGE-SECRET-KEY-1QKUWRZUKK0GS060YDYW7VFDM4F6VQW9FVLCAJRNXN63PEW46N7ZFKVFXH0\n", "AGE-SECRET-KEY-1QKUWRZUKK0GS060YDYW7VFDM4F6VQW9FVLCAJRNXN63PEW46N7ZFKVFXH0"}},
                      {"AGE-SECRET-KEY-1YXYM2S9QNPU2QD3LD0FUCR5V69DJ08", "AGE-SECRET-KEY-1..."}, kEndAlnum));
  Rule wg = keyed("wireguard-private-key", F, "PrivateKey|PresharedKey", "[A-Za-z0-9+/]{42}[A-Za-z0-9+/=]=", 44,
                  {{"[Interface]\nAddress = 10.0.0.2/32\nPrivateKey = /l7H2nJWw0LEMp1TRKhuExl9qMwufQ1a2M6TvlsvO6z=\n", "/l7H2nJWw0LEMp1TRKhuExl9qMwufQ1a2M6TvlsvO6z="},
                   {"[Peer]\nPresharedKey = rBZhMxXS+5kfDepcE/0/Wc8tNaYuqrwF1rj/dY+ibOA=\n", "rBZhMxXS+5kfDepcE/0/Wc8tNaYuqrwF1rj/dY+ibOA="}},
                  {"PrivateKey = <your private key>", "PublicKey = [Server's public key]"}, kEndB64);
  wg.prefix = R"re((?:PrivateKey|PresharedKey)\s{0,3}=\s{0,3})re";
  wg.flags = 0;
  wg.confidence = Confidence::kHigh;
  out.push_back(std::move(wg));
  out.push_back(keyed("hex-private-key", F,
                      "private[_\\-.]?key|priv[_\\-.]?key|eth[_\\-.]?(?:private[_\\-.]?)?key|wallet[_\\-.]?key|signer[_\\-.]?key",
                      "(?:0x)?[a-fA-F0-9]{64}", 66,
                      {{"PRIVATE_KEY=0x1c522af05ae5b2877d9777e022a8516bbefc40acafbf59982fc3e05f72063770", "0x1c522af05ae5b2877d9777e022a8516bbefc40acafbf59982fc3e05f72063770"}},
                      {"PRIVATE_KEY=0xf781d58982901822bcc41c91bbd079490b8acfdf", "private_key_path = ./key.pem"}, kEndAlnum));
}

Rule hash(const char *id, const char *secret, uint32_t max, std::vector<Example> positives,
          std::vector<std::string> negatives) {
  Rule r = token(id, Family::kCryptoKey, secret, max, "", std::move(positives), std::move(negatives),
                 "(?:[^./A-Za-z0-9]|$)");
  r.prefix = "";  // hashes start with '$', where \b does not hold after a blank
  return r;
}

void add_hashes(std::vector<Rule> &out) {
  out.push_back(hash("bcrypt-hash", "\\$2[abxy]?\\$[0-9]{2}\\$[./A-Za-z0-9]{53}", 60,
                     {{"admin:$2b$12$Okvlz5lxtV0uDC0t0bM0vye7QKcnbqik5aF2MAu50HsxxFoB6402H:0:0", "$2b$12$Okvlz5lxtV0uDC0t0bM0vye7QKcnbqik5aF2MAu50HsxxFoB6402H"}}, {"$2b$12$short", "$2b$"}));
  out.push_back(hash("md5-crypt-hash", "\\$1\\$[./A-Za-z0-9]{1,8}\\$[./A-Za-z0-9]{22}", 34,
                     {{"root:$1$yPTp9odS$gqAXPUoeoJihndqAD31RXo:19000:0:99999:7:::", "$1$yPTp9odS$gqAXPUoeoJihndqAD31RXo"}},
                     {"$1$dDnHIsIC$5ObCKCVLCe", "costs $1$ each"}));
  out.push_back(hash("sha256-crypt-hash", "\\$5\\$(?:rounds=[0-9]{1,9}\\$)?[./A-Za-z0-9]{1,16}\\$[./A-Za-z0-9]{43}", 80,
                     {{"hash: $5$rounds=5000$J2tpa9EaW0No2pLy$NLJo7cY6SjCZNQb2B59c8UM2uPLTbXJn9WZUyvbyJyK", "$5$rounds=5000$J2tpa9EaW0No2pLy$NLJo7cY6SjCZNQb2B59c8UM2uPLTbXJn9WZUyvbyJyK"}},
                     {"$5$DqBxRg5VpaMu0w8w$t4ZLlK2mNhR7LPAob6rB"}));
  out.push_back(hash("sha512-crypt-hash", "\\$6\\$(?:rounds=[0-9]{1,9}\\$)?[./A-Za-z0-9]{1,16}\\$[./A-Za-z0-9]{86}", 123,
                     {{"user:$6$J2tpa9EaW0No2pLy$KbiIvhMm4E8u1IfgRSdbsPB83W5qfZsVDXJ82bJLOu0EwL3IobJH9fFue1gPJpghwiRnjm4kqvTnfe3b2W4RKz:19000::::::", "$6$J2tpa9EaW0No2pLy$KbiIvhMm4E8u1IfgRSdbsPB83W5qfZsVDXJ82bJLOu0EwL3IobJH9fFue1gPJpghwiRnjm4kqvTnfe3b2W4RKz"}},
                     {"$6$nurvwgXAIOfKNNBi$Qis22UHlrp2eJ6MbYSoNe4ljKjcxXCiEB50Wnyx9"}));
  out.push_back(hash("scrypt-crypt-hash", "\\$[78]\\$[./A-Za-z0-9]{14,64}\\$[./A-Za-z0-9]{43}", 112,
                     {{"enable secret 8 $8$AWAISgF20Uj0zI$NLJo7cY6SjCZNQb2B59c8UM2uPLTbXJn9WZUyvbyJyK", "$8$AWAISgF20Uj0zI$NLJo7cY6SjCZNQb2B59c8UM2uPLTbXJn9WZUyvbyJyK"}},
                     {"$8$3lcXLqYgucapFo$tEOek1X4xOTnULW58fNu"}));
  out.push_back(hash("argon2-hash",
                     "\\$argon2(?:id|i|d)\\$v=[0-9]{1,3}\\$m=[0-9]{1,10},t=[0-9]{1,4},p=[0-9]{1,3}\\$[A-Za-z0-9+/]{11,64}\\$[A-Za-z0-9+/]{16,128}",
                     240, {{"hash = \"$argon2id$v=19$m=65536,t=3,p=4$cwJvvQW36WPe2tB/Nm67iU$rBZhMxXS+5kfDepcE/0/Wc8tNaYuqrwF1rj/dY+ibOA\"",
                            "$argon2id$v=19$m=65536,t=3,p=4$cwJvvQW36WPe2tB/Nm67iU$rBZhMxXS+5kfDepcE/0/Wc8tNaYuqrwF1rj/dY+ibOA"}},
                     {"$argon2id$v=19$m=65536,t=3,p=4$"}));
  Rule krb = hash("kerberos-roast-hash", "\\$krb5(?:asrep|tgs)\\$(?:17|18|23)\\$[^$\\s]{0,256}\\$?[a-f0-9]{32}\\$[a-f0-9]{64,}", 8192,
                  {{"$krb5asrep$23$svc@corp.example:061b601aecbb6cd10a736664a76daa03$7aa242a14e4906fa28e384bb0017cfc598b3af092f953be0fd48a41d6e403a1ffa214f7f4303820d0f8d51be94513720d90bd396ef106a44eae79567723b613a26de9d0a036c367695c78733140e53aad7b5b0d082d151f6ce019bdfa441aaaf63ba22f1a2f4256f8b089f6e340a07c7fc05b7bf80721311aec7574becfeb54c2c8b1bb83d15cb6f996d285e749cdd16cd851801ef34", "$krb5asrep$23$svc@corp.example:061b601aecbb6cd10a736664a76daa03$7aa242a14e4906fa28e384bb0017cfc598b3af092f953be0fd48a41d6e403a1ffa214f7f4303820d0f8d51be94513720d90bd396ef106a44eae79567723b613a26de9d0a036c367695c78733140e53aad7b5b0d082d151f6ce019bdfa441aaaf63ba22f1a2f4256f8b089f6e340a07c7fc05b7bf80721311aec7574becfeb54c2c8b1bb83d15cb6f996d285e749cdd16cd851801ef34"}},
                  {"$krb5asrep$23$short"});
  out.push_back(std::move(krb));
}

}  // namespace

void add_crypto_key_rules(std::vector<Rule> &out) {
  add_pem(out);
  add_keys(out);
  add_hashes(out);
}

}  // namespace ag::scrub
