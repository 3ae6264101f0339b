// Date literals for tests: D("2024-06-01") and D(2024, 6, 1). One definition
// for every test binary, brought into a test's namespace with a
// using-declaration of ::qjy::test_support::D (which may repeat, so test files
// compiled together in one unity batch do not collide as copies did).
// Contract: the argument is a valid date; a malformed one aborts the test
// binary (it is a bug in the test, not a case under test).
#pragma once

#include "core/date.h"

namespace qjy::test_support {

inline Date D(const char* iso) { return *Date::Parse(iso); }
inline Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

}  // namespace qjy::test_support
