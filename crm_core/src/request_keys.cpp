#include <crm_core/request_keys.hpp>

#include "pg/database_impl.hpp"

namespace crm {

Result<RequestClaim> RequestKeys::claim(const Actor& actor, const std::string& key,
                                        std::chrono::seconds stale_after) {
    if (key.empty() || key.size() > 200)
        return Error{ErrorCode::validation, "a request key has 1 to 200 characters", "key"};
    return db_.impl().single([&](pg::Tx& tx) {
        // Inserted, or taken over from a claim that was abandoned: either way ours.
        static const pg::Sql kClaim{"request_key_claim",
            "insert into request_keys (tenant_id, key, claimed_by) values ($1, $2, $3)"
            " on conflict (tenant_id, key) do update set claimed_by = excluded.claimed_by, claimed_at = now()"
            " where request_keys.completed_at is null"
            " and request_keys.claimed_at < now() - make_interval(secs => $4)"
            " returning 1"};
        if (tx.maybe_row(kClaim, actor.tenant, key, actor.user_id, static_cast<double>(stale_after.count())))
            return RequestClaim{RequestClaim::State::claimed, std::nullopt};
        static const pg::Sql kFind{"request_key_find",
            "select completed_at is not null, record_kind, record_number from request_keys"
            " where tenant_id = $1 and key = $2"};
        auto row = tx.row(kFind, actor.tenant, key);
        if (!row[0].as<bool>()) return RequestClaim{RequestClaim::State::in_progress, std::nullopt};
        RequestClaim done{RequestClaim::State::done, std::nullopt};
        if (!row[1].is_null())
            if (auto kind = record_kind_from_string(row[1].as<std::string>()))
                done.record = RecordRef{*kind, row[2].as<std::int32_t>()};
        return done;
    });
}

Status RequestKeys::complete(const Actor& actor, const std::string& key, std::optional<RecordRef> record) {
    return db_.impl().single([&](pg::Tx& tx) {
        static const pg::Sql kComplete{"request_key_complete",
            "update request_keys set completed_at = now(), record_kind = $3, record_number = $4"
            " where tenant_id = $1 and key = $2"};
        std::optional<std::string> kind;
        std::optional<std::int32_t> number;
        if (record) kind = std::string(to_string(record->kind)), number = record->number;
        tx.exec(kComplete, actor.tenant, key, kind, number);
        return Done{};
    });
}

Status RequestKeys::release(const Actor& actor, const std::string& key) {
    return db_.impl().single([&](pg::Tx& tx) {
        static const pg::Sql kRelease{"request_key_release",
            "delete from request_keys where tenant_id = $1 and key = $2 and completed_at is null"};
        tx.exec(kRelease, actor.tenant, key);
        return Done{};
    });
}

}  // namespace crm
