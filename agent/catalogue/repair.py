"""Do the rules repair what the catalogue says they cover, however the code is spelled?

    python -m mlemodernizer.agent.catalogue.repair [LIBRARY ...] [--full skip] [--show N] [--spelling NAME]

Each covered entry that raises today has a probe: old code, in one spelling. Here the
probe is repaired as the loop repairs a cell with rules only (the static pass, then
error-keyed rules fed the real error, a few rounds) and run again in the locked
environment. The same is done for other spellings of the same code, which notebooks
use as often as the probe's (``spellings``): the module's full path instead of its
alias, a function imported by name, the object reached through a container or under a
loop's name, the code inside a function, inside a helper module the cell imports
(repaired as the loop repairs a notebook's helper modules), its last statement in a
cell of its own, that statement's calls laid out one argument per line (the traceback
then names one line of several), the object it uses built in place, in the chain
(``pd.read_csv(f).mad()``), or passed through a function of the notebook's
(``df = prepare(df)``), and the statement's value printed or in an f-string. A rule
written from one spelling shows here as a probe repaired in one column only. And the
probe beside another entry's, in the cell before it: the rules read the whole notebook
(which modules it imports, whether it is TF1 graph code), and a notebook erodes in
several places at once.

Prints, per library, the covered raising entries and how many each spelling repairs,
then the entries not repaired with the error left. Exit code 1 when an original
spelling is not repaired (the catalogue says the entry is covered).
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence

import nbformat

from ...core import CellError, Notebook, edit_key, parse_notebook
from . import Entry, entries
from .probe import ProbeServer, profile_of
from .spellings import SPELLINGS, Cells, HelperModule

ROUNDS = 4  # error-keyed rounds after the static pass: a probe is one or two failing lines

_WRITTEN = "2017-06"  # when the probes' old code was written (the rules that pin old defaults read it)


def _notebook(cells: Sequence[str]) -> Notebook:
    node = nbformat.v4.new_notebook()
    node.cells.extend(nbformat.v4.new_code_cell(code) for code in cells)
    return parse_notebook(nbformat.writes(node), written=_WRITTEN)


def repair(code: str | Cells, server: ProbeServer) -> tuple[str, CellError | None]:
    """The probe after the rules' repair (its cells joined, for a spelling of several), and the error it still
    raises (None: it runs)."""
    from .. import rules

    nb = _notebook(code if isinstance(code, Cells) else [code])
    nb = nb.with_edits(rules.fix_static(nb, nb.written, old_defaults=True))
    (cell, error), tried = _run_cells(nb.sources(), server), set()
    for _ in range(ROUNDS):
        if error is None:
            break
        edits = rules.fix_error(nb, cell, error, [], tried=tried)
        if not edits:
            break
        tried.add(edit_key(edits))
        nb = nb.with_edits(edits)
        cell, error = _run_cells(nb.sources(), server)
    return "\n".join(nb.sources()), error


def _run_cells(sources: list[str], server: ProbeServer) -> tuple[int, CellError | None]:
    """Run the cells one after another in one namespace (as one probe): the failing cell, and its error with
    the line counted in that cell, as a kernel reports it."""
    error = server.run("\n".join(sources))
    if error is None or error.line is None or len(sources) == 1:
        return 0, error
    start = 1
    for cell, source in enumerate(sources):
        lines = source.split("\n")
        if error.line < start + len(lines):
            line = error.line - start + 1
            return cell, error.model_copy(update={"line": line, "line_source": lines[line - 1]})
        start += len(lines)
    return len(sources) - 1, error


def repair_helper(module: str, server: ProbeServer) -> tuple[str, CellError | None]:
    """A helper module after the rules' repair (agent/modules.py's: the static pass over the module, then the
    rules keyed by each error on the module line its traceback ends in), and the error its run still raises."""
    from ..rules.engine import fix_helper_module

    source = fix_helper_module(module, _WRITTEN).source
    error = server.run(_calling(source))
    for _ in range(ROUNDS):
        line = _helper_line(error) if error is not None else None
        if line is None:
            break
        repaired = fix_helper_module(source, _WRITTEN, error, line).source
        if repaired == source:
            break
        source = repaired
        error = server.run(_calling(source))
    return source, error


_HELPER = "probe_helper"
_runs = itertools.count()  # each run imports a module of its own name: no cached module or bytecode is reused


def _calling(module: str) -> str:
    """A cell that writes ``module`` beside the probes and runs its ``run()``."""
    name = f"{_HELPER}_{next(_runs)}"
    return (f"import importlib, pathlib\npathlib.Path({name + '.py'!r}).write_text({module!r})\n"
            f"importlib.invalidate_caches()\nimportlib.import_module({name!r}).run()\n")


def _helper_line(error: CellError) -> int | None:
    """The line of the helper module the traceback ends in (its deepest frame there)."""
    lines = [line for path, line in error.frames() if path.rsplit("/", 1)[-1].startswith(_HELPER + "_")]
    return lines[-1] if lines else None


BESIDE = "beside another"
ALL_SPELLINGS = (*SPELLINGS, BESIDE)


def neighbours(selected: list[Entry]) -> dict[str, Entry]:
    """Each entry's neighbour for "beside another": the entry half way round the list of those run in its
    profile (of another library, mostly: the list is in library order)."""
    by_profile: dict[str, list[Entry]] = defaultdict(list)
    for entry in selected:
        by_profile[profile_of(entry)].append(entry)
    return {e.id: group[(i + len(group) // 2) % len(group)]
            for group in by_profile.values() if len(group) > 1 for i, e in enumerate(group)}


def measure(selected: list[Entry], servers: dict[str, ProbeServer],
            spellings: Sequence[str] = ALL_SPELLINGS) -> dict[str, dict[str, CellError | None | str]]:
    """{entry id: {spelling: the error left, None when repaired, "n/a" when the spelling does not apply}}, for
    "as written" and ``spellings``. ``servers``: by profile; keras, tensorflow and torch probes run in the full one."""
    out: dict[str, dict] = {}
    names = ["as written", *(name for name in spellings if name != "as written")]
    partners = neighbours(selected)
    for entry in selected:
        server = servers[profile_of(entry)]
        row = {}
        for name in names:
            if name == BESIDE:
                partner = partners.get(entry.id)
                code = Cells([partner.probe, entry.probe]) if partner else None
            else:
                code = SPELLINGS[name](entry.probe)
            fix = repair_helper if isinstance(code, HelperModule) else repair
            row[name] = "n/a" if code is None else fix(code, server)[1]
        out[entry.id] = row
    return out


def covered_raising(libraries: list[str]) -> list[Entry]:
    return [e for e in entries() if e.covered and e.raises and e.probe and (not libraries or e.library in libraries)]


def report(selected: list[Entry], results: dict, show: int) -> str:
    """The table: per library, the covered raising entries, how many the rules repair as written, and, of
    those, how many each other spelling still repairs (repaired/applicable); then the misses, the other
    spellings' first (a rule tied to one spelling), then the entries not repaired even as written."""
    others = [name for name in ALL_SPELLINGS
              if name != "as written" and any(name in results[e.id] for e in selected)]
    per: dict[str, Counter] = defaultdict(Counter)
    lost, unrepaired = [], []
    for e in selected:
        row, count = results[e.id], per[e.library]
        count["entries"] += 1
        if row["as written"] is not None:
            unrepaired.append((e, "as written", row["as written"]))
            continue
        count["as written"] += 1
        for name in others:
            if row[name] != "n/a":
                count[name + ":n"] += 1
                count[name] += row[name] is None
                if row[name] is not None:
                    lost.append((e, name, row[name]))
    width = max([len(lib) for lib in per] + [7])
    head = f"{'library':<{width}} {'entries':>7} {'as written':>10} " + " ".join(f"{n:>13}" for n in others)
    lines = [head]
    total: Counter = Counter()
    for lib in [*sorted(per), "all"]:
        count = total if lib == "all" else per[lib]
        if lib != "all":
            total.update(count)
        cells = " ".join(f"{str(count[n]) + '/' + str(count[n + ':n']):>13}" for n in others)
        lines.append(f"{lib:<{width}} {count['entries']:>7} {count['as written']:>10} {cells}")
    misses = lost + unrepaired
    for e, name, left in misses[:show]:
        first = (left.evalue.splitlines() or [""])[0]  # an AssertionError may say nothing
        lines.append(f"  {e.id} [{name}] {e.covering_rule}: {left.ename}: {first[:110]}")
    if len(misses) > show:
        lines.append(f"  ... {len(misses) - show} more (--show N)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("libraries", nargs="*", help="only these libraries (default: all)")
    parser.add_argument("--full", default="full", choices=("full", "skip"),
                        help="keras, tensorflow and torch probes need the full profile's environment (built on first "
                             "use); 'skip' leaves them out")
    parser.add_argument("--show", type=int, default=40, help="how many unrepaired probes to list")
    parser.add_argument("--spelling", action="append", choices=list(ALL_SPELLINGS), metavar="NAME",
                        help="measure only this spelling beside 'as written' (repeatable; default: all of "
                             + ", ".join(ALL_SPELLINGS) + ")")
    args = parser.parse_args(argv)
    selected = covered_raising(args.libraries)
    if args.full == "skip":
        selected = [e for e in selected if profile_of(e) != "full"]
    if not selected:
        print("no covered entry with a probe for: " + ", ".join(args.libraries), file=sys.stderr)
        return 2
    profiles = {profile_of(e) for e in selected}
    servers = {profile: ProbeServer(profile) for profile in sorted(profiles)}
    try:
        results = measure(selected, servers, args.spelling or ALL_SPELLINGS)
    finally:
        for server in servers.values():
            server.close()
    print(report(selected, results, args.show))
    return 1 if any(results[e.id]["as written"] is not None for e in selected) else 0


if __name__ == "__main__":
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    sys.exit(main())
