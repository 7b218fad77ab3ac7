#include "package/zip_writer.hpp"
#include "zip_reader.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using bot::package::write_zip;
using bot::package::ZipEntry;

namespace {

std::string binary_sample() {
    std::string s;
    for (int i = 0; i < 1000; ++i) s += static_cast<char>(i * 7 % 256);  // zeros and high bytes included
    return s;
}

std::filesystem::path temp_dir() {
    auto pattern = (std::filesystem::temp_directory_path() / "crm-zip-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    return pattern;
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("zip: entries read back with their names, order and bytes", "[zip]") {
    const std::vector<ZipEntry> entries = {
        {"manifest.json", "{\"a\": 1}\n"}, {"color.png", binary_sample()}, {"empty.txt", ""}, {"fr.json", "é"}};
    std::vector<std::string> order;
    const auto files = test::read_zip(write_zip(entries), &order);
    CHECK(order == std::vector<std::string>{"manifest.json", "color.png", "empty.txt", "fr.json"});
    for (const auto& e : entries) CHECK(files.at(e.name) == e.data);
}

TEST_CASE("zip: the same entries give the same bytes (fixed timestamps)", "[zip]") {
    const std::vector<ZipEntry> entries = {{"a.json", "{}"}, {"b.png", binary_sample()}};
    CHECK(write_zip(entries) == write_zip(entries));
}

TEST_CASE("zip: Info-ZIP's unzip tests and extracts it", "[zip]") {
    const auto dir = temp_dir();
    const std::vector<ZipEntry> entries = {{"manifest.json", "{\"name\": \"CRM\"}\n"}, {"color.png", binary_sample()}};
    {
        std::ofstream out(dir / "t.zip", std::ios::binary);
        const auto zip = write_zip(entries);
        out.write(zip.data(), static_cast<std::streamsize>(zip.size()));
    }
    REQUIRE(std::system("command -v unzip >/dev/null") == 0);  // scripts/bootstrap installs it
    const auto zip = (dir / "t.zip").string();
    const auto out = (dir / "x").string();
    CHECK(std::system(("unzip -tq '" + zip + "' >/dev/null").c_str()) == 0);
    REQUIRE(std::system(("unzip -q '" + zip + "' -d '" + out + "'").c_str()) == 0);
    for (const auto& e : entries) CHECK(slurp(dir / "x" / e.name) == e.data);
    std::filesystem::remove_all(dir);
}

TEST_CASE("zip: bad names are refused", "[zip]") {
    CHECK_THROWS_WITH(write_zip({{"", "x"}}), Catch::Contains("bad entry name"));
    CHECK_THROWS_WITH(write_zip({{"/abs", "x"}}), Catch::Contains("bad entry name"));
    CHECK_THROWS_WITH(write_zip({{"a.json", "1"}, {"a.json", "2"}}), Catch::Contains("duplicate entry \"a.json\""));
}
