"""The runner: lives inside the target environment and drives one Jupyter kernel.

It is started with the environment's own Python (the locked virtualenv, or the
image's interpreter) and must import nothing from mlemodernizer: only the
standard library plus nbclient/nbformat/jupyter_client, which the lock carries.
The host speaks to it in JSON lines over stdin/stdout:

    -> {"op": "start", "cwd": ..., "setup": [[argv], ...], "startup": "code",
        "packages": [...], "memory_limit_mb": N, "env": {...},
        "confine": {...}}                       (local, root, isolated: confine.py's arguments)
    <- {"event": "ready", "seconds": s, "python": "3.11.7", "packages": {...}}
    -> {"op": "run", "sources": [...], "kinds": [...], "start": k,     (state before k restored, see KERNEL_STATE)
        "cell_timeout": s, "budget": s, "max_output_bytes": n}
    <- {"event": "cell", ...one CellResult...}        (one per code cell)
    <- {"event": "done", "wall_seconds": s, "restarted": bool}
    -> {"op": "describe", "names": [...]}                 (what the kernel holds under those names)
    <- {"event": "described", "facts": {name: text}}
    <- {"event": "alive"}                             (every HEARTBEAT seconds, any time)
    -> {"op": "close"}
    <- {"event": "closed"}

Errors of the runner itself come back as {"event": "fatal", "message": ...}.

The runner ends with its host: a thread reads stdin, and at end of input (the
host closed it, or died: its end of the pipe closes with it) that is not after
a ``close`` it kills the kernel's process group and exits at once, even in the
middle of a cell. (Not ``PR_SET_PDEATHSIG``: it fires when the host *thread*
that started the runner ends, and hosts start sessions from short-lived threads.)
A ``close`` that arrives while a cell runs ends the kernel at once too: nobody
will read that cell's result, and the host does not wait for it.
"""

from __future__ import annotations

import ast
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from importlib import metadata

import nbformat
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

TIMEOUT_ENAME = "CellTimeoutError"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # core.ANSI: the runner imports nothing of the package
INTERRUPT_GRACE = 5  # seconds an interrupted kernel gets to become responsive again
HEARTBEAT = 15  # seconds between "alive" messages: the host tells a slow cell from a hung runner

# Checkpoints, inside the kernel: before each cell (IPython's pre_run_cell event, so no round trip of its
# own), a deep copy of the globals that the cell (and the notebook's own functions it calls) can reach, the
# set of names then bound, and the global random states. A re-run from cell k restores the copy taken before k, so the kernel holds what a fresh run
# of cells 0..k-1 gives, not what the failed attempt's partial run of k left (a column mapped twice).
# It lives in a module of its own so that it binds no name in the notebook's namespace.
KERNEL_STATE = r"""
import copy, itertools, keyword, random, re, sys, types
from IPython import get_ipython

_IPYTHON = re.compile(r"^(_+|_i+|_i?\d+|_oh|_dh|_sh|In|Out|get_ipython|exit|quit|__\w+__)$")
_SHARED = (types.ModuleType, types.FunctionType, types.BuiltinFunctionType, type, int, float, complex, str,
           bytes, bool, type(None), range)
_checkpoints = {}  # cell index -> (names bound, values, random states), or None when no exact copy exists
# Bytes one copy may hold. The copy lives beside the values it copies and a restore makes another, so a
# notebook whose data fills much of the memory limit would be killed by its checkpoints, not by its own
# work: past the cap a cell gets no copy, and a re-run from it replays from the top instead.
_cap = [None]


def set_cap(nbytes):
    _cap[0] = nbytes


def _size(value, depth=0):
    # Cheap and rough: arrays' and frames' buffers (a text column counts its pointers only), and containers'
    # items two levels down, sampled; enough to tell a notebook's big data from its small values.
    nbytes = getattr(value, "nbytes", None)
    if isinstance(nbytes, int):
        return nbytes
    if type(value).__name__ in ("DataFrame", "Series"):
        try:
            used = value.memory_usage(deep=False)
            return int(used.sum()) if hasattr(used, "sum") else int(used)
        except Exception:
            return 0
    if isinstance(value, (list, tuple, set, frozenset, dict)) and depth < 2 and value:
        # 100 items a level, scaled to the container's length: at most 10,000 looks before each cell.
        seen = list(itertools.islice(value.values() if isinstance(value, dict) else value, 100))
        return sys.getsizeof(value) + sum(_size(item, depth + 1) for item in seen) * len(value) // len(seen)
    return sys.getsizeof(value)


def _reachable(ns, names):
    # The cell's names, plus the globals read by the notebook's own functions and classes among them.
    todo, seen = list(names), set()
    while todo:
        name = todo.pop()
        if name in seen or name not in ns:
            continue
        seen.add(name)
        value = ns[name]
        codes = []
        if isinstance(value, types.FunctionType) and value.__module__ == "__main__":
            codes = [value.__code__]
        elif isinstance(value, type) and value.__module__ == "__main__":
            codes = [f.__code__ for f in vars(value).values() if isinstance(f, types.FunctionType)]
        while codes:
            code = codes.pop()
            todo.extend(code.co_names)
            codes.extend(c for c in code.co_consts if isinstance(c, types.CodeType))
    return seen


def _random_states():
    numpy = sys.modules.get("numpy")
    return random.getstate(), numpy.random.get_state() if numpy is not None else None


def save(index, names, keep):
    for old in [k for k in _checkpoints if k not in keep]:
        del _checkpoints[old]
    ns = get_ipython().user_ns
    values = {n: ns[n] for n in _reachable(ns, names)}
    wanted = {n: v for n, v in values.items() if not isinstance(v, _SHARED)}
    if _cap[0] is not None and sum(map(_size, wanted.values())) > _cap[0]:
        _checkpoints[index] = None
        return
    try:
        copied = copy.deepcopy(wanted)
    except Exception:
        _checkpoints[index] = None  # something the kernel cannot copy (a generator, a graph session)
        return
    values.update(copied)
    _checkpoints[index] = (set(ns), values, _random_states())


def _describe(value):
    kind = type(value).__name__
    shape = getattr(value, "shape", None)
    if kind == "DataFrame":
        nans = value.isna().sum()
        columns = [f"{c}: {t}" + (f" ({int(nans[c])} NaN)" if nans[c] else "") for c, t in value.dtypes.items()][:12]
        more = f", ... {value.shape[1] - 12} more" if value.shape[1] > 12 else ""
        return f"DataFrame {shape}; " + ", ".join(columns) + more
    if kind == "Series":
        return f"Series ({len(value)},) {value.dtype}, {int(value.isna().sum())} NaN, name={value.name!r}"
    if shape is not None and hasattr(value, "dtype"):
        return f"{kind} {shape} {value.dtype}"
    if isinstance(value, (list, tuple, set, dict)):
        return f"{kind} of {len(value)}"
    if isinstance(value, (int, float, str, bool, type(None))):
        return f"{kind} {value!r}"[:80]
    return f"{type(value).__module__}.{kind}"


def describe(names):
    # The type of each name, and the shape, dtypes and NaN counts of frames and arrays: facts for a prompt.
    import json
    ns = get_ipython().user_ns
    out = {}
    for name in names[:20]:
        if name not in ns:
            out[name] = "not defined"
            continue
        try:
            out[name] = _describe(ns[name])[:400]
        except Exception as exc:
            out[name] = f"{type(ns[name]).__name__} ({type(exc).__name__} while describing it)"
    return json.dumps(out)


_OPAQUE = re.compile(r"import\s+\*|\bglobals\s*\(|\bexec\s*\(|^\s*%(run|store|load)\b|\bvars\s*\(\s*\)", re.MULTILINE)
_WORD = re.compile(r"[A-Za-z_]\w*")
_pinned = [None]  # the checkpoint kept besides the latest: the one before the first cell of the current run


def _before_cell(info):
    # IPython's pre_run_cell event: the copy is taken inside the cell's own request, keyed by the execution
    # count the cell is about to get. A cell that binds names out of sight (exec, import *) gets no copy.
    count = get_ipython().execution_count
    source = info.raw_cell or ""
    if _OPAQUE.search(source):
        for old in [k for k in _checkpoints if k != _pinned[0]]:
            del _checkpoints[old]
        _checkpoints[count] = None
        return
    save(count, sorted(set(_WORD.findall(source)) - set(keyword.kwlist)), (_pinned[0],))


def pin_next():
    _pinned[0] = get_ipython().execution_count


get_ipython().events.register("pre_run_cell", _before_cell)


def restore(index):
    checkpoint = _checkpoints.get(index)
    if checkpoint is None:
        raise LookupError(f"no exact checkpoint before cell {index}")
    bound, values, (py_state, np_state) = checkpoint
    ns = get_ipython().user_ns
    for name in [n for n in ns if n not in bound and not _IPYTHON.match(n)]:
        del ns[name]
    ns.update(values)
    # A second copy: the checkpoint must stay as it was for the next restore.
    ns.update(copy.deepcopy({n: v for n, v in values.items() if not isinstance(v, _SHARED)}))
    random.setstate(py_state)
    if np_state is not None:
        sys.modules["numpy"].random.set_state(np_state)
"""
_STATE = "__import__('sys').modules['__mlemod_state__']"
_INSTALL_STATE = (f"(lambda source: exec(source, __import__('sys').modules.setdefault('__mlemod_state__', "
                  f"__import__('types').ModuleType('__mlemod_state__')).__dict__))({KERNEL_STATE!r})")


class BoundedClient(NotebookClient):
    """nbclient's client, keeping at most ``max_output_bytes`` of output per cell."""

    max_output_bytes = 200_000

    def reset_cell_budget(self) -> None:
        self.out_bytes, self.truncated = 0, False

    def output(self, outs, msg, display_id, cell_index):
        size = len(json.dumps(msg["content"], default=str))
        if msg["msg_type"] != "error" and self.out_bytes + size > self.max_output_bytes:
            self.truncated = True  # drop it: a runaway print loop must not fill memory
            return None
        self.out_bytes += size
        return super().output(outs, msg, display_id, cell_index)


class MemoryWatch(threading.Thread):
    """Kills the kernel when its resident memory passes the limit, like a cgroup OOM kill."""

    def __init__(self, limit_mb: float | None):
        super().__init__(daemon=True)
        self.limit_mb, self.pid, self.killed_at_mb = limit_mb, None, None

    def run(self) -> None:
        while self.limit_mb:
            pid = self.pid
            if pid and (rss := _status_mb(pid, "VmRSS")) and rss > self.limit_mb:
                self.killed_at_mb = rss
                try:
                    os.kill(pid, 9)
                except ProcessLookupError:
                    pass
            time.sleep(0.1)


# Where the kernel lives in a memory cgroup with a limit (a docker container), that cgroup counts its OOM
# kills: a kernel it killed between two looks of MemoryWatch (a fast allocation) is still a memory kill.
OOM_COUNTERS = ("/sys/fs/cgroup/memory.events", "/sys/fs/cgroup/memory/memory.oom_control")


def _oom_kills() -> int | None:
    for path in OOM_COUNTERS:
        try:
            with open(path) as f:
                for line in f:
                    key, _, value = line.partition(" ")
                    if key == "oom_kill":
                        return int(value)
        except (OSError, ValueError):
            continue
    return None


def _status_mb(pid: int, field: str) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _reset_peak(pid: int | None) -> None:
    # Writing 5 to clear_refs resets the peak RSS (VmHWM) the kernel reports.
    if pid:
        try:
            with open(f"/proc/{pid}/clear_refs", "w") as f:
                f.write("5")
        except OSError:
            pass


class Runner:
    def __init__(self, emit):
        self.emit = emit
        self.client: BoundedClient | None = None
        self.start_args: dict = {}
        self.watch: MemoryWatch | None = None
        self.checkpoints = False  # whether the kernel holds the checkpoint module
        self.confinement = None  # the confine module, once the runner has confined itself (local backend, root)

    # ----------------------------------------------------------------- kernel

    @property
    def kernel_pid(self) -> int | None:
        process = getattr(self.client.km.provisioner, "process", None) if self.client and self.client.km else None
        return process.pid if process else None

    def start(self, args: dict) -> None:
        began = time.perf_counter()
        self.start_args = args
        for argv in args.get("setup", []):  # mounts inside a private namespace
            subprocess.run(argv, check=True, stdout=sys.stderr)
        if args.get("confine"):
            import confine  # beside this script (its folder is sys.path[0]); the docker image never needs it

            confine.confine(**args["confine"])
            self.confinement = confine
        os.chdir(args["cwd"])
        self.watch = MemoryWatch(args.get("memory_limit_mb"))
        self.watch.start()
        self._start_kernel()
        self.emit(
            event="ready",
            seconds=time.perf_counter() - began,
            python=sys.version.split()[0],
            packages=_versions(args.get("packages", [])),
        )

    def _start_kernel(self) -> None:
        args = self.start_args
        conn_dir = args.get("conn_dir") or args["cwd"]
        km = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(conn_dir, "k"))
        km.connection_file = os.path.join(conn_dir, "kernel.json")
        client = BoundedClient(nbformat.v4.new_notebook(), km=km, allow_errors=True, record_timing=False,
                               shutdown_kernel="immediate",
                               interrupt_on_timeout=True, iopub_timeout=4,
                               error_on_timeout={"ename": TIMEOUT_ENAME, "evalue": "", "traceback": []})
        log = open(os.path.join(conn_dir, "kernel.log"), "ab")
        client.start_new_kernel(cwd=args["cwd"], stdout=subprocess.DEVNULL, stderr=log, env=_kernel_env(args))
        client.start_new_kernel_client()
        self.client = client
        self.watch.pid = self.kernel_pid
        if args.get("startup"):
            self._silent(args["startup"], timeout=30)
        self.counts: dict[int, int] = {}  # cell index -> the execution count of its latest run in this kernel
        self.checkpoints = self._silent(_INSTALL_STATE, timeout=30)
        if self.checkpoints and args.get("memory_limit_mb"):  # a quarter: the copy, a restore's copy, the live data
            self._silent(f"{_STATE}.set_cap({int(args['memory_limit_mb'] * 2**20 / 4)})", timeout=30)

    def _silent(self, code: str, timeout: float) -> bool:
        kc = self.client.kc
        msg_id = kc.execute(code, silent=True, store_history=False)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                reply = run_sync(kc.get_shell_msg)(timeout=max(0.1, deadline - time.monotonic()))
            except Exception:
                break
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]["status"] == "ok"
        return False

    def describe(self, args: dict) -> None:
        """What the kernel holds under ``names`` now (a user expression: nothing runs as a cell)."""
        facts: dict = {}
        if self.checkpoints and self._alive():
            expression = f"{_STATE}.describe({list(args.get('names', []))!r})"
            kc = self.client.kc
            msg_id = kc.execute("", silent=True, store_history=False, user_expressions={"facts": expression})
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    reply = run_sync(kc.get_shell_msg)(timeout=max(0.1, deadline - time.monotonic()))
                except Exception:
                    break
                if reply["parent_header"].get("msg_id") == msg_id:
                    result = reply["content"].get("user_expressions", {}).get("facts", {})
                    text = result.get("data", {}).get("text/plain") if result.get("status") == "ok" else None
                    if text:
                        facts = json.loads(ast.literal_eval(text))
                    break
        self.emit(event="described", facts=facts)

    def _restart_kernel(self) -> None:
        try:
            self.client._cleanup_kernel()
        except Exception:
            pass
        self._start_kernel()

    # ----------------------------------------------------------------- cells

    def run(self, args: dict) -> None:
        sources, kinds, start = args["sources"], args["kinds"], args["start"]
        cell_timeout, budget = args["cell_timeout"], args["budget"]
        self.client.max_output_bytes = args.get("max_output_bytes", 200_000)
        restarted = False
        if not self._alive():
            self._restart_kernel()
            restarted = True
        began = time.perf_counter()
        if start > 0 and not restarted and not self._restore(start):
            # No exact state before ``start``: a fresh kernel and the cells before it again, reported too.
            self._restart_kernel()
            restarted, start = True, 0
        if self.checkpoints:
            self._silent(f"{_STATE}.pin_next()", timeout=30)  # keep the state before this run's first cell
        broken = False
        for index in range(start, len(sources)):
            if kinds[index] != "code":
                continue
            if broken:
                self.emit(event="cell", index=index, status="skipped")
                continue
            remaining = budget - (time.perf_counter() - began)
            if remaining <= 0:
                self.emit(event="cell", index=index, status="timeout", error=_timeout_error(budget, whole_run=True))
                broken = True
                continue
            by_budget = remaining < cell_timeout
            result = self._run_cell(index, sources[index], min(cell_timeout, remaining))
            if result["status"] == "timeout":
                result["error"] = _timeout_error(budget if by_budget else cell_timeout, whole_run=by_budget)
            self.emit(event="cell", **result)  # report first: recovering the kernel can take a while
            if result["status"] == "timeout" and (not self._alive() or not self._silent("pass", INTERRUPT_GRACE)):
                self._restart_kernel()  # the interrupt did not take: start over next time
                restarted = True
            elif result["status"] == "kernel_died":
                self._restart_kernel()
                restarted = True
            broken = result["status"] != "ok"
        self.emit(event="done", wall_seconds=time.perf_counter() - began, restarted=restarted)

    def _restore(self, index: int) -> bool:
        """Put the kernel back in the state it had before cell ``index`` ran; False when it cannot be exact."""
        count = self.counts.get(index)  # the checkpoint is keyed by the execution count the cell had
        return self.checkpoints and count is not None and self._silent(f"{_STATE}.restore({count})", timeout=600)

    def _alive(self) -> bool:
        process = getattr(self.client.km.provisioner, "process", None) if self.client and self.client.km else None
        return process is not None and process.poll() is None

    def _run_cell(self, index: int, source: str, timeout: float) -> dict:
        client = self.client
        cell = nbformat.v4.new_code_cell(source)
        client.nb.cells = [cell]
        client.reset_cell_budget()
        client.timeout_func = lambda _cell: max(1, int(timeout + 0.999))
        reply: dict = {}
        client.on_cell_executed = lambda **kw: reply.update(kw.get("execute_reply") or {})
        pid = self.kernel_pid
        _reset_peak(pid)
        self.watch.killed_at_mb = None
        ooms = _oom_kills()
        began = time.perf_counter()
        status, error = "ok", None
        try:
            client.execute_cell(cell, 0)
        except DeadKernelError:
            status = "kernel_died"
            evalue = "the kernel process exited while running this cell"
            if self.watch.killed_at_mb:
                evalue = f"killed: memory use {self.watch.killed_at_mb:.0f} MB passed the limit of {self.watch.limit_mb:.0f} MB"
            elif ooms is not None and (_oom_kills() or 0) > ooms:
                evalue = "killed: out of memory (the sandbox's memory limit was reached)"
            error = {"ename": "DeadKernelError", "evalue": evalue, "traceback": ""}
        seconds = time.perf_counter() - began
        peak = _status_mb(pid, "VmHWM") if pid else None
        content = reply.get("content", {})
        if content.get("execution_count") is not None:
            self.counts[index] = content["execution_count"]
        if status == "ok" and content.get("status") == "error":
            if content.get("ename") == TIMEOUT_ENAME:
                status = "timeout"
            else:
                status = "error"
        outputs = [dict(o) for o in cell.get("outputs", [])]
        if status == "error":
            error = _cell_error(_error_content(content, outputs), source)
        if client.truncated:
            outputs.append({"output_type": "stream", "name": "stderr",
                            "text": f"[mlemod: output truncated at {client.max_output_bytes} bytes]\n"})
        return {"index": index, "status": status, "seconds": seconds, "peak_memory_mb": peak,
                "outputs": outputs, "truncated": client.truncated, "error": error}

    def kill_kernel(self) -> None:
        """At once, with everything the kernel started (its own session and process group; confined, every
        process of the job's uid)."""
        if self.confinement:
            self.confinement.kill_all_of_this_uid()
        pid = self.kernel_pid
        if pid:
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass

    def close(self) -> None:
        if self.client and self.client.km:
            try:
                self.client._cleanup_kernel()
            except Exception:
                pass
        if self.confinement:  # what the notebook started and detached (a daemon) ends with the job
            self.confinement.kill_all_of_this_uid()


def _kernel_env(args: dict) -> dict:
    env = dict(os.environ)
    env.update(args.get("env") or {})
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def _timeout_error(seconds: float, whole_run: bool) -> dict:
    if whole_run:
        return {"ename": "BudgetExceeded", "evalue": f"the run's budget of {seconds:g}s was used up", "traceback": ""}
    return {"ename": TIMEOUT_ENAME, "evalue": f"the cell ran past its timeout of {seconds:g}s", "traceback": ""}


def _error_content(reply: dict, outputs: list[dict]) -> dict:
    """The error to report: the reply's, unless it names none. An exception raised while
    IPython formats a result for display (an Image of a missing file) reaches the reply as
    ``NoneType: None``; the error output the cell showed has the real one."""
    if reply.get("ename") not in (None, "", "NoneType"):
        return reply
    shown = [o for o in outputs if o.get("output_type") == "error"]
    return {**reply, **shown[-1]} if shown else reply


def _cell_error(content: dict, source: str) -> dict:
    traceback = ANSI.sub("", "\n".join(content.get("traceback", [])))
    count = content.get("execution_count")
    # IPython names frames of this cell "Cell In[<count>], line <n>"; the last is the deepest.
    marks = re.findall(rf"Cell In\[{count}\], line (\d+)", traceback) or re.findall(r"<ipython-input-[^>]*> in .*\n.*?(\d+)", traceback)
    line = int(marks[-1]) if marks else None
    lines = source.splitlines()
    line_source = lines[line - 1] if line and 0 < line <= len(lines) else None
    return {"ename": content.get("ename", ""), "evalue": ANSI.sub("", content.get("evalue", "")),
            "traceback": traceback, "line": line, "line_source": line_source}


def _versions(names: list[str]) -> dict[str, str]:
    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return found


def _is_close(line: str) -> bool:
    try:
        return json.loads(line).get("op") == "close"
    except (ValueError, AttributeError):
        return False


def main() -> int:
    # The protocol owns the real stdout; anything else that prints goes to stderr.
    proto = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    lock = threading.Lock()

    def emit(**event) -> None:
        with lock:
            proto.write(json.dumps(event, default=str) + "\n")

    def heartbeat() -> None:
        while True:
            time.sleep(HEARTBEAT)
            emit(event="alive")

    threading.Thread(target=heartbeat, daemon=True).start()
    runner = Runner(emit)
    commands: queue.Queue[str | None] = queue.Queue()
    closing = threading.Event()
    busy = threading.Event()  # a cell (or a describe) is running in the kernel

    def watch_host() -> None:
        # The only reader of stdin, so end of input is seen even while a cell runs.
        for line in sys.stdin:
            if _is_close(line):
                closing.set()  # the host said goodbye: the end of input that follows is expected
                if busy.is_set():
                    # Nobody will read the running cell's result, and the host kills this runner a few
                    # seconds from now, before the main loop would reach its close: end the kernel and
                    # all it started here, or they outlive the job.
                    runner.kill_kernel()
            commands.put(line)
        commands.put(None)
        if not closing.is_set():  # no "close" first: the host is gone; nobody will read what we say
            runner.kill_kernel()
            os._exit(3)

    threading.Thread(target=watch_host, name="host-watch", daemon=True).start()
    try:
        while (line := commands.get()) is not None:
            if not line.strip():
                continue
            command = json.loads(line)
            op = command.pop("op")
            busy.set()
            if op == "start":
                runner.start(command)
            elif op == "run":
                runner.run(command)
            elif op == "describe":
                runner.describe(command)
            elif op == "close":
                closing.set()
                break
            busy.clear()
    except Exception as exc:  # report, never hang the host
        emit(event="fatal", message=f"{type(exc).__name__}: {exc}")
        return 1
    finally:
        runner.close()
        emit(event="closed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
