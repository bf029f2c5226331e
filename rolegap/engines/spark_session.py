"""The local Spark session profiles.yml's `spark` target (dbt-spark, method: session) makes, built here
from the same variables so that `rolegap load --target spark` registers the lake's tables in the
catalog dbt then reads.

- ROLEGAP_SPARK_DIR (default `warehouse/spark`): the catalog lives here: `metastore_db/` (an embedded
  Derby Hive metastore) and `warehouse/` (managed tables: seeds, models). One Spark process at a time
  may open it (Derby's lock), as DuckDB's file.
- ROLEGAP_SPARK_DRIVER_MEMORY (default `4g`), ROLEGAP_SPARK_SHUFFLE_PARTITIONS (default `4`: this
  is a 2-core machine; Spark's 200 makes every small aggregate 200 tasks).

`spark_conf()` and profiles.yml must agree; tests/python/test_engines_profiles.py checks it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def spark_dir() -> str:
    """As written in the variable: relative paths are relative to the working directory, as dbt's."""
    return os.environ.get("ROLEGAP_SPARK_DIR", "warehouse/spark")


def spark_conf() -> dict[str, str]:
    root = spark_dir()
    return {
        "spark.master": "local[2]",
        "spark.sql.warehouse.dir": f"{root}/warehouse",
        "spark.hadoop.javax.jdo.option.ConnectionURL": "jdbc:derby:;databaseName=metastore_db;create=true",
        "spark.driver.extraJavaOptions": f"-Dderby.system.home={root}",
        "spark.driver.memory": os.environ.get("ROLEGAP_SPARK_DRIVER_MEMORY", "4g"),
        "spark.sql.shuffle.partitions": os.environ.get("ROLEGAP_SPARK_SHUFFLE_PARTITIONS", "4"),
        "spark.sql.session.timeZone": "UTC",
        "spark.ui.enabled": "false",
        "spark.sql.ansi.enabled": "false",  # dbt-spark forces this on its sessions (Spark 3 and 4 alike)
    }


def session() -> Any:
    """A SparkSession with Hive support on the local catalog (pyspark from requirements-engines.lock)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise RuntimeError(
            "Spark needs pyspark: install requirements-engines.lock (`make engines-setup`)"
        ) from exc
    Path(spark_dir()).mkdir(parents=True, exist_ok=True)
    builder = SparkSession.builder.appName("rolegap").enableHiveSupport()
    for key, value in spark_conf().items():
        builder = builder.config(key, value)
    return builder.getOrCreate()
