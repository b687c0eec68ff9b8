"""Two small removals outside pandas, from the catalogue's uncovered entries: numpy.random.seed refusing an
integral float, and platform.linux_distribution (Python 3.8)."""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from . import old_python
from .framework import RuleTransformer, positional, rule
from .removed_api import RemovedNames, import_signatures, names_pattern, shim_source


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
class RandomSeedFloat(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        if not m.matches(updated.func, m.Attribute(attr=m.Name("seed") | m.Name("RandomState"))) \
                or len(updated.args) != 1 or len(positional(updated)) != 1 or self.off_error_line(original):
            return updated
        value = updated.args[0].value
        if isinstance(value, cst.Float):
            number = float(value.value.replace("_", ""))
            if not number.is_integer():
                return updated
            new = cst.Integer(str(int(number)))
        elif isinstance(value, (cst.Name, cst.Attribute)):
            code = cst.Module([]).code_for_node(value)
            new = cst.parse_expression(f"int({code}) if {code} == int({code}) else {code}")
        else:
            return updated
        return updated.with_changes(args=[updated.args[0].with_changes(value=new)])


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
