"""bokeh 0.12's title keywords and ResizeTool, folium 0.2's create_map and marker methods and plotly 2's bardir /
annotation ref (bokeh_folium_plotly_old_releases.py), repaired by the static pass and run in the tabular
profile's real kernel: each cell prints what the old release set up."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook, run_local, stdout

OLD_BOKEH = code_notebook(
    "from bokeh.plotting import figure\nfrom bokeh.models import HoverTool, ResizeTool",
    "p = figure(title='Sales', title_text_font_size='12pt', title_text_color='navy', title_standoff=4,\n"
    "           tools=[HoverTool(), ResizeTool()])\n"
    "p.add_tools(ResizeTool())\np.title_text_align = 'right'\np.line([1, 2], [3, 4])\n"
    "q = figure(title_text_alpha=0.5)\n"
    "print(p.title.text, p.title.text_font_size, p.title.text_color, p.title.offset, p.title.align,\n"
    "      [type(t).__name__ for t in p.tools], q.title.text_alpha)",
)


def test_bokeh_0_12_title_keywords_and_resize_tool_run_on_bokeh_3(tmp_path, apply):
    edits = fix_static(OLD_BOKEH)
    assert {"bokeh-title-properties", "bokeh-resize-tool-class"} <= {r for e in edits for r in e.rule_ids}
    result = run_local(apply(OLD_BOKEH, edits), tmp_path)
    assert result.status == "ok", result.summary()
    assert stdout(result.cells[1]) == "Sales 12pt navy 4 right ['HoverTool'] 0.5\n"


OLD_FOLIUM = code_notebook(
    "import folium\nm = folium.Map(location=[45.5, -122.6], zoom_start=10)",
    "m.simple_marker([45.5, -122.6], popup='Portland', marker_color='red')\n"
    "m.circle_marker(location=[45.5, -122.3], radius=1000, popup=7)\n"
    "m.polygon_marker([45.6, -122.6], num_sides=5, fill_color='green')\n"
    "m.create_map(path='old_map.html')",
    "import os\nmarker, circle, polygon = [c for c in m._children.values() if not isinstance(c, folium.TileLayer)]\n"
    "print(type(marker).__name__, marker.icon.options['marker_color'], sorted(type(c).__name__ for c in marker._children.values()),\n"
    "      type(circle).__name__, circle.options['radius'], circle.options['color'], circle.options['weight'],\n"
    "      circle.options['fillOpacity'], circle._children == {},\n"
    "      type(polygon).__name__, polygon.options['number_of_sides'], polygon.options['fillColor'],\n"
    "      os.path.exists('old_map.html'))",
)


def test_folium_0_2_create_map_and_marker_methods_run_on_folium_0_20(tmp_path, apply):
    edits = fix_static(OLD_FOLIUM)
    assert {"folium-create-map", "folium-map-marker-methods"} <= {r for e in edits for r in e.rule_ids}
    result = run_local(apply(OLD_FOLIUM, edits), tmp_path)
    assert result.status == "ok", result.summary()
    # the circle's number popup was dropped, as 0.2 dropped any popup that was neither text nor a chart
    assert stdout(result.cells[2]) == "Marker red ['Icon', 'Popup', 'SetIcon'] Circle 1000 black 5 0.6 True RegularPolygonMarker 5 green True\n"


OLD_PLOTLY = code_notebook(
    "import plotly.graph_objs as go\n"
    "bar = go.Bar(x=[3, 5], y=['a', 'b'], bardir='h', hoverinfo='y')\n"
    "layout = go.Layout(annotations=[dict(x=0.5, y=1.05, text='n=2', ref='paper', showarrow=False)])\n"
    "print(bar.orientation, bar.x, bar.y, bar.hoverinfo, layout.annotations[0].xref, layout.annotations[0].yref)",
)


def test_plotly_2_bardir_and_annotation_ref_run_on_plotly_7(tmp_path, apply):
    edits = fix_static(OLD_PLOTLY)
    result = run_local(apply(OLD_PLOTLY, edits), tmp_path)
    assert result.status == "ok", result.summary()
    assert stdout(result.cells[0]) == "h ('a', 'b') (3, 5) x paper paper\n"
