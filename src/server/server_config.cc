#include "server/server_config.h"

#include <yaml-cpp/yaml.h>

namespace qjy::server {

Result<void> LoadServeConfig(const std::string& path, ServeConfig& config) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInvalidArgument, "无法读取配置文件 " + path + "：" + e.what());
  }
  if (!root.IsMap()) return Fail(ErrorCode::kInvalidArgument, "配置文件须为 YAML 映射：" + path);
  try {
    for (const auto& kv : root) {
      const std::string key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      if (key == "host") config.host = v.as<std::string>();
      else if (key == "port") config.port = v.as<uint16_t>();
      else if (key == "threads") config.threads = v.as<int>();
      else if (key == "web_root") config.web_root = v.as<std::string>();
      else if (key == "work_dir") config.work_dir = v.as<std::string>();
      else if (key == "tls_cert") config.tls_cert = v.as<std::string>();
      else if (key == "tls_key") config.tls_key = v.as<std::string>();
      else if (key == "log_level") config.log_level = v.as<std::string>();
      else if (key == "import_per_account") config.import_per_account = v.as<int>();
      else if (key == "import_total") config.import_total = v.as<int>();
      else if (key == "sqlite_cache_mb") config.sqlite_cache_mb = v.as<int>();
      else return Fail(ErrorCode::kInvalidArgument, "配置文件中未知的键：" + key);
    }
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInvalidArgument, "配置文件取值错误 " + path + "：" + e.what());
  }
  if (config.import_per_account < 1 || config.import_total < config.import_per_account) {
    return Fail(ErrorCode::kInvalidArgument,
                "配置文件 " + path + "：import_per_account 须 ≥ 1，import_total 须不小于 import_per_account");
  }
  if (config.sqlite_cache_mb < 1 || config.sqlite_cache_mb > 65536) {
    return Fail(ErrorCode::kInvalidArgument, "配置文件 " + path + "：sqlite_cache_mb 须在 1 至 65536 之间");
  }
  return {};
}

}  // namespace qjy::server
