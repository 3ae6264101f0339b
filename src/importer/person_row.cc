#include <string>

#include "core/mask.h"
#include "importer/row_util.h"
#include "importer/rows.h"
#include "registry/payment_facts.h"

namespace qjy::importer {
namespace {

using namespace internal;  // NOLINT
namespace f = registry::field;
using registry::Person;

std::optional<int> CertificateLevel(std::string_view t) {
  struct {
    std::string_view name;
    int level;
  } static constexpr kNames[] = {{"高级技师", 1}, {"技师", 2}, {"高级工", 3},
                                 {"中级工", 4},   {"初级工", 5}, {"无", 0}};
  for (const auto& n : kNames) {
    if (t == n.name) return n.level;
  }
  if (t.empty()) return 0;
  if (t.size() == 1 && t[0] >= '0' && t[0] <= '5') return t[0] - '0';
  return std::nullopt;
}

// Splits at the first of the given separators (ASCII or full-width).
std::pair<std::string_view, std::optional<std::string_view>> SplitOnce(
    std::string_view s, std::initializer_list<std::string_view> seps) {
  size_t best = std::string_view::npos, len = 0;
  for (auto sep : seps) {
    size_t at = s.find(sep);
    if (at < best) best = at, len = sep.size();
  }
  if (best == std::string_view::npos) return {s, std::nullopt};
  return {s.substr(0, best), s.substr(best + len)};
}

void ParseCertificates(std::string_view cell, Person& p, FieldErrors& errors) {
  for (std::string_view item : SplitList(cell)) {
    auto [name, rest] = SplitOnce(item, {":", "："});
    registry::Certificate c;
    c.name = std::string(TrimCell(name));
    if (!rest) {
      AddError(errors, f::kCertificates, item, "证书应写作“名称:等级:发证日期”，如 焊工:4:2022-05-01");
      continue;
    }
    auto [level, date] = SplitOnce(*rest, {":", "："});
    auto lv = CertificateLevel(TrimCell(level));
    if (!lv) {
      AddError(errors, f::kCertificates, item, "证书等级应为 0-5 或 初级工/中级工/高级工/技师/高级技师");
      continue;
    }
    c.level = *lv;
    auto d = date ? ParseDateCell(*date) : std::nullopt;
    if (!d) {
      AddError(errors, f::kCertificates, item, "证书发证日期缺失或无效，应写作 名称:等级:YYYY-MM-DD");
      continue;
    }
    c.issued_on = *d;
    p.certificates.push_back(std::move(c));
  }
}

void ParseGroups(std::string_view cell, Person& p, FieldErrors& errors) {
  for (std::string_view item : SplitList(cell)) {
    auto [label, period] = SplitOnce(item, {"@", "＠"});
    auto g = registry::Parse<registry::Group>(TrimCell(label));
    if (!g) {
      AddError(errors, f::kGroups, item, "无法识别的人员类别，可填：" + Choices<registry::Group>());
      continue;
    }
    registry::GroupMembership m;
    m.group = *g;
    m.valid_from = p.birth_date;
    if (period) {
      auto [from, to] = SplitOnce(*period, {"~", "～", "至"});
      std::string_view from_t = TrimCell(from);
      if (!from_t.empty()) {
        auto d = ParseDateCell(from_t);
        if (!d) {
          AddError(errors, f::kGroups, item, "人员类别的开始日期无效");
          continue;
        }
        m.valid_from = *d;
      }
      if (to && !TrimCell(*to).empty()) {
        auto d = ParseDateCell(*to);
        if (!d) {
          AddError(errors, f::kGroups, item, "人员类别的结束日期无效");
          continue;
        }
        m.valid_to = *d;
      }
    }
    p.groups.push_back(m);
  }
}

}  // namespace

void ParsePersonRow(const RowView& row, const ParseContext& ctx, Person& p, FieldErrors& errors) {
  using C = PersonCol;
  p = Person{};
  std::string_view id = Text(row[C::kIdNumber], f::kIdNumber, true, errors);
  p.id_number.assign(id);
  if (!p.id_number.empty() && p.id_number.back() == 'x') p.id_number.back() = 'X';
  bool id_ok = false;
  if (std::string lost = IdDigitsLostReason(id); !lost.empty()) {
    AddError(errors, f::kIdNumber, MaskValue(id), std::move(lost));
  } else {
    id_ok = !id.empty() && registry::DeriveFromIdNumber(p, ctx.today, errors);
  }
  p.name.assign(Text(row[C::kName], f::kName, true, errors));
  p.ethnicity.assign(Text(row[C::kEthnicity], f::kEthnicity, false, errors));
  p.phone.assign(Text(row[C::kPhone], f::kPhone, false, errors));
  std::string_view hukou = Text(row[C::kHukou], f::kHukou, true, errors);
  if (!hukou.empty()) {
    p.hukou_region = ParseRegionCell(hukou, f::kHukou, ctx, errors);
    if (!p.hukou_region.empty()) {
      if (auto county = ctx.regions.CountyOf(p.hukou_region)) {
        p.county_code = std::move(*county);
      } else {
        AddError(errors, f::kHukou, hukou, "户籍地需精确到县级或更细");
      }
    }
  }
  std::string_view residence = Text(row[C::kResidence], f::kResidence, false, errors);
  p.residence_region =
      residence.empty() ? p.hukou_region : ParseRegionCell(residence, f::kResidence, ctx, errors);
  std::string_view work = Text(row[C::kWorkRegion], f::kWorkRegion, false, errors);
  if (!work.empty()) p.work_region = ParseRegionCell(work, f::kWorkRegion, ctx, errors);
  std::string_view insured = Text(row[C::kInsuredRegion], f::kInsuredRegion, false, errors);
  if (!insured.empty()) p.insured_region = ParseRegionCell(insured, f::kInsuredRegion, ctx, errors);
  p.education = EnumCell(row[C::kEducation], f::kEducation, false, registry::Education::kUnknown,
                         errors);
  p.school_left_on = DateCell(row[C::kSchoolLeftOn], f::kSchoolLeftOn, false, errors);
  for (std::string_view s : SplitList(row[C::kSkills])) p.skills.emplace_back(s);
  ParseCertificates(row[C::kCertificates], p, errors);
  if (id_ok) ParseGroups(row[C::kGroups], p, errors);
}

std::string FormatCertificates(const std::vector<registry::Certificate>& certs) {
  std::string out;
  for (const auto& c : certs) {
    if (!out.empty()) out += ';';
    out += c.name + ":" + std::to_string(c.level) + ":" + c.issued_on.ToString();
  }
  return out;
}

std::string FormatGroups(const std::vector<registry::GroupMembership>& groups, Date birth) {
  std::string out;
  for (const auto& g : groups) {
    if (!out.empty()) out += ';';
    out += registry::Label(g.group);
    if (g.valid_from != birth || g.valid_to) {
      out += '@';
      out += g.valid_from.ToString();
      out += '~';
      if (g.valid_to) out += g.valid_to->ToString();
    }
  }
  return out;
}

void FormatPerson(const Person& p, bool mask, std::vector<std::string>& cells) {
  using C = PersonCol;
  cells.assign(static_cast<size_t>(C::kCount), std::string());
  auto at = [&](C c) -> std::string& { return cells[static_cast<size_t>(c)]; };
  at(C::kIdNumber) = mask ? MaskIdNumber(p.id_number) : p.id_number;
  at(C::kName) = p.name;
  at(C::kEthnicity) = p.ethnicity;
  at(C::kPhone) = mask && !p.phone.empty() ? MaskPhone(p.phone) : p.phone;
  at(C::kHukou) = p.hukou_region;
  at(C::kResidence) = p.residence_region;
  at(C::kWorkRegion) = p.work_region;
  at(C::kInsuredRegion) = p.insured_region;
  if (p.education != registry::Education::kUnknown) at(C::kEducation) = registry::Label(p.education);
  if (p.school_left_on) at(C::kSchoolLeftOn) = p.school_left_on->ToString();
  for (const auto& s : p.skills) {
    if (!at(C::kSkills).empty()) at(C::kSkills) += ';';
    at(C::kSkills) += s;
  }
  at(C::kCertificates) = FormatCertificates(p.certificates);
  at(C::kGroups) = FormatGroups(p.groups, p.birth_date);
}

void ParsePaymentFacts(const RowView& row, registry::PaymentFacts& out, FieldErrors& errors) {
  using C = PersonCol;
  out = registry::PaymentFacts{};
  std::string_view bank = Text(row[C::kBankAccount], f::kBankAccount, false, errors);
  if (!bank.empty()) {
    if (auto digits = registry::NormaliseBankAccount(bank)) {
      out.bank_account = std::move(*digits);
    } else {
      AddError(errors, f::kBankAccount, bank, "银行账号应为 12-30 位数字（可含空格或短横线）");
    }
  }
  std::string_view address = Text(row[C::kAddress], f::kAddress, false, errors);
  if (!address.empty()) {
    if (registry::NormaliseAddress(address).empty()) {
      AddError(errors, f::kAddress, address, "住址只有空格或标点，请写到门牌号");
    } else {
      out.address.assign(address);
    }
  }
}

void FormatPaymentFacts(const registry::PaymentFacts& facts, bool mask, std::vector<std::string>& cells) {
  using C = PersonCol;
  cells.resize(static_cast<size_t>(C::kCount));
  cells[static_cast<size_t>(C::kBankAccount)] = mask ? registry::MaskBankAccount(facts.bank_account) : facts.bank_account;
  cells[static_cast<size_t>(C::kAddress)] = mask ? std::string() : facts.address;
}

}  // namespace qjy::importer
