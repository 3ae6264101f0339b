#include "store/db.h"

#include <charconv>

namespace qjy::store {

int64_t Row::Int(size_t i) const {
  const Value& v = cells.at(i);
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* s = std::get_if<std::string>(&v)) {
    int64_t n = 0;
    std::from_chars(s->data(), s->data() + s->size(), n);
    return n;
  }
  return 0;
}

std::string Row::Text(size_t i) const {
  const Value& v = cells.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (const auto* b = std::get_if<Blob>(&v)) return std::string(b->begin(), b->end());
  return "";
}

Blob Row::Bytes(size_t i) const {
  const Value& v = cells.at(i);
  if (const auto* b = std::get_if<Blob>(&v)) return *b;
  if (const auto* s = std::get_if<std::string>(&v)) return Blob(s->begin(), s->end());
  return {};
}

Result<Transaction> Transaction::Begin(Db& db) {
  if (auto r = db.Begin(); !r) return std::unexpected(r.error());
  return Transaction(db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->Rollback();
}

Result<void> Transaction::Commit() {
  if (db_ == nullptr) return Fail(ErrorCode::kInternal, "事务已结束");
  Db* db = db_;
  db_ = nullptr;  // whatever COMMIT says, this transaction is over
  auto r = db->Commit();
  if (!r) (void)db->Rollback();
  return r;
}

}  // namespace qjy::store
