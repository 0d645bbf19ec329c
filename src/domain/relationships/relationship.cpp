#include "domain/relationships/relationship.hpp"

namespace enishi::relationships {

SentStatus StatusForSender(const Request& request, Timestamp now) {
  switch (request.state) {
    case RequestState::kAccepted:
      return SentStatus::kAccepted;
    case RequestState::kPending:
    case RequestState::kDeclined:
    case RequestState::kWithdrawn:
      return now < request.expires_at ? SentStatus::kPending : SentStatus::kExpired;
    case RequestState::kExpired:
      return SentStatus::kExpired;
  }
  return SentStatus::kExpired;
}

}  // namespace enishi::relationships
