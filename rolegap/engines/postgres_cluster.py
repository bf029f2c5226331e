"""A throwaway Postgres cluster: `initdb` into a temporary folder, `pg_ctl start` on a free loopback
port with its unix socket in that folder, and stop + delete on exit.

    with temporary_cluster() as cluster:
        env = {**os.environ, **cluster.env()}      # ROLEGAP_PG_* for profiles.yml's `postgres` target
        psycopg2.connect(cluster.dsn)

Used by `make engines` (`python -m rolegap.engines.postgres_cluster -- COMMAND...` runs one command
with the cluster's variables set) and by pytest fixtures. Trust authentication, loopback only: the
cluster holds test data and lives as long as the command. initdb refuses to run as root, so as root
the server runs as the `postgres` user (Debian's package creates it), else as `nobody`.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BIN_GLOB = "/usr/lib/postgresql/*/bin"  # Debian's postgresql-NN packages
DATABASE = "rolegap"
SUPERUSER = "rolegap"
START_TIMEOUT_S = 60


class ClusterError(RuntimeError):
    """Postgres could not be found, initialised or started; the message says which and why."""


def find_bin_dir() -> Path:
    """The folder holding initdb and pg_ctl: $ROLEGAP_PG_BIN, else PATH, else Debian's newest version."""
    configured = os.environ.get("ROLEGAP_PG_BIN")
    if configured:
        return Path(configured)
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    candidates = [Path(p) for p in glob.glob(BIN_GLOB) if (Path(p) / "initdb").exists()]
    if not candidates:
        raise ClusterError(
            "no Postgres server binaries (initdb, pg_ctl): install Debian's `postgresql` package "
            "or set ROLEGAP_PG_BIN to the folder holding them"
        )
    return max(candidates, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on now (the kernel's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _server_user() -> str | None:
    """None when not root (run as ourselves); else an unprivileged account initdb accepts."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise ClusterError("running as root and no `postgres` or `nobody` account to run Postgres as")


@dataclass(frozen=True)
class Cluster:
    """A running cluster: where it listens and how to reach it."""

    root: Path
    host: str
    port: int
    socket_dir: Path
    user: str = SUPERUSER
    dbname: str = DATABASE

    @property
    def dsn(self) -> str:
        return f"host={self.host} port={self.port} user={self.user} dbname={self.dbname}"

    def env(self) -> dict[str, str]:
        """The variables profiles.yml's `postgres` target and `rolegap load --target postgres` read."""
        return {
            "ROLEGAP_PG_HOST": self.host,
            "ROLEGAP_PG_PORT": str(self.port),
            "ROLEGAP_PG_USER": self.user,
            "ROLEGAP_PG_PASSWORD": "",
            "ROLEGAP_PG_DATABASE": self.dbname,
        }


def _run(command: list[str], user: str | None, what: str, log: Path | None = None) -> None:
    completed = subprocess.run(command, user=user, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        detail = (completed.stderr or completed.stdout).strip().splitlines()
        tail = log.read_text(errors="replace").strip().splitlines()[-3:] if log and log.exists() else []
        raise ClusterError(f"{what} failed (exit {completed.returncode}): " + " | ".join(detail[-3:] + tail))


@contextmanager
def temporary_cluster(port: int | None = None, keep: bool = False) -> Iterator[Cluster]:
    """Start a fresh cluster, yield it, then stop it and delete its folder (unless `keep`)."""
    bin_dir = find_bin_dir()
    user = _server_user()
    root = Path(tempfile.mkdtemp(prefix="rolegap-pg-"))
    data, log = root / "data", root / "server.log"
    if user is not None:
        account = pwd.getpwnam(user)
        os.chown(root, account.pw_uid, account.pw_gid)
    cluster = Cluster(root=root, host="127.0.0.1", port=port or free_port(), socket_dir=root)
    started = False
    try:
        _run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            user,
            "initdb",
        )
        options = (
            f"-c listen_addresses={cluster.host} -c port={cluster.port} "
            f"-c unix_socket_directories={root} -c fsync=off -c full_page_writes=off "
            f"-c synchronous_commit=off -c max_connections=40 -c TimeZone=UTC"
        )
        _run(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-o",
                options,
                "-w",
                "-t",
                str(START_TIMEOUT_S),
                "start",
            ],
            user,
            f"pg_ctl start on port {cluster.port}",
            log,
        )
        started = True
        _run(
            [str(bin_dir / "createdb"), "-h", str(root), "-p", str(cluster.port), "-U", SUPERUSER, DATABASE],
            user,
            "createdb",
        )
        yield cluster
    finally:
        # also when `pg_ctl start` gave up waiting but the server came up after all (its pid file)
        if started or (data / "postmaster.pid").exists():
            subprocess.run(
                [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                user=user,
                capture_output=True,
                check=False,
            )
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """`python -m rolegap.engines.postgres_cluster [--] COMMAND...`: run COMMAND against a fresh cluster."""
    args = list(sys.argv[1:] if argv is None else argv)
    usage = "usage: python -m rolegap.engines.postgres_cluster -- COMMAND [ARGS...]"
    if args[:1] in (["-h"], ["--help"]):
        print(usage)
        print("Runs COMMAND against a fresh throwaway cluster (ROLEGAP_PG_* set), then stops and removes it.")
        return 0
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        print(usage, file=sys.stderr)
        return 2

    def _sigterm(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, _sigterm)  # a CI timeout's SIGTERM stops the cluster too
    try:
        with temporary_cluster() as cluster:
            print(
                f"postgres: throwaway cluster on {cluster.host}:{cluster.port} ({cluster.root})",
                file=sys.stderr,
                flush=True,
            )
            return subprocess.run(args, env={**os.environ, **cluster.env()}, check=False).returncode
    except FileNotFoundError as exc:
        print(f"postgres: cannot run {args[0]!r}: {exc.strerror}", file=sys.stderr)
        return 127
    except ClusterError as exc:
        print(f"postgres: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
