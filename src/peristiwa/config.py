"""Settings read from the environment, in one place, so no module invents its own."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
MODEL_DIR = PACKAGE_DIR / "models" / "id_news"
DICTIONARY_DIR = PACKAGE_DIR / "coding" / "dictionaries"


def data_dir() -> Path:
    """The shared data folder (UD, NER, news, CAMEO): ``PERISTIWA_DATA``, default ``../shared/data``."""
    return Path(os.environ.get("PERISTIWA_DATA", "../shared/data")).expanduser()


def db_url() -> str:
    """The default store: ``PERISTIWA_DB``, default ``./peristiwa.duckdb``."""
    return os.environ.get("PERISTIWA_DB", "peristiwa.duckdb")
