"""Where the plan database is: ``TINHGON_DB_URL``, else a SQLite file in the working folder."""

from __future__ import annotations

import os

DEFAULT_DB_URL = "sqlite:///tinhgon-plans.db"
DB_URL_ENV = "TINHGON_DB_URL"


def default_url() -> str:
    return os.environ.get(DB_URL_ENV) or DEFAULT_DB_URL
