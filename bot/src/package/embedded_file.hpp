#pragma once
// A file compiled into the binary by cmake/EmbedFiles.cmake.
#include <string_view>
#include <vector>

namespace bot::package {

struct EmbeddedFile {
    std::string_view name;  // file name, no directory (e.g. "manifest.json")
    std::string_view data;  // its bytes
};

}  // namespace bot::package

namespace bot::package {

// manifest/: the manifest template, its localization files and the icons, in the
// order they go into the package (bot/CMakeLists.txt lists them).
const std::vector<EmbeddedFile>& manifest_files();

}  // namespace bot::package
