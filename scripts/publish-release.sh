#!/usr/bin/env bash
# Attaches files to the GitHub release TAG with the gh CLI, creating it as a draft on the checked-out commit
# if it does not exist yet (the three release workflows may each come first). Re-running replaces the files.
set -euo pipefail
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"
cd "$CM_ROOT"

usage() {
  echo "Usage: scripts/publish-release.sh [--dry-run] TAG FILE..." >&2
  echo "Needs the gh CLI and GH_TOKEN (a token allowed to write releases)." >&2
}
[ "${1:-}" = --dry-run ] && { CM_DRY_RUN=1; shift; }
[ $# -ge 2 ] || { usage; exit 2; }
tag=$1; shift
for file in "$@"; do [ -f "$file" ] || die "no such file: $file"; done
command -v gh >/dev/null 2>&1 || die "the gh CLI is needed"

if [ "$CM_DRY_RUN" -eq 1 ] || ! gh release view "$tag" >/dev/null 2>&1; then
  say "creating draft release $tag on $(git rev-parse --short HEAD)"
  # Another workflow may create it between the check and here; then only the upload below is needed.
  run gh release create "$tag" --draft --target "$(git rev-parse HEAD)" --title "CodexManager $tag" \
    --notes "Installers and portable builds of CodexManager $tag. See README.md for install and upgrade notes." \
    || gh release view "$tag" >/dev/null
fi
run gh release upload "$tag" "$@" --clobber
