"""Two small libraries' 2016-2018 APIs in a real kernel: fbprophet's model methods (plot_yearly, copy) and the
PyStan backend, and vaderSentiment 0.5's sentiment(text); after the static pass the notebook computes what
the author's did."""

from __future__ import annotations

from support import code_notebook, stdout

PROPHET = code_notebook(
    "import numpy as np, pandas as pd\nfrom fbprophet import Prophet\n"
    "df = pd.DataFrame({'ds': pd.date_range('2016-01-01', periods=400), 'y': np.sin(np.arange(400) / 58.0)})",
    "m = Prophet(yearly_seasonality=True, weekly_seasonality=False, daily_seasonality=False, stan_backend='PYSTAN')\n"
    "m.fit(df)\nartists = m.plot_yearly()\nm2 = m.copy(pd.Timestamp('2016-06-01'))\n"
    "print(len(artists) > 0, 'yearly' in m2.seasonalities, m2.history is None)",
)


def test_old_prophet_methods_run_as_functions(fails_then_runs):
    after = fails_then_runs(PROPHET, 0, "fbprophet", {"dead-packages", "prophet-model-methods"})
    assert stdout(after.cells[1]).splitlines()[-1] == "True True True"  # an unfitted copy with the fitted seasonalities


VADER = code_notebook(
    "from vaderSentiment.vaderSentiment import sentiment as vs\nimport vaderSentiment.vaderSentiment as vader",
    "s = vs('VADER is smart, handsome, and funny.')\nt = vader.sentiment('The plot was dull.')\n"
    "print(sorted(s), s['compound'] > 0.5, t['compound'] < 0)",
)


def test_vader_sentiment_function_is_the_analyzers_polarity_scores(fails_then_runs):
    after = fails_then_runs(VADER, 0, "cannot import name 'sentiment'", {"vader-sentiment-function"})
    assert stdout(after.cells[1]) == "['compound', 'neg', 'neu', 'pos'] True True\n"
