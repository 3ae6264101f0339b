#include "store/person_search.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "core/mask.h"
#include "core/pinyin.h"
#include "core/utf8.h"
#include "registry/codes.h"

namespace qjy::store {
namespace {

constexpr int kFillPage = 1000;

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The county (first 6 digits) of a region code; "" when shorter.
std::string CountyOf(std::string_view region) {
  return region.size() >= 6 ? std::string(region.substr(0, 6)) : std::string();
}

// "52" -> "53": [prefix, end) holds exactly the codes starting with prefix.
std::string PrefixEnd(std::string prefix) {
  for (size_t i = prefix.size(); i-- > 0;) {
    if (static_cast<unsigned char>(prefix[i]) < 0xFF) {
      prefix[i] = static_cast<char>(prefix[i] + 1);
      prefix.resize(i + 1);
      return prefix;
    }
  }
  return std::string(1, '\x7f');
}

struct Entry {
  int64_t person_id = 0;
  std::string owner, hukou_region, residence_region, name, id_masked, phone_masked;
  Value phone_hash;
};

std::vector<std::vector<Value>> RowsOf(const Entry& e) {
  const std::string hukou = CountyOf(e.hukou_region), residence = CountyOf(e.residence_region);
  std::set<std::string> counties = {e.owner};
  if (!hukou.empty()) counties.insert(hukou);
  if (!residence.empty()) counties.insert(residence);
  const std::string initials = PinyinInitials(e.name);
  std::vector<std::vector<Value>> out;
  for (const auto& county : counties) {
    out.push_back({county, e.person_id, e.owner, hukou, residence, e.hukou_region, e.residence_region,
                   e.name, initials, e.id_masked, e.phone_masked, e.phone_hash});
  }
  return out;
}

Entry EntryOf(const registry::Person& p, const Vault& vault) {
  Entry e;
  e.person_id = p.person_id;
  e.owner = p.county_code;
  e.hukou_region = p.hukou_region;
  e.residence_region = p.residence_region;
  e.name = p.name;
  e.id_masked = MaskIdNumber(p.id_number);
  if (!p.phone.empty()) {
    e.phone_masked = MaskPhone(p.phone);
    e.phone_hash = vault.Index(p.phone);
  }
  return e;
}

std::string Marks(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s;
}

}  // namespace

Result<PersonQuery> ClassifyPersonQuery(std::string_view raw) {
  const std::string_view text = Trim(raw);
  PersonQuery q;
  if (text.empty()) return q;
  if (Utf8Length(text) > 30) return Fail(ErrorCode::kInvalidArgument, "查询内容过长（至多 30 个字）");
  const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; });
  if (!ascii) {
    if (text.find_first_of("%_*") != std::string_view::npos) {
      return Fail(ErrorCode::kInvalidArgument, "姓名中不能含有 % _ * 等符号");
    }
    q.kind = PersonQueryKind::kName;
    q.text = std::string(text);
    return q;
  }
  if (LooksLikeInitials(text)) {
    q.kind = PersonQueryKind::kInitials;
    q.text = Lower(std::string(text));
    return q;
  }
  const std::string up = Upper(std::string(text));
  const auto id_char = [](char c) { return (c >= '0' && c <= '9') || c == 'X'; };
  if (up.size() == 18 && AllDigits(std::string_view(up).substr(0, 17)) && id_char(up[17])) {
    q.kind = PersonQueryKind::kIdNumber;
    q.text = up;
    return q;
  }
  const bool has_star = up.find('*') != std::string::npos;
  const bool id_or_star = std::all_of(up.begin(), up.end(), [&](char c) { return id_char(c) || c == '*'; });
  if (has_star && id_or_star && up.size() == 18) {
    q.kind = PersonQueryKind::kIdMasked;
    q.text = up;
    return q;
  }
  if (has_star && id_or_star && up.size() == 11 && up.find('X') == std::string::npos) {
    q.kind = PersonQueryKind::kPhoneMasked;
    q.text = up;
    return q;
  }
  if (up.size() == 11 && AllDigits(up) && up[0] == '1') {
    q.kind = PersonQueryKind::kPhone;
    q.text = up;
    return q;
  }
  if (up.size() == 4 && AllDigits(std::string_view(up).substr(0, 3)) && id_char(up[3])) {
    q.kind = PersonQueryKind::kTail;
    q.text = up;
    return q;
  }
  return Fail(ErrorCode::kInvalidArgument,
              "无法识别的查询内容：请输入姓名（可只输部分）、拼音首字母、18 位身份证号、11 位手机号、"
              "脱敏号码（如 5201**********123X）或号码末 4 位");
}

const char* PersonQueryKindLabel(PersonQueryKind kind) {
  switch (kind) {
    case PersonQueryKind::kNone: return "全部";
    case PersonQueryKind::kName: return "姓名";
    case PersonQueryKind::kInitials: return "拼音首字母";
    case PersonQueryKind::kIdNumber: return "身份证号";
    case PersonQueryKind::kIdMasked: return "脱敏身份证号";
    case PersonQueryKind::kPhone: return "手机号";
    case PersonQueryKind::kPhoneMasked: return "脱敏手机号";
    case PersonQueryKind::kTail: return "身份证号或手机号末四位";
  }
  return "";
}

namespace person_search {

const std::vector<std::string> kColumns = {
    "county_code", "person_id", "owner_county", "hukou_county", "residence_county", "hukou_region",
    "residence_region", "name", "initials", "id_masked", "phone_masked", "phone_hash"};

std::vector<std::vector<Value>> Rows(const registry::Person& p, const Vault& vault) {
  return RowsOf(EntryOf(p, vault));
}

Result<void> Write(Db& db, std::span<const registry::Person> persons, const Vault& vault) {
  std::vector<std::vector<Value>> rows;
  for (const auto& p : persons) {
    for (auto& r : Rows(p, vault)) rows.push_back(std::move(r));
    if (rows.size() >= 5000) {
      QJY_TRY(db.CopyIn("person_search", kColumns, rows));
      rows.clear();
    }
  }
  if (!rows.empty()) QJY_TRY(db.CopyIn("person_search", kColumns, rows));
  return {};
}

Result<void> Replace(Db& db, const registry::Person& old, const registry::Person& now,
                     const Vault& vault) {
  // By key: the old rows' counties, never a scan for the person id.
  std::set<std::string> counties = {old.county_code, CountyOf(old.hukou_region),
                                    CountyOf(old.residence_region)};
  std::vector<Value> params = {old.person_id};
  for (const auto& c : counties) params.emplace_back(c);
  QJY_TRY(db.Exec("DELETE FROM person_search WHERE person_id = ? AND county_code IN (" +
                      Marks(counties.size()) + ")",
                  params));
  return Write(db, std::span<const registry::Person>(&now, 1), vault);
}

Result<void> FillIfEmpty(Db& db) {
  auto any = db.Query(
      "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM persons LIMIT 1) a),"
      " (SELECT COUNT(*) FROM (SELECT 1 FROM person_search LIMIT 1) b)");
  if (!any) return std::unexpected(any.error());
  if (any->at(0).Int(0) == 0 || any->at(0).Int(1) != 0) return {};
  QJY_TRY(db.Begin());
  auto fill = [&]() -> Result<void> {
    // Re-checked inside the transaction: another process may have filled it.
    auto again = db.Query("SELECT COUNT(*) FROM (SELECT 1 FROM person_search LIMIT 1) b");
    if (!again) return std::unexpected(again.error());
    if (again->at(0).Int(0) != 0) return {};
    int64_t after = 0;
    for (;;) {
      const Value params[] = {after, int64_t{kFillPage}};
      auto page = db.Query(
          "SELECT person_id, county_code, hukou_region, residence_region, name, id_masked,"
          " phone_masked, phone_hash FROM persons WHERE person_id > ? ORDER BY person_id LIMIT ?",
          params);
      if (!page) return std::unexpected(page.error());
      if (page->empty()) return {};
      std::vector<std::vector<Value>> rows;
      for (const auto& r : *page) {
        Entry e;
        e.person_id = r.Int(0);
        e.owner = r.Text(1);
        e.hukou_region = r.Text(2);
        e.residence_region = r.Text(3);
        e.name = r.Text(4);
        e.id_masked = r.Text(5);
        e.phone_masked = r.Text(6);
        if (!r.IsNull(7)) e.phone_hash = r.Bytes(7);
        for (auto& row : RowsOf(e)) rows.push_back(std::move(row));
      }
      QJY_TRY(db.CopyIn("person_search", kColumns, rows));
      after = page->back().Int(0);
    }
  };
  auto r = fill();
  if (!r) {
    (void)db.Rollback();
    // Filled meanwhile by another process: its rows stand.
    if (r.error().code == ErrorCode::kAlreadyExists) return {};
    return r;
  }
  return db.Commit();
}

Result<IdPage> FindIds(Db& db, const Vault& vault, const PersonSearch& s) {
  std::string where = "1 = 1";
  std::vector<Value> params;
  auto range = [&](const std::string& column, const std::string& prefix) {
    where += " AND " + column + " >= ? AND " + column + " < ?";
    params.emplace_back(prefix);
    params.emplace_back(PrefixEnd(prefix));
  };
  if (s.scope.empty()) {
    where += " AND s.county_code = s.owner_county";  // one row per person
  } else {
    const std::string counties = s.scope.substr(0, std::min<size_t>(6, s.scope.size()));
    const std::string lo = counties, hi = PrefixEnd(counties);
    range("s.county_code", counties);
    // One row per person: the first of its counties (owning, household,
    // residence) that the scope holds.
    where +=
        " AND s.county_code = CASE WHEN s.owner_county >= ? AND s.owner_county < ? THEN s.owner_county"
        " WHEN s.hukou_county >= ? AND s.hukou_county < ? THEN s.hukou_county"
        " ELSE s.residence_county END";
    for (int i = 0; i < 2; ++i) {
      params.emplace_back(lo);
      params.emplace_back(hi);
    }
    if (s.scope.size() > 6) {
      // Below a county: the household or residence region must lie in it
      // (an owning county never does).
      where += " AND ((s.hukou_region >= ? AND s.hukou_region < ?) OR (s.residence_region >= ? AND s.residence_region < ?))";
      for (int i = 0; i < 2; ++i) {
        params.emplace_back(s.scope);
        params.emplace_back(PrefixEnd(s.scope));
      }
    }
  }
  const std::string& t = s.query.text;
  switch (s.query.kind) {
    case PersonQueryKind::kNone: break;
    case PersonQueryKind::kName:
      where += " AND s.name LIKE ?";
      params.emplace_back("%" + t + "%");
      break;
    case PersonQueryKind::kInitials:
      where += " AND s.initials LIKE ?";
      params.emplace_back(t + "%");
      break;
    case PersonQueryKind::kIdNumber:
      where += " AND s.person_id IN (SELECT person_id FROM persons WHERE id_hash = ?)";
      params.emplace_back(vault.Index(t));
      break;
    case PersonQueryKind::kIdMasked:
      where += " AND s.id_masked = ?";
      params.emplace_back(MaskIdNumber(t));  // the same mask, whatever the stars hid
      break;
    case PersonQueryKind::kPhone:
      where += " AND s.phone_hash = ?";
      params.emplace_back(vault.Index(t));
      break;
    case PersonQueryKind::kPhoneMasked:
      where += " AND s.phone_masked = ?";
      params.emplace_back(MaskPhone(t));
      break;
    case PersonQueryKind::kTail:
      where += " AND (s.id_masked LIKE ? OR s.phone_masked LIKE ?)";
      params.emplace_back("%" + t);
      params.emplace_back("%" + t);
      break;
  }
  if (!s.places.empty()) {
    std::string any;
    for (const auto& place : s.places) {
      any += any.empty() ? "" : " OR ";
      any += "(s.hukou_region >= ? AND s.hukou_region < ?) OR (s.residence_region >= ? AND s.residence_region < ?)";
      for (int i = 0; i < 2; ++i) {
        params.emplace_back(place);
        params.emplace_back(PrefixEnd(place));
      }
    }
    where += " AND (" + any + ")";
  }
  if (s.group) {
    where += " AND EXISTS (SELECT 1 FROM person_groups g WHERE g.person_id = s.person_id AND g.group_code = ?)";
    params.emplace_back(std::string(registry::Code(*s.group)));
  }
  if (!s.after.empty()) {
    const size_t colon = s.after.find(':');
    int64_t id = 0;
    const std::string county = colon == std::string::npos ? "" : s.after.substr(0, colon);
    const std::string_view id_text = colon == std::string::npos ? "" : std::string_view(s.after).substr(colon + 1);
    auto [p, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
    if (county.empty() || ec != std::errc() || p != id_text.data() + id_text.size()) {
      return Fail(ErrorCode::kInvalidArgument, "翻页参数无效");
    }
    where += " AND (s.county_code > ? OR (s.county_code = ? AND s.person_id > ?))";
    params.emplace_back(county);
    params.emplace_back(county);
    params.emplace_back(id);
  }
  const int limit = std::clamp(s.limit, 1, 200);
  params.emplace_back(int64_t{limit});
  auto rows = db.Query("SELECT s.county_code, s.person_id FROM person_search s WHERE " + where +
                           " ORDER BY s.county_code, s.person_id LIMIT ?",
                       params);
  if (!rows) return std::unexpected(rows.error());
  IdPage out;
  for (const auto& r : *rows) out.person_ids.push_back(r.Int(1));
  if (static_cast<int>(rows->size()) == limit) {
    out.next_after = rows->back().Text(0) + ":" + std::to_string(rows->back().Int(1));
  }
  return out;
}

}  // namespace person_search
}  // namespace qjy::store
