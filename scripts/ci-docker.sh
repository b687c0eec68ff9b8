#!/bin/sh
# Make a Docker engine and the tabular environment image available, for CI.
#
#   scripts/ci-docker.sh            prepare (idempotent; cached between runs on one machine)
#   scripts/ci-docker.sh --test     prepare, then run the docker tests
#
# No registry is reachable in CI: the base image is debootstrapped from the
# Debian mirror apt uses (executor/image/base-image.sh), and the environment
# image is built on it with `mlemod env build --base`. Each step is skipped when
# its result already exists, so a second run on the same machine is quick.
set -eu

HERE="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$HERE/.venv/bin/python}"
BASE_TAG="${MLEMOD_BASE_IMAGE:-mlemodernizer/base:bookworm-2}"
DOCKERD_LOG="${DOCKERD_LOG:-/var/log/mlemod-dockerd.log}"

say() { echo "ci-docker: $*" >&2; }

need_packages=""
command -v dockerd >/dev/null || need_packages="$need_packages docker.io"
command -v debootstrap >/dev/null || need_packages="$need_packages debootstrap"
if [ -n "$need_packages" ]; then
    say "installing$need_packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq $need_packages >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
    say "starting dockerd (log: $DOCKERD_LOG)"
    nohup dockerd >"$DOCKERD_LOG" 2>&1 &
    tries=0
    until docker info >/dev/null 2>&1; do
        tries=$((tries + 1))
        if [ "$tries" -gt 60 ]; then
            say "dockerd did not come up in 60s; last log lines:"
            tail -n 20 "$DOCKERD_LOG" >&2
            exit 1
        fi
        sleep 1
    done
fi

"$HERE/executor/image/base-image.sh" "$BASE_TAG"

# `env build` itself skips when the image tagged with the current lock hash exists.
"$PYTHON" -m mlemodernizer.cli env build --base "$BASE_TAG" --profile tabular

if [ "${1:-}" = "--test" ]; then
    cd "$HERE"
    exec "$PYTHON" -m pytest -m docker tests/executor -q
fi
