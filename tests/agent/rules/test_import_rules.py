"""An import of a package the environment lacks, that no cell uses, is kept as a comment."""

from mlemodernizer.agent.rules import fix_error
from mlemodernizer.core import CellError


def no_module(name: str, line: int = 1) -> CellError:
    return CellError(ename="ModuleNotFoundError", evalue=f"No module named '{name}'", traceback="", line=line)


def test_an_unused_import_of_a_missing_package_becomes_a_comment(notebook):
    nb = notebook("import numpy as np\nimport tensorflow as tf\nfrom tensorflow.keras import layers\n%matplotlib inline",
                  "x = np.ones(3)\nprint(x.sum())")
    edits = fix_error(nb, 0, no_module("tensorflow", 2), [])
    assert [e.origin for e in edits] == ["rule:unused-missing-import"]
    assert edits[0].new == (
        "import numpy as np\n"
        "# mlemod: 'tensorflow' is not in the environment and no cell uses it: import tensorflow as tf\n"
        "# mlemod: 'tensorflow' is not in the environment and no cell uses it: from tensorflow.keras import layers\n"
        "%matplotlib inline"
    )
    exec(edits[0].new.replace("%matplotlib inline", ""), {})  # noqa: S102 - it runs without the package


def test_an_indented_import_keeps_its_block_valid(notebook):
    nb = notebook("try:\n    import fancyimpute\nexcept ImportError:\n    raise")
    new = fix_error(nb, 0, no_module("fancyimpute", 2), [])[0].new
    assert new.startswith("try:\n    pass  # mlemod: 'fancyimpute' is not in the environment")
    compile(new, "cell", "exec")


def test_an_import_whose_names_are_used_is_left_to_other_fixes(notebook):
    used_in_code = notebook("import tensorflow as tf", "t = tf.constant(1)")
    used_in_a_magic = notebook("import tensorflow as tf", "%timeit tf.constant(1)")
    shared_line = notebook("import tensorflow as tf; x = 1", "print(x)")
    star = notebook("from tensorflow import *", "print(1)")
    for nb in (used_in_code, used_in_a_magic, shared_line, star):
        assert [e.origin for e in fix_error(nb, 0, no_module("tensorflow"), [])] != ["rule:unused-missing-import"]


def no_name(name: str, module: str, line: int = 1) -> CellError:
    return CellError(ename="ImportError", evalue=f"cannot import name '{name}' from '{module}' (/x/__init__.py)",
                     traceback="", line=line)


def test_a_name_the_library_no_longer_has_is_dropped_from_its_import(notebook):
    nb = notebook("from keras.models import Sequential\nfrom keras.layers import Merge\n"
                  "from keras.layers import Dense, Convolution2D as Conv, Dropout",
                  "m = Sequential([Dense(3), Dropout(0.1)])")
    merge = fix_error(nb, 0, no_name("Merge", "keras.layers", 2), [])
    assert [e.origin for e in merge] == ["rule:unused-missing-import"]
    assert merge[0].new.split("\n")[1] == (
        "# mlemod: keras.layers no longer has 'Merge' and no cell uses it: from keras.layers import Merge")
    conv = fix_error(nb, 0, no_name("Convolution2D", "keras.layers", 3), [])
    assert conv[0].new.split("\n")[2] == (
        "from keras.layers import Dense, Dropout  # mlemod: keras.layers no longer has 'Convolution2D' and no cell "
        "uses it: Conv")


def test_a_missing_name_that_a_cell_uses_is_left_to_other_fixes(notebook):
    nb = notebook("from keras.layers import Dense, Merge", "m = Merge([a, b])")
    assert [e.origin for e in fix_error(nb, 0, no_name("Merge", "keras.layers"), [])] != [
        "rule:unused-missing-import"]


def test_the_note_names_the_missing_module_not_its_package(notebook):
    # keras is there; the submodule Keras 3 removed is not
    nb = notebook("import numpy as np\nfrom keras.utils.vis_utils import plot_model", "print(np.ones(2))")
    edits = fix_error(nb, 0, no_module("keras.utils.vis_utils", 2), [])
    assert edits[0].new.endswith("# mlemod: 'keras.utils.vis_utils' is not in the environment and no cell uses it: "
                                 "from keras.utils.vis_utils import plot_model")


def test_an_import_of_the_package_alone_stays_when_only_a_submodule_is_missing(notebook):
    # gensim is there; gensim.sklearn_api is not: `import gensim` runs, and only the failing import is a comment
    nb = notebook("import gensim\nfrom gensim.sklearn_api.tfidf import TfIdfTransformer\nfrom gensim import sklearn_api",
                  "print(1)")
    edits = fix_error(nb, 0, no_module("gensim.sklearn_api", 2), [])
    assert edits[0].new.split("\n") == [
        "import gensim",
        "# mlemod: 'gensim.sklearn_api' is not in the environment and no cell uses it: "
        "from gensim.sklearn_api.tfidf import TfIdfTransformer",
        "# mlemod: 'gensim.sklearn_api' is not in the environment and no cell uses it: from gensim import sklearn_api"]
