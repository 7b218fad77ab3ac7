#include "record_parts.hpp"
#include "strings.hpp"

#include <adaptive_cards/record_cards.hpp>

#include <algorithm>

namespace cards {

using nlohmann::json;

namespace {

json subtle_label(std::string text) {
    json label = text_block(std::move(text));
    label["isSubtle"] = true;
    return label;
}

// One cell of the strip: a small centred label on a coloured background.
json strip_column(json label, std::string_view width, std::string_view style) {
    label["size"] = "small";
    label["horizontalAlignment"] = "center";
    json col = column(json::array({std::move(label)}), width);
    col["style"] = style;
    col["verticalContentAlignment"] = "center";
    return col;
}

}  // namespace

json pipeline_strip(const std::vector<crm::Stage>& pipeline, const crm::Stage& current, Locale locale) {
    std::vector<crm::Stage> open;
    for (const auto& s : pipeline)
        if (!s.closed()) open.push_back(s);
    std::sort(open.begin(), open.end(), [](const auto& a, const auto& b) { return a.position < b.position; });

    json columns = json::array();
    if (current.closed()) {
        // A closed deal: its path as one dimmed line (it wraps between stage names, never
        // inside one, however narrow the card), then the outcome in colour.
        std::string path;
        for (const auto& s : open) path += (path.empty() ? "" : " › ") + user_text(s.name, 60);
        if (!path.empty()) columns.push_back(strip_column(subtle_label(std::move(path)), "stretch", "emphasis"));
        std::string name = current.name.empty() ? std::string(outcome_name(current.kind, locale)) : current.name;
        columns.push_back(strip_column(colored_text(user_text(name, 60), outcome_color(current.kind), true), "auto",
                                       outcome_color(current.kind)));
    } else {
        // Stages before the current one are done (✓), the current one is marked (●) and emphasised.
        const auto here = std::find_if(open.begin(), open.end(), [&](const auto& s) { return s.id == current.id; });
        for (auto it = open.begin(); it != open.end(); ++it) {
            if (it == here) {
                columns.push_back(strip_column(colored_text("● " + user_text(it->name, 60), "accent", true), "stretch", "accent"));
            } else {
                const bool done = here != open.end() && it < here;
                columns.push_back(strip_column(subtle_label((done ? "✓ " : "") + user_text(it->name, 60)), "stretch", "emphasis"));
            }
        }
    }
    json strip = column_set(std::move(columns));
    strip["spacing"] = "Medium";
    return strip;
}

}  // namespace cards
