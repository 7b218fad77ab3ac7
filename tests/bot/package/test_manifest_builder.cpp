#include "commands/command_parser.hpp"
#include "commands/describe.hpp"
#include "env_map.hpp"
#include "package/manifest_builder.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

using bot::package::build_package;
using bot::package::EmbeddedFile;
using bot::package::PackageFile;
using nlohmann::json;

namespace {

bot::package::PackageConfig config_from(const test::Env& env) {
    auto c = bot::package::read_package_config(test::lookup(env));
    REQUIRE(c.ok());
    return *c;
}

const PackageFile& file(const std::vector<PackageFile>& files, const std::string& name) {
    auto it = std::find_if(files.begin(), files.end(), [&](const PackageFile& f) { return f.name == name; });
    REQUIRE(it != files.end());
    return *it;
}

json parsed(const std::vector<PackageFile>& files, const std::string& name) { return json::parse(file(files, name).data); }

// The error of building with one setting changed.
std::string error_with(const std::string& variable, const std::string& value) {
    auto env = test::valid_package_env();
    env[variable] = value;
    const auto files = build_package(config_from(env));
    REQUIRE_FALSE(files.ok());
    return files.error().message;
}

// The embedded templates with one file replaced (or added).
std::vector<EmbeddedFile> templates_with(const std::string& name, const std::string& data) {
    static std::vector<std::string> keep;  // EmbeddedFile holds views
    keep.push_back(name);
    keep.push_back(data);
    auto files = bot::package::manifest_files();
    const EmbeddedFile replacement{keep[keep.size() - 2], keep.back()};
    auto it = std::find_if(files.begin(), files.end(), [&](const EmbeddedFile& f) { return f.name == name; });
    if (it != files.end()) {
        *it = replacement;
    } else {
        files.push_back(replacement);
    }
    return files;
}

// The error of building with one template replaced.
std::string error_with_template(const std::string& name, const std::string& data) {
    const auto files = build_package(config_from(test::valid_package_env()), templates_with(name, data));
    REQUIRE_FALSE(files.ok());
    return files.error().message;
}

std::string embedded(const std::string& name) {
    for (const auto& f : bot::package::manifest_files()) {
        if (f.name == name) return std::string(f.data);
    }
    FAIL("no embedded " << name);
    return {};
}

std::pair<std::uint32_t, std::uint32_t> png_size(const std::string& png) {
    REQUIRE(png.size() > 24);
    REQUIRE(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    REQUIRE(png.substr(12, 4) == "IHDR");
    auto be32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(png[at + static_cast<std::size_t>(i)]);
        return v;
    };
    return {be32(16), be32(20)};
}

}  // namespace

TEST_CASE("manifest: the package holds the manifest, both icons and three localization files", "[manifest]") {
    const auto files = build_package(config_from(test::valid_package_env()));
    REQUIRE(files.ok());
    std::vector<std::string> names;
    for (const auto& f : *files) names.push_back(f.name);
    CHECK(names == std::vector<std::string>{"manifest.json", "color.png", "outline.png", "es.json", "fr.json", "de.json"});
    CHECK(png_size(file(*files, "color.png").data) == std::pair<std::uint32_t, std::uint32_t>{192, 192});
    CHECK(png_size(file(*files, "outline.png").data) == std::pair<std::uint32_t, std::uint32_t>{32, 32});
    CHECK(file(*files, "outline.png").data[25] == 6);  // colour type 6: RGBA
}

TEST_CASE("manifest: configuration values appear where Teams reads them", "[manifest]") {
    const auto files = build_package(config_from(test::valid_package_env()));
    REQUIRE(files.ok());
    const auto m = parsed(*files, "manifest.json");
    CHECK(m["$schema"] == "https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.schema.json");
    CHECK(m["manifestVersion"] == "1.29");
    CHECK(m["id"] == "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
    CHECK(m["version"] == "2.3.4");
    CHECK(m["name"] == json{{"short", "Contoso CRM"}, {"full", "Contoso CRM for Microsoft Teams"}});
    CHECK(m["developer"] == json{{"name", "Contoso Ltd"},
                                 {"websiteUrl", "https://www.contoso.example"},
                                 {"privacyUrl", "https://www.contoso.example/privacy"},
                                 {"termsOfUseUrl", "https://www.contoso.example/terms"}});
    CHECK(m["accentColor"] == "#123ABC");
    CHECK(m["bots"][0]["botId"] == "11111111-2222-3333-4444-555555555555");
    CHECK(m["bots"][0]["scopes"] == json{"personal", "team", "groupChat"});
    CHECK(m["composeExtensions"][0]["botId"] == "11111111-2222-3333-4444-555555555555");
    CHECK(m["composeExtensions"][0]["messageHandlers"][0] ==
          json{{"type", "link"}, {"value", {{"domains", {"crm.contoso.example"}}}}});
    CHECK(m["validDomains"] == json{"crm.contoso.example"});
    CHECK(file(*files, "manifest.json").data.find("${") == std::string::npos);

    const auto& commands = m["composeExtensions"][0]["commands"];
    CHECK(commands[0]["type"] == "query");
    CHECK(commands[0]["parameters"][0]["name"] == "query");
    CHECK(commands[1]["title"] == "Save to CRM");
    CHECK(commands[1]["type"] == "action");
    CHECK(commands[1]["context"] == json{"message"});
    CHECK(commands[1]["fetchTask"] == true);

    const auto languages = m["localizationInfo"]["additionalLanguages"];
    CHECK(languages == json{{{"languageTag", "es"}, {"file", "es.json"}},
                            {{"languageTag", "fr"}, {"file", "fr.json"}},
                            {{"languageTag", "de"}, {"file", "de.json"}}});
    for (const auto* name : {"es.json", "fr.json", "de.json"}) {
        CAPTURE(name);
        const auto l = parsed(*files, name);
        CHECK(l["$schema"] ==
              "https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.Localization.schema.json");
        CHECK(l["name.short"] == "Contoso CRM");
        CHECK(l["name.full"] == "Contoso CRM for Microsoft Teams");
    }
}

TEST_CASE("manifest: values over the manifest's limits are refused, naming the field", "[manifest]") {
    CHECK_THAT(error_with("TEAMS_APP_NAME", std::string(31, 'x')),
               Catch::Contains("manifest.json: name.short (from TEAMS_APP_NAME) is 31 characters long, over the limit of 30") &&
                   Catch::Contains("es.json: name.short (from TEAMS_APP_NAME) is 31 characters long"));
    CHECK_THAT(error_with("TEAMS_APP_FULL_NAME", std::string(101, 'x')),
               Catch::Contains("manifest.json: name.full (from TEAMS_APP_FULL_NAME) is 101 characters long, over the limit of 100"));
    CHECK_THAT(error_with("TEAMS_APP_DEVELOPER", std::string(33, 'x')),
               Catch::Contains("manifest.json: developer.name (from TEAMS_APP_DEVELOPER) is 33 characters long, "
                               "over the limit of 32"));
}

TEST_CASE("manifest: limits count characters, not bytes", "[manifest]") {
    std::string thirty;
    for (int i = 0; i < 30; ++i) thirty += "é";  // 60 bytes
    auto env = test::valid_package_env();
    env["TEAMS_APP_NAME"] = thirty;
    const auto files = build_package(config_from(env));
    REQUIRE(files.ok());
    CHECK(parsed(*files, "manifest.json")["name"]["short"] == thirty);
}

TEST_CASE("manifest: template text over a limit is refused too, naming file and field", "[manifest]") {
    SECTION("description") {
        auto m = nlohmann::ordered_json::parse(embedded("manifest.json"));
        m["description"]["short"] = std::string(81, 'd');
        m["description"]["full"] = std::string(4001, 'd');
        CHECK_THAT(error_with_template("manifest.json", m.dump()),
                   Catch::Contains("manifest.json: description.short is 81 characters long, over the limit of 80") &&
                       Catch::Contains("manifest.json: description.full is 4001 characters long, over the limit of 4000"));
    }
    SECTION("a localized compose extension title") {
        auto l = nlohmann::ordered_json::parse(embedded("fr.json"));
        l["composeExtensions[0].commands[0].title"] = std::string(33, 't');
        l["description.short"] = "";
        CHECK_THAT(error_with_template("fr.json", l.dump()),
                   Catch::Contains("fr.json: composeExtensions[0].commands[0].title is 33 characters long, over the limit of 32") &&
                       Catch::Contains("fr.json: description.short is empty"));
    }
    SECTION("an unknown placeholder") {
        auto m = nlohmann::ordered_json::parse(embedded("manifest.json"));
        m["name"]["full"] = "${TEAMS_APP_NAM} for Teams";
        CHECK_THAT(error_with_template("manifest.json", m.dump()),
                   Catch::Contains("manifest.json: name.full uses an unknown placeholder ${TEAMS_APP_NAM}"));
    }
    SECTION("a file the manifest refers to is missing") {
        auto m = nlohmann::ordered_json::parse(embedded("manifest.json"));
        m["localizationInfo"]["additionalLanguages"].push_back({{"languageTag", "it"}, {"file", "it.json"}});
        CHECK_THAT(error_with_template("manifest.json", m.dump()),
                   Catch::Contains("manifest.json refers to it.json, which is not in the package"));
    }
    SECTION("a template that is not JSON") {
        CHECK_THAT(error_with_template("de.json", "{\"name.short\": "), Catch::Contains("de.json: not valid JSON"));
    }
}

TEST_CASE("manifest: every bot command, in every language, is one the bot understands", "[manifest]") {
    const auto files = build_package(config_from(test::valid_package_env()));
    REQUIRE(files.ok());
    const auto m = parsed(*files, "manifest.json");
    const auto& lists = m["bots"][0]["commandLists"];
    for (const auto& [name, locale] : {std::pair{"es.json", "es-ES"}, {"fr.json", "fr-FR"}, {"de.json", "de-DE"}}) {
        const auto l = parsed(*files, name);
        for (std::size_t i = 0; i < lists.size(); ++i) {
            for (std::size_t j = 0; j < lists[i]["commands"].size(); ++j) {
                const auto english = lists[i]["commands"][j]["title"].get<std::string>();
                const auto key = "bots[0].commandLists[" + std::to_string(i) + "].commands[" + std::to_string(j) + "]";
                REQUIRE(l.contains(key + ".title"));
                REQUIRE(l.contains(key + ".description"));
                const auto localized = l[key + ".title"].get<std::string>();
                CAPTURE(name, english, localized);
                const auto expected = bot::commands::parse(english, "en-US");
                const auto actual = bot::commands::parse(localized, locale);
                REQUIRE(expected.ok());
                REQUIRE(actual.ok());
                CHECK(test::describe(actual.command().action) == test::describe(expected.command().action));
            }
        }
    }
}
