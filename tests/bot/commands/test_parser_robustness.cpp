#include "commands/command_parser.hpp"

#include <catch2/catch.hpp>

#include <random>

// Users type anything: every input must give a command or an error, never a crash
// or an exception.
TEST_CASE("arbitrary input never throws", "[parser][robustness]") {
    const std::vector<std::string> vocabulary = {
        "lead", "leads", "deal", "D-7", "L-12", "c3", "A-3", "12", "#4", "0", "-1", "add", "new", "nuevo", "to", "a",
        "from", "with", "without", "as", "for", "@Sam", "Lee", "@", "mine", "open", "stage", "page", "won", "lost",
        "unqualified", "contacted", "move", "convert", "follow", "unfollow", "followers", "pipeline", "timeline",
        "comment", "primary", "remove", "participant", "status", "mark", "reopen", "search", "help", "more",
        "dejar de seguir", "ne plus suivre", "nicht mehr folgen", "l'", "d'", "’", ":", ",", ";", "?", "\"", "«",
        "50,000", "50.000,50", "€", "EUR", "2026-12-31", "2026-13-45", "ada@ae.example", "+44 20 1234", "é", "ß",
        "\xc3", "\xff", "\u00A0", "\u200B", "this month", "closing", "the", "please", "bitte", "hinzufügen", "als",
        "setzen", "auf", "email:", "close", "amount=", "k", "&amp;", "<at>", "\n",
    };
    std::mt19937 rng(20261124);
    std::uniform_int_distribution<std::size_t> pick(0, vocabulary.size() - 1), length(0, 9);
    const std::vector<bot::commands::MentionedUser> mentions = {{"29:sam", "Sam Lee"}, {"29:x", ""}};
    for (int round = 0; round < 20000; ++round) {
        std::string input;
        for (std::size_t n = length(rng); n > 0; --n) input += vocabulary[pick(rng)] + (rng() % 4 ? " " : "");
        INFO(input);
        const char* locale = round % 3 == 0 ? "de-DE" : round % 3 == 1 ? "es-ES" : "en-US";
        CHECK_NOTHROW(bot::commands::parse(input, locale, mentions));
    }
}
