// Two servers on one store: what one commits reaches the other's graph index and
// connection-list audiences through the change feed.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "domain/relationships/relationship_service_fixture.hpp"

namespace enishi::relationships {
namespace {

// Stands for PostgreSQL's NOTIFY: every service hears every message, its publisher included.
class BroadcastFeed final : public cluster::ChangeFeed {
 public:
  Result<void> Publish(std::string_view channel, std::string_view message) override {
    EXPECT_EQ(channel, kRelationshipChannel);
    messages.emplace_back(message);
    for (RelationshipService* service : listeners) service->HearChange(message);
    return Ok();
  }

  std::vector<RelationshipService*> listeners;
  std::vector<std::string> messages;
};

class RelationshipClusterTest : public RelationshipServiceTest {
 protected:
  RelationshipClusterTest() { feed_.listeners = {&first_, &second_}; }

  // Connected through the first server.
  void ConnectOnFirst(MemberId a, MemberId b) {
    auto sent = first_.Send(a, RequestKind::kConnection, b, "", Provenance::kMetInPerson, {});
    ASSERT_TRUE(sent) << sent.error().message;
    ASSERT_TRUE(first_.Accept(b, sent->request.id));
  }

  graph::Degree SecondSees(MemberId viewer, MemberId member) {
    MemberId one[] = {member};
    return second_.Degrees(viewer, one).front();
  }

  BroadcastFeed feed_;
  graph::GraphIndex first_graph_, second_graph_;
  RelationshipService first_{store_->relationships(), store_->accounts(), store_->profiles(),
                             first_graph_, feed_, nullptr, clock_};
  RelationshipService second_{store_->relationships(), store_->accounts(), store_->profiles(),
                              second_graph_, feed_, nullptr, clock_};
};

TEST_F(RelationshipClusterTest, AConnectionMadeOnOneServerShowsOnTheOther) {
  MemberId a = NewMember(), b = NewMember(), c = NewMember();
  ConnectOnFirst(a, b);
  ConnectOnFirst(b, c);
  EXPECT_EQ(SecondSees(a, b), graph::Degree::kFirst);
  EXPECT_EQ(SecondSees(a, c), graph::Degree::kSecond);

  ASSERT_TRUE(first_.RemoveConnection(a, b));
  EXPECT_EQ(SecondSees(a, b), graph::Degree::kBeyond);
  EXPECT_EQ(SecondSees(a, c), graph::Degree::kBeyond);
}

TEST_F(RelationshipClusterTest, RatingsBlocksAndDeletedAccountsReachTheOtherServer) {
  MemberId a = NewMember(), b = NewMember(), c = NewMember();
  ConnectOnFirst(a, b);
  ConnectOnFirst(a, c);
  ASSERT_TRUE(first_.UpdateTie(a, b, 4, "", false));
  EXPECT_EQ(second_graph_.StrengthOf(a, b), graph::Strength{4});

  ASSERT_TRUE(first_.BlockMember(c, a));
  EXPECT_EQ(SecondSees(a, c), graph::Degree::kBeyond);

  first_.ForgetMember(b);
  EXPECT_EQ(second_graph_.ConnectionCount(b), 0u);
  EXPECT_EQ(second_graph_.ConnectionCount(a), 0u);
}

TEST_F(RelationshipClusterTest, AHiddenConnectionListIsHiddenOnTheOtherServerAtOnce) {
  MemberId a = NewMember(), b = NewMember(), viewer = NewMember();
  ConnectOnFirst(a, b);
  ConnectOnFirst(viewer, a);
  auto before = second_.ConnectionsOf(viewer, a);
  ASSERT_TRUE(before);
  ASSERT_TRUE(before->has_value());
  auto mutuals_before = second_.Mutuals(viewer, b);
  ASSERT_TRUE(mutuals_before);
  EXPECT_EQ(*mutuals_before, std::vector<MemberId>{a});

  InboundPolicy hidden;
  hidden.connection_list = privacy::Audience::Of(privacy::AudienceKind::kOnlyMe);
  ASSERT_TRUE(first_.UpdatePolicy(a, hidden));
  auto after = second_.ConnectionsOf(viewer, a);
  ASSERT_TRUE(after);
  EXPECT_EQ(*after, std::nullopt);
  // Mutuals and paths through `a` stop at once too.
  auto mutuals = second_.Mutuals(viewer, b);
  ASSERT_TRUE(mutuals);
  EXPECT_TRUE(mutuals->empty());
}

TEST_F(RelationshipClusterTest, MessagesHeardInTheOppositeOrderStillLeaveTheStoresState) {
  MemberId a = NewMember(), b = NewMember();
  feed_.listeners = {};  // The second server hears nothing until the test hands it over.
  ConnectOnFirst(a, b);
  ASSERT_TRUE(first_.UpdateTie(a, b, 2, "", false));
  ASSERT_TRUE(first_.RemoveConnection(a, b));
  ConnectOnFirst(a, b);
  ASSERT_TRUE(first_.UpdateTie(b, a, 5, "", false));
  InboundPolicy hidden;
  hidden.connection_list = privacy::Audience::Of(privacy::AudienceKind::kOnlyMe);
  ASSERT_TRUE(first_.UpdatePolicy(a, hidden));
  ASSERT_TRUE(first_.UpdatePolicy(a, InboundPolicy{}));

  // As if each had come from a different server, the later commits' messages first.
  for (auto message = feed_.messages.rbegin(); message != feed_.messages.rend(); ++message) {
    second_.HearChange(*message);
  }
  EXPECT_EQ(SecondSees(a, b), graph::Degree::kFirst);
  EXPECT_EQ(second_graph_.StrengthOf(a, b), graph::kUnrated);  // The removal dropped a's 2.
  EXPECT_EQ(second_graph_.StrengthOf(b, a), graph::Strength{5});
  feed_.listeners = {&first_, &second_};
  MemberId viewer = NewMember();
  ConnectOnFirst(viewer, a);
  auto list = second_.ConnectionsOf(viewer, a);
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->has_value());  // The default audience again, not the hidden one.
}

TEST_F(RelationshipClusterTest, HearingAChangeTwiceOrAnUnreadableOneDoesNoHarm) {
  MemberId a = NewMember(), b = NewMember();
  ConnectOnFirst(a, b);
  ASSERT_FALSE(feed_.messages.empty());
  second_.HearChange(feed_.messages.back());
  second_.HearChange("connect nonsense");
  second_.HearChange("");
  EXPECT_EQ(second_graph_.ConnectionCount(a), 1u);
  EXPECT_EQ(SecondSees(a, b), graph::Degree::kFirst);
}

}  // namespace
}  // namespace enishi::relationships
