"""Deterministic repairs for known API erosion: libcst codemods the agent tries before any LLM.

The agent loop calls four functions:

- ``lint(nb, written, workspace)``: what would break in the locked environment (rule id, cell, line);
- ``fix_static(nb, written, workspace)``: every static rule, one ``Edit`` per changed cell;
- ``fix_error(nb, cell, error, data_files, working_files)``: rules keyed by the failing cell's error;
- ``calibrate(nb, written)``: pin back defaults that changed after the notebook was written.

Rules live in one module per library; importing them registers them, and the registry
order is the order they run in a cell: Python 2 conversion, numpy aliases (np.object
must become object before the pandas dtype rule reads it), then pandas, scikit-learn,
plotting and the rest; the notebook-level rules (author slips with names, cell order, data paths,
output folders) last.
``workspace`` says which files the run will have (data and helper files): the path rules need it.
"""

# ruff: noqa: I001, F401  (the import order is the rule order)
from . import python2
from . import catalogue_paths
from . import numpy_rules
from . import numpy_removed
from . import numpy_python_more
from . import pandas_rules
from . import pandas3_rules
from . import pandas_positional
from . import pandas_dates_rules
from . import pandas_raises_rules
from . import pandas_call_forms
from . import pandas_removed_forms
from . import pandas_setitem
from . import pandas_astype
from . import pandas_replace
from . import pandas_groupby_apply
from . import pandas_groupby_transform_like
from . import pandas_removed_more
from . import pandas_removed_members
from . import pandas_old_methods
from . import pandas_old_keywords
from . import pandas_inputs
from . import pandas_keys
from . import pandas_at
from . import pandas_loc_missing
from . import pandas_readonly
from . import pandas_update_duplicates
from . import pandas_array_split
from . import pandas_searchsorted
from . import pandas_dtype_groups
from . import pandas_na_values
from . import sklearn_rules
from . import sklearn_param_types
from . import sklearn_grids
from . import sklearn_families
from . import sklearn_feature_names
from . import sklearn_union_helpers
from . import sklearn_sentinels
from . import sklearn_fitted_check
from . import sklearn_removed_api
from . import sklearn_logreg
from . import sklearn_removed_classes
from . import imblearn_rules
from . import successor_rules
from . import python3_rules
from . import python_regex_flags
from . import python2_idioms
from . import python2_builtins
from . import plotting_rules
from . import seaborn_rules
from . import plotting_removed
from . import plotting_backends
from . import matplotlib_forms
from . import matplotlib_old_calls
from . import matplotlib_positional
from . import boosting_rules
from . import xgboost_labels
from . import scipy_removed
from . import other_libs_rules
from . import gensim_rules
from . import skimage_shap_optuna_rules
from . import pillow_opencv_rules
from . import opencv_contrib
from . import skimage_h5py_rules
from . import skimage_removed
from . import plotly_rules
from . import bokeh_mlxtend_rules
from . import networkx_rules
from . import tuning_libs
from . import emoji_rules
from . import wordcloud_rules
from . import vader_rules
from . import rapidfuzz_rules
from . import pyarrow_rules
from . import ignite_rules
from . import encoders_missingno_rules
from . import folium_rules
from . import pmdarima_xlrd_rules
from . import openpyxl_rules
from . import prophet_rules
from . import small_libs_calls
from . import html_libs_rules
from . import sklearn_source_removals
from . import pandas_source_removals
from . import matplotlib_source_removals
from . import scipy_statsmodels_source_removals
from . import moved_rules
from . import from_imports
from . import private_homes
from . import keras_rules
from . import tensorflow_rules
from . import tensorflow_sessions
from . import tensorflow_contrib
from . import keras_removed
from . import keras_model_methods
from . import keras_backend
from . import keras_wrappers
from . import keras_files
from . import keras_experimental
from . import tensorflow_keras2
from . import torch_rules
from . import geo_rules
from . import gpu_rules
from . import dead_packages
from . import statsmodels_rules
from . import statsmodels_removed
from . import shell_rules
from . import calibration_rules
from . import name_rules
from . import order_rules
from . import datapath_rules
from . import working_files
from . import output_rules
from . import helper_rules
from . import import_rules
from . import cosmetic_imports
from . import syntax_rules
from . import catalogue_rules
from . import unrun_rules
from . import pandas_legacy_strings
from . import sklearn_run_time_shims
from . import numpy_float_truncation
from . import numpy_booleans
from . import scipy_removed_shims
from . import matplotlib_removed_members
from . import torch_removed_linalg_fft
from . import pandas_removed_runtime
from . import pandas_runtime_calls
from . import catboost_rules
from . import xgboost_statsmodels_skimage_optuna_shims
from . import keras_old_training
from . import text_library_shims
from . import networkx_pillow_mglearn_shims
from . import pandas_sklearn_old_results
from . import bokeh_folium_plotly_old_releases
from . import gensim_sklearn_api
from . import matplotlib_text_rotation
from . import colab_platform
from . import spacy_rules
from . import pandas_numpy_reductions
from . import unimported_names
from .engine import Finding, calibrate, fix_error, fix_static, lint
from .framework import RULES, Rule

__all__ = ["Finding", "RULES", "Rule", "calibrate", "fix_error", "fix_static", "lint"]
