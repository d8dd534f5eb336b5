#!/usr/bin/env bash
# The project's test command: every unit, acceptance, API and browser test.
# The browser tests drive Debian's headless Chromium through its chromedriver; install them when missing.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update && apt-get install -y chromium chromium-driver
  elif command -v sudo >/dev/null; then
    sudo apt-get update && sudo apt-get install -y chromium chromium-driver
  else
    echo "test.sh: the browser tests need Debian's chromium and chromium-driver; install them first" >&2
    exit 1
  fi
fi
mvn -B verify "$@"
