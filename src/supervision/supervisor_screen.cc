// Supervisor: loading the claims and facts the checks read, running them,
// writing the holds (supervisor.h).
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "policy/decision.h"
#include "supervision/counters.h"
#include "supervision/fact_counters.h"
#include "supervision/supervision_schema.h"
#include "supervision/supervisor.h"

namespace qjy::supervision {

using store::Value;

namespace {

std::string SupervisorScreenHex(const Blob& b) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(b.size() * 2);
  for (auto c : b) {
    out.push_back(kDigits[(static_cast<unsigned>(c) >> 4) & 15]);
    out.push_back(kDigits[static_cast<unsigned>(c) & 15]);
  }
  return out;
}

std::string InList(const std::vector<std::string>& xs) {
  std::string s;
  for (const auto& x : xs) {
    if (!s.empty()) s += ", ";
    s += "'" + x + "'";  // rule codes from causes.yaml: letters and digits only (checked in Screen)
  }
  return s.empty() ? "''" : s;
}

// CPU seconds of this process (phase figures of ScreenReport).
double ProcessCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::optional<Date> DateOf(const std::string& text) {
  if (text.size() < 10) return std::nullopt;
  auto d = Date::Parse(text.substr(0, 10));
  if (!d) return std::nullopt;
  return *d;
}

}  // namespace

struct Supervisor::Loaded {
  std::vector<Claim> claims;
  std::unordered_map<std::string, size_t> by_key;
  // Rules of a cause (causes.yaml) and of the hiring cause.
  std::vector<std::string> cause_rules, hiring_rules;
  Date today;
  // The targets' SQL condition (a sweep's region or a batch's items) and its
  // parameters, for the scoped path.
  std::string target_sql;
  std::vector<Value> target_params;
  // Keyed hashes (hex): phone and identity number of the persons the
  // shared-contact check can hit; officers' hashes → username.
  std::map<int64_t, std::string> phone_of, id_hash_of;
  std::map<std::string, std::string> officer_hashes;
  // Bank account and address hashes of the persons the shared-account and
  // shared-address checks can hit (registry person_payment_facts).
  std::map<int64_t, PaymentFactsOf> facts_of;
  // This year's amounts of the live claims per county (county anomalies).
  std::map<std::string, int64_t> county_amount;
  int64_t screened = 0;
  // Wall and CPU seconds per part of the load (ScreenReport::phase_seconds).
  std::map<std::string, double> phases, phases_cpu;
  std::chrono::steady_clock::time_point mark = std::chrono::steady_clock::now();
  double mark_cpu = ProcessCpuSeconds();
  void Lap(const char* name) {
    const auto now = std::chrono::steady_clock::now();
    const double cpu = ProcessCpuSeconds();
    phases[name] += std::chrono::duration<double>(now - mark).count();
    phases_cpu[name] += cpu - mark_cpu;
    mark = now;
    mark_cpu = cpu;
  }

  void Add(Claim c) {
    if (by_key.contains(c.once_key)) return;
    by_key.emplace(c.once_key, claims.size());
    claims.push_back(std::move(c));
  }
};

namespace {

constexpr char kLive[] = "status NOT IN ('withdrawn', 'improper', 'reversed')";
constexpr size_t kChunk = 500;

// "?, ?, ?" for n values.
std::string Marks(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s;
}

template <typename T>
std::vector<std::vector<Value>> Chunks(const std::set<T>& xs) {
  std::vector<std::vector<Value>> out;
  for (const auto& x : xs) {
    if (out.empty() || out.back().size() == kChunk) out.emplace_back();
    out.back().push_back(Value{x});
  }
  return out;
}

std::vector<Value> Join(std::vector<Value> a, const std::vector<Value>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

// A row (person_id, bank_hash, bank_last4, address_hash) of
// person_payment_facts into data.facts_of.
static void AddFacts(const store::Row& r, std::map<int64_t, PaymentFactsOf>& out);

// The claim columns both paths read (a `e` alias on policy_entitlements,
// `pay_at` the payment's time or NULL).
static constexpr char kClaimCols[] =
    "e.once_key, e.rule, e.beneficiary, e.employer_code, e.period, e.fund, e.county_code, e.status, e.person_id, "
    "e.amount_fen, e.loan";

Result<void> Supervisor::LoadWholeTable(const std::string& region, int64_t batch_id, Loaded& data) {
  std::set<std::string> batch_keys;
  if (batch_id > 0) {
    auto rows = db_.Query("SELECT once_key FROM policy_payment_batch_items WHERE batch_id = ?",
                          std::vector<Value>{batch_id});
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) batch_keys.insert(r.Text(0));
  }
  // Every live entitlement: targets, and evidence for the others.
  auto rows = db_.Query(std::string("SELECT ") + kClaimCols +
                        ", p.created_at FROM policy_entitlements e LEFT JOIN policy_payments p "
                        "ON p.once_key = e.once_key WHERE e.status NOT IN ('withdrawn', 'improper', 'reversed')");
  if (!rows) return std::unexpected(rows.error());
  const std::set<std::string> cause_set(data.cause_rules.begin(), data.cause_rules.end());
  data.claims.reserve(rows->size());
  for (const auto& r : *rows) {
    Claim c;
    c.once_key = r.Text(0);
    c.rule = r.Text(1);
    c.status = r.Text(7);
    c.county_code = r.Text(6);
    const bool unpaid = c.status == "proposed" || c.status == "held";
    c.paid = c.status == "paid";
    if (batch_id > 0) {
      c.target = unpaid && batch_keys.contains(c.once_key);
    } else {
      c.target = (unpaid || c.paid) && c.county_code.starts_with(region);
    }
    // This year's amounts per county count every live claim (as the
    // counters of the scoped path do), paid ones in their payment's year.
    const bool loan = r.Int(10) != 0;
    const auto paid_on = c.paid ? DateOf(r.Text(11)) : std::optional<Date>(data.today);
    if (!loan && paid_on && paid_on->year() == data.today.year()) data.county_amount[c.county_code] += r.Int(9);
    // Claims that are neither targets nor of a cause are evidence of nothing.
    if (!c.target && !cause_set.contains(c.rule)) continue;
    c.beneficiary = r.Text(2);
    c.employer_code = r.Text(3);
    c.period = r.Text(4);
    c.fund = r.Text(5);
    c.person_id = r.Int(8);
    c.amount_fen = r.Int(9);
    c.loan = r.Int(10) != 0;
    c.pay_on = data.today;
    if (c.paid) {
      if (auto d = DateOf(r.Text(11))) c.pay_on = *d;
    }
    data.by_key.emplace(c.once_key, data.claims.size());
    data.claims.push_back(std::move(c));
  }
  // Contract spells of hiring claims: the contract with the employer that
  // started last on or before the decision.
  if (!data.hiring_rules.empty()) {
    auto spells = db_.Query(
        "SELECT e.once_key, c.start_on, c.end_on FROM policy_entitlements e JOIN contracts c ON c.person_id = "
        "e.person_id AND c.employer_credit_code = e.employer_code AND c.start_on <= e.decided_on WHERE e.rule IN (" +
        InList(data.hiring_rules) + ") AND e.status NOT IN ('withdrawn', 'improper', 'reversed') ORDER BY c.start_on");
    if (!spells) return std::unexpected(spells.error());
    for (const auto& r : *spells) {
      auto it = data.by_key.find(r.Text(0));
      if (it == data.by_key.end()) continue;
      Claim& c = data.claims[it->second];
      c.spell_from = DateOf(r.Text(1));
      c.spell_to = DateOf(r.Text(2));
    }
  }
  // Phones and identity hashes of every person paid.
  auto pr = db_.Query(
      "SELECT p.person_id, p.phone_hash, p.id_hash FROM persons p WHERE p.person_id IN (SELECT person_id FROM "
      "policy_entitlements WHERE person_id <> 0 AND status NOT IN ('withdrawn', 'improper', 'reversed'))");
  if (!pr) return std::unexpected(pr.error());
  for (const auto& r : *pr) {
    if (!r.IsNull(1)) data.phone_of[r.Int(0)] = SupervisorScreenHex(r.Bytes(1));
    data.id_hash_of[r.Int(0)] = SupervisorScreenHex(r.Bytes(2));
  }
  // Bank accounts and addresses of every person paid.
  auto fr = db_.Query(
      "SELECT f.person_id, f.bank_hash, f.bank_last4, f.address_hash FROM person_payment_facts f WHERE f.person_id IN "
      "(SELECT person_id FROM policy_entitlements WHERE person_id <> 0 AND status NOT IN ('withdrawn', 'improper', "
      "'reversed'))");
  if (!fr) return std::unexpected(fr.error());
  for (const auto& r : *fr) AddFacts(r, data.facts_of);
  for (const auto& c : data.claims) data.screened += c.target;
  return {};
}

Result<void> Supervisor::LoadScoped(const std::string& region, int64_t batch_id,
                                    const std::vector<StatusFact>& facts, Loaded& data) {
  data.mark = std::chrono::steady_clock::now();
  data.mark_cpu = ProcessCpuSeconds();
  // T: the targets; L: the claims the checks read (live, and a target or of a cause).
  const std::string T = data.target_sql;
  const std::vector<Value>& tp = data.target_params;
  const std::string L = std::string("e.") + kLive + " AND (e.rule IN (" + InList(data.cause_rules) + ") OR (" + T + "))";
  const int64_t max_sharing = [&] {
    auto v = config_.params.ValueAt("supervision.shared_contact_max_beneficiaries", data.today);
    return v ? *v : int64_t{3};
  }();
  // Only what is a target counts as screened.
  {
    auto n = db_.Query("SELECT COUNT(*) FROM policy_entitlements e WHERE " + T, tp);
    if (!n) return std::unexpected(n.error());
    data.screened = n->empty() ? 0 : (*n)[0].Int(0);
  }
  // Persons whose every claim the checks read: (a) two live claims of a
  // cause, one a target (duplicates, circular hiring); (b) a status fact;
  // (c) a phone shared by more beneficiaries than allowed; (d) an officer's
  // own phone or identity number.
  std::set<int64_t> persons;
  {
    // From the counters (counters.h, migration 1505): the persons with two
    // live claims of a cause that can match — in one county both of one
    // period or one of them matching any (a contract cause's, period
    // "once"), read from the partial indexes of the cause tables; or
    // claims of a cause in two counties (supervision_person_counts) —
    // without touching the review list; a superset of the persons the
    // duplicate-cause and circular-hire checks can hit (a person's claims
    // outside the targets are never hit; circular hiring needs more than
    // one hiring claim). Claimants of a monthly cause with one claim a
    // month in one county are not among them.
    std::string sql =
        "SELECT x.person_id FROM (SELECT person_id FROM supervision_cause_totals WHERE any_n > 0 AND n > 1 UNION SELECT "
        "person_id FROM supervision_cause_periods WHERE n > 1 UNION SELECT person_id FROM supervision_person_counts "
        "WHERE cause_n > 0 GROUP BY person_id HAVING COUNT(*) > 1) x";
    std::vector<Value> ps;
    if (batch_id > 0) {
      sql += " WHERE x.person_id IN (SELECT e.person_id FROM policy_entitlements e WHERE " + T + ")";
      ps = tp;
    } else if (!region.empty()) {
      sql += " WHERE EXISTS (SELECT 1 FROM supervision_person_counts c WHERE c.person_id = x.person_id AND SUBSTR("
             "c.county_code, 1, " + std::to_string(region.size()) + ") = ?)";
      ps.push_back(Value{region});
    }
    auto rows = db_.Query(sql, ps);
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) persons.insert(r.Int(0));
  }
  data.Lap("load.cause_persons");
  std::set<std::string> fact_employers;
  for (const auto& f : facts) {
    if (f.subject.starts_with("P:")) {
      persons.insert(std::atoll(f.subject.c_str() + 2));
    } else if (f.subject.starts_with("E:")) {
      fact_employers.insert(f.subject.substr(2));
    }
  }
  {
    // Officers' own hashes.
    std::set<Blob> officer;
    auto orow = db_.Query("SELECT username, hash FROM supervision_officer_hashes");
    if (!orow) return std::unexpected(orow.error());
    for (const auto& r : *orow) {
      const Blob h = r.Bytes(1);
      data.officer_hashes[SupervisorScreenHex(h)] = r.Text(0);
      officer.insert(h);
    }
    // Phones shared by more beneficiaries than the parameter allows, or an
    // officer's own, from the counters (each person with a live claim and
    // the registry's phone hash); the check counts the holders again.
    auto holders = [&](const std::string& cond, const std::vector<Value>& ps) -> Result<void> {
      auto rows = db_.Query("SELECT DISTINCT person_id, phone_hash FROM supervision_person_counts WHERE live_n > 0 AND "
                            "phone_hash IN (" + cond + ")",
                            ps);
      if (!rows) return std::unexpected(rows.error());
      for (const auto& r : *rows) {
        persons.insert(r.Int(0));
        data.phone_of[r.Int(0)] = SupervisorScreenHex(r.Bytes(1));
      }
      return {};
    };
    if (auto h = holders("SELECT phone_hash FROM supervision_person_counts WHERE phone_hash IS NOT NULL GROUP BY "
                         "phone_hash HAVING COUNT(DISTINCT person_id) > ?",
                         {Value{max_sharing}});
        !h) {
      return h;
    }
    for (const auto& chunk : Chunks(officer)) {
      if (auto h = holders(Marks(chunk.size()), chunk); !h) return h;
    }
    // Persons with an officer's own identity number (index persons_id_hash).
    for (const auto& chunk : Chunks(officer)) {
      auto rows = db_.Query("SELECT person_id, phone_hash, id_hash FROM persons WHERE id_hash IN (" +
                                Marks(chunk.size()) + ")",
                            chunk);
      if (!rows) return std::unexpected(rows.error());
      for (const auto& r : *rows) {
        persons.insert(r.Int(0));
        if (!r.IsNull(1)) data.phone_of[r.Int(0)] = SupervisorScreenHex(r.Bytes(1));
        data.id_hash_of[r.Int(0)] = SupervisorScreenHex(r.Bytes(2));
      }
    }
  }
  data.Lap("load.phones");
  {
    // Bank accounts and addresses held by more registered persons than the
    // parameters allow beneficiaries, from the holders kept per hash
    // (fact_counters.h, partial index supervision_fact_holders_many, whose
    // condition holders > 1 the query repeats when the parameter allows), their holders
    // by index person_payment_facts_bank / _address; the check counts the
    // beneficiaries among them again.
    auto param = [&](const char* name, int64_t fallback) {
      auto v = config_.params.ValueAt(name, data.today);
      return v ? *v : fallback;
    };
    const std::pair<const char*, int64_t> kinds[] = {
        {"bank_hash", param("supervision.shared_bank_account_max_beneficiaries", 1)},
        {"address_hash", param("supervision.shared_address_max_beneficiaries", 5)}};
    for (const auto& [col, max] : kinds) {
      const std::string c = col;
      auto rows = db_.Query("SELECT f.person_id, f.bank_hash, f.bank_last4, f.address_hash FROM person_payment_facts f "
                            "WHERE f." + c + " IN (SELECT hash FROM supervision_fact_holders WHERE kind = ? AND " +
                                (max >= 1 ? "holders > 1 AND " : "") + "holders > ?)",
                            std::vector<Value>{Value{FactKind(c)}, Value{max}});
      if (!rows) return std::unexpected(rows.error());
      for (const auto& r : *rows) {
        persons.insert(r.Int(0));
        AddFacts(r, data.facts_of);
      }
    }
  }
  data.Lap("load.payment_facts");
  auto add_rows = [&](const std::vector<store::Row>& rows) {
    for (const auto& r : rows) {
      Claim c;
      c.once_key = r.Text(0);
      c.rule = r.Text(1);
      c.beneficiary = r.Text(2);
      c.employer_code = r.Text(3);
      c.period = r.Text(4);
      c.fund = r.Text(5);
      c.county_code = r.Text(6);
      c.status = r.Text(7);
      c.person_id = r.Int(8);
      c.amount_fen = r.Int(9);
      c.loan = r.Int(10) != 0;
      c.paid = c.status == "paid";
      c.target = r.Int(11) != 0;
      c.pay_on = data.today;
      if (c.paid && !r.IsNull(12)) {
        if (auto d = DateOf(r.Text(12))) c.pay_on = *d;
      }
      data.Add(std::move(c));
    }
  };
  const std::string select = std::string("SELECT ") + kClaimCols + ", CASE WHEN " + T +
                             " THEN 1 ELSE 0 END, (SELECT p.created_at FROM policy_payments p WHERE p.once_key = "
                             "e.once_key) FROM policy_entitlements e WHERE ";
  // Every claim the checks read of those persons.
  for (const auto& chunk : Chunks(persons)) {
    auto rows = db_.Query(select + "e.person_id IN (" + Marks(chunk.size()) + ") AND " + L,
                          Join(Join(tp, chunk), tp));
    if (!rows) return std::unexpected(rows.error());
    add_rows(*rows);
  }
  data.Lap("load.claims_of_persons");
  // Targets of employers with a status fact.
  for (const auto& chunk : Chunks(fact_employers)) {
    std::vector<Value> bens;
    for (const auto& v : chunk) bens.push_back(Value{"E:" + std::get<std::string>(v)});
    const std::string marks = Marks(chunk.size());
    auto rows = db_.Query(select + "(e.employer_code IN (" + marks + ") OR e.beneficiary IN (" + marks + ")) AND " + T,
                          Join(Join(Join(tp, chunk), bens), tp));
    if (!rows) return std::unexpected(rows.error());
    add_rows(*rows);
  }
  // Unpaid targets of the hiring rules (ghost hires), and in a batch every
  // target (budgets).
  {
    std::string sql = select + T + " AND e.status <> 'paid'";
    if (batch_id == 0) sql += " AND e.rule IN (" + InList(data.hiring_rules) + ")";
    auto rows = db_.Query(sql, Join(tp, tp));
    if (!rows) return std::unexpected(rows.error());
    add_rows(*rows);
  }
  data.Lap("load.hiring_targets");
  // Contract spells of the hiring claims loaded.
  {
    std::set<int64_t> hired;
    for (const auto& c : data.claims) {
      if (config_.causes.IsHiring(c.rule) && c.person_id != 0) hired.insert(c.person_id);
    }
    for (const auto& chunk : Chunks(hired)) {
      auto spells = db_.Query(
          "SELECT e.once_key, c.start_on, c.end_on FROM policy_entitlements e JOIN contracts c ON c.person_id = "
          "e.person_id AND c.employer_credit_code = e.employer_code AND c.start_on <= e.decided_on WHERE "
          "e.person_id IN (" + Marks(chunk.size()) + ") AND e.rule IN (" + InList(data.hiring_rules) + ") AND e." +
              kLive + " ORDER BY c.start_on",
          chunk);
      if (!spells) return std::unexpected(spells.error());
      for (const auto& r : *spells) {
        auto it = data.by_key.find(r.Text(0));
        if (it == data.by_key.end()) continue;
        Claim& c = data.claims[it->second];
        c.spell_from = DateOf(r.Text(1));
        c.spell_to = DateOf(r.Text(2));
      }
    }
  }
  data.Lap("load.spells");
  // This year's amounts per county (county anomalies; sweeps only): claims
  // not yet paid count on the screening day, paid ones on their payment day.
  if (batch_id == 0) {
    auto rows = db_.Query("SELECT county_code, amount_fen FROM supervision_county_amounts WHERE (kind = 'unpaid' AND "
                          "year = 0) OR (kind = 'paid' AND year = ?)",
                          std::vector<Value>{int64_t{data.today.year()}});
    if (!rows) return std::unexpected(rows.error());
    for (const auto& r : *rows) {
      if (r.Int(1) != 0) data.county_amount[r.Text(0)] += r.Int(1);
    }
  }
  return {};
}

static void AddFacts(const store::Row& r, std::map<int64_t, PaymentFactsOf>& out) {
  PaymentFactsOf f;
  if (!r.IsNull(1)) f.bank_hash = SupervisorScreenHex(r.Bytes(1));
  f.bank_last4 = r.Text(2);
  if (!r.IsNull(3)) f.address_hash = SupervisorScreenHex(r.Bytes(3));
  out[r.Int(0)] = std::move(f);
}

Result<void> Supervisor::Migrate(store::Db& db) { return MigrateSupervision(db); }

std::string Supervisor::Now() const { return auth::IsoUtc(clock_.Now()); }
Date Supervisor::Today() const { return Date::InChina(clock_.Now()); }

void Supervisor::AuditRow(const std::string& actor, const std::string& action, const std::string& target,
                          const std::string& result, const std::string& detail) {
  if (!audit_) return;
  audit::AuditEntry e;
  e.actor = actor;
  e.role = "officer";
  e.action = action;
  e.target = target;
  e.result = result;
  e.client = "supervision";
  e.detail = detail;
  (void)audit_->Append(db_, std::move(e));
}

Result<bool> Supervisor::SyncCounters() {
  return SyncCauseRules(db_, CauseRulesOf(config_.causes));
}

Result<ScreenReport> Supervisor::ScreenSweep(const std::string& region, const std::string& actor) {
  return Screen(region, 0, actor);
}

Result<ScreenReport> Supervisor::ScreenBatch(int64_t batch_id, const std::string& actor) {
  return Screen("", batch_id, actor);
}

namespace {

// SQLite: the connection reads the database file through a memory map for
// the length of a screen (PRAGMA mmap_size, capped by the library, put back
// after; PostgreSQL: nothing). A screen reads tens of thousands of pages
// scattered over the review list, the registry's payment facts and the
// contracts; through the page cache each miss is a pread system call
// (measured on the 200k bench file: the claims' and payment facts' reads
// take 0.2–0.4 s less system time mapped, the user time unchanged).
class MappedReads {
 public:
  MappedReads(store::Db& db, bool on) : db_(db) {
    if (!on || db_.dialect() != store::Dialect::kSqlite) return;
    auto r = db_.Query("PRAGMA mmap_size");
    if (!r || r->empty()) return;
    old_ = r->front().Int(0);
    if (!db_.ExecScript("PRAGMA mmap_size=" + std::to_string(kBytes))) old_.reset();
  }
  ~MappedReads() {
    if (old_) (void)db_.ExecScript("PRAGMA mmap_size=" + std::to_string(*old_));
  }
  MappedReads(const MappedReads&) = delete;
  MappedReads& operator=(const MappedReads&) = delete;

 private:
  static constexpr int64_t kBytes = int64_t{1} << 34;  // 16 GiB; the library caps it (2 GiB by default)
  store::Db& db_;
  std::optional<int64_t> old_;
};

}  // namespace

Result<ScreenReport> Supervisor::Screen(const std::string& region, int64_t batch_id, const std::string& actor) {
  const MappedReads mapped(db_, mapped_reads_);
  const auto started = std::chrono::steady_clock::now();
  auto mark = started;
  double mark_cpu = ProcessCpuSeconds();
  std::map<std::string, double> phases, phases_cpu;
  auto lap = [&](const char* name) {
    const auto now = std::chrono::steady_clock::now();
    const double cpu = ProcessCpuSeconds();
    phases[name] += std::chrono::duration<double>(now - mark).count();
    phases_cpu[name] += cpu - mark_cpu;
    mark = now;
    mark_cpu = cpu;
  };
  const Date today = Today();
  const policy::ParameterSet& params = config_.params;
  Loaded data;
  data.today = today;
  for (const auto& c : config_.causes.all()) {
    for (const auto& r : c.rules) {
      for (char ch : r) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) return Fail(ErrorCode::kInvalidArgument, "事由规则编号无效：" + r);
      }
      data.cause_rules.push_back(r);
      if (c.code == "hiring") data.hiring_rules.push_back(r);
    }
  }
  // The counters' cause rules follow causes.yaml (a change rebuilds them).
  if (auto sync = SyncCauseRules(db_, CauseRulesOf(config_.causes)); !sync) return std::unexpected(sync.error());
  // The entitlements proposed since the last screen (the new batch) are
  // folded into the counters; the rest of the list is not re-read.
  if (!whole_table_) {
    if (auto fold = FoldNewEntitlements(db_); !fold) return std::unexpected(fold.error());
  }
  lap("fold");
  // Targets: a batch's items still proposed (or held), or the region's
  // proposed, held and paid entitlements.
  if (batch_id > 0) {
    data.target_sql =
        "e.status IN ('proposed', 'held') AND e.once_key IN (SELECT once_key FROM policy_payment_batch_items WHERE "
        "batch_id = ?)";
    data.target_params = {Value{batch_id}};
  } else {
    for (char ch : region) {
      if (ch < '0' || ch > '9') return Fail(ErrorCode::kInvalidArgument, "区域代码无效：" + region);
    }
    data.target_sql = "e.status IN ('proposed', 'held', 'paid')";
    if (!region.empty()) {
      data.target_sql += " AND SUBSTR(e.county_code, 1, " + std::to_string(region.size()) + ") = ?";
      data.target_params = {Value{region}};
    }
  }
  // Status facts (small).
  std::vector<StatusFact> facts;
  {
    auto fr = db_.Query("SELECT subject, kind, county_code, source, from_on, until_on FROM supervision_status_facts");
    if (!fr) return std::unexpected(fr.error());
    for (const auto& r : *fr) {
      StatusFact f;
      f.subject = r.Text(0);
      f.kind = r.Text(1);
      f.county_code = r.Text(2);
      f.source = r.Text(3);
      auto from = DateOf(r.Text(4));
      if (!from) continue;
      f.from = *from;
      f.until = DateOf(r.Text(5));
      facts.push_back(std::move(f));
    }
  }
  if (whole_table_) {
    if (auto l = LoadWholeTable(region, batch_id, data); !l) return std::unexpected(l.error());
    auto orow = db_.Query("SELECT username, hash FROM supervision_officer_hashes");
    if (!orow) return std::unexpected(orow.error());
    for (const auto& r : *orow) data.officer_hashes[SupervisorScreenHex(r.Bytes(1))] = r.Text(0);
  } else {
    if (auto l = LoadScoped(region, batch_id, facts, data); !l) return std::unexpected(l.error());
  }
  lap("load");
  for (const auto& [k, v] : data.phases) phases[k] = v;
  for (const auto& [k, v] : data.phases_cpu) phases_cpu[k] = v;
  // Contribution months of the targets' hiring claims.
  ContributionFacts contrib;
  {
    std::set<int64_t> persons;
    std::set<std::string> employers;
    for (const auto& c : data.claims) {
      if (c.target && !c.paid && config_.causes.IsHiring(c.rule)) {
        persons.insert(c.person_id);
        employers.insert(c.employer_code);
      }
    }
    for (const auto& chunk : Chunks(persons)) {
      auto cr = db_.Query("SELECT person_id, employer_credit_code, month FROM contributions WHERE person_id IN (" +
                              Marks(chunk.size()) + ")",
                          chunk);
      if (!cr) return std::unexpected(cr.error());
      for (const auto& r : *cr) {
        contrib.persons_known.insert(r.Int(0));
        const std::string m = r.Text(2);
        if (m.size() < 7) continue;
        const int32_t month = std::atoi(m.substr(0, 4).c_str()) * 12 + std::atoi(m.substr(5, 2).c_str()) - 1;
        contrib.months[{r.Int(0), r.Text(1)}].insert(month);
      }
    }
    for (const auto& e : employers) {
      auto cr = db_.Query("SELECT 1 FROM contributions WHERE employer_credit_code = ? LIMIT 1", std::vector<Value>{e});
      if (!cr) return std::unexpected(cr.error());
      if (!cr->empty()) contrib.employers_known.insert(e);
    }
  }

  lap("contributions");
  // Each check's hits in once-key order, whatever order the database
  // returned the claims in (the holds are written in the hits' order, and
  // the scoped and whole-table loads read the claims by different plans).
  std::vector<Hit> hits;
  auto add = [&](std::vector<Hit> more) {
    std::stable_sort(more.begin(), more.end(), [](const Hit& a, const Hit& b) { return a.once_key < b.once_key; });
    for (auto& h : more) hits.push_back(std::move(h));
  };
  add(DuplicateCause(data.claims, config_.causes, params, today));
  add(StatusAtPayment(data.claims, facts, params, today));
  add(SharedContact(data.claims, data.phone_of, data.id_hash_of, data.officer_hashes, params, today));
  add(SharedPaymentFacts(data.claims, data.facts_of, params, today));
  add(GhostHire(data.claims, config_.causes, contrib, params, today));
  add(CircularHire(data.claims, config_.causes, params, today));
  lap("checks");
  if (batch_id > 0) {
    std::map<BudgetKey, int64_t> budgets, spent;
    auto br = db_.Query("SELECT county_code, fund, year, amount_fen FROM supervision_budgets WHERE year = ?",
                        std::vector<Value>{int64_t{today.year()}});
    if (!br) return std::unexpected(br.error());
    for (const auto& r : *br) budgets[{r.Text(0), r.Text(1), static_cast<int>(r.Int(2))}] = r.Int(3);
    if (!budgets.empty()) {
      const std::string year = std::to_string(today.year());
      auto sr = db_.Query(
          "SELECT e.county_code, p.fund, SUM(p.amount_fen) FROM policy_payments p JOIN policy_entitlements e ON "
          "e.once_key = p.once_key WHERE p.created_at >= ? AND p.created_at < ? GROUP BY e.county_code, p.fund",
          std::vector<Value>{year + "-01-01", std::to_string(today.year() + 1) + "-01-01"});
      if (!sr) return std::unexpected(sr.error());
      for (const auto& r : *sr) spent[{r.Text(0), r.Text(1), today.year()}] = r.Int(2);
    }
    add(BudgetExceeded(data.claims, budgets, spent, today));
  } else {
    // County anomalies of the sweep's counties: amounts of the year's live
    // claims per registered person, against every county of the province.
    // Registered persons and earlier years' payments per county: counters
    // (counters.h), or the full scans on the whole-table path.
    std::map<std::string, int64_t> persons, history;
    auto pc = db_.Query(whole_table_ ? "SELECT county_code, COUNT(*) FROM persons GROUP BY county_code"
                                     : "SELECT county_code, n FROM supervision_county_persons WHERE n <> 0");
    if (!pc) return std::unexpected(pc.error());
    for (const auto& r : *pc) persons[r.Text(0)] = r.Int(1);
    auto hr = whole_table_
                  ? db_.Query("SELECT e.county_code, SUM(p.amount_fen), COUNT(DISTINCT SUBSTR(p.created_at, 1, 4)) FROM "
                              "policy_payments p JOIN policy_entitlements e ON e.once_key = p.once_key WHERE "
                              "p.created_at < ? GROUP BY e.county_code",
                              std::vector<Value>{std::to_string(today.year()) + "-01-01"})
                  : db_.Query("SELECT county_code, SUM(amount_fen), COUNT(*) FROM supervision_county_amounts WHERE "
                              "kind = 'payments' AND year < ? AND amount_fen <> 0 GROUP BY county_code",
                              std::vector<Value>{int64_t{today.year()}});
    if (!hr) return std::unexpected(hr.error());
    for (const auto& r : *hr) {
      if (r.Int(2) > 0) history[r.Text(0)] = r.Int(1) / r.Int(2);
    }
    for (auto& h : CountyAnomalies(data.county_amount, persons, history, params, today)) {
      if (h.county_code.starts_with(region)) hits.push_back(std::move(h));
    }
  }
  lap("county");
  ScreenReport rep;
  rep.screened = data.screened;
  rep.claims_loaded = static_cast<int64_t>(data.claims.size());
  rep.hits = static_cast<int64_t>(hits.size());
  auto w = Write(hits, data, batch_id, batch_id > 0 ? "batch:" + std::to_string(batch_id) : "sweep:" + region, rep);
  if (!w) return std::unexpected(w.error());
  lap("write");
  // Write's own parts (write.*) are in rep already.
  for (const auto& [k, v] : phases) rep.phase_seconds[k] = v;
  for (const auto& [k, v] : phases_cpu) rep.phase_cpu_seconds[k] = v;
  rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (rep.new_holds > 0) {
    AuditRow(actor, "supervision.screen", batch_id > 0 ? "payment-batch:" + std::to_string(batch_id) : "region:" + region,
             "ok",
             "资金监管核查 " + std::to_string(rep.screened) + " 项，新增暂停支付 " + std::to_string(rep.held) + " 项 " +
                 policy::FormatYuan(rep.held_fen));
  }
  return rep;
}

Result<int64_t> Supervisor::Write(const std::vector<Hit>& hits, const Loaded& data, int64_t batch_id,
                                  const std::string& found_by, ScreenReport& rep) {
  if (hits.empty()) return int64_t{0};
  if (reference_) return WriteOneByOne(hits, data, batch_id, found_by, rep);
  auto mark = std::chrono::steady_clock::now();
  double mark_cpu = ProcessCpuSeconds();
  auto lap = [&](const char* name) {
    const auto t = std::chrono::steady_clock::now();
    const double cpu = ProcessCpuSeconds();
    rep.phase_seconds[name] += std::chrono::duration<double>(t - mark).count();
    rep.phase_cpu_seconds[name] += cpu - mark_cpu;
    mark = t;
    mark_cpu = cpu;
  };
  const std::string now = Now();
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  // The holds, kHoldRows to a statement; a hit whose (county, entitlement,
  // check) is held already (or repeated) adds nothing, as one INSERT per
  // hit did. Repeats are dropped first (the first one kept), so that no
  // statement conflicts with its own rows.
  constexpr size_t kHoldRows = 200;
  constexpr char kCols[] =
      "INSERT INTO supervision_holds (county_code, once_key, check_code, clause, rule, fund, amount_fen, was_paid, "
      "summary, evidence, status, batch_id, found_by, found_at) VALUES ";
  constexpr char kRowMarks[] = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'held', ?, ?, ?)";
  std::vector<const Hit*> to_write;
  {
    std::set<std::tuple<std::string_view, std::string_view, std::string_view>> seen;
    for (const auto& h : hits) {
      if (seen.emplace(h.county_code, h.once_key, h.check).second) to_write.push_back(&h);
    }
  }
  auto claim_of = [&](const std::string& key) -> const Claim* {
    auto it = data.by_key.find(key);
    return it == data.by_key.end() ? nullptr : &data.claims[it->second];
  };
  // Entitlements whose hold was added: candidates for proposed → held.
  std::vector<std::string> to_hold;
  std::set<std::string> to_hold_seen;
  for (size_t from = 0; from < to_write.size(); from += kHoldRows) {
    const size_t n = std::min(kHoldRows, to_write.size() - from);
    std::string sql = kCols;
    std::vector<Value> ps;
    ps.reserve(n * 13);
    for (size_t i = 0; i < n; ++i) {
      const Hit& h = *to_write[from + i];
      const Claim* c = claim_of(h.once_key);
      const int64_t amount = c ? c->amount_fen : h.evidence.value("amount_fen", int64_t{0});
      if (i) sql += ", ";
      sql += kRowMarks;
      for (Value v : {Value{h.county_code}, Value{h.once_key}, Value{h.check}, Value{h.clause},
                      Value{c ? c->rule : std::string()}, Value{c ? c->fund : std::string()}, Value{amount},
                      Value{int64_t{c && c->paid}}, Value{h.summary},
                      Value{h.evidence.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)}, Value{batch_id},
                      Value{found_by}, Value{now}}) {
        ps.push_back(std::move(v));
      }
    }
    sql += " ON CONFLICT (county_code, once_key, check_code) DO NOTHING RETURNING county_code, once_key, check_code";
    auto added = db_.Query(sql, ps);
    if (!added) return std::unexpected(added.error());
    std::set<std::tuple<std::string, std::string, std::string>> added_keys;
    for (const auto& r : *added) added_keys.emplace(r.Text(0), r.Text(1), r.Text(2));
    // In the hits' order (the order one INSERT per hit counted them).
    for (size_t i = 0; i < n; ++i) {
      const Hit& h = *to_write[from + i];
      if (!added_keys.contains({h.county_code, h.once_key, h.check})) continue;
      ++rep.new_holds;
      ++rep.by_check[h.check];
      const Claim* c = claim_of(h.once_key);
      if (!c || c->paid) continue;
      if (to_hold_seen.insert(h.once_key).second) to_hold.push_back(h.once_key);
    }
  }
  lap("write.holds");
  // proposed → held, set-based (kChunk keys a statement, in key order: each
  // statement walks one stretch of the once_key index).
  std::sort(to_hold.begin(), to_hold.end());
  for (size_t from = 0; from < to_hold.size(); from += kChunk) {
    const size_t n = std::min(kChunk, to_hold.size() - from);
    std::vector<Value> keys(to_hold.begin() + static_cast<std::ptrdiff_t>(from),
                            to_hold.begin() + static_cast<std::ptrdiff_t>(from + n));
    auto u = db_.Query("UPDATE policy_entitlements SET status = 'held' WHERE status = 'proposed' AND once_key IN (" +
                           Marks(n) + ") RETURNING once_key",
                       keys);
    if (!u) return std::unexpected(u.error());
    for (const auto& r : *u) {
      const Claim* c = claim_of(r.Text(0));
      ++rep.held;
      rep.held_fen += c ? c->amount_fen : 0;
    }
  }
  lap("write.status");
  if (auto cm = tx->Commit(); !cm) return std::unexpected(cm.error());
  lap("write.commit");
  return rep.new_holds;
}

// The reference writer (one INSERT and one UPDATE per hit), kept for
// set_reference(true): the equivalence test and the benchmark's baseline.
Result<int64_t> Supervisor::WriteOneByOne(const std::vector<Hit>& hits, const Loaded& data, int64_t batch_id,
                                          const std::string& found_by, ScreenReport& rep) {
  const std::string now = Now();
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  std::set<std::string> held;
  for (const auto& h : hits) {
    auto it = data.by_key.find(h.once_key);
    const Claim* c = it == data.by_key.end() ? nullptr : &data.claims[it->second];
    const int64_t amount = c ? c->amount_fen : h.evidence.value("amount_fen", int64_t{0});
    auto n = db_.Exec(
        "INSERT INTO supervision_holds (county_code, once_key, check_code, clause, rule, fund, amount_fen, was_paid, "
        "summary, evidence, status, batch_id, found_by, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'held', ?, ?, ?) "
        "ON CONFLICT (county_code, once_key, check_code) DO NOTHING",
        std::vector<Value>{h.county_code, h.once_key, h.check, h.clause, c ? c->rule : std::string(),
                           c ? c->fund : std::string(), amount, int64_t{c && c->paid}, h.summary,
                           h.evidence.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), batch_id,
                           found_by, now});
    if (!n) return std::unexpected(n.error());
    if (*n == 0) continue;
    ++rep.new_holds;
    ++rep.by_check[h.check];
    if (!c || c->paid || held.contains(h.once_key)) continue;
    auto u = db_.Exec("UPDATE policy_entitlements SET status = 'held' WHERE once_key = ? AND status = 'proposed'",
                      std::vector<Value>{h.once_key});
    if (!u) return std::unexpected(u.error());
    if (*u > 0) {
      held.insert(h.once_key);
      ++rep.held;
      rep.held_fen += c->amount_fen;
    }
  }
  if (auto cm = tx->Commit(); !cm) return std::unexpected(cm.error());
  return rep.new_holds;
}

}  // namespace qjy::supervision
