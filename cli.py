"""`mlemod`: the command line. Each package registers its own subcommands.

    mlemod run NOTEBOOK --data DIR        run a notebook in the fixed environment
    mlemod repair NOTEBOOK --data DIR     run, diagnose, fix, re-run
    mlemod lint NOTEBOOK [--fix]          what would break, without running
    mlemod catalogue [--uncovered]        what the libraries changed, and which rules cover it
    mlemod env build|info                 the locked environment's Docker image
    mlemod serve                          the HTTP service (jobs, progress, reports)
    mlemod eval CORPUS --out DIR          reproducibility over a corpus

Exit codes: 0 success (the notebook ran clean / was repaired), 1 the notebook
did not run clean or was not repaired, 2 bad input or usage, 3 the environment
or executor failed (not the notebook's fault), 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from .errors import MlemodError

# Package modules that contribute subcommands through ``register(subparsers)``.
_COMMAND_MODULES = ["executor.cli", "executor.env_cli", "agent.cli", "agent.rules.cli", "agent.catalogue.cli", "eval.cli", "api.cli", "insight.cli", "agent.provenance_cli"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mlemod",
        description=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"mlemod {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(f"{__package__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{name}":
                raise
            continue  # that package has no commands (yet)
        module.register(sub)
    return parser


def _version() -> str:
    from . import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    # litellm fetches a price map over the network at import unless told not to.
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except MlemodError as exc:
        print(f"mlemod: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("mlemod: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
