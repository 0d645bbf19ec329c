#pragma once
// relationships::RelationshipRepository over any SqlDatabase, written once for both backends.
// Thread-safe. Does not own the database, which must outlive it. Errors are those of the port
// (domain/relationships/relationship_repository.hpp); each operation reports its timing as
// "relationships.<method_in_snake_case>".
//
// A tie is two rows, one per side, always written together. Connecting a pair already
// connected changes nothing of their tie. The methods are split over relationship_repo.cpp
// (requests, ties, blocks, connections) and relationship_policy_repo.cpp (inbound policies,
// cards and scans).
//
// ForEachConnection reads the connections a page at a time in the order of the pair, so memory
// stays flat however many there are: on SQLite the pages share the read unit's snapshot, on
// PostgreSQL a REPEATABLE READ transaction. `visit` runs between pages and must not call the
// store: an SQLite :memory: store lends its only connection to the read until it ends.

#include "domain/relationships/relationship_repository.hpp"
#include "storage/sql/operation_runner.hpp"
#include "storage/sql/sql_codec.hpp"

namespace enishi::storage::sql {

// For queries that read the standing of member $1 with other $2 beside other things: three
// columns (stage, trusted, blocked either way) over `ties t` joined by kStandingJoin, read back
// by ReadStanding. A NULL $2 stands for nobody: no tie, no block.
inline constexpr char kStandingColumns[] =
    "t.stage, t.trusted, CASE WHEN EXISTS (SELECT 1 FROM blocks "
    "WHERE (blocker_id = $1 AND blocked_id = $2) OR (blocker_id = $2 AND blocked_id = $1)) "
    "THEN 1 ELSE 0 END";
inline constexpr char kStandingJoin[] = "LEFT JOIN ties t ON t.member_id = $1 AND t.other_id = $2";
// Reads kStandingColumns from `r`'s position; `r.ok()` is false for an unknown stage.
relationships::Standing ReadStanding(RowReader& r);

class SqlRelationshipRepository final : public relationships::RelationshipRepository {
 public:
  // How many connections ForEachConnection reads per query.
  static constexpr int kConnectionPage = 10000;

  // REQUIRES: connection_page > 0.
  SqlRelationshipRepository(SqlDatabase& database, OperationObserver observer,
                            int connection_page = kConnectionPage);

  Result<void> CreateRequest(const relationships::Request& request) override;
  Result<std::optional<relationships::Request>> FindRequest(RequestId id) override;
  Result<std::optional<relationships::Request>> FindOpenRequest(relationships::RequestKind kind,
                                                                MemberId sender,
                                                                MemberId recipient) override;
  Result<std::vector<relationships::Request>> ListReceived(
      MemberId recipient, relationships::ReceivedBox box,
      std::optional<relationships::RequestKind> kind, Timestamp now, int limit) override;
  Result<std::vector<relationships::Request>> ListSent(
      MemberId sender, std::optional<relationships::RequestKind> kind, int limit) override;
  Result<std::vector<Timestamp>> SentTimesSince(MemberId sender, relationships::RequestKind kind,
                                                Timestamp since) override;
  Result<std::optional<Timestamp>> LastWithdrawn(MemberId sender, MemberId recipient,
                                                 relationships::RequestKind kind) override;
  Result<bool> ResolveRequest(RequestId id, relationships::RequestState state,
                              Timestamp at) override;
  Result<bool> AcceptRequest(RequestId id, Timestamp at) override;

  Result<void> Connect(MemberId a, MemberId b, relationships::Provenance provenance,
                       Timestamp at) override;
  Result<void> RaiseStage(MemberId a, MemberId b, relationships::Stage stage,
                          Timestamp at) override;
  Result<std::optional<relationships::Tie>> FindTie(MemberId member, MemberId other) override;
  Result<relationships::Standing> FindStanding(MemberId member, MemberId other) override;
  Result<std::vector<relationships::Tie>> ListTies(MemberId member,
                                                   relationships::Stage at_least) override;
  Result<void> UpdateTie(MemberId member, MemberId other, std::optional<int> rating,
                         const std::string& note, bool trusted) override;
  Result<bool> RemoveTie(MemberId a, MemberId b) override;

  Result<void> PutBlock(const relationships::Block& block) override;
  Result<bool> DeleteBlock(MemberId blocker, MemberId blocked) override;
  Result<std::vector<relationships::Block>> ListBlocks(MemberId blocker) override;
  Result<std::vector<MemberId>> BlockedEitherWay(MemberId member,
                                                 std::span<const MemberId> among) override;

  Result<relationships::InboundPolicy> FindPolicy(MemberId member) override;
  Result<std::vector<std::pair<MemberId, privacy::Audience>>> ListConnectionListAudiences()
      override;
  Result<void> PutPolicy(MemberId member, const relationships::InboundPolicy& policy) override;

  Result<std::optional<relationships::Card>> FindCard(MemberId member) override;
  Result<std::optional<relationships::Card>> FindCardByCode(std::string_view code) override;
  Result<void> PutCard(const relationships::Card& card) override;
  Result<void> RecordScan(MemberId scanner, MemberId owner, Timestamp at) override;
  Result<bool> ScannedSince(MemberId scanner, MemberId owner, Timestamp since) override;

  Result<void> ForEachConnection(
      const std::function<Result<void>(const graph::ConnectionRecord&)>& visit) override;

 private:
  const Dialect dialect_;
  const int connection_page_;
  OperationRunner run_;
};

}  // namespace enishi::storage::sql
