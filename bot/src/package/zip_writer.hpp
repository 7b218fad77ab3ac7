#pragma once
// A minimal zip writer for the Teams app package: STORED entries (no compression),
// CRC-32 from zlib, no directories, no zip64 (every entry and the archive stay
// under 4 GiB; an icon and a few JSON files are a few kilobytes). Every entry gets
// the same fixed timestamp (1980-01-01 00:00), so the same input gives the same bytes.
#include <string>
#include <string_view>
#include <vector>

namespace bot::package {

struct ZipEntry {
    std::string name;  // path inside the archive, '/'-separated, no leading '/'
    std::string data;
};

// The archive's bytes. Throws std::invalid_argument for an empty or too long name,
// a duplicate name or an entry too large for a zip without zip64.
std::string write_zip(const std::vector<ZipEntry>& entries);

}  // namespace bot::package
