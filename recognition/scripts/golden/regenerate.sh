#!/usr/bin/env bash
# Regenerates the golden descriptors with face-api itself (see README.md):
#   recognition/scripts/golden/regenerate.sh            # crops -> face-api descriptors
#   recognition/scripts/golden/regenerate.sh --boxes    # first re-detect face boxes (prints them; edit photos.tsv by hand)
# Needs node + npm; runs `npm ci` here (node_modules is not committed).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
ASSETS="${OVERSIGHT_ASSETS:-$HOME/.cache/oversight/assets}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

"$REPO/recognition/scripts/fetch-assets.sh"
(cd "$HERE" && npm ci --no-audit --no-fund --ignore-scripts >/dev/null)

if [ "${1:-}" = "--boxes" ]; then
  (cd "$REPO" && mvn -q -o -B -pl recognition -am test -Dtest=GoldenInputsWriter#writeDecodedPhotos \
      -Dsurefire.failIfNoSpecifiedTests=false -Doversight.golden.images="$WORK/images")
  node "$HERE/detect.cjs" "$ASSETS/face-api-1.7.15/model" "$WORK/images"
  exit 0
fi

(cd "$REPO" && mvn -q -o -B -pl recognition -am test -Dtest=GoldenInputsWriter#writeCrops \
    -Dsurefire.failIfNoSpecifiedTests=false -Doversight.golden.crops="$WORK/crops")
node "$HERE/embed.cjs" "$ASSETS/face-api-1.7.15/model" "$WORK/crops" \
    "$REPO/recognition/src/test/resources/golden/descriptors.json"
echo "wrote recognition/src/test/resources/golden/descriptors.json"
