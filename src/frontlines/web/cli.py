"""`frontlines serve`: the workbench on the CLI's database."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from frontlines.cli_common import DbOption, err


def serve(
    db: DbOption,
    host: Annotated[str, typer.Option(help="Address to listen on. Beyond loopback a write token is required.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[Optional[str], typer.Option(envvar="FRONTLINES_TOKEN", show_envvar=True,
                                                 help="Write token for reviews and moderation: SECRET, or NAME:SECRET pairs "
                                                      "separated by commas (each name is recorded as the reviewer).")] = None,
    allowed_host: Annotated[Optional[list[str]], typer.Option("--allowed-host", help="Host name clients use to reach "
                                                             "the server (repeatable); default: localhost names on "
                                                             "loopback, any host otherwise.")] = None,
    tiles: Annotated[Optional[str], typer.Option(envvar="FRONTLINES_TILES", show_envvar=True,
                                                 help="Online tile server URL template, e.g. "
                                                      "https://tile.openstreetmap.org/{z}/{x}/{y}.png (default: offline borders only).")] = None,
    note_rate: Annotated[str, typer.Option(help="Notes allowed per client address, e.g. '5/minute;50/day'.")] = "5/minute;50/day",
) -> None:
    """Serve the workbench: map, timeline, reader, review and notes, with the REST API at /api and its docs at /docs."""
    import uvicorn

    from frontlines.store import Database, StoreError
    from frontlines.web.app import BUILD_HELP, WebConfig, create_app, missing_assets
    from frontlines.web.security import TokenSpecError, check_bind, is_loopback, parse_tokens

    try:
        check_bind(host, parse_tokens(token))
    except (PermissionError, TokenSpecError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    hosts = allowed_host or (["127.0.0.1", "localhost", "[::1]"] if is_loopback(host) else ["*"])
    try:
        database = Database(db)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    missing = missing_assets()
    if missing:
        err.print(f"[yellow]warning:[/yellow] the page's assets are not built ({', '.join(missing)}); {BUILD_HELP}. "
                  "The API works without them.")
    config = WebConfig(db_url=db, token=token, allowed_hosts=hosts, tiles=tiles, note_rate=note_rate)
    app = create_app(config, database)
    err.print(f"workbench on http://{host}:{port}/ (API docs at /docs); writing "
              + ("needs the token" if config.token else "is off (no token set)"))
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)
