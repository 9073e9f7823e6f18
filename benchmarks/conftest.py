"""The test suite's fixtures, for the benchmarks (``make bench``; not part of ``make test``)."""
from tests.conftest import reader  # noqa: F401 - a fixture
