"""Code whose library moved a part into another package, which the environment carries since session 25
(opencv-contrib-python-headless, optuna-integration, POT, numpy-financial): after the rules, it runs in the
tabular profile's real kernel and computes what the old call did."""

from __future__ import annotations

import ast

from mlemodernizer.agent.rules import fix_static
from mlemodernizer.agent.rules.opencv_contrib import MOVED
from support import code_notebook, run_local, stdout

OLD = code_notebook(
    "import numpy as np\nimport cv2\nframe = np.zeros((96, 96), np.uint8)\nframe[20:50, 20:50] = 255\n"
    "frame[60:80, 55:90] = 128",
    # OpenCV 5 moved AKAZE to xfeatures2d; 4.5.1 moved MOSSE to cv2.legacy (init still answers True)
    "akaze = cv2.AKAZE_create()\nkeypoints = akaze.detect(frame, None)\n"
    "tracker = cv2.TrackerMOSSE_create()\nok = tracker.init(cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR), (20, 20, 20, 20))\n"
    "print(type(akaze).__name__, len(keypoints) > 0, ok)",
    # 3.0 moved MOG to bgsegm; 2.4's MOG2 constructor became a factory
    "mog = cv2.createBackgroundSubtractorMOG()\nmog2 = cv2.BackgroundSubtractorMOG2(500, 16, False)\n"
    "masks = [(m.apply(frame), m.apply(255 - frame))[1] for m in (mog, mog2)]\n"
    "print([int((mask > 0).sum()) for mask in masks])",
    # numpy 1.20 moved the financial functions out (NEP 32)
    "print(round(float(np.npv(0.1, [-100, 50, 60])), 4), round(float(np.pmt(0.05 / 12, 360, -200000)), 2))",
    # the contrib build keeps what OpenCV 5 took out of the main modules
    "print(cv2.ml.KNearest_create() is not None, cv2.HOGDescriptor().getDescriptorSize(),\n"
    f"      [n for n, where in {sorted(MOVED.items())!r} if not hasattr(getattr(cv2, where), n)])",
)


def test_moved_opencv_and_numpy_names_run_after_the_static_pass(tmp_path, apply):
    before = run_local(OLD, tmp_path / "before")
    assert before.first_failure.index == 1 and "AKAZE_create" in before.first_failure.error.evalue
    edits = fix_static(OLD)
    assert {"opencv-contrib-names", "numpy-removed-functions"} <= {r for e in edits for r in e.rule_ids}
    after = run_local(apply(OLD, edits), tmp_path / "after")
    assert after.status == "ok", after.summary()
    out = [stdout(c) for c in after.cells]
    assert out[1] == "AKAZE True True\n"
    masks = ast.literal_eval(out[2])  # both subtractors saw the frame change everywhere it changed
    assert len(masks) == 2 and all(n > 0 for n in masks)
    assert out[3] == "-4.9587 1073.64\n"  # numpy 1.19's np.npv and np.pmt gave these
    assert out[4] == "True 3780 []\n"


def test_optuna_integration_and_gensim_wmdistance_run_as_written(tmp_path, run_repaired):
    nb = code_notebook(
        "import optuna, lightgbm as lgb\nfrom optuna.integration import LightGBMPruningCallback\n"
        "from sklearn.datasets import make_classification\nX, y = make_classification(300, random_state=0)\n"
        "optuna.logging.set_verbosity(optuna.logging.WARNING)\n"
        "def objective(trial):\n"
        "    model = lgb.LGBMClassifier(n_estimators=10, num_leaves=trial.suggest_int('leaves', 4, 8), verbose=-1)\n"
        "    model.fit(X[:200], y[:200], eval_set=[(X[200:], y[200:])], eval_metric='binary_logloss',\n"
        "              callbacks=[LightGBMPruningCallback(trial, 'binary_logloss')])\n"
        "    return model.best_score_['valid_0']['binary_logloss']\n"
        "study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=0))\nstudy.optimize(objective, n_trials=2)\n"
        "print(len(study.trials))",
        # gensim 4 moved wmdistance to the vectors, where it computes with POT
        "from gensim.models import Word2Vec\n"
        "model = Word2Vec([['king', 'queen', 'man'], ['woman', 'man', 'king']] * 20, size=8, min_count=1, seed=0, "
        "workers=1)\nd = model.wmdistance(['king', 'man'], ['queen', 'woman'])\nprint(d > 0, model.wmdistance(['man'], ['man']))",
    )
    out = run_repaired(nb, attempts=4)
    assert out == ["2\n", "True 0.0\n"]


def test_a_moved_submodule_is_renamed_in_the_import_and_in_the_later_cells_that_use_its_path(tmp_path, apply):
    nb = code_notebook(
        "import pyLDAvis.sklearn\nimport pandas as pd\nfrom seaborn import apionly as sns\n"
        "from sklearn.feature_extraction.text import CountVectorizer\n"
        "from sklearn.decomposition import LatentDirichletAllocation",
        "docs = ['the cat sat', 'the dog ran', 'a cat ran', 'a dog sat'] * 5\nvec = CountVectorizer()\n"
        "dtm = vec.fit_transform(docs)\nlda = LatentDirichletAllocation(n_components=2, random_state=0).fit(dtm)",
        "vis = pyLDAvis.sklearn.prepare(lda, dtm, vec)\nprint(type(vis).__name__, pd.tslib.Timestamp('2020-01-02').day, "
        "sns.__name__)",
    )
    before = run_local(nb, tmp_path / "before")
    assert before.first_failure.index == 0 and "pyLDAvis.sklearn" in before.first_failure.error.evalue
    edits = fix_static(nb)
    assert {e.cell for e in edits if "catalogue-module-paths" in e.rule_ids} == {0, 2}
    after = run_local(apply(nb, edits), tmp_path / "after")
    assert after.status == "ok", after.summary()
    assert stdout(after.cells[2]) == "PreparedData 2 seaborn\n"


def test_html_parsers_and_selectors_the_lock_added_run_as_written(tmp_path):
    """html5lib (bs4's browser-like parser and read_html's bs4 flavor), lxml_html_clean (what lxml 5.2 split out of
    lxml.html.clean) and cssselect, added to the lock in 2026-12: the old code needs no rule."""
    nb = code_notebook(
        "import io\nimport pandas as pd\nfrom bs4 import BeautifulSoup\nfrom lxml import html\n"
        "from lxml.html.clean import Cleaner\n"
        "page = '<table><tr><td>1<td>2</table><p class=\"x\">a<p class=\"x\">b<script>bad()</script>'",
        # html5lib closes the unclosed cells and paragraphs as a browser would
        "soup = BeautifulSoup(page, 'html5lib')\nprint([td.text for td in soup.find_all('td')], len(soup.find_all('p')))\n"
        "print(pd.read_html(io.StringIO(page), flavor='bs4')[0].values.tolist())",
        "tree = html.fromstring(page)\nprint([p.text for p in tree.cssselect('p.x')])\n"
        "print('bad()' in Cleaner(javascript=True).clean_html(page))",
    )
    result = run_local(nb, tmp_path)
    assert result.status == "ok", result.summary()
    assert [stdout(c) for c in result.cells[1:]] == ["['1', '2'] 2\n[[1, 2]]\n", "['a', 'b']\nFalse\n"]


def test_excel_written_with_the_xlsxwriter_engine_runs_as_written(tmp_path):
    """xlsxwriter, pandas' other Excel writer on Kaggle's image, added to the lock in session 43: ExcelWriter with
    engine='xlsxwriter' and the workbook formats it hands out need no rule, and openpyxl reads the file back."""
    nb = code_notebook(
        "import pandas as pd\ndf = pd.DataFrame({'author': ['EAP', 'HPL'], 'p': [0.25, 0.75]})\n"
        "with pd.ExcelWriter('out.xlsx', engine='xlsxwriter') as writer:\n"
        "    df.to_excel(writer, sheet_name='probs', index=False)\n"
        "    writer.sheets['probs'].set_column('B:B', 12, writer.book.add_format({'num_format': '0.0%'}))\n"
        "print(pd.read_excel('out.xlsx', sheet_name='probs').values.tolist())",
    )
    result = run_local(nb, tmp_path)
    assert result.status == "ok", result.summary()
    assert stdout(result.cells[0]) == "[['EAP', 0.25], ['HPL', 0.75]]\n"
