#include "importer/import.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <ostream>
#include <thread>
#include <unordered_map>

#include "core/first_exception.h"
#include "core/credit_code.h"
#include "core/id_number.h"
#include "core/mask.h"
#include "core/utf8.h"
#include "importer/batch_queue.h"
#include "importer/cell_values.h"
#include "importer/rejects_writer.h"
#include "importer/row_util.h"
#include "importer/rows.h"
#include "importer/table_source.h"
#include "registry/validate.h"
#include "store/contribution_store.h"
#include "store/payment_facts_store.h"
#include "store/no_space.h"
#include "store/separation_store.h"

namespace qjy::importer {
namespace {

using registry::FieldError;
using registry::FieldErrors;
using store::UpsertOutcome;

// ------------------------------------------------------------ header mapping

struct HeaderMap {
  std::vector<int> positions;  // column id → file column, -1 when absent
  int error_column = -1;       // a 错误原因 column of an earlier rejects file
};

// The header is the column's name or one of its aliases.
bool HeaderMatches(const ColumnSpec& spec, std::string_view h) {
  if (spec.name == h) return true;
  for (std::string_view rest = spec.aliases; !rest.empty();) {
    const size_t bar = rest.find('|');
    if (rest.substr(0, bar) == h) return true;
    rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
  }
  return false;
}

Result<HeaderMap> MapHeader(Entity entity, const std::vector<std::string>& header) {
  auto specs = Columns(entity);
  HeaderMap map;
  map.positions.assign(specs.size(), -1);
  std::string unknown, duplicated, missing, retired;
  auto append = [](std::string& list, std::string_view name) {
    if (!list.empty()) list += "、";
    list += name;
  };
  for (size_t col = 0; col < header.size(); ++col) {
    const std::string& h = header[col];
    if (h.empty()) continue;
    if (h == kErrorColumn) {
      map.error_column = static_cast<int>(col);
      continue;
    }
    bool found = false;
    if (entity == Entity::kContracts &&
        std::find(std::begin(kRetiredContractColumns), std::end(kRetiredContractColumns), h) !=
            std::end(kRetiredContractColumns)) {
      append(retired, h);
      continue;
    }
    for (size_t s = 0; s < specs.size(); ++s) {
      if (!HeaderMatches(specs[s], h)) continue;
      found = true;
      if (map.positions[s] >= 0) append(duplicated, h);
      else map.positions[s] = static_cast<int>(col);
    }
    if (!found) append(unknown, h);
  }
  for (size_t s = 0; s < specs.size(); ++s) {
    if (specs[s].required && map.positions[s] < 0) append(missing, specs[s].name);
  }
  std::string message;
  if (!missing.empty()) message += "缺少必填列：" + missing + "。";
  if (!unknown.empty()) message += "无法识别的列：" + unknown + "。";
  if (!duplicated.empty()) message += "重复的列：" + duplicated + "。";
  if (!retired.empty()) message += "列 " + retired + " " + std::string(kRetiredColumnReason) + "。";
  if (!message.empty()) {
    std::string expected;
    for (const auto& s : specs) append(expected, s.name);
    return Fail(ErrorCode::kInvalidArgument,
                message + std::string("“") + std::string(EntityLabel(entity)) +
                    "”文件的表头应为：" + expected);
  }
  return map;
}

// ------------------------------------------------------------ the importer

// The rows of the natural keys seen so far in the file, by 64-bit key hash
// (equal hashes count as equal keys): one flat open-addressing table, no
// allocation per row.
class SeenKeys {
 public:
  void Reserve(size_t n) {
    if (n * 2 > slots_.size()) Rehash(std::bit_ceil(std::max<size_t>(n * 2, 64)));
  }
  // The row stored for `hash`, or nullopt after storing `row` (> 0) for it.
  std::optional<int64_t> Insert(uint64_t hash, int64_t row) {
    if ((size_ + 1) * 2 > slots_.size()) Rehash(std::max<size_t>(slots_.size() * 2, 64));
    for (size_t i = Home(hash);; i = (i + 1) & (slots_.size() - 1)) {
      Slot& s = slots_[i];
      if (s.row == 0) {
        s = {hash, row};
        ++size_;
        return std::nullopt;
      }
      if (s.hash == hash) return s.row;
    }
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    int64_t row = 0;  // 0 = empty
  };
  size_t Home(uint64_t hash) const {
    return static_cast<size_t>((hash * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  void Rehash(size_t capacity) {  // a power of two
    std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(capacity));
    shift_ = 64 - std::countr_zero(capacity);
    size_ = 0;
    for (const Slot& s : old) {
      if (s.row != 0) (void)Insert(s.hash, s.row);
    }
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
  int shift_ = 64;
};

template <class Model>
struct Pending {
  int64_t row = 0;
  Model model;
  std::vector<std::string> cells;
};

// Persons travel from the reading thread through the encrypting one
// (RegistryStore::PreparePersons fills `prepared`) to the writing one in
// batches.
struct PersonBatch {
  std::vector<registry::Person> models;
  std::vector<registry::PaymentFacts> facts;  // parallel to models (银行账号, 住址)
  std::vector<int64_t> rows;
  std::vector<std::vector<std::string>> cells;
  store::RegistryStore::PreparedPersons prepared;
  int64_t rows_read = 0;  // data rows read when the batch was closed
};

// Batches waiting between the reading thread and the writing one.
constexpr size_t kQueuedBatches = 2;

// SQLite connection settings for the length of an import, restored after.
// A batch inserts into indexes on random keys (ID hash, name, village
// codes), so on a large registry it dirties most of their leaf pages:
//  - the page cache must hold one batch's dirty pages, or they spill into
//    the WAL mid-transaction and are written and read again;
//  - checkpoints are made rarer, so a page changed by many batches is
//    copied into the database file once per checkpoint, not once per batch.
// Durability is unchanged: every commit is still synced to the WAL
// (synchronous=FULL); the WAL just grows larger between checkpoints.
class SqliteImportTuning {
 public:
  explicit SqliteImportTuning(store::Db& db) : db_(db) {
    if (db_.dialect() != store::Dialect::kSqlite) return;
    auto cache = db_.Query("PRAGMA cache_size");
    auto wal = db_.Query("PRAGMA wal_autocheckpoint");
    if (!cache || !wal || cache->empty() || wal->empty()) return;
    cache_size_ = cache->front().Int(0);
    autocheckpoint_ = wal->front().Int(0);
    active_ = db_.ExecScript("PRAGMA cache_size=-" + std::to_string(kCacheKib) +
                             "; PRAGMA wal_autocheckpoint=" + std::to_string(kCheckpointPages))
                  .has_value();
  }
  ~SqliteImportTuning() {
    if (!active_) return;
    (void)db_.ExecScript("PRAGMA cache_size=" + std::to_string(cache_size_) +
                         "; PRAGMA wal_autocheckpoint=" + std::to_string(autocheckpoint_));
  }
  SqliteImportTuning(const SqliteImportTuning&) = delete;
  SqliteImportTuning& operator=(const SqliteImportTuning&) = delete;

 private:
  static constexpr int64_t kCacheKib = 512 * 1024;   // 512 MiB, at most
  static constexpr int64_t kCheckpointPages = 65536;  // 256 MiB of WAL at 4 KiB pages
  store::Db& db_;
  bool active_ = false;
  int64_t cache_size_ = 0, autocheckpoint_ = 0;
};

class Importer {
 public:
  Importer(Entity entity, const std::string& path, store::RegistryStore& registry, store::Db& db,
           const ImportOptions& options)
      : entity_(entity),
        path_(path),
        registry_(registry),
        db_(db),
        options_(options),
        ctx_{*options.regions, options.today, options.region_within},
        vctx_{*options.regions, options.today},
        actor_(options.actor.empty()
                   ? "import:" + std::filesystem::path(path).filename().string()
                   : options.actor),
        file_name_(options.source_name.empty()
                       ? std::filesystem::path(path).filename().string()
                       : std::filesystem::path(options.source_name).filename().string()),
        started_(std::chrono::steady_clock::now()),
        last_progress_(started_) {}

  Result<ImportResult> Run();

 private:
  // One data row read from the source, with structural checks done.
  // Returns false when the row was rejected for its shape.
  bool CheckShape(const SourceRecord& rec);
  std::vector<std::string> OriginalCells(std::span<const std::string> cells) const;
  void Reject(int64_t row, std::span<const std::string> cells, const FieldErrors& errors);
  void RejectCells(int64_t row, std::vector<std::string> cells, const FieldErrors& errors);
  // A job row held for review by ImportOptions::job_hold.
  void Hold(int64_t row, std::vector<RowError> reasons);
  // Natural key seen before → that row.
  std::optional<int64_t> SeenKey(std::string_view key, int64_t row);
  void Count(UpsertOutcome o, int64_t n = 1);
  void Progress(bool final);

  struct Outcome {
    bool ok = false;
    UpsertOutcome outcome = UpsertOutcome::kUnchanged;
    std::string reason;  // when !ok
  };
  // Stores a batch in one transaction (replayed row by row after a
  // database error); one outcome per item.
  template <class Item, class Upsert>
  Result<std::vector<Outcome>> StoreBatch(std::vector<Item>& batch, Upsert upsert);
  // One transaction per item, so that only the failing items are lost.
  template <class Item, class Upsert>
  Result<std::vector<Outcome>> StoreRowByRow(std::vector<Item>& batch, Upsert upsert);
  // StoreBatch, then counts / rejects each one-row item and clears the batch.
  template <class Model, class Upsert>
  Result<void> Flush(std::vector<Pending<Model>>& batch, Upsert upsert);
  void AfterBatch(int64_t rows_read);

  // Persons: ReadPersons runs on its own thread and feeds StorePersons.
  Result<void> ImportPersons();
  Result<void> ImportPersonBatches();
  void ReadPersons(BatchQueue<PersonBatch>& queue);
  Result<void> StorePersons(PersonBatch& batch);
  // updated_at of payment facts: the import's day (ImportOptions::today).
  std::string FactsTime() const { return options_.today.ToString(); }
  std::unexpected<Error> NoSpace(const Error& e);
  // Rebuilds the person indexes if the ID-hash one was dropped (outside a
  // transaction), before anything looks persons up.
  Result<void> RestoreIdIndex();
  Result<void> ImportJobs();
  Result<void> ImportContracts();
  Result<void> ImportEmployers();
  Result<void> ImportContributions();
  Result<void> ImportSeparations();

  Entity entity_;
  std::string path_;
  store::RegistryStore& registry_;
  store::Db& db_;
  const ImportOptions& options_;
  ParseContext ctx_;
  registry::ValidationContext vctx_;
  std::string actor_;
  std::string file_name_;  // without directories, for the history
  // Persons import into an empty registry (StorePersons): the largest
  // person id this import inserted, and whether anything else interfered.
  bool started_empty_ = false, disturbed_ = false;
  bool id_index_dropped_ = false;  // persons_id_hash (DeferIndexesIfEmpty)
  int64_t last_inserted_id_ = 0;

  std::unique_ptr<TableSource> source_;
  HeaderMap map_;
  ImportResult result_;
  // result_ and rejects_ are shared by the reading and the writing thread
  // of a persons import; the other imports run on one thread.
  std::mutex mu_;
  std::vector<RejectedRow> rejects_;
  SeenKeys keys_;
  FieldErrors errors_;  // reused per row
  std::string key_;     // reused per row
  std::chrono::steady_clock::time_point started_, last_progress_;
};

bool Importer::CheckShape(const SourceRecord& rec) {
  {
    std::lock_guard lock(mu_);
    ++result_.rows;
  }
  auto specs = Columns(entity_);
  if (!rec.problem.empty()) {
    FieldErrors e;
    std::string column;
    if (rec.problem_column >= 0 &&
        static_cast<size_t>(rec.problem_column) < source_->header().size()) {
      column = source_->header()[rec.problem_column];
    }
    e.push_back({column, "", rec.problem});
    Reject(rec.row, rec.cells, e);
    return false;
  }
  const size_t width = source_->header().size();
  if (source_->format() == FileFormat::kCsv && rec.cells.size() < width) {
    // A truncated CSV row: name the first column it lacks.
    size_t first_missing = rec.cells.size();
    FieldErrors e;
    e.push_back({source_->header()[first_missing], "",
                 "该行只有 " + std::to_string(rec.cells.size()) + " 个单元格，表头有 " +
                     std::to_string(width) + " 列：行被截断或缺少分隔符"});
    Reject(rec.row, rec.cells, e);
    return false;
  }
  for (size_t c = width; c < rec.cells.size(); ++c) {
    if (!TrimCell(rec.cells[c]).empty()) {
      FieldErrors e;
      e.push_back({"", std::string(Utf8Prefix(rec.cells[c], 40)),
                   "第 " + std::to_string(c + 1) + " 列没有表头却有内容：可能多了分隔符"});
      Reject(rec.row, rec.cells, e);
      return false;
    }
  }
  (void)specs;
  return true;
}

std::vector<std::string> Importer::OriginalCells(std::span<const std::string> cells) const {
  std::vector<std::string> out;
  const size_t width = source_->header().size();
  out.reserve(width);
  for (size_t c = 0; c < width; ++c) {
    if (static_cast<int>(c) == map_.error_column) {
      out.emplace_back();
      continue;
    }
    out.emplace_back(c < cells.size() ? cells[c] : std::string());
  }
  return out;
}

void Importer::Reject(int64_t row, std::span<const std::string> cells, const FieldErrors& errors) {
  RejectCells(row, OriginalCells(cells), errors);
}

void Importer::Hold(int64_t row, std::vector<RowError> reasons) {
  std::lock_guard lock(mu_);
  ++result_.held;
  for (RowError& e : reasons) {
    e.row = row;
    if (result_.held_rows.size() < options_.max_errors) {
      result_.held_rows.push_back(std::move(e));
    } else {
      ++result_.errors_omitted;
    }
  }
}

void Importer::RejectCells(int64_t row, std::vector<std::string> cells,
                           const FieldErrors& errors) {
  std::lock_guard lock(mu_);
  ++result_.rejected;
  std::string reason;
  auto specs = Columns(entity_);
  for (const FieldError& e : errors) {
    bool identity = false;
    for (const auto& s : specs) identity |= (s.identity && s.name == e.field);
    std::string value = identity && e.value.find('*') == std::string::npos ? MaskValue(e.value)
                                                                           : e.value;
    if (!reason.empty()) reason += "；";
    reason += e.field.empty() ? e.reason : e.field + "：" + e.reason;
    if (result_.errors.size() < options_.max_errors) {
      result_.errors.push_back({row, e.field, std::move(value), e.reason});
    } else {
      ++result_.errors_omitted;
    }
  }
  if (options_.write_rejects) {
    // Drop the earlier 错误原因 column: the new one replaces it.
    if (map_.error_column >= 0 && static_cast<size_t>(map_.error_column) < cells.size()) {
      cells.erase(cells.begin() + map_.error_column);
    }
    rejects_.push_back({row, std::move(cells), std::move(reason)});
  }
}

std::optional<int64_t> Importer::SeenKey(std::string_view key, int64_t row) {
  return keys_.Insert(std::hash<std::string_view>{}(key), row);
}

void Importer::Count(UpsertOutcome o, int64_t n) {
  std::lock_guard lock(mu_);
  switch (o) {
    case UpsertOutcome::kInserted: result_.inserted += n; break;
    case UpsertOutcome::kUpdated: result_.updated += n; break;
    case UpsertOutcome::kUnchanged: result_.unchanged += n; break;
  }
}

void Importer::Progress(bool final) {
  if (options_.progress == nullptr) return;
  std::lock_guard lock(mu_);
  auto now = std::chrono::steady_clock::now();
  if (!final && now - last_progress_ < std::chrono::seconds(1)) return;
  last_progress_ = now;
  double secs = std::chrono::duration<double>(now - started_).count();
  int64_t rate = secs > 0 ? static_cast<int64_t>(result_.rows / secs) : 0;
  *options_.progress << (final ? "完成：" : "已处理 ") << result_.rows << " 行，" << rate
                     << " 行/秒（新增 " << result_.inserted << "，更新 " << result_.updated
                     << "，未变 " << result_.unchanged << "，拒绝 " << result_.rejected
                     << (options_.job_hold ? "，待审核 " + std::to_string(result_.held) : std::string())
                     << "）\n";
  options_.progress->flush();
}

bool IsRowLevel(const Error& e) {
  // Problems of the record itself; the transaction is still usable. Any
  // other failure (kStore, kConflict…) may have aborted it (PostgreSQL).
  return e.code == ErrorCode::kNotFound || e.code == ErrorCode::kInvalidArgument ||
         e.code == ErrorCode::kPermissionDenied;
}

template <class Item, class Upsert>
Result<std::vector<Importer::Outcome>> Importer::StoreBatch(std::vector<Item>& batch,
                                                             Upsert upsert) {
  std::vector<Outcome> outcomes;
  if (batch.empty()) return outcomes;
  outcomes.reserve(batch.size());
  bool replay = false;
  {
    auto tx = store::Transaction::Begin(db_);
    if (!tx) return std::unexpected(tx.error());
    for (auto& item : batch) {
      auto r = upsert(item);
      if (r) {
        outcomes.push_back({true, *r, {}});
      } else if (IsRowLevel(r.error())) {
        outcomes.push_back({false, UpsertOutcome::kUnchanged, r.error().message});
      } else if (store::IsNoSpace(r.error())) {
        return std::unexpected(r.error());  // no row would fare better: stop
      } else {
        replay = true;
        break;
      }
    }
    if (!replay) {
      if (auto c = tx->Commit(); !c) {
        if (store::IsNoSpace(c.error())) return std::unexpected(c.error());
        replay = true;
      }
    }
  }
  if (!replay) return outcomes;
  return StoreRowByRow(batch, upsert);
}

template <class Item, class Upsert>
Result<std::vector<Importer::Outcome>> Importer::StoreRowByRow(std::vector<Item>& batch,
                                                                Upsert upsert) {
  std::vector<Outcome> outcomes;
  outcomes.reserve(batch.size());
  for (auto& item : batch) {
    auto tx = store::Transaction::Begin(db_);
    if (!tx) return std::unexpected(tx.error());
    auto r = upsert(item);
    if (!r && store::IsNoSpace(r.error())) return std::unexpected(r.error());
    if (!r) {
      outcomes.push_back({false, UpsertOutcome::kUnchanged,
                          (IsRowLevel(r.error()) ? "" : "保存失败：") + r.error().message});
    } else if (auto c = tx->Commit(); !c) {
      if (store::IsNoSpace(c.error())) return std::unexpected(c.error());
      outcomes.push_back({false, UpsertOutcome::kUnchanged, "保存失败：" + c.error().message});
    } else {
      outcomes.push_back({true, *r, {}});
    }
  }
  return outcomes;
}

template <class Model, class Upsert>
Result<void> Importer::Flush(std::vector<Pending<Model>>& batch, Upsert upsert) {
  if (batch.empty()) return {};
  auto outcomes = StoreBatch(batch, upsert);
  if (!outcomes) return std::unexpected(outcomes.error());
  for (size_t i = 0; i < batch.size(); ++i) {
    const Outcome& o = (*outcomes)[i];
    if (o.ok) {
      Count(o.outcome);
    } else {
      RejectCells(batch[i].row, std::move(batch[i].cells), {{"", "", o.reason}});
    }
  }
  batch.clear();
  AfterBatch(result_.rows);
  return {};
}

void Importer::AfterBatch(int64_t rows_read) {
  if (options_.after_batch) options_.after_batch(rows_read);
  Progress(false);
}

// Drops validation errors for a field whose cell already failed to parse.
void AppendDeduplicated(FieldErrors& errors, FieldErrors& more) {
  size_t parsed = errors.size();
  for (auto& e : more) {
    bool dup = false;
    for (size_t i = 0; i < parsed; ++i) dup |= errors[i].field == e.field;
    if (!dup) errors.push_back(std::move(e));
  }
}

// Runs the optional row filter; appends its reason as a whole-row error.
template <class Model>
void ApplyRowFilter(const std::function<std::string(const Model&)>& filter, const Model& m,
                    FieldErrors& errors) {
  if (!filter || !errors.empty()) return;
  std::string reason = filter(m);
  if (!reason.empty()) errors.push_back({"", "", std::move(reason)});
}

std::string DuplicateReason(int64_t first_row) {
  return "与第 " + std::to_string(first_row) + " 行重复（同一文件中出现两次），本行未导入";
}

// A load into an empty registry (the first import of a county or a
// province) appends every row. The non-unique indexes of persons are
// dropped for it and rebuilt afterwards in one sorted pass each, as
// database loaders do (RegistryStore::DropIndexesForBulkLoad): their keys
// (names, village codes) arrive in random order, so each batch would dirty
// most of their leaf pages and write them all to the WAL again. On SQLite
// the unique ID-hash index (random keys too) goes as well: such a load
// looks nobody up (StorePersons, PersonBatchInfo::none_stored), its file
// holds each ID once, and SQLite's single writer lets StorePersons see any
// other insert in time to rebuild the index before it looks persons up
// again. On PostgreSQL, where writers run concurrently, it stays, and so
// it does when a person row filter is set (the server's looks persons up
// by ID number on the reading thread, for every row). The
// indexes of groups and history, whose keys arrive nearly in order, stay.
// Queries meanwhile answer correctly, only slower; if the import is
// killed, the next Migrate() (any open) rebuilds the indexes.
Result<bool> DeferIndexesIfEmpty(store::RegistryStore& registry, store::Db& db, bool unique) {
  auto any = db.Query("SELECT person_id FROM persons LIMIT 1");
  if (!any) return std::unexpected(any.error());
  if (!any->empty()) return false;
  static constexpr std::string_view kTables[] = {"persons"};
  if (auto r = registry.DropIndexesForBulkLoad(unique, kTables); !r) {
    return std::unexpected(r.error());
  }
  return true;
}

Result<void> Importer::ImportPersons() {
  const bool unique =
      db_.dialect() == store::Dialect::kSqlite && !options_.row_filter.person;
  auto deferred = DeferIndexesIfEmpty(registry_, db_, unique);
  if (!deferred) return std::unexpected(deferred.error());
  started_empty_ = *deferred;
  id_index_dropped_ = *deferred && unique;
  auto r = ImportPersonBatches();
  // After a whole import also when this one dropped none: an earlier import
  // that stopped on a full disk had no room to rebuild them, and the
  // re-import that completes it finds persons stored (nothing deferred).
  // With every index present this is one catalogue query.
  if (*deferred || r) {
    auto restored = registry_.RestoreIndexes();
    if (r && !restored) return restored;
  }
  return r;
}

// Three threads, each batch passing through them in order: reading
// (ReadPersons), encrypting (PreparePersons) and writing (this one). With
// two cores the work of the three is spread over both whatever their
// shares; a failed write cancels both queues, which stops the others. An
// exception on any of the three is kept (it must not leave its thread),
// cancels both queues the same way and is rethrown here once all three are
// joined, for Import() to turn into an error.
Result<void> Importer::ImportPersonBatches() {
  BatchQueue<PersonBatch> parsed(kQueuedBatches), prepared(kQueuedBatches);
  FirstException failure;
  auto guarded = [&](auto&& body) {
    failure.Run(body);
    if (failure.failed()) {
      parsed.Cancel();
      prepared.Cancel();
    }
  };
  std::thread reader([&] { guarded([&] { ReadPersons(parsed); }); });
  std::thread preparer([&] {
    guarded([&] {
      while (auto batch = parsed.Pop()) {
        batch->prepared = registry_.PreparePersons(batch->models);
        if (!prepared.Push(std::move(*batch))) {
          parsed.Cancel();
          return;
        }
      }
      prepared.Close();
    });
  });
  Result<void> r;
  guarded([&] {
    while (auto batch = prepared.Pop()) {
      r = StorePersons(*batch);
      if (!r) {
        prepared.Cancel();
        parsed.Cancel();
        break;
      }
    }
  });
  reader.join();
  preparer.join();
  failure.Rethrow();
  return r;
}

// The reading thread: parsing, validation, in-file duplicates and rejects.
// Uses no connection.
void Importer::ReadPersons(BatchQueue<PersonBatch>& queue) {
  PersonBatch batch;
  auto close_batch = [&] {
    {
      std::lock_guard lock(mu_);
      batch.rows_read = result_.rows;
    }
    bool ok = queue.Push(std::move(batch));
    batch = PersonBatch{};
    batch.models.reserve(options_.batch_size);
    return ok;
  };
  batch.models.reserve(options_.batch_size);
  SourceRecord rec;
  registry::Person p;
  registry::PaymentFacts facts;
  FieldErrors more;
  while (source_->Next(rec)) {
    if (!CheckShape(rec)) continue;
    errors_.clear();
    ParsePersonRow(RowView(rec.cells, map_.positions), ctx_, p, errors_);
    ParsePaymentFacts(RowView(rec.cells, map_.positions), facts, errors_);
    if (!facts.empty() && !options_.vault) {
      errors_.push_back({std::string(registry::field::kBankAccount), "",
                         "未配置密钥，无法保存银行账号、住址（请联系系统管理员）"});
    }
    more.clear();
    registry::ValidatePerson(p, vctx_, more);
    AppendDeduplicated(errors_, more);
    if (!p.id_number.empty()) {
      if (auto first = SeenKey(p.id_number, rec.row)) {
        errors_.push_back({std::string(registry::field::kIdNumber), MaskIdNumber(p.id_number),
                           DuplicateReason(*first)});
      }
    }
    ApplyRowFilter(options_.row_filter.person, p, errors_);
    if (!errors_.empty()) {
      Reject(rec.row, rec.cells, errors_);
      continue;
    }
    batch.models.push_back(std::move(p));
    batch.facts.push_back(std::move(facts));
    batch.rows.push_back(rec.row);
    batch.cells.push_back(OriginalCells(rec.cells));
    if (batch.models.size() >= options_.batch_size && !close_batch()) return;
  }
  if (!batch.models.empty()) close_batch();
  queue.Close();
}

Result<void> Importer::RestoreIdIndex() {
  if (!id_index_dropped_) return {};
  if (auto r = registry_.RestoreIndexes(); !r) return r;
  id_index_dropped_ = false;
  return {};
}

// One transaction per batch through the batch upsert; after a database
// error, rolled back and replayed one row per transaction.
Result<void> Importer::StorePersons(PersonBatch& batch) {
  std::vector<Outcome> outcomes;
  bool replay = false;
  store::RegistryStore::PersonBatchInfo info;
  info.file = file_name_;
  if (!batch.rows.empty()) {
    info.first_row = batch.rows.front();
    info.last_row = batch.rows.back();
  }
  {
    std::optional<store::Transaction> tx;
    auto begin = [&]() -> Result<void> {
      auto t = store::Transaction::Begin(db_);
      if (!t) return std::unexpected(t.error());
      tx.emplace(std::move(*t));
      return {};
    };
    if (auto b = begin(); !b) return b;
    if (started_empty_ && !disturbed_) {
      // Into a registry that was empty: every person of the file is new
      // (each ID once, ReadPersons) unless someone else inserted persons
      // since our last batch, which shows in the largest id (the writer
      // lock, or the unique ID-hash index on PostgreSQL, covers the rest).
      auto max = db_.Query("SELECT COALESCE(MAX(person_id), 0) FROM persons");
      if (!max) return std::unexpected(max.error());
      info.none_stored = !max->empty() && max->front().Int(0) == last_inserted_id_;
      disturbed_ = !info.none_stored;
      if (disturbed_ && id_index_dropped_) {
        // From now on persons are looked up: by the index.
        tx.reset();  // nothing written yet
        if (auto r = RestoreIdIndex(); !r) return r;
        if (auto b = begin(); !b) return b;
      }
    }
    auto r = registry_.UpsertPersons(batch.models, std::move(batch.prepared), actor_, info);
    // Payment facts beside the records (ids now filled), same transaction.
    if (r && options_.vault) {
      if (auto f = store::WritePaymentFacts(db_, *options_.vault, batch.models, batch.facts, FactsTime()); !f) {
        r = std::unexpected(f.error());
      }
    }
    Result<void> committed;
    if (r) committed = tx->Commit();
    if (!r && store::IsNoSpace(r.error())) return std::unexpected(r.error());
    if (!committed && store::IsNoSpace(committed.error())) return committed;
    if (!r || !committed) {
      replay = true;
      disturbed_ = true;
    } else {
      outcomes.reserve(r->size());
      for (size_t i = 0; i < r->size(); ++i) {
        outcomes.push_back({true, (*r)[i], {}});
        if ((*r)[i] == UpsertOutcome::kInserted) {
          last_inserted_id_ = std::max(last_inserted_id_, batch.models[i].person_id);
        }
      }
    }
  }
  if (replay) {
    if (auto restored = RestoreIdIndex(); !restored) return restored;
    auto r = StoreRowByRow(batch.models, [&](registry::Person& person) -> Result<UpsertOutcome> {
      auto u = registry_.UpsertPerson(person, actor_);
      if (!u || !options_.vault) return u;
      const size_t i = static_cast<size_t>(&person - batch.models.data());
      auto f = store::WritePaymentFacts(db_, *options_.vault, std::span<const registry::Person>(&person, 1),
                                        std::span<const registry::PaymentFacts>(&batch.facts[i], 1), FactsTime());
      if (!f) return std::unexpected(f.error());
      return u;
    });
    if (!r) return std::unexpected(r.error());
    outcomes = std::move(*r);
  }
  int64_t counts[3] = {0, 0, 0};  // by UpsertOutcome
  for (size_t i = 0; i < batch.models.size(); ++i) {
    const Outcome& o = outcomes[i];
    if (o.ok) {
      ++counts[static_cast<int>(o.outcome)];
    } else {
      RejectCells(batch.rows[i], std::move(batch.cells[i]), {{"", "", o.reason}});
    }
  }
  for (auto o : {UpsertOutcome::kInserted, UpsertOutcome::kUpdated, UpsertOutcome::kUnchanged}) {
    if (counts[static_cast<int>(o)] > 0) Count(o, counts[static_cast<int>(o)]);
  }
  AfterBatch(batch.rows_read);
  return {};
}

Result<void> Importer::ImportJobs() {
  std::vector<Pending<registry::Job>> batch;
  std::unordered_map<std::string, std::optional<std::string>> employer_county;
  SourceRecord rec;
  registry::Job j;
  FieldErrors more;
  while (source_->Next(rec)) {
    if (!CheckShape(rec)) continue;
    errors_.clear();
    ParseJobRow(RowView(rec.cells, map_.positions), ctx_, j, errors_);
    if (errors_.empty()) {
      auto it = employer_county.find(j.employer_credit_code);
      if (it == employer_county.end()) {
        auto found = registry_.FindEmployer(j.employer_credit_code);
        if (!found) return std::unexpected(found.error());
        std::optional<std::string> county;
        if (*found) county = (*found)->county_code;
        it = employer_county.emplace(j.employer_credit_code, std::move(county)).first;
      }
      if (!it->second) {
        errors_.push_back({std::string(registry::field::kCreditCode), j.employer_credit_code,
                           "该单位尚未登记，请先导入单位信息"});
      } else if (!options_.regions->IsInGuizhou(j.place_region)) {
        j.county_code = *it->second;  // workplace outside Guizhou: the employer's county
      }
    }
    more.clear();
    registry::ValidateJob(j, vctx_, more);
    AppendDeduplicated(errors_, more);
    key_ = j.employer_credit_code + '\x1f' + j.title + '\x1f' + j.place_region + '\x1f' +
           j.open_on.ToString();
    if (!j.employer_credit_code.empty() && !j.title.empty()) {
      if (auto first = SeenKey(key_, rec.row)) {
        errors_.push_back({std::string(registry::field::kTitle), j.title, DuplicateReason(*first)});
      }
    }
    ApplyRowFilter(options_.row_filter.job, j, errors_);
    if (!errors_.empty()) {
      Reject(rec.row, rec.cells, errors_);
      continue;
    }
    if (options_.job_hold) {
      // Screened after every other check, so that a row queued for review
      // is one the importer would otherwise have stored.
      auto reasons = options_.job_hold(j, rec.row);
      if (!reasons) return std::unexpected(reasons.error());
      if (!reasons->empty()) {
        Hold(rec.row, std::move(*reasons));
        continue;
      }
    }
    batch.push_back({rec.row, std::move(j), OriginalCells(rec.cells)});
    if (batch.size() >= options_.batch_size) {
      auto f = Flush(batch, [&](auto& item) { return registry_.UpsertJob(item.model, actor_); });
      if (!f) return f;
    }
  }
  return Flush(batch, [&](auto& item) { return registry_.UpsertJob(item.model, actor_); });
}

Result<void> Importer::ImportContracts() {
  std::vector<Pending<registry::Contract>> batch;
  SourceRecord rec;
  registry::Contract c;
  FieldErrors more;
  while (source_->Next(rec)) {
    if (!CheckShape(rec)) continue;
    errors_.clear();
    ParseContractRow(RowView(rec.cells, map_.positions), ctx_, c, errors_);
    more.clear();
    registry::ValidateContract(c, vctx_, more);
    AppendDeduplicated(errors_, more);
    key_ = c.person_id_number + '\x1f' + c.employer_credit_code + '\x1f' + c.start_on.ToString();
    if (!c.person_id_number.empty() && !c.employer_credit_code.empty()) {
      if (auto first = SeenKey(key_, rec.row)) {
        errors_.push_back({std::string(registry::field::kStartOn), c.start_on.ToString(),
                           DuplicateReason(*first)});
      }
    }
    ApplyRowFilter(options_.row_filter.contract, c, errors_);
    if (!errors_.empty()) {
      Reject(rec.row, rec.cells, errors_);
      continue;
    }
    batch.push_back({rec.row, std::move(c), OriginalCells(rec.cells)});
    if (batch.size() >= options_.batch_size) {
      auto f =
          Flush(batch, [&](auto& item) { return registry_.UpsertContract(item.model, actor_); });
      if (!f) return f;
    }
  }
  return Flush(batch, [&](auto& item) { return registry_.UpsertContract(item.model, actor_); });
}

// Contribution months: the person and the payer are looked up once each
// (cached per file); rows are upserted by (person, payer, month).
Result<void> Importer::ImportContributions() {
  namespace cf = contribution_field;
  store::ContributionStore contributions(db_);
  struct Who {
    int64_t person_id = 0;
    std::string county_code;
  };
  std::unordered_map<std::string, std::optional<Who>> persons;
  std::unordered_map<std::string, bool> employers;
  std::vector<Pending<registry::Contribution>> batch;
  const int32_t this_month = registry::MonthOf(options_.today);
  SourceRecord rec;
  registry::Contribution c;
  while (source_->Next(rec)) {
    if (!CheckShape(rec)) continue;
    errors_.clear();
    ParseContributionRow(RowView(rec.cells, map_.positions), c, errors_);
    const size_t parse_errors = errors_.size();
    auto has_error = [&](std::string_view field) {
      for (size_t i = 0; i < parse_errors; ++i) {
        if (errors_[i].field == field) return true;
      }
      return false;
    };
    if (!c.person_id_number.empty()) {
      auto check = CheckResidentId(c.person_id_number, options_.today, options_.regions);
      if (!check.valid) {
        errors_.push_back({std::string(registry::field::kIdNumber), c.person_id_number, check.reason});
      } else {
        auto it = persons.find(c.person_id_number);
        if (it == persons.end()) {
          auto found = registry_.FindPersonByIdNumber(c.person_id_number);
          if (!found) return std::unexpected(found.error());
          std::optional<Who> who;
          if (*found) who = Who{(*found)->person_id, (*found)->county_code};
          it = persons.emplace(c.person_id_number, std::move(who)).first;
        }
        if (!it->second) {
          errors_.push_back({std::string(registry::field::kIdNumber), c.person_id_number,
                             "该人员尚未登记，请先导入人员信息"});
        } else {
          c.person_id = it->second->person_id;
          c.county_code = it->second->county_code;
        }
      }
    }
    if (!c.employer_credit_code.empty() && !has_error(cf::kCreditCode)) {
      auto check = CheckCreditCode(c.employer_credit_code);
      if (!check.valid) {
        errors_.push_back({std::string(cf::kCreditCode), c.employer_credit_code, check.reason});
      } else {
        auto it = employers.find(c.employer_credit_code);
        if (it == employers.end()) {
          auto found = registry_.FindEmployer(c.employer_credit_code);
          if (!found) return std::unexpected(found.error());
          it = employers.emplace(c.employer_credit_code, found->has_value()).first;
        }
        if (!it->second) {
          errors_.push_back({std::string(cf::kCreditCode), c.employer_credit_code,
                             "该单位尚未登记，请先导入单位信息"});
        }
      }
    }
    if (c.month != 0 && c.month > this_month) {
      errors_.push_back({std::string(cf::kMonth), registry::MonthText(c.month),
                         "缴费年月晚于当前月份（" + registry::MonthText(this_month) + "），不能预缴登记"});
    }
    if (!c.person_id_number.empty() && c.month != 0) {
      key_ = c.person_id_number + '\x1f' + c.employer_credit_code + '\x1f' + std::to_string(c.month);
      if (auto first = SeenKey(key_, rec.row)) {
        errors_.push_back({std::string(cf::kMonth), registry::MonthText(c.month),
                           "同一人员、同一缴费单位、同一缴费年月" + DuplicateReason(*first)});
      }
    }
    ApplyRowFilter(options_.row_filter.contribution, c, errors_);
    if (!errors_.empty()) {
      Reject(rec.row, rec.cells, errors_);
      continue;
    }
    batch.push_back({rec.row, std::move(c), OriginalCells(rec.cells)});
    if (batch.size() >= options_.batch_size) {
      auto f = Flush(batch, [&](auto& item) { return contributions.Put(item.model); });
      if (!f) return f;
    }
  }
  return Flush(batch, [&](auto& item) { return contributions.Put(item.model); });
}

// Separations: the person, the employer and the person's contracts are
// looked up once each (cached per file).
Result<void> Importer::ImportSeparations() {
  namespace sf = separation_field;
  namespace f = registry::field;
  using C = SeparationCol;
  store::SeparationStore separations(db_);
  struct Who {
    int64_t person_id = 0;
    std::string county_code;
    std::vector<registry::Contract> contracts;
  };
  std::unordered_map<std::string, std::optional<Who>> persons;
  std::vector<Pending<registry::Separation>> batch;
  SourceRecord rec;
  while (source_->Next(rec)) {
    if (!CheckShape(rec)) continue;
    errors_.clear();
    RowView row(rec.cells, map_.positions);
    registry::Separation s;
    s.person_id_number.assign(internal::Text(row[C::kIdNumber], f::kIdNumber, true, errors_));
    if (!s.person_id_number.empty() && s.person_id_number.back() == 'x') s.person_id_number.back() = 'X';
    s.employer_credit_code.assign(internal::Text(row[C::kCreditCode], f::kCreditCode, true, errors_));
    for (char& ch : s.employer_credit_code) {
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    }
    auto day = internal::DateCell(row[C::kSeparatedOn], sf::kSeparatedOn, true, errors_);
    if (day) s.separated_on = *day;
    if (std::string_view reason = internal::Text(row[C::kReason], sf::kReason, true, errors_); !reason.empty()) {
      if (auto r = registry::ParseSeparationReason(reason)) {
        s.reason = *r;
      } else {
        errors_.push_back({std::string(sf::kReason), std::string(reason), "无法识别，可填：辞职/解除/终止/裁员/退休/死亡"});
      }
    }
    if (day && *day > options_.today) {
      errors_.push_back({std::string(sf::kSeparatedOn), day->ToString(),
                         "晚于今天（" + options_.today.ToString() + "），不能登记将来的离职"});
    }
    const Who* who = nullptr;
    if (!s.person_id_number.empty()) {
      auto it = persons.find(s.person_id_number);
      if (it == persons.end()) {
        auto found = registry_.FindPersonByIdNumber(s.person_id_number);
        if (!found) return std::unexpected(found.error());
        std::optional<Who> w;
        if (*found) {
          auto contracts = registry_.ContractsOfPerson((*found)->person_id);
          if (!contracts) return std::unexpected(contracts.error());
          w = Who{(*found)->person_id, (*found)->county_code, std::move(*contracts)};
        }
        it = persons.emplace(s.person_id_number, std::move(w)).first;
      }
      if (!it->second) {
        errors_.push_back({std::string(f::kIdNumber), s.person_id_number, "该人员尚未登记，请先导入人员信息"});
      } else {
        who = &*it->second;
        s.person_id = who->person_id;
        s.county_code = who->county_code;
      }
    }
    if (who && !s.employer_credit_code.empty() && day) {
      bool has_contract = false;
      for (const auto& c : who->contracts) {
        has_contract |= c.employer_credit_code == s.employer_credit_code && c.start_on <= *day;
      }
      if (!has_contract) {
        errors_.push_back({std::string(f::kCreditCode), s.employer_credit_code,
                           "该人员在该单位没有离职日当日或之前开始的劳动合同，请先导入劳动合同"});
      }
    }
    if (!s.person_id_number.empty() && !s.employer_credit_code.empty() && day) {
      key_ = s.person_id_number + '\x1f' + s.employer_credit_code + '\x1f' + day->ToString();
      if (auto first = SeenKey(key_, rec.row)) {
        errors_.push_back({std::string(sf::kSeparatedOn), day->ToString(), DuplicateReason(*first)});
      }
    }
    ApplyRowFilter(options_.row_filter.separation, s, errors_);
    if (!errors_.empty()) {
      Reject(rec.row, rec.cells, errors_);
      continue;
    }
    batch.push_back({rec.row, std::move(s), OriginalCells(rec.cells)});
    if (batch.size() >= options_.batch_size) {
      auto fl = Flush(batch, [&](auto& item) { return separations.Put(item.model); });
      if (!fl) return fl;
    }
  }
  return Flush(batch, [&](auto& item) { return separations.Put(item.model); });
}

// Employers: rows are grouped by credit code first (an employer's years
// may be spread over several rows), then stored one employer at a time.
Result<void> Importer::ImportEmployers() {
  struct Group {
    int64_t first_row = 0;
    registry::Employer employer;  // years merged from its rows
    std::vector<int64_t> rows;
    std::vector<std::vector<std::string>> cells;
  };
  std::vector<Group> groups;
  std::unordered_map<std::string, size_t> by_code;
  SourceRecord rec;
  registry::Employer e;
  FieldErrors more;
  auto same_employer = [](const registry::Employer& a, const registry::Employer& b) {
    return a.name == b.name && a.type == b.type && a.size == b.size && a.region == b.region &&
           a.insured_headcount == b.insured_headcount && a.key_enterprise == b.key_enterprise &&
           a.insured_region == b.insured_region;
  };
  while (source_->Next(rec)) {
    if (!CheckShape(rec)) continue;
    errors_.clear();
    ParseEmployerRow(RowView(rec.cells, map_.positions), ctx_, e, errors_);
    more.clear();
    registry::ValidateEmployer(e, vctx_, more);
    AppendDeduplicated(errors_, more);
    if (!e.credit_code.empty()) {
      key_ = e.credit_code + '\x1f' + (e.years.empty() ? "" : std::to_string(e.years[0].year));
      if (auto first = SeenKey(key_, rec.row)) {
        errors_.push_back({std::string(e.years.empty() ? registry::field::kCreditCode
                                                       : registry::field::kYear),
                           e.years.empty() ? e.credit_code : std::to_string(e.years[0].year),
                           DuplicateReason(*first)});
      }
    }
    auto it = by_code.find(e.credit_code);
    if (errors_.empty() && it != by_code.end() && !same_employer(groups[it->second].employer, e)) {
      errors_.push_back({std::string(registry::field::kEmployerName), e.name,
                         "与第 " + std::to_string(groups[it->second].first_row) +
                             " 行同一单位的基本信息（名称、类型、规模、所在地、参保人数、"
                             "重点企业）不一致"});
    }
    ApplyRowFilter(options_.row_filter.employer, e, errors_);
    if (!errors_.empty()) {
      Reject(rec.row, rec.cells, errors_);
      continue;
    }
    if (it == by_code.end()) {
      it = by_code.emplace(e.credit_code, groups.size()).first;
      groups.push_back({rec.row, e, {}, {}});
    } else {
      for (const auto& y : e.years) groups[it->second].employer.years.push_back(y);
    }
    groups[it->second].rows.push_back(rec.row);
    groups[it->second].cells.push_back(OriginalCells(rec.cells));
  }

  auto upsert = [&](Group* group) -> Result<UpsertOutcome> {
    registry::Employer merged = group->employer;
    // Years stored earlier but absent from the file are kept.
    auto stored = registry_.FindEmployer(merged.credit_code);
    if (!stored) return std::unexpected(stored.error());
    if (*stored) {
      for (const auto& old : (*stored)->years) {
        bool in_file = false;
        for (const auto& y : merged.years) in_file |= y.year == old.year;
        if (!in_file) merged.years.push_back(old);
      }
    }
    std::sort(merged.years.begin(), merged.years.end(),
              [](const auto& a, const auto& b) { return a.year < b.year; });
    return registry_.UpsertEmployer(merged, actor_);
  };
  std::vector<Group*> batch;
  for (size_t g = 0; g < groups.size(); ++g) {
    batch.push_back(&groups[g]);
    if (batch.size() < options_.batch_size && g + 1 < groups.size()) continue;
    auto outcomes = StoreBatch(batch, upsert);
    if (!outcomes) return std::unexpected(outcomes.error());
    for (size_t i = 0; i < batch.size(); ++i) {
      Group& group = *batch[i];
      const Outcome& o = (*outcomes)[i];
      if (o.ok) {
        Count(o.outcome, static_cast<int64_t>(group.rows.size()));
        continue;
      }
      for (size_t r = 0; r < group.rows.size(); ++r) {
        RejectCells(group.rows[r], std::move(group.cells[r]), {{"", "", o.reason}});
      }
    }
    batch.clear();
    AfterBatch(result_.rows);
  }
  return {};
}

// A full disk stops the import (every later row would fail the same way,
// and rejecting them all would send the officer a rejects file of good
// rows). Each batch is one transaction, so what is stored is a whole
// number of batches; the message says how many rows, and that importing
// the same file again once space is freed completes it (upserts are
// idempotent: stored rows come back "unchanged", none twice).
std::unexpected<Error> Importer::NoSpace(const Error& e) {
  std::lock_guard lock(mu_);
  const int64_t stored = result_.inserted + result_.updated + result_.unchanged;
  return Fail(ErrorCode::kIo,
              e.message + "。导入已停止：此前已完整保存 " + std::to_string(stored) +
                  " 行（每批一个事务，不会只存半批），释放磁盘空间后重新导入同一文件即可补全，已保存的行不会重复");
}

Result<ImportResult> Importer::Run() {
  result_.file = path_;
  std::vector<std::string_view> known;  // to find the header below title rows
  for (const auto& spec : Columns(entity_)) known.push_back(spec.name);
  known.push_back(kErrorColumn);
  auto src = TableSource::Open(path_, options_.max_record_bytes, known);
  if (!src) return std::unexpected(src.error());
  source_ = std::move(*src);
  result_.encoding = source_->encoding();
  result_.header_row = source_->header_row();
  auto map = MapHeader(entity_, source_->header());
  if (!map) {
    return Fail(map.error().code,
                "表头（第 " + std::to_string(source_->header_row()) + " 行）：" +
                    map.error().message);
  }
  map_ = std::move(*map);
  {
    // Below the last data row, rows without any required cell, or that
    // begin like a note or signature, are the sheet's notes block.
    std::vector<int> required;
    auto specs = Columns(entity_);
    for (size_t c = 0; c < specs.size(); ++c) {
      if (specs[c].required) required.push_back(map_.positions[c]);
    }
    source_->SetTailRule(std::move(required));
  }
  {
    // In-file duplicate detection keeps one entry per row: size it once
    // (a persons row is ~130 bytes) instead of rehashing a million keys.
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(path_, ec);
    if (!ec) keys_.Reserve(std::min<uintmax_t>(bytes / 128, uintmax_t{1} << 23));
  }

  Result<void> r;
  SqliteImportTuning tuning(db_);
  switch (entity_) {
    case Entity::kPersons: r = ImportPersons(); break;
    case Entity::kEmployers: r = ImportEmployers(); break;
    case Entity::kJobs: r = ImportJobs(); break;
    case Entity::kContracts: r = ImportContracts(); break;
    case Entity::kContributions: r = ImportContributions(); break;
    case Entity::kSeparations: r = ImportSeparations(); break;
  }
  if (!r && store::IsNoSpace(r.error())) return NoSpace(r.error());
  if (!r) return std::unexpected(r.error());
  result_.tail_rows = source_->tail_rows();
  result_.first_tail_row = source_->first_tail_row();
  Progress(true);

  std::string rejects_path = RejectsPathFor(path_);
  if (options_.write_rejects) {
    // Rows rejected by the store come after later rows rejected on reading.
    std::stable_sort(rejects_.begin(), rejects_.end(),
                     [](const RejectedRow& a, const RejectedRow& b) { return a.row < b.row; });
    if (!rejects_.empty()) {
      std::vector<std::string> header = source_->header();
      if (map_.error_column >= 0) header.erase(header.begin() + map_.error_column);
      auto w = WriteRejects(rejects_path, source_->format(), header, rejects_);
      if (!w && store::IsNoSpace(w.error())) return NoSpace(w.error());
      if (!w) return std::unexpected(w.error());
      result_.rejects_file = rejects_path;
    } else {
      std::error_code ec;
      std::filesystem::remove(rejects_path, ec);
    }
  }
  std::stable_sort(result_.errors.begin(), result_.errors.end(),
                   [](const RowError& a, const RowError& b) { return a.row < b.row; });
  return std::move(result_);
}

}  // namespace

std::string RejectsPathFor(const std::string& input_path) {
  std::filesystem::path p(input_path);
  std::string ext = p.extension().string();
  std::string stem = p.stem().string();
  if (ext.empty()) ext = ".csv";
  return (p.parent_path() / (stem + ".rejects" + ext)).string();
}

nlohmann::ordered_json ImportResult::ToJson() const {
  nlohmann::ordered_json j;
  j["file"] = RepairUtf8(file);
  j["encoding"] = encoding;
  j["rows"] = rows;
  j["inserted"] = inserted;
  j["updated"] = updated;
  j["unchanged"] = unchanged;
  j["rejected"] = rejected;
  // The one place where row text leaves the importer as JSON: strings are
  // repaired to valid UTF-8 (a plain copy when they already are), so no
  // caller's dump() can throw nlohmann's type_error 316 on a stray byte.
  auto& errs = j["errors"] = nlohmann::ordered_json::array();
  for (const auto& e : errors) {
    errs.push_back({{"row", e.row},
                    {"column", RepairUtf8(e.column)},
                    {"value", RepairUtf8(e.value)},
                    {"reason", RepairUtf8(e.reason)}});
  }
  if (errors_omitted > 0) j["errors_omitted"] = errors_omitted;
  if (held > 0 || !held_rows.empty()) {
    j["held"] = held;
    auto& hs = j["held_rows"] = nlohmann::ordered_json::array();
    for (const auto& e : held_rows) {
      hs.push_back({{"row", e.row},
                    {"column", RepairUtf8(e.column)},
                    {"value", RepairUtf8(e.value)},
                    {"reason", RepairUtf8(e.reason)}});
    }
    j["held_note"] = std::to_string(held) +
                     " 行岗位含有可能构成就业歧视或虚假、欺诈招聘的内容，未写入岗位库，已转人社部门审核";
  }
  if (header_row > 1) {
    j["header_row"] = header_row;
    j["header_note"] = "表头在第 " + std::to_string(header_row) + " 行，其上的标题行已跳过";
  }
  if (tail_rows > 0) {
    j["tail_rows_ignored"] = tail_rows;
    j["tail_note"] = "表尾说明 " + std::to_string(tail_rows) + " 行（自第 " +
                     std::to_string(first_tail_row) + " 行起），已忽略";
  }
  if (!rejects_file.empty()) j["rejects_file"] = RepairUtf8(rejects_file);
  return j;
}

Result<ImportResult> Import(Entity entity, const std::string& path, store::RegistryStore& registry,
                            store::Db& db, const ImportOptions& options) {
  if (options.regions == nullptr) {
    return Fail(ErrorCode::kInternal, "导入需要行政区划参考数据");
  }
  // No exception leaves an import (the server runs it on a job thread): one
  // is reported as an error. Batches committed before it stay stored;
  // importing the file again completes it (upserts are idempotent).
  try {
    Importer importer(entity, path, registry, db, options);
    return importer.Run();
  } catch (...) {
    return Fail(ErrorCode::kInternal,
                "导入意外中止（程序内部错误：" + RepairUtf8(CurrentExceptionText()) +
                    "）。已保存的批次保留，排除问题后重新导入同一文件即可补全");
  }
}

}  // namespace qjy::importer
