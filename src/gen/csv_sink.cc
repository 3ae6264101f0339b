#include "gen/csv_sink.h"

#include <filesystem>

#include "importer/csv_reader.h"
#include "importer/entity.h"
#include "importer/rows.h"

namespace qjy::gen {
namespace {

using importer::Entity;

void AppendRow(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    importer::AppendCsvField(out, cells[i]);
  }
  out += "\r\n";
}

}  // namespace

Result<std::unique_ptr<CsvSink>> CsvSink::Open(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Fail(ErrorCode::kIo, "无法创建目录：" + dir + "：" + ec.message());
  std::unique_ptr<CsvSink> s(new CsvSink());
  s->dir_ = dir;
  constexpr Entity kAll[] = {Entity::kPersons, Entity::kEmployers, Entity::kJobs, Entity::kContracts};
  for (Entity e : kAll) {
    const int i = static_cast<int>(e);
    s->paths_[i] = dir + "/" + std::string(importer::EntityName(e)) + ".csv";
    s->files_[i].open(s->paths_[i], std::ios::binary | std::ios::trunc);
    if (!s->files_[i]) return Fail(ErrorCode::kIo, "无法写入文件：" + s->paths_[i]);
    std::vector<std::string> header;
    for (const auto& c : importer::Columns(e)) header.emplace_back(c.name);
    std::string text;
    AppendRow(text, header);
    if (auto r = s->Write(i, text); !r) return std::unexpected(r.error());
  }
  return s;
}

Result<void> CsvSink::Write(int file, const std::string& text) {
  files_[file].write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!files_[file]) return Fail(ErrorCode::kIo, "写入文件失败：" + paths_[file]);
  return {};
}

Result<void> CsvSink::Employers(std::span<const registry::Employer> batch) {
  std::string text;
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : batch) {
    rows.clear();
    importer::FormatEmployer(e, rows);
    for (const auto& r : rows) AppendRow(text, r);
  }
  return Write(static_cast<int>(Entity::kEmployers), text);
}

Result<void> CsvSink::Sites(std::span<const registry::ServiceSite>) { return {}; }

Result<void> CsvSink::Jobs(std::span<const registry::Job> batch) {
  std::string text;
  std::vector<std::string> cells;
  for (const auto& j : batch) {
    cells.clear();
    importer::FormatJob(j, cells);
    AppendRow(text, cells);
  }
  return Write(static_cast<int>(Entity::kJobs), text);
}

Result<void> CsvSink::Persons(std::span<const registry::Person> persons,
                              std::span<const registry::Contract> contracts) {
  return PersonsWithFacts(persons, {}, contracts);
}

// The persons file carries 银行账号 and 住址 as generated (synthetic).
Result<void> CsvSink::PersonsWithFacts(std::span<const registry::Person> persons,
                                       std::span<const registry::PaymentFacts> facts,
                                       std::span<const registry::Contract> contracts) {
  std::string text;
  std::vector<std::string> cells;
  for (size_t i = 0; i < persons.size(); ++i) {
    cells.clear();
    importer::FormatPerson(persons[i], /*mask=*/false, cells);
    if (i < facts.size()) importer::FormatPaymentFacts(facts[i], /*mask=*/false, cells);
    AppendRow(text, cells);
  }
  if (auto r = Write(static_cast<int>(Entity::kPersons), text); !r) return r;
  text.clear();
  for (const auto& c : contracts) {
    cells.clear();
    importer::FormatContract(c, /*mask=*/false, cells);
    AppendRow(text, cells);
  }
  return Write(static_cast<int>(Entity::kContracts), text);
}

Result<void> CsvSink::Finish() {
  for (size_t i = 0; i < files_.size(); ++i) {
    files_[i].flush();
    if (!files_[i]) return Fail(ErrorCode::kIo, "写入文件失败：" + paths_[i]);
    files_[i].close();
  }
  return {};
}

}  // namespace qjy::gen
