#include "record_parts.hpp"
#include "strings.hpp"

#include <adaptive_cards/record_cards.hpp>

#include <algorithm>

namespace cards {

using nlohmann::json;

json pipeline_strip(const std::vector<crm::Stage>& pipeline, const crm::Stage& current, Locale locale) {
    std::vector<crm::Stage> open;
    for (const auto& s : pipeline)
        if (!s.closed()) open.push_back(s);
    std::sort(open.begin(), open.end(), [](const auto& a, const auto& b) { return a.position < b.position; });

    // Stages before the current one are done (✓), the current one is marked (●) and
    // emphasised; a closed deal shows its path dimmed and its outcome in colour.
    const bool closed = current.closed();
    const auto here = std::find_if(open.begin(), open.end(), [&](const auto& s) { return s.id == current.id; });
    json columns = json::array();
    for (auto it = open.begin(); it != open.end(); ++it) {
        const bool is_current = it == here;
        const bool done = !closed && here != open.end() && it < here;
        json label;
        if (is_current) {
            label = colored_text("● " + user_text(it->name, 60), "accent", true);
        } else {
            label = text_block((done ? "✓ " : "") + user_text(it->name, 60));
            label["isSubtle"] = true;
        }
        label["size"] = "small";
        label["horizontalAlignment"] = "center";
        json col = column(json::array({label}), "stretch");
        col["style"] = is_current ? "accent" : "emphasis";
        col["verticalContentAlignment"] = "center";
        columns.push_back(std::move(col));
    }
    if (closed) {
        std::string name = current.name.empty() ? std::string(outcome_name(current.kind, locale)) : current.name;
        json label = colored_text(user_text(name, 60), outcome_color(current.kind), true);
        label["size"] = "small";
        label["horizontalAlignment"] = "center";
        json col = column(json::array({label}), "stretch");
        col["style"] = outcome_color(current.kind);
        col["verticalContentAlignment"] = "center";
        columns.push_back(std::move(col));
    }
    json strip = column_set(std::move(columns));
    strip["spacing"] = "Medium";
    return strip;
}

}  // namespace cards
