#!/bin/sh
# Make Debian's Chromium available for the browser test (tests/agent/test_report_html.py).
#
#   scripts/ci-browser.sh      install chromium when it is missing (idempotent)
#
# It installs only as root and only when `chromium` is not on PATH. When it cannot
# (not root, no apt, the mirror unreachable) it says so and exits 0: the browser
# test then skips, naming the reason.
set -u

say() { echo "ci-browser: $*" >&2; }

if command -v chromium >/dev/null 2>&1; then
    say "chromium is there: $(chromium --version 2>/dev/null || echo '?')"
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    say "chromium is missing and this is not root: not installing (the browser test will skip)"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    say "chromium is missing and there is no apt-get: not installing (the browser test will skip)"
    exit 0
fi
say "installing chromium (Debian's package)"
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; then
    say "installed: $(chromium --version 2>/dev/null || echo '?')"
else
    say "could not install chromium (the browser test will skip)"
fi
exit 0
