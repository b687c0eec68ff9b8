"""Error-keyed rules on an object no constructor names (held in a container, ``models['cnn']``, or the result
of a chain): the message (its type, its traceback) says what it is, and only the failing line is touched."""

from mlemodernizer.agent.rules import fix_error, fix_static
from mlemodernizer.core import CellError


def error(ename: str, evalue: str, line: int) -> CellError:
    return CellError(ename=ename, evalue=evalue, traceback=f"{ename}: {evalue}", line=line)


def test_a_held_sequentials_inner_model_is_the_model_itself(notebook):
    nb = notebook("from keras.models import Sequential\nnets = {'cnn': Sequential()}",
                  "nets['cnn'].model.save_weights('w.weights.h5')\nclf.model.save('m.keras')")
    assert fix_static(nb) == []
    edits = fix_error(nb, 1, error("AttributeError", "'Sequential' object has no attribute 'model'", 1), [])
    assert "keras-sequential-model-attr" in edits[0].origin
    assert edits[0].new == "nets['cnn'].save_weights('w.weights.h5')\nclf.model.save('m.keras')"


def test_another_types_missing_model_is_not_the_sequentials(notebook):
    nb = notebook("from keras.models import Sequential\nnets = {'cnn': Sequential()}",
                  "nets['cnn'].model.save_weights('w.weights.h5')")
    edits = fix_error(nb, 1, error("AttributeError", "'KerasClassifier' object has no attribute 'model'", 1), [])
    assert all("keras-sequential-model-attr" not in e.origin for e in edits)


def test_a_held_optimizers_explore_and_gp_keywords(notebook):
    nb = notebook("from bayes_opt import BayesianOptimization\nruns = {'bo': BayesianOptimization(f, {'x': (0, 1)})}",
                  "runs['bo'].explore({'x': [0.5]})\nruns['bo'].maximize(n_iter=2, alpha=1e-3)")
    explore = fix_error(nb, 1, error("AttributeError", "'BayesianOptimization' object has no attribute 'explore'", 1), [])
    assert "bayes-opt-acquisition" in explore[0].origin
    assert explore[0].new.startswith("for values in zip(*{'x': [0.5]}.values()):\n"
                                     "    runs['bo'].probe(dict(zip({'x': [0.5]}, values)), lazy=True)\n")
    assert explore[0].new.endswith("runs['bo'].maximize(n_iter=2, alpha=1e-3)"), "only the failing line"
    gp = fix_error(nb, 1, error("TypeError", "BayesianOptimization.maximize() got an unexpected keyword argument "
                                "'alpha'", 2), [])
    assert gp[0].new.endswith("runs['bo'].set_gp_params(alpha=1e-3)\nruns['bo'].maximize(n_iter=2)")


def test_a_held_gensim_models_vocabulary_only_when_the_message_names_gensim(notebook):
    nb = notebook("import pickle\nmodels = pickle.load(open('m.pkl', 'rb'))", "n = models['w2v'].vocabulary.min_count")
    edits = fix_error(nb, 1, error("AttributeError", "'Word2Vec' object has no attribute 'vocabulary'", 1), [])
    assert "gensim-model-vocabulary" in edits[0].origin and edits[0].new == "n = models['w2v'].min_count"
    other = fix_error(nb, 1, error("AttributeError", "'CountVectorizer' object has no attribute 'vocabulary'", 1), [])
    assert all("gensim-model-vocabulary" not in e.origin for e in other)


def test_best_iteration_without_early_stopping_of_a_fit_chain_reads_the_booster(notebook):
    nb = notebook("import xgboost as xgb", "n = xgb.XGBClassifier().fit(X, y).best_iteration\nk = bst.best_iteration")
    wrapper = error("AttributeError", "`best_iteration` is only defined when early stopping is used.", 1)
    wrapper.traceback = "File .../site-packages/xgboost/sklearn.py, in best_iteration\nFile .../xgboost/core.py"
    edits = fix_error(nb, 1, wrapper, [])
    assert edits[0].new == ("n = (xgb.XGBClassifier().fit(X, y).get_booster().num_boosted_rounds() - 1)\n"
                            "k = bst.best_iteration")
    booster = error("AttributeError", "`best_iteration` is only defined when early stopping is used.", 2)
    booster.traceback = "File .../site-packages/xgboost/core.py, line 3066, in best_iteration"
    edits = fix_error(nb, 1, booster, [])
    assert edits[0].new == "n = xgb.XGBClassifier().fit(X, y).best_iteration\nk = (bst.num_boosted_rounds() - 1)"


def test_a_read_of_is_copy_on_its_failing_line_is_none(notebook):
    nb = notebook("import pandas as pd\nsub = df[df.a > 1]", "print(sub.is_copy)\nsub.is_copy = None")
    edits = fix_error(nb, 1, error("AttributeError", "'DataFrame' object has no attribute 'is_copy'", 1), [])
    assert "pandas-removed-no-ops" in edits[0].origin and edits[0].new.startswith("print(None)")
    assert [e.new for e in fix_static(nb)] == ["print(sub.is_copy)"], "statically only the assignment goes"
