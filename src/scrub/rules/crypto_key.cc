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
  r.negatives = {b + "\n...\n" + e, b, "-----BEGIN PUBLIC KEY-----\nMIIBABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB\n-----END PUBLIC KEY-----"};
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
                   {{"PRIVATE_KEY_B64=LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFgdPql8RHmzld4kWoRI+hxmGoQOgGtU/pPbGqLvfuCJaul7EdGnJHNlaEuvxI80vg7+8AzUlODHnX7WN6IXjnIuipO92DVhsOkABQPMUvpv2z07PRirOnKiNXmCP5Ys21RpraeIM2EaKvTp+bJ4TUO5JXAT2KrosctxKBaLCPJqUdme5qeNBQh4IfZwkSwVUUMcEC2ZyB=",
                     "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFgdPql8RHmzld4kWoRI+hxmGoQOgGtU/pPbGqLvfuCJaul7EdGnJHNlaEuvxI80vg7+8AzUlODHnX7WN6IXjnIuipO92DVhsOkABQPMUvpv2z07PRirOnKiNXmCP5Ys21RpraeIM2EaKvTp+bJ4TUO5JXAT2KrosctxKBaLCPJqUdme5qeNBQh4IfZwkSwVUUMcEC2ZyB="}},
                   {"LS0tLS1CRUdJTiBQVUJMSUMgS0VZLS0tLS0KABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB", "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVkt"},
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
  putty.positives = {{"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-Lines: 1\nU/sBFA8CrA0RpP7hnCTunLfvudV//pjNqXjZ01pNhwxp\nPrivate-MAC: f6797076b282e02cf21682199d55700888444c1d4a127e6b53d5ebe65c6beac1\n",
                      "U/sBFA8CrA0RpP7hnCTunLfvudV//pjNqXjZ01pNhwxp\n"}};
  putty.negatives = {"Private-Lines: 1\n\nPrivate-MAC: 00"};
  out.push_back(std::move(putty));
}

void add_keys(std::vector<Rule> &out) {
  const Family F = Family::kCryptoKey;
  out.push_back(token("age-secret-key", F, "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}", 74, "AGE-SECRET-KEY-1",
                      {{"# public key: age1qpqpqpqpqpqpqpqpqpqpqpqpqpqpqpqpqpqpqpqpqpqpqpqpqpqpqpqpqp\nAGE-SECRET-KEY-1WK66PJ7CNY8MHPUFJ88PELLEF72YSESAH3AE4T406569UK6LHPN7KS8NLZ\n", "AGE-SECRET-KEY-1WK66PJ7CNY8MHPUFJ88PELLEF72YSESAH3AE4T406569UK6LHPN7KS8NLZ"}},
                      {"AGE-SECRET-KEY-1QPQPQPQPQPQPQPQPQPQPQPQPQPQPQP", "AGE-SECRET-KEY-1..."}, kEndAlnum));
  Rule wg = keyed("wireguard-private-key", F, "PrivateKey|PresharedKey", "[A-Za-z0-9+/]{42}[A-Za-z0-9+/=]=", 44,
                  {{"[Interface]\nAddress = 10.0.0.2/32\nPrivateKey = i9vUKLSK3H2TaA6olQNl/PXCTMgUIMhLNUpMf6OSVUi=\n", "i9vUKLSK3H2TaA6olQNl/PXCTMgUIMhLNUpMf6OSVUi="},
                   {"[Peer]\nPresharedKey = vDibpjMezr6iyuvSgQNleAm9b3GLBATgXyLXUoSCx+m=\n", "vDibpjMezr6iyuvSgQNleAm9b3GLBATgXyLXUoSCx+m="}},
                  {"PrivateKey = <your private key>", "PublicKey = [Server's public key]"}, kEndB64);
  wg.prefix = R"re((?:PrivateKey|PresharedKey)\s{0,3}=\s{0,3})re";
  wg.flags = 0;
  wg.confidence = Confidence::kHigh;
  out.push_back(std::move(wg));
  out.push_back(keyed("hex-private-key", F,
                      "private[_\\-.]?key|priv[_\\-.]?key|eth[_\\-.]?(?:private[_\\-.]?)?key|wallet[_\\-.]?key|signer[_\\-.]?key",
                      "(?:0x)?[a-fA-F0-9]{64}", 66,
                      {{"PRIVATE_KEY=0x8a85f956b7542576ce58709e125c86567def82b9569add1b6b5701e7b1bb79da", "0x8a85f956b7542576ce58709e125c86567def82b9569add1b6b5701e7b1bb79da"}},
                      {"PRIVATE_KEY=0x0101010101010101010101010101010101010101", "private_key_path = ./key.pem"}, kEndAlnum));
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
                     {{"admin:$2b$12$8TZ4MpHy8gp4HcU9B2ak44vKvAzxW8c7Ox5vDlCcWW0rPIxQPjaPE:0:0", "$2b$12$8TZ4MpHy8gp4HcU9B2ak44vKvAzxW8c7Ox5vDlCcWW0rPIxQPjaPE"}}, {"$2b$12$short", "$2b$"}));
  out.push_back(hash("md5-crypt-hash", "\\$1\\$[./A-Za-z0-9]{1,8}\\$[./A-Za-z0-9]{22}", 34,
                     {{"root:$1$NErghOeM$J22N6p7bsVJzuanM4oApOF:19000:0:99999:7:::", "$1$NErghOeM$J22N6p7bsVJzuanM4oApOF"}},
                     {"$1$ABABABAB$ABABABABAB", "costs $1$ each"}));
  out.push_back(hash("sha256-crypt-hash", "\\$5\\$(?:rounds=[0-9]{1,9}\\$)?[./A-Za-z0-9]{1,16}\\$[./A-Za-z0-9]{43}", 80,
                     {{"hash: $5$rounds=5000$J709MfYdSDulgnnT$1GT5a8R9qnBZ88OVa7m7TesCJW43Mq9JG32XwPzEGqE", "$5$rounds=5000$J709MfYdSDulgnnT$1GT5a8R9qnBZ88OVa7m7TesCJW43Mq9JG32XwPzEGqE"}},
                     {"$5$ABABABABABABABAB$ABABABABABABABABABAB"}));
  out.push_back(hash("sha512-crypt-hash", "\\$6\\$(?:rounds=[0-9]{1,9}\\$)?[./A-Za-z0-9]{1,16}\\$[./A-Za-z0-9]{86}", 123,
                     {{"user:$6$J709MfYdSDulgnnT$bpKg3s6QFATBcps5sK8AN0rRfpN7PJckYw8r8DnUMatksFNSwPHxfSdi5Dob7gTnELYu4a4FCGU1hz2aJIFQXC:19000::::::", "$6$J709MfYdSDulgnnT$bpKg3s6QFATBcps5sK8AN0rRfpN7PJckYw8r8DnUMatksFNSwPHxfSdi5Dob7gTnELYu4a4FCGU1hz2aJIFQXC"}},
                     {"$6$ABABABABABABABAB$ABABABABABABABABABABABABABABABABABABABAB"}));
  out.push_back(hash("scrypt-crypt-hash", "\\$[78]\\$[./A-Za-z0-9]{14,64}\\$[./A-Za-z0-9]{43}", 112,
                     {{"enable secret 8 $8$z5YSet8VG1otu7$1GT5a8R9qnBZ88OVa7m7TesCJW43Mq9JG32XwPzEGqE", "$8$z5YSet8VG1otu7$1GT5a8R9qnBZ88OVa7m7TesCJW43Mq9JG32XwPzEGqE"}},
                     {"$8$ABABABABABABAB$ABABABABABABABABABAB"}));
  out.push_back(hash("argon2-hash",
                     "\\$argon2(?:id|i|d)\\$v=[0-9]{1,3}\\$m=[0-9]{1,10},t=[0-9]{1,4},p=[0-9]{1,3}\\$[A-Za-z0-9+/]{11,64}\\$[A-Za-z0-9+/]{16,128}",
                     240, {{"hash = \"$argon2id$v=19$m=65536,t=3,p=4$wufQ1a2M6TvlsvO6zrBZhM$vDibpjMezr6iyuvSgQNleAm9b3GLBATgXyLXUoSCx+m\"",
                            "$argon2id$v=19$m=65536,t=3,p=4$wufQ1a2M6TvlsvO6zrBZhM$vDibpjMezr6iyuvSgQNleAm9b3GLBATgXyLXUoSCx+m"}},
                     {"$argon2id$v=19$m=65536,t=3,p=4$"}));
  Rule krb = hash("kerberos-roast-hash", "\\$krb5(?:asrep|tgs)\\$(?:17|18|23)\\$[^$\\s]{0,256}\\$?[a-f0-9]{32}\\$[a-f0-9]{64,}", 8192,
                  {{"$krb5asrep$23$svc@corp.example:c54fe9707a71fdf57fb366baac1da8f7$6f86301c522af05ae5b2877d9777e022a8516bbefc40acafbf59982fc3e05f72063770f781d58982901822bcc41c91bbd079490b8acfdf7a11d6f85edd260320379e90b7af4e018be134417d151a51f4d2db65654ec91c68d0ea6759db4bcad45108ad6c5568570d05d4624f89ed70bfca1b4d457254d43f2f7489ffdb85b047f56608a3f46dc96f5eb120b0b0492a4eb5ced227fb79", "$krb5asrep$23$svc@corp.example:c54fe9707a71fdf57fb366baac1da8f7$6f86301c522af05ae5b2877d9777e022a8516bbefc40acafbf59982fc3e05f72063770f781d58982901822bcc41c91bbd079490b8acfdf7a11d6f85edd260320379e90b7af4e018be134417d151a51f4d2db65654ec91c68d0ea6759db4bcad45108ad6c5568570d05d4624f89ed70bfca1b4d457254d43f2f7489ffdb85b047f56608a3f46dc96f5eb120b0b0492a4eb5ced227fb79"}},
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
