#!/bin/sh
# CI proof of issue 14 item 1: `scripts/demo` as root in a plain container (no
# --privileged, no added capability, as a CI runner or a devcontainer gives a new
# user) exits 0, prints no traceback and says once that the kernel runs without
# isolation: there `unshare` is refused (no CAP_SYS_ADMIN) and the local backend
# falls back to its unprivileged path.
#
#   scripts/ci-root-container.sh        after scripts/ci-docker.sh (engine and base image)
#
# The container is the debootstrapped base (no registry is reachable) with the
# checkout's tracked files copied in at the same path. Building environments
# again would take minutes and prove nothing about isolation, so the host lends
# what `scripts/demo` would otherwise build: the checkout's .venv (bootstrap
# reinstalls the editable package into it, as scripts/test does on the host),
# uv's cache (that reinstall runs offline: the network's TLS proxy is not trusted
# in the image), and read-only the locked environment (built here first if
# missing: the test suite needs it anyway) and the Python the venvs were made from.
set -eu

HERE="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$HERE/.venv/bin/python}"
BASE_TAG="${MLEMOD_BASE_IMAGE:-mlemodernizer/base:bookworm-2}"
say() { echo "ci-root-container: $*" >&2; }
began=$(date +%s)

ENV_PYTHON="$("$PYTHON" -c 'from mlemodernizer.executor import lockenv; print(lockenv.venv_python())')"
CACHE="$("$PYTHON" -c 'from mlemodernizer.executor import lockenv; print(lockenv.cache_dir())')"
UV_CACHE="$("$HERE/.venv/bin/uv" cache dir)"
mounts="-v $HERE/.venv:$HERE/.venv -v $UV_CACHE:/uv-cache -v $CACHE/envs:$CACHE/envs:ro"
for prefix in "$("$PYTHON" -c 'import sys; print(sys.base_prefix)')" "$("$ENV_PYTHON" -c 'import sys; print(sys.base_prefix)')"; do
    case "$prefix" in
        /usr | /) ;;  # the system's Python: the image has bookworm's own
        *) case " $mounts " in *" $prefix:"*) ;; *) mounts="$mounts -v $prefix:$prefix:ro" ;; esac ;;
    esac
done

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
say "scripts/demo as root in $BASE_TAG (no added capabilities)"
set +e
(cd "$HERE" && git ls-files -z --cached --others --exclude-standard | tar --null -T - --ignore-failed-read -c 2>/dev/null) |
    # shellcheck disable=SC2086
    docker run --rm -i $mounts -e MLEMOD_CACHE="$CACHE" -e UV_OFFLINE=1 -e UV_CACHE_DIR=/uv-cache \
        -e UV_LINK_MODE=copy -w "$HERE" "$BASE_TAG" \
        sh -c 'tar -x -C "$0" && id -u && exec scripts/demo' "$HERE" >"$out" 2>&1
code=$?
set -e
seconds=$(($(date +%s) - began))

fail() { say "FAILED: $*"; tail -n 40 "$out" >&2; exit 1; }
[ "$code" -eq 0 ] || fail "scripts/demo exited $code"
[ "$(head -n 1 "$out")" = 0 ] || fail "the demo did not run as root"
! grep -q Traceback "$out" || fail "a traceback was printed"
warnings=$(grep -c "without isolation" "$out" || true)
[ "$warnings" -eq 1 ] || fail "expected one warning line about isolation, got $warnings"
grep "without isolation" "$out" >&2
tail -n 4 "$out" >&2
say "ok: exit 0, no traceback, one isolation warning (${seconds}s)"
