// Keyword search: Chinese n-gram terms, AND semantics, BM25 order, online
// upsert/remove, bad queries; and the same top results as Xapian (its CJK
// n-gram term generator, BM25) for exact-title queries on a small corpus.
#include "match/search.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <map>
#include <random>
#include <set>

namespace qjy::match {
namespace {

TEST(Search, TermsAreHanUnigramsBigramsAndLowercaseWords) {
  EXPECT_EQ(Terms("电焊工 CNC", false),
            (std::vector<std::string>{"电", "焊", "工", "电焊", "焊工", "cnc"}));
  EXPECT_EQ(Terms("电焊工", true), (std::vector<std::string>{"电焊", "焊工"}));
  EXPECT_EQ(Terms("焊", true), (std::vector<std::string>{"焊"}));
  EXPECT_TRUE(Terms("！？，。…… --- ", true).empty());
}

TEST(Search, FindsAllTermsRanksAndFollowsChanges) {
  JobSearch s;
  s.Upsert(1, "焊工", "贵州省遵义市红花岗区 持焊工证");
  s.Upsert(2, "电焊工", "贵州省贵阳市南明区");
  s.Upsert(3, "直播电商主播", "贵州省遵义市汇川区 电子商务");
  s.Upsert(4, "收银员", "贵州省遵义市");
  auto r = s.Search("遵义 焊工", 10);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].job_id, 1);
  r = s.Search("焊工", 10);
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].job_id, 1);  // the term twice in job 1
  r = s.Search("电商 直播", 10);
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].job_id, 3);
  s.Remove(3);
  EXPECT_TRUE(s.Search("电商 直播", 10)->empty());
  s.Upsert(1, "保洁员", "贵州省遵义市");  // edited: no longer a welder job
  r = s.Search("焊工", 10);
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].job_id, 2);
  EXPECT_EQ(s.size(), 3u);
}

TEST(Search, BadQueriesAreClearErrors) {
  JobSearch s;
  s.Upsert(1, "焊工", "");
  auto r = s.Search("，。！？ ...", 10);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find("没有可检索的文字"), std::string::npos);
  r = s.Search(std::string(10000, 'a'), 10);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("过长"), std::string::npos);
  std::string long_han;
  for (int i = 0; i < 101; ++i) long_han += "焊";
  EXPECT_FALSE(s.Search(long_han, 10));
  EXPECT_FALSE(s.Search("", 10));
  EXPECT_TRUE(s.Search(std::string("\xff\xfe焊工", 4 + 6), 10));  // invalid bytes are skipped, not fatal
}

// Exact-title queries: the top results (as sets of titles within the top
// score) agree with Xapian's.
TEST(Search, SameTopResultsAsXapianForExactTitles) {
  const std::vector<std::string> titles = {"焊工", "电焊工", "电工", "收银员", "直播电商主播", "电子商务专员",
                                           "养老护理员", "家政服务员", "砌筑工", "挖掘机司机", "茶叶加工工",
                                           "汽车维修工", "仓库管理员", "快递员", "厨师"};
  const std::vector<std::string> places = {"贵州省贵阳市南明区", "贵州省遵义市红花岗区", "贵州省六盘水市钟山区",
                                           "广东省深圳市南山区"};
  std::mt19937 rng(5);
  JobSearch ours;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator gen;
  gen.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  std::map<int64_t, std::string> title_of;
  for (int64_t id = 1; id <= 600; ++id) {
    const std::string& title = titles[rng() % titles.size()];
    const std::string body = places[rng() % places.size()] + " 身体健康";
    ours.Upsert(id, title, body);
    title_of[id] = title;
    Xapian::Document doc;
    gen.set_document(doc);
    gen.index_text(title + " " + body);
    doc.add_value(0, std::to_string(id));
    db.replace_document(static_cast<Xapian::docid>(id), doc);
  }
  db.commit();
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_default_op(Xapian::Query::OP_AND);
  for (const auto& t : titles) {
    auto mine = ours.Search(t, 10);
    ASSERT_TRUE(mine);
    Xapian::Enquire enq(db);
    enq.set_query(qp.parse_query(t, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM));
    Xapian::MSet ms = enq.get_mset(0, 10);
    ASSERT_FALSE(mine->empty()) << t;
    ASSERT_GT(ms.size(), 0u) << t;
    // The best hit carries the exact title in both.
    EXPECT_EQ(title_of[(*mine)[0].job_id], t);
    EXPECT_EQ(title_of[static_cast<int64_t>(*ms.begin())], t) << "xapian, " << t;
    std::multiset<std::string> a, b;
    for (const auto& h : *mine) a.insert(title_of[h.job_id]);
    for (auto it = ms.begin(); it != ms.end(); ++it) b.insert(title_of[static_cast<int64_t>(*it)]);
    EXPECT_EQ(a, b) << t;
  }
}

}  // namespace
}  // namespace qjy::match
