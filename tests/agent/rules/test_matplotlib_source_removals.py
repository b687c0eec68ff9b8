"""matplotlib methods removed for a successor under another name or call shape, in a real kernel: each old call
fails with matplotlib's message naming the type that lost it, is rewritten on that line, and the notebook then
prints what the old calls computed."""

from __future__ import annotations

from support import code_notebook

OLD = code_notebook(
    "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\nimport matplotlib.dates as mdates\n"
    "from matplotlib.ticker import LogFormatter, LogLocator\nfig, ax = plt.subplots()",
    "cs = ax.contour([[1, 2], [3, 4]])\nfig.figurePatch.set_facecolor('red')\n"
    "print(cs.ax is ax, fig.patch.get_facecolor())",
    "from matplotlib.dates import hours\nprint(round(mdates.minutes(90), 6), mdates.weeks(2), hours(6))",
    "loc = LogLocator()\nloc.subs([1.0])\nloc.base(2)\nprint(sorted({1.0, 2.0, 3.0, 4.0, 8.0, 10.0, 16.0} & set(loc.tick_values(1, 16).tolist())))",
    "fmt = LogFormatter()\nfmt.label_minor(True)\ntick = ax.xaxis.get_major_ticks()[0]\ntick.set_label1('first')\n"
    "ax.spines['top'].cla()\nprint(fmt.labelOnlyBase, tick.label1.get_text())",
)


def test_old_methods_compute_what_they_did(run_repaired):
    record: list = []
    printed = run_repaired(OLD, attempts=10, record=record)
    assert {e.origin.removeprefix("rule:") for _, e in record} == {"matplotlib-source-methods",
                                                                    "matplotlib-removed-functions"}
    assert printed[1] == "True (1.0, 0.0, 0.0, 1.0)\n"
    assert printed[2] == "0.0625 14.0 0.25\n"  # 90 minutes, two weeks and six hours, in days
    assert printed[3] == "[1.0, 2.0, 4.0, 8.0, 16.0]\n"  # base 2, subs [1]: the powers of 2, not 3 or 10
    assert printed[4] == "True first\n"
