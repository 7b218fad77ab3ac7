#pragma once
// Comments on a record, typed or saved from a chat message.
#include <crm_core/collaboration.hpp>
#include <crm_core/database.hpp>
#include <crm_core/result.hpp>

namespace crm {

class Notes {
public:
    explicit Notes(Database& db) : db_(db) {}

    Result<Note> add(const Actor& actor, RecordRef record, const std::string& body);

    // A chat message saved as a note on a lead, contact, account or deal, with its
    // source; followers hear of it as of any comment. A message saved to the same
    // record before is not saved again: the earlier note comes back with
    // `already_saved`. Text over the note limit is cut (the link leads to the rest).
    struct Saved {
        Note note;
        bool already_saved = false;
    };
    Result<Saved> save_message(const Actor& actor, RecordRef record, const std::string& body, const NoteSource& source);
    Result<Page<Note>> list(const Actor& actor, RecordRef record, PageRequest page = {});

private:
    Database& db_;
};

}  // namespace crm
