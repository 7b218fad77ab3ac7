#pragma once
// Every user-visible text of the cards, in English, Spanish, French and German.
#include <adaptive_cards/locale.hpp>

#include <crm_core/records.hpp>

#include <initializer_list>
#include <string>
#include <string_view>

namespace cards {

enum class S {
    // record kinds
    lead, contact, account, deal, leads, contacts, accounts, deals,
    // facts
    status, company, title, email, phone, source, owner, followers, including_you, name, domain, website,
    industry, amount, probability, expected_close, closed_on, stage, converted_on, primary_contact,
    other_participants, recent_activity, system_actor, page_n, nothing_found, more, more_not_shown,
    weighted, total, count, pipeline, pipeline_mine, open_deals, my_pipeline, whole_pipeline, no_contact,
    deals_of_contact, contacts_of_account, deals_of_account, search_title, removed, changed, read_only,
    // buttons
    follow, unfollow, edit, convert, qualify, mark_contacted, disqualify, comment, email_action, timeline,
    move_stage, mark_won, mark_lost, reopen, add_participant, set_primary, open, new_lead, new_deal,
    my_leads, my_deals, help, follow_pipeline_here,
    // outcomes
    won, lost, unqualified,
    // help and welcome
    help_title, help_intro, help_leads, help_deals, help_people, help_following, help_overview, help_languages,
    welcome_title, welcome_personal, welcome_channel,
    // notifications
    notify_created, notify_updated, notify_stage_moved, notify_won, notify_lost, notify_reopened,
    notify_converted, notify_comment,
    // the daily digest
    digest_title, digest_moved_to, digest_created, digest_reopened, digest_converted, digest_comment_one,
    digest_comments, digest_change_one, digest_changes,
    // forms
    first_name, last_name, create_lead_title, edit_lead_title, convert_lead_title, convert_account_label,
    convert_new_account, new_account_name, deal_optional, deal_name, deal_amount, currency, create_deal_title,
    deal_account, move_stage_title, new_stage, add_comment_title, comment_text, add_participant_title,
    participant_role, set_primary_title, choose_contact, submit_create,
    pick_account, pick_currency, pick_stage, pick_contact, pick_contact_optional, hint_email, hint_phone,
    hint_source, hint_role, hint_comment, submit_save,
    submit_convert, submit_move, submit_add, submit_set, required, fix_errors,
    // Save to CRM (a chat message saved as a note)
    save_message_title, save_message_record, pick_lead_or_deal, save_message_remark, hint_remark,
    message_by, message_no_text, open_message, message_saved, message_saved_before,
};

std::string_view tr(S key, Locale locale);

// Replaces each "{}" in pattern with the next argument.
std::string fill(std::string_view pattern, std::initializer_list<std::string_view> args);

std::string_view kind_name(crm::RecordKind kind, Locale locale);  // "Deal", "Oportunidad", ...
std::string_view lead_status_name(crm::LeadStatus status, Locale locale);
std::string_view outcome_name(crm::StageKind kind, Locale locale);  // won, lost, unqualified; "" for open
// A field name from an event ("expected_close"); unknown names come back as given.
std::string field_name(std::string_view field, Locale locale);
// An event action ("stage_moved"); unknown ones come back with "_" as spaces.
std::string event_action_name(std::string_view action, Locale locale);

}  // namespace cards
