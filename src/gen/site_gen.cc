#include "gen/site_gen.h"

#include <map>

#include "gen/names.h"
#include "gen/record_helpers.h"

namespace qjy::gen {
namespace {

using registry::SiteKind;

std::string Padded(const std::string& code) { return code + std::string(6 - code.size(), '0'); }

}  // namespace

std::vector<registry::ServiceSite> GenerateSites(const Tables& t, int64_t first_id) {
  const Geography& geo = t.geo;
  Rng rng = Rng::ForRecord(t.options.seed, static_cast<uint64_t>(Stream::kSite), 0);
  std::vector<registry::ServiceSite> out;
  int64_t id = first_id;
  auto add = [&](const std::string& county_code, SiteKind kind, std::string name,
                 const std::string& region, const std::string& tier, bool online,
                 std::optional<Date> opened) {
    registry::ServiceSite s;
    s.site_id = id++;
    s.county_code = county_code;
    s.kind = kind;
    s.name = std::move(name);
    s.region = region;
    s.tier = tier;
    s.online = online;
    s.opened_on = opened;
    out.push_back(std::move(s));
  };
  const Date old_office = Ymd(2010, 1, 1);

  // Employment offices.
  add("520000", SiteKind::kEmploymentOffice, "贵州省人力资源和社会保障厅公共就业服务中心", "52",
      "province", false, old_office);
  for (const auto& p : geo.prefectures())
    add(Padded(p.code), SiteKind::kEmploymentOffice, p.name + "公共就业和人才服务中心", p.code,
        "prefecture", false, old_office);
  for (const auto& c : geo.counties()) {
    add(c.code, SiteKind::kEmploymentOffice, c.name + "公共就业和人才服务中心", c.code, "county",
        false, old_office);
    for (const auto& tw : c.townships) {
      // About 1 township in 60 still has no office of its own (the
      // coverage report of A4(一) has gaps to show, as real data would).
      if (!rng.PerMillion(16'000))
        add(c.code, SiteKind::kEmploymentOffice, tw.name + "人力资源和社会保障服务中心", tw.code,
            "township", false, Between(rng, Ymd(2012, 1, 1), Ymd(2020, 12, 31)));
      for (size_t v = 0; v < tw.villages.size(); ++v)
        if (rng.PerMillion(800'000))
          add(c.code, SiteKind::kEmploymentOffice, tw.village_names[v] + "就业服务站",
              tw.villages[v], "village", false, Between(rng, Ymd(2021, 1, 1), Ymd(2024, 12, 31)));
    }
  }

  // Gig markets: every county by 2023-06-30 (A4(十六)) but one, the last
  // rural county, whose market opened in August 2023 (逾期建成); some also
  // online.
  const County* late = nullptr;
  for (const auto& c : geo.counties())
    if (!c.urban) late = &c;
  for (const auto& c : geo.counties()) {
    const auto& seat = c.townships.front();
    add(c.code, SiteKind::kGigMarket, c.name + "零工市场", seat.code, "county", false,
        &c == late ? Between(rng, Ymd(2023, 8, 1), Ymd(2023, 8, 31))
                   : Between(rng, Ymd(2022, 1, 1), Ymd(2023, 6, 30)));
    if (&c != late && rng.PerMillion(500'000))
      add(c.code, SiteKind::kGigMarket, c.name + "线上零工市场", c.code, "county", true,
          Between(rng, Ymd(2022, 6, 1), Ymd(2023, 6, 30)));
    if (c.urban && c.townships.size() > 1 && rng.PerMillion(400'000)) {
      const auto& tw = c.townships[1 + rng.Below(c.townships.size() - 1)];
      add(c.code, SiteKind::kGigMarket, tw.name + "零工驿站", tw.code, "township", false,
          Between(rng, Ymd(2023, 1, 1), t.options.as_of));
    }
  }

  // Labour-cooperation stations outside Guizhou.
  std::map<std::string, std::vector<int>> by_province;  // province code -> outside county indexes
  for (size_t i = 0; i < geo.outside().size(); ++i)
    by_province[geo.outside()[i].province_code].push_back(static_cast<int>(i));
  for (const auto& [province, list] : by_province) {
    const auto& hq = geo.outside()[list.front()];
    add("520000", SiteKind::kLabourStation, "贵州省驻" + ShortPlace(hq.province_name) + "劳务协作总站",
        hq.code, "province", false, Ymd(2019, 3, 1));
    for (const auto& p : geo.prefectures()) {
      const auto& o = geo.outside()[list[rng.Below(list.size())]];
      add(Padded(p.code), SiteKind::kLabourStation,
          p.name + "驻" + ShortPlace(hq.province_name) + "劳务协作分站", o.code, "prefecture", false,
          Between(rng, Ymd(2019, 6, 1), Ymd(2022, 12, 31)));
    }
  }
  for (const auto& c : geo.counties()) {
    const auto& o = geo.outside()[geo.PickOutside(rng)];
    add(c.code, SiteKind::kLabourStation, c.name + "驻" + o.prefecture_name + o.name + "劳务协作工作站",
        o.code, "county", false, Between(rng, Ymd(2020, 1, 1), Ymd(2023, 12, 31)));
  }

  // HR agencies: at least one per prefecture and county (A4(二)).
  for (const auto& p : geo.prefectures())
    add(Padded(p.code), SiteKind::kHrAgency, ShortPlace(p.name) + TradeName(rng) + "人力资源服务有限公司",
        p.code, "prefecture", false, Between(rng, Ymd(2015, 1, 1), Ymd(2023, 12, 31)));
  for (const auto& c : geo.counties()) {
    const int n = 1 + static_cast<int>(rng.Below(c.urban ? 3 : 2));
    for (int k = 0; k < n; ++k) {
      const auto& tw = c.townships[rng.Below(c.townships.size())];
      add(c.code, SiteKind::kHrAgency, ShortPlace(c.name) + TradeName(rng) + "人力资源服务有限公司",
          tw.code, "county", rng.PerMillion(200'000), Between(rng, Ymd(2015, 1, 1), Ymd(2023, 12, 31)));
    }
  }

  // Full-employment communities in urban sub-districts (A4(十五)).
  int provincial = 0;
  for (const auto& c : geo.counties()) {
    for (const auto& tw : c.townships) {
      if (!tw.name.ends_with("街道") || !rng.PerMillion(450'000)) continue;
      const bool top = provincial < 30 && rng.PerMillion(250'000);
      provincial += top;
      add(c.code, SiteKind::kFullEmploymentCommunity, tw.name + "充分就业社区", tw.code,
          top ? "province" : "county", false, Between(rng, Ymd(2018, 1, 1), Ymd(2023, 12, 31)));
    }
  }
  return out;
}

}  // namespace qjy::gen
