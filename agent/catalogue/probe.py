"""Check the catalogue against the locked environment: each entry's probe raises what the entry says.

    python -m mlemodernizer.agent.catalogue.probe [LIBRARY ...] [--profile tabular|full]

The probes run in one interpreter of the locked virtualenv (the host never imports
the notebooks' libraries), each in a fresh namespace, warnings silenced; a probe that
needs a package the profile lacks reports ``ModuleNotFoundError``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile

from . import Entry, entries

# Their probes import keras and tensorflow, which only the full profile carries.
FULL_PROFILE_LIBRARIES = frozenset({"keras", "tensorflow"})

# Runs inside the locked environment: reads [(id, code)] as JSON on stdin, prints {id: ename or ""}.
_PROBE_RUNNER = r"""
import json, sys, warnings
warnings.simplefilter("ignore")
import matplotlib
matplotlib.use("Agg")
out = {}
for key, code in json.load(sys.stdin):
    try:
        exec(compile(code, key, "exec"), {"__name__": "__probe__"})
        out[key] = ""
    except BaseException as exc:  # noqa: BLE001 - the probe's own error is the answer
        out[key] = type(exc).__name__ + ": " + str(exc)[:300]
print(json.dumps(out))
"""


def run_probes(selected: list[Entry], profile: str = "tabular", timeout: float = 600) -> dict[str, str]:
    """{entry id: "Ename: message" or "" when the probe ran clean} for entries that have a probe."""
    from ...executor.lockenv import venv_python

    todo = [(e.id, e.probe) for e in selected if e.probe]
    if not todo:
        return {}
    with tempfile.TemporaryDirectory(prefix="mlemod-probes-") as scratch:  # what probes write lands there
        proc = subprocess.run([str(venv_python(profile)), "-c", _PROBE_RUNNER], input=json.dumps(todo),
                              capture_output=True, text=True, timeout=timeout, cwd=scratch)
    if proc.returncode != 0:
        raise RuntimeError(f"the probe runner failed: {proc.stderr.strip()[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


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
