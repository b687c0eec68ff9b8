"""Check the catalogue against the locked environment: each entry's probe raises what the entry says.

    python -m mlemodernizer.agent.catalogue.probe [LIBRARY ...] [--profile tabular|full]

The probes run in one interpreter of the locked virtualenv (the host never imports
the notebooks' libraries), each in a fresh namespace with no figure open, warnings
silenced; a probe that needs a package the profile lacks reports ``ModuleNotFoundError``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

from ...core import CellError
from . import Entry, entries

# Their probes import keras, tensorflow or torch, which only the full profile carries.
FULL_PROFILE_LIBRARIES = frozenset({"keras", "tensorflow", "torch", "ignite"})  # ignite is in the full lock only
_FULL_PROFILE_MODULES = frozenset({"keras", "tf_keras", "tensorflow", "torch"})
_KERAS_IMPORT = re.compile(r"^\s*(?:import|from)\s+keras\b", re.M)
_IMPORTED = re.compile(r"^\s*(?:import|from)\s+(\w+)", re.M)  # the top-level packages a probe imports


def profile_of(entry: Entry) -> str:
    """The profile whose environment the entry's code runs in once repaired: the full one for keras,
    tensorflow and torch, for another library's entry whose successor is its keras part (livelossplot.inputs.keras),
    and for one whose probe imports them (gensim's get_keras_embedding builds a Keras layer)."""
    moved_to = entry.fix.module if entry.fix is not None and entry.fix.module else ""
    needs = set(moved_to.split(".")) | set(_IMPORTED.findall(entry.probe))
    return "full" if entry.library in FULL_PROFILE_LIBRARIES or _FULL_PROFILE_MODULES & needs else "tabular"

# Runs in the locked environment: one probe per stdin line (JSON code), one reply per stdout line. The alarm
# (argv[1] seconds) stops a probe that hangs; the modules named in argv[2:] are imported first, with no alarm,
# because a cold first import of tensorflow can take minutes on a busy machine and is no probe's hang. A probe's
# input() fails as in a kernel that takes no input requests (the executor's): it must neither wait nor read the
# next request.
_SERVER = r"""
import builtins, contextlib, io, json, os, signal, sys, traceback, warnings
warnings.simplefilter("ignore")
import matplotlib
matplotlib.use("Agg")
ALARM = int(sys.argv[1])
for name in sys.argv[2:]:
    with contextlib.suppress(Exception), contextlib.redirect_stdout(io.StringIO()):
        __import__(name)
def stop(*_):
    raise TimeoutError(f"the probe ran for more than {ALARM} s")
signal.signal(signal.SIGALRM, stop)
class StdinNotImplementedError(RuntimeError):
    pass
def no_input(prompt=""):
    raise StdinNotImplementedError("raw_input was called, but this frontend does not support input requests.")
builtins.input = no_input
requests, sys.stdin = sys.stdin, io.StringIO()
for raw in requests:
    code, reply, environ = json.loads(raw), {}, dict(os.environ)
    signal.alarm(ALARM)
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # what a probe prints is not a reply
            exec(compile(code, "<probe>", "exec"), {"__name__": "__probe__"})
    except BaseException as exc:  # noqa: BLE001 - the probe's own error is the answer
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<probe>"]
        if isinstance(exc, SyntaxError) and exc.filename == "<probe>":  # raised before any frame ran
            frames = [exc]
        reply = {"ename": type(exc).__name__, "evalue": str(exc)[:8000],  # whole, as the kernel reports it
                 "line": frames[-1].lineno if frames else None,
                 "traceback": "".join(traceback.format_exception(exc))[-20000:]}  # the frames a repair reads
    finally:
        signal.alarm(0)
        if "matplotlib.pyplot" in sys.modules:  # a probe's figures (a 3-D current axes) must not reach the next
            sys.modules["matplotlib.pyplot"].close("all")
        if "pandas" in sys.modules:  # nor its options (a repair may turn future.infer_string off)
            with contextlib.suppress(Exception), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                sys.modules["pandas"].reset_option("all")
    os.environ.clear()  # a probe's TF_USE_LEGACY_KERAS is its own
    os.environ.update(environ)
    if "tensorflow" in sys.modules:  # what no call undoes: a TF1 probe's disable_v2_behavior()
        reply["graph_mode"] = not sys.modules["tensorflow"].executing_eagerly()
    print(json.dumps(reply), flush=True)
"""


def _keras_of(code: str) -> str | None:
    """Which Keras TensorFlow serves ``code`` (tf_keras when it sets TF_USE_LEGACY_KERAS); None when it uses
    neither tensorflow nor keras."""
    if "tensorflow" not in code and "keras" not in code:
        return None
    return "tf_keras" if "TF_USE_LEGACY_KERAS" in code else "keras_3"


class ProbeServer:
    """One interpreter of the locked environment that runs probes on request; one that runs past ``alarm``
    seconds is stopped (a first import that compiles, umap's numba, takes 5 s alone, more on a busy machine).
    The full profile's heavy libraries are imported before the first probe, outside any probe's alarm. A probe
    that needs what an earlier one fixed for the process (graph mode, the Keras behind tf.keras) gets a new one."""

    def __init__(self, profile: str = "tabular", alarm: int = 60) -> None:
        self.profile, self.alarm = profile, alarm
        self.scratch = tempfile.TemporaryDirectory(prefix="mlemod-probes-")  # what probes write lands here
        self.stderr = open(os.path.join(self.scratch.name, ".stderr"), "w+")  # noqa: SIM115 - closed in close()
        self._start()

    def _start(self) -> None:
        from ...executor.lockenv import venv_python

        warm = sorted(FULL_PROFILE_LIBRARIES) if self.profile == "full" else []
        self.proc = subprocess.Popen([str(venv_python(self.profile)), "-c", _SERVER, str(self.alarm), *warm],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr, text=True,
                                     cwd=self.scratch.name, env={**os.environ, "PYTHONWARNINGS": "ignore"})
        self.graph_mode, self.keras = False, None

    def _stop(self) -> None:
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def run(self, code: str) -> CellError | None:
        # What no call undoes in a process: Keras 3 trains eagerly only, and TensorFlow serves Keras 2 or 3 for
        # good once chosen (the first probe that used tensorflow or keras is taken to have chosen).
        keras = _keras_of(code)
        if (self.graph_mode and _KERAS_IMPORT.search(code) and "disable_v2_behavior" not in code) \
                or (keras and self.keras and keras != self.keras):
            self._stop()
            self._start()
        self.keras = self.keras or keras
        self.proc.stdin.write(json.dumps(code) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            self.stderr.seek(0)
            raise RuntimeError(f"the probe interpreter ended: {self.stderr.read().strip()[-2000:]}")
        reply = json.loads(line)
        self.graph_mode = reply.pop("graph_mode", False)
        if not reply:
            return None
        lines = code.splitlines()
        at = reply["line"]
        return CellError(ename=reply["ename"], evalue=reply["evalue"], traceback=reply["traceback"], line=at,
                         line_source=lines[at - 1] if at and at <= len(lines) else None)

    def close(self) -> None:
        self._stop()
        self.stderr.close()
        self.scratch.cleanup()


def run_probes(selected: list[Entry], profile: str = "tabular") -> dict[str, str]:
    """{entry id: "Ename: message" or "" when the probe ran clean} for entries that have a probe; they run one
    after another in one interpreter (a process-wide switch a probe makes stays for the next)."""
    todo = [e for e in selected if e.probe]
    if not todo:
        return {}
    server = ProbeServer(profile)
    try:
        return {e.id: _said(server.run(e.probe)) for e in todo}
    finally:
        server.close()


def _said(error: CellError | None) -> str:
    return "" if error is None else f"{error.ename}: {error.evalue[:300]}"


def mismatches(selected: list[Entry], results: dict[str, str]) -> list[tuple[Entry, str]]:
    """Entries whose probe did not raise what they say (``raises`` and ``message``), with what it did."""
    bad = []
    for e in selected:
        if e.id not in results:
            continue
        got = results[e.id]
        ename, _, evalue = got.partition(": ")
        if (e.raises or "") != ename or (e.message and e.message not in evalue):
            bad.append((e, got or "(no error)"))
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("libraries", nargs="*", help="only these libraries (default: all)")
    parser.add_argument("--profile", default="tabular")
    args = parser.parse_args(argv)
    selected = [e for e in entries() if not args.libraries or e.library in args.libraries]
    results = run_probes(selected, args.profile)
    bad = mismatches(selected, results)
    for e, got in bad:
        print(f"{e.library}:{e.id}: expected {e.raises or '(no error)'} {e.message!r}, got {got}")
    print(f"{len(results)} probes, {len(bad)} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
