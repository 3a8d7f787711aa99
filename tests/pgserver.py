"""A throwaway PostgreSQL server for the tests: `initdb` in a temporary folder, a Unix socket only.

`scripts/install-postgres.sh` (run by `make test`) installs Debian's server when it is missing.
The server binaries are looked up on PATH, then under /usr/lib/postgresql/*/bin. PostgreSQL
refuses to run as root, so under root the cluster is owned and run by the `postgres` system
user (which Debian's package creates). Each test database is created fresh with `database()`.
Without binaries the tests that need the server skip, saying why; in CI they fail instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

INSTALL_HINT = "install PostgreSQL's server (`bash scripts/install-postgres.sh`, or apt-get install postgresql)"


def find_bin(name: str) -> str | None:
    """The path of a PostgreSQL server program, newest version first."""
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / name).exists():
            return str(folder / name)
    return None


class PostgresServer:
    """One cluster in a temporary folder, listening on a Unix socket there (no TCP port)."""

    def __init__(self) -> None:
        initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError(f"PostgreSQL's initdb and pg_ctl were not found: {INSTALL_HINT}")
        self.pg_ctl = pg_ctl
        self.root = Path(tempfile.mkdtemp(prefix="frontlines-pg-"))
        self.data = self.root / "data"
        self.socket = self.root / "socket"
        self.socket.mkdir()
        self.log = self.root / "server.log"
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            shutil.chown(self.root, self.user)
            shutil.chown(self.socket, self.user)
        try:
            self._run([initdb, "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                       "--locale=C.UTF-8", "--no-sync"])
            options = f"-k {self.socket} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
            self._run([pg_ctl, "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start"])
        except RuntimeError:  # leave no half-started server or folder behind
            if (self.data / "postmaster.pid").exists():
                subprocess.run(self._as_owner([pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"]),
                               capture_output=True, check=False)
            shutil.rmtree(self.root, ignore_errors=True)
            raise

    def _as_owner(self, args: list[str]) -> list[str]:
        """The command run as the cluster's owner (`postgres` when we are root)."""
        return ["runuser", "-u", self.user, "--", *args] if self.user else args

    def _run(self, args: list[str]) -> None:
        args = self._as_owner(args)
        done = subprocess.run(args, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.strip()} {log[-2000:]}")

    def url(self, dbname: str = "postgres") -> str:
        """A SQLAlchemy URL (psycopg 3) for a database of this server."""
        return f"postgresql+psycopg://postgres@/{dbname}?host={self.socket}"

    def database(self) -> str:
        """Create an empty database and return its URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(host=str(self.socket), user="postgres", dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run([self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
