"""The event store: DuckDB by default (one file, a documented public interface), PostgreSQL for teams.

``open_store(url)`` opens (creating and migrating) a store; ``ingest(store, items, coder)`` codes
and writes articles idempotently; ``peristiwa.store.query`` reads story-level events back. The
schema is documented in ``docs/store.md``.
"""

from __future__ import annotations

from peristiwa.store.backend import StoreError
from peristiwa.store.db import Store, open_store
from peristiwa.store.ingest import IngestSummary, ingest

__all__ = ["IngestSummary", "Store", "StoreError", "ingest", "open_store"]
