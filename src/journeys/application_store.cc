#include "journeys/application_store.h"

#include <fmt/format.h>

#include "journeys/journeys_schema.h"

namespace qjy::journeys {
namespace {

constexpr char kAppColumns[] =
    "application_id, county_code, job_id, person_id, employer_credit_code, channel, applied_on, applied_at, "
    "applied_by";
constexpr char kInvColumns[] =
    "invitation_id, county_code, job_id, person_id, employer_credit_code, message, invited_on, invited_at, "
    "invited_by, answer, answered_on";

InvitationAnswer ParseAnswer(std::string_view code) {
  if (code == "accepted") return InvitationAnswer::kAccepted;
  if (code == "declined") return InvitationAnswer::kDeclined;
  return InvitationAnswer::kNone;
}

Application AppFromRow(const store::Row& r) {
  Application a;
  a.application_id = r.Int(0);
  a.county_code = r.Text(1);
  a.job_id = r.Int(2);
  a.person_id = r.Int(3);
  a.employer_credit_code = r.Text(4);
  a.channel = r.Text(5);
  a.applied_on = Date::Parse(r.Text(6)).value_or(Date());
  a.applied_at = r.Text(7);
  a.applied_by = r.Text(8);
  return a;
}

Invitation InvFromRow(const store::Row& r) {
  Invitation i;
  i.invitation_id = r.Int(0);
  i.county_code = r.Text(1);
  i.job_id = r.Int(2);
  i.person_id = r.Int(3);
  i.employer_credit_code = r.Text(4);
  i.message = r.Text(5);
  i.invited_on = Date::Parse(r.Text(6)).value_or(Date());
  i.invited_at = r.Text(7);
  i.invited_by = r.Text(8);
  i.answer = ParseAnswer(r.Text(9));
  if (auto d = Date::Parse(r.Text(10)); d) i.answered_on = *d;
  return i;
}

template <class T, class F>
Result<std::vector<T>> Rows(store::Db& db, const std::string& sql, std::vector<store::Value> params, F from) {
  auto rows = db.Query(sql, params);
  if (!rows) return std::unexpected(rows.error());
  std::vector<T> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(from(r));
  return out;
}

}  // namespace

std::string_view InvitationAnswerCode(InvitationAnswer a) {
  switch (a) {
    case InvitationAnswer::kAccepted: return "accepted";
    case InvitationAnswer::kDeclined: return "declined";
    case InvitationAnswer::kNone: break;
  }
  return "";
}

std::string_view InvitationAnswerLabel(InvitationAnswer a) {
  switch (a) {
    case InvitationAnswer::kAccepted: return "已接受";
    case InvitationAnswer::kDeclined: return "已婉拒";
    case InvitationAnswer::kNone: break;
  }
  return "待答复";
}

std::optional<std::string> ClosedReason(const registry::Job& job, Date on) {
  if (on < job.open_on) {
    return fmt::format("岗位“{}”自 {} 起招聘，尚未开始", job.title, job.open_on.ToString());
  }
  if (job.close_on && *job.close_on < on) {
    return fmt::format("岗位“{}”已于 {} 截止招聘", job.title, job.close_on->ToString());
  }
  return std::nullopt;
}

Result<void> ApplicationStore::Migrate() { return store::ApplyMigrations(db_, JourneysMigrations()); }

Result<Application> ApplicationStore::Apply(const registry::Job& job, int64_t person_id, Date on,
                                            std::string_view at, std::string_view actor) {
  if (auto closed = ClosedReason(job, on)) return Fail(ErrorCode::kConflict, *closed + "，不能投递");
  Application a;
  a.county_code = job.county_code;
  a.job_id = job.job_id;
  a.person_id = person_id;
  a.employer_credit_code = job.employer_credit_code;
  a.channel = "online";
  a.applied_on = on;
  a.applied_at = std::string(at);
  a.applied_by = std::string(actor);
  std::vector<store::Value> v = {a.county_code, a.job_id, a.person_id, a.employer_credit_code, a.channel,
                                 on.ToString(), a.applied_at, a.applied_by};
  auto rows = db_.Query(
      "INSERT INTO job_applications (county_code, job_id, person_id, employer_credit_code, channel, applied_on, "
      "applied_at, applied_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING application_id",
      v);
  if (!rows) {
    if (rows.error().code != ErrorCode::kAlreadyExists) return std::unexpected(rows.error());
    auto first = Find(job.job_id, person_id);
    std::string when = first && *first ? (*first)->applied_on.ToString() : std::string("此前");
    return Fail(ErrorCode::kAlreadyExists,
                fmt::format("您已于 {} 投递过岗位“{}”，同一岗位只能投递一次", when, job.title));
  }
  a.application_id = rows->front().Int(0);
  return a;
}

Result<Invitation> ApplicationStore::Invite(const registry::Job& job, int64_t person_id, std::string_view message,
                                            Date on, std::string_view at, std::string_view actor) {
  if (message.size() > 500) return Fail(ErrorCode::kInvalidArgument, "邀请留言过长（上限 500 字节）");
  if (auto closed = ClosedReason(job, on)) return Fail(ErrorCode::kConflict, *closed + "，不能发出邀请");
  Invitation i;
  i.county_code = job.county_code;
  i.job_id = job.job_id;
  i.person_id = person_id;
  i.employer_credit_code = job.employer_credit_code;
  i.message = std::string(message);
  i.invited_on = on;
  i.invited_at = std::string(at);
  i.invited_by = std::string(actor);
  std::vector<store::Value> v = {i.county_code, i.job_id, i.person_id, i.employer_credit_code, i.message,
                                 on.ToString(), i.invited_at, i.invited_by};
  auto rows = db_.Query(
      "INSERT INTO job_invitations (county_code, job_id, person_id, employer_credit_code, message, invited_on, "
      "invited_at, invited_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING invitation_id",
      v);
  if (!rows) {
    if (rows.error().code != ErrorCode::kAlreadyExists) return std::unexpected(rows.error());
    return Fail(ErrorCode::kAlreadyExists, fmt::format("已邀请过该人员应聘岗位“{}”，不能重复邀请", job.title));
  }
  i.invitation_id = rows->front().Int(0);
  return i;
}

Result<std::vector<Application>> ApplicationStore::ApplicationsToEmployer(std::string_view credit_code,
                                                                          int64_t job_id, int limit) {
  std::string sql = fmt::format("SELECT {} FROM job_applications WHERE employer_credit_code = ?", kAppColumns);
  std::vector<store::Value> p = {std::string(credit_code)};
  if (job_id > 0) {
    sql += " AND job_id = ?";
    p.emplace_back(job_id);
  }
  sql += " ORDER BY application_id DESC LIMIT ?";
  p.emplace_back(static_cast<int64_t>(limit));
  return Rows<Application>(db_, sql, std::move(p), AppFromRow);
}

Result<std::vector<Invitation>> ApplicationStore::InvitationsByEmployer(std::string_view credit_code,
                                                                        int64_t job_id, int limit) {
  std::string sql = fmt::format("SELECT {} FROM job_invitations WHERE employer_credit_code = ?", kInvColumns);
  std::vector<store::Value> p = {std::string(credit_code)};
  if (job_id > 0) {
    sql += " AND job_id = ?";
    p.emplace_back(job_id);
  }
  sql += " ORDER BY invitation_id DESC LIMIT ?";
  p.emplace_back(static_cast<int64_t>(limit));
  return Rows<Invitation>(db_, sql, std::move(p), InvFromRow);
}

Result<std::vector<Application>> ApplicationStore::ApplicationsOf(int64_t person_id) {
  return Rows<Application>(
      db_, fmt::format("SELECT {} FROM job_applications WHERE person_id = ? ORDER BY application_id DESC", kAppColumns),
      {person_id}, AppFromRow);
}

Result<std::vector<Invitation>> ApplicationStore::InvitationsOf(int64_t person_id) {
  return Rows<Invitation>(
      db_, fmt::format("SELECT {} FROM job_invitations WHERE person_id = ? ORDER BY invitation_id DESC", kInvColumns),
      {person_id}, InvFromRow);
}

Result<Invitation> ApplicationStore::Answer(int64_t invitation_id, int64_t person_id, InvitationAnswer answer,
                                            Date on) {
  if (answer == InvitationAnswer::kNone) return Fail(ErrorCode::kInvalidArgument, "答复须为接受或婉拒");
  auto rows = Rows<Invitation>(
      db_, fmt::format("SELECT {} FROM job_invitations WHERE invitation_id = ? AND person_id = ?", kInvColumns),
      {invitation_id, person_id}, InvFromRow);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kNotFound, "没有该邀请");
  const std::vector<store::Value> v = {std::string(InvitationAnswerCode(answer)), on.ToString(), invitation_id,
                                       person_id};
  auto changed = db_.Exec(
      "UPDATE job_invitations SET answer = ?, answered_on = ? WHERE invitation_id = ? AND person_id = ? AND answer = ''",
      v);
  if (!changed) return std::unexpected(changed.error());
  if (*changed == 0) {
    auto now = Rows<Invitation>(
        db_, fmt::format("SELECT {} FROM job_invitations WHERE invitation_id = ?", kInvColumns), {invitation_id},
        InvFromRow);
    const Invitation& first = now && !now->empty() ? now->front() : rows->front();
    return Fail(ErrorCode::kConflict,
                fmt::format("该邀请已于 {} 答复（{}），不能再次答复",
                            first.answered_on ? first.answered_on->ToString() : std::string("此前"),
                            InvitationAnswerLabel(first.answer)));
  }
  Invitation out = rows->front();
  out.answer = answer;
  out.answered_on = on;
  return out;
}

Result<std::optional<Invitation>> ApplicationStore::FindInvitation(int64_t job_id, int64_t person_id) {
  auto rows = Rows<Invitation>(
      db_, fmt::format("SELECT {} FROM job_invitations WHERE job_id = ? AND person_id = ?", kInvColumns),
      {job_id, person_id}, InvFromRow);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Invitation>();
  return std::optional<Invitation>(rows->front());
}

Result<std::optional<Application>> ApplicationStore::Find(int64_t job_id, int64_t person_id) {
  auto rows = Rows<Application>(
      db_, fmt::format("SELECT {} FROM job_applications WHERE job_id = ? AND person_id = ?", kAppColumns),
      {job_id, person_id}, AppFromRow);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Application>();
  return std::optional<Application>(rows->front());
}

}  // namespace qjy::journeys
