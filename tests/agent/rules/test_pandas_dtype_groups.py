"""pandas-str-dtype-group-keys: the columns grouped by their dtype, text columns among them. In the real kernel
pandas 3's str dtype cannot be sorted among numpy's dtypes; the repaired cell groups the same columns under the
same keys, which still find them by numpy's dtype."""

from support import code_notebook

BY_DTYPE = code_notebook(
    "import numpy as np\nimport pandas as pd\n"
    "train = pd.DataFrame({'Id': [1, 2], 'Street': ['Pave', 'Grvl'], 'LotArea': [8450.0, 9600.0],\n"
    "                      'Year': [2003, 1976]})",
    "kinds = train.columns.to_series().groupby(train.dtypes).groups\n"
    "print(sorted(map(str, kinds)), list(kinds[np.dtype('int64')]), list(kinds[np.dtype('float64')]))",
    "print(train.T.groupby(train.dtypes).size().to_dict() == {np.dtype('int64'): 2, train.Street.dtype: 1, "
    "np.dtype('float64'): 1})",
)


def test_columns_are_grouped_under_their_dtypes(run_repaired):
    record: list = []
    printed = run_repaired(BY_DTYPE, attempts=3, record=record)
    assert printed[1:] == ["['float64', 'int64', 'str'] ['Id', 'Year'] ['LotArea']\n", "True\n"]
    assert [(cell, edit.rule_ids) for cell, edit in record] == [(1, ["pandas-str-dtype-group-keys"]),
                                                                (2, ["pandas-str-dtype-group-keys"])]
