"""The ``docker`` backend: the runner in the fixed modern container, one container per session.

The container is the sandbox: no network, a read-only root filesystem with
tmpfs ``/tmp`` and ``/kaggle`` (scratch, as the run folder is locally), memory,
CPU and process limits, every capability dropped, no-new-privileges and a
non-root user. The staged Kaggle input is mounted
read-only at ``/kaggle/input`` (so ``../input`` from ``/kaggle/working``
resolves too) and the working folder read-write at ``/kaggle/working``.

The host talks to the runner over the container's attached stdin/stdout (the
engine multiplexes stdout and stderr into 8-byte-header frames). The container
is removed by the engine when it exits; it exits when the session closes, and
also when the host dies, because the attached stdin then closes (image/guard.py).
"""

from __future__ import annotations

import atexit
import collections
import json
import os
import queue
import re
import socket
import threading
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, field_validator

from ..core import Fingerprint, RunRequest
from ..errors import ExecutorError, InputError
from . import image as env_image
from .layout import Workspace, stage
from .local import _identity, mark_workspace
from .lockenv import lock_hash, requested_packages
from .protocol import RunnerSession, thread_environment

# Where things live inside the image (see image/Dockerfile).
IN_IMAGE = "/opt/mlemod"
CONN_DIR = f"{IN_IMAGE}/conn"
PYTHON = "/opt/env/bin/python"
OWNER_LABEL = "org.mlemodernizer.session"
CONTAINER_UID = 1000  # the image's "kaggle" user

_LIVE: dict[str, object] = {}  # container id -> container, removed at exit if still there


_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmg]?)b?")
_PER_MB = {"k": 1 / 1024, "m": 1, "g": 1024}


def _megabytes(value: str | int) -> int:
    """Docker-style sizes ("600m", "8g", "512k"); a bare number means megabytes."""
    match = _SIZE.fullmatch(str(value).strip().lower())
    if not match:
        raise ValueError(f"{value!r} is not a size like 600m or 8g")
    return int(float(match[1]) * _PER_MB[match[2] or "m"])


class DockerConfig(BaseModel):
    """Which image and which limits. Every sandbox switch is on unless relaxed here."""

    model_config = {"extra": "forbid"}  # a mistyped limit must not silently fall back to the default

    profile: str = "tabular"
    image: str | None = None  # default: the image built for the profile's current lock
    memory: str = "8g"  # hard limit (no swap beyond it): docker-style size
    cpus: float = Field(default_factory=lambda: float(os.cpu_count() or 1), gt=0)
    pids: int = Field(default=1024, ge=16)  # threads count too: BLAS and OpenMP pools need headroom
    tmp: str = "1g"  # size of the /tmp tmpfs (its pages count against the memory limit)
    network: Literal["none", "bridge"] = "none"
    user: str | None = None  # default: the host user, or the image's uid 1000 when the host is root

    @field_validator("memory", "tmp")
    @classmethod
    def _size(cls, value: str) -> str:
        if _megabytes(value) < 16:
            raise ValueError(f"{value!r} is too small (at least 16m)")
        return value

    @property
    def memory_mb(self) -> int:
        return _megabytes(self.memory)

    @property
    def tmp_mb(self) -> int:
        return _megabytes(self.tmp)


class AttachChannel:
    """JSON lines over a container's attached stdin and stdout; stderr kept for diagnostics."""

    def __init__(self, client, container):
        self.client, self.container = client, container
        self.sock = client.api.attach_socket(container.id, params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1})
        self.raw: socket.socket = getattr(self.sock, "_sock", self.sock)
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.stderr: collections.deque[str] = collections.deque(maxlen=12)
        self._reader = threading.Thread(target=self._read, daemon=True)

    def start_reading(self) -> None:
        self._reader.start()

    def _read(self) -> None:
        from docker.utils.socket import STDOUT, frames_iter

        pending = {STDOUT: b"", "err": b""}
        try:
            for stream, data in frames_iter(self.sock, tty=False):
                key = STDOUT if stream == STDOUT else "err"
                pending[key] += data
                *complete, pending[key] = pending[key].split(b"\n")
                for line in complete:
                    text = line.decode("utf-8", "replace")
                    if key == STDOUT:
                        self.lines.put(text)
                    elif text.strip():
                        self.stderr.append(text)
        except (OSError, ValueError):
            pass  # the connection went away: same as end of stream
        self.lines.put(None)

    def send(self, message: dict) -> None:
        try:
            self.raw.sendall((json.dumps(message) + "\n").encode())
        except OSError as exc:
            raise ExecutorError(f"cannot write to the container's runner ({exc}); {self.diagnostics()}") from None

    def receive(self, timeout: float) -> dict | None:
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                raise TimeoutError from None
            if line is None:
                return None
            if line.strip():
                return json.loads(line)

    def close(self) -> None:
        # Half-close: the engine then closes the container's stdin and the guard ends the runner.
        try:
            self.raw.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        try:
            self.container.wait(timeout=15)
        except Exception:
            pass  # still running or already gone: the session's cleanup removes it by force
        try:
            self.sock.close()
        except OSError:
            pass

    def diagnostics(self) -> str:
        parts = []
        try:
            self.container.reload()
            state = self.container.attrs.get("State", {})
            if state.get("OOMKilled"):
                parts.append("the container ran out of memory")
            if state.get("Status") == "exited":
                parts.append(f"the container exited with code {state.get('ExitCode')}")
        except Exception:
            parts.append("the container is gone")
        if self.stderr:
            parts.append("runner stderr: " + " | ".join(self.stderr))
        return "; ".join(parts) or "the runner wrote nothing to stderr"


def _remove(container) -> None:
    from docker.errors import APIError, NotFound

    _LIVE.pop(container.id, None)
    try:
        container.remove(force=True)
    except NotFound:
        pass
    except APIError as exc:
        if exc.status_code != 409:  # 409: the engine is already removing it (auto-remove)
            raise


@atexit.register
def _remove_live_containers() -> None:
    # An interrupted host must not leave containers (and their kernels) behind.
    for container in list(_LIVE.values()):
        try:
            _remove(container)
        except Exception:
            pass


class DockerExecutor:
    name = "docker"

    def __init__(self, **options):
        try:
            self.config = DockerConfig(**options)
        except ValidationError as exc:
            problem = exc.errors()[0]
            where = ".".join(str(part) for part in problem["loc"]) or "options"
            raise InputError(f"docker backend option {where}: {problem['msg']}") from None
        self._client = None

    @property
    def client(self):
        if self._client is None:
            self._client = env_image.docker_client()
        return self._client

    def image(self):
        """The docker Image sessions run in; a one-line error when it is not built."""
        from docker.errors import ImageNotFound

        cfg = self.config
        tag = cfg.image or env_image.image_tag(cfg.profile)
        try:
            return self.client.images.get(tag)
        except ImageNotFound:
            hint = "" if cfg.image else f" (mlemod env build --profile {cfg.profile})"
            raise InputError(f"docker image {tag} is not built{hint}") from None

    def start(self, req: RunRequest) -> RunnerSession:
        cfg = self.config
        image = self.image()
        ws = stage(req, hardlink=True)  # mounted read-only: links are safe and cost nothing
        mark_workspace(ws)  # a host killed outright leaves it; the next start removes it
        container = None
        try:
            user = self._prepare_workspace(ws)
            container = self.client.containers.create(image.id, **self._container_options(ws, image, user))
            _LIVE[container.id] = container
            channel = AttachChannel(self.client, container)
            container.start()
            channel.start_reading()
            start = {
                "cwd": "/kaggle/working",
                "conn_dir": CONN_DIR,
                "packages": requested_packages(cfg.profile),
                # The runner kills the kernel a little before the cgroup would, so that
                # the kernel, not the runner, is what dies and the report says why.
                "memory_limit_mb": 0.85 * cfg.memory_mb,
            }
            if cfg.cpus < (os.cpu_count() or 1):  # the quota, not the host's cores, sizes the thread pools
                start["env"] = thread_environment(max(1, int(cfg.cpus)))
            fingerprint = Fingerprint(backend="docker", lock=cfg.profile,
                                      lock_hash=image.labels.get("org.mlemodernizer.lock-hash") or lock_hash(cfg.profile),
                                      image=image.id, network=cfg.network, kaggle_paths="mount")

            def cleanup() -> None:
                try:
                    _remove(container)
                finally:
                    ws.cleanup()

            return RunnerSession(channel, req, ws, fingerprint, start, cleanup=cleanup)
        except BaseException:
            if container is not None:
                _remove(container)
            ws.cleanup()
            raise

    def _prepare_workspace(self, ws: Workspace) -> str:
        """Make the staged folders usable by the container's user; returns that user."""
        if self.config.user:
            return self.config.user
        uid = os.geteuid()
        if uid != 0:
            return f"{uid}:{os.getegid()}"  # the host user owns the workspace already
        # The host is root: the container still must not be. Hand the writable parts to uid 1000.
        ws.root.chmod(0o755)
        for folder in (ws.working, ws.conn):
            for path in (folder, *folder.rglob("*")):
                os.chown(path, CONTAINER_UID, CONTAINER_UID, follow_symlinks=False)
        for path in ws.input.rglob("*"):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        ws.input.chmod(0o755)
        return f"{CONTAINER_UID}:{CONTAINER_UID}"

    def _container_options(self, ws: Workspace, image, user: str) -> dict:
        cfg = self.config
        uid, gid = user.split(":")
        volumes = {
            str(ws.input): {"bind": "/kaggle/input", "mode": "ro"},
            str(ws.working): {"bind": "/kaggle/working", "mode": "rw"},
            str(ws.conn): {"bind": CONN_DIR, "mode": "rw"},
        }
        if image.labels.get("org.mlemodernizer.runner-hash") != env_image.runner_hash():
            # An image built before the runner changed: run today's runner, so host and runner agree.
            for name, path in env_image.runner_files().items():
                volumes[str(path)] = {"bind": f"{IN_IMAGE}/{name}", "mode": "ro"}
        return dict(
            command=[PYTHON, f"{IN_IMAGE}/guard.py", f"{IN_IMAGE}/runner.py"],
            # detach=False with stdin_open makes the engine set StdinOnce: when our attached
            # connection closes, the container's stdin reaches end of file (see image/guard.py).
            stdin_open=True, tty=False, detach=False,
            auto_remove=True, init=True,
            user=user, working_dir="/kaggle/working",
            environment={"HOME": "/tmp", "MPLBACKEND": "agg"},
            volumes=volumes,
            network_mode=cfg.network,
            read_only=True,
            # /kaggle is a scratch tmpfs owned by the kernel's user, as the run folder is on the local
            # backend: authors write beside their working folder (../submissions, ../models), and that
            # must work (and be thrown away) the same on both backends. input/working are mounted into it.
            tmpfs={"/tmp": f"rw,nosuid,nodev,size={cfg.tmp_mb}m",
                   "/kaggle": f"rw,nosuid,nodev,size={cfg.tmp_mb}m,uid={uid},gid={gid}"},
            mem_limit=f"{cfg.memory_mb}m", memswap_limit=f"{cfg.memory_mb}m",
            nano_cpus=int(cfg.cpus * 1e9),
            pids_limit=cfg.pids,
            cap_drop=["ALL"],
            security_opt=["no-new-privileges"],
            labels={OWNER_LABEL: owner_label()},
        )


def live_containers(client=None) -> list:
    """Containers any mlemodernizer session on this engine still has (tests check none leak)."""
    client = client or env_image.docker_client()
    return client.containers.list(all=True, filters={"label": OWNER_LABEL}, ignore_removed=True)



def owner_label(pid: int | None = None) -> str:
    """``host:pid:start-time`` of the host process that owns a session's container."""
    pid = os.getpid() if pid is None else pid
    identity = _identity(pid) or f"{pid} ?"
    return f"{os.uname().nodename}:{identity.replace(' ', ':')}"


def reap_containers(client=None) -> list[str]:
    """Remove the session containers of this machine whose host process is gone (a server killed
    outright); the ids removed. Containers of other machines sharing the engine are left alone."""
    client = client or env_image.docker_client()
    node = os.uname().nodename
    removed = []
    for container in live_containers(client):
        host, _, rest = container.labels.get(OWNER_LABEL, "").partition(":")
        pid, _, _start = rest.partition(":")
        if host != node or not pid.isdigit():
            continue
        alive = owner_label(int(pid)) == container.labels[OWNER_LABEL] if _start else _identity(int(pid)) is not None
        if not alive:
            try:
                _remove(container)
                removed.append(container.id)
            except Exception:  # noqa: BLE001 - best effort: the engine may be removing it already
                pass
    return removed
