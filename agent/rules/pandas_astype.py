"""``astype`` keywords that pandas before 1.0 took and ignored, and dtypes it no longer guesses a unit for.

Until pandas 0.25 ``NDFrame.astype(dtype, copy=True, errors='raise', **kwargs)`` passed unknown keywords
down to the internals, which read only a few of them: ``astype(int, inplace=True)`` ran, converted
nothing in place, and returned the converted copy like any astype. pandas 1.0 dropped ``**kwargs``, so
the same call raises ``TypeError: ... got an unexpected keyword argument 'inplace'``. Dropping the keyword
keeps what the call did; ``raise_on_error=`` (replaced by ``errors=`` in 0.20) becomes ``errors=``.
``categories=``/``ordered=`` are ``pandas-astype-categories``'s: they did something.

pandas 2.0 also stopped reading a unitless ``'datetime64'`` / ``'timedelta64'`` (or ``np.datetime64``) as
nanoseconds, the only unit pandas had before; numpy's own astype still takes them, so only the failing
line's are given ``[ns]``.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import RuleTransformer, remove_kwarg, rule, string_value

# pandas' own keywords, and numpy's ndarray.astype ones (the receiver may be an array).
KEPT = {"dtype", "copy", "errors", "categories", "ordered", "order", "casting", "subok",
        "how"}  # PeriodIndex.astype(how=): the period's start or end (pandas-source-removed-keywords)


@rule(
    "pandas-astype-ignored-keywords",
    library="pandas",
    changed_in="pandas 1.0 (astype lost **kwargs)",
    rationale="astype accepted any keyword before pandas 1.0 and ignored the ones it did not know "
    "(inplace=True converted nothing in place); now they raise TypeError. Dropping them keeps what the call did; "
    "raise_on_error=False is errors='ignore'.",
    pattern=r"astype\((?s:[^()]|\([^()]*\))*?\b(?!(dtype|copy|errors|categories|ordered|order|casting|subok|how)\b)\w+\s*=[^=]",
    signatures=(("TypeError", r"astype\(\) got an unexpected keyword argument '(?!categories|ordered)\w+'"),),
    examples=(
        ("df['Age'] = df['Age'].astype(int, inplace=True)", "df['Age'] = df['Age'].astype(int)"),
        ("df.astype('float32', inplace=True)", "df.astype('float32')"),
        ("x = s.astype(float, raise_on_error=False)", "x = s.astype(float, errors='ignore')"),
        ("x = s.astype(float, copy=False, errors='raise')", "x = s.astype(float, copy=False, errors='raise')"),
        ("s = s.astype('category', categories=['a'])", "s = s.astype('category', categories=['a'])"),
        ("a = x.astype(np.int32, casting='unsafe')", "a = x.astype(np.int32, casting='unsafe')"),  # numpy's
    ),
)
class AstypeIgnoredKeywords(RuleTransformer):
    def leave_Call(self, original, updated):
        if not m.matches(updated.func, m.Attribute(attr=m.Name("astype"))):
            return updated
        unknown = [a.keyword.value for a in updated.args if a.keyword is not None and a.keyword.value not in KEPT]
        for name in unknown:
            if name != "raise_on_error":
                updated = remove_kwarg(updated, name)
                continue
            args = []
            for a in updated.args:
                if a.keyword is not None and a.keyword.value == name:
                    errors = "'raise'" if m.matches(a.value, m.Name("True")) else "'ignore'"
                    a = a.with_changes(keyword=cst.Name("errors"), value=cst.SimpleString(errors))
                args.append(a)
            updated = updated.with_changes(args=args)
        return updated


_UNITLESS = ("datetime64", "timedelta64")


@rule(
    "pandas-unitless-datetime-dtype",
    library="pandas",
    changed_in="pandas 2.0",
    rationale="pandas stored datetimes and timedeltas in nanoseconds only, so astype('datetime64') or "
    "dtype='timedelta64' meant nanoseconds; since 2.0 other units exist and pandas refuses to guess. "
    "'datetime64[ns]' is what the unitless name gave.",
    kind="error",
    signatures=(("ValueError", r"Passing in '(datetime|timedelta)64' dtype with no precision is not allowed|"
                               r"The '(datetime|timedelta)64' dtype has no unit"),),
    examples=(
        ("df['t'] = df['t'].astype('datetime64')", "df['t'] = df['t'].astype('datetime64[ns]')"),
        ("import numpy as np\nd = df.astype({'t': np.datetime64})",
         "import numpy as np\nd = df.astype({'t': 'datetime64[ns]'})"),
        ("s = pd.Series(x, dtype='timedelta64')", "s = pd.Series(x, dtype='timedelta64[ns]')"),
        ("d = s.astype('datetime64[D]')", "d = s.astype('datetime64[D]')"),
    ),
)
class UnitlessDatetimeDtype(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def _unitless(self, node: cst.BaseExpression) -> str | None:
        text = string_value(node) if isinstance(node, cst.SimpleString) else None
        if text is None and m.matches(node, m.Attribute(attr=m.Name("datetime64") | m.Name("timedelta64"))):
            text = node.attr.value  # np.datetime64 as a dtype
        return text if text in _UNITLESS else None

    def _given(self, node: cst.BaseExpression) -> cst.BaseExpression:
        unit = self._unitless(node)
        if unit is not None:
            return cst.SimpleString(f"'{unit}[ns]'")
        if isinstance(node, cst.Dict):  # astype({'t': 'datetime64'}): each column's dtype
            elements = [e.with_changes(value=given) if isinstance(e, cst.DictElement)
                        and (given := self._given(e.value)) is not e.value else e for e in node.elements]
            if any(new is not old for new, old in zip(elements, node.elements)):
                return node.with_changes(elements=elements)
        return node

    def leave_Call(self, original, updated):
        # astype's dtype (positional or dtype=), and the dtype= of a constructor or reader
        astype = m.matches(updated.func, m.Attribute(attr=m.Name("astype")))
        if self.off_error_line(original):
            return updated
        args = [a.with_changes(value=self._given(a.value))
                if (a.keyword is not None and a.keyword.value == "dtype") or (astype and a.keyword is None and i == 0)
                else a for i, a in enumerate(updated.args)]
        changed = any(new.value is not old.value for new, old in zip(args, updated.args))
        return updated.with_changes(args=args) if changed else updated
