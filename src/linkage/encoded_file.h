// The file two parties exchange in the privacy-preserving mode (bloom.h):
// one line per person with an opaque record id, the five field filters,
// the keyed sex hash and the four keyed blocking hashes — no name, ID
// number, date, phone or place in any readable form.
//
//   qjy-bloom-encodings 1
//   party 贵州省人力资源和社会保障厅
//   key-check 3f1c...            (keyed hash of a fixed text: a wrong key is detected)
//   words 8 8 4 4 2
//   rows 2
//   <opaque id>\t<name hex>\t<id hex>\t<birth hex>\t<phone hex>\t<division hex>\t<sex>\t<b0>\t<b1>\t<b2>\t<b3>
//   ...
//   end 2
//
// The opaque id is the owner's own business: our ids are our person or row
// number sealed with the database key (core/vault.h), which only we can
// open (OpaqueIdOf / ResolveOpaqueId); a partner's ids are stored as they
// come.
//
// Reading checks everything before returning anything (kInvalidArgument,
// Chinese, naming the line): the first line and the version, a key-check
// that does not match our secret ("密钥不一致"), filter widths other than
// this version's, a row of the wrong shape or non-hex cells, a row count
// other than the header's, a missing end line (a truncated file). Nothing
// is linked from a half-read file.
//
// The shared secret is read from a key file of 32 hex digits (16 bytes,
// SipHash key); it is never printed or logged.
#ifndef QJY_LINKAGE_ENCODED_FILE_H_
#define QJY_LINKAGE_ENCODED_FILE_H_

#include <string>
#include <vector>

#include "core/error.h"
#include "core/vault.h"
#include "linkage/bloom.h"

namespace qjy::linkage {

inline constexpr int kEncodedFileVersion = 1;

struct EncodedFile {
  std::string party;
  std::vector<std::string> ids;  // opaque, one per row
  BloomTable table;
};

// kInvalidArgument (Chinese) for a file that is not 32 hex digits; kIo when unreadable.
Result<BloomSecret> ReadKeyFile(const std::string& path);

// Text of a file / the file; ids.size() must equal table.size().
Result<std::string> EncodedFileText(const EncodedFile& file, const BloomSecret& secret);
Result<void> WriteEncodedFile(const std::string& path, const EncodedFile& file, const BloomSecret& secret);
Result<EncodedFile> ParseEncodedFile(const std::string& text, const BloomSecret& secret);
Result<EncodedFile> ReadEncodedFile(const std::string& path, const BloomSecret& secret);

// Our opaque ids: "<kind>:<number>" sealed with the database key, as hex.
std::string OpaqueIdOf(const Vault& vault, char kind, int64_t number);
// The number behind one of our ids; kInvalidArgument when it is not ours.
Result<int64_t> ResolveOpaqueId(const Vault& vault, char kind, const std::string& opaque);

// A row's encodings as bytes (filters, sex, blocking keys) and back, for storing.
std::vector<uint8_t> PackRow(const BloomTable& t, size_t row);
void AppendPackedRow(BloomTable& t, const std::vector<uint8_t>& packed);  // wrong size: empty row
void ReserveRows(BloomTable& t, size_t rows);

}  // namespace qjy::linkage

#endif  // QJY_LINKAGE_ENCODED_FILE_H_
