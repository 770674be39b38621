#include "scrub/db_cache.h"

#include <fcntl.h>
#include <sys/mman.h>
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

constexpr char kMagic[8] = {'A', 'G', 'S', 'C', 'R', 'B', 'D', '2'};
constexpr SipKey kKeyA{0x7363727562206462ULL, 0x2063616368652061ULL};
constexpr SipKey kKeyB{0x7363727562206462ULL, 0x2063616368652062ULL};
// Sanity bound on a cache file; the default rules serialize to a few MB.
constexpr size_t kMaxFile = size_t{1} << 30;

uint64_t rotl(uint64_t v, int r) { return (v << r) | (v >> (64 - r)); }

uint64_t load64(const char *p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// The checksum that ends an entry. It guards against damage (a torn or flipped file), not
// against an attacker, who could write the private directory anyway; so it favours speed
// (SipHash over a 2 MB entry cost more than deserializing it): four independent lanes of
// multiply-rotate steps over 32-byte blocks, each step a bijection of its lane, so a change
// confined to one lane always changes the result; then the tail and the length.
uint64_t checksum(const char *p, size_t n) {
  constexpr uint64_t kA = 0x9e3779b97f4a7c15ULL, kB = 0xc2b2ae3d27d4eb4fULL;
  uint64_t lane[4] = {kA, kB, kA ^ kB, kA + kB};
  size_t i = 0;
  for (; i + 32 <= n; i += 32)
    for (int k = 0; k < 4; ++k) lane[k] = rotl(lane[k] + load64(p + i + 8 * k) * kB, 31) * kA;
  uint64_t h = rotl(lane[0], 1) ^ rotl(lane[1], 7) ^ rotl(lane[2], 12) ^ rotl(lane[3], 18);
  for (; i + 8 <= n; i += 8) h = rotl(h ^ (load64(p + i) * kB), 27) * kA;
  for (; i < n; ++i) h = rotl(h ^ (static_cast<unsigned char>(p[i]) * kA), 11) * kB;
  h ^= n;
  h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdULL;  // final avalanche
  h = (h ^ (h >> 33)) * 0xc4ceb9fe1a85ec53ULL;
  return h ^ (h >> 33);
}

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

// A cache file mapped read-only (no copy: the database loader reads it in place); empty
// when the file is missing, not regular, empty or implausibly large.
class MappedFile {
 public:
  explicit MappedFile(const std::string &path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        static_cast<uint64_t>(st.st_size) <= kMaxFile) {
      size_t len = static_cast<size_t>(st.st_size);
      void *p = ::mmap(nullptr, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (p != MAP_FAILED) {
        data_ = static_cast<const char *>(p);
        size_ = len;
      }
    }
    ::close(fd);
  }
  ~MappedFile() {
    if (data_ != nullptr) ::munmap(const_cast<char *>(data_), size_);
  }
  MappedFile(const MappedFile &) = delete;
  MappedFile &operator=(const MappedFile &) = delete;
  std::string_view bytes() const { return {data_, size_}; }

 private:
  const char *data_ = nullptr;
  size_t size_ = 0;
};

// The payload of a mapped entry, after checking its magic, key and checksum.
bool checked_payload(const MappedFile &m, const std::string &key, std::string_view *payload) {
  std::string_view file = m.bytes();
  // magic, key (32 hex), payload, then the checksum of everything before it.
  if (file.size() < sizeof kMagic + key.size() + 8) return false;
  if (std::memcmp(file.data(), kMagic, sizeof kMagic) != 0) return false;
  if (file.substr(sizeof kMagic, key.size()) != key) return false;
  size_t body = file.size() - 8;
  uint64_t sum = 0;
  size_t sum_pos = body;
  if (!get_u64(file, &sum_pos, &sum) || sum != checksum(file.data(), body)) return false;
  *payload = file.substr(sizeof kMagic + key.size(), body - sizeof kMagic - key.size());
  return true;
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

// Deserializes a database into memory of its own, faulted in with one call rather than a
// page at a time as the copy first touches it (a 2 MB database costs ~500 faults).
DbPtr deserialize_placed(const char *bytes, size_t size) {
  size_t need = 0;
  char *info = nullptr;
  bool ok = hs_serialized_database_info(bytes, size, &info) == HS_SUCCESS &&
            hs_serialized_database_size(bytes, size, &need) == HS_SUCCESS && need > 0;
  std::free(info);
  if (!ok) return nullptr;
  DbPtr db(static_cast<hs_database_t *>(std::malloc(need)), DbFree{true});  // 16-aligned; Hyperscan needs 8
  if (!db) return nullptr;
#ifdef MADV_POPULATE_WRITE
  constexpr uintptr_t kPage = 4096;
  uintptr_t lo = (reinterpret_cast<uintptr_t>(db.get()) + kPage - 1) & ~(kPage - 1);
  uintptr_t hi = (reinterpret_cast<uintptr_t>(db.get()) + need) & ~(kPage - 1);
  if (hi > lo) (void)::madvise(reinterpret_cast<void *>(lo), hi - lo, MADV_POPULATE_WRITE);  // a hint: older kernels refuse
#endif
  if (hs_deserialize_database_at(bytes, size, db.get()) != HS_SUCCESS) return nullptr;
  return db;
}

}  // namespace

void DbFree::operator()(hs_database_t *db) const {
  if (placed)
    std::free(db);
  else
    hs_free_database(db);
}

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
  MappedFile file(entry_path(dir, key));
  std::string_view view;
  if (!checked_payload(file, key, &view)) return false;
  payload->assign(view);
  return true;
}

void cache_store_blob(const std::string &dir, const std::string &key, std::string_view payload) {
  if (dir.empty() || !make_dirs(dir)) return;
  std::string file(kMagic, sizeof kMagic);
  file += key;
  file += payload;
  put_u64(&file, checksum(file.data(), file.size()));

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
                std::vector<DbPtr> *dbs) {
  dbs->clear();
  if (dir.empty()) return false;
  MappedFile file(entry_path(dir, key));
  std::string_view in;
  if (!checked_payload(file, key, &in)) return false;
  // meta, count; then per database its size and bytes.
  size_t pos = 0;
  uint64_t n = 0;
  if (!get_u64(in, &pos, meta) || !get_u64(in, &pos, &n) || n != count) return false;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t size = 0;
    if (!get_u64(in, &pos, &size) || size > in.size() - pos) break;
    DbPtr db(nullptr, DbFree{true});
    if (size > 0 && !(db = deserialize_placed(in.data() + pos, size))) break;
    dbs->push_back(std::move(db));
    pos += size;
  }
  if (dbs->size() != count || pos != in.size()) {
    dbs->clear();
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
