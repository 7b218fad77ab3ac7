// Golden files: the exact JSON of every sample card (English) and of the deal card
// in the other languages. UPDATE_GOLDEN=1 rewrites them; read the diff before
// committing it.
#include "sample_cards.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

void check_golden(const std::string& name, const nlohmann::json& card) {
    const std::filesystem::path file = std::filesystem::path(CARDS_GOLDEN_DIR) / (name + ".json");
    const std::string actual = card.dump(2) + "\n";
    const char* update = std::getenv("UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        std::ofstream(file) << actual;
        return;
    }
    std::ifstream in(file);
    INFO("golden " << file.string() << " (UPDATE_GOLDEN=1 writes it)");
    REQUIRE(in.good());
    std::stringstream expected;
    expected << in.rdbuf();
    CHECK(expected.str() == actual);
}

}  // namespace

TEST_CASE("golden cards (English)", "[golden]") {
    for (const auto& [name, card] : cards::samples::all_cards(cards::Locale::en)) {
        SECTION(name) { check_golden(name, card); }
    }
}

TEST_CASE("golden deal and lead cards in Spanish, French and German", "[golden]") {
    for (auto locale : {cards::Locale::es, cards::Locale::fr, cards::Locale::de}) {
        const std::string tag(cards::locale_tag(locale));
        for (const auto& [name, card] : cards::samples::all_cards(locale))
            if (name == "deal_open" || name == "lead_converted" || name == "form_create_lead_errors" || name == "digest")
                SECTION(name + "_" + tag) { check_golden(name + "_" + tag, card); }
    }
}
