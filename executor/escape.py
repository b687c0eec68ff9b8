"""Escape notebooks: what notebook code can reach from inside a backend, as a table.

    python -m mlemodernizer.executor.escape [--backends local,local-open,docker]

Each check is a real notebook in a real session; the host plants what a server holds
(secrets in its environment, a sqlite database next to the workspaces and one in a
private folder elsewhere, another job running with its data and outputs, a listening
socket) and judges what the kernel got. ``local`` isolates where it can (root with
``unshare``), ``local-open`` never does (what root in a plain container, or any user
without root, gets). The fork bomb runs only where a process limit applies; the
only network targets are this machine's own addresses and 192.0.2.1 (TEST-NET-1,
never routed).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..core import RunRequest, parse_notebook
from .base import get_executor

SECRET_VARIABLES = ("MLEMOD_API_TOKEN", "AWS_SECRET_ACCESS_KEY")
LIMITS = {"local": {"pids": 64, "memory_limit_mb": 400}, "local-open": {"isolate": "off", "memory_limit_mb": 400},
          "docker": {"pids": 64, "memory": "400m"}}
CHECKS = ("secret in os.environ", "secret in another process's environ", "another job's files",
          "the jobs database", "/etc/shadow", "write outside the working folder",
          "write to the working folder",
          "network: this host's loopback", "network: this host's address", "network: an external address",
          "fork bomb", "memory bomb", "infinite loop")

# Defines report() in the kernel: one marked JSON line per check, read back by the host.
_REPORT = '''
import json, os
def report(check, contained, detail):
    print("ESCAPE " + json.dumps({"check": check, "contained": bool(contained), "detail": str(detail)[:120]}))
def attempt(action):
    try:
        return True, action()
    except Exception as e:
        return False, getattr(e, "strerror", None) or type(e).__name__
'''

_SECRETS = '''
secrets = {secrets!r}
hits = [k for k, v in os.environ.items() if v in secrets]
report("secret in os.environ", not hits, "found in " + ", ".join(hits) if hits else f"{{len(os.environ)}} variables, none secret")
readable, leaked = 0, []
for pid in filter(str.isdigit, os.listdir("/proc")):
    ok, data = attempt(lambda: open(f"/proc/{{pid}}/environ", "rb").read().decode(errors="replace"))
    readable += ok
    if ok and any(s in data for s in secrets):
        leaked.append(pid)
report("secret in another process's environ", not leaked,
       f"in the environ of pid {{leaked[0]}}" if leaked else f"{{readable}} environ files readable, none with a secret")
'''

_READS = '''
import glob, sqlite3
token = {token!r}
def scan(paths):
    got = []
    for path in paths:
        ok, data = attempt(lambda: open(path, "rb").read())
        if ok and token.encode() in data:
            got.append(path)
    return got
paths = {other!r} + glob.glob("/proc/[0-9]*/cwd/secret-out.txt") + glob.glob("/proc/[0-9]*/root/kaggle/input/secret.txt")
got = scan(paths)
report("another job's files", not got, f"read {{got[0]}}" if got else f"{{len(paths)}} paths tried, none readable")
got = scan({dbs!r})
for db in {dbs!r}:
    ok, rows = attempt(lambda: sqlite3.connect(f"file:{{db}}?mode=ro", uri=True).execute("select token from jobs").fetchall())
    if ok and rows:
        got.append(db + " (sqlite)")
report("the jobs database", not got, f"read {{got[0]}}" if got else "; ".join(attempt(lambda: open(db, "rb"))[1] for db in {dbs!r}))
ok, detail = attempt(lambda: open("/etc/shadow").read(1))
report("/etc/shadow", not ok, "read it" if ok else detail)
'''

_WRITES = '''
written, refused = [], []
for folder in {folders!r}:
    target = os.path.join(folder, {name!r})
    ok, detail = attempt(lambda: open(target, "w").write("x"))
    (written if ok else refused).append(folder if ok else detail)
report("write outside the working folder", not written, "wrote in " + ", ".join(written) if written else "; ".join(sorted(set(refused))))
ok, detail = attempt(lambda: open("/kaggle/working/escape-ok.txt", "w").write("ok"))
report("write to the working folder", ok, "allowed (it must be)" if ok else detail)
'''

_NETWORK = '''
import socket
interfaces = sorted(name for _, name in socket.if_nameindex())
for check, address in [("network: this host's loopback", ("127.0.0.1", {port})), ("network: this host's address", ({host!r}, {port})),
                       ("network: an external address", ("192.0.2.1", 80))]:
    ok, detail = attempt(lambda: socket.create_connection(address, timeout=3).close())
    # Refused by someone else's firewall is not contained: only a namespace with no way out is.
    report(check, not ok and interfaces == ["lo"], f"connected to {{address[0]}}" if ok else f"{{detail}}; interfaces {{interfaces}}")
'''

# Bounded even where no limit would stop it: each process forks at most 12 times (4,096 at worst).
_FORK_BOMB = '''
import select, time
r, w = os.pipe()
if os.fork() == 0:
    for _ in range(12):
        try:
            os.fork()
        except OSError as e:
            os.write(w, type(e).__name__.encode() + b" ")
            break
    time.sleep(2)
    os._exit(0)
os.close(w)
ready, _, _ = select.select([r], [], [], 30)
report("fork bomb", bool(ready), "fork refused: " + os.read(r, 100).decode().split()[0] if ready else "no limit hit")
'''
_AFTER_BOMB = "import subprocess, time\ntime.sleep(4)\nprint('processes start again:', subprocess.run(['true']).returncode == 0)"
_MEMORY_BOMB = "chunks = []\nfor _ in range(64):\n    chunks.append(b'x' * 2**25)  # 32 MB each, touched"


@dataclass
class Outcome:
    check: str
    contained: bool | None  # None: not run
    detail: str


def _notebook(*cells: str):
    node = nbformat.v4.new_notebook()
    node.cells = [nbformat.v4.new_code_cell(textwrap.dedent(c)) for c in cells]
    return parse_notebook(nbformat.writes(node))


def _reported(result) -> dict[str, Outcome]:
    found = {}
    for cell in result.cells:
        for output in cell.outputs:
            for line in output.get("text", "").splitlines():
                if line.startswith("ESCAPE "):
                    data = json.loads(line[7:])
                    found[data["check"]] = Outcome(**data)
    return found


def _host_address() -> str:
    # The address the default route leaves from (a UDP connect sends nothing), else the hostname's.
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("192.0.2.1", 80))
        return s.getsockname()[0]
    return socket.gethostbyname(socket.gethostname())


def _backend(name: str) -> tuple[str, dict]:
    return ("docker" if name == "docker" else "local"), dict(LIMITS[name])


def fork_bomb_bounded(name: str) -> str | None:
    """Why the fork bomb is not run on ``name``, or None when a process limit contains it."""
    if name == "local-open" or (name == "local" and _local_problem()):
        return "not run: without isolation no process limit applies (RLIMIT_NPROC is per user and does not bind root)"
    return None


def _local_problem() -> str | None:
    from .local import isolation_problem

    return isolation_problem()


def probe(name: str) -> dict[str, Outcome]:
    """Every check of ``CHECKS`` on backend ``name`` (local, local-open or docker)."""
    backend, options = _backend(name)
    token, mark = uuid.uuid4().hex, f"escape-{uuid.uuid4().hex[:8]}"
    secrets = {v: f"secret-{uuid.uuid4().hex}" for v in SECRET_VARIABLES}
    saved = {v: os.environ.get(v) for v in secrets}
    planted = [Path(tempfile.mkdtemp(prefix="mlemod-db-", dir="/tmp")), Path(tempfile.mkdtemp(prefix="mlemod-db-", dir="/var/tmp"))]
    data = Path(tempfile.mkdtemp(prefix="escape-data-"))
    listener = socket.create_server(("0.0.0.0", 0))
    accepted: list = []

    def accept() -> None:
        with contextlib.suppress(OSError):  # closed at the end
            while True:
                accepted.append(listener.accept())

    threading.Thread(target=accept, daemon=True).start()
    sessions = []
    # /proc/<pid>/environ shows a process's environment as it was exec'd: a stand-in for a server
    # started with its secrets, beside this process's own (set below, which the sessions inherit from).
    server = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"], env={**os.environ, **secrets})
    try:
        os.environ.update(secrets)
        dbs = []
        for folder in planted:  # a server's private database: 0600 in a 0700 folder
            folder.chmod(0o700)
            db = folder / "api.sqlite"
            with sqlite3.connect(db) as conn:
                conn.execute("create table jobs (token text)")
                conn.execute("insert into jobs values (?)", (token,))
            conn.close()
            db.chmod(0o600)
            dbs.append(str(db))
        (data / "train.csv").write_text("a\n1\n")
        other_data = data / "other"
        other_data.mkdir()
        (other_data / "secret.txt").write_text(token)
        other_nb = _notebook(f"open('/kaggle/working/secret-out.txt', 'w').write({token!r})")
        other = get_executor(backend, **options).start(RunRequest(notebook=other_nb, data_dir=other_data, cell_timeout=60))
        sessions.append(other)
        other.run_cells(other_nb.sources())
        ws = other.workspace
        other_paths = [str(ws.input / "secret.txt"), str(ws.working / "secret-out.txt")]
        folders = ["/usr", "/etc", str(Path.home()), str(data), str(ws.working)]
        port = listener.getsockname()[1]
        cells = [_REPORT, _SECRETS.format(secrets=list(secrets.values())),
                 _READS.format(token=token, other=other_paths, dbs=dbs), _WRITES.format(folders=folders, name=mark),
                 _NETWORK.format(port=port, host=_host_address())]
        skip_bomb = fork_bomb_bounded(name)
        if not skip_bomb:
            cells += [_FORK_BOMB, _AFTER_BOMB]
        nb = _notebook(*cells)
        session = get_executor(backend, **options).start(RunRequest(notebook=nb, data_dir=data, cell_timeout=60))
        sessions.append(session)
        result = session.run_cells(nb.sources())
        found = _reported(result)
        if result.status != "ok":
            raise RuntimeError(f"the escape notebook failed on {name}: {result.summary()}")
        # The host's own view: nothing arrived at the listener, no file appeared outside the working folder.
        if accepted and found["network: this host's loopback"].contained:
            found["network: this host's loopback"] = Outcome("network: this host's loopback", False, "the listener accepted")
        strays = [f for f in folders if (Path(f) / mark).exists()]
        if strays and found["write outside the working folder"].contained:
            found["write outside the working folder"] = Outcome("write outside the working folder", False, f"found in {strays[0]}")
        found["fork bomb"] = found.get("fork bomb") or Outcome("fork bomb", None, skip_bomb)
        if not skip_bomb and "processes start again: True" not in "".join(o.get("text", "") for o in result.cells[-1].outputs):
            found["fork bomb"] = Outcome("fork bomb", False, "processes did not start again after it")
        found.update(_bombs(backend, options))
        return {check: found[check] for check in CHECKS}
    finally:
        for session in sessions:
            with contextlib.suppress(Exception):
                session.close()
        for variable, value in saved.items():
            if value is None:
                os.environ.pop(variable, None)
            else:
                os.environ[variable] = value
        listener.close()
        server.kill()
        server.wait()
        for folder in ["/usr", "/etc", str(Path.home()), str(data)]:
            with contextlib.suppress(OSError):
                (Path(folder) / mark).unlink()  # what an uncontained write left
        for folder in [*planted, data]:
            shutil.rmtree(folder, ignore_errors=True)


def _bombs(backend: str, options: dict) -> dict[str, Outcome]:
    """The memory bomb and the infinite loop, in a session of their own (the bomb kills its kernel)."""
    nb = _notebook("while True:\n    pass", _MEMORY_BOMB)
    session = get_executor(backend, **options).start(RunRequest(notebook=nb, cell_timeout=3))
    try:
        loop = session.run_cells(nb.sources()).cells[0]
        bomb = session.run_cells(["pass", _MEMORY_BOMB]).cells[1]
    finally:
        session.close()
    error = bomb.error.evalue if bomb.error else ""
    return {
        "infinite loop": Outcome("infinite loop", loop.status == "timeout",
                                 f"{loop.status}: {loop.error.evalue if loop.error else ''}"),
        "memory bomb": Outcome("memory bomb", bomb.status == "kernel_died" and "memory" in error, f"{bomb.status}: {error}"),
    }


def table(results: dict[str, dict[str, Outcome]]) -> str:
    """One row per check: "ok" where the backend holds (for the working folder: the write is allowed),
    "ESCAPES" where the notebook got through, "n/a" where the check was not run; then what was seen."""
    names = list(results)
    cell = {(n, c): ("n/a" if o.contained is None else "ok" if o.contained else "ESCAPES") + f": {o.detail}"
            for n in names for c, o in results[n].items()}
    widths = [max(len(c) for c in CHECKS)] + [min(60, max(len(cell[n, c]) for c in CHECKS)) for n in names]
    lines = [" | ".join(h.ljust(w) for h, w in zip(["check", *names], widths))]
    lines.append("-|-".join("-" * w for w in widths))
    for check in CHECKS:
        row = [check] + [cell[n, check][:60] for n in names]
        lines.append(" | ".join(v.ljust(w) for v, w in zip(row, widths)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", default="local,local-open,docker")
    args = parser.parse_args(argv)
    results = {}
    for name in args.backends.split(","):
        try:
            results[name] = probe(name)
        except Exception as exc:  # noqa: BLE001 - a backend that cannot run here is a line, not a traceback
            print(f"{name}: not available ({type(exc).__name__}: {exc})", file=sys.stderr)
    if _local_problem() and "local" in results:
        print(f"local: not isolated here ({_local_problem()})", file=sys.stderr)
    print(table(results) if results else "no backend could run")
    return 0 if results else 1


if __name__ == "__main__":
    raise SystemExit(main())
