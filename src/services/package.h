// Service packages as data (src/services/data/service_packages.yaml): what
// a registered unemployed person is owed, from which day, by which
// deadline, under which clause of 黔府发〔2023〕12号. The catalog is loaded
// and validated once at start-up; a bad file is a clear error then, never
// a surprise later. Immutable after loading; safe for concurrent use.
//
// File layout (see the shipped file for the full, cited set):
//   document: 黔府发〔2023〕12号
//   packages:
//     - id: "1311"                 # unique
//       name: "1311"就业服务
//       clause: A4(三)             # required
//       valid_from: 2023-06-15     # required; valid_to optional (inclusive)
//       trigger: found             # found | level:<short|mid_short|mid_long|long>
//                                  # | flag:<graduate|graduate_difficulty|veteran|
//                                  #   living_difficulty|hard_to_employ> | reemployed
//       deadline: {working_days: 5}   # or {level_end: true} (level triggers only)
//       priority: {flag: veteran, working_days: 3, clause: main(十二), assumed: true}
//       once_per_person: false     # true: met by a record from any registration
//       assumed: true              # the reading is ours, not the text's
//       note: ...
//       items:
//         - {service: job_recommendation, count: 3, distinct_jobs: true}
//         - {service: [training_offer, internship_offer], count: 1}
#ifndef QJY_SERVICES_PACKAGE_H_
#define QJY_SERVICES_PACKAGE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "services/classification.h"
#include "services/service_kind.h"

namespace qjy::services {

enum class TriggerKind { kFound, kLevel, kFlag, kReemployed };

struct Trigger {
  TriggerKind kind = TriggerKind::kFound;
  Level level = Level::kShort;  // kLevel
  Flag flag = Flag::kGraduate;  // kFlag
};

enum class DeadlineKind { kWorkingDays, kLevelEnd };

struct PackageItem {
  std::vector<ServiceKind> kinds;  // any of these fits
  int count = 1;
  bool distinct_jobs = false;      // job recommendations: count distinct job_ids
};

struct Priority {
  Flag flag = Flag::kVeteran;
  int working_days = 0;
  std::string clause;
  bool assumed = false;
  std::string note;
};

struct Package {
  std::string id;
  std::string name;
  std::string clause;
  std::string note;
  bool assumed = false;
  Trigger trigger;
  Date valid_from;
  std::optional<Date> valid_to;
  DeadlineKind deadline_kind = DeadlineKind::kWorkingDays;
  int working_days = 0;
  std::optional<Priority> priority;
  bool once_per_person = false;
  std::vector<PackageItem> items;

  bool InForce(Date d) const { return d >= valid_from && (!valid_to || d <= *valid_to); }
  // "3次岗位推荐、1次职业指导".
  std::string ItemsText() const;
};

class PackageCatalog {
 public:
  // kInvalidArgument naming `source` and the package for: YAML syntax,
  // unknown service kind / trigger / flag, missing clause or valid_from,
  // count < 1, missing or bad deadline, level_end on a non-level trigger,
  // duplicate id.
  static Result<PackageCatalog> Parse(std::string_view yaml_text, std::string_view source);
  static Result<PackageCatalog> Load(const std::string& path);
  // $QJY_SERVICES_DATA/service_packages.yaml when set, else the file in
  // the source tree (src/services/data).
  static Result<PackageCatalog> LoadDefault();

  const std::vector<Package>& packages() const { return packages_; }
  const Package* Find(std::string_view id) const;
  const std::string& document() const { return document_; }

 private:
  std::string document_;
  std::vector<Package> packages_;
};

// Directory of the services data files ($QJY_SERVICES_DATA or the source tree's).
std::string ServicesDataDir();

}  // namespace qjy::services

#endif  // QJY_SERVICES_PACKAGE_H_
