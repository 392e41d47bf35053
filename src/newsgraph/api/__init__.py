"""The web app: ``create_app(db_path)`` builds the FastAPI application (REST API and pages)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(db_path: str | Path, token: str | None = None) -> "FastAPI":
    """Imported lazily so that ``import newsgraph.api`` costs nothing until an app is wanted."""
    from newsgraph.api.app import create_app as build

    return build(db_path, token)
