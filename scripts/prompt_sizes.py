#!/usr/bin/env python3
"""Prompt size per LLM request, without calling a model: one error-repair prompt per notebook.

    python scripts/prompt_sizes.py CORPUS [--run] [--cache DIR] [--no-static] [--errors FILE]

For every notebook under CORPUS (the corpus layout of DESIGN.md, or any folder of
``.ipynb`` files) the first failing cell is found, in this order: a cached run
(``--cache``, a folder of ``<name>.json`` RunResults); ``--errors`` (JSON lines
``{"notebook": name, "cell": k, "ename": .., "evalue": .., "traceback": ..}``);
an error the notebook's stored outputs show; with ``--run``, one run of the
notebook in the local backend (after the static rules, as the repair loop does
before it asks a model; ``--no-static`` runs it as it is), cached for next time.
The prompt the LLM fixer would send for that cell is built with the agent's own
``build_messages`` and counted with ``litellm.token_counter`` (len/4 without it).
Prints one line per notebook, then the median and the largest.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

from mlemodernizer.agent.base import Diagnosis  # noqa: E402
from mlemodernizer.agent.diagnosis import describe_data, diagnose, list_files  # noqa: E402
from mlemodernizer.agent.prompting import build_messages, environment_facts  # noqa: E402
from mlemodernizer.core import (  # noqa: E402
    CellError,
    CellResult,
    Notebook,
    RunRequest,
    RunResult,
    corpus_defaults,
    load_notebook,
)


def notebooks(root: Path) -> list[Path]:
    found = sorted(p for p in root.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    # Helper folders (<name>/ beside <name>.ipynb) may hold notebooks of their own: not ours.
    return [p for p in found if not any(parent.name and parent.with_suffix(".ipynb").is_file()
                                        for parent in p.parents)]


def count_tokens(messages: list[dict]) -> int:
    try:
        import litellm

        return int(litellm.token_counter(model="gpt-4o", messages=messages))
    except Exception:  # noqa: BLE001 - no tokenizer: the usual approximation
        return sum(len(m["content"]) for m in messages) // 4


def static_fixed(nb: Notebook, input_files: list[str], working_files: list[str]) -> Notebook:
    from mlemodernizer.agent.rules import fix_static

    sources = nb.sources()
    for edit in fix_static(nb, nb.written, input_files, working_files):
        if edit.file is None:
            sources[edit.cell] = edit.new
    return nb.with_sources(sources)


def stored_failure(nb: Notebook) -> RunResult | None:
    """A run made of the notebook's stored outputs, when one of them is an error."""
    cells = []
    for index in nb.code_indices():
        cell = nb.cells[index]
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            e = errors[-1]
            cells.append(CellResult(index=index, status="error", outputs=list(cell.outputs), error=CellError(
                ename=e.get("ename", ""), evalue=e.get("evalue", ""), traceback="\n".join(e.get("traceback", [])))))
            return RunResult(cells=cells, status="error", wall_seconds=0.0)
        cells.append(CellResult(index=index, status="ok", outputs=list(cell.get("outputs", []))))
    return None


def given_failure(nb: Notebook, error: dict) -> RunResult:
    cells = [CellResult(index=i, status="ok", outputs=list(nb.cells[i].get("outputs", [])))
             for i in nb.code_indices() if i < error["cell"]]
    cells.append(CellResult(index=error["cell"], status="error", error=CellError(
        ename=error["ename"], evalue=error.get("evalue", ""), traceback=error.get("traceback", ""),
        line=error.get("line"), line_source=error.get("line_source"))))
    return RunResult(cells=cells, status="error", wall_seconds=0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--cache", type=Path, help="folder of cached runs (<name>.json), read and written")
    parser.add_argument("--errors", type=Path, help="JSON lines giving each notebook's failing cell and error")
    parser.add_argument("--run", action="store_true", help="run notebooks with no known failure (local backend)")
    parser.add_argument("--no-static", action="store_true", help="do not apply the static rules before a run")
    parser.add_argument("--cell-timeout", type=float, default=60)
    parser.add_argument("--budget", type=float, default=180)
    parser.add_argument("--show", metavar="NAME", help="print the whole prompt of this notebook")
    args = parser.parse_args(argv)

    given = {}
    if args.errors:
        for line in args.errors.read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                given[row["notebook"]] = row
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
    sizes: list[tuple[int, str]] = []
    for path in notebooks(args.corpus):
        name = path.stem
        defaults = corpus_defaults(path)
        nb = load_notebook(path)
        data_dir, files_dir = defaults.get("data_dir"), defaults.get("files_dir")
        input_files, working_files = list_files(data_dir), list_files(files_dir)
        if not args.no_static:
            nb = static_fixed(nb, input_files, working_files)
        cached = args.cache / f"{defaults.get('competition', 'x')}--{name}.json" if args.cache else None
        run = None
        if cached is not None and cached.is_file():
            run = RunResult.model_validate_json(cached.read_text())
        elif name in given:
            run = given_failure(nb, given[name])
        elif (stored := stored_failure(nb)) is not None:
            run = stored
        elif args.run:
            from mlemodernizer.executor.base import run_notebook

            req = RunRequest(notebook=nb, data_dir=data_dir, files_dir=files_dir,
                             competition=defaults.get("competition"), cell_timeout=args.cell_timeout,
                             budget=args.budget)
            try:
                run = run_notebook(req)
            except Exception as exc:  # noqa: BLE001 - one broken notebook does not stop the table
                print(f"{name}: run failed: {exc}", file=sys.stderr)
                continue
            if cached is not None:
                cached.write_text(run.model_dump_json())
        if run is None:
            print(f"{name}: no failure known (give --run, --errors or --cache)", file=sys.stderr)
            continue
        diagnosis: Diagnosis = diagnose(run, None, 0.10, data_files=describe_data(data_dir, input_files).lines,
                                        input_files=input_files, working_files=working_files,
                                        written=nb.written)
        if diagnosis.fix_type is None:
            print(f"{name}: runs clean", file=sys.stderr)
            continue
        # the facts the fixer adds (no live kernel here: without the values of the failing line's names)
        facts = environment_facts(nb, diagnosis) if diagnosis.fix_type == "error-repair" else ""
        messages = build_messages(nb, diagnosis, [], facts)
        tokens = count_tokens(messages)
        chars = sum(len(m["content"]) for m in messages)
        what = f"{diagnosis.error.ename}" if diagnosis.error else diagnosis.fix_type
        print(f"{tokens:7d} tokens {chars:8d} chars  cell {diagnosis.cell}  {what:24s} {name}")
        sizes.append((tokens, name))
        if args.show == name:
            for message in messages:
                print(f"----- {message['role']}\n{message['content']}")
    if not sizes:
        print("no prompts built")
        return 1
    values = sorted(t for t, _ in sizes)
    largest = max(sizes)
    print(f"requests: {len(values)}  median: {statistics.median(values):.0f} tokens  "
          f"largest: {largest[0]} tokens ({largest[1]})  total: {sum(values)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
