"""``astype`` keywords that pandas before 1.0 took and ignored.

Until pandas 0.25 ``NDFrame.astype(dtype, copy=True, errors='raise', **kwargs)`` passed unknown keywords
down to the internals, which read only a few of them: ``astype(int, inplace=True)`` ran, converted
nothing in place, and returned the converted copy like any astype. pandas 1.0 dropped ``**kwargs``, so
the same call raises ``TypeError: ... got an unexpected keyword argument 'inplace'``. Dropping the keyword
keeps what the call did; ``raise_on_error=`` (replaced by ``errors=`` in 0.20) becomes ``errors=``.
``categories=``/``ordered=`` are ``pandas-astype-categories``'s: they did something.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from .framework import RuleTransformer, remove_kwarg, rule

# pandas' own keywords, and numpy's ndarray.astype ones (the receiver may be an array).
KEPT = {"dtype", "copy", "errors", "categories", "ordered", "order", "casting", "subok"}


@rule(
    "pandas-astype-ignored-keywords",
    library="pandas",
    changed_in="pandas 1.0 (astype lost **kwargs)",
    rationale="astype accepted any keyword before pandas 1.0 and ignored the ones it did not know "
    "(inplace=True converted nothing in place); now they raise TypeError. Dropping them keeps what the call did; "
    "raise_on_error=False is errors='ignore'.",
    pattern=r"astype\((?s:[^()]|\([^()]*\))*?\b(?!(dtype|copy|errors|categories|ordered|order|casting|subok)\b)\w+\s*=[^=]",
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
