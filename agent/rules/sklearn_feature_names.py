"""scikit-learn's feature names: a frame whose column names it refuses is given as the array it used to be.

Until 1.0 scikit-learn turned a DataFrame into an array (``np.asarray``) and kept nothing of its columns. 1.0
began to record them as ``feature_names_in_``, and now refuses frames whose names it cannot record: names of
mixed types (``TypeError: Feature names are only supported if all input features have string names``, a
warning in 1.0 and 1.1, an error since 1.2: a frame joined with ``get_dummies`` of a numeric column, or with
``pd.concat`` of an array), and repeated names (``DuplicateError: Expected unique column names``, since
scikit-learn reads frames through narwhals: ``get_dummies`` of Embarked and of Cabin's deck both give a ``C``).
The notebook's author fitted on the values alone; the failing call is given them, ``np.asarray(X)``, which is
what scikit-learn did with the frame before. Only the X of the call on the failing line is wrapped (a fit, a
predict, a cross_val_score): a later call with the same frame fails on its own line and is wrapped in its turn.
(A grid search reports the refusal inside its "All the N fits failed": the engine gives the rules that error.)
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider

from .framework import code_of, rule
from .python3_rules import Importing
from .sklearn_families import x_argument


@rule(
    "sklearn-feature-names-refused",
    library="scikit-learn",
    changed_in="scikit-learn 1.2 (mixed-type names an error), 1.9 (repeated names refused)",
    rationale="a frame whose column names are of mixed types, or repeated, is refused where scikit-learn before "
    "1.0 only took its values; the call is given np.asarray(X), the values it used then.",
    kind="error",
    signatures=(("TypeError", r"Feature names are only supported if all input features have string names"),
                ("DuplicateError", r"Expected unique column names")),
    examples=(
        ("clf = clf.fit(copy_data.drop('Survived', axis=1), copy_data.loc[:, 'Survived'])",
         "import numpy\nclf = clf.fit(numpy.asarray(copy_data.drop('Survived', axis=1)), copy_data.loc[:, 'Survived'])"),
        ("import numpy as np\nscores = cross_val_score(rf, X=train[cols], y=y, cv=3)",
         "import numpy as np\nscores = cross_val_score(rf, X=np.asarray(train[cols]), y=y, cv=3)"),
        ("import numpy as np\nrf.fit(np.asarray(X), y)", "import numpy as np\nrf.fit(np.asarray(X), y)"),
    ),
)
class FeatureNamesRefused(Importing):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        x = x_argument(updated)
        if x is None or self.off_error_line(original) or code_of(x.value).endswith(".values"):
            return updated
        if isinstance(x.value, cst.Call) and code_of(x.value.func).endswith(("asarray", "to_numpy", "array")):
            return updated  # values already
        numpy = self.need("numpy")
        wrapped = cst.Call(cst.parse_expression(f"{numpy}.asarray"), [cst.Arg(x.value)])
        return updated.with_changes(args=[a.with_changes(value=wrapped) if a is x else a for a in updated.args])
