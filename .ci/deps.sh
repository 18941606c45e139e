#!/usr/bin/env bash
# Install what automark needs on Debian 12 (run as root). Idempotent: when every
# package is already installed it returns at once without touching apt.
set -euo pipefail
packages=(
  cmake g++ make pkg-config python3
  nlohmann-json3-dev libyaml-cpp-dev libfmt-dev catch2 libcli11-dev
  libstemmer-dev libicu-dev libre2-dev libpoppler-cpp-dev libzip-dev libpugixml-dev
)
# Fuzzing (libFuzzer) needs clang and its runtime; optional for building.
if [ "${AUTOMARK_FUZZ_DEPS:-1}" = 1 ]; then
  packages+=(clang libclang-rt-14-dev)
fi
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
