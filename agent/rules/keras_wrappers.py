"""Keras 2's scikit-learn wrappers (KerasClassifier, KerasRegressor), removed in Keras 2.12.

Their successor, scikeras, is another package the locked environment lacks, and its constructor differs (the
build function is ``model=``, its arguments ``model__name=``), so the constructor calls and every parameter
grid over them would change. The wrapper itself is small: the import becomes Keras 2's class, written with
today's Keras (old_keras.py), and the notebook's calls, grids and cross-validations stay as they were.
"""

from __future__ import annotations

from . import old_keras
from .framework import rule
from .removed_api import RemovedNames, import_signatures, names_pattern, shim_source

_REGRESSOR = shim_source(old_keras.KerasClassifier, "KerasRegressor").replace(
    '_estimator_type = "classifier"', '_estimator_type = "regressor"', 1).replace(
    "KerasClassifier (removed", "KerasRegressor (removed", 1)
_HOMES = ("keras.wrappers.scikit_learn", "tensorflow.keras.wrappers.scikit_learn",
          "tensorflow.python.keras.wrappers.scikit_learn")
TABLE = {(home, name): shim for home in _HOMES
         for name, shim in (("KerasClassifier", old_keras.KerasClassifier), ("KerasRegressor", _REGRESSOR))}


@rule(
    "keras-wrappers-scikit-learn",
    library="keras",
    changed_in="keras 2.12 (tf.keras likewise)",
    rationale="keras.wrappers.scikit_learn was removed; its successor scikeras is another package with another "
    "constructor. The import becomes Keras 2's wrapper written with today's Keras: build_fn and the other "
    "keywords stay parameters scikit-learn clones and grids over, each given to build_fn, fit, predict or "
    "evaluate by their signatures, labels encoded as before, predict/predict_proba/score as before.",
    pattern=names_pattern(TABLE) + r"|wrappers\.scikit_learn",
    signatures=(*import_signatures(TABLE), ("ModuleNotFoundError", r"No module named '[\w.]*wrappers\.scikit_learn'")),
    examples=(
        ("from keras.wrappers.scikit_learn import KerasClassifier\nclf = KerasClassifier(build_fn=make, epochs=5)",
         shim_source(old_keras.KerasClassifier, "KerasClassifier") + "clf = KerasClassifier(build_fn=make, epochs=5)"),
        ("from tensorflow.keras.wrappers.scikit_learn import KerasRegressor as KR\nr = KR(build_fn=make)",
         shim_source(_REGRESSOR, "KR") + "r = KR(build_fn=make)"),
        ("from scikeras.wrappers import KerasClassifier\nclf = KerasClassifier(model=make)",
         "from scikeras.wrappers import KerasClassifier\nclf = KerasClassifier(model=make)"),
    ),
)
class KerasWrappers(RemovedNames):
    TABLE = TABLE
