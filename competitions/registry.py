"""Competitions the harness knows without a ``competition.toml``.

A ``Competition`` says how a submission is graded: the metric, which direction is
better, the id column, the target column(s) and which file the notebook writes.
The built-in entries are public facts from each competition's evaluation page; a
corpus folder named after one of these slugs needs no ``competition.toml``, and a
``competition.toml`` next to a known slug overrides only the keys it sets.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Literal

from ..errors import InputError

Direction = Literal["max", "min"]

# metric name -> which direction is better. graders.py implements each name.
METRICS: dict[str, Direction] = {
    "accuracy": "max",
    "rmse": "min",
    "rmse_log": "min",  # RMSE between natural logs (House Prices' metric)
    "rmsle": "min",  # RMSE between log(1 + x) (bike sharing, taxi duration, ...)
    "mae": "min",
    "logloss": "min",  # multi-class, one probability column per class
    "auc": "max",  # binary (one column) or mean column-wise (several)
    "f1_micro": "max",
    "f1_macro": "max",
}


@dataclass(frozen=True)
class Competition:
    slug: str
    metric: str
    id_column: str
    # One column for labels/values; one per class for probability metrics. Empty:
    # every column of the data's sample submission except the id (see resolve_targets).
    target_columns: tuple[str, ...] = ()
    direction: Direction | None = None  # None: the metric's usual direction
    submission: str = "*.csv"  # glob for the submission file in the working directory
    answers: str = "answers.csv"  # ground truth, relative to the competition folder
    sample_submission: str = "sample_submission.csv"  # relative to data/

    def __post_init__(self) -> None:
        if self.metric not in METRICS:
            raise InputError(f"competition {self.slug!r}: unknown metric {self.metric!r}; known: {', '.join(METRICS)}")
        if self.direction not in (None, "max", "min"):
            raise InputError(f"competition {self.slug!r}: direction must be 'max' or 'min', not {self.direction!r}")

    @property
    def better(self) -> Direction:
        return self.direction or METRICS[self.metric]

    def resolve_targets(self, data_dir: Path | None) -> tuple[str, ...]:
        """The target columns, read from the sample submission's header when not declared."""
        if self.target_columns:
            return self.target_columns
        sample = data_dir / self.sample_submission if data_dir else None
        if sample is None or not sample.is_file():
            raise InputError(
                f"competition {self.slug!r}: no target columns declared and no {self.sample_submission} in its data"
            )
        with sample.open(newline="") as handle:
            header = next(csv.reader(handle), [])
        return tuple(column for column in header if column != self.id_column)


_SPOOKY = ("EAP", "HPL", "MWS")
_JIGSAW = ("toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate")

BUILTIN: dict[str, Competition] = {
    c.slug: c
    for c in [
        # The four competitions of ../shared/data.
        Competition("titanic", "accuracy", "PassengerId", ("Survived",)),
        Competition("house-prices-advanced-regression-techniques", "rmse_log", "Id", ("SalePrice",)),
        Competition("spooky-author-identification", "logloss", "id", _SPOOKY),
        # 99 species columns: taken from sample_submission.csv rather than copied here.
        Competition("leaf-classification", "logloss", "id"),
        # Other long-running public competitions whose metric and format are documented.
        Competition("digit-recognizer", "accuracy", "ImageId", ("Label",)),
        Competition("spaceship-titanic", "accuracy", "PassengerId", ("Transported",)),
        Competition("forest-cover-type-prediction", "accuracy", "Id", ("Cover_Type",)),
        Competition("ghouls-goblins-and-ghosts-boo", "accuracy", "id", ("type",)),
        Competition("bike-sharing-demand", "rmsle", "datetime", ("count",)),
        Competition("nyc-taxi-trip-duration", "rmsle", "id", ("trip_duration",)),
        Competition("mercari-price-suggestion-challenge", "rmsle", "test_id", ("price",)),
        Competition("allstate-claims-severity", "mae", "id", ("loss",)),
        Competition("otto-group-product-classification-challenge", "logloss", "id",
                    tuple(f"Class_{i}" for i in range(1, 10))),
        Competition("santander-customer-satisfaction", "auc", "ID", ("TARGET",)),
        Competition("santander-customer-transaction-prediction", "auc", "ID_code", ("target",)),
        Competition("home-credit-default-risk", "auc", "SK_ID_CURR", ("TARGET",)),
        Competition("jigsaw-toxic-comment-classification-challenge", "auc", "id", _JIGSAW),
        Competition("costa-rican-household-poverty-prediction", "f1_macro", "Id", ("Target",)),
    ]
}

_TOML_KEYS = {f.name for f in fields(Competition)} - {"slug"}


def competition_from_toml(slug: str, table: dict, where: str) -> Competition:
    """A Competition from a parsed ``competition.toml``, over the built-in entry if any."""
    unknown = set(table) - _TOML_KEYS
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(_TOML_KEYS))}")
    values = dict(table)
    if "target_columns" in values:
        targets = values["target_columns"]
        if isinstance(targets, str):
            targets = [targets]
        if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
            raise InputError(f"{where}: target_columns must be a string or a list of strings")
        values["target_columns"] = tuple(targets)
    for key in ("metric", "id_column", "direction", "submission", "answers", "sample_submission"):
        if key in values and not isinstance(values[key], str):
            raise InputError(f"{where}: {key} must be a string")
    base = BUILTIN.get(slug)
    if base is not None:
        return replace(base, **values)
    missing = {"metric", "id_column"} - set(values)
    if missing:
        raise InputError(f"{where}: {slug!r} is not a known competition, so {' and '.join(sorted(missing))} must be set")
    return Competition(slug=slug, **values)


def known(slug: str) -> Competition | None:
    return BUILTIN.get(slug)
