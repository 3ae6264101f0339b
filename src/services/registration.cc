#include "services/registration.h"

namespace qjy::services {

const char* PlaceKindCode(PlaceKind k) {
  switch (k) {
    case PlaceKind::kHukou: return "hukou";
    case PlaceKind::kResidence: return "residence";
    case PlaceKind::kWork: return "work";
    case PlaceKind::kInsured: return "insured";
    case PlaceKind::kOnline: return "online";
  }
  return "hukou";
}
const char* PlaceKindLabel(PlaceKind k) {
  switch (k) {
    case PlaceKind::kHukou: return "户籍地";
    case PlaceKind::kResidence: return "常住地";
    case PlaceKind::kWork: return "就业地";
    case PlaceKind::kInsured: return "参保地";
    case PlaceKind::kOnline: return "线上";
  }
  return "户籍地";
}
Result<PlaceKind> ParsePlaceKind(std::string_view s) {
  for (PlaceKind k : {PlaceKind::kHukou, PlaceKind::kResidence, PlaceKind::kWork,
                      PlaceKind::kInsured, PlaceKind::kOnline}) {
    if (s == PlaceKindCode(k) || s == PlaceKindLabel(k)) return k;
  }
  return Fail(ErrorCode::kInvalidArgument,
              "未知的登记地类型：" + std::string(s) + "（hukou/residence/work/insured/online）");
}

const char* RegistrationKindCode(RegistrationKind k) {
  return k == RegistrationKind::kUnemployed ? "unemployed" : "job_seeking";
}
const char* RegistrationKindLabel(RegistrationKind k) {
  return k == RegistrationKind::kUnemployed ? "失业登记" : "求职登记";
}

const char* ServedAsCode(ServedAs s) {
  switch (s) {
    case ServedAs::kRegistered: return "registered";
    case ServedAs::kGraduate: return "graduate";
    case ServedAs::kSubsidyRecipient: return "subsidy_recipient";
    case ServedAs::kMigrantLivingSubsidy: return "migrant_living_subsidy";
  }
  return "registered";
}
const char* ServedAsLabel(ServedAs s) {
  switch (s) {
    case ServedAs::kRegistered: return "登记失业人员";
    case ServedAs::kGraduate: return "离校未就业高校毕业生";
    case ServedAs::kSubsidyRecipient: return "领取失业补助金人员";
    case ServedAs::kMigrantLivingSubsidy: return "领取一次性生活补助的失业农民工";
  }
  return "登记失业人员";
}
Result<ServedAs> ParseServedAs(std::string_view s) {
  for (ServedAs v : {ServedAs::kRegistered, ServedAs::kGraduate, ServedAs::kSubsidyRecipient,
                     ServedAs::kMigrantLivingSubsidy}) {
    if (s == ServedAsCode(v) || s == ServedAsLabel(v)) return v;
  }
  return Fail(ErrorCode::kInvalidArgument, "未知的服务对象类别：" + std::string(s));
}

const char* CloseReasonCode(CloseReason r) {
  switch (r) {
    case CloseReason::kReemployed: return "reemployed";
    case CloseReason::kWithdrawn: return "withdrawn";
    case CloseReason::kMoved: return "moved";
    case CloseReason::kRetired: return "retired";
    case CloseReason::kOther: return "other";
  }
  return "other";
}
const char* CloseReasonLabel(CloseReason r) {
  switch (r) {
    case CloseReason::kReemployed: return "实现就业";
    case CloseReason::kWithdrawn: return "本人申请注销";
    case CloseReason::kMoved: return "迁出";
    case CloseReason::kRetired: return "达到退休年龄";
    case CloseReason::kOther: return "其他";
  }
  return "其他";
}
Result<CloseReason> ParseCloseReason(std::string_view s) {
  for (CloseReason r : {CloseReason::kReemployed, CloseReason::kWithdrawn, CloseReason::kMoved,
                        CloseReason::kRetired, CloseReason::kOther}) {
    if (s == CloseReasonCode(r) || s == CloseReasonLabel(r)) return r;
  }
  return Fail(ErrorCode::kInvalidArgument,
              "未知的注销原因：" + std::string(s) + "（reemployed/withdrawn/moved/retired/other）");
}

RegistrationFacts Registration::Facts() const {
  RegistrationFacts f;
  f.registration_id = registration_id;
  f.registered_on = registered_on;
  f.found_on = found_on;
  f.flags = flags;
  f.closed_on = closed_on;
  f.reemployed = close_reason == CloseReason::kReemployed;
  return f;
}

namespace {

bool InGroup(const registry::Person& p, registry::Group g, Date on) {
  for (const auto& m : p.groups) {
    if (m.group == g && m.valid_from <= on && (!m.valid_to || on <= *m.valid_to)) return true;
  }
  return false;
}

}  // namespace

Category SuggestCategory(const registry::Person& p, Date on) {
  using registry::Group;
  if (InGroup(p, Group::kHardToEmploy, on) || InGroup(p, Group::kDisabled, on)) {
    return Category::kDifficulty;
  }
  bool low_education = p.education != registry::Education::kUnknown &&
                       p.education <= registry::Education::kJuniorHigh;
  if (low_education && p.certificates.empty()) return Category::kLacksSkills;
  return Category::kBasicSkills;
}

Result<Registration> BuildRegistration(const registry::Person& person,
                                       const RegistrationRequest& req,
                                       const ServiceParams& params) {
  using registry::Group;
  if (req.region_code.size() < 6) {
    return Fail(ErrorCode::kInvalidArgument, "登记地区划代码须为县级或乡级代码");
  }
  if (req.officer.empty()) return Fail(ErrorCode::kInvalidArgument, "须填写经办人");
  if (person.birth_date.AddYears(params.minimum_age_years) > req.on) {
    return Fail(ErrorCode::kInvalidArgument,
                "未满 " + std::to_string(params.minimum_age_years) + " 周岁，不能办理失业登记");
  }
  if (req.place == PlaceKind::kWork && person.work_region.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "该人员没有就业地，不能在就业地登记");
  }
  if (req.place == PlaceKind::kInsured && person.insured_region.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "该人员没有参保地，不能在参保地登记");
  }
  Registration r;
  r.employment = StatusOn(req.contracts, req.contributions, req.on, req.employer_names);
  if (r.employment.state == EmploymentState::kEmployed) {
    if (req.override_reason.find_first_not_of(" \t\r\n") == std::string::npos) {
      return Fail(ErrorCode::kPermissionDenied,
                  "该人员在登记日 " + req.on.ToString() + " 处于就业状态（" + r.employment.reason +
                      "），不能办理失业登记；如确属失业（如合同已解除但未备案），须由经办人填写书面理由后登记");
    }
    r.override_reason = req.override_reason;
  }
  if (r.employment.state == EmploymentState::kUnknown) {
    r.notes.push_back("就业状态未经核实：" + r.employment.reason);
  }
  r.person_id = person.person_id;
  r.county_code = req.region_code.substr(0, 6);
  r.registered_on = req.on;
  r.found_on = req.found_on.value_or(req.on);
  if (r.found_on > r.registered_on) {
    return Fail(ErrorCode::kInvalidArgument, "发现失业日期不能晚于登记日期");
  }
  r.place = req.place;
  r.region_code = req.region_code;
  r.channel = req.channel.empty() ? "counter" : req.channel;
  r.officer = req.officer;
  r.served_as = req.served_as;
  r.kind = req.on >= params.RetirementDate(person.sex, person.birth_date, req.on)
               ? RegistrationKind::kJobSeeking
               : RegistrationKind::kUnemployed;
  uint32_t flags = req.extra_flags;
  // 离校未就业 (A3(二)): left school and not known to have worked since.
  bool recent_graduate = false;
  if (InGroup(person, Group::kCollegeGraduate, req.on)) {
    if (!person.school_left_on) {
      r.notes.push_back("缺少毕业(离校)日期，无法判断是否为离校未就业高校毕业生");
    } else if (*person.school_left_on <= req.on) {
      auto worked = WorkedSince(req.contracts, req.contributions, *person.school_left_on, req.on);
      recent_graduate = !worked.value_or(false);
      if (!worked) r.notes.push_back("离校后是否就业未经核实：缺少劳动合同和社会保险缴费记录");
    }
  }
  if (recent_graduate || req.served_as == ServedAs::kGraduate) {
    flags |= static_cast<uint32_t>(Flag::kGraduate);
    for (Group g : {Group::kPovertyAlleviated, Group::kMonitoringObject, Group::kDibao,
                    Group::kTekun, Group::kZeroEmploymentFamily, Group::kDisabled}) {
      if (InGroup(person, g, req.on)) flags |= static_cast<uint32_t>(Flag::kGraduateDifficulty);
    }
  }
  if (InGroup(person, Group::kVeteran, req.on)) flags |= static_cast<uint32_t>(Flag::kVeteran);
  if (InGroup(person, Group::kHardToEmploy, req.on)) {
    flags |= static_cast<uint32_t>(Flag::kHardToEmploy);
  }
  r.flags = flags;
  r.suggested_category = SuggestCategory(person, req.on);
  return r;
}

}  // namespace qjy::services
