#include "ads/screener.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <yaml-cpp/yaml.h>

#include "core/install_paths.h"
#include "ads/literal_prefilter.h"
#include "ads/normalise.h"
#include "ads/stated_pay.h"

namespace qjy::ads {
namespace {

// A compiled pattern and its id in the literal prefilter (-1: no literal
// found, the pattern always runs).
struct Filtered {
  std::unique_ptr<icu::RegexPattern> pattern;
  int literal_id = -1;
};

struct Rule {
  Filtered pattern;
  std::string suggestion;
};

struct Category {
  std::string code, label, clause, kind;
  std::vector<Filtered> neutral;
  std::vector<Rule> rules;
};

Result<std::unique_ptr<icu::RegexPattern>> Compile(const std::string& text, std::string_view where) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError pe;
  std::unique_ptr<icu::RegexPattern> p(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(text), UREGEX_CASE_INSENSITIVE, pe, status));
  if (U_FAILURE(status) || !p) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{}：正则表达式无法编译（第 {} 个字符附近）：{}", where, pe.offset, text));
  }
  return p;
}

struct Span {
  int32_t begin, end;
};

std::vector<Span> FindAll(const icu::RegexPattern& p, const icu::UnicodeString& text) {
  std::vector<Span> out;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(p.matcher(text, status));
  if (U_FAILURE(status) || !m) return out;
  while (m->find(status) && U_SUCCESS(status)) {
    int32_t b = m->start(status), e = m->end(status);
    if (e > b) out.push_back({b, e});
  }
  return out;
}

std::string Utf8(const icu::UnicodeString& s, Span sp) {
  std::string out;
  icu::UnicodeString sub(s, sp.begin, sp.end - sp.begin);
  sub.toUTF8String(out);
  return out;
}

// "{name}" of a lexicon (a lowercase name; ICU's own {n,m} has digits and
// \p{Han} a capital) -> the lexicon's alternation.
Result<std::string> ExpandLexicons(const std::string& text,
                                   const std::map<std::string, std::string>& lexicons,
                                   std::string_view where) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '{' && i + 1 < text.size() && text[i + 1] >= 'a' && text[i + 1] <= 'z' &&
        (i == 0 || text[i - 1] != '\\')) {
      size_t close = text.find('}', i);
      std::string name = close == std::string::npos ? "" : text.substr(i + 1, close - i - 1);
      bool word = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      });
      if (word) {
        auto it = lexicons.find(name);
        if (it == lexicons.end()) {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("{}：引用了未定义的词表 {{{}}}", where, name));
        }
        out += it->second;
        i = close + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

bool NoRequirement(std::string_view v) {
  return v.empty() || v == "不限" || v == "无" || v == "无要求";
}

// The heading of an ad without a title: its first line, and the second too
// when the first is only the name of a public body issuing a notice ("XX县人
// 力资源和社会保障局" over "关于…公益性岗位招聘的公告"; blind set 16, b16-384).
std::string_view HeadingOf(std::string_view text) {
  const size_t first_end = std::min(text.find('\n'), text.size());
  std::string_view first = text.substr(0, first_end);
  while (!first.empty() && (first.back() == ' ' || first.back() == '\r' || first.back() == '\t')) {
    first.remove_suffix(1);
  }
  static constexpr std::string_view kIssuers[] = {"局", "厅", "委员会", "人民政府", "办公室", "办事处",
                                                  "联合会", "残联", "人武部", "组织部", "管委会"};
  const bool issuer = first.size() <= 60 && first_end < text.size() &&
                      std::any_of(std::begin(kIssuers), std::end(kIssuers),
                                  [&](std::string_view s) { return first.ends_with(s); });
  if (!issuer) return text.substr(0, first_end);
  return text.substr(0, std::min(text.find('\n', first_end + 1), text.size()));
}

}  // namespace

struct Screener::Data {
  std::string document;
  std::string warning, fraud_warning, held_note;
  // Pay bait (see screening.yaml `pay_bait`); category empty = off.
  std::string pay_category;
  std::unique_ptr<icu::RegexPattern> simple_work;
  int64_t monthly_max_fen = 0, gig_day_max_fen = 0;
  // The occupation reference (`pay_bait.reference`); off when absent.
  struct Reference {
    bool on = false;
    bool p75 = false;              // statistic: p75 (else median) of posted wage_max
    int64_t multiplier_x100 = 0;   // flagged above reference × this ÷ 100
    int min_samples = 0;           // jobs a code needs to be a reference
    int min_employers = 0;         // and distinct employers of those jobs
    int broadest_depth = 2;        // fall back up to this level (2 = 中类)
  } reference;
  std::optional<StatedPayReader> stated_pay;  // pay written in the text
  int age_min_lawful = 18;
  int inspection_min_held = 3;
  std::vector<Category> categories;
  // `lawful_requirements`: in an ad that names the kind of recruitment
  // (`when`), the requirement's words (`allows`) are neutral for the
  // categories listed (indexes into `categories`).
  struct Lawful {
    std::string code, label, basis;
    Filtered when, allows;
    std::vector<size_t> categories;
  };
  std::vector<Lawful> lawful;
  std::map<std::string, std::string> structured;  // field key -> category code
  std::vector<std::string> pattern_texts;  // every expanded pattern (benchmark baseline)
  // Literals of the rules and neutral expressions (literal_prefilter.h);
  // off only for the test that compares findings with and without it.
  bool prefilter = true;
  LiteralIndex literals;
  int literal_ids = 0;

  const Category* Find(std::string_view code) const {
    for (const auto& c : categories) {
      if (c.code == code) return &c;
    }
    return nullptr;
  }
};

std::string AdsDataDir() {
  const char* env = std::getenv("QJY_ADS_DATA");
  if (env != nullptr && *env != '\0') return env;
  return ShippedPath("src/ads/data").string();
}

Result<Screener> Screener::Parse(std::string_view yaml_text, std::string_view source,
                                 bool prefilter) {
  auto d = std::make_shared<Data>();
  d->prefilter = prefilter;
  try {
    YAML::Node root = YAML::Load(std::string(yaml_text));
    d->document = root["document"].as<std::string>("");
    d->warning = root["warning"].as<std::string>("");
    std::erase(d->warning, '\n');
    d->held_note = root["held_note"].as<std::string>("");
    std::erase(d->held_note, '\n');
    d->fraud_warning = root["fraud_warning"].as<std::string>("");
    std::erase(d->fraud_warning, '\n');
    d->age_min_lawful = root["age_min_lawful"].as<int>(18);
    d->inspection_min_held = root["inspection"]["min_held_ads"].as<int>(3);
    if (d->inspection_min_held < 1) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：inspection.min_held_ads 须 ≥ 1", source));
    }
    if (d->document.empty() || d->warning.empty()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{}：缺少 document 或 warning 字段", source));
    }
    // Word lists per category (`lexicons`), referenced as {name} in patterns;
    // a list may use the lists defined before it.
    std::map<std::string, std::string> lexicons;
    for (const auto& kv : root["lexicons"]) {
      std::string name = kv.first.as<std::string>();
      std::string where = fmt::format("{}：lexicons.{}", source, name);
      if (name.empty() || name[0] < 'a' || name[0] > 'z' || !kv.second.IsSequence() ||
          kv.second.size() == 0) {
        return Fail(ErrorCode::kInvalidArgument, where + "：词表名须以小写字母开头，内容为非空列表");
      }
      std::string alt;
      for (const auto& w : kv.second) {
        auto e = ExpandLexicons(w.as<std::string>(), lexicons, where);
        if (!e) return std::unexpected(e.error());
        alt += (alt.empty() ? "(?:" : "|") + *e;
      }
      lexicons[name] = alt + ")";
    }
    auto compile = [&](const std::string& text, const std::string& where)
        -> Result<std::unique_ptr<icu::RegexPattern>> {
      auto e = ExpandLexicons(text, lexicons, where);
      if (!e) return std::unexpected(e.error());
      d->pattern_texts.push_back(*e);
      return Compile(*e, where);
    };
    // A rule or neutral expression with its literals in the prefilter.
    auto filtered = [&](const std::string& text, const std::string& where) -> Result<Filtered> {
      auto p = compile(text, where);
      if (!p) return std::unexpected(p.error());
      Filtered f{std::move(*p), -1};
      if (auto lits = RequiredLiterals(icu::UnicodeString::fromUTF8(d->pattern_texts.back()))) {
        f.literal_id = d->literal_ids++;
        d->literals.Add(f.literal_id, *lits);
      }
      return f;
    };
    const YAML::Node& cats = root["categories"];
    if (!cats || !cats.IsSequence() || cats.size() == 0) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：缺少 categories 列表", source));
    }
    for (size_t i = 0; i < cats.size(); ++i) {
      const YAML::Node& c = cats[i];
      Category cat;
      cat.code = c["code"].as<std::string>("");
      cat.label = c["label"].as<std::string>("");
      cat.clause = c["clause"].as<std::string>("");
      cat.kind = c["kind"].as<std::string>("discrimination");
      std::string where = fmt::format("{}：categories 第 {} 项（{}）", source, i + 1, cat.code);
      if (cat.code.empty() || cat.label.empty() || cat.clause.empty()) {
        return Fail(ErrorCode::kInvalidArgument, where + "：code、label、clause 均不能为空");
      }
      if (d->Find(cat.code)) return Fail(ErrorCode::kInvalidArgument, where + "：类别重复");
      if (cat.kind != "discrimination" && cat.kind != "fraud") {
        return Fail(ErrorCode::kInvalidArgument, where + "：kind 须为 discrimination 或 fraud");
      }
      if (cat.kind == "fraud" && d->fraud_warning.empty()) {
        return Fail(ErrorCode::kInvalidArgument, where + "：有 fraud 类别时须有 fraud_warning");
      }
      for (const auto& n : c["neutral"]) {
        auto p = filtered(n.as<std::string>(), where + " neutral");
        if (!p) return std::unexpected(p.error());
        cat.neutral.push_back(std::move(*p));
      }
      const YAML::Node& rules = c["rules"];
      if (!rules || rules.size() == 0) return Fail(ErrorCode::kInvalidArgument, where + "：没有 rules");
      for (size_t r = 0; r < rules.size(); ++r) {
        std::string rw = fmt::format("{} rules 第 {} 条", where, r + 1);
        std::string text = rules[r]["pattern"].as<std::string>("");
        std::string suggestion = rules[r]["suggestion"].as<std::string>("");
        // `all: [A, B]`: A and B in one sentence, either order, at most
        // `within` characters apart (a structural rule: "女" + an age range,
        // a fee word + a sum of money).
        if (const YAML::Node& all = rules[r]["all"]; all) {
          if (!text.empty() || !all.IsSequence() || all.size() != 2) {
            return Fail(ErrorCode::kInvalidArgument, rw + "：all 须为两个表达式，且不与 pattern 同用");
          }
          const int within = rules[r]["within"].as<int>(12);
          if (within < 0 || within > 60) {
            return Fail(ErrorCode::kInvalidArgument, rw + "：within 须在 0 到 60 之间");
          }
          const std::string a = "(?:" + all[0].as<std::string>() + ")";
          const std::string b = "(?:" + all[1].as<std::string>() + ")";
          const std::string gap = fmt::format("[^。！？!?；;\\n]{{0,{}}}?", within);
          text = a + gap + b + "|" + b + gap + a;
        }
        if (text.empty() || suggestion.empty()) {
          return Fail(ErrorCode::kInvalidArgument, rw + "：pattern（或 all）和 suggestion 不能为空");
        }
        auto p = filtered(text, rw);
        if (!p) return std::unexpected(p.error());
        cat.rules.push_back(Rule{std::move(*p), std::move(suggestion)});
      }
      d->categories.push_back(std::move(cat));
    }
    const YAML::Node& lawful = root["lawful_requirements"];
    for (size_t i = 0; lawful && i < lawful.size(); ++i) {
      const YAML::Node& l = lawful[i];
      Data::Lawful law;
      law.code = l["code"].as<std::string>("");
      law.label = l["label"].as<std::string>("");
      law.basis = l["basis"].as<std::string>("");
      const std::string where = fmt::format("{}：lawful_requirements 第 {} 项（{}）", source, i + 1, law.code);
      const std::string when = l["when"].as<std::string>(""), allows = l["allows"].as<std::string>("");
      if (law.code.empty() || law.label.empty() || law.basis.empty() || when.empty() || allows.empty() ||
          !l["categories"].IsSequence() || l["categories"].size() == 0) {
        return Fail(ErrorCode::kInvalidArgument,
                    where + "：code、label、basis、when、allows 均不能为空，categories 须为非空列表");
      }
      for (const auto& c : l["categories"]) {
        const Category* cat = d->Find(c.as<std::string>());
        if (!cat) {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("{}：categories 中的 {} 不是已定义的类别", where, c.as<std::string>()));
        }
        law.categories.push_back(static_cast<size_t>(cat - d->categories.data()));
      }
      auto w = filtered(when, where + " when");
      if (!w) return std::unexpected(w.error());
      auto a = filtered(allows, where + " allows");
      if (!a) return std::unexpected(a.error());
      law.when = std::move(*w);
      law.allows = std::move(*a);
      d->lawful.push_back(std::move(law));
    }
    for (const auto& kv : root["structured"]) {
      std::string key = kv.first.as<std::string>(), code = kv.second.as<std::string>();
      if (!d->Find(code)) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}：structured.{} 指向不存在的类别 {}", source, key, code));
      }
      d->structured[key] = code;
    }
    if (const YAML::Node& pay = root["pay_bait"]; pay) {
      d->pay_category = pay["category"].as<std::string>("");
      d->monthly_max_fen = pay["monthly_max_fen"].as<int64_t>(0);
      d->gig_day_max_fen = pay["gig_day_max_fen"].as<int64_t>(0);
      const Category* cat = d->Find(d->pay_category);
      if (!cat || d->monthly_max_fen <= 0 || d->gig_day_max_fen <= 0) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}：pay_bait 须指向已有类别并给出正的 monthly_max_fen、gig_day_max_fen",
                                source));
      }
      auto p = compile(pay["simple_work"].as<std::string>(""), fmt::format("{}：pay_bait.simple_work", source));
      if (!p) return std::unexpected(p.error());
      d->simple_work = std::move(*p);
      auto reader = StatedPayReader::Make(pay["days_per_month_x100"].as<int64_t>(0));
      if (!reader) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}：pay_bait.days_per_month_x100：{}", source, reader.error().message));
      }
      d->stated_pay = std::move(*reader);
      if (const YAML::Node& ref = pay["reference"]; ref) {
        Data::Reference& r = d->reference;
        const std::string stat = ref["statistic"].as<std::string>("");
        r.p75 = stat == "p75";
        r.multiplier_x100 = ref["multiplier_x100"].as<int64_t>(0);
        r.min_samples = ref["min_samples"].as<int>(0);
        r.min_employers = ref["min_employers"].as<int>(0);
        r.broadest_depth = ref["broadest_depth"].as<int>(0);
        if ((stat != "median" && stat != "p75") || r.multiplier_x100 <= 100 || r.min_samples < 1 ||
            r.min_employers < 1 || r.min_employers > r.min_samples || r.broadest_depth < 1 ||
            r.broadest_depth > 4) {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("{}：pay_bait.reference 须给出 statistic（median 或 p75）、大于 100 的 "
                                  "multiplier_x100、至少为 1 的 min_samples、1 至 min_samples 之间的 "
                                  "min_employers 和 1–4 的 broadest_depth",
                                  source));
        }
        r.on = true;
      }
    }
  } catch (const YAML::Exception& e) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：YAML 格式错误：{}", source, e.what()));
  }
  return Screener(std::move(d));
}

Result<Screener> Screener::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kIo, fmt::format("无法读取招聘信息筛查规则文件 {}", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path);
}

Result<Screener> Screener::LoadDefault() { return Load(AdsDataDir() + "/screening.yaml"); }

const std::string& Screener::document() const { return d_->document; }
int Screener::inspection_min_held() const { return d_->inspection_min_held; }

const std::vector<std::string>& Screener::PatternTexts() const { return d_->pattern_texts; }

std::vector<std::string> Screener::CategoryCodes() const {
  std::vector<std::string> out;
  for (const auto& c : d_->categories) out.push_back(c.code);
  return out;
}

struct Screener::Prepared {
  Prepared(const Data& d, std::string_view text)
      : input(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())))),
        norm(input) {
    // Which patterns may match: those one of whose literals occurs, and
    // those without literals. The others cannot match and are not run.
    if (d.prefilter && !text.empty()) d.literals.Find(FoldForPrefilter(norm.text()), hit);
    prefilter = d.prefilter;
  }
  bool MayMatch(const Filtered& f) const {
    return !prefilter || f.literal_id < 0 || (!hit.empty() && hit[f.literal_id] != 0);
  }
  const icu::UnicodeString input;
  const NormalisedText norm;
  std::vector<char> hit;
  bool prefilter = true;
};

std::vector<char> Screener::LawfulKinds(std::initializer_list<const Prepared*> texts) const {
  std::vector<char> out(d_->lawful.size(), 0);
  for (size_t i = 0; i < d_->lawful.size(); ++i) {
    const Filtered& when = d_->lawful[i].when;
    for (const Prepared* p : texts) {
      if (!p->input.isEmpty() && p->MayMatch(when) && !FindAll(*when.pattern, p->norm.text()).empty()) {
        out[i] = 1;
        break;
      }
    }
  }
  return out;
}

std::vector<Finding> Screener::ScreenText(std::string_view field, std::string_view text) const {
  const Prepared p(*d_, text);
  return ScreenPrepared(field, p, LawfulKinds({&p}));
}

std::vector<Finding> Screener::ScreenPrepared(std::string_view field, const Prepared& p,
                                              const std::vector<char>& lawful) const {
  std::vector<Finding> out;
  if (p.input.isEmpty()) return out;
  const icu::UnicodeString& input = p.input;
  const NormalisedText& norm = p.norm;
  const icu::UnicodeString& u = norm.text();
  std::set<std::pair<std::string, std::string>> seen;
  auto may_match = [&](const Filtered& f) { return p.MayMatch(f); };
  for (const auto& cat : d_->categories) {
    if (std::none_of(cat.rules.begin(), cat.rules.end(),
                     [&](const Rule& r) { return may_match(r.pattern); })) {
      continue;
    }
    std::vector<Span> neutral;
    for (const auto& n : cat.neutral) {
      if (!may_match(n)) continue;
      auto spans = FindAll(*n.pattern, u);
      neutral.insert(neutral.end(), spans.begin(), spans.end());
    }
    // The words of the lawful requirements that apply: a hit made only of
    // them (and the punctuation between, "男性青年，年龄18至22周岁") is not a
    // finding.
    std::vector<Span> allowed;
    const size_t cat_index = static_cast<size_t>(&cat - d_->categories.data());
    for (size_t i = 0; i < d_->lawful.size(); ++i) {
      const Data::Lawful& law = d_->lawful[i];
      if (!lawful[i] || !may_match(law.allows) ||
          std::find(law.categories.begin(), law.categories.end(), cat_index) == law.categories.end()) {
        continue;
      }
      auto spans = FindAll(*law.allows.pattern, u);
      allowed.insert(allowed.end(), spans.begin(), spans.end());
    }
    auto all_allowed = [&](Span sp) {
      if (allowed.empty()) return false;
      for (int32_t i = sp.begin; i < sp.end; ++i) {
        if (!u_isalnum(u.charAt(i))) continue;
        if (std::none_of(allowed.begin(), allowed.end(), [&](Span a) { return a.begin <= i && i < a.end; })) {
          return false;
        }
      }
      return true;
    };
    std::vector<Span> reported;  // one finding per stretch of text and category
    for (const auto& rule : cat.rules) {
      if (!may_match(rule.pattern)) continue;
      for (Span sp : FindAll(*rule.pattern.pattern, u)) {
        bool cancelled = false;
        for (Span n : neutral) cancelled |= n.begin <= sp.begin && sp.end <= n.end;
        for (Span r : reported) cancelled |= sp.begin < r.end && r.begin < sp.end;
        cancelled = cancelled || all_allowed(sp);
        if (cancelled) continue;
        reported.push_back(sp);
        auto [ob, oe] = norm.Original(sp.begin, sp.end);
        std::string matched = Utf8(input, Span{ob, oe});
        if (!seen.insert({cat.code, matched}).second) continue;
        out.push_back(Finding{cat.code, cat.label, cat.clause, std::string(field), matched,
                              rule.suggestion, cat.kind});
      }
    }
  }
  return out;
}

// What pay is judged against: the occupation's reference (or a group's)
// times the multiplier, else the flat ceiling with the reason.
struct Screener::PayLimit {
  // kCapped: a reference was found, but its limit is above the flat
  // ceiling, which then applies: simple work paid above the ceiling is bait
  // whatever occupation the employer chose for the ad.
  enum class Flat { kNone, kNoReference, kNoCode, kTooFew, kGig, kCapped };
  int64_t max_fen = 0;
  Flat flat = Flat::kNone;             // kNone: a reference was used
  const WageStats* ref = nullptr;      // the statistics used (also when kCapped)
  int64_t ref_fen = 0;                 // their statistic (median or p75)
  bool group = false;                  // ref is of a group above the occupation
  int own_count = 0;                   // jobs of the occupation itself
  int own_employers = 0;               // and their employers
};

std::vector<Finding> Screener::Screen(const JobAd& ad, const WageReference* wages) const {
  std::vector<Finding> out;
  auto structured = [&](const std::string& key, std::string field, std::string value,
                        std::string suggestion) {
    auto it = d_->structured.find(key);
    if (it == d_->structured.end()) return;
    const Category* cat = d_->Find(it->second);
    out.push_back(Finding{cat->code, cat->label, cat->clause, std::move(field), std::move(value),
                          std::move(suggestion), cat->kind});
  };
  const AdRequirements& r = ad.req;
  if (!NoRequirement(r.sex)) structured("sex", "性别要求", r.sex, "男女不限");
  if (r.age_max > 0) {
    structured("age_max", "年龄上限", std::to_string(r.age_max) + "岁", "年龄不限");
  }
  if (r.age_min > d_->age_min_lawful) {
    structured("age_max", "年龄下限", std::to_string(r.age_min) + "岁",
               fmt::format("年龄不限（如确需，仅写“年满{}周岁”）", d_->age_min_lawful));
  }
  if (!NoRequirement(r.hukou)) structured("hukou", "户籍要求", r.hukou, "户籍不限");
  if (!NoRequirement(r.ethnicity)) structured("ethnicity", "民族要求", r.ethnicity, "民族不限");
  if (!NoRequirement(r.marital)) structured("marital", "婚育要求", r.marital, "删除婚育状况要求");
  if (!NoRequirement(r.school_tier)) {
    structured("school_tier", "院校要求", r.school_tier, "本科及以上学历（不限院校）");
  }
  const Prepared title(*d_, ad.job.title), requirements(*d_, ad.job.requirements);
  // The kind of recruitment is the one the title names: a word in the
  // free text ("配合征兵体检", "有公务员考试经验") does not make a factory's ad
  // one of civil-service recruitment or conscription. An ad without a title
  // (an imported text, a labelled set) is headed by its first line, or by
  // its first two when the first only names the public body issuing it.
  std::optional<Prepared> heading;
  if (ad.job.title.empty()) heading.emplace(*d_, HeadingOf(ad.job.requirements));
  const std::vector<char> lawful = LawfulKinds({heading ? &*heading : &title});
  for (auto& f : ScreenPrepared("岗位名称", title, lawful)) out.push_back(std::move(f));
  for (auto& f : ScreenPrepared("岗位要求", requirements, lawful)) out.push_back(std::move(f));
  // The structured wage, or the pay the text states when that is higher
  // ("月薪2万起" with the wage fields left empty).
  const std::string text = ad.job.title + "\n" + ad.job.requirements;
  int64_t pay_fen = ad.job.wage_max_fen;
  std::string pay_field = "月薪上限";
  std::string_view pay_label = "月薪上限";
  if (d_->stated_pay) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    // A warning quotes the pay of the lures it warns against ("“贴膜师月入两万、
    // 学费12800包就业”——行业协会"): where a lawful kind covering pay bait
    // applies, the words of its `allows` in the free text are not the ad's
    // own pay and are blanked before the pay is read (blind set 17, b17fix).
    if (const Category* pay_cat = d_->Find(d_->pay_category); pay_cat && !requirements.input.isEmpty()) {
      const size_t pay_index = static_cast<size_t>(pay_cat - d_->categories.data());
      const int32_t offset = title.input.length() + 1;  // the requirements follow the title and "\n"
      for (size_t i = 0; i < d_->lawful.size(); ++i) {
        const Data::Lawful& law = d_->lawful[i];
        if (!lawful[i] || std::find(law.categories.begin(), law.categories.end(), pay_index) == law.categories.end()) {
          continue;
        }
        for (const Span& sp : FindAll(*law.allows.pattern, requirements.norm.text())) {
          auto [ob, oe] = requirements.norm.Original(sp.begin, sp.end);
          for (int32_t k = ob; k < oe; ++k) u.setCharAt(offset + k, u' ');
        }
      }
    }
    if (auto stated = d_->stated_pay->Read(u); stated && stated->monthly_fen > pay_fen) {
      pay_fen = stated->monthly_fen;
      pay_field = "岗位要求（“" + stated->words + "”，折合月薪）";
      pay_label = "折合月薪";
    }
  }
  if (pay_fen > 0 && !d_->pay_category.empty()) {
    const PayLimit limit = MonthlyLimit(ad.job.occupation_code, wages);
    if (auto f = PayBait(text, pay_fen, limit, pay_field, pay_label)) out.push_back(std::move(*f));
  }
  return out;
}

Screener::PayLimit Screener::MonthlyLimit(std::string_view code, const WageReference* wages) const {
  PayLimit lim;
  lim.max_fen = d_->monthly_max_fen;
  const Data::Reference& p = d_->reference;
  if (!p.on || !wages) {
    lim.flat = PayLimit::Flat::kNoReference;
    return lim;
  }
  if (code.empty()) {
    lim.flat = PayLimit::Flat::kNoCode;
    return lim;
  }
  if (const WageStats* own = wages->Find(code)) {
    lim.own_count = own->count;
    lim.own_employers = own->employers;
  }
  int depth = 1 + static_cast<int>(std::count(code.begin(), code.end(), '-'));
  std::string_view c = code;
  while (depth >= p.broadest_depth) {
    if (const WageStats* st = wages->Find(c);
        st && st->count >= p.min_samples && st->employers >= p.min_employers) {
      lim.ref = st;
      lim.ref_fen = p.p75 ? st->p75_fen : st->median_fen;
      lim.group = c.size() != code.size();
      const int64_t by_reference = lim.ref_fen * p.multiplier_x100 / 100;
      if (by_reference > lim.max_fen) {
        lim.flat = PayLimit::Flat::kCapped;
      } else {
        lim.max_fen = by_reference;
      }
      return lim;
    }
    const size_t dash = c.rfind('-');
    if (dash == std::string_view::npos) break;
    c = c.substr(0, dash);
    --depth;
  }
  lim.flat = PayLimit::Flat::kTooFew;
  return lim;
}

std::optional<Finding> Screener::PayBait(std::string_view text, int64_t pay_fen, const PayLimit& limit,
                                         std::string_view field, std::string_view pay_label) const {
  if (d_->pay_category.empty() || pay_fen <= limit.max_fen) return std::nullopt;
  const icu::UnicodeString input = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const NormalisedText norm(input);
  auto spans = FindAll(*d_->simple_work, norm.text());
  if (spans.empty()) return std::nullopt;
  auto [ob, oe] = norm.Original(spans.front().begin, spans.front().end);
  const Category* cat = d_->Find(d_->pay_category);
  const std::string words = Utf8(input, Span{ob, oe});
  std::string evidence;
  using Flat = PayLimit::Flat;
  if (limit.flat == Flat::kNone) {
    // "月薪上限 18000 元，为该职业（保洁员）在招岗位月薪中位数 3500 元（42 个岗位、42 家单位）的 5.1 倍"
    const int64_t tenths = (pay_fen * 10 + limit.ref_fen / 2) / limit.ref_fen;
    const std::string name = limit.ref->name.empty() ? std::string("未知") : limit.ref->name;
    evidence = fmt::format(
        "{}：{} {} 元，为该职业{}（{}）在招岗位月薪{} {} 元（{} 个岗位、{} 家单位）的 {}.{} 倍", words, pay_label,
        pay_fen / 100, limit.group ? "所属类别" : "", name, d_->reference.p75 ? "上四分位数" : "中位数",
        limit.ref_fen / 100, limit.ref->count, limit.ref->employers, tenths / 10, tenths % 10);
    if (limit.group) {
      evidence += fmt::format("（该职业本身在招岗位 {} 个、{} 家单位，不足 {} 个岗位或 {} 家单位，按所属类别判断）",
                              limit.own_count, limit.own_employers, d_->reference.min_samples,
                              d_->reference.min_employers);
    }
  } else {
    std::string why;
    switch (limit.flat) {
      case Flat::kNoReference: why = "未取得职业工资参考"; break;
      case Flat::kNoCode: why = "岗位未填写职业"; break;
      case Flat::kTooFew:
        why = fmt::format("该职业及所属类别在招岗位均不足 {} 个或不足 {} 家单位，无职业工资参考",
                          d_->reference.min_samples, d_->reference.min_employers);
        break;
      case Flat::kCapped: {
        // "该职业（井下采矿工）在招岗位月薪中位数 12000 元的 3 倍为 36000 元，高于统一上限"
        const int64_t m = d_->reference.multiplier_x100;
        const std::string times = m % 100 == 0  ? std::to_string(m / 100)
                                  : m % 10 == 0 ? fmt::format("{}.{}", m / 100, m % 100 / 10)
                                                : fmt::format("{}.{:02}", m / 100, m % 100);
        why = fmt::format("该职业{}（{}）在招岗位月薪{} {} 元的 {} 倍为 {} 元，高于统一上限",
                          limit.group ? "所属类别" : "", limit.ref->name.empty() ? "未知" : limit.ref->name,
                          d_->reference.p75 ? "上四分位数" : "中位数", limit.ref_fen / 100, times,
                          limit.ref_fen * m / 100 / 100);
        break;
      }
      case Flat::kGig: why = "零工不填写职业，无职业工资参考"; break;
      case Flat::kNone: break;
    }
    evidence = fmt::format("{}：{} {} 元，高于简单劳动统一上限参考 {} 元（{}，按统一上限判断）", words,
                           pay_label, pay_fen / 100, limit.max_fen / 100, why);
  }
  return Finding{cat->code,
                 cat->label,
                 cat->clause,
                 std::string(field),
                 std::move(evidence),
                 "如实填写该岗位的正常工资水平（简单劳动的工资远高于同类岗位时需说明依据）",
                 cat->kind};
}

std::vector<Finding> Screener::ScreenGig(std::string_view title, int64_t day_pay_fen) const {
  std::vector<Finding> out = ScreenText("零工名称", title);
  PayLimit limit;
  limit.max_fen = d_->gig_day_max_fen;
  limit.flat = PayLimit::Flat::kGig;
  if (auto f = PayBait(title, day_pay_fen, limit, "日工资", "日工资")) {
    out.push_back(std::move(*f));
  }
  return out;
}

bool Screener::HasFraud(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.kind == "fraud"; });
}

std::string Screener::Warning(const std::vector<Finding>& findings) const {
  std::string out;
  for (const auto* kind : {"discrimination", "fraud"}) {
    std::vector<std::string> labels;
    for (const auto& f : findings) {
      if (f.kind != kind) continue;
      if (std::find(labels.begin(), labels.end(), f.label) == labels.end()) labels.push_back(f.label);
    }
    if (labels.empty()) continue;
    std::string text = std::string_view(kind) == "fraud" ? d_->fraud_warning : d_->warning;
    const std::string_view key = "{categories}";
    if (size_t at = text.find(key); at != std::string::npos) {
      text.replace(at, key.size(), fmt::format("{}", fmt::join(labels, "、")));
    }
    out += text;
  }
  if (!out.empty()) out += d_->held_note;
  return out;
}

}  // namespace qjy::ads
