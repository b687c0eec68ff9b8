"""networkx's one-node info, Pillow's ImageOps blurs and mglearn's make_blobs: removed functions whose old results
today's API computes only with the old defaults or wording, written into the notebook as shims (old_networkx_mglearn.py,
old_pillow.py), each read from the last release that had it.

- networkx 3.0 removed info(); info(G) is networkx-removed-functions' str(G), and info(G, n) was a three-line
  report (1.x to 2.8 wrote the same words: "Node n has the following properties:", "Degree: d", "Neighbors: ..."),
  which the shim writes, raising NetworkXError for a node not in the graph as before.
- Pillow 6.0 removed ImageOps.gaussian_blur / gblur, unsharp_mask / usm and box_blur (deprecated in 4.3). Each ran
  the core blur its ImageFilter class runs, but with other defaults (radius 5.0 where GaussianBlur and
  UnsharpMask take 2): the shims apply the filter with the old defaults filled in.
- mglearn 0.2 removed its make_blobs module, a copy of scikit-learn's generator whose centres default to 2 (3 in
  scikit-learn's): the old function is written out, the same draws (bit for bit against mglearn 0.1.9's).
"""

from __future__ import annotations

import libcst as cst

from . import old_networkx_mglearn, old_pillow
from .framework import kwarg, module_call, positional, rule
from .removed_api import (
    RemovedNames,
    Shims,
    import_signatures,
    names_pattern,
    shim_source,
)


@rule(
    "networkx-info-node",
    library="networkx",
    changed_in="networkx 3.0 (deprecated in 2.7)",
    rationale="info(G, n) returned 'Node n has the following properties:\\nDegree: d\\nNeighbors: ' and the "
    "neighbours joined by spaces (the same text from 1.x to 2.8), and raised NetworkXError for a node not in G: the "
    "report is written into the notebook as a shim taking G and n.",
    pattern=r"\binfo\b",
    gate=lambda ctx, code: "networkx" in ctx.text,
    signatures=(("AttributeError", r"module 'networkx' has no attribute 'info'"),
                ("ImportError", r"cannot import name 'info' from 'networkx'")),
    examples=(
        ("import networkx as nx\nprint(nx.info(G, 'Alice'))\nprint(nx.info(G))",
         "import networkx as nx\n" + shim_source(old_networkx_mglearn.info_node, "info_node")
         + "print(info_node(G, 'Alice'))\nprint(nx.info(G))"),
        ("import networkx\nfor n in hubs:\n    print(networkx.info(G, n=n))",
         "import networkx\n" + shim_source(old_networkx_mglearn.info_node, "info_node")
         + "for n in hubs:\n    print(info_node(G, n))"),
    ),
)
class InfoNode(Shims):
    def leave_Call(self, original, updated):
        # nx.info(...) only: an imported info's import line is networkx-removed-functions' to change
        if not isinstance(updated.func, cst.Attribute) or module_call(updated, self.ctx, "networkx") != "info" \
                or any(a.star for a in updated.args):
            return updated
        given, node = positional(updated), kwarg(updated, "n")
        graph = given[0] if given else kwarg(updated, "G")
        node = node if node is not None else (given[1] if len(given) == 2 else None)
        if graph is None or node is None or len(updated.args) != 2 \
                or (isinstance(node.value, cst.Name) and node.value.value == "None"):  # info(G, None) is info(G)
            return updated
        args = [cst.Arg(graph.value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))), cst.Arg(node.value)]
        return cst.Call(self.need_shim("info_node", old_networkx_mglearn.info_node), args)


_BLURS = {("PIL.ImageOps", "gaussian_blur"): old_pillow.gaussian_blur, ("PIL.ImageOps", "gblur"): old_pillow.gaussian_blur,
          ("PIL.ImageOps", "unsharp_mask"): old_pillow.unsharp_mask, ("PIL.ImageOps", "usm"): old_pillow.unsharp_mask,
          ("PIL.ImageOps", "box_blur"): old_pillow.box_blur}


@rule(
    "pillow-imageops-blurs",
    library="pillow",
    changed_in="Pillow 6.0 (deprecated in 4.3)",
    rationale="ImageOps.gaussian_blur / gblur (radius 5.0 by default), unsharp_mask / usm (5.0, 150, 3) and "
    "box_blur ran the core blurs ImageFilter.GaussianBlur / UnsharpMask / BoxBlur run: each is written into the "
    "notebook as im.filter of that class with the old defaults (the classes' own radius default is 2).",
    pattern=names_pattern(_BLURS),
    gate=lambda ctx, code: "PIL" in ctx.text,
    signatures=import_signatures(_BLURS),
    examples=(
        ("from PIL import Image, ImageOps\nsoft = ImageOps.gaussian_blur(img)\nsharp = ImageOps.usm(img, 2)",
         "from PIL import Image, ImageOps\n" + shim_source(old_pillow.gaussian_blur, "gaussian_blur")
         + "soft = gaussian_blur(img)\n" + shim_source(old_pillow.unsharp_mask, "usm") + "sharp = usm(img, 2)"),
        ("from PIL.ImageOps import box_blur, grayscale\nb = box_blur(grayscale(im), 3)",
         "from PIL.ImageOps import grayscale\n" + shim_source(old_pillow.box_blur, "box_blur")
         + "b = box_blur(grayscale(im), 3)"),
    ),
)
class ImageOpsBlurs(RemovedNames):
    TABLE = _BLURS


_BLOBS = {("mglearn.make_blobs", "make_blobs"): old_networkx_mglearn.make_blobs}


@rule(
    "mglearn-make-blobs-module",
    library="mglearn",
    changed_in="mglearn 0.2 (deprecated in 0.1.7)",
    rationale="mglearn.make_blobs.make_blobs was scikit-learn's blob generator with centers=2 by default "
    "(scikit-learn's makes 3): the old function is written into the notebook, drawing the same points for a seed.",
    pattern=r"make_blobs",
    gate=lambda ctx, code: "mglearn" in ctx.text,
    signatures=(("ModuleNotFoundError", r"No module named 'mglearn\.make_blobs'"),
                ("AttributeError", r"module 'mglearn' has no attribute 'make_blobs'")),
    examples=(
        ("import mglearn\nfrom mglearn.make_blobs import make_blobs\nX, y = make_blobs(random_state=0)",
         "import mglearn\n" + shim_source(old_networkx_mglearn.make_blobs, "make_blobs") + "X, y = make_blobs(random_state=0)"),
        ("import mglearn\nX, y = mglearn.make_blobs.make_blobs(n_samples=50, random_state=4)",
         "import mglearn\n" + shim_source(old_networkx_mglearn.make_blobs, "make_blobs")
         + "X, y = make_blobs(n_samples=50, random_state=4)"),
    ),
)
class MakeBlobsModule(RemovedNames):
    TABLE = _BLOBS
