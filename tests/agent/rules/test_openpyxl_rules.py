"""openpyxl code of 2016 against openpyxl 3.1 in a real kernel: the static pass renames the helpers only
openpyxl had, the error-keyed pass the spellings it shares (rows[0], create_sheet(0, 'name')) on the failing
line; the cells read are the ones the author read."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from support import code_notebook, stdout

OLD = code_notebook(
    "import os, tempfile\nimport openpyxl\nwb = openpyxl.Workbook()\nws = wb.get_active_sheet()\n"
    "for r in range(1, 4):\n    for c in range(1, 4):\n        ws.cell(row=r, column=c, value=r * 10 + c)\n"
    "ws.merge_cells('A5:B5')\npath = os.path.join(tempfile.mkdtemp(), 'book.xlsx')\nwb.save(path)",
    "wb = openpyxl.load_workbook(path)\nws = wb.get_active_sheet()\n"
    "print(ws.get_highest_row(), ws.get_highest_column(), ws.cell('B2').value)\n"
    "print([[c.value for c in row] for row in ws.range('A1:B2')])\n"
    "print([[c.value for c in row] for row in ws.get_squared_range(2, 2, 3, 3)])\n"
    "print([str(r) for r in ws.merged_cell_ranges])",
    "print([c.value for c in ws.columns[0]])\nsheet = wb.create_sheet(0, 'Summary')\nprint(wb.sheetnames)",
)


def test_old_openpyxl_reads_the_same_cells(apply, run_repaired):
    edits = fix_static(OLD)
    assert {e.cell for e in edits if "openpyxl-removed-api" in e.rule_ids} == {0, 1}
    record: list = []
    printed = run_repaired(apply(OLD, edits), attempts=4, record=record)
    assert [(cell, e.origin) for cell, e in record] == [(2, "rule:openpyxl-removed-api")] * 2
    assert printed[1] == "5 3 22\n[[11, 12], [21, 22]]\n[[22, 23], [32, 33]]\n['A5:B5']\n"
    assert printed[2] == "[11, 21, 31, None, None]\n['Summary', 'Sheet']\n"


NAMES = code_notebook(
    "import os, tempfile\nimport openpyxl\nfrom PIL import Image as PILImage\n"
    "from openpyxl.drawing.image import Image\n"
    "png = os.path.join(tempfile.mkdtemp(), 'i.png')\nPILImage.new('RGB', (2, 2)).save(png)",
    "from openpyxl.styles import Font, colors\nfrom openpyxl.styles.colors import RED\n"
    "from openpyxl.writer.excel import save_virtual_workbook\nwb = openpyxl.Workbook()\nws = wb.active\n"
    "ws['A1'].font = Font(color=colors.DARKYELLOW)\nimg = Image(png)\nimg.anchor(ws['C3'])\nws.add_image(img)\n"
    "data = save_virtual_workbook(wb)\nprint(RED, ws['A1'].font.color.rgb, img.anchor, data[:2])",
)


def test_old_openpyxl_names_give_the_same_values(fails_then_runs):
    after = fails_then_runs(NAMES, 1, "RED", {"openpyxl-removed-names", "openpyxl-image-anchor"})
    assert stdout(after.cells[1]) == "00FF0000 00808000 C3 b'PK'\n"
