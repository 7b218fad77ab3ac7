#!/usr/bin/env bash
# package.manifest_schema: `crmbot package` with test settings into a fresh
# directory, the zip listed and unzipped, then every file checked offline by
# Microsoft's own manifest tooling (tests/tools/validate-manifest.js).
#   validate_package.sh <crmbot binary> <tests/tools directory>
set -euo pipefail
crmbot=$1
tools=$2
command -v node >/dev/null || { echo "FAIL: node is not installed (scripts/bootstrap installs it)" >&2; exit 1; }
command -v unzip >/dev/null || { echo "FAIL: unzip is not installed (scripts/bootstrap installs it)" >&2; exit 1; }
[ -d "$tools/node_modules/@microsoft/app-manifest/build/json-schemas/teams" ] ||
  { echo "FAIL: $tools/node_modules lacks @microsoft/app-manifest: run npm ci in tests/tools" >&2; exit 1; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/package.XXXXXX")
trap 'rm -rf "$dir"' EXIT

# Only these settings: whatever the caller's environment holds must not leak in.
env -i PATH="$PATH" \
  MicrosoftAppId=0b6a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d \
  CRMBOT_PUBLIC_HOST=crm.contoso.example \
  TEAMS_APP_NAME="Contoso CRM" \
  TEAMS_APP_DEVELOPER="Contoso Ltd" \
  TEAMS_APP_WEBSITE=https://www.contoso.example \
  "$crmbot" package --out "$dir/teams-app.zip"

# Exactly these files, at the root of the zip (no folder).
expected=$'color.png\nde.json\nes.json\nfr.json\nmanifest.json\noutline.png'
actual=$(unzip -Z1 "$dir/teams-app.zip" | sort)
if [ "$actual" != "$expected" ]; then
  printf 'FAIL: the zip holds\n%s\nexpected\n%s\n' "$actual" "$expected" >&2
  exit 1
fi
unzip -tq "$dir/teams-app.zip"
unzip -q "$dir/teams-app.zip" -d "$dir/unzipped"
node "$tools/validate-manifest.js" "$dir/unzipped"
