#pragma once
// The port through which introductions are stored. Implemented once over SQL for both backends
// (storage/sql/introduction_repo.*).
//
// An introduction is written whole: its row and its steps, in one unit. Every change after
// creation goes through SaveIntroduction, which writes only over the version it was read at,
// so that two servers (or two taps) acting on the same introduction cannot both win.
// Thread-safe. Errors: kUnavailable when the store cannot be reached, kInternal for what
// should not happen.

#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/introductions/introduction.hpp"

namespace enishi::introductions {

class IntroductionRepository {
 public:
  virtual ~IntroductionRepository() = default;

  // Stores a new introduction with its steps, at its version. kFailedPrecondition when an
  // account it names does not exist.
  virtual Result<void> CreateIntroduction(const Introduction& introduction) = 0;
  virtual Result<std::optional<Introduction>> FindIntroduction(IntroductionId id) = 0;
  // Replaces the introduction and its steps with `changed`, whose version must be one more
  // than the stored one. false, writing nothing, when the stored version is any other (someone
  // changed it meanwhile) or the introduction is gone.
  virtual Result<bool> SaveIntroduction(const Introduction& changed) = 0;

  // The requester's introductions, withdrawn ones left out, newest first; at most `limit`.
  virtual Result<std::vector<Introduction>> ListSent(MemberId requester, int limit) = 0;
  // Those in which `intermediary` was asked (a step of theirs not queued), withdrawn ones left
  // out, newest first; at most `limit`.
  virtual Result<std::vector<Introduction>> ListAsked(MemberId intermediary, int limit) = 0;
  // Those forwarded to `target` (target state not kNotYet), withdrawn ones left out, newest
  // first; at most `limit`.
  virtual Result<std::vector<Introduction>> ListReceived(MemberId target, int limit) = 0;
  // Introductions with a step waiting past its answer_by at `now`, open (not withdrawn, not
  // answered by the target, not expired); at most `limit`, newest first.
  virtual Result<std::vector<Introduction>> ListOverdue(Timestamp now, int limit) = 0;

  // When `requester` created each introduction since `since`, oldest first, withdrawn ones
  // included: what the weekly quota counts.
  virtual Result<std::vector<Timestamp>> CreatedTimesSince(MemberId requester, Timestamp since) = 0;
  // When `intermediary` was asked, by anyone, since `since`, oldest first: the daily cap.
  virtual Result<std::vector<Timestamp>> AskedTimesSince(MemberId intermediary,
                                                         Timestamp since) = 0;
  // Whether `requester` has an open introduction (not withdrawn, not answered by the target,
  // not expired at `now`) with a step of `intermediary` queued or waiting.
  virtual Result<bool> HasOpenThrough(MemberId requester, MemberId intermediary, Timestamp now) = 0;
  // How `intermediary` answered the introductions they were asked: forwarded and lapsed.
  struct Record {
    int forwarded = 0;
    int lapsed = 0;
  };
  virtual Result<Record> AnswerRecord(MemberId intermediary) = 0;
};

}  // namespace enishi::introductions
