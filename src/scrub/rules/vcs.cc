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
                      {"ghp_ABABABABABABABABABABABABABABABABABA", "ghp_ABABABABABABABABABABABABABABABABABABA", "ghp_XXXXXXXXXXXXXXXX"}, kEndAlnum));
  out.push_back(token("github-oauth-token", F, "gho_[A-Za-z0-9]{36}", 40, "gho_",
                      {{"oauth_token: gho_9eYxgEoFNp5j9QIw5nputVz7HxYh5mxGl3bU", "gho_9eYxgEoFNp5j9QIw5nputVz7HxYh5mxGl3bU"}}, {"gho_ABABABABABABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("github-user-to-server-token", F, "ghu_[A-Za-z0-9]{36}", 40, "ghu_",
                      {{"\"token\": \"ghu_9eYxgEoFNp5j9QIw5nputVz7HxYh5mxGl3bU\",", "ghu_9eYxgEoFNp5j9QIw5nputVz7HxYh5mxGl3bU"}}, {"ghu_ABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("github-server-to-server-token", F, "ghs_[A-Za-z0-9]{36}", 40, "ghs_",
                      {{"git clone http://x-access-token:ghs_9eYxgEoFNp5j9QIw5nputVz7HxYh5mxGl3bU@github.com/o/r.git", "ghs_9eYxgEoFNp5j9QIw5nputVz7HxYh5mxGl3bU"}},
                      {"ghs_ABABABABABABABABABABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("github-refresh-token", F, "ghr_[A-Za-z0-9]{36,76}", 80, "ghr_",
                      {{"\"refresh_token\": \"ghr_Yo0fr2BQcB3anueOeAGHEuweP7LgOQibfAjN6e4TsTas4hruEeruEbuymBp9neaHf4BUu9EHDK7J\",", "ghr_Yo0fr2BQcB3anueOeAGHEuweP7LgOQibfAjN6e4TsTas4hruEeruEbuymBp9neaHf4BUu9EHDK7J"}}, {"ghr_ABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("github-fine-grained-pat", F, "github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}", 93, "github_pat_",
                      {{"GH_TOKEN=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", "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"}},
                      {"github_pat_ABABABABABABABABABABAB", "github_pat_<token>"}, kEndAlnum));
  out.push_back(keyed("github-oauth-client-secret", F,
                      "github[_\\-.]?(?:oauth[_\\-.]?)?(?:client[_\\-.]?)?secret|gh[_\\-.]?client[_\\-.]?secret",
                      "[a-f0-9]{40}", 40, {{"GITHUB_CLIENT_SECRET=4a5e58393c1024668e864ddcffdf6c0e0de999c5", "4a5e58393c1024668e864ddcffdf6c0e0de999c5"}},
                      {"GITHUB_CLIENT_SECRET=01010101010101010101", "GITHUB_SECRET=${{ secrets.X }}"}, kEndAlnum));
}

void add_gitlab_bitbucket(std::vector<Rule> &out) {
  const Family F = Family::kVcs;
  out.push_back(token("gitlab-pat", F, "glpat-[A-Za-z0-9_\\-]{20,64}", 70, "glpat-",
                      {{"--build-arg 'GO_REPO_TOKEN=glpat-Cz2yWadpG_oLXK1JW94J'", "glpat-Cz2yWadpG_oLXK1JW94J"}},
                      {"glpat-ABABABABABAB", "glpat-xxxx"}));
  out.push_back(token("gitlab-pipeline-trigger-token", F, "glptt-[a-f0-9]{40}", 46, "glptt-",
                      {{"-F token=glptt-4a5e58393c1024668e864ddcffdf6c0e0de999c5", "glptt-4a5e58393c1024668e864ddcffdf6c0e0de999c5"}}, {"glptt-010101010101010101010101010101"}, kEndAlnum));
  out.push_back(token("gitlab-runner-registration-token", F, "GR1348941[A-Za-z0-9_\\-]{20}", 29, "GR1348941",
                      {{"--registration-token \"GR1348941Cz2yWadpG_oLXK1JW94J\"", "GR1348941Cz2yWadpG_oLXK1JW94J"}},
                      {"GR1348941ABABABABAB"}));
  out.push_back(token("gitlab-runner-token", F, "glrt-[A-Za-z0-9_\\-]{20,64}", 69, "glrt-",
                      {{"token = \"glrt-Cz2yWadpG_oLXK1JW94J\"", "glrt-Cz2yWadpG_oLXK1JW94J"}}, {"glrt-ABABABAB"}));
  out.push_back(token("gitlab-deploy-token", F, "gldt-[A-Za-z0-9_\\-]{20,64}", 69, "gldt-",
                      {{"CI_DEPLOY_PASSWORD=gldt-Cz2yWadpG_oLXK1JW94J", "gldt-Cz2yWadpG_oLXK1JW94J"}}, {"gldt-ABABABAB"}));
  out.push_back(token("gitlab-other-token", F, "gl(?:oas|soat|ft|imt|agent|cbt|ffct|rtr)-[A-Za-z0-9_\\-]{20,64}", 72, "gl",
                      {{"GITLAB_OAUTH_SECRET=gloas-6lHumociE1gIFdWJTmrIfFl6ZqeOWlj96OtLdBax-RuxIw4CHxk0QIOlSSNFcJxV", "gloas-6lHumociE1gIFdWJTmrIfFl6ZqeOWlj96OtLdBax-RuxIw4CHxk0QIOlSSNFcJxV"},
                       {"feed_token: glft-tDymzQAAhxlgb_8sNoZW", "glft-tDymzQAAhxlgb_8sNoZW"}},
                      {"glft-ABABABABAB", "glagent-abc"}));
  out.push_back(token("bitbucket-app-password", F, "ATBB[A-Za-z0-9_=.\\-]{32}", 36, "ATBB",
                      {{"git ls-remote https://dev:ATBBj5sZcie5OeinzgspQuaIpoJMKH9AfoDf@bitbucket.org/acme/app", "ATBBj5sZcie5OeinzgspQuaIpoJMKH9AfoDf"}},
                      {"ATBBABABABABABABABABABAB"}, "(?:[^A-Za-z0-9_=.\\-]|$)"));
  out.push_back(keyed("bitbucket-client-secret", F, "bitbucket[_\\-.]?(?:client[_\\-.]?|oauth[_\\-.]?)?secret",
                      "[A-Za-z0-9_\\-]{32}", 32, {{"BITBUCKET_CLIENT_SECRET=661r25Gi1Fl_VagkvvOu3AKf5EvxpL_6", "661r25Gi1Fl_VagkvvOu3AKf5EvxpL_6"}},
                      {"BITBUCKET_CLIENT_SECRET=ABABABABABABABAB"}));
}

void add_registries(std::vector<Rule> &out) {
  const Family F = Family::kVcs;
  out.push_back(token("npm-access-token", F, "npm_[A-Za-z0-9]{36}", 40, "npm_",
                      {{"//registry.npmjs.org/:_authToken=npm_9eYxgEoFNp5j9QIw5nputVz7HxYh5mxGl3bU", "npm_9eYxgEoFNp5j9QIw5nputVz7HxYh5mxGl3bU"}},
                      {"npm_ABABABABABABABABABABABABABABAB", "NPM_TOKEN=\"01010101-0101-0101-0101-010101010101\""}, kEndAlnum));
  out.push_back(token("pypi-upload-token", F, "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\\-]{50,}", 420, "pypi-",
                      {{"password: pypi-AgEIcHlwaS5vcmcL6Ceba8IEOkgATxx7GHvChYhjligFJUa1jvZ5V9CuTwL8LlpQwEhf24LhfR-1RDB1I-OmURcGKN7ERWT3KuohdIu3EvDqfXbZ3S1Y7nWkRZ5cf7X8PEcdtNVwfUhYkCDi6VC24CsfxeAfEfKR8HNVF", "pypi-AgEIcHlwaS5vcmcL6Ceba8IEOkgATxx7GHvChYhjligFJUa1jvZ5V9CuTwL8LlpQwEhf24LhfR-1RDB1I-OmURcGKN7ERWT3KuohdIu3EvDqfXbZ3S1Y7nWkRZ5cf7X8PEcdtNVwfUhYkCDi6VC24CsfxeAfEfKR8HNVF"}},
                      {"pypi-AgEIcHlwaS5vcmc", "pypi-AgEIcHlwaS5vcmcABABABABABABABABABAB"}));
  out.push_back(token("pypi-test-upload-token", F, "pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_\\-]{50,}", 427, "pypi-",
                      {{"password = pypi-AgENdGVzdC5weXBpLm9yZwL6Ceba8IEOkgATxx7GHvChYhjligFJUa1jvZ5V9CuTwL8LlpQwEhf24LhfR-1RDB1I-OmURcGKN7ERWT3KuohdIu3EvDqfXbZ3S1Y7nWkRZ5cf7X8PEcdtNVwfUhYkCDi6VC24CsfxeAfEfKR8HNVF", "pypi-AgENdGVzdC5weXBpLm9yZwL6Ceba8IEOkgATxx7GHvChYhjligFJUa1jvZ5V9CuTwL8LlpQwEhf24LhfR-1RDB1I-OmURcGKN7ERWT3KuohdIu3EvDqfXbZ3S1Y7nWkRZ5cf7X8PEcdtNVwfUhYkCDi6VC24CsfxeAfEfKR8HNVF"}},
                      {"pypi-AgENdGVzdC5weXBpLm9yZwABABABABAB"}));
  out.push_back(token("dockerhub-pat", F, "dckr_pat_[A-Za-z0-9_\\-]{27}", 36, "dckr_pat_",
                      {{"docker login -u dev -p dckr_pat_xH356N_oN-M5omuVYTWMpE_sG5f", "dckr_pat_xH356N_oN-M5omuVYTWMpE_sG5f"}},
                      {"dckr_pat_ABABABABABABABABABAB", "dckr_pat_ABABABABABABABABABABABABABABAB"}));
  out.push_back(token("dockerhub-oat", F, "dckr_oat_[A-Za-z0-9_\\-]{32}", 41, "dckr_oat_",
                      {{"DOCKER_TOKEN=dckr_oat_661r25Gi1Fl_VagkvvOu3AKf5EvxpL_6", "dckr_oat_661r25Gi1Fl_VagkvvOu3AKf5EvxpL_6"}}, {"dckr_oat_ABABABABABABABABABAB"}));
  out.push_back(token("rubygems-api-key", F, "rubygems_[a-f0-9]{48}", 57, "rubygems_",
                      {{"curl -H 'Authorization:rubygems_32cfb912a32e2943297fce864450e0abf7c46b7e7e529cd1'", "rubygems_32cfb912a32e2943297fce864450e0abf7c46b7e7e529cd1"}},
                      {"rubygems_0101010101010101010101010101010101010101"}, kEndAlnum));
  out.push_back(token("nuget-api-key", F, "oy2[a-z0-9]{43}", 46, "oy2",
                      {{"nuget push pkg.nupkg oy2153awqx29hk87zp2wo96tfu2jfj57j4xpfaksphba6p -Source https://api.nuget.org/v3/index.json", "oy2153awqx29hk87zp2wo96tfu2jfj57j4xpfaksphba6p"}},
                      {"oy2abababababababababababababababababababab"}, kEndAlnum));
  out.push_back(token("cratesio-api-token", F, "cio[A-Za-z0-9]{32}", 35, "cio",
                      {{"CARGO_REGISTRY_TOKEN=cioj5sZcie5OeinzgspQuaIpoJMKH9AfoDf", "cioj5sZcie5OeinzgspQuaIpoJMKH9AfoDf"}}, {"cioABABABABABABABABABAB", "cioABABABABABABABABABABABABABABABABABABABAB"},
                      kEndAlnum));
  out.push_back(token("artifactory-api-key", F, "AKCp[A-Za-z0-9]{69}", 73, "AKCp",
                      {{"jfrog rt dl --apikey=AKCpRYJWmZC0Q9Kx8pf0czqOW3ikgjjpOBEij06fUJX7RyKoe7CrftnKCegnAD9GR74Jez69F generic-local/x", "AKCpRYJWmZC0Q9Kx8pf0czqOW3ikgjjpOBEij06fUJX7RyKoe7CrftnKCegnAD9GR74Jez69F"}},
                      {"AKCpABABABABABABABABABABABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("artifactory-reference-token", F, "cmVmdGtuOjAxOj[A-Za-z0-9]{50,60}", 74, "cmVmdGtu",
                      {{"JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjbDYDLAEbSDbZGBgIgYfFT9d1GsAGzPAK3ZAVCLbE0EiQT3ECKX", "cmVmdGtuOjAxOjbDYDLAEbSDbZGBgIgYfFT9d1GsAGzPAK3ZAVCLbE0EiQT3ECKX"}},
                      {"cmVmdGtuOjAxOjABABABABABABABABABAB"}, kEndAlnum));
  out.push_back(token("clojars-deploy-token", F, "CLOJARS_[a-z0-9]{60}", 68, "CLOJARS_",
                      {{"CLOJARS_PASSWORD=CLOJARS_nto42hrrqdye44mz5azocmisry7m4wq7ei0xuh3lu2qfg4ji29hkhsrzceno", "CLOJARS_nto42hrrqdye44mz5azocmisry7m4wq7ei0xuh3lu2qfg4ji29hkhsrzceno"}}, {"CLOJARS_abababababababababab"},
                      kEndAlnum));
}

}  // namespace

void add_vcs_rules(std::vector<Rule> &out) {
  add_github(out);
  add_gitlab_bitbucket(out);
  add_registries(out);
}

}  // namespace ag::scrub
