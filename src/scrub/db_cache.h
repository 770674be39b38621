// A disk cache of compiled Hyperscan databases, so that a process does not recompile the
// same rules (the command line compiles on every call otherwise).
//
// An entry is one file named after a 128-bit key: the SipHash of everything that affects
// compilation (the expressions with their flags and ids, the mode, the way the span
// databases are built, hs_version() and the host platform). It holds the serialized
// databases and a small integer of metadata, and ends with a checksum of its contents.
// Entries are written to a temporary file and renamed into place, so readers never see a
// partial file; a file that fails any check (size, key, checksum, Hyperscan's own
// validation) is ignored, and the caller compiles and writes a fresh one.
//
// Directory: $AGENTGUARD_CACHE_DIR; else $XDG_CACHE_HOME/agentguard; else
// $HOME/.cache/agentguard. AGENTGUARD_CACHE_DIR set to the empty string turns the cache off.
#pragma once

#include <hs/hs.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ag::scrub {

// Frees a Hyperscan database by how it was made: hs_free_database for one Hyperscan
// allocated (compiled, or deserialized by Hyperscan), free() for one cache_load placed in
// memory of its own. Hyperscan's allocator may be replaced by the host, so the two are
// never mixed.
struct DbFree {
  bool placed = false;
  void operator()(hs_database_t *db) const;
};
using DbPtr = std::unique_ptr<hs_database_t, DbFree>;
// Takes ownership of a database Hyperscan allocated.
inline DbPtr hs_owned(hs_database_t *db) { return DbPtr(db, DbFree{false}); }

// Accumulates the inputs of a compilation and hashes them to a key.
class CacheKey {
 public:
  CacheKey &add(std::string_view s);
  CacheKey &add(uint64_t v);
  // The hex key, 32 characters; hs_version() and the platform are included.
  std::string finish() const;

 private:
  std::string bytes_;
};

// The cache directory from the environment, or "" when caching is off.
std::string cache_directory();

// Loads entry `key` of `dir` holding exactly `count` databases (null ones allowed).
// Returns false, with *dbs empty, on any failure. The file is mapped, not copied, and each
// database is deserialized straight into memory that is faulted in at once.
bool cache_load(const std::string &dir, const std::string &key, size_t count, uint64_t *meta,
                std::vector<DbPtr> *dbs);

// Loads entry `key` of `dir` as raw bytes (checked like any entry: magic, key, checksum).
bool cache_load_blob(const std::string &dir, const std::string &key, std::string *payload);
// Writes entry `key` holding raw bytes (best effort).
void cache_store_blob(const std::string &dir, const std::string &key, std::string_view payload);

// Writes entry `key` (best effort: failures are ignored). Null databases are allowed.
void cache_store(const std::string &dir, const std::string &key, uint64_t meta,
                 const std::vector<const hs_database_t *> &dbs);

}  // namespace ag::scrub
