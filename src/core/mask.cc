#include "core/mask.h"

namespace qjy {

std::string MaskIdNumber(std::string_view id) {
  if (id.size() < 10) return std::string(id.size(), '*');
  return std::string(id.substr(0, 4)) + std::string(id.size() - 8, '*') +
         std::string(id.substr(id.size() - 4));
}

std::string MaskPhone(std::string_view phone) {
  if (phone.size() < 8) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') +
         std::string(phone.substr(phone.size() - 4));
}

std::string MaskValue(std::string_view v) {
  bool digits = !v.empty() && v.find_first_not_of("0123456789") == std::string_view::npos;
  if (digits && v.size() == 11) return MaskPhone(v);
  if (v.size() == 15 || v.size() == 18) return MaskIdNumber(v);
  if (v.empty()) return "";
  // Keep the first UTF-8 character whole.
  size_t n = 1;
  while (n < v.size() && (static_cast<unsigned char>(v[n]) & 0xC0) == 0x80) ++n;
  return std::string(v.substr(0, n)) + "**";
}

}  // namespace qjy
