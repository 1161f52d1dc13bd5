"""Executors for the per-document stages: the same pure functions, run locally or on Dask.

An engine maps a picklable top-level function over a list of work items and
yields the results in order. `LocalEngine` uses a process pool (models load
once per worker process); `recoupe.engines.dask_engine` runs on a Dask cluster.
"""

from recoupe.engines.local import Engine, LocalEngine, make_engine

__all__ = ["Engine", "LocalEngine", "make_engine"]
