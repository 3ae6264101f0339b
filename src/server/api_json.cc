// Helpers shared by the API handlers (api_internal.h).
#include <charconv>
#include <cstdlib>
#include <limits>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/mask.h"
#include "registry/codes.h"
#include "server/api_internal.h"
#include "store/no_space.h"
#include "store/person_keys.h"

namespace qjy::server {

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

HttpResponse JsonOk(const nlohmann::json& j, int status) { return HttpResponse::Json(status, Dump(j)); }

Result<std::string> RenderToBytes(const std::string& name,
                                  const std::function<Result<void>(const std::filesystem::path&)>& write) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "qjy-render-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) return Fail(ErrorCode::kIo, "无法创建临时目录");
  const std::filesystem::path file = std::filesystem::path(tmpl) / name;
  Result<std::string> out;
  if (auto made = write(file); !made) {
    out = std::unexpected(made.error());
  } else {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    out = in ? Result<std::string>(std::move(buf).str()) : Fail(ErrorCode::kIo, "读取生成的文件失败");
  }
  std::error_code ec;
  std::filesystem::remove_all(tmpl, ec);
  return out;
}

HttpResponse Forbidden() { return HttpResponse::Error(403, "forbidden", "无权访问"); }

HttpResponse NotFound(std::string_view what) { return HttpResponse::Error(404, "not_found", what); }

HttpResponse BadRequest(std::string_view message) {
  return HttpResponse::Error(400, "bad_request", message);
}

HttpResponse StoreError(const Error& e, spdlog::logger& log) {
  switch (e.code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kOutOfRange:
      return BadRequest(e.message);
    case ErrorCode::kNotFound:
      return NotFound(e.message);
    case ErrorCode::kPermissionDenied:
      return Forbidden();
    default:
      log.error("store error {}: {}", ErrorCodeName(e.code), e.message);
      // A full disk is said as such (507, server paths stripped by api.cc):
      // the write was undone and can be retried once space is freed.
      if (store::IsNoSpace(e)) return HttpResponse::Error(507, "no_space", e.message);
      return HttpResponse::Error(500, "internal", "服务器内部错误");
  }
}

std::optional<nlohmann::json> ParseJsonObject(const HttpRequest& req, HttpResponse& error) {
  auto j = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    error = HttpResponse::Error(400, "bad_json", "请求体须为 JSON 对象");
    return std::nullopt;
  }
  return j;
}

std::optional<int64_t> QueryInt(const std::map<std::string, std::string>& q, const std::string& key,
                                int64_t fallback, int64_t lo, int64_t hi, HttpResponse& error) {
  auto it = q.find(key);
  if (it == q.end() || it->second.empty()) return fallback;
  int64_t v = 0;
  const auto& s = it->second;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) {
    error = BadRequest("参数 " + key + " 须为整数");
    return std::nullopt;
  }
  return std::clamp(v, lo, hi);
}

void BodyText(const nlohmann::json& body, const char* key, std::string& out) {
  if (body.contains(key) && body[key].is_string()) out = body[key].get<std::string>();
}

bool BodyOptDate(const nlohmann::json& body, const char* key, const char* field, std::optional<Date>& out,
                 HttpResponse& error) {
  if (!body.contains(key)) return true;
  const nlohmann::json& v = body[key];
  out.reset();
  if (v.is_null() || (v.is_string() && v.get<std::string>().empty())) return true;
  if (v.is_string()) {
    if (auto d = Date::Parse(v.get<std::string>())) {
      out = *d;
      return true;
    }
  }
  error = BadRequest(std::string(field) + "：「" + (v.is_string() ? v.get<std::string>() : v.dump()) +
                     "」不是有效日期（YYYY-MM-DD）");
  return false;
}

Result<int64_t> SeekerPersonId(store::Db& db, const auth::Account& a) {
  return store::PersonIdByHash(db, a.id_hash);
}

std::optional<int64_t> BodyInt(const nlohmann::json& body, const char* key) {
  const auto it = body.find(key);
  if (it == body.end()) return std::nullopt;
  // An unsigned number above INT64_MAX (e.g. a budget of 10^17 yuan in fen)
  // is refused, not wrapped to a negative amount.
  if (it->is_number_unsigned()) {
    const uint64_t u = it->get<uint64_t>();
    if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
    return static_cast<int64_t>(u);
  }
  if (it->is_number_integer()) return it->get<int64_t>();
  if (!it->is_string()) return std::nullopt;
  const std::string& s = it->get_ref<const std::string&>();
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string QueryText(const std::map<std::string, std::string>& q, const std::string& key) {
  auto it = q.find(key);
  return it == q.end() ? std::string() : it->second;
}

std::string ScrubIdentity(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] >= '0' && text[i] <= '9') {
      size_t j = i;
      while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
      if (j < text.size() && (text[j] == 'X' || text[j] == 'x')) ++j;
      if (j - i >= 11) {
        out += MaskValue(text.substr(i, j - i));
      } else {
        out.append(text.substr(i, j - i));
      }
      i = j;
    } else {
      out += text[i++];
    }
  }
  return out;
}

nlohmann::json PersonSummaryJson(const registry::Person& p) {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : p.groups) groups.push_back(registry::Code(g.group));
  return {{"person_id", p.person_id},
          {"county_code", p.county_code},
          {"id_number", MaskIdNumber(p.id_number)},
          {"name", p.name},
          {"sex", registry::Code(p.sex)},
          {"birth_year", p.birth_date.year()},
          {"hukou_region", p.hukou_region},
          {"residence_region", p.residence_region},
          {"groups", std::move(groups)}};
}

nlohmann::json PersonDetailJson(const registry::Person& p) {
  nlohmann::json j = PersonSummaryJson(p);
  j["ethnicity"] = p.ethnicity;
  j["phone"] = p.phone.empty() ? std::string() : MaskPhone(p.phone);
  j["work_region"] = p.work_region;
  j["insured_region"] = p.insured_region;
  j["education"] = registry::Code(p.education);
  j["school_left_on"] = p.school_left_on ? p.school_left_on->ToString() : std::string();
  j["skills"] = p.skills;
  nlohmann::json certs = nlohmann::json::array();
  for (const auto& c : p.certificates) {
    certs.push_back({{"name", c.name}, {"level", c.level}, {"issued_on", c.issued_on.ToString()}});
  }
  j["certificates"] = std::move(certs);
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : p.groups) {
    groups.push_back({{"group", registry::Code(g.group)},
                      {"label", registry::Label(g.group)},
                      {"valid_from", g.valid_from.ToString()},
                      {"valid_to", g.valid_to ? g.valid_to->ToString() : std::string()}});
  }
  j["group_memberships"] = std::move(groups);
  return j;
}

}  // namespace qjy::server
