#include "ads/labelled_set.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace qjy::ads {

Result<std::vector<LabelledAd>> LoadLabelledSet(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    return Fail(ErrorCode::kIo, fmt::format("无法读取文件 {}", path));
  } catch (const YAML::Exception& e) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：YAML 格式错误：{}", path, e.what()));
  }
  if (!root.IsSequence()) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：应为招聘信息列表（每项含 id、text、labels）", path));
  }
  std::vector<LabelledAd> out;
  out.reserve(root.size());
  int n = 0;
  for (const YAML::Node& row : root) {
    ++n;
    LabelledAd ad;
    try {
      ad.id = row["id"] ? row["id"].as<std::string>() : std::to_string(n);
      const std::string where = fmt::format("{}：第 {} 项（{}）", path, n, ad.id);
      if (!row["text"] || !row["text"].IsScalar() || row["text"].as<std::string>().empty()) {
        return Fail(ErrorCode::kInvalidArgument, where + "：缺少 text（招聘文字）");
      }
      ad.text = row["text"].as<std::string>();
      if (!row["labels"] || !row["labels"].IsSequence()) {
        return Fail(ErrorCode::kInvalidArgument, where + "：labels 应为列表（[]、[discrimination]、[fraud] 或两者）");
      }
      for (const YAML::Node& l : row["labels"]) {
        const std::string label = l.as<std::string>();
        if (label == "discrimination") {
          ad.discrimination = true;
        } else if (label == "fraud") {
          ad.fraud = true;
        } else {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("{}：labels 中的“{}”无法识别（只能是 discrimination 或 fraud）", where, label));
        }
      }
    } catch (const YAML::Exception& e) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("{}：第 {} 项：{}", path, n, e.what()));
    }
    out.push_back(std::move(ad));
  }
  return out;
}

void Tally::Add(bool got, bool want) {
  if (got && want) {
    ++tp;
  } else if (got) {
    ++fp;
  } else if (want) {
    ++fn;
  }
}

SetEvaluation EvaluateSet(const Screener& screener, std::span<const LabelledAd> set) {
  SetEvaluation e;
  for (const LabelledAd& ad : set) {
    ++e.ads;
    JobAd job;
    job.job.requirements = ad.text;
    bool got_d = false, got_f = false;
    std::vector<std::string> found;
    for (const Finding& f : screener.Screen(job)) {
      (f.kind == "fraud" ? got_f : got_d) = true;
      found.push_back(f.label + "：“" + f.matched + "”");
    }
    e.discrimination.Add(got_d, ad.discrimination);
    e.fraud.Add(got_f, ad.fraud);
    e.any.Add(got_d || got_f, ad.discrimination || ad.fraud);
    if (got_d != ad.discrimination || got_f != ad.fraud) {
      e.errors.push_back(SetError{&ad, got_d, got_f, std::move(found)});
    }
  }
  return e;
}

}  // namespace qjy::ads
