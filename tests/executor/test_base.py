"""The backend registry's helpers that need no kernel."""

import pytest
from mlemodernizer.executor.base import shared_threads


@pytest.mark.parametrize("parallel, cores, threads", [
    (1, 8, None),  # alone: no limit, the backend's own
    (2, 8, 4),
    (3, 8, 2),
    (2, 2, 1),
    (4, 2, 1),  # more notebooks than cores: still one thread each
])
def test_notebooks_side_by_side_share_the_cores(parallel, cores, threads):
    assert shared_threads(parallel, cores) == threads
