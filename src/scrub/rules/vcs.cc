// Source hosting and package registries: GitHub, GitLab, Bitbucket, npm, PyPI, Docker Hub,
// RubyGems, NuGet, crates.io, JFrog, Clojars.
#include "scrub/rules/fragments.h"
#include "scrub/rules/tables.h"

namespace ag::scrub {

using namespace frag;

namespace {

void add_github(std::vector<Rule> &out) {
  const Family F = Family::kVcs;
  out.push_back(token("github-pat", F, "ghp_[A-Za-z0-9]{36}", 40, "ghp_",
                      {{"GITHUB_TOKEN=ghp_9eYxgEoFNp5j9QIw5nputVz7HxYh5mxGl3bU", "ghp_9eYxgEoFNp5j9QIw5nputVz7HxYh5mxGl3bU"},
                       {"git clone https://ghp_5v4G4ypRrjYtJYT9am1qotQw4LJMlrpSEpKc@github.com/acme/app.git", "ghp_5v4G4ypRrjYtJYT9am1qotQw4LJMlrpSEpKc"}},
                      {"ghp_Yo0fr2BQcB3anueOeAGHEuweP7LgOQibfAj", "ghp_N6e4TsTas4hruEeruEbuymBp9neaHf4BUu9EH", "ghp_XXXXXXXXXXXXXXXX"}, kEndAlnum));
  out.push_back(token("github-oauth-token", F, "gho_[A-Za-z0-9]{36}", 40, "gho_",
                      {{"oauth_token: gho_9eYxgEoFNp5j9QIw5nputVz7HxYh5mxGl3bU", "gho_9eYxgEoFNp5j9QIw5nputVz7HxYh5mxGl3bU"}}, {"gho_DK7JbIqJ3tqXbW9bxobfVoVOAViccw"}, kEndAlnum));
  out.push_back(token("github-user-to-server-token", F, "ghu_[A-Za-z0-9]{36}", 40, "ghu_",
                      {{"\"token\": \"ghu_9eYxgEoFNp5j9QIw5nputVz7HxYh5mxGl3bU\",", "ghu_9eYxgEoFNp5j9QIw5nputVz7HxYh5mxGl3bU"}}, {"ghu_ASRPqRbvOz9TiAgws7L6"}, kEndAlnum));
  out.push_back(token("github-server-to-server-token", F, "ghs_[A-Za-z0-9]{36}", 40, "ghs_",
                      {{"git clone http://x-access-token:ghs_9eYxgEoFNp5j9QIw5nputVz7HxYh5mxGl3bU@github.com/o/r.git", "ghs_9eYxgEoFNp5j9QIw5nputVz7HxYh5mxGl3bU"}},
                      {"ghs_rBZqgzgpRXTO2oLZRsHZRWC3g3cNyOEoEJUKhc"}, kEndAlnum));
  out.push_back(token("github-refresh-token", F, "ghr_[A-Za-z0-9]{36,76}", 80, "ghr_",
                      {{"\"refresh_token\": \"ghr_KRHSl2v8HvYDBEINNzQdRjNIa5aZfekbepM2ZtAc0vrBsnadTq6jsS3SYLxBZbZ5gLnNOUupDprx\",", "ghr_KRHSl2v8HvYDBEINNzQdRjNIa5aZfekbepM2ZtAc0vrBsnadTq6jsS3SYLxBZbZ5gLnNOUupDprx"}}, {"ghr_fUqhmFuLF2alELecnlEd"}, kEndAlnum));
  out.push_back(token("github-fine-grained-pat", F, "github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}", 93, "github_pat_",
                      {{"GH_TOKEN=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", "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"}},
                      {"github_pat_xNhhw6Yfv3h698IlXshypw", "github_pat_<token>"}, kEndAlnum));
  out.push_back(keyed("github-oauth-client-secret", F,
                      "github[_\\-.]?(?:oauth[_\\-.]?)?(?:client[_\\-.]?)?secret|gh[_\\-.]?client[_\\-.]?secret",
                      "[a-f0-9]{40}", 40, {{"GITHUB_CLIENT_SECRET=c2ce01c9d4239443172c5b0c9c4008c986ffb3a6", "c2ce01c9d4239443172c5b0c9c4008c986ffb3a6"}},
                      {"GITHUB_CLIENT_SECRET=5cef7f8d446530f1feed", "GITHUB_SECRET=${{ secrets.X }}"}, kEndAlnum));
}

void add_gitlab_bitbucket(std::vector<Rule> &out) {
  const Family F = Family::kVcs;
  out.push_back(token("gitlab-pat", F, "glpat-[A-Za-z0-9_\\-]{20,64}", 70, "glpat-",
                      {{"--build-arg 'GO_REPO_TOKEN=glpat-r25Gi1Fl_VagkvvOu3AK'", "glpat-r25Gi1Fl_VagkvvOu3AK"}},
                      {"glpat-f5EvxpL_6L6C", "glpat-xxxx"}));
  out.push_back(token("gitlab-pipeline-trigger-token", F, "glptt-[a-f0-9]{40}", 46, "glptt-",
                      {{"-F token=glptt-c2ce01c9d4239443172c5b0c9c4008c986ffb3a6", "glptt-c2ce01c9d4239443172c5b0c9c4008c986ffb3a6"}}, {"glptt-766f2139804cce11b086889881256d"}, kEndAlnum));
  out.push_back(token("gitlab-runner-registration-token", F, "GR1348941[A-Za-z0-9_\\-]{20}", 29, "GR1348941",
                      {{"--registration-token \"GR1348941r25Gi1Fl_VagkvvOu3AK\"", "GR1348941r25Gi1Fl_VagkvvOu3AK"}},
                      {"GR1348941jvZ5V9CuTw"}));
  out.push_back(token("gitlab-runner-token", F, "glrt-[A-Za-z0-9_\\-]{20,64}", 69, "glrt-",
                      {{"token = \"glrt-r25Gi1Fl_VagkvvOu3AK\"", "glrt-r25Gi1Fl_VagkvvOu3AK"}}, {"glrt-L8LlpQwE"}));
  out.push_back(token("gitlab-deploy-token", F, "gldt-[A-Za-z0-9_\\-]{20,64}", 69, "gldt-",
                      {{"CI_DEPLOY_PASSWORD=gldt-r25Gi1Fl_VagkvvOu3AK", "gldt-r25Gi1Fl_VagkvvOu3AK"}}, {"gldt-hf24LhfR"}));
  out.push_back(token("gitlab-other-token", F, "gl(?:oas|soat|ft|imt|agent|cbt|ffct|rtr)-[A-Za-z0-9_\\-]{20,64}", 72, "gl",
                      {{"GITLAB_OAUTH_SECRET=gloas--1RDB1I-OmURcGKN7ERWT3KuohdIu3EvDqfXbZ3S1Y7nWkRZ5cf7X8PEcdtNVwfU", "gloas--1RDB1I-OmURcGKN7ERWT3KuohdIu3EvDqfXbZ3S1Y7nWkRZ5cf7X8PEcdtNVwfU"},
                       {"feed_token: glft-hYkCDi6VC24CsfxeAfEf", "glft-hYkCDi6VC24CsfxeAfEf"}},
                      {"glft-KR8HNVFxH3", "glagent-abc"}));
  out.push_back(token("bitbucket-app-password", F, "ATBB[A-Za-z0-9_=.\\-]{32}", 36, "ATBB",
                      {{"git ls-remote https://dev:ATBBc60dGf21UxGfGircUx8TXKMplmv1JkoL@bitbucket.org/acme/app", "ATBBc60dGf21UxGfGircUx8TXKMplmv1JkoL"}},
                      {"ATBBG44lUwkrkxCf3WrzgD3c"}, "(?:[^A-Za-z0-9_=.\\-]|$)"));
  out.push_back(keyed("bitbucket-client-secret", F, "bitbucket[_\\-.]?(?:client[_\\-.]?|oauth[_\\-.]?)?secret",
                      "[A-Za-z0-9_\\-]{32}", 32, {{"BITBUCKET_CLIENT_SECRET=fNLy_ukGIqNL7JnRPJnf_w4gZQTUA4Ap", "fNLy_ukGIqNL7JnRPJnf_w4gZQTUA4Ap"}},
                      {"BITBUCKET_CLIENT_SECRET=s9dzTauf6d4UJmy3"}));
}

void add_registries(std::vector<Rule> &out) {
  const Family F = Family::kVcs;
  out.push_back(token("npm-access-token", F, "npm_[A-Za-z0-9]{36}", 40, "npm_",
                      {{"//registry.npmjs.org/:_authToken=npm_9eYxgEoFNp5j9QIw5nputVz7HxYh5mxGl3bU", "npm_9eYxgEoFNp5j9QIw5nputVz7HxYh5mxGl3bU"}},
                      {"npm_jlDybfd9A74WkmQX3ycjlHKip5z8zh", "NPM_TOKEN=\"c7eb792a-e424-f4fb-7205-9730078c4bc1\""}, kEndAlnum));
  out.push_back(token("pypi-upload-token", F, "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\\-]{50,}", 420, "pypi-",
                      {{"password: pypi-AgEIcHlwaS5vcmcgU-5dtdDJ_oTviU8E_UF9BHMjT9K3HxHXAI3lG3zNDQw-Km7NBNfAUyBqFX3IJhnIFVvbnc94OijgGxI88Yy-AzcEYRkjxZ9tgJQ0vpO7Wp5hKM8TR4PUOljzFJbcf0-rOXZm1juCz9D1ers3nuhdW", "pypi-AgEIcHlwaS5vcmcgU-5dtdDJ_oTviU8E_UF9BHMjT9K3HxHXAI3lG3zNDQw-Km7NBNfAUyBqFX3IJhnIFVvbnc94OijgGxI88Yy-AzcEYRkjxZ9tgJQ0vpO7Wp5hKM8TR4PUOljzFJbcf0-rOXZm1juCz9D1ers3nuhdW"}},
                      {"pypi-AgEIcHlwaS5vcmc", "pypi-AgEIcHlwaS5vcmcuaxU90BNGsgMGOD59KUm"}));
  out.push_back(token("pypi-test-upload-token", F, "pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_\\-]{50,}", 427, "pypi-",
                      {{"password = pypi-AgENdGVzdC5weXBpLm9yZwgU-5dtdDJ_oTviU8E_UF9BHMjT9K3HxHXAI3lG3zNDQw-Km7NBNfAUyBqFX3IJhnIFVvbnc94OijgGxI88Yy-AzcEYRkjxZ9tgJQ0vpO7Wp5hKM8TR4PUOljzFJbcf0-rOXZm1juCz9D1ers3nuhdW", "pypi-AgENdGVzdC5weXBpLm9yZwgU-5dtdDJ_oTviU8E_UF9BHMjT9K3HxHXAI3lG3zNDQw-Km7NBNfAUyBqFX3IJhnIFVvbnc94OijgGxI88Yy-AzcEYRkjxZ9tgJQ0vpO7Wp5hKM8TR4PUOljzFJbcf0-rOXZm1juCz9D1ers3nuhdW"}},
                      {"pypi-AgENdGVzdC5weXBpLm9yZwPbik95QTtn"}));
  out.push_back(token("dockerhub-pat", F, "dckr_pat_[A-Za-z0-9_\\-]{27}", 36, "dckr_pat_",
                      {{"docker login -u dev -p dckr_pat_pvrVBhq3LlW3iI9dX9DdWJdK_Xa", "dckr_pat_pvrVBhq3LlW3iI9dX9DdWJdK_Xa"}},
                      {"dckr_pat_hdOfEGs8xwUUNYIyBmos", "dckr_pat_LHAgMNcSIZmymxH6Y9ayHmu7d2waWF"}));
  out.push_back(token("dockerhub-oat", F, "dckr_oat_[A-Za-z0-9_\\-]{32}", 41, "dckr_oat_",
                      {{"DOCKER_TOKEN=dckr_oat_fNLy_ukGIqNL7JnRPJnf_w4gZQTUA4Ap", "dckr_oat_fNLy_ukGIqNL7JnRPJnf_w4gZQTUA4Ap"}}, {"dckr_oat_0cvGVC7MHDceXKjhYZum"}));
  out.push_back(token("rubygems-api-key", F, "rubygems_[a-f0-9]{48}", 57, "rubygems_",
                      {{"curl -H 'Authorization:rubygems_1d976336895f88ee9e206fe68650eafd94cb5da959e84385'", "rubygems_1d976336895f88ee9e206fe68650eafd94cb5da959e84385"}},
                      {"rubygems_af4da90eaf5c183f7b3cae449ec4e29cecc4067e"}, kEndAlnum));
  out.push_back(token("nuget-api-key", F, "oy2[a-z0-9]{43}", 46, "oy2",
                      {{"nuget push pkg.nupkg oy2x0lj2p8ikl5ulguv86xk013wyesvm7e88v6kg83lick -Source https://api.nuget.org/v3/index.json", "oy2x0lj2p8ikl5ulguv86xk013wyesvm7e88v6kg83lick"}},
                      {"oy228rt88p55xs8v2irvz4ky4qwvgdqxsy7jig11e8u"}, kEndAlnum));
  out.push_back(token("cratesio-api-token", F, "cio[A-Za-z0-9]{32}", 35, "cio",
                      {{"CARGO_REGISTRY_TOKEN=cioc60dGf21UxGfGircUx8TXKMplmv1JkoL", "cioc60dGf21UxGfGircUx8TXKMplmv1JkoL"}}, {"ciozo0aPo0itA2cs70GkteT", "ciov50Bqh5PJrZJxjsAmk21FeuS93uXMCA0cNE5vD0W"},
                      kEndAlnum));
  out.push_back(token("artifactory-api-key", F, "AKCp[A-Za-z0-9]{69}", 73, "AKCp",
                      {{"jfrog rt dl --apikey=AKCpYI9t7BfIeZpdxls2inXJOgZVATbGZfr3JF86RHB4PU8qsba9E2R4q6LnFTQXjMSNIkOxb generic-local/x", "AKCpYI9t7BfIeZpdxls2inXJOgZVATbGZfr3JF86RHB4PU8qsba9E2R4q6LnFTQXjMSNIkOxb"}},
                      {"AKCp2GWmXXJYbn4XOMdTvTAfI1CS8rlYyiakDTbKlPO9"}, kEndAlnum));
  out.push_back(token("artifactory-reference-token", F, "cmVmdGtuOjAxOj[A-Za-z0-9]{50,60}", 74, "cmVmdGtu",
                      {{"JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjerYee5RCtB3JxDVY1VjENrWgcbSZe7G0jZ8RLuPstgcDP0zGRU", "cmVmdGtuOjAxOjerYee5RCtB3JxDVY1VjENrWgcbSZe7G0jZ8RLuPstgcDP0zGRU"}},
                      {"cmVmdGtuOjAxOje0v1TmMtaDtGzS8WdhqO"}, kEndAlnum));
  out.push_back(token("clojars-deploy-token", F, "CLOJARS_[a-z0-9]{60}", 68, "CLOJARS_",
                      {{"CLOJARS_PASSWORD=CLOJARS_dpj2g30q7o4nsntotvv4ngzx97old8xnb2w2y4i81t7a786p7hastt9n2hxm", "CLOJARS_dpj2g30q7o4nsntotvv4ngzx97old8xnb2w2y4i81t7a786p7hastt9n2hxm"}}, {"CLOJARS_kux3buccx2ex51qsnf8f"},
                      kEndAlnum));
}

}  // namespace

void add_vcs_rules(std::vector<Rule> &out) {
  add_github(out);
  add_gitlab_bitbucket(out);
  add_registries(out);
}

}  // namespace ag::scrub
