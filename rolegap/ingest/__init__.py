"""The raw landing layer: payload files -> DuckDB `raw` schema, as sent, with lineage (docs/architecture.md).

Modules: `detect` (which files, which format, board, fetched_at), `validate` (per-format field rules),
`formats` (read a file into postings and rejects), `store` (DDL; a batch staged in Parquet, then
published in one transaction), `summary` (counts for the CLI), `pipeline` (`ingest_paths`).
"""

from rolegap.ingest.pipeline import ingest_paths
from rolegap.ingest.summary import IngestSummary

__all__ = ["IngestSummary", "ingest_paths"]
