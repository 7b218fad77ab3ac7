// Writes every sample card in every language as <dir>/<locale>-<name>.json, for
// Microsoft's parser (tests/tools/validate-cards.js).
#include "sample_cards.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: card_samples <directory>\n";
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);
    int written = 0;
    for (auto locale : cards::kAllLocales) {
        for (const auto& [name, card] : cards::samples::all_cards(locale)) {
            std::ofstream out(dir / (std::string(cards::locale_tag(locale)) + "-" + name + ".json"));
            out << card.dump(2) << '\n';
            if (!out) {
                std::cerr << "cannot write " << name << " into " << dir << '\n';
                return 1;
            }
            ++written;
        }
    }
    std::cout << written << " cards written to " << dir.string() << '\n';
    return 0;
}
