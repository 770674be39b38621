// Database and message-broker credentials: passwords inside connection URIs and connection
// strings. These rules redact only the password; scheme, host and database stay readable
// (the user name beside a URI's password is generic.cc's uri-username).
#include "scrub/rules/fragments.h"
#include "scrub/rules/tables.h"

namespace ag::scrub {

using namespace frag;

namespace {

// scheme://user:PASSWORD@  — the user part may be empty (redis://:pw@host). The password
// stops at the last byte before '@' that is not a separator. '@' inside a password should be
// percent-encoded, but hand-written URIs often leave it raw (user:p@ss@host): the password
// may hold up to two raw '@', each followed by more password bytes, so the match that ends
// at the host's '@' covers it whole. A multi-host URI (host1:port,user:pw@host2) repeats
// user:password after a comma; for the schemes that have them (multi_host) an optional group
// takes the hosts before the comma, so each user:password matches.
Rule uri_password(const char *id, const char *scheme, const char *example_scheme,
                  std::vector<std::string> negatives, bool multi_host = false) {
  Rule r;
  r.id = id;
  r.family = Family::kDatabase;
  r.confidence = Confidence::kHigh;
  r.prefix = std::string("\\b(?:") + scheme + ")://" + (multi_host ? kUriHostsBefore : "") +
             R"re([^\s:/@"'<>]{0,64}:)re";
  r.secret = kUriPassword;
  r.suffix = "@";
  r.max_len = 40 + (multi_host ? 257 : 0) + 64 + 1 + kUriPasswordMax + 1;
  r.flags = kCaseless;
  std::string s = example_scheme;
  r.positives = {{s + "://app:ZWS9Cprh6IWkjq5J@db.internal:5432/orders", "ZWS9Cprh6IWkjq5J"},
                 {"DATABASE_URL=\"" + s + "://svc_user:p%40ss-QGluHJe2d5@10.0.0.5/main?ssl=true\"",
                  "p%40ss-QGluHJe2d5"},
                 {"uri: \"" + s + "://reportingService:Wq2zK9Rt@cluster7.example.net/db?tls=true\"", "Wq2zK9Rt"},
                 {s + "://etl:Kp7@Vw2nQ@db-1.example.net/warehouse", "Kp7@Vw2nQ"}};
  r.negatives = std::move(negatives);
  if (multi_host) {
    r.positives.push_back({s + "://ro:Hy6tBq2Lz@db-a.example.net:6000,ro:Xe4mWs9Kc@db-b.example.net:6001/app", "Xe4mWs9Kc"});
    r.negatives.push_back(s + "://db-a.example.net:6000,db-b.example.net:6001/app");
  }
  return r;
}

void add_uris(std::vector<Rule> &out) {
  out.push_back(uri_password("postgres-uri-password", "postgres(?:ql)?(?:\\+[a-z0-9]{1,16})?", "postgresql",
                             {"postgresql://localhost/db", "postgresql:///mydb?host=localhost&port=5433"}, true));
  out.push_back(uri_password("mysql-uri-password", "mysql(?:x)?(?:\\+[a-z0-9]{1,16})?|mariadb", "mysql",
                             {"mysql://root@localhost/db", "mysql://host:3306/db"}));
  out.push_back(uri_password("mongodb-uri-password", "mongodb(?:\\+srv)?", "mongodb+srv",
                             {"mongodb://localhost:27017/test", "mongodb+srv://cluster0.example.mongodb.net/"}, true));
  out.push_back(uri_password("redis-uri-password", "rediss?", "rediss",
                             {"redis://localhost:6379/0", "redis://cache:6379"}));
  out.push_back(uri_password("amqp-uri-password", "amqps?", "amqps",
                             {"amqp://localhost:5672/vhost", "amqps://broker.internal/"}));
  out.push_back(uri_password("mssql-uri-password", "sqlserver|mssql(?:\\+[a-z0-9]{1,16})?", "mssql",
                             {"sqlserver://localhost:1433;databaseName=x"}));
  out.push_back(uri_password("other-database-uri-password",
                             "clickhouse|cassandra|cockroachdb|couchbases?|neo4j(?:\\+s)?|bolt|nats|kafka|memcached|elasticsearch|influxdb|snowflake|oracle|db2|redshift|jdbc:[a-z0-9]{2,16}",
                             "clickhouse", {"clickhouse://localhost:9000/default"}));
}

void add_connection_strings(std::vector<Rule> &out) {
  const Family F = Family::kDatabase;
  Rule odbc;
  odbc.id = "connection-string-password";
  odbc.family = F;
  odbc.confidence = Confidence::kMedium;
  odbc.prefix = R"re((?:user ?id|uid|user(?:name)?)\s{0,2}=\s{0,2}[^;"'\s]{1,64}\s{0,2};\s{0,2}(?:password|pwd)\s{0,2}=\s{0,2})re";
  odbc.secret = R"re([^;"'\s]{1,128})re";
  odbc.suffix = R"re((?:[;"'\s]|$))re";
  odbc.max_len = 100 + 128 + 1;
  odbc.flags = kCaseless;
  odbc.positives = {{"Server=db1;Database=Sales;User Id=app_rw;Password=us8nrHHuf9Er6c;", "us8nrHHuf9Er6c"},
                    {"Provider=SQLNCLI;Server=srv,1433;Uid=report;Pwd=Wt8pnVXrgdfh;", "Wt8pnVXrgdfh"}};
  odbc.negatives = {"Server=db1;Database=Sales;Trusted_Connection=True;",
                    "User=#{username}, Password=#{password}"};
  out.push_back(std::move(odbc));
  Rule lead;
  lead.id = "connection-string-leading-password";
  lead.family = F;
  lead.confidence = Confidence::kMedium;
  lead.prefix = R"re(;\s{0,2}(?:password|pwd)\s{0,2}=\s{0,2})re";
  lead.secret = R"re([^;"'\s{}$]{1,128})re";
  lead.suffix = R"re((?:[;"']|$))re";
  lead.max_len = 16 + 128 + 1;
  lead.flags = kCaseless;
  lead.positives = {{"Data Source=tcp:db.example.net,1433;Initial Catalog=app;Password=us8nrHHuf9Er6c;User ID=svc;",
                     "us8nrHHuf9Er6c"}};
  lead.negatives = {"Data Source=db;Integrated Security=SSPI;", "x;Password={password};"};
  out.push_back(std::move(lead));
  Rule jdbc;
  jdbc.id = "jdbc-url-password";
  jdbc.family = F;
  jdbc.confidence = Confidence::kHigh;
  jdbc.prefix = R"re(jdbc:[a-z0-9]{2,16}:[^\s"'<>]{0,200}[?&;]password=)re";
  jdbc.secret = R"re([^&;\s"'<>]{1,128})re";
  jdbc.suffix = R"re((?:[&;\s"'<>]|$))re";
  jdbc.max_len = 230 + 128 + 1;
  jdbc.flags = kCaseless;
  jdbc.positives = {{"jdbc:mysql://db:3306/app?user=svc&password=1zKoktqqO2Ur&useSSL=true", "1zKoktqqO2Ur"}};
  jdbc.negatives = {"jdbc:mysql://db:3306/app?user=svc", "jdbc:h2:mem:test"};
  out.push_back(std::move(jdbc));
  out.push_back(token("planetscale-password", F, "pscale_pw_[A-Za-z0-9_\\-.]{43}", 53, "pscale_pw_",
                      {{"DATABASE_PASSWORD=pscale_pw_BeK_cv1dIJn1endAHUHU6rrUjE6aNjGM-NxfHhJWq0Z", "pscale_pw_BeK_cv1dIJn1endAHUHU6rrUjE6aNjGM-NxfHhJWq0Z"}}, {"pscale_pw_ABABABABABABABABABAB"},
                      "(?:[^A-Za-z0-9_\\-.]|$)"));
  out.push_back(token("planetscale-token", F, "pscale_(?:tkn|oauth)_[A-Za-z0-9_\\-.]{32,64}", 76, "pscale_",
                      {{"PLANETSCALE_SERVICE_TOKEN=pscale_tkn_BeK_cv1dIJn1endAHUHU6rrUjE6aNjGM-NxfHhJWq0Z", "pscale_tkn_BeK_cv1dIJn1endAHUHU6rrUjE6aNjGM-NxfHhJWq0Z"}},
                      {"pscale_tkn_ABABABABABAB"}, "(?:[^A-Za-z0-9_\\-.]|$)"));
  out.push_back(keyed("redis-password", F, "redis[_\\-.]?pass(?:word)?|requirepass|masterauth",
                      R"re([^\s"'$#{<][^\s"']{3,127})re", 128, {{"REDIS_PASSWORD=DNRUvWKtoTRVES11HiUf", "DNRUvWKtoTRVES11HiUf"},
                                                          {"requirepass hqZoD3i92c4dc9wsogsfgOgY", "hqZoD3i92c4dc9wsogsfgOgY"}},
                      {"REDIS_PASSWORD=${REDIS_PASSWORD}", "requirepass \"\""}, R"re((?:[\s"']|$))re"));
}

}  // namespace

void add_database_rules(std::vector<Rule> &out) {
  add_uris(out);
  add_connection_strings(out);
}

}  // namespace ag::scrub
