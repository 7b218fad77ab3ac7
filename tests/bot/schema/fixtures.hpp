#pragma once
// The recorded Teams activities in tests/fixtures/activities.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace test {

inline std::filesystem::path activities_dir() { return std::filesystem::path(FIXTURES_DIR) / "activities"; }

inline nlohmann::json load_activity(const std::string& file) {
    std::ifstream in(activities_dir() / file);
    if (!in) throw std::runtime_error("missing fixture " + file);
    return nlohmann::json::parse(in);
}

inline std::vector<std::string> activity_files() {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(activities_dir()))
        if (entry.path().extension() == ".json") out.push_back(entry.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace test
