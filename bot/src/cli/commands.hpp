#pragma once
// crmbot's subcommands. main.cpp only parses the command line and calls one of
// these; each returns the process exit code and reports its own errors.
#include <string>

namespace bot::cli {

// Applies pending migrations (failing fast), then serves HTTP until SIGINT/SIGTERM.
int serve();
// Applies pending migrations and prints what it applied.
int migrate();
// The notification outbox: what waits, what failed and why.
int outbox_status();
// Sends the dead letters again.
int outbox_retry();
// Prints "crmbot <version>".
int version();
// Writes the Teams app package (manifest, icons, localization files) to out_path.
int package(const std::string& out_path);

}  // namespace bot::cli
