#include <adaptive_cards/text.hpp>

#include <catch2/catch.hpp>

TEST_CASE("Markdown in user text shows as typed", "[text]") {
    CHECK(cards::escape_markdown("Ada **Lovelace**") == "Ada \\*\\*Lovelace\\*\\*");
    CHECK(cards::escape_markdown("[click](https://evil.example)") == "\\[click\\]\\(https://evil.example\\)");
    CHECK(cards::escape_markdown("snake_case `code` # ~x~ a|b <at>") == "snake\\_case \\`code\\` \\# \\~x\\~ a\\|b \\<at\\>");
    CHECK(cards::escape_markdown("- not a list") == "\\- not a list");
    CHECK(cards::escape_markdown("1. not a list\n2. either") == "1\\. not a list\n2\\. either");
    CHECK(cards::escape_markdown("2) nor this") == "2\\) nor this");
    CHECK(cards::escape_markdown("Smith-Jones 2.5") == "Smith-Jones 2.5");
    CHECK(cards::escape_markdown("12500.00") == "12500.00");
    CHECK(cards::escape_markdown("-5") == "-5");
    CHECK(cards::escape_markdown("back\\slash") == "back\\\\slash");
    CHECK(cards::escape_markdown("Müller & Söhne") == "Müller & Söhne");
}

TEST_CASE("clipping keeps whole UTF-8 characters", "[text]") {
    CHECK(cards::clip("short", 10) == "short");
    CHECK(cards::clip("abcdef", 3) == "abc…");
    CHECK(cards::clip("äöüß", 2) == "äö…");
    CHECK(cards::truncate("äöüß", 2) == "äö");
    CHECK(cards::clip("€€€", 3) == "€€€");
}

TEST_CASE("percent-encoding keeps only unreserved characters", "[text]") {
    CHECK(cards::percent_encode("a-b_c.d~e") == "a-b_c.d~e");
    CHECK(cards::percent_encode("a b&c=d?e/f#g") == "a%20b%26c%3Dd%3Fe%2Ff%23g");
    CHECK(cards::percent_encode("Grüße") == "Gr%C3%BC%C3%9Fe");
}

TEST_CASE("mailto URLs put the other participants on cc, encoded", "[text]") {
    CHECK(cards::mailto_url("grace@contoso.com", {}) == "mailto:grace@contoso.com");
    CHECK(cards::mailto_url("grace@contoso.com", {"alan@contoso.com", "e.d+deals@contoso.com"}) ==
          "mailto:grace@contoso.com?cc=alan@contoso.com,e.d%2Bdeals@contoso.com");
    CHECK(cards::mailto_url("grace@contoso.com", {"grace@contoso.com", "", "not-an-address", "alan@contoso.com"},
                            "Renewal 2027 & more?") ==
          "mailto:grace@contoso.com?cc=alan@contoso.com&subject=Renewal%202027%20%26%20more%3F");
    // An address crafted to add headers stays one encoded address.
    CHECK(cards::mailto_url("x@y.com?bcc=spy@evil.example", {}) == "mailto:x%40y.com%3Fbcc%3Dspy@evil.example");
    CHECK(cards::mailto_url("", {}).empty());
    CHECK(cards::mailto_url("nobody", {}).empty());
}

TEST_CASE("code spans from the bot become bold text Teams can show", "[text]") {
    CHECK(cards::teams_markdown("Type `help` to start") == "Type **help** to start");
    CHECK(cards::teams_markdown("`deal add *x*`") == "**deal add \\*x\\***");
    CHECK(cards::teams_markdown("``a ` b``") == "**a \\` b**");
    CHECK(cards::teams_markdown("`` `x` ``") == "**\\`x\\`**");
    CHECK(cards::teams_markdown("no code, **bold** stays") == "no code, **bold** stays");
    CHECK(cards::teams_markdown("escaped \\`x\\` stays") == "escaped \\`x\\` stays");
    CHECK(cards::teams_markdown("a lone ` stays") == "a lone ` stays");
    CHECK(cards::teams_markdown("``not closed`") == "``not closed`");
    CHECK(cards::teams_markdown("empty `` `` span") == "empty `` `` span");
}
