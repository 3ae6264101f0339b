#include "linkage/encoded_store.h"

#include <cmath>
#include <ranges>

#include <fmt/format.h>

#include "core/mask.h"
#include "core/now_iso.h"
#include "linkage/person_table.h"

namespace qjy::linkage {
namespace {

using store::Value;

constexpr char kEncodedSchema[] = R"sql(
CREATE TABLE linkage_encoded_records (
  record_id {id},
  county_code TEXT NOT NULL,
  batch_id {int} NOT NULL,
  row_no {int} NOT NULL,
  opaque_id TEXT NOT NULL,
  encodings {blob} NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX linkage_encoded_records_batch ON linkage_encoded_records (batch_id);
CREATE TABLE linkage_encoded_pairs (
  pair_id {id},
  county_code TEXT NOT NULL,
  batch_id {int} NOT NULL,
  record_id {int} NOT NULL,
  person_id {int} NOT NULL,
  weight_milli {int} NOT NULL,
  probability_ppm {int} NOT NULL,
  levels TEXT NOT NULL,
  status TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX linkage_encoded_pairs_county ON linkage_encoded_pairs (county_code, status, weight_milli);
CREATE INDEX linkage_encoded_pairs_batch ON linkage_encoded_pairs (batch_id);
)sql";

template <class T>
std::unexpected<Error> Err(const Result<T>& r) {
  return std::unexpected(r.error());
}

PersonFields FieldsOf(const registry::Person& p) {
  return {p.name, p.id_number, p.birth_date.ToString(), p.sex == registry::Sex::kMale ? "男" : "女",
          p.hukou_region, p.phone};
}

// Our persons of a region, in person id order.
Result<std::vector<registry::Person>> RegionPersons(store::RegistryStore& registry, const std::string& region) {
  std::vector<registry::Person> out;
  store::PersonFilter f;
  f.region_prefix = region;
  f.limit = 1000;
  for (;;) {
    auto page = registry.ListPersons(f);
    if (!page) return Err(page);
    if (page->empty()) break;
    f.after_person_id = page->back().person_id;
    for (auto& p : *page) out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

store::Migration EncodedMigration() { return {1204, "linkage_encoded", kEncodedSchema}; }

Result<EncodedFile> EncodedLinkStore::EncodeRegion(const std::string& region, const BloomSecret& secret,
                                                   const std::string& party) {
  auto persons = RegionPersons(registry_, region);
  if (!persons) return Err(persons);
  PersonTable table;
  table.Reserve(persons->size());
  EncodedFile out;
  out.party = party;
  for (const auto& p : *persons) {
    table.Add(FieldsOf(p));
    out.ids.push_back(OpaqueIdOf(vault_, 'p', p.person_id));
  }
  out.table = EncodeBloom(table, secret);
  return out;
}

Result<EncodedLinkStats> EncodedLinkStore::ImportAndLink(const EncodedFile& partner, const std::string& file_name,
                                                         const std::string& region, const BloomSecret& secret,
                                                         const LinkOptions& options, const std::string& county_code,
                                                         const std::string& actor) {
  if (partner.ids.size() != partner.table.size()) {
    return Fail(ErrorCode::kInvalidArgument, "编码文件的记录编号数与编码行数不符");
  }
  auto persons = RegionPersons(registry_, region);
  if (!persons) return Err(persons);
  PersonTable ours_plain;
  ours_plain.Reserve(persons->size());
  for (const auto& p : *persons) ours_plain.Add(FieldsOf(p));
  const BloomTable ours = EncodeBloom(ours_plain, secret, options.threads);

  EncodedLinkStats stats;
  stats.partner_rows = static_cast<int64_t>(partner.table.size());
  stats.our_persons = static_cast<int64_t>(persons->size());
  LinkResult result;
  BloomLinkSpec spec(ours, partner.table);
  const auto comparisons = spec.comparisons();
  if (ours.size() > 0 && partner.table.size() > 0) {
    const auto rules = spec.Rules();
    auto r = Link(ours.size(), partner.table.size(), comparisons, rules, options);
    if (!r) return Err(r);
    result = std::move(*r);
  }
  stats.candidate_pairs = result.stats.candidate_pairs;
  stats.model = result.model;

  auto tx = store::Transaction::Begin(db_);
  if (!tx) return Err(tx);
  const std::string now = NowIsoUtc();
  const std::vector<Value> batch = {county_code, partner.party, file_name, std::string("bloom-v1"),
                                    stats.partner_rows, std::string("linked"), actor, now};
  auto ins = db_.Query(
      "INSERT INTO linkage_batches (county_code, partner, file_name, encoding, rows, status, created_by,"
      " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING batch_id",
      batch);
  if (!ins) return Err(ins);
  stats.batch_id = ins->at(0).Int(0);
  std::vector<int64_t> record_ids(partner.table.size());
  for (size_t i = 0; i < partner.table.size(); ++i) {
    const std::vector<Value> v = {county_code, stats.batch_id, static_cast<int64_t>(i + 1), partner.ids[i],
                                  Value(Blob(PackRow(partner.table, i))), now};
    auto rec = db_.Query(
        "INSERT INTO linkage_encoded_records (county_code, batch_id, row_no, opaque_id, encodings, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?) RETURNING record_id",
        v);
    if (!rec) return Err(rec);
    record_ids[i] = rec->at(0).Int(0);
  }
  auto store_pair = [&](const ScoredPair& p, const char* status) -> Result<void> {
    const registry::Person& person = (*persons)[p.left];
    std::string levels;
    for (const Comparison* c : comparisons) {
      if (!levels.empty()) levels += ',';
      levels += std::to_string(c->Level(p.left, p.right));
    }
    const std::vector<Value> v = {person.county_code, stats.batch_id, record_ids[p.right], person.person_id,
                                  static_cast<int64_t>(std::lround(p.weight * 1000)),
                                  static_cast<int64_t>(std::lround(p.probability * 1e6)), levels,
                                  std::string(status), std::string(*status == 'm' ? "model" : ""), now};
    auto r = db_.Exec(
        "INSERT INTO linkage_encoded_pairs (county_code, batch_id, record_id, person_id, weight_milli,"
        " probability_ppm, levels, status, decided_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        v);
    if (!r) return Err(r);
    return {};
  };
  for (const ScoredPair& p : result.links) {
    if (auto r = store_pair(p, "match"); !r) return Err(r);
  }
  for (const ScoredPair& p : result.review) {
    if (auto r = store_pair(p, "open"); !r) return Err(r);
  }
  stats.linked = static_cast<int64_t>(result.links.size());
  stats.review = static_cast<int64_t>(result.review.size());
  if (auto c = tx->Commit(); !c) return Err(c);
  return stats;
}

Result<std::vector<EncodedPair>> EncodedLinkStore::Pairs(const std::string& scope, const std::string& status,
                                                         int64_t batch_id, int limit) {
  if (status != "match" && status != "open") {
    return Fail(ErrorCode::kInvalidArgument, "只能列出已关联（match）或待复核（open）的记录对");
  }
  std::vector<Value> params = {scope + "%", status};
  std::string where = "p.county_code LIKE ? AND p.status = ?";
  if (batch_id != 0) {
    where += " AND p.batch_id = ?";
    params.emplace_back(batch_id);
  }
  params.emplace_back(static_cast<int64_t>(limit));
  auto rows = db_.Query(
      "SELECT p.pair_id, p.county_code, p.batch_id, b.partner, r.opaque_id, p.person_id, p.weight_milli,"
      " p.probability_ppm, p.levels, p.status, p.decided_by"
      " FROM linkage_encoded_pairs p JOIN linkage_encoded_records r ON r.record_id = p.record_id"
      " JOIN linkage_batches b ON b.batch_id = p.batch_id WHERE " +
          where + " ORDER BY p.weight_milli DESC, p.pair_id LIMIT ?",
      params);
  if (!rows) return Err(rows);
  std::vector<EncodedPair> out;
  for (const auto& r : *rows) {
    EncodedPair e;
    e.pair_id = r.Int(0);
    e.county_code = r.Text(1);
    e.batch_id = r.Int(2);
    e.partner = r.Text(3);
    e.partner_record = r.Text(4);
    e.person_id = r.Int(5);
    e.weight = static_cast<double>(r.Int(6)) / 1000;
    e.probability = static_cast<double>(r.Int(7)) / 1e6;
    const std::string levels = r.Text(8);
    for (const auto& part : std::views::split(levels, ',')) {
      e.levels.push_back(std::stoi(std::string(part.begin(), part.end())));
    }
    e.status = r.Text(9);
    e.decided_by = r.Text(10);
    auto person = registry_.GetPerson(e.person_id);
    if (!person) return Err(person);
    if (*person) {
      e.name = MaskPersonName((*person)->name);
      e.id_number = MaskIdNumber((*person)->id_number);
      e.phone = (*person)->phone.empty() ? "" : MaskPhone((*person)->phone);
    }
    out.push_back(std::move(e));
  }
  return out;
}

Result<void> EncodedLinkStore::Resolve(int64_t pair_id, bool match, const std::string& scope,
                                       const std::string& actor) {
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return Err(tx);
  const std::vector<Value> id = {pair_id};
  auto rows = db_.Query("SELECT county_code, status FROM linkage_encoded_pairs WHERE pair_id = ?", id);
  if (!rows) return Err(rows);
  if (rows->empty()) return Fail(ErrorCode::kNotFound, "没有该记录对");
  if (!rows->at(0).Text(0).starts_with(scope)) {
    return Fail(ErrorCode::kPermissionDenied, "该记录对不在您的管辖范围内");
  }
  if (rows->at(0).Text(1) != "open") return Fail(ErrorCode::kConflict, "该记录对已经处理过");
  const std::vector<Value> upd = {std::string(match ? "match" : "non_match"), actor, NowIsoUtc(), pair_id};
  if (auto u = db_.Exec("UPDATE linkage_encoded_pairs SET status = ?, decided_by = ?, decided_at = ?"
                        " WHERE pair_id = ? AND status = 'open'",
                        upd);
      !u) {
    return Err(u);
  }
  return tx->Commit();
}

}  // namespace qjy::linkage
