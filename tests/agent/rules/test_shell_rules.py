"""Shell commands that install, download, build, upload or submit are neutralised and reported; reads stay."""

import ast

import pytest
from mlemodernizer.agent.rules import RULES
from mlemodernizer.agent.rules.engine import fix_helper_module, transform_cell
from mlemodernizer.agent.rules.framework import build_context
from mlemodernizer.agent.rules.masking import mask
from mlemodernizer.agent.rules.shell_rules import NOTE, blocked_commands


def run(source: str, rule_ids=("shell-network", "shell-subprocess-network")):
    ctx = build_context([source], "2018-01")
    return transform_cell(source, [RULES[i] for i in rule_ids], ctx)


@pytest.mark.parametrize(("command", "blocked"), [
    ("pip install xgboost==0.6", ["pip install"]),
    ("pip3 install -q -U lightgbm", ["pip3 install"]),
    ("python -m pip install catboost", ["python -m pip install"]),
    ("{sys.executable} -m pip install tqdm", ["{sys.executable} -m pip install"]),
    ("conda install -c conda-forge -y shap", ["conda install"]),
    ("sudo apt-get install -y graphviz", ["sudo apt-get"]),
    ("apt install libgomp1", ["apt"]),
    ("wget -q https://x/y.zip && unzip y.zip", ["wget"]),
    ("curl -O https://x/y.csv | head", ["curl"]),
    ("git clone https://github.com/a/b && cd b && make && make install", ["git clone", "make"]),
    ("cd lib; ./configure; make", ["./configure", "make"]),
    ("cd src && python setup.py build_ext --inplace", ["python setup.py build_ext"]),
    ("gcc -O2 -o fast fast.c", ["gcc"]),
    ("cmake .. && make -j4", ["cmake", "make"]),
    ("kaggle competitions submit -c titanic -f sub.csv -m 'v1'", ["kaggle"]),
    ("kaggle datasets download -d x/y", ["kaggle"]),
    ("gsutil cp gs://b/f .", ["gsutil"]),
    ("aws s3 cp s3://b/f .", ["aws"]),
    ("gdown --id 1abc", ["gdown"]),
    ("huggingface-cli download bert-base-uncased", ["huggingface-cli"]),
    ("scp model.pkl host:/tmp", ["scp"]),
    ("rsync -av out/ host:out/", ["rsync"]),
    ("npm install -g vega-cli", ["npm"]),
    ("python -m spacy download en_core_web_sm", ["python -m spacy download"]),
    ("python -m nltk.downloader stopwords", ["python -m nltk.downloader stopwords"]),
    ("PIP_NO_CACHE_DIR=1 pip install x", ["pip install"]),
    ("yes | pip uninstall tensorflow", ["pip uninstall"]),
    ("git pull origin master", ["git pull"]),
    ("git submodule update --init", ["git submodule"]),
    ("easy_install pybrain", ["easy_install"]),
    ("/usr/bin/pip install x", ["pip install"]),
    # read-only or local: kept
    ("ls ../input", []),
    ("head -5 ../input/train.csv", []),
    ("cat ../input/sample_submission.csv | wc -l", []),
    ("du -sh ../input/*", []),
    ("nvidia-smi", []),
    ("unzip -o ../input/train.zip -d data && ls data", []),
    ("pip list | grep xgboost", []),
    ("pip freeze", []),
    ("python -m pip show pandas", []),
    ("git log -1", []),
    ("python train.py --epochs 3", []),
    ("mkdir -p out && cp ../input/a.csv out/", []),
    ("echo done", []),
    ("python -c 'import sklearn; print(sklearn.__version__)'", []),
])
def test_blocked_commands(command, blocked):
    assert blocked_commands(command) == blocked


def test_chain_is_neutralised_and_explained():
    change = run("!cd lib && make && cd ..\nimport lib")
    assert change.source == f"{NOTE}!cd lib && make && cd ..\nimport lib"
    (rule_id, line, why), = change.applied
    assert rule_id == "shell-network" and line == 1 and "`make`" in why


def test_indented_lines_keep_the_block_valid():
    source = "try:\n    import shap\nexcept ImportError:\n    !pip install shap\n    import shap\nfor p in pkgs:\n    !pip install {p}"
    got = run(source).source
    assert got.split("\n")[3] == f"    pass  {NOTE}!pip install shap"
    assert got.split("\n")[6] == f"    pass  {NOTE}!pip install {{p}}"
    ast.parse(mask(got).code)


def test_bash_body_lines_including_loops_and_continuations():
    source = ("%%bash\nls ../input\nfor f in a b; do\n    wget -q http://x/$f.zip\ndone\npip install \\\n  xgboost\n"
              "cat ../input/train.csv | head -2")
    lines = run(source).source.split("\n")
    assert lines[0] == "%%bash" and lines[1] == "ls ../input"
    assert lines[3] == f"    :  {NOTE}wget -q http://x/$f.zip"  # the loop body stays a command
    assert lines[5] == f"{NOTE}pip install \\" and lines[6] == "  # xgboost"
    assert lines[7] == "cat ../input/train.csv | head -2"


@pytest.mark.parametrize("magic", ["%%sh", "%%script bash", "%%system"])
def test_other_shell_cell_magics(magic):
    got = run(f"{magic}\nconda install -y lightgbm\necho ok").source
    assert got == f"{magic}\n{NOTE}conda install -y lightgbm\necho ok"


def test_script_python_cells_are_not_shell():
    source = "%%script python3\nprint('pip install')"
    assert run(source).source == source


def test_assignments_keep_the_name_bound():
    got = run("files = !ls ../input\nlog = !pip install -q shap\nout = %sx curl -s http://x").source.split("\n")
    assert got[0] == "files = !ls ../input"
    assert got[1] == f"log = []  {NOTE}log = !pip install -q shap"
    assert got[2] == f"out = []  {NOTE}out = %sx curl -s http://x"


def test_line_magics():
    got = run("%pip install -q catboost\n%system git clone https://x/y\n%system ls\n%conda list").source.split("\n")
    assert got[:2] == [f"{NOTE}%pip install -q catboost", f"{NOTE}%system git clone https://x/y"]
    assert got[2:] == ["%system ls", "%conda list"]


def test_read_only_shell_lines_are_left_alone():
    source = "!ls ../input\n!head train.csv\n!cat a.txt\n!wc -l ../input/*.csv\n!du -sh .\n!nvidia-smi\nx = !ls"
    change = run(source)
    assert change.source == source and change.applied == []


def test_shell_text_inside_a_string_is_not_a_command():
    source = 'doc = """\n!pip install xgboost\n"""'
    assert run(source).source == source


@pytest.mark.parametrize(("before", "after"), [
    ("import subprocess\nsubprocess.call('pip install shap', shell=True)",
     f"import subprocess\npass  {NOTE}subprocess.call('pip install shap', shell=True)"),
    ("from subprocess import check_call\nimport sys\ncheck_call([sys.executable, '-m', 'pip', 'install', 'x'])",
     f"from subprocess import check_call\nimport sys\npass  {NOTE}check_call([sys.executable, '-m', 'pip', 'install', 'x'])"),
    ("import subprocess\np = subprocess.Popen(['kaggle', 'competitions', 'submit', '-f', 's.csv'])",
     f"import subprocess\np = None  {NOTE}p = subprocess.Popen(['kaggle', 'competitions', 'submit', '-f', 's.csv'])"),
    ("import os\nrc = os.system(f'wget {url} -O data.zip')",
     f"import os\nrc = 0  {NOTE}rc = os.system(f'wget {{url}} -O data.zip')"),
    ("import os\nif not os.path.exists('lib'):\n    os.system('git clone https://x/lib')\n    os.system(\n        'cd lib && make')",
     f"import os\nif not os.path.exists('lib'):\n    pass  {NOTE}os.system('git clone https://x/lib')\n"
     f"    pass  {NOTE}os.system( 'cd lib && make')"),
    ("import subprocess\nout = subprocess.check_output(['pip', 'download', 'x'], text=True)",
     f"import subprocess\nout = ''  {NOTE}out = subprocess.check_output(['pip', 'download', 'x'], text=True)"),
    ("get_ipython().system('pip install -q shap')", f"pass  {NOTE}get_ipython().system('pip install -q shap')"),
    ("get_ipython().run_line_magic('pip', 'install shap')",
     f"pass  {NOTE}get_ipython().run_line_magic('pip', 'install shap')"),
])
def test_python_calls(before, after):
    change = run(before)
    assert change.source == after
    ast.parse(change.source)
    assert any(r == "shell-subprocess-network" and "Not run: `" in why for r, _, why in change.applied)


@pytest.mark.parametrize("source", [
    "import subprocess\nsubprocess.run(['ls', '../input'])",
    "import os\nos.system('head -3 ../input/train.csv')",
    "import subprocess\nsubprocess.check_output(cmd, shell=True)",  # unknown command: left alone
    "import os\nprint(os.system)",
    "system('pip install x')",  # not os.system
])
def test_python_calls_left_alone(source):
    assert run(source).source == source


def test_helper_modules_get_the_python_rule():
    source = "import os\n\ndef setup():\n    os.system('pip install -q lightgbm')\n    return 1\n"
    change = fix_helper_module(source)
    assert f"    pass  {NOTE}os.system('pip install -q lightgbm')" in change.source
    assert "shell-subprocess-network" in change.ids
    ast.parse(change.source)


@pytest.mark.parametrize(("line", "made"), [
    ("!kaggle competitions download -c titanic", "shutil.make_archive('titanic', 'zip', '../input')"),
    ("!kaggle competitions download titanic -p data/ --force",
     "shutil.make_archive('data/titanic', 'zip', '../input')"),
    ("!kaggle competitions download -c titanic -f train.csv", None),  # one file: data-path finds it at ../input
    ("!kaggle competitions download -c titanic && unzip titanic.zip", None),  # a chain: left to the note
])
def test_the_competitions_download_is_made_from_the_served_data_when_its_zip_is_read(line, made):
    reads = "import zipfile\nzipfile.ZipFile('titanic.zip').extractall('.')\nz = zipfile.ZipFile('data/titanic.zip')"
    new = run(f"{line}\n{reads}").source.split("\n")[0]
    if made:
        assert new.startswith(f"import shutil; {made}  # mlemod: no network") and new.endswith(line)
    else:
        assert new == f"{NOTE}{line}"
    # a notebook that never reads the zip (it reads train.csv, which data-path serves) only gets the note
    assert run(line + "\ntrain = pd.read_csv('train.csv')").source.split("\n")[0] == f"{NOTE}{line}"
