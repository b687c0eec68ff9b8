#!/usr/bin/env python3
"""A screenshot of a repair's report.html, drawn by headless Chromium (the whole page).

    python scripts/report_screenshot.py REPORT_DIR OUT.png [--original NB.ipynb] [--html OUT.html] [--width 1280]

REPORT_DIR is what `mlemod repair --out` (or eval's repaired/<competition>/<notebook>/) wrote: report.json
and the repaired notebook. The page is rendered afresh next to OUT.png (REPORT_DIR is only read); the
published figures come from --original, else from the original path the repaired notebook's provenance
records. Exits 1 when the page logged a console error or a refused load, 3 when Chromium is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from mlemodernizer.agent.report_html import chromium, open_page, render_html
    from mlemodernizer.core import RepairReport, load_notebook

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report_dir", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--original", type=Path, help="the published notebook (default: from the provenance)")
    parser.add_argument("--html", type=Path, help="where the page is written (default: OUT.png's name, .html)")
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args(argv)
    if chromium() is None:
        print("chromium is not installed: run scripts/ci-browser.sh (as root)", file=sys.stderr)
        return 3
    report = RepairReport.model_validate_json((args.report_dir / "report.json").read_text())
    repaired = sorted(args.report_dir.glob("*.repaired.ipynb"))
    name = repaired[0].name.removesuffix(".repaired.ipynb") if repaired else args.report_dir.name
    original = args.original
    if original is None and repaired:
        block = json.loads(repaired[0].read_text()).get("metadata", {}).get("mlemodernizer", {})
        recorded = (block.get("provenance") or {}).get("original", {}).get("path")
        original = Path(recorded) if recorded and Path(recorded).is_file() else None
    published = load_notebook(original) if original else None
    if published is None:
        print("no published notebook found: figures are not compared (give --original)", file=sys.stderr)
    html = args.html or args.png.with_suffix(".html")
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text(render_html(name, report, published))
    _, errors = open_page(html, args.png, args.width)
    print(f"{args.png} ({html}); {len(report.attempts)} attempts; "
          f"{'no console errors' if not errors else f'{len(errors)} console errors'}")
    for error in errors:
        print(f"  {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
