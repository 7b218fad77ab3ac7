#pragma once
// Turns what the user typed ("D-7", "deal Acme renewal", "Acme") into one record.
// Names are searched within the accepted kinds; several matches are an error that
// lists them, so the user can pick one by number.
#include "commands/command.hpp"

#include <crm_core/crm.hpp>

#include <initializer_list>

namespace bot::app {

class RecordResolver {
public:
    explicit RecordResolver(crm::Crm& crm) : crm_(crm) {}

    crm::Result<crm::RecordRef> resolve(const crm::Actor& actor, const commands::RecordSelector& selector,
                                        std::initializer_list<crm::RecordKind> accepted);

private:
    struct Candidate {
        crm::RecordRef ref;
        std::string name;
    };
    crm::Result<std::vector<Candidate>> search(const crm::Actor& actor, crm::RecordKind kind, const std::string& text);

    crm::Crm& crm_;
};

// "lead", "contact", "account", "deal": the word users see.
std::string_view kind_word(crm::RecordKind kind);

}  // namespace bot::app
