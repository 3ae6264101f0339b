#include "policy_services/param_change_store.h"

#include "core/utf8.h"
#include "store/migrations.h"

namespace qjy::policy_services {
namespace {

using store::Value;

// Version 1400 (issue #14's parameter changes).
constexpr char kChanges[] = R"sql(
CREATE TABLE policy_param_changes (
  change_id {id},
  name TEXT NOT NULL,
  old_value {int},
  value {int},
  effective_from TEXT NOT NULL,
  document TEXT NOT NULL,
  clause TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL,
  proposed_by TEXT NOT NULL,
  proposed_at {int} NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at {int} NOT NULL,
  decision_note TEXT NOT NULL,
  CHECK (status IN ('proposed', 'approved', 'rejected'))
);
CREATE INDEX policy_param_changes_status ON policy_param_changes (status, change_id);
)sql";

const store::Migration kMigrations[] = {{1400, "policy_param_changes", kChanges}};

constexpr char kColumns[] =
    "change_id, name, old_value, value, effective_from, document, clause, reason, status, proposed_by, "
    "proposed_at, decided_by, decided_at, decision_note";

std::optional<int64_t> OptInt(const store::Row& r, size_t i) {
  return r.IsNull(i) ? std::nullopt : std::optional<int64_t>(r.Int(i));
}

ParamChange FromRow(const store::Row& r) {
  ParamChange c;
  c.change_id = r.Int(0);
  c.name = r.Text(1);
  c.old_value = OptInt(r, 2);
  c.value = OptInt(r, 3);
  c.from = Date::Parse(r.Text(4)).value_or(Date{});
  c.document = r.Text(5);
  c.clause = r.Text(6);
  c.reason = r.Text(7);
  c.status = r.Text(8);
  c.proposed_by = r.Text(9);
  c.proposed_at = r.Int(10);
  c.decided_by = r.Text(11);
  c.decided_at = r.Int(12);
  c.decision_note = r.Text(13);
  return c;
}

Value Opt(const std::optional<int64_t>& v) { return v ? Value{*v} : Value{}; }

Result<void> Required(const std::string& text, const char* label, size_t max = 200) {
  if (text.empty()) return Fail(ErrorCode::kInvalidArgument, std::string("请填写") + label);
  if (!IsValidUtf8(text) || Utf8Length(text) > max) {
    return Fail(ErrorCode::kInvalidArgument, std::string(label) + "过长或含无效字符（最多 " + std::to_string(max) + " 字）");
  }
  return {};
}

}  // namespace

Result<void> ParamChangeStore::Migrate(store::Db& db) { return store::ApplyMigrations(db, kMigrations); }

Result<ParamChange> ParamChangeStore::Propose(const policy::ParameterSet& params, const ParamProposal& p,
                                              const std::string& actor, Date today, int64_t now) {
  if (auto r = Required(p.document, "依据文件（文号）"); !r) return std::unexpected(r.error());
  if (auto r = Required(p.clause, "依据条款"); !r) return std::unexpected(r.error());
  if (auto r = Required(p.reason, "调整说明", 500); !r) return std::unexpected(r.error());
  if (!(p.from > today)) {
    return Fail(ErrorCode::kInvalidArgument,
                "生效日期须晚于今天（" + today.ToString() + "）：调整只对今后的决定生效，已作出的决定不变");
  }
  const policy::ParamValueChange change{0, p.name, p.from, p.value};
  if (auto ok = policy::CheckChange(params, change); !ok) return std::unexpected(ok.error());
  // The value it replaces, as the layered set reads the day before.
  auto approved = Approved();
  if (!approved) return std::unexpected(approved.error());
  auto layered = policy::WithChanges(params, *approved);
  if (!layered) return std::unexpected(layered.error());
  const auto old_value = layered->ValueAt(p.name, p.from.AddDays(-1));
  const Value values[] = {p.name, Opt(old_value), Opt(p.value), p.from.ToString(), p.document, p.clause,
                          p.reason, actor, now};
  auto rows = db_.Query(std::string("INSERT INTO policy_param_changes (name, old_value, value, effective_from, "
                                    "document, clause, reason, status, proposed_by, proposed_at, decided_by, "
                                    "decided_at, decision_note) VALUES (?, ?, ?, ?, ?, ?, ?, 'proposed', ?, ?, '', 0, "
                                    "'') RETURNING ") + kColumns,
                        values);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kStore, "保存参数调整失败");
  return FromRow(rows->front());
}

Result<ParamChange> ParamChangeStore::Decide(int64_t change_id, const std::string& actor, const std::string& status,
                                             const std::string& note, std::optional<Date> today, int64_t now) {
  auto found = Find(change_id);
  if (!found) return std::unexpected(found.error());
  if (!found->has_value()) return Fail(ErrorCode::kNotFound, "没有该参数调整");
  const ParamChange& c = **found;
  if (c.proposed_by == actor) {
    return Fail(ErrorCode::kPermissionDenied, "提出调整的人不能审批自己的调整，须由另一名有审批权限的经办人员审批");
  }
  if (c.status != "proposed") return Fail(ErrorCode::kConflict, "该调整已处理，不能再次审批");
  if (today && !(c.from > *today)) {
    return Fail(ErrorCode::kConflict, "生效日期 " + c.from.ToString() + " 已到，不能再批准；请重新提出调整");
  }
  const Value values[] = {status, actor, now, note, change_id, actor};
  auto rows = db_.Query(std::string("UPDATE policy_param_changes SET status = ?, decided_by = ?, decided_at = ?, "
                                    "decision_note = ? WHERE change_id = ? AND status = 'proposed' AND "
                                    "proposed_by <> ? RETURNING ") + kColumns,
                        values);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kConflict, "该调整已处理，不能再次审批");
  return FromRow(rows->front());
}

Result<ParamChange> ParamChangeStore::Approve(int64_t change_id, const std::string& actor, Date today, int64_t now) {
  return Decide(change_id, actor, "approved", "", today, now);
}

Result<ParamChange> ParamChangeStore::Reject(int64_t change_id, const std::string& actor, const std::string& note,
                                             int64_t now) {
  if (auto r = Required(note, "驳回理由", 500); !r) return std::unexpected(r.error());
  return Decide(change_id, actor, "rejected", note, std::nullopt, now);
}

Result<std::optional<ParamChange>> ParamChangeStore::Find(int64_t change_id) {
  const Value params[] = {change_id};
  auto rows = db_.Query(std::string("SELECT ") + kColumns + " FROM policy_param_changes WHERE change_id = ?", params);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<ParamChange>();
  return std::optional<ParamChange>(FromRow(rows->front()));
}

Result<std::vector<ParamChange>> ParamChangeStore::List() {
  auto rows = db_.Query(std::string("SELECT ") + kColumns + " FROM policy_param_changes ORDER BY change_id DESC");
  if (!rows) return std::unexpected(rows.error());
  std::vector<ParamChange> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<std::vector<policy::ParamValueChange>> ParamChangeStore::Approved() {
  auto rows = db_.Query(
      "SELECT change_id, name, effective_from, value FROM policy_param_changes WHERE status = 'approved' "
      "ORDER BY decided_at, change_id");
  if (!rows) return std::unexpected(rows.error());
  std::vector<policy::ParamValueChange> out;
  for (const auto& r : *rows) {
    auto from = Date::Parse(r.Text(2));
    if (!from) return Fail(ErrorCode::kStore, "参数调整 #" + std::to_string(r.Int(0)) + " 的生效日期无效");
    out.push_back({r.Int(0), r.Text(1), *from, OptInt(r, 3)});
  }
  return out;
}

Result<int64_t> ParamChangeStore::Revision() {
  auto rows = db_.Query("SELECT COUNT(*) FROM policy_param_changes WHERE status = 'approved'");
  if (!rows) return std::unexpected(rows.error());
  return rows->empty() ? int64_t{0} : rows->front().Int(0);
}

Result<policy::ParameterSet> WithApprovedChanges(store::Db& db, const policy::ParameterSet& base) {
  if (auto m = ParamChangeStore::Migrate(db); !m) return std::unexpected(m.error());
  auto approved = ParamChangeStore(db).Approved();
  if (!approved) return std::unexpected(approved.error());
  return policy::WithChanges(base, *approved);
}

}  // namespace qjy::policy_services
