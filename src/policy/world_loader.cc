#include "policy/world_loader.h"

#include <algorithm>
#include <map>
#include <iterator>
#include <set>
#include <tuple>

#include "registry/codes.h"
#include "store/contribution_store.h"

namespace qjy::policy {
namespace {

Result<bool> Migrated(store::Db& db, int version) {
  const store::Value v[] = {int64_t{version}};
  auto has = db.Query("SELECT 1 FROM schema_migrations WHERE version = ?", v);
  if (!has) return std::unexpected(has.error());
  return !has->empty();
}

// Full-employment communities with the recognition officials recorded in
// the network registry (migration 802: recognition_level, recognised_on).
// Before that migration nothing is recorded: recognitions stay unknown.
// `counties` (empty: every county) bound the counties read.
Result<void> LoadCommunities(store::Db& db, World& w, std::span<const std::string> counties = {}) {
  const bool county = !counties.empty();
  std::string in = "(";
  for (size_t i = 0; i < counties.size(); ++i) in += i == 0 ? "?" : ", ?";
  in += ")";
  auto recorded = Migrated(db, 802);
  if (!recorded) return std::unexpected(recorded.error());
  // A pass's counties: every site of theirs by the county index, the kind
  // kept here (with `kind = ?` in the query the planner takes the
  // (kind, region, name) index: every community of the province per pass).
  const std::string kind(registry::Code(registry::SiteKind::kFullEmploymentCommunity));
  const std::string sql = std::string("SELECT site_id, county_code, name, region, tier, opened_on") +
                          (*recorded ? ", recognition_level, recognised_on" : ", NULL, NULL") + ", kind" +
                          " FROM service_sites WHERE " +
                          (county ? "county_code IN " + in + " ORDER BY site_id" : std::string("kind = ?"));
  std::vector<store::Value> params;
  if (county) {
    params.assign(counties.begin(), counties.end());
  } else {
    params.push_back(kind);
  }
  auto rows = db.Query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  w.recognitions_known = *recorded;
  for (const auto& r : *rows) {
    if (r.Text(8) != kind) continue;
    registry::ServiceSite s;
    s.site_id = r.Int(0);
    s.county_code = r.Text(1);
    s.kind = registry::SiteKind::kFullEmploymentCommunity;
    s.name = r.Text(2);
    s.region = r.Text(3);
    s.tier = r.Text(4);
    if (!r.IsNull(5)) {
      if (auto d = Date::Parse(r.Text(5))) s.opened_on = *d;
    }
    if (*recorded) {
      CommunityRecognition rec{s.site_id, r.Text(6), std::nullopt};
      if (!r.IsNull(7)) {
        if (auto d = Date::Parse(r.Text(7))) rec.recognised_on = *d;
      }
      w.recognitions.push_back(std::move(rec));
    }
    w.sites.push_back(std::move(s));
  }
  return {};
}

std::optional<Date> DateOrNull(const store::Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  auto d = Date::Parse(r.Text(i));
  return d ? std::optional<Date>(*d) : std::nullopt;
}

// The 就业帮扶车间 registry (src/network, migration 801), all of it or the
// workshops of `operators`. Before the network's migration has run the
// registry does not exist: workshops stay unknown (World::workshops_known).
Result<void> LoadWorkshops(store::Db& db, World& w, const std::set<std::string>* operators) {
  auto has = Migrated(db, 801);
  if (!has) return std::unexpected(has.error());
  if (!*has) return {};
  w.workshops_known = true;
  constexpr char kColumns[] =
      "SELECT workshop_id, county_code, name, region_code, operator_credit_code, status, recognised_on, revoked_on,"
      " poverty_employed, poverty_source, poverty_as_of FROM network_workshops";
  auto add = [&](const store::Row& r) {
    Workshop ws;
    ws.workshop_id = r.Int(0);
    ws.county_code = r.Text(1);
    ws.name = r.Text(2);
    ws.region = r.Text(3);
    ws.operator_credit_code = r.Text(4);
    ws.status = r.Text(5);
    ws.recognised_on = DateOrNull(r, 6);
    ws.revoked_on = DateOrNull(r, 7);
    if (!r.IsNull(8)) ws.entered_poverty_employed = r.Int(8);
    ws.entered_source = r.Text(9);
    ws.entered_as_of = DateOrNull(r, 10);
    w.workshops.push_back(std::move(ws));
  };
  if (!operators) {
    auto rows = db.Query(std::string(kColumns) + " ORDER BY workshop_id", {});
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) add(r);
    return {};
  }
  for (const auto& code : *operators) {
    const store::Value p[] = {code};
    auto rows = db.Query(std::string(kColumns) + " WHERE operator_credit_code = ? ORDER BY workshop_id", p);
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) add(r);
  }
  return {};
}

// Contribution months, coalesced into runs (facts.h InsuranceSpell): one
// run per person, payer and kinds over consecutive months.
void AppendSpell(const registry::Contribution& c, std::vector<InsuranceSpell>& out) {
  if (!out.empty()) {
    InsuranceSpell& last = out.back();
    if (last.person_id == c.person_id && last.employer_credit_code == c.employer_credit_code &&
        last.kinds == c.kinds && last.to_month + 1 == c.month) {
      last.to_month = c.month;
      return;
    }
  }
  out.push_back({c.person_id, c.employer_credit_code, c.month, c.month, c.kinds});
}

Result<void> LoadInsurance(store::RegistryStore& registry, World& w, const std::set<int64_t>* only) {
  store::ContributionStore store(registry.db());
  if (!only) return store.ForEach([&](const registry::Contribution& c) { AppendSpell(c, w.insurance); });
  const std::vector<int64_t> ids(only->begin(), only->end());
  auto rows = store.OfPersons(ids);
  if (!rows) return std::unexpected(rows.error());
  std::stable_sort(rows->begin(), rows->end(), [](const auto& a, const auto& b) {
    return std::tie(a.person_id, a.employer_credit_code, a.month) < std::tie(b.person_id, b.employer_credit_code, b.month);
  });
  for (const auto& c : *rows) AppendSpell(c, w.insurance);
  return {};
}

Result<void> LoadRegistrations(RegistrationSource& src, World& w, const std::set<int64_t>* only) {
  auto add = [&](const Registration& r) { w.registrations.push_back(r); };
  if (!only) return src.ForEach(add);
  const std::vector<int64_t> ids(only->begin(), only->end());
  return src.ForEachOf(ids, add);
}

}  // namespace

Result<World> LoadWorld(store::Db& db, store::RegistryStore& registry, RegistrationSource& registrations) {
  World w;
  if (auto r = registry.ForEachPerson([&](const registry::Person& p) { w.persons.push_back(p); }); !r) {
    return std::unexpected(r.error());
  }
  if (auto r = registry.ForEachEmployer([&](const registry::Employer& e) { w.employers.push_back(e); }); !r) {
    return std::unexpected(r.error());
  }
  if (auto r = registry.ForEachContract([&](const registry::Contract& c) {
        w.contracts.push_back(c);
        w.contracts.back().person_id_number.clear();  // not needed; keep no plaintext around
      });
      !r) {
    return std::unexpected(r.error());
  }
  if (auto r = LoadCommunities(db, w); !r) return std::unexpected(r.error());
  if (auto r = LoadWorkshops(db, w, nullptr); !r) return std::unexpected(r.error());
  if (auto r = LoadRegistrations(registrations, w, nullptr); !r) return std::unexpected(r.error());
  if (auto r = LoadInsurance(registry, w, nullptr); !r) return std::unexpected(r.error());
  FactsStore facts(db);
  if (auto r = facts.Migrate(); !r) return std::unexpected(r.error());
  if (auto r = facts.LoadAll(w); !r) return std::unexpected(r.error());
  w.Index();
  return w;
}

Result<World> LoadPersonWorld(store::RegistryStore& registry, RegistrationSource& registrations, int64_t person_id,
                              FactsStore* facts) {
  World w;
  auto p = registry.GetPerson(person_id);
  if (!p) return std::unexpected(p.error());
  if (!*p) return Fail(ErrorCode::kNotFound, "没有该人员：" + std::to_string(person_id));
  w.persons.push_back(**p);
  std::set<std::string> codes;
  if (facts) {
    const int64_t ids[] = {person_id};
    if (auto r = facts->LoadForPersons(ids, w); !r) return std::unexpected(r.error());
    for (const auto& in : w.internships) codes.insert(in.host_credit_code);
    for (const auto& v : w.ventures) codes.insert(v.credit_code);
    for (const auto& pl : w.placements) codes.insert(pl.agency_credit_code);
  }
  auto contracts = registry.ContractsOfPerson(person_id);  // by index, not a scan
  if (!contracts) return std::unexpected(contracts.error());
  for (auto& c : *contracts) {
    codes.insert(c.employer_credit_code);
    w.contracts.push_back(std::move(c));
  }
  for (const auto& code : codes) {
    auto e = registry.FindEmployer(code);
    if (!e) return std::unexpected(e.error());
    if (*e) w.employers.push_back(**e);
  }
  if (auto r = LoadWorkshops(registry.db(), w, &codes); !r) return std::unexpected(r.error());
  std::set<int64_t> only{person_id};
  if (auto r = LoadRegistrations(registrations, w, &only); !r) return std::unexpected(r.error());
  if (auto r = LoadInsurance(registry, w, &only); !r) return std::unexpected(r.error());
  w.Index();
  return w;
}

Result<World> LoadEmployerWorld(store::RegistryStore& registry, RegistrationSource& registrations,
                                const std::string& credit_code, FactsStore* facts) {
  World w;
  auto e = registry.FindEmployer(credit_code);
  if (!e) return std::unexpected(e.error());
  if (!*e) return Fail(ErrorCode::kNotFound, "没有该单位：" + credit_code);
  w.employers.push_back(**e);
  std::set<int64_t> ids, placed;
  if (facts) {
    if (auto r = facts->LoadForEmployer(credit_code, w); !r) return std::unexpected(r.error());
    for (const auto& in : w.internships) ids.insert(in.person_id);
    for (const auto& v : w.ventures) ids.insert(v.person_id);
    for (const auto& pl : w.placements) placed.insert(pl.person_id);
    ids.insert(placed.begin(), placed.end());
  }
  // The employer's contracts, and those of the persons it placed (R18 reads
  // the placed person's contract wherever it is).
  // Both by index, not a scan; a placed person's contract with this
  // employer is read once.
  std::set<std::string> other_codes;
  auto own = registry.ContractsOfEmployer(credit_code);
  if (!own) return std::unexpected(own.error());
  for (auto& c : *own) {
    ids.insert(c.person_id);
    w.contracts.push_back(std::move(c));
  }
  for (int64_t id : placed) {
    auto theirs = registry.ContractsOfPerson(id);
    if (!theirs) return std::unexpected(theirs.error());
    for (auto& c : *theirs) {
      if (c.employer_credit_code == credit_code) continue;
      other_codes.insert(c.employer_credit_code);
      w.contracts.push_back(std::move(c));
    }
  }
  std::sort(w.contracts.begin(), w.contracts.end(),
            [](const auto& a, const auto& b) { return a.contract_id < b.contract_id; });
  for (const auto& code : other_codes) {
    auto o = registry.FindEmployer(code);
    if (!o) return std::unexpected(o.error());
    if (*o) w.employers.push_back(**o);
  }
  other_codes.insert(credit_code);
  if (auto r = LoadWorkshops(registry.db(), w, &other_codes); !r) return std::unexpected(r.error());
  for (int64_t id : ids) {
    auto p = registry.GetPerson(id);
    if (!p) return std::unexpected(p.error());
    if (*p) w.persons.push_back(**p);
  }
  if (auto r = LoadRegistrations(registrations, w, &ids); !r) return std::unexpected(r.error());
  if (auto r = LoadInsurance(registry, w, &ids); !r) return std::unexpected(r.error());
  w.Index();
  return w;
}

Result<World> LoadCountyWorld(store::Db& db, store::RegistryStore& registry, RegistrationSource& registrations,
                              const std::string& county, FactsStore& facts) {
  return LoadCountiesWorld(db, registry, registrations, std::span<const std::string>(&county, 1), facts);
}

Result<SweepShared> LoadSweepShared(store::Db& db) {
  World w;
  if (auto r = LoadWorkshops(db, w, nullptr); !r) return std::unexpected(r.error());
  return SweepShared{w.workshops_known, std::move(w.workshops)};
}

Result<World> LoadCountiesWorld(store::Db& db, store::RegistryStore& registry, RegistrationSource& registrations,
                                std::span<const std::string> counties_in, FactsStore& facts,
                                const SweepShared* shared) {
  if (counties_in.empty()) return Fail(ErrorCode::kInvalidArgument, "载入县级数据：县列表为空");
  std::vector<std::string> counties(counties_in.begin(), counties_in.end());
  std::sort(counties.begin(), counties.end());
  counties.erase(std::unique(counties.begin(), counties.end()), counties.end());
  auto in_range = [&](const std::string& c) { return std::binary_search(counties.begin(), counties.end(), c); };
  World w;
  // Workshops first (small, all of them): their operators in this county
  // join the county's employers.
  if (shared) {
    w.workshops_known = shared->workshops_known;
    w.workshops = shared->workshops;
  } else if (auto r = LoadWorkshops(db, w, nullptr); !r) {
    return std::unexpected(r.error());
  }
  if (auto r = LoadCommunities(db, w, counties); !r) return std::unexpected(r.error());
  auto persons = registry.PersonsOfCounties(counties);
  if (!persons) return std::unexpected(persons.error());
  w.persons = std::move(*persons);
  auto employers = registry.EmployersOfCounties(counties);
  if (!employers) return std::unexpected(employers.error());
  w.employers = std::move(*employers);
  std::set<std::string> have_employers;
  for (const auto& e : w.employers) have_employers.insert(e.credit_code);
  std::vector<std::string> operators;  // of this county's workshops, registered elsewhere
  for (const auto& ws : w.workshops) {
    if (in_range(ws.county_code) && !have_employers.contains(ws.operator_credit_code)) {
      operators.push_back(ws.operator_credit_code);
    }
  }
  std::sort(operators.begin(), operators.end());
  operators.erase(std::unique(operators.begin(), operators.end()), operators.end());
  auto contracts = registry.ContractsOfCounties(counties);
  if (!contracts) return std::unexpected(contracts.error());
  w.contracts = std::move(*contracts);
  if (!operators.empty()) {
    auto more = registry.EmployersByCodes(operators);
    if (!more) return std::unexpected(more.error());
    for (auto& e : *more) {
      have_employers.insert(e.credit_code);
      w.employers.push_back(std::move(e));
    }
    auto theirs = registry.ContractsOfEmployers(operators);
    if (!theirs) return std::unexpected(theirs.error());
    std::move(theirs->begin(), theirs->end(), std::back_inserter(w.contracts));
  }
  if (auto r = facts.LoadForCounties(counties, w); !r) return std::unexpected(r.error());
  // Persons from elsewhere: on the contracts read so far, or placed by an
  // agency of the county. Their own contracts come too.
  std::set<int64_t> have_persons;
  for (const auto& p : w.persons) have_persons.insert(p.person_id);
  std::set<int64_t> outside;
  for (const auto& c : w.contracts) {
    if (!have_persons.contains(c.person_id)) outside.insert(c.person_id);
  }
  for (const auto& pl : w.placements) {
    if (!have_persons.contains(pl.person_id)) outside.insert(pl.person_id);
  }
  if (!outside.empty()) {
    const std::vector<int64_t> ids(outside.begin(), outside.end());
    auto more = registry.PersonsByIds(ids);
    if (!more) return std::unexpected(more.error());
    std::move(more->begin(), more->end(), std::back_inserter(w.persons));
    auto theirs = registry.ContractsOfPersons(ids);
    if (!theirs) return std::unexpected(theirs.error());
    std::move(theirs->begin(), theirs->end(), std::back_inserter(w.contracts));
  }
  auto by_id = [](const auto& a, const auto& b) { return a.contract_id < b.contract_id; };
  std::sort(w.contracts.begin(), w.contracts.end(), by_id);
  w.contracts.erase(std::unique(w.contracts.begin(), w.contracts.end(),
                                [](const auto& a, const auto& b) { return a.contract_id == b.contract_id; }),
                    w.contracts.end());
  std::sort(w.persons.begin(), w.persons.end(), [](const auto& a, const auto& b) { return a.person_id < b.person_id; });
  // Every employer a contract or venture names (so that a contract's payee
  // county is the one the whole world gives it).
  std::vector<std::string> named;
  for (const auto& c : w.contracts) {
    if (!have_employers.contains(c.employer_credit_code)) named.push_back(c.employer_credit_code);
  }
  for (const auto& v : w.ventures) {
    if (!have_employers.contains(v.credit_code)) named.push_back(v.credit_code);
  }
  std::sort(named.begin(), named.end());
  named.erase(std::unique(named.begin(), named.end()), named.end());
  if (!named.empty()) {
    auto more = registry.EmployersByCodes(named);
    if (!more) return std::unexpected(more.error());
    std::move(more->begin(), more->end(), std::back_inserter(w.employers));
  }
  std::sort(w.employers.begin(), w.employers.end(),
            [](const auto& a, const auto& b) { return a.employer_id < b.employer_id; });
  // Registrations and insurance of every person held.
  std::vector<int64_t> all_ids;
  all_ids.reserve(w.persons.size());
  for (const auto& p : w.persons) all_ids.push_back(p.person_id);
  if (auto r = registrations.ForEachOfMany(all_ids, [&](const Registration& reg) { w.registrations.push_back(reg); }); !r) {
    return std::unexpected(r.error());
  }
  // Insurance months: the county's range of the contributions key (its
  // persons' months, read in key order), then the persons from elsewhere
  // by their own county's range (contribution_store.h: a person's months
  // are stored under their owning county). Each person's months come in
  // (payer, month) order from one read, as LoadWorld's single pass gives
  // them, and are coalesced as they come (pages of 5,000 months).
  store::ContributionStore contributions(registry.db());
  if (auto r = contributions.ForEachOfCounties(counties, [&](const registry::Contribution& c) {
        if (have_persons.contains(c.person_id)) AppendSpell(c, w.insurance);
      });
      !r) {
    return std::unexpected(r.error());
  }
  if (!outside.empty()) {
    std::map<std::string, std::vector<int64_t>> by_county;
    for (const auto& p : w.persons) {
      if (outside.contains(p.person_id) && !in_range(p.county_code)) by_county[p.county_code].push_back(p.person_id);
    }
    for (const auto& [their_county, ids] : by_county) {
      auto more = contributions.OfPersonsIn(their_county, ids);
      if (!more) return std::unexpected(more.error());
      for (const auto& c : *more) AppendSpell(c, w.insurance);
    }
  }
  w.Index();
  return w;
}

Result<std::vector<std::string>> SweepCounties(store::Db& db, const std::string& region) {
  // A region below the county level lies in one county.
  const std::string prefix = region.size() > 6 ? region.substr(0, 6) : region;
  std::set<std::string> out;
  std::vector<std::string> tables = {"persons", "employers", "contracts", "service_sites"};
  auto workshops = Migrated(db, 801);
  if (!workshops) return std::unexpected(workshops.error());
  if (*workshops) tables.push_back("network_workshops");
  // The review list's counties too: a proposal whose subject is gone is
  // revisited (and withdrawn) by its county's pass.
  auto ledger = Migrated(db, 200);
  if (!ledger) return std::unexpected(ledger.error());
  if (*ledger) tables.push_back("policy_entitlements");
  for (const auto& t : tables) {
    const std::vector<store::Value> p{prefix + "%"};
    auto rows = db.Query("SELECT DISTINCT county_code FROM " + t + " WHERE county_code LIKE ?", p);
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) out.insert(r.Text(0));
  }
  return std::vector<std::string>(out.begin(), out.end());
}

Result<std::vector<SweepPass>> SweepPasses(store::Db& db, const std::string& region, int64_t persons_budget,
                                           const std::map<std::string, std::string>* shard_of) {
  auto counties = SweepCounties(db, region);
  if (!counties) return std::unexpected(counties.error());
  const std::string prefix = region.size() > 6 ? region.substr(0, 6) : region;
  const std::vector<store::Value> p{prefix + "%"};
  std::map<std::string, int64_t> persons, contracts;
  // Persons by their county; contracts by their employer's county (the
  // employers' county index, then each employer's contracts counted in
  // the employer index; once per sweep).
  for (auto [sql, into] :
       {std::pair{"SELECT county_code, COUNT(*) FROM persons WHERE county_code LIKE ? GROUP BY county_code", &persons},
        std::pair{"SELECT e.county_code, COUNT(*) FROM employers e JOIN contracts c ON c.employer_credit_code = "
                  "e.credit_code WHERE e.county_code LIKE ? GROUP BY e.county_code",
                  &contracts}}) {
    auto rows = db.Query(sql, p);
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) (*into)[r.Text(0)] = r.Int(1);
  }
  auto count = [](const std::map<std::string, int64_t>& m, const std::string& k) {
    const auto it = m.find(k);
    return it == m.end() ? int64_t{0} : it->second;
  };
  auto shard_of_county = [&](const std::string& county) {
    if (shard_of == nullptr) return std::string();
    const auto it = shard_of->find(county);
    return it == shard_of->end() ? std::string() : it->second;
  };
  // Shard by shard, each shard's counties in code order.
  std::stable_sort(counties->begin(), counties->end(), [&](const std::string& a, const std::string& b) {
    return shard_of_county(a) < shard_of_county(b);
  });
  std::vector<SweepPass> out;
  int64_t held = 0;
  for (const auto& county : *counties) {
    const int64_t own = count(persons, county);
    // A county outside the province holds no persons, only employers
    // hiring the province's persons, each of whom its pass holds: counted
    // by its employers' contracts (else every such county lands in one
    // pass: a fifth of the generated province's persons).
    const int64_t n = std::max(own, count(contracts, county));
    const std::string shard = shard_of_county(county);
    if (out.empty() || held + n > persons_budget || out.back().shard != shard) {
      out.push_back({.shard = shard});
      held = 0;
    }
    out.back().counties.push_back(county);
    out.back().own_persons += own;
    held += n;
  }
  return out;
}

}  // namespace qjy::policy
