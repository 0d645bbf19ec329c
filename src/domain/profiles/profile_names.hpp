#pragma once
// The names of the profile enumerations, as the API and the store spell them.

#include "core/enum_names.hpp"
#include "domain/profiles/profile.hpp"

namespace enishi::profiles {

inline constexpr EnumNames<JobFunction, 17> kJobFunctionNames = {{
    {JobFunction::kEngineering, "engineering"}, {JobFunction::kDesign, "design"},
    {JobFunction::kProduct, "product"}, {JobFunction::kResearch, "research"},
    {JobFunction::kOperations, "operations"}, {JobFunction::kFinance, "finance"},
    {JobFunction::kLegal, "legal"}, {JobFunction::kMarketing, "marketing"},
    {JobFunction::kSales, "sales"}, {JobFunction::kRecruiting, "recruiting"},
    {JobFunction::kHeadhunting, "headhunting"}, {JobFunction::kHumanResources, "human_resources"},
    {JobFunction::kEducation, "education"}, {JobFunction::kHealthcare, "healthcare"},
    {JobFunction::kConsulting, "consulting"}, {JobFunction::kManagement, "management"},
    {JobFunction::kOther, "other"},
}};
inline constexpr EnumNames<Seniority, 8> kSeniorityNames = {{
    {Seniority::kIntern, "intern"}, {Seniority::kEntry, "entry"}, {Seniority::kMid, "mid"},
    {Seniority::kSenior, "senior"}, {Seniority::kLead, "lead"}, {Seniority::kManager, "manager"},
    {Seniority::kDirector, "director"}, {Seniority::kExecutive, "executive"},
}};
inline constexpr EnumNames<Proficiency, 4> kProficiencyNames = {{
    {Proficiency::kElementary, "elementary"}, {Proficiency::kWorking, "working"},
    {Proficiency::kProfessional, "professional"}, {Proficiency::kNative, "native"},
}};
inline constexpr EnumNames<LinkKind, 2> kLinkKindNames = {{{LinkKind::kProject, "project"},
                                                {LinkKind::kLink, "link"}}};
inline constexpr EnumNames<ContactKind, 4> kContactKindNames = {{
    {ContactKind::kEmail, "email"}, {ContactKind::kPhone, "phone"},
    {ContactKind::kLine, "line"}, {ContactKind::kWeChat, "wechat"},
}};
inline constexpr EnumNames<JobSeeking, 3> kJobSeekingNames = {{
    {JobSeeking::kNotLooking, "not_looking"}, {JobSeeking::kOpen, "open"},
    {JobSeeking::kActivelyLooking, "actively_looking"},
}};
inline constexpr EnumNames<NameOrder, 2> kNameOrderNames = {{
    {NameOrder::kFamilyFirst, "family_first"}, {NameOrder::kGivenFirst, "given_first"},
}};

}  // namespace enishi::profiles
