"""Graders: each metric on small hand-computed cases, and each way a submission is refused."""

import math

import pandas as pd
import pytest
from mlemodernizer.competitions.graders import grade, grade_file
from mlemodernizer.competitions.registry import BUILTIN, Competition
from support import SHARED_DATA

TITANIC = SHARED_DATA / "titanic"


def frame(**columns) -> pd.DataFrame:
    # Graders read CSVs as text; build test frames the same way.
    return pd.DataFrame({k: [None if v is None else str(v) for v in vals] for k, vals in columns.items()})


def score(comp, sub, truth):
    result = grade(sub, truth, comp)
    assert result.valid, result.reason
    return result.score


REG = Competition("reg", "rmse", "id", ("y",))


@pytest.mark.skipif(not TITANIC.is_dir(), reason="needs ../shared/data/titanic")
def test_titanic_gender_baseline_scores_kaggles_public_number():
    # The all-women-survive submission that ships with the competition scores 0.76555 on Kaggle.
    result = grade_file(TITANIC / "input/gender_submission.csv", TITANIC / "answers.csv", BUILTIN["titanic"])
    assert result.valid and result.rows == 418
    assert result.score == pytest.approx(0.76555, abs=1e-5)


def test_accuracy_accepts_float_ids_and_boolean_labels_in_any_row_order():
    comp = BUILTIN["titanic"]
    truth = frame(PassengerId=[1, 2, 3, 4], Survived=[0, 1, 1, 0])
    sub = frame(PassengerId=["4.0", "3.0", "2.0", "1.0"], Survived=["False", "True", "False", "False"])
    assert score(comp, sub, truth) == pytest.approx(0.75)


def test_string_labels_accuracy_and_f1():
    truth = frame(id=[1, 2, 3, 4], label=["a", "a", "b", "b"])
    sub = frame(id=[1, 2, 3, 4], label=["a", "b", "b", "b"])
    assert score(Competition("c", "accuracy", "id", ("label",)), sub, truth) == pytest.approx(0.75)
    assert score(Competition("c", "f1_micro", "id", ("label",)), sub, truth) == pytest.approx(0.75)
    # F1(a) = 2/3, F1(b) = 0.8
    assert score(Competition("c", "f1_macro", "id", ("label",)), sub, truth) == pytest.approx((2 / 3 + 0.8) / 2)


def test_regression_metrics():
    truth = frame(id=[1, 2, 3], y=[1, 2, 3])
    sub = frame(id=[1, 2, 3], y=[2, 2, 5])
    assert score(REG, sub, truth) == pytest.approx(math.sqrt(5 / 3))
    assert score(Competition("m", "mae", "id", ("y",)), sub, truth) == pytest.approx(1.0)
    rmsle = Competition("l", "rmsle", "id", ("y",))
    assert score(rmsle, frame(id=[1, 2], y=[1, 3]), frame(id=[1, 2], y=[0, 3])) == pytest.approx(math.log(2) / math.sqrt(2))


def test_house_prices_is_rmse_of_natural_logs():
    comp = BUILTIN["house-prices-advanced-regression-techniques"]
    truth = frame(Id=[1461, 1462], SalePrice=[100, 1000])
    sub = frame(Id=[1461, 1462], SalePrice=[100.0, 100.0])
    assert score(comp, sub, truth) == pytest.approx(math.log(10) / math.sqrt(2))


def test_logloss_renormalises_rows_and_clips_zeros():
    comp = BUILTIN["spooky-author-identification"]
    truth = frame(id=["id1", "id2"], author=["EAP", "MWS"])
    # Rows sum to 4 and 2: rescaled to (0.5, .25, .25) and (.25, .25, .5).
    sub = frame(id=["id2", "id1"], EAP=[0.5, 2], HPL=[0.5, 1], MWS=[1, 1])
    assert score(comp, sub, truth) == pytest.approx(-math.log(0.5))
    # The true class at probability 0 costs -log(1e-15), not infinity.
    hard = frame(id=["id1", "id2"], EAP=[1, 1], HPL=[0, 0], MWS=[0, 0])
    assert score(comp, hard, truth) == pytest.approx(-math.log(1e-15) / 2, rel=1e-6)


def test_logloss_answers_may_be_one_hot_and_columns_in_any_order():
    comp = Competition("c", "logloss", "id", ("zeta", "alpha"))
    truth = frame(id=[1, 2], zeta=[1, 0], alpha=[0, 1])
    sub = frame(id=[1, 2], alpha=[0.2, 0.9], zeta=[0.8, 0.1])
    assert score(comp, sub, truth) == pytest.approx(-(math.log(0.8) + math.log(0.9)) / 2)


def test_auc_binary_and_mean_columnwise():
    binary = Competition("b", "auc", "id", ("t",))
    truth = frame(id=[1, 2, 3, 4], t=[0, 0, 1, 1])
    assert score(binary, frame(id=[1, 2, 3, 4], t=[0.1, 0.4, 0.35, 0.8]), truth) == pytest.approx(0.75)
    multi = Competition("m", "auc", "id", ("a", "b"))
    truth = frame(id=[1, 2, 3, 4], a=[0, 0, 1, 1], b=[0, 1, 0, 1])
    sub = frame(id=[1, 2, 3, 4], a=[0.1, 0.2, 0.8, 0.9], b=[0.5, 0.5, 0.5, 0.5])
    assert score(multi, sub, truth) == pytest.approx((1.0 + 0.5) / 2)


@pytest.mark.parametrize(
    "sub, reason",
    [
        (frame(id=[1, 2, 3]), "missing column(s) y"),
        (frame(id=[1, 2, 3], y=[1, 2, 3], extra=[0, 0, 0]), "unexpected column(s) extra"),
        (frame(id=[1, 2], y=[1, 2]), "1 expected id value(s) missing (e.g. 3)"),
        (frame(id=[1, 2, 3, 9], y=[1, 2, 3, 4]), "1 unknown id value(s) (e.g. 9)"),
        (frame(id=[1, 2, 2, 3], y=[1, 2, 2, 3]), "1 duplicated id value(s), e.g. 2"),
        (frame(id=[1, 2, 3], y=[1, None, 3]), "1 row(s) have missing values in y"),
        (frame(id=[1, None, 3], y=[1, 2, 3]), "1 row(s) have no id"),
        (frame(id=[1, 2, 3], y=[1, "two", 3]), "submission column y must be numeric, found 'two'"),
    ],
)
def test_invalid_submissions_score_nothing_and_say_why(sub, reason):
    truth = frame(id=[1, 2, 3], y=[1, 2, 3])
    result = grade(sub, truth, REG)
    assert result.score is None and not result.valid
    assert reason in result.reason


def test_log_metrics_refuse_impossible_values():
    comp = BUILTIN["house-prices-advanced-regression-techniques"]
    result = grade(frame(Id=[1, 2], SalePrice=[-5, 100]), frame(Id=[1, 2], SalePrice=[1, 100]), comp)
    assert result.score is None and "must be positive" in result.reason
    result = grade(frame(id=[1], EAP=[-1], HPL=[1], MWS=[1]), frame(id=[1], author=["EAP"]), BUILTIN["spooky-author-identification"])
    assert result.score is None and "must not be negative" in result.reason


def test_files_missing_empty_or_garbage(tmp_path):
    answers = tmp_path / "answers.csv"
    answers.write_text("id,y\n1,1\n")
    assert "wrote no submission" in grade_file(None, answers, REG).reason
    assert "does not exist" in grade_file(tmp_path / "nope.csv", answers, REG).reason
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert "not a readable CSV" in grade_file(empty, answers, REG).reason
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81garbage")
    assert grade_file(binary, answers, REG).score is None
