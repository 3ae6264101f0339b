#include "core/credit_code.h"

#include "core/provinces.h"

namespace qjy {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static_assert(kAlphabet.size() == 31);

char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

int ValueOf(char c) {
  size_t pos = kAlphabet.find(Upper(c));
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

struct Category {
  char authority;
  char category;
  std::string_view authority_name;
  std::string_view category_name;
};

// GB 32100-2015 and the codes allocated since (A for the army, N for rural
// collective economic organisations).
constexpr Category kCategories[] = {
    {'1', '1', "机构编制", "机关"},
    {'1', '2', "机构编制", "事业单位"},
    {'1', '3', "机构编制", "中央编办直接管理机构编制的群众团体"},
    {'1', '9', "机构编制", "其他"},
    {'2', '1', "外交", "外国常驻新闻机构"},
    {'2', '9', "外交", "其他"},
    {'3', '1', "司法行政", "律师执业机构"},
    {'3', '2', "司法行政", "公证处"},
    {'3', '3', "司法行政", "基层法律服务所"},
    {'3', '4', "司法行政", "司法鉴定机构"},
    {'3', '5', "司法行政", "仲裁委员会"},
    {'3', '9', "司法行政", "其他"},
    {'4', '1', "文化", "外国在华文化中心"},
    {'4', '9', "文化", "其他"},
    {'5', '1', "民政", "社会团体"},
    {'5', '2', "民政", "民办非企业单位"},
    {'5', '3', "民政", "基金会"},
    {'5', '9', "民政", "其他"},
    {'6', '1', "旅游", "外国旅游部门常驻代表机构"},
    {'6', '2', "旅游", "港澳台地区旅游部门常驻内地（大陆）代表机构"},
    {'6', '9', "旅游", "其他"},
    {'7', '1', "宗教", "宗教活动场所"},
    {'7', '2', "宗教", "宗教院校"},
    {'7', '9', "宗教", "其他"},
    {'8', '1', "工会", "基层工会"},
    {'8', '9', "工会", "其他"},
    {'9', '1', "市场监管", "企业"},
    {'9', '2', "市场监管", "个体工商户"},
    {'9', '3', "市场监管", "农民专业合作社"},
    {'A', '1', "中央军委改革和编制办公室", "军队事业单位"},
    {'A', '9', "中央军委改革和编制办公室", "其他"},
    {'N', '1', "农业农村", "组级集体经济组织"},
    {'N', '2', "农业农村", "村级集体经济组织"},
    {'N', '3', "农业农村", "乡镇级集体经济组织"},
    {'N', '9', "农业农村", "其他"},
    {'Y', '1', "其他", "其他"},
};

const Category* FindCategory(char authority, char category) {
  for (const Category& c : kCategories) {
    if (c.authority == authority && c.category == category) return &c;
  }
  return nullptr;
}

bool KnownAuthority(char authority) {
  for (const Category& c : kCategories) {
    if (c.authority == authority) return true;
  }
  return false;
}

}  // namespace

bool IsCreditCodeAlphabet(std::string_view text) {
  for (char c : text) {
    if (ValueOf(c) < 0) return false;
  }
  return true;
}

Result<char> CreditCodeCheckChar(std::string_view first17) {
  if (first17.size() != 17 || !IsCreditCodeAlphabet(first17)) {
    return Fail(ErrorCode::kInvalidArgument, "计算校验码需要前17位统一社会信用代码字符");
  }
  int sum = 0;
  int weight = 1;  // 3^i mod 31
  for (char c : first17) {
    sum += ValueOf(c) * weight;
    weight = weight * 3 % 31;
  }
  int check = 31 - sum % 31;
  return kAlphabet[check == 31 ? 0 : check];
}

CreditCodeCheck CheckCreditCode(std::string_view text) {
  CreditCodeCheck out;
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n')) {
    text.remove_suffix(1);
  }
  out.normalized.reserve(text.size());
  for (char c : text) out.normalized.push_back(Upper(c));
  const std::string& s = out.normalized;
  auto fail = [&](std::string reason) {
    out.reason = std::move(reason);
    return out;
  };
  if (s.empty()) return fail("统一社会信用代码为空");
  for (size_t i = 0; i < s.size(); ++i) {
    if (ValueOf(s[i]) < 0) {
      if (static_cast<unsigned char>(s[i]) >= 0x80) {
        return fail("统一社会信用代码含有非法字符（只能是数字和大写字母）");
      }
      return fail("第" + std::to_string(i + 1) + "位“" + std::string(1, s[i]) +
                  "”不是统一社会信用代码使用的字符（不使用 I、O、Z、S、V）");
    }
  }
  if (s.size() != 18) {
    return fail("统一社会信用代码应为18位，实际为" + std::to_string(s.size()) + "位");
  }
  if (!KnownAuthority(s[0])) {
    return fail("第1位登记管理部门代码“" + std::string(1, s[0]) + "”不存在");
  }
  const Category* category = FindCategory(s[0], s[1]);
  if (category == nullptr) {
    return fail("第2位机构类别代码“" + std::string(1, s[1]) + "”与登记管理部门代码“" +
                std::string(1, s[0]) + "”不匹配");
  }
  const std::string division = s.substr(2, 6);
  if (division.find_first_not_of("0123456789") != std::string::npos) {
    return fail("第3至8位登记管理机关行政区划码必须是数字");
  }
  const std::string_view province = ProvinceName(division.substr(0, 2));
  if (province.empty() && division.substr(0, 2) != "10") {
    return fail("第3至8位登记管理机关行政区划码“" + division + "”不是有效的行政区划");
  }
  if (*CreditCodeCheckChar(std::string_view(s).substr(0, 17)) != s[17]) {
    return fail("校验码不符，代码中可能有输错的字符");
  }
  out.valid = true;
  out.authority = std::string(category->authority_name);
  out.category = std::string(category->category_name);
  out.division_code = division;
  out.province = std::string(province);
  return out;
}

}  // namespace qjy
