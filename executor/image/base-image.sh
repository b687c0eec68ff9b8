#!/bin/sh
# Build a minimal Debian bookworm with python3 and import it into Docker as a
# local base image, for machines that cannot pull python:3.11-slim from a
# registry (CI here). Bookworm's python3 is 3.11, the version the locks target.
#
#   executor/image/base-image.sh [TAG]        default TAG: mlemodernizer/base:bookworm-2
#
# Cached: does nothing when TAG already exists (bump the default tag's number
# whenever PACKAGES changes, so that cached bases are not reused). The Debian
# mirror is the one apt already uses on this machine (read from
# /etc/apt/sources.list*), so no other host is contacted.
set -eu

TAG="${1:-mlemodernizer/base:bookworm-2}"
# python3-venv brings ensurepip; libgomp1 is the OpenMP runtime lightgbm links
# against (its wheel does not bundle it).
PACKAGES="python3,python3-venv,libgomp1"
SUITE="${SUITE:-bookworm}"

if docker image inspect "$TAG" >/dev/null 2>&1; then
    echo "base image $TAG exists"
    exit 0
fi

mirror() {
    # deb822 files ("URIs: http://...") first, then one-line "deb http://... bookworm main".
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk '/^URIs:/ {print $2}' "$f" | grep -v security | head -n1
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        awk '$1 == "deb" && $0 ~ /debian/ && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' "$f"
    done
}
MIRROR="${MIRROR:-$(mirror | grep -m1 debian || true)}"
if [ -z "$MIRROR" ]; then
    echo "base-image.sh: no Debian mirror found in /etc/apt/sources.list*; set MIRROR=" >&2
    exit 2
fi

command -v debootstrap >/dev/null || { echo "base-image.sh: debootstrap is not installed" >&2; exit 2; }

ROOT="$(mktemp -d /tmp/mlemod-base.XXXXXX)"
trap 'rm -rf "$ROOT" "$ROOT.log"' EXIT
echo "debootstrap $SUITE from $MIRROR into $ROOT"
# minbase: essential packages + apt only, plus PACKAGES.
debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$ROOT" "$MIRROR" >"$ROOT.log" 2>&1 || {
    tail -n 30 "$ROOT.log" >&2
    exit 1
}
# Nothing in the image needs apt's package lists or caches: keep it small.
rm -rf "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/cache/apt/* "$ROOT"/usr/share/doc/* "$ROOT"/usr/share/man/*
tar -C "$ROOT" -c . | docker import \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["python3"]' \
    - "$TAG"
echo "imported $TAG"
