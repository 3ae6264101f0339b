// Stored match profiles (seekers) and job requirements, migrations 300–309.
// Not thread-safe: borrows one Db connection.
#ifndef QJY_MATCH_PROFILE_STORE_H_
#define QJY_MATCH_PROFILE_STORE_H_

#include <optional>
#include <unordered_map>

#include "core/error.h"
#include "match/profile.h"
#include "store/db.h"

namespace qjy::match {

class ProfileStore {
 public:
  explicit ProfileStore(store::Db& db) : db_(db) {}
  Result<void> Migrate();

  // Validates (ValidateProfile) and stores, replacing the person's profile.
  Result<void> SaveProfile(const SeekerProfile& p);
  Result<std::optional<SeekerProfile>> GetProfile(int64_t person_id);
  Result<std::unordered_map<int64_t, SeekerProfile>> AllProfiles();

  Result<void> SaveRequirements(int64_t job_id, std::string_view county_code, const JobRequirements& r);
  Result<std::unordered_map<int64_t, JobRequirements>> AllRequirements();

 private:
  store::Db& db_;
};

}  // namespace qjy::match

#endif  // QJY_MATCH_PROFILE_STORE_H_
