// Gig work (零工): markets, day-labour posts, workers' availability and
// bookings (A3(十一), A4(十六) of 黔府发〔2023〕12号). Plain value types.
// Times of day are minutes after midnight; pay is integer fen per day or
// per hour.
#ifndef QJY_GIG_GIG_H_
#define QJY_GIG_GIG_H_

#include <cstdint>
#include <optional>
#include <string>

#include "core/date.h"

namespace qjy::gig {

// A gig market of the registry's service network (service_sites, kind
// gig_market): the directory reuses those rows.
struct Market {
  int64_t site_id = 0;
  std::string county_code;
  std::string name;
  std::string region;
  std::string tier;
  bool online = false;
  std::optional<Date> opened_on;
};

enum class PayUnit { kDay, kHour };

struct GigPost {
  int64_t post_id = 0;
  std::string county_code;           // workplace county
  int64_t market_site_id = 0;        // the market it was posted at; 0 = none
  std::string employer_credit_code;  // must be a registry employer
  std::string title;
  Date work_date;
  int start_min = 8 * 60;            // [start, end) minutes after midnight
  int end_min = 17 * 60;
  std::string place_region;          // county or finer
  PayUnit pay_unit = PayUnit::kDay;
  int64_t pay_fen = 0;               // per day or per hour
  int headcount = 1;
  int booked = 0;
  std::string status = "open";       // open | closed
  int Hours() const { return (end_min - start_min + 59) / 60; }
  // Pay for the whole gig: per day, or per hour times the hours.
  int64_t DayPayFen() const {
    return pay_unit == PayUnit::kDay ? pay_fen : pay_fen * (end_min - start_min) / 60;
  }
};

struct Availability {
  int64_t availability_id = 0;
  std::string county_code;   // the worker's county
  int64_t person_id = 0;
  Date work_date;
  int start_min = 8 * 60;
  int end_min = 18 * 60;
  std::string area_region;   // where the worker will go: a region code prefix (county/prefecture)
  int64_t min_day_pay_fen = 0;
  std::string skills;        // free text, e.g. "搬运 装修"
};

struct Booking {
  int64_t booking_id = 0;
  std::string county_code;
  int64_t post_id = 0;
  int64_t person_id = 0;
  Date work_date;
  int start_min = 0, end_min = 0;
  std::string status;  // booked | completed | cancelled
  int64_t contract_id = 0;
};

std::string_view PayUnitCode(PayUnit u);  // "day" | "hour"
std::optional<PayUnit> ParsePayUnit(std::string_view s);
std::string FormatMinutes(int minutes);   // 8:30 -> "08:30"
std::optional<int> ParseMinutes(std::string_view hhmm);

}  // namespace qjy::gig

#endif  // QJY_GIG_GIG_H_
