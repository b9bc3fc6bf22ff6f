#!/usr/bin/env bash
# Builds the release archives into artifacts/:
#   plex-improve-<version>-<rid>.tar.gz (.zip for Windows): one self-contained, single-file, ReadyToRun program with
#   its shipped files beside it (appsettings.json, prompts/, lessons/, python/, scenarios/, scripts/setup-python27.sh);
#   PlexImprove.<version>.nupkg: the 'dotnet tool' package (needs the .NET 10 runtime).
#
# Usage: scripts/publish.sh [RID...] [--no-tool] [--tool-only]
#   RIDs default to linux-x64 linux-arm64 osx-arm64 osx-x64 win-x64. A platform whose runtime pack the package
#   source does not serve is skipped with a note; the script fails only when nothing could be built.
#   PLEXIMPROVE_VERSION sets the version (default 1.0.0).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/src/PlexImprove.Cli/PlexImprove.Cli.csproj"
artifacts="$root/artifacts"
version="${PLEXIMPROVE_VERSION:-1.0.0}"
rids=()
tool=true
binaries=true
for arg in "$@"; do
  case "$arg" in
    --no-tool) tool=false ;;
    --tool-only) binaries=false ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    linux-x64|linux-arm64|osx-arm64|osx-x64|win-x64) rids+=("$arg") ;;
    *) echo "error: unknown argument '$arg' (platforms: linux-x64 linux-arm64 osx-arm64 osx-x64 win-x64; options: --no-tool, --tool-only)." >&2; exit 2 ;;
  esac
done
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64 linux-arm64 osx-arm64 osx-x64 win-x64)
mkdir -p "$artifacts"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

built=()
skipped=()
if $binaries; then
  for rid in "${rids[@]}"; do
    name="plex-improve-$version-$rid"
    out="$artifacts/publish/$rid/$name"
    log="$artifacts/publish/$rid.log"
    rm -rf "$out"
    mkdir -p "$(dirname "$out")"
    echo "Publishing $rid..." >&2
    # ReadyToRun images are always compiled afresh: the SDK reuses the ones from the last publish even when they were
    # compiled as another kind (composite parts then abort at start with exit code 134, looking for their image).
    rm -rf "$artifacts/build/$rid/obj/PlexImprove.Cli/"*/R2R
    # Separate build folders per platform keep the repository's own build (and the launcher's) untouched.
    # Composite: the framework and the program are compiled as one ReadyToRun image, so framework generics used by the
    # program (collections, JSON metadata, the command line) and calls across assemblies are compiled ahead too, not
    # jitted at start. Measured side by side on linux-x64 (2 cores, medians of 9 starts): mcp answers tools/list after
    # 0.32 s instead of 0.49 s, and a 150 MiB aggregate takes 3.3x grep -c instead of 3.9x; the build takes about 4
    # minutes per platform instead of 2.3.
    if ! dotnet publish "$project" -c Release -r "$rid" --self-contained true -nologo -v minimal \
          --artifacts-path "$artifacts/build/$rid" -o "$out" -p:Version="$version" \
          -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true \
          -p:DebugType=none -p:GenerateDocumentationFile=false \
          >"$log" 2>&1; then
      if grep -q "NU1101\|NU1102\|Unable to find package" "$log"; then
        echo "  skipped: the package source does not serve the $rid runtime pack ($(grep -o "Unable to find package [^ ]*" "$log" | head -n 1))." >&2
        skipped+=("$rid")
        continue
      fi
      cat "$log" >&2
      echo "error: publishing $rid failed (see above)." >&2
      exit 1
    fi
    rm -f "$out"/*.pdb
    if [ "$rid" = win-x64 ]; then
      archive="$artifacts/$name.zip"
      rm -f "$archive"
      (cd "$(dirname "$out")" && python3 -c 'import sys, shutil; shutil.make_archive(sys.argv[1], "zip", ".", sys.argv[2])' "${archive%.zip}" "$name")
    else
      archive="$artifacts/$name.tar.gz"
      tar -C "$(dirname "$out")" -czf "$archive" "$name"
    fi
    echo "  $archive ($(du -h "$archive" | cut -f1))" >&2
    built+=("$archive")
  done
fi

if $tool; then
  echo "Packing the dotnet tool..." >&2
  log="$artifacts/tool.log"
  if ! dotnet pack "$project" -c Release -nologo -v minimal --artifacts-path "$artifacts/build/tool" -o "$artifacts" \
        -p:PlexImproveTool=true -p:Version="$version" >"$log" 2>&1; then
    cat "$log" >&2
    echo "error: packing the dotnet tool failed (see above)." >&2
    exit 1
  fi
  echo "  $artifacts/PlexImprove.$version.nupkg (install: dotnet tool install --global --add-source $artifacts PlexImprove)" >&2
  built+=("$artifacts/PlexImprove.$version.nupkg")
fi

[ ${#skipped[@]} -eq 0 ] || echo "Not served here, skipped: ${skipped[*]}" >&2
[ ${#built[@]} -gt 0 ] || { echo "error: nothing was built." >&2; exit 1; }
printf '%s\n' "${built[@]}"
