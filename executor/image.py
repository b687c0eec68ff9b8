"""The environment image: build it from the lock, tag it by the lock hash, describe it.

The tag is ``mlemodernizer/env:<profile>-<lock sha256[:12]>``, so a changed lock
never reuses a stale image and a run's fingerprint names exactly what it ran in.
The build context is assembled in a temporary folder (see the Dockerfile's
header): the lock's packages are installed there by uv on the host, which keeps
the build offline and lets uv's cache make rebuilds cheap.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from ..errors import EnvironmentBuildError, ExecutorError, InputError
from .lockenv import IMAGE_DIR, _uv, carries_nltk, lock_hash, lock_path, requested_packages, source_args, venv_python

DEFAULT_BASE = "python:3.11-slim"
REPOSITORY = "mlemodernizer/env"
RUNNER = Path(__file__).resolve().parent / "runner.py"
# The same target the locks are compiled for (lockenv.compile_lock).
PLATFORM = "x86_64-manylinux_2_28"

Progress = Callable[[str], None]


def image_tag(profile: str = "tabular") -> str:
    return f"{REPOSITORY}:{profile}-{lock_hash(profile)[:12]}"


def runner_files() -> dict[str, Path]:
    """The host-side scripts the image carries in /opt/mlemod, by their name there."""
    return {"runner.py": RUNNER, "guard.py": IMAGE_DIR / "guard.py"}


def runner_hash() -> str:
    """Hash of the in-image scripts: a session mounts the host's copies when the image's differ."""
    digest = hashlib.sha256()
    for name, path in sorted(runner_files().items()):
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def docker_client():
    """A client of the local engine, or a one-line error saying why there is none."""
    import docker
    from docker.errors import DockerException

    try:
        client = docker.from_env(timeout=600)
        client.ping()
    except DockerException as exc:
        reason = str(exc).splitlines()[0][:200]
        raise ExecutorError(f"cannot reach the Docker engine (is dockerd running?): {reason}") from None
    return client


def find_image(client, profile: str = "tabular"):
    """The built image for ``profile``'s current lock, or None."""
    from docker.errors import ImageNotFound

    try:
        return client.images.get(image_tag(profile))
    except ImageNotFound:
        return None


def build_image(profile: str = "tabular", base: str = DEFAULT_BASE, client=None, progress: Progress | None = None):
    """Build and tag the image for ``profile`` on top of ``base``; returns the docker Image."""
    lock_path(profile)  # validates the profile name
    client = client or docker_client()
    say = progress or (lambda _msg: None)
    tag = image_tag(profile)
    previous = find_image(client, profile)
    with tempfile.TemporaryDirectory(prefix="mlemod-image-") as tmp:
        context = Path(tmp)
        shutil.copy2(IMAGE_DIR / "Dockerfile", context / "Dockerfile")
        for name, path in runner_files().items():
            shutil.copy2(path, context / name)
        say(f"installing {lock_path(profile).name} for {PLATFORM} into the build context")
        site = context / "site"
        _uv("pip", "install", "--target", str(site), "--python-platform", PLATFORM, "--python-version", "3.11",
            "--no-deps", "-r", str(lock_path(profile)), *source_args(profile))
        # Console scripts and data files carry host paths; the kernel needs neither.
        for extra in ("bin", "share", "etc"):
            shutil.rmtree(site / extra, ignore_errors=True)
        _nltk_data(profile, context / "nltk_data", say)
        say(f"building {tag} from {base}")
        buildargs = {"BASE": base, "PROFILE": profile, "LOCK_HASH": lock_hash(profile), "RUNNER_HASH": runner_hash()}
        _stream_build(client, str(context), tag, buildargs, say)
    image = find_image(client, profile)
    if image is None:
        raise EnvironmentBuildError(f"the build finished but {tag} is not there")
    if previous is not None and previous.id != image.id:
        _discard(client, previous.id)  # a rebuild (--force) would otherwise leave gigabytes untagged
    return image


def _nltk_data(profile: str, into: Path, say: Progress) -> None:
    """The NLTK data of ``profile``'s local environment (built first if need be: it installs the data
    with the environment's own NLTK), copied into the build context; an empty folder without NLTK."""
    if not carries_nltk(profile):
        into.mkdir()
        return
    env_data = venv_python(profile, progress=say).parent.parent / "nltk_data"
    say(f"copying the NLTK data of the {profile} environment ({env_data})")
    shutil.copytree(env_data, into)


def _discard(client, image_id: str) -> None:
    from docker.errors import APIError

    try:
        client.images.remove(image_id)
    except APIError:
        pass  # still used by a container or another tag: leave it


def _stream_build(client, context: str, tag: str, buildargs: dict, say: Progress) -> None:
    from docker.errors import APIError

    tail: list[str] = []
    try:
        for chunk in client.api.build(path=context, tag=tag, buildargs=buildargs, rm=True, forcerm=True,
                                      decode=True, pull=False):
            if "error" in chunk:
                detail = " | ".join(line for line in tail[-4:] if line)
                raise EnvironmentBuildError(f"building {tag} failed: {chunk['error'].strip()} {detail}".strip())
            text = chunk.get("stream", "").strip()
            if text:
                tail.append(text)
                if text.startswith("Step "):
                    say(text)
    except APIError as exc:
        message = exc.explanation or str(exc)
        if "pull access denied" in message or "not found" in message or "no such host" in message:
            raise EnvironmentBuildError(f"base image {buildargs['BASE']} is not available locally and cannot be "
                                        f"pulled ({message}); build one with executor/image/base-image.sh") from None
        raise EnvironmentBuildError(f"building {tag} failed: {message}") from None


# A tiny program run inside the image: what `env info` and fingerprints report.
_PROBE = """
import json, sys
from importlib import metadata
names = json.loads(sys.argv[1])
found = {}
for n in names:
    try:
        found[n] = metadata.version(n)
    except metadata.PackageNotFoundError:
        pass
print(json.dumps({"python": sys.version.split()[0], "packages": found}))
"""


def image_info(profile: str = "tabular", client=None) -> dict:
    """Id, digest, labels, Python and package versions of the built image."""
    client = client or docker_client()
    image = find_image(client, profile)
    if image is None:
        raise InputError(f"no image for the {profile} profile ({image_tag(profile)}); run `mlemod env build` first")
    names = requested_packages(profile)
    out = client.containers.run(image.id, ["/opt/env/bin/python", "-c", _PROBE, json.dumps(names)],
                                network_mode="none", remove=True, read_only=True, cap_drop=["ALL"],
                                tmpfs={"/tmp": "rw,size=64m"}, stdout=True, stderr=False)
    probe = json.loads(out.decode().strip().splitlines()[-1])
    digests = image.attrs.get("RepoDigests") or []
    return {
        "tag": image_tag(profile),
        "id": image.id,
        # Locally built images have no registry digest; the content-addressed id is one.
        "digest": digests[0] if digests else image.id,
        "created": image.attrs.get("Created", ""),
        "size_mb": round(image.attrs.get("Size", 0) / 2**20),
        "labels": image.labels,
        "python": probe["python"],
        "packages": probe["packages"],
    }
