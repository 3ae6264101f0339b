// The same network solved by LEMON's NetworkSimplex (Debian liblemon-dev),
// the reference the optimality test and the benchmark compare with. Header
// only and included only by tests and benchmarks: production code never
// depends on LEMON.
#ifndef QJY_ASSIGN_LEMON_REFERENCE_H_
#define QJY_ASSIGN_LEMON_REFERENCE_H_

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <cstdint>

#include "assign/problem.h"
#include "assign/solution.h"

namespace qjy::assign {

struct LemonResult {
  Solution solution;
  std::int64_t total_cost = 0;  // LEMON's own objective value
  bool optimal = false;
};

// Builds seeker -> job (cap 1, cost max_score - score), job -> sink (cap
// capacity), seeker -> sink (cap demand, cost Penalty) exactly as SolveSsp
// models it, runs NetworkSimplex and decodes the flow.
inline LemonResult SolveLemon(const Problem& p) {
  using Graph = lemon::SmartDigraph;
  Graph g;
  const int S = static_cast<int>(p.Seekers()), J = static_cast<int>(p.Jobs());
  const int arcs = static_cast<int>(p.Arcs()) + J + S;
  g.reserveNode(S + J + 1);
  g.reserveArc(arcs);
  for (int i = 0; i < S + J + 1; ++i) g.addNode();
  const Graph::Node sink = g.nodeFromId(S + J);
  Graph::ArcMap<std::int64_t> cap(g), cost(g);
  Graph::NodeMap<std::int64_t> supply(g, 0);
  const std::int64_t max_score = MaxScore(p), penalty = Penalty(p);
  std::int64_t total = 0;
  for (int s = 0; s < S; ++s) {
    for (std::uint32_t a = p.offsets[s]; a < p.offsets[s + 1]; ++a) {
      const Graph::Arc arc = g.addArc(g.nodeFromId(s), g.nodeFromId(S + static_cast<int>(p.job[a])));
      cap[arc] = 1;
      cost[arc] = max_score - p.score[a];
    }
  }
  for (int j = 0; j < J; ++j) {
    const Graph::Arc arc = g.addArc(g.nodeFromId(S + j), sink);
    cap[arc] = p.capacity[j];
    cost[arc] = 0;
  }
  for (int s = 0; s < S; ++s) {
    const Graph::Arc arc = g.addArc(g.nodeFromId(s), sink);
    cap[arc] = p.Demand(s);
    cost[arc] = penalty;
    supply[g.nodeFromId(s)] = p.Demand(s);
    total += p.Demand(s);
  }
  supply[sink] = -total;
  lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t> ns(g);
  ns.upperMap(cap).costMap(cost).supplyMap(supply);
  LemonResult r;
  r.optimal = ns.run() == decltype(ns)::OPTIMAL;
  if (!r.optimal) return r;
  r.total_cost = ns.totalCost<std::int64_t>();
  r.solution.chosen.assign(p.Arcs(), 0);
  r.solution.shortfall.assign(S, 0);
  for (std::size_t a = 0; a < p.Arcs(); ++a) {
    r.solution.chosen[a] = ns.flow(g.arcFromId(static_cast<int>(a))) > 0;
  }
  for (int s = 0; s < S; ++s) {
    r.solution.shortfall[s] =
        static_cast<std::uint32_t>(ns.flow(g.arcFromId(static_cast<int>(p.Arcs()) + J + s)));
  }
  return r;
}

}  // namespace qjy::assign

#endif  // QJY_ASSIGN_LEMON_REFERENCE_H_
