// The shipped screener (data/screening.yaml) for the tests, loaded once per
// test binary. A load failure fails the calling test and aborts on use.
#ifndef QJY_ADS_SCREENER_TEST_SUPPORT_H_
#define QJY_ADS_SCREENER_TEST_SUPPORT_H_

#include <utility>

#include <gtest/gtest.h>

#include "ads/screener.h"

namespace qjy::ads::testing {

inline const Screener& ShippedScreener() {
  static const Screener s = [] {
    auto r = Screener::LoadDefault();
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
    return std::move(*r);
  }();
  return s;
}

}  // namespace qjy::ads::testing

#endif  // QJY_ADS_SCREENER_TEST_SUPPORT_H_
