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
    alternate_names: Annotated[Optional[Path], typer.Option("--alternate-names", help="alternateNamesV2.zip (or .txt): more names for the places read.")] = None,
    countries: Annotated[Optional[str], typer.Option("--countries", help="Keep only the places of these ISO codes, comma-separated (every country is kept).")] = None,
    places_from: Annotated[Optional[list[Path]], typer.Option("--places-from", help="An event dataset whose coded places are added, with provenance. Repeat for several.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="Format of --places-from files: ucdp (GED), acled, or csv (name, latitude, longitude[, country]).")] = "ucdp",
    features: Annotated[str, typer.Option("--features", help="Which GeoNames features to keep: conflict (divisions, populated places, rivers, wadis, lakes, regions, parks, oil/gas fields, bases, mountains, islands, valleys, airports, camps, border posts, dams, bridges...; no hotels, schools, farms, wells), populated (divisions and populated places only), or all (all but roads and undersea).")] = "conflict",
    backend: Annotated[str, typer.Option("--backend", help="Index layout: marshal (read whole, fastest lookups; builds in memory, ~20x the text), sqlite (streams in bounded memory, opens lazily; for allCountries), or auto (sqlite above 64 MB of GeoNames text).")] = "auto",
) -> None:
    """Build a gazetteer index, from GeoNames dumps when given, else from the GeoNames data in PyPI packages.

    Dumps are read streaming, zipped or not (allCountries.zip, SY.zip, alternateNamesV2.zip); a full
    allCountries goes to a SQLite index in bounded memory. The file is written under a temporary name
    and renamed when complete."""
    from frontlines.places import Gazetteer
    from frontlines.places.gazetteer import BACKENDS
    from frontlines.places.geonames import FEATURE_POLICIES, GeoNamesError
    from frontlines.places.learnt import FORMATS

    for path in [*(geonames or []), admin1, admin2, country_info, alternate_names, *(places_from or [])]:
        if path is not None and not path.exists():
            raise typer.BadParameter(f"{path} does not exist; download it from GeoNames or fix the path")
    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    if features not in FEATURE_POLICIES:
        raise typer.BadParameter(f"--features must be one of {', '.join(FEATURE_POLICIES)}")
    if backend not in BACKENDS:
        raise typer.BadParameter(f"--backend must be one of {', '.join(BACKENDS)}")
    if places_from and out is None:
        raise typer.BadParameter("places learnt from event datasets go into an index of their own: give --out FILE "
                                 "and use it with --gazetteer or FRONTLINES_GAZETTEER (the default index stays "
                                 "GeoNames only, so evaluations on those datasets do not read their own answers)",
                                 param_hint="--places-from")
    ccs = [c.strip().upper() for c in countries.split(",") if c.strip()] if countries else None
    try:
        with err.status("building the gazetteer index…"):
            gaz = Gazetteer.build(out, geonames_files=geonames or None, admin1=admin1, admin2=admin2,
                                  country_info=country_info, alternate_names=alternate_names,
                                  places_from=[(p, fmt) for p in places_from or []], countries=ccs,
                                  features=features, backend=backend)
    except GeoNamesError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2) from None
    info = gaz.info()
    err.print(f"wrote {info.get('path')} ({info['format']}, {info['bytes'] or 0:,} bytes): {len(gaz):,} places "
              f"({info['learnt_places']:,} from event datasets)")


def _load(path: Optional[Path]):  # noqa: ANN202 - Gazetteer imported lazily
    """The index at `path` (or the default one); an unreadable file is a clear error, not a traceback."""
    from frontlines.places import Gazetteer

    if path is None:
        return Gazetteer.default()
    if not path.exists():
        raise typer.BadParameter(f"{path} does not exist; build it with `frontlines gazetteer build --out {path}`",
                                 param_hint="--gazetteer")
    try:
        return Gazetteer.load(path)
    except ValueError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2) from None
    except OSError as e:
        err.print(f"[red]error:[/red] {path} cannot be read ({e.strerror or e}); give the index file that "
                  "`frontlines gazetteer build --out PATH` wrote")
        raise typer.Exit(2) from None


@app.command("info")
def gazetteer_info(gazetteer: GazetteerOption = None) -> None:
    """Show the gazetteer index: where it is, what it holds, how it was built."""
    gaz = _load(gazetteer)
    table = Table(show_header=False)
    for key, value in gaz.info().items():
        table.add_row(str(key), str(value))
    Console().print(table)


@app.command("lookup")
def gazetteer_lookup(
    name: Annotated[str, typer.Argument(help="A place name, in any common spelling.")],
    country: Annotated[Optional[str], typer.Option(help="Only places in these countries (ISO codes, comma-separated).")] = None,
    near: Annotated[Optional[str], typer.Option("--near", help="LAT,LON: rank places near this point first.")] = None,
    limit: Annotated[int, typer.Option(help="How many candidates to show.")] = 10,
    gazetteer: GazetteerOption = None,
) -> None:
    """Ranked candidates for a name (exact spelling keys, else bounded fuzzy) with the features that ranked them."""
    from frontlines.places import Resolver

    point = None
    if near:
        try:
            lat, lon = (float(x) for x in near.split(","))
        except ValueError:
            raise typer.BadParameter("--near takes LAT,LON, e.g. --near 34.5,38.3") from None
        point = (lat, lon)
    gaz = _load(gazetteer)
    countries = {c.strip().upper() for c in country.split(",")} if country else None
    ranked = Resolver(gaz).lookup(name, countries=countries, near=point, limit=limit)
    table = Table("geonameid", "place", "lat, lon", "population", "total = match, prior, coherence, fit", "why")
    for r in ranked:
        p, f = r.option.place, r.features
        where = ", ".join(x for x in (p.admin1_name, p.country_code) if x)
        origin = "" if p.source == "geonames" else f" [{p.source}]"
        table.add_row(str(p.geonameid), f"{p.name} ({p.feature_class}.{p.feature_code}; {where}){origin}",
                      f"{p.lat:.4f}, {p.lon:.4f}", f"{p.population:,}",
                      f"{r.total:.3f} = {f['match']:.2f}, {f['prior']:.2f}, {f['coherence']:.2f}, {f['fit']:.2f}",
                      r.option.how + (f"; {r.why}" if r.why else ""))
    Console().print(table)
    if not ranked:
        raise typer.Exit(1)
