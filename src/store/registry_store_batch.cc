// RegistryStore::UpsertPersons: the batch upsert behind CSV/XLSX imports.
#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "store/registry_rows.h"
#include "store/region_counts.h"
#include "store/registry_store.h"

namespace qjy::store {
namespace {

namespace rows = registry_rows;

// Persons per lookup query. Every query has exactly this many parameters
// (a short chunk repeats its last hash), so one cached statement serves all.
constexpr size_t kLookupChunk = 500;

// Positions in a PreparedPersons row (person_id first, then the insert
// columns of registry_rows.h, whose last three are fingerprint, created_at,
// updated_at).
constexpr size_t kIdHashAt = 2;

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  out += '"';
}

std::string_view KeyView(const Value& blob) {
  const Blob& b = std::get<Blob>(blob);
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

std::string Key(const Value& blob) {
  const Blob& b = std::get<Blob>(blob);
  return std::string(b.begin(), b.end());
}

// The tail of a batch history entry's diff_json: ,"file":[null,f],"rows":[null,"a-b"]}
std::string BatchSourceJson(const RegistryStore::PersonBatchInfo& info) {
  std::string out;
  if (!info.file.empty()) {
    out += ",\"file\":[null,";
    AppendJsonString(out, info.file);
    out += ']';
  }
  if (info.first_row > 0) {
    out += ",\"rows\":[null,\"" + std::to_string(info.first_row) + '-' +
           std::to_string(info.last_row) + "\"]";
  }
  out += '}';
  return out;
}

std::string LookupSql() {
  return "SELECT id_hash, person_id, fingerprint FROM persons WHERE id_hash IN (" +
         rows::Marks(kLookupChunk) + ")";
}

}  // namespace

RegistryStore::PreparedPersons RegistryStore::PreparePersons(
    std::span<const registry::Person> persons) const {
  PreparedPersons out;
  out.persons.reserve(persons.size());
  static const std::string kNoTime;
  for (size_t i = 0; i < persons.size(); ++i) {
    const registry::Person& p = persons[i];
    out.persons.push_back(rows::PersonValues(p, vault_, kNoTime, int64_t{0}));
    for (size_t c = 0; c < p.certificates.size(); ++c) {
      out.certificates.push_back(rows::CertificateValues(p, c));
      out.certificate_owner.push_back(i);
    }
    for (size_t g = 0; g < p.groups.size(); ++g) {
      out.groups.push_back(rows::GroupValues(p, g));
      out.group_owner.push_back(i);
    }
  }
  return out;
}

Result<std::vector<UpsertOutcome>> RegistryStore::UpsertPersons(
    std::span<registry::Person> persons, std::string_view actor) {
  return UpsertPersons(persons, PreparePersons(persons), actor, PersonBatchInfo{});
}

Result<std::vector<UpsertOutcome>> RegistryStore::UpsertPersons(
    std::span<registry::Person> persons, PreparedPersons prepared, std::string_view actor,
    const PersonBatchInfo& info) {
  const size_t n = persons.size();
  if (prepared.persons.size() != n) {
    return Fail(ErrorCode::kInternal, "批量写入的预处理数据与人员数不符");
  }
  for (const auto& p : persons) {
    if (p.id_number.empty()) return Fail(ErrorCode::kInvalidArgument, "缺少身份证号");
  }
  std::vector<UpsertOutcome> outcomes(n, UpsertOutcome::kUnchanged);
  if (n == 0) return outcomes;
  // Only the rows of new persons are moved out below, so the slow path
  // still finds the fingerprints of the others here.
  const size_t fingerprint_at = prepared.persons[0].size() - 3;
  auto fingerprint = [&](size_t i) -> const Value& { return prepared.persons[i][fingerprint_at]; };

  if (db_.dialect() == Dialect::kPostgres && !info.none_stored) {
    // The lookup is a prepared statement: after five runs PostgreSQL may
    // switch to a generic plan made while the table was small and had no
    // statistics (a sequential scan), then keep scanning a table that grows
    // with every batch. Plan each run for the table as it is. Lasts until
    // the end of the caller's transaction.
    QJY_TRY(db_.Exec("SET LOCAL plan_cache_mode = force_custom_plan"));
  }
  // Stored (person_id, fingerprint) by ID hash.
  struct Stored {
    int64_t person_id = 0;
    Value fingerprint;
  };
  std::unordered_map<std::string, Stored> stored;
  stored.reserve(n);
  const std::string lookup = LookupSql();
  std::vector<Value> keys(kLookupChunk);
  for (size_t off = 0; !info.none_stored && off < n; off += kLookupChunk) {
    for (size_t k = 0; k < kLookupChunk; ++k) {
      keys[k] = prepared.persons[std::min(off + k, n - 1)][kIdHashAt];
    }
    auto found = db_.Query(lookup, keys);
    if (!found) return std::unexpected(found.error());
    for (auto& r : *found) {
      stored[Key(r.cells[0])] = {r.Int(1), std::move(r.cells[2])};
    }
  }

  // Sort the batch: unchanged, new, or for UpsertPerson (changed, no
  // fingerprint yet, or a repeat of an earlier person of this batch).
  std::vector<size_t> inserts, slow;
  std::vector<bool> inserted(n, false);
  std::unordered_set<std::string_view> seen;  // views of the hashes in `prepared`
  seen.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const std::string_view key = KeyView(prepared.persons[i][kIdHashAt]);
    auto it = stored.empty() ? stored.end() : stored.find(std::string(key));
    if (!seen.insert(key).second) {
      slow.push_back(i);
    } else if (it == stored.end()) {
      inserts.push_back(i);
      inserted[i] = true;
    } else {
      persons[i].person_id = it->second.person_id;
      if (it->second.fingerprint == fingerprint(i)) {
        outcomes[i] = UpsertOutcome::kUnchanged;
      } else {
        slow.push_back(i);
      }
    }
  }

  if (!inserts.empty()) {
    // Ids: SQLite's writer holds the database lock for the whole
    // transaction (BEGIN IMMEDIATE), so max+1.. cannot clash; PostgreSQL
    // draws them from the identity sequence.
    std::vector<int64_t> ids;
    ids.reserve(inserts.size());
    if (db_.dialect() == Dialect::kPostgres) {
      const Value count[] = {static_cast<int64_t>(inserts.size())};
      auto r = db_.Query(
          "SELECT nextval(pg_get_serial_sequence('persons', 'person_id'))"
          " FROM generate_series(1, ?)",
          count);
      if (!r) return std::unexpected(r.error());
      for (const auto& row : *r) ids.push_back(row.Int(0));
    } else {
      auto r = db_.Query("SELECT COALESCE(MAX(person_id), 0) FROM persons");
      if (!r) return std::unexpected(r.error());
      const int64_t base = r->at(0).Int(0);
      for (size_t k = 0; k < inserts.size(); ++k) ids.push_back(base + 1 + static_cast<int64_t>(k));
    }
    if (ids.size() != inserts.size()) return Fail(ErrorCode::kStore, "无法分配人员编号");

    const Value now = Now();
    // The history: one entry per county of the batch (store/registry_schema.cc).
    std::map<std::string_view, std::vector<size_t>> by_county;  // → positions in inserts
    for (size_t k = 0; k < inserts.size(); ++k) {
      by_county[persons[inserts[k]].county_code].push_back(k);
    }
    std::vector<int64_t> change_of(inserts.size(), 0);
    const std::string source = BatchSourceJson(info);
    for (const auto& [county, members] : by_county) {
      const Value entry[] = {std::string(county), ids[members.front()], std::string(actor), now,
                             "{\"count\":[null," + std::to_string(members.size()) + "]" + source};
      auto r = db_.Query(
          "INSERT INTO changes (county_code, entity, entity_id, actor, at, op, diff_json)"
          " VALUES (?, 'person_import', ?, ?, ?, 'insert', ?) RETURNING change_id",
          entry);
      if (!r) return std::unexpected(r.error());
      if (r->size() != 1) return Fail(ErrorCode::kStore, "无法写入导入记录");
      for (size_t k : members) change_of[k] = r->front().Int(0);
    }

    std::vector<std::vector<Value>> person_rows, cert_rows, group_rows;
    person_rows.reserve(inserts.size());
    for (size_t k = 0; k < inserts.size(); ++k) {
      const size_t i = inserts[k];
      persons[i].person_id = ids[k];
      std::vector<Value>& v = prepared.persons[i];
      v[0] = ids[k];
      v[v.size() - 2] = now;
      v[v.size() - 1] = now;
      v.emplace_back(change_of[k]);
      person_rows.push_back(std::move(v));
      outcomes[i] = UpsertOutcome::kInserted;
    }
    // Child rows carry their person's id first.
    auto children = [&](std::vector<std::vector<Value>>& all, const std::vector<size_t>& owner,
                        std::vector<std::vector<Value>>& out) {
      out.reserve(all.size());
      for (size_t c = 0; c < all.size(); ++c) {
        if (!inserted[owner[c]]) continue;
        all[c][0] = persons[owner[c]].person_id;
        out.push_back(std::move(all[c]));
      }
    };
    children(prepared.certificates, prepared.certificate_owner, cert_rows);
    children(prepared.groups, prepared.group_owner, group_rows);
    static const std::vector<std::string> kPersonCols = [] {
      std::vector<std::string> c = {"person_id"};
      for (auto& x : rows::SplitColumns(rows::kPersonInsertColumns)) c.push_back(std::move(x));
      c.push_back("insert_change_id");
      return c;
    }();
    static const std::vector<std::string> kCertCols = rows::SplitColumns(rows::kCertificateColumns);
    static const std::vector<std::string> kGroupCols = rows::SplitColumns(rows::kGroupColumns);
    // Parents first: foreign keys are checked per row.
    QJY_TRY(db_.CopyIn("persons", kPersonCols, person_rows));
    if (!cert_rows.empty()) QJY_TRY(db_.CopyIn("person_certificates", kCertCols, cert_rows));
    if (!group_rows.empty()) QJY_TRY(db_.CopyIn("person_groups", kGroupCols, group_rows));
    std::vector<std::vector<Value>> search_rows;
    for (size_t i : inserts) {
      for (auto& r : person_search::Rows(persons[i], vault_)) search_rows.push_back(std::move(r));
    }
    if (!search_rows.empty()) QJY_TRY(db_.CopyIn("person_search", person_search::kColumns, search_rows));
    region_counts::Delta counts;
    for (size_t i : inserts) {
      counts.Person(persons[i].county_code, persons[i].hukou_region, persons[i].residence_region, +1);
    }
    QJY_TRY(region_counts::Apply(db_, counts));
  }

  for (size_t i : slow) {
    auto r = UpsertPerson(persons[i], actor);
    if (!r) return std::unexpected(r.error());
    outcomes[i] = *r;
    if (*r == UpsertOutcome::kUnchanged) {
      // Stored before fingerprints existed: record it, so the next import
      // of this person takes the fast path. Not a change of the record.
      const Value p[] = {fingerprint(i), persons[i].person_id};
      QJY_TRY(db_.Exec("UPDATE persons SET fingerprint = ? WHERE person_id = ?"
                       " AND fingerprint IS NULL",
                       p));
    }
  }
  return outcomes;
}

}  // namespace qjy::store
