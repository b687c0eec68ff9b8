"""Old folium, jinja2 and pyramid-arima imports, repaired by the error-keyed rules (folium-map-choropleth and
the catalogue's module fixes), run in the tabular profile's real kernel."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_error
from support import code_notebook, run_local, stdout

OLD_CODE = code_notebook(
    "from jinja2 import Markup\nfrom pyramid.arima import auto_arima\nimport folium",
    "geo = {'type': 'FeatureCollection', 'features': [{'type': 'Feature', 'id': 'A', 'properties': {},\n"
    "    'geometry': {'type': 'Point', 'coordinates': [0.0, 0.0]}}]}\n"
    "m = folium.Map(location=[0, 0], zoom_start=2)\n"
    "m.choropleth(geo_path=geo, key_on='feature.id', fill_color='YlGn')\n"
    "print(Markup('<b>x</b>'), auto_arima.__name__, sorted(type(c).__name__ for c in m._children.values()))",
)


def test_old_imports_and_map_choropleth_run_after_the_error_rules(tmp_path, apply):
    nb, used = OLD_CODE, set()
    for turn in range(4):  # one error-keyed repair per failure: the two imports, then the choropleth
        result = run_local(nb, tmp_path / f"run{turn}")
        if result.status == "ok":
            break
        bad = result.first_failure
        edits = fix_error(nb, bad.index, bad.error, [])
        assert edits, bad.error.evalue
        used |= {r for e in edits for r in e.rule_ids}
        nb = apply(nb, edits)
    assert result.status == "ok", result.summary()
    assert {"catalogue-module", "folium-map-choropleth"} <= used
    assert stdout(result.cells[1]) == "<b>x</b> auto_arima ['Choropleth', 'TileLayer']\n"
