#pragma once
// The compose-box search (composeExtension/query): records of the user's tenant
// that match the typed text, as Adaptive Cards with a thumbnail preview, paged by
// the query options; an empty query (or the initial run) lists the user's
// recently changed leads and deals.
#include "commands/command.hpp"

#include <crm_core/crm.hpp>

#include <nlohmann/json.hpp>

namespace bot::app {

class ComposeSearch {
public:
    explicit ComposeSearch(crm::Crm& crm) : crm_(crm) {}

    // `value` is the invoke's value: {commandId, parameters:[{name,value}], queryOptions:{skip,count}}.
    // Returns the invoke response body {composeExtension:{type:"result", ...}}.
    nlohmann::json query(const crm::Actor& actor, commands::Language language, const nlohmann::json& value);

    // composeExtension/queryLink: a pasted link to one of the bot's records
    // ("https://<host>/records/D-7") unfurls into that record's card, if the
    // record is the user's tenant's; anything else unfurls to nothing.
    nlohmann::json unfurl(const crm::Actor& actor, commands::Language language, const nlohmann::json& value);

private:
    crm::Crm& crm_;
};

}  // namespace bot::app
