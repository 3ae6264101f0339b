// A labelled set of job ads and the screener's precision and recall on it
// (issue #17 §3: "measure precision and recall on a labelled set"). The
// file is the YAML of the blind sets (data/blind6_ads.yaml): a list of
// entries with `id`, `text` and `labels` ([] clean, or any of
// discrimination, fraud); other keys (note, category) are ignored. Used by
// `qjy ads eval` so that an officer who edits screening.yaml, or a
// developer with a new set, measures the change on ads of their own, and
// by the tests of the sets kept in data/.
//
// An ad is judged per kind: flagged as discrimination when some finding is
// of that kind, as fraud likewise; the tallies are at the level of the ad
// (one ad labelled both counts in both kinds).
#ifndef QJY_ADS_LABELLED_SET_H_
#define QJY_ADS_LABELLED_SET_H_

#include <span>
#include <string>
#include <vector>

#include "ads/screener.h"
#include "core/error.h"

namespace qjy::ads {

struct LabelledAd {
  std::string id, text;
  bool discrimination = false, fraud = false;
};

// kInvalidArgument (Chinese: the file, the entry's number and id, the
// field) for a file that is not such a list, an entry without text, or an
// unknown label; kIo when it cannot be read. Nothing is returned partly.
Result<std::vector<LabelledAd>> LoadLabelledSet(const std::string& path);

struct Tally {
  int tp = 0, fp = 0, fn = 0;
  void Add(bool got, bool want);
  double Precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp); }
  double Recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn); }
};

// One ad judged wrong in some kind: what it wanted, what was found (the
// findings as label and words, e.g. "性别：“限男性”").
struct SetError {
  const LabelledAd* ad = nullptr;
  bool got_discrimination = false, got_fraud = false;
  std::vector<std::string> found;
};

struct SetEvaluation {
  Tally discrimination, fraud, any;  // any: flagged at all vs labelled at all
  int ads = 0;
  std::vector<SetError> errors;      // in the set's order; point into the set
};

// Screens every ad as a posting's free text (no title, no wage fields, no
// wage reference: the flat pay ceiling) and tallies.
SetEvaluation EvaluateSet(const Screener& screener, std::span<const LabelledAd> set);

}  // namespace qjy::ads

#endif  // QJY_ADS_LABELLED_SET_H_
