// Conversion between one file row (cells under Chinese headers) and one
// registry record, both ways. Parsing reads what officers type (codes or
// Chinese labels, region codes or names, yuan amounts, several date forms)
// and appends a FieldError for every cell it cannot read or a required cell
// left empty; it does not judge the record (registry/validate.h does).
// Formatting writes the form parsing reads back, with identity fields
// masked when asked.
//
// Cell formats of the list columns:
//   技能          "焊接;电工"
//   职业资格证书  "焊工:4:2022-05-01;电工:5:2021-03-02" (name:level:issue date;
//                 level 0-5 or 初级工/中级工/高级工/技师/高级技师)
//   人员类别      "高校毕业生;脱贫人口@2021-01-01~2025-12-31" (label, optional
//                 @from~to; no dates = from the birth date, open-ended)
#ifndef QJY_IMPORTER_ROWS_H_
#define QJY_IMPORTER_ROWS_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/regions.h"
#include "importer/entity.h"
#include "registry/contribution.h"
#include "registry/model.h"
#include "registry/payment_facts.h"
#include "registry/validate.h"

namespace qjy::importer {

using registry::FieldErrors;

// The cells of one row addressed by column id. Absent columns read "".
class RowView {
 public:
  RowView(std::span<const std::string> cells, std::span<const int> positions)
      : cells_(cells), positions_(positions) {}
  template <class Col>
  std::string_view operator[](Col col) const {
    int pos = positions_[static_cast<size_t>(col)];
    if (pos < 0 || static_cast<size_t>(pos) >= cells_.size()) return {};
    return cells_[pos];
  }

 private:
  std::span<const std::string> cells_;
  std::span<const int> positions_;
};

struct ParseContext {
  const RegionIndex& regions;
  Date today;
  std::string_view region_within;  // optional scope for region names
};

// Region code or name → canonical code; appends an error for `field`.
std::string ParseRegionCell(std::string_view text, std::string_view field,
                            const ParseContext& ctx, FieldErrors& errors);
// The same without the import's region scope: places that may lie anywhere
// in China (a contract's place of work, an employer's 参保地).
std::string ParseAnyRegionCell(std::string_view text, std::string_view field,
                               const ParseContext& ctx, FieldErrors& errors);

// Person: also derives sex and birth date from the ID number and the
// owning county from the household registration.
void ParsePersonRow(const RowView& row, const ParseContext& ctx, registry::Person& p,
                    FieldErrors& errors);
void ParseEmployerRow(const RowView& row, const ParseContext& ctx, registry::Employer& e,
                      FieldErrors& errors);  // e.years holds this row's year, if any
void ParseJobRow(const RowView& row, const ParseContext& ctx, registry::Job& j,
                 FieldErrors& errors);
void ParseContractRow(const RowView& row, const ParseContext& ctx, registry::Contract& c,
                      FieldErrors& errors);

// Contribution month: the person's ID number and the payer's code are
// normalised (uppercase X); person_id and county are left for the importer
// (it looks the person up).
void ParseContributionRow(const RowView& row, registry::Contribution& c, FieldErrors& errors);

// Cells in Columns(entity) order.
void FormatPerson(const registry::Person& p, bool mask, std::vector<std::string>& cells);
// The persons file's 银行账号 and 住址 (registry/payment_facts.h), carried
// beside the record: parsed (account normalised to its digits; errors name
// the field) and written into `cells` (masked: "尾号1234", no address).
void ParsePaymentFacts(const RowView& row, registry::PaymentFacts& out, FieldErrors& errors);
void FormatPaymentFacts(const registry::PaymentFacts& facts, bool mask, std::vector<std::string>& cells);
// One row per year (one row without year columns when there are none).
void FormatEmployer(const registry::Employer& e,
                    std::vector<std::vector<std::string>>& rows);
void FormatJob(const registry::Job& j, std::vector<std::string>& cells);
void FormatContract(const registry::Contract& c, bool mask, std::vector<std::string>& cells);

std::string FormatCertificates(const std::vector<registry::Certificate>& certs);
std::string FormatGroups(const std::vector<registry::GroupMembership>& groups, Date birth);

}  // namespace qjy::importer

#endif  // QJY_IMPORTER_ROWS_H_
