"""Fixtures for the whole suite live in ``support.py`` (importable by test modules as ``support``:
a module named ``conftest`` is ambiguous once sub-folders have conftest files of their own)."""
from support import *  # noqa: F401,F403 - registers the shared fixtures with pytest
