"""openpyxl 2.4-3.1: the workbook and worksheet helpers that became properties, subscripts and keywords.

Each removed helper was a thin wrapper over what replaced it, so the rewrite reads the same cells:
``wb.get_active_sheet()`` is ``wb.active``, ``ws.get_highest_row()`` ``ws.max_row``, ``ws.range('A1:C3')`` and
``ws.cell('B2')`` are subscripts, ``get_squared_range(c1, r1, c2, r2)`` is ``iter_rows`` with the bounds named,
and ``ws.merged_cell_ranges`` (a property that now fails on every read) is ``ws.merged_cells.ranges``. The
names only openpyxl ever had are rewritten wherever a notebook that imports openpyxl writes them; the spellings
other objects share (``.rows[0]``, ``.cell(...)``, ``.column``, ``create_sheet(0, 'name')``) only on the line
that failed with openpyxl's error.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from .framework import (
    RuleTransformer,
    code_of,
    kwarg,
    make_arg,
    names_bound_to,
    parenthesized,
    positional,
    rule,
    string_value,
)
from .removed_api import RemovedNames, import_signatures, names_pattern, shim_source

_PROPERTIES = {"get_active_sheet": "active", "get_highest_row": "max_row", "get_highest_column": "max_column"}
_SQUARED = ("min_col", "min_row", "max_col", "max_row")  # get_squared_range's positional order
# 'A1:C3': ws['A1:C3'] is its rows of cells, as range() and iter_rows() gave; 'A:C' would be columns
_CELL_RANGE = re.compile(r"^\$?[A-Za-z]{1,3}\$?\d+:\$?[A-Za-z]{1,3}\$?\d+$")


def _cell_range(node: cst.BaseExpression | None) -> bool:
    return node is not None and _CELL_RANGE.match(string_value(node) or "") is not None


@rule(
    "openpyxl-removed-api",
    library="openpyxl",
    changed_in="openpyxl 2.4-3.1",
    rationale="the removed workbook and worksheet helpers were wrappers over what replaced them: "
    "get_active_sheet() -> active, get_highest_row()/get_highest_column() -> max_row/max_column, "
    "range('A1:C3') and cell('B2') -> ws['A1:C3'] / ws['B2'], get_squared_range(c1, r1, c2, r2) -> "
    "iter_rows(min_col=c1, ...), merged_cell_ranges -> merged_cells.ranges, rows/columns (generators now) "
    "subscripted through list(), cell.column (an int now) as a column_dimensions key -> column_letter, "
    "create_sheet(index, title) -> create_sheet(title, index), show_gridlines = x -> sheet_view.showGridLines.",
    needles=(*_PROPERTIES, "get_squared_range", "merged_cell_ranges", "range(", "cell(", "rows[", "columns[",
             "column_dimensions", "create_sheet(", "show_gridlines", "iter_rows("),
    gate=lambda ctx, code: "openpyxl" in ctx.text,
    signatures=(
        ("AttributeError", r"'(Workbook|Worksheet)' object has no attribute '(get_active_sheet|get_highest_row|"
                           r"get_highest_column|range|get_squared_range)'|property 'show_gridlines' of 'Worksheet'"),
        ("TypeError", r"missing 1 required positional argument: 'column'|unexpected keyword argument 'coordinate'|"
                      r"'generator' object is not subscriptable|'set' object is not subscriptable|"
                      r"'str' object cannot be interpreted as an integer|index should be <class 'str'> but value is "
                      r"<class 'int'>"),
    ),
    examples=(
        ("import openpyxl\nwb = openpyxl.load_workbook(p)\nws = wb.get_active_sheet()\n"
         "n, k = ws.get_highest_row(), ws.get_highest_column()\nblock = ws.range('A1:C3')\n"
         "for r in ws.get_squared_range(1, 2, 3, n):\n    pass\nfor rng in ws.merged_cell_ranges:\n    pass",
         "import openpyxl\nwb = openpyxl.load_workbook(p)\nws = wb.active\n"
         "n, k = ws.max_row, ws.max_column\nblock = ws['A1:C3']\n"
         "for r in ws.iter_rows(min_col=1, min_row=2, max_col=3, max_row=n):\n    pass\n"
         "for rng in list(ws.merged_cells.ranges):\n    pass"),
        ("import openpyxl\nv = ws.cell('B2').value\nw = ws.cell(coordinate=c).value\nws.show_gridlines = False",
         "import openpyxl\nv = ws['B2'].value\nw = ws[c].value\nws.sheet_view.showGridLines = False"),
        # the shared spellings: only on the failing line (none here)
        ("import openpyxl\nfirst = ws.columns[0]\ncols = df.columns[0]\nsheet = wb.create_sheet(0, 'New')",
         "import openpyxl\nfirst = ws.columns[0]\ncols = df.columns[0]\nsheet = wb.create_sheet(0, 'New')"),
    ),
)
class OpenpyxlRemoved(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def leave_Call(self, original, updated):
        func = updated.func
        if not isinstance(func, cst.Attribute):
            return updated
        name, owner, pos = func.attr.value, func.value, positional(updated)
        if name in _PROPERTIES and not updated.args:
            return cst.Attribute(owner, cst.Name(_PROPERTIES[name]))
        if name == "get_squared_range" and len(pos) == 4 and len(updated.args) == 4:
            return updated.with_changes(func=func.with_changes(attr=cst.Name("iter_rows")), args=[
                make_arg(k, a.value).with_changes(comma=a.comma) for k, a in zip(_SQUARED, updated.args)])
        single = pos[0].value if len(pos) == 1 and len(updated.args) == 1 else None
        if name == "range" and _cell_range(single):
            return cst.Subscript(owner, [cst.SubscriptElement(cst.Index(single))])
        if name == "cell" and len(updated.args) == 1:
            coordinate = kwarg(updated, "coordinate")
            value = coordinate.value if coordinate is not None else (
                single if string_value(single) is not None or self.on_own_error_line(original) else None)
            if value is not None:
                return cst.Subscript(owner, [cst.SubscriptElement(cst.Index(value))])
        if name == "iter_rows" and _cell_range(single) and self.on_own_error_line(original):
            return cst.Subscript(owner, [cst.SubscriptElement(cst.Index(single))])  # the same rows of cells
        if name == "create_sheet" and len(pos) == 2 and isinstance(pos[0].value, cst.Integer) \
                and self.on_own_error_line(original):
            return updated.with_changes(args=[pos[1].with_changes(comma=pos[0].comma),
                                              pos[0].with_changes(comma=pos[1].comma)])
        return updated

    def leave_Attribute(self, original, updated):
        if updated.attr.value == "merged_cell_ranges":
            ranges = cst.Attribute(cst.Attribute(updated.value, cst.Name("merged_cells")), cst.Name("ranges"))
            return cst.Call(cst.Name("list"), [cst.Arg(ranges)])
        return updated

    def leave_Subscript(self, original, updated):
        if not self.on_own_error_line(original):
            return updated
        value = updated.value
        # ws.columns[0] / ws.rows[0]: the generators of openpyxl 2.4+ listed where they are indexed
        if m.matches(value, m.Attribute(attr=m.Name("rows") | m.Name("columns"))):
            return updated.with_changes(value=cst.Call(cst.Name("list"), [cst.Arg(value)]))
        # ws.column_dimensions[cell.column]: the key is the letter
        if m.matches(value, m.Attribute(attr=m.Name("column_dimensions"))) and len(updated.slice) == 1:
            index = updated.slice[0].slice
            if isinstance(index, cst.Index) and m.matches(index.value, m.Attribute(attr=m.Name("column"))):
                letter = index.value.with_changes(attr=cst.Name("column_letter"))
                return updated.with_changes(slice=[updated.slice[0].with_changes(slice=cst.Index(letter))])
        return updated

    def leave_Assign(self, original, updated):
        target = updated.targets[0].target if len(updated.targets) == 1 else None
        if m.matches(target, m.Attribute(attr=m.Name("show_gridlines"))):
            view = cst.parse_expression(f"{code_of(target.value)}.sheet_view.showGridLines")
            return updated.with_changes(targets=[updated.targets[0].with_changes(target=view)])
        return updated


# openpyxl 2.2-3.0's named colours, entries of colors.COLOR_INDEX (which stays): 3.0.4 kept BLACK, WHITE and BLUE.
# DARKRED and DARKGREEN were indexes 8 and 9, black and white: what the names gave is what is kept.
_COLOR_INDEXES = {"RED": 2, "GREEN": 3, "YELLOW": 5, "DARKRED": 8, "DARKGREEN": 9, "DARKBLUE": 12, "DARKYELLOW": 19}
_COLOR_VALUES = ("00000000", "00FFFFFF", "00FF0000", "0000FF00", "000000FF", "00FFFF00", "00FF00FF", "0000FFFF",
                 "00000000", "00FFFFFF", "00FF0000", "0000FF00", "000000FF", "00FFFF00", "00FF00FF", "0000FFFF",
                 "00800000", "00008000", "00000080", "00808000")  # COLOR_INDEX[:20], for an imported name

_SAVE_VIRTUAL_WORKBOOK = '''
def save_virtual_workbook(workbook):
    """The workbook's .xlsx file as bytes (openpyxl < 3.1's helper): saved into memory."""
    import io
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
'''
_REMOVED_NAMES = {
    **{("openpyxl.styles.colors", name): f"{name} = {_COLOR_VALUES[i]!r}  # colors.COLOR_INDEX[{i}]"
       for name, i in _COLOR_INDEXES.items()},
    ("openpyxl.writer.excel", "save_virtual_workbook"): _SAVE_VIRTUAL_WORKBOOK,
}


@rule(
    "openpyxl-removed-names",
    library="openpyxl",
    changed_in="openpyxl 3.0.4 (colors.RED, GREEN, YELLOW, DARK*), 3.1 (writer.excel.save_virtual_workbook)",
    rationale="the named colours were entries of colors.COLOR_INDEX, which stays: colors.RED is "
    "colors.COLOR_INDEX[2] (an imported name becomes that aRGB string); save_virtual_workbook(wb) saved the "
    "workbook into memory and returned the bytes, which wb.save(io.BytesIO()) and getvalue() do.",
    pattern=names_pattern(_REMOVED_NAMES),
    gate=lambda ctx, code: "openpyxl" in ctx.text,
    signatures=import_signatures(_REMOVED_NAMES),
    examples=(
        ("from openpyxl.styles import Font, colors\nfont = Font(color=colors.RED)\nfill = colors.DARKBLUE",
         "from openpyxl.styles import Font, colors\nfont = Font(color=colors.COLOR_INDEX[2])\n"
         "fill = colors.COLOR_INDEX[12]"),
        ("from openpyxl.styles.colors import BLUE, RED as R\nfrom openpyxl.writer.excel import save_virtual_workbook\n"
         "data = save_virtual_workbook(wb)",
         "from openpyxl.styles.colors import BLUE\nR = '00FF0000'  # colors.COLOR_INDEX[2]\n"
         + shim_source(_SAVE_VIRTUAL_WORKBOOK, "save_virtual_workbook") + "data = save_virtual_workbook(wb)"),
        # BLUE stays; matplotlib's colors has no RED
        ("import openpyxl\nimport matplotlib.colors as colors\nc = openpyxl.styles.colors.BLUE\nd = colors.RED",
         "import openpyxl\nimport matplotlib.colors as colors\nc = openpyxl.styles.colors.BLUE\nd = colors.RED"),
    ),
)
class OpenpyxlRemovedNames(RemovedNames):
    TABLE = _REMOVED_NAMES

    def leave_Attribute(self, original, updated):
        found = self.entry(original)
        if found is not None and found[0][1] in _COLOR_INDEXES:  # read from the table the module still has
            index = cst.Integer(str(_COLOR_INDEXES[found[0][1]]))
            return cst.Subscript(cst.Attribute(updated.value, cst.Name("COLOR_INDEX")),
                                 [cst.SubscriptElement(cst.Index(index))])
        return super().leave_Attribute(original, updated)


@rule(
    "openpyxl-image-anchor",
    library="openpyxl",
    changed_in="openpyxl 2.5",
    rationale="Image.anchor(cell) placed the image at the cell, which ws.add_image(img) then used; anchor is now "
    "the attribute holding that cell's coordinate, so the call becomes img.anchor = cell.coordinate (anchortype "
    "goes: both of 2.4's types put the image's corner on the cell). Where the image is a name bound to Image(...) "
    "wherever the notebook writes it, elsewhere on the line that failed calling the coordinate.",
    needles=(".anchor(",),
    gate=lambda ctx, code: "openpyxl" in ctx.text,
    signatures=(("TypeError", r"^'str' object is not callable$"),),
    examples=(
        ("from openpyxl.drawing.image import Image\nimg = Image('plot.png')\nimg.anchor(ws['B2'])\nws.add_image(img)",
         "from openpyxl.drawing.image import Image\nimg = Image('plot.png')\nimg.anchor = ws['B2'].coordinate\n"
         "ws.add_image(img)"),
        ("import openpyxl\nlogo = openpyxl.drawing.image.Image(p)\nlogo.anchor(ws.cell('A1'), anchortype='oneCell')",
         "import openpyxl\nlogo = openpyxl.drawing.image.Image(p)\nlogo.anchor = ws.cell('A1').coordinate"),
        ("import openpyxl\nwidget.anchor(cell)", "import openpyxl\nwidget.anchor(cell)"),
    ),
)
class ImageAnchor(RuleTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.images = names_bound_to(ctx.text, ["Image"])

    def leave_SimpleStatementLine(self, original, updated):
        call = updated.body[0].value if len(updated.body) == 1 and isinstance(updated.body[0], cst.Expr) else None
        if not (isinstance(call, cst.Call) and m.matches(call.func, m.Attribute(attr=m.Name("anchor")))):
            return updated
        pos = positional(call)
        if len(pos) != 1 or any(a.keyword and a.keyword.value != "anchortype" for a in call.args):
            return updated
        image = call.func.value
        if not ((isinstance(image, cst.Name) and image.value in self.images) or self.on_own_error_line(original)):
            return updated
        coordinate = cst.Attribute(parenthesized(pos[0].value), cst.Name("coordinate"))
        target = cst.AssignTarget(cst.Attribute(image, cst.Name("anchor")))
        return updated.with_changes(body=[cst.Assign([target], coordinate)])
