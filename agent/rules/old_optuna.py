"""optuna's removed members, written out with today's API: the shims the optuna-system-attrs and
optuna-hyperband-brackets rules copy into a notebook (see old_scipy.py for how shims are used).

Until 5.0 a Study and a Trial wrote their system attributes to the storage and a FrozenTrial (or FixedTrial) kept
them on itself; which of them the notebook holds is known only at run time, so the shims ask. The storage calls
are the ones the removed methods made.

1.x's HyperbandPruner took the bracket count (n_brackets) and an offset of the brackets' early-stopping rates
(min_early_stopping_rate_low); today's pruner computes the count only while it is unset, and builds its brackets
the same way otherwise, so the shim sets both on it. Which bracket a trial joins came from Python's salted
hash() of the study name and trial number, so it differed from run to run then; today's crc32 is fixed.
"""


def set_system_attr(owner, key, value):  # Study/Trial/FrozenTrial.set_system_attr (removed in optuna 5.0): the same system store
    import optuna
    if isinstance(owner, optuna.Study):
        owner._storage.set_study_system_attr(owner._study_id, key, value)
    elif isinstance(owner, optuna.Trial):
        owner.storage.set_trial_system_attr(owner._trial_id, key, value)
    else:  # a FrozenTrial or FixedTrial kept them on itself
        owner._system_attrs[key] = value


def system_attrs(owner):  # Study/Trial.system_attrs (removed in optuna 5.0): a copy of the stored dict, or a FrozenTrial's own
    import copy

    import optuna
    if isinstance(owner, optuna.Study):
        return copy.deepcopy(owner._storage.get_study_system_attrs(owner._study_id))
    if isinstance(owner, optuna.Trial):
        return copy.deepcopy(owner.storage.get_trial_system_attrs(owner._trial_id))
    return owner._system_attrs


def HyperbandPruner(min_resource=1, max_resource="auto", reduction_factor=3, n_brackets=None, min_early_stopping_rate_low=None):  # optuna 1.x HyperbandPruner (n_brackets= and min_early_stopping_rate_low= removed in 2.0)
    import optuna

    class Hyperband1x(optuna.pruners.HyperbandPruner):
        def _try_initialization(self, study):
            super()._try_initialization(study)
            if min_early_stopping_rate_low:  # 1.x offset every bracket's early-stopping rate by it
                for bracket_id, pruner in enumerate(self._pruners):
                    pruner._min_early_stopping_rate = min_early_stopping_rate_low + bracket_id

    pruner = Hyperband1x(min_resource=min_resource, max_resource=max_resource, reduction_factor=reduction_factor)
    pruner._n_brackets = n_brackets  # given, 1.x built that many brackets whatever the resources; None counts them as today
    return pruner
