"""ingest stage: files, folders, JSONL/CSV batches and standard input to `Document`s."""

from frontlines.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes, parse_date
from frontlines.ingest.readers import SUPPORTED_EXTENSIONS, iter_documents, looks_like_html

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_EXTENSIONS",
    "decode_bytes",
    "iter_documents",
    "looks_like_html",
    "parse_date",
]
