"""A window backend chosen in a notebook: the figures are drawn inline instead.

Authors on a desktop wrote ``matplotlib.use('TkAgg')``, ``plt.switch_backend('Qt5Agg')`` or ``%matplotlib qt``
to get figures in windows. A notebook run here has no display (nor Tk or Qt): since matplotlib 3.0 ``use()``
switches at once and raises ("Cannot load backend 'TkAgg' which requires the 'tk' interactive framework, as
'headless' is currently running"), where before it only warned once pyplot was loaded, as it always is in a
kernel with ``%matplotlib inline``. The line is kept as a comment and the figures stay inline, where the
notebook's outputs show them. ``%matplotlib widget`` (ipympl, not in the environment) becomes inline too.
"""

from __future__ import annotations

import re

from .framework import rule

_WINDOWS = r"(?i:tk|tkagg|tkcairo|qt|qt4|qt5|qtagg|qt4agg|qt5agg|qtcairo|qt5cairo|wx|wxagg|wxcairo|gtk|gtk3|gtk4|" \
           r"gtk3agg|gtk4agg|gtk3cairo|gtk4cairo|osx|macosx|widget|ipympl)"
_MAGIC = re.compile(rf"^(?P<indent>[ \t]*)%matplotlib[ \t]+{_WINDOWS}\b[^\n]*$", re.MULTILINE)
# matplotlib.use('TkAgg'), mpl.use('Qt5Agg', force=True), plt.switch_backend('TkAgg') as a statement of its own
_CALL = re.compile(rf"""^(?P<indent>[ \t]*)(?P<call>(?:\w+\.)*(?:use|switch_backend)\(\s*['"]{_WINDOWS}['"][^()\n]*\))"""
                   r"[ \t]*(?:#[^\n]*)?$", re.MULTILINE)
_NOTE = "# mlemod: no window to draw in here; the figures are shown inline: "


def inline_figures(source: str, ctx=None) -> str:
    # a magic's line takes no comment: the note goes on the line above
    source = _MAGIC.sub(lambda found: f"{found['indent']}{_NOTE}{found[0].strip()}\n{found['indent']}%matplotlib inline",
                        source)
    def comment(found: re.Match) -> str:
        call = re.sub(r"\(\s+", "(", " ".join(line.strip() for line in found["call"].splitlines()))  # one line
        # ``pass`` keeps a block valid when the call was its only statement
        return f"{found['indent']}{'pass  ' if found['indent'] else ''}{_NOTE}{call}"

    return _CALL.sub(comment, source)


inline_figures.text_rule = True  # type: ignore[attr-defined]  # magics are lines of the raw cell text

rule(
    "matplotlib-window-backend",
    library="matplotlib",
    changed_in="matplotlib 3.0 (use() switches at once) / a headless kernel",
    rationale="a window backend (TkAgg, Qt5Agg, %matplotlib qt) cannot load without a display and fails the cell; "
    "the line is commented out and the figures are drawn inline, into the notebook's outputs.",
    needles=("%matplotlib", "use(", "switch_backend("),
    pattern=rf"""%matplotlib[ \t]+{_WINDOWS}\b|(?:use|switch_backend)\(\s*['"]{_WINDOWS}['"]""",
    signatures=(("ImportError", r"Cannot load backend|Failed to import any of the following Qt binding modules"),
                ("ModuleNotFoundError", r"No module named '(ipympl|tkinter|_tkinter|PyQt\d|PySide\d?)'")),
    examples=(
        ("%matplotlib qt\nimport matplotlib\nmatplotlib.use('TkAgg')  # for my mac\nimport matplotlib.pyplot as plt",
         f"{_NOTE}%matplotlib qt\n%matplotlib inline\nimport matplotlib\n{_NOTE}matplotlib.use('TkAgg')\n"
         "import matplotlib.pyplot as plt"),
        ("if show:\n    plt.switch_backend('Qt5Agg')\nmatplotlib.use('Agg')\nmatplotlib.use(\n    'TkAgg', force=True)",
         f"if show:\n    pass  {_NOTE}plt.switch_backend('Qt5Agg')\nmatplotlib.use('Agg')\n"
         f"{_NOTE}matplotlib.use('TkAgg', force=True)"),
        ("%matplotlib notebook\nplt.style.use('ggplot')", "%matplotlib notebook\nplt.style.use('ggplot')"),
    ),
)(inline_figures)
