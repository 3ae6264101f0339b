// The linkage store on SQLite and PostgreSQL: partner batches stored whole,
// incremental linking into stable clusters, the clerical-review queue.
#include "linkage/link_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "linkage/person_compare.h"
#include "linkage/synth.h"
#include "store/store_test_support.h"

namespace qjy::linkage {
namespace {

using store::Dialect;

const Vault& TestVault() {
  static const Vault v = Vault::FromKey(std::array<uint8_t, 32>{7, 1, 8});
  return v;
}

constexpr char kMappingYaml[] = R"(partner: 广东省人社厅
columns:
  姓名: name
  身份证: id_number
  出生日期: birth_date
  性别: sex
  户籍地: division_code
  手机: phone
)";

// A model fitted once on a separate synthetic set (another seed), as a
// county would keep from an earlier run.
const Model& FittedModel() {
  static const Model model = [] {
    SynthOptions o;
    o.left = o.right = 5000;
    SynthRng rng(99);
    auto data = Synthesize(o, QJY_GEN_DATA_DIR, rng);
    PersonTable l, r;
    for (const auto& p : data->left) l.Add(p);
    for (const auto& p : data->right) r.Add(p);
    PersonLinkSpec spec(l, r);
    return Link(l.size(), r.size(), spec.comparisons(), spec.Rules(), LinkOptions{})->model;
  }();
  return model;
}

class LinkStoreTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    links_ = std::make_unique<LinkStore>(*db_, TestVault());
    auto m = links_->Migrate();
    ASSERT_TRUE(m) << m.error().message;
    dir_ = std::filesystem::temp_directory_path() / ("qjy_link_store_" + std::to_string(getpid()) + "_" +
                                                     std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    StoreTest::TearDown();
  }

  // Writes `rows` as the partner's CSV and imports it.
  int64_t Import(const std::vector<PersonFields>& rows, const std::string& partner) {
    std::string csv = "姓名,身份证,出生日期,性别,户籍地,手机\n";
    for (const auto& p : rows) {
      csv += p.name + "," + p.id_number + "," + p.birth_date + "," + p.sex + "," + p.division_code + "," +
             p.phone + "\n";
    }
    const std::string path = (dir_ / (partner + std::to_string(rows.size()) + ".csv")).string();
    std::ofstream(path, std::ios::binary) << csv;
    auto file = ReadPartnerFile(path, *ParsePartnerMapping(kMappingYaml));
    EXPECT_TRUE(file.has_value()) << file.error().message;
    EXPECT_TRUE(file->errors.empty()) << file->errors.front().message;
    auto id = links_->ImportBatch(*file, partner, "file.csv", "520102", "officer");
    EXPECT_TRUE(id.has_value()) << id.error().message;
    return *id;
  }

  int64_t Count(const char* sql) {
    auto r = db_->Query(sql);
    return r ? r->at(0).Int(0) : -1;
  }

  static inline int counter_ = 0;
  std::filesystem::path dir_;
  std::unique_ptr<LinkStore> links_;
};

TEST_P(LinkStoreTest, IncrementalBatchesJoinExistingClusters) {
  SynthOptions o;
  o.left = o.right = 400;
  SynthRng rng(5);
  auto data = Synthesize(o, QJY_GEN_DATA_DIR, rng);
  ASSERT_TRUE(data.has_value());

  const int64_t b1 = Import(data->left, "贵州省就业登记");
  auto s1 = links_->LinkBatch(b1, LinkOptions{}, "officer", &FittedModel());
  ASSERT_TRUE(s1) << s1.error().message;
  EXPECT_EQ(s1->new_clusters, 400);  // nothing to link against yet
  EXPECT_EQ(s1->linked, 0);
  EXPECT_FALSE(links_->LinkBatch(b1, LinkOptions{}, "officer").has_value());  // once only

  const int64_t b2 = Import(data->right, "广东省人社厅");
  auto s2 = links_->LinkBatch(b2, LinkOptions{}, "officer", &FittedModel());
  ASSERT_TRUE(s2) << s2.error().message;
  EXPECT_EQ(s2->records, 400);

  // Record ids of the two batches in file order.
  auto ids = [&](int64_t batch) {
    const std::vector<store::Value> p = {batch};
    auto rows = db_->Query("SELECT record_id, cluster_id FROM linkage_records WHERE batch_id = ? ORDER BY row_no", p);
    std::vector<std::pair<int64_t, int64_t>> out;
    for (const auto& r : *rows) out.emplace_back(r.Int(0), r.Int(1));
    return out;
  };
  const auto left = ids(b1), right = ids(b2);
  ASSERT_EQ(left.size(), 400u);
  ASSERT_EQ(right.size(), 400u);
  // Left clusters are their own record ids (stable: the first member's id).
  for (const auto& [rec, cl] : left) EXPECT_EQ(rec, cl);
  int found = 0;
  for (const auto& [l, r] : data->truth) found += right[r].second == left[l].second;
  std::map<int64_t, int> right_in_left_cluster;
  int wrong = 0;
  std::map<int64_t, uint32_t> left_row_of_cluster;
  for (uint32_t i = 0; i < left.size(); ++i) left_row_of_cluster[left[i].second] = i;
  for (uint32_t j = 0; j < right.size(); ++j) {
    auto it = left_row_of_cluster.find(right[j].second);
    if (it == left_row_of_cluster.end()) continue;
    wrong += !std::binary_search(data->truth.begin(), data->truth.end(), std::pair(it->second, j));
  }
  EXPECT_GE(found, static_cast<int>(data->truth.size() * 0.95)) << "of " << data->truth.size();
  EXPECT_LE(wrong, 2);
  EXPECT_EQ(s2->linked + s2->new_clusters, 400);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM linkage_links"), s2->linked);

  // Stored masked: no plaintext ID number leaves the store.
  auto rec = links_->FindRecord(left[0].first);
  ASSERT_TRUE(rec && *rec);
  EXPECT_NE((*rec)->person.id_number, data->left[0].id_number);
  EXPECT_NE((*rec)->person.id_number.find('*'), std::string::npos);
}

TEST_P(LinkStoreTest, ReviewQueueMergesClustersWithinScope) {
  SynthOptions o;
  o.left = o.right = 50;
  SynthRng rng(11);
  auto data = Synthesize(o, QJY_GEN_DATA_DIR, rng);
  const int64_t b1 = Import(data->left, "贵州省就业登记");
  ASSERT_TRUE(links_->LinkBatch(b1, LinkOptions{}, "officer", &FittedModel()));

  // The partner holds person 0 without ID and phone: everything to review.
  PersonFields p = data->left[0];
  p.id_number.clear();
  p.phone.clear();
  const int64_t b2 = Import({p}, "浙江省人社厅");
  LinkOptions review_all;
  review_all.match_probability = 1.01;  // no automatic links: officers decide
  auto s2 = links_->LinkBatch(b2, review_all, "officer", &FittedModel());
  ASSERT_TRUE(s2) << s2.error().message;
  EXPECT_EQ(s2->linked, 0);
  ASSERT_GE(s2->review, 1);

  const std::string county = p.division_code;
  auto other_scope = links_->OpenReviews(county.substr(0, 2) == "52" && county.substr(0, 4) != "5227" ? "5227" : "5201");
  ASSERT_TRUE(other_scope);
  auto queue = links_->OpenReviews("52");
  ASSERT_TRUE(queue) << queue.error().message;
  ASSERT_GE(queue->size(), 1u);
  const ReviewItem& item = queue->front();
  EXPECT_EQ(item.county_code, county);
  EXPECT_EQ(item.record.person.name, p.name);
  EXPECT_TRUE(item.record.person.id_number.empty());
  EXPECT_NE(item.candidate.person.id_number.find('*'), std::string::npos);  // masked
  for (const auto& it : *other_scope) EXPECT_NE(it.review_id, item.review_id);

  const int64_t new_cluster = item.record.cluster_id;
  const int64_t old_cluster = item.candidate.cluster_id;
  ASSERT_NE(new_cluster, old_cluster);
  auto denied = links_->Resolve(item.review_id, true, "5299", "officer");
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
  auto ok = links_->Resolve(item.review_id, true, county.substr(0, 4), "officer");
  ASSERT_TRUE(ok) << ok.error().message;
  auto again = links_->Resolve(item.review_id, false, "52", "officer");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);

  // The older cluster id survives; the newer one still resolves to it.
  EXPECT_EQ(*links_->ResolveCluster(new_cluster), std::min(new_cluster, old_cluster));
  auto members = links_->ClusterMembers(new_cluster);
  ASSERT_TRUE(members);
  ASSERT_EQ(members->size(), 2u);
  EXPECT_EQ((*members)[0].cluster_id, old_cluster);
  EXPECT_EQ((*members)[1].cluster_id, old_cluster);
  auto open = links_->OpenReviews("52");
  ASSERT_TRUE(open);
  for (const auto& it : *open) EXPECT_NE(it.review_id, item.review_id);
}

TEST_P(LinkStoreTest, FileWithErrorsStoresNothing) {
  PartnerFile bad;
  bad.errors.push_back({2, "出生日期", "无法识别的日期“1990-13-45”"});
  auto r = links_->ImportBatch(bad, "广东省人社厅", "bad.csv", "520102", "officer");
  ASSERT_FALSE(r);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM linkage_batches"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM linkage_records"), 0);
}

TEST(LinkModelJsonTest, RoundTrip) {
  const Model& m = FittedModel();
  auto back = ModelFromJson(ModelToJson(m));
  ASSERT_TRUE(back);
  ASSERT_EQ(back->fields.size(), m.fields.size());
  EXPECT_DOUBLE_EQ(back->lambda, m.lambda);
  EXPECT_EQ(back->fields[kIdNumber].weight, m.fields[kIdNumber].weight);
  EXPECT_FALSE(ModelFromJson("{\"lambda\": 0.5}"));
}

QJY_INSTANTIATE_STORE_TEST(LinkStoreTest);

}  // namespace
}  // namespace qjy::linkage
