#include "domain/introductions/introduction.hpp"

#include <algorithm>

namespace enishi::introductions {

std::vector<const Step*> Introduction::Route(int route) const {
  std::vector<const Step*> found;
  for (const Step& step : steps) {
    if (step.route == route) found.push_back(&step);
  }
  std::sort(found.begin(), found.end(),
            [](const Step* a, const Step* b) { return a->step < b->step; });
  return found;
}

int Introduction::RouteCount() const {
  int count = 0;
  for (const Step& step : steps) count = std::max(count, step.route + 1);
  return count;
}

const Step* Introduction::AskedStepOf(MemberId member) const {
  for (const Step& step : steps) {
    if (step.intermediary == member && step.state != StepState::kQueued) return &step;
  }
  return nullptr;
}

Step* Introduction::WaitingStep() {
  for (Step& step : steps) {
    if (step.state == StepState::kWaiting) return &step;
  }
  return nullptr;
}

std::vector<const Step*> Introduction::ForwardedRoute() const {
  for (int route = 0; route < RouteCount(); ++route) {
    std::vector<const Step*> in_route = Route(route);
    if (std::all_of(in_route.begin(), in_route.end(),
                    [](const Step* step) { return step->state == StepState::kForwarded; })) {
      return in_route;
    }
  }
  return {};
}

bool Introduction::Closed(Timestamp now) const {
  return withdrawn_at || target_state == TargetState::kAccepted ||
         target_state == TargetState::kDeclined || now >= expires_at;
}

RequesterStatus StatusForRequester(const Introduction& introduction, Timestamp now) {
  if (introduction.target_state == TargetState::kAccepted) return RequesterStatus::kAccepted;
  // A decline reads pending until the expiry, exactly like silence.
  return now >= introduction.expires_at ? RequesterStatus::kExpired : RequesterStatus::kPending;
}

}  // namespace enishi::introductions
