"""Old emoji, category_encoders and missingno code, repaired by the static rules, run in the tabular profile's
real kernel: the rewrites give what the old libraries gave."""

from __future__ import annotations

from support import code_notebook, stdout

OLD_CODE = code_notebook(
    "import emoji\nimport pandas as pd\nimport category_encoders as ce\nimport missingno as msno\n"
    "import matplotlib.pyplot as plt",
    # emoji 0.x: the flat dict, the alias keyword, the regex, emoji_lis's 'location'
    "text = 'I love \U0001f355 and \U0001f44d !'\n"
    "def extract(s):\n    return ''.join(c for c in s if c in emoji.UNICODE_EMOJI)\n"
    "print(extract(text), emoji.UNICODE_EMOJI['\U0001f355'], emoji.emojize(':thumbsup:', use_aliases=True))\n"
    "print(repr(emoji.get_emoji_regexp().sub('', text)), emoji.emoji_lis(text)[1]['location'],\n"
    "      emoji.distinct_emoji_lis('\U0001f355\U0001f355'))",
    # category_encoders 1.x: impute_missing, handle_unknown='impute' / 'ignore', randomized
    "train = pd.DataFrame({'c': ['a', 'b', 'a', 'b', 'a']})\ny = pd.Series([1, 0, 1, 0, 0])\n"
    "test = pd.DataFrame({'c': ['a', 'z']})\n"
    "te = ce.TargetEncoder(cols=['c'], impute_missing=True, handle_unknown='impute').fit(train, y)\n"
    "oe = ce.OrdinalEncoder(cols=['c'], handle_unknown='ignore').fit(train)\n"
    "loo = ce.LeaveOneOutEncoder(cols=['c'], randomized=False).fit(train, y)\n"
    "print(te.transform(test)['c'].iloc[1], oe.transform(test)['c'].tolist(), loo.transform(test)['c'].iloc[1])",
    # missingno 0.3/0.4: inline=, dendrogram's sort=
    "df = pd.DataFrame({'a': [1, None, 3, 4], 'b': [None, 2, 3, None]})\nmsno.matrix(df, inline=True)\n"
    "ax = msno.bar(df, inline=False)\nmsno.dendrogram(df, sort='descending')\nprint(type(ax).__name__)",
)


def test_old_emoji_encoders_and_missingno_code_runs_after_the_static_pass(fails_then_runs):
    after = fails_then_runs(
        OLD_CODE, 1, "UNICODE_EMOJI",
        {
            "emoji-removed-dicts",
            "emoji-use-aliases",
            "emoji-removed-functions",
            "category-encoders-v2-params",
            "missingno-inline",
        },
    )
    # the emoji found by the flat dict, its name, the alias, the text without emoji, where the second one is
    assert stdout(after.cells[1]) == (
        "\U0001f355\U0001f44d :pizza: \U0001f44d\n'I love  and  !' 13 ['\U0001f355']\n")
    # an unknown category: the training mean (2/5), NaN, the mean again
    assert stdout(after.cells[2]) == "0.4 [1.0, nan] 0.4\n"
    assert stdout(after.cells[3]) == "Axes\n"
