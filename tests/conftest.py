"""Shared fixtures: where the shared data and the seed article are, and skips when they are absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from peristiwa.config import MODEL_DIR, data_dir

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seeds" / "000_cd2e7644dbc220f6.txt"
SEED_GOLD = REPO.parent / "shared" / "gold" / "000_cd2e7644dbc220f6.gold.json"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    d = data_dir()
    if not d.is_dir():
        pytest.skip(f"shared data not found at {d} (set PERISTIWA_DATA)")
    return d


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    if not (MODEL_DIR / "config.cfg").is_file():
        pytest.skip(f"trained pipeline not found in {MODEL_DIR} (run `make models`)")
    from peristiwa import nlp as nlp_mod

    return nlp_mod.load()
