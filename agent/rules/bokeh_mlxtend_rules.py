"""bokeh 0.12-3 and mlxtend 0.6-0.25: removed spellings whose successors do what the old ones did.

bokeh
- 3.0 renamed ``plot_width``/``plot_height`` to ``width``/``height`` and the tab ``Panel`` to ``TabPanel`` (a new,
  unrelated ``Panel`` took the name); 1.4-3.0 replaced ``legend=`` by ``legend_label=`` (a string meant the label
  unless it named a column of the glyph's source); 0.12 dropped the resize tool and ``webgl=``/``responsive=``.

mlxtend
- 0.23 put ``num_itemsets`` second in ``association_rules``: the old positional metric and threshold are named.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m

from .framework import (
    RuleTransformer,
    callee_name,
    dotted,
    kwarg,
    make_arg,
    one_statement_per_line,
    positional,
    remove_kwarg,
    rule,
    split_import_from,
    string_value,
)

# --------------------------------------------------------------------------- bokeh


_BOKEH_KEYWORDS = {"plot_width": "width", "plot_height": "height", "border_fill": "border_fill_color",
                   "background_fill": "background_fill_color"}
_BOKEH_FLAGS = {"webgl": ("output_backend", "'webgl'"), "responsive": ("sizing_mode", "'scale_width'")}
# (old module, name) -> (module, name today): the import keeps the old local name
_BOKEH_MOVED = {("bokeh.models.widgets", "Panel"): ("bokeh.models", "TabPanel"),
                ("bokeh.models", "Panel"): ("bokeh.models", "TabPanel"),
                ("bokeh.models.widgets", "Tabs"): ("bokeh.models", "Tabs"),
                ("bokeh.plotting", "Figure"): ("bokeh.plotting", "figure")}
# figure's glyph methods (df.plot.line(legend='reverse') is pandas': not one of them)
_GLYPHS = {"line", "multi_line", "step", "circle", "scatter", "square", "triangle", "diamond", "cross", "x", "asterisk",
           "inverted_triangle", "circle_cross", "circle_x", "square_x", "square_cross", "diamond_cross", "hex", "vbar",
           "hbar", "quad", "rect", "patch", "patches", "wedge", "annular_wedge", "annulus", "ellipse", "oval", "varea",
           "harea", "segment", "ray", "hex_tile", "image", "image_rgba"}
_TOOL_LIST = re.compile(r"^[a-z_]+(\s*,\s*[a-z_]+)+$")


def _uses_bokeh(ctx, code: str) -> bool:
    return "bokeh" in ctx.text


@rule(
    "bokeh-renamed-properties",
    library="bokeh",
    changed_in="bokeh 3.0 (plot_width, Panel, legend=); 0.12 (resize tool, webgl=, responsive=, *_fill)",
    rationale="plot_width/plot_height are width/height, the tab Panel is TabPanel (Tabs lives in bokeh.models), "
    "legend='text' with no source is legend_label, webgl=True is output_backend='webgl', responsive=True "
    "sizing_mode='scale_width', border_fill/background_fill the *_color properties; the resize tool is gone "
    "(previewsave is save) and Label's render_mode (css or canvas, a look) with it.",
    needles=("plot_width", "plot_height", "Panel", "Tabs", "legend=", "resize", "previewsave", "webgl", "responsive",
             "_fill", "render_mode", "Figure"),
    signatures=(("AttributeError", (r"unexpected attribute '(plot_width|plot_height|child|webgl|responsive|"
                                   r"border_fill|background_fill|render_mode)'")),
                ("TypeError", r"unexpected keyword argument '(plot_width|plot_height)'"),
                ("KeyError", r"^'legend'$"), ("ValueError", r"unexpected tool name '(resize|previewsave)'"),
                ("ImportError", r"cannot import name '(Panel|Tabs|Figure)' from 'bokeh")),
    gate=_uses_bokeh,
    examples=(
        (("from bokeh.plotting import figure\np = figure(plot_width=400, plot_height=300, tools='pan,resize,reset')\n"
         "p.line(x, y, legend='price', line_width=2)\np.circle('a', 'b', source=src, legend='kind')\np.plot_height = 200"),
         ("from bokeh.plotting import figure\np = figure(width=400, height=300, tools='pan,reset')\n"
         "p.line(x, y, legend_label='price', line_width=2)\np.circle('a', 'b', source=src, legend='kind')\np.height = 200")),
        ("from bokeh.models.widgets import Panel, Tabs, Select\ntabs = Tabs(tabs=[Panel(child=p, title='one')])",
         ("from bokeh.models.widgets import Select\nfrom bokeh.models import TabPanel as Panel\nfrom bokeh.models import Tabs\n"
         "tabs = Tabs(tabs=[Panel(child=p, title='one')])")),
        (("import bokeh\nTOOLS = 'pan,wheel_zoom,box_zoom,reset,resize,previewsave'\n"
         "p = bokeh.plotting.figure(tools=TOOLS, webgl=True, responsive=False, border_fill='white')"),
         ("import bokeh\nTOOLS = 'pan,wheel_zoom,box_zoom,reset,save'\n"
         "p = bokeh.plotting.figure(tools=TOOLS, output_backend='webgl', border_fill_color='white')")),
        ("import bokeh\nlabels = LabelSet(x='x', y='y', text='t', render_mode='canvas', source=s)",
         "import bokeh\nlabels = LabelSet(x='x', y='y', text='t', source=s)"),
        ("import bokeh\nw = 'resize the window'\ndf.plot.line(legend='reverse')",
         "import bokeh\nw = 'resize the window'\ndf.plot.line(legend='reverse')"),
    ),
)
class BokehRenamed(RuleTransformer):
    def leave_Call(self, original, updated):
        call = updated.with_changes(args=[a.with_changes(keyword=cst.Name(_BOKEH_KEYWORDS[a.keyword.value]))
                                          if a.keyword and a.keyword.value in _BOKEH_KEYWORDS else a
                                          for a in updated.args])
        for flag, (name, value) in _BOKEH_FLAGS.items():
            given = kwarg(call, flag)
            if given is not None and m.matches(given.value, m.Name("True") | m.Name("False")):
                on = given.value.value == "True"
                call = call.with_changes(args=[make_arg(name, value).with_changes(comma=a.comma) if a is given else a
                                               for a in call.args]) if on else remove_kwarg(call, flag)
        if callee_name(call) in ("Label", "LabelSet"):
            call = remove_kwarg(call, "render_mode")
        legend = kwarg(call, "legend")
        # legend='text' named a column when the glyph's source had one: only a call without a source is sure
        if legend is not None and callee_name(call) in _GLYPHS and not m.matches(call.func, m.Attribute(
                value=m.Attribute(attr=m.Name("plot")))) and kwarg(call, "source") is None \
                and string_value(legend.value) not in (None, "reverse", "brief", "full", "auto"):
            call = call.with_changes(args=[a.with_changes(keyword=cst.Name("legend_label")) if a is legend else a
                                           for a in call.args])
        return call

    def leave_Attribute(self, original, updated):
        new = _BOKEH_KEYWORDS.get(updated.attr.value) if updated.attr.value.startswith("plot_") else None
        return updated.with_changes(attr=cst.Name(new)) if new else updated

    def leave_SimpleString(self, original, updated):
        text = string_value(updated)
        if text is None or not _TOOL_LIST.match(text) or not {"resize", "previewsave"} & set(re.split(r"\s*,\s*", text)):
            return updated
        tools = [{"previewsave": "save"}.get(t, t) for t in re.split(r"\s*,\s*", text) if t != "resize"]
        return updated.with_changes(value=updated.prefix + updated.quote + ",".join(tools) + updated.quote)

    def leave_ImportFrom(self, original, updated):
        module = dotted(updated.module) if updated.module and not updated.relative else None
        if not module or isinstance(updated.names, cst.ImportStar):
            return updated
        moved = [(a, _BOKEH_MOVED[(module, a.evaluated_name)]) for a in updated.names
                 if (module, a.evaluated_name) in _BOKEH_MOVED]
        if not moved:
            return updated
        kept = [a for a in updated.names if (module, a.evaluated_name) not in _BOKEH_MOVED]
        return split_import_from(updated, kept, [(mod, name, a.evaluated_alias or a.evaluated_name)
                                                 for a, (mod, name) in moved])

    def leave_SimpleStatementLine(self, original, updated):
        return one_statement_per_line(original, updated)


# --------------------------------------------------------------------------- mlxtend


_RULE_PARAMS = ("metric", "min_threshold", "support_only")  # association_rules' order before 0.23


@rule(
    "mlxtend-association-rules-positional",
    library="mlxtend",
    changed_in="mlxtend 0.23.2",
    rationale="association_rules(df, metric, min_threshold) gained num_itemsets as its second parameter: the old "
    "positional metric and threshold are passed by name.",
    needles=("association_rules(",),
    signatures=(("AttributeError", r"'(float|int|str)' object has no attribute 'size'"),
                ("TypeError", r"association_rules"),),
    gate=lambda ctx, code: "mlxtend" in ctx.text,
    examples=(
        ("import mlxtend\nrules = association_rules(freq, 'lift', 1.2)",
         "import mlxtend\nrules = association_rules(freq, metric='lift', min_threshold=1.2)"),
        ("import mlxtend\nrules = association_rules(freq, metric='lift')",
         "import mlxtend\nrules = association_rules(freq, metric='lift')"),
    ),
)
class AssociationRulesPositional(RuleTransformer):
    def leave_Call(self, original, updated):
        given = positional(updated)
        if callee_name(updated) != "association_rules" or not 1 < len(given) <= 1 + len(_RULE_PARAMS) \
                or any(a.star for a in updated.args):
            return updated
        named = {id(a): _RULE_PARAMS[i - 1] for i, a in enumerate(given) if i > 0}
        return updated.with_changes(args=[make_arg(named[id(a)], a.value).with_changes(comma=a.comma)
                                          if id(a) in named else a for a in updated.args])
