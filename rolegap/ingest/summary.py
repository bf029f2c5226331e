"""What one ingest run did, for the CLI and for tests."""

from __future__ import annotations

from dataclasses import dataclass, field

SHOWN_REJECTS = 10


@dataclass
class IngestSummary:
    batch_id: str
    db_path: str
    files_n: int = 0
    skipped_n: int = 0  # non-payload files found in folders (not records, not read)
    read_n: int = 0
    loaded_n: int = 0
    duplicate_n: int = 0
    rejected_n: int = 0
    snapshots_n: int = 0  # new rows in raw.ingest_snapshots (files read as listings, not seen before)
    sightings_n: int = 0  # new rows in raw.ingest_sightings
    loaded_by_table: dict[str, int] = field(default_factory=dict)
    # Company profile lines (raw.company_profiles), counted apart from postings.
    profiles_read_n: int = 0
    profiles_loaded_n: int = 0
    profiles_rejected_n: int = 0
    reject_messages: list[str] = field(default_factory=list)  # the first SHOWN_REJECTS
    payload_bytes: int = 0
    seconds: float = 0.0
    lake: str = ""  # what the export to the Parquet lake did (rolegap.engines.lake), one line

    @property
    def is_consistent(self) -> bool:
        """Nothing lost: every record read landed, was a duplicate, or was rejected."""
        return self.read_n == self.loaded_n + self.duplicate_n + self.rejected_n

    @property
    def profiles_duplicate_n(self) -> int:
        """Profile lines already stored (same content): counted, not stored again."""
        return self.profiles_read_n - self.profiles_loaded_n - self.profiles_rejected_n

    def describe(self) -> str:
        tables = ", ".join(f"{name} {n}" for name, n in self.loaded_by_table.items() if n) or "none"
        lines = [
            f"ingest batch {self.batch_id} -> {self.db_path}",
            f"  files {self.files_n}"
            + (f" (skipped {self.skipped_n} non-payload files)" if self.skipped_n else ""),
            f"  read {self.read_n} | loaded {self.loaded_n} | duplicate {self.duplicate_n} "
            f"| rejected {self.rejected_n}",
            f"  loaded by table: {tables}",
            f"  snapshots {self.snapshots_n} new | sightings {self.sightings_n} new",
        ]
        if self.lake:
            lines.append(f"  {self.lake}")
        if self.profiles_read_n:
            lines.append(
                f"  company profiles: read {self.profiles_read_n} | loaded {self.profiles_loaded_n} "
                f"| duplicate {self.profiles_duplicate_n} | rejected {self.profiles_rejected_n} "
                "(raw.company_profiles; rejects in raw.company_profile_rejects)"
            )
        rejected = self.rejected_n + self.profiles_rejected_n
        if rejected:
            tables = "raw.ingest_rejects"
            if self.profiles_rejected_n:
                tables += ", raw.company_profile_rejects"
            lines.append(f"  rejects (stored in {tables} with batch_id '{self.batch_id}'):")
            lines += [f"    {message}" for message in self.reject_messages]
            if rejected > len(self.reject_messages):
                lines.append(f"    ... and {rejected - len(self.reject_messages)} more")
        return "\n".join(lines)
