// The privacy-preserving mode and within-file deduplication in the store,
// on SQLite and PostgreSQL: our persons encoded (ids only we can resolve),
// a partner's encoded file imported and linked with EM and the review band,
// matched pairs revealed masked and only within the officer's region; a
// partner batch deduplicated into clusters with its duplicates in the
// review queue.
#include "linkage/encoded_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "linkage/link_store.h"
#include "linkage/synth.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"

namespace qjy::linkage {
namespace {

const Vault& EncodedVault() {
  static const Vault v = Vault::FromKey(std::array<uint8_t, 32>{7, 1, 8});
  return v;
}

constexpr BloomSecret kStoreSecret = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6};

class EncodedStoreTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    registry_ = std::make_unique<store::RegistryStore>(*db_, EncodedVault());
    ASSERT_TRUE(registry_->Migrate());
    links_ = std::make_unique<LinkStore>(*db_, EncodedVault());
    ASSERT_TRUE(links_->Migrate());
    encoded_ = std::make_unique<EncodedLinkStore>(*db_, EncodedVault(), *registry_);
  }

  // Our registry: the synthetic left file (all with ID numbers).
  // Returns row -> person id.
  std::vector<int64_t> AddPersons(const std::vector<PersonFields>& rows) {
    std::vector<int64_t> ids;
    auto tx = store::Transaction::Begin(*db_);
    EXPECT_TRUE(tx);
    for (const auto& f : rows) {
      registry::Person p;
      p.id_number = NormalizeIdNumber(f.id_number);
      p.county_code = f.division_code.empty() ? p.id_number.substr(0, 6) : f.division_code;
      p.name = f.name;
      const uint32_t b = NormalizeBirthDate(p.id_number.substr(6, 8));
      p.birth_date = *Date::FromYmd(static_cast<int>(b / 10000), static_cast<int>(b / 100 % 100),
                                    static_cast<int>(b % 100));
      p.sex = (p.id_number[16] - '0') % 2 == 1 ? registry::Sex::kMale : registry::Sex::kFemale;
      p.ethnicity = "汉族";
      p.phone = f.phone;
      p.hukou_region = p.residence_region = f.division_code.empty() ? p.county_code : f.division_code;
      auto r = registry_->UpsertPerson(p, "test");
      EXPECT_TRUE(r) << r.error().message << " " << p.id_number;
      ids.push_back(p.person_id);
    }
    EXPECT_TRUE(tx->Commit());
    return ids;
  }

  int64_t Count(const char* sql) {
    auto r = db_->Query(sql);
    return r ? r->at(0).Int(0) : -1;
  }

  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<LinkStore> links_;
  std::unique_ptr<EncodedLinkStore> encoded_;
};

TEST_P(EncodedStoreTest, PartnerEncodingsLinkAndOnlyMatchedPairsAreRevealed) {
  SynthOptions so;
  so.left = 400;
  so.right = 300;
  so.left_id_missing = 0;
  SynthRng rng(1204);
  auto data = Synthesize(so, QJY_GEN_DATA_DIR, rng);
  ASSERT_TRUE(data.has_value());
  const std::vector<int64_t> person_ids = AddPersons(data->left);

  // Our file for the partner: ids resolve only with our key, to our persons.
  auto ours = encoded_->EncodeRegion("52", kStoreSecret, "贵州省人社厅");
  ASSERT_TRUE(ours) << ours.error().message;
  ASSERT_EQ(ours->ids.size(), person_ids.size());
  std::set<int64_t> resolved;
  for (const auto& id : ours->ids) {
    auto n = ResolveOpaqueId(EncodedVault(), 'p', id);
    ASSERT_TRUE(n) << n.error().message;
    resolved.insert(*n);
    EXPECT_NE(id, std::to_string(*n));
  }
  EXPECT_EQ(resolved, std::set<int64_t>(person_ids.begin(), person_ids.end()));
  const Vault other = Vault::FromKey(std::array<uint8_t, 32>{1});
  EXPECT_FALSE(ResolveOpaqueId(other, 'p', ours->ids.front()).has_value());

  // The partner's file, as it would arrive (through the text format).
  PersonTable partner_plain;
  EncodedFile partner;
  partner.party = "广东省人社厅";
  for (size_t j = 0; j < data->right.size(); ++j) {
    partner_plain.Add(data->right[j]);
    partner.ids.push_back("gd-" + std::to_string(j));
  }
  partner.table = EncodeBloom(partner_plain, kStoreSecret);
  auto text = EncodedFileText(partner, kStoreSecret);
  ASSERT_TRUE(text);
  EXPECT_EQ(text->find(data->right.front().name), std::string::npos);
  auto arrived = ParseEncodedFile(*text, kStoreSecret);
  ASSERT_TRUE(arrived) << arrived.error().message;

  LinkOptions o;
  o.u_sample_pairs = 200'000;
  auto stats = encoded_->ImportAndLink(*arrived, "gd.enc", "52", kStoreSecret, o, "520102", "officer");
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->partner_rows, 300);
  EXPECT_EQ(stats->our_persons, 400);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM linkage_encoded_records"), 300);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM linkage_batches WHERE encoding = 'bloom-v1'"), 1);

  auto matched = encoded_->Pairs("52", "match", stats->batch_id, 1000);
  ASSERT_TRUE(matched) << matched.error().message;
  EXPECT_EQ(static_cast<int64_t>(matched->size()), stats->linked);
  std::map<int64_t, size_t> row_of;
  for (size_t i = 0; i < person_ids.size(); ++i) row_of[person_ids[i]] = i;
  uint64_t right = 0;
  for (const auto& p : *matched) {
    const uint32_t left = static_cast<uint32_t>(row_of.at(p.person_id));
    const uint32_t r = static_cast<uint32_t>(std::stoul(p.partner_record.substr(3)));
    right += std::binary_search(data->truth.begin(), data->truth.end(), std::pair(left, r));
    EXPECT_NE(p.id_number.find('*'), std::string::npos);  // masked
    EXPECT_EQ(p.levels.size(), 6u);
    EXPECT_TRUE(p.partner_record.starts_with("gd-"));
  }
  const double precision = matched->empty() ? 0 : static_cast<double>(right) / matched->size();
  const double recall = static_cast<double>(right) / data->truth.size();
  std::printf("encoded store 400 x 300: links %zu, review %lld, precision %.3f recall %.3f\n", matched->size(),
              static_cast<long long>(stats->review), precision, recall);
  EXPECT_GE(precision, 0.95);
  EXPECT_GE(recall, 0.90);
  // Another region sees nothing.
  auto elsewhere = encoded_->Pairs("5399", "match");
  ASSERT_TRUE(elsewhere);
  EXPECT_TRUE(elsewhere->empty());
}

TEST_P(EncodedStoreTest, ReviewBandPairsAreDecidedWithinScopeOnce) {
  SynthOptions so;
  so.left = 50;
  so.right = 50;
  so.left_id_missing = 0;
  SynthRng rng(7);
  auto data = Synthesize(so, QJY_GEN_DATA_DIR, rng);
  ASSERT_TRUE(data.has_value());
  AddPersons(data->left);
  PersonTable plain;
  EncodedFile partner;
  partner.party = "浙江省人社厅";
  for (size_t j = 0; j < data->right.size(); ++j) {
    plain.Add(data->right[j]);
    partner.ids.push_back("zj-" + std::to_string(j));
  }
  partner.table = EncodeBloom(plain, kStoreSecret);
  LinkOptions o;
  o.u_sample_pairs = 20'000;
  o.match_probability = 1.01;  // everything above the floor goes to review
  o.review_probability = 0.5;
  auto stats = encoded_->ImportAndLink(partner, "zj.enc", "52", kStoreSecret, o, "520102", "officer");
  ASSERT_TRUE(stats) << stats.error().message;
  ASSERT_EQ(stats->linked, 0);
  ASSERT_GT(stats->review, 0);
  auto open = encoded_->Pairs("52", "open");
  ASSERT_TRUE(open);
  ASSERT_FALSE(open->empty());
  const EncodedPair first = open->front();
  EXPECT_EQ(encoded_->Resolve(first.pair_id, true, "5399", "o").error().code, ErrorCode::kPermissionDenied);
  ASSERT_TRUE(encoded_->Resolve(first.pair_id, true, first.county_code.substr(0, 4), "officer"));
  EXPECT_EQ(encoded_->Resolve(first.pair_id, false, "52", "officer").error().code, ErrorCode::kConflict);
  auto matched = encoded_->Pairs("52", "match");
  ASSERT_TRUE(matched);
  ASSERT_EQ(matched->size(), 1u);
  EXPECT_EQ(matched->front().decided_by, "officer");
  EXPECT_EQ(encoded_->Resolve(999999, true, "52", "o").error().code, ErrorCode::kNotFound);
}

TEST_P(EncodedStoreTest, BatchDeduplicatedIntoClustersOnce) {
  SynthOptions so;
  so.left = 800;
  so.right = 300;
  SynthRng rng(1205);
  auto data = Synthesize(so, QJY_GEN_DATA_DIR, rng);
  ASSERT_TRUE(data.has_value());
  // One partner file holding both: every truth pair is a planted duplicate.
  PartnerFile file;
  file.encoding = "utf-8";
  for (const auto* side : {&data->left, &data->right}) {
    for (const auto& p : *side) {
      PartnerRecord r;
      r.row = static_cast<int64_t>(file.records.size()) + 1;
      r.person = p;
      file.records.push_back(std::move(r));
    }
  }
  file.rows = static_cast<int64_t>(file.records.size());
  auto batch = links_->ImportBatch(file, "广东省人社厅", "gd.csv", "520102", "officer");
  ASSERT_TRUE(batch) << batch.error().message;
  LinkOptions o;
  o.u_sample_pairs = 200'000;
  auto stats = links_->DedupBatch(*batch, o, "officer");
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->records, 1100);
  EXPECT_GT(stats->clusters_with_duplicates, 100);
  // Truth pairs share a cluster; a cluster id is its first member's record id.
  auto rows = db_->Query("SELECT record_id, cluster_id, row_no FROM linkage_records ORDER BY record_id");
  ASSERT_TRUE(rows);
  std::vector<int64_t> cluster(rows->size()), record(rows->size());
  for (size_t i = 0; i < rows->size(); ++i) {
    record[i] = rows->at(i).Int(0);
    cluster[i] = rows->at(i).Int(1);
    EXPECT_LE(cluster[i], record[i]);
    EXPECT_NE(cluster[i], 0);
  }
  size_t together = 0;
  for (const auto& [l, r] : data->truth) together += cluster[l] == cluster[so.left + r];
  std::printf("dedup batch 1100 rows: %zu of %zu planted duplicates clustered, review %lld\n", together,
              data->truth.size(), static_cast<long long>(stats->review));
  EXPECT_GE(static_cast<double>(together) / data->truth.size(), 0.9);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM linkage_links"), stats->linked);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM linkage_review WHERE status = 'open'"), stats->review);
  EXPECT_EQ(links_->DedupBatch(*batch, o, "officer").error().code, ErrorCode::kConflict);
  EXPECT_EQ(links_->LinkBatch(*batch, o, "officer").error().code, ErrorCode::kConflict);
}

QJY_INSTANTIATE_STORE_TEST(EncodedStoreTest);

}  // namespace
}  // namespace qjy::linkage
