// Where generated records go: the registry store (gen/store_sink.h) and/or
// import files (gen/csv_sink.h). Calls come in this order: all employers,
// then sites, jobs, persons with their contracts, then Finish(). Each call
// is one batch; a failure stops the generation.
#ifndef QJY_GEN_SINK_H_
#define QJY_GEN_SINK_H_

#include <span>

#include "core/error.h"
#include "registry/contribution.h"
#include "registry/model.h"
#include "registry/payment_facts.h"

namespace qjy::gen {

class Sink {
 public:
  virtual ~Sink() = default;
  virtual Result<void> Employers(std::span<const registry::Employer> batch) = 0;
  virtual Result<void> Sites(std::span<const registry::ServiceSite> batch) = 0;
  virtual Result<void> Jobs(std::span<const registry::Job> batch) = 0;
  virtual Result<void> Persons(std::span<const registry::Person> persons,
                               std::span<const registry::Contract> contracts) = 0;
  // The same with the persons' payment facts (parallel to persons,
  // registry/payment_facts.h); what the generator calls. The default drops
  // the facts (a sink that keeps none).
  virtual Result<void> PersonsWithFacts(std::span<const registry::Person> persons,
                                        std::span<const registry::PaymentFacts> facts,
                                        std::span<const registry::Contract> contracts) {
    (void)facts;
    return Persons(persons, contracts);
  }
  // The contribution months of the contracts just given (after Persons).
  virtual Result<void> Contributions(std::span<const registry::Contribution>) { return {}; }
  virtual Result<void> Finish() { return {}; }
};

}  // namespace qjy::gen

#endif  // QJY_GEN_SINK_H_
