#pragma once
// One card per record kind: what it is, who owns it, what one can do with it.
// Lead, account and deal cards depend on the viewer (Follow or Unfollow), so they
// carry a refresh action for the users in CardContext::refresh_user_ids.
#include <adaptive_cards/context.hpp>

#include <crm_core/collaboration.hpp>
#include <crm_core/records.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace cards {

struct LeadCardData {
    crm::Lead lead;
    FollowInfo followers;
    std::vector<crm::Event> recent_events;  // newest first; the card shows the first few
};

struct ContactCardData {
    crm::Contact contact;
    std::vector<crm::Opportunity> deals;  // deals the contact takes part in; the card shows the first few
};

struct AccountCardData {
    crm::Account account;
    FollowInfo followers;  // followers of the account's deals
    std::vector<crm::Contact> contacts;    // the card shows the first few
    std::vector<crm::Opportunity> deals;   // the card shows the first few
};

struct DealCardData {
    crm::Opportunity deal;
    std::vector<crm::Stage> pipeline;           // the tenant's stages, any order
    std::optional<crm::Contact> primary_contact;  // details; else deal.primary_contact is used
    std::vector<crm::Participant> participants;   // other participants (the primary one is skipped)
    FollowInfo followers;
    std::vector<crm::Event> recent_events;  // newest first
};

nlohmann::json lead_card(const LeadCardData& data, const CardContext& context);
nlohmann::json contact_card(const ContactCardData& data, const CardContext& context);
nlohmann::json account_card(const AccountCardData& data, const CardContext& context);
nlohmann::json deal_card(const DealCardData& data, const CardContext& context);

// The deal's stage as a left-to-right strip. An open deal: one column per open
// stage (the current one emphasised and marked). A closed deal: the open stages as
// one dimmed "A › B › C" column, then the outcome (Won good, Lost attention,
// Unqualified warning). Used by deal_card.
nlohmann::json pipeline_strip(const std::vector<crm::Stage>& pipeline, const crm::Stage& current, Locale locale);

}  // namespace cards
