// RowCodec<T>: one table binding a record's fields to its table's columns,
// so that the SELECT column list, the INSERT / UPDATE parameters and the
// reading of a row come from the same place instead of positional code
// written three times per repository (the column-string mappers #19 names).
//
//   const RowCodec<Workshop>& Codec() {
//     static const RowCodec<Workshop> kCodec = RowCodec<Workshop>()
//         .Field("workshop_id", [](auto& w) -> auto& { return w.workshop_id; })
//         .Field("region_code", [](auto& w) -> auto& { return w.in.region; });
//     return kCodec;
//   }
//   db.Query("SELECT " + Codec().Columns() + " FROM network_workshops …");
//   auto w = Codec().Read(row);             // Result<Workshop>
//   Codec().Values(w, {"region_code"})      // the parameters of an UPDATE
//   Codec().InsertSql("network_workshops")  // INSERT INTO … (…) VALUES (?, …)
//
// An accessor is a generic lambda returning a reference to the field; the
// field's type chooses its encoding:
//   std::string            TEXT; NULL reads as ""
//   int64_t, int           INTEGER; NULL reads as 0
//   bool                   INTEGER 0/1
//   Date                   TEXT YYYY-MM-DD
//   std::optional<Date>    TEXT or NULL
//   std::optional<int64_t> INTEGER or NULL
// A date column holding anything but a date is a kStore error naming the
// column (a fact the database holds wrongly is reported, never dropped).
//
// A field whose column form its type does not choose takes an Encoding as
// a third argument to Field:
//   Coded(code, parse)     TEXT holding a code (an enum, a flag set): `code(v)`
//                          writes it, `parse(text)` reads it (anything with
//                          bool and *: std::optional, Result); a code `parse`
//                          refuses is a kStore error naming the column
//   Nullable(encoding)     the same as std::optional<F>, NULL for std::nullopt
//   ZeroAsNull()           int64_t id where 0 means none: written NULL, NULL reads 0
//   Encoding<F>{to, from}  anything else (e.g. a record kept as JSON)
//
// Immutable after construction; thread-safe to share.
#ifndef QJY_STORE_ROW_CODEC_H_
#define QJY_STORE_ROW_CODEC_H_

#include <algorithm>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "store/db.h"

namespace qjy::store {

namespace row_codec_internal {

inline Error BadDate(std::string_view column, std::string_view text) {
  return Error{ErrorCode::kStore, "列 " + std::string(column) + " 的日期无法读取：" + std::string(text)};
}

template <class F>
Value Encode(const F& v) {
  if constexpr (std::is_same_v<F, std::string>) {
    return Value(v);
  } else if constexpr (std::is_same_v<F, bool>) {
    return Value(int64_t{v ? 1 : 0});
  } else if constexpr (std::is_integral_v<F>) {
    return Value(static_cast<int64_t>(v));
  } else if constexpr (std::is_same_v<F, Date>) {
    return Value(v.ToString());
  } else if constexpr (std::is_same_v<F, std::optional<Date>>) {
    return v ? Value(v->ToString()) : Value();
  } else if constexpr (std::is_same_v<F, std::optional<int64_t>>) {
    return v ? Value(*v) : Value();
  } else {
    static_assert(sizeof(F) == 0, "RowCodec: no encoding for this field type");
  }
}

template <class F>
Result<void> Decode(const Row& r, size_t i, std::string_view column, F& out) {
  if constexpr (std::is_same_v<F, std::string>) {
    out = r.Text(i);
  } else if constexpr (std::is_same_v<F, bool>) {
    out = r.Int(i) != 0;
  } else if constexpr (std::is_integral_v<F>) {
    out = static_cast<F>(r.Int(i));
  } else if constexpr (std::is_same_v<F, Date>) {
    auto d = Date::Parse(r.Text(i));
    if (!d) return std::unexpected(BadDate(column, r.Text(i)));
    out = *d;
  } else if constexpr (std::is_same_v<F, std::optional<Date>>) {
    out.reset();
    if (r.IsNull(i) || r.Text(i).empty()) return {};
    auto d = Date::Parse(r.Text(i));
    if (!d) return std::unexpected(BadDate(column, r.Text(i)));
    out = *d;
  } else if constexpr (std::is_same_v<F, std::optional<int64_t>>) {
    out = r.IsNull(i) ? std::nullopt : std::optional<int64_t>(r.Int(i));
  } else {
    static_assert(sizeof(F) == 0, "RowCodec: no decoding for this field type");
  }
  return {};
}

}  // namespace row_codec_internal

// The kStore error for a cell of `column` that does not read as its field.
inline Error ColumnError(std::string_view column, std::string_view what) {
  return Error{ErrorCode::kStore, "列 " + std::string(column) + " 的取值无法读取：" + std::string(what)};
}

// How one field is kept in its column when its type's default will not do:
// `to` gives the cell's value; `from` reads cell `i` of `r` or returns the
// error to report (ColumnError names `column`).
template <class F>
struct Encoding {
  std::function<Value(const F&)> to;
  std::function<Result<F>(const Row& r, size_t i, std::string_view column)> from;
};

// TEXT holding the code of a value: `code(v)` gives the text (string,
// string_view or const char*), `parse(text)` the value (optional- or
// Result-like). A text `parse` refuses is an error naming the column.
template <class Code, class Parse>
auto Coded(Code code, Parse parse) {
  using F = std::remove_cvref_t<decltype(*parse(std::string_view()))>;
  return Encoding<F>{
      [code](const F& v) { return Value(std::string(code(v))); },
      [parse](const Row& r, size_t i, std::string_view column) -> Result<F> {
        const std::string text = r.Text(i);
        auto v = parse(text);
        if (!v) return std::unexpected(ColumnError(column, text));
        return F(*v);
      }};
}

// `inner` for a std::optional field: NULL is std::nullopt, both ways.
template <class F>
Encoding<std::optional<F>> Nullable(Encoding<F> inner) {
  return Encoding<std::optional<F>>{
      [to = inner.to](const std::optional<F>& v) { return v ? to(*v) : Value(); },
      [from = inner.from](const Row& r, size_t i, std::string_view column) -> Result<std::optional<F>> {
        if (r.IsNull(i)) return std::optional<F>();
        auto v = from(r, i, column);
        if (!v) return std::unexpected(v.error());
        return std::optional<F>(std::move(*v));
      }};
}

// An int64_t reference where 0 means "none" (a foreign key that may be
// absent): 0 is written as NULL, and NULL reads as 0.
inline Encoding<int64_t> ZeroAsNull() {
  return Encoding<int64_t>{[](const int64_t& v) { return v ? Value(v) : Value(); },
                           [](const Row& r, size_t i, std::string_view) -> Result<int64_t> {
                             return r.IsNull(i) ? int64_t{0} : r.Int(i);
                           }};
}

template <class T>
class RowCodec {
 public:
  // Adds column `column` read and written through `access` (a generic lambda
  // `[](auto& t) -> auto& { return t.field; }`). Columns keep this order.
  template <class Access>
  RowCodec Field(std::string column, Access access) && {
    using F = std::remove_cvref_t<decltype(access(std::declval<T&>()))>;
    Col c;
    c.name = column;
    c.get = [access](const T& t) { return row_codec_internal::Encode<F>(access(t)); };
    c.set = [access, column](T& t, const Row& r, size_t i) {
      return row_codec_internal::Decode<F>(r, i, column, access(t));
    };
    cols_.push_back(std::move(c));
    return std::move(*this);
  }

  // Adds column `column` kept through `encoding` (see Encoding, Coded,
  // Nullable, ZeroAsNull); `access` returns a reference to an F.
  template <class Access, class F>
  RowCodec Field(std::string column, Access access, Encoding<F> encoding) && {
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(access(std::declval<T&>()))>, F>,
                  "RowCodec: the encoding is for another type than the field");
    Col c;
    c.name = column;
    c.get = [access, to = encoding.to](const T& t) { return to(access(t)); };
    c.set = [access, from = encoding.from, column](T& t, const Row& r, size_t i) -> Result<void> {
      auto v = from(r, i, column);
      if (!v) return std::unexpected(v.error());
      access(t) = std::move(*v);
      return {};
    };
    cols_.push_back(std::move(c));
    return std::move(*this);
  }

  size_t size() const { return cols_.size(); }

  // This codec without the named columns (e.g. the generated key, for the
  // columns an INSERT or UPDATE writes). Unknown names throw as in Columns.
  RowCodec Except(std::initializer_list<std::string_view> names) const {
    const std::vector<size_t> drop = Pick(names);
    RowCodec out;
    for (size_t i = 0; i < cols_.size(); ++i) {
      if (std::find(drop.begin(), drop.end(), i) == drop.end()) out.cols_.push_back(cols_[i]);
    }
    return out;
  }

  // "a, b, c", or with `alias` "w.a, w.b, w.c".
  std::string Columns(std::string_view alias = "") const {
    std::string out;
    for (const auto& c : cols_) {
      if (!out.empty()) out += ", ";
      if (!alias.empty()) out.append(alias).append(".");
      out += c.name;
    }
    return out;
  }

  // The named columns (all when `only` is empty): "a, b" with Columns(only),
  // "?, ?" with Placeholders(only), "a = ?, b = ?" with Assignments(only), and
  // their values in that order with Values(t, only). An unknown name is a
  // programming error: it throws std::out_of_range.
  std::string Columns(std::initializer_list<std::string_view> only) const {
    std::string out;
    for (size_t i : Pick(only)) out += (out.empty() ? "" : ", ") + cols_[i].name;
    return out;
  }
  std::string Placeholders(std::initializer_list<std::string_view> only = {}) const {
    std::string out;
    for (size_t n = Pick(only).size(), i = 0; i < n; ++i) out += i ? ", ?" : "?";
    return out;
  }
  std::string Assignments(std::initializer_list<std::string_view> only = {}) const {
    std::string out;
    for (size_t i : Pick(only)) out += (out.empty() ? "" : ", ") + cols_[i].name + " = ?";
    return out;
  }
  std::vector<Value> Values(const T& t, std::initializer_list<std::string_view> only = {}) const {
    std::vector<Value> out;
    for (size_t i : Pick(only)) out.push_back(cols_[i].get(t));
    return out;
  }

  // "INSERT INTO table (a, b[, extra_columns]) VALUES (?, ?[, extra_values])":
  // the statement writing these columns, followed by any `extra_columns`
  // with their SQL `extra_values` (literals such as 'open', or "?" for
  // parameters the caller appends after Values()). The caller adds any
  // RETURNING or ON CONFLICT.
  std::string InsertSql(std::string_view table, std::string_view extra_columns = "",
                        std::string_view extra_values = "") const {
    std::string out = "INSERT INTO " + std::string(table) + " (" + Columns();
    if (!extra_columns.empty()) out.append(", ").append(extra_columns);
    out += ") VALUES (" + Placeholders();
    if (!extra_values.empty()) out.append(", ").append(extra_values);
    return out + ")";
  }

  // Runs InsertSql(table, extra_columns, extra_values) with Values(t)
  // followed by `extra_params` (for the "?" among `extra_values`), RETURNING
  // the generated `key` column: its value.
  Result<int64_t> InsertReturning(Db& db, std::string_view table, std::string_view key, const T& t,
                                  std::string_view extra_columns = "", std::string_view extra_values = "",
                                  const std::vector<Value>& extra_params = {}) const {
    std::vector<Value> params = Values(t);
    params.insert(params.end(), extra_params.begin(), extra_params.end());
    auto rows = db.Query(InsertSql(table, extra_columns, extra_values) + " RETURNING " + std::string(key), params);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::unexpected(Error{ErrorCode::kInternal, "RowCodec: INSERT returned no key"});
    return rows->front().Int(0);
  }

  // The record in row `r`, whose cells from `first` on are Columns() in order.
  Result<T> Read(const Row& r, size_t first = 0) const {
    T t{};
    if (auto ok = ReadInto(r, t, first); !ok) return std::unexpected(ok.error());
    return t;
  }

  // Sets this codec's fields of `t` from row `r` (cells from `first` on),
  // leaving its other fields alone: two codecs can fill one record from one
  // row (a table's columns, then computed ones).
  Result<void> ReadInto(const Row& r, T& t, size_t first = 0) const {
    if (r.cells.size() < first + cols_.size()) {
      return std::unexpected(Error{ErrorCode::kInternal, "RowCodec: row has fewer cells than columns"});
    }
    for (size_t i = 0; i < cols_.size(); ++i) {
      if (auto ok = cols_[i].set(t, r, first + i); !ok) return std::unexpected(ok.error());
    }
    return {};
  }

  // The first row of `rows` read; nullopt when there are none (a lookup by key).
  Result<std::optional<T>> ReadFirst(const std::vector<Row>& rows, size_t first = 0) const {
    if (rows.empty()) return std::optional<T>();
    auto t = Read(rows.front(), first);
    if (!t) return std::unexpected(t.error());
    return std::optional<T>(std::move(*t));
  }

  // Every row of `rows` read, or the first error.
  Result<std::vector<T>> ReadAll(const std::vector<Row>& rows, size_t first = 0) const {
    std::vector<T> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
      auto t = Read(r, first);
      if (!t) return std::unexpected(t.error());
      out.push_back(std::move(*t));
    }
    return out;
  }

 private:
  struct Col {
    std::string name;
    std::function<Value(const T&)> get;
    std::function<Result<void>(T&, const Row&, size_t)> set;
  };

  std::vector<size_t> Pick(std::initializer_list<std::string_view> only) const {
    std::vector<size_t> out;
    if (only.size() == 0) {
      for (size_t i = 0; i < cols_.size(); ++i) out.push_back(i);
      return out;
    }
    for (std::string_view name : only) {
      size_t i = 0;
      while (i < cols_.size() && cols_[i].name != name) ++i;
      if (i == cols_.size()) throw std::out_of_range("RowCodec: no column " + std::string(name));
      out.push_back(i);
    }
    return out;
  }

  std::vector<Col> cols_;
};

}  // namespace qjy::store

#endif  // QJY_STORE_ROW_CODEC_H_
