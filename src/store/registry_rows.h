// Column lists of the registry tables and the conversions between records
// and rows, shared by the upserts, the readers and the bulk loaders.
// Internal to store/.
#ifndef QJY_STORE_REGISTRY_ROWS_H_
#define QJY_STORE_REGISTRY_ROWS_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/vault.h"
#include "registry/model.h"
#include "store/db.h"

namespace qjy::store::registry_rows {

// Insert columns, without the id and in the order of the *Values functions;
// the last two are always created_at, updated_at.
inline constexpr std::string_view kPersonInsertColumns =
    "county_code, id_hash, id_enc, id_masked, name, sex, birth_date, ethnicity, phone_hash,"
    " phone_enc, phone_masked, hukou_region, residence_region, work_region, insured_region,"
    " education, school_left_on, skills, fingerprint, created_at, updated_at";
inline constexpr std::string_view kPersonSelectColumns =
    "p.person_id, p.county_code, p.id_enc, p.name, p.sex, p.birth_date, p.ethnicity,"
    " p.phone_enc, p.hukou_region, p.residence_region, p.work_region, p.insured_region,"
    " p.education, p.school_left_on, p.skills";
inline constexpr std::string_view kCertificateColumns =
    "person_id, seq, county_code, name, level, issued_on";
inline constexpr std::string_view kGroupColumns =
    "person_id, seq, county_code, group_code, valid_from, valid_to";

inline constexpr std::string_view kEmployerInsertColumns =
    "county_code, credit_code, name, type, size, region, insured_headcount, key_enterprise,"
    " insured_region, created_at, updated_at";
inline constexpr std::string_view kEmployerSelectColumns =
    "e.employer_id, e.county_code, e.credit_code, e.name, e.type, e.size, e.region,"
    " e.insured_headcount, e.key_enterprise, e.insured_region";
inline constexpr std::string_view kEmployerYearColumns =
    "employer_id, year, county_code, insured_headcount, layoffs, ui_premium_fen";

inline constexpr std::string_view kJobInsertColumns =
    "county_code, employer_credit_code, title, occupation_code, headcount, wage_min_fen,"
    " wage_max_fen, place_region, type, requirements, open_on, close_on, created_at, updated_at";
inline constexpr std::string_view kJobSelectColumns =
    "job_id, county_code, employer_credit_code, title, occupation_code, headcount,"
    " wage_min_fen, wage_max_fen, place_region, type, requirements, open_on, close_on";

inline constexpr std::string_view kContractInsertColumns =
    "county_code, person_id, employer_credit_code, start_on, end_on, social_insurance_months,"
    " flexible, new_form, work_region, organised_via, created_at, updated_at";
inline constexpr std::string_view kContractSelectColumns =
    "c.contract_id, c.county_code, c.person_id, c.employer_credit_code, c.start_on, c.end_on,"
    " c.social_insurance_months, c.flexible, c.new_form, c.work_region, c.organised_via";

inline constexpr std::string_view kSiteInsertColumns =
    "county_code, kind, name, region, tier, online, opened_on, created_at, updated_at";
inline constexpr std::string_view kSiteSelectColumns =
    "site_id, county_code, kind, name, region, tier, online, opened_on";

// "a, b, c" -> {"a", "b", "c"}
std::vector<std::string> SplitColumns(std::string_view list);
// "?, ?, ?" with n marks.
std::string Marks(size_t n);
// A county set as the bound values of `county_code IN (…)`: sorted,
// duplicates dropped (empty for an empty set).
std::vector<Value> CountyValues(std::span<const std::string> counties);

struct TableRef {
  std::string_view table, id_column;
};
// "person" -> {"persons", "person_id"}, ... "change" -> {"changes", "change_id"}.
std::optional<TableRef> TableOf(std::string_view entity);

// Keyed hash (16 bytes) of every field of the record that PersonFields
// lists, children included: equal fingerprints mean an upsert would find
// nothing to change. Keyed, because the record holds the ID number.
Blob PersonFingerprint(const registry::Person& p, const Vault& vault);

// Values for the insert columns. Encrypts and hashes the identity fields.
// With `id`, the values start with it (bulk loads insert the id column too).
std::vector<Value> PersonValues(const registry::Person& p, const Vault& vault,
                                const std::string& now, std::optional<int64_t> id = {});
std::vector<Value> CertificateValues(const registry::Person& p, size_t i);
std::vector<Value> GroupValues(const registry::Person& p, size_t i);
std::vector<Value> EmployerValues(const registry::Employer& e, const std::string& now,
                                  std::optional<int64_t> id = {});
std::vector<Value> EmployerYearValues(const registry::Employer& e, size_t i);
std::vector<Value> JobValues(const registry::Job& j, const std::string& now,
                             std::optional<int64_t> id = {});
std::vector<Value> ContractValues(const registry::Contract& c, const std::string& now,
                                  std::optional<int64_t> id = {});
std::vector<Value> SiteValues(const registry::ServiceSite& s, const std::string& now,
                              std::optional<int64_t> id = {});

// From rows of the *SelectColumns. Persons come without certificates and
// groups; employers without years; contracts without person_id_number.
Result<registry::Person> PersonFromRow(const Row& r, const Vault& vault);
Result<registry::Employer> EmployerFromRow(const Row& r);
Result<registry::Job> JobFromRow(const Row& r);
Result<registry::Contract> ContractFromRow(const Row& r);
Result<registry::ServiceSite> SiteFromRow(const Row& r);

}  // namespace qjy::store::registry_rows

#endif  // QJY_STORE_REGISTRY_ROWS_H_
