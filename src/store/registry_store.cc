#include "store/registry_store.h"

#include <algorithm>
#include <climits>
#include <iterator>
#include <ctime>
#include <map>
#include <optional>

#include "core/mask.h"
#include "registry/codes.h"
#include "store/pg_shards.h"
#include "store/region_counts.h"
#include "store/registry_codec.h"
#include "store/registry_rows.h"
#include "store/registry_schema.h"
#include "store/employment_schema.h"

namespace qjy::store {
namespace {

using registry::Code;
namespace rows = registry_rows;

// Page cache while RestoreIndexes builds an SQLite index: the size of the
// sorter's runs (see there).
constexpr int64_t kIndexSortCacheKib = 4096;

// The connection's settings (SqliteDb::Open) after RestoreIndexes.
std::string RestoreSqliteSettings(int64_t cache_size) {
  return "PRAGMA temp_store=MEMORY; PRAGMA cache_size=" + std::to_string(cache_size);
}

constexpr int kPage = 1000;
// The spells' pages (ForEachSpell): postgres_fdw fetches a foreign scan
// 10,000 rows at a time (pg_shards.cc fetch_size) and does not push the
// LIMIT of a partitioned table down, so through a coordinator a page of
// 1,000 fetched 10,000 rows from every shard; a page of the fetch size
// wastes at most one fetch per shard.
constexpr int kSpellPage = 10000;

std::string RegistryStorePrefixEnd(std::string prefix) {
  // Digit-code prefixes: "52" -> "53"; the range [prefix, end) is the prefix.
  for (size_t i = prefix.size(); i-- > 0;) {
    if (static_cast<unsigned char>(prefix[i]) < 0xFF) {
      prefix[i] = static_cast<char>(prefix[i] + 1);
      prefix.resize(i + 1);
      return prefix;
    }
  }
  return std::string(1, '\x7f');
}

}  // namespace

std::string RegistryStore::Now() const { return IsoUtc(clock_.Now()); }

Result<void> RegistryStore::Migrate() {
  QJY_TRY(ApplyMigrations(db_, RegistryMigrations()));
  QJY_TRY(ApplyMigrations(db_, EmploymentMigrations()));
  QJY_TRY(RestoreIndexes());
  QJY_TRY(person_search::FillIfEmpty(db_));
  return region_counts::FillIfEmpty(db_);
}

Result<void> RegistryStore::DropIndexesForBulkLoad(bool unique,
                                                   std::span<const std::string_view> tables) {
  for (const BulkIndex& index : RegistryBulkIndexes()) {
    if (index.unique && !unique) continue;
    if (!tables.empty() && std::find(tables.begin(), tables.end(), index.table) == tables.end()) {
      continue;
    }
    QJY_TRY(db_.Exec(std::string("DROP INDEX IF EXISTS ") + index.name));
  }
  return {};
}

Result<void> RegistryStore::RestoreIndexes() {
  // Only the missing ones: CREATE INDEX IF NOT EXISTS would still lock the
  // table on PostgreSQL, making every Migrate() wait for running writers.
  auto present = db_.Query(db_.dialect() == Dialect::kSqlite
                               ? "SELECT name FROM sqlite_master WHERE type = 'index'"
                               : "SELECT indexname FROM pg_indexes"
                                 " WHERE schemaname = current_schema()");
  if (!present) return std::unexpected(present.error());
  std::vector<std::string> names;
  for (const auto& r : *present) names.push_back(r.Text(0));
  // A table partitioned across shards (store/pg_shards.h) keeps its indexes
  // on the shards; the coordinator's parent can hold no unique index.
  auto partitioned = PartitionedTables(db_);
  if (!partitioned) return std::unexpected(partitioned.error());
  const bool sqlite = db_.dialect() == Dialect::kSqlite;
  std::optional<int64_t> cache_size;  // SQLite's, to put back
  for (const BulkIndex& index : RegistryBulkIndexes()) {
    if (std::find(names.begin(), names.end(), index.name) != names.end()) continue;
    if (std::find(partitioned->begin(), partitioned->end(), index.table) != partitioned->end()) continue;
    if (!sqlite) {
      QJY_TRY(db_.ExecScript("SET maintenance_work_mem = '256MB'"));  // sort memory
    } else if (!cache_size) {
      // SQLite sorts the keys of a new index in runs of at most the page
      // cache's size, kept in temporary files. With one big run (an import
      // sets a large cache) the sort is single-threaded, and temporary
      // files in memory (the connection's temp_store=MEMORY) are slow to
      // sort through. Small runs in real temporary files are sorted and
      // merged by two threads instead: measured on 1 M persons, the five
      // indexes of persons take 2.4 s instead of 5.3 s (8.9 s with the
      // import's cache). Both settings are put back after.
      auto c = db_.Query("PRAGMA cache_size");
      if (!c) return std::unexpected(c.error());
      cache_size = c->empty() ? -2000 : c->front().Int(0);
      QJY_TRY(db_.ExecScript("PRAGMA threads=2; PRAGMA temp_store=FILE; PRAGMA cache_size=-" +
                             std::to_string(kIndexSortCacheKib)));
    }
    auto created = db_.Exec(index.create);
    if (!created) {
      if (cache_size) (void)db_.ExecScript(RestoreSqliteSettings(*cache_size));
      return std::unexpected(created.error());
    }
  }
  if (cache_size) QJY_TRY(db_.ExecScript(RestoreSqliteSettings(*cache_size)));
  return {};
}

Result<void> RegistryStore::RecordChange(std::string_view county_code, std::string_view entity,
                                         int64_t entity_id, std::string_view actor,
                                         std::string_view op, const std::string& diff_json) {
  const Value p[] = {std::string(county_code), std::string(entity), entity_id,
                     std::string(actor), Now(), std::string(op), diff_json};
  QJY_TRY(db_.Exec("INSERT INTO changes (county_code, entity, entity_id, actor, at, op, diff_json)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?)",
                   p));
  return {};
}

// ---------------------------------------------------------------- persons

Result<void> RegistryStore::WritePersonChildren(const registry::Person& p, bool replace) {
  const Value id[] = {p.person_id};
  if (replace) {
    QJY_TRY(db_.Exec("DELETE FROM person_certificates WHERE person_id = ?", id));
    QJY_TRY(db_.Exec("DELETE FROM person_groups WHERE person_id = ?", id));
  }
  for (size_t i = 0; i < p.certificates.size(); ++i) {
    auto v = rows::CertificateValues(p, i);
    QJY_TRY(db_.Exec("INSERT INTO person_certificates (person_id, seq, county_code, name, level,"
                     " issued_on) VALUES (?, ?, ?, ?, ?, ?)",
                     v));
  }
  for (size_t i = 0; i < p.groups.size(); ++i) {
    auto v = rows::GroupValues(p, i);
    QJY_TRY(db_.Exec("INSERT INTO person_groups (person_id, seq, county_code, group_code,"
                     " valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?)",
                     v));
  }
  return {};
}

Result<UpsertOutcome> RegistryStore::UpsertPerson(registry::Person& p, std::string_view actor) {
  if (p.id_number.empty()) return Fail(ErrorCode::kInvalidArgument, "缺少身份证号");
  auto found = LoadPersons("p.id_hash = ?", {vault_.Index(p.id_number)}, 1);
  if (!found) return std::unexpected(found.error());
  const std::string now = Now();
  if (found->empty()) {
    auto v = rows::PersonValues(p, vault_, now);
    auto ins = db_.Query("INSERT INTO persons (" + std::string(rows::kPersonInsertColumns) +
                             ") VALUES (" + rows::Marks(v.size()) + ") RETURNING person_id",
                         v);
    if (!ins) return std::unexpected(ins.error());
    p.person_id = ins->at(0).Int(0);
    QJY_TRY(WritePersonChildren(p, false));
    QJY_TRY(person_search::Write(db_, std::span<const registry::Person>(&p, 1), vault_));
    region_counts::Delta counts;
    counts.Person(p.county_code, p.hukou_region, p.residence_region, +1);
    QJY_TRY(region_counts::Apply(db_, counts));
    QJY_TRY(RecordChange(p.county_code, "person", p.person_id, actor, "insert",
                         codec::DiffJson(nullptr, codec::PersonFields(p))));
    return UpsertOutcome::kInserted;
  }
  const registry::Person& old = found->front();
  p.person_id = old.person_id;
  auto before = codec::PersonFields(old);
  auto after = codec::PersonFields(p);
  std::string diff = codec::DiffJson(&before, after);
  if (diff.empty()) return UpsertOutcome::kUnchanged;

  auto v = rows::PersonValues(p, vault_, now);
  // Same columns as the insert minus created_at, plus the id.
  std::vector<Value> params;
  std::string sql = "UPDATE persons SET ";
  auto cols = rows::SplitColumns(rows::kPersonInsertColumns);
  for (size_t i = 0; i < cols.size(); ++i) {
    if (cols[i] == "created_at") continue;
    if (!params.empty()) sql += ", ";
    sql += cols[i] + " = ?";
    params.push_back(v[i]);
  }
  sql += " WHERE person_id = ?";
  params.push_back(p.person_id);
  QJY_TRY(db_.Exec(sql, params));
  // The children carry the person's county (a sharded registry's key):
  // rewritten when it moves, too.
  const bool children_changed = before[14].value != after[14].value ||  // certificates
                                before[15].value != after[15].value ||  // groups
                                old.county_code != p.county_code;
  if (children_changed) QJY_TRY(WritePersonChildren(p, true));
  QJY_TRY(person_search::Replace(db_, old, p, vault_));
  region_counts::Delta counts;
  counts.Person(old.county_code, old.hukou_region, old.residence_region, -1);
  counts.Person(p.county_code, p.hukou_region, p.residence_region, +1);
  QJY_TRY(region_counts::Apply(db_, counts));
  QJY_TRY(RecordChange(p.county_code, "person", p.person_id, actor, "update", diff));
  return UpsertOutcome::kUpdated;
}

namespace {
constexpr size_t kRegistryStoreChunk = 500;  // ids per IN list (well below SQLite's variable limit)
}  // namespace

Result<std::vector<registry::Person>> RegistryStore::LoadPersons(
    const std::string& where, const std::vector<Value>& params, int limit, const std::vector<Value>* counties) {
  std::vector<Value> all = params;
  all.push_back(int64_t{limit});
  auto main = db_.Query("SELECT " + std::string(rows::kPersonSelectColumns) +
                            " FROM persons p WHERE " + where + " ORDER BY p.person_id LIMIT ?",
                        all);
  if (!main) return std::unexpected(main.error());
  std::vector<registry::Person> out;
  out.reserve(main->size());
  std::map<int64_t, size_t> index;
  for (const auto& r : *main) {
    auto p = rows::PersonFromRow(r, vault_);
    if (!p) return std::unexpected(p.error());
    index[p->person_id] = out.size();
    out.push_back(std::move(*p));
  }
  if (out.empty()) return out;
  // The children of the persons read, in person order. SQLite probes the
  // children's key per person through the semi-join on the same WHERE;
  // PostgreSQL's planner may hash that semi-join over a scan of the whole
  // child table (measured on a county range: a streamed sweep's pass would
  // scan person_certificates and person_groups once per pass), so it is
  // given the ids in hand, 500 a query, which it reads by index.
  auto children = [&](const std::string& select, const std::string& table) -> Result<std::vector<Row>> {
    const std::string tail = " ORDER BY person_id, seq";
    if (db_.dialect() == Dialect::kSqlite) {
      return db_.Query(select + " FROM " + table + " WHERE person_id IN (SELECT p.person_id FROM persons p WHERE " +
                           where + " ORDER BY p.person_id LIMIT ?)" + tail,
                       all);
    }
    // With the persons' counties also bounding the children (they carry
    // their person's county), a partitioned child table is pruned to the
    // partitions — the shards — of those counties.
    const std::string bound =
        counties == nullptr ? std::string() : " AND county_code IN (" + rows::Marks(counties->size()) + ")";
    std::vector<Row> found;
    for (size_t i = 0; i < out.size(); i += kRegistryStoreChunk) {
      std::vector<Value> ids;
      for (size_t j = i; j < std::min(out.size(), i + kRegistryStoreChunk); ++j) ids.emplace_back(out[j].person_id);
      const std::string id_marks = rows::Marks(ids.size());
      if (counties != nullptr) ids.insert(ids.end(), counties->begin(), counties->end());
      auto got = db_.Query(select + " FROM " + table + " WHERE person_id IN (" + id_marks + ")" + bound + tail,
                           ids);
      if (!got) return std::unexpected(got.error());
      std::move(got->begin(), got->end(), std::back_inserter(found));
    }
    return found;
  };
  auto certs = children("SELECT person_id, name, level, issued_on", "person_certificates");
  if (!certs) return std::unexpected(certs.error());
  for (const auto& r : *certs) {
    auto it = index.find(r.Int(0));
    if (it == index.end()) continue;
    auto issued = codec::ParseDate(r, 3);
    if (!issued) return std::unexpected(issued.error());
    out[it->second].certificates.push_back(
        {r.Text(1), static_cast<int>(r.Int(2)), *issued});
  }
  auto groups = children("SELECT person_id, group_code, valid_from, valid_to", "person_groups");
  if (!groups) return std::unexpected(groups.error());
  for (const auto& r : *groups) {
    auto it = index.find(r.Int(0));
    if (it == index.end()) continue;
    auto g = codec::ParseCode<registry::Group>(r, 1);
    auto from = codec::ParseDate(r, 2);
    auto to = codec::ParseOptDate(r, 3);
    if (!g) return std::unexpected(g.error());
    if (!from) return std::unexpected(from.error());
    if (!to) return std::unexpected(to.error());
    out[it->second].groups.push_back({*g, *from, *to});
  }
  return out;
}

Result<std::optional<registry::Person>> RegistryStore::FindPersonByIdNumber(
    std::string_view id_number) {
  auto found = LoadPersons("p.id_hash = ?", {vault_.Index(id_number)}, 1);
  if (!found) return std::unexpected(found.error());
  if (found->empty()) return std::optional<registry::Person>{};
  return std::optional<registry::Person>(std::move(found->front()));
}

Result<std::optional<registry::Person>> RegistryStore::GetPerson(int64_t person_id) {
  auto found = LoadPersons("p.person_id = ?", {person_id}, 1);
  if (!found) return std::unexpected(found.error());
  if (found->empty()) return std::optional<registry::Person>{};
  return std::optional<registry::Person>(std::move(found->front()));
}

Result<std::vector<registry::Person>> RegistryStore::ListPersons(const PersonFilter& f) {
  std::string where = "p.person_id > ?";
  std::vector<Value> params = {f.after_person_id};
  if (!f.region_prefix.empty()) {
    std::string lo = f.region_prefix, hi = RegistryStorePrefixEnd(f.region_prefix);
    where +=
        " AND ((p.hukou_region >= ? AND p.hukou_region < ?)"
        " OR (p.residence_region >= ? AND p.residence_region < ?)"
        " OR (p.county_code >= ? AND p.county_code < ?))";
    for (int i = 0; i < 3; ++i) {
      params.push_back(lo);
      params.push_back(hi);
    }
  }
  if (!f.name.empty()) {
    where += " AND p.name = ?";
    params.push_back(f.name);
  }
  if (f.group) {
    where +=
        " AND EXISTS (SELECT 1 FROM person_groups g WHERE g.person_id = p.person_id"
        " AND g.group_code = ?)";
    params.push_back(std::string(Code(*f.group)));
  }
  return LoadPersons(where, params, f.limit > 0 ? f.limit : kPage);
}

Result<PersonSearchPage> RegistryStore::SearchPersons(const PersonSearch& search) {
  auto ids = person_search::FindIds(db_, vault_, search);
  if (!ids) return std::unexpected(ids.error());
  PersonSearchPage out;
  out.next_after = ids->next_after;
  if (ids->person_ids.empty()) return out;
  std::string where = "p.person_id IN (";
  std::vector<Value> params;
  for (int64_t id : ids->person_ids) {
    where += params.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  where += ")";
  auto persons = LoadPersons(where, params, static_cast<int>(params.size()));
  if (!persons) return std::unexpected(persons.error());
  std::map<int64_t, size_t> at;
  for (size_t i = 0; i < persons->size(); ++i) at[(*persons)[i].person_id] = i;
  for (int64_t id : ids->person_ids) {
    if (auto it = at.find(id); it != at.end()) out.persons.push_back(std::move((*persons)[it->second]));
  }
  return out;
}

Result<void> RegistryStore::ForEachPerson(
    const std::function<void(const registry::Person&)>& fn) {
  int64_t after = 0;
  for (;;) {
    auto page = LoadPersons("p.person_id > ?", {after}, kPage);
    if (!page) return std::unexpected(page.error());
    for (const auto& p : *page) fn(p);
    if (page->size() < static_cast<size_t>(kPage)) return {};
    after = page->back().person_id;
  }
}

// ---------------------------------------------------------------- employers

Result<void> RegistryStore::WriteEmployerYears(const registry::Employer& e, bool replace) {
  if (replace) {
    const Value id[] = {e.employer_id};
    QJY_TRY(db_.Exec("DELETE FROM employer_years WHERE employer_id = ?", id));
  }
  for (size_t i = 0; i < e.years.size(); ++i) {
    auto v = rows::EmployerYearValues(e, i);
    QJY_TRY(db_.Exec("INSERT INTO employer_years (" + std::string(rows::kEmployerYearColumns) +
                         ") VALUES (" + rows::Marks(v.size()) + ")",
                     v));
  }
  return {};
}

Result<std::vector<registry::Employer>> RegistryStore::LoadEmployers(
    const std::string& where, const std::vector<Value>& params, int limit) {
  std::vector<Value> all = params;
  all.push_back(int64_t{limit});
  auto main = db_.Query("SELECT " + std::string(rows::kEmployerSelectColumns) +
                            " FROM employers e WHERE " + where +
                            " ORDER BY e.employer_id LIMIT ?",
                        all);
  if (!main) return std::unexpected(main.error());
  std::vector<registry::Employer> out;
  std::map<int64_t, size_t> index;
  for (const auto& r : *main) {
    auto e = rows::EmployerFromRow(r);
    if (!e) return std::unexpected(e.error());
    index[e->employer_id] = out.size();
    out.push_back(std::move(*e));
  }
  if (out.empty()) return out;
  auto years = db_.Query(
      "SELECT employer_id, year, insured_headcount, layoffs, ui_premium_fen FROM employer_years"
      " WHERE employer_id IN (SELECT e.employer_id FROM employers e WHERE " +
          where + " ORDER BY e.employer_id LIMIT ?) ORDER BY employer_id, year",
      all);
  if (!years) return std::unexpected(years.error());
  for (const auto& r : *years) {
    auto it = index.find(r.Int(0));
    if (it == index.end()) continue;
    out[it->second].years.push_back({static_cast<int>(r.Int(1)), static_cast<int>(r.Int(2)),
                                     static_cast<int>(r.Int(3)), r.Int(4)});
  }
  return out;
}

Result<UpsertOutcome> RegistryStore::UpsertEmployer(registry::Employer& e,
                                                    std::string_view actor) {
  if (e.credit_code.empty()) return Fail(ErrorCode::kInvalidArgument, "缺少统一社会信用代码");
  auto found = LoadEmployers("e.credit_code = ?", {e.credit_code}, 1);
  if (!found) return std::unexpected(found.error());
  const std::string now = Now();
  if (found->empty()) {
    auto v = rows::EmployerValues(e, now);
    auto ins = db_.Query("INSERT INTO employers (" + std::string(rows::kEmployerInsertColumns) +
                             ") VALUES (" + rows::Marks(v.size()) + ") RETURNING employer_id",
                         v);
    if (!ins) return std::unexpected(ins.error());
    e.employer_id = ins->at(0).Int(0);
    QJY_TRY(WriteEmployerYears(e, false));
    region_counts::Delta counts;
    counts.Employer(e.county_code, e.region, +1);
    QJY_TRY(region_counts::Apply(db_, counts));
    QJY_TRY(RecordChange(e.county_code, "employer", e.employer_id, actor, "insert",
                         codec::DiffJson(nullptr, codec::EmployerFields(e))));
    return UpsertOutcome::kInserted;
  }
  e.employer_id = found->front().employer_id;
  auto before = codec::EmployerFields(found->front());
  auto after = codec::EmployerFields(e);
  std::string diff = codec::DiffJson(&before, after);
  if (diff.empty()) return UpsertOutcome::kUnchanged;
  auto v = rows::EmployerValues(e, now);
  v.erase(v.end() - 2);  // created_at stays
  v.push_back(e.employer_id);
  QJY_TRY(db_.Exec("UPDATE employers SET county_code = ?, credit_code = ?, name = ?, type = ?,"
                   " size = ?, region = ?, insured_headcount = ?, key_enterprise = ?,"
                   " insured_region = ?, updated_at = ? WHERE employer_id = ?",
                   v));
  if (before.back().value != after.back().value) QJY_TRY(WriteEmployerYears(e, true));
  region_counts::Delta counts;
  counts.Employer(found->front().county_code, found->front().region, -1);
  counts.Employer(e.county_code, e.region, +1);
  QJY_TRY(region_counts::Apply(db_, counts));
  QJY_TRY(RecordChange(e.county_code, "employer", e.employer_id, actor, "update", diff));
  return UpsertOutcome::kUpdated;
}

Result<std::optional<registry::Employer>> RegistryStore::FindEmployer(
    std::string_view credit_code) {
  auto found = LoadEmployers("e.credit_code = ?", {std::string(credit_code)}, 1);
  if (!found) return std::unexpected(found.error());
  if (found->empty()) return std::optional<registry::Employer>{};
  return std::optional<registry::Employer>(std::move(found->front()));
}

Result<void> RegistryStore::ForEachEmployer(
    const std::function<void(const registry::Employer&)>& fn) {
  int64_t after = 0;
  for (;;) {
    auto page = LoadEmployers("e.employer_id > ?", {after}, kPage);
    if (!page) return std::unexpected(page.error());
    for (const auto& e : *page) fn(e);
    if (page->size() < static_cast<size_t>(kPage)) return {};
    after = page->back().employer_id;
  }
}

// ---------------------------------------------------------------- jobs

Result<UpsertOutcome> RegistryStore::UpsertJob(registry::Job& j, std::string_view actor) {
  const Value key[] = {j.employer_credit_code, j.title, j.place_region, j.open_on.ToString()};
  auto found = db_.Query("SELECT " + std::string(rows::kJobSelectColumns) +
                             " FROM jobs WHERE employer_credit_code = ? AND title = ?"
                             " AND place_region = ? AND open_on = ?",
                         key);
  if (!found) return std::unexpected(found.error());
  const std::string now = Now();
  if (found->empty()) {
    auto v = rows::JobValues(j, now);
    auto ins = db_.Query("INSERT INTO jobs (" + std::string(rows::kJobInsertColumns) +
                             ") VALUES (" + rows::Marks(v.size()) + ") RETURNING job_id",
                         v);
    if (!ins) return std::unexpected(ins.error());
    j.job_id = ins->at(0).Int(0);
    region_counts::Delta counts;
    counts.Job(j.county_code, j.place_region, +1);
    QJY_TRY(region_counts::Apply(db_, counts));
    QJY_TRY(RecordChange(j.county_code, "job", j.job_id, actor, "insert",
                         codec::DiffJson(nullptr, codec::JobFields(j))));
    return UpsertOutcome::kInserted;
  }
  auto old = rows::JobFromRow(found->front());
  if (!old) return std::unexpected(old.error());
  j.job_id = old->job_id;
  auto before = codec::JobFields(*old);
  std::string diff = codec::DiffJson(&before, codec::JobFields(j));
  if (diff.empty()) return UpsertOutcome::kUnchanged;
  auto v = rows::JobValues(j, now);
  v.erase(v.end() - 2);  // created_at stays
  v.push_back(j.job_id);
  QJY_TRY(db_.Exec("UPDATE jobs SET county_code = ?, employer_credit_code = ?, title = ?,"
                   " occupation_code = ?, headcount = ?, wage_min_fen = ?, wage_max_fen = ?,"
                   " place_region = ?, type = ?, requirements = ?, open_on = ?, close_on = ?,"
                   " updated_at = ? WHERE job_id = ?",
                   v));
  region_counts::Delta counts;
  counts.Job(old->county_code, old->place_region, -1);
  counts.Job(j.county_code, j.place_region, +1);
  QJY_TRY(region_counts::Apply(db_, counts));
  QJY_TRY(RecordChange(j.county_code, "job", j.job_id, actor, "update", diff));
  return UpsertOutcome::kUpdated;
}

Result<std::map<int64_t, std::string>> RegistryStore::NamesOf(std::span<const int64_t> person_ids) {
  std::map<int64_t, std::string> out;
  for (size_t off = 0; off < person_ids.size(); off += kRegistryStoreChunk) {
    const size_t n = std::min(kRegistryStoreChunk, person_ids.size() - off);
    std::vector<Value> params(person_ids.begin() + off, person_ids.begin() + off + n);
    auto rows = db_.Query("SELECT person_id, name FROM persons WHERE person_id IN (" + rows::Marks(n) + ")", params);
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) out[r.Int(0)] = r.Text(1);
  }
  return out;
}

Result<std::optional<registry::Job>> RegistryStore::GetJob(int64_t job_id) {
  const Value p[] = {job_id};
  auto rows = db_.Query("SELECT " + std::string(rows::kJobSelectColumns) + " FROM jobs WHERE job_id = ?", p);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<registry::Job>();
  auto j = rows::JobFromRow(rows->front());
  if (!j) return std::unexpected(j.error());
  return std::optional<registry::Job>(std::move(*j));
}

Result<void> RegistryStore::ForEachJob(const std::function<void(const registry::Job&)>& fn) {
  int64_t after = 0;
  for (;;) {
    const Value p[] = {after, int64_t{kPage}};
    auto page = db_.Query("SELECT " + std::string(rows::kJobSelectColumns) +
                              " FROM jobs WHERE job_id > ? ORDER BY job_id LIMIT ?",
                          p);
    if (!page) return std::unexpected(page.error());
    for (const auto& r : *page) {
      auto j = rows::JobFromRow(r);
      if (!j) return std::unexpected(j.error());
      fn(*j);
      after = j->job_id;
    }
    if (page->size() < static_cast<size_t>(kPage)) return {};
  }
}

// ---------------------------------------------------------------- contracts

Result<UpsertOutcome> RegistryStore::UpsertContract(registry::Contract& c,
                                                    std::string_view actor) {
  std::optional<registry::Person> person;
  if (c.person_id == 0) {
    if (c.person_id_number.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "劳动合同缺少人员身份证号");
    }
    auto p = FindPersonByIdNumber(c.person_id_number);
    if (!p) return std::unexpected(p.error());
    person = std::move(*p);
  } else {
    auto p = GetPerson(c.person_id);
    if (!p) return std::unexpected(p.error());
    person = std::move(*p);
  }
  if (!person) {
    return Fail(ErrorCode::kNotFound,
                "劳动合同的人员不在库中：" + MaskIdNumber(c.person_id_number));
  }
  c.person_id = person->person_id;
  c.person_id_number = person->id_number;
  if (c.county_code.empty()) c.county_code = person->county_code;
  const Value code[] = {c.employer_credit_code};
  auto employer = db_.Query("SELECT employer_id FROM employers WHERE credit_code = ?", code);
  if (!employer) return std::unexpected(employer.error());
  if (employer->empty()) {
    return Fail(ErrorCode::kNotFound, "劳动合同的用人单位不在库中：" + c.employer_credit_code);
  }

  const Value key[] = {c.person_id, c.employer_credit_code, c.start_on.ToString()};
  auto found = db_.Query("SELECT " + std::string(rows::kContractSelectColumns) +
                             " FROM contracts c WHERE c.person_id = ? AND"
                             " c.employer_credit_code = ? AND c.start_on = ?",
                         key);
  if (!found) return std::unexpected(found.error());
  const std::string now = Now();
  if (found->empty()) {
    auto v = rows::ContractValues(c, now);
    auto ins = db_.Query("INSERT INTO contracts (" + std::string(rows::kContractInsertColumns) +
                             ") VALUES (" + rows::Marks(v.size()) + ") RETURNING contract_id",
                         v);
    if (!ins) return std::unexpected(ins.error());
    c.contract_id = ins->at(0).Int(0);
    QJY_TRY(RecordChange(c.county_code, "contract", c.contract_id, actor, "insert",
                         codec::DiffJson(nullptr, codec::ContractFields(c))));
    return UpsertOutcome::kInserted;
  }
  auto old = rows::ContractFromRow(found->front());
  if (!old) return std::unexpected(old.error());
  c.contract_id = old->contract_id;
  auto before = codec::ContractFields(*old);
  std::string diff = codec::DiffJson(&before, codec::ContractFields(c));
  if (diff.empty()) return UpsertOutcome::kUnchanged;
  auto v = rows::ContractValues(c, now);
  v.erase(v.end() - 2);  // created_at stays
  v.push_back(c.contract_id);
  QJY_TRY(db_.Exec("UPDATE contracts SET county_code = ?, person_id = ?,"
                   " employer_credit_code = ?, start_on = ?, end_on = ?,"
                   " social_insurance_months = ?, flexible = ?, new_form = ?, work_region = ?, organised_via = ?,"
                   " updated_at = ?"
                   " WHERE contract_id = ?",
                   v));
  QJY_TRY(RecordChange(c.county_code, "contract", c.contract_id, actor, "update", diff));
  return UpsertOutcome::kUpdated;
}

Result<void> RegistryStore::ForEachContract(
    const std::function<void(const registry::Contract&)>& fn) {
  int64_t after = 0;
  for (;;) {
    const Value p[] = {after, int64_t{kPage}};
    auto page = db_.Query("SELECT " + std::string(rows::kContractSelectColumns) +
                              ", p.id_enc FROM contracts c JOIN persons p"
                              " ON p.person_id = c.person_id"
                              " WHERE c.contract_id > ? ORDER BY c.contract_id LIMIT ?",
                          p);
    if (!page) return std::unexpected(page.error());
    for (const auto& r : *page) {
      auto c = rows::ContractFromRow(r);
      if (!c) return std::unexpected(c.error());
      auto id = vault_.Decrypt(r.Bytes(r.cells.size() - 1));
      if (!id) return std::unexpected(id.error());
      c->person_id_number = std::move(*id);
      fn(*c);
      after = c->contract_id;
    }
    if (page->size() < static_cast<size_t>(kPage)) return {};
  }
}

Result<void> RegistryStore::ForEachSpell(const std::function<void(const Spell&)>& fn,
                                         std::span<const std::string> counties) {
  const std::vector<Value> codes = rows::CountyValues(counties);
  const std::string bound = codes.empty() ? "" : " AND county_code IN (" + rows::Marks(codes.size()) + ")";
  int64_t after = 0;
  for (;;) {
    std::vector<Value> p = {after};
    p.insert(p.end(), codes.begin(), codes.end());
    p.push_back(int64_t{kSpellPage});
    auto page = db_.Query(
        "SELECT contract_id, person_id, county_code, work_region, start_on, end_on FROM contracts"
        " WHERE contract_id > ?" + bound + " ORDER BY contract_id LIMIT ?",
        p);
    if (!page) return std::unexpected(page.error());
    for (const auto& r : *page) {
      auto start = codec::ParseDate(r, 4);
      auto end = codec::ParseOptDate(r, 5);
      if (!start) return std::unexpected(start.error());
      if (!end) return std::unexpected(end.error());
      fn({r.Int(1), r.Text(2), r.Text(3), *start, *end});
      after = r.Int(0);
    }
    if (page->size() < static_cast<size_t>(kSpellPage)) return {};
  }
}

Result<void> RegistryStore::ForEachGroupSpell(registry::Group group, std::string_view outside,
                                              const std::function<void(const GroupSpell&)>& fn,
                                              std::span<const std::string> counties) {
  std::string sql =
      "SELECT g.person_id, p.county_code, CASE WHEN p.hukou_region = '' THEN p.county_code ELSE p.hukou_region END,"
      " c.start_on, c.end_on, g.valid_from, g.valid_to"
      " FROM person_groups g JOIN persons p ON p.person_id = g.person_id"
      " JOIN contracts c ON c.person_id = g.person_id WHERE g.group_code = ?";
  std::vector<Value> params = {std::string(registry::Code(group))};
  if (!outside.empty()) {
    sql += " AND c.work_region <> '' AND c.work_region NOT LIKE ?";
    params.push_back(std::string(outside) + "%");
  }
  if (const std::vector<Value> codes = rows::CountyValues(counties); !codes.empty()) {
    for (const char* alias : {"g", "p", "c"}) {
      sql += std::string(" AND ") + alias + ".county_code IN (" + rows::Marks(codes.size()) + ")";
      params.insert(params.end(), codes.begin(), codes.end());
    }
  }
  sql += " ORDER BY g.person_id, c.start_on";
  auto rows = db_.Query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  for (const auto& r : *rows) {
    auto start = codec::ParseDate(r, 3);
    auto end = codec::ParseOptDate(r, 4);
    auto from = codec::ParseDate(r, 5);
    auto to = codec::ParseOptDate(r, 6);
    if (!start) return std::unexpected(start.error());
    if (!end) return std::unexpected(end.error());
    if (!from) return std::unexpected(from.error());
    if (!to) return std::unexpected(to.error());
    fn({r.Int(0), r.Text(1), r.Text(2), *start, *end, *from, *to});
  }
  return {};
}

namespace {
Result<std::vector<registry::Contract>> ContractsWhere(Db& db, const std::string& where, Value key) {
  const Value p[] = {std::move(key)};
  auto found = db.Query("SELECT " + std::string(rows::kContractSelectColumns) + " FROM contracts c WHERE " + where +
                           " ORDER BY c.contract_id",
                       p);
  if (!found) return std::unexpected(found.error());
  std::vector<registry::Contract> out;
  out.reserve(found->size());
  for (const auto& r : *found) {
    auto c = rows::ContractFromRow(r);
    if (!c) return std::unexpected(c.error());
    out.push_back(std::move(*c));
  }
  return out;
}
}  // namespace

Result<std::vector<registry::Contract>> RegistryStore::ContractsOfPerson(int64_t person_id) {
  return ContractsWhere(db_, "c.person_id = ?", person_id);
}

Result<std::vector<registry::Contract>> RegistryStore::ContractsOfEmployer(std::string_view credit_code) {
  return ContractsWhere(db_, "c.employer_credit_code = ?", std::string(credit_code));
}

namespace {

template <class T, class F>
Result<void> InChunks(std::span<const T> keys, F f) {
  for (size_t i = 0; i < keys.size(); i += kRegistryStoreChunk) {
    const size_t n = std::min(kRegistryStoreChunk, keys.size() - i);
    std::vector<Value> params(keys.begin() + static_cast<std::ptrdiff_t>(i),
                              keys.begin() + static_cast<std::ptrdiff_t>(i + n));
    QJY_TRY(f(params));
  }
  return {};
}

Result<void> AppendContracts(Db& db, const std::string& where, const std::vector<Value>& params,
                             std::vector<registry::Contract>& out) {
  auto found = db.Query("SELECT " + std::string(rows::kContractSelectColumns) + " FROM contracts c WHERE " + where,
                        params);
  if (!found) return std::unexpected(found.error());
  for (const auto& r : *found) {
    auto c = rows::ContractFromRow(r);
    if (!c) return std::unexpected(c.error());
    out.push_back(std::move(*c));
  }
  return {};
}

void SortUniqueContracts(std::vector<registry::Contract>& v) {
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.contract_id < b.contract_id; });
  v.erase(std::unique(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.contract_id == b.contract_id; }),
          v.end());
}
}  // namespace

Result<std::vector<registry::Person>> RegistryStore::PersonsOfCounty(std::string_view county) {
  const std::string one(county);
  return PersonsOfCounties(std::span<const std::string>(&one, 1));
}

Result<std::vector<registry::Person>> RegistryStore::PersonsOfCounties(std::span<const std::string> counties) {
  const std::vector<Value> codes = rows::CountyValues(counties);
  // Sharded, the children are bounded by the counties too, so their reads
  // go to the counties' shards alone (their county is the person's: the
  // store rewrites it on a move, ApplyShardLayout repaired older rows, and
  // a sharded county cannot change). Unsharded there is nothing to prune.
  auto parts = PartitionedTables(db_);
  if (!parts) return std::unexpected(parts.error());
  const bool sharded =
      std::find(parts->begin(), parts->end(), "person_certificates") != parts->end();
  return LoadPersons("p.county_code IN (" + rows::Marks(codes.size()) + ")", codes, INT32_MAX,
                     sharded ? &codes : nullptr);
}

Result<std::vector<registry::Person>> RegistryStore::PersonsByIds(std::span<const int64_t> ids) {
  std::vector<registry::Person> out;
  QJY_TRY(InChunks(ids, [&](const std::vector<Value>& p) -> Result<void> {
    auto got = LoadPersons("p.person_id IN (" + rows::Marks(p.size()) + ")", p, INT32_MAX);
    if (!got) return std::unexpected(got.error());
    std::move(got->begin(), got->end(), std::back_inserter(out));
    return {};
  }));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.person_id < b.person_id; });
  return out;
}

Result<std::vector<registry::Employer>> RegistryStore::EmployersOfCounty(std::string_view county) {
  const std::string one(county);
  return EmployersOfCounties(std::span<const std::string>(&one, 1));
}

Result<std::vector<registry::Employer>> RegistryStore::EmployersOfCounties(std::span<const std::string> counties) {
  const std::vector<Value> codes = rows::CountyValues(counties);
  return LoadEmployers("e.county_code IN (" + rows::Marks(codes.size()) + ")", codes, INT32_MAX);
}

Result<std::vector<registry::Employer>> RegistryStore::EmployersByCodes(std::span<const std::string> codes) {
  std::vector<registry::Employer> out;
  QJY_TRY(InChunks(codes, [&](const std::vector<Value>& p) -> Result<void> {
    auto got = LoadEmployers("e.credit_code IN (" + rows::Marks(p.size()) + ")", p, INT32_MAX);
    if (!got) return std::unexpected(got.error());
    std::move(got->begin(), got->end(), std::back_inserter(out));
    return {};
  }));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.employer_id < b.employer_id; });
  return out;
}

Result<std::vector<registry::Contract>> RegistryStore::ContractsOfCounty(std::string_view county) {
  const std::string one(county);
  return ContractsOfCounties(std::span<const std::string>(&one, 1));
}

Result<std::vector<registry::Contract>> RegistryStore::ContractsOfCounties(std::span<const std::string> counties) {
  std::vector<registry::Contract> out;
  const std::vector<Value> codes = rows::CountyValues(counties);
  const std::string in = "(" + rows::Marks(codes.size()) + ")";
  // Three indexed reads (contracts_county, contracts_natural,
  // contracts_employer) rather than one OR, which planners may scan; the
  // last two leave out, inside the database, the contracts the first read
  // (most of them: person, employer and contract mostly share a county).
  QJY_TRY(AppendContracts(db_, "c.county_code IN " + in, codes, out));
  std::vector<Value> twice = codes;
  twice.insert(twice.end(), codes.begin(), codes.end());
  if (db_.dialect() == Dialect::kSqlite) {
    QJY_TRY(AppendContracts(db_,
                            "c.person_id IN (SELECT person_id FROM persons WHERE county_code IN " + in +
                                ") AND c.county_code NOT IN " + in,
                            twice, out));
    QJY_TRY(AppendContracts(db_,
                            "c.employer_credit_code IN (SELECT credit_code FROM employers WHERE county_code IN " +
                                in + ") AND c.county_code NOT IN " + in,
                            twice, out));
    SortUniqueContracts(out);
    return out;
  }
  // PostgreSQL: the counties' person ids and employer codes first (county
  // indexes), then their contracts by id lists — the semi-joins above come
  // out as hash joins over a scan of all contracts, once per pass.
  auto keys = [&](const std::string& sql) -> Result<std::vector<Value>> {
    auto found = db_.Query(sql, codes);
    if (!found) return std::unexpected(found.error());
    std::vector<Value> k;
    k.reserve(found->size());
    for (const auto& r : *found) k.push_back(r.cells.at(0));
    return k;
  };
  auto by_keys = [&](const std::string& column, const std::vector<Value>& k) -> Result<void> {
    for (size_t i = 0; i < k.size(); i += kRegistryStoreChunk) {
      std::vector<Value> q(k.begin() + static_cast<std::ptrdiff_t>(i),
                           k.begin() + static_cast<std::ptrdiff_t>(std::min(k.size(), i + kRegistryStoreChunk)));
      const size_t n = q.size();
      q.insert(q.end(), codes.begin(), codes.end());
      QJY_TRY(AppendContracts(db_, "c." + column + " IN (" + rows::Marks(n) + ") AND c.county_code NOT IN " + in, q,
                              out));
    }
    return {};
  };
  auto person_ids = keys("SELECT person_id FROM persons WHERE county_code IN " + in);
  if (!person_ids) return std::unexpected(person_ids.error());
  QJY_TRY(by_keys("person_id", *person_ids));
  auto credit_codes = keys("SELECT credit_code FROM employers WHERE county_code IN " + in);
  if (!credit_codes) return std::unexpected(credit_codes.error());
  QJY_TRY(by_keys("employer_credit_code", *credit_codes));
  SortUniqueContracts(out);
  return out;
}

Result<std::vector<registry::Contract>> RegistryStore::ContractsOfPersons(std::span<const int64_t> ids) {
  std::vector<registry::Contract> out;
  QJY_TRY(InChunks(ids, [&](const std::vector<Value>& p) {
    return AppendContracts(db_, "c.person_id IN (" + rows::Marks(p.size()) + ")", p, out);
  }));
  SortUniqueContracts(out);
  return out;
}

Result<std::vector<registry::Contract>> RegistryStore::ContractsOfEmployers(std::span<const std::string> codes) {
  std::vector<registry::Contract> out;
  QJY_TRY(InChunks(codes, [&](const std::vector<Value>& p) {
    return AppendContracts(db_, "c.employer_credit_code IN (" + rows::Marks(p.size()) + ")", p, out);
  }));
  SortUniqueContracts(out);
  return out;
}

// ---------------------------------------------------------------- sites

Result<UpsertOutcome> RegistryStore::UpsertSite(registry::ServiceSite& s,
                                                std::string_view actor) {
  const Value key[] = {std::string(Code(s.kind)), s.region, s.name};
  auto found = db_.Query("SELECT " + std::string(rows::kSiteSelectColumns) +
                             " FROM service_sites WHERE kind = ? AND region = ? AND name = ?",
                         key);
  if (!found) return std::unexpected(found.error());
  const std::string now = Now();
  if (found->empty()) {
    auto v = rows::SiteValues(s, now);
    auto ins = db_.Query("INSERT INTO service_sites (" + std::string(rows::kSiteInsertColumns) +
                             ") VALUES (" + rows::Marks(v.size()) + ") RETURNING site_id",
                         v);
    if (!ins) return std::unexpected(ins.error());
    s.site_id = ins->at(0).Int(0);
    QJY_TRY(RecordChange(s.county_code, "site", s.site_id, actor, "insert",
                         codec::DiffJson(nullptr, codec::SiteFields(s))));
    return UpsertOutcome::kInserted;
  }
  auto old = rows::SiteFromRow(found->front());
  if (!old) return std::unexpected(old.error());
  s.site_id = old->site_id;
  auto before = codec::SiteFields(*old);
  std::string diff = codec::DiffJson(&before, codec::SiteFields(s));
  if (diff.empty()) return UpsertOutcome::kUnchanged;
  auto v = rows::SiteValues(s, now);
  v.erase(v.end() - 2);  // created_at stays
  v.push_back(s.site_id);
  QJY_TRY(db_.Exec("UPDATE service_sites SET county_code = ?, kind = ?, name = ?, region = ?,"
                   " tier = ?, online = ?, opened_on = ?, updated_at = ? WHERE site_id = ?",
                   v));
  QJY_TRY(RecordChange(s.county_code, "site", s.site_id, actor, "update", diff));
  return UpsertOutcome::kUpdated;
}

// ---------------------------------------------------------------- misc

Result<std::vector<registry::Change>> RegistryStore::History(std::string_view entity,
                                                             int64_t entity_id) {
  const Value p[] = {std::string(entity), entity_id, entity_id};
  static const std::string kOwn =
      "SELECT change_id, county_code, entity, entity_id, actor, at, op, diff_json FROM changes"
      " WHERE entity = ? AND entity_id = ?";
  // A person inserted by a batch import: its batch entry too.
  static const std::string kPerson =
      kOwn +
      " UNION ALL SELECT c.change_id, c.county_code, c.entity, c.entity_id, c.actor, c.at, c.op,"
      " c.diff_json FROM persons p JOIN changes c ON c.change_id = p.insert_change_id"
      " WHERE p.person_id = ?";
  const bool person = entity == "person";
  auto found = db_.Query((person ? kPerson : kOwn) + " ORDER BY change_id",
                         std::span<const Value>(p, person ? 3 : 2));
  if (!found) return std::unexpected(found.error());
  std::vector<registry::Change> out;
  for (const auto& r : *found) {
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3), r.Text(4), r.Text(5), r.Text(6),
                   r.Text(7)});
  }
  return out;
}

Result<RegistryCounts> RegistryStore::Counts() {
  auto r = db_.Query(
      "SELECT (SELECT COUNT(*) FROM persons), (SELECT COUNT(*) FROM employers),"
      " (SELECT COUNT(*) FROM jobs), (SELECT COUNT(*) FROM contracts),"
      " (SELECT COUNT(*) FROM service_sites), (SELECT COUNT(*) FROM changes)");
  if (!r) return std::unexpected(r.error());
  const Row& row = r->at(0);
  return RegistryCounts{row.Int(0), row.Int(1), row.Int(2), row.Int(3), row.Int(4), row.Int(5)};
}

Result<std::map<std::string, int64_t>> RegistryStore::PersonsPerCounty() {
  auto rows = db_.Query("SELECT county_code, COUNT(*) FROM persons GROUP BY county_code");
  if (!rows) return std::unexpected(rows.error());
  std::map<std::string, int64_t> out;
  for (const Row& r : *rows) out[r.Text(0)] = r.Int(1);
  return out;
}

Result<int64_t> RegistryStore::MaxId(std::string_view entity) {
  auto t = rows::TableOf(entity);
  if (!t) return Fail(ErrorCode::kInvalidArgument, "未知的实体：" + std::string(entity));
  auto r = db_.Query("SELECT MAX(" + std::string(t->id_column) + ") FROM " +
                     std::string(t->table));
  if (!r) return std::unexpected(r.error());
  return r->at(0).Int(0);
}

}  // namespace qjy::store
