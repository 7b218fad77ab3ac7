#include <crm_core/notes.hpp>

#include "event_log.hpp"
#include "pg/database_impl.hpp"
#include "rows/rows.hpp"
#include "text.hpp"

namespace crm {

namespace {
// The notes column that holds a record of this kind.
std::string_view column(RecordKind kind) {
    switch (kind) {
        case RecordKind::lead: return "lead_id";
        case RecordKind::contact: return "contact_id";
        case RecordKind::account: return "account_id";
        case RecordKind::opportunity: return "opportunity_id";
    }
    return "lead_id";
}

std::string_view table(RecordKind kind) {
    switch (kind) {
        case RecordKind::lead: return "leads";
        case RecordKind::contact: return "contacts";
        case RecordKind::account: return "accounts";
        case RecordKind::opportunity: return "opportunities";
    }
    return "leads";
}

// Adding a note is one statement: find the record by number, refuse a converted
// lead, insert the note and its event; the last select says what happened. A
// message saved from chat also stores its source ($9..$12), and one saved to the
// record before inserts nothing (ux_notes_source).
pg::Sql make_note_insert(RecordKind k, bool from_message) {
    const std::string col(column(k));
    const std::string converted = k == RecordKind::lead ? "converted_at" : "null::timestamptz";
    const std::string name = std::string(from_message ? "note_save_message_" : "note_insert_") + std::string(to_string(k));
    return pg::Sql{name,
        "with target as (select id, number, " + converted + " as converted_at from " + std::string(table(k)) +
        " where tenant_id = $1 and number = $2),"
        " added as (insert into notes (tenant_id, " + col + ", author_id, body" +
        (from_message ? ", source_key, source_author, source_sent_at, source_url" : "") + ")"
        " select $1, id, $3, $4" +
        (from_message ? ", $9, $10, to_timestamp($11::double precision / 1000000), nullif($12, '')" : "") +
        " from target where converted_at is null" + (from_message ? " on conflict do nothing" : "") +
        " returning id, created_at, " + col + "),"
        " noted as (select " + col + " as id, $2::integer as number from added), " +
        event_cte(to_string(k), "noted", 5) +
        " select (select id from added), (select crm_micros(created_at) from added),"
        " exists (select 1 from target), coalesce((select converted_at is not null from target), false),"
        " (select display_name from users u where u.tenant_id = $1 and u.id = $3)"};
}

const pg::Sql& note_insert(RecordKind kind, bool from_message = false) {
    static const pg::Sql kTyped[] = {make_note_insert(RecordKind::lead, false), make_note_insert(RecordKind::contact, false),
                                     make_note_insert(RecordKind::account, false),
                                     make_note_insert(RecordKind::opportunity, false)};
    static const pg::Sql kSaved[] = {make_note_insert(RecordKind::lead, true), make_note_insert(RecordKind::contact, true),
                                     make_note_insert(RecordKind::account, true),
                                     make_note_insert(RecordKind::opportunity, true)};
    return (from_message ? kSaved : kTyped)[static_cast<int>(kind)];
}

// A note as selected by kNoteColumns.
constexpr std::string_view kNoteColumns =
    "n.id, n.author_id, u.display_name, n.body, crm_micros(n.created_at), n.source_key, n.source_author,"
    " crm_micros(n.source_sent_at), coalesce(n.source_url, '')";
// The note's record id, in the column named by parameter $<param>.
std::string record_match(int param) {
    return "case $" + std::to_string(param) + "::text when 'lead_id' then n.lead_id when 'contact_id' then n.contact_id"
           " when 'account_id' then n.account_id else n.opportunity_id end";
}

template <typename Row>
Note note_of(const Row& r, RecordRef record) {
    Note n{r[0].template as<RowId>(), record, {r[1].template as<RowId>(), r[2].template as<std::string>()},
           r[3].template as<std::string>(), pg::from_micros(r[4].template as<long long>()), std::nullopt};
    if (!r[5].is_null())
        n.source = NoteSource{r[5].template as<std::string>(), r[6].is_null() ? "" : r[6].template as<std::string>(),
                              pg::optional_time(r[7]), r[8].template as<std::string>()};
    return n;
}

// At most `max` bytes of UTF-8 text, never cutting a character in two.
std::string cut_utf8(const std::string& text, std::size_t max) {
    if (text.size() <= max) return text;
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    return text.substr(0, n);
}

constexpr std::size_t kMaxBody = 10000;
constexpr std::size_t kMaxEventComment = 1000;

std::string excerpt(const std::string& text) {
    return text.size() > kMaxEventComment ? cut_utf8(text, kMaxEventComment) + "…" : text;
}
}  // namespace

Result<Note> Notes::add(const Actor& actor, RecordRef record, const std::string& body) {
    return db_.impl().single([&](pg::Tx& tx) {
        std::string text = text::trim(body);
        if (text.empty()) fail_validation("body", "the comment is empty");
        if (text.size() > 10000) fail_validation("body", "the comment is longer than 10000 characters");
        Changes changes;
        changes.after("comment", excerpt(text));
        auto event = event_params(actor, "commented", changes);
        auto row = tx.row(note_insert(record.kind), actor.tenant, record.number, actor.user_id, text, event.actor_id,
                          event.action, event.before, event.after);
        if (!row[2].as<bool>()) fail(ErrorCode::not_found, record.display() + " not found");
        if (row[3].as<bool>()) fail(ErrorCode::forbidden, record.display() + " was converted and is read-only");
        return Note{row[0].as<RowId>(), record, {actor.user_id, row[4].as<std::string>()}, text,
                    pg::from_micros(row[1].as<long long>()), std::nullopt};
    });
}

Result<Notes::Saved> Notes::save_message(const Actor& actor, RecordRef record, const std::string& body,
                                         const NoteSource& source) {
    return db_.impl().single([&](pg::Tx& tx) -> Saved {
        std::string text = text::trim(body);
        if (text.empty()) fail_validation("body", "the message has no text to save");
        // The link back leads to the whole message.
        if (text.size() > kMaxBody) text = cut_utf8(text, kMaxBody - 3) + "…";
        if (source.key.empty() || source.key.size() > 500) fail_validation("source", "the message has no usable id");
        const std::string author = cut_utf8(text::trim(source.author), 200);
        if (source.url.size() > 2048) fail_validation("source", "the link to the message is too long");
        if (!source.url.empty() && source.url.rfind("https://", 0) != 0)
            fail_validation("source", "the link to the message is not an https link");
        Changes changes;
        changes.after("comment", excerpt(text));
        if (!author.empty()) changes.after("message_from", author);
        if (!source.url.empty()) changes.after("message_link", source.url);
        auto event = event_params(actor, "commented", changes);
        std::optional<long long> sent_at;
        if (source.sent_at)
            sent_at = std::chrono::duration_cast<std::chrono::microseconds>(source.sent_at->time_since_epoch()).count();
        auto row = tx.row(note_insert(record.kind, true), actor.tenant, record.number, actor.user_id, text,
                          event.actor_id, event.action, event.before, event.after, source.key,
                          author.empty() ? std::optional<std::string>() : std::optional(author), sent_at, source.url);
        if (!row[2].as<bool>()) fail(ErrorCode::not_found, record.display() + " not found");
        if (row[3].as<bool>()) fail(ErrorCode::forbidden, record.display() + " was converted and is read-only");
        NoteSource stored{source.key, author, source.sent_at, source.url};
        if (!row[0].is_null())
            return Saved{Note{row[0].as<RowId>(), record, {actor.user_id, row[4].as<std::string>()}, text,
                              pg::from_micros(row[1].as<long long>()), stored},
                         false};
        // Saved before (perhaps by someone else): that note.
        static const pg::Sql kEarlier{"note_saved_earlier",
            "select " + std::string(kNoteColumns) + " from notes n"
            " join users u on u.tenant_id = n.tenant_id and u.id = n.author_id"
            " where n.tenant_id = $1 and n.source_key = $2 and " + record_match(3) + " = $4"};
        auto earlier = tx.row(kEarlier, actor.tenant, source.key, std::string(column(record.kind)),
                              rows::record_id(tx, actor.tenant, record));
        return Saved{note_of(earlier, record), true};
    });
}

Result<Page<Note>> Notes::list(const Actor& actor, RecordRef record, PageRequest page) {
    return db_.impl().read([&](pg::Tx& tx) {
        RowId record_id = rows::record_id(tx, actor.tenant, record);
        static const pg::Sql kList{"note_list",
            "select " + std::string(kNoteColumns) + " from notes n"
            " join users u on u.tenant_id = n.tenant_id and u.id = n.author_id"
            " where n.tenant_id = $1 and " + record_match(2) + " = $3"
            " order by n.id desc limit $4 offset $5"};
        std::vector<Note> out;
        for (const auto& r : tx.exec(kList, actor.tenant, std::string(column(record.kind)), record_id,
                                     rows::page_limit(page) + 1, rows::page_offset(page)))
            out.push_back(note_of(r, record));
        return rows::make_page(std::move(out), page);
    });
}

}  // namespace crm
