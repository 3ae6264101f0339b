#include "benefits/civil_referral.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>

#include "auth/clock.h"
#include "importer/cell_values.h"
#include "importer/csv_reader.h"
#include "importer/table_source.h"

namespace qjy::benefits {
namespace {

using store::Value;

constexpr char kTable[] = R"sql(
CREATE TABLE civil_referrals (
  referral_id {id},
  county_code TEXT NOT NULL,
  person_id {int} NOT NULL,
  registration_id {int} NOT NULL,
  region_code TEXT NOT NULL,
  referred_on TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('referred', 'answered')),
  assistance TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL DEFAULT '',
  decided_on TEXT,
  note TEXT NOT NULL DEFAULT '',
  answer_file TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT ({now}),
  updated_at TEXT NOT NULL DEFAULT ({now})
);
CREATE UNIQUE INDEX civil_referrals_key ON civil_referrals (county_code, registration_id);
CREATE INDEX civil_referrals_person ON civil_referrals (person_id);
)sql";

const store::Migration kCivilReferralMigrations[] = {{951, "civil_referrals", kTable}};

constexpr int kMaxErrors = 100;
constexpr char kReason[] = "生活困难的登记失业人员（附件3（三））";

constexpr char kCivilReferralColumns[] =
    "r.referral_id, r.county_code, r.person_id, r.registration_id, r.region_code, r.referred_on, r.reason, r.status, "
    "r.assistance, r.result, r.decided_on, r.note, p.name, p.id_masked";

Referral CivilReferralFromRow(const store::Row& row) {
  Referral r;
  r.referral_id = row.Int(0);
  r.county_code = row.Text(1);
  r.person_id = row.Int(2);
  r.registration_id = row.Int(3);
  r.region_code = row.Text(4);
  r.referred_on = Date::Parse(row.Text(5)).value_or(Date());
  r.reason = row.Text(6);
  r.status = row.Text(7);
  r.assistance = row.Text(8);
  r.result = row.Text(9);
  if (!row.IsNull(10)) r.decided_on = Date::Parse(row.Text(10)).value_or(Date());
  r.note = row.Text(11);
  r.name = row.Text(12);
  r.id_masked = row.Text(13);
  return r;
}

// The header of the exchanged file, in order.
const char* const kHeader[] = {"转介编号", "姓名",     "公民身份号码", "性别",     "出生日期", "户籍地区划代码",
                               "常住地区划代码", "联系电话", "失业登记日期", "登记地区划代码", "转介原因", "转介日期",
                               "救助类别", "审批结果", "决定日期", "说明"};

std::optional<std::string> ParseAssistance(std::string_view s) {
  if (s == "临时救助" || s == "temporary_assistance") return "temporary_assistance";
  if (s == "低保" || s == "最低生活保障" || s == "dibao") return "dibao";
  return std::nullopt;
}
std::optional<std::string> ParseResult(std::string_view s) {
  if (s == "纳入" || s == "同意" || s == "批准" || s == "granted") return "granted";
  if (s == "不予纳入" || s == "不同意" || s == "不批准" || s == "refused") return "refused";
  return std::nullopt;
}

}  // namespace

std::span<const store::Migration> ReferralMigrations() { return kCivilReferralMigrations; }

std::string AssistanceLabel(std::string_view code) {
  if (code == "temporary_assistance") return "临时救助";
  if (code == "dibao") return "最低生活保障";
  return std::string(code);
}
std::string ReferralResultLabel(std::string_view code) {
  if (code == "granted") return "纳入";
  if (code == "refused") return "不予纳入";
  return std::string(code);
}

nlohmann::json ReferralJson(const Referral& r) {
  return {{"referral_id", r.referral_id},
          {"county_code", r.county_code},
          {"person_id", r.person_id},
          {"name", r.name},
          {"id_masked", r.id_masked},
          {"registration_id", r.registration_id},
          {"region_code", r.region_code},
          {"referred_on", r.referred_on.ToString()},
          {"reason", r.reason},
          {"status", r.status},
          {"status_label", r.status == "answered" ? "已答复" : "已转介，待民政答复"},
          {"assistance", r.assistance},
          {"assistance_label", AssistanceLabel(r.assistance)},
          {"result", r.result},
          {"result_label", ReferralResultLabel(r.result)},
          {"decided_on", r.decided_on ? nlohmann::json(r.decided_on->ToString()) : nlohmann::json()},
          {"note", r.note}};
}

Result<ReferralExport> ExportReferrals(store::Db& db, const std::string& region, Date on, const std::string& actor,
                                       const std::string& out_path) {
  auto applied = store::AppliedVersions(db);
  if (!applied) return std::unexpected(applied.error());
  if (std::find(applied->begin(), applied->end(), 100) == applied->end()) {
    return Fail(ErrorCode::kConflict, "本库没有失业登记记录（未启用就业服务），无法转介");
  }
  ReferralExport out;
  const std::string like = region + "%";
  {
    auto tx = store::Transaction::Begin(db);
    if (!tx) return std::unexpected(tx.error());
    auto ins = db.Exec(
        "INSERT INTO civil_referrals (county_code, person_id, registration_id, region_code, referred_on, reason, status, "
        "created_by) SELECT u.county_code, u.person_id, u.registration_id, u.region_code, ?, ?, 'referred', ? "
        "FROM unemployment_registrations u WHERE u.status = 'open' AND u.region_code LIKE ? "
        "AND (',' || u.flags || ',') LIKE '%,living_difficulty,%' AND u.registered_on <= ? AND NOT EXISTS "
        "(SELECT 1 FROM civil_referrals r WHERE r.county_code = u.county_code AND r.registration_id = u.registration_id)",
        std::vector<Value>{on.ToString(), std::string(kReason), actor, like, on.ToString()});
    if (!ins) return std::unexpected(ins.error());
    out.added = *ins;
    if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  }
  auto rows = db.Query(
      "SELECT r.referral_id, p.name, p.id_masked, p.sex, p.birth_date, p.hukou_region, p.residence_region, "
      "p.phone_masked, u.registered_on, r.region_code, r.reason, r.referred_on FROM civil_referrals r "
      "JOIN persons p ON p.person_id = r.person_id JOIN unemployment_registrations u ON u.registration_id = "
      "r.registration_id WHERE r.status = 'referred' AND r.region_code LIKE ? ORDER BY r.referral_id",
      std::vector<Value>{like});
  if (!rows) return std::unexpected(rows.error());
  std::string text = "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) text += ',';
      importer::AppendCsvField(text, cells[i]);
    }
    text += "\r\n";
  };
  line(std::vector<std::string>(std::begin(kHeader), std::end(kHeader)));
  for (const auto& r : *rows) {
    const std::string sex = r.Text(3) == "M" ? "男" : r.Text(3) == "F" ? "女" : r.Text(3);
    line({std::to_string(r.Int(0)), r.Text(1), r.Text(2), sex, r.Text(4), r.Text(5), r.Text(6), r.Text(7), r.Text(8),
          r.Text(9), r.Text(10), r.Text(11), "", "", "", ""});
    ++out.written;
  }
  const std::filesystem::path dest(out_path);
  const std::filesystem::path tmp = dest.string() + ".part";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << text;
    f.close();
    if (!f) return Fail(ErrorCode::kIo, "无法写入文件 " + out_path);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, dest, ec);
  if (ec) return Fail(ErrorCode::kIo, "无法写入文件 " + out_path + "：" + ec.message());
  return out;
}

Result<ReferralImport> ImportReferralAnswers(store::Db& db, const std::string& path, std::string_view region_scope,
                                             const std::string& actor) {
  const std::string file = std::filesystem::path(path).filename().string();
  std::vector<std::string_view> known(std::begin(kHeader), std::end(kHeader));
  auto src = importer::TableSource::Open(path, importer::CsvReader::kDefaultMaxRecordBytes, known);
  if (!src) return Fail(src.error().code, "文件 " + file + "：" + src.error().message);
  std::string errors;
  int n_errors = 0;
  auto error = [&](int64_t row, const std::string& field, const std::string& why) {
    if (++n_errors <= kMaxErrors) {
      errors += "文件 " + file + " 第 " + std::to_string(row) + " 行" + (field.empty() ? "" : " 字段 " + field) + "：" +
                why + "\n";
    }
  };
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < (*src)->header().size(); ++i) col.emplace((*src)->header()[i], i);
  for (const char* c : {"转介编号", "姓名", "救助类别", "审批结果", "决定日期"}) {
    if (!col.contains(c)) error((*src)->header_row(), c, "表头缺少该列");
  }
  if (n_errors) return Fail(ErrorCode::kInvalidArgument, errors);
  (*src)->SetTailRule({static_cast<int>(col.at("转介编号"))});

  struct Answer {
    int64_t id = 0;
    std::string assistance, result, note;
    Date on;
  };
  ReferralImport res;
  std::vector<Answer> todo;
  std::map<int64_t, std::pair<int64_t, Answer>> seen;  // referral → (row, answer)
  importer::SourceRecord rec;
  while ((*src)->Next(rec)) {
    ++res.rows;
    const int64_t row = rec.row;
    if (!rec.problem.empty()) {
      error(row, "", rec.problem);
      continue;
    }
    auto cell = [&](const char* name) -> std::string {
      auto it = col.find(name);
      return it == col.end() || it->second >= rec.cells.size() ? std::string()
                                                               : std::string(importer::TrimCell(rec.cells[it->second]));
    };
    const std::string id_text = cell("转介编号"), name = cell("姓名"), kind = cell("救助类别"),
                      result = cell("审批结果"), date = cell("决定日期"), note = cell("说明");
    int64_t id = 0;
    try {
      size_t used = 0;
      id = std::stoll(id_text, &used);
      if (used != id_text.size() || id <= 0) id = 0;
    } catch (...) {
      id = 0;
    }
    if (id == 0) {
      error(row, "转介编号", id_text.empty() ? "不能为空" : "不是转介编号：" + id_text);
      continue;
    }
    auto found = db.Query(std::string("SELECT ") + kCivilReferralColumns +
                              " FROM civil_referrals r JOIN persons p ON p.person_id = r.person_id "
                              "WHERE r.referral_id = ?",
                          std::vector<Value>{id});
    if (!found) return std::unexpected(found.error());
    if (found->empty()) {
      error(row, "转介编号", "没有该转介记录：" + id_text);
      continue;
    }
    const Referral ref = CivilReferralFromRow(found->front());
    if (!ref.region_code.starts_with(region_scope) && !ref.county_code.starts_with(region_scope)) {
      error(row, "转介编号", "该转介不属于本辖区：" + id_text);
      continue;
    }
    if (name != ref.name) {
      error(row, "姓名", "与转介编号 " + id_text + " 的人员姓名不一致：" + name);
      continue;
    }
    if (kind.empty() && result.empty() && date.empty()) {
      ++res.pending;  // not decided yet
      continue;
    }
    Answer a;
    a.id = id;
    a.note = note;
    bool ok = true;
    auto k = ParseAssistance(kind);
    if (!k) {
      error(row, "救助类别", kind.empty() ? "已填写审批结果或决定日期时不能为空" : "应为 临时救助 或 低保：" + kind);
      ok = false;
    }
    auto r = ParseResult(result);
    if (!r) {
      error(row, "审批结果", result.empty() ? "已填写救助类别或决定日期时不能为空" : "应为 纳入 或 不予纳入：" + result);
      ok = false;
    }
    auto d = Date::Parse(date);
    if (!d) {
      error(row, "决定日期", date.empty() ? "不能为空" : "日期格式不正确（YYYY-MM-DD）：" + date);
      ok = false;
    } else if (*d < ref.referred_on) {
      error(row, "决定日期", "早于转介日期 " + ref.referred_on.ToString() + "：" + date);
      ok = false;
    }
    if (!ok) continue;
    a.assistance = *k;
    a.result = *r;
    a.on = *d;
    auto same = [](const Answer& x, const Answer& y) {
      return x.assistance == y.assistance && x.result == y.result && x.on == y.on;
    };
    if (auto it = seen.find(id); it != seen.end()) {
      if (!same(it->second.second, a)) {
        error(row, "转介编号", "同一转介在文件中有两个不同的答复（另见第 " + std::to_string(it->second.first) + " 行）");
      }
      continue;
    }
    seen.emplace(id, std::make_pair(row, a));
    if (ref.status == "answered") {
      if (ref.assistance == a.assistance && ref.result == a.result && ref.decided_on == a.on) {
        ++res.unchanged;
        continue;
      }
      error(row, "审批结果",
            "该转介已有不同的答复：" + AssistanceLabel(ref.assistance) + " " + ReferralResultLabel(ref.result) + "（" +
                (ref.decided_on ? ref.decided_on->ToString() : "") + "）");
      continue;
    }
    todo.push_back(a);
  }
  if (n_errors) {
    if (n_errors > kMaxErrors) errors += "……共 " + std::to_string(n_errors) + " 处错误\n";
    return Fail(ErrorCode::kInvalidArgument, errors + "文件未导入（须全部正确）");
  }
  auto tx = store::Transaction::Begin(db);
  if (!tx) return std::unexpected(tx.error());
  const std::string now = auth::IsoUtc(std::time(nullptr));
  for (const auto& a : todo) {
    auto u = db.Exec(
        "UPDATE civil_referrals SET status = 'answered', assistance = ?, result = ?, decided_on = ?, note = ?, "
        "answer_file = ?, updated_at = ? WHERE referral_id = ? AND status = 'referred'",
        std::vector<Value>{a.assistance, a.result, a.on.ToString(), a.note, file + "（" + actor + "）", now, a.id});
    if (!u) return std::unexpected(u.error());
    if (*u != 1) return Fail(ErrorCode::kConflict, "转介 " + std::to_string(a.id) + " 已被同时答复，文件未导入");
    ++res.applied;
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  return res;
}

Result<std::vector<Referral>> ReferralsOfPerson(store::Db& db, int64_t person_id) {
  auto rows = db.Query(std::string("SELECT ") + kCivilReferralColumns +
                           " FROM civil_referrals r JOIN persons p ON p.person_id = r.person_id WHERE r.person_id = ? "
                           "ORDER BY r.referral_id DESC",
                       std::vector<Value>{person_id});
  if (!rows) return std::unexpected(rows.error());
  std::vector<Referral> out;
  for (const auto& r : *rows) out.push_back(CivilReferralFromRow(r));
  return out;
}

Result<std::vector<Referral>> ReferralsInRegion(store::Db& db, const std::string& region, int limit) {
  auto rows = db.Query(std::string("SELECT ") + kCivilReferralColumns +
                           " FROM civil_referrals r JOIN persons p ON p.person_id = r.person_id WHERE r.county_code "
                           "LIKE ? ORDER BY r.referral_id LIMIT ?",
                       std::vector<Value>{region + "%", int64_t{limit}});
  if (!rows) return std::unexpected(rows.error());
  std::vector<Referral> out;
  for (const auto& r : *rows) out.push_back(CivilReferralFromRow(r));
  return out;
}

}  // namespace qjy::benefits
