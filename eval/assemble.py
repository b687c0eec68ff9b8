"""Assemble the corpus of real old Kaggle notebooks from fetched repositories.

    python -m mlemodernizer.eval.assemble --mirrors DIR --data DIR --out CORPUS [--split tune|validate]
                                          [--manifest eval/manifests/kaggle-notebooks.csv]
    python -m mlemodernizer.eval.assemble --list-repos [--split tune|validate]

The manifest names each notebook by repository, path and commit; the notebooks
themselves stay out of this repository. Each repository must first be fetched as
a git directory under --mirrors, as ``<owner>+<name>/repo`` (a bare directory or
a work tree's ``.git``), or ``<owner>+<name>`` itself. Every notebook is read
from git at its manifest commit; the local modules it imports (``helper_files``)
come from the same commit, next to it.

The output is the corpus layout that ``eval/corpus.py`` reads:

    CORPUS/<competition>/data/                      the competition's input files
    CORPUS/<competition>/answers.csv                ground truth, where public
    CORPUS/<competition>/notebooks/<name>.ipynb
    CORPUS/<competition>/notebooks/<name>/<helper>  helper modules, when it has any
    CORPUS/<competition>/notebooks/<name>/<file>    files of its repository its code names (``repo_files``)
    CORPUS/<competition>/notebooks.csv              name, repo, path, commit, written, python, split

Exit status: 0 every selected notebook was written, 1 some repositories were not
fetched or some files were not in them (the summary names them), 2 bad input
(a missing manifest, mirrors or data folder, a malformed row).

The split is by repository (see ``split_repos`` and manifests/README.md), so a
rule tuned on one notebook never sees another notebook of the same author in
``validate``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import shutil
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import InputError, MlemodError
from . import repo_files
from .mirrors import git_dir, git_show

DEFAULT_MANIFEST = Path(__file__).resolve().parent / "manifests" / "kaggle-notebooks.csv"
COLUMNS = ("competition", "repo", "path", "commit", "written", "python", "code_cells", "helper_files", "split",
           "repo_files")
SPLITS = ("tune", "validate")
SEED = "20261202"
VALIDATE_FRACTION = 1 / 3
# Written into every corpus this module creates: only such a folder is ever replaced.
MARKER = ".assembled-corpus"


@dataclass(frozen=True)
class ManifestRow:
    competition: str
    repo: str
    path: str
    commit: str
    written: str = ""
    python: str = ""
    code_cells: str = ""
    helper_files: tuple[str, ...] = ()
    split: str = "tune"
    repo_files: tuple[str, ...] = ()  # repository paths its code names (repo_files.py); a folder ends with /

    @property
    def name(self) -> str:
        """The notebook's file stem in the corpus: owner__repo__path with folders flattened."""
        owner, repo = self.repo.split("/", 1)
        stem = self.path[: -len(".ipynb")] if self.path.endswith(".ipynb") else self.path
        return f"{owner}__{repo}__{stem.replace('/', '_').replace(' ', '_')}"


@dataclass
class Summary:
    written: int = 0
    skipped_split: int = 0
    not_fetched: set[str] = field(default_factory=set)
    not_found: list[str] = field(default_factory=list)
    helpers_missing: list[str] = field(default_factory=list)
    repo_files_absent: list[str] = field(default_factory=list)  # git-lfs pointers, blobs the mirror lacks
    per_competition: dict[str, int] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return not (self.not_fetched or self.not_found or self.helpers_missing)

    def line(self, out: Path) -> str:
        parts = [f"{self.written} notebooks written to {out}"]
        if self.per_competition:
            parts.append("(" + ", ".join(f"{c} {n}" for c, n in sorted(self.per_competition.items())) + ")")
        if self.not_fetched:
            parts.append(f"; {len(self.not_fetched)} repositories not fetched: {' '.join(sorted(self.not_fetched))}")
        if self.not_found:
            parts.append(f"; {len(self.not_found)} notebooks not in their repository: {' '.join(self.not_found)}")
        if self.helpers_missing:
            parts.append(f"; {len(self.helpers_missing)} helper files missing: {' '.join(self.helpers_missing)}")
        if self.repo_files_absent:  # a clone without git-lfs lacks them too: noted, not an incomplete corpus
            absent = self.repo_files_absent
            parts.append(f"; {len(absent)} repository files not in the mirror: {' '.join(absent[:20])}"
                         + (" ..." if len(absent) > 20 else ""))
        return " ".join(parts)


def read_manifest(path: Path | str) -> list[ManifestRow]:
    """The manifest's rows; an InputError names the file and row of any problem."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"manifest {path} does not exist")
    with path.open(newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in ("competition", "repo", "path", "commit") if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"manifest {path}: no column {', '.join(missing)} in its header")
        rows = []
        for number, raw in enumerate(reader, start=2):
            values = {k: (raw.get(k) or "").strip() for k in COLUMNS}
            if not all(values[k] for k in ("competition", "repo", "path", "commit")):
                raise InputError(f"manifest {path}, line {number}: competition, repo, path and commit are required")
            if values["repo"].count("/") != 1:
                raise InputError(f"manifest {path}, line {number}: repo {values['repo']!r} is not owner/name")
            split = values["split"] or "tune"
            if split not in SPLITS:
                raise InputError(f"manifest {path}, line {number}: split {split!r} is not one of {', '.join(SPLITS)}")
            helpers = tuple(h for h in values["helper_files"].split(";") if h)
            repo_files = tuple(f for f in values["repo_files"].split(";") if f)
            rows.append(ManifestRow(**{**values, "helper_files": helpers, "split": split, "repo_files": repo_files}))
    return rows


def split_repos(
    repos_with_counts: Mapping[str, int] | Iterable[tuple[str, int]],
    seed: str = SEED,
    fraction: float = VALIDATE_FRACTION,
    fixed_tune: Iterable[str] = (),
    assigned: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """repo -> "tune" or "validate": whole repositories, deterministic for a seed.

    ``assigned`` holds repositories whose split is already recorded (the rows of
    the manifest that have a ``split``): they keep it, so growing the corpus never
    moves a notebook between splits. The repositories in ``fixed_tune`` are always
    ``tune``. The others (the new ones) are taken in the order of sha256(seed +
    repo) and each goes to ``validate`` while validate holds fewer than
    ``fraction`` of all notebooks (those of the kept repositories included); every
    later one goes to ``tune``. Pure: same input, same answer.
    """
    counts = dict(repos_with_counts)
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction must be between 0 and 1, not {fraction}")
    kept = {repo: split for repo, split in (assigned or {}).items() if repo in counts}
    bad = sorted(repo for repo, split in kept.items() if split not in SPLITS)
    if bad:
        raise ValueError(f"recorded split of {', '.join(bad)} is not one of {', '.join(SPLITS)}")
    kept.update({repo: "tune" for repo in fixed_tune if repo in counts and repo not in kept})
    target = fraction * sum(counts.values())
    result = dict(kept)
    in_validate = sum(counts[repo] for repo, split in kept.items() if split == "validate")
    for repo in sorted((r for r in counts if r not in kept), key=lambda r: (hashlib.sha256((seed + r).encode()).hexdigest(), r)):
        if in_validate < target:
            result[repo] = "validate"
            in_validate += counts[repo]
        else:
            result[repo] = "tune"
    return result


def recorded_splits(rows: Iterable[ManifestRow | Mapping[str, str]]) -> dict[str, str]:
    """repo -> split for the manifest rows that have one recorded (a row without one has split "")."""
    result: dict[str, str] = {}
    for row in rows:
        repo, split = (row["repo"], row.get("split", "")) if isinstance(row, Mapping) else (row.repo, row.split)
        if split:
            other = result.setdefault(repo, split)
            if other != split:
                raise InputError(f"repository {repo} has rows in both {other} and {split}")
    return result


def assemble(
    rows: list[ManifestRow], mirrors: Path, data: Path, out: Path, split: str | None = None
) -> Summary:
    """Write the corpus of ``rows`` (those of ``split``, when given) to ``out``."""
    if not mirrors.is_dir():
        raise InputError(f"mirrors folder {mirrors} does not exist")
    if not data.is_dir():
        raise InputError(f"data folder {data} does not exist")
    if split is not None and split not in SPLITS:
        raise InputError(f"--split must be one of {', '.join(SPLITS)}, not {split!r}")
    selected = [r for r in rows if split is None or r.split == split]
    for competition in sorted({r.competition for r in selected}):
        if not (data / competition / "input").is_dir():
            raise InputError(f"data folder {data} has no {competition}/input/")
    names: dict[str, ManifestRow] = {}
    for row in selected:
        other = names.setdefault(f"{row.competition}/{row.name}", row)
        if other is not row:
            raise InputError(f"manifest rows {row.repo}:{row.path} and {other.repo}:{other.path} flatten to one name")
    _prepare_out(out)
    served = {c: repo_files.data_names(data, c) for c in {r.competition for r in selected}}  # never staged

    summary = Summary(skipped_split=len(rows) - len(selected))
    index: dict[str, list[dict[str, str]]] = {}
    for row in selected:
        directory = git_dir(mirrors, row.repo)
        if directory is None:
            summary.not_fetched.add(row.repo)
            continue
        content = git_show(directory, row.commit, row.path)
        if content is None:
            summary.not_found.append(f"{row.repo}@{row.commit[:8]}:{row.path}")
            continue
        notebooks = out / row.competition / "notebooks"
        notebooks.mkdir(parents=True, exist_ok=True)
        (notebooks / f"{row.name}.ipynb").write_bytes(content)
        folder = PurePosixPath(row.path).parent
        for helper in row.helper_files:
            blob = git_show(directory, row.commit, str(folder / helper))
            if blob is None:
                summary.helpers_missing.append(f"{row.repo}:{folder / helper}")
                continue
            target = notebooks / row.name / helper
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blob)
        if row.repo_files:  # as the user's clone has them (repo_files.staged_path)
            lost = repo_files.stage(directory, row.commit, row.repo_files, str(folder).strip("."),
                                    notebooks / row.name, served[row.competition], row.helper_files)
            summary.repo_files_absent.extend(f"{row.repo}:{p}" for p in lost)
        index.setdefault(row.competition, []).append(
            {"name": row.name, "repo": row.repo, "path": row.path, "commit": row.commit,
             "written": row.written, "python": row.python, "split": row.split}
        )
        summary.written += 1

    for competition, entries in sorted(index.items()):
        folder = out / competition
        source = data / competition
        shutil.copytree(source / "input", folder / "data", dirs_exist_ok=True, copy_function=shutil.copyfile)
        if (source / "answers.csv").is_file():
            shutil.copyfile(source / "answers.csv", folder / "answers.csv")
        with (folder / "notebooks.csv").open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(entries[0]))
            writer.writeheader()
            writer.writerows(sorted(entries, key=lambda e: e["name"]))
        summary.per_competition[competition] = len(entries)
    return summary


def _prepare_out(out: Path) -> None:
    """An empty folder to write to: new, empty, or a corpus this module wrote before (replaced)."""
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out} is a file")
    if out.is_dir() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise InputError(f"--out {out} is not empty and was not written by this assembler; give a new folder")
        for child in out.iterdir():
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("written by python -m mlemodernizer.eval.assemble; replaced on the next run\n")


def list_repos(rows: list[ManifestRow], split: str | None = None) -> list[str]:
    if split is not None and split not in SPLITS:
        raise InputError(f"--split must be one of {', '.join(SPLITS)}, not {split!r}")
    return sorted({r.repo for r in rows if split is None or r.split == split})


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m mlemodernizer.eval.assemble",
        description=__doc__.split("\n\n", 1)[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST, help="manifest CSV (default: the project's)")
    parser.add_argument("--mirrors", type=Path, help="folder holding <owner>+<name>/repo git directories")
    parser.add_argument("--data", type=Path, help="folder holding <competition>/input/ (and answers.csv)")
    parser.add_argument("--out", type=Path, help="corpus folder to write (new, empty, or written by this tool)")
    parser.add_argument("--split", choices=SPLITS, help="only the notebooks of this split")
    parser.add_argument("--list-repos", action="store_true", help="print the repositories to fetch, and exit")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: 2 for bad usage, 0 for --help
        return int(exc.code or 0)
    try:
        rows = read_manifest(args.manifest)
        if args.list_repos:
            print("\n".join(list_repos(rows, args.split)))
            return 0
        missing = [f"--{name}" for name in ("mirrors", "data", "out") if getattr(args, name) is None]
        if missing:
            raise InputError(f"{', '.join(missing)} required to assemble a corpus (or give --list-repos)")
        summary = assemble(rows, args.mirrors, args.data, args.out, args.split)
    except MlemodError as exc:
        print(f"assemble: {exc}", file=sys.stderr)
        return 2
    print(summary.line(args.out))
    return 0 if summary.complete else 1


if __name__ == "__main__":
    sys.exit(main())
