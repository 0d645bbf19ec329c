// Ties, trust, blocks, business cards, and what the graph shows a viewer.

#include "relationship_service_fixture.hpp"

namespace enishi::relationships {
namespace {

TEST_F(RelationshipServiceTest, EachSideRatesAndNotesTheTiePrivately) {
  MemberId a = NewMember(), b = NewMember();
  Connect(a, b);
  auto tie = service_.UpdateTie(a, b, 4, "2025年の勉強会で", true);
  ASSERT_TRUE(tie);
  EXPECT_EQ(tie->rating, 4);
  EXPECT_EQ(tie->note, "2025年の勉強会で");
  EXPECT_TRUE(tie->trusted);
  EXPECT_EQ(graph_.StrengthOf(a, b), graph::Strength{4});
  EXPECT_EQ(graph_.StrengthOf(b, a), graph::kUnrated);

  auto theirs = service_.Connections(b);
  ASSERT_TRUE(theirs);
  ASSERT_EQ(theirs->size(), 1u);
  EXPECT_EQ(theirs->front().rating, std::nullopt);
  EXPECT_EQ(theirs->front().note, "");
  EXPECT_FALSE(theirs->front().trusted);

  auto trusted = service_.Between(a, b);
  ASSERT_TRUE(trusted);
  EXPECT_TRUE(trusted->trusted);
  auto not_trusted = service_.Between(b, a);
  ASSERT_TRUE(not_trusted);
  EXPECT_FALSE(not_trusted->trusted);
}

TEST_F(RelationshipServiceTest, RatingsOutsideOneToFiveAndStrangersAreRefused) {
  MemberId a = NewMember(), b = NewMember(), stranger = NewMember();
  Connect(a, b);
  for (int rating : {0, 6, -1}) {
    auto tie = service_.UpdateTie(a, b, rating, "", false);
    ASSERT_FALSE(tie);
    EXPECT_EQ(tie.error().field, "rating");
  }
  auto not_connected = service_.UpdateTie(a, stranger, 3, "", false);
  ASSERT_FALSE(not_connected);
  EXPECT_EQ(not_connected.error().code, ErrorCode::kNotFound);
}

TEST_F(RelationshipServiceTest, RemovingAConnectionUpdatesTheGraph) {
  MemberId a = NewMember(), b = NewMember();
  Connect(a, b);
  ASSERT_TRUE(service_.RemoveConnection(b, a));
  EXPECT_EQ(StageOf(a, b), Stage::kNone);
  EXPECT_EQ(DegreeOf(a, b), graph::Degree::kBeyond);
  EXPECT_EQ(service_.RemoveConnection(a, b).error().code, ErrorCode::kNotFound);
}

TEST_F(RelationshipServiceTest, BlockingHidesEachFromTheOtherAndClearsPendingItems) {
  MemberId a = NewMember(), b = NewMember(), c = NewMember();
  Connect(a, b);
  auto pending = Greet(c, a);
  ASSERT_TRUE(pending);
  ASSERT_TRUE(service_.BlockMember(a, c));
  ASSERT_TRUE(service_.BlockMember(a, b));
  EXPECT_EQ(DegreeOf(a, b), graph::Degree::kBeyond);
  EXPECT_TRUE(InboxIds(a).empty());

  auto relationship = service_.Between(a, c);
  ASSERT_TRUE(relationship);
  EXPECT_TRUE(relationship->blocked);
  // Neither can reach the other.
  EXPECT_EQ(Greet(c, a).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Greet(a, c).error().code, ErrorCode::kNotFound);
  // What c then sees of its greeting is what it sees of any unknown request.
  auto sent = service_.Sent(c, std::nullopt);
  ASSERT_TRUE(sent);
  EXPECT_TRUE(sent->empty());

  ASSERT_TRUE(service_.Unblock(a, c));
  EXPECT_TRUE(Greet(c, a));
  EXPECT_EQ(service_.Unblock(a, c).error().code, ErrorCode::kNotFound);
}

TEST_F(RelationshipServiceTest, BusinessAsksFollowTrustAndThePolicy) {
  MemberId a = NewMember(), b = NewMember(), stranger = NewMember();
  Connect(a, b);
  EXPECT_FALSE(*service_.MayAsk(a, b));
  ASSERT_TRUE(service_.UpdateTie(b, a, std::nullopt, "", true));
  EXPECT_TRUE(*service_.MayAsk(a, b));
  EXPECT_FALSE(*service_.MayAsk(b, a));
  InboundPolicy open;
  open.business_asks = BusinessAsks::kConnections;
  ASSERT_TRUE(service_.UpdatePolicy(a, open));
  EXPECT_TRUE(*service_.MayAsk(b, a));
  EXPECT_FALSE(*service_.MayAsk(stranger, a));
}

TEST_F(RelationshipServiceTest, ThePolicyRefusesOutOfRangeValues) {
  MemberId a = NewMember();
  InboundPolicy policy;
  policy.min_account_age_days = 366;
  EXPECT_EQ(service_.UpdatePolicy(a, policy).error().field, "min_account_age_days");
  policy.min_account_age_days = 0;
  policy.connection_list = privacy::Audience::Of(privacy::AudienceKind::kPublic);
  EXPECT_EQ(service_.UpdatePolicy(a, policy).error().field, "connection_list");
}

TEST_F(RelationshipServiceTest, ScanningBothCardsWithinTheWindowConnectsAtOnce) {
  MemberId a = NewMember(), b = NewMember();
  auto card_a = service_.MyCard(a);
  auto card_b = service_.MyCard(b);
  ASSERT_TRUE(card_a && card_b);
  EXPECT_EQ(card_a->code.size(), 10u);
  EXPECT_EQ(service_.MyCard(a)->code, card_a->code);

  EXPECT_EQ(service_.ScanCard(a, card_b->code)->outcome, ScanOutcome::kRequested);
  clock_.Advance(std::chrono::minutes(2));
  // Typed by hand, in lower case with a hyphen.
  std::string typed = card_a->code.substr(0, 5) + "-" + card_a->code.substr(5);
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(service_.ScanCard(b, typed)->outcome, ScanOutcome::kConnected);
  EXPECT_EQ(StageOf(a, b), Stage::kConnected);
  EXPECT_EQ(DegreeOf(a, b), graph::Degree::kFirst);
  auto tie = store_->relationships().FindTie(a, b);
  ASSERT_TRUE(tie && *tie);
  EXPECT_EQ((*tie)->provenance, Provenance::kMetInPerson);
  EXPECT_EQ(service_.ScanCard(a, card_b->code).error().code, ErrorCode::kAlreadyExists);
}

TEST_F(RelationshipServiceTest, AScanAfterTheWindowSendsARequestInstead) {
  MemberId a = NewMember(), b = NewMember();
  ASSERT_TRUE(service_.ScanCard(a, service_.MyCard(b)->code));
  clock_.Advance(std::chrono::minutes(6));
  // b's scan now answers a's pending request: connected all the same.
  EXPECT_EQ(service_.ScanCard(b, service_.MyCard(a)->code)->outcome, ScanOutcome::kConnected);
  MemberId c = NewMember(), d = NewMember();
  EXPECT_EQ(service_.ScanCard(c, service_.MyCard(d)->code)->outcome, ScanOutcome::kRequested);
  EXPECT_EQ(InboxIds(d).size(), 1u);
}

TEST_F(RelationshipServiceTest, RotatedOwnAndMalformedCodesAreRefused) {
  MemberId a = NewMember(), b = NewMember();
  std::string old_code = service_.MyCard(b)->code;
  auto rotated = service_.RotateCard(b);
  ASSERT_TRUE(rotated);
  EXPECT_NE(rotated->code, old_code);
  EXPECT_EQ(service_.ScanCard(a, old_code).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_.ScanCard(b, rotated->code).error().field, "code");
  EXPECT_EQ(service_.ScanCard(a, "not a code").error().field, "code");
  EXPECT_EQ(service_.ScanCard(a, "").error().field, "code");
  ASSERT_TRUE(service_.BlockMember(b, a));
  EXPECT_EQ(service_.ScanCard(a, rotated->code).error().code, ErrorCode::kNotFound);
}

TEST_F(RelationshipServiceTest, CardCodesForgiveHowTheyAreTyped) {
  EXPECT_EQ(NormalizeCardCode("abcde-fghjk"), "ABCDEFGHJK");
  EXPECT_EQ(NormalizeCardCode("O1IL0 00000"), "0111000000");
  EXPECT_EQ(NormalizeCardCode("ABCDEFGHJ"), std::nullopt);   // Too short.
  EXPECT_EQ(NormalizeCardCode("ABCDEFGHJU"), std::nullopt);  // U is not in the alphabet.
  EXPECT_EQ(NormalizeCardCode("ＡBCDEFGHJK"), std::nullopt);
}

TEST_F(RelationshipServiceTest, MutualsAndPathsShowOnlyThoseWhoseListsTheViewerMaySee) {
  MemberId viewer = NewMember(), target = NewMember();
  MemberId open = NewMember(), hidden = NewMember();
  for (MemberId middle : {open, hidden}) {
    Connect(viewer, middle);
    Connect(middle, target);
  }
  InboundPolicy only_me;
  only_me.connection_list = privacy::Audience::Of(privacy::AudienceKind::kOnlyMe);
  ASSERT_TRUE(service_.UpdatePolicy(hidden, only_me));

  auto mutuals = service_.Mutuals(viewer, target);
  ASSERT_TRUE(mutuals);
  EXPECT_EQ(*mutuals, std::vector<MemberId>{open});
  auto paths = service_.Paths(viewer, target);
  ASSERT_TRUE(paths);
  ASSERT_EQ(paths->paths.size(), 1u);
  EXPECT_EQ(paths->paths.front(), (std::vector<MemberId>{viewer, open, target}));
  // The badge names nobody, so it counts every connection.
  EXPECT_EQ(DegreeOf(viewer, target), graph::Degree::kSecond);

  // The hidden member's own list is theirs alone.
  auto hidden_list = service_.ConnectionsOf(viewer, hidden);
  ASSERT_TRUE(hidden_list);
  EXPECT_EQ(*hidden_list, std::nullopt);
  auto open_list = service_.ConnectionsOf(viewer, open);
  ASSERT_TRUE(open_list && *open_list);
  EXPECT_EQ((*open_list)->size(), 2u);
  // A second-degree viewer does not see a connections-only list.
  auto from_afar = service_.ConnectionsOf(target, viewer);
  ASSERT_TRUE(from_afar);
  EXPECT_EQ(*from_afar, std::nullopt);
}

TEST_F(RelationshipServiceTest, BlockedMembersLeaveMutualsPathsAndSuggestions) {
  MemberId viewer = NewMember(), target = NewMember(), middle = NewMember();
  MemberId blocker = NewMember();
  Connect(viewer, middle);
  Connect(middle, target);
  Connect(viewer, blocker);
  Connect(blocker, target);
  ASSERT_TRUE(service_.BlockMember(blocker, viewer));
  EXPECT_EQ(*service_.Mutuals(viewer, target), std::vector<MemberId>{middle});

  MemberId suggested = NewMember(), hostile = NewMember();
  Connect(middle, suggested);
  Connect(middle, hostile);
  ASSERT_TRUE(service_.BlockMember(hostile, viewer));
  auto suggestions = service_.Suggestions(viewer, 10, {});
  ASSERT_TRUE(suggestions);
  std::vector<MemberId> members;
  for (const auto& suggestion : *suggestions) members.push_back(suggestion.member);
  EXPECT_NE(std::find(members.begin(), members.end(), suggested), members.end());
  EXPECT_EQ(std::find(members.begin(), members.end(), hostile), members.end());
  EXPECT_EQ(std::find(members.begin(), members.end(), blocker), members.end());
}

TEST_F(RelationshipServiceTest, LoadRebuildsTheIndexFromTheStore) {
  MemberId a = NewMember(), b = NewMember();
  Connect(a, b);
  ASSERT_TRUE(service_.UpdateTie(a, b, 5, "", false));
  InboundPolicy only_me;
  only_me.connection_list = privacy::Audience::Of(privacy::AudienceKind::kOnlyMe);
  ASSERT_TRUE(service_.UpdatePolicy(b, only_me));

  graph::GraphIndex fresh;
  RelationshipService restarted(store_->relationships(), store_->accounts(), store_->profiles(),
                                fresh, changes_, nullptr, clock_);
  ASSERT_TRUE(restarted.Load());
  EXPECT_EQ(fresh.StrengthOf(a, b), graph::Strength{5});
  auto list = restarted.ConnectionsOf(a, b);
  ASSERT_TRUE(list);
  EXPECT_EQ(*list, std::nullopt);
}

}  // namespace
}  // namespace enishi::relationships
