#pragma once
// The CRM core in one place: every service over one database.
#include <crm_core/accounts.hpp>
#include <crm_core/contacts.hpp>
#include <crm_core/directory.hpp>
#include <crm_core/followers.hpp>
#include <crm_core/leads.hpp>
#include <crm_core/live_cards.hpp>
#include <crm_core/notes.hpp>
#include <crm_core/opportunities.hpp>
#include <crm_core/outbox.hpp>
#include <crm_core/participants.hpp>
#include <crm_core/pipeline.hpp>
#include <crm_core/notification_settings.hpp>
#include <crm_core/request_keys.hpp>
#include <crm_core/timeline.hpp>

namespace crm {

struct Crm {
    explicit Crm(Database& db)
        : database(db), directory(db), leads(db), accounts(db), contacts(db), opportunities(db), pipeline(db),
          participants(db), followers(db), notes(db), timeline(db), request_keys(db), outbox(db),
          notification_settings(db), live_cards(db) {}

    Database& database;
    Directory directory;
    Leads leads;
    Accounts accounts;
    Contacts contacts;
    Opportunities opportunities;
    Pipeline pipeline;
    Participants participants;
    Followers followers;
    Notes notes;
    Timeline timeline;
    RequestKeys request_keys;
    Outbox outbox;
    NotificationSettingsStore notification_settings;
    LiveCards live_cards;
};

}  // namespace crm
