"""Read a corpus laid out as in DESIGN.md ("eval/").

    <corpus>/<competition>/competition.toml   optional for a known slug (registry.py)
    <corpus>/<competition>/data/              the competition's input files
    <corpus>/<competition>/answers.csv        ground truth, when public
    <corpus>/<competition>/notebooks/<name>.ipynb
    <corpus>/<competition>/notebooks/<name>/  helper files copied into its working directory
    <corpus>/<competition>/notebooks.csv      name, repo, path, commit, written, python, reported_score

Reading a corpus never runs anything; every problem with its layout is an
InputError naming the file at fault.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..competitions.registry import Competition, competition_from_toml, known


@dataclass(frozen=True)
class NotebookEntry:
    competition: str
    name: str
    path: Path
    files_dir: Path | None = None
    written: str | None = None
    python: str | None = None
    reported_score: float | None = None
    repo: str | None = None

    @property
    def key(self) -> str:
        """Identifies the notebook in results.jsonl across invocations."""
        return f"{self.competition}/{self.name}"


@dataclass(frozen=True)
class CompetitionDir:
    root: Path
    spec: Competition
    notebooks: list[NotebookEntry] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.spec.slug

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def answers(self) -> Path | None:
        path = self.root / self.spec.answers
        return path if path.is_file() else None


def load_corpus(root: Path | str, competitions: list[str] | None = None, limit: int | None = None) -> list[CompetitionDir]:
    """The competitions under ``root`` (all, or those named), each with its notebooks.

    ``limit`` keeps at most that many notebooks per competition, in name order.
    """
    root = Path(root)
    if not root.is_dir():
        raise InputError(f"corpus {root} is not a directory")
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if competitions:
        names = {p.name for p in folders}
        unknown = [c for c in competitions if c not in names]
        if unknown:
            raise InputError(f"corpus {root} has no competition folder {', '.join(unknown)}; it has {', '.join(sorted(names)) or 'none'}")
        folders = [p for p in folders if p.name in competitions]
    result = [load_competition(folder, limit) for folder in folders if (folder / "notebooks").is_dir()]
    if not result:
        raise InputError(f"corpus {root} has no <competition>/notebooks/ folder")
    return result


def load_competition(folder: Path, limit: int | None = None) -> CompetitionDir:
    slug = folder.name
    spec = _spec(folder)
    if not (folder / "data").is_dir():
        raise InputError(f"{folder}: no data/ folder")
    meta = _notebooks_csv(folder / "notebooks.csv")
    entries = []
    for path in sorted((folder / "notebooks").glob("*.ipynb")):
        name = path.stem
        row = meta.get(name, {})
        helpers = path.with_suffix("")
        entries.append(
            NotebookEntry(
                competition=slug,
                name=name,
                path=path,
                files_dir=helpers if helpers.is_dir() else None,
                written=row.get("written") or None,
                python=row.get("python") or None,
                reported_score=_score(row.get("reported_score"), folder / "notebooks.csv", name),
                repo=row.get("repo") or None,
            )
        )
    if limit is not None:
        entries = entries[:limit]
    return CompetitionDir(folder, spec, entries)


def _spec(folder: Path) -> Competition:
    toml_path = folder / "competition.toml"
    if toml_path.is_file():
        try:
            table = tomllib.loads(toml_path.read_text())
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"{toml_path}: not valid TOML ({exc})") from None
        return competition_from_toml(folder.name, table, str(toml_path))
    spec = known(folder.name)
    if spec is None:
        raise InputError(f"{folder}: {folder.name!r} is not a known competition, so it needs a competition.toml")
    return spec


def _notebooks_csv(path: Path) -> dict[str, dict[str, str]]:
    if not path.is_file():
        return {}
    with path.open(newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "name" not in reader.fieldnames:
            raise InputError(f"{path}: needs a header row with a 'name' column")
        return {row["name"]: row for row in reader if row.get("name")}


def _score(text: str | None, where: Path, name: str) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{where}: reported_score of {name} is not a number ({text!r})") from None
