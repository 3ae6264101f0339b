// Repositories for the registry over a Db: schema migrations, upserts with
// change history, lookups, streaming reads for export, bulk loads for the
// generator. Identity fields (ID number, phone) are written only encrypted
// with a keyed-hash index (core/vault.h); reads decrypt them into the model.
//
// Natural keys (what makes a re-import idempotent):
//   person   — resident ID number (via its keyed hash)
//   employer — unified social credit code
//   job      — (employer credit code, title, place, open date)
//   contract — (person, employer credit code, start date)
//   site     — (kind, region, name)
//
// Not thread-safe (it owns no connection: it borrows one Db).
#ifndef QJY_STORE_REGISTRY_STORE_H_
#define QJY_STORE_REGISTRY_STORE_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/vault.h"
#include "registry/model.h"
#include "store/db.h"
#include "store/person_search.h"

namespace qjy::store {

enum class UpsertOutcome { kInserted, kUpdated, kUnchanged };

struct RegistryCounts {
  int64_t persons = 0, employers = 0, jobs = 0, contracts = 0, sites = 0, changes = 0;
};

// Filter for listing persons; empty fields do not filter.
struct PersonFilter {
  std::string region_prefix;  // matches hukou, residence or owning county by code prefix
  std::string name;           // exact name
  std::optional<registry::Group> group;
  int64_t after_person_id = 0;  // keyset pagination
  int limit = 1000;
};

class RegistryStore {
 public:
  // `clock` stamps created_at/updated_at and Change::at (UTC); tests inject one.
  RegistryStore(Db& db, const Vault& vault, const qjy::Clock& clock = TheSystemClock())
      : db_(db), vault_(vault), clock_(clock) {}

  // Applies the versioned migrations not yet applied (schema_migrations).
  Result<void> Migrate();

  // The connection this store borrows, for repositories that read beside
  // it (store/contribution_store.h).
  Db& db() const { return db_; }

  // Upserts by natural key inside the caller's transaction (or its own when
  // none is open is NOT done: callers wrap batches in a Transaction). Fills
  // the record's id. Records a Change for inserts and real updates, with
  // the changed fields; an identical record is kUnchanged and writes nothing.
  Result<UpsertOutcome> UpsertPerson(registry::Person& p, std::string_view actor);

  // The connection-free part of a batch upsert: natural-key hashes,
  // fingerprints, ciphertexts and child rows of each person, as rows ready
  // to write (ids and timestamps are filled in by UpsertPersons). Const and
  // safe to call from another thread while this store writes (it touches
  // only the vault), so an importer prepares batch N+1 while batch N is
  // written.
  struct PreparedPersons {
    std::vector<std::vector<Value>> persons;  // person_id, kPersonInsertColumns
    std::vector<std::vector<Value>> certificates, groups;  // of all persons, in order
    std::vector<size_t> certificate_owner, group_owner;    // index into the batch
  };
  PreparedPersons PreparePersons(std::span<const registry::Person> persons) const;

  // What the caller of UpsertPersons knows about a batch.
  struct PersonBatchInfo {
    // Where the batch came from, recorded in its history entry: a file
    // name (no directories) and the rows of the file the batch spans.
    std::string file;
    int64_t first_row = 0, last_row = 0;
    // The caller guarantees that no person of the batch is stored yet (it
    // loads into a registry that held no persons, its file holds each ID
    // number once, and nobody else inserted a person since): the lookup of
    // stored persons is skipped and every first occurrence is inserted. If
    // the guarantee is wrong, the unique ID-hash index fails the call
    // (kAlreadyExists) and the caller rolls back (and replays row by row).
    bool none_stored = false;
  };

  // Batch form of UpsertPerson, inside the caller's transaction: the same
  // outcome per person (in order; ids filled) and the same records stored
  // as calling UpsertPerson on each in turn, at a fraction of the cost:
  //  - one lookup of (id, fingerprint) per 500 persons (none with
  //    info.none_stored);
  //  - a person whose stored fingerprint equals its own is kUnchanged
  //    without loading or decrypting anything, and nothing is written;
  //  - new persons are appended with CopyIn (multi-row INSERT on SQLite, COPY
  //    on PostgreSQL) with their groups and certificates. Their history is
  //    ONE entry per county of the batch: entity "person_import",
  //    entity_id = the first new person id of that county, op "insert",
  //    diff_json {"count":[null,n],"file":[null,f],"rows":[null,"a-b"]}
  //    ("file"/"rows" when info gives them), and each new person's
  //    insert_change_id points to its entry (History() returns it). The
  //    inserted record is the row itself; every later update records its
  //    old and new values, so the history stays complete;
  //  - changed persons (and a person repeated within the batch) go through
  //    UpsertPerson: full diff, masked identity fields, one "update" row.
  // A person without an ID number fails the whole call (kInvalidArgument);
  // on any error the caller must roll the transaction back.
  // `prepared` must come from PreparePersons(persons) (same order, same
  // contents); its rows are moved out (consumed).
  Result<std::vector<UpsertOutcome>> UpsertPersons(std::span<registry::Person> persons,
                                                   PreparedPersons prepared,
                                                   std::string_view actor,
                                                   const PersonBatchInfo& info);
  Result<std::vector<UpsertOutcome>> UpsertPersons(std::span<registry::Person> persons,
                                                   std::string_view actor);
  Result<UpsertOutcome> UpsertEmployer(registry::Employer& e, std::string_view actor);
  Result<UpsertOutcome> UpsertJob(registry::Job& j, std::string_view actor);
  // Resolves person_id from person_id_number when person_id is 0; an
  // unknown person or employer is kNotFound.
  // A contract with an empty county_code takes the person's.
  Result<UpsertOutcome> UpsertContract(registry::Contract& c, std::string_view actor);
  Result<UpsertOutcome> UpsertSite(registry::ServiceSite& s, std::string_view actor);

  // Fast path for the generator: plain inserts of new records (no history
  // rows, ids assigned by the caller), inside the caller's transaction.
  // Upserts keep working afterwards: on PostgreSQL each bulk call moves the
  // id sequence past the largest id (setval); SQLite assigns max(id)+1.
  // A clash with an existing id or natural key is kAlreadyExists.
  // Contracts must carry person_id (person_id_number is not resolved here).
  Result<void> BulkInsertPersons(std::span<const registry::Person> persons);
  Result<void> BulkInsertEmployers(std::span<const registry::Employer> employers);
  Result<void> BulkInsertJobs(std::span<const registry::Job> jobs);
  Result<void> BulkInsertContracts(std::span<const registry::Contract> contracts);
  Result<void> BulkInsertSites(std::span<const registry::ServiceSite> sites);

  // Bulk loading, as database loaders do it: drops the registry's secondary
  // indexes (store/registry_schema.h RegistryBulkIndexes) so that a large
  // load appends rows instead of inserting into a dozen B-trees at random
  // places; RestoreIndexes() then builds each in one sorted pass. With
  // `unique`, the natural-key unique indexes (persons.id_hash,
  // contracts_natural) go too: only for a loader that guarantees uniqueness
  // itself and uses no upsert meanwhile (the generator into a new database).
  // While they are missing every query still answers correctly, only slower.
  // `tables` limits the drop to the indexes of those tables (all when empty).
  // Outside a transaction. Migrate() also restores any missing index, so a
  // load killed midway heals when the database is next opened.
  Result<void> DropIndexesForBulkLoad(bool unique,
                                      std::span<const std::string_view> tables = {});
  Result<void> RestoreIndexes();

  Result<std::optional<registry::Person>> FindPersonByIdNumber(std::string_view id_number);
  Result<std::optional<registry::Person>> GetPerson(int64_t person_id);
  Result<std::optional<registry::Employer>> FindEmployer(std::string_view credit_code);
  // Names of the given persons (lists and queues show names, never ids
  // alone): id -> name, unknown ids left out. Nothing decrypted.
  Result<std::map<int64_t, std::string>> NamesOf(std::span<const int64_t> person_ids);
  // The job with that id; nullopt when there is none.
  Result<std::optional<registry::Job>> GetJob(int64_t job_id);
  Result<std::vector<registry::Person>> ListPersons(const PersonFilter& filter);
  // One page of the persons an officer's search finds (store/person_search.h):
  // scoped, in (county, person id) order, at most search.limit; reads the
  // person_search rows of the scope's counties by key, then the page's
  // persons by id. kInvalidArgument for a malformed cursor.
  Result<PersonSearchPage> SearchPersons(const PersonSearch& search);
  // The entity's history in change order. For a person it includes the
  // batch entry ("person_import") that recorded its insert, if any.
  Result<std::vector<registry::Change>> History(std::string_view entity, int64_t entity_id);

  // Streams every record in id order (exports), reading pages of 1000.
  // Contracts come with person_id_number filled (decrypted).
  Result<void> ForEachPerson(const std::function<void(const registry::Person&)>& fn);
  Result<void> ForEachEmployer(const std::function<void(const registry::Employer&)>& fn);
  Result<void> ForEachJob(const std::function<void(const registry::Job&)>& fn);
  Result<void> ForEachContract(const std::function<void(const registry::Contract&)>& fn);
  // One person's or one employer's contracts (one subject's evaluation), in
  // contract id order, read by index (contracts_natural, contracts_employer)
  // — never a scan. person_id_number is left empty (not decrypted).
  Result<std::vector<registry::Contract>> ContractsOfPerson(int64_t person_id);
  Result<std::vector<registry::Contract>> ContractsOfEmployer(std::string_view credit_code);

  // County-at-a-time reads for a streamed sweep (policy::LoadCountyWorld),
  // set-based (never a query per record); each in id order.
  // The persons whose owning county is `county`, with certificates and groups.
  // The ...Counties forms read a set of counties (a streamed sweep's pass:
  // any codes, in any order, duplicates ignored; never empty) as
  // `county_code IN (…)`, which PostgreSQL prunes to the partitions — on a
  // sharded registry (pg_shards.h), the shards — that hold them.
  Result<std::vector<registry::Person>> PersonsOfCounty(std::string_view county);
  Result<std::vector<registry::Person>> PersonsOfCounties(std::span<const std::string> counties);
  // These persons (unknown ids left out), read by primary key in chunks.
  Result<std::vector<registry::Person>> PersonsByIds(std::span<const int64_t> person_ids);
  // The employers whose county is `county`, with their years.
  Result<std::vector<registry::Employer>> EmployersOfCounty(std::string_view county);
  Result<std::vector<registry::Employer>> EmployersOfCounties(std::span<const std::string> counties);
  // These employers (unknown codes left out), by credit code in chunks.
  Result<std::vector<registry::Employer>> EmployersByCodes(std::span<const std::string> credit_codes);
  // The contracts a county's sweep evaluates: those of the county's persons,
  // those of the county's employers, and those whose own county_code is
  // `county` — each once. person_id_number is left empty.
  Result<std::vector<registry::Contract>> ContractsOfCounty(std::string_view county);
  Result<std::vector<registry::Contract>> ContractsOfCounties(std::span<const std::string> counties);
  // Every contract of these persons / of these employers, by index in chunks.
  Result<std::vector<registry::Contract>> ContractsOfPersons(std::span<const int64_t> person_ids);
  Result<std::vector<registry::Contract>> ContractsOfEmployers(std::span<const std::string> credit_codes);
  // Employment spells for counting (monitor/): every contract's person,
  // owning county, place of work and dates, in contract id order, pages of
  // 10,000 — no join, nothing decrypted. With `counties` (not empty), only
  // the contracts whose owning county is one of them (any order, duplicates
  // ignored), `county_code IN (…)`: on a sharded registry (pg_shards.h)
  // pruned to the shards that hold them, so one part of the registry can be
  // read per shard (monitor::LoadEventsInParts).
  struct Spell {
    int64_t person_id = 0;
    std::string county_code;
    std::string work_region;  // empty = unknown
    Date start;
    std::optional<Date> end;
  };
  Result<void> ForEachSpell(const std::function<void(const Spell&)>& fn,
                           std::span<const std::string> counties = {});

  // The contracts of members of `group`, one row per contract and
  // membership, with the person's home region (household registration,
  // else the owning county) and the membership's validity. With `outside`
  // set (a division prefix, "52" = Guizhou), only contracts whose place of
  // work is known and lies outside it (the outbound spells of the risk
  // warning, monitor/warning_sources.h). Reads the members by index
  // (person_groups_group) and their contracts by contracts_natural; no scan
  // of the person table, nothing decrypted. With `counties` (not empty),
  // only members whose owning county is one of them (the membership, the
  // person and the contracts each bounded by `county_code IN (…)`, pruned
  // like ForEachSpell's; a member's rows all carry the member's county).
  struct GroupSpell {
    int64_t person_id = 0;
    std::string county_code;  // the person's owning county
    std::string home_region;
    Date start;
    std::optional<Date> end;
    Date group_from;
    std::optional<Date> group_to;
  };
  Result<void> ForEachGroupSpell(registry::Group group, std::string_view outside,
                                 const std::function<void(const GroupSpell&)>& fn,
                                 std::span<const std::string> counties = {});

  Result<RegistryCounts> Counts();
  // Registered persons per owning county (county code -> count).
  Result<std::map<std::string, int64_t>> PersonsPerCounty();
  // Largest ids in use, so a bulk loader can continue numbering: entity is
  // "person", "employer", "job", "contract", "site" or "change"; 0 when empty.
  Result<int64_t> MaxId(std::string_view entity);

 private:
  std::string Now() const;
  Result<void> RecordChange(std::string_view county_code, std::string_view entity,
                            int64_t entity_id, std::string_view actor, std::string_view op,
                            const std::string& diff_json);
  // Persons matching `where` (over alias p, with `params`), id order, at most
  // `limit`, with certificates and groups. `counties` (non-null: the county
  // codes `where` bounds the persons to) also bounds the children's reads.
  Result<std::vector<registry::Person>> LoadPersons(const std::string& where,
                                                    const std::vector<Value>& params, int limit,
                                                    const std::vector<Value>* counties = nullptr);
  Result<std::vector<registry::Employer>> LoadEmployers(const std::string& where,
                                                        const std::vector<Value>& params,
                                                        int limit);
  Result<void> WritePersonChildren(const registry::Person& p, bool replace);
  Result<void> WriteEmployerYears(const registry::Employer& e, bool replace);
  Result<void> AdvanceSequence(std::string_view table, std::string_view id_column);

  Db& db_;
  const Vault& vault_;
  const qjy::Clock& clock_;
};

}  // namespace qjy::store

#endif  // QJY_STORE_REGISTRY_STORE_H_
