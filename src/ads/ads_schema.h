// Tables of the ads subsystem (migration versions 700–799).
#ifndef QJY_ADS_ADS_SCHEMA_H_
#define QJY_ADS_ADS_SCHEMA_H_

#include <vector>

#include "store/migrations.h"

namespace qjy::ads {

const std::vector<store::Migration>& AdsMigrations();

}  // namespace qjy::ads

#endif  // QJY_ADS_ADS_SCHEMA_H_
