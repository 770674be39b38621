#include "scrub/db_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "scrub/siphash.h"

namespace ag::scrub {
namespace {

constexpr char kMagic[8] = {'A', 'G', 'S', 'C', 'R', 'B', 'D', '1'};
constexpr SipKey kKeyA{0x7363727562206462ULL, 0x2063616368652061ULL};
constexpr SipKey kKeyB{0x7363727562206462ULL, 0x2063616368652062ULL};
constexpr SipKey kSumKey{0x7363727562206462ULL, 0x2073756d2076310aULL};
// Sanity bound on a cache file; the default rules serialize to a few MB.
constexpr size_t kMaxFile = size_t{1} << 30;

void put_u64(std::string *out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}

bool get_u64(std::string_view in, size_t *pos, uint64_t *v) {
  if (in.size() - *pos < 8) return false;
  *v = 0;
  for (int i = 0; i < 8; ++i) *v |= static_cast<uint64_t>(static_cast<unsigned char>(in[*pos + i])) << (8 * i);
  *pos += 8;
  return true;
}

std::string hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string entry_path(const std::string &dir, const std::string &key) {
  return dir + "/" + key + ".hsdb";
}

bool read_file(const std::string &path, std::string *out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
            static_cast<uint64_t>(st.st_size) <= kMaxFile;
  if (ok) {
    out->resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    while (got < out->size()) {
      ssize_t n = ::read(fd, out->data() + got, out->size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    ok = got == out->size();
  }
  ::close(fd);
  return ok;
}

// mkdir -p, private to the user.
bool make_dirs(const std::string &dir) {
  for (size_t i = 1; i <= dir.size(); ++i) {
    if (i < dir.size() && dir[i] != '/') continue;
    std::string part = dir.substr(0, i);
    if (::mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) return false;
  }
  struct stat st;
  return ::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

void free_all(std::vector<hs_database_t *> *dbs) {
  for (hs_database_t *d : *dbs) hs_free_database(d);
  dbs->clear();
}

}  // namespace

CacheKey &CacheKey::add(std::string_view s) {
  add(static_cast<uint64_t>(s.size()));
  bytes_.append(s);
  return *this;
}

CacheKey &CacheKey::add(uint64_t v) {
  put_u64(&bytes_, v);
  return *this;
}

std::string CacheKey::finish() const {
  std::string all = bytes_;
  all += "\n";
  all += hs_version();
  hs_platform_info_t plat{};
  if (hs_populate_platform(&plat) == HS_SUCCESS) {
    put_u64(&all, plat.tune);
    put_u64(&all, plat.cpu_features);
  }
  put_u64(&all, sizeof(void *));
  return hex64(siphash24(kKeyA, all.data(), all.size())) + hex64(siphash24(kKeyB, all.data(), all.size()));
}

std::string cache_directory() {
  if (const char *d = std::getenv("AGENTGUARD_CACHE_DIR")) return d;  // "" turns it off
  if (const char *x = std::getenv("XDG_CACHE_HOME"); x != nullptr && *x == '/') return std::string(x) + "/agentguard";
  if (const char *h = std::getenv("HOME"); h != nullptr && *h == '/') return std::string(h) + "/.cache/agentguard";
  return {};
}

bool cache_load_blob(const std::string &dir, const std::string &key, std::string *payload) {
  payload->clear();
  if (dir.empty()) return false;
  std::string file;
  if (!read_file(entry_path(dir, key), &file)) return false;
  // magic, key (32 hex), payload, then the checksum of everything before it.
  if (file.size() < sizeof kMagic + key.size() + 8) return false;
  if (std::memcmp(file.data(), kMagic, sizeof kMagic) != 0) return false;
  if (std::string_view(file).substr(sizeof kMagic, key.size()) != key) return false;
  size_t body = file.size() - 8;
  uint64_t sum = 0;
  size_t sum_pos = body;
  if (!get_u64(file, &sum_pos, &sum) || sum != siphash24(kSumKey, file.data(), body)) return false;
  payload->assign(file, sizeof kMagic + key.size(), body - sizeof kMagic - key.size());
  return true;
}

void cache_store_blob(const std::string &dir, const std::string &key, std::string_view payload) {
  if (dir.empty() || !make_dirs(dir)) return;
  std::string file(kMagic, sizeof kMagic);
  file += key;
  file += payload;
  put_u64(&file, siphash24(kSumKey, file.data(), file.size()));

  static std::atomic<unsigned> counter{0};
  std::string path = entry_path(dir, key);
  std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return;
  size_t done = 0;
  while (done < file.size()) {
    ssize_t n = ::write(fd, file.data() + done, file.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  bool ok = done == file.size();
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) ::unlink(tmp.c_str());
}

bool cache_load(const std::string &dir, const std::string &key, size_t count, uint64_t *meta,
                std::vector<hs_database_t *> *dbs) {
  dbs->clear();
  std::string payload;
  if (!cache_load_blob(dir, key, &payload)) return false;
  // meta, count; then per database its size and bytes.
  std::string_view in(payload);
  size_t pos = 0;
  uint64_t n = 0;
  if (!get_u64(in, &pos, meta) || !get_u64(in, &pos, &n) || n != count) return false;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t size = 0;
    if (!get_u64(in, &pos, &size) || size > in.size() - pos) {
      free_all(dbs);
      return false;
    }
    hs_database_t *db = nullptr;
    if (size > 0) {
      const char *bytes = in.data() + pos;
      char *info = nullptr;
      size_t deserialized = 0;
      bool ok = hs_serialized_database_info(bytes, size, &info) == HS_SUCCESS &&
                hs_serialized_database_size(bytes, size, &deserialized) == HS_SUCCESS &&
                hs_deserialize_database(bytes, size, &db) == HS_SUCCESS;
      std::free(info);
      if (!ok) {
        hs_free_database(db);
        free_all(dbs);
        return false;
      }
    }
    dbs->push_back(db);
    pos += size;
  }
  if (pos != in.size()) {
    free_all(dbs);
    return false;
  }
  return true;
}

void cache_store(const std::string &dir, const std::string &key, uint64_t meta,
                 const std::vector<const hs_database_t *> &dbs) {
  if (dir.empty()) return;
  std::string payload;
  put_u64(&payload, meta);
  put_u64(&payload, dbs.size());
  for (const hs_database_t *db : dbs) {
    if (db == nullptr) {
      put_u64(&payload, 0);
      continue;
    }
    char *bytes = nullptr;
    size_t size = 0;
    if (hs_serialize_database(db, &bytes, &size) != HS_SUCCESS) return;
    put_u64(&payload, size);
    payload.append(bytes, size);
    std::free(bytes);
  }
  cache_store_blob(dir, key, payload);
}

}  // namespace ag::scrub
