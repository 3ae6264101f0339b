#include "core/id_number.h"

#include "core/provinces.h"
#include "core/regions.h"

namespace qjy {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' ||
                        s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

Result<char> ResidentIdCheckChar(std::string_view first17) {
  if (first17.size() != 17) {
    return Fail(ErrorCode::kInvalidArgument, "计算校验码需要前17位数字");
  }
  // Weight of position i (0-based, left to right) is 2^(17-i) mod 11.
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (!IsDigit(first17[i])) {
      return Fail(ErrorCode::kInvalidArgument, "计算校验码需要前17位数字");
    }
    sum += (first17[i] - '0') * kWeights[i];
  }
  return kCheck[sum % 11];
}

ResidentIdCheck CheckResidentId(std::string_view text, Date today, const RegionIndex* regions) {
  ResidentIdCheck out;
  std::string_view s = Trim(text);
  out.normalized = std::string(s);
  auto fail = [&](std::string reason) {
    out.reason = std::move(reason);
    return out;
  };
  if (s.empty()) return fail("身份证号码为空");
  if (!IsAscii(s)) return fail("身份证号码含有非法字符（只能是数字和 X）");
  if (s.size() == 15 && s.find_first_not_of("0123456789") == std::string_view::npos) {
    return fail("这是15位旧身份证号码，请填写18位身份证号码");
  }
  if (s.size() != 18) {
    return fail("身份证号码应为18位，实际为" + std::to_string(s.size()) + "位");
  }
  for (int i = 0; i < 17; ++i) {
    if (!IsDigit(s[i])) return fail("身份证号码前17位必须是数字");
  }
  if (s[17] == 'x') out.normalized[17] = 'X';
  const char last = out.normalized[17];
  if (!IsDigit(last) && last != 'X') return fail("身份证号码第18位（校验码）必须是数字或 X");

  const std::string_view province_code = s.substr(0, 2);
  const std::string_view province = ProvinceName(province_code);
  if (province.empty()) {
    return fail("身份证号码前两位“" + std::string(province_code) + "”不是有效的省级行政区代码");
  }

  const std::string_view ymd = s.substr(6, 8);
  const int year = std::stoi(std::string(ymd.substr(0, 4)));
  const int month = std::stoi(std::string(ymd.substr(4, 2)));
  const int day = std::stoi(std::string(ymd.substr(6, 2)));
  if (year < 1900) return fail("出生日期“" + std::string(ymd) + "”早于1900年");
  if (year > today.year()) return fail("出生日期“" + std::string(ymd) + "”晚于今天");
  auto birth = Date::FromYmd(year, month, day);
  if (!birth) return fail("出生日期“" + std::string(ymd) + "”不存在");
  if (*birth > today) return fail("出生日期“" + std::string(ymd) + "”晚于今天");

  const char expected = *ResidentIdCheckChar(s.substr(0, 17));
  if (expected != last) return fail("校验码不符，号码中可能有输错的数字");

  out.valid = true;
  out.birth_date = *birth;
  out.sex = ((s[16] - '0') % 2 == 1) ? "男" : "女";
  out.province = std::string(province);
  out.area_code = std::string(s.substr(0, 6));
  if (regions != nullptr) {
    if (auto name = regions->FullName(out.area_code)) out.area_name = *name;
  }
  return out;
}

}  // namespace qjy
