#include "linkage/link_store.h"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/mask.h"
#include "core/now_iso.h"
#include "linkage/encoded_store.h"
#include "linkage/person_compare.h"

namespace qjy::linkage {
namespace {

using store::Value;

constexpr char kSchema[] = R"sql(
CREATE TABLE linkage_batches (
  batch_id {id},
  county_code TEXT NOT NULL,
  partner TEXT NOT NULL,
  file_name TEXT NOT NULL,
  encoding TEXT NOT NULL,
  rows {int} NOT NULL,
  status TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE linkage_records (
  record_id {id},
  county_code TEXT NOT NULL,
  batch_id {int} NOT NULL,
  source TEXT NOT NULL,
  row_no {int} NOT NULL,
  name TEXT NOT NULL,
  id_number_enc {blob},
  birth_date TEXT NOT NULL,
  sex TEXT NOT NULL,
  division_code TEXT NOT NULL,
  phone_enc {blob},
  employer TEXT NOT NULL,
  insured_months {int} NOT NULL,
  status TEXT NOT NULL,
  cluster_id {int} NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX linkage_records_cluster ON linkage_records (county_code, cluster_id);
CREATE INDEX linkage_records_cluster_only ON linkage_records (cluster_id);
CREATE INDEX linkage_records_batch ON linkage_records (batch_id);
CREATE TABLE linkage_links (
  county_code TEXT NOT NULL,
  record_id {int} NOT NULL,
  other_record_id {int} NOT NULL,
  weight_milli {int} NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (county_code, record_id, other_record_id)
);
CREATE TABLE linkage_review (
  review_id {id},
  county_code TEXT NOT NULL,
  record_id {int} NOT NULL,
  other_record_id {int} NOT NULL,
  weight_milli {int} NOT NULL,
  probability_ppm {int} NOT NULL,
  status TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX linkage_review_open ON linkage_review (county_code, status, weight_milli);
CREATE TABLE linkage_cluster_merges (
  county_code TEXT NOT NULL,
  from_cluster {int} NOT NULL,
  into_cluster {int} NOT NULL,
  review_id {int} NOT NULL,
  merged_at TEXT NOT NULL,
  PRIMARY KEY (county_code, from_cluster)
);
CREATE INDEX linkage_cluster_merges_from ON linkage_cluster_merges (from_cluster);
CREATE TABLE linkage_models (
  county_code TEXT NOT NULL,
  partner TEXT NOT NULL,
  model_json TEXT NOT NULL,
  trained_at TEXT NOT NULL,
  PRIMARY KEY (county_code, partner)
);
)sql";

// Follow-up services a link run triggers (followup.h), one per person and cluster.
constexpr char kFollowupSchema[] = R"sql(
CREATE TABLE linkage_followups (
  followup_id {id},
  county_code TEXT NOT NULL,
  person_id {int} NOT NULL,
  cluster_id {int} NOT NULL,
  record_id {int} NOT NULL,
  partner TEXT NOT NULL,
  status TEXT NOT NULL,
  employer TEXT NOT NULL,
  start_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX linkage_followups_county ON linkage_followups (county_code, start_on);
CREATE UNIQUE INDEX linkage_followups_person ON linkage_followups (person_id, cluster_id);
)sql";

// A follow-up closed by an officer's contact without a service record
// (followup.h: FollowupStore::Close); '' while open.
constexpr char kFollowupOutcomeSchema[] = R"sql(
ALTER TABLE linkage_followups ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE linkage_followups ADD COLUMN outcome_note TEXT NOT NULL DEFAULT '';
ALTER TABLE linkage_followups ADD COLUMN closed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE linkage_followups ADD COLUMN closed_on TEXT NOT NULL DEFAULT '';
)sql";

// Ledger flags a link run raises (ledger_flags.h): A4(九) poverty ledger,
// A3(四) benefit cross-check; one per kind, person, cluster and month.
constexpr char kFlagSchema[] = R"sql(
CREATE TABLE linkage_flags (
  flag_id {id},
  county_code TEXT NOT NULL,
  kind TEXT NOT NULL,
  person_id {int} NOT NULL,
  cluster_id {int} NOT NULL,
  record_id {int} NOT NULL,
  partner TEXT NOT NULL,
  status TEXT NOT NULL,
  month TEXT NOT NULL,
  created_at TEXT NOT NULL,
  outcome TEXT NOT NULL DEFAULT '',
  closed_by TEXT NOT NULL DEFAULT '',
  closed_at TEXT
);
CREATE INDEX linkage_flags_county ON linkage_flags (county_code, month, kind);
CREATE UNIQUE INDEX linkage_flags_once ON linkage_flags (county_code, kind, person_id, cluster_id, month);
)sql";

const store::Migration kMigrations[] = {
    {1200, "linkage_records_links_review", kSchema},
    {1201, "linkage_followups", kFollowupSchema},
    {1202, "linkage_flags", kFlagSchema},
    {1203, "linkage_followup_outcomes", kFollowupOutcomeSchema},
    EncodedMigration(),  // 1204, privacy-preserving mode (encoded_store.h)
};

std::string LinkStoreNowIso() { return NowIsoUtc(); }

// The county that answers for a record: its home division when in Guizhou.
std::string CountyOf(const PersonFields& p, const std::string& importing_county) {
  const uint32_t d = NormalizeDivision(p.division_code);
  if (d / 10000 == 52 && d % 100 != 0) return std::to_string(d);
  return importing_county;
}

constexpr char kRecordColumns[] =
    "record_id, county_code, batch_id, source, row_no, name, id_number_enc, birth_date, sex, "
    "division_code, phone_enc, employer, insured_months, status, cluster_id";

constexpr uint64_t kMinPairsToKeepModel = 1000;

template <class T>
std::unexpected<Error> LinkStoreErr(const Result<T>& r) {
  return std::unexpected(r.error());
}

}  // namespace

std::span<const store::Migration> LinkageMigrations() { return kMigrations; }

std::string ModelToJson(const Model& model) {
  nlohmann::json j;
  j["lambda"] = model.lambda;
  j["fields"] = nlohmann::json::array();
  for (const auto& f : model.fields) j["fields"].push_back({{"m", f.m}, {"u", f.u}, {"weight", f.weight}});
  return j.dump();
}

Result<Model> ModelFromJson(const std::string& text) {
  try {
    const nlohmann::json j = nlohmann::json::parse(text);
    Model m;
    m.lambda = j.at("lambda").get<double>();
    for (const auto& f : j.at("fields")) {
      LevelParams p;
      p.m = f.at("m").get<std::vector<double>>();
      p.u = f.at("u").get<std::vector<double>>();
      p.weight = f.at("weight").get<std::vector<double>>();
      if (p.m.size() != p.u.size() || p.m.size() != p.weight.size()) throw std::runtime_error("sizes");
      m.fields.push_back(std::move(p));
    }
    return m;
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInvalidArgument, std::string("链接模型数据无效：") + e.what());
  }
}

Result<void> LinkStore::Migrate() { return store::ApplyMigrations(db_, LinkageMigrations()); }

Result<int64_t> LinkStore::ImportBatch(const PartnerFile& file, const std::string& partner,
                                       const std::string& file_name, const std::string& county_code,
                                       const std::string& actor) {
  if (!file.errors.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("文件有 {} 处错误，未导入任何记录", file.errors.size()));
  }
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return LinkStoreErr(tx);
  const std::string now = LinkStoreNowIso();
  const std::vector<Value> batch = {county_code, partner, file_name, file.encoding,
                                    static_cast<int64_t>(file.records.size()), std::string("imported"),
                                    actor, now};
  auto ins = db_.Query(
      "INSERT INTO linkage_batches (county_code, partner, file_name, encoding, rows, status, created_by,"
      " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING batch_id",
      batch);
  if (!ins) return LinkStoreErr(ins);
  const int64_t batch_id = ins->at(0).Int(0);
  std::vector<std::vector<Value>> rows;
  rows.reserve(file.records.size());
  for (const PartnerRecord& r : file.records) {
    const PersonFields& p = r.person;
    const std::string id = NormalizeIdNumber(p.id_number);
    const uint64_t phone = NormalizePhone(p.phone);
    const uint32_t birth = NormalizeBirthDate(p.birth_date);
    const uint8_t sex = NormalizeSex(p.sex);
    rows.push_back({CountyOf(p, county_code), batch_id, partner, r.row, p.name,
                    id.empty() ? Value() : Value(vault_.Encrypt(id)),
                    birth ? fmt::format("{:04}-{:02}-{:02}", birth / 10000, birth / 100 % 100, birth % 100)
                          : std::string(),
                    std::string(sex == 1 ? "男" : sex == 2 ? "女" : ""), p.division_code,
                    phone ? Value(vault_.Encrypt(std::to_string(phone))) : Value(), r.employer,
                    static_cast<int64_t>(r.insured_months), r.status, int64_t{0}, now});
  }
  static const std::vector<std::string> kCols = {
      "county_code", "batch_id", "source", "row_no", "name", "id_number_enc", "birth_date", "sex",
      "division_code", "phone_enc", "employer", "insured_months", "status", "cluster_id", "created_at"};
  if (auto c = db_.CopyIn("linkage_records", kCols, rows); !c) return LinkStoreErr(c);
  if (auto c = tx->Commit(); !c) return LinkStoreErr(c);
  return batch_id;
}

Result<std::vector<StoredRecord>> LinkStore::LoadRecords(const std::string& where,
                                                         std::span<const Value> params, bool reveal) {
  auto rows = db_.Query(fmt::format("SELECT {} FROM linkage_records WHERE {} ORDER BY record_id",
                                    kRecordColumns, where),
                        params);
  if (!rows) return LinkStoreErr(rows);
  std::vector<StoredRecord> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    StoredRecord s;
    s.record_id = r.Int(0);
    s.county_code = r.Text(1);
    s.batch_id = r.Int(2);
    s.source = r.Text(3);
    s.row = r.Int(4);
    s.person.name = r.Text(5);
    if (!r.IsNull(6)) {
      auto id = vault_.Decrypt(r.Bytes(6));
      if (!id) return LinkStoreErr(id);
      s.person.id_number = reveal ? *id : MaskIdNumber(*id);
    }
    s.person.birth_date = r.Text(7);
    s.person.sex = r.Text(8);
    s.person.division_code = r.Text(9);
    if (!r.IsNull(10)) {
      auto phone = vault_.Decrypt(r.Bytes(10));
      if (!phone) return LinkStoreErr(phone);
      s.person.phone = reveal ? *phone : MaskPhone(*phone);
    }
    s.employer = r.Text(11);
    s.insured_months = static_cast<int>(r.Int(12));
    s.status = r.Text(13);
    s.cluster_id = r.Int(14);
    out.push_back(std::move(s));
  }
  return out;
}

Result<LinkBatchStats> LinkStore::LinkBatch(int64_t batch_id, const LinkOptions& options,
                                            const std::string& actor, const Model* model) {
  const std::vector<Value> bid = {batch_id};
  auto batch = db_.Query("SELECT status, partner, county_code FROM linkage_batches WHERE batch_id = ?", bid);
  if (!batch) return LinkStoreErr(batch);
  if (batch->empty()) return Fail(ErrorCode::kNotFound, "没有该批次");
  if (batch->at(0).Text(0) != "imported") return Fail(ErrorCode::kConflict, "该批次已经比对过");
  const std::string partner = batch->at(0).Text(1), batch_county = batch->at(0).Text(2);

  auto fresh = LoadRecords("batch_id = ?", bid, true);
  if (!fresh) return LinkStoreErr(fresh);
  auto existing = LoadRecords("cluster_id <> 0", {}, true);
  if (!existing) return LinkStoreErr(existing);

  LinkBatchStats stats;
  stats.records = static_cast<int64_t>(fresh->size());
  std::vector<int64_t> cluster(fresh->size(), 0);  // 0 = its own new cluster
  struct Pending {
    size_t fresh;
    const StoredRecord* other;
    ScoredPair pair;
  };
  std::vector<Pending> links, reviews;

  std::optional<Model> stored_model;
  if (model == nullptr) {
    const std::vector<Value> key = {batch_county, partner};
    auto m = db_.Query("SELECT model_json FROM linkage_models WHERE county_code = ? AND partner = ?", key);
    if (!m) return LinkStoreErr(m);
    if (!m->empty()) {
      auto parsed = ModelFromJson(m->at(0).Text(0));
      if (!parsed) return LinkStoreErr(parsed);
      stored_model = std::move(*parsed);
      model = &*stored_model;
    }
  }
  bool fitted = false;
  if (!existing->empty() && !fresh->empty()) {
    PersonTable left, right;
    left.Reserve(existing->size());
    right.Reserve(fresh->size());
    for (const auto& r : *existing) left.Add(r.person);
    for (const auto& r : *fresh) right.Add(r.person);
    PersonLinkSpec spec(left, right);
    const auto comparisons = spec.comparisons();
    const auto rules = spec.Rules();
    LinkOptions o = options;
    o.model = model;
    auto result = Link(left.size(), right.size(), comparisons, rules, o);
    if (!result) return LinkStoreErr(result);
    // Kept for later batches only when fitted on enough pairs to mean something.
    fitted = model == nullptr && result->stats.candidate_pairs >= kMinPairsToKeepModel;
    stats.model = result->model;
    stats.candidate_pairs = result->stats.candidate_pairs;
    for (const ScoredPair& p : result->links) links.push_back({p.right, &(*existing)[p.left], p});
    for (const ScoredPair& p : result->review) reviews.push_back({p.right, &(*existing)[p.left], p});
  } else if (model != nullptr) {
    stats.model = *model;
  }

  auto tx = store::Transaction::Begin(db_);
  if (!tx) return LinkStoreErr(tx);
  const std::string now = LinkStoreNowIso();
  for (const Pending& l : links) {
    const StoredRecord& f = (*fresh)[l.fresh];
    cluster[l.fresh] = l.other->cluster_id;
    const std::vector<Value> v = {f.county_code, f.record_id, l.other->record_id,
                                  static_cast<int64_t>(std::lround(l.pair.weight * 1000)),
                                  std::string("model"), now};
    if (auto r = db_.Exec("INSERT INTO linkage_links (county_code, record_id, other_record_id, weight_milli,"
                          " decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)",
                          v);
        !r) {
      return LinkStoreErr(r);
    }
  }
  for (const Pending& l : reviews) {
    const StoredRecord& f = (*fresh)[l.fresh];
    const std::vector<Value> v = {f.county_code, f.record_id, l.other->record_id,
                                  static_cast<int64_t>(std::lround(l.pair.weight * 1000)),
                                  static_cast<int64_t>(std::lround(l.pair.probability * 1e6)),
                                  std::string("open"), now};
    if (auto r = db_.Exec("INSERT INTO linkage_review (county_code, record_id, other_record_id, weight_milli,"
                          " probability_ppm, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          v);
        !r) {
      return LinkStoreErr(r);
    }
  }
  stats.linked = static_cast<int64_t>(links.size());
  stats.review = static_cast<int64_t>(reviews.size());
  for (size_t i = 0; i < fresh->size(); ++i) {
    int64_t c = cluster[i];
    if (c == 0) {
      c = (*fresh)[i].record_id;
      ++stats.new_clusters;
    }
    const std::vector<Value> v = {c, (*fresh)[i].record_id};
    if (auto r = db_.Exec("UPDATE linkage_records SET cluster_id = ? WHERE record_id = ?", v); !r) return LinkStoreErr(r);
  }
  if (fitted) {
    const std::vector<Value> del = {batch_county, partner};
    if (auto r = db_.Exec("DELETE FROM linkage_models WHERE county_code = ? AND partner = ?", del); !r) return LinkStoreErr(r);
    const std::vector<Value> ins = {batch_county, partner, ModelToJson(stats.model), now};
    if (auto r = db_.Exec("INSERT INTO linkage_models (county_code, partner, model_json, trained_at)"
                          " VALUES (?, ?, ?, ?)",
                          ins);
        !r) {
      return LinkStoreErr(r);
    }
  }
  const std::vector<Value> done = {std::string("linked"), batch_id};
  if (auto r = db_.Exec("UPDATE linkage_batches SET status = ? WHERE batch_id = ?", done); !r) return LinkStoreErr(r);
  (void)actor;
  if (auto c = tx->Commit(); !c) return LinkStoreErr(c);
  return stats;
}

Result<std::vector<ReviewItem>> LinkStore::OpenReviews(const std::string& scope, int limit) {
  const std::vector<Value> params = {scope + "%", static_cast<int64_t>(limit)};
  auto rows = db_.Query(
      "SELECT review_id, county_code, record_id, other_record_id, weight_milli, probability_ppm, status"
      " FROM linkage_review WHERE county_code LIKE ? AND status = 'open'"
      " ORDER BY weight_milli DESC, review_id LIMIT ?",
      params);
  if (!rows) return LinkStoreErr(rows);
  std::vector<ReviewItem> out;
  for (const auto& r : *rows) {
    ReviewItem item;
    item.review_id = r.Int(0);
    item.county_code = r.Text(1);
    auto a = FindRecord(r.Int(2));
    auto b = FindRecord(r.Int(3));
    if (!a) return LinkStoreErr(a);
    if (!b) return LinkStoreErr(b);
    if (!*a || !*b) return Fail(ErrorCode::kInternal, "复核项引用的记录不存在");
    item.record = std::move(**a);
    item.candidate = std::move(**b);
    item.weight = static_cast<double>(r.Int(4)) / 1000;
    item.probability = static_cast<double>(r.Int(5)) / 1e6;
    item.status = r.Text(6);
    out.push_back(std::move(item));
  }
  return out;
}

Result<void> LinkStore::Resolve(int64_t review_id, bool match, const std::string& scope,
                                const std::string& actor) {
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return LinkStoreErr(tx);
  const std::vector<Value> id = {review_id};
  auto rows = db_.Query(
      "SELECT county_code, record_id, other_record_id, weight_milli, status FROM linkage_review"
      " WHERE review_id = ?",
      id);
  if (!rows) return LinkStoreErr(rows);
  if (rows->empty()) return Fail(ErrorCode::kNotFound, "没有该复核项");
  const store::Row& r = rows->at(0);
  const std::string county = r.Text(0);
  if (!county.starts_with(scope)) return Fail(ErrorCode::kPermissionDenied, "该复核项不在您的管辖范围内");
  if (r.Text(4) != "open") return Fail(ErrorCode::kConflict, "该复核项已经处理过");
  const std::string now = LinkStoreNowIso();
  const std::vector<Value> upd = {std::string(match ? "match" : "non_match"), actor, now, review_id};
  if (auto u = db_.Exec("UPDATE linkage_review SET status = ?, decided_by = ?, decided_at = ?"
                        " WHERE review_id = ? AND status = 'open'",
                        upd);
      !u) {
    return LinkStoreErr(u);
  }
  if (match) {
    auto a = FindRecord(r.Int(1));
    auto b = FindRecord(r.Int(2));
    if (!a) return LinkStoreErr(a);
    if (!b) return LinkStoreErr(b);
    if (!*a || !*b) return Fail(ErrorCode::kInternal, "复核项引用的记录不存在");
    const int64_t ca = (*a)->cluster_id, cb = (*b)->cluster_id;
    const std::vector<Value> link = {county, r.Int(1), r.Int(2), r.Int(3), actor, now};
    if (auto l = db_.Exec("INSERT INTO linkage_links (county_code, record_id, other_record_id, weight_milli,"
                          " decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)",
                          link);
        !l) {
      return LinkStoreErr(l);
    }
    if (ca != cb) {
      const int64_t into = std::min(ca, cb), from = std::max(ca, cb);
      const std::vector<Value> mv = {into, from};
      if (auto m = db_.Exec("UPDATE linkage_records SET cluster_id = ? WHERE cluster_id = ?", mv); !m) return LinkStoreErr(m);
      const std::vector<Value> merge = {county, from, into, review_id, now};
      if (auto m = db_.Exec("INSERT INTO linkage_cluster_merges (county_code, from_cluster, into_cluster,"
                            " review_id, merged_at) VALUES (?, ?, ?, ?, ?)",
                            merge);
          !m) {
        return LinkStoreErr(m);
      }
    }
  }
  return tx->Commit();
}

Result<std::vector<BatchInfo>> LinkStore::Batches(const std::string& scope, int limit) {
  const std::vector<Value> p = {scope + "%", static_cast<int64_t>(limit)};
  auto rows = db_.Query(
      "SELECT b.batch_id, b.county_code, b.partner, b.file_name, b.encoding, b.status, b.created_by, b.created_at,"
      " b.rows,"
      " (SELECT COUNT(*) FROM linkage_links l JOIN linkage_records r ON r.record_id = l.record_id"
      "   WHERE r.batch_id = b.batch_id)"
      " + (SELECT COUNT(*) FROM linkage_encoded_pairs e WHERE e.batch_id = b.batch_id AND e.status = 'match'),"
      " (SELECT COUNT(*) FROM linkage_review v JOIN linkage_records r ON r.record_id = v.record_id"
      "   WHERE r.batch_id = b.batch_id AND v.status = 'open')"
      " + (SELECT COUNT(*) FROM linkage_encoded_pairs e WHERE e.batch_id = b.batch_id AND e.status = 'open')"
      " FROM linkage_batches b WHERE b.county_code LIKE ? ORDER BY b.batch_id DESC LIMIT ?",
      p);
  if (!rows) return LinkStoreErr(rows);
  std::vector<BatchInfo> out;
  for (const auto& r : *rows) {
    BatchInfo b;
    b.batch_id = r.Int(0);
    b.county_code = r.Text(1);
    b.partner = r.Text(2);
    b.file_name = r.Text(3);
    b.encoding = r.Text(4);
    b.status = r.Text(5);
    b.created_by = r.Text(6);
    b.created_at = r.Text(7);
    b.rows = r.Int(8);
    b.linked = r.Int(9);
    b.review_open = r.Int(10);
    out.push_back(std::move(b));
  }
  return out;
}

Result<std::vector<FieldAgreement>> LinkStore::Explain(const ReviewItem& item) {
  const std::vector<Value> ids = {item.record.record_id, item.candidate.record_id};
  auto recs = LoadRecords("record_id IN (?, ?)", ids, true);
  if (!recs) return LinkStoreErr(recs);
  if (recs->size() != 2) return Fail(ErrorCode::kInternal, "复核项引用的记录不存在");
  const StoredRecord& fresh = (*recs)[0].record_id == item.record.record_id ? (*recs)[0] : (*recs)[1];
  const StoredRecord& other = &fresh == &(*recs)[0] ? (*recs)[1] : (*recs)[0];
  PersonTable left, right;
  left.Add(other.person);
  right.Add(fresh.person);
  PersonLinkSpec spec(left, right);
  // The partner's kept model (absent when its batches were too small to keep one).
  std::optional<Model> model;
  const std::vector<Value> bid = {fresh.batch_id};
  auto key = db_.Query(
      "SELECT m.model_json FROM linkage_batches b JOIN linkage_models m"
      " ON m.county_code = b.county_code AND m.partner = b.partner WHERE b.batch_id = ?",
      bid);
  if (!key) return LinkStoreErr(key);
  if (!key->empty()) {
    auto parsed = ModelFromJson(key->at(0).Text(0));
    if (parsed) model = std::move(*parsed);
  }
  static const char* const kFields[] = {"姓名", "身份证号", "出生日期", "户籍地", "手机号", "性别"};
  static const std::vector<std::vector<const char*>> kLabels = {
      {"缺失", "不同", "同姓", "拼音相差一个字（缺字、错字或颠倒）", "同音（拼音相同）", "完全相同"},
      {"缺失", "不同", "相差一位（疑似录入错误）", "相同"},
      {"缺失", "不同", "年月日有两项相同", "日与月颠倒", "相同"},
      {"缺失", "不同省", "同省", "同市（州）", "同县"},
      {"缺失", "不同", "相差一位", "相同"},
      {"缺失", "不同", "相同"}};
  std::vector<FieldAgreement> out;
  for (int f = 0; f < kPersonFieldCount; ++f) {
    FieldAgreement a;
    a.field = kFields[f];
    a.level = spec.comparison(static_cast<PersonField>(f)).Level(0, 0);
    const auto& labels = kLabels[f];
    a.level_label = a.level >= 0 && a.level < static_cast<int>(labels.size()) ? labels[a.level] : "";
    if (model && f < static_cast<int>(model->fields.size()) &&
        a.level < static_cast<int>(model->fields[f].weight.size())) {
      a.weight = model->fields[f].weight[a.level];
    }
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::optional<StoredRecord>> LinkStore::FindRecord(int64_t record_id) {
  const std::vector<Value> p = {record_id};
  auto rows = LoadRecords("record_id = ?", p, false);
  if (!rows) return LinkStoreErr(rows);
  if (rows->empty()) return std::optional<StoredRecord>();
  return std::optional<StoredRecord>(std::move(rows->front()));
}

Result<std::vector<StoredRecord>> LinkStore::ClusterMembers(int64_t cluster_id) {
  auto c = ResolveCluster(cluster_id);
  if (!c) return LinkStoreErr(c);
  const std::vector<Value> p = {*c};
  return LoadRecords("cluster_id = ?", p, false);
}

Result<int64_t> LinkStore::ResolveCluster(int64_t cluster_id) {
  for (int hops = 0; hops < 64; ++hops) {
    const std::vector<Value> p = {cluster_id};
    auto rows = db_.Query("SELECT into_cluster FROM linkage_cluster_merges WHERE from_cluster = ?", p);
    if (!rows) return LinkStoreErr(rows);
    if (rows->empty()) return cluster_id;
    cluster_id = rows->at(0).Int(0);
  }
  return Fail(ErrorCode::kInternal, "聚类合并链过长");
}

}  // namespace qjy::linkage
