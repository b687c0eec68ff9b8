"""Stored figures against reproduced ones: does the repaired notebook still show what it showed?

Each image a published cell stored is paired with the image at the same position
among the reproduced outputs of the same cell (cell indices survive repairs: edits
replace a cell's source, they do not move cells). A pair is scored twice:

- the perceptual-hash distance (``imagehash.phash``, 64 bits, of each image laid on
  white): 0-2 for the same plot redrawn at another size or DPI, 16 and more for the
  same kind of plot of other data;
- SSIM (``skimage.metrics.structural_similarity``) of the two greyscale images at the
  published image's size (at most 384 pixels on the longer side): 1.0 identical,
  about 0.95 for the same plot at another DPI, 0.7-0.9 for other data.

A pair is the same when both agree (distance <= ``SAME_DISTANCE`` and SSIM >=
``SAME_SSIM``). SSIM compares pixels at the same place, so it only speaks when the
two images have the same shape: the same plot drawn at another figure size (a
default that changed, ``figsize`` of another backend) lays its axes out anew, and
SSIM falls to 0.6 while the hash stays within a few bits. When the aspect ratios
differ by more than ``SAME_ASPECT``, the hash alone decides. The verdict names what changed: "2 of 9 figures differ", "1 of 9
figures missing (the cell drew none or did not run)".
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from ..core import Notebook, RunResult
from .images import VECTOR, open_image, phash, stored_images

SAME_DISTANCE = 10  # phash bits that may differ for the same figure (resampling, antialiasing, fonts)
SAME_SSIM = 0.90  # structural similarity at or above which the same figure is the same
SSIM_SIDE = 384  # longer side the two images are compared at
SAME_ASPECT = 0.03  # relative difference of width/height beyond which SSIM is not comparable

Verdict = Literal["same", "differs", "missing", "extra", "unreadable"]


class FigureSide(BaseModel):
    output: int  # index among the cell's outputs
    mime: str
    width: int | None = None
    height: int | None = None
    phash: str | None = None


class FigurePair(BaseModel):
    cell: int
    position: int  # the n-th image of the cell (0-based)
    published: FigureSide | None = None
    reproduced: FigureSide | None = None
    phash_distance: int | None = None  # 0..64
    ssim: float | None = None  # -1..1, 1 identical
    verdict: Verdict


class FigureComparison(BaseModel):
    """Every stored figure of a published notebook against the reproduced figure of the same cell."""

    pairs: list[FigurePair] = Field(default_factory=list)
    published: int = 0  # stored figures
    same: int = 0
    differ: int = 0
    missing: int = 0  # stored, but the reproduced cell drew none (or did not run)
    extra: int = 0  # reproduced figures the published notebook did not store
    unreadable: int = 0  # an image Pillow could not read, or a vector image (compared by text only)
    verdict: str = ""

    @property
    def changed(self) -> bool:
        """Whether any stored figure is not reproduced as it was."""
        return bool(self.differ or self.missing or self.unreadable)


def compare_figures(published: Notebook, reproduced_outputs: Any) -> FigureComparison:
    """Compare ``published``'s stored figures with ``reproduced_outputs``: the run's output notebook (a
    ``Notebook``), its ``RunResult``, or a mapping cell index -> that cell's outputs."""
    reproduced = _outputs_by_cell(reproduced_outputs)
    comparison = FigureComparison()
    for index, cell in enumerate(published.cells):
        if cell.cell_type != "code":
            continue
        before = list(stored_images(cell.get("outputs", [])))
        after = list(stored_images(reproduced.get(index, [])))
        for position in range(max(len(before), len(after))):
            old = before[position] if position < len(before) else None
            new = after[position] if position < len(after) else None
            comparison.pairs.append(_pair(index, position, old, new))
    for pair in comparison.pairs:
        if pair.verdict == "same":
            comparison.same += 1
        elif pair.verdict == "differs":
            comparison.differ += 1
        elif pair.verdict == "missing":
            comparison.missing += 1
        elif pair.verdict == "extra":
            comparison.extra += 1
        else:
            comparison.unreadable += 1
    comparison.published = sum(1 for p in comparison.pairs if p.published is not None)
    comparison.verdict = _verdict(comparison)
    return comparison


def _outputs_by_cell(reproduced: Any) -> dict[int, list]:
    if isinstance(reproduced, Notebook):
        return {i: c.get("outputs", []) for i, c in enumerate(reproduced.cells) if c.cell_type == "code"}
    if isinstance(reproduced, RunResult):
        return {c.index: c.outputs for c in reproduced.cells}
    if isinstance(reproduced, dict):
        return {int(k): v for k, v in reproduced.items()}
    raise TypeError(f"reproduced outputs must be a Notebook, a RunResult or a dict, not {type(reproduced).__name__}")


def _side(found: tuple[int, str, bytes], image) -> FigureSide:
    position, mime, _ = found
    return FigureSide(output=position, mime=mime, width=image.size[0] if image else None,
                      height=image.size[1] if image else None, phash=phash(image) if image else None)


def _pair(cell: int, position: int, old: tuple | None, new: tuple | None) -> FigurePair:
    old_image = _image(old)
    identical = old is not None and new is not None and old[1:] == new[1:]
    new_image = old_image if identical else _image(new)
    pair = FigurePair(cell=cell, position=position, verdict="same",
                      published=_side(old, old_image) if old else None,
                      reproduced=_side(new, new_image) if new else None)
    if identical and old_image is not None:
        pair.phash_distance, pair.ssim = 0, 1.0  # the same bytes: nothing to measure
    elif old is None:
        pair.verdict = "extra"
    elif new is None:
        pair.verdict = "missing"
    elif old_image is None or new_image is None:
        # vector images (SVG) and unreadable bytes: equal text is the same figure, anything else is unknown
        pair.verdict = "same" if old[1] == new[1] and old[2] == new[2] else "unreadable"
    else:
        import imagehash

        pair.phash_distance = int(imagehash.hex_to_hash(pair.published.phash)
                                  - imagehash.hex_to_hash(pair.reproduced.phash))
        pair.ssim = round(ssim(old_image, new_image), 4)
        same = pair.phash_distance <= SAME_DISTANCE and (pair.ssim >= SAME_SSIM or not same_shape(old_image, new_image))
        pair.verdict = "same" if same else "differs"
    return pair


def _image(found: tuple | None):
    if found is None or found[1] in VECTOR:
        return None
    return open_image(found[2])


def same_shape(a, b) -> bool:
    """Whether two images have the same aspect ratio (within ``SAME_ASPECT``): SSIM is comparable."""
    ratio_a, ratio_b = a.size[0] / max(1, a.size[1]), b.size[0] / max(1, b.size[1])
    return abs(ratio_a - ratio_b) <= SAME_ASPECT * ratio_a


def ssim(a, b) -> float:
    """Structural similarity of two PIL images, greyscale on white, at ``a``'s size (longer side capped)."""
    import numpy as np
    from skimage.metrics import structural_similarity

    width, height = a.size
    scale = min(1.0, SSIM_SIDE / max(width, height))
    size = (max(7, round(width * scale)), max(7, round(height * scale)))  # SSIM's window is 7x7
    left, right = (np.asarray(_grey(image, size), dtype=np.float64) for image in (a, b))
    return float(structural_similarity(left, right, data_range=255.0))


def _grey(image, size):
    from PIL import Image

    # shrink first (Pillow weighs RGBA by alpha when resampling), then lay on white: cheap for large figures
    small = (image if image.mode in ("RGBA", "RGB", "L") else image.convert("RGBA")).resize(size, Image.Resampling.BOX)
    if small.mode != "RGBA":
        return small.convert("L")
    background = Image.new("RGBA", small.size, (255, 255, 255, 255))
    return Image.alpha_composite(background, small).convert("L")


def _verdict(c: FigureComparison) -> str:
    if not c.published and not c.extra:
        return "no stored figures"
    if not c.published:
        return f"no stored figures; the run drew {c.extra}"
    parts = []
    if c.differ:
        parts.append(f"{c.differ} of {c.published} figures differ")
    if c.missing:
        parts.append(f"{c.missing} of {c.published} figures missing (the cell drew none or did not run)")
    if c.unreadable:
        parts.append(f"{c.unreadable} of {c.published} figures not comparable")
    if not parts:
        parts.append(f"all {c.published} figures reproduced" if c.published > 1 else "the figure reproduced")
    if c.extra:
        parts.append(f"{c.extra} new")
    return "; ".join(parts)


def side_by_side_bytes(published: Notebook, reproduced_outputs: Any, pair: FigurePair) -> tuple[bytes | None,
                                                                                                bytes | None]:
    """The raw images of ``pair`` (published, reproduced), for a report that shows them side by side."""
    reproduced = _outputs_by_cell(reproduced_outputs)
    before = list(stored_images(published.cells[pair.cell].get("outputs", [])))
    after = list(stored_images(reproduced.get(pair.cell, [])))
    return (before[pair.position][2] if pair.position < len(before) else None,
            after[pair.position][2] if pair.position < len(after) else None)


__all__ = ["FigureComparison", "FigurePair", "FigureSide", "compare_figures", "side_by_side_bytes", "ssim",
           "SAME_DISTANCE", "SAME_SSIM"]
