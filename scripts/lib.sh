# shellcheck shell=bash
# Helpers shared by scripts/*. Sourced, never executed.
# Callers set ROOT (the repo root, resolved from their own location) before sourcing.

: "${ROOT:?scripts/lib.sh: set ROOT before sourcing}"

# Progress and errors go to stderr so that stdout stays machine-readable
# (scripts/db prints nothing but URLs there).
log() { printf '%s: %s\n' "scripts/${0##*/}" "$*" >&2; }
die() { log "error: $*"; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command with root privileges (apt-get); sudo only when we are not root already.
as_root() {
  if is_root; then
    "$@"
  elif have sudo; then
    sudo "$@"
  else
    die "need root privileges (or sudo) to run: $*"
  fi
}
