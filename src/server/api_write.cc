#include "server/api_write.h"

#include <charconv>

namespace qjy::server {

std::optional<int64_t> PathId(const std::string& param) {
  int64_t id = 0;
  const char* end = param.data() + param.size();
  auto [p, ec] = std::from_chars(param.data(), end, id);
  if (ec != std::errc() || p != end || id <= 0) return std::nullopt;
  return id;
}

std::optional<std::string> ReviewNote(const nlohmann::json& body, bool approve, HttpResponse& out) {
  std::string note = body.contains("note") && body["note"].is_string() ? body["note"].get<std::string>() : "";
  if (note.size() > 1000) {
    out = BadRequest("审核意见过长（上限 1000 字节）");
    return std::nullopt;
  }
  if (!approve && note.empty()) {
    out = BadRequest("驳回时须填写理由");
    return std::nullopt;
  }
  return ScrubIdentity(note);
}

std::string Api::WriteTarget::Target(const Call& c) const { return std::string(kind) + ":" + c.params.at(0); }

HttpResponse Api::WriteFailed(Call& c, std::string_view action, const std::string& target, const Error& e) {
  switch (e.code) {
    case ErrorCode::kInvalidArgument:
      Audit(c, std::string(action), target, "rejected", e.message);
      return BadRequest(e.message);
    case ErrorCode::kNotFound: return NotFound(e.message);
    case ErrorCode::kPermissionDenied:
      Audit(c, std::string(action), target, "denied");
      return Forbidden();
    case ErrorCode::kConflict:
      Audit(c, std::string(action), target, "rejected", e.message);
      return HttpResponse::Error(409, "conflict", e.message);
    default:
      Audit(c, std::string(action), target, "rejected", e.message);
      return StoreError(e, *log_);
  }
}

}  // namespace qjy::server
