"""Keras 2's scikit-learn wrappers (keras_wrappers.py, old_keras.py), repaired by the static pass and run in the
full profile's real kernel: scikit-learn clones, grids and cross-validates the wrapper as it did under Keras 2,
and its predictions and scores are what the model computes (skipped where the full profile is not built).
"""

from __future__ import annotations

from support import code_notebook, stdout

OLD = code_notebook(
    "import numpy as np\nimport keras\nfrom keras.models import Sequential\nfrom keras.layers import Dense\n"
    "from keras.wrappers.scikit_learn import KerasClassifier, KerasRegressor\n"
    "from sklearn.model_selection import GridSearchCV, cross_val_score\nkeras.utils.set_random_seed(0)\n"
    "rng = np.random.default_rng(0)\nX = rng.normal(size=(60, 4)).astype('float32')\n"
    "y = np.where(X[:, 0] > 0, 'yes', 'no')",
    # build arguments and fit arguments side by side, as Keras 2 read them; a grid over both
    "def build(units=4, loss='binary_crossentropy'):\n    m = Sequential([keras.Input((4,)), Dense(units, activation='relu'),"
    " Dense(1 if loss == 'binary_crossentropy' else 2, activation='sigmoid' if loss == 'binary_crossentropy' else "
    "'softmax')])\n    m.compile(optimizer='adam', loss=loss, metrics=['accuracy'])\n    return m\n"
    "clf = KerasClassifier(build_fn=build, units=3, epochs=2, batch_size=20, verbose=0)\n"
    "scores = cross_val_score(clf, X, y, cv=3)\n"
    "grid = GridSearchCV(clf, {'units': [2, 3], 'epochs': [1, 2]}, cv=2).fit(X, y)\n"
    "print(len(scores), all(0 <= s <= 1 for s in scores), sorted(grid.best_params_), grid.best_estimator_.model.layers[0].units"
    " == grid.best_params_['units'])",
    "clf.fit(X, y)\npred = clf.predict(X[:5])\nproba = clf.predict_proba(X[:5])\n"
    "print(set(pred.ravel()) <= {'no', 'yes'}, proba.shape, np.allclose(proba.sum(axis=1), 1))",
    "soft = KerasClassifier(build_fn=build, loss='categorical_crossentropy', epochs=1, verbose=0)\n"
    "soft.fit(X, y)\nprint(soft.classes_.tolist(), soft.predict(X[:3]).shape, 0 <= soft.score(X, y) <= 1)",
    "def regressor():\n    m = Sequential([keras.Input((4,)), Dense(1)])\n    m.compile(optimizer='adam', loss='mse')\n"
    "    return m\nreg = KerasRegressor(build_fn=regressor, epochs=1, verbose=0)\nreg.fit(X, X[:, 1])\n"
    "print(reg.predict(X[:3]).shape, reg.score(X, X[:, 1]) <= 0)",
)


def test_keras_2_wrappers_work_with_scikit_learn_as_before(fails_then_runs):
    after = fails_then_runs(OLD, 0, "wrappers", {"keras-wrappers-scikit-learn"}, profile="full")
    printed = [stdout(cell).splitlines()[-1] for cell in after.cells[1:]]  # after TensorFlow's retracing notes
    assert printed == ["3 True ['epochs', 'units'] True", "True (5, 2) True", "['no', 'yes'] (3,) True", "(3,) True"]
