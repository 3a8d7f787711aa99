"""The workbench application: the API routers, the page, its bundled assets, and the guards around them.

`create_app(WebConfig(...))` builds a FastAPI app over one `Database` (the same URL the CLI
uses). The page is `page/index.html`; its script, styles and the Natural Earth borders are built
from npm packages into `static/` by `web/build.mjs` (`make web`), so nothing is fetched from a
CDN at run time. OpenAPI lives at `/docs`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from frontlines import __version__
from frontlines.store import Database
from frontlines.web import api, writes
from frontlines.web.security import BodyLimit, RateLimit, parse_tokens, security_headers

HERE = Path(__file__).resolve().parent
PAGE = HERE / "page" / "index.html"
DOCS = HERE / "page" / "docs.html"
ASSETS = Path(os.environ.get("FRONTLINES_WEB_ASSETS") or HERE / "static")
BUILT = ("app.js", "app.css", "countries.json", "docs.js", "swagger/swagger-ui-bundle.js")

BUILD_HELP = "build them with `make web` (npm ci in web/, then node web/build.mjs)"


@dataclass(slots=True)
class WebConfig:
    """How to serve: the database, write tokens, the hosts the server answers to, limits, tiles."""

    db_url: str
    token: str | None = None  # SECRET or NAME:SECRET[,NAME:SECRET...]
    allowed_hosts: list[str] = field(default_factory=lambda: ["127.0.0.1", "localhost", "[::1]"])
    tiles: str | None = None  # e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png
    tiles_attribution: str = "© OpenStreetMap contributors"
    note_rate: str = "5/minute;50/day"
    max_body: int = 64 * 1024


def missing_assets(folder: Path = ASSETS) -> list[str]:
    """Built asset files that are not there (empty when the page can run)."""
    return [name for name in BUILT if not (folder / name).is_file()]


def _field_of(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or "request"


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    """422 that names each field and says what is wrong, without echoing the input (which may hold an email)."""
    assert isinstance(exc, RequestValidationError)
    errors = [{"field": _field_of(tuple(err.get("loc", ()))), "message": str(err.get("msg", "invalid value"))}
              for err in exc.errors()]
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return JSONResponse({"detail": summary, "errors": errors}, status_code=422)


def create_app(config: WebConfig, db: Database | None = None) -> FastAPI:
    """The workbench over `config.db_url` (or an open `db`)."""
    app = FastAPI(title="frontlines workbench", version=__version__, docs_url=None, redoc_url=None,
                  description="Events coded from conflict reports: read, filter, review and annotate. "
                              "Reads are open; writes need the workbench token (Authorization: Bearer) "
                              "or, for notes from the page, the CSRF cookie echoed in X-CSRF-Token.")
    app.state.db = db or Database(config.db_url)
    app.state.tokens = parse_tokens(config.token)
    app.state.note_limit = RateLimit(config.note_rate)
    app.state.config = config
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.include_router(api.router)
    app.include_router(writes.router)
    app.middleware("http")(security_headers(config.tiles))
    app.add_middleware(BodyLimit, max_bytes=config.max_body)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=config.allowed_hosts)

    @app.get("/api/config", summary="What the page needs to know: basemap options and version")
    def page_config() -> dict[str, Any]:
        return {"version": __version__, "tiles": config.tiles, "tiles_attribution": config.tiles_attribution,
                "writing": bool(app.state.tokens)}

    @app.get("/", include_in_schema=False)
    def index() -> Any:
        missing = missing_assets()
        if missing:
            return HTMLResponse(f"<h1>frontlines workbench</h1><p>The page's assets are not built "
                                f"({', '.join(missing)} missing in {ASSETS}): {BUILD_HELP}. The API works: "
                                "<a href='/docs'>/docs</a>.</p>", status_code=503)
        return FileResponse(PAGE, media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(DOCS, media_type="text/html; charset=utf-8")

    if ASSETS.is_dir():
        app.mount("/static", StaticFiles(directory=ASSETS), name="static")
    return app
