#pragma once
// Reads a zip back for the tests: walks the end-of-central-directory record and
// the central directory, checks each local header against it, and verifies each
// STORED entry's CRC-32. Throws std::runtime_error on anything malformed.
#include <zlib.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace test {

inline std::uint32_t le(const std::string& z, std::size_t at, int bytes) {
    if (at + static_cast<std::size_t>(bytes) > z.size()) throw std::runtime_error("zip: read past the end");
    std::uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(z[at + static_cast<std::size_t>(i)]);
    return v;
}

// name -> data, in central directory order (std::map sorts; order is checked separately).
inline std::map<std::string, std::string> read_zip(const std::string& z, std::vector<std::string>* order = nullptr) {
    if (z.size() < 22) throw std::runtime_error("zip: too short");
    const std::size_t eocd = z.size() - 22;  // we never write a comment
    if (le(z, eocd, 4) != 0x06054b50) throw std::runtime_error("zip: no end of central directory record");
    const auto count = le(z, eocd + 10, 2);
    const auto cd_size = le(z, eocd + 12, 4);
    std::size_t at = le(z, eocd + 16, 4);
    if (at + cd_size != eocd) throw std::runtime_error("zip: central directory size/offset mismatch");
    std::map<std::string, std::string> out;
    for (std::uint32_t i = 0; i < count; ++i) {
        if (le(z, at, 4) != 0x02014b50) throw std::runtime_error("zip: bad central directory header");
        const auto method = le(z, at + 10, 2);
        const auto crc = le(z, at + 16, 4);
        const auto csize = le(z, at + 20, 4);
        const auto usize = le(z, at + 24, 4);
        const auto name_len = le(z, at + 28, 2);
        const auto extra_len = le(z, at + 30, 2);
        const auto comment_len = le(z, at + 32, 2);
        const auto offset = le(z, at + 42, 4);
        const auto name = z.substr(at + 46, name_len);
        if (method != 0 || csize != usize) throw std::runtime_error("zip: " + name + " is not STORED");
        if (le(z, offset, 4) != 0x04034b50) throw std::runtime_error("zip: bad local header for " + name);
        if (le(z, offset + 14, 4) != crc || le(z, offset + 18, 4) != csize ||
            z.substr(offset + 30, le(z, offset + 26, 2)) != name) {
            throw std::runtime_error("zip: local header of " + name + " differs from the central directory");
        }
        const auto data_at = offset + 30 + le(z, offset + 26, 2) + le(z, offset + 28, 2);
        if (data_at + usize > z.size()) throw std::runtime_error("zip: " + name + " runs past the end");
        auto data = z.substr(data_at, usize);
        const auto actual = static_cast<std::uint32_t>(
            crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
        if (actual != crc) throw std::runtime_error("zip: CRC mismatch for " + name);
        if (order) order->push_back(name);
        out.emplace(name, std::move(data));
        at += 46 + name_len + extra_len + comment_len;
    }
    return out;
}

}  // namespace test
