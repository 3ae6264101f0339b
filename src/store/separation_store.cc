#include "store/separation_store.h"

#include "core/now_iso.h"
#include "store/registry_rows.h"

namespace qjy::store {
namespace {

std::string SeparationStoreNow() { return NowIsoUtc(); }

registry::Separation SeparationStoreFromRow(const Row& r) {
  registry::Separation s;
  s.county_code = r.Text(0);
  s.person_id = r.Int(1);
  s.employer_credit_code = r.Text(2);
  if (auto d = Date::Parse(r.Text(3))) s.separated_on = *d;
  s.reason = registry::ParseSeparationReason(r.Text(4)).value_or(registry::SeparationReason::kExpired);
  return s;
}

constexpr char kSelect[] = "SELECT county_code, person_id, employer_credit_code, separated_on, reason FROM separations";

}  // namespace

Result<UpsertOutcome> SeparationStore::Put(const registry::Separation& s) {
  if (s.person_id <= 0) return Fail(ErrorCode::kInvalidArgument, "离职记录缺少人员编号");
  if (s.county_code.size() != 6) return Fail(ErrorCode::kInvalidArgument, "离职记录的县级区划代码应为 6 位");
  if (s.employer_credit_code.empty()) return Fail(ErrorCode::kInvalidArgument, "离职记录缺少单位");
  std::vector<Value> key = {s.county_code, s.person_id, s.employer_credit_code, s.separated_on.ToString()};
  auto found = db_.Query(
      "SELECT reason FROM separations WHERE county_code = ? AND person_id = ? AND employer_credit_code = ?"
      " AND separated_on = ?",
      key);
  if (!found) return std::unexpected(found.error());
  const std::string reason(registry::SeparationReasonCode(s.reason)), now = SeparationStoreNow();
  if (found->empty()) {
    std::vector<Value> p = key;
    p.insert(p.end(), {reason, now, now});
    auto r = db_.Exec(
        "INSERT INTO separations (county_code, person_id, employer_credit_code, separated_on, reason, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        p);
    if (!r) return std::unexpected(r.error());
    return UpsertOutcome::kInserted;
  }
  if (found->front().Text(0) == reason) return UpsertOutcome::kUnchanged;
  std::vector<Value> p = {reason, now};
  p.insert(p.end(), key.begin(), key.end());
  auto r = db_.Exec(
      "UPDATE separations SET reason = ?, updated_at = ? WHERE county_code = ? AND person_id = ?"
      " AND employer_credit_code = ? AND separated_on = ?",
      p);
  if (!r) return std::unexpected(r.error());
  return UpsertOutcome::kUpdated;
}

Result<std::vector<registry::Separation>> SeparationStore::OfPerson(int64_t person_id) {
  std::vector<Value> p = {person_id};
  auto rows = db_.Query(std::string(kSelect) + " WHERE person_id = ? ORDER BY separated_on, employer_credit_code", p);
  if (!rows) return std::unexpected(rows.error());
  std::vector<registry::Separation> out;
  for (const Row& r : *rows) out.push_back(SeparationStoreFromRow(r));
  return out;
}

Result<void> SeparationStore::ForEach(const std::function<void(const registry::Separation&)>& fn,
                                      std::span<const std::string> counties) {
  const std::vector<Value> params = registry_rows::CountyValues(counties);
  std::string where;
  if (!params.empty()) where = " WHERE county_code IN (" + registry_rows::Marks(params.size()) + ")";
  auto rows = db_.Query(std::string(kSelect) + where +
                            " ORDER BY county_code, person_id, employer_credit_code, separated_on",
                        params);
  if (!rows) return std::unexpected(rows.error());
  for (const Row& r : *rows) fn(SeparationStoreFromRow(r));
  return {};
}

}  // namespace qjy::store
