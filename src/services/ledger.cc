#include "services/ledger.h"

#include <array>
#include <vector>

#include "core/clause_display.h"
#include "importer/xlsx_writer.h"

namespace qjy::services {

Result<LedgerStats> WriteLedger(const std::string& path, const Caseload& caseload,
                                const ObligationEngine& engine, Date as_of,
                                const PersonLabeler& labeler) {
  auto w = importer::XlsxWriter::Create(path);
  if (!w) return std::unexpected(w.error());
  importer::XlsxWriter& x = **w;
  int s1 = x.AddSheet("失业人员台账");
  int s2 = x.AddSheet("服务事项");
  std::vector<std::string> h1 = {"序号", "登记编号", "姓名", "身份证号", "登记日期", "登记地类型",
                                 "登记地区划", "登记渠道", "登记类型", "服务对象类别", "失业等级",
                                 "人员类别", "经办人"};
  for (ServiceKind k : kAllServiceKinds) h1.push_back(std::string(ServiceKindLabel(k)) + "次数");
  for (const char* c : {"待办事项", "逾期事项", "登记状态", "注销日期", "注销原因"}) h1.push_back(c);
  x.WriteHeader(s1, h1);
  for (int c = 0; c < static_cast<int>(h1.size()); ++c) x.SetColumn(s1, c, c == 3 ? 22 : 12, c == 3);
  std::vector<std::string> h2 = {"登记编号", "姓名", "服务包", "条款", "应提供服务", "起算日期",
                                 "期限", "已提供", "完成日期", "状态", "经办人", "说明"};
  x.WriteHeader(s2, h2);
  for (int c = 0; c < static_cast<int>(h2.size()); ++c) x.SetColumn(s2, c, c == 4 || c == 11 ? 36 : 14);

  LedgerStats stats;
  int64_t row1 = 1, row2 = 1;
  std::vector<Obligation> obs;
  Date window_start = as_of.AddMonths(-12);
  for (size_t i = 0; i < caseload.size(); ++i) {
    const Registration& r = caseload.registration(i);
    if (r.registered_on > as_of) continue;
    if (r.closed_on && *r.closed_on < window_start) continue;
    obs.clear();
    auto ok = engine.Evaluate(r.Facts(), caseload.RecordFacts(i), as_of, obs);
    if (!ok) return std::unexpected(ok.error());
    PersonLabel who = labeler ? labeler(r.person_id) : PersonLabel{};
    std::array<int, kAllServiceKinds.size()> counts{};
    for (const ServiceRecord& rec : caseload.Records(i)) {
      if (rec.registration_id == r.registration_id && rec.delivered_on <= as_of) {
        ++counts[static_cast<size_t>(rec.kind)];
      }
    }
    std::string open_items, overdue_items;
    for (const Obligation& o : obs) {
      if (o.status == ObligationStatus::kDue) open_items += (open_items.empty() ? "" : "；") + o.package->name;
      if (o.status == ObligationStatus::kOverdue) overdue_items += (overdue_items.empty() ? "" : "；") + o.package->name;
    }
    bool open = r.OpenOn(as_of);
    PersonClassification cls = ClassifyOne(caseload, i, open ? as_of : (r.closed_on ? r.closed_on->AddDays(-1) : as_of));
    std::vector<std::string> cells = {std::to_string(row1),
                                      std::to_string(r.registration_id),
                                      who.name,
                                      who.id_masked,
                                      r.registered_on.ToString(),
                                      PlaceKindLabel(r.place),
                                      r.region_code,
                                      r.channel,
                                      RegistrationKindLabel(r.kind),
                                      ServedAsLabel(r.served_as),
                                      LevelLabel(cls.level),
                                      CategoryLabel(cls.category.category),
                                      r.officer};
    for (int c : counts) cells.push_back(std::to_string(c));
    cells.push_back(open_items);
    cells.push_back(overdue_items);
    bool closed_now = r.closed_on && *r.closed_on <= as_of;
    cells.push_back(closed_now ? "已注销" : "登记中");
    cells.push_back(closed_now ? r.closed_on->ToString() : "");
    cells.push_back(closed_now && r.close_reason ? CloseReasonLabel(*r.close_reason) : "");
    x.WriteRow(s1, row1++, cells);
    ++stats.registrations;
    for (const Obligation& o : obs) {
      std::string delivered;
      for (size_t k = 0; k < o.delivered.size(); ++k) {
        if (k) delivered += "、";
        delivered += std::to_string(o.delivered[k]) + "/" + std::to_string(o.package->items[k].count);
      }
      std::vector<std::string> c2 = {std::to_string(r.registration_id),
                                     who.name,
                                     o.package->name,
                                     DisplayClause(o.priority ? o.package->clause + "、" + o.package->priority->clause
                                                             : o.package->clause),
                                     o.package->ItemsText(),
                                     o.start.ToString(),
                                     o.deadline.ToString(),
                                     delivered,
                                     o.met_on ? o.met_on->ToString() : "",
                                     ObligationStatusLabel(o.status),
                                     r.officer,
                                     o.package->assumed ? "期限或内容为本平台参数（文件未明确）" : ""};
      x.WriteRow(s2, row2++, c2);
      ++stats.obligations;
    }
  }
  auto closed = x.Close();
  if (!closed) return std::unexpected(closed.error());
  return stats;
}

}  // namespace qjy::services
