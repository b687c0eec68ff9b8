"""A 2016 matplotlib notebook in a real kernel: arguments whose form changed (a norm beside vmin/vmax,
grid('off'), whis='range', tick.label1On), removed mlab/dates/cbook helpers and rc settings. Some fail, some
silently draw something else; after the static pass the figure is the author's."""

from __future__ import annotations

from support import code_notebook, stdout

OLD = code_notebook(
    "import io\nimport numpy as np\nimport matplotlib as mpl\nimport matplotlib.pyplot as plt\n"
    "import matplotlib.dates as mdates\nfrom matplotlib import mlab, cbook\nfrom matplotlib.colors import LogNorm\n"
    "mpl.rcParams['axes.hold'] = True",
    "fig, ax = plt.subplots()\nim = ax.imshow([[1, 10], [100, 1000]], norm=LogNorm(), vmin=1, vmax=1000)\n"
    "plt.grid('off')\nbp = ax.boxplot([1, 2, 3, 4, 50], whis='range')\n"
    "for t in ax.xaxis.get_major_ticks():\n    t.label1On = False\n"
    "print(im.norm.vmin, im.norm.vmax, any(g.get_visible() for g in ax.xaxis.get_gridlines()),\n"
    "      bp['whiskers'][1].get_ydata()[1], ax.xaxis.get_major_ticks()[0].label1.get_visible())",
    "days, values = np.loadtxt(io.StringIO('2016-01-01,1\\n2016-01-03,2'), delimiter=',', unpack=True,\n"
    "                          converters={0: mdates.strpdate2num('%Y-%m-%d')})\n"
    "print(days[1] - days[0], list(mlab.prctile([1, 2, 3, 4, 5], [50])), list(mlab.movavg([1, 2, 3, 4], 2)),\n"
    "      list(mlab.frange(0, 1, 0.5)), cbook.is_numlike(2.5))",
)


def test_an_old_figure_draws_as_it_did(fails_then_runs):
    after = fails_then_runs(OLD, 0, "axes.hold", {"matplotlib-argument-forms", "matplotlib-removed-functions"})
    assert stdout(after.cells[1]) == "1.0 1000.0 False 50.0 False\n"
    assert stdout(after.cells[2]) == "2.0 [np.float64(3.0)] [np.float64(1.5), np.float64(2.5), np.float64(3.5)] " \
                                     "[np.float64(0.0), np.float64(0.5), np.float64(1.0)] True\n"
