"""``ui``: start the Streamlit workbench."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from engine.services.paths import REPO_ROOT

APP = REPO_ROOT / "ui" / "app.py"


def register(commands: argparse._SubParsersAction) -> None:
    ui = commands.add_parser(
        "ui",
        help="start the workbench (Streamlit) in the browser",
        description="Serve the Tinh Gọn workbench on http://localhost:PORT. It works offline and reads "
        "the bundled catalogue unless --catalogue (or TINHGON_CATALOGUE) names another.",
    )
    ui.add_argument("--port", type=int, default=8501, help="port to serve on (default: 8501)")
    ui.add_argument(
        "--address",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only; a team reaches it through "
        "a reverse proxy with a login, see docs/deploy.md)",
    )
    ui.add_argument("--catalogue", type=Path, help="catalogue folder or raw records folder")
    ui.add_argument("--headless", action="store_true", help="do not open a browser window")
    ui.set_defaults(handler=_ui)


def _ui(args: argparse.Namespace) -> int:
    env = dict(os.environ)
    if args.catalogue:
        env["TINHGON_CATALOGUE"] = str(args.catalogue.resolve())
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.port",
        str(args.port),
        "--server.address",
        args.address,
        "--server.headless",
        "true" if args.headless else "false",
        "--browser.gatherUsageStats",
        "false",
        "--global.developmentMode",
        "false",
    ]
    return subprocess.call(command, env=env)
