"""Kaggle competitions: the registry (metric, direction, answers, submission shape) and the graders.

The one lower package that the agent's CLI, the service and the batch harness share: nothing here
imports from agent/, api/ or eval/.
"""
