"""Stored figures against reproduced ones: real PNGs drawn by matplotlib, scored by phash distance and SSIM."""

from __future__ import annotations

import nbformat
import pytest
from insight_support import build, image_output, png
from mlemodernizer.core import CellResult, RunResult, parse_notebook
from mlemodernizer.insight.figures import SAME_DISTANCE, SAME_SSIM, compare_figures

CELLS = ("import matplotlib.pyplot as plt", ("plt.hist(x)", ["hist"]), ("plt.scatter(x, y)", ["scatter"]),
         "#md ## Model", ("plt.plot(loss)", ["line"]))


def nb(*cells):
    return parse_notebook(nbformat.writes(build(*cells)))


def test_the_same_plots_redrawn_are_the_same():
    comparison = compare_figures(nb(*CELLS), nb(*CELLS))
    assert comparison.verdict == "all 3 figures reproduced" and not comparison.changed
    assert [(p.cell, p.phash_distance, p.ssim, p.verdict) for p in comparison.pairs] == [
        (1, 0, 1.0, "same"), (2, 0, 1.0, "same"), (4, 0, 1.0, "same")]


def test_the_same_plot_at_another_dpi_is_the_same():
    published = nb(("plt.hist(x)", [png("hist", dpi=72)]))
    reproduced = nb(("plt.hist(x)", [png("hist", dpi=100)]))
    (pair,) = compare_figures(published, reproduced).pairs
    assert (pair.published.width, pair.reproduced.width) == (288, 400)
    assert pair.verdict == "same" and pair.phash_distance <= SAME_DISTANCE and pair.ssim >= SAME_SSIM


def test_different_data_differs_and_the_verdict_counts_it():
    reproduced = list(CELLS)
    reproduced[2] = ("plt.scatter(x, y)", [png("scatter", seed=7)])
    comparison = compare_figures(nb(*CELLS), nb(*reproduced))
    assert comparison.verdict == "1 of 3 figures differ" and comparison.changed
    differing = [p for p in comparison.pairs if p.verdict == "differs"]
    assert [p.cell for p in differing] == [2]
    assert differing[0].phash_distance > SAME_DISTANCE and differing[0].ssim < SAME_SSIM


def test_a_figure_the_run_did_not_draw_is_missing_and_a_new_one_extra():
    reproduced = list(CELLS)
    reproduced[1] = "plt.hist(x)"  # the cell ran and drew nothing
    reproduced[4] = ("plt.plot(loss)", ["line", "bar"])
    comparison = compare_figures(nb(*CELLS), nb(*reproduced))
    assert (comparison.published, comparison.same, comparison.missing, comparison.extra) == (3, 2, 1, 1)
    assert comparison.verdict == "1 of 3 figures missing (the cell drew none or did not run); 1 new"
    missing = next(p for p in comparison.pairs if p.verdict == "missing")
    assert missing.cell == 1 and missing.reproduced is None and missing.phash_distance is None


def test_reproduced_outputs_from_a_run_result_or_a_mapping():
    published = nb(*CELLS)
    outputs = {1: [image_output(png("hist"))], 2: [image_output(png("scatter", seed=3))]}
    result = RunResult(status="error", wall_seconds=1.0, cells=[
        CellResult(index=i, status="ok", outputs=[dict(o) for o in outs]) for i, outs in outputs.items()])
    for reproduced in (result, outputs):
        comparison = compare_figures(published, reproduced)
        assert [p.verdict for p in comparison.pairs] == ["same", "differs", "missing"]
        assert comparison.verdict == ("1 of 3 figures differ; 1 of 3 figures missing (the cell drew none or did not "
                                      "run)")
    with pytest.raises(TypeError):
        compare_figures(published, [1, 2])


def test_no_stored_figures():
    assert compare_figures(nb("x = 1"), nb("x = 1")).verdict == "no stored figures"


@pytest.mark.slow
def test_a_real_kernel_run_redraws_the_published_figures(tmp_path):
    """The published notebook and the reproduced one both come from real runs (nbclient, ipykernel, matplotlib
    inline); the reproduced run changes the data of one plot."""
    from nbclient import NotebookClient

    def run(seed: int):
        node = nbformat.v4.new_notebook()
        node.cells = [nbformat.v4.new_code_cell(s) for s in (
            "%matplotlib inline\nimport matplotlib\nmatplotlib.rcParams['figure.dpi'] = 72\n"
            "import matplotlib.pyplot as plt\nimport numpy as np",
            "plt.hist(np.random.default_rng(0).normal(size=500), bins=20)\nplt.show()",
            f"rng = np.random.default_rng({seed})\nplt.scatter(rng.normal(size=80), rng.normal(size=80))\nplt.show()",
        )]
        NotebookClient(node, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
                       ).execute()
        return parse_notebook(nbformat.writes(node))

    published, reproduced = run(seed=1), run(seed=2)
    comparison = compare_figures(published, reproduced)
    assert [(p.cell, p.verdict) for p in comparison.pairs] == [(1, "same"), (2, "differs")]
    assert comparison.verdict == "1 of 2 figures differ"


def test_the_same_plot_at_another_figure_size_is_the_same_and_other_data_still_differs():
    published = nb(("plt.plot(loss)", [png("line", size=(6, 4), dpi=72)]))
    (pair,) = compare_figures(published, nb(("plt.plot(loss)", [png("line", size=(8, 5), dpi=100)]))).pairs
    assert pair.ssim < SAME_SSIM  # pixels at other places: SSIM cannot tell
    assert pair.verdict == "same" and pair.phash_distance <= SAME_DISTANCE
    (other,) = compare_figures(published, nb(("plt.plot(loss)", [png("line", seed=5, size=(8, 5), dpi=100)]))).pairs
    assert other.verdict == "differs" and other.phash_distance > SAME_DISTANCE
