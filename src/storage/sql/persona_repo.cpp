#include "storage/sql/persona_repo.hpp"

#include <string>

#include "storage/sql/sql_codec.hpp"

namespace enishi::storage::sql {
namespace {

using personas::Persona;

// Blocks other CreatePersona calls for the same owner until this transaction ends.
constexpr std::string_view kLockOwner = "SELECT id FROM accounts WHERE id = $1 FOR UPDATE";
constexpr std::string_view kCountPersonas = "SELECT COUNT(*) FROM personas WHERE owner_id = $1";
constexpr std::string_view kSelectHandleTaken =
    "SELECT id FROM personas WHERE handle_key = $1 AND id <> $2";
constexpr std::string_view kInsertPersona =
    "INSERT INTO personas (id, owner_id, handle, handle_key, bio, avatar_id, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr std::string_view kSelectPersonasOfOwner =
    "SELECT id, owner_id, handle, bio, avatar_id, created_at FROM personas WHERE owner_id = $1 "
    "ORDER BY created_at, id";
constexpr std::string_view kSelectPersona =
    "SELECT id, owner_id, handle, bio, avatar_id, created_at FROM personas WHERE id = $1";
constexpr std::string_view kUpdatePersona =
    "UPDATE personas SET handle = $3, handle_key = $4, bio = $5, avatar_id = $6 "
    "WHERE id = $1 AND owner_id = $2";
// The avatar is the persona's own image, so it goes first; the persona's reference to it is
// cleared by the foreign key (ON DELETE SET NULL) before the persona itself goes.
constexpr std::string_view kDeleteAvatar =
    "DELETE FROM images WHERE id = (SELECT avatar_id FROM personas WHERE id = $1 AND owner_id = "
    "$2)";
constexpr std::string_view kDeletePersona = "DELETE FROM personas WHERE id = $1 AND owner_id = $2";

std::optional<Persona> DecodePersona(const SqlRow& row) {
  RowReader r(row);
  Persona p;
  p.id = r.Id<PersonaId>();
  p.owner = r.Id<MemberId>();
  p.handle = r.Text();
  p.bio = r.Text();
  p.avatar = r.OptionalId<ImageId>();
  p.created_at = r.Time();
  return p;
}

Error HandleTaken() { return AlreadyExists("the handle is taken", "handle"); }

// Checked before writing, so that the answer names the field. A handle taken meanwhile by a
// concurrent transaction still fails the unique index, which the callers report the same way.
Result<void> ExpectHandleFree(SqlConnection& db, std::string_view handle_key, PersonaId except) {
  bool taken = false;
  ENISHI_TRY(db.Query(kSelectHandleTaken, {handle_key, Key(except)},
                      [&](const SqlRow&) { taken = true; }));
  if (taken) return HandleTaken();
  return Ok();
}

// The result of a write that may only collide on the handle (ids are random and 63-bit).
Result<int64_t> NamingHandle(Result<int64_t> written) {
  if (!written && written.error().code == ErrorCode::kAlreadyExists) return HandleTaken();
  return written;
}

}  // namespace

Result<void> SqlPersonaRepository::CreatePersona(const Persona& p, int max_per_owner) {
  return run_.Write("personas.create_persona", [&](SqlConnection& db) -> Result<void> {
    if (dialect_ == Dialect::kPostgres) ENISHI_TRY(db.Execute(kLockOwner, {Key(p.owner)}));
    int64_t count = 0;
    ENISHI_TRY(
        db.Query(kCountPersonas, {Key(p.owner)}, [&](const SqlRow& row) { count = row.Int64(0); }));
    if (count >= max_per_owner) {
      return ResourceExhausted("the member keeps the most personas allowed", seconds(0));
    }
    std::string handle_key = AsciiLower(p.handle);
    ENISHI_TRY(ExpectHandleFree(db, handle_key, p.id));
    // An owner or avatar that does not exist fails its foreign key: kFailedPrecondition.
    ENISHI_TRY(NamingHandle(
        db.Execute(kInsertPersona, {Key(p.id), Key(p.owner), p.handle, handle_key, p.bio,
                                    KeyOrNull(p.avatar), ToMicros(p.created_at)})));
    return Ok();
  });
}

Result<std::vector<Persona>> SqlPersonaRepository::ListPersonas(MemberId owner) {
  return run_.Read("personas.list_personas", [&](SqlConnection& db) {
    return QueryAll<Persona>(db, kSelectPersonasOfOwner, {Key(owner)}, DecodePersona);
  });
}

Result<std::optional<Persona>> SqlPersonaRepository::FindPersona(PersonaId id) {
  return run_.Read("personas.find_persona", [&](SqlConnection& db) {
    return QueryOptional<Persona>(db, kSelectPersona, {Key(id)}, DecodePersona);
  });
}

Result<void> SqlPersonaRepository::UpdatePersona(const Persona& p) {
  return run_.Write("personas.update_persona", [&](SqlConnection& db) -> Result<void> {
    std::string handle_key = AsciiLower(p.handle);
    ENISHI_TRY(ExpectHandleFree(db, handle_key, p.id));
    return ExpectFound(
        NamingHandle(db.Execute(kUpdatePersona, {Key(p.id), Key(p.owner), p.handle, handle_key,
                                                 p.bio, KeyOrNull(p.avatar)})),
        "persona");
  });
}

Result<bool> SqlPersonaRepository::DeletePersona(MemberId owner, PersonaId id) {
  return run_.Write("personas.delete_persona", [&](SqlConnection& db) -> Result<bool> {
    ENISHI_TRY(db.Execute(kDeleteAvatar, {Key(id), Key(owner)}));
    auto deleted = db.Execute(kDeletePersona, {Key(id), Key(owner)});
    if (!deleted) return deleted.error();
    return *deleted > 0;
  });
}

}  // namespace enishi::storage::sql
