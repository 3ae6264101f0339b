#include "services/calendar_notice.h"

#include <map>

#include <yaml-cpp/yaml.h>

#include "core/utf8.h"

namespace qjy::services {
namespace {

constexpr int kMaxHolidayDays = 15;

const char* WeekdayName(Date d) {
  static const char* kNames[] = {"", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};
  return kNames[d.iso_weekday()];
}

class NoticeParser {
 public:
  explicit NoticeParser(std::string_view file) : file_(file) {}

  std::unexpected<Error> Bad(const YAML::Node& at, const std::string& what) const {
    std::string where = file_;
    if (at.IsDefined() && at.Mark().line >= 0) where += " 第 " + std::to_string(at.Mark().line + 1) + " 行";
    return Fail(ErrorCode::kInvalidArgument, "节假日通知 " + where + "：" + what);
  }

  Result<std::string> Text(const YAML::Node& parent, const char* key, const char* label) const {
    const YAML::Node n = parent[key];
    if (!n || !n.IsScalar() || n.Scalar().empty()) return Bad(parent, std::string("缺少") + label + "（" + key + "）");
    // The stored form (NoticeToYaml) must read back the same, and the YAML
    // emitter replaces invalid UTF-8 and escapes control characters.
    const std::string& s = n.Scalar();
    if (!IsValidUtf8(s)) return Bad(n, std::string(label) + "含有无效的 UTF-8 字节（文件须为 UTF-8 编码）");
    for (unsigned char c : s) {
      if (c < 0x20 || c == 0x7f) return Bad(n, std::string(label) + "含有控制字符");
    }
    return s;
  }

  Result<Date> DateOf(const YAML::Node& n, const std::string& label) const {
    if (!n || !n.IsScalar()) return Bad(n, label + "应为日期 YYYY-MM-DD");
    auto d = Date::Parse(n.Scalar());
    if (!d) return Bad(n, label + "“" + n.Scalar() + "”不是有效日期（应为 YYYY-MM-DD）");
    return *d;
  }

  Result<CalendarNotice> Parse(std::string_view text) const {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
      return Fail(ErrorCode::kInvalidArgument, "节假日通知 " + file_ + " 第 " +
                                                   std::to_string(e.mark.line + 1) +
                                                   " 行：YAML 格式错误（" + e.msg + "）");
    }
    if (!root.IsMap()) return Bad(root, "文件应为键值格式（year、title、document、published_on、holidays）");
    CalendarNotice n;
    const YAML::Node year = root["year"];
    try {
      if (!year || !year.IsScalar()) return Bad(root, "缺少年份（year）");
      n.year = year.as<int>();
    } catch (const YAML::Exception&) {
      return Bad(year, "年份（year）应为整数");
    }
    if (n.year < 2000 || n.year > 2100) return Bad(year, "年份 " + std::to_string(n.year) + " 不在 2000–2100 之间");
    auto title = Text(root, "title", "通知标题");
    if (!title) return std::unexpected(title.error());
    n.title = *title;
    auto doc = Text(root, "document", "文号");
    if (!doc) return std::unexpected(doc.error());
    n.document = *doc;
    auto published = DateOf(root["published_on"], "发布日期（published_on）");
    if (!published) return std::unexpected(published.error());
    n.published_on = *published;

    const YAML::Node list = root["holidays"];
    if (!list || !list.IsSequence() || list.size() == 0) return Bad(root, "缺少放假安排（holidays）");
    std::map<int32_t, std::string> listed;  // day -> which holiday listed it
    auto in_year = [&](const YAML::Node& at, Date d, const std::string& what) -> Result<void> {
      if (d.year() != n.year) {
        return Bad(at, what + " " + d.ToString() + " 不在 " + std::to_string(n.year) + " 年内");
      }
      return {};
    };
    auto list_once = [&](const YAML::Node& at, Date d, const std::string& who) -> Result<void> {
      auto [it, inserted] = listed.emplace(d.days(), who);
      if (!inserted) return Bad(at, d.ToString() + " 重复列出（" + it->second + "、" + who + "）");
      return {};
    };
    for (const YAML::Node& h : list) {
      if (!h.IsMap()) return Bad(h, "每项放假安排应含 name、off，可含 work");
      NoticeHoliday hol;
      auto name = Text(h, "name", "节日名称");
      if (!name) return std::unexpected(name.error());
      hol.name = *name;
      const YAML::Node off = h["off"];
      if (!off || !off.IsSequence() || off.size() != 2) {
        return Bad(h, hol.name + "：放假日期（off）应为 [首日, 末日]");
      }
      auto from = DateOf(off[0], hol.name + "放假首日");
      if (!from) return std::unexpected(from.error());
      auto to = DateOf(off[1], hol.name + "放假末日");
      if (!to) return std::unexpected(to.error());
      hol.off_from = *from;
      hol.off_to = *to;
      if (hol.off_to < hol.off_from) {
        return Bad(off, hol.name + "：放假末日 " + hol.off_to.ToString() + " 早于首日 " + hol.off_from.ToString());
      }
      if (hol.off_to.days() - hol.off_from.days() + 1 > kMaxHolidayDays) {
        return Bad(off, hol.name + "：放假超过 " + std::to_string(kMaxHolidayDays) + " 天，请核对日期");
      }
      for (Date d : {hol.off_from, hol.off_to}) {
        if (auto r = in_year(off, d, hol.name + "放假日期"); !r) return std::unexpected(r.error());
      }
      bool weekday = false;
      for (Date d = hol.off_from; d <= hol.off_to; d = d.AddDays(1)) {
        weekday = weekday || !d.is_weekend();
        if (auto r = list_once(off, d, hol.name); !r) return std::unexpected(r.error());
      }
      if (!weekday) {
        return Bad(off, hol.name + "：放假日期 " + hol.off_from.ToString() + " 至 " + hol.off_to.ToString() +
                            " 均为周末，本就是休息日；放假安排应包含工作日");
      }
      const YAML::Node work = h["work"];
      if (work && !work.IsSequence()) return Bad(work, hol.name + "：调休上班日期（work）应为日期列表");
      if (work) {
        for (const YAML::Node& w : work) {
          auto d = DateOf(w, hol.name + "调休上班日期");
          if (!d) return std::unexpected(d.error());
          if (auto r = in_year(w, *d, hol.name + "调休上班日期"); !r) return std::unexpected(r.error());
          if (!d->is_weekend()) {
            return Bad(w, hol.name + "：调休上班日 " + d->ToString() + " 是" + WeekdayName(*d) +
                              "，本就是工作日；调休上班日应为星期六或星期日");
          }
          if (auto r = list_once(w, *d, hol.name + "调休上班"); !r) return std::unexpected(r.error());
          hol.workdays.push_back(*d);
        }
      }
      n.holidays.push_back(std::move(hol));
    }
    return n;
  }

 private:
  std::string file_;
};

}  // namespace

std::vector<CalendarEntry> CalendarNotice::Entries() const {
  std::vector<CalendarEntry> out;
  for (const NoticeHoliday& h : holidays) {
    for (Date d = h.off_from; d <= h.off_to; d = d.AddDays(1)) out.push_back({d, DayKind::kOff, h.name});
    for (Date d : h.workdays) out.push_back({d, DayKind::kWork, h.name});
  }
  return out;
}

Result<CalendarNotice> ParseCalendarNotice(std::string_view yaml_text, std::string_view file_name) {
  try {
    return NoticeParser(file_name).Parse(yaml_text);
  } catch (const YAML::Exception& e) {
    return Fail(ErrorCode::kInvalidArgument, "节假日通知 " + std::string(file_name) + " 第 " +
                                                 std::to_string(e.mark.line + 1) + " 行：" + e.msg);
  }
}

std::string NoticeToYaml(const CalendarNotice& n) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "year" << YAML::Value << n.year;
  out << YAML::Key << "title" << YAML::Value << n.title;
  out << YAML::Key << "document" << YAML::Value << n.document;
  out << YAML::Key << "published_on" << YAML::Value << n.published_on.ToString();
  out << YAML::Key << "holidays" << YAML::Value << YAML::BeginSeq;
  for (const NoticeHoliday& h : n.holidays) {
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << h.name;
    out << YAML::Key << "off" << YAML::Value << YAML::Flow << YAML::BeginSeq
        << h.off_from.ToString() << h.off_to.ToString() << YAML::EndSeq;
    if (!h.workdays.empty()) {
      out << YAML::Key << "work" << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (Date d : h.workdays) out << d.ToString();
      out << YAML::EndSeq;
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace qjy::services
