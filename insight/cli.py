"""`mlemod inspect NOTEBOOK|CORPUS [--json] [--html OUT]`: what a notebook is, from its code, text and figures."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    inspect = sub.add_parser(
        "inspect",
        help="facts about a notebook (or a corpus) from its code, markdown and stored figures",
        description="Read NOTEBOOK (an .ipynb) or CORPUS (<corpus>/<competition>/notebooks/*.ipynb, or any folder "
        "of notebooks) without running anything: libraries and their versions then (the written date) and now "
        "(the locked environment), eroded APIs the rules find, pipeline stages, models, metrics, data files read "
        "and written, plotting calls by kind, ML-testing activity, the markdown outline, scores stated in prose, "
        "and each stored figure with its size, the call that drew it and a perceptual hash. A corpus is "
        "aggregated per competition and per year. Exit 0, or 2 for a missing path or a broken notebook.",
    )
    inspect.add_argument("path", type=Path, metavar="NOTEBOOK|CORPUS")
    inspect.add_argument("--json", action="store_true", help="print the facts as JSON")
    inspect.add_argument("--html", type=Path, metavar="OUT",
                         help="also write one self-contained HTML report (inline CSS, images as data URIs)")
    inspect.add_argument("--no-lint", action="store_true", help="skip the rules (eroded APIs), the slowest part")
    inspect.set_defaults(func=cmd_inspect)


def cmd_inspect(args: argparse.Namespace) -> int:
    from .notebook import inspect_corpus, inspect_notebook

    path: Path = args.path
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    if args.html and not args.html.parent.is_dir():
        raise InputError(f"--html {args.html}: the folder {args.html.parent} does not exist")
    started, cpu = time.perf_counter(), time.process_time()
    if path.is_dir():
        corpus = inspect_corpus(path, lint=not args.no_lint)
        if not corpus.notebooks:
            reasons = "; ".join(corpus.failed.values())
            raise InputError(f"{path}: no readable notebook ({reasons})")
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        if args.json:
            print(corpus.model_dump_json(indent=1))
        else:
            from .render import corpus_text

            print(corpus_text(corpus))
        if args.html:
            from .html import corpus_html

            args.html.write_text(corpus_html(corpus))
        for failed, why in corpus.failed.items():
            print(f"mlemod: skipped {why}", file=sys.stderr)
        count = len(corpus.notebooks)
    else:
        from ..agent.diagnosis import list_files
        from ..core import corpus_defaults, load_notebook

        defaults = corpus_defaults(path)
        nb = load_notebook(path, defaults.get("written"))
        insight = inspect_notebook(nb, defaults.get("competition"), list_files(defaults.get("data_dir")),
                                   lint=not args.no_lint)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        if args.json:
            print(insight.model_dump_json(indent=1))
        else:
            from .render import notebook_text

            print(notebook_text(insight))
        if args.html:
            from .html import notebook_html

            outputs = {i: c.get("outputs", []) for i, c in enumerate(nb.cells) if c.cell_type == "code"}
            args.html.write_text(notebook_html(insight, outputs))
        count = 1
    # Wall time and this process's CPU time: on a shared machine the second is what the inspection costs.
    print(f"inspected {count} notebook(s) in {seconds:.2f} s: {seconds / count:.2f} s per notebook "
          f"({cpu / count:.2f} s CPU per notebook)"
          + (f"; wrote {args.html}" if args.html else ""), file=sys.stderr)
    return 0
