#include "package/manifest_builder.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <regex>

namespace bot::package {
namespace {

using Json = nlohmann::ordered_json;

enum class Form { any, guid, semver, https_url, hex_color, host };

// One limit of the manifest schema (v1.29) or of its localization schema. Paths are
// written the way localization files name fields: name.short,
// bots[0].commandLists[1].commands[2].title, so one table serves both kinds of file.
struct Rule {
    const char* pattern;
    std::size_t max_chars;  // 0: no length limit
    bool non_empty;
    Form form;
};

const Rule kRules[] = {
    {R"(id)", 0, true, Form::guid},
    {R"(version)", 256, true, Form::semver},
    {R"(name\.short)", 30, true, Form::any},
    {R"(name\.full)", 100, true, Form::any},
    {R"(description\.short)", 80, true, Form::any},
    {R"(description\.full)", 4000, true, Form::any},
    {R"(developer\.name)", 32, true, Form::any},
    {R"(developer\.(websiteUrl|privacyUrl|termsOfUseUrl))", 2048, true, Form::https_url},
    {R"(accentColor)", 0, true, Form::hex_color},
    {R"(bots\[\d+\]\.botId)", 0, true, Form::guid},
    {R"(bots\[\d+\]\.commandLists\[\d+\]\.commands\[\d+\]\.title)", 128, true, Form::any},
    {R"(bots\[\d+\]\.commandLists\[\d+\]\.commands\[\d+\]\.description)", 4000, false, Form::any},
    {R"(composeExtensions\[\d+\]\.botId)", 0, true, Form::guid},
    {R"(composeExtensions\[\d+\]\.commands\[\d+\]\.id)", 64, true, Form::any},
    {R"(composeExtensions\[\d+\]\.commands\[\d+\]\.title)", 32, true, Form::any},
    {R"(composeExtensions\[\d+\]\.commands\[\d+\]\.description)", 128, false, Form::any},
    {R"(composeExtensions\[\d+\]\.commands\[\d+\]\.parameters\[\d+\]\.name)", 64, true, Form::any},
    {R"(composeExtensions\[\d+\]\.commands\[\d+\]\.parameters\[\d+\]\.title)", 32, true, Form::any},
    {R"(composeExtensions\[\d+\]\.commands\[\d+\]\.parameters\[\d+\]\.description)", 128, false, Form::any},
    {R"(composeExtensions\[\d+\]\.messageHandlers\[\d+\]\.value\.domains\[\d+\])", 2048, true, Form::host},
    {R"(validDomains\[\d+\])", 2048, true, Form::host},
};

const char* form_text(Form form) {
    switch (form) {
        case Form::any: return "";
        case Form::guid: return "a GUID such as 00000000-0000-0000-0000-000000000000";
        case Form::semver: return "a version MAJOR.MINOR.PATCH such as 1.0.0";
        case Form::https_url: return "an https:// URL";
        case Form::hex_color: return "a colour #RRGGBB";
        case Form::host: return "a host name such as crm.example.com";
    }
    return "";
}

bool has_form(Form form, std::string_view value) {
    switch (form) {
        case Form::any: return true;
        case Form::guid: return is_guid(value);
        case Form::semver: return is_semver(value);
        case Form::https_url: return is_https_url(value);
        case Form::hex_color: return is_hex_color(value);
        case Form::host: return is_host(value);
    }
    return false;
}

// JSON Schema's maxLength counts characters (code points), not bytes.
std::size_t utf8_chars(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

class Renderer {
public:
    Renderer(const PackageConfig& config, std::string file) : config_(config), file_(std::move(file)) {}

    void render(Json& node, const std::string& path) {
        if (node.is_object()) {
            for (auto it = node.begin(); it != node.end(); ++it) {
                render(it.value(), path.empty() ? it.key() : path + "." + it.key());
            }
        } else if (node.is_array()) {
            for (std::size_t i = 0; i < node.size(); ++i) render(node[i], path + "[" + std::to_string(i) + "]");
        } else if (node.is_string()) {
            std::vector<std::string> variables;
            node = substitute(node.get<std::string>(), path, variables);
            check(node.get<std::string>(), path, variables);
        }
    }

    std::vector<std::string> problems;

private:
    std::string substitute(const std::string& text, const std::string& path, std::vector<std::string>& variables) {
        std::string out;
        std::size_t pos = 0;
        while (true) {
            const auto open = text.find("${", pos);
            if (open == std::string::npos) break;
            const auto close = text.find('}', open);
            if (close == std::string::npos) break;
            const auto name = text.substr(open + 2, close - open - 2);
            out.append(text, pos, open - pos);
            if (const auto* value = config_.placeholder(name)) {
                out += *value;
                variables.push_back(name);
            } else {
                problems.push_back(file_ + ": " + path + " uses an unknown placeholder ${" + name + "}");
            }
            pos = close + 1;
        }
        out.append(text, pos);
        return out;
    }

    void check(const std::string& value, const std::string& path, const std::vector<std::string>& variables) {
        for (const auto& rule : kRules) {
            if (!std::regex_match(path, std::regex(rule.pattern))) continue;
            std::string field = path;
            if (!variables.empty()) {
                field += " (from ";
                for (std::size_t i = 0; i < variables.size(); ++i) {
                    if (i != 0) field += ", ";
                    field += variables[i];
                }
                field += ")";
            }
            const auto chars = utf8_chars(value);
            if (rule.non_empty && chars == 0) {
                problems.push_back(file_ + ": " + field + " is empty");
            } else if (rule.max_chars != 0 && chars > rule.max_chars) {
                problems.push_back(file_ + ": " + field + " is " + std::to_string(chars) +
                                   " characters long, over the limit of " + std::to_string(rule.max_chars));
            } else if (chars != 0 && !has_form(rule.form, value)) {
                problems.push_back(file_ + ": " + field + " must be " + form_text(rule.form) + " (got \"" +
                                   value.substr(0, 60) + (value.size() > 60 ? "..." : "") + "\")");
            }
            return;
        }
    }

    const PackageConfig& config_;
    std::string file_;
};

// The relative paths the manifest refers to: icons and localization files.
std::vector<std::string> referenced_files(const Json& manifest) {
    std::vector<std::string> out;
    if (auto icons = manifest.find("icons"); icons != manifest.end() && icons->is_object()) {
        for (const auto& [key, value] : icons->items()) {
            if (value.is_string()) out.push_back(value.get<std::string>());
        }
    }
    if (auto info = manifest.find("localizationInfo"); info != manifest.end() && info->is_object()) {
        if (auto langs = info->find("additionalLanguages"); langs != info->end() && langs->is_array()) {
            for (const auto& lang : *langs) {
                if (lang.contains("file") && lang["file"].is_string()) out.push_back(lang["file"].get<std::string>());
            }
        }
    }
    return out;
}

}  // namespace

crm::Result<std::vector<PackageFile>> build_package(const PackageConfig& config,
                                                    const std::vector<EmbeddedFile>& templates) {
    std::vector<std::string> problems;
    std::vector<PackageFile> files;
    std::optional<Json> manifest;
    for (const auto& t : templates) {
        PackageFile file{std::string(t.name), std::string(t.data)};
        if (ends_with(t.name, ".json")) {
            Json json;
            try {
                json = Json::parse(t.data);
            } catch (const Json::parse_error& e) {
                problems.push_back(file.name + ": not valid JSON: " + e.what());
                continue;
            }
            Renderer renderer(config, file.name);
            renderer.render(json, "");
            problems.insert(problems.end(), renderer.problems.begin(), renderer.problems.end());
            file.data = json.dump(2, ' ', false) + "\n";
            if (file.name == "manifest.json") manifest = std::move(json);
        }
        if (file.name == "manifest.json") {
            files.insert(files.begin(), std::move(file));
        } else {
            files.push_back(std::move(file));
        }
    }
    if (!manifest) {
        problems.push_back("the templates have no manifest.json");
    } else {
        for (const auto& name : referenced_files(*manifest)) {
            const bool present =
                std::any_of(files.begin(), files.end(), [&](const PackageFile& f) { return f.name == name; });
            if (!present) problems.push_back("manifest.json refers to " + name + ", which is not in the package");
        }
    }
    if (!problems.empty()) {
        std::string text;
        for (const auto& p : problems) {
            if (!text.empty()) text += "; ";
            text += p;
        }
        return crm::Error{crm::ErrorCode::validation, text, {}};
    }
    return files;
}

}  // namespace bot::package
