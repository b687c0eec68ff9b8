"""The ``local`` backend: the runner in the locked virtualenv, as a subprocess.

Isolation where the OS allows it: the runner starts in private mount and
network namespaces (``unshare``), where ``/kaggle/input`` (read-only) and
``/kaggle/working`` are bind mounts of the staged workspace and the kernel has
no network. There, before its kernel starts, the runner confines itself
(``confine.py``): the host's mounts become read-only, ``/tmp`` and ``/dev/shm``
private tmpfs (other jobs' workspaces are not there), the job's workspace the
only writable folder on disk, and it drops to a uid of its own (``UID_BASE`` +
its pid) with no capabilities, RLIMIT_NPROC ``pids``; at the end every process
of that uid is killed. Whether the OS allows it is decided by trying
(``can_isolate``, once per process): root is not enough, a container's root
usually lacks CAP_SYS_ADMIN. Otherwise the workspace is used as is, one warning
line says so, and the kernel rewrites the literal ``/kaggle/input`` and
``/kaggle/working`` in each cell's source to the staged folders (an IPython
input transformer), so Kaggle paths still resolve; the notebook's own cell
sources are not changed. That kernel runs as the host's user, with its network
and its files: only the allowlisted environment and the memory and time limits
hold (``python -m mlemodernizer.executor.escape`` prints what each path holds).

Anything that keeps the runner or its kernel from starting is an
``ExecutorError`` carrying the runner's stderr.
"""

from __future__ import annotations

import atexit
import collections
import functools
import json
import logging
import os
import queue
import shutil
import signal
import stat
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from ..core import Fingerprint, RunRequest
from ..errors import ExecutorError
from . import lockenv
from .layout import Workspace, stage
from .protocol import RunnerSession

RUNNER = Path(__file__).resolve().parent / "runner.py"
_LIVE: set[subprocess.Popen] = set()
# The namespaces the runner starts in when isolated; the probe tries exactly these.
UNSHARE = ["unshare", "--mount", "--net", "--propagation", "private"]
START_WAIT = 5.0  # seconds a runner that refused its first message gets to finish writing its stderr
# A confined runner's uid is this plus its pid (unique among live runners): above systemd's container
# range (0x80000-0x6FFFFFFF), below 2**31, which some tools read as negative.
UID_BASE = 0x70000000

log = logging.getLogger("mlemodernizer.executor")

# All the runner and its kernel see of the host's environment (notebook code is untrusted: no
# API tokens, cloud keys or database URLs): the locale, the time zone, thread counts, hash seed.
ENV_KEEP = frozenset({"PATH", "LANG", "LANGUAGE", "TZ", "MPLBACKEND", "PYTHONHASHSEED", "OMP_NUM_THREADS"})
ENV_KEEP_PREFIXES = ("LC_", "OPENBLAS_", "MKL_")

_REWRITE_STARTUP = """
def _mlemod_kaggle_paths(lines, _map={mapping!r}):
    out = []
    for line in lines:
        for old, new in _map:
            line = line.replace(old, new)
        out.append(line)
    return out
get_ipython().input_transformers_post.append(_mlemod_kaggle_paths)
del _mlemod_kaggle_paths
"""


class LocalConfig(BaseModel):
    profile: str = "tabular"
    python: Path | None = None  # run the runner with this interpreter instead of the managed venv
    isolate: Literal["auto", "on", "off"] = "auto"  # namespaces (needs root and unshare)
    memory_limit_mb: float | None = None  # default: 80% of the machine's memory
    # Isolated only (the runner then has a uid of its own): its processes and threads (RLIMIT_NPROC), and the
    # size of its private /tmp and /dev/shm (tmpfs: their pages are memory).
    pids: int = Field(default=1024, ge=16)
    tmp_mb: int = Field(default=1024, ge=16)


class SubprocessChannel:
    """JSON lines over a child's stdin/stdout; a reader thread makes receive() time out."""

    def __init__(self, argv: list[str], log_path: Path, env: dict[str, str] | None = None):
        self.log_path = log_path
        try:
            with open(log_path, "wb") as stderr:
                self.proc = subprocess.Popen(
                    argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, env=env,
                    text=True, bufsize=1, start_new_session=True,  # its own group: killed as one
                )
        except OSError as exc:  # no such interpreter, not executable, no unshare...
            raise ExecutorError(f"the runner could not be started ({argv[0]}: {exc.strerror or exc})") from None
        _LIVE.add(self.proc)
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def send(self, message: dict) -> None:
        try:
            self.proc.stdin.write(json.dumps(message) + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, ValueError, OSError):  # the runner is gone (ValueError: stdin closed)
            try:
                code = self.proc.wait(timeout=START_WAIT)  # its stderr is complete once it has exited
            except subprocess.TimeoutExpired:
                code = None
            status = f"exit status {code}" if code is not None else "its stdin closed"
            raise ExecutorError(f"the runner is not running ({status}); {self.diagnostics()}") from None

    def receive(self, timeout: float) -> dict | None:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError from None
        return None if line is None else json.loads(line)

    def close(self) -> None:
        try:
            self.proc.stdin.close()
        except (BrokenPipeError, OSError, ValueError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _kill(self.proc)
        _LIVE.discard(self.proc)

    def diagnostics(self) -> str:
        try:
            tail = collections.deque(self.log_path.read_text(errors="replace").splitlines(), maxlen=8)
        except OSError:
            return "no runner log"
        return "runner log: " + " | ".join(tail) if tail else "the runner log is empty"


def _kill(proc: subprocess.Popen) -> None:
    # Closing its stdin first: the runner then kills its kernel (in a session of its own, out of reach
    # of the group kill below) and exits; the group kill is for a runner that does not.
    try:
        proc.stdin.close()
    except (BrokenPipeError, OSError, ValueError):
        pass
    try:
        proc.wait(timeout=2)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


@atexit.register
def _kill_live_runners() -> None:
    # An interrupted host must not leave kernels behind (they would hold memory and files).
    for proc in list(_LIVE):
        _kill(proc)


@functools.cache
def isolation_problem() -> str | None:
    """Why the runner cannot start in its private namespaces here, or None when it can.

    Decided by trying, once per process: ``unshare`` with the runner's flags doing
    the runner's first mount. Root is not enough: root in a container usually lacks
    CAP_SYS_ADMIN, and unshare then fails with "Operation not permitted"."""
    if os.geteuid() != 0:
        return "not running as root"
    for tool in ("unshare", "mount"):
        if shutil.which(tool) is None:
            return f"no {tool!r} command on PATH"
    with tempfile.TemporaryDirectory(prefix="mlemod-probe-") as probe:
        try:
            tried = subprocess.run([*UNSHARE, "mount", "--bind", "-o", "ro", probe, probe],
                                   capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"unshare could not be run ({exc})"
    if tried.returncode != 0:
        lines = tried.stderr.strip().splitlines()
        return lines[-1].strip() if lines else f"unshare exited with status {tried.returncode}"
    return None


def can_isolate() -> bool:
    return isolation_problem() is None


@functools.cache
def _warn_not_isolated(problem: str) -> None:
    # Once per process: a server running many jobs says it once, at the first.
    log.warning("mlemod: warning: the kernel runs without isolation (%s): it has the network and "
                "/kaggle paths are rewritten in its cells instead of mounted", problem)


def _decide_isolation(mode: str) -> bool:
    if mode == "off":
        return False
    problem = isolation_problem()
    if problem is None:
        return True
    if mode == "on":
        raise ExecutorError(f"isolation was asked for (isolate='on') but is not possible here: {problem}")
    if problem != "not running as root":  # without root the unprivileged path is the expected one
        _warn_not_isolated(problem)
    return False


def _total_memory_mb() -> float:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20


class LocalExecutor:
    name = "local"

    def __init__(self, **options):
        self.config = LocalConfig(**options)

    def start(self, req: RunRequest) -> RunnerSession:
        cfg = self.config
        python = cfg.python or lockenv.venv_python(cfg.profile)
        isolate = _decide_isolation(cfg.isolate)
        ws = stage(req, hardlink=isolate)
        mark_workspace(ws)
        argv = [str(python), str(RUNNER)]
        start: dict = {
            "conn_dir": str(ws.conn),
            "packages": lockenv.requested_packages(cfg.profile),
            "memory_limit_mb": cfg.memory_limit_mb or 0.8 * _total_memory_mb(),
        }
        if isolate:
            argv = [*UNSHARE, *argv]
            _open_input_to_others(ws.input)
            start.update(cwd="/kaggle/working", setup=_mount_commands(ws),
                         confine={"workspace": str(ws.root), "uid_base": UID_BASE, "pids": cfg.pids,
                                  "tmp_mb": cfg.tmp_mb},
                         # the job's uid has no passwd entry: getpass.getuser() reads these first
                         env={"USER": "kaggle", "LOGNAME": "kaggle"})
        else:
            mapping = [("/kaggle/input", str(ws.input)), ("/kaggle/working", str(ws.working))]
            start.update(cwd=str(ws.working), startup=_REWRITE_STARTUP.format(mapping=mapping))
        fingerprint = Fingerprint(
            backend="local", lock=cfg.profile, lock_hash=lockenv.lock_hash(cfg.profile),
            network="none" if isolate else "open", kaggle_paths="mount" if isolate else "rewrite",
        )
        try:
            channel = SubprocessChannel(argv, ws.conn / "runner.log", env=runner_environment(ws, python))
            return RunnerSession(channel, req, ws, fingerprint, start, cleanup=ws.cleanup)
        except BaseException:
            ws.cleanup()
            raise


# ---------------------------------------------------------------- workspaces left behind
# Each workspace names the process that made it (pid and start time, so a reused pid is not
# mistaken for it); a host killed outright cannot remove its workspaces, the next one does.
OWNER_FILE = "owner"
WORKSPACES = "/tmp/mlemod-*"


def _identity(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return f"{pid} {fields[19]}"  # field 22 of stat: the start time, in clock ticks since boot
    except (OSError, IndexError):
        return None


def mark_workspace(ws: Workspace) -> None:
    (ws.conn / OWNER_FILE).write_text(_identity(os.getpid()) or str(os.getpid()))


def reap_workspaces(pattern: str = WORKSPACES) -> list[Path]:
    """Remove the workspaces whose host process is gone; the ones removed. Unmarked ones are left alone."""
    import glob

    removed = []
    for root in map(Path, glob.glob(pattern)):
        try:
            owner = (root / "conn" / OWNER_FILE).read_text().strip()
        except OSError:
            continue
        pid = owner.split()[0]
        if pid.isdigit() and _identity(int(pid)) != owner:
            shutil.rmtree(root, ignore_errors=True)
            removed.append(root)
    return removed


def runner_environment(ws: Workspace, python: str | Path, parent: dict[str, str] | None = None) -> dict[str, str]:
    """The runner's (and so its kernel's) environment: ``ENV_KEEP`` from ``parent`` (the host's),
    HOME and TMPDIR in the job's workspace, the locked environment's ``bin`` first on PATH."""
    parent = os.environ if parent is None else parent
    env = {k: v for k, v in parent.items() if k in ENV_KEEP or k.startswith(ENV_KEEP_PREFIXES)}
    home, tmp = ws.root / "home", ws.root / "tmp"
    for folder in (home, tmp):
        folder.mkdir(mode=0o700, exist_ok=True)
    path = env.get("PATH") or os.defpath
    env.update(HOME=str(home), TMPDIR=str(tmp), PATH=f"{Path(python).parent}{os.pathsep}{path}")
    return env


def _open_input_to_others(root: Path) -> None:
    """The confined kernel reads the input as "others": folders 0755, files readable by all. A hard link
    shares the user's inode, so one closed to others is replaced by a copy rather than chmod'ed."""
    for path in [root, *root.rglob("*")]:
        info = path.lstat()
        if stat.S_ISDIR(info.st_mode):
            path.chmod(0o755)
        elif stat.S_ISREG(info.st_mode) and not info.st_mode & stat.S_IROTH:
            if info.st_nlink > 1:
                copy = path.with_name(path.name + ".mlemod-copy")
                shutil.copyfile(path, copy)
                os.replace(copy, path)
            path.chmod(0o444)


def _mount_commands(ws: Workspace) -> list[list[str]]:
    """Run by the runner inside its private mount namespace, before the kernel starts."""
    commands = [
        # Read-only first, so that the recursive bind below carries the read-only input along.
        ["mount", "--bind", "-o", "ro", str(ws.input), str(ws.input)],
        # /kaggle may not exist on the host; creating the empty folder is the only host-visible effect.
        ["mkdir", "-p", "/kaggle"],
        # The whole workspace: /kaggle/input, /kaggle/working, and room for ../data-style folders on disk.
        ["mount", "--rbind", str(ws.root), "/kaggle"],
    ]
    if shutil.which("ip"):  # loopback up, for notebooks that start local servers (dask, ...)
        commands.append(["ip", "link", "set", "lo", "up"])
    return commands
