"""Old Pillow, OpenCV, scikit-image and h5py code, repaired by the static pass and the error-keyed rules, run in
the tabular profile's real kernel (Pillow 13, OpenCV 5, scikit-image 0.26, h5py 3)."""

from __future__ import annotations

from mlemodernizer.agent.rules import fix_static
from mlemodernizer.agent.rules.pillow_opencv_rules import CV_RENAMED
from support import code_notebook, run_local

OLD = code_notebook(
    "import os, tempfile\nimport numpy as np\nimport cv2\nimport h5py\nfrom PIL import Image, ImageDraw, ImageFont\n"
    "from skimage import feature, transform\nfrom skimage.measure import compare_ssim, compare_psnr",
    # Pillow 9: ANTIALIAS, textsize / getsize, tostring
    "im = Image.fromarray(np.arange(64, dtype=np.uint8).reshape(8, 8))\nsmall = im.resize((4, 4), Image.ANTIALIAS)\n"
    "font = ImageFont.load_default()\ndraw = ImageDraw.Draw(im)\nw, h = draw.textsize('Hi', font=font)\n"
    "fw, fh = font.getsize('Hi')\n"
    "print(np.asarray(small).tolist() == np.asarray(im.resize((4, 4), Image.LANCZOS)).tolist(), (w, h) == (fw, fh),\n"
    "      (fw, fh) == font.getbbox('Hi')[2:], len(im.tostring()))",
    # OpenCV 3: three values from findContours, 2.4's constants and constructor
    "mask = np.zeros((20, 20), np.uint8)\nmask[5:10, 4:15] = 255\n"
    "_, contours, hierarchy = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)\n"
    "orb = cv2.ORB(nfeatures=50)\nkeypoints = orb.detect(mask, None)\n"
    "print(len(contours), cv2.boundingRect(contours[0]), cv2.cv.CV_BGR2GRAY, isinstance(keypoints, tuple))",
    # scikit-image 0.14: compare_*, grey, multichannel
    "a = np.linspace(0, 1, 256).reshape(16, 16)\nb = a * 0.9\ns = compare_ssim(a, b)\np = compare_psnr(a, b)\n"
    "g = feature.greycomatrix((a * 7).astype(np.uint8), [1], [0], levels=8)\n"
    "r = transform.rescale(np.dstack([a, a, a]), 0.5, multichannel=True, anti_aliasing=False)\n"
    "print(round(float(s), 4), round(float(p), 2), g.shape, r.shape)",
    # h5py 2: a file opened without a mode is written to; Dataset.value
    "path = os.path.join(tempfile.mkdtemp(), 'features.h5')\nh5py.File(path, 'w').close()\nf = h5py.File(path)\n"
    "f.create_dataset('x', data=np.arange(4))\nprint(f['x'].value.sum())\nf.close()\n"
    "h5py.File(path).create_dataset('y', data=[1])\nprint(list(h5py.File(path, 'r')))",
    # every name the OpenCV table rewrites to exists today
    f"print([n for n in {sorted(set(CV_RENAMED.values()))!r} if not hasattr(cv2, n)])",
)


def test_old_image_code_runs_after_the_rules(tmp_path, apply, run_repaired):
    before = run_local(OLD, tmp_path / "before")
    assert before.first_failure.index == 0 and "compare_ssim" in before.first_failure.error.evalue
    edits = fix_static(OLD)
    rules = {r for e in edits for r in e.rule_ids}
    assert {"pillow-removed-names", "pillow-text-size", "opencv-removed-names", "skimage-removed-names",
            "h5py-dataset-value"} <= rules
    # structural_similarity wants a float image's range, and the h5py file is read-only: error-keyed
    out = run_repaired(apply(OLD, edits), attempts=3)
    assert out[1] == "True True True 64\n"
    assert out[2] == "1 (4, 5, 11, 5) 6 True\n"
    # data_range=2.0 as compare_ssim took it from the float dtype; PSNR over the data's range, 1
    assert out[3] == "0.9896 24.76 (8, 8, 1, 1) (8, 8, 3)\n"
    assert out[4] == "6\n['x', 'y']\n"
    assert out[5] == "[]\n"
