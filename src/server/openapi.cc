#include "server/openapi.h"

namespace qjy::server {

std::string_view OpenApiJson() {
  static constexpr std::string_view kDoc = R"json({
  "openapi": "3.0.3",
  "info": {
    "title": "黔就业 Qianjiuye API",
    "version": "1.0.0",
    "description": "JSON over HTTP. Session cookie qjy_session (HttpOnly, SameSite=Strict). State-changing requests except POST /api/login need header X-CSRF-Token. Identity fields are masked except in reveal. Errors: {\"error\",\"message\"}."
  },
  "components": {
    "securitySchemes": {
      "session": {"type": "apiKey", "in": "cookie", "name": "qjy_session"},
      "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token"}
    },
    "schemas": {
      "Error": {"type": "object", "properties": {"error": {"type": "string"}, "message": {"type": "string"}}},
      "User": {"type": "object", "properties": {
        "username": {"type": "string"}, "display_name": {"type": "string"},
        "role": {"type": "string", "enum": ["officer", "employer", "seeker", "auditor", "sysadmin", "secadmin"]},
        "role_label": {"type": "string"}, "region_code": {"type": "string"}, "region_name": {"type": "string"},
        "region_level": {"type": "string"}, "credit_code": {"type": "string"},
        "grants": {"type": "array", "items": {"type": "string"}}}},
      "PersonSummary": {"type": "object", "properties": {
        "person_id": {"type": "integer"}, "county_code": {"type": "string"},
        "id_number": {"type": "string", "description": "masked: 5201**********123X"},
        "name": {"type": "string"}, "sex": {"type": "string"}, "birth_year": {"type": "integer"},
        "hukou_region": {"type": "string"}, "residence_region": {"type": "string"},
        "groups": {"type": "array", "items": {"type": "string"}}}},
      "Person": {"allOf": [{"$ref": "#/components/schemas/PersonSummary"}, {"type": "object", "properties": {
        "ethnicity": {"type": "string"}, "phone": {"type": "string", "description": "masked: 138****5678"},
        "work_region": {"type": "string"}, "insured_region": {"type": "string"}, "education": {"type": "string"},
        "school_left_on": {"type": "string"}, "skills": {"type": "array", "items": {"type": "string"}},
        "certificates": {"type": "array", "items": {"type": "object"}},
        "group_memberships": {"type": "array", "items": {"type": "object"}},
        "history": {"type": "array", "items": {"type": "object"}},
        "contracts": {"type": "array", "items": {"type": "object"}}}}]},
      "Employer": {"type": "object", "properties": {
        "employer_id": {"type": "integer"}, "credit_code": {"type": "string"}, "name": {"type": "string"},
        "type": {"type": "string"}, "size": {"type": "string"}, "region": {"type": "string"},
        "region_name": {"type": "string"}, "county_code": {"type": "string"},
        "insured_headcount": {"type": "integer"}, "key_enterprise": {"type": "boolean"}}},
      "Job": {"type": "object", "properties": {
        "job_id": {"type": "integer"}, "employer_credit_code": {"type": "string"}, "employer_name": {"type": "string"},
        "title": {"type": "string"}, "occupation_code": {"type": "string"}, "headcount": {"type": "integer"},
        "wage_min_fen": {"type": "integer"}, "wage_max_fen": {"type": "integer"}, "place_region": {"type": "string"},
        "place_name": {"type": "string"}, "type": {"type": "string"}, "open_on": {"type": "string"},
        "close_on": {"type": "string"}, "county_code": {"type": "string"}}},
      "AuditEntry": {"type": "object", "properties": {
        "seq": {"type": "integer"}, "at": {"type": "string"}, "actor": {"type": "string"}, "role": {"type": "string"},
        "region": {"type": "string"}, "action": {"type": "string"}, "target": {"type": "string"},
        "result": {"type": "string"}, "client": {"type": "string"}, "detail": {"type": "string"}}}
    }
  },
  "security": [{"session": []}],
  "paths": {
    "/api/login": {"post": {"summary": "登录 / log in", "security": [],
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object",
        "required": ["username", "password"], "properties": {"username": {"type": "string"}, "password": {"type": "string"}}}}}},
      "responses": {"200": {"description": "{user, csrf_token}; sets the qjy_session cookie"},
        "400": {"description": "malformed JSON"}, "401": {"description": "bad credentials"},
        "423": {"description": "locked for 15 minutes after 5 failures"}}}},
    "/api/logout": {"post": {"summary": "退出 / log out", "security": [{"session": [], "csrf": []}],
      "responses": {"204": {"description": "session deleted"}, "401": {"description": "no session"}, "403": {"description": "csrf"}}}},
    "/api/me": {"get": {"summary": "当前用户 / current user",
      "responses": {"200": {"description": "{user, csrf_token}; a seeker's user also has person_id (the person bound to the ID, or null)"}, "401": {"description": "no session"}}}},
    "/api/regions/{code}": {"get": {"summary": "区划及下级 / region and its children",
      "parameters": [{"name": "code", "in": "path", "required": true, "schema": {"type": "string"}}],
      "responses": {"200": {"description": "{code, name, full_name, level, parent, children[]}"}, "404": {"description": "unknown"}}}},
    "/api/persons": {"get": {"summary": "人员列表（按辖区）/ persons in the caller's region (officer, auditor); audited",
      "parameters": [
        {"name": "id_number", "in": "query", "schema": {"type": "string"}, "description": "exact, via the keyed hash"},
        {"name": "name", "in": "query", "schema": {"type": "string"}},
        {"name": "region", "in": "query", "schema": {"type": "string"}, "description": "must lie within the officer's region"},
        {"name": "group", "in": "query", "schema": {"type": "string"}},
        {"name": "after", "in": "query", "schema": {"type": "integer"}},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200}}],
      "responses": {"200": {"description": "{items: PersonSummary[], next_after}"}, "400": {"description": "bad parameter"},
        "403": {"description": "role or region not allowed"}}}},
    "/api/persons/{person_id}": {"get": {"summary": "人员详情（含变更历史）/ person with history (officer in scope, seeker self); audited",
      "parameters": [{"name": "person_id", "in": "path", "required": true, "schema": {"type": "integer"}}],
      "responses": {"200": {"description": "Person", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Person"}}}},
        "403": {"description": "role never reads persons"}, "404": {"description": "unknown or outside scope"}}}},
    "/api/persons/{person_id}/reveal": {"post": {"summary": "查看明文（须授权并填写理由，留痕）/ reveal a field",
      "security": [{"session": [], "csrf": []}],
      "parameters": [{"name": "person_id", "in": "path", "required": true, "schema": {"type": "integer"}}],
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object",
        "required": ["field", "reason"], "properties": {"field": {"type": "string", "enum": ["id_number", "phone"]},
        "reason": {"type": "string", "minLength": 4}}}}}},
      "responses": {"200": {"description": "{value}"}, "400": {"description": "bad field or reason"},
        "403": {"description": "no reveal grant or csrf"}, "404": {"description": "unknown or outside scope"}}}},
    "/api/employers": {"get": {"summary": "用人单位 / employers (officer in scope, employer self)",
      "parameters": [{"name": "region", "in": "query", "schema": {"type": "string"}}, {"name": "q", "in": "query", "schema": {"type": "string"}},
        {"name": "after", "in": "query", "schema": {"type": "integer"}}, {"name": "limit", "in": "query", "schema": {"type": "integer"}}],
      "responses": {"200": {"description": "{items: Employer[], next_after}"}, "403": {"description": "role or region not allowed"}}}},
    "/api/jobs": {"get": {"summary": "岗位 / jobs (anyone logged in)",
      "parameters": [{"name": "region", "in": "query", "schema": {"type": "string"}}, {"name": "q", "in": "query", "schema": {"type": "string"}},
        {"name": "employer", "in": "query", "schema": {"type": "string"}},
        {"name": "after", "in": "query", "schema": {"type": "integer"}}, {"name": "limit", "in": "query", "schema": {"type": "integer"}}],
      "responses": {"200": {"description": "{items: Job[], next_after}"}}}},
    "/api/import/{entity}": {"post": {"summary": "导入（县级及以下经办人员）/ upload a file (multipart field file, ≤ 32 MB)",
      "security": [{"session": [], "csrf": []}],
      "parameters": [{"name": "entity", "in": "path", "required": true,
        "schema": {"type": "string", "enum": ["persons", "employers", "jobs", "contracts"]}}],
      "requestBody": {"required": true, "content": {"multipart/form-data": {"schema": {"type": "object",
        "properties": {"file": {"type": "string", "format": "binary"}}}}}},
      "responses": {"202": {"description": "{job_id}"}, "400": {"description": "broken multipart"},
        "403": {"description": "not a county-or-lower officer, or csrf"}, "413": {"description": "too large"}}}},
    "/api/import/jobs/{job_id}": {"get": {"summary": "导入进度 / import progress (the importer only)",
      "parameters": [{"name": "job_id", "in": "path", "required": true, "schema": {"type": "string"}}],
      "responses": {"200": {"description": "{state, rows_done, rows_total, result, rejects_url}"}, "404": {"description": "unknown or not yours"}}}},
    "/api/import/jobs/{job_id}/rejects": {"get": {"summary": "退回行下载 / rejected rows (CSV)",
      "parameters": [{"name": "job_id", "in": "path", "required": true, "schema": {"type": "string"}}],
      "responses": {"200": {"description": "text/csv"}, "404": {"description": "unknown, running or not yours"}}}},
    "/api/audit": {"get": {"summary": "审计记录（审计员、安全管理员），新的在前 / audit trail, newest first",
      "parameters": [{"name": "actor", "in": "query", "schema": {"type": "string"}}, {"name": "action", "in": "query", "schema": {"type": "string"}},
        {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}}, {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}},
        {"name": "after", "in": "query", "schema": {"type": "integer"}, "description": "cursor: rows with seq below this"},
        {"name": "limit", "in": "query", "schema": {"type": "integer"}}],
      "responses": {"200": {"description": "{items: AuditEntry[], next_after}"}, "403": {"description": "role not allowed"}}}},
    "/api/services/{view}": {"get": {"summary": "就业服务视图：queue 待办队列 / compliance 按时率 / classify 四级三类 / services views",
      "parameters": [{"name": "view", "in": "path", "required": true, "schema": {"type": "string", "enum": ["queue", "compliance", "classify"]}},
        {"name": "region", "in": "query", "schema": {"type": "string"}}, {"name": "as_of", "in": "query", "schema": {"type": "string", "format": "date"}},
        {"name": "officer", "in": "query", "schema": {"type": "string"}}, {"name": "by", "in": "query", "schema": {"type": "string", "enum": ["township", "county", "officer"]}}],
      "responses": {"200": {"description": "queue {counts, items}; compliance {rows, total}; classify {levels, categories, cells}"}, "403": {"description": "out of scope"}}}},
    "/api/services/{action}": {"post": {"summary": "失业登记、服务记录、类别评估、注销登记 / register, record a service, assess, deregister",
      "parameters": [{"name": "action", "in": "path", "required": true, "schema": {"type": "string", "enum": ["registrations", "records", "assessments", "deregistrations"]}}],
      "requestBody": {"content": {"application/json": {"schema": {"type": "object", "description": "person_id or id_number; on; place, region_code, channel, served_as, flags (registrations); kind, job_id, outcome (records); category, reason (assessments); reason, note (deregistrations)"}}}},
      "responses": {"201": {"description": "created"}, "400": {"description": "invalid"}, "404": {"description": "no such person in scope"}, "409": {"description": "already registered"}}}},
    "/api/services/persons/{person_id}": {"get": {"summary": "人员服务时间线：登记、等级、类别、服务事项 / a person's service timeline",
      "parameters": [{"name": "person_id", "in": "path", "required": true, "schema": {"type": "integer"}}, {"name": "as_of", "in": "query", "schema": {"type": "string", "format": "date"}}],
      "responses": {"200": {"description": "{person, registrations, records, current}"}, "404": {"description": "unknown or out of scope"}}}},
    "/api/stats": {"get": {"summary": "区划统计（经办人员）/ counts of a region within the officer's scope",
      "parameters": [{"name": "region", "in": "query", "schema": {"type": "string"}, "description": "default: the officer's region"}],
      "responses": {"200": {"description": "{region, name, persons, employers, jobs, children: [{code, name, persons}]}; persons by household registration, residence or owning county; children by household registration only"},
        "400": {"description": "malformed code"}, "403": {"description": "not an officer, or region outside scope"}, "404": {"description": "unknown region"}}}},
    "/api/openapi.json": {"get": {"summary": "本文档 / this document", "security": [],
      "responses": {"200": {"description": "OpenAPI 3"}}}}
  }
})json";
  return kDoc;
}

}  // namespace qjy::server
