#!/usr/bin/env bash
# Regenerates docs/schema.sql from a freshly migrated database: runs the test that checks it, in writing mode.
# Needs the PostgreSQL server (its pg_dump) like every other test. Usage: scripts/dump-schema.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SYNCOPS_UPDATE_SCHEMA=1 dotnet test tests/SyncOps.Tests -c Release --nologo -v q \
    --filter "FullyQualifiedName~SyncOps.Tests.Database.SchemaDocumentTests"
git --no-pager diff --stat -- docs/schema.sql
