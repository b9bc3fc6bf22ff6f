#!/usr/bin/env bash
# Provisions a real CPython 2.7.18 into .tools/python2.7/ without root and without touching the
# system's apt configuration: Debian's bullseye packages are fetched from the system's Debian mirror with a
# private sources list and lists directory, then unpacked with dpkg -x. Idempotent: a verified install is left alone.
# .tools/ is created in the folder above this script (the repository), or in PLEXIMPROVE_TOOLS_ROOT when set
# (an installed plex-improve points it at the user's data folder).
set -euo pipefail

root="${PLEXIMPROVE_TOOLS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
mkdir -p "$root"
target="$root/.tools/python2.7"
python="$target/usr/bin/python2.7"
# libssl1.1 (bullseye's OpenSSL 1.1) is unpacked beside the interpreter so "import ssl" works; plex-improve points
# LD_LIBRARY_PATH at PYTHONHOME/lib/<triplet> for the processes it starts, so no system setting changes.
packages=(python2.7-minimal libpython2.7-minimal libpython2.7-stdlib libssl1.1 python3-dateutil python-six)
# The Framework's shared libraries that bullseye ships in a Python-2-compatible form (dateutil 2.8 and the six it
# needs) go to framework/Shared beside the interpreter, where Plex in a box puts them on agents' import path.
framework="$target/framework/Shared"

tls_dir() {
  ls -d "$target"/usr/lib/*-linux-gnu 2>/dev/null | while read -r d; do [ -f "$d/libssl.so.1.1" ] && echo "$d"; done | head -n 1
}

verify() {
  [ -x "$python" ] && PYTHONHOME="$target/usr" LD_LIBRARY_PATH="$(tls_dir)" "$python" -c 'import json, urllib2, httplib, HTMLParser, xml.etree.ElementTree, ssl' 2>/dev/null &&
    PYTHONHOME="$target/usr" PYTHONPATH="$framework" "$python" -c 'import dateutil.parser, dateutil.relativedelta, six' 2>/dev/null
}

if verify; then
  echo "Python 2.7 ready: $python ($(PYTHONHOME="$target/usr" "$python" -V 2>&1))"
  exit 0
fi

for tool in apt-get dpkg; do
  command -v "$tool" >/dev/null || { echo "error: '$tool' is needed to provision Python 2.7 (a Debian-like system)." >&2; exit 2; }
done

keyring=""
for candidate in /usr/share/keyrings/debian-archive-bullseye-stable.gpg /usr/share/keyrings/debian-archive-keyring.gpg; do
  [ -f "$candidate" ] && { keyring="$candidate"; break; }
done
[ -n "$keyring" ] || { echo "error: no Debian archive keyring found (install debian-archive-keyring)." >&2; exit 2; }

# The system's own Debian mirror (or proxy), or PYTHON27_DEBIAN_MIRROR: see scripts/debian-mirror.sh.
mirror="$("$root/scripts/debian-mirror.sh")" || exit 2

work="$root/.tools/apt"
rm -rf "$work"
mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/debs"
echo "deb [signed-by=$keyring] $mirror bullseye main" > "$work/sources.list"

apt_private=(
  -o "Dir::Etc::SourceList=$work/sources.list"
  -o "Dir::Etc::SourceParts=-"
  -o "Dir::State::Lists=$work/lists"
  -o "Dir::Cache::Archives=$work/archives"
  -o "Dir::Cache::pkgcache="
  -o "Dir::Cache::srcpkgcache="
  -o "APT::Sandbox::User=$(id -un)"
  -o "Debug::NoLocking=1"
)

echo "Fetching ${packages[*]} from Debian bullseye ($mirror)..."
apt-get "${apt_private[@]}" -qq update
(cd "$work/debs" && apt-get "${apt_private[@]}" -qq download "${packages[@]}")

staging="$root/.tools/python2.7.partial"
rm -rf "$staging"
mkdir -p "$staging"
for deb in "$work"/debs/*.deb; do
  dpkg -x "$deb" "$staging"
done
mkdir -p "$staging/framework/Shared"
mv "$staging/usr/lib/python3/dist-packages/dateutil" "$staging/framework/Shared/"
mv "$staging/usr/lib/python2.7/dist-packages/six.py" "$staging/framework/Shared/"
rm -rf "$target"
mv "$staging" "$target"
rm -rf "$work"

if verify; then
  echo "Python 2.7 ready: $python ($(PYTHONHOME="$target/usr" "$python" -V 2>&1))"
else
  echo "error: Python 2.7 was unpacked into $target but does not run 'import json, urllib2, ssl' or the Framework's 'import dateutil.parser'." >&2
  exit 1
fi
