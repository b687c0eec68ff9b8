"""Old hyperopt, bayesian-optimization and optuna code, repaired by the static rules, run in the tabular profile's
real kernel: each notebook fails as written and runs clean, with the old results, once repaired."""

from __future__ import annotations

from support import code_notebook, stdout

HYPEROPT_BAYES = code_notebook(
    "import numpy as np\nfrom hyperopt import fmin, tpe, hp, Trials\nfrom bayes_opt import BayesianOptimization",
    "trials = Trials()\nbest = fmin(lambda p: (p['x'] - 0.3) ** 2, {'x': hp.uniform('x', -1, 1)}, algo=tpe.suggest, "
    "max_evals=15, trials=trials, rstate=np.random.RandomState(7), show_progressbar=False)\n"
    "print(len(trials.trials), abs(best['x'] - 0.3) < 0.5)",
    "bo = BayesianOptimization(lambda x, y: -(x - 1) ** 2 - (y + 1) ** 2, {'x': (-3, 3), 'y': (-3, 3)}, "
    "random_state=1, verbose=0)\nbo.explore({'x': [1.0], 'y': [-1.0]})\n"
    "bo.initialize({'target': [-8.0], 'x': [-1.0], 'y': [1.0]})\n"
    "bo.maximize(init_points=2, n_iter=3, acq='ei', xi=0.0, alpha=1e-5)\n"
    "print(len(bo.res), bo.res['max']['max_val'], bo.res['max']['max_params'])",
)


def test_hyperopt_and_bayes_opt_code_runs_after_the_static_pass(fails_then_runs):
    after = fails_then_runs(HYPEROPT_BAYES, 1, "'integers'", {"hyperopt-rstate-generator", "bayes-opt-acquisition"})
    assert stdout(after.cells[1]) == "15 True\n"
    # the registered point, the explored optimum, 2 random points and 3 guided ones; the optimum is the explored one
    assert stdout(after.cells[2]) == "7 -0.0 {'x': np.float64(1.0), 'y': np.float64(-1.0)}\n"


OPTUNA_2 = code_notebook(
    "import optuna\noptuna.logging.set_verbosity(optuna.logging.WARNING)",
    "def objective(trial):\n    n = trial.suggest_int('n', 2, 10, 2)\n    lr = trial.suggest_int('lr', 1, 100, 1, True)\n"
    "    return (n - 6) ** 2 + lr\n"
    "study = optuna.create_study(None, optuna.samplers.TPESampler(seed=0), None, 'old', 'minimize')\n"
    "study.optimize(objective, n_trials=10)\n"
    "done = [t for t in study.trials if t.state == optuna.structs.TrialState.COMPLETE]\n"
    "print(study.study_name, len(done), study.best_params['n'] % 2)",
)


def test_optuna_2_code_runs_after_the_static_pass(fails_then_runs):
    after = fails_then_runs(OPTUNA_2, 1, "positional", {"optuna-removed-api"})
    assert stdout(after.cells[1]) == "old 10 0\n"
