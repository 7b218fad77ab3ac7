#include "cli/commands.hpp"

#include "package/manifest_builder.hpp"
#include "package/zip_writer.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace bot::cli {
namespace {

// "crmbot package: <what>:" then one problem per line (the error joins them with "; ").
void print_problems(const char* what, const std::string& message) {
    std::cerr << "crmbot package: " << what << ":\n";
    std::size_t start = 0;
    while (start < message.size()) {
        auto end = message.find("; ", start);
        if (end == std::string::npos) end = message.size();
        std::cerr << "  " << message.substr(start, end - start) << "\n";
        start = end + 2;
    }
}

}  // namespace

int package(const std::string& out_path) {
    const auto config = package::read_package_config([](const std::string& name) -> std::optional<std::string> {
        const char* v = std::getenv(name.c_str());
        if (v == nullptr) return std::nullopt;
        return std::string(v);
    });
    if (!config) {
        print_problems("configuration error", config.error().message);
        return 2;
    }
    const auto files = package::build_package(*config);
    if (!files) {
        print_problems("the manifest would break Teams' limits", files.error().message);
        return 2;
    }
    try {
        std::vector<package::ZipEntry> entries;
        for (const auto& f : *files) entries.push_back({f.name, f.data});
        const auto zip = package::write_zip(entries);
        // Write beside the target, then rename: no half-written package on failure.
        const std::filesystem::path target(out_path);
        auto temp = target;
        temp += ".tmp";
        {
            std::ofstream file(temp, std::ios::binary | std::ios::trunc);
            file.write(zip.data(), static_cast<std::streamsize>(zip.size()));
            file.close();
            if (!file) {
                std::error_code ignored;
                std::filesystem::remove(temp, ignored);
                std::cerr << "crmbot package: cannot write " << out_path << "\n";
                return 1;
            }
        }
        std::filesystem::rename(temp, target);
    } catch (const std::exception& e) {
        std::cerr << "crmbot package: " << e.what() << "\n";
        return 1;
    }
    std::cout << "crmbot package: wrote " << out_path << " (Teams app " << config->app_id << ", version "
              << config->version << ", bot " << config->bot_id << ", host " << config->public_host << ")\n";
    return 0;
}

}  // namespace bot::cli
