#include "commands/command_parser.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using bot::commands::ParseError;
using bot::commands::parse;

namespace {

ParseError error_of(const std::string& input, std::string_view locale = "en-US") {
    const auto result = parse(input, locale);
    INFO(input);
    REQUIRE_FALSE(result.ok());
    return result.error();
}

bool contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

bool has(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

TEST_CASE("a misspelt command suggests the closest keywords", "[parser][errors]") {
    const auto e = error_of("laed 12");
    CHECK(e.kind == ParseError::Kind::unknown_command);
    REQUIRE_FALSE(e.suggestions.empty());
    CHECK(e.suggestions.front() == "lead");
    CHECK(e.suggestions.size() <= 3);
    CHECK(contains(e.message, "laed"));
    CHECK(contains(e.message, "Did you mean **lead**"));

    CHECK(error_of("shwo L-12").suggestions.front() == "show");
    CHECK(error_of("folow D-7").suggestions.front() == "follow");
    CHECK(error_of("convrt L-12").suggestions.front() == "convert");
    CHECK(error_of("pipline").suggestions.front() == "pipeline");
    CHECK(has(error_of("seguidroes D-7", "es-ES").suggestions, "seguidores"));
    CHECK(has(error_of("verschiben D-7 nach Angebot", "de-DE").suggestions, "verschieben"));
    CHECK(has(error_of("histroique D-7", "fr-FR").suggestions, "historique"));
}

TEST_CASE("suggestions prefer the user's language and come in it", "[parser][errors]") {
    const auto es = error_of("ayda", "es-ES");
    REQUIRE_FALSE(es.suggestions.empty());
    CHECK(es.suggestions.front() == "ayuda");
    CHECK(contains(es.message, "¿Quisiste decir **ayuda**"));
    CHECK(contains(error_of("xx", "fr-FR").message, "Je ne connais pas la commande"));
    CHECK(contains(error_of("xx", "de-DE").message, "kenne ich nicht"));
}

TEST_CASE("gibberish gets a pointer to help instead", "[parser][errors]") {
    const auto e = error_of("xyzzy plugh");
    CHECK(e.kind == ParseError::Kind::unknown_command);
    CHECK(e.suggestions.empty());
    CHECK(contains(e.message, "**help**"));
}

TEST_CASE("empty input", "[parser][errors]") {
    for (const char* input : {"", "   ", "please", "\n"}) {
        const auto e = error_of(input);
        CHECK(e.kind == ParseError::Kind::empty);
        CHECK(contains(e.message, "help"));
    }
    CHECK(contains(error_of("", "es-ES").message, "ayuda"));
}

TEST_CASE("a bare number for a command taking several kinds is ambiguous", "[parser][errors]") {
    const auto e = error_of("show 12");
    CHECK(e.kind == ParseError::Kind::ambiguous);
    CHECK(e.interpretations ==
          std::vector<std::string>{"show L-12", "show C-12", "show A-12", "show D-12"});
    CHECK(contains(e.message, "- `show D-12`"));

    CHECK(error_of("12").interpretations.size() == 4);
    CHECK(error_of("comment 7 called them").interpretations.front() == "comment L-7 called them");
    CHECK(error_of("follow 7").interpretations ==
          std::vector<std::string>{"follow L-7", "follow A-7", "follow D-7"});
    CHECK(error_of("unqualified 7").interpretations == std::vector<std::string>{"unqualified L-7", "unqualified D-7"});
    CHECK(error_of("unqualified Acme").interpretations ==
          std::vector<std::string>{"unqualified lead Acme", "unqualified deal Acme"});
    // Every reading parses.
    for (const auto& reading : error_of("show 12").interpretations) CHECK(parse(reading, "en-US").ok());
}

TEST_CASE("create without saying what is ambiguous", "[parser][errors]") {
    const auto e = error_of("new Ada Lovelace");
    CHECK(e.kind == ParseError::Kind::ambiguous);
    CHECK(e.interpretations.front() == "new lead Ada Lovelace");
    CHECK(e.interpretations.size() == 4);
    CHECK(error_of("nuevo Ada", "es-ES").interpretations.at(1) == "nuevo contacto Ada");
    CHECK(error_of("create").kind == ParseError::Kind::missing_argument);
}

TEST_CASE("commands on the wrong kind of record", "[parser][errors]") {
    const auto convert = error_of("convert D-7");
    CHECK(convert.kind == ParseError::Kind::wrong_record_kind);
    CHECK(contains(convert.message, "leads only, not with D-7"));
    CHECK(contains(convert.message, "`convert L-12"));
    CHECK(error_of("move L-3 to Proposal").kind == ParseError::Kind::wrong_record_kind);
    CHECK(error_of("won L-3").kind == ParseError::Kind::wrong_record_kind);
    CHECK(error_of("L-3 won").kind == ParseError::Kind::wrong_record_kind);
    CHECK(error_of("contacted D-3").kind == ParseError::Kind::wrong_record_kind);
    CHECK(contains(error_of("follow C-3").message, "leads, accounts or deals"));
    CHECK(contains(error_of("seguir C-3", "es-ES").message, "Esto solo funciona con leads, cuentas o oportunidades"));
    CHECK(error_of("convert L-12 to D-3").kind == ParseError::Kind::wrong_record_kind);
    CHECK(error_of("add C-4 to A-3").kind == ParseError::Kind::wrong_record_kind);
}

TEST_CASE("missing arguments say what is missing, with an example", "[parser][errors]") {
    const auto move = error_of("move D-7");
    CHECK(move.kind == ParseError::Kind::missing_argument);
    CHECK(contains(move.message, "To which stage?"));
    CHECK(move.usage == "move D-7 to Proposal");
    CHECK(contains(error_of("mover D-7", "es-ES").message, "Por ejemplo: `mover D-7 a Proposal`"));
    CHECK(contains(error_of("comment D-7").message, "What is the comment?"));
    CHECK(contains(error_of("search").message, "What should I search for?"));
    CHECK(contains(error_of("lead add").message, "What is the name?"));
    CHECK(contains(error_of("contact add , A-3, grace@navy.example").message, "What is the name?"));
    CHECK(contains(error_of("primary D-7").message, "Which contact?"));
    CHECK(contains(error_of("add C-4").message, "Which record?"));
    CHECK(contains(error_of("follow").message, "Which record?"));
    CHECK(contains(error_of("status L-12").message, "Which status?"));
    CHECK(error_of("convert").kind == ParseError::Kind::missing_argument);
    CHECK(error_of("timeline").kind == ParseError::Kind::missing_argument);
}

TEST_CASE("free text after a record is not searched for commands", "[parser][errors]") {
    // "follow" inside a sentence must not make anyone follow D-7.
    const auto e = error_of("D-7 I will follow up tomorrow");
    CHECK(e.kind == ParseError::Kind::unknown_command);
    CHECK(contains(e.message, "after D-7"));
    CHECK(error_of("show L-12 D-7").kind == ParseError::Kind::unknown_command);
}

TEST_CASE("invalid values are named", "[parser][errors]") {
    const auto status = error_of("status L-12 qualfied");
    CHECK(status.kind == ParseError::Kind::invalid_argument);
    CHECK(has(status.suggestions, "qualified"));
    CHECK(contains(status.message, "New, Contacted, Qualified or Unqualified"));

    const auto after = error_of("L-12 contcted");
    CHECK(after.kind == ParseError::Kind::unknown_command);
    CHECK(after.suggestions.front() == "contacted");
    CHECK(contains(after.message, "after L-12"));

    CHECK(contains(error_of("deal add X, A-3, amount: 12abc").message, "\"12abc\" is not an amount"));
    CHECK(contains(error_of("deal add X, A-3, close: 2026-02-30").message, "\"2026-02-30\" is not a date"));
    CHECK(contains(error_of("deal add X, A-3, 2026-13-01").message, "is not a date"));
    CHECK(contains(error_of("convert L-12 with deal lots").message, "\"lots\" is not an amount"));
    CHECK(contains(error_of("leads page two").message, "\"two\" is not a page number"));
    const auto unclear = error_of("lead add Ada Lovelace, Contoso, CTO, Berlin");
    CHECK(unclear.kind == ParseError::Kind::invalid_argument);
    CHECK(contains(unclear.message, "\"Berlin\""));
    CHECK(contains(unclear.message, "field: value"));
    CHECK(contains(error_of("account add Contoso, amount: 5").message, "\"amount: 5\""));
}
