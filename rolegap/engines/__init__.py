"""One project, three engines (DuckDB, Postgres, Spark): the raw Parquet lake every engine reads,
the load step per engine, a throwaway Postgres cluster, and the cross-engine mart comparison."""
