#!/usr/bin/env bash
# Compiles apps and libs with tsc and rewrites the @crm/* aliases to relative paths for Node.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist
npx tsc -p tsconfig.build.json
npx tsc-alias -p tsconfig.build.json
touch dist/.build-stamp
