#!/usr/bin/env bash
# cards.microsoft_parser: writes every sample card with card_samples into a fresh
# directory, then has Microsoft's adaptivecards parser check them all.
#   validate_cards.sh <card_samples binary> <tests/tools directory>
set -euo pipefail
samples=$1
tools=$2
command -v node >/dev/null || { echo "FAIL: node is not installed (scripts/bootstrap installs it)" >&2; exit 1; }
[ -d "$tools/node_modules/adaptivecards" ] && [ -d "$tools/node_modules/jsdom" ] ||
  { echo "FAIL: $tools/node_modules lacks adaptivecards or jsdom: run npm ci in tests/tools" >&2; exit 1; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/cards.XXXXXX")
trap 'rm -rf "$dir"' EXIT
"$samples" "$dir"
node "$tools/validate-cards.js" "$dir"
