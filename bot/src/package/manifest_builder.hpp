#pragma once
// Renders the Teams app package from the templates of manifest/ (embedded in the
// binary) and a PackageConfig, and checks it against the manifest's limits.
//
// In the JSON templates, "${NAME}" inside a string is replaced by the value of the
// configuration variable NAME (see PackageConfig::placeholder); other files (the
// icons) are copied as they are. Then every string is checked against the limits
// of manifest schema 1.29 and its localization schema (lengths, GUIDs, https URLs,
// the version), and every file the manifest refers to must be in the package.
// An error names the file, the manifest field and, when the value came from the
// configuration, the variable, e.g.
//   manifest.json: name.short (from TEAMS_APP_NAME) is 31 characters long, over the limit of 30
#include "package/embedded_file.hpp"
#include "package/package_config.hpp"

#include <crm_core/result.hpp>

#include <string>
#include <vector>

namespace bot::package {

// The manifest schema version the templates follow.
inline constexpr std::string_view kManifestVersion = "1.29";

struct PackageFile {
    std::string name;  // at the root of the zip
    std::string data;
};

// manifest.json first, then the other files in template order.
crm::Result<std::vector<PackageFile>> build_package(const PackageConfig& config,
                                                    const std::vector<EmbeddedFile>& templates = manifest_files());

}  // namespace bot::package
