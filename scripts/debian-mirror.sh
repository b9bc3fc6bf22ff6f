#!/usr/bin/env bash
# Prints the Debian mirror that scripts/setup-python27.sh fetches from: PYTHON27_DEBIAN_MIRROR when set, else the
# first Debian archive of this system's apt sources (the files apt itself reads, found with apt-config, so APT_CONFIG
# and a site's own mirror or proxy apply). Both the one-line format (sources.list, *.list) and the deb822 format
# (*.sources) are read; security, updates and backports suites are skipped, since only the release's own archive
# carries bullseye's packages. Exit 2 with the way out when no Debian archive is configured.
set -euo pipefail

if [ -n "${PYTHON27_DEBIAN_MIRROR:-}" ]; then
  echo "${PYTHON27_DEBIAN_MIRROR%/}"
  exit 0
fi

command -v apt-config >/dev/null || {
  echo "error: 'apt-config' is needed to read the system's Debian sources; or set PYTHON27_DEBIAN_MIRROR to a Debian mirror." >&2
  exit 2
}

list="" parts=""
eval "$(apt-config shell list Dir::Etc::sourcelist/f parts Dir::Etc::sourceparts/d)"

files=()
[ -n "$list" ] && [ -f "$list" ] && files+=("$list")
if [ -n "$parts" ] && [ -d "$parts" ]; then
  for f in "$parts"/*.list "$parts"/*.sources; do [ -f "$f" ] && files+=("$f"); done
fi

# One candidate URI per line, in the order apt reads them: "deb" entries of a plain release suite with "main".
candidates() {
  local f
  for f in "${files[@]}"; do
    case "$f" in
      *.sources)
        awk '
          function flush() {
            if (types ~ /(^| )deb( |$)/ && enabled != "no" && comps ~ /(^| )main( |$)/) {
              n = split(suites, s, " "); m = split(uris, u, " ")
              for (i = 1; i <= n; i++) if (s[i] ~ /^[a-z]+$/) { for (j = 1; j <= m; j++) print u[j]; break }
            }
            types = uris = suites = comps = enabled = ""
          }
          /^[ \t]*#/ { next }
          /^[ \t]*$/ { flush(); next }
          {
            key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^ +/, "")
            if (key == "types") types = $0; else if (key == "uris") uris = $0
            else if (key == "suites") suites = $0; else if (key == "components") comps = $0
            else if (key == "enabled") enabled = tolower($0)
          }
          END { flush() }' "$f"
        ;;
      *)
        awk '
          /^[ \t]*#/ || NF < 4 || $1 != "deb" { next }
          {
            i = 2
            if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
            uri = $i; suite = $(i + 1); main = 0
            for (k = i + 2; k <= NF; k++) if ($k == "main") main = 1
            if (main && suite ~ /^[a-z]+$/) print uri
          }' "$f"
        ;;
    esac
  done
}

while IFS= read -r uri; do
  case "$uri" in
    *security*) continue ;;
    *[Dd]ebian*) echo "${uri%/}"; exit 0 ;;
  esac
done < <(candidates)

echo "error: no Debian archive found in this system's apt sources (${files[*]:-none}); set PYTHON27_DEBIAN_MIRROR to a Debian mirror that carries bullseye." >&2
exit 2
