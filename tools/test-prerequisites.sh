#!/usr/bin/env bash
# Installs what the tests need beyond Java and Maven, so that README's test command passes on a
# fresh machine. Maven runs it before the plugin's tests (yamcs-plugin/pom.xml); it does nothing
# when everything is there already.
#   python3-skyfield: the independent SGP4 implementation the pass predictions are checked with.
#   chromium, chromium-driver: the browser tests' headless browser and its WebDriver (Debian's own: no
#   test downloads a browser).
set -uo pipefail

missing=()
/usr/bin/python3 -c 'import skyfield' 2>/dev/null || missing+=(python3-skyfield)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    apt=(apt-get)
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    apt=(sudo apt-get)
else
    echo "test-prerequisites: missing ${missing[*]}, and no root to install it: apt-get install ${missing[*]}" >&2
    exit 0 # the tests that need them fail and say what to install
fi
echo "test-prerequisites: installing ${missing[*]} (Debian packages)"
export DEBIAN_FRONTEND=noninteractive
"${apt[@]}" update -qq && "${apt[@]}" install -y -qq "${missing[@]}" > /dev/null \
    || { echo "test-prerequisites: could not install ${missing[*]}" >&2; exit 1; }
