"""Dead packages: renamed to their maintained successor where one exists, left alone (with a why) where not."""

import ast

import pytest
from mlemodernizer.agent.rules import RULES
from mlemodernizer.agent.rules.dead_packages import DEAD
from mlemodernizer.agent.rules.engine import fix_helper_module, transform_cell
from mlemodernizer.agent.rules.framework import build_context
from mlemodernizer.agent.rules.packages import locked_distributions, missing_imports


def run(source: str, context: list[str] | None = None) -> str:
    ctx = build_context(context or [source], "2018-01")
    return transform_cell(source, [RULES["dead-packages"]], ctx).source


def test_every_entry_says_why_and_every_replacement_is_locked():
    locked = locked_distributions("full")
    for dead in DEAD.values():
        assert dead.why, dead.module
        if dead.replacement_distribution:
            assert dead.replacement_distribution.replace("_", "-").lower() in locked, dead.module


@pytest.mark.parametrize("source", [
    "import theano\nimport theano.tensor as T",
    "from pandas_profiling import ProfileReport",
    "import pydotplus\ngraph = pydotplus.graph_from_dot_data(dot)",
    "from fancyimpute import SoftImpute, BiScaler",
    "from mlens.ensemble import SuperLearner",
    "import tflearn",
    "from thefuzz import fuzz",
])
def test_no_faithful_replacement_is_left_alone(source):
    assert run(source) == source


def test_fancyimpute_imported_in_another_cell():
    cell = "X2 = fancyimpute.KNN(k=4).fit_transform(X)"
    got = run(cell, ["import fancyimpute", cell])
    assert got == "import sklearn.impute\nX2 = sklearn.impute.KNNImputer(n_neighbors=4, weights='distance').fit_transform(X)"


def test_fancyimpute_knn_with_an_alias_and_iterative_imputer_calls():
    source = ("from fancyimpute import KNN as knn, IterativeImputer\nA = knn(3).fit_transform(X)\n"
              "B = IterativeImputer(max_iter=5).fit_transform(X)")
    got = run(source)
    assert got == ("from sklearn.impute import KNNImputer as knn\nfrom sklearn.experimental import enable_iterative_imputer\n"
                   "from sklearn.impute import IterativeImputer\nA = knn(3, weights='distance').fit_transform(X)\n"
                   "B = IterativeImputer(max_iter=5).fit_transform(X)")
    ast.parse(got)


def test_helper_modules_are_rewritten_too():
    source = "from fuzzywuzzy import process\n\ndef best(name, names):\n    return process.extractOne(name, names)\n"
    change = fix_helper_module(source)
    assert change.source.startswith("from thefuzz import process\n")
    assert "dead-packages" in change.ids


def test_added_packages_are_known_to_the_missing_package_lint():
    cells = ["import bayes_opt\nimport skopt\nimport umap\nimport category_encoders as ce\nimport pyLDAvis\n"
             "from bs4 import BeautifulSoup\nimport thefuzz, rapidfuzz, textblob, shap, lime, eli5, optuna, hyperopt\n"
             "from boruta import BorutaPy\nfrom livelossplot import PlotLosses\nfrom ordered_set import OrderedSet\n"
             "from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer\n"
             "import geopandas as gpd\nfrom shapely.geometry import Point\n"
             "import cv2, ot, numpy_financial as npf, optuna_integration"]
    assert missing_imports(cells, set()) == []


def printed_in_the_locked_environment(source: str, tmp_path) -> str:
    """What one cell prints in a real kernel of the tabular profile, after the dead-packages rewrite."""
    from support import make_notebook, run_local, stdout

    result = run_local(make_notebook(run(source)), tmp_path)
    assert result.status == "ok", result.summary()
    return stdout(result.cells[-1])


def test_geopandas_joins_reprojects_and_writes_beside_pandas_3(tmp_path):
    # shapely, pyproj (its projection database) and pyogrio (its GDAL) come as wheels with their data.
    source = ("import pandas as pd, geopandas as gpd\nfrom shapely.geometry import Polygon\n"
              "df = pd.DataFrame({'name': ['a', 'b'], 'lon': [0.5, 5.0], 'lat': [0.5, 5.0]})\n"
              "pts = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df.lon, df.lat), crs='EPSG:4326')\n"
              "zones = gpd.GeoDataFrame({'zone': ['z']}, geometry=[Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])], "
              "crs='EPSG:4326')\n"
              "joined = gpd.sjoin(pts, zones, how='left', predicate='within')\n"
              "pts.to_file('pts.gpkg')\n"
              "print(joined['zone'].fillna('-').tolist(), round(pts.to_crs('EPSG:3857').geometry.x[0]), "
              "len(gpd.read_file('pts.gpkg')))")
    assert printed_in_the_locked_environment(source, tmp_path) == "['z', '-'] 55660 2\n"


def test_orderedset_and_property_cached_replacements_run_in_the_locked_environment(tmp_path):
    source = ("from orderedset import OrderedSet\nfrom property_cached import cached_property\n\n"
              "class Columns:\n    @cached_property\n    def names(self):\n        print('computed')\n"
              "        return OrderedSet(['b', 'a', 'b'])\n\n"
              "c = Columns()\nprint(list(c.names), c.names.index('a'), list(c.names | OrderedSet(['z'])))")
    assert printed_in_the_locked_environment(source, tmp_path) == "computed\n['b', 'a'] 1 ['b', 'a', 'z']\n"
