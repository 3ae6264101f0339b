#include "audit/audit_log.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "audit/audit_schema.h"
#include "auth/token.h"

namespace qjy::audit {
namespace {

constexpr char kColumns[] =
    "seq, at, actor, role, region, action, target, result, client, detail, prev_hash, hash";

AuditEntry FromRow(const store::Row& r) {
  AuditEntry e;
  e.seq = r.Int(0);
  e.at = r.Text(1);
  e.actor = r.Text(2);
  e.role = r.Text(3);
  e.region = r.Text(4);
  e.action = r.Text(5);
  e.target = r.Text(6);
  e.result = r.Text(7);
  e.client = r.Text(8);
  e.detail = r.Text(9);
  e.prev_hash = r.Text(10);
  e.hash = r.Text(11);
  return e;
}

}  // namespace

std::string ChainHash(const std::string& prev_hash, const AuditEntry& e) {
  nlohmann::json row = nlohmann::json::array(
      {e.seq, e.at, e.actor, e.role, e.region, e.action, e.target, e.result, e.client, e.detail});
  return auth::Sha256Hex(prev_hash + "\n" +
                         row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Result<AuditEntry> AuditLog::Append(store::Db& db, AuditEntry e) {
  std::lock_guard lock(mu_);
  auto tx = store::Transaction::Begin(db);
  if (!tx) return std::unexpected(tx.error());
  auto stored = AppendInTransaction(db, std::move(e));
  if (!stored) return stored;
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return stored;
}

Result<AuditEntry> AuditLog::AppendInTransaction(store::Db& db, AuditEntry e) {
  auto last = db.Query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!last) return std::unexpected(last.error());
  e.seq = last->empty() ? 1 : last->front().Int(0) + 1;
  e.prev_hash = last->empty() ? "" : last->front().Text(1);
  e.at = auth::IsoUtc(clock_.Now());
  e.hash = ChainHash(e.prev_hash, e);
  const store::Value params[] = {e.seq,    e.at,     e.actor,  e.role,   e.region,    e.action,
                                 e.target, e.result, e.client, e.detail, e.prev_hash, e.hash};
  auto r = db.Exec(std::string("INSERT INTO audit_log (") + kColumns +
                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   params);
  if (!r) return std::unexpected(r.error());
  return e;
}

Result<std::vector<AuditEntry>> AuditLog::Search(store::Db& db, const AuditQuery& q) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM audit_log WHERE 1 = 1";
  std::vector<store::Value> params;
  if (!q.actor.empty()) {
    sql += " AND actor = ?";
    params.emplace_back(q.actor);
  }
  if (!q.action.empty()) {
    sql += " AND action = ?";
    params.emplace_back(q.action);
  }
  if (!q.from.empty()) {
    auto d = Date::Parse(q.from);
    if (!d) return std::unexpected(d.error());
    sql += " AND at >= ?";
    params.emplace_back(d->ToString());
  }
  if (!q.to.empty()) {
    auto d = Date::Parse(q.to);
    if (!d) return std::unexpected(d.error());
    sql += " AND at < ?";
    params.emplace_back(d->AddDays(1).ToString());
  }
  if (q.before_seq > 0) {
    sql += " AND seq < ?";
    params.emplace_back(q.before_seq);
  }
  sql += " ORDER BY seq DESC LIMIT ?";
  params.emplace_back(int64_t{std::clamp(q.limit, 1, 500)});
  auto rows = db.Query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<AuditEntry> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<VerifyReport> AuditLog::Verify(store::Db& db) {
  VerifyReport report;
  // Hashes that a retention purge declared as the end of the purged part.
  std::set<std::string> anchors;
  {
    auto rows = db.Query("SELECT detail FROM audit_log WHERE action = 'audit.purge'");
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) {
      auto j = nlohmann::json::parse(r.Text(0), nullptr, false);
      if (j.is_object() && j.contains("anchor_hash") && j["anchor_hash"].is_string()) {
        anchors.insert(j["anchor_hash"].get<std::string>());
      }
    }
  }
  int64_t prev_seq = 0;
  std::string prev_hash;
  bool first = true;
  constexpr int64_t kPage = 5000;
  for (;;) {
    const store::Value params[] = {prev_seq, kPage};
    auto rows = db.Query(std::string("SELECT ") + kColumns +
                             " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
                         params);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) break;
    for (const auto& r : *rows) {
      AuditEntry e = FromRow(r);
      ++report.rows_checked;
      if (first) {
        if (!(e.prev_hash.empty() && e.seq == 1) && !anchors.contains(e.prev_hash)) {
          report.problems.push_back(
              {e.seq, "第 " + std::to_string(e.seq) + " 条之前的记录缺失（链的起点不是创世记录，也无清理记录）"});
        }
      } else {
        if (e.seq != prev_seq + 1) {
          report.problems.push_back({e.seq, "第 " + std::to_string(prev_seq + 1) + "～" +
                                                std::to_string(e.seq - 1) + " 条记录被删除"});
        } else if (e.prev_hash != prev_hash) {
          report.problems.push_back(
              {e.seq, "第 " + std::to_string(e.seq) + " 条的前序哈希与第 " +
                          std::to_string(prev_seq) + " 条不符（前一条被改动）"});
        }
      }
      if (ChainHash(e.prev_hash, e) != e.hash) {
        report.problems.push_back(
            {e.seq, "第 " + std::to_string(e.seq) + " 条的内容与其哈希不符（记录被改动）"});
      }
      first = false;
      prev_seq = e.seq;
      prev_hash = e.hash;
    }
  }
  return report;
}

Result<int64_t> AuditLog::Purge(store::Db& db, Date before, Date today, const std::string& actor) {
  if (before > today.AddDays(-kRetentionDays)) {
    return Fail(ErrorCode::kPermissionDenied,
                "审计记录须保存至少 " + std::to_string(kRetentionDays) + " 天：截止日期须不晚于 " +
                    today.AddDays(-kRetentionDays).ToString());
  }
  std::lock_guard lock(mu_);
  auto tx = store::Transaction::Begin(db);
  if (!tx) return std::unexpected(tx.error());
  const store::Value cut[] = {before.ToString()};
  auto anchor = db.Query("SELECT seq, hash FROM audit_log WHERE at < ? ORDER BY seq DESC LIMIT 1",
                         cut);
  if (!anchor) return std::unexpected(anchor.error());
  if (anchor->empty()) return int64_t{0};
  auto deleted = db.Exec("DELETE FROM audit_log WHERE at < ?", cut);
  if (!deleted) return std::unexpected(deleted.error());
  AuditEntry e;
  e.actor = actor;
  e.role = "cli";
  e.action = "audit.purge";
  e.target = "audit_log";
  e.result = "ok";
  e.detail = nlohmann::json{{"before", before.ToString()},
                            {"deleted", *deleted},
                            {"anchor_seq", anchor->front().Int(0)},
                            {"anchor_hash", anchor->front().Text(1)}}
                 .dump();
  if (auto r = AppendInTransaction(db, std::move(e)); !r) return std::unexpected(r.error());
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return *deleted;
}

}  // namespace qjy::audit
