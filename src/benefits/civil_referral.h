// 转介民政 (附件3（三）“人力资源社会保障部门要及时将生活困难的登记失业人员转介
// 民政部门，对符合条件的纳入临时救助或最低生活保障范围”, 附件3（六）4): the
// referral of registered unemployed persons in living difficulty to civil
// affairs, exchanged as a CSV file, and the answer read back.
//
// Who is referred: every open unemployment registration (services) of the
// region whose flags hold 生活困难 (living_difficulty, judged by the officer
// at registration, A3(三)). One referral per registration: exporting again
// lists the referrals still without an answer and adds the new ones.
//
// Table (migration 951): civil_referrals (referral_id, county_code,
// person_id, registration_id, region_code, referred_on, reason, status
// referred | answered, assistance temporary_assistance | dibao, result
// granted | refused, decided_on, note, answer_file, created_by); UNIQUE
// (county_code, registration_id), index on person_id.
//
// The file (UTF-8 with BOM, src/benefits/README.md has the columns): one row
// per referral without an answer; the civil-affairs office fills the last
// four columns 救助类别 (临时救助 | 低保 / 最低生活保障), 审批结果 (纳入 |
// 不予纳入), 决定日期 (YYYY-MM-DD), 说明 and sends the file back. ID numbers
// and phones are masked, as everywhere (the 转介编号 identifies the person).
//
// Import: every row is checked first — an unknown 转介编号 or one outside
// `region_scope`, a 姓名 that is not the person's, an unknown 救助类别 or
// 审批结果, a date that is not a date or before the referral, half an answer,
// the same referral twice in the file with different answers, an answer
// different from one already recorded — row errors "文件 F 第 N 行 字段 X：why"
// and nothing written (kInvalidArgument, every error listed, at most 100).
// Rows with the four answer columns empty are left pending. Re-importing
// the same answers changes nothing (counted unchanged).
#ifndef QJY_BENEFITS_CIVIL_REFERRAL_H_
#define QJY_BENEFITS_CIVIL_REFERRAL_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "core/error.h"
#include "store/db.h"
#include "store/migrations.h"

namespace qjy::benefits {

std::span<const store::Migration> ReferralMigrations();  // 951

struct Referral {
  int64_t referral_id = 0;
  std::string county_code;
  int64_t person_id = 0;
  int64_t registration_id = 0;
  std::string region_code;
  Date referred_on;
  std::string reason;
  std::string status;      // referred | answered
  std::string assistance;  // "" | temporary_assistance | dibao
  std::string result;      // "" | granted | refused
  std::optional<Date> decided_on;
  std::string note;
  std::string name, id_masked;
};

std::string AssistanceLabel(std::string_view code);  // 临时救助 | 最低生活保障
std::string ReferralResultLabel(std::string_view code);  // 纳入 | 不予纳入
nlohmann::json ReferralJson(const Referral& r);

struct ReferralExport {
  int64_t added = 0;    // new referrals made by this export
  int64_t written = 0;  // rows in the file (every referral still without an answer)
};

// Refers the region's persons (see above) on `on` and writes the file
// (whole or not at all: written to a temporary file, then renamed). Call
// outside a transaction; needs the services tables (kConflict
// otherwise).
Result<ReferralExport> ExportReferrals(store::Db& db, const std::string& region, Date on, const std::string& actor,
                                       const std::string& out_path);

struct ReferralImport {
  int64_t rows = 0, applied = 0, unchanged = 0, pending = 0;
};
Result<ReferralImport> ImportReferralAnswers(store::Db& db, const std::string& path, std::string_view region_scope,
                                             const std::string& actor);

// A person's referrals (newest first), or a region's (by id, `limit`).
Result<std::vector<Referral>> ReferralsOfPerson(store::Db& db, int64_t person_id);
Result<std::vector<Referral>> ReferralsInRegion(store::Db& db, const std::string& region, int limit = 1000);

}  // namespace qjy::benefits

#endif  // QJY_BENEFITS_CIVIL_REFERRAL_H_
