"""Shapely 2.0: multi-part geometries are no longer sequences.

Shapely 1.x let code iterate a MultiPolygon (``for poly in shape``), take its ``len`` and index it
(``shape[0]``); 1.8 deprecated that and 2.0 removed it. The parts are ``shape.geoms``, in the same order, so the
rewrite reads the same polygons. Which expression of the failing statement is the multi-part geometry is only
known from the error's kind (iterated, measured, indexed), so the rule acts when the statement has one
expression used that way.

The renames of shapely and geopandas (``cascaded_union``, ``sjoin(op=)``) are the catalogue's generic fixes.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from .framework import Context, code_of, parenthesized, rule, statement_span

_MULTIPART = r"'(Multi(Polygon|Point|LineString)|GeometryCollection)'"


@rule(
    "shapely-multipart-geoms",
    library="shapely",
    changed_in="shapely 2.0",
    rationale="Shapely 2.0 removed iteration, len() and indexing of multi-part geometries (deprecated in 1.8); "
    "their parts, in the same order, are .geoms.",
    kind="error",
    signatures=(("TypeError", rf"{_MULTIPART} object is not (iterable|subscriptable)"),
                ("TypeError", rf"object of type {_MULTIPART} has no len\(\)")),
    examples=(
        ("for poly in country.geometry:\n    plot(poly)", "for poly in country.geometry.geoms:\n    plot(poly)"),
        ("areas = [p.area for p in shape]", "areas = [p.area for p in shape.geoms]"),
        ("n = len(geom)", "n = len(geom.geoms)"),
        ("first = mp[0].exterior", "first = mp.geoms[0].exterior"),
        ("x = gdf.geometry.iloc[3][0].centroid.x", "x = gdf.geometry.iloc[3].geoms[0].centroid.x"),
        ("parts = list(a | b)", "parts = list((a | b).geoms)"),
        ("for x, y in zip(xs, ys):\n    pass", "for x, y in zip(xs, ys):\n    pass"),
        ("n = len(p) + s[0]", "n = len(p) + s[0]"),  # one measured, one indexed: with no error, which is not said
    ),
)
def multipart_geoms(module: cst.Module, ctx: Context) -> cst.Module:
    error = ctx.error.evalue if ctx.error is not None else ""
    kinds = {kind for kind, word in _KINDS if word in error} or {kind for kind, _ in _KINDS}
    wrapper = MetadataWrapper(module)
    span = statement_span(module.code, ctx.error_line) if ctx.error_line is not None else None
    finder = _Candidates(kinds, wrapper.resolve(PositionProvider), span)
    wrapper.module.visit(finder)
    # gdf.geometry[0][0]: in a chain of indexes the last one failed (a polygon was never indexable either)
    found = {code: nodes for code, nodes in finder.found.items()
             if not any(other.startswith(code) and other[len(code):][:1] in ("[", ".") for other in finder.found)}
    if len(found) != 1:
        return module  # none, or several expressions used that way: which one is the geometry is not said
    (chosen,) = found.values()
    return wrapper.module.visit(_Geoms({id(node) for node in chosen}))


_KINDS = (("iterated", "iterable"), ("indexed", "subscriptable"), ("measured", "len()"))
# calls whose result is iterated, not a geometry: their arguments are looked at instead
_PRODUCERS = {"zip", "enumerate", "range", "map", "filter", "reversed", "sorted", "list", "tuple", "iter", "set"}


class _Candidates(cst.CSTVisitor):
    """The expressions of the failing statement (of every statement without a line) that are iterated, indexed
    or measured, by their code."""

    def __init__(self, kinds: set[str], positions, span: tuple[int, int] | None) -> None:
        self.kinds, self.positions, self.span = kinds, positions, span
        self.found: dict[str, list[cst.CSTNode]] = {}

    def _add(self, kind: str, node: cst.BaseExpression) -> None:
        if kind not in self.kinds or isinstance(node, _LITERALS) or (
                isinstance(node, cst.Attribute) and node.attr.value == "geoms"):
            return  # a literal, or the parts already
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in _PRODUCERS:
            return
        if self.span is not None and not self.span[0] <= self.positions[node].start.line <= self.span[1]:
            return
        self.found.setdefault(code_of(node), []).append(node)

    def visit_For(self, node):
        self._add("iterated", node.iter)

    def visit_CompFor(self, node):
        self._add("iterated", node.iter)

    def visit_Call(self, node):
        name = node.func.value if isinstance(node.func, cst.Name) else None
        args = [a for a in node.args if a.keyword is None and not a.star]
        if name == "len" and len(args) == 1:
            self._add("measured", args[0].value)
        elif name in _PRODUCERS and len(args) == 1:  # zip(a, b) of several: which one is not said
            self._add("iterated", args[0].value)

    def visit_Subscript(self, node):
        # parts are indexed by position: not a column (row['geometry']) nor pandas' indexers (gdf.geometry.iloc)
        indexer = isinstance(node.value, cst.Attribute) and node.value.attr.value in ("iloc", "loc", "at", "iat")
        if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) and not indexer and \
                not isinstance(node.slice[0].slice.value, cst.BaseString):
            self._add("indexed", node.value)


_LITERALS = (cst.List, cst.Tuple, cst.Set, cst.Dict, cst.BaseNumber, cst.BaseString, cst.ListComp, cst.GeneratorExp,
             cst.SetComp, cst.DictComp)


class _Geoms(cst.CSTTransformer):
    def __init__(self, chosen: set[int]) -> None:
        super().__init__()
        self.chosen = chosen

    def on_leave(self, original_node, updated_node):
        if id(original_node) not in self.chosen:
            return updated_node
        return cst.Attribute(parenthesized(updated_node), cst.Name("geoms"))
