"""report.html: a real repair's page, opened in Debian's headless Chromium.

The notebook is old-style (``sklearn.cross_validation``, ``np.float``, a misspelt call only the
model fixes) and stored two figures when it was published: the first is the plot the repaired
cell draws again, the second another plot. The fake model's first answer wraps the failing line
in try/except (the guard rejects it unrun), its second fixes it. The page must load with no
console error and no request, and show every edit and both figure pairs.
"""

from __future__ import annotations

import base64
import io
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from mlemodernizer.agent.llm import LLMConfig, LLMFixer
from mlemodernizer.agent.loop import AgentConfig, RepairLoop
from mlemodernizer.agent.report import write_outputs
from mlemodernizer.agent.report_html import chromium, diff_html, open_page, render_html
from mlemodernizer.agent.rules_fixer import RuleFixer
from mlemodernizer.core import RunRequest, load_notebook

LINE = "x = np.arange(60, dtype=np.float)\nplt.figure(figsize=(5, 3))\nplt.plot(x, np.sin(x / 6.0))\nplt.show()"
HIST = ("import math\ntrain, test = train_test_split(x, test_size=0.25, random_state=0)\n"
        "value = math.sqroot(16)\nplt.figure(figsize=(5, 3))\nplt.hist(train, bins=8)\nplt.show()")


def _png(draw) -> str:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5, 3))
    FigureCanvasAgg(fig)
    draw(fig.add_subplot())
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")  # what the inline backend stores
    return base64.b64encode(buffer.getvalue()).decode()


def _published(path: Path) -> Path:
    import numpy as np

    x = np.arange(60, dtype=float)
    same = _png(lambda ax: ax.plot(x, np.sin(x / 6.0)))
    other = _png(lambda ax: ax.scatter(np.cos(x), np.sin(x * 3), c="red"))
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import numpy as np\nimport matplotlib.pyplot as plt\n"
                                  "from sklearn.cross_validation import train_test_split"),
        nbformat.v4.new_code_cell(LINE, outputs=[nbformat.v4.new_output("display_data", {"image/png": same,
                                                                                          "text/plain": "<Figure>"})]),
        nbformat.v4.new_code_cell(HIST, outputs=[nbformat.v4.new_output("display_data", {"image/png": other,
                                                                                          "text/plain": "<Figure>"})]),
    ]
    nbformat.write(nb, path)
    return path


def _answer(search: str, replace: str, why: str) -> str:
    return f"Rationale: {why}\n\n<<<<<<< SEARCH cell 2\n{search}\n=======\n{replace}\n>>>>>>> REPLACE\n"


class _Count(HTMLParser):
    def __init__(self):
        super().__init__()
        self.classes: dict[str, int] = {}
        self.images: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in (attrs.get("class") or "").split():
            self.classes[name] = self.classes.get(name, 0) + 1
        if tag == "img":
            self.images.append(attrs.get("src") or "")
        for key in ("src", "href"):
            if attrs.get(key):
                self.links.append(attrs[key])


def _count(html: str) -> _Count:
    counter = _Count()
    counter.feed(html)
    return counter


@pytest.fixture(scope="module")
def repaired(tmp_path_factory):
    from fake_llm import FakeLLM

    tmp = tmp_path_factory.mktemp("report_html")
    notebook = load_notebook(_published(tmp / "old_plots.ipynb"))
    fake = FakeLLM()
    try:
        fake.push(_answer("value = math.sqroot(16)", "try:\n    value = math.sqroot(16)\nexcept AttributeError:\n"
                          "    value = 4", "Fall back when the function is missing."),
                  _answer("value = math.sqroot(16)", "value = math.sqrt(16)", "The function is called sqrt."))
        llm = LLMFixer(LLMConfig(model="openai/fake-model", api_base=fake.api_base, api_key="test", timeout=3,
                                 backoff_seconds=0.05, max_backoff_seconds=0.2))
        loop = RepairLoop(RunRequest(notebook=notebook, cell_timeout=60), AgentConfig(max_seconds=600),
                          fixers=[RuleFixer(), llm])
        report = loop.run()
    finally:
        fake.close()
    paths = write_outputs(tmp / "out", loop.notebook, report)
    return report, paths


def test_the_verdict_counts_the_figures(repaired):
    report, _ = repaired
    # no printed score: running clean and the figures are the signal; the second stored figure is another plot
    assert report.final.status == "ok", report.reason
    assert report.verdict == "runs" and "1 of 2 figures differ" in report.reason, report.reason


def test_report_html_is_self_contained(repaired):
    report, paths = repaired
    html = paths["html"].read_text()
    page = _count(html)
    assert not [link for link in page.links if not (link.startswith("data:") or link.startswith("#"))]
    assert not re.search(r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", html) and "@import" not in html
    assert "default-src 'none'" in html  # the browser refuses any request the page would make
    edits = sum(len(a.edits) for a in report.attempts)
    assert page.classes["edit"] == edits and page.classes["attempt"] == len(report.attempts)
    assert page.classes["figure-pair"] == 2 and len(page.images) == 4
    assert "rejected by the guard" in html and "wraps the failing line" in html  # the guard's rejection
    assert "class=\"add\">+    value = math.sqrt(16)" not in html and "class=\"add\">+value = math.sqrt(16)" in html
    assert "cell 2: AttributeError: module &#x27;math&#x27; has no attribute &#x27;sqroot&#x27;" in html
    assert "llm:openai/fake-model" in html and "rule:" in html and report.fingerprint.lock_hash in html


def need_chromium() -> None:
    """Skip without Chromium, except where CI asks for the browser test (.ci/run sets MLEMOD_REQUIRE_BROWSER):
    there a Chromium that failed to install must fail the run, not pass it by skipping."""
    if chromium() is None:
        why = "chromium is not installed: scripts/ci-browser.sh installs Debian's package (as root)"
        if os.environ.get("MLEMOD_REQUIRE_BROWSER"):
            pytest.fail(why + "; MLEMOD_REQUIRE_BROWSER is set")
        pytest.skip(why)


def test_report_html_loads_in_headless_chromium(repaired, tmp_path):
    need_chromium()
    report, paths = repaired
    dom, errors = open_page(paths["html"], tmp_path / "report.png")
    assert errors == []  # no console error, no refused or failed load
    page = _count(dom)
    assert page.classes["edit"] == sum(len(a.edits) for a in report.attempts) >= 3
    assert page.classes.get("reverted", 0) + page.classes.get("rejected", 0) >= 1
    assert page.classes["figure-pair"] == 2 and len(page.images) == 4
    assert all(src.startswith("data:image/png;base64,") for src in page.images)
    assert page.classes["same"] >= 1 and page.classes["differs"] >= 1
    from PIL import Image

    shot = Image.open(tmp_path / "report.png")
    assert shot.size[0] == 1280 and shot.size[1] > 1500  # the whole page, not the first screen


def test_a_broken_page_is_caught(tmp_path):
    """The check itself: a page that requests something or logs an error is reported."""
    need_chromium()
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html><body><img src=\"missing.png\">"
                   "<script>console.error('boom')</script></body></html>")
    _, errors = open_page(bad)
    assert any("boom" in e for e in errors) and any("ERR_FILE_NOT_FOUND" in e for e in errors)


def test_diff_lines_are_coloured_and_escaped():
    html = diff_html("a = 1\nb = x < 2\n", "a = 1\nb = x <= 2\n")
    assert "<span class=\"del\">-b = x &lt; 2</span>" in html and "<span class=\"add\">+b = x &lt;= 2</span>" in html


def test_a_report_without_published_notebook_still_renders(repaired):
    report, _ = repaired
    html = render_html("nb <script>", report, None)
    assert "nb &lt;script&gt;" in html and "not compared" in html
