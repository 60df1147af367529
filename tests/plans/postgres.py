"""A throwaway PostgreSQL server for the plan tests: a cluster made with ``initdb`` in a temporary folder,
started with ``pg_ctl`` on a free localhost port, stopped and deleted at the end of the test session.

PostgreSQL refuses to run as root (CI runs as root), so there the cluster belongs to the ``postgres``
user that Debian's package creates (or ``nobody``) and every server command runs through ``runuser``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SERVER_USER_CANDIDATES = ("postgres", "nobody")
START_ATTEMPTS = 3  # a free port can be taken by someone else between choosing and binding it


class PostgresUnavailable(RuntimeError):
    """The server binaries are not installed (Debian: apt-get install postgresql)."""


def find_bindir() -> Path:
    """The folder of ``initdb`` and ``pg_ctl``: on PATH, else Debian's /usr/lib/postgresql/<newest>/bin."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3].split(".")[0])
    )
    if versions:
        return Path(versions[-1]).parent
    raise PostgresUnavailable(
        "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH nor in /usr/lib/postgresql/*/bin; "
        "install Debian's package: apt-get install -y postgresql (`make system-deps` does it as root)"
    )


@dataclass
class PostgresServer:
    bindir: Path
    root: Path  # temporary folder holding the cluster, its socket and its log
    port: int
    user: str | None  # the user the server runs as when we are root; None: ourselves

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    def url(self, database: str = "postgres") -> str:
        """The URL as users write it: ``postgresql://`` (SQLAlchemy 2.1 takes psycopg 3 for it)."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / argv[0]), *argv[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        # From our folder: the server user may not be allowed into the caller's (a clone under /root).
        return subprocess.run(
            command, cwd=self.root, capture_output=True, text=True, timeout=120, check=False
        )

    def stop(self) -> None:
        self.run("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w")
        shutil.rmtree(self.root, ignore_errors=True)


def start_server() -> PostgresServer:
    """Make a cluster in a new temporary folder and start it; raise with the server's log if it fails."""
    bindir = find_bindir()
    user = _server_user() if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="tinhgon-pg-"))
    if user:
        entry = pwd.getpwnam(user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    server = PostgresServer(bindir, root, 0, user)
    made = server.run(
        "initdb", "-D", str(server.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale"
    )
    if made.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {made.stderr or made.stdout}")
    for _ in range(START_ATTEMPTS):
        server.port = _free_port()
        # Local TCP only, the socket in our folder (not /var/run/postgresql); fsync off: the tests kill
        # clients, never the server, and a throwaway cluster need not survive a power cut.
        options = (
            f"-p {server.port} -c listen_addresses=127.0.0.1 -k {root} "
            "-c fsync=off -c full_page_writes=off -c max_connections=50"
        )
        started = server.run(
            "pg_ctl", "start", "-D", str(server.data), "-l", str(server.log), "-w", "-t", "60", "-o", options
        )
        if started.returncode == 0:
            return server
    log = server.log.read_text(errors="replace")[-2000:] if server.log.exists() else started.stderr
    shutil.rmtree(root, ignore_errors=True)
    raise RuntimeError(f"PostgreSQL did not start: {log}")


def _server_user() -> str:
    for name in SERVER_USER_CANDIDATES:
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root and no 'postgres' or 'nobody' user to run PostgreSQL as")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
