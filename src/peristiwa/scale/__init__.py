"""Throughput: the parse-free fast path, process pools, Dask clusters and Parquet datasets.

Everything here produces exactly the events of the single-process
:class:`peristiwa.coding.coder.Coder`; only where and how fast the work happens changes (see
``docs/performance.md``).
"""
