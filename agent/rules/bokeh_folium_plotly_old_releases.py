"""Spellings of bokeh 0.11-0.12, folium 0.1-0.2 and plotly 1.9-2.x that today's releases reject, each rewritten to
what the last release that took it did with it (read from those releases' sources).

bokeh
- 0.12.0 made the plot's title a Title model: the ``title_text_*`` / ``title_standoff`` properties of Plot
  forwarded to it until they went in 0.12.5 (``title_text_baseline`` was already a no-op there).
- 0.12.7 turned ResizeTool into a no-op (add_tools skipped it) before removing the class.

folium
- 0.3 removed Map.create_map (0.2: ``self.save(path)``) and the marker methods simple_marker / circle_marker /
  polygon_marker (0.2: one Marker / L.circle / RegularPolygonMarker added to the map): shims in old_folium.py.

plotly
- plotly.py 3.0's generated validators dropped the attributes the schema marked deprecated, which 1.9-2.x
  accepted and plotly.js cleaned: a bar's or histogram's ``bardir`` and an annotation's ``ref``.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache

import libcst as cst
import libcst.matchers as m

from . import old_bokeh, old_folium
from .framework import (
    Context,
    RuleTransformer,
    callee_name,
    code_of,
    keep_statements,
    kwarg,
    make_arg,
    pass_if_empty,
    plain_reference,
    positional,
    remove_kwarg,
    rule,
    string_like,
    string_value,
)
from .masking import parse_masked
from .pillow_opencv_rules import module_origin
from .removed_api import Shims, shim_source


def _imports(ctx: Context, library: str) -> bool:
    return any(origin.split(".")[0] == library for origin in ctx.imported.values())


def _comma_list(items: list, last_comma) -> list:
    """``items`` (elements or arguments) after some were dropped: the last keeps the comma the old last had."""
    if not items:
        return items
    return [*items[:-1], items[-1].with_changes(comma=last_comma)]


# --------------------------------------------------------------------------- bokeh: the title's properties

# Plot property of 0.11 -> the Title property 0.12.0-0.12.4 forwarded it to (None: the setter did nothing)
_TITLE_PROPS = {"title_text_font": "text_font", "title_text_font_size": "text_font_size",
                "title_text_font_style": "text_font_style", "title_text_color": "text_color",
                "title_text_alpha": "text_alpha", "title_text_align": "align", "title_standoff": "offset",
                "title_text_baseline": None}
_PLOTS = {"figure", "Figure", "Plot", "gmap"}


@rule(
    "bokeh-title-properties",
    library="bokeh",
    changed_in="bokeh 0.12.0 (deprecated), 0.12.5 (removed)",
    rationale="title_text_font_size= and the other title_text_* / title_standoff properties of a plot set its "
    "Title's text_font_size, ... (title_text_align its align, title_standoff its offset): a constructor keyword "
    "becomes an assignment to p.title.<property> after p = figure(...) (a shim that sets them and returns the "
    "plot where the call is not assigned), an attribute p.title.<property>; title_text_baseline, which 0.12 "
    "ignored, is dropped.",
    needles=("title_text_", "title_standoff"),
    signatures=(("AttributeError", r"unexpected attribute '(title_text_\w+|title_standoff)'"),
                ("AttributeError", r"object has no attribute '(title_text_\w+|title_standoff)'")),
    gate=lambda ctx, code: _imports(ctx, "bokeh"),
    examples=(
        (("from bokeh.plotting import figure\np = figure(title='Sales', title_text_font_size='12pt', width=300,\n"
          "           title_text_color='navy', title_text_baseline='top')\np.line(x, y)"),
         ("from bokeh.plotting import figure\np = figure(title='Sales', width=300)\np.title.text_font_size = '12pt'\n"
          "p.title.text_color = 'navy'\np.line(x, y)")),
        ("import bokeh.plotting as bp\ndef plot(x):\n    p = bp.figure(title_standoff=4)\n    return p",
         "import bokeh.plotting as bp\ndef plot(x):\n    p = bp.figure()\n    p.title.offset = 4\n    return p"),
        ("import bokeh\np.title_text_font_size = '8pt'\np.title_text_baseline = 'top'\nsize = p.title_text_align",
         "import bokeh\np.title.text_font_size = '8pt'\nsize = p.title.align"),
        # a constructor not assigned to a name goes through a shim that styles the plot and returns it
        ("import bokeh\nshow(figure(title='a', title_text_color='red'))",
         "import bokeh\n" + shim_source(old_bokeh.title_properties, "bokeh_title_properties") +
         "show(bokeh_title_properties(figure(title='a'), text_color='red'))"),
        # figure(title=None) has no Title to style
        ("import bokeh\np = figure(title=None, title_text_color='red')",
         "import bokeh\np = figure(title=None, title_text_color='red')"),
    ),
)
class BokehTitleProperties(Shims):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.assigned: set[int] = set()  # the constructor calls a statement after them styles by the name

    def visit_Assign(self, node: cst.Assign) -> None:
        if self._title_keywords(node):
            self.assigned.add(id(node.value))

    def leave_Call(self, original, updated):
        # a constructor not assigned to a name (show(figure(...))): the shim styles the plot and returns it
        given = _title_keywords_of(updated)
        if id(original) in self.assigned or not given:
            return updated
        kept = [a for a in updated.args if a not in given]
        plot = updated.with_changes(args=_comma_list(kept, cst.MaybeSentinel.DEFAULT))
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        props = [make_arg(_TITLE_PROPS[a.keyword.value], a.value) for a in given
                 if _TITLE_PROPS[a.keyword.value] is not None]
        args = _comma_list([cst.Arg(plot, comma=comma), *_comma_list(props, comma)], cst.MaybeSentinel.DEFAULT)
        return cst.Call(self.need_shim("bokeh_title_properties", old_bokeh.title_properties), args)

    def leave_Attribute(self, original, updated):
        new = _TITLE_PROPS.get(updated.attr.value)
        if new is None:
            return updated
        return updated.with_changes(value=cst.Attribute(updated.value, cst.Name("title")), attr=cst.Name(new))

    def leave_SimpleStatementLine(self, original, updated):
        if len(original.body) == 1 and isinstance(original.body[0], cst.Assign) \
                and id(original.body[0].value) in self.assigned:
            return self._constructor(updated)
        # p.title_text_baseline = v: 0.12's setter only warned
        return keep_statements(updated, [s for s in updated.body if not m.matches(s, m.Assign(
            targets=[m.AssignTarget(m.Attribute(attr=m.Name("title_text_baseline")))]))])

    def leave_IndentedBlock(self, original, updated):
        return pass_if_empty(updated)

    @staticmethod
    def _title_keywords(assign: cst.Assign) -> bool:
        """Whether ``p = figure(..., title_text_color=c)`` can become the call and ``p.title.text_color = c``."""
        call = assign.value
        if len(assign.targets) != 1 or not isinstance(call, cst.Call) or not plain_reference(assign.targets[0].target):
            return False
        given = _title_keywords_of(call)
        root = assign.targets[0].target
        while isinstance(root, (cst.Attribute, cst.Subscript)):
            root = root.value
        # a value that reads the name's old binding would read the new plot after the assignment
        return bool(given) and not any(m.findall(a.value, m.Name(root.value)) for a in given)

    def _constructor(self, line: cst.SimpleStatementLine):
        assign = line.body[0]
        call = assign.value
        name = code_of(assign.targets[0].target)
        given = _title_keywords_of(call)
        kept = [a for a in call.args if a not in given]
        call = call.with_changes(args=_comma_list(kept, cst.MaybeSentinel.DEFAULT))
        after = [cst.parse_statement(f"{name}.title.{_TITLE_PROPS[a.keyword.value]} = {code_of(a.value)}\n")
                 for a in given if _TITLE_PROPS[a.keyword.value] is not None]
        return cst.FlattenSentinel([line.with_changes(body=[assign.with_changes(value=call)]), *after])


def _title_keywords_of(call: cst.Call) -> list[cst.Arg]:
    """The old title keywords of a plot's constructor; none where its title is None (no Title to style) or
    ``**`` hides what it is given."""
    if callee_name(call) not in _PLOTS or any(a.star for a in call.args):
        return []
    title = kwarg(call, "title")
    if title is not None and m.matches(title.value, m.Name("None")):
        return []
    return [a for a in call.args if a.keyword and a.keyword.value in _TITLE_PROPS]


# --------------------------------------------------------------------------- bokeh: ResizeTool


def _resize_call(node: ast.AST) -> bool:
    """``ResizeTool()`` (or ``models.ResizeTool()``) with no arguments."""
    func = node.func if isinstance(node, ast.Call) else None
    return func is not None and not node.args and not node.keywords and (
        (isinstance(func, ast.Name) and func.id == "ResizeTool")
        or (isinstance(func, ast.Attribute) and func.attr == "ResizeTool"))


@lru_cache(maxsize=16)
def _resize_removable(sources: tuple[str, ...]) -> bool:
    """Whether every use of ResizeTool in the notebook is a ``ResizeTool()`` in a list or tuple, or an argument of
    add_tools, which the rule drops: then its import goes too. Any other use (``r = ResizeTool()``) keeps all."""
    for source in sources:
        tree = parse_masked(source)
        if tree is None:  # a cell that is not Python 3 is read only for the name
            if "ResizeTool" in source:
                return False
            continue
        dropped = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.List, ast.Tuple)):
                items = node.elts
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add_tools":
                items = node.args
            else:
                continue
            dropped.update(id(item.func) for item in items if _resize_call(item))
        for node in ast.walk(tree):
            named = (isinstance(node, ast.Name) and node.id == "ResizeTool") or (
                isinstance(node, ast.Attribute) and node.attr == "ResizeTool")
            if named and id(node) not in dropped:
                return False
    return True


def _is_resize(node: cst.BaseExpression) -> bool:
    return m.matches(node, m.Call(func=m.Name("ResizeTool") | m.Attribute(attr=m.Name("ResizeTool")), args=[]))


@rule(
    "bokeh-resize-tool-class",
    library="bokeh",
    changed_in="bokeh 0.12.7 (a no-op), removed after",
    rationale="ResizeTool() only let the reader drag the plot's size in the browser; 0.12.7 made adding it a no-op "
    "and then removed the class: it is dropped from tools lists and add_tools calls, with its import.",
    needles=("ResizeTool",),
    signatures=(("ImportError", r"cannot import name 'ResizeTool'"),
                ("AttributeError", r"has no attribute 'ResizeTool'")),
    gate=lambda ctx, code: _imports(ctx, "bokeh") and _resize_removable(ctx.sources),
    examples=(
        (("from bokeh.models import HoverTool, ResizeTool\np = figure(tools=[HoverTool(), ResizeTool()])\n"
          "p.add_tools(ResizeTool())\np.add_tools(ResizeTool(), HoverTool())"),
         "from bokeh.models import HoverTool\np = figure(tools=[HoverTool()])\np.add_tools(HoverTool())"),
        ("import bokeh.models as bm\ntools = (bm.PanTool(), bm.ResizeTool())\n"
         "if big:\n    p.add_tools(bm.ResizeTool())",
         "import bokeh.models as bm\ntools = (bm.PanTool(),)\nif big:\n    pass"),
        # a ResizeTool bound to a name is used elsewhere: nothing is removed
        ("from bokeh.models import ResizeTool\nr = ResizeTool()\np = figure(tools=[r, ResizeTool()])",
         "from bokeh.models import ResizeTool\nr = ResizeTool()\np = figure(tools=[r, ResizeTool()])"),
    ),
)
class BokehResizeToolClass(RuleTransformer):
    def leave_List(self, original, updated):
        return self._elements(updated)

    def leave_Tuple(self, original, updated):
        new = self._elements(updated)
        if len(new.elements) == 1 and new is not updated:  # (a,) stays a tuple
            new = new.with_changes(elements=[new.elements[0].with_changes(comma=cst.Comma())])
        return new

    def _elements(self, node):
        kept = [e for e in node.elements if not _is_resize(e.value)]
        if len(kept) == len(node.elements):
            return node
        return node.with_changes(elements=_comma_list(kept, node.elements[-1].comma))

    def leave_Call(self, original, updated):
        if not m.matches(updated.func, m.Attribute(attr=m.Name("add_tools"))):
            return updated
        kept = [a for a in updated.args if not (a.keyword is None and not a.star and _is_resize(a.value))]
        return updated if len(kept) == len(updated.args) else updated.with_changes(
            args=_comma_list(kept, cst.MaybeSentinel.DEFAULT))

    def leave_SimpleStatementLine(self, original, updated):
        kept = []
        for small in updated.body:
            if m.matches(small, m.Expr(m.Call(func=m.Attribute(attr=m.Name("add_tools")), args=[]))):
                continue  # every tool it added was a ResizeTool
            if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar) \
                    and small.module is not None and code_of(small.module).startswith("bokeh"):
                names = [a for a in small.names if a.evaluated_name != "ResizeTool"]
                if not names:
                    continue
                if len(names) < len(small.names):
                    small = small.with_changes(names=_comma_list(names, cst.MaybeSentinel.DEFAULT))
            kept.append(small)
        return keep_statements(updated, kept)

    def leave_IndentedBlock(self, original, updated):
        return pass_if_empty(updated)


# --------------------------------------------------------------------------- folium: Map methods of 0.1-0.2


def _folium_gate(*methods: str):
    """The notebook imports folium and defines no function of these names (a class of its own with a
    create_map method would be no Map)."""
    defined = re.compile(rf"\bdef\s+({'|'.join(methods)})\b")
    return lambda ctx, code: _imports(ctx, "folium") and not defined.search(ctx.text)


def _map_method(call: cst.Call, ctx: Context, names: set[str]) -> bool:
    """``m.<name>(...)`` on anything but the folium module itself (``folium.Marker`` is no Map method)."""
    func = call.func
    return isinstance(func, cst.Attribute) and func.attr.value in names \
        and module_origin(func.value, ctx) != "folium" and not any(a.star for a in call.args)


@rule(
    "folium-create-map",
    library="folium",
    changed_in="folium 0.2 (deprecated), 0.3 (removed)",
    rationale="Map.create_map(path='map.html') wrote the map's page; 0.2 made it self.save(path) and ignored "
    "plugin_data_out= and template=: the call is m.save(path), 'map.html' when no path was given.",
    needles=(".create_map(",),
    signatures=(("AttributeError", r"object has no attribute 'create_map'"),),
    gate=_folium_gate("create_map"),
    examples=(
        ("import folium\nm = folium.Map(location=[45.5, -122.6])\nm.create_map(path='portland.html')",
         "import folium\nm = folium.Map(location=[45.5, -122.6])\nm.save('portland.html')"),
        ("import folium\nmaps[0].create_map('a.html', plugin_data_out=False)\nm.create_map()",
         "import folium\nmaps[0].save('a.html')\nm.save('map.html')"),
        ("import folium\nclass Report:\n    def create_map(self):\n        pass\nr.create_map()",
         "import folium\nclass Report:\n    def create_map(self):\n        pass\nr.create_map()"),
    ),
)
class FoliumCreateMap(RuleTransformer):
    def leave_Call(self, original, updated):
        if not _map_method(updated, self.ctx, {"create_map"}):
            return updated
        pos = positional(updated)
        path = kwarg(updated, "path") or (pos[0] if pos else None)
        value = path.value if path is not None else cst.SimpleString("'map.html'")
        return updated.with_changes(func=updated.func.with_changes(attr=cst.Name("save")), args=[cst.Arg(value)])


_MARKERS = {"simple_marker": old_folium.simple_marker, "circle_marker": old_folium.circle_marker,
            "polygon_marker": old_folium.polygon_marker}


def old_folium_source(name: str) -> str:
    """The shim of Map.<name> as the rule writes it into a cell (for the examples)."""
    return shim_source(_MARKERS[name], f"folium_{name}")


@rule(
    "folium-map-marker-methods",
    library="folium",
    changed_in="folium 0.2 (deprecated), 0.3 (removed)",
    rationale="Map.simple_marker / circle_marker / polygon_marker added a Marker with an Icon, an L.circle "
    "(radius in metres) or a RegularPolygonMarker, their popup a 300-pixel Popup for text only: the calls go to "
    "shims that add the same marker with today's classes.",
    pattern=r"\.(simple|circle|polygon)_marker\(",
    signatures=(("AttributeError", r"object has no attribute '(simple|circle|polygon)_marker'"),),
    gate=_folium_gate(*_MARKERS),
    examples=(
        ("import folium\nm = folium.Map(location=[45.5, -122.6])\nm.simple_marker([45.5, -122.6], popup='Portland')",
         "import folium\nm = folium.Map(location=[45.5, -122.6])\n" + old_folium_source("simple_marker") +
         "folium_simple_marker(m, [45.5, -122.6], popup='Portland')"),
        ("import folium\nfor lat, lon in pts:\n    m.circle_marker(location=[lat, lon], radius=100)",
         "import folium\n" + old_folium_source("circle_marker") +
         "for lat, lon in pts:\n    folium_circle_marker(m, location=[lat, lon], radius=100)"),
        ("import folium\nfolium.circle_marker(x)", "import folium\nfolium.circle_marker(x)"),
    ),
)
class FoliumMarkerMethods(Shims):
    def leave_Call(self, original, updated):
        if not _map_method(updated, self.ctx, set(_MARKERS)):
            return updated
        name = updated.func.attr.value
        return self.method_as_shim(updated, f"folium_{name}", _MARKERS[name])


# --------------------------------------------------------------------------- plotly: deprecated attributes of 2.x


def _plotly_call(call: cst.Call, ctx: Context, names: set[str]) -> str | None:
    """The class a call builds when it is plotly.graph_objs' ``<name>`` (go.Bar, graph_objs.layout.Annotation)."""
    origin = module_origin(call.func, ctx) or ""
    head, _, last = origin.rpartition(".")
    return last if last in names and head.startswith(("plotly.graph_objs", "plotly.graph_objects")) else None


def _dict_type(call: cst.Call) -> str | None:
    """``dict(type='bar', ...)``'s type."""
    given = kwarg(call, "type") if m.matches(call.func, m.Name("dict")) else None
    return string_value(given.value) if given is not None else None


# plotly.js's swapXYData for bardir='h': the x and y forms of these attributes trade places
_SWAPPED = {"x": "y", "x0": "y0", "dx": "dy", "xbins": "ybins", "nbinsx": "nbinsy", "autobinx": "autobiny",
            "xsrc": "ysrc", "error_x": "error_y"}
_SWAPPED.update({v: k for k, v in list(_SWAPPED.items())})


def _swap_hoverinfo(arg: cst.Arg) -> cst.Arg | None:
    text = string_value(arg.value)
    if text is None:
        return None
    parts = [{"x": "y", "y": "x"}.get(p, p) for p in text.split("+")]
    return arg.with_changes(value=string_like(arg.value, "+".join(parts)))


@rule(
    "plotly-bardir",
    library="plotly",
    changed_in="plotly 3.0 (plotly.py's validators dropped the deprecated attribute)",
    rationale="bardir='h' on a bar or histogram made plotly.js set orientation='h' and swap the trace's x and y "
    "attributes (x0/y0, dx/dy, bins, error_x/error_y, hoverinfo's x and y); any other bardir was dropped.",
    needles=("bardir",),
    signatures=(("ValueError", r"'bardir'"),),
    gate=lambda ctx, code: _imports(ctx, "plotly"),
    examples=(
        (("import plotly.graph_objs as go\ntrace = go.Bar(x=counts.values, y=counts.index, bardir='h', "
          "hoverinfo='y+text')"),
         ("import plotly.graph_objs as go\ntrace = go.Bar(y=counts.values, x=counts.index, hoverinfo='x+text', "
          "orientation='h')")),
        (("from plotly.graph_objs import Bar\ndata = [Bar(x=a, y=b, bardir='v'), dict(type='histogram', x=v, "
          "nbinsx=20, bardir='h')]"),
         ("from plotly.graph_objs import Bar\ndata = [Bar(x=a, y=b), dict(type='histogram', y=v, nbinsy=20, "
          "orientation='h')]")),
        # plotly.js copied error_y's style onto error_x when both were given: not written here
        ("import plotly.graph_objs as go\ngo.Bar(x=a, y=b, error_x=e, error_y=f, bardir='h')",
         "import plotly.graph_objs as go\ngo.Bar(x=a, y=b, error_x=e, error_y=f, bardir='h')"),
    ),
)
class PlotlyBardir(RuleTransformer):
    def leave_Call(self, original, updated):
        bardir = kwarg(updated, "bardir")
        if bardir is None or any(a.star for a in updated.args) or positional(updated):
            return updated
        kind = _plotly_call(updated, self.ctx, {"Bar", "Histogram"}) or _dict_type(updated)
        value = string_value(bardir.value)
        if kind is None or kind.lower() not in ("bar", "histogram") or value is None:
            return updated
        call = remove_kwarg(updated, "bardir")
        if value != "h":
            return call
        hover = kwarg(call, "hoverinfo")
        if (kwarg(call, "error_x") and kwarg(call, "error_y")) or (hover and _swap_hoverinfo(hover) is None):
            return updated
        args = []
        for a in call.args:
            if a is hover:
                a = _swap_hoverinfo(a)
            elif a.keyword is not None and a.keyword.value in _SWAPPED:
                a = a.with_changes(keyword=cst.Name(_SWAPPED[a.keyword.value]))
            if a.keyword is None or a.keyword.value != "orientation":
                args.append(a)
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        return call.with_changes(args=[*_comma_list(args, comma), make_arg("orientation", "'h'")])


# annotation ref -> (xref, yref), as plotly.js's cleanLayout set them; any other ref was deleted
_REFS = {"paper": ("paper", "paper"), "data": ("x", "y")}


@rule(
    "plotly-annotation-ref",
    library="plotly",
    changed_in="plotly 3.0 (plotly.py's validators dropped the deprecated attribute)",
    rationale="an annotation's ref='paper' set both xref and yref to 'paper', ref='data' to 'x' and 'y' "
    "(plotly.js overwrote any given); another ref was dropped. Annotation(...) calls, and dict(...) / {...} "
    "annotations with a text, are rewritten.",
    pattern=r"""\bref\s*=|['"]ref['"]\s*:""",
    signatures=(("ValueError", r"'ref'"),),
    gate=lambda ctx, code: _imports(ctx, "plotly"),
    examples=(
        (("import plotly.graph_objs as go\nlayout = go.Layout(annotations=[dict(x=0.5, y=1.1, text='n=10', "
          "ref='paper', showarrow=False)])"),
         ("import plotly.graph_objs as go\nlayout = go.Layout(annotations=[dict(x=0.5, y=1.1, text='n=10', "
          "showarrow=False, xref='paper', yref='paper')])")),
        (("import plotly.graph_objs as go\na = go.Annotation(x=2, y=5, xref='x2', ref='data')\n"
          "b = {'x': 1, 'y': 2, 'text': 'peak', 'ref': 'paper'}"),
         ("import plotly.graph_objs as go\na = go.Annotation(x=2, y=5, xref='x', yref='y')\n"
          "b = {'x': 1, 'y': 2, 'text': 'peak', 'xref': 'paper', 'yref': 'paper'}")),
        # a dict without a text is not known to be an annotation
        ("import plotly\nopts = dict(ref='paper', name='a')", "import plotly\nopts = dict(ref='paper', name='a')"),
    ),
)
class PlotlyAnnotationRef(RuleTransformer):
    def leave_Call(self, original, updated):
        ref = kwarg(updated, "ref")
        if ref is None or any(a.star for a in updated.args):
            return updated
        value = string_value(ref.value)
        annotation = _plotly_call(updated, self.ctx, {"Annotation"}) is not None
        if value is None or not (annotation or (m.matches(updated.func, m.Name("dict")) and kwarg(updated, "text")
                                                and value in _REFS)):
            return updated
        args = [a for a in updated.args if a.keyword is None or a.keyword.value not in ("ref", "xref", "yref")
                or (value not in _REFS and a.keyword.value != "ref")]
        if value in _REFS:
            comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            quote = ref.value
            args = [*_comma_list(args, comma), make_arg("xref", string_like(quote, _REFS[value][0])).with_changes(
                comma=comma), make_arg("yref", string_like(quote, _REFS[value][1]))]
        return updated.with_changes(args=_comma_list(args, cst.MaybeSentinel.DEFAULT))

    def leave_Dict(self, original, updated):
        keys = {string_value(e.key): e for e in updated.elements if isinstance(e, cst.DictElement)}
        ref = keys.get("ref")
        value = string_value(ref.value) if ref is not None else None
        if value not in _REFS or "text" not in keys:
            return updated
        kept = [e for e in updated.elements if e not in (ref, keys.get("xref"), keys.get("yref"))]
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        new = [cst.DictElement(string_like(ref.key, name), string_like(ref.value, side), comma=comma)
               for name, side in zip(("xref", "yref"), _REFS[value])]
        return updated.with_changes(elements=_comma_list([*_comma_list(kept, comma), *new], cst.MaybeSentinel.DEFAULT))
