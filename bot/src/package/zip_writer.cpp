#include "package/zip_writer.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <set>
#include <stdexcept>

namespace bot::package {
namespace {

// PKWARE APPNOTE.TXT 4.3: local file header, central directory header, end of
// central directory record. All integers little-endian.
constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr std::uint16_t kVersion = 20;       // 2.0: what STORED entries need
constexpr std::uint16_t kUtf8Names = 0x0800;  // general purpose flag bit 11
constexpr std::uint16_t kStored = 0;
constexpr std::uint16_t kDosTime = 0;                     // 00:00:00
constexpr std::uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;  // 1980-01-01
constexpr std::uint16_t kMadeByUnix = (3 << 8) | kVersion;
constexpr std::uint32_t kRegularFile0644 = 0100644u << 16;  // Unix mode in the external attributes

void put16(std::string& out, std::uint16_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
}

void put32(std::string& out, std::uint32_t v) {
    put16(out, static_cast<std::uint16_t>(v & 0xFFFF));
    put16(out, static_cast<std::uint16_t>(v >> 16));
}

std::uint32_t crc32_of(std::string_view data) {
    uLong crc = crc32(0L, Z_NULL, 0);
    // zlib takes uInt lengths; feed it in chunks to be safe with any size.
    constexpr std::size_t kChunk = 1u << 30;
    for (std::size_t pos = 0; pos < data.size(); pos += kChunk) {
        const auto n = std::min(kChunk, data.size() - pos);
        crc = crc32(crc, reinterpret_cast<const Bytef*>(data.data() + pos), static_cast<uInt>(n));
    }
    return static_cast<std::uint32_t>(crc);
}

}  // namespace

std::string write_zip(const std::vector<ZipEntry>& entries) {
    constexpr auto kMax32 = std::numeric_limits<std::uint32_t>::max();
    if (entries.size() > std::numeric_limits<std::uint16_t>::max()) {
        throw std::invalid_argument("zip: too many entries");
    }
    std::string out;
    std::string central;
    std::set<std::string> names;
    for (const auto& e : entries) {
        if (e.name.empty() || e.name.size() > std::numeric_limits<std::uint16_t>::max() || e.name.front() == '/') {
            throw std::invalid_argument("zip: bad entry name \"" + e.name + "\"");
        }
        if (!names.insert(e.name).second) throw std::invalid_argument("zip: duplicate entry \"" + e.name + "\"");
        if (e.data.size() >= kMax32 || out.size() >= kMax32) {
            throw std::invalid_argument("zip: entry \"" + e.name + "\" does not fit in a zip without zip64");
        }
        const auto crc = crc32_of(e.data);
        const auto size = static_cast<std::uint32_t>(e.data.size());
        const auto offset = static_cast<std::uint32_t>(out.size());
        const auto name_length = static_cast<std::uint16_t>(e.name.size());

        put32(out, kLocalHeader);
        put16(out, kVersion);
        put16(out, kUtf8Names);
        put16(out, kStored);
        put16(out, kDosTime);
        put16(out, kDosDate);
        put32(out, crc);
        put32(out, size);  // compressed size
        put32(out, size);  // uncompressed size
        put16(out, name_length);
        put16(out, 0);  // extra field length
        out += e.name;
        out += e.data;

        put32(central, kCentralHeader);
        put16(central, kMadeByUnix);
        put16(central, kVersion);
        put16(central, kUtf8Names);
        put16(central, kStored);
        put16(central, kDosTime);
        put16(central, kDosDate);
        put32(central, crc);
        put32(central, size);
        put32(central, size);
        put16(central, name_length);
        put16(central, 0);  // extra field length
        put16(central, 0);  // comment length
        put16(central, 0);  // disk number start
        put16(central, 0);  // internal attributes
        put32(central, kRegularFile0644);
        put32(central, offset);
        central += e.name;
    }
    if (out.size() + central.size() >= kMax32) throw std::invalid_argument("zip: archive too large without zip64");
    const auto central_offset = static_cast<std::uint32_t>(out.size());
    const auto count = static_cast<std::uint16_t>(entries.size());
    out += central;
    put32(out, kEndOfCentralDirectory);
    put16(out, 0);  // this disk
    put16(out, 0);  // disk with the central directory
    put16(out, count);
    put16(out, count);
    put32(out, static_cast<std::uint32_t>(central.size()));
    put32(out, central_offset);
    put16(out, 0);  // comment length
    return out;
}

}  // namespace bot::package
