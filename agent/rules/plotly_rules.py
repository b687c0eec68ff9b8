"""plotly 4-7: removed spellings whose successors do what the old ones did.

- 4.0 moved the online module ``plotly.plotly`` out (to chart_studio, not in the environment). Its ``iplot`` drew
  the figure in the notebook through the cloud; ``plotly.offline.iplot`` draws the same figure locally. The account
  calls (``py.sign_in``, ``tools.set_credentials_file``) only configured the upload: they are dropped, as are the
  upload-only keywords (sharing, fileopt, world_readable) and the cloud link (show_link, link_text, gone in 7.0).
- 6.0 (plotly.js 3) removed the flat title properties that 3.5 had mapped into ``title``: ``titlefont``,
  ``titleside``, ``titleoffset``, ``titleposition`` are ``title_font``... (the same ``title.font``), written after
  ``title`` so that a title given as text does not replace them; ``autotick`` became ``tickmode``.
- 7.0 (plotly.js 4) removed the Mapbox traces and subplot (and 6.0 heatmapgl): the MapLibre ones take the same
  attributes; the Mapbox access token has no counterpart and is dropped.
"""

from __future__ import annotations

import re

import libcst as cst

from .framework import (
    RuleTransformer,
    dotted,
    keep_statements,
    kwarg,
    pass_if_empty,
    remove_kwarg,
    rule,
    string_value,
)

_COMMA = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


def _reorder(items: list, order: list[int]) -> list:
    """``items`` (call arguments or dict elements) in ``order``, each position keeping the comma it had, so that
    the layout (one per line, a trailing comma) stays."""
    out = [items[j].with_changes(comma=items[i].comma) for i, j in enumerate(order)]
    return [a.with_changes(comma=_COMMA) if i < len(out) - 1 and a.comma == cst.MaybeSentinel.DEFAULT else a
            for i, a in enumerate(out)]


def _after_title(names: list[str | None]) -> list[int] | None:
    """The order that puts every ``title_*`` name right after ``title``; None when it is already so."""
    if "title" not in names:
        return None
    moved = [i for i, n in enumerate(names) if n and n.startswith("title_") and i < names.index("title")]
    if not moved:
        return None
    rest = [i for i in range(len(names)) if i not in moved]
    at = rest.index(names.index("title")) + 1
    return rest[:at] + moved + rest[at:]


# --------------------------------------------------------------------------- plotly: the online module


_ONLINE = ("plotly.plotly", "chart_studio.plotly")
_UPLOAD_ONLY = ("sharing", "fileopt", "world_readable", "show_link", "link_text")
_ACCOUNT_CALLS = re.compile(r"(^|\.)(set_credentials_file|set_config_file|set_mapbox_access_token)$")


def _account_name(name: str) -> bool:
    return name.endswith(".sign_in") or _ACCOUNT_CALLS.search(name) is not None


@rule(
    "plotly-online-module",
    library="plotly",
    changed_in="plotly 4.0 (chart_studio split off); show_link/link_text 7.0",
    rationale="plotly.plotly (the Chart Studio upload) left plotly; its iplot drew the figure in the notebook, which "
    "plotly.offline.iplot does without the cloud. Account set-up calls and upload-only keywords are dropped.",
    needles=("plotly.plotly", "chart_studio", "import plotly", "set_credentials_file", "set_config_file", "sign_in",
             "show_link", "link_text", "set_mapbox_access_token"),
    signatures=(("ModuleNotFoundError", r"No module named '(plotly\.plotly|chart_studio)'"),
                ("AttributeError", (r"has no attribute '(set_credentials_file|set_config_file|sign_in|"
                                   r"set_mapbox_access_token)'")),
                ("TypeError", r"i?plot\(\) got an unexpected keyword argument '(show_link|link_text)'")),
    gate=lambda ctx, code: "plotly" in ctx.text or "chart_studio" in ctx.text,
    examples=(
        (("import plotly.plotly as py\nimport plotly.graph_objs as go\npy.sign_in('me', 'key')\n"
         "py.iplot(fig, filename='bars', sharing='public')"),
         "import plotly.offline as py\nimport plotly.graph_objs as go\npy.iplot(fig, filename='bars')"),
        ("from plotly import plotly as py\nimport plotly\nplotly.tools.set_credentials_file(username='u', api_key='k')",
         "from plotly import offline as py\nimport plotly"),
        ("import chart_studio.plotly as py\nfrom plotly.offline import iplot\niplot(fig, show_link=False)",
         "import plotly.offline as py\nfrom plotly.offline import iplot\niplot(fig)"),
        ("from plotly.plotly import iplot\nif draw:\n    py.sign_in('u', 'k')\niplot(data)",
         "from plotly.offline import iplot\nif draw:\n    pass\niplot(data)"),
        ("import plotly\nplotly.plotly.iplot(fig)", "import plotly\nplotly.offline.iplot(fig)"),
        ("import plotly.plotly\nplotly.plotly.sign_in('u', 'k')\nplotly.plotly.iplot(fig)",
         "import plotly.offline\nplotly.offline.iplot(fig)"),
        ("from plotly.plotly import sign_in, iplot\nsign_in('u', 'k')\niplot(fig)",
         "from plotly.offline import iplot\niplot(fig)"),
        ("plt.plot(x, y, show_link=1)", "plt.plot(x, y, show_link=1)"),
    ),
)
class PlotlyOnline(RuleTransformer):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        imported = ctx.imported
        self.online = {n for n, v in imported.items() if v in _ONLINE}
        self.plotters = self.online | {n for n, v in imported.items() if v == "plotly.offline"}
        self.drawers = {n for n, v in imported.items()
                        if v.rsplit(".", 1)[0] in (*_ONLINE, "plotly.offline") and v.endswith(("plot", "iplot"))}
        # the account calls imported by name (from plotly.plotly import sign_in)
        self.accounts = {n for n, v in imported.items() if v.rsplit(".", 1)[0] in _ONLINE and _account_name(v)}

    def leave_Import(self, original, updated):
        names = [a.with_changes(name=cst.parse_expression("plotly.offline"))
                 if a.evaluated_name in _ONLINE and (a.asname or a.evaluated_name == "plotly.plotly") else a
                 for a in updated.names]
        return updated.with_changes(names=names)

    def leave_ImportFrom(self, original, updated):
        module = dotted(updated.module) if updated.module else None
        was = dotted(original.module) if original.module else None  # leave_Attribute renamed plotly.plotly
        if was in _ONLINE and not isinstance(updated.names, cst.ImportStar) and self.accounts:
            kept = [a for a in updated.names if (a.asname.name.value if a.asname else a.evaluated_name) not in self.accounts]
            if not kept:
                return cst.RemoveFromParent()
            updated = updated.with_changes(names=[*kept[:-1], kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)])
        if module in _ONLINE and not isinstance(updated.names, cst.ImportStar) \
                and {a.evaluated_name for a in updated.names} <= {"iplot", "plot"}:
            return updated.with_changes(module=cst.parse_expression("plotly.offline"))
        if module in ("plotly", "chart_studio") and not isinstance(updated.names, cst.ImportStar) \
                and [a.evaluated_name for a in updated.names] == ["plotly"]:  # from plotly import plotly as py
            alias = updated.names[0]
            return updated.with_changes(module=cst.Name("plotly"), names=[alias.with_changes(
                name=cst.Name("offline"), asname=alias.asname or cst.AsName(cst.Name("plotly")))])
        return updated

    def leave_Attribute(self, original, updated):
        if dotted(updated) == "plotly.plotly":  # import plotly.plotly; plotly.plotly.iplot(...)
            return updated.with_changes(attr=cst.Name("offline"))
        return updated

    def leave_Call(self, original, updated):
        func = dotted(updated.func) or ""
        head, _, last = func.rpartition(".")
        if (head in self.plotters and last in ("iplot", "plot")) or func in self.drawers:
            for gone in _UPLOAD_ONLY:
                updated = remove_kwarg(updated, gone)
        return updated

    def _account_call(self, statement: cst.BaseSmallStatement) -> bool:
        if not (isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call)):
            return False
        func = dotted(statement.value.func) or ""
        head, _, last = func.rpartition(".")
        return bool(_ACCOUNT_CALLS.search(func)) or func in self.accounts or (
            last == "sign_in" and (head in self.online or head in (*_ONLINE, "plotly.offline") or head == "py"))

    def leave_SimpleStatementLine(self, original, updated):
        return keep_statements(updated, [s for s in updated.body if not self._account_call(s)])

    def leave_IndentedBlock(self, original, updated):
        return pass_if_empty(updated)


# --------------------------------------------------------------------------- plotly: title properties, autotick


_TITLE_PROPS = {"titlefont": "title_font", "titleside": "title_side", "titleoffset": "title_offset",
                "titleposition": "title_position"}
_AUTOTICK = {"True": "'auto'", "False": "'linear'"}  # plotly.js's own translation of the old flag


def _uses_plotly(ctx, code: str) -> bool:
    return "plotly" in ctx.text


@rule(
    "plotly-title-properties",
    library="plotly",
    changed_in="plotly 6.0 (plotly.js 3; mapped into title since 3.5)",
    rationale="titlefont/titleside/titleoffset/titleposition were removed; they were title.font/.side/.offset/"
    ".position, written title_font... after title (a title given as text would replace them); autotick=True/False "
    "is tickmode='auto'/'linear'.",
    needles=("titlefont", "titleside", "titleoffset", "titleposition", "autotick"),
    signatures=(("ValueError", (r"Invalid property specified for object of type .*: "
                               r"'(titlefont|titleside|titleoffset|titleposition|autotick)'")),),
    gate=_uses_plotly,
    examples=(
        (("import plotly.graph_objs as go\nlayout = go.Layout(titlefont=dict(size=20), title='Sales',\n"
         "    xaxis=dict(titlefont={'size': 14}, title='x', autotick=False, dtick=1))"),
         ("import plotly.graph_objs as go\nlayout = go.Layout(title='Sales', title_font=dict(size=20),\n"
         "    xaxis=dict(title='x', title_font={'size': 14}, tickmode='linear', dtick=1))")),
        (("import plotly\nfig.update_layout(yaxis={'title': 'y', 'titlefont': {'size': 9}, 'autotick': True})\n"
         "fig.layout.xaxis.titlefont.size = 18\nfig['layout']['titlefont'] = f\ncb = dict(titleside='right')"),
         ("import plotly\nfig.update_layout(yaxis={'title': 'y', 'title_font': {'size': 9}, 'tickmode': 'auto'})\n"
         "fig.layout.xaxis.title.font.size = 18\nfig['layout']['title_font'] = f\ncb = dict(title_side='right')")),
        ("import plotly\naxis = dict(autotick=flag, tickmode='array')", "import plotly\naxis = dict(tickmode='array')"),
        ("import plotly\naxis = dict(autotick=flag)", "import plotly\naxis = dict(autotick=flag)"),
    ),
)
class PlotlyTitleProperties(RuleTransformer):
    def leave_Call(self, original, updated):
        args = [a.with_changes(keyword=cst.Name(_TITLE_PROPS[a.keyword.value]))
                if a.keyword and a.keyword.value in _TITLE_PROPS else a for a in updated.args]
        order = _after_title([a.keyword.value if a.keyword else None for a in args])
        call = updated.with_changes(args=_reorder(args, order) if order else args)
        flag = kwarg(call, "autotick")
        if flag is not None:
            if kwarg(call, "tickmode") is not None:
                return remove_kwarg(call, "autotick")
            if isinstance(flag.value, cst.Name) and flag.value.value in _AUTOTICK:
                return call.with_changes(args=[a.with_changes(keyword=cst.Name("tickmode"),
                                                              value=cst.parse_expression(_AUTOTICK[a.value.value]))
                                               if a is flag else a for a in call.args])
        return call

    def leave_Dict(self, original, updated):
        elements = list(updated.elements)
        keys = [string_value(e.key) if isinstance(e, cst.DictElement) else None for e in elements]
        for i, key in enumerate(keys):
            if key in _TITLE_PROPS:
                keys[i] = _TITLE_PROPS[key]
                elements[i] = elements[i].with_changes(key=cst.SimpleString(repr(keys[i])))
            elif key == "autotick" and "tickmode" in keys:
                elements[i] = None
            elif key == "autotick" and isinstance(elements[i].value, cst.Name) and elements[i].value.value in _AUTOTICK:
                elements[i] = elements[i].with_changes(key=cst.SimpleString("'tickmode'"),
                                                       value=cst.parse_expression(_AUTOTICK[elements[i].value.value]))
        kept = [(e, k) for e, k in zip(elements, keys) if e is not None]
        if len(kept) < len(elements) and kept:  # the dropped one may have been last: no dangling comma
            kept[-1] = (kept[-1][0].with_changes(comma=updated.elements[-1].comma), kept[-1][1])
        elements, keys = [e for e, _ in kept], [k for _, k in kept]
        order = _after_title(keys)
        return updated.with_changes(elements=_reorder(elements, order) if order else elements)

    def leave_SubscriptElement(self, original, updated):
        index = updated.slice.value if isinstance(updated.slice, cst.Index) else None
        key = string_value(index) if index is not None else None
        if key in _TITLE_PROPS:
            return updated.with_changes(slice=cst.Index(cst.SimpleString(repr(_TITLE_PROPS[key]))))
        return updated

    def leave_Attribute(self, original, updated):
        if updated.attr.value in _TITLE_PROPS:  # obj.titlefont -> obj.title.font
            return cst.Attribute(cst.Attribute(updated.value, cst.Name("title")),
                                 cst.Name(_TITLE_PROPS[updated.attr.value].split("_", 1)[1]))
        return updated


# --------------------------------------------------------------------------- plotly: Mapbox to MapLibre, heatmapgl


_TRACES = {"Scattermapbox": "Scattermap", "Choroplethmapbox": "Choroplethmap", "Densitymapbox": "Densitymap",
           "Heatmapgl": "Heatmap", "scatter_mapbox": "scatter_map", "line_mapbox": "line_map",
           "choropleth_mapbox": "choropleth_map", "density_mapbox": "density_map", "update_mapboxes": "update_maps"}
_TYPES = {"scattermapbox": "scattermap", "choroplethmapbox": "choroplethmap", "densitymapbox": "densitymap",
          "heatmapgl": "heatmap"}
_NO_TOKEN = ("accesstoken", "mapbox_accesstoken")  # MapLibre's maps take none


def _map_keyword(name: str) -> str | None:
    """``mapbox`` -> "map", ``mapbox_style`` -> "map_style"; None for other names."""
    return "map" + name[len("mapbox"):] if name == "mapbox" or name.startswith("mapbox_") else None


@rule(
    "plotly-mapbox-traces",
    library="plotly",
    changed_in="plotly 7.0 (plotly.js 4; heatmapgl 6.0)",
    rationale="the Mapbox traces, px functions and layout.mapbox were removed for the MapLibre ones (Scattermap, "
    "scatter_map, layout.map), which take the same attributes; the access token has no counterpart and is dropped; "
    "heatmapgl is drawn by heatmap.",
    needles=("mapbox", "Mapbox", "eatmapgl"),
    signatures=(("AttributeError", r"has no attribute '(\w+mapbox|Heatmapgl|update_mapboxes)'"),
                ("ValueError", r"Invalid property specified .*: '(mapbox|mapbox_\w+|accesstoken)'"),
                ("TypeError", r"unexpected keyword argument 'mapbox_style'")),
    gate=_uses_plotly,
    examples=(
        (("import plotly.express as px\nfig = px.scatter_mapbox(df, lat='lat', lon='lon', mapbox_style='open-street-map')\n"
         "fig.update_layout(mapbox_style='carto-positron', mapbox_accesstoken=token, mapbox_zoom=3)"),
         ("import plotly.express as px\nfig = px.scatter_map(df, lat='lat', lon='lon', map_style='open-street-map')\n"
         "fig.update_layout(map_style='carto-positron', map_zoom=3)")),
        (("import plotly.graph_objs as go\nfrom plotly.graph_objs import Scattermapbox\n"
         "data = [go.Scattermapbox(lat=a, lon=b, subplot='mapbox'), {'type': 'heatmapgl', 'z': z}]\n"
         "layout = go.Layout(mapbox=dict(accesstoken=t, style='dark'))"),
         ("import plotly.graph_objs as go\nfrom plotly.graph_objs import Scattermap as Scattermapbox\n"
         "data = [go.Scattermap(lat=a, lon=b, subplot='map'), {'type': 'heatmap', 'z': z}]\n"
         "layout = go.Layout(map=dict(style='dark'))")),
        ("import plotly\nfig.layout.mapbox.zoom = 4", "import plotly\nfig.layout.map.zoom = 4"),
    ),
)
class PlotlyMapbox(RuleTransformer):
    def leave_ImportAlias(self, original, updated):
        name = updated.evaluated_name
        if name in _TRACES:
            return updated.with_changes(name=cst.Name(_TRACES[name]),
                                        asname=updated.asname or cst.AsName(cst.Name(name)))
        return updated

    def leave_Attribute(self, original, updated):
        attr = updated.attr.value
        new = _TRACES.get(attr) or ("map" if attr == "mapbox" else None)
        return updated.with_changes(attr=cst.Name(new)) if new else updated

    def leave_Call(self, original, updated):
        call = updated
        for gone in _NO_TOKEN:
            call = remove_kwarg(call, gone)
        args = []
        for a in call.args:
            new = _map_keyword(a.keyword.value) if a.keyword else None
            if new:
                a = a.with_changes(keyword=cst.Name(new))
            elif a.keyword and a.keyword.value == "subplot" and string_value(a.value) == "mapbox":
                a = a.with_changes(value=cst.SimpleString("'map'"))
            args.append(a)
        return call.with_changes(args=args)

    def leave_DictElement(self, original, updated):
        key = string_value(updated.key)
        if key == "type" and string_value(updated.value) in _TYPES:
            return updated.with_changes(value=cst.SimpleString(repr(_TYPES[string_value(updated.value)])))
        new = _map_keyword(key) if key else None
        return updated.with_changes(key=cst.SimpleString(repr(new))) if new else updated

    def leave_Dict(self, original, updated):
        kept = [e for e in updated.elements if not (isinstance(e, cst.DictElement) and string_value(e.key) in _NO_TOKEN)]
        if len(kept) == len(updated.elements) or not kept:
            return updated
        return updated.with_changes(elements=[*kept[:-1], kept[-1].with_changes(comma=updated.elements[-1].comma)])

    def leave_Arg(self, original, updated):
        if updated.keyword and updated.keyword.value == "type" and string_value(updated.value) in _TYPES:
            return updated.with_changes(value=cst.SimpleString(repr(_TYPES[string_value(updated.value)])))
        return updated
