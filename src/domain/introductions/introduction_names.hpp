#pragma once
// The names of the introduction enumerations, as the API and the store spell them.

#include "core/enum_names.hpp"
#include "domain/introductions/introduction.hpp"

namespace enishi::introductions {

inline constexpr EnumNames<Purpose, 4> kPurposeNames = {{
    {Purpose::kAdvice, "advice"},
    {Purpose::kBusiness, "business"},
    {Purpose::kHiring, "hiring"},
    {Purpose::kOther, "other"},
}};

inline constexpr EnumNames<StepState, 4> kStepStateNames = {{
    {StepState::kQueued, "queued"},
    {StepState::kWaiting, "waiting"},
    {StepState::kForwarded, "forwarded"},
    {StepState::kLapsed, "lapsed"},
}};

inline constexpr EnumNames<TargetState, 4> kTargetStateNames = {{
    {TargetState::kNotYet, "not_yet"},
    {TargetState::kWaiting, "waiting"},
    {TargetState::kAccepted, "accepted"},
    {TargetState::kDeclined, "declined"},
}};

inline constexpr EnumNames<RequesterStatus, 3> kRequesterStatusNames = {{
    {RequesterStatus::kPending, "pending"},
    {RequesterStatus::kAccepted, "accepted"},
    {RequesterStatus::kExpired, "expired"},
}};

}  // namespace enishi::introductions
