"""``DataFrameGroupBy.apply`` no longer hands the grouping columns to the function (pandas 3.0).

Before 3.0 each group passed to ``apply`` was every column of the frame, the ones grouped by included
(2.2 warned, ``include_groups=False`` opted out). 3.0 leaves the grouping columns out and refuses
``include_groups=True``. A function that reads the key column from its group (``g['Pclass']``) raises
KeyError; selecting the columns explicitly, ``df.groupby(k)[df.columns].apply(f)``, hands them all to the
function again, the grouping ones included, which is what the old call did.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import RuleTransformer, code_after, kwarg, read_once, remove_kwarg, rule, string_value

_GROUPBY_APPLY = m.Call(func=m.Attribute(value=m.Call(func=m.Attribute(attr=m.Name("groupby"))), attr=m.Name("apply")))


def _grouped_labels(groupby: cst.Call) -> set[str]:
    """The column labels a groupby call names (a label, or a list or tuple of them; ``by=`` or first)."""
    arg = kwarg(groupby, "by") or next((a for a in groupby.args if a.keyword is None), None)
    if arg is None:
        return set()
    values = [e.value for e in arg.value.elements] if isinstance(arg.value, (cst.List, cst.Tuple)) else [arg.value]
    return {v for v in map(string_value, values) if v is not None}


def _missing_key(error) -> str | None:
    """The label of ``KeyError: 'Pclass'``."""
    if error is None or error.ename != "KeyError":
        return None
    text = error.evalue.strip()
    return text[1:-1] if len(text) > 1 and text[0] == text[-1] and text[0] in "'\"" else None


@rule(
    "pandas-groupby-apply-groups",
    library="pandas",
    changed_in="pandas 3.0 (deprecated in 2.2)",
    rationale="groupby(...).apply(f) no longer passes the grouping columns to f, and include_groups=True is "
    "refused; selecting every column, groupby(...)[df.columns].apply(f), passes them again as before.",
    kind="error",
    signatures=(("KeyError", r"^['\"].+['\"]$"), ("ValueError", r"include_groups=True is no longer allowed")),
    examples=(
        ("s = df.groupby('Pclass').apply(lambda g: g['Pclass'].sum(), include_groups=True)",
         "s = df.groupby('Pclass')[df.columns].apply(lambda g: g['Pclass'].sum())"),
        ("s = df.groupby('Pclass').apply(f)", "s = df.groupby('Pclass').apply(f)"),  # no KeyError of the key
        ("s = pd.read_csv(p).groupby('Pclass').apply(f, include_groups=True)",
         "s = pd.read_csv(p).pipe(lambda x_: x_.groupby('Pclass')[x_.columns].apply(f))"),
    ),
)
class GroupbyApplyGroups(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if not m.matches(updated, _GROUPBY_APPLY) or not self.spans_error_line(original):
            return updated
        groupby = updated.func.value
        frame = groupby.func.value
        included = kwarg(updated, "include_groups")
        if included is not None:
            if not m.matches(included.value, m.Name("True")):
                return updated
            updated = remove_kwarg(updated, "include_groups")
        elif _missing_key(self.ctx.error) not in _grouped_labels(groupby):
            return updated  # a KeyError of another column: not the grouping's
        # every column, the grouping ones included; a frame built in the chain is built once (read_once)
        keys, apply_args = code_after(groupby, frame), code_after(updated, groupby)
        return read_once(frame, lambda f: f"{f}{keys}[{f}.columns]{apply_args}")
