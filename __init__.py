"""mlemodernizer: make old ML notebooks run again in a fixed modern environment.

The distribution maps this folder to the import package ``mlemodernizer``; each
top-level folder is one concern (see DESIGN.md): ``executor`` runs notebooks,
``agent`` repairs them, ``eval`` measures reproducibility over a corpus, ``api``
serves repairs over HTTP. ``core`` holds the data types they exchange.
"""

__version__ = "0.1.0"
