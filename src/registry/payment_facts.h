// A person's payment facts (issue #17 §1, fund supervision): the bank
// account subsidies are paid into and the address. Plaintext only in
// memory, carried beside the person record (not in registry::Person: they
// are never read back); the store keeps a keyed hash of each normalised
// form and the account's last four digits for display
// (store/payment_facts_store.h).
#ifndef QJY_REGISTRY_PAYMENT_FACTS_H_
#define QJY_REGISTRY_PAYMENT_FACTS_H_

#include <optional>
#include <string>
#include <string_view>

namespace qjy::registry {

// Import and export headers (persons file).
namespace field {
inline constexpr std::string_view kBankAccount = "银行账号";
inline constexpr std::string_view kAddress = "住址";
}  // namespace field

struct PaymentFacts {
  std::string bank_account;  // digits (NormaliseBankAccount); empty: not given
  std::string address;       // as written; empty: not given
  bool empty() const { return bank_account.empty() && address.empty(); }
};

// The account's digits: spaces, hyphens (ASCII or full-width) and
// full-width digits accepted; 12 to 30 digits (bank cards have 16–19,
// settlement accounts up to about 25). nullopt for anything else.
std::optional<std::string> NormaliseBankAccount(std::string_view text);
// The last four digits of a normalised account ("" when shorter).
std::string BankLast4(std::string_view digits);
// "尾号1234": how an account is shown anywhere (never more digits).
std::string MaskBankAccount(std::string_view digits);

// An address compared as text: full-width ASCII folded to ASCII, ASCII
// letters lower-cased, whitespace and punctuation (ASCII and the common
// Chinese marks ，。、；：“”‘’（）《》—·) removed. "贵阳市 南明区（花果园）
// 3栋-1单元" and "贵阳市南明区花果园3栋1单元" are one address. Empty
// when nothing is left.
std::string NormaliseAddress(std::string_view text);

// What the keyed hash is taken of (so an account and an address never
// hash alike): "bank:<digits>", "addr:<normalised>".
std::string BankHashInput(std::string_view digits);
std::string AddressHashInput(std::string_view normalised);

}  // namespace qjy::registry

#endif  // QJY_REGISTRY_PAYMENT_FACTS_H_
