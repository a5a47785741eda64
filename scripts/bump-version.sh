#!/usr/bin/env bash
# Sets the product version in every place listed in scripts/version-places.txt (the installers derive theirs from
# pom.xml when they are built). Prints each change; --dry-run only prints.
set -euo pipefail
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"
cd "$CM_ROOT"

usage() { echo "Usage: scripts/bump-version.sh [--dry-run] NEW_VERSION   (e.g. 1.4.0 or 1.4.0-SNAPSHOT)" >&2; }
new=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) CM_DRY_RUN=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) usage; die "unknown argument: $1" ;;
    *) [ -z "$new" ] || { usage; die "more than one version given"; }; new=$1; shift ;;
  esac
done
[ -n "$new" ] || { usage; exit 2; }
printf '%s' "$new" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$' \
  || die "version must be MAJOR.MINOR.PATCH with an optional -QUALIFIER: $new"
IFS=. read -r major minor patch <<<"${new%%-*}"
# Windows Installer limits: major and minor up to 255, build (patch) up to 65535.
[ "$major" -le 255 ] && [ "$minor" -le 255 ] && [ "$patch" -le 65535 ] \
  || die "an .msi version allows at most 255.255.65535: $new"

old=$(project_version)
[ "$old" != "$new" ] || { say "version is already $new: nothing to do"; exit 0; }
say "bumping $old -> $new$([ "$CM_DRY_RUN" -eq 1 ] && printf ' (dry run: no file is changed)')"
changed=0
while IFS=$'\t' read -r file prefix suffix; do
  case "$file" in ''|'#'*) continue ;; esac
  [ -f "$file" ] || die "$file (listed in scripts/version-places.txt) does not exist"
  grep -qxF -- "$prefix$old$suffix" "$file" || die "$file has no line '$prefix$old$suffix'"
  say "  $file: '$prefix$old$suffix' -> '$prefix$new$suffix'"
  if [ "$CM_DRY_RUN" -eq 0 ]; then
    awk -v from="$prefix$old$suffix" -v to="$prefix$new$suffix" \
      '!done && $0 == from { print to; done = 1; next } { print }' "$file" >"$file.bump"
    cat "$file.bump" >"$file" && rm "$file.bump"   # keeps the file's mode
  fi
  changed=$((changed + 1))
done <scripts/version-places.txt
numeric=${new%%-*}
say "$changed file(s). Installers built from now on: .deb/.msi version $numeric, macOS bundle version" \
  "$(case "$numeric" in 0.*) printf '1.%s' "${numeric#0.}" ;; *) printf '%s' "$numeric" ;; esac)"
