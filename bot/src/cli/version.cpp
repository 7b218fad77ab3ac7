#include "cli/commands.hpp"

#include <iostream>

namespace bot::cli {

int version() {
    std::cout << "crmbot " << CRMBOT_VERSION << "\n";
    return 0;
}

}  // namespace bot::cli
