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
                      {"sk_live_ABABABABAB", "sk_live_..."}, kEndAlnum));
  out.push_back(token("stripe-test-secret-key", F, "sk_test_[A-Za-z0-9]{24,99}", 107, "sk_test_",
                      {{"var stripe = require(\"stripe\")(\"sk_test_yMAwcKn9ac6mspaINILxldRk\");", "sk_test_yMAwcKn9ac6mspaINILxldRk"}},
                      {"sk_test_ABABABABABAB"}, kEndAlnum));
  out.push_back(token("stripe-restricted-key", F, "rk_(?:live|test)_[A-Za-z0-9]{24,99}", 107, "rk_",
                      {{"STRIPE_RESTRICTED_KEY=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", "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"}},
                      {"rk_live_ABABABABABAB"}, kEndAlnum));
  out.push_back(token("stripe-webhook-secret", F, "whsec_[A-Za-z0-9]{32,64}", 70, "whsec_",
                      {{"STRIPE_WEBHOOK_SECRET=whsec_pu4GRB46mDiRofwdv5CB7bnc0Fd9kBeb", "whsec_pu4GRB46mDiRofwdv5CB7bnc0Fd9kBeb"}}, {"whsec_ABABABABABABABAB"},
                      kEndAlnum));
}

void add_square_shopify(std::vector<Rule> &out) {
  const Family F = Family::kPayments;
  out.push_back(token("square-access-token", F, "EAAA[A-Za-z0-9_\\-]{60}", 64, "EAAA",
                      {{"SQUARE_ACCESS_TOKEN=EAAAqzovG894iQR4jX8zX0Sd1qklenqBb9YpR_QDHe6JwfieUtDqaw5j493v7hYk", "EAAAqzovG894iQR4jX8zX0Sd1qklenqBb9YpR_QDHe6JwfieUtDqaw5j493v7hYk"}}, {"EAAAABABABABABABABABABABABABABABABABABABABAB", "EAAAABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB"}));
  out.push_back(token("square-legacy-access-token", F, "sq0atp-[A-Za-z0-9_\\-]{22}", 29, "sq0atp-",
                      {{"var accessToken = 'sq0atp-GmkxjVMTs1ydURMdwOOjho';", "sq0atp-GmkxjVMTs1ydURMdwOOjho"}}, {"sq0atp-ABABABABABAB"}));
  out.push_back(token("square-oauth-secret", F, "sq0csp-[A-Za-z0-9_\\-]{43}", 50, "sq0csp-",
                      {{"app_secret: sq0csp-x8gCr0WELPsgPr_rVzQxNQDiKhPK1TWk_GToWQ_jD5G", "sq0csp-x8gCr0WELPsgPr_rVzQxNQDiKhPK1TWk_GToWQ_jD5G"}}, {"sq0csp-ABABABABABABABABABAB"}));
  out.push_back(token("shopify-access-token", F, "shpat_[a-fA-F0-9]{32}", 38, "shpat_",
                      {{"$token = \"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\";", "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"}}, {"shpat_01010101010101010101"}, kEndAlnum));
  out.push_back(token("shopify-shared-secret", F, "shpss_[a-fA-F0-9]{32}", 38, "shpss_",
                      {{"SHOPIFY_API_SECRET: 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", "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"}}, {"shpss_0101010101010101010101010101010"},
                      kEndAlnum));
  out.push_back(token("shopify-custom-app-token", F, "shpca_[a-fA-F0-9]{32}", 38, "shpca_",
                      {{"const TOKEN = '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 acme.myshopify.com'", "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"}},
                      {"shpca_010101010101010101010101010101010"}, kEndAlnum));
  out.push_back(token("shopify-private-app-password", F, "shppa_[a-fA-F0-9]{32}", 38, "shppa_",
                      {{"SHOP_PASSWORD=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", "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"}}, {"shppa_0101010101010101"}, kEndAlnum));
  // An identifier (scrub.identifiers): the store's own domain, subdomains included.
  out.push_back(host_identifier("shopify-store-domain", F, "[a-z0-9][a-z0-9.\\-]{0,126}\\.myshopify\\.com", 127 + 14,
                                {{"SHOP_URL=https://acme-outdoor.myshopify.com/admin", "acme-outdoor.myshopify.com"},
                                 {"checkout.acme-outdoor.myshopify.com", "checkout.acme-outdoor.myshopify.com"}},
                                {"https://myshopify.com", "a .myshopify.com domain"}));
}

void add_other_payments(std::vector<Rule> &out) {
  const Family F = Family::kPayments;
  out.push_back(token("braintree-access-token", F, "access_token\\$(?:production|sandbox)\\$[a-z0-9]{16}\\$[a-f0-9]{32}", 80,
                      "access_token$",
                      {{"BRAINTREE_TOKEN=access_token$production$eg1yev4fwn2oc6jb$8c51660f64653fd2977b1cb15459b930",
                        "access_token$production$eg1yev4fwn2oc6jb$8c51660f64653fd2977b1cb15459b930"}},
                      {"access_token$production$abababababababab"}, kEndAlnum));
  out.push_back(keyed("paypal-client-secret", F, "paypal[_\\-.]?(?:client[_\\-.]?)?secret", "E[A-Za-z0-9_\\-]{16}[A-Za-z0-9_\\-]*", 80,
                      {{"PAYPAL_CLIENT_SECRET=EdfUtoJhKvZMIMQc3gOTxqUudx2hS7R5pZ2vXXTLO2lxTbf3YogSEqKxmosJWUhwTFldH5OXMOYppUux", "EdfUtoJhKvZMIMQc3gOTxqUudx2hS7R5pZ2vXXTLO2lxTbf3YogSEqKxmosJWUhwTFldH5OXMOYppUux"}}, {"PAYPAL_CLIENT_SECRET=E${SECRET}", "PAYPAL_CLIENT_SECRET=Ex"}));
  out.push_back(token("razorpay-live-key-id", F, "rzp_live_[A-Za-z0-9]{14}", 23, "rzp_live_",
                      {{"RAZORPAY_KEY_ID=rzp_live_lbXtxEE7QjV8Lh", "rzp_live_lbXtxEE7QjV8Lh"}}, {"rzp_live_ABABABABAB"},
                      kEndAlnum));
  out.push_back(token("flutterwave-secret-key", F, "FLWSECK(?:_TEST)?-[a-f0-9]{32}-X", 46, "FLWSECK",
                      {{"FLW_SECRET_KEY=FLWSECK-35c4ce7e46983bbd9d3030491675f23f-X", "FLWSECK-35c4ce7e46983bbd9d3030491675f23f-X"}},
                      {"FLWSECK-01010101010101010101-X"}, kEndAlnum));
  out.push_back(token("shippo-api-token", F, "shippo_(?:live|test)_[a-f0-9]{40}", 52, "shippo_",
                      {{"SHIPPO_TOKEN=shippo_live_3681362bb8f41daf1371fb74cf2d1e2e95e4f061", "shippo_live_3681362bb8f41daf1371fb74cf2d1e2e95e4f061"}},
                      {"shippo_live_01010101010101010101"}, kEndAlnum));
  out.push_back(token("easypost-api-key", F, "EZ[AT]K[A-Za-z0-9]{54}", 58, "EZ",
                      {{"EASYPOST_API_KEY=EZAK5ahuZ3qMyAVQrFezumuMmm9fZ8Q4USHXuOmRnXCly04V6K2XJYM3SB", "EZAK5ahuZ3qMyAVQrFezumuMmm9fZ8Q4USHXuOmRnXCly04V6K2XJYM3SB"}}, {"EZAKABABABABABABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(keyed("plaid-secret", F, "plaid[_\\-.]?(?:secret|client[_\\-.]?secret)", "[a-f0-9]{30}", 30,
                      {{"PLAID_SECRET=60fd2b5c11f2bc060630f64ff79c71", "60fd2b5c11f2bc060630f64ff79c71"}}, {"PLAID_SECRET=01010101010101010101"}, kEndAlnum));
}

}  // namespace

void add_payments_rules(std::vector<Rule> &out) {
  add_stripe(out);
  add_square_shopify(out);
  add_other_payments(out);
}

}  // namespace ag::scrub
