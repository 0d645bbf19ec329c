#include "domain/relationships/relationship_change.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/random.hpp"

namespace enishi::relationships {
namespace {

using privacy::Audience;
using privacy::AudienceKind;

TEST(RelationshipChange, EveryKindReadsBackAsWritten) {
  MemberId a = crypto::RandomId<MemberId>();
  MemberId b = crypto::RandomId<MemberId>();
  const RelationshipChange changes[] = {
      RelationshipChange::Connect(a, b),
      RelationshipChange::Disconnect(a, b),
      RelationshipChange::Rate(a, b, 0),
      RelationshipChange::Rate(a, b, 5),
      RelationshipChange::ListAudience(a, Audience::Of(AudienceKind::kOnlyMe)),
      RelationshipChange::ListAudience(a, Audience::Of(AudienceKind::kNetwork2)),
      RelationshipChange::Forget(a),
  };
  for (const RelationshipChange& change : changes) {
    std::string text = EncodeChange(change);
    EXPECT_EQ(DecodeChange(text), change) << text;
  }
  EXPECT_EQ(EncodeChange(RelationshipChange::Rate(a, b, 3)),
            "rate " + a.ToString() + " " + b.ToString() + " 3");
}

TEST(RelationshipChange, AnythingElseIsRefused) {
  std::string a = crypto::RandomId<MemberId>().ToString();
  std::string b = crypto::RandomId<MemberId>().ToString();
  for (const std::string& text : std::vector<std::string>{
           std::string(), std::string(" "), "connect", "connect " + a, "connect " + a + " " + a,
           "connect " + a + " " + b + " 1", "connect  " + a + " " + b, "connect " + a + " " + b + " ",
           "befriend " + a + " " + b, "connect " + a + " not-an-id", "rate " + a + " " + b,
           "rate " + a + " " + b + " 6", "rate " + a + " " + b + " -1", "rate " + a + " " + b + " 10",
           "list " + a + " everyone", "list " + a, "forget", "forget " + a + " " + b,
           "CONNECT " + a + " " + b}) {
    EXPECT_EQ(DecodeChange(text), std::nullopt) << "'" << text << "'";
  }
}

}  // namespace
}  // namespace enishi::relationships
