#pragma once
// Everything the bot needs to render replies as Adaptive Cards.
#include <adaptive_cards/context.hpp>
#include <adaptive_cards/elements.hpp>
#include <adaptive_cards/format.hpp>
#include <adaptive_cards/forms.hpp>
#include <adaptive_cards/list_cards.hpp>
#include <adaptive_cards/locale.hpp>
#include <adaptive_cards/message_cards.hpp>
#include <adaptive_cards/record_cards.hpp>
#include <adaptive_cards/text.hpp>
#include <adaptive_cards/verbs.hpp>
