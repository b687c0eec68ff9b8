"""Small removals outside pandas, from the catalogue's uncovered entries: numpy.random.seed and Python's
math.factorial refusing an integral float, and platform.linux_distribution (Python 3.8)."""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from . import old_python
from .framework import RuleTransformer, positional, rule
from .removed_api import RemovedNames, import_signatures, names_pattern, shim_source


class IntegralArgument(RuleTransformer):
    """The one positional argument of the calls ``CALLEE`` matches on the failing line, as the int it stood for."""

    METADATA_DEPENDENCIES = (PositionProvider,)
    CALLEE: m.BaseMatcherNode

    def leave_Call(self, original, updated):
        if not m.matches(updated.func, self.CALLEE) \
                or len(updated.args) != 1 or len(positional(updated)) != 1 or self.off_error_line(original):
            return updated
        new = _integral(updated.args[0].value)
        return updated if new is None else updated.with_changes(args=[updated.args[0].with_changes(value=new)])


def _integral(value: cst.BaseExpression) -> cst.BaseExpression | None:
    """An integral float as the int it stood for: a literal with no fraction as the integer, a name as int() when
    it has no fraction (a fractional one still fails, as it did); None for anything else."""
    if isinstance(value, cst.Float):
        number = float(value.value.replace("_", ""))
        return cst.Integer(str(int(number))) if number.is_integer() else None
    if isinstance(value, (cst.Name, cst.Attribute)):
        code = cst.Module([]).code_for_node(value)
        return cst.parse_expression(f"int({code}) if {code} == int({code}) else {code}")
    return None


@rule(
    "numpy-random-seed-float",
    library="numpy",
    changed_in="numpy 1.17",
    rationale="random.seed(42.0) seeded as seed(42); a float seed is now refused. On the failing line a float "
    "literal with no fraction becomes the integer, and a seed held in a name is passed as int() when it has no "
    "fraction (a fractional one still fails: which seed it stood for is not known).",
    kind="error",
    signatures=(("TypeError", r"Cannot cast scalar from dtype\('float\d*'\) to dtype\('(u?int\d*)'\)"),),
    examples=(
        ("np.random.seed(42.0)\nrng = np.random.RandomState(1e3)", "np.random.seed(42)\nrng = np.random.RandomState(1000)"),
        ("np.random.seed(seed)", "np.random.seed(int(seed) if seed == int(seed) else seed)"),
        ("np.random.seed(1.5)", "np.random.seed(1.5)"),
    ),
)
class RandomSeedFloat(IntegralArgument):
    CALLEE = m.Attribute(attr=m.Name("seed") | m.Name("RandomState"))


@rule(
    "python-math-factorial-float",
    library="python",
    changed_in="Python 3.10 (deprecated in 3.9)",
    rationale="math.factorial(5.0) was factorial(5); a float is now refused even with no fraction (one with a "
    "fraction raised before too). On the failing line the literal becomes the integer, a name is passed as int() "
    "when it has no fraction.",
    kind="error",
    signatures=(("TypeError", r"'float' object cannot be interpreted as an integer"),),
    error_examples=(
        ("TypeError: 'float' object cannot be interpreted as an integer", 2,
         "import math\nways = math.factorial(n) / (math.factorial(k) * math.factorial(4.0))",
         "import math\nways = math.factorial(int(n) if n == int(n) else n) / (math.factorial(int(k) if k == int(k) "
         "else k) * math.factorial(4))"),
    ),
)
class FactorialFloat(IntegralArgument):
    CALLEE = m.Attribute(value=m.Name("math"), attr=m.Name("factorial")) | m.Name("factorial")


_PLATFORM = {("platform", "linux_distribution"): old_python.linux_distribution}


@rule(
    "python-platform-linux-distribution",
    library="python",
    changed_in="Python 3.8 (deprecated in 3.5)",
    rationale="platform.linux_distribution() returned (name, version, codename) read from the release files; "
    "platform.freedesktop_os_release() (3.10) reads the same file as a dict: a function giving the tuple from it "
    "is written into the cell.",
    pattern=names_pattern(_PLATFORM),
    signatures=import_signatures(_PLATFORM),
    examples=(
        ("import platform\nprint(platform.linux_distribution())",
         "import platform\n" + shim_source(old_python.linux_distribution, "linux_distribution")
         + "print(linux_distribution())"),
    ),
)
class LinuxDistribution(RemovedNames):
    TABLE = _PLATFORM
