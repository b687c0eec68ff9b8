"""read_csv's missing values as pandas 1 read them: the text None was a value until pandas 2.0.

pandas 2.0 added "None" to the strings read_csv, read_table and read_fwf read as missing by default. A column
that spells an absent feature as None (house prices' MasVnrType: 872 of 1,460 rows) is now mostly missing in a
notebook written for pandas 1: a drop of the columns with many missing values drops it, a dropna drops the
rows, an encoder meets NaN among the text. ``keep_default_na=False`` with pandas 1's list of missing-value
strings reads the file as pandas 1 did; empty fields and 'NaN' are still missing.

The pin is written only where the run's data holds the text None as a field (``Context.none_text_files``,
which the loop finds in the data folder), on the readers of those files (a path the call does not spell out
counts as one of them), before the first run and in score calibration. Without a data folder (``mlemod lint``)
the catalogue's changed-default entry warns instead.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import libcst as cst
import libcst.matchers as m

from .framework import RuleTransformer, add_kwarg, kwarg, module_call, positional, rule, string_value

# pandas 1.x's default missing-value strings (pandas._libs.parsers.STR_NA_VALUES before "None" was added)
PANDAS1_NA_VALUES = ("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
                     "<NA>", "N/A", "NA", "NULL", "NaN", "n/a", "nan", "null")
_READERS = ("read_csv", "read_table", "read_fwf")
_DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".gz", ".zip", ".bz2", ".xz")
PANDAS_2 = "2023-04"  # pandas 2.0.0


def _literals(node: cst.CSTNode) -> list[str]:
    """The text of the string literals in ``node`` (the parts an f-string spells out included)."""
    texts = [string_value(s) or "" for s in m.findall(node, m.SimpleString())]
    return texts + [t.value for t in m.findall(node, m.FormattedStringText())]


@rule(
    "pandas-default-read-csv-none",
    library="pandas",
    changed_in="pandas 2.0",
    rationale="read_csv reads the text None as missing since pandas 2.0; where the run's data holds None as a "
    "value, the readers of those files get keep_default_na=False and pandas 1's missing-value strings, so the "
    "column keeps the category the notebook was written for.",
    kind="calibration",
    needles=("read_csv", "read_table", "read_fwf"),
    examples=(  # run as in a workspace whose train.csv holds the text None (tests/agent/rules/test_rule_examples.py)
        ("import pandas as pd\ntrain = pd.read_csv('../input/train.csv')\nsub = pd.read_csv('../input/sample.csv')",
         "import pandas as pd\ntrain = pd.read_csv('../input/train.csv', keep_default_na=False, na_values=['', '#N/A', "
         "'#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', "
         "'NaN', 'n/a', 'nan', 'null'])\nsub = pd.read_csv('../input/sample.csv')"),
        ("from pandas import read_csv\ndf = read_csv(path, na_values=('?',))\n"
         "raw = read_csv(path, keep_default_na=False)",
         "from pandas import read_csv\ndf = read_csv(path, na_values=['?', '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', "
         "'-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'n/a', 'nan', 'null'], "
         "keep_default_na=False)\nraw = read_csv(path, keep_default_na=False)"),
        # another file whose name ends like the one holding None
        ("import pandas as pd\nextra = pd.read_csv('data/extra_train.csv')",
         "import pandas as pd\nextra = pd.read_csv('data/extra_train.csv')"),
    ),
)
class ReadCsvNone(RuleTransformer):
    def leave_Call(self, original, updated):
        if module_call(updated, self.ctx, "pandas") not in _READERS or not self.ctx.written_before(PANDAS_2) \
                or not self._reads_none_text(updated) or kwarg(updated, "keep_default_na") is not None \
                or kwarg(updated, "na_filter") is not None or any(a.star for a in updated.args):
            return updated
        given = kwarg(updated, "na_values")
        if given is None:
            return add_kwarg(add_kwarg(updated, "keep_default_na", "False"), "na_values", repr(list(PANDAS1_NA_VALUES)))
        if not isinstance(given.value, (cst.List, cst.Tuple, cst.Set)):
            return updated  # a name, one string or a dict per column: the set the author meant is not spelled out
        extra = [string_value(e.value) for e in given.value.elements]
        if None in extra:
            return updated
        values = extra + [v for v in PANDAS1_NA_VALUES if v not in extra]
        updated = updated.with_changes(args=[a.with_changes(value=cst.parse_expression(repr(values))) if a is given
                                             else a for a in updated.args])
        return add_kwarg(updated, "keep_default_na", "False")

    def _reads_none_text(self, call: cst.Call) -> bool:
        files = self.ctx.none_text_files
        if not files:
            return False
        source = kwarg(call, "filepath_or_buffer") or next(iter(positional(call)), None)
        if source is None:
            return False
        named = [t for t in _literals(source) if t.lower().endswith(_DATA_SUFFIXES)]
        if not named:
            return True  # a path held in a name or built by a function: it may be one of them
        names = {PurePosixPath(rel).name for rel in files}
        return any(PurePosixPath(t.replace("\\", "/")).name in names for t in named)
