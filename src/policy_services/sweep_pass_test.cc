// RevisitScopes: which earlier proposals a pass revisits. The passes'
// writing itself is tested through its two callers (cli PolicyCmdTest,
// server PolicyApiTest.SweepInPassesWritesTheWholeWorldsDecisions).
#include "policy_services/sweep_pass.h"

#include <gtest/gtest.h>

namespace qjy::policy_services {
namespace {

TEST(RevisitScopesTest, APassRevisitsItsCountiesOrATownshipItself) {
  using V = std::vector<std::string>;
  EXPECT_EQ(RevisitScopes("52", V{"520102", "520103"}), (V{"520102", "520103"}));
  EXPECT_EQ(RevisitScopes("", V{"520102"}), (V{"520102"}));
  // A township's sweep: its county is the pass, its own prefix the scope.
  EXPECT_EQ(RevisitScopes("520102001", V{"520102"}), (V{"520102001"}));
  // The whole load passes the region as its one "county".
  EXPECT_EQ(RevisitScopes("5201", V{"5201"}), (V{"5201"}));
}

}  // namespace
}  // namespace qjy::policy_services
