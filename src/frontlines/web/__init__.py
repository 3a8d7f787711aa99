"""The workbench: a FastAPI app (REST API with OpenAPI at /docs) and a web page with a map, a
timeline, a reader with evidence highlighted, review and notes, over the same database as the CLI."""

from frontlines.web.app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
