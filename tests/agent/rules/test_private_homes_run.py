"""A base class an old notebook imported from a private module that scikit-learn renamed: the static pass gives
the public package, which does not export it; the error names it, and the locked environment says where it is
defined today."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from mlemodernizer.agent.rules.private_homes import private_home
from support import code_notebook

OLD = code_notebook(
    "import numpy as np\nfrom sklearn.linear_model.base import LinearModel\nfrom sklearn.linear_model import Ridge",
    "class Mean(LinearModel):\n    def fit(self, X, y):\n        self.coef_, self.intercept_ = np.zeros(X.shape[1]), y.mean()\n"
    "        return self\n"
    "print(Mean().fit(np.ones((4, 2)), np.arange(4.0)).predict(np.ones((1, 2))), issubclass(Ridge, LinearModel))",
)


def test_a_base_class_left_in_a_private_module_is_imported_from_there(apply, run_repaired):
    static = apply(OLD, fix_static(OLD))
    assert static.sources()[0].splitlines()[1] == "from sklearn.linear_model import LinearModel"
    printed = run_repaired(static, attempts=2)  # fails on the import, then runs
    assert printed[1] == "[1.5] True\n"


def test_only_a_single_private_definition_is_taken():
    assert private_home("sklearn.linear_model", "LinearModel") == "sklearn.linear_model._base"
    assert private_home("sklearn.linear_model", "Ridge") is None  # exported: nothing to move
    assert private_home("sklearn.utils", "safe_indexing") is None  # renamed, not moved: not this rule's


def test_what_the_environment_says_is_read_again_once_it_is_built(monkeypatch, tmp_path):
    """A service takes its first notebook on a fresh machine before the environment is built: the rules find
    nothing to read then, and must not keep that answer once the environment exists."""
    from mlemodernizer.agent.prompting.environment import installed_modules
    from mlemodernizer.agent.rules.signatures import installed_parameters, is_estimator, typed_parameters

    def read():
        return dict(home=private_home("sklearn.ensemble", "BaseForest"), estimator=is_estimator("TfidfVectorizer"),
                    bools=typed_parameters("TfidfVectorizer", "bool"),
                    params=installed_parameters("sklearn.ensemble.RandomForestClassifier"),
                    modules=installed_modules(("sklearn",)))

    built = read()
    assert built["home"] == "sklearn.ensemble._forest" and built["estimator"] and "use_idf" in built["bools"]
    assert "n_estimators" in built["params"] and built["modules"]["sklearn"]
    monkeypatch.setenv("MLEMOD_CACHE", str(tmp_path / "nothing-built"))
    assert read() == dict(home=None, estimator=False, bools=(), params=None, modules={})
    monkeypatch.undo()
    assert read() == built
