#pragma once
// The leads and deals a picker offers: the user's own, newest first, before any
// typing; then the tenant's that match the typed text. Serves Teams' typeahead
// (application/search, an Input.ChoiceSet's Data.Query) and the first choices of
// the pickers that use it.
#include "schema/invoke_response.hpp"

#include <crm_core/crm.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace bot::app {

class RecordTypeahead {
public:
    static constexpr std::int32_t kMaxResults = 15;  // what Teams shows in the drop-down

    explicit RecordTypeahead(crm::Crm& crm) : crm_(crm) {}

    // Converted leads are read-only, so they are never offered.
    crm::Result<std::vector<crm::RecordSummary>> find(const crm::Actor& actor, const std::string& text,
                                                      std::int32_t skip = 0, std::int32_t count = kMaxResults);

    // The invoke's value {queryText, queryOptions:{skip, top}, dataset} -> the search response.
    nlohmann::json search(const crm::Actor& actor, const nlohmann::json& value);

private:
    crm::Crm& crm_;
};

}  // namespace bot::app
