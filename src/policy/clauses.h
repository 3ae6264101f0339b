// The clauses of 黔府发〔2023〕12号 a parameter may cite. References are
// written `main(七)` for the main text, `A1(十二)` for Annex 1 clause 12
// (`附件1(十二)` is accepted too), `A3(六)3` for a numbered item inside a
// clause, and `main` alone for the document as a whole (its date).
#ifndef QJY_POLICY_CLAUSES_H_
#define QJY_POLICY_CLAUSES_H_

#include <optional>
#include <string>
#include <string_view>

namespace qjy::policy {

// The canonical form ("A1(十二)") of a reference to a real clause, or
// nullopt when the document has no such clause. Full-width brackets and
// "附件N" are normalised.
std::optional<std::string> CanonicalClause(std::string_view reference);

}  // namespace qjy::policy

#endif  // QJY_POLICY_CLAUSES_H_
