"""The environment lock and the managed virtualenv built from it.

A profile is a pair of files in ``executor/image/``: ``<profile>.in`` (what we
ask for) and ``<profile>.lock`` (every package pinned, compiled by uv). The
lock's sha256, with the NLTK data the environment carries (nltk_data.py), is the
environment fingerprint. The local backend runs kernels in
a virtualenv built once from the lock and cached under the user cache dir,
keyed by that hash, so a changed lock can never reuse a stale environment.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from platformdirs import user_cache_dir

from ..errors import EnvironmentBuildError, InputError
from . import nltk_data

IMAGE_DIR = Path(__file__).resolve().parent / "image"
PROFILES = ("tabular", "full")
# The full profile pins torch's CPU build, which PyPI does not carry (PyPI's torch
# brings several GB of CUDA). It comes from PyTorch's own CPU index unless the
# operator points uv elsewhere (UV_FIND_LINKS at a wheel folder, or an index).
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
_OPERATOR_SOURCES = ("UV_FIND_LINKS", "UV_INDEX", "UV_EXTRA_INDEX_URL", "UV_INDEX_URL")


def cache_dir() -> Path:
    return Path(os.environ.get("MLEMOD_CACHE") or user_cache_dir("mlemodernizer"))


def lock_path(profile: str = "tabular") -> Path:
    if profile not in PROFILES:
        raise InputError(f"unknown environment profile {profile!r}; known: {', '.join(PROFILES)}")
    return IMAGE_DIR / f"{profile}.lock"


def lock_hash(profile: str = "tabular") -> str:
    """The environment fingerprint: the lock's bytes, then the NLTK data packages it carries."""
    lock = lock_path(profile).read_bytes()
    digest = hashlib.sha256(lock)
    if _NLTK_PIN.search(lock):
        digest.update(b"\0nltk-data\0" + "\n".join(nltk_data.requested()).encode())
    return digest.hexdigest()


_NLTK_PIN = re.compile(rb"^nltk==", re.M)


def carries_nltk(profile: str) -> bool:
    return _NLTK_PIN.search(lock_path(profile).read_bytes()) is not None


def requested_packages(profile: str = "tabular") -> list[str]:
    """The distributions named in ``<profile>.in``: what a fingerprint reports versions of."""
    names: list[str] = []
    path = IMAGE_DIR / f"{profile}.in"
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            names += requested_packages(Path(line[3:].strip()).stem)
        elif line:
            names.append(re.split(r"[<>=!~\[; ]", line, maxsplit=1)[0])
    return list(dict.fromkeys(names))


def compile_lock(profile: str = "tabular") -> Path:
    """Re-resolve ``<profile>.in`` to today's versions (a deliberate, versioned act)."""
    out = lock_path(profile)
    # <profile>.overrides drops requirements that another distribution already
    # fulfils (tf-keras asks for "tensorflow"; "tensorflow-cpu" is that package).
    overrides = IMAGE_DIR / f"{profile}.overrides"
    extra = ["--override", str(overrides)] if overrides.exists() else []
    _uv("pip", "compile", str(IMAGE_DIR / f"{profile}.in"), *extra, "--python-version", "3.11",
        "--python-platform", "x86_64-manylinux_2_28", "--no-header", "-o", str(out), cwd=IMAGE_DIR)
    return out


def source_args(profile: str) -> list[str]:
    """Extra package sources that installing ``profile``'s lock needs."""
    if "+cpu" not in lock_path(profile).read_text() or any(os.environ.get(v) for v in _OPERATOR_SOURCES):
        return []
    return ["--extra-index-url", TORCH_CPU_INDEX]


def built_python(profile: str | None = None) -> Path | None:
    """The locked virtualenv's interpreter when it is built, else None: for reading facts from the environment
    (a signature, a version) where building it is not wanted. ``profile`` defaults to $MLEMOD_PROFILE or tabular."""
    profile = profile or os.environ.get("MLEMOD_PROFILE") or "tabular"
    if profile not in PROFILES:
        return None
    target = cache_dir() / "envs" / f"{profile}-{lock_hash(profile)[:16]}"
    return target / "bin" / "python" if (target / ".complete").exists() else None


def ask_environment(python: Path | str, script: str, *arguments: str, timeout: float = 60):
    """What ``script`` prints last, as JSON, when the locked environment's ``python`` runs it on ``arguments``
    (with nothing of ours in its environment but PATH and HOME); None when it fails, hangs or prints no JSON.
    Callers that cache the answer key it on ``python`` (from built_python), never on "not built yet".

    A finished environment never changes (a changed lock builds another), so an answer read from one is kept
    in its folder and served from there to every later process: the static pass of each `mlemod lint` or
    eval worker would otherwise pay the interpreter's start and imports again (sklearn's estimator table is
    about 1.7 s)."""
    kept = _kept_answer(Path(python), script, arguments)
    if kept is not None and kept.exists():
        try:
            return json.loads(kept.read_text())
        except (OSError, ValueError):
            pass
    try:
        proc = subprocess.run([str(python), "-c", script, *arguments], capture_output=True, text=True,
                              timeout=timeout,
                              env={"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/")})
        answer = json.loads(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0 else None
    except (OSError, subprocess.TimeoutExpired, ValueError, IndexError):
        return None
    if kept is not None and answer is not None:
        _keep(kept, answer)
    return answer


def _kept_answer(python: Path, script: str, arguments: tuple[str, ...]) -> Path | None:
    """Where an answer of a finished environment's ``python`` is kept; None for any other interpreter."""
    env = python.parent.parent
    if not (env / ".complete").exists():
        return None
    key = hashlib.sha256("\0".join((script, *arguments)).encode()).hexdigest()
    return env / ".answers" / f"{key}.json"


def _keep(path: Path, answer) -> None:
    """Write ``answer`` whole or not at all (concurrent workers ask the same); a read-only cache is no error."""
    try:
        path.parent.mkdir(exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_text(json.dumps(answer))
        os.replace(partial, path)
    except OSError:
        pass


def venv_python(profile: str = "tabular", progress=None) -> Path:
    """The interpreter of the locked virtualenv, building it first if needed.

    Concurrent callers (eval workers, test processes) serialise on a file lock.
    A marker written last says the build finished: an interrupted build is
    thrown away and redone rather than trusted.
    """
    digest = lock_hash(profile)
    root = cache_dir() / "envs"
    target = root / f"{profile}-{digest[:16]}"
    python, done = target / "bin" / "python", target / ".complete"
    if done.exists():
        return python
    root.mkdir(parents=True, exist_ok=True)
    with open(root / f".{profile}.lock", "w") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        if done.exists():  # another process built it while we waited
            return python
        if progress:
            progress(f"building the {profile} environment (once; cached in {target})")
        began = time.monotonic()
        shutil.rmtree(target, ignore_errors=True)
        _uv("venv", "--python", sys.executable, str(target))
        # Compiled up front: kernels start faster, and read-only copies never compile at import.
        # --no-deps: the lock already lists every package (as the image build installs it).
        _uv("pip", "install", "--compile-bytecode", "--no-deps", "--python", str(python),
            "-r", str(lock_path(profile)), *source_args(profile))
        if carries_nltk(profile):
            _install_nltk_data(python, target / "nltk_data", progress)
        done.write_text(digest)
        if progress:
            progress(f"environment ready in {time.monotonic() - began:.0f}s")
    return python


def _install_nltk_data(python: Path, target: Path, progress=None) -> None:
    if progress:
        progress(f"installing NLTK data ({', '.join(nltk_data.requested())})")
    installed = nltk_data.install(python, target)
    missing = [pkg for pkg, ok in installed.items() if not ok]
    if progress and missing:
        progress(f"NLTK data: {len(installed) - len(missing)} of {len(installed)} installed; "
                 f"not available from {nltk_data.source_label()}: {', '.join(missing)}")


def _uv(*args: str, cwd: Path | None = None) -> None:
    uv = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
    try:
        proc = subprocess.run([uv, *args], cwd=cwd, capture_output=True, text=True)
    except FileNotFoundError:
        raise EnvironmentBuildError("uv is not installed (it is a dependency of mlemodernizer: reinstall it)") from None
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        raise EnvironmentBuildError(f"uv {args[0]} {args[1] if len(args) > 1 else ''} failed: " + " | ".join(tail))
