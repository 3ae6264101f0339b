// What an officer is told when registering an event that no duty of
// policy/network/duties.yaml counts. Events count only at their duty's own
// level: a county's or township's 就业创业服务团队 visit counts for no duty,
// since 附件4（十七） sets numbers for the province and prefectures only. The
// event is still recorded (counties 结合实际常态化开展); the note says it is
// outside the assessment and which levels have numbers.
#ifndef QJY_NETWORK_EVENT_NOTE_H_
#define QJY_NETWORK_EVENT_NOTE_H_

#include <string>
#include <string_view>

#include "core/regions.h"
#include "network/duties.h"

namespace qjy::network {

// The note for an event of `kind` (coverage.h's codes) organised at
// `level`; "" when some kEvents duty of that kind is judged at `level`.
std::string UncountedEventNote(const Duties& duties, std::string_view kind, RegionLevel level);

}  // namespace qjy::network

#endif  // QJY_NETWORK_EVENT_NOTE_H_
