#!/bin/sh
# CI proof of issue 14 item 1, where users are. In one plain container (no
# --privileged, no added capability, as a CI runner or a devcontainer gives a new
# user):
#  - `scripts/demo` as root exits 0, prints no traceback and says once that the
#    kernel runs without isolation: there `unshare` is refused (no CAP_SYS_ADMIN)
#    and the local backend falls back to its unprivileged path;
#  - then the same repair as an ordinary user (uid 1000, HOME in /tmp) exits 0,
#    prints no traceback and no isolation warning (without root the unprivileged
#    path is the expected one, so nothing is said), and a cell appended to the
#    notebook cannot write into the checkout (root's): the kernel has that user's
#    rights, not the server's.
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
# Those sit under /root, which the image keeps 0700: the container's own /root is
# opened for traversal (711) before the user's turn; the host's is not touched.
set -eu

HERE="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$HERE/.venv/bin/python}"
BASE_TAG="${MLEMOD_BASE_IMAGE:-mlemodernizer/base:bookworm-2}"
USER_ID=1000
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

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="$work/out"
# The demo notebook plus one cell that tries to write into the checkout: run by the user, it must fail.
"$PYTHON" - "$HERE" "$work/escape.ipynb" <<'EOF'
import json
import sys

here, target = sys.argv[1:]
nb = json.load(open(f"{here}/examples/breast_cancer_2017.ipynb"))
probe = (f"import os\ntry:\n    open({here + '/ESCAPED'!r}, 'w').close()\n    outcome = 'written'\n"
         "except OSError as exc:\n    outcome = type(exc).__name__\n"
         "print('escape probe: uid', os.getuid(), 'writing the checkout:', outcome)")
nb["cells"].append({"cell_type": "code", "execution_count": None, "id": "escape-probe", "metadata": {},
                    "outputs": [], "source": probe})
json.dump(nb, open(target, "w"))
EOF
chmod 755 "$work" && chmod 644 "$work/escape.ipynb"

# Runs in the container as root; markers split what root and the user printed.
inner='tar -x -C "$0" || exit 99
echo "== uid $(id -u)"
scripts/demo
echo "== root exit $?"
chmod 711 /root && install -d -o "$1" -g "$1" -m 700 /tmp/user
setpriv --reuid="$1" --regid="$1" --clear-groups env HOME=/tmp/user \
    .venv/bin/mlemod repair /escape/escape.ipynb --data examples/data/input --out /tmp/user/repaired
echo "== user exit $?"
grep -hoE "escape probe: uid [0-9]+ writing the checkout: [A-Za-z]+" /tmp/user/repaired/escape.repaired.ipynb
.venv/bin/python -c "import json, sys; fp = json.load(open(sys.argv[1]))[\"fingerprint\"]; print(\"== user fingerprint:\", \
    fp[\"backend\"], \"network\", fp[\"network\"], \"kaggle paths\", fp[\"kaggle_paths\"])" /tmp/user/repaired/report.json
[ ! -e ESCAPED ] || echo "== the checkout was written"'

say "scripts/demo as root, then the repair as uid $USER_ID, in $BASE_TAG (no added capabilities)"
set +e
(cd "$HERE" && git ls-files -z --cached --others --exclude-standard | tar --null -T - --ignore-failed-read -c 2>/dev/null) |
    # shellcheck disable=SC2086
    docker run --rm -i $mounts -v "$work:/escape:ro" -e MLEMOD_CACHE="$CACHE" -e UV_OFFLINE=1 -e UV_CACHE_DIR=/uv-cache \
        -e UV_LINK_MODE=copy -w "$HERE" "$BASE_TAG" sh -c "$inner" "$HERE" "$USER_ID" >"$out" 2>&1
code=$?
set -e
seconds=$(($(date +%s) - began))

fail() { say "FAILED: $*"; tail -n 40 "$out" >&2; exit 1; }
[ "$code" -eq 0 ] || fail "the container exited $code"
sed '/^== root exit /q' "$out" >"$work/root"
sed '1,/^== root exit /d' "$out" >"$work/user"

[ "$(head -n 1 "$work/root")" = "== uid 0" ] || fail "the demo did not run as root"
grep -qx "== root exit 0" "$work/root" || fail "scripts/demo as root: $(tail -n 1 "$work/root")"
! grep -q Traceback "$work/root" || fail "a traceback was printed (root)"
warnings=$(grep -c "without isolation" "$work/root" || true)
[ "$warnings" -eq 1 ] || fail "root: expected one warning line about isolation, got $warnings"
grep "without isolation" "$work/root" >&2
tail -n 5 "$work/root" | head -n 4 >&2

grep -qx "== user exit 0" "$work/user" || fail "the repair as uid $USER_ID: $(grep '^== user exit' "$work/user")"
! grep -q Traceback "$work/user" || fail "a traceback was printed (uid $USER_ID)"
! grep -q "isolation" "$work/user" || fail "uid $USER_ID: the expected unprivileged path was warned about"
! grep -q "^== the checkout was written" "$work/user" || fail "uid $USER_ID: the notebook wrote into the checkout"
probe="escape probe: uid $USER_ID writing the checkout: PermissionError"
grep -qx "$probe" "$work/user" || fail "uid $USER_ID: expected '$probe'"
# What the report records for the unprivileged path: the kernel had the network, /kaggle was rewritten.
grep -qx "== user fingerprint: local network open kaggle paths rewrite" "$work/user" ||
    fail "uid $USER_ID: the report does not record the unprivileged path"
grep -v '^== ' "$work/user" | tail -n 5 >&2
grep '^== user' "$work/user" >&2
say "ok: root and uid $USER_ID exit 0, no traceback, one isolation warning (root) and none (uid $USER_ID), the checkout not writable by the notebook (${seconds}s)"
