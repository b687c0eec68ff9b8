"""The local backend's runner confines itself before its kernel starts (root, in a private mount namespace).

Imported by runner.py only when the host asks for it, so, like the runner, it uses the
standard library alone (it runs in the locked environment's interpreter). After
``confine`` the runner, and every process the notebook starts, sees:

- every mount of the host read-only and nosuid, except ``/proc`` (the runner writes
  the kernel's ``clear_refs``; /proc's own permissions guard the rest);
- a private tmpfs on ``/tmp`` and ``/dev/shm``: other jobs' workspaces and whatever
  else lies in the host's /tmp (a database next to the workspaces) are not there;
- the job's workspace at ``/kaggle`` and again at its own host path, which the
  connection files, HOME and TMPDIR name; only it and the tmpfs are writable;
- the interpreter's folders (the venv, the Python it was made from) even when they
  lie in a folder only root may enter (``/root/.cache``): a read-only tmpfs over that
  folder holds them alone, the rest of it (the host's home) is hidden;

and it runs as a uid of its own: ``uid_base`` plus the runner's pid, so no two live
jobs share one and a job cannot signal, trace or read ``/proc/<pid>/root`` of another;
no groups, no capabilities, no_new_privs; RLIMIT_NPROC (counted per uid, so per job)
bounds its processes and threads.
"""

from __future__ import annotations

import ctypes
import os
import re
import resource
import signal
import stat
import sys

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_NOSYMFOLLOW, MS_REMOUNT, MS_NOATIME, MS_NODIRATIME = 256, 32, 1024, 2048
MS_BIND, MS_MOVE, MS_REC, MS_RELATIME = 4096, 8192, 16384, 1 << 21
PR_SET_NO_NEW_PRIVS = 38
# A bind remount sets the mount's flags to exactly those given: these are carried over from each mount's own.
_KEPT = {"nodev": MS_NODEV, "noexec": MS_NOEXEC, "noatime": MS_NOATIME, "nodiratime": MS_NODIRATIME,
         "relatime": MS_RELATIME, "nosymfollow": MS_NOSYMFOLLOW}
COVERED = ("/tmp", "/dev/shm")

_libc = ctypes.CDLL(None, use_errno=True)
_libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    encode = (lambda s: None if s is None else os.fsencode(s))
    if _libc.mount(encode(source), encode(target), encode(fstype), flags, encode(data)) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"mount {target} ({os.strerror(err)})", target)


def _under(path: str, top: str) -> bool:
    return path == top or path.startswith(top.rstrip("/") + "/")


def _mounts() -> list[tuple[str, list[str]]]:
    """Mount points (octal escapes decoded) and their per-mount options, from this namespace's mountinfo."""
    found = []
    with open("/proc/self/mountinfo") as f:
        for line in f:
            fields = line.split()
            point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), fields[4])
            found.append((point, fields[5].split(",")))
    return found


def _closed_ancestor(path: str) -> str | None:
    """The outermost folder above ``path`` that others may not enter (mode without o+x), if any."""
    parts = path.strip("/").split("/")
    for depth in range(1, len(parts)):
        folder = "/" + "/".join(parts[:depth])
        if not os.stat(folder).st_mode & stat.S_IXOTH:
            return folder
    return None


def _makedirs(path: str) -> None:
    # Explicit modes: the host's umask (077 on a careful server) must not close what the kernel walks through.
    parts = path.strip("/").split("/")
    for depth in range(1, len(parts) + 1):
        folder = "/" + "/".join(parts[:depth])
        if not os.path.isdir(folder):
            os.mkdir(folder)
            os.chmod(folder, 0o755)


def interpreter_paths() -> list[str]:
    """What the kernel must reach besides the workspace: this interpreter's prefix and the one it was made from."""
    paths = sorted({os.path.realpath(p) for p in (sys.prefix, sys.base_prefix)})
    return [p for p in paths if not any(q != p and _under(p, q) for q in paths)]


def _own(workspace: str, uid: int) -> None:
    # The writable parts become the job uid's; the input stays root's (it is mounted read-only anyway).
    os.chown(workspace, uid, uid)
    for name in sorted(os.listdir(workspace)):
        top = os.path.join(workspace, name)
        if name == "input" or os.path.islink(top):
            continue
        os.chown(top, uid, uid, follow_symlinks=False)
        for folder, dirs, files in os.walk(top):
            for entry in dirs + files:
                os.chown(os.path.join(folder, entry), uid, uid, follow_symlinks=False)


def confine(workspace: str, uid_base: int, pids: int, tmp_mb: int, kaggle: str = "/kaggle") -> int:
    """Lock this process's view down and drop to the job's uid (see the module docstring); the uid.

    ``kaggle`` is the read-write bind of ``workspace`` the runner's setup made. Any failure raises:
    a mount left writable is an escape, so the job does not start."""
    uid = uid_base + os.getpid()
    workspace = os.path.realpath(workspace)
    _own(workspace, uid)
    # 1. Everything read-only (the job's own /kaggle mounts aside).
    for point, options in _mounts():
        if _under(point, "/proc") or _under(point, kaggle):
            continue
        flags = MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID
        for option in options:
            flags |= _KEPT.get(option, 0)
        try:
            _mount(None, point, None, flags)
        except FileNotFoundError:
            pass  # a mount point under a later mount: out of reach anyway
    # 2. Park what must stay reachable under what is about to be covered, in the job's writable mount.
    needed = [p for p in interpreter_paths() if not _under(p, workspace)]
    covers = list(COVERED)
    for path in needed:
        if not os.stat(path).st_mode & stat.S_IXOTH:
            raise PermissionError(f"{path} is closed to other users: the confined kernel could not use it")
        closed = _closed_ancestor(path)
        if closed and closed != "/" and not any(_under(closed, c) for c in covers):
            covers.append(closed)
    # The workspace first: its recursive bind of /kaggle must not carry the other parked mounts along.
    moved = [workspace] + [p for p in needed if any(_under(p, c) for c in covers)]
    parking = os.path.join(kaggle, ".mlemod-mounts")
    os.mkdir(parking, 0o700)
    for index, path in enumerate(moved):
        spot = os.path.join(parking, str(index))
        os.mkdir(spot)
        _mount(kaggle if path == workspace else path, spot, None, MS_BIND | MS_REC)
    # 3. Cover, then put the parked trees back at their own paths.
    for cover in covers:
        scratch = cover in COVERED
        options = f"mode=1777,size={tmp_mb}m" if scratch else "mode=0755,size=1m"
        _mount("tmpfs", cover, "tmpfs", MS_NOSUID | MS_NODEV, options)
    for index, path in enumerate(moved):
        _makedirs(path)
        _mount(os.path.join(parking, str(index)), path, None, MS_MOVE)
    for index in range(len(moved)):
        os.rmdir(os.path.join(parking, str(index)))
    os.rmdir(parking)
    for cover in covers:
        if cover not in COVERED:  # it holds mount points only
            _mount(None, cover, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, "mode=0755,size=1m")
    # 4. Drop to the job's uid, for good.
    resource.setrlimit(resource.RLIMIT_NPROC, (pids, pids))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crashing kernel writes no core file
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    if _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    kill_all_of_this_uid()  # an earlier job whose runner had this pid may have left something running
    return uid


def kill_all_of_this_uid() -> None:
    """SIGKILL every process of this uid but the caller: all the job started, daemons that left its group too."""
    if os.getuid() == 0:  # never as root: -1 would then mean every process on the machine
        return
    try:
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        pass
