"""`frontlines gazetteer`: build, inspect and query the place index."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from frontlines.cli_common import GazetteerOption, err

app = typer.Typer(help="Build, inspect and query the place gazetteer.", no_args_is_help=True)


@app.command("build")
def gazetteer_build(
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Index file to write (default: the cache file used by default).")] = None,
    geonames: Annotated[Optional[list[Path]], typer.Option("--geonames", help="GeoNames dump(s): allCountries.zip, SY.zip, cities500.txt… zipped or not. Repeat for several.")] = None,
    admin1: Annotated[Optional[Path], typer.Option(help="admin1CodesASCII.txt, for division names.")] = None,
    admin2: Annotated[Optional[Path], typer.Option(help="admin2Codes.txt, for district names.")] = None,
    country_info: Annotated[Optional[Path], typer.Option("--country-info", help="countryInfo.txt, for country names.")] = None,
) -> None:
    """Build a gazetteer index, from GeoNames dumps when given, else from the GeoNames data in PyPI packages."""
    from frontlines.places import Gazetteer

    for path in [*(geonames or []), admin1, admin2, country_info]:
        if path is not None and not path.exists():
            raise typer.BadParameter(f"{path} does not exist; download it from GeoNames or fix the path")
    with err.status("building the gazetteer index…"):
        gaz = Gazetteer.build(out, geonames_files=geonames or None, admin1=admin1, admin2=admin2, country_info=country_info)
    err.print(f"wrote {gaz.info().get('path')}: {len(gaz):,} places")


@app.command("info")
def gazetteer_info(gazetteer: GazetteerOption = None) -> None:
    """Show the gazetteer index: where it is, what it holds, how it was built."""
    from frontlines.places import Gazetteer

    gaz = Gazetteer.load(gazetteer) if gazetteer else Gazetteer.default()
    table = Table(show_header=False)
    for key, value in gaz.info().items():
        table.add_row(str(key), str(value))
    Console().print(table)


@app.command("lookup")
def gazetteer_lookup(
    name: Annotated[str, typer.Argument(help="A place name, in any common spelling.")],
    country: Annotated[Optional[str], typer.Option(help="Only places in these countries (ISO codes, comma-separated).")] = None,
    limit: Annotated[int, typer.Option(help="How many candidates to show.")] = 10,
    gazetteer: GazetteerOption = None,
) -> None:
    """Candidates for a name, exact spelling keys first, then fuzzy matches with their similarity."""
    from frontlines.places import Gazetteer

    gaz = Gazetteer.load(gazetteer) if gazetteer else Gazetteer.default()
    countries = [c.strip().upper() for c in country.split(",")] if country else None
    exact = [(p, 1.0) for p in gaz.candidates(name) if not countries or p.country_code in countries]
    fuzzy = [] if exact else gaz.fuzzy(name, countries=countries, limit=limit)
    table = Table("geonameid", "name", "feature", "country", "admin1", "lat", "lon", "population", "match")
    for place, score in (exact + fuzzy)[:limit]:
        table.add_row(str(place.geonameid), place.name, f"{place.feature_class}.{place.feature_code}", place.country_code,
                      place.admin1_name or "", f"{place.lat:.4f}", f"{place.lon:.4f}", f"{place.population:,}",
                      "exact key" if score == 1.0 else f"fuzzy {score:.2f}")
    Console().print(table)
    if not exact and not fuzzy:
        raise typer.Exit(1)
