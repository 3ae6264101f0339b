#include "audit/audit_log.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>

#include <nlohmann/json.hpp>

#include "audit/audit_schema.h"
#include "auth/token.h"
#include "store/row_codec.h"

namespace qjy::audit {
namespace {

const store::RowCodec<AuditEntry>& Codec() {
  static const store::RowCodec<AuditEntry> kCodec =
      store::RowCodec<AuditEntry>()
          .Field("seq", [](auto& e) -> auto& { return e.seq; })
          .Field("at", [](auto& e) -> auto& { return e.at; })
          .Field("actor", [](auto& e) -> auto& { return e.actor; })
          .Field("role", [](auto& e) -> auto& { return e.role; })
          .Field("region", [](auto& e) -> auto& { return e.region; })
          .Field("action", [](auto& e) -> auto& { return e.action; })
          .Field("target", [](auto& e) -> auto& { return e.target; })
          .Field("result", [](auto& e) -> auto& { return e.result; })
          .Field("client", [](auto& e) -> auto& { return e.client; })
          .Field("detail", [](auto& e) -> auto& { return e.detail; })
          .Field("prev_hash", [](auto& e) -> auto& { return e.prev_hash; })
          .Field("hash", [](auto& e) -> auto& { return e.hash; });
  return kCodec;
}

// Calls `f` for every row in seq order, 5,000 at a time.
Result<void> ForEachRow(store::Db& db, const std::function<void(const AuditEntry&)>& f) {
  int64_t after = 0;
  constexpr int64_t kPage = 5000;
  for (;;) {
    const store::Value params[] = {after, kPage};
    auto rows = db.Query("SELECT " + Codec().Columns() + " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", params);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return {};
    auto page = Codec().ReadAll(*rows);
    if (!page) return std::unexpected(page.error());
    for (const auto& e : *page) {
      after = e.seq;
      f(e);
    }
  }
}

std::string Seq(int64_t n) { return std::to_string(n); }

// "第 3 条" or "第 3～5 条".
std::string Rows(int64_t from, int64_t to) {
  return from == to ? "第 " + Seq(from) + " 条" : "第 " + Seq(from) + "～" + Seq(to) + " 条";
}

// The check of a plain SHA-256 chain as it was before the keyed chain, used
// once to seal an upgraded database: counts its problems.
Result<int64_t> LegacyProblems(store::Db& db) {
  std::set<std::string> purge_anchors;
  auto rows = db.Query("SELECT detail FROM audit_log WHERE action = 'audit.purge'");
  if (!rows) return std::unexpected(rows.error());
  for (const auto& r : *rows) {
    auto j = nlohmann::json::parse(r.Text(0), nullptr, false);
    if (j.is_object() && j.contains("anchor_hash") && j["anchor_hash"].is_string()) {
      purge_anchors.insert(j["anchor_hash"].get<std::string>());
    }
  }
  int64_t problems = 0;
  int64_t prev_seq = 0;
  std::string prev_hash;
  bool first = true;
  auto walked = ForEachRow(db, [&](const AuditEntry& e) {
    if (first) {
      if (!(e.prev_hash.empty() && e.seq == 1) && !purge_anchors.contains(e.prev_hash)) ++problems;
    } else if (e.seq != prev_seq + 1 || e.prev_hash != prev_hash) {
      ++problems;
    }
    if (LegacyChainHash(e.prev_hash, e) != e.hash) ++problems;
    first = false;
    prev_seq = e.seq;
    prev_hash = e.hash;
  });
  if (!walked) return std::unexpected(walked.error());
  return problems;
}

constexpr size_t kMaxProblems = 1000;

}  // namespace

std::string CanonicalRow(const AuditEntry& e) {
  nlohmann::json row = nlohmann::json::array(
      {e.seq, e.at, e.actor, e.role, e.region, e.action, e.target, e.result, e.client, e.detail});
  return row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string LegacyChainHash(const std::string& prev_hash, const AuditEntry& e) {
  return auth::Sha256Hex(prev_hash + "\n" + CanonicalRow(e));
}

std::string MacChainHash(const AuditKey& key, const std::string& prev_hash, const AuditEntry& e) {
  return key.RowMac(prev_hash + "\n" + CanonicalRow(e));
}

SealConfig SealConfig::ForDb(std::string_view db_url) {
  return {DefaultAuditKeyPath(db_url), DefaultAnchorPath(db_url), DefaultAnchorCopy(db_url)};
}

AuditLog::AuditLog(const auth::Clock& clock, SealConfig config)
    : clock_(clock),
      config_(std::move(config)),
      anchor_(config_.key_path.empty() ? "" : config_.anchor_path, config_.anchor_copy, config_.syslog) {}

AuditLog::AuditLog(const auth::Clock& clock, std::string_view db_url)
    : AuditLog(clock, SealConfig::ForDb(db_url)) {}

Result<const AuditKey*> AuditLog::Key(bool may_create) {
  std::lock_guard lock(key_mu_);
  if (!key_) {
    if (config_.key_path.empty()) {
      key_ = AuditKey::Random();
    } else {
      auto k = AuditKey::Open(config_.key_path, may_create);
      if (!k) return std::unexpected(k.error());
      key_ = std::move(*k);
    }
  }
  return &*key_;
}

Result<void> AuditLog::WriteCheckpoint(AnchorLog::Writer& w, const AuditKey& key, Checkpoint c,
                                       bool sync) {
  c.at = auth::IsoUtc(clock_.Now());
  return w.Append(SignCheckpoint(c, key), sync);
}

Result<void> AuditLog::EnsureAnchored(store::Db& db, AnchorLog::Writer& w, const AuditKey& key) {
  if (anchored_) return {};
  if (w.Last(key)) {
    anchored_ = true;
    return {};
  }
  auto stats = db.Query("SELECT COUNT(*), MIN(seq), MAX(seq) FROM audit_log");
  if (!stats) return std::unexpected(stats.error());
  const int64_t count = stats->front().Int(0);
  Checkpoint c;
  if (count == 0) {
    c.kind = "genesis";
  } else if (key.created()) {
    // First use of the keyed chain on an upgraded database: seal the old
    // SHA-256 segment as it stands.
    auto problems = LegacyProblems(db);
    if (!problems) return std::unexpected(problems.error());
    const store::Value ends[] = {stats->front().Int(1), stats->front().Int(2)};
    auto rows = db.Query("SELECT seq, prev_hash, hash FROM audit_log WHERE seq IN (?, ?) ORDER BY seq",
                         ends);
    if (!rows) return std::unexpected(rows.error());
    c.kind = "legacy";
    c.first_seq = rows->front().Int(0);
    c.first_prev = rows->front().Text(1);
    c.last_seq = rows->back().Int(0);
    c.head = rows->back().Text(2);
    c.rows = count;
    c.legacy_problems = *problems;
  } else {
    return Fail(ErrorCode::kPermissionDenied,
                "审计锚定文件 " + (anchor_.path().empty() ? std::string("（内存）") : anchor_.path()) +
                    " 缺失或没有有效的锚定记录，而审计表已有 " + std::to_string(count) +
                    " 条记录：在恢复锚定文件（从备份或 syslog 副本）之前不再写入审计记录");
  }
  if (auto r = WriteCheckpoint(w, key, c, true); !r) return r;
  anchored_ = true;
  return {};
}

Result<void> AuditLog::Seal(store::Db& db) {
  auto key = Key(true);
  if (!key) return std::unexpected(key.error());
  auto w = anchor_.Begin();
  if (!w) return std::unexpected(w.error());
  return EnsureAnchored(db, *w, **key);
}

Result<AuditEntry> AuditLog::Append(store::Db& db, AuditEntry e) {
  auto key = Key(true);
  if (!key) return std::unexpected(key.error());
  auto w = anchor_.Begin();
  if (!w) return std::unexpected(w.error());
  if (auto a = EnsureAnchored(db, *w, **key); !a) return std::unexpected(a.error());
  auto last = w->Last(**key);
  if (!last) {
    return Fail(ErrorCode::kPermissionDenied,
                "审计锚定文件 " + anchor_.path() + " 已没有有效的锚定记录：在恢复之前不再写入审计记录");
  }
  auto tx = store::Transaction::Begin(db);
  if (!tx) return std::unexpected(tx.error());
  auto stored = AppendInTransaction(db, **key, std::move(e));
  if (!stored) return stored;
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  Checkpoint c;
  c.kind = "append";
  c.first_seq = last->first_seq;
  c.first_prev = last->first_prev;
  c.last_seq = stored->seq;
  c.head = stored->hash;
  c.rows = stored->seq - c.first_seq + 1;
  if (auto r = WriteCheckpoint(*w, **key, c, false); !r) {
    return Fail(r.error().code, "审计记录已写入，但锚定记录写入失败：" + r.error().message);
  }
  return stored;
}

Result<AuditEntry> AuditLog::AppendInTransaction(store::Db& db, const AuditKey& key, AuditEntry e) {
  auto last = db.Query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!last) return std::unexpected(last.error());
  e.seq = last->empty() ? 1 : last->front().Int(0) + 1;
  e.prev_hash = last->empty() ? "" : last->front().Text(1);
  e.at = auth::IsoUtc(clock_.Now());
  e.hash = MacChainHash(key, e.prev_hash, e);
  auto r = db.Exec(Codec().InsertSql("audit_log"), Codec().Values(e));
  if (!r) return std::unexpected(r.error());
  return e;
}

Result<std::vector<AuditEntry>> AuditLog::Search(store::Db& db, const AuditQuery& q) {
  std::string sql = "SELECT " + Codec().Columns() + " FROM audit_log WHERE 1 = 1";
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
  return Codec().ReadAll(*rows);
}

Result<VerifyReport> AuditLog::Verify(store::Db& db,
                                      std::span<const std::string> extra_anchor_files) {
  auto key_or = Key(false);
  if (!key_or) {
    // A database written before the keyed chain has rows but neither key
    // nor anchor until its first seal: say so rather than send the operator
    // looking for a key backup that never existed. Still not verified.
    if (key_or.error().code == ErrorCode::kNotFound && !anchor_.path().empty() &&
        !std::filesystem::exists(anchor_.path())) {
      auto n = db.Query("SELECT COUNT(*) FROM audit_log");
      if (n && n->front().Int(0) > 0) {
        return Fail(ErrorCode::kNotFound,
                    "审计密钥文件 " + config_.key_path + " 与锚定文件 " + anchor_.path() +
                        " 都不存在，而审计表已有 " + std::to_string(n->front().Int(0)) +
                        " 条记录。若数据库来自升级前的版本（审计记录为未封存的 SHA-256 链），请先运行 "
                        "qjy audit seal 封存（首次写入审计记录时也会自动封存）后再校验；否则请从备份恢复密钥与锚定文件");
      }
    }
    return std::unexpected(key_or.error());
  }
  const AuditKey& key = **key_or;
  VerifyReport report;
  std::vector<VerifyProblem> file_problems;
  std::vector<Checkpoint> cps;
  auto take = [&](const AnchorRead& r, const std::string& name) {
    if (r.missing) file_problems.push_back({0, "锚定文件 " + name + " 不存在"});
    for (const auto& p : r.problems) {
      file_problems.push_back({0, "锚定文件 " + p.source + " 第 " + Seq(p.line) + " 行：" + p.what});
    }
    cps.insert(cps.end(), r.checkpoints.begin(), r.checkpoints.end());
  };
  {
    auto reads = anchor_.ReadAll(key);
    take(reads[0], anchor_.path());
    if (reads.size() > 1) take(reads[1], anchor_.copy());
  }
  for (const auto& f : extra_anchor_files) take(ReadAnchorFile(f, key, false), f);
  report.checkpoints = static_cast<int64_t>(cps.size());

  // What the checkpoints vouch for: the legacy seal, the newest purge (the
  // largest first_seq) and the newest row (the largest last_seq).
  const Checkpoint* legacy = nullptr;
  const Checkpoint* oldest = nullptr;
  const Checkpoint* newest = nullptr;
  std::set<int64_t> purge_rows;
  for (const auto& c : cps) {
    if (c.kind == "legacy" && legacy == nullptr) legacy = &c;
    if (c.kind == "purge") purge_rows.insert(c.last_seq);
    if (oldest == nullptr || c.first_seq > oldest->first_seq) oldest = &c;
    if (newest == nullptr || c.last_seq > newest->last_seq) newest = &c;
  }
  if (cps.empty()) {
    file_problems.push_back(
        {0, "没有任何有效的锚定记录：无法确认审计记录的首尾未被删除（锚定文件 " + anchor_.path() + "）"});
  }
  const int64_t legacy_seq = legacy ? legacy->last_seq : 0;
  const int64_t first_seq = oldest ? oldest->first_seq : 1;
  const std::string first_prev = oldest ? oldest->first_prev : "";
  const int64_t anchored_seq = newest ? newest->last_seq : 0;
  report.legacy_seq = legacy_seq;
  report.anchored_seq = anchored_seq;
  if (newest) report.anchored_at = newest->at;

  std::vector<VerifyProblem> problems;
  int64_t omitted = 0;
  auto problem = [&](int64_t seq, std::string what) {
    if (problems.size() < kMaxProblems) {
      problems.push_back({seq, std::move(what)});
    } else {
      ++omitted;
    }
  };
  int64_t prev_seq = 0;
  std::string prev_hash;
  bool first = true;
  auto walked = ForEachRow(db, [&](const AuditEntry& e) {
    ++report.rows_checked;
    const std::string n = "第 " + Seq(e.seq) + " 条";
    if (first) {
      if (e.seq > first_seq) {
        problem(first_seq, Rows(first_seq, e.seq - 1) + "记录缺失：没有锚定的清理记录说明它们已被清理（最早应为第 " +
                               Seq(first_seq) + " 条）");
      } else if (e.seq < first_seq) {
        problem(e.seq, n + "本应已被清理：锚定的清理记录说明最早应为第 " + Seq(first_seq) + " 条");
      } else if (e.prev_hash != first_prev) {
        problem(e.seq, n + "的前序哈希与锚定记录不符（最早的记录被替换）");
      }
    } else if (e.seq != prev_seq + 1) {
      problem(prev_seq + 1, Rows(prev_seq + 1, e.seq - 1) + "记录被删除");
    } else if (e.prev_hash != prev_hash) {
      problem(e.seq, n + "的前序哈希与第 " + Seq(prev_seq) + " 条不符（前一条被改动）");
    }
    if (e.seq <= legacy_seq) {
      if (LegacyChainHash(e.prev_hash, e) != e.hash) {
        problem(e.seq, n + "的内容与其 SHA-256 哈希不符（升级前的记录被改动）");
      } else if (e.seq == legacy_seq && e.hash != legacy->head) {
        problem(e.seq, n + "与升级时封存的旧链末端不符（升级前的记录被改动并重算了哈希）");
      }
    } else if (MacChainHash(key, e.prev_hash, e) != e.hash) {
      problem(e.seq, n + "的内容与其签名不符（记录被改动或伪造）");
    }
    if (newest && e.seq == anchored_seq && e.hash != newest->head) {
      problem(e.seq, n + "与锚定记录中的哈希不符（记录被改动或替换）");
    }
    if (e.action == "audit.purge" && e.seq > legacy_seq && !purge_rows.contains(e.seq)) {
      problem(e.seq, n + "是“清理”记录，但没有对应的锚定记录（伪造的清理）");
    }
    first = false;
    prev_seq = e.seq;
    prev_hash = e.hash;
  });
  if (!walked) return std::unexpected(walked.error());
  const int64_t newest_row = first ? first_seq - 1 : prev_seq;
  if (newest_row < anchored_seq) {
    problem(newest_row + 1, Rows(newest_row + 1, anchored_seq) + "记录缺失：锚定记录（" + newest->at + "）显示最新一条应为第 " +
                                Seq(anchored_seq) + " 条");
  }
  report.unanchored_rows = std::max<int64_t>(0, newest_row - anchored_seq);
  std::stable_sort(problems.begin(), problems.end(),
                   [](const VerifyProblem& a, const VerifyProblem& b) { return a.seq < b.seq; });
  if (omitted > 0) problems.push_back({0, "另有 " + Seq(omitted) + " 处问题未列出"});
  problems.insert(problems.end(), file_problems.begin(), file_problems.end());
  report.problems = std::move(problems);
  return report;
}

Result<int64_t> AuditLog::Purge(store::Db& db, Date before, Date today, const std::string& actor) {
  if (before > today.AddDays(-kRetentionDays)) {
    return Fail(ErrorCode::kPermissionDenied,
                "审计记录须保存至少 " + std::to_string(kRetentionDays) + " 天：截止日期须不晚于 " +
                    today.AddDays(-kRetentionDays).ToString());
  }
  auto key = Key(true);
  if (!key) return std::unexpected(key.error());
  auto w = anchor_.Begin();
  if (!w) return std::unexpected(w.error());
  if (auto a = EnsureAnchored(db, *w, **key); !a) return std::unexpected(a.error());
  auto tx = store::Transaction::Begin(db);
  if (!tx) return std::unexpected(tx.error());
  const store::Value cut[] = {before.ToString()};
  auto anchor = db.Query("SELECT seq, hash FROM audit_log WHERE at < ? ORDER BY seq DESC LIMIT 1",
                         cut);
  if (!anchor) return std::unexpected(anchor.error());
  if (anchor->empty()) return int64_t{0};
  const int64_t anchor_seq = anchor->front().Int(0);
  const std::string anchor_hash = anchor->front().Text(1);
  // A prefix of the chain, so that what is left starts at one row.
  const store::Value upto[] = {anchor_seq};
  auto deleted = db.Exec("DELETE FROM audit_log WHERE seq <= ?", upto);
  if (!deleted) return std::unexpected(deleted.error());
  AuditEntry e;
  e.actor = actor;
  e.role = "cli";
  e.action = "audit.purge";
  e.target = "audit_log";
  e.result = "ok";
  e.detail = nlohmann::json{{"before", before.ToString()},
                            {"deleted", *deleted},
                            {"anchor_seq", anchor_seq},
                            {"anchor_hash", anchor_hash}}
                 .dump();
  auto row = AppendInTransaction(db, **key, std::move(e));
  if (!row) return std::unexpected(row.error());
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  Checkpoint c;
  c.kind = "purge";
  c.first_seq = anchor_seq + 1;
  c.first_prev = anchor_hash;
  c.last_seq = row->seq;
  c.head = row->hash;
  c.rows = row->seq - c.first_seq + 1;
  c.purged_before = before.ToString();
  c.purged_rows = *deleted;
  if (auto r = WriteCheckpoint(*w, **key, c, true); !r) {
    return Fail(r.error().code, "审计记录已清理，但锚定记录写入失败：" + r.error().message);
  }
  return *deleted;
}

}  // namespace qjy::audit
