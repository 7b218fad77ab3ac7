#pragma once
// Lists of records, search results and the pipeline summary. Lists never grow past
// the size limit: what does not fit goes to the next page, reached with a "More"
// button (verb more) that says exactly where to continue.
#include <adaptive_cards/context.hpp>

#include <crm_core/pipeline.hpp>
#include <crm_core/records.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace cards {

inline constexpr std::size_t kMaxListItems = 25;  // per card, whatever the caller passes

using ListItems = std::variant<std::vector<crm::Lead>, std::vector<crm::Contact>, std::vector<crm::Account>,
                               std::vector<crm::Opportunity>>;

struct ListCardData {
    ListItems items;
    std::int32_t page = 1;      // 1-based, shown in the title from page 2 on
    std::int32_t offset = 0;    // position of items[0] in the whole result
    bool has_more = false;      // the query has rows after these items
    std::string filter;         // opaque to the cards: handed back in the More button's data.filter
    std::string filter_summary; // shown under the title: "mine, stage Proposal"
};

// The More button carries {list: "leads"|"contacts"|"accounts"|"deals", page: page + 1,
// offset: offset + items shown, filter}.
nlohmann::json list_card(const ListCardData& data, const CardContext& context);

struct SearchCardData {
    std::string text;  // what was searched
    std::vector<crm::Lead> leads;
    std::vector<crm::Contact> contacts;
    std::vector<crm::Account> accounts;
    std::vector<crm::Opportunity> deals;
};

nlohmann::json search_card(const SearchCardData& data, const CardContext& context);

struct PipelineCardData {
    std::vector<crm::StageTotals> stages;  // in pipeline order
    bool mine = false;                     // only the viewer's deals
    FollowInfo followers;                  // of the whole pipeline
};

nlohmann::json pipeline_card(const PipelineCardData& data, const CardContext& context);

}  // namespace cards
