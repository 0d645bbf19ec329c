#pragma once
// introductions::IntroductionRepository over any SqlDatabase, written once for both backends.
// Thread-safe. Does not own the database, which must outlive it. Errors are those of the port
// (domain/introductions/introduction_repository.hpp); each operation reports its timing as
// "introductions.<method_in_snake_case>".
//
// An introduction is read with its steps in one statement, so that the two always agree.
// SaveIntroduction updates the row where the stored version is one less than the new one, then
// each step by its key; a step it does not find (its intermediary's account went) is skipped.

#include <utility>

#include "domain/introductions/introduction_repository.hpp"
#include "storage/sql/operation_runner.hpp"

namespace enishi::storage::sql {

class SqlIntroductionRepository final : public introductions::IntroductionRepository {
 public:
  SqlIntroductionRepository(SqlDatabase& database, OperationObserver observer)
      : run_(database, std::move(observer)) {}

  Result<void> CreateIntroduction(const introductions::Introduction& introduction) override;
  Result<std::optional<introductions::Introduction>> FindIntroduction(IntroductionId id) override;
  Result<bool> SaveIntroduction(const introductions::Introduction& changed) override;
  Result<std::vector<introductions::Introduction>> ListSent(MemberId requester, int limit) override;
  Result<std::vector<introductions::Introduction>> ListAsked(MemberId intermediary,
                                                             int limit) override;
  Result<std::vector<introductions::Introduction>> ListReceived(MemberId target,
                                                                int limit) override;
  Result<std::vector<introductions::Introduction>> ListOverdue(Timestamp now, int limit) override;
  Result<std::vector<Timestamp>> CreatedTimesSince(MemberId requester, Timestamp since) override;
  Result<std::vector<Timestamp>> AskedTimesSince(MemberId intermediary, Timestamp since) override;
  Result<bool> HasOpenThrough(MemberId requester, MemberId intermediary, Timestamp now) override;
  Result<Record> AnswerRecord(MemberId intermediary) override;

 private:
  OperationRunner run_;
};

}  // namespace enishi::storage::sql
