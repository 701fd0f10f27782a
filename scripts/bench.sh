#!/usr/bin/env bash
# One command to benchmark factbrief against Hugo (README, "Benchmarks").
#
#   scripts/bench.sh                 # N = 1,000 and 10,000: full builds, rebuilds, serve
#   scripts/bench.sh --quick         # CI: N = 200, 2 runs
#   scripts/bench.sh --sizes 1000 --runs 5
#   scripts/bench.sh --help          # every option (scripts/bench.py)
#
# Installs what is missing (GNU time, Hugo: Debian packages, as root; else
# it says which command to run), builds the release binary, then runs
# scripts/bench.py, which prints the tables and writes target/bench/results.{json,md}.
# A missed performance target is reported, never an error; the script fails
# only when something cannot run.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

want_hugo=1
prev=""
for arg in "$@"; do
  case "$arg" in
    -h|--help) exec python3 scripts/bench.py --help ;;
    --tools=*) [[ "${arg#--tools=}" == *hugo* ]] || want_hugo=0 ;;
  esac
  if [ "$prev" = "--tools" ] && [[ "$arg" != *hugo* ]]; then want_hugo=0; fi
  prev="$arg"
done

command -v python3 >/dev/null 2>&1 || { echo "error: python3 is needed (apt-get install -y python3)" >&2; exit 1; }

# Installs Debian packages as root; otherwise prints the command and returns 1.
apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "note: $* not installed; to install: sudo apt-get install -y $*" >&2
    return 1
  fi
  echo "installing $* (apt-get)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "$@" >/dev/null 2>&1 || {
    apt-get update -qq >/dev/null
    apt-get install -y -qq "$@" >/dev/null
  }
}

# Peak RSS comes from GNU time -v (bench.py falls back to wait4 without it).
[ -x /usr/bin/time ] || apt_install time || true
if [ "$want_hugo" = 1 ] && ! command -v hugo >/dev/null 2>&1; then
  apt_install hugo || echo "note: timing factbrief only" >&2
fi

echo "building factbrief (cargo build --release --locked)..." >&2
cargo build --release --locked --quiet

FACTBRIEF_BENCH_COMMAND="scripts/bench.sh $*" \
  exec python3 scripts/bench.py --bin "$repo/target/release/factbrief" "$@"
