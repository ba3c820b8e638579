#!/usr/bin/env bash
# The command-line tools some tests read documents back with, as a person's
# viewer would: pdftotext (poppler-utils) and zbarimg (zbar-tools). Installed
# with apt when run as root; otherwise the tests that need them are skipped.
set -uo pipefail
need=()
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v zbarimg >/dev/null || need+=(zbar-tools)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing test tools: ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || echo "Could not install ${need[*]}; the tests that read documents back with them are skipped." >&2
else
  echo "Not installed: ${need[*]} (sudo apt-get install ${need[*]}); those tests are skipped." >&2
fi
exit 0
