// Payment and commerce platforms: Stripe, Square, Shopify, PayPal/Braintree, Razorpay,
// Flutterwave, Shippo, EasyPost. (Card numbers and IBANs are personal data: pii.cc.)
#include "scrub/rules/fragments.h"
#include "scrub/rules/tables.h"

namespace ag::scrub {

using namespace frag;

namespace {

void add_stripe(std::vector<Rule> &out) {
  const Family F = Family::kPayments;
  out.push_back(token("stripe-live-secret-key", F, "sk_live_[A-Za-z0-9]{24,99}", 107, "sk_live_",
                      {{"Stripe.api_key = \"sk_live_yMAwcKn9ac6mspaINILxldRk\"", "sk_live_yMAwcKn9ac6mspaINILxldRk"},
                       {"STRIPE_SECRET_KEY=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", "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"}},
                      {"sk_live_RFkh63Vsf8", "sk_live_..."}, kEndAlnum));
  out.push_back(token("stripe-test-secret-key", F, "sk_test_[A-Za-z0-9]{24,99}", 107, "sk_test_",
                      {{"var stripe = require(\"stripe\")(\"sk_test_yMAwcKn9ac6mspaINILxldRk\");", "sk_test_yMAwcKn9ac6mspaINILxldRk"}},
                      {"sk_test_2vvr16pzWLjc"}, kEndAlnum));
  out.push_back(token("stripe-restricted-key", F, "rk_(?:live|test)_[A-Za-z0-9]{24,99}", 107, "rk_",
                      {{"STRIPE_RESTRICTED_KEY=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", "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"}},
                      {"rk_live_nc0Fd9kBebjg"}, kEndAlnum));
  out.push_back(token("stripe-webhook-secret", F, "whsec_[A-Za-z0-9]{32,64}", 70, "whsec_",
                      {{"STRIPE_WEBHOOK_SECRET=whsec_hzVlZUXzDewehcRII6ulcRLieZLa5kJ5", "whsec_hzVlZUXzDewehcRII6ulcRLieZLa5kJ5"}}, {"whsec_pOaVSv7S3P8TvV4A"},
                      kEndAlnum));
}

void add_square_shopify(std::vector<Rule> &out) {
  const Family F = Family::kPayments;
  out.push_back(token("square-access-token", F, "EAAA[A-Za-z0-9_\\-]{60}", 64, "EAAA",
                      {{"SQUARE_ACCESS_TOKEN=EAAAb9YpR_QDHe6JwfieUtDqaw5j493v7hYkGmkxjVMTs1ydURMdwOOjhox8gCr0", "EAAAb9YpR_QDHe6JwfieUtDqaw5j493v7hYkGmkxjVMTs1ydURMdwOOjhox8gCr0"}}, {"EAAAWELPsgPr_rVzQxNQDiKhPK1TWk_GToWQ_jD5GOXw", "EAAATw7f4QZlgMvt0n0MDPARlEbeV9LP_IM2wJr8Lsa4cETChyXGaZB8aQaUO-3JleduEwuFVRVnslOCdfUt"}));
  out.push_back(token("square-legacy-access-token", F, "sq0atp-[A-Za-z0-9_\\-]{22}", 29, "sq0atp-",
                      {{"var accessToken = 'sq0atp-oJhKvZMIMQc3gOTxqUudx2';", "sq0atp-oJhKvZMIMQc3gOTxqUudx2"}}, {"sq0atp-hS7R5pZ2vXXT"}));
  out.push_back(token("square-oauth-secret", F, "sq0csp-[A-Za-z0-9_\\-]{43}", 50, "sq0csp-",
                      {{"app_secret: sq0csp-LO2lxTbf3YogSEqKxmosJWUhwTFldH5OXMOYppUux2u", "sq0csp-LO2lxTbf3YogSEqKxmosJWUhwTFldH5OXMOYppUux2u"}}, {"sq0csp-IIgqWMbjGMbLsug-QE0o"}));
  out.push_back(token("shopify-access-token", F, "shpat_[a-fA-F0-9]{32}", 38, "shpat_",
                      {{"$token = \"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\";", "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"}}, {"shpat_f6fc8a93b78b1a5b4c69"}, kEndAlnum));
  out.push_back(token("shopify-shared-secret", F, "shpss_[a-fA-F0-9]{32}", 38, "shpss_",
                      {{"SHOPIFY_API_SECRET: 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", "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"}}, {"shpss_060fd2b5c11f2bc060630f64ff79c71"},
                      kEndAlnum));
  out.push_back(token("shopify-custom-app-token", F, "shpca_[a-fA-F0-9]{32}", 38, "shpca_",
                      {{"const TOKEN = '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 acme.myshopify.com'", "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"}},
                      {"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9"}, kEndAlnum));
  out.push_back(token("shopify-private-app-password", F, "shppa_[a-fA-F0-9]{32}", 38, "shppa_",
                      {{"SHOP_PASSWORD=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", "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"}}, {"shppa_44085e79e84bcff3"}, kEndAlnum));
}

void add_other_payments(std::vector<Rule> &out) {
  const Family F = Family::kPayments;
  out.push_back(token("braintree-access-token", F, "access_token\\$(?:production|sandbox)\\$[a-z0-9]{16}\\$[a-f0-9]{32}", 80,
                      "access_token$",
                      {{"BRAINTREE_TOKEN=access_token$production$gof8gao3lrvgj5wx$cda11813c2ed0df69756d7b4b66d53ca",
                        "access_token$production$gof8gao3lrvgj5wx$cda11813c2ed0df69756d7b4b66d53ca"}},
                      {"access_token$production$82a9rxvw3pxahbui"}, kEndAlnum));
  out.push_back(keyed("paypal-client-secret", F, "paypal[_\\-.]?(?:client[_\\-.]?)?secret", "E[A-Za-z0-9_\\-]{79}", 80,
                      {{"PAYPAL_CLIENT_SECRET=EkOIBByQB2ZL61kk_5W4E5k8AyF0btMZSeHw-I44eF4lBUWNhH9wtAy_r3ukr3FW8yahJr-DCJO8Ob5Q", "EkOIBByQB2ZL61kk_5W4E5k8AyF0btMZSeHw-I44eF4lBUWNhH9wtAy_r3ukr3FW8yahJr-DCJO8Ob5Q"}}, {"PAYPAL_CLIENT_SECRET=E5uwSGglwxqWXikmZxvOs"}));
  out.push_back(token("razorpay-live-key-id", F, "rzp_live_[A-Za-z0-9]{14}", 23, "rzp_live_",
                      {{"RAZORPAY_KEY_ID=rzp_live_dbij9Pv04NM9hL", "rzp_live_dbij9Pv04NM9hL"}}, {"rzp_live_QmwB29JspL"},
                      kEndAlnum));
  out.push_back(token("flutterwave-secret-key", F, "FLWSECK(?:_TEST)?-[a-f0-9]{32}-X", 46, "FLWSECK",
                      {{"FLW_SECRET_KEY=FLWSECK-f1371fb74cf2d1e2e95e4f061dc60a82-X", "FLWSECK-f1371fb74cf2d1e2e95e4f061dc60a82-X"}},
                      {"FLWSECK-7e91cefa65aacf2d464e-X"}, kEndAlnum));
  out.push_back(token("shippo-api-token", F, "shippo_(?:live|test)_[a-f0-9]{40}", 52, "shippo_",
                      {{"SHIPPO_TOKEN=shippo_live_f523d2f87caf06416c7f9186ac453baffe4d5d85", "shippo_live_f523d2f87caf06416c7f9186ac453baffe4d5d85"}},
                      {"shippo_live_c35f2d0fd8e0628669f6"}, kEndAlnum));
  out.push_back(token("easypost-api-key", F, "EZ[AT]K[A-Za-z0-9]{54}", 58, "EZ",
                      {{"EASYPOST_API_KEY=EZAK6TSPPEk6vmJgNHUKhOZBUfJNLJ7r90KObpbm7v2gSUpACHC6oxgjns", "EZAK6TSPPEk6vmJgNHUKhOZBUfJNLJ7r90KObpbm7v2gSUpACHC6oxgjns"}}, {"EZAK0QP45oNuomtYS85HwJN0DKNcTZM0Vq"}, kEndAlnum));
  out.push_back(keyed("plaid-secret", F, "plaid[_\\-.]?(?:secret|client[_\\-.]?secret)", "[a-f0-9]{30}", 30,
                      {{"PLAID_SECRET=9283dde22ba647fffc1aa19c7a5097", "9283dde22ba647fffc1aa19c7a5097"}}, {"PLAID_SECRET=107b98afd778e547245c"}, kEndAlnum));
}

}  // namespace

void add_payments_rules(std::vector<Rule> &out) {
  add_stripe(out);
  add_square_shopify(out);
  add_other_payments(out);
}

}  // namespace ag::scrub
