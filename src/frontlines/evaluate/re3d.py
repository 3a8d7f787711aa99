"""Read the dstl re3d corpus (Syria/Iraq conflict documents with entity spans) as geoparse gold.

re3d marks `Location` entities with character offsets but no coordinates, so it measures
toponym *detection* on conflict text, a domain the other corpora (US local news, web news,
Wikipedia) do not cover, and one no rule of ours was tuned on. Each source folder holds
`documents.json` and `entities.json`, one JSON object per line (or a JSON array).

re3d's Locations include common nouns ("the camp", "fighting positions", "here"). A Location is
a *named* toponym, counted in detection, when one of its words of two letters or more is written
with a capital and is not the first half of a modifier such as "ISIL-held". A word opening a
sentence is capitalised anyway, so there it counts only if the document never writes it in
lower case and it is no very common English word (Zipf 5 or more: "It", "Hospital"); the others are kept as toponyms that are neither right nor wrong (a prediction overlapping them
is not false). Where named Locations nest ("the city of Mosul" around "Mosul"), the innermost is
kept, so that one name is one gold toponym. re3d's `Nationality` spans ("Syrian", "Iraqis") are
neither right nor wrong too: LGL and GeoWebNews count a demonym as a toponym of its country and
re3d does not, so a resolved demonym is not held against us here, nor counted for us.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

#: A word that makes a Location a name: capitalised, and not joined by a hyphen to a lowercase
#: word ("ISIL-held building", "US-led strikes" name the holder, not the place).
_NAME_WORD = re.compile(r"(?<![\w-])[A-Z][\w'’.]+(?![\w'’.]|-[a-z])")
#: A sentence-opening word this common is taken for an ordinary word even if written nowhere else.
VERY_COMMON_ZIPF = 5.0


def _records(path: Path) -> list[dict]:
    """A re3d file: a JSON array, or one object per line."""
    text = path.read_text(encoding="utf-8-sig").strip()
    if not text:
        return []
    if text.startswith("["):
        return list(json.loads(text))
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def is_re3d(path: Path) -> bool:
    """Whether `path` is a re3d source folder or a folder of them."""
    path = Path(path)
    return path.is_dir() and ((path / "entities.json").exists() or any(path.glob("*/entities.json")))


def named(value: str, text: str = "", start: int = 0) -> bool:
    """Whether a Location's words include a name (see the module doc); `text` and `start` place
    it in its document, to tell a sentence's capital from a name's."""
    from wordfreq import zipf_frequency

    words = value.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    elif words and _opens_sentence(text, start):
        first = words[0].lower()
        if zipf_frequency(first, "en") >= VERY_COMMON_ZIPF or re.search(rf"(?<![\w-]){re.escape(first)}(?!\w)", text):
            words = words[1:]
    return _NAME_WORD.search(" ".join(words)) is not None


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:;\"“”\n"


def load_re3d(path: Path | str, corpus: str = "re3d") -> list[dict]:
    """Documents of a re3d folder (or of every source folder under it) in the shared geoparsing
    schema; named toponyms carry `"detect_only": True` (no point to score), the rest
    `"non_locational": True`."""
    path = Path(path)
    folders = [path] if (path / "entities.json").exists() else sorted(p.parent for p in path.glob("*/entities.json"))
    if not folders:
        raise ValueError(f"{path} holds no re3d source folder (documents.json and entities.json)")
    docs: list[dict] = []
    for folder in folders:
        locations: dict[str, list[dict]] = {}
        nationalities: dict[str, set[tuple[int, int]]] = {}
        for e in _records(folder / "entities.json"):
            if e.get("type") == "Location":
                locations.setdefault(e["documentId"], []).append(e)
            elif e.get("type") == "Nationality":
                nationalities.setdefault(e["documentId"], set()).add((int(e["begin"]), int(e["end"])))
        for d in _records(folder / "documents.json"):
            text = d["text"]
            spans = {(int(e["begin"]), int(e["end"])) for e in locations.get(d["_id"], [])}
            spans |= nationalities.get(d["_id"], set())
            names = {s for s in spans - nationalities.get(d["_id"], set()) if named(text[s[0]:s[1]], text, s[0])}
            inner = {s for s in names if not any(o != s and s[0] <= o[0] and o[1] <= s[1] for o in names)}
            toponyms = [{"start": a, "end": b, "text": text[a:b],
                         **({"detect_only": True} if (a, b) in inner else {"non_locational": True})}
                        for a, b in sorted(spans)]
            docs.append({"id": f"{corpus}-{d['_id']}", "corpus": corpus, "title": d.get("title", ""),
                         "text": text, "toponyms": toponyms, "source": folder.name})
    return docs
