#!/usr/bin/env bash
# Compiles apps and libs with tsc and rewrites the @crm/* aliases to relative paths for Node.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist
npx tsc -p tsconfig.build.json
npx tsc-alias -p tsconfig.build.json
# The audit operator console: static files served from dist/apps/audit/public (no build step of their own).
mkdir -p dist/apps/audit && cp -R apps/audit/public dist/apps/audit/public
# The AsyncAPI document every app serves at /asyncapi.json (libs/runtime api-docs.ts reads dist/docs/asyncapi.json).
mkdir -p dist/docs && cp docs/asyncapi.json dist/docs/asyncapi.json
touch dist/.build-stamp
