// Sink into import files: persons.csv, employers.csv, jobs.csv and
// contracts.csv in `dir`, UTF-8 with the importer's Chinese headers and
// cell formats (importer/entity.h, importer/rows.h), so `qjy import` reads
// them back. Identity fields are written in full (these are test data to
// import). Service sites have no import format and are not written.
#ifndef QJY_GEN_CSV_SINK_H_
#define QJY_GEN_CSV_SINK_H_

#include <array>
#include <fstream>
#include <memory>
#include <string>

#include "gen/sink.h"

namespace qjy::gen {

class CsvSink : public Sink {
 public:
  // Creates `dir` when missing and the four files with their header rows.
  static Result<std::unique_ptr<CsvSink>> Open(const std::string& dir);

  Result<void> Employers(std::span<const registry::Employer> batch) override;
  Result<void> Sites(std::span<const registry::ServiceSite> batch) override;
  Result<void> Jobs(std::span<const registry::Job> batch) override;
  Result<void> PersonsWithFacts(std::span<const registry::Person> persons,
                                std::span<const registry::PaymentFacts> facts,
                                std::span<const registry::Contract> contracts) override;
  Result<void> Persons(std::span<const registry::Person> persons,
                       std::span<const registry::Contract> contracts) override;
  Result<void> Finish() override;

 private:
  CsvSink() = default;
  Result<void> Write(int file, const std::string& text);
  std::string dir_;
  std::array<std::ofstream, 4> files_;  // importer::Entity order
  std::array<std::string, 4> paths_;
};

}  // namespace qjy::gen

#endif  // QJY_GEN_CSV_SINK_H_
