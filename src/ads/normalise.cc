#include "ads/normalise.h"

#include <algorithm>
#include <string>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/utf16.h>

namespace qjy::ads {
namespace {

int Digit(char16_t c) {
  switch (c) {
    case u'零': case u'〇': return 0;
    // The financial forms (大写: "伍佰元", "壹仟") count like the plain ones.
    case u'一': case u'壹': return 1;
    case u'二': case u'两': case u'贰': case u'貳': return 2;
    case u'三': case u'叁': case u'參': return 3;
    case u'四': case u'肆': return 4;
    case u'五': case u'伍': return 5;
    case u'六': case u'陆': case u'陸': return 6;
    case u'七': case u'柒': return 7;
    case u'八': case u'捌': return 8;
    case u'九': case u'玖': return 9;
    default: return -1;
  }
}

int Unit(char16_t c) {
  if (c == u'十' || c == u'拾') return 10;
  if (c == u'百' || c == u'佰') return 100;
  if (c == u'千' || c == u'仟') return 1000;
  return 0;
}

// 廿 20, 卅 30, 卌 40: the tens in one character; 0 for any other.
int Tens(char16_t c) { return c == u'廿' ? 2 : c == u'卅' ? 3 : c == u'卌' ? 4 : 0; }

// Traditional characters seen in job ads written half in traditional script
// ("誠招", "線上", "月薪3萬", "包機票", "護照"), each with its simplified form,
// one for one so that spans keep their length (blind set 17, b17fix). Not
// the numerals (參, 陸, 貳 are read by Digit) nor characters that are also in
// simplified use (乾, 著, 隻).
constexpr std::u16string_view kTraditional =
    u"並亂亞來係倉個們倫偽備傭傳債傷僅僑僱價儀億優兒內兩冊別刪則剛創劃劇劉劑動務勞勢勵勸匯區協卻厲吳員問啟單嗎嚴國圍園圓圖團執"
    u"堅報場塊壓壞壯壽夠奪婦媽孫學宮實寧審寫寬寶將專尋對導層屬島崗嶺帥師帳帶幣幫幹幾廠廣廳張強後徑從復徵惡愛態慣慮慶憑憶應懷戰"
    u"戲戶掃掛揚換損搶撾撿擁擇擊擔據擴擺擾攜敵數斷於時暫曬書會東條棄楊業極構槍樂樓標樣樹橋機檢檯櫃權歡歲歷歸殘殺毀氣決沒沖況涼"
    u"淚淨淺減測湯準溝滅滿漢潔澤濃濕濟濱灑灣災為烏無熱燈燒營爐爛爭爾牆狀獄獎獨獲獻現環產畢畫異當療發盜盡監盤盧眾確碼磚礦禍禮稅"
    u"種稱穀積穩窮競筆節範築簡簽糧紀約紅紐純紙級細紹終組結絕絡給統絲經綜綠維網緊線緣編緬練縣總績織繳續罰羅義習聯聲職聽腦膚膽臉"
    u"臨臺與興舉舊莊華萬蓋蔣薦藝藥蘇處號虧蝦蟲術衛裏補裝裡製複褲見規視親覺觀訂計討訓記訪設許註評詞試話該詳誇認語誠誤說誰課調談"
    u"請論講謝謹證識議護讀變讓豐貓負財貧貨販責貴買貸費資賓賠賣質賬賭賺購賽贈趕趙躍車軍軟較載輔輕輛輸轉辦辭辯農這連週進運過達違"
    u"遠適遲遷選遺還邊郵鄉鄧鄭鄰醫釋針鋼錄錢錯鍋鎖鎮鏈鏡鐵鑰長門閃閉開閒間閱闆關陰陳陽隊階際隨險隱雙雜雞離難雲靈靜韋韓響頁頂項"
    u"順須預領頭頻題額顏願類顧顯風飛飯飲養餘館馬馳駕騎騙驗驚體髮鬆魚鳥鴨麗麵麼黃點黨齊齒龍龔";
constexpr std::u16string_view kSimplified =
    u"并乱亚来系仓个们伦伪备佣传债伤仅侨雇价仪亿优儿内两册别删则刚创划剧刘剂动务劳势励劝汇区协却厉吴员问启单吗严国围园圆图团执"
    u"坚报场块压坏壮寿够夺妇妈孙学宫实宁审写宽宝将专寻对导层属岛岗岭帅师帐带币帮干几厂广厅张强后径从复征恶爱态惯虑庆凭忆应怀战"
    u"戏户扫挂扬换损抢挝捡拥择击担据扩摆扰携敌数断于时暂晒书会东条弃杨业极构枪乐楼标样树桥机检台柜权欢岁历归残杀毁气决没冲况凉"
    u"泪净浅减测汤准沟灭满汉洁泽浓湿济滨洒湾灾为乌无热灯烧营炉烂争尔墙状狱奖独获献现环产毕画异当疗发盗尽监盘卢众确码砖矿祸礼税"
    u"种称谷积稳穷竞笔节范筑简签粮纪约红纽纯纸级细绍终组结绝络给统丝经综绿维网紧线缘编缅练县总绩织缴续罚罗义习联声职听脑肤胆脸"
    u"临台与兴举旧庄华万盖蒋荐艺药苏处号亏虾虫术卫里补装里制复裤见规视亲觉观订计讨训记访设许注评词试话该详夸认语诚误说谁课调谈"
    u"请论讲谢谨证识议护读变让丰猫负财贫货贩责贵买贷费资宾赔卖质账赌赚购赛赠赶赵跃车军软较载辅轻辆输转办辞辩农这连周进运过达违"
    u"远适迟迁选遗还边邮乡邓郑邻医释针钢录钱错锅锁镇链镜铁钥长门闪闭开闲间阅板关阴陈阳队阶际随险隐双杂鸡离难云灵静韦韩响页顶项"
    u"顺须预领头频题额颜愿类顾显风飞饭饮养余馆马驰驾骑骗验惊体发松鱼鸟鸭丽面么黄点党齐齿龙龚";

// The simplified form of a traditional character of the table, or c.
char16_t Simplified(char16_t c) {
  static_assert(kTraditional.size() == kSimplified.size());
  if (c < 0x4E00 || c > 0x9FFF) return c;
  const auto it = std::lower_bound(kTraditional.begin(), kTraditional.end(), c);
  if (it == kTraditional.end() || *it != c) return c;
  return kSimplified[static_cast<size_t>(it - kTraditional.begin())];
}

bool NumeralChar(char16_t c) { return Digit(c) >= 0 || Unit(c) > 0 || Tens(c) > 0; }

// After a lone 十 ("十人", "十岁"): units that make it a number.
bool CountUnit(char16_t c) {
  return c == u'岁' || c == u'周' || c == u'元' || c == u'圆' || c == u'块' || c == u'人' || c == u'名' ||
         c == u'位' || c == u'个' || c == u'天' || c == u'年' || c == u'万';
}

// "三十五" -> 35, "一千二" -> 1200, "两百" -> 200, "十八" -> 18; -1 when
// the run is not one number ("一二三").
long ParseNumber(const std::u16string& run) {
  long total = 0, digit = -1;
  int last_unit = 0;
  bool zero = false;  // "一千零五": the digit after 零 counts as ones
  for (char16_t c : run) {
    if (int d = Digit(c); d >= 0) {
      if (digit >= 0) return -1;  // two digits in a row
      if (d == 0) {
        zero = true;
      } else {
        digit = d;
      }
      continue;
    }
    int u = Unit(c);
    if (last_unit != 0 && u >= last_unit) return -1;
    total += (digit < 0 ? 1 : digit) * u;
    digit = -1;
    zero = false;
    last_unit = u;
  }
  if (digit >= 0) total += !zero && last_unit >= 10 ? digit * (last_unit / 10) : digit;
  return total;
}

bool Han(char16_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

bool Space(char16_t c) { return c == u' ' || c == 0x3000; }

// Pictographs and dingbats ("✅", "🔥", "💰"): separators, like a space.
bool Pictograph(char32_t c) {
  return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) || (c >= 0x2B00 && c <= 0x2BFF) ||
         (c >= 0x2190 && c <= 0x21FF) || (c >= 0x2300 && c <= 0x23FF) || (c >= 0x25A0 && c <= 0x25FF);
}

// The length of a pictograph of a person (🤰 pregnant woman, 👶 baby) and a
// "no" sign right after it (🚫, ❌, ⛔; a variation selector between or
// after allowed) at i, or 0 when there is none.
int32_t PersonRefused(const icu::UnicodeString& in, int32_t i) {
  const char32_t person = in.char32At(i);
  if (person != 0x1F930 && person != 0x1F476) return 0;
  int32_t j = i + U16_LENGTH(person);
  auto skip_selector = [&] {
    if (j < in.length() && in.charAt(j) == 0xFE0F) ++j;
  };
  skip_selector();
  if (j >= in.length()) return 0;
  const char32_t no = in.char32At(j);
  if (no != 0x1F6AB && no != 0x274C && no != 0x26D4) return 0;
  j += U16_LENGTH(no);
  skip_selector();
  return j - i;
}

// Text spaced out to slip past filters ("身 份 证 押 公 司", "男 女 不 限"): a
// chain of Han characters each one space apart is closed up when at least
// three of them stand alone (no Han character touching them but across a
// space), or when it is two characters that both stand alone ("押 金"). "前台 女 18-25" and "性别 男 年龄 25" keep their spaces: one
// character alone is a list item, not spacing.
std::vector<char> SpacedOutSpaces(const icu::UnicodeString& in) {
  const int32_t n = in.length();
  std::vector<char> drop(static_cast<size_t>(n), 0);
  auto han_at = [&](int32_t k) { return k >= 0 && k < n && Han(in.charAt(k)); };
  for (int32_t i = 0; i < n;) {
    if (!han_at(i)) {
      ++i;
      continue;
    }
    // Chain start at i: c (space c)*.
    int32_t last = i;
    int alone = 0;
    std::vector<int32_t> spaces;
    for (int32_t k = i;;) {
      if (!han_at(k - 1) && !han_at(k + 1)) ++alone;
      if (k + 2 < n && Space(in.charAt(k + 1)) && han_at(k + 2)) {
        spaces.push_back(k + 1);
        k += 2;
        last = k;
        continue;
      }
      break;
    }
    // Three or more alone, or a pair of two lone characters ("押 金 500",
    // "限 男"): a word pulled apart. A single one stays a list item.
    if (alone >= 3 || (spaces.size() == 1 && alone == 2)) {
      for (int32_t sp : spaces) drop[static_cast<size_t>(sp)] = 1;
    }
    i = last + 1;
  }
  return drop;
}

// A requirement table pasted as text ("岗位 | 人数 | 户籍" over "客户经理 | 4 | 本市",
// cells split by "|", "｜" or a tab): a run of two or more lines with the
// same number of separators, the first its header. Each non-empty cell of a
// later line is preceded by its column's header and "：" in the normalised
// text ("户籍：本市"), so that a column reads like the written requirement.
// One entry per insertion: the cell's start and its header's span.
struct TableHeading {
  int32_t at, header_begin, header_end;
};

bool TableSeparator(char16_t c) { return c == u'|' || c == 0xFF5C || c == u'\t'; }

std::vector<TableHeading> TableHeadings(const icu::UnicodeString& in) {
  const int32_t n = in.length();
  struct Line {
    int32_t begin, end, separators;
  };
  std::vector<Line> lines;
  for (int32_t b = 0; b <= n;) {
    int32_t e = b;
    int seps = 0;
    while (e < n && in.charAt(e) != u'\n' && in.charAt(e) != u'\r') seps += TableSeparator(in.charAt(e++));
    lines.push_back({b, e, seps});
    if (e >= n) break;
    b = e + (in.charAt(e) == u'\r' && e + 1 < n && in.charAt(e + 1) == u'\n' ? 2 : 1);
  }
  // The cells of a line: [begin, end) without the spaces around them.
  auto cells = [&](const Line& l) {
    std::vector<std::pair<int32_t, int32_t>> out;
    for (int32_t b = l.begin; b <= l.end;) {
      int32_t e = b;
      while (e < l.end && !TableSeparator(in.charAt(e))) ++e;
      int32_t cb = b, ce = e;
      while (cb < ce && (Space(in.charAt(cb)) || in.charAt(cb) == u'\t')) ++cb;
      while (ce > cb && (Space(in.charAt(ce - 1)) || in.charAt(ce - 1) == u'\t')) --ce;
      out.emplace_back(cb, ce);
      b = e + 1;
    }
    return out;
  };
  std::vector<TableHeading> out;
  for (size_t i = 0; i < lines.size();) {
    size_t j = i + 1;
    while (j < lines.size() && lines[i].separators > 0 && lines[j].separators == lines[i].separators) ++j;
    if (j - i < 2) {
      ++i;
      continue;
    }
    const auto header = cells(lines[i]);
    for (size_t r = i + 1; r < j; ++r) {
      const auto row = cells(lines[r]);
      for (size_t k = 0; k < row.size() && k < header.size(); ++k) {
        const auto [hb, he] = header[k];
        // A header is a short label; an empty cell or header adds nothing.
        if (he - hb < 1 || he - hb > 16 || row[k].second <= row[k].first) continue;
        out.push_back({row[k].first, hb, he});
      }
    }
    i = j;
  }
  return out;
}

// The ideograph a Kangxi radical (U+2F00..U+2FD5) decomposes to under
// NFKC ("⼥" -> "女"), or 0.
char16_t KangxiIdeograph(char16_t c) {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (nfkc == nullptr) return 0;
  icu::UnicodeString d;
  if (!nfkc->getDecomposition(c, d) || d.length() != 1) return 0;
  return d.charAt(0);
}
}  // namespace

void NormalisedText::Append(char16_t c, int32_t b, int32_t e) {
  text_.append(c);
  begin_.push_back(b);
  end_.push_back(e);
}

NormalisedText::NormalisedText(const icu::UnicodeString& in) {
  const int32_t n = in.length();
  begin_.reserve(n);
  end_.reserve(n);
  const std::vector<char> drop = SpacedOutSpaces(in);
  const std::vector<TableHeading> headings = TableHeadings(in);
  size_t next_heading = 0;
  for (int32_t i = 0; i < n;) {
    // A table's cell: its column's header first ("户籍：本市").
    for (; next_heading < headings.size() && headings[next_heading].at <= i; ++next_heading) {
      const TableHeading& h = headings[next_heading];
      for (int32_t k = h.header_begin; k < h.header_end; ++k) Append(in.charAt(k), h.header_begin, h.header_end);
      Append(u'：', h.header_begin, h.header_end);
    }
    char16_t c = Simplified(in.charAt(i));
    if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF || c == 0xFE0F || c == 0x20E3 ||
        drop[static_cast<size_t>(i)]) {
      ++i;
      continue;
    }
    // A line break ends an item like "；" (a posting's lines are its list):
    // no pattern reads across it ("押金" at a line's end and "2." at the
    // next line's start are not "押金2").
    if (c == u'\n' || c == u'\r') {
      if (text_.isEmpty() || text_.charAt(text_.length() - 1) != u'；') Append(u'；', i, i + 1);
      ++i;
      continue;
    }
    // ♂ and ♀ are the sexes; ↓ and ↑ after a figure are "以下"/"以上"
    // ("28周岁↓", "身高160↑"). Elsewhere they are pictographs. After a
    // zero-width joiner ♂/♀ are part of an emoji ("🙋‍♂️", a man raising his
    // hand): the pictograph's space already stands for them.
    if ((c == 0x2642 || c == 0x2640) && i > 0 && in.charAt(i - 1) == 0x200D) {
      ++i;
      continue;
    }
    if (c == 0x2642 || c == 0x2640) {
      Append(c == 0x2642 ? u'男' : u'女', i, i + 1);
      ++i;
      continue;
    }
    if ((c == 0x2193 || c == 0x2191) && !text_.isEmpty()) {
      const char16_t prev = text_.charAt(text_.length() - 1);
      if ((prev >= u'0' && prev <= u'9') || prev == u'岁' || prev == u'm' || prev == u'M' || prev == u'斤') {
        Append(u'以', i, i + 1);
        Append(c == 0x2193 ? u'下' : u'上', i, i + 1);
        ++i;
        continue;
      }
    }
    // A person and a "no" sign in a pair are a refusal ("🤰🚫", "👶❌": no
    // pregnant women, no small children); alone they stay pictographs.
    if (const int32_t len = PersonRefused(in, i); len > 0) {
      const char16_t* words = in.char32At(i) == 0x1F930 ? u"孕妇不要" : u"小孩不要";
      for (int k = 0; k < 4; ++k) Append(words[k], i, i + len);
      i += len;
      continue;
    }
    if (const char32_t cp = in.char32At(i); Pictograph(cp)) {
      const int32_t len = U16_LENGTH(cp);
      Append(u' ', i, i + len);
      i += len;
      continue;
    }
    // "伍佰圆" -> "500元": 圆 after a figure is the yuan.
    if (c == u'圆' && !text_.isEmpty() && text_.charAt(text_.length() - 1) >= u'0' &&
        text_.charAt(text_.length() - 1) <= u'9') {
      c = u'元';
    }
    // A Kangxi radical typed for the ideograph it looks like ("⼄肝" for
    // "乙肝", "押⾦" for "押金"): its compatibility decomposition.
    if (c >= 0x2F00 && c <= 0x2FD5) {
      if (const char16_t u = KangxiIdeograph(c); u != 0) {
        Append(u, i, i + 1);
        ++i;
        continue;
      }
    }
    if (c == 0x3000) c = u' ';
    if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)) {
      c = static_cast<char16_t>(c - 0xFEE0);
    }
    if (!NumeralChar(c)) {
      Append(c, i, i + 1);
      ++i;
      continue;
    }
    int32_t j = i;
    std::u16string run;
    while (j < n && NumeralChar(Simplified(in.charAt(j)))) {
      // The old tens ("廿五" 25, "卅五至五十五" 30-55, "卌" 40): a digit and 十.
      const char16_t r = Simplified(in.charAt(j++));
      if (const int tens = Tens(r); tens > 0) {
        run.push_back(u"零一二三四"[tens]);
        run.push_back(u'十');
      } else {
        run.push_back(r);
      }
    }
    const char16_t next = j < n ? Simplified(in.charAt(j)) : 0;
    bool has_unit = false;
    for (char16_t r : run) has_unit |= Unit(r) > 0;
    std::string digits;
    // "四五十" / "三四十": two neighbouring digits before 十, a range.
    if (run.size() == 3 && Digit(run[0]) > 0 && Digit(run[1]) == Digit(run[0]) + 1 && run[2] == u'十') {
      digits = std::to_string(Digit(run[0]) * 10) + "-" + std::to_string(Digit(run[1]) * 10);
    } else if (has_unit && (run.size() >= 2 || CountUnit(next))) {
      if (long v = ParseNumber(run); v > 0) digits = std::to_string(v);
    } else if (run.size() == 2 && !has_unit && next == u'后') {  // "九五后", "零零后"
      digits = {static_cast<char>('0' + Digit(run[0])), static_cast<char>('0' + Digit(run[1]))};
    } else if (run.size() == 1 && Digit(run[0]) > 0 && (next == u'万' || next == u'千')) {
      digits = std::to_string(Digit(run[0]));
    } else if (run.size() == 1 && Digit(run[0]) > 0 &&
               (next == u'元' || next == u'圆' || next == u'毛' || next == u'角' ||
                (next == u'块' && Digit(run[0]) > 1))) {
      // "一条两块", "五元一单" (but "一块干活" is "together").
      digits = std::to_string(Digit(run[0]));
    }
    if (digits.empty()) {
      for (int32_t k = i; k < j; ++k) Append(Simplified(in.charAt(k)), k, k + 1);
    } else {
      for (char d : digits) Append(static_cast<char16_t>(d), i, j);
    }
    i = j;
  }
}

std::pair<int32_t, int32_t> NormalisedText::Original(int32_t begin, int32_t end) const {
  if (begin >= end || begin < 0 || end > static_cast<int32_t>(begin_.size())) return {0, 0};
  // A table's header put before a cell maps to the header's own span, which
  // lies before the cell: the span covers both ends whichever comes first.
  return {std::min(begin_[begin], begin_[end - 1]), std::max(end_[begin], end_[end - 1])};
}

}  // namespace qjy::ads
