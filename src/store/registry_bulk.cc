// RegistryStore's bulk loaders: CopyIn in batches, no history rows.
#include <algorithm>
#include <future>

#include "store/region_counts.h"
#include "store/registry_rows.h"
#include "store/registry_store.h"

namespace qjy::store {
namespace {

namespace rows = registry_rows;

// Rows per CopyIn call: bounds the memory of one batch of values.
constexpr size_t kBatch = 5000;

std::vector<std::string> WithId(std::string_view id, std::string_view columns) {
  std::vector<std::string> out = {std::string(id)};
  for (auto& c : rows::SplitColumns(columns)) out.push_back(std::move(c));
  return out;
}

class Batch {
 public:
  Batch(Db& db, std::string_view table, std::vector<std::string> columns)
      : db_(db), table_(table), columns_(std::move(columns)) {
    rows_.reserve(kBatch);
  }
  Result<void> Add(std::vector<Value> row) {
    rows_.push_back(std::move(row));
    if (rows_.size() >= kBatch) return Flush();
    return {};
  }
  Result<void> Flush() {
    if (rows_.empty()) return {};
    auto r = db_.CopyIn(table_, columns_, rows_);
    rows_.clear();
    return r;
  }

 private:
  Db& db_;
  std::string_view table_;
  std::vector<std::string> columns_;
  std::vector<std::vector<Value>> rows_;
};

}  // namespace

Result<void> RegistryStore::AdvanceSequence(std::string_view table, std::string_view id_column) {
  if (db_.dialect() != Dialect::kPostgres) return {};  // SQLite assigns max(rowid)+1
  const std::string t(table), c(id_column);
  auto r = db_.Query("SELECT setval(pg_get_serial_sequence('" + t + "', '" + c +
                     "'), (SELECT COALESCE(MAX(" + c + "), 0) + 1 FROM " + t + "), false)");
  if (!r) return std::unexpected(r.error());
  return {};
}

// Encrypting, hashing and formatting a batch costs about as much as writing
// it and needs no connection, so the next batch is prepared on a worker
// thread while this one is written (Vault is safe for concurrent use).
Result<void> RegistryStore::BulkInsertPersons(std::span<const registry::Person> persons) {
  for (const auto& p : persons) {
    if (p.person_id <= 0) return Fail(ErrorCode::kInvalidArgument, "批量写入的人员缺少编号");
  }
  struct Prepared {
    std::vector<std::vector<Value>> persons, certificates, groups, search;
    region_counts::Delta counts;
  };
  const std::string now = Now();
  auto prepare = [this, persons, &now](size_t off) {
    Prepared out;
    auto batch = persons.subspan(off, std::min(kBatch, persons.size() - off));
    out.persons.reserve(batch.size());
    for (const auto& p : batch) {
      out.persons.push_back(rows::PersonValues(p, vault_, now, p.person_id));
      for (size_t i = 0; i < p.certificates.size(); ++i) {
        out.certificates.push_back(rows::CertificateValues(p, i));
      }
      for (size_t i = 0; i < p.groups.size(); ++i) out.groups.push_back(rows::GroupValues(p, i));
      for (auto& r : person_search::Rows(p, vault_)) out.search.push_back(std::move(r));
      out.counts.Person(p.county_code, p.hukou_region, p.residence_region, +1);
    }
    return out;
  };
  const auto person_cols = WithId("person_id", rows::kPersonInsertColumns);
  const auto cert_cols = rows::SplitColumns(rows::kCertificateColumns);
  const auto group_cols = rows::SplitColumns(rows::kGroupColumns);
  std::future<Prepared> next;
  if (!persons.empty()) next = std::async(std::launch::async, prepare, 0);
  for (size_t off = 0; off < persons.size(); off += kBatch) {
    Prepared batch = next.get();
    if (off + kBatch < persons.size()) next = std::async(std::launch::async, prepare, off + kBatch);
    // Parents first: foreign keys are checked per row.
    QJY_TRY(db_.CopyIn("persons", person_cols, batch.persons));
    if (!batch.certificates.empty()) {
      QJY_TRY(db_.CopyIn("person_certificates", cert_cols, batch.certificates));
    }
    if (!batch.groups.empty()) QJY_TRY(db_.CopyIn("person_groups", group_cols, batch.groups));
    if (!batch.search.empty()) QJY_TRY(db_.CopyIn("person_search", person_search::kColumns, batch.search));
    QJY_TRY(region_counts::Apply(db_, batch.counts));
  }
  return AdvanceSequence("persons", "person_id");
}

Result<void> RegistryStore::BulkInsertEmployers(std::span<const registry::Employer> employers) {
  const std::string now = Now();
  Batch main(db_, "employers", WithId("employer_id", rows::kEmployerInsertColumns));
  Batch years(db_, "employer_years", rows::SplitColumns(rows::kEmployerYearColumns));
  region_counts::Delta counts;
  for (const auto& e : employers) {
    if (e.employer_id <= 0) return Fail(ErrorCode::kInvalidArgument, "批量写入的单位缺少编号");
    QJY_TRY(main.Add(rows::EmployerValues(e, now, e.employer_id)));
    counts.Employer(e.county_code, e.region, +1);
  }
  QJY_TRY(main.Flush());
  QJY_TRY(region_counts::Apply(db_, counts));
  for (const auto& e : employers) {
    for (size_t i = 0; i < e.years.size(); ++i) QJY_TRY(years.Add(rows::EmployerYearValues(e, i)));
  }
  QJY_TRY(years.Flush());
  return AdvanceSequence("employers", "employer_id");
}

Result<void> RegistryStore::BulkInsertJobs(std::span<const registry::Job> jobs) {
  const std::string now = Now();
  Batch main(db_, "jobs", WithId("job_id", rows::kJobInsertColumns));
  region_counts::Delta counts;
  for (const auto& j : jobs) {
    if (j.job_id <= 0) return Fail(ErrorCode::kInvalidArgument, "批量写入的岗位缺少编号");
    QJY_TRY(main.Add(rows::JobValues(j, now, j.job_id)));
    counts.Job(j.county_code, j.place_region, +1);
  }
  QJY_TRY(main.Flush());
  QJY_TRY(region_counts::Apply(db_, counts));
  return AdvanceSequence("jobs", "job_id");
}

Result<void> RegistryStore::BulkInsertContracts(std::span<const registry::Contract> contracts) {
  const std::string now = Now();
  Batch main(db_, "contracts", WithId("contract_id", rows::kContractInsertColumns));
  for (const auto& c : contracts) {
    if (c.contract_id <= 0 || c.person_id <= 0) {
      return Fail(ErrorCode::kInvalidArgument, "批量写入的劳动合同缺少编号或人员编号");
    }
    QJY_TRY(main.Add(rows::ContractValues(c, now, c.contract_id)));
  }
  QJY_TRY(main.Flush());
  return AdvanceSequence("contracts", "contract_id");
}

Result<void> RegistryStore::BulkInsertSites(std::span<const registry::ServiceSite> sites) {
  const std::string now = Now();
  Batch main(db_, "service_sites", WithId("site_id", rows::kSiteInsertColumns));
  for (const auto& s : sites) {
    if (s.site_id <= 0) return Fail(ErrorCode::kInvalidArgument, "批量写入的服务网点缺少编号");
    QJY_TRY(main.Add(rows::SiteValues(s, now, s.site_id)));
  }
  QJY_TRY(main.Flush());
  return AdvanceSequence("service_sites", "site_id");
}

}  // namespace qjy::store
