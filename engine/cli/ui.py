"""``ui``: start the Streamlit workbench.

Always headless (Streamlit's first-run e-mail prompt needs a terminal and exits 255 without one), no
usage statistics, no developer toolbar (no "Deploy" button), listening on 127.0.0.1 unless ``--address``
says otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from engine.services.paths import REPO_ROOT
from engine.services.uploads import MAX_UPLOAD_MB

APP = REPO_ROOT / "ui" / "app.py"
DEFAULT_ADDRESS = "127.0.0.1"


def register(commands: argparse._SubParsersAction) -> None:
    ui = commands.add_parser(
        "ui",
        help="start the workbench (Streamlit) in the browser",
        description="Serve the Tinh Gọn workbench on http://ADDRESS:PORT. It works offline, never prompts, "
        "and reads the bundled catalogue unless --catalogue (or TINHGON_CATALOGUE) names another.",
    )
    ui.add_argument("--port", type=int, default=8501, help="port to serve on (default: 8501)")
    ui.add_argument(
        "--address",
        default=DEFAULT_ADDRESS,
        help=f"address to listen on (default: {DEFAULT_ADDRESS}, this machine only; a team reaches it "
        "through a reverse proxy with a login, see docs/deploy.md)",
    )
    ui.add_argument("--catalogue", type=Path, help="catalogue folder or raw records folder")
    ui.add_argument(
        "--headless", action="store_true", help="kept for old scripts: the workbench is always headless"
    )
    ui.set_defaults(handler=_ui)


def streamlit_command(port: int, address: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
        "--server.maxUploadSize",
        str(MAX_UPLOAD_MB),
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "viewer",
        "--global.developmentMode",
        "false",
    ]


def _ui(args: argparse.Namespace) -> int:
    env = dict(os.environ)
    if args.catalogue:
        if not args.catalogue.exists():
            print(f"{args.catalogue}: no such file or folder", file=sys.stderr)
            return 2
        env["TINHGON_CATALOGUE"] = str(args.catalogue.resolve())
    print(f"Tinh Gọn workbench: http://{args.address}:{args.port}", file=sys.stderr)
    # Become the Streamlit server instead of waiting on it: a SIGTERM (a service manager, a test) then
    # stops the server itself rather than leaving it running without its parent.
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    command = streamlit_command(args.port, args.address)
    os.execve(command[0], command, env)
