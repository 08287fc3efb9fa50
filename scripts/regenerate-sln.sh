#!/usr/bin/env bash
# Rebuilds SyncOps.sln from every project in the tree (solution files merge badly; the projects are the truth).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f SyncOps.sln
dotnet new sln -n SyncOps -o . --format sln >/dev/null
find src tests bench -name '*.csproj' -not -path '*/bin/*' -not -path '*/obj/*' | sort | xargs dotnet sln SyncOps.sln add >/dev/null
