// The shard layout (store/pg_shards.h) on real PostgreSQL servers: the shard
// servers of $QJY_TEST_PG_SHARDS under scripts/with-postgres-shards.sh, or,
// under scripts/with-postgres.sh, two databases of the one test server
// reached through postgres_fdw as if they were other servers (loopback).
#include "store/pg_shards.h"

#include <algorithm>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "core/clock.h"
#include "registry/contribution.h"
#include "registry/model.h"
#include "store/contribution_store.h"
#include "store/payment_facts_store.h"
#include "store/registry_store.h"
#include "store/store_test_support.h"
#include "core/date_test_support.h"

namespace qjy::store {
namespace {

using registry::Person;

using ::qjy::test_support::D;

Person MakePerson(int n, const std::string& county) {
  Person p;
  p.county_code = county;
  char id[32];
  std::snprintf(id, sizeof id, "5201021991%07d%c", n, "0123456789X"[n % 11]);
  p.id_number = id;
  p.name = "李" + std::to_string(n);
  p.sex = registry::Sex::kFemale;
  p.birth_date = D("1991-04-05");
  p.ethnicity = "布依族";
  p.phone = "1390000" + std::to_string(1000 + n);
  p.hukou_region = county + "001";
  p.residence_region = county + "002";
  p.education = registry::Education::kPrimary;
  p.certificates.push_back({"电工", 3, D("2016-05-20")});
  p.groups.push_back({registry::Group::kRuralLabour, D("2020-01-01"), std::nullopt});
  return p;
}

const std::vector<std::string> kCounties = {"520102", "520111", "520112", "522601", "522701",
                                            "520302", "520402", "522301", "520602", "520502"};

class PgShardsTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    if (const char* list = std::getenv("QJY_TEST_PG_SHARDS"); list != nullptr && *list != '\0') {
      shards_ = SplitShardUrls(list);
    } else {
      // Loopback: two databases of this server stand for two shard servers.
      auto admin = OpenDb(url_);
      ASSERT_TRUE(admin);
      const std::string base = url_.substr(0, url_.rfind('/') + 1);
      for (int i = 0; i < 2; ++i) {
        const std::string name = schema_ + "_s" + std::to_string(i);
        ASSERT_TRUE((*admin)->ExecScript("CREATE DATABASE " + name));
        made_dbs_.push_back(name);
        shards_.push_back(base + name);
      }
    }
    store_ = std::make_unique<RegistryStore>(*db_, vault_, clock_);
    auto m = store_->Migrate();
    ASSERT_TRUE(m) << m.error().message;
  }
  void TearDown() override {
    store_.reset();
    const bool loopback = !made_dbs_.empty();
    if (!loopback) sharded_on_ = shards_;  // StoreTest drops the shards' schemas
    StoreTest::TearDown();
    if (loopback) {
      if (auto admin = OpenDb(url_)) {
        for (const auto& name : made_dbs_) {
          (void)(*admin)->ExecScript("DROP SERVER IF EXISTS qjy_shard_127_0_0_1_" + Port() + "_" + name +
                                     " CASCADE");
          (void)(*admin)->ExecScript("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
      }
    }
  }
  std::string Port() const {
    const auto colon = url_.rfind(':');
    return url_.substr(colon + 1, url_.rfind('/') - colon - 1);
  }
  int64_t Count(Db& db, const std::string& sql) {
    auto r = db.Query(sql);
    EXPECT_TRUE(r) << r.error().message;
    return r && !r->empty() ? r->front().Int(0) : -1;
  }
  // A direct connection to shard i, in this test's schema.
  std::unique_ptr<Db> Shard(size_t i) {
    auto db = OpenDb(shards_.at(i));
    EXPECT_TRUE(db) << db.error().message;
    if (!db) return nullptr;
    EXPECT_TRUE((*db)->ExecScript("SET search_path TO " + schema_));
    return std::move(*db);
  }
  void StorePersons(int from, int count) {
    auto tx = Transaction::Begin(*db_);
    ASSERT_TRUE(tx);
    for (int n = from; n < from + count; ++n) {
      Person p = MakePerson(n, kCounties[n % kCounties.size()]);
      auto r = store_->UpsertPerson(p, "tester");
      ASSERT_TRUE(r) << r.error().message;
      registry::Contribution c;
      c.county_code = p.county_code;
      c.person_id = p.person_id;
      c.employer_credit_code = "";
      c.month = registry::MonthIndex(2024, 6);
      c.kinds = 3;
      c.base_fen = 400000;
      ASSERT_TRUE(ContributionStore(*db_).Put(c));
      registry::PaymentFacts f;
      f.bank_account = "62220000" + std::to_string(100000 + n);
      ASSERT_TRUE(WritePaymentFacts(*db_, vault_, std::span(&p, 1), std::span(&f, 1), "2024-06-10T08:00:00Z"));
    }
    ASSERT_TRUE(tx->Commit());
  }

  const ManualClock clock_{1718000000};
  Vault vault_ = Vault::FromKey(std::array<uint8_t, 32>{9, 8, 7});
  std::unique_ptr<RegistryStore> store_;
  std::vector<std::string> shards_, made_dbs_;
};

TEST_P(PgShardsTest, MovesStoredRowsOntoTheShardsOneCountyPerShard) {
  StorePersons(1, 40);
  auto report = ApplyShardLayout(*db_, shards_);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->shards, static_cast<int>(shards_.size()));
  EXPECT_EQ(report->tables.size(), ShardedTables().size());
  EXPECT_GT(report->rows_moved, 40 * 4);  // persons, certificates, groups, search, changes, contributions

  auto parts = PartitionedTables(*db_);
  ASSERT_TRUE(parts);
  EXPECT_EQ(std::set<std::string>(parts->begin(), parts->end()),
            std::set<std::string>(ShardedTables().begin(), ShardedTables().end()));
  for (std::string_view t : ShardedTables()) {
    const std::string table(t);
    const int64_t total = Count(*db_, "SELECT COUNT(*) FROM " + table);
    if (table != "contracts" && table != "separations") {  // none stored
      EXPECT_GT(total, 0) << table;
    }
    EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM ONLY " + table), 0) << table << " kept rows on the coordinator";
    int64_t sum = 0;
    for (size_t i = 0; i < shards_.size(); ++i) {
      auto s = Shard(i);
      ASSERT_NE(s, nullptr);
      sum += Count(*s, "SELECT COUNT(*) FROM " + table);
    }
    EXPECT_EQ(sum, total) << table;
  }
  // Each county on exactly one shard, and every shard used.
  std::set<std::string> seen;
  for (size_t i = 0; i < shards_.size(); ++i) {
    auto s = Shard(i);
    ASSERT_NE(s, nullptr);
    auto counties = s->Query("SELECT DISTINCT county_code FROM persons");
    ASSERT_TRUE(counties);
    EXPECT_FALSE(counties->empty()) << "shard " << i << " holds no county";
    for (const auto& r : *counties) EXPECT_TRUE(seen.insert(r.Text(0)).second) << r.Text(0);
  }
  EXPECT_EQ(seen.size(), kCounties.size());

  // The store works as before on top: lookups, new ids after the moved ones.
  auto found = store_->FindPersonByIdNumber(MakePerson(7, kCounties[7]).id_number);
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->name, "李7");
  EXPECT_EQ((*found)->certificates.size(), 1u);
  StorePersons(41, 1);
  auto max = store_->MaxId("person");
  ASSERT_TRUE(max);
  EXPECT_EQ(*max, 41);
  auto again = store_->Migrate();  // the bulk indexes are not put on the parents
  EXPECT_TRUE(again) << again.error().message;
}

// Certificates and groups left with a moved person's old county (rows
// written before 6432dfb) are given the person's county before they are
// partitioned by it, so they land on the person's shard and the
// county-bounded read of the person (PersonsOfCounties, which bounds the
// children by the counties on a sharded registry) finds them.
TEST_P(PgShardsTest, LayoutRepairsChildrenLeftWithAnOldCounty) {
  StorePersons(1, 20);
  Person p = MakePerson(3, kCounties[3]);
  auto stored = store_->FindPersonByIdNumber(p.id_number);
  ASSERT_TRUE(stored && stored->has_value());
  const int64_t id = (*stored)->person_id;
  const Value key[] = {id};
  ASSERT_TRUE(db_->Exec("UPDATE person_certificates SET county_code = '520199' WHERE person_id = ?", key));
  ASSERT_TRUE(db_->Exec("UPDATE person_groups SET county_code = '520199' WHERE person_id = ?", key));
  auto report = ApplyShardLayout(*db_, shards_);
  ASSERT_TRUE(report) << report.error().message;
  auto rows = db_->Query(
      "SELECT county_code FROM person_certificates WHERE person_id = ?"
      " UNION ALL SELECT county_code FROM person_groups WHERE person_id = ?",
      std::vector<Value>{id, id});
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 2u);
  for (const auto& r : *rows) EXPECT_EQ(r.Text(0), kCounties[3]);
  const std::vector<std::string> counties = {kCounties[3]};
  auto read = store_->PersonsOfCounties(counties);
  ASSERT_TRUE(read) << read.error().message;
  const auto it = std::find_if(read->begin(), read->end(), [&](const Person& x) { return x.person_id == id; });
  ASSERT_NE(it, read->end());
  EXPECT_EQ(it->certificates.size(), 1u);
  EXPECT_EQ(it->groups.size(), 1u);
}

// ShardOfCounties names, for each county, the foreign server whose shard
// holds its rows (the per-shard sweep groups its passes by it): checked
// against where the persons really are, county by county (a direct
// connection to each shard), and for a county with no rows yet against
// where its first person lands. Unsharded: an empty map.
TEST_P(PgShardsTest, ShardOfCountiesIsWhereTheCountysRowsAre) {
  StorePersons(1, 30);
  auto before = ShardOfCounties(*db_, kCounties);
  ASSERT_TRUE(before) << before.error().message;
  EXPECT_TRUE(before->empty());
  ASSERT_TRUE(ApplyShardLayout(*db_, shards_));
  std::vector<std::string> asked = kCounties;
  const std::string fresh = "520603";  // no rows yet
  asked.push_back(fresh);
  auto got = ShardOfCounties(*db_, asked);
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_EQ(got->size(), asked.size());
  // The foreign server of each shard: the one whose partition of persons
  // holds a county's rows, read off the coordinator's partitions.
  auto servers = db_->Query(
      "SELECT DISTINCT p.county_code, s.srvname FROM persons p JOIN pg_foreign_table ft ON ft.ftrelid = p.tableoid"
      " JOIN pg_foreign_server s ON s.oid = ft.ftserver");
  ASSERT_TRUE(servers) << servers.error().message;
  std::map<std::string, std::string> rows_on;
  for (const auto& r : *servers) rows_on[r.Text(0)] = r.Text(1);
  ASSERT_EQ(rows_on.size(), kCounties.size());
  std::set<std::string> used;
  for (const auto& c : kCounties) {
    EXPECT_EQ(got->at(c), rows_on.at(c)) << c;
    used.insert(got->at(c));
  }
  EXPECT_EQ(used.size(), shards_.size()) << "every shard holds one of the counties";
  // The county with no rows: its first person goes where it was named.
  Person p = MakePerson(31, fresh);
  ASSERT_TRUE(store_->UpsertPerson(p, "tester"));
  auto landed = db_->Query(
      "SELECT s.srvname FROM persons p JOIN pg_foreign_table ft ON ft.ftrelid = p.tableoid"
      " JOIN pg_foreign_server s ON s.oid = ft.ftserver WHERE p.county_code = ?",
      std::array<Value, 1>{fresh});
  ASSERT_TRUE(landed) << landed.error().message;
  ASSERT_EQ(landed->size(), 1u);
  EXPECT_EQ(landed->front().Text(0), got->at(fresh));
}

// Payment facts (issue #17 §1) are written without ON CONFLICT, which
// foreign partitions refuse: a new person's row lands on its county's shard,
// a second write updates it in place and keeps the fact it does not give.
TEST_P(PgShardsTest, PaymentFactsAreWrittenAndUpdatedOnTheShards) {
  StorePersons(1, 4);
  ASSERT_TRUE(ApplyShardLayout(*db_, shards_));
  StorePersons(5, 1);  // after the layout: an insert through the coordinator
  Person p = MakePerson(5, kCounties[5 % kCounties.size()]);
  p.person_id = 5;
  registry::PaymentFacts address_only;
  address_only.address = "贵阳市南明区花果园大街1号";
  ASSERT_TRUE(db_->Begin());
  auto w = WritePaymentFacts(*db_, vault_, std::span(&p, 1), std::span(&address_only, 1), "2024-06-11T08:00:00Z");
  ASSERT_TRUE(w) << w.error().message;
  ASSERT_TRUE(db_->Commit());
  auto got = GetPaymentFacts(*db_, 5);
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ((*got)->bank_last4, "0005");  // kept from the first write
  EXPECT_FALSE((*got)->bank_hash.empty());
  EXPECT_FALSE((*got)->address_hash.empty());
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM person_payment_facts"), 5);
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM ONLY person_payment_facts"), 0);
  int64_t on_shards = 0;
  for (size_t i = 0; i < shards_.size(); ++i) {
    auto s = Shard(i);
    ASSERT_NE(s, nullptr);
    // Beside the person: the shard that holds person 5 holds its facts.
    EXPECT_EQ(Count(*s, "SELECT COUNT(*) FROM persons WHERE person_id = 5"),
              Count(*s, "SELECT COUNT(*) FROM person_payment_facts WHERE person_id = 5"));
    on_shards += Count(*s, "SELECT COUNT(*) FROM person_payment_facts");
  }
  EXPECT_EQ(on_shards, 5);
}

TEST_P(PgShardsTest, LayoutAgainIsANoOpAnotherShardCountIsRefused) {
  ASSERT_TRUE(ApplyShardLayout(*db_, shards_));
  auto same = ApplyShardLayout(*db_, shards_);
  ASSERT_TRUE(same) << same.error().message;
  EXPECT_TRUE(same->tables.empty());
  auto fewer = ApplyShardLayout(*db_, std::span(shards_).first(1));
  ASSERT_FALSE(fewer);
  EXPECT_EQ(fewer.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(fewer.error().message.find("重新分片"), std::string::npos) << fewer.error().message;
}

// Autovacuum never analyzes foreign partitions: the layout analyzes the
// moved rows, AnalyzePartitioned refreshes them after more writes, and the
// histories ask their shard for estimates instead of being read whole.
TEST_P(PgShardsTest, PlannerStatisticsOfTheShardedTables) {
  StorePersons(1, 40);
  ASSERT_TRUE(ApplyShardLayout(*db_, shards_));
  const std::string partitions_of_persons =
      "SELECT CAST(SUM(c.reltuples) AS BIGINT) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
      " WHERE i.inhparent = to_regclass('persons')";
  EXPECT_EQ(Count(*db_, partitions_of_persons), 40);
  StorePersons(41, 20);
  EXPECT_EQ(Count(*db_, partitions_of_persons), 40);  // stale until analyzed
  auto analyzed = AnalyzePartitioned(*db_);
  ASSERT_TRUE(analyzed) << analyzed.error().message;
  EXPECT_EQ(Count(*db_, partitions_of_persons), 60);
  const std::set<std::string> got(analyzed->begin(), analyzed->end());
  EXPECT_TRUE(got.contains("persons"));
  EXPECT_TRUE(got.contains("contracts"));
  EXPECT_FALSE(got.contains("contributions"));
  EXPECT_FALSE(got.contains("changes"));
  EXPECT_EQ(got.size(), ShardedTables().size() - 2);
  for (const char* history : {"contributions", "changes"}) {
    EXPECT_EQ(Count(*db_, std::string("SELECT COUNT(*) FROM pg_inherits i JOIN pg_foreign_table ft ON ft.ftrelid = "
                                      "i.inhrelid, pg_options_to_table(ft.ftoptions) o WHERE i.inhparent = "
                                      "to_regclass('") + history + "') AND o.option_name = 'use_remote_estimate'"),
              static_cast<int64_t>(shards_.size()))
        << history;
  }
  auto again = AnalyzePartitioned(*db_);  // the option is not added twice
  ASSERT_TRUE(again) << again.error().message;
}

TEST_P(PgShardsTest, DuplicateIdNumberInOneCountyIsCaughtByTheShard) {
  ASSERT_TRUE(ApplyShardLayout(*db_, shards_));
  StorePersons(1, 1);
  Person copy = MakePerson(1, kCounties[1]);
  copy.person_id = 900;
  ASSERT_TRUE(db_->Begin());
  auto r = store_->BulkInsertPersons(std::span(&copy, 1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kAlreadyExists) << r.error().message;
  EXPECT_FALSE(db_->Commit());
  EXPECT_EQ(Count(*db_, "SELECT COUNT(*) FROM persons"), 1);
}

TEST_P(PgShardsTest, BadShardUrlsAreRefusedBeforeAnythingChanges) {
  auto none = ApplyShardLayout(*db_, std::vector<std::string>{});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::kInvalidArgument);
  auto file = ApplyShardLayout(*db_, std::vector<std::string>{"shard.db"});
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().code, ErrorCode::kInvalidArgument);
  auto twice = ApplyShardLayout(*db_, std::vector<std::string>{shards_[0], shards_[0]});
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("重复"), std::string::npos);
  auto parts = PartitionedTables(*db_);
  ASSERT_TRUE(parts);
  EXPECT_TRUE(parts->empty());
}

INSTANTIATE_TEST_SUITE_P(Dialects, PgShardsTest, ::testing::Values(Dialect::kPostgres),
                         testing::DialectName);

TEST(PgShards, SqliteIsRefused) {
  char tmpl[] = "/tmp/qjy-shards-test.XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  {
    auto db = OpenDb(std::string(tmpl) + "/t.db");
    ASSERT_TRUE(db);
    auto r = ApplyShardLayout(**db, std::vector<std::string>{"postgresql://x@127.0.0.1:1/y"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    auto parts = PartitionedTables(**db);
    ASSERT_TRUE(parts);
    EXPECT_TRUE(parts->empty());
    auto analyzed = AnalyzePartitioned(**db);
    ASSERT_TRUE(analyzed);
    EXPECT_TRUE(analyzed->empty());
  }
  std::filesystem::remove_all(tmpl);
}

TEST(PgShards, SplitShardUrls) {
  EXPECT_EQ(SplitShardUrls(" a, b ,,c"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(SplitShardUrls("").empty());
}

}  // namespace
}  // namespace qjy::store
