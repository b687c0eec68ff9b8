"""Grade a submission CSV against the answers, as a competition's grader would.

A real grader refuses a submission before it scores it: the id column and the
target columns must be there (and nothing else), every answer id exactly once and
no other id, no missing values, numbers where the metric needs numbers. A refused
submission gets ``Grade(score=None, reason=...)`` — it scores nothing and says why.
The metrics themselves are scikit-learn's.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import BaseModel
from sklearn import metrics as skm

from .registry import Competition

_LOGLOSS_EPS = 1e-15  # Kaggle clips probabilities to [eps, 1 - eps] before the log


class Grade(BaseModel):
    metric: str
    score: float | None = None
    reason: str = ""  # why the submission was refused (empty when scored)
    rows: int = 0

    @property
    def valid(self) -> bool:
        return self.score is not None


class Invalid(Exception):
    """A validity check failed; the message is the reason shown to the user."""


def read_csv(path: Path, what: str) -> pd.DataFrame:
    try:
        # Ids stay text so that "0012" and "12" are different ids, as they are on Kaggle.
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=["", "nan", "NaN"])
    except FileNotFoundError:
        raise Invalid(f"{what} {path} does not exist") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise Invalid(f"{what} is not a readable CSV ({str(exc).splitlines()[0]})") from None


def grade_file(submission: Path | str | None, answers: Path | str, comp: Competition, data_dir: Path | None = None) -> Grade:
    """Grade the CSV at ``submission``; never raises for a bad submission."""
    if submission is None:
        return Grade(metric=comp.metric, reason="the notebook wrote no submission file")
    try:
        sub = read_csv(Path(submission), "submission")
        truth = read_csv(Path(answers), "answers")
    except Invalid as exc:
        return Grade(metric=comp.metric, reason=str(exc))
    return grade(sub, truth, comp, data_dir)


def grade(sub: pd.DataFrame, truth: pd.DataFrame, comp: Competition, data_dir: Path | None = None) -> Grade:
    """Grade a submission frame against an answers frame (both read as text)."""
    try:
        targets = list(comp.resolve_targets(data_dir))
        sub = _check_shape(sub, truth, comp.id_column, targets)
        score = _score(comp.metric, sub, truth, comp.id_column, targets)
    except Invalid as exc:
        return Grade(metric=comp.metric, reason=str(exc), rows=len(sub))
    if not np.isfinite(score):
        return Grade(metric=comp.metric, reason=f"{comp.metric} is not finite ({score})", rows=len(sub))
    return Grade(metric=comp.metric, score=float(score), rows=len(sub))


def _norm_id(value: str) -> str:
    # pandas writes integer ids as "892.0" once a column had a NaN; Kaggle's parser
    # reads that as the number 892, so we do too. Other text is compared verbatim.
    text = value.strip()
    try:
        number = float(text)
    except ValueError:
        return text
    return str(int(number)) if number.is_integer() else text


def _check_shape(sub: pd.DataFrame, truth: pd.DataFrame, id_col: str, targets: list[str]) -> pd.DataFrame:
    """The submission reordered like the answers, or Invalid with the first problem found."""
    sub = sub.rename(columns=lambda c: str(c).strip())
    expected = [id_col, *targets]
    missing = [c for c in expected if c not in sub.columns]
    if missing:
        raise Invalid(f"missing column(s) {', '.join(missing)}; expected {', '.join(expected)}")
    extra = [c for c in sub.columns if c not in expected]
    if extra:
        raise Invalid(f"unexpected column(s) {', '.join(extra)}; expected {', '.join(expected)}")
    if id_col not in truth.columns:
        raise Invalid(f"the answers have no {id_col} column")
    if sub[id_col].isna().any():
        raise Invalid(f"{int(sub[id_col].isna().sum())} row(s) have no {id_col}")
    ids = sub[id_col].map(_norm_id)
    truth_ids = truth[id_col].map(_norm_id)
    dupes = ids[ids.duplicated()]
    if len(dupes):
        raise Invalid(f"{len(dupes)} duplicated {id_col} value(s), e.g. {dupes.iloc[0]}")
    unknown = sorted(set(ids) - set(truth_ids))
    absent = sorted(set(truth_ids) - set(ids))
    if unknown or absent:
        parts = []
        if absent:
            parts.append(f"{len(absent)} expected {id_col} value(s) missing (e.g. {absent[0]})")
        if unknown:
            parts.append(f"{len(unknown)} unknown {id_col} value(s) (e.g. {unknown[0]})")
        raise Invalid("; ".join(parts))
    nan_rows = sub[targets].isna().any(axis=1)
    if nan_rows.any():
        raise Invalid(f"{int(nan_rows.sum())} row(s) have missing values in {', '.join(targets)}")
    # Align to the answers' row order so metrics compare like with like.
    aligned = sub.assign(_key=ids.values).set_index("_key").loc[truth_ids.values]
    return aligned.reset_index(drop=True)


def _numeric(frame: pd.DataFrame, columns: list[str], what: str) -> np.ndarray:
    values = frame[columns].apply(lambda s: s.str.strip())
    # Booleans written by pandas ("True"/"False") are 1/0 to a grader.
    values = values.replace({"True": "1", "False": "0", "true": "1", "false": "0"})
    numbers = values.apply(pd.to_numeric, errors="coerce")
    bad = numbers.isna() & values.notna()
    if bad.any().any():
        column = bad.any().idxmax()
        sample = values.loc[bad[column], column].iloc[0]
        raise Invalid(f"{what} column {column} must be numeric, found {sample!r}")
    array = numbers.to_numpy(dtype=float)
    if not np.isfinite(array).all():
        raise Invalid(f"{what} column(s) {', '.join(columns)} contain infinite values")
    return array


def _labels(sub_col: pd.Series, truth_col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Labels compared as a grader would: numerically when the answers are numbers."""
    truth_text = truth_col.str.strip()
    try:
        truth_num = pd.to_numeric(truth_text.replace({"True": "1", "False": "0"}))
    except (ValueError, TypeError):
        return sub_col.str.strip().to_numpy(), truth_text.to_numpy()
    sub_num = _numeric(sub_col.to_frame(), [sub_col.name], "submission")[:, 0]
    return sub_num, truth_num.to_numpy(dtype=float)


def _truth_labels(truth: pd.DataFrame, id_col: str, targets: list[str]) -> np.ndarray:
    """Class labels of the answers: one label column, or one-hot class columns (argmax)."""
    if all(t in truth.columns for t in targets) and len(targets) > 1:
        onehot = _numeric(truth, targets, "answers")
        return np.asarray(targets)[onehot.argmax(axis=1)]
    others = [c for c in truth.columns if c != id_col]
    if len(others) != 1:
        raise Invalid(f"the answers need one label column or the columns {', '.join(targets)}")
    return truth[others[0]].str.strip().to_numpy()


def _score(metric: str, sub: pd.DataFrame, truth: pd.DataFrame, id_col: str, targets: list[str]) -> float:
    if metric == "logloss":
        return _logloss(sub, truth, id_col, targets)
    if metric == "auc":
        y_true = _numeric(truth, targets, "answers")
        y_score = _numeric(sub, targets, "submission")
        try:
            # With several columns sklearn's macro average is the mean column-wise AUC.
            return skm.roc_auc_score(y_true[:, 0] if len(targets) == 1 else y_true,
                                     y_score[:, 0] if len(targets) == 1 else y_score, average="macro")
        except ValueError as exc:
            raise Invalid(f"auc undefined: {exc}") from None
    if len(targets) != 1:
        raise Invalid(f"{metric} needs exactly one target column, got {len(targets)}")
    target = targets[0]
    if target not in truth.columns:
        raise Invalid(f"the answers have no {target} column")
    if metric in ("accuracy", "f1_micro", "f1_macro"):
        y_pred, y_true = _labels(sub[target], truth[target])
        if metric == "accuracy":
            return skm.accuracy_score(y_true, y_pred)
        return skm.f1_score(y_true, y_pred, average=metric.split("_")[1])
    y_pred = _numeric(sub, [target], "submission")[:, 0]
    y_true = _numeric(truth, [target], "answers")[:, 0]
    if metric == "rmse":
        return skm.root_mean_squared_error(y_true, y_pred)
    if metric == "mae":
        return skm.mean_absolute_error(y_true, y_pred)
    if metric == "rmse_log":
        if (y_pred <= 0).any():
            raise Invalid(f"{target} must be positive for a log metric ({int((y_pred <= 0).sum())} row(s) are not)")
        return skm.root_mean_squared_error(np.log(y_true), np.log(y_pred))
    if metric == "rmsle":
        if (y_pred < 0).any():
            raise Invalid(f"{target} must not be negative for rmsle ({int((y_pred < 0).sum())} row(s) are)")
        return skm.root_mean_squared_log_error(y_true, y_pred)
    raise Invalid(f"no grader for metric {metric!r}")


def _logloss(sub: pd.DataFrame, truth: pd.DataFrame, id_col: str, targets: list[str]) -> float:
    probs = _numeric(sub, targets, "submission")
    if (probs < 0).any():
        raise Invalid("probabilities must not be negative")
    sums = probs.sum(axis=1, keepdims=True)
    if (sums == 0).any():
        raise Invalid(f"{int((sums == 0).sum())} row(s) have all probabilities zero")
    # Kaggle's multi-class log loss: rescale each row to sum to one, then clip away
    # from 0 and 1. The last rescale only undoes the clip's rounding (sklearn checks sums).
    probs = np.clip(probs / sums, _LOGLOSS_EPS, 1 - _LOGLOSS_EPS)
    probs = probs / probs.sum(axis=1, keepdims=True)
    y_true = _truth_labels(truth, id_col, targets)
    unknown = sorted(set(y_true) - set(targets))
    if unknown:
        raise Invalid(f"answer label(s) {', '.join(map(str, unknown[:3]))} have no submission column")
    # sklearn expects the columns in sorted label order.
    order = np.argsort(np.asarray(targets))
    return skm.log_loss(y_true, probs[:, order], labels=sorted(targets))
