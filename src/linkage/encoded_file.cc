#include "linkage/encoded_file.h"

#include <bit>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace qjy::linkage {
namespace {

constexpr char kMagic[] = "qjy-bloom-encodings";
constexpr char kKeyCheckText[] = "qjy-bloom-key-check-v1";

std::string Hex(uint64_t v) { return fmt::format("{:016x}", v); }

bool ParseHex64(std::string_view s, uint64_t& out) {
  if (s.size() != 16) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out, 16);
  return ec == std::errc() && p == s.data() + s.size();
}

std::vector<std::string_view> Split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    const size_t at = line.find(sep, start);
    out.push_back(line.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

Result<std::string> ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kIo, "无法读取文件：" + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::unexpected<Error> Bad(size_t line, const std::string& what) {
  return Fail(ErrorCode::kInvalidArgument, fmt::format("编码文件第 {} 行：{}；未比对任何记录", line, what));
}

void ResizeRows(BloomTable& t, size_t n) {
  for (int f = 0; f < kBloomFieldCount; ++f) {
    t.bits[f].resize(n * static_cast<size_t>(BloomTable::Words(static_cast<BloomField>(f))), 0);
    t.ones[f].resize(n, 0);
  }
  t.sex.resize(n, 0);
  for (auto& b : t.block) b.resize(n, 0);
}

void CountOnes(BloomTable& t, size_t row) {
  for (int f = 0; f < kBloomFieldCount; ++f) {
    const auto field = static_cast<BloomField>(f);
    int ones = 0;
    for (int w = 0; w < BloomTable::Words(field); ++w) ones += std::popcount(t.Row(field, row)[w]);
    t.ones[f][row] = static_cast<uint16_t>(ones);
  }
}

}  // namespace

Result<BloomSecret> ReadKeyFile(const std::string& path) {
  auto text = ReadAll(path);
  if (!text) return Fail(ErrorCode::kIo, "无法读取密钥文件：" + path);
  std::string_view s = *text;
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.remove_suffix(1);
  BloomSecret key{};
  if (s.size() != 32) return Fail(ErrorCode::kInvalidArgument, "密钥文件应为 32 位十六进制数字（16 字节）");
  for (size_t i = 0; i < 16; ++i) {
    auto [p, ec] = std::from_chars(s.data() + 2 * i, s.data() + 2 * i + 2, key[i], 16);
    if (ec != std::errc() || p != s.data() + 2 * i + 2) {
      return Fail(ErrorCode::kInvalidArgument, "密钥文件应为 32 位十六进制数字（16 字节）");
    }
  }
  return key;
}

Result<std::string> EncodedFileText(const EncodedFile& file, const BloomSecret& secret) {
  const BloomTable& t = file.table;
  if (file.ids.size() != t.size()) return Fail(ErrorCode::kInvalidArgument, "记录编号数与编码行数不符");
  std::string out = fmt::format("{} {}\nparty {}\nkey-check {}\nwords", kMagic, kEncodedFileVersion, file.party,
                                Hex(KeyedHash(secret, kKeyCheckText)));
  for (int f = 0; f < kBloomFieldCount; ++f) out += fmt::format(" {}", BloomTable::Words(static_cast<BloomField>(f)));
  out += fmt::format("\nrows {}\n", t.size());
  for (size_t i = 0; i < t.size(); ++i) {
    if (file.ids[i].find_first_of("\t\n\r") != std::string::npos || file.ids[i].empty()) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("第 {} 条记录的编号为空或含制表符", i + 1));
    }
    out += file.ids[i];
    for (int f = 0; f < kBloomFieldCount; ++f) {
      const auto field = static_cast<BloomField>(f);
      out += '\t';
      for (int w = 0; w < BloomTable::Words(field); ++w) out += Hex(t.Row(field, i)[w]);
    }
    out += '\t' + Hex(t.sex[i]);
    for (const auto& b : t.block) out += '\t' + Hex(b[i]);
    out += '\n';
  }
  out += fmt::format("end {}\n", t.size());
  return out;
}

Result<void> WriteEncodedFile(const std::string& path, const EncodedFile& file, const BloomSecret& secret) {
  auto text = EncodedFileText(file, secret);
  if (!text) return std::unexpected(text.error());
  const std::string tmp = path + ".part";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Fail(ErrorCode::kIo, "无法写入文件：" + path);
    out << *text;
    if (!out.flush()) return Fail(ErrorCode::kIo, "无法写入文件：" + path);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return Fail(ErrorCode::kIo, "无法写入文件：" + path);
  return {};
}

Result<EncodedFile> ParseEncodedFile(const std::string& text, const BloomSecret& secret) {
  const auto lines = Split(text, '\n');
  auto line = [&](size_t i) -> std::string_view {
    std::string_view l = i < lines.size() ? lines[i] : std::string_view();
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    return l;
  };
  const auto head = Split(line(0), ' ');
  if (head.size() != 2 || head[0] != kMagic) return Bad(1, "不是隐私保护比对的编码文件");
  if (head[1] != std::to_string(kEncodedFileVersion)) {
    return Bad(1, fmt::format("编码文件版本 {} 不受支持（本系统为版本 {}）", head[1], kEncodedFileVersion));
  }
  EncodedFile out;
  if (!line(1).starts_with("party ")) return Bad(2, "缺少 party（编码方）");
  out.party = std::string(line(1).substr(6));
  if (!line(2).starts_with("key-check ")) return Bad(3, "缺少 key-check（密钥校验值）");
  if (line(2).substr(10) != Hex(KeyedHash(secret, kKeyCheckText))) {
    return Bad(3, "编码文件的密钥与本方密钥不一致（双方须使用同一次交换约定的密钥）");
  }
  std::string words = "words";
  for (int f = 0; f < kBloomFieldCount; ++f) words += fmt::format(" {}", BloomTable::Words(static_cast<BloomField>(f)));
  if (line(3) != words) return Bad(4, "布隆过滤器长度与本版本不符");
  if (!line(4).starts_with("rows ")) return Bad(5, "缺少 rows（记录数）");
  size_t rows = 0;
  {
    const std::string_view n = line(4).substr(5);
    auto [p, ec] = std::from_chars(n.data(), n.data() + n.size(), rows);
    if (ec != std::errc() || p != n.data() + n.size()) return Bad(5, "记录数不是整数");
  }
  if (lines.size() < rows + 6) return Bad(lines.size(), "文件不完整（记录行少于声明的记录数）");
  ResizeRows(out.table, rows);
  out.ids.reserve(rows);
  for (size_t i = 0; i < rows; ++i) {
    const size_t ln = i + 6;
    const auto cells = Split(line(ln - 1), '\t');
    if (cells.size() != 1 + kBloomFieldCount + 1 + 4) return Bad(ln, "列数不符");
    if (cells[0].empty()) return Bad(ln, "记录编号为空");
    out.ids.emplace_back(cells[0]);
    for (int f = 0; f < kBloomFieldCount; ++f) {
      const auto field = static_cast<BloomField>(f);
      const int nw = BloomTable::Words(field);
      const std::string_view cell = cells[static_cast<size_t>(f) + 1];
      if (cell.size() != static_cast<size_t>(nw) * 16) return Bad(ln, "布隆过滤器长度不符");
      uint64_t* row = out.table.bits[f].data() + i * static_cast<size_t>(nw);
      for (int w = 0; w < nw; ++w) {
        if (!ParseHex64(cell.substr(static_cast<size_t>(w) * 16, 16), row[w])) return Bad(ln, "不是十六进制编码");
      }
    }
    if (!ParseHex64(cells[1 + kBloomFieldCount], out.table.sex[i])) return Bad(ln, "性别散列不是十六进制编码");
    for (size_t b = 0; b < 4; ++b) {
      if (!ParseHex64(cells[2 + kBloomFieldCount + b], out.table.block[b][i])) return Bad(ln, "分块散列不是十六进制编码");
    }
    CountOnes(out.table, i);
  }
  if (line(rows + 5) != fmt::format("end {}", rows)) {
    return Bad(rows + 6, "缺少结束行或记录数与声明不符（文件可能被截断）");
  }
  for (size_t i = rows + 6; i < lines.size(); ++i) {
    if (!line(i).empty()) return Bad(i + 1, "结束行之后还有内容");
  }
  return out;
}

Result<EncodedFile> ReadEncodedFile(const std::string& path, const BloomSecret& secret) {
  auto text = ReadAll(path);
  if (!text) return std::unexpected(text.error());
  return ParseEncodedFile(*text, secret);
}

std::string OpaqueIdOf(const Vault& vault, char kind, int64_t number) {
  const Blob sealed = vault.Encrypt(fmt::format("{}:{}", kind, number));
  std::string out;
  out.reserve(sealed.size() * 2);
  for (uint8_t b : sealed) out += fmt::format("{:02x}", b);
  return out;
}

Result<int64_t> ResolveOpaqueId(const Vault& vault, char kind, const std::string& opaque) {
  auto bad = [] { return Fail(ErrorCode::kInvalidArgument, "记录编号不是本方签发的"); };
  if (opaque.size() % 2 != 0 || opaque.empty()) return bad();
  Blob sealed(opaque.size() / 2);
  for (size_t i = 0; i < sealed.size(); ++i) {
    auto [p, ec] = std::from_chars(opaque.data() + 2 * i, opaque.data() + 2 * i + 2, sealed[i], 16);
    if (ec != std::errc() || p != opaque.data() + 2 * i + 2) return bad();
  }
  auto plain = vault.Decrypt(sealed);
  if (!plain || plain->size() < 3 || (*plain)[0] != kind || (*plain)[1] != ':') return bad();
  int64_t n = 0;
  auto [p, ec] = std::from_chars(plain->data() + 2, plain->data() + plain->size(), n);
  if (ec != std::errc() || p != plain->data() + plain->size()) return bad();
  return n;
}

std::vector<uint8_t> PackRow(const BloomTable& t, size_t row) {
  std::vector<uint64_t> words;
  for (int f = 0; f < kBloomFieldCount; ++f) {
    const auto field = static_cast<BloomField>(f);
    words.insert(words.end(), t.Row(field, row), t.Row(field, row) + BloomTable::Words(field));
  }
  words.push_back(t.sex[row]);
  for (const auto& b : t.block) words.push_back(b[row]);
  std::vector<uint8_t> out(words.size() * 8);
  std::memcpy(out.data(), words.data(), out.size());
  return out;
}

void ReserveRows(BloomTable& t, size_t rows) {
  for (int f = 0; f < kBloomFieldCount; ++f) {
    t.bits[f].reserve(rows * static_cast<size_t>(BloomTable::Words(static_cast<BloomField>(f))));
    t.ones[f].reserve(rows);
  }
  t.sex.reserve(rows);
  for (auto& b : t.block) b.reserve(rows);
}

void AppendPackedRow(BloomTable& t, const std::vector<uint8_t>& packed) {
  const size_t row = t.size();
  ResizeRows(t, row + 1);
  size_t total = 5;
  for (int f = 0; f < kBloomFieldCount; ++f) total += static_cast<size_t>(BloomTable::Words(static_cast<BloomField>(f)));
  if (packed.size() != total * 8) return;
  std::vector<uint64_t> words(total);
  std::memcpy(words.data(), packed.data(), packed.size());
  size_t k = 0;
  for (int f = 0; f < kBloomFieldCount; ++f) {
    const auto field = static_cast<BloomField>(f);
    for (int w = 0; w < BloomTable::Words(field); ++w) t.bits[f][row * static_cast<size_t>(BloomTable::Words(field)) + static_cast<size_t>(w)] = words[k++];
  }
  t.sex[row] = words[k++];
  for (auto& b : t.block) b[row] = words[k++];
  CountOnes(t, row);
}

}  // namespace qjy::linkage
