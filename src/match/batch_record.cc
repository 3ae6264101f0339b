#include "match/batch_record.h"

#include <set>

#include "importer/xlsx_writer.h"
#include "services/services_store.h"

namespace qjy::match {

std::vector<BatchRow> BatchRows(const MatchIndex& index, const BatchResult& r) {
  std::vector<BatchRow> rows;
  rows.reserve(r.seekers.size());
  for (const auto& s : r.seekers) {
    const SeekerInfo info = index.Seeker(s.seeker);
    BatchRow row{.person_id = info.person_id, .county_code = info.county_code, .jobs = {}, .shortfall = s.shortfall};
    for (const auto& j : s.jobs) {
      const JobInfo job = index.Job(j.job);
      row.jobs.push_back({job.job_id, job.title, job.employer_credit_code, j.score, j.reasons});
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

// One county's rows, in one transaction.
Result<void> RecordCounty(services::ServicesStore& store, store::Db& db, std::span<const BatchRow* const> rows,
                          Date on, const std::string& officer, RecordOutcome& out) {
  RecordOutcome mine;
  auto tx = store::Transaction::Begin(db);
  if (!tx) return std::unexpected(tx.error());
  for (const BatchRow* row : rows) {
    auto reg = store.OpenRegistrationOf(row->person_id);
    if (!reg) return std::unexpected(reg.error());
    if (!*reg) {
      ++mine.not_registered;
      continue;
    }
    auto have = store.RecordsOfPerson(row->person_id);
    if (!have) return std::unexpected(have.error());
    std::set<int64_t> recorded;
    for (const auto& rec : *have) {
      if (rec.registration_id == (*reg)->registration_id && rec.kind == services::ServiceKind::kJobRecommendation) {
        recorded.insert(rec.job_id);
      }
    }
    for (const auto& j : row->jobs) {
      if (!recorded.insert(j.job_id).second) {
        ++mine.already;
        continue;
      }
      services::ServiceRecord rec;
      rec.registration_id = (*reg)->registration_id;
      rec.person_id = row->person_id;
      rec.county_code = (*reg)->county_code;
      rec.kind = services::ServiceKind::kJobRecommendation;
      rec.delivered_on = on;
      rec.officer = officer;
      rec.outcome = "批量推荐：" + j.reasons;
      rec.job_id = j.job_id;
      if (auto a = store.AddRecord(rec); !a) return std::unexpected(a.error());
      ++mine.added;
    }
  }
  if (auto c = tx->Commit(); !c) return std::unexpected(c.error());
  out.added += mine.added;
  out.already += mine.already;
  out.not_registered += mine.not_registered;
  return {};
}

}  // namespace

Result<RecordOutcome> RecordBatch(store::Db& db, std::span<const BatchRow> rows, Date on,
                                  const std::string& officer, const std::string& region_prefix) {
  std::map<std::string, std::vector<const BatchRow*>> by_county;
  for (const auto& row : rows) {
    if (row.jobs.empty() || !row.county_code.starts_with(region_prefix)) continue;
    by_county[row.county_code].push_back(&row);
  }
  services::ServicesStore store(db);
  RecordOutcome out;
  for (const auto& [county, mine] : by_county) {
    if (auto r = RecordCounty(store, db, mine, on, officer, out); !r) return std::unexpected(r.error());
  }
  return out;
}

Result<void> WriteBatchXlsx(std::span<const BatchRow> rows, const std::map<int64_t, std::string>& person_names,
                            const std::map<std::string, std::string>& employer_names,
                            const std::map<std::string, std::string>& county_names, const std::string& path) {
  auto book = importer::XlsxWriter::Create(path, /*streaming=*/true);
  if (!book) return std::unexpected(book.error());
  importer::XlsxWriter& w = **book;
  const int sheet = w.AddSheet("批量推荐结果");
  const double widths[] = {10, 12, 18, 6, 24, 30, 8, 40, 40};
  for (int c = 0; c < 9; ++c) w.SetColumn(sheet, c, widths[c], false, c >= 7);
  const std::vector<std::string> header = {"人员编号", "姓名",     "所在县（市、区）", "序号", "推荐岗位",
                                           "用人单位", "匹配分", "推荐理由",         "不足原因"};
  w.WriteHeader(sheet, header);
  auto name_or = [](const auto& map, const auto& key) {
    auto it = map.find(key);
    return it == map.end() || it->second.empty() ? std::string("未登记") : it->second;
  };
  int64_t line = 1;
  for (const auto& row : rows) {
    const std::string person = std::to_string(row.person_id);
    const std::string name = name_or(person_names, row.person_id);
    const std::string county = name_or(county_names, row.county_code);
    int rank = 0;
    for (const auto& j : row.jobs) {
      w.WriteRow(sheet, line++,
                 std::vector<std::string>{person, name, county, std::to_string(++rank), j.title,
                                          name_or(employer_names, j.employer_credit_code), std::to_string(j.score),
                                          j.reasons, ""});
    }
    if (!row.shortfall.empty()) {
      w.WriteRow(sheet, line++, std::vector<std::string>{person, name, county, "", "", "", "", "", row.shortfall});
    }
  }
  return w.Close();
}

}  // namespace qjy::match
