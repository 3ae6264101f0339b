// Stable English codes and Chinese labels of the registry's enumerations
// (registry/model.h). The code is what the store and the APIs keep
// ("female", "bachelor", "college_graduate"); the label is what officers
// read and type ("女", "本科", "高校毕业生"). Codes never change once
// shipped; labels may be reworded.
//
// Parse<E>() accepts the code, the label or a listed alias (e.g. "大学本科",
// "M"), ignoring ASCII case and surrounding blanks; it returns nullopt for
// anything else. All functions are pure and thread-safe.
#ifndef QJY_REGISTRY_CODES_H_
#define QJY_REGISTRY_CODES_H_

#include <optional>
#include <span>
#include <string_view>

#include "registry/model.h"

namespace qjy::registry {

std::string_view Code(Sex v);
std::string_view Code(Education v);
std::string_view Code(Group v);
std::string_view Code(EmployerType v);
std::string_view Code(SizeClass v);
std::string_view Code(JobType v);
std::string_view Code(SiteKind v);

std::string_view Label(Sex v);
std::string_view Label(Education v);
std::string_view Label(Group v);
std::string_view Label(EmployerType v);
std::string_view Label(SizeClass v);
std::string_view Label(JobType v);
std::string_view Label(SiteKind v);

// Defined for Sex, Education, Group, EmployerType, SizeClass, JobType,
// SiteKind.
template <class E>
std::optional<E> Parse(std::string_view text);

// Every value of the enumeration, in declaration order (for templates,
// help texts and tests).
template <class E>
std::span<const E> AllValues();

}  // namespace qjy::registry

#endif  // QJY_REGISTRY_CODES_H_
