"""Shapely 1.x code over a GeoDataFrame's multi-part geometries (geo_rules.py) and geopandas 0.x calls (the
catalogue's generic fixes), repaired and run in the tabular profile's real kernel: each cell prints what the old
code computed."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook

OLD = code_notebook(
    "import geopandas as gpd\nfrom shapely.geometry import MultiPolygon, Polygon, Point\n"
    "from shapely.ops import cascaded_union\n"
    "def square(x, size):\n    return Polygon([(x, 0), (x + size, 0), (x + size, size), (x, size)])\n"
    "gdf = gpd.GeoDataFrame({'name': ['a', 'b']}, geometry=[MultiPolygon([square(0, 1), square(5, 2)]),\n"
    "                                                      MultiPolygon([square(10, 3)])])",
    "for geom in gdf.geometry:\n    print([part.area for part in geom])",
    "print([len(row['geometry']) for _, row in gdf.iterrows()], gdf.geometry.iloc[0][1].bounds)",
    "points = gpd.GeoDataFrame({'p': [1, 2]}, geometry=[Point(0.5, 0.5), Point(20, 20)])\n"
    "joined = gpd.sjoin(points, gdf, how='left', op='within')\n"
    "print(joined['name'].tolist(), round(cascaded_union(list(gdf.geometry)).area, 1))",
)


def test_shapely_1_code_runs_on_shapely_2(run_repaired, apply):
    fixed = apply(OLD, fix_static(OLD))
    record: list = []
    printed = run_repaired(fixed, 6, record)
    assert {rule for _, e in record for rule in e.rule_ids} >= {"shapely-multipart-geoms", "catalogue-keyword"}
    assert printed[1] == "[1.0, 4.0]\n[9.0]\n"
    assert printed[2] == "[2, 1] (5.0, 0.0, 7.0, 2.0)\n"
    assert printed[3] == "['a', nan] 14.0\n"
