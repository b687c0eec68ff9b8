"""Facts from a notebook's stored images: each figure's cell, size, perceptual hash and the call that drew it."""

from __future__ import annotations

import base64
import binascii
import io
from collections.abc import Iterator
from typing import Any

from .model import Call, Figure

RASTER = ("image/png", "image/jpeg", "image/gif")
VECTOR = ("image/svg+xml",)


def stored_images(outputs: list[Any]) -> Iterator[tuple[int, str, bytes]]:
    """(output index, mime, bytes) of each image among a code cell's outputs (one per output: PNG preferred)."""
    for position, output in enumerate(outputs or []):
        data = output.get("data") if hasattr(output, "get") else None
        if not data:
            continue
        for mime in RASTER + VECTOR:
            if mime in data:
                value = data[mime]
                if isinstance(value, list):
                    value = "".join(value)
                if mime in VECTOR:
                    yield position, mime, value.encode()
                else:
                    try:
                        yield position, mime, base64.b64decode(value)
                    except (binascii.Error, ValueError, TypeError):
                        continue
                break


def open_image(raw: bytes):
    """A PIL image, or None when the bytes are not an image Pillow reads."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(raw))
        image.load()
        return image
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def phash(image) -> str:
    """imagehash's perceptual hash (DCT of a 32x32 greyscale) of ``image`` laid on white."""
    import imagehash

    return str(imagehash.phash(_small_flat(image)))


def _small_flat(image, side: int = 64):
    """A small RGB copy on white: phash reads 32x32 anyway, and shrinking first keeps a large figure cheap; a
    transparent PNG's hidden pixels must not decide its hash (Pillow's resize weighs RGBA by alpha)."""
    from PIL import Image

    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    small = image.resize((side, side), Image.Resampling.BOX)
    if small.mode in ("RGBA", "LA"):
        rgba = small.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return small.convert("RGB")


def figures(cells: list[tuple[int, list[Any]]], plots: list[Call]) -> list[Figure]:
    """``cells``: (notebook index, outputs) of each code cell; ``plots``: the plotting calls found in the code."""
    by_cell: dict[int, list[Call]] = {}
    for plot in plots:
        by_cell.setdefault(plot.cell, []).append(plot)
    found = []
    for index, outputs in cells:
        images = list(stored_images(outputs))
        calls = by_cell.get(index, [])
        for number, (position, mime, raw) in enumerate(images):
            width = height = None
            digest = None
            if mime not in VECTOR:
                image = open_image(raw)
                if image is not None:
                    width, height = image.size
                    digest = phash(image)
            # One image per plotting call: pair them in order; otherwise every call of the cell drew it.
            drew = [calls[number]] if len(calls) == len(images) and calls else calls
            found.append(Figure(cell=index, output=position, mime=mime, width=width, height=height, bytes=len(raw),
                                phash=digest, calls=list(dict.fromkeys(c.name for c in drew)),
                                kinds=list(dict.fromkeys(c.kind for c in drew))))
    return found
