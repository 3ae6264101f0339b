#include "supervision/officer_hashes.h"

#include <map>

#include "auth/account.h"
#include "core/date.h"
#include "core/id_number.h"
#include "core/mask.h"
#include "importer/csv_reader.h"

namespace qjy::supervision {
namespace {

using store::Value;

std::string Trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::string Hex8(const Blob& b) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < b.size() && out.size() < 8; ++i) {
    out.push_back(kDigits[(b[i] >> 4) & 15]);
    out.push_back(kDigits[b[i] & 15]);
  }
  return out;
}

bool ValidPhone(const std::string& p) {
  return p.size() == 11 && p[0] == '1' && p.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

std::vector<OfficerRowError> OfficerHashes::Check(const OfficerIdentity& who, const std::string& scope, int64_t row,
                                                  OfficerIdentity& out, std::string& region) {
  std::vector<OfficerRowError> errors;
  const std::string at = row > 0 ? "第" + std::to_string(row) + "行：" : "";
  auto error = [&](const std::string& field, const std::string& msg) { errors.push_back({row, field, at + msg}); };
  out.username = Trim(who.username);
  out.id_number = Trim(who.id_number);
  out.phone = Trim(who.phone);
  if (out.username.empty()) {
    error("账号", "账号不能为空");
  } else {
    auto acct = auth::AccountStore(db_).FindByUsername(out.username);
    if (!acct) {
      error("账号", "账号“" + out.username + "”无法查询：" + acct.error().message);
    } else if (!*acct || (*acct)->role != auth::Role::kOfficer) {
      error("账号", "账号“" + out.username + "”不是经办人员账号");
    } else if (!(*acct)->region_code.starts_with(scope)) {
      error("账号", "经办人员“" + out.username + "”不在本账号管辖区域内");
    } else {
      region = (*acct)->region_code;
    }
  }
  if (out.id_number.empty() && out.phone.empty()) error("", "身份证号和手机号不能都为空");
  if (!out.id_number.empty()) {
    auto c = CheckResidentId(out.id_number, Date::InChina(clock_.Now()));
    if (!c.valid) {
      error("身份证号", "身份证号“" + MaskValue(out.id_number) + "”无效：" + c.reason);
    } else {
      out.id_number = c.normalized;
    }
  }
  if (!out.phone.empty() && !ValidPhone(out.phone)) {
    error("手机号", "手机号“" + MaskValue(out.phone) + "”应为以 1 开头的 11 位数字");
  }
  return errors;
}

Result<OfficerRegistered> OfficerHashes::Write(const OfficerIdentity& who, const std::string& region,
                                               const std::string& actor, const std::string& now) {
  OfficerRegistered r{who.username, region, "", "", actor, now, "", ""};
  for (const auto& [kind, value] : {std::pair<std::string, std::string>{"id_number", who.id_number},
                                    std::pair<std::string, std::string>{"phone", who.phone}}) {
    if (value.empty()) continue;
    const Blob hash = vault_.Index(value);
    auto n = db_.Exec(
        "INSERT INTO supervision_officer_hashes (county_code, username, kind, hash, recorded_by, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (county_code, username, kind) DO UPDATE SET hash = excluded.hash, "
        "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
        std::vector<Value>{region, who.username, kind, hash, actor, now});
    if (!n) return std::unexpected(n.error());
    if (kind == "id_number") {
      r.id_masked = MaskIdNumber(value);
      r.id_hash_prefix = Hex8(hash);
    } else {
      r.phone_masked = MaskPhone(value);
      r.phone_hash_prefix = Hex8(hash);
    }
  }
  return r;
}

void OfficerHashes::AuditWrite(const OfficerRegistered& r, const std::string& actor) {
  if (!audit_) return;
  audit::AuditEntry e;
  e.actor = actor;
  e.role = "officer";
  e.action = "supervision.officer_hashes";
  e.target = "officer:" + r.username;
  e.result = "ok";
  e.client = "supervision";
  e.detail = "登记经办人员身份信息散列：" + std::string(r.id_masked.empty() ? "" : "身份证号 " + r.id_masked) +
             (r.id_masked.empty() || r.phone_masked.empty() ? "" : "，") +
             (r.phone_masked.empty() ? "" : "手机号 " + r.phone_masked);
  (void)audit_->Append(db_, std::move(e));  // after the commit (the log writes in its own transaction)
}

Result<OfficerRegistered> OfficerHashes::Register(const OfficerIdentity& who, const std::string& scope,
                                                  const std::string& actor) {
  OfficerIdentity norm;
  std::string region;
  auto errors = Check(who, scope, 0, norm, region);
  if (!errors.empty()) {
    const auto& e = errors.front();
    return Fail(e.field == "账号" && region.empty() && !norm.username.empty() ? ErrorCode::kNotFound
                                                                                : ErrorCode::kInvalidArgument,
                e.message);
  }
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  auto r = Write(norm, region, actor, auth::IsoUtc(clock_.Now()));
  if (!r) return r;
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  AuditWrite(*r, actor);
  return r;
}

Result<OfficerImport> OfficerHashes::Import(std::string_view csv, const std::string& scope, const std::string& actor) {
  OfficerImport out;
  if (csv.starts_with("\xEF\xBB\xBF")) csv.remove_prefix(3);
  importer::CsvReader reader(csv);
  importer::CsvRecord rec;
  int col_user = -1, col_id = -1, col_phone = -1;
  bool header = true;
  std::vector<std::pair<OfficerIdentity, std::string>> rows;
  std::map<std::string, int64_t> seen;
  while (reader.Next(rec)) {
    if (rec.too_long) {
      out.errors.push_back({rec.row, "", "第" + std::to_string(rec.row) + "行：该行过长"});
      continue;
    }
    if (rec.blank()) continue;
    if (header) {
      header = false;
      for (size_t i = 0; i < rec.cell_count; ++i) {
        const std::string h = Trim(rec.cells[i]);
        if (h == "账号" || h == "工号" || h == "账号/工号") col_user = static_cast<int>(i);
        if (h == "身份证号" || h == "身份证号码") col_id = static_cast<int>(i);
        if (h == "手机号" || h == "手机号码") col_phone = static_cast<int>(i);
      }
      if (col_user < 0 || (col_id < 0 && col_phone < 0)) {
        out.errors.push_back({rec.row, "", "第" + std::to_string(rec.row) +
                                               "行：表头应含“账号”（或“工号”）及“身份证号”“手机号”列"});
        return out;
      }
      continue;
    }
    ++out.rows;
    auto cell = [&](int i) { return i >= 0 && static_cast<size_t>(i) < rec.cell_count ? rec.cells[i] : std::string(); };
    OfficerIdentity norm;
    std::string region;
    auto errors = Check({cell(col_user), cell(col_id), cell(col_phone)}, scope, rec.row, norm, region);
    if (errors.empty()) {
      auto [it, fresh] = seen.emplace(norm.username, rec.row);
      if (!fresh) {
        errors.push_back({rec.row, "账号", "第" + std::to_string(rec.row) + "行：账号“" + norm.username +
                                               "”与第" + std::to_string(it->second) + "行重复"});
      }
    }
    for (auto& e : errors) out.errors.push_back(std::move(e));
    if (errors.empty()) rows.emplace_back(std::move(norm), std::move(region));
  }
  if (header) out.errors.push_back({0, "", "文件为空：应有表头“账号,身份证号,手机号”"});
  if (!out.errors.empty()) return out;
  const std::string now = auth::IsoUtc(clock_.Now());
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  for (const auto& [who, region] : rows) {
    auto r = Write(who, region, actor, now);
    if (!r) return std::unexpected(r.error());
    out.officers.push_back(std::move(*r));
    ++out.written;
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  for (const auto& o : out.officers) AuditWrite(o, actor);
  return out;
}

Result<std::vector<OfficerRegistered>> OfficerHashes::List(const std::string& scope) {
  auto rows = db_.Query(
      "SELECT username, county_code, kind, hash, recorded_by, recorded_at FROM supervision_officer_hashes WHERE "
      "SUBSTR(county_code, 1, " + std::to_string(scope.size()) + ") = ? ORDER BY username, county_code",
      std::vector<Value>{scope});
  if (!rows) return std::unexpected(rows.error());
  std::vector<OfficerRegistered> out;
  for (const auto& r : *rows) {
    if (out.empty() || out.back().username != r.Text(0) || out.back().county_code != r.Text(1)) {
      out.push_back({r.Text(0), r.Text(1), "", "", r.Text(4), r.Text(5), "", ""});
    }
    auto& o = out.back();
    (r.Text(2) == "id_number" ? o.id_hash_prefix : o.phone_hash_prefix) = Hex8(r.Bytes(3));
    if (r.Text(5) > o.recorded_at) {
      o.recorded_at = r.Text(5);
      o.recorded_by = r.Text(4);
    }
  }
  return out;
}

}  // namespace qjy::supervision
