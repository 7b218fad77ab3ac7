#include "commands/text_fold.hpp"

#include <catch2/catch.hpp>

using namespace bot::commands::text;

TEST_CASE("folding removes case and accents", "[text]") {
    CHECK(fold("Créer") == "creer");
    CHECK(fold("WIEDERERÖFFNEN") == "wiedereroffnen");
    CHECK(fold("añadir") == "anadir");
    CHECK(fold("Straße") == "strasse");
    CHECK(fold("Œuvre Æsir") == "oeuvre aesir");
    CHECK(fold("Łódź Škoda") == "lodz skoda");
    CHECK(fold("L\u201312 l\u2019opportunit\u00e9") == "l-12 l'opportunite");
    CHECK(fold("a\u00A0b") == "a b");
    CHECK(fold("日本 😀") == "日本 😀");  // other scripts pass through
    CHECK(fold("\xff\xfe") == "\uFFFD\uFFFD");  // invalid UTF-8 never loops
}

TEST_CASE("edit distance counts transpositions as one", "[text]") {
    CHECK(edit_distance("laed", "lead") == 1);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("same", "same") == 0);
    CHECK(edit_distance("folow", "follow") == 1);
}

TEST_CASE("UTF-8 round trip", "[text]") {
    const std::string s = "aé€😀";
    std::string out;
    for (std::size_t i = 0; i < s.size();) append_utf8(out, next_code_point(s, i));
    CHECK(out == s);
}
