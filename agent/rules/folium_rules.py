"""folium: Map.choropleth, deprecated for the Choropleth class in 0.6 and removed later (0.11).

Until 0.5 ``m.choropleth(geo_path=..., data=..., ...)`` added a choropleth layer to the map; 0.5 renamed
geo_path=/geo_str= to geo_data=, 0.6 moved the layer to ``folium.Choropleth`` (the method then only built
one and added it) and the method is gone today ("'Map' object has no attribute 'choropleth'"). The layer
is the same, so the call becomes ``folium.Choropleth(...).add_to(m)`` with the same arguments.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import RuleTransformer, kwarg, rename_kwarg, rule

_GEO_KEYWORDS = ("geo_path", "geo_str")  # both became geo_data (0.5)


@rule(
    "folium-map-choropleth",
    library="folium",
    changed_in="folium 0.6 (deprecated), removed by 0.11",
    rationale="Map.choropleth(...) added a Choropleth layer to the map; the same layer is now built with "
    "folium.Choropleth(...) and added with .add_to(m); geo_path=/geo_str= are geo_data=.",
    kind="error",
    needles=(".choropleth(",),
    signatures=(("AttributeError", r"'Map' object has no attribute 'choropleth'"),),
    examples=(
        ("import folium\nm = folium.Map()\nm.choropleth(geo_data=geo, data=df, key_on='feature.id')",
         "import folium\nm = folium.Map()\nfolium.Choropleth(geo_data=geo, data=df, key_on='feature.id').add_to(m)"),
        ("import folium as fl\nmap1 = fl.Map()\nmap1.choropleth(geo_path='us.json', fill_color='YlGn')",
         "import folium as fl\nmap1 = fl.Map()\nfl.Choropleth(geo_data='us.json', fill_color='YlGn').add_to(map1)"),
        # The method returned None: a call whose result is used is not the same program; leave it.
        ("import folium\nm = folium.Map()\nc = m.choropleth(geo_data=geo)",
         "import folium\nm = folium.Map()\nc = m.choropleth(geo_data=geo)"),
        # plotly express has a choropleth too; without folium imported as a module nothing is touched.
        ("import plotly.express as px\nfig = px.choropleth(df, locations='iso')",
         "import plotly.express as px\nfig = px.choropleth(df, locations='iso')"),
    ),
)
class MapChoropleth(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def _folium(self) -> str | None:
        """The local name of the folium module (``folium``, ``fl``), or None when it is not imported as one."""
        return self.ctx.name_to_write("folium")

    def leave_Expr(self, original, updated):
        call = updated.value
        if not m.matches(call, m.Call(func=m.Attribute(attr=m.Name("choropleth")))):
            return updated
        module = self._folium()
        receiver = call.func.value
        if module is None or m.matches(receiver, m.Name(module)) or not self.spans_error_line(original):
            return updated  # folium.choropleth(...) is not the map method
        new = call
        for old in _GEO_KEYWORDS:
            if kwarg(new, old) is not None and kwarg(new, "geo_data") is None:
                new = rename_kwarg(new, old, "geo_data")
        layer = new.with_changes(func=cst.Attribute(value=cst.Name(module), attr=cst.Name("Choropleth")))
        add_to = cst.Call(func=cst.Attribute(value=layer, attr=cst.Name("add_to")), args=[cst.Arg(receiver)])
        return updated.with_changes(value=add_to)
