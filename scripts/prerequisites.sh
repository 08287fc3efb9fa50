# Sourced by ./syncops and ./test: make sure what SyncOps needs is on this machine, installing it when we can.
# Debian 12 with the .NET SDK is the reference machine; as root we install Debian packages ourselves,
# otherwise we print the one command to run.

syncops_apt_install() {
  # $1: a description, then the Debian package names.
  local what="$1"; shift
  if [ "$(id -u)" -ne 0 ]; then
    echo "syncops: $what is missing: run 'sudo apt-get install -y $*'" >&2
    return 1
  fi
  echo "syncops: installing $what ($*) from Debian ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends "$@" >/tmp/syncops-apt.log 2>&1; then
    apt-get update -q >>/tmp/syncops-apt.log 2>&1 || true
    apt-get install -y -q --no-install-recommends "$@" >>/tmp/syncops-apt.log 2>&1 || {
      echo "syncops: could not install $*; see /tmp/syncops-apt.log" >&2
      return 1
    }
  fi
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "syncops: the .NET 10 SDK is missing: install it (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
    return 1
  fi
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}

# The PostgreSQL server (15 or newer) for the embedded default; not needed with SYNCOPS_DATABASE_URL.
ensure_postgres() {
  local bin
  for bin in /usr/lib/postgresql/*/bin; do
    local version="${bin%/bin}"; version="${version##*/}"
    if [ -x "$bin/initdb" ] && [ "${version%%.*}" -ge 15 ] 2>/dev/null; then
      return 0
    fi
  done
  syncops_apt_install "the PostgreSQL server" postgresql postgresql-contrib
}

# Builds a project into a folder unless the build there is newer than every source file.
# Serialised with flock, so several ./syncops started at once build once.
build_if_stale() {
  local repo="$1" project="$2" out="$3"
  mkdir -p "$out"
  (
    if ! flock -n 9; then
      echo "syncops: waiting for another build of SyncOps to finish ..." >&2
      flock 9
    fi
    local stamp="$out/.built"
    if [ -f "$stamp" ] && [ -z "$(find "$repo/src" "$repo/Directory.Build.props" "$repo/Directory.Packages.props" \
          -newer "$stamp" \( -name '*.cs' -o -name '*.csproj' -o -name '*.sql' -o -name '*.props' -o -name '*.json' \
          -o -name '*.html' -o -name '*.js' -o -name '*.css' \) -not -path '*/obj/*' -not -path '*/bin/*' -print -quit)" ]; then
      exit 0
    fi
    # Say what takes the time: a first build is a silent minute or two otherwise, and looks like a hang.
    if [ -f "$stamp" ]; then
      echo "syncops: sources changed, rebuilding (about half a minute) ..." >&2
    else
      echo "syncops: building (first run, a minute or two) ..." >&2
    fi
    if ! dotnet build "$repo/$project" -c Release -o "$out" --nologo -v q -clp:ErrorsOnly >"$out/build.log" 2>&1; then
      cat "$out/build.log" >&2
      echo "syncops: build failed (log above)" >&2
      exit 1
    fi
    touch "$stamp"
  ) 9>"$out/.lock"
}
