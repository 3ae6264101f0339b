#include "gen/programme_gen.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "gen/record_helpers.h"
#include "gen/rng.h"
#include "gen/tables.h"
#include "network/base_store.h"
#include "network/network_store.h"
#include "network/programme_store.h"
#include "network/workshop_store.h"

namespace qjy::gen {
namespace {

constexpr const char* kProgrammeActor = kRecordActor;

Result<int64_t> Workshops(store::Db& db, const RegionIndex& regions, uint64_t seed, Date as_of,
                          ProgrammeCounts& counts) {
  // The employers registered as 就业帮扶车间 in Guizhou, with how many
  // contracts the registry holds for them (none: the number is entered).
  auto rows = db.Query(
      "SELECT e.credit_code, e.name, e.region, e.county_code,"
      " (SELECT COUNT(*) FROM contracts c WHERE c.employer_credit_code = e.credit_code)"
      " FROM employers e WHERE e.type = 'assistance_workshop' AND e.region LIKE '52%' ORDER BY e.credit_code");
  if (!rows) return std::unexpected(rows.error());
  // Enterprises also run workshops (in relocation sites, villages): those
  // employing at least 6 脱贫人口（含监测对象） on `as_of`, at most one per
  // 60 employers — the ones with fewer than the threshold R19 refuses.
  const std::string day = as_of.ToString();
  const store::Value p[] = {day, day, day, day};
  auto firms = db.Query(
      "SELECT e.credit_code, e.name, e.region, e.county_code, 1 FROM employers e JOIN contracts c"
      " ON c.employer_credit_code = e.credit_code JOIN person_groups g ON g.person_id = c.person_id"
      " WHERE e.type = 'enterprise' AND e.region LIKE '52%' AND c.start_on <= ? AND (c.end_on IS NULL OR c.end_on >= ?)"
      " AND g.group_code IN ('poverty_alleviated', 'monitoring_object') AND g.valid_from <= ?"
      " AND (g.valid_to IS NULL OR g.valid_to >= ?)"
      " GROUP BY e.credit_code, e.name, e.region, e.county_code HAVING COUNT(DISTINCT c.person_id) >= 6"
      " ORDER BY e.credit_code",
      p);
  if (!firms) return std::unexpected(firms.error());
  auto employers = db.Query("SELECT COUNT(*) FROM employers");
  if (!employers) return std::unexpected(employers.error());
  const size_t cap = static_cast<size_t>(employers->at(0).Int(0) / 60);
  for (size_t k = 0; k < firms->size() && k < cap; ++k) rows->push_back(std::move(firms->at(k)));
  network::WorkshopStore store(db, regions);
  const Date policy = Ymd(2023, 6, 15);
  std::set<std::pair<std::string, std::string>> taken;
  int64_t i = 0;
  for (const auto& r : *rows) {
    Rng rng = RngFor(seed, 1, static_cast<uint64_t>(i++));
    network::WorkshopInput in;
    in.region = r.Text(2);
    const Region* where = regions.Find(in.region);
    if (where == nullptr || (where->level != RegionLevel::kCounty && where->level != RegionLevel::kTownship)) {
      in.region = r.Text(3);
    }
    in.name = r.Text(1);
    if (!in.name.ends_with("车间") && !in.name.ends_with("基地")) in.name += "就业帮扶车间";
    while (!taken.insert({in.region, in.name}).second) in.name += "（分车间）";
    in.operator_credit_code = r.Text(0);
    const uint64_t roll = rng.Below(100);
    if (roll < 70) {
      in.status = "recognised";
      // One in eight recognised before the policy was issued (R19 refuses).
      in.recognised_on = rng.Below(8) == 0 ? Between(rng, Ymd(2021, 3, 1), Ymd(2023, 5, 31))
                                            : Between(rng, Ymd(2023, 7, 1), as_of.AddDays(-30));
    } else if (roll < 82) {
      in.status = "applied";
    } else if (roll < 90) {
      in.status = "rejected";
    } else {
      in.status = "revoked";
      in.recognised_on = Between(rng, Ymd(2023, 7, 1), as_of.AddDays(-200));
      in.revoked_on = Between(rng, in.recognised_on->AddDays(90), as_of.AddDays(-1));
    }
    if (r.Int(4) == 0) {
      // No contracts in the registry: officials enter the count from the
      // monitoring system's ledger; about a third below the threshold.
      in.poverty_employed = rng.Below(3) == 0 ? rng.Between(2, 9) : rng.Between(10, 40);
      in.poverty_source = "防返贫监测信息系统就业帮扶台账";
      in.poverty_as_of = Between(rng, in.recognised_on.value_or(policy), as_of);
    }
    in.address = where ? where->name + "工业园区" : "";
    auto id = store.Add(in, as_of, kProgrammeActor);
    if (!id) return std::unexpected(id.error());
    ++counts.workshops;
    counts.workshops_recognised += in.status == "recognised";
  }
  return counts.workshops;
}

Result<void> Recognitions(store::Db& db, const RegionIndex& regions, uint64_t seed, Date as_of,
                          ProgrammeCounts& counts) {
  auto rows = db.Query("SELECT site_id FROM service_sites WHERE kind = 'full_employment_community' ORDER BY site_id");
  if (!rows) return std::unexpected(rows.error());
  network::NetworkStore store(db, regions);
  const Date policy = Ymd(2023, 6, 15), end_2023 = Ymd(2023, 12, 31);
  for (const auto& r : *rows) {
    const int64_t id = r.Int(0);
    auto found = store.FindSite(id);
    if (!found) return std::unexpected(found.error());
    if (!*found) continue;
    const network::SiteDetail& d = **found;
    Rng rng = RngFor(seed, 2, static_cast<uint64_t>(id));
    const Date opened = d.site.opened_on.value_or(Ymd(2018, 1, 1));
    network::SiteInput in;
    in.name = d.site.name;
    in.address = d.address;
    in.hours = d.hours;
    in.services = d.services;
    in.staff = d.staff;
    in.online = d.site.online;
    in.opened_on = d.site.opened_on;
    in.closed_on = d.site.closed_on;
    in.parent_site_id = d.parent_site_id;
    const uint64_t roll = rng.Below(100);
    if (d.site.tier == "province") {
      in.recognition_level = "province";
      // Most recognised in the 2023 drive (A4(十五) "到2023年底"), a few
      // earlier, before the policy was issued.
      in.recognised_on = roll < 15 && opened < policy ? Between(rng, opened, policy.AddDays(-1))
                                                      : Between(rng, std::max(opened, policy), end_2023);
    } else if (roll < 30) {
      in.recognition_level = "prefecture";
      in.recognised_on = Between(rng, opened, as_of);
    } else if (roll < 45) {
      in.recognition_level = "none";
    } else {
      continue;  // not recorded
    }
    if (in.recognised_on && *in.recognised_on > as_of) in.recognised_on = as_of;
    if (auto e = store.EditSite(id, in, as_of, kProgrammeActor); !e) return std::unexpected(e.error());
    ++counts.recognitions;
  }
  return {};
}

std::vector<Region> Counties(const RegionIndex& regions) {
  std::vector<Region> out;
  auto prefectures = regions.Children("52");
  if (!prefectures) return out;
  for (const auto& p : *prefectures) {
    auto counties = regions.Children(p.code);
    if (!counties) continue;
    for (const auto& c : *counties) {
      if (c.level == RegionLevel::kCounty) out.push_back(c);
    }
  }
  return out;
}

constexpr const char* kBrandTrades[] = {"家政", "建筑", "餐饮", "电子装配", "护工", "茶艺", "苗绣", "汽修", "物流", "电商"};
constexpr const char* kSkillTrades[] = {"焊工", "电工", "厨师", "育婴员", "养老护理员", "挖掘机驾驶员", "美容美发",
                                        "中式烹调师", "茶叶加工工", "网络直播"};
constexpr const char* kSectors[] = {"农业农村", "交通运输", "水利", "林业", "乡村振兴"};
constexpr const char* kWorks[] = {"产业路硬化", "灌溉渠修缮", "小型水利设施", "林区防火通道", "村组道路", "人居环境整治"};

// Labour brands (A2(二)): most counties have one by now, not all a leading
// enterprise, fewer the three 贵州技工 brands — the 2025 duty shows gaps.
Result<void> Brands(network::ProgrammeStore& store, store::Db& db, const std::vector<Region>& counties, uint64_t seed,
                    Date as_of, ProgrammeCounts& counts) {
  uint64_t i = 0;
  for (const auto& c : counties) {
    Rng rng = RngFor(seed, 3, i++);
    const std::string short_name = c.name.substr(0, c.name.size() >= 6 ? c.name.size() - 3 : c.name.size());
    if (rng.Below(100) < 78) {
      network::BrandInput b;
      b.county = c.code;
      b.kind = "labour_brand";
      b.industry = kBrandTrades[rng.Below(std::size(kBrandTrades))];
      b.name = short_name + b.industry;
      b.established_on = Between(rng, Ymd(2019, 1, 1), as_of);
      auto id = store.AddBrand(b, as_of, kProgrammeActor);
      if (!id) return std::unexpected(id.error());
      ++counts.brands;
      if (rng.Below(100) < 75) {
        const store::Value p[] = {c.code};
        auto e = db.Query("SELECT credit_code FROM employers WHERE county_code = ? AND type = 'enterprise'"
                          " ORDER BY credit_code LIMIT 5",
                          p);
        if (!e) return std::unexpected(e.error());
        if (!e->empty()) {
          const std::string code = e->at(rng.Below(e->size())).Text(0);
          auto l = store.AddLeadingEnterprise(*id, code, Between(rng, *b.established_on, as_of), as_of, kProgrammeActor);
          if (!l) return std::unexpected(l.error());
        }
      }
    }
    const uint64_t skills = rng.Below(100) < 55 ? 3 + rng.Below(2) : rng.Below(3);
    const uint64_t first = rng.Below(std::size(kSkillTrades));
    for (uint64_t k = 0; k < skills; ++k) {
      network::BrandInput b;
      b.county = c.code;
      b.kind = "skill_brand";
      b.industry = kSkillTrades[(first + k) % std::size(kSkillTrades)];
      b.name = short_name + b.industry;
      b.established_on = Between(rng, Ymd(2021, 1, 1), as_of);
      if (auto id = store.AddBrand(b, as_of, kProgrammeActor); !id) return std::unexpected(id.error());
      ++counts.brands;
    }
  }
  return {};
}

// Work-relief projects (A2(六), A2(十六)) in about a third of counties: most
// pay 30 %–45 % of the central funds as labour remuneration, some less;
// those by a relocation site employ relocated persons, a few too few.
Result<void> Reliefs(network::ProgrammeStore& store, const RegionIndex& regions, const std::vector<Region>& counties,
                     uint64_t seed, Date as_of, ProgrammeCounts& counts) {
  uint64_t i = 0;
  for (const auto& c : counties) {
    Rng rng = RngFor(seed, 4, i++);
    if (rng.Below(100) >= 35) continue;
    auto townships = regions.Children(c.code);
    const uint64_t n = 1 + rng.Below(3);
    for (uint64_t k = 0; k < n; ++k) {
      network::ReliefInput in;
      in.region = townships && !townships->empty() ? townships->at(rng.Below(townships->size())).code : c.code;
      in.sector = kSectors[rng.Below(std::size(kSectors))];
      in.year = rng.Between(2023, as_of.year());
      in.name = fmt::format("{}年{}{}以工代赈项目", in.year, regions.Find(in.region) ? regions.Find(in.region)->name : c.name,
                            kWorks[rng.Below(std::size(kWorks))]);
      in.central_funds_fen = rng.Between(50, 500) * 10'000'00;
      const int64_t share_bp = rng.Below(100) < 15 ? rng.Between(1800, 2990) : rng.Between(3000, 4500);
      in.labour_paid_fen = in.central_funds_fen * share_bp / 10000;
      in.posts = rng.Between(20, 150);
      in.local_employed = in.posts - rng.Between(0, in.posts / 5);
      in.relocation_site = rng.Below(100) < 30;
      if (in.relocation_site) {
        const int64_t rel_bp = rng.Below(100) < 20 ? rng.Between(1000, 2900) : rng.Between(3000, 6000);
        in.relocated_employed = std::min(in.local_employed, in.posts * rel_bp / 10000);
      } else {
        in.relocated_employed = rng.Between(0, in.local_employed / 10);
      }
      auto id = store.AddRelief(in, as_of, kProgrammeActor);
      if (!id && id.error().code == ErrorCode::kInvalidArgument) continue;  // same name drawn twice
      if (!id) return std::unexpected(id.error());
      ++counts.relief_projects;
    }
  }
  return {};
}

constexpr const char* kBaseTrades[] = {"电子", "服装", "家具", "玩具", "五金", "食品", "物流", "家电"};
// Guangdong prefectures where Guizhou workers gather (partner cities).
constexpr const char* kGuangdongCities[] = {"4419", "4403", "4406", "4401", "4413", "4420"};

// 粤黔“一县一企”“一县多企” bases (A2(一)): about seven counties in ten have
// one (a third of those a second), signed since mid-2022; a few closed.
Result<void> Bases(store::Db& db, const RegionIndex& regions, const std::vector<Region>& counties, uint64_t seed,
                   Date as_of, ProgrammeCounts& counts) {
  network::BaseStore store(db, regions);
  if (auto m = store.Migrate(); !m) return m;
  auto firms = db.Query("SELECT credit_code, region FROM employers WHERE region LIKE '44%' ORDER BY credit_code LIMIT 300");
  if (!firms) return std::unexpected(firms.error());
  uint64_t i = 0;
  for (const auto& c : counties) {
    Rng rng = RngFor(seed, 5, i++);
    if (rng.Below(100) >= 72) continue;  // no base yet: a gap in the report
    const uint64_t n = rng.Below(100) < 30 ? 2 : 1;
    const std::string short_name = c.name.substr(0, c.name.size() >= 6 ? c.name.size() - 3 : c.name.size());
    for (uint64_t k = 0; k < n; ++k) {
      network::BaseInput in;
      in.county = c.code;
      const char* trade = kBaseTrades[rng.Below(std::size(kBaseTrades))];
      in.partner_city = kGuangdongCities[rng.Below(std::size(kGuangdongCities))];
      if (!firms->empty() && rng.Below(100) < 40) {
        const auto& f = firms->at(rng.Below(firms->size()));
        in.partner_credit_code = f.Text(0);
        const std::string region = f.Text(1);
        if (region.size() >= 4 && regions.Find(region.substr(0, 4)) != nullptr) in.partner_city = region.substr(0, 4);
      } else {
        const Region* city = regions.Find(in.partner_city);
        const std::string city_name = city ? city->name : "东莞市";
        in.partner_name = fmt::format("{}{}制造有限公司", city_name, trade);
        in.partner_region = in.partner_city;
        if (rng.Below(100) < 60) {
          in.workers_entered = rng.Between(15, 240);
          in.workers_source = "驻粤劳务协作工作站台账";
        }
      }
      const Region* city = regions.Find(in.partner_city);
      in.name = fmt::format("{}—{}{}稳岗就业基地", short_name, city ? city->name : in.partner_city, trade);
      in.signed_on = Between(rng, Ymd(2022, 6, 1), as_of.AddDays(-30));
      if (in.workers_entered) in.workers_as_of = Between(rng, *in.signed_on, as_of);
      if (rng.Below(100) < 80) in.posts_offered = rng.Between(50, 500);
      if (rng.Below(100) < 8 && in.signed_on->AddDays(60) < as_of) {
        in.closed_on = Between(rng, in.signed_on->AddDays(60), as_of);
      }
      auto id = store.Add(in, as_of, kProgrammeActor);
      if (!id && id.error().code == ErrorCode::kInvalidArgument) continue;  // same name drawn twice
      if (!id) return std::unexpected(id.error());
      ++counts.bases;
    }
  }
  return {};
}

}  // namespace

Result<ProgrammeCounts> GenerateProgrammes(store::Db& db, const RegionIndex& regions, uint64_t seed, Date as_of) {
  ProgrammeCounts counts;
  if (auto m = network::NetworkStore(db, regions).Migrate(); !m) return std::unexpected(m.error());
  if (auto w = Workshops(db, regions, seed, as_of, counts); !w) return std::unexpected(w.error());
  if (auto c = Recognitions(db, regions, seed, as_of, counts); !c) return std::unexpected(c.error());
  network::ProgrammeStore programmes(db, regions);
  if (auto m = programmes.Migrate(); !m) return std::unexpected(m.error());
  const auto counties = Counties(regions);
  if (auto b = Brands(programmes, db, counties, seed, as_of, counts); !b) return std::unexpected(b.error());
  if (auto r = Reliefs(programmes, regions, counties, seed, as_of, counts); !r) return std::unexpected(r.error());
  if (auto b = Bases(db, regions, counties, seed, as_of, counts); !b) return std::unexpected(b.error());
  return counts;
}

}  // namespace qjy::gen
