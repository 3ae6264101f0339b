// A partner's file (another province's or system's extract) read into
// person records in our field names.
//
// The mapping file (YAML) names the partner and maps each partner column to
// one of our fields; `ignore` lists partner columns deliberately not used:
//
//   partner: 广东省人力资源和社会保障厅
//   columns:
//     姓名: name
//     公民身份号码: id_number
//     出生日期: birth_date
//     性别: sex
//     户籍地区划代码: division_code
//     联系电话: phone
//     工作单位: employer
//     参保月数: insured_months
//     就业状态: status
//   ignore: [序号]
//
// Load errors (kInvalidArgument, Chinese): not YAML, no `columns`, an
// unknown field, a field mapped twice, neither name nor id_number mapped.
//
// Reading: CSV in UTF-8 (with or without BOM) or GBK/GB18030, detected
// (bytes that are neither valid UTF-8 nor clean GB18030 are a file error:
// encoding not recognised), or XLSX (first sheet). File errors: a mapped
// column missing from the header, a header column neither mapped nor
// ignored. Row errors name the row and the partner's own column: an
// unreadable date, an ID number that is not 15 or 18 characters of digits
// (and a final X), a sex other than 男/女, a division code that is not 6, 9
// or 12 digits, a phone that is not an 11-digit mobile, a row with neither
// name nor ID number, an unreadable row. A file with any error yields no
// records at all (`records` empty): nothing is linked from a half-read file.
#ifndef QJY_LINKAGE_PARTNER_FILE_H_
#define QJY_LINKAGE_PARTNER_FILE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "linkage/person_table.h"

namespace qjy::linkage {

// Our fields a partner column may map to.
enum class PartnerField {
  kName, kIdNumber, kBirthDate, kSex, kDivisionCode, kPhone, kEmployer, kInsuredMonths, kStatus,
};
const char* PartnerFieldName(PartnerField f);   // "name", "id_number", ...
const char* PartnerFieldLabel(PartnerField f);  // "姓名", "身份证号", ...

struct PartnerMapping {
  std::string partner;
  std::map<std::string, PartnerField> columns;  // partner column -> field
  std::vector<std::string> ignore;
};

Result<PartnerMapping> ParsePartnerMapping(const std::string& yaml_text);
Result<PartnerMapping> LoadPartnerMapping(const std::string& path);

struct PartnerRecord {
  int64_t row = 0;  // as the partner numbers rows
  PersonFields person;
  std::string employer, status;
  int insured_months = -1;  // -1 = not given
};

struct PartnerRowError {
  int64_t row = 0;
  std::string column;   // the partner's column name; empty for the whole row
  std::string message;  // Chinese
};

struct PartnerFile {
  std::string encoding;  // "utf-8", "utf-8-bom", "gb18030", "xlsx"
  int64_t rows = 0;      // data rows read
  std::vector<PartnerRecord> records;  // empty when errors is not
  std::vector<PartnerRowError> errors;
};

// File-level problems are errors; row problems are in `errors`.
Result<PartnerFile> ReadPartnerFile(const std::string& path, const PartnerMapping& mapping);

}  // namespace qjy::linkage

#endif  // QJY_LINKAGE_PARTNER_FILE_H_
