"""`frontlines eval geoparse`: toponym recognition and resolution measured on gold JSONL.

Gold documents follow the shared geoparsing schema (`{"id", "corpus", "text", "toponyms":
[{"start", "end", "text", "lat"?, "lon"?, "geonameid"?, "non_locational"?, "detect_only"?}]}`).
A gold toponym is *resolvable* when it has a point and is not `non_locational`; it *counts* in
detection when it is resolvable or `detect_only` (a name without a point: the re3d corpus, read
from its folders by `re3d.py`, which measures detection on conflict text).

Metrics, per corpus and per system (ours and the peers of `geopeers.py`):

- detection: predicted and counted gold spans are paired one to one, largest overlap first
  (a pair needs at least one shared character). precision = pairs / (pairs + false), recall =
  pairs / counted gold, F1 their harmonic mean. A prediction left unpaired is *false* unless
  it overlaps a gold toponym that does not count (those are neither right nor wrong).
  Precision is None for corpora that annotate only some toponyms (`PARTIAL_CORPORA`: WikToR).
- acc161: over paired toponyms with a gold point, the share resolved right: the same geonameid, or a point within
  161 km (100 miles) of the gold point. A paired mention left unresolved counts as wrong.
- recall161: right resolutions over all resolvable gold toponyms (end to end).
- mean_km, median_km: the error of the paired toponyms that got a place (0 for the same id).
- auc: area under the curve of the sorted log errors (Gritta et al. 2018, "What's missing in
  geographical parsing?"): with e_1 <= ... <= e_n the errors of the paired toponyms,
  AUC = sum_{i<n} (l_i + l_{i+1}) / 2 / ((n - 1) * ln 20039), l_i = ln(1 + e_i), i.e. the
  trapezoid rule on ln(1 + e) scaled by the largest possible distance (20,039 km, half the
  equator), in [0, 1], lower is better. A paired toponym left unresolved enters with 20,039 km,
  so that declining to answer is not rewarded; with n = 1 the AUC is l_1 / ln 20039.

Time: the documents of a corpus are parsed once with spaCy's `nlp.pipe`; that parse time is
counted in full in `seconds` of every system that reads the parse (ours and spaCy+population),
and each system adds its own time on top. geotext does not read the parse and counts only its
own time. The corpus entry also reports `parse_seconds` alone.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .geoceiling import CLASSES, REACHABLE, classify, summarise
from .geopeers import PEERS, PredictedToponym, make_peer, needs_parse
from .re3d import is_re3d, load_re3d

PARTIAL_CORPORA = frozenset({"wiktor"})
MAX_KM = 20039.0
RIGHT_KM = 161.0
METRICS = ("precision", "recall", "f1", "acc161", "recall161", "mean_km", "median_km", "auc")
LOWER_IS_BETTER = frozenset({"mean_km", "median_km", "auc"})


# -- gold ------------------------------------------------------------------------------------

def load_gold(paths: Iterable[Path | str]) -> list[dict]:
    """The documents of gold JSONL files (or re3d folders), in order; `corpus` defaults to the
    file's stem."""
    docs: list[dict] = []
    for path in paths:
        path = Path(path)
        if is_re3d(path):
            docs.extend(load_re3d(path))
            continue
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    doc = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{n}: not a JSON line ({exc.msg})") from exc
                doc.setdefault("corpus", path.stem)
                doc.setdefault("id", f"{path.stem}-{n}")
                doc.setdefault("toponyms", [])
                docs.append(doc)
    return docs


def resolvable(toponym: dict) -> bool:
    """Whether a gold toponym has a point and is a location (counted in recall)."""
    return toponym.get("lat") is not None and toponym.get("lon") is not None \
        and not toponym.get("non_locational")


def counted(toponym: dict) -> bool:
    """Whether a gold toponym counts in detection: resolvable, or a name without a point."""
    return resolvable(toponym) or bool(toponym.get("detect_only")) and not toponym.get("non_locational")


# -- arithmetic ------------------------------------------------------------------------------

def pair_spans(preds: Sequence[PredictedToponym], golds: Sequence[dict]) -> list[tuple[int, int]]:
    """One-to-one (prediction index, gold index) pairs of overlapping spans, largest overlap first."""
    cands = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            overlap = min(p.end, g["end"]) - max(p.start, g["start"])
            if overlap > 0:
                cands.append((-overlap, i, j))
    cands.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in cands:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def error_km(pred: PredictedToponym, gold: dict) -> float | None:
    """Distance from the predicted place to the gold point (0 for the same geonameid)."""
    from ..places.resolve import haversine_km
    if pred.place is None:
        return None
    if gold.get("geonameid") is not None and int(gold["geonameid"]) == pred.place.geonameid:
        return 0.0
    return haversine_km(pred.place.lat, pred.place.lon, float(gold["lat"]), float(gold["lon"]))


def auc_log_error(errors: Iterable[float]) -> float | None:
    """Gritta et al.'s AUC: trapezoid area under sorted ln(1 + e), scaled by ln(20039) and n - 1."""
    logs = sorted(math.log1p(min(max(e, 0.0), MAX_KM)) for e in errors)
    if not logs:
        return None
    if len(logs) == 1:
        return logs[0] / math.log(MAX_KM)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:]))
    return area / ((len(logs) - 1) * math.log(MAX_KM))


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


class Tally:
    """Counts and errors of one system on one corpus, fed document by document."""

    def __init__(self) -> None:
        self.predicted = self.false = self.matched = self.gold = self.right = 0
        self.located = self.gold_located = 0  # pairs and gold toponyms with a gold point
        self.errors: list[float] = []
        self.unresolved = 0
        self.scored: list[list] = []
        self.seconds = 0.0

    def add(self, preds: Sequence[PredictedToponym], golds: Sequence[dict]) -> list[tuple[dict, PredictedToponym | None, float | None]]:
        """Score one document; returns (gold, paired prediction or None, error km) per counted gold."""
        res = [g for g in golds if counted(g)]
        other = [g for g in golds if not counted(g)]
        pairs = pair_spans(preds, res)
        paired_p = {i for i, _ in pairs}
        by_gold = {j: i for i, j in pairs}
        self.predicted += len(preds)
        self.gold += len(res)
        self.matched += len(pairs)
        for i, p in enumerate(preds):
            if i not in paired_p and not any(min(p.end, g["end"]) > max(p.start, g["start"]) for g in other):
                self.false += 1
        out = []
        for j, g in enumerate(res):
            p = preds[by_gold[j]] if j in by_gold else None
            if not resolvable(g):  # a name without a point: detection only
                out.append((g, p, None))
                continue
            self.gold_located += 1
            err = error_km(p, g) if p is not None else None
            if p is not None:
                self.located += 1
                right = err is not None and err <= RIGHT_KM
                self.right += right
                self.scored.append([round(p.score, 4), bool(right)])
                if err is None:
                    self.unresolved += 1
                else:
                    self.errors.append(err)
            out.append((g, p, err))
        return out

    def metrics(self, partial: bool) -> dict[str, Any]:
        tp = self.matched
        precision = None if partial else (tp / (tp + self.false) if tp + self.false else 0.0)
        recall = tp / self.gold if self.gold else 0.0
        f1 = None if precision is None else (
            2 * precision * recall / (precision + recall) if precision + recall else 0.0)
        errs = self.errors
        return {
            "precision": precision, "recall": recall, "f1": f1,
            "acc161": self.right / self.located if self.located else None,
            "recall161": self.right / self.gold_located if self.gold_located else None,
            "mean_km": statistics.fmean(errs) if errs else None,
            "median_km": statistics.median(errs) if errs else None,
            "auc": auc_log_error(errs + [MAX_KM] * self.unresolved),
            "predicted": self.predicted, "matched": tp, "unresolved": self.unresolved,
            "seconds": round(self.seconds, 3),
        }


# -- running systems -------------------------------------------------------------------------

def _ours(geoparser, doc) -> list[PredictedToponym]:
    """Our mentions that name a place: places, governments ("Damascus said"), names opening an
    organisation's name ("Alexandria Police"), and demonyms resolved to a country ("Russian
    officials"), since the gold corpora annotate such uses as toponyms (LGL; GeoWebNews'
    modifiers and embedded names); unresolved demonyms are not counted."""
    return [PredictedToponym(m.span.start, m.span.end, m.span.text, m.place, m.score)
            for m in geoparser(doc) if m.role in ("place", "government", "embedded")
            or (m.role == "demonym" and m.place is not None)]


def _context(text: str, start: int, end: int, width: int = 80) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    return (("…" if a else "") + text[a:start] + "[[" + text[start:end] + "]]" + text[end:b]
            + ("…" if b < len(text) else "")).replace("\n", " ")


def _miss(corpus: str, doc: dict, g: dict, p: PredictedToponym | None, err: float | None) -> dict | None:
    if p is not None and (not resolvable(g) or err is not None and err <= RIGHT_KM):
        return None  # found (a name without a point is only to be found), or placed right
    gold = {k: g.get(k) for k in ("text", "start", "end", "lat", "lon", "geonameid")}
    pred = None
    if p is not None:
        pred = {"text": p.text, "start": p.start, "end": p.end, "score": p.score,
                "name": p.place.name if p.place else None,
                "geonameid": p.place.geonameid if p.place else None,
                "feature_code": p.place.feature_code if p.place else None,
                "country": p.place.country_code if p.place else None,
                "lat": p.place.lat if p.place else None, "lon": p.place.lon if p.place else None}
    return {"corpus": corpus, "doc": doc.get("id"), "gold": gold, "predicted": pred,
            "error_km": None if err is None else round(err, 1),
            "context": _context(doc["text"], g["start"], g["end"])}


def _miss_rank(e: dict) -> tuple:
    """Worst first: wrong places by error, then unresolved mentions, then names not found."""
    if e["error_km"] is not None:
        return (0, -e["error_km"])
    return (1, 0.0) if e["predicted"] is not None else (2, 0.0)


def evaluate_docs(docs: Sequence[dict], *, geoparser=None, nlp=None,
                  peers: Sequence[str] = ("spacy+population", "geotext"), errors: int = 0,
                  ceiling: bool = False) -> dict:
    """Run our geoparser and the peers on gold documents and score them per corpus (see module
    doc); with `ceiling`, each corpus also gets why our misplaced toponyms are missed
    (`geoceiling`)."""

    if geoparser is None:
        from ..places import Geoparser

        geoparser = Geoparser()
    if nlp is None:
        from ..nlp import load_model

        nlp = load_model()
    from ..places.names import prior
    peer_fns = {name: make_peer(name, geoparser.gazetteer) for name in peers}
    corpora: dict[str, list[dict]] = {}
    for d in docs:
        corpora.setdefault(d["corpus"], []).append(d)
    result: dict[str, Any] = {"task": "geoparse", "corpora": {}, "samples": {}, "errors": []}
    misses: list[dict] = []
    for corpus, cdocs in corpora.items():
        texts = [d["text"] for d in cdocs]
        nlp.max_length = max(nlp.max_length, max(map(len, texts), default=0) + 1)
        t0 = time.perf_counter()
        parsed = list(nlp.pipe(texts, batch_size=32))
        parse_seconds = time.perf_counter() - t0
        tallies = {"frontlines": Tally(), **{name: Tally() for name in peers}}
        classes: list[tuple[str, bool]] = []
        for d, doc in zip(cdocs, parsed):
            t = time.perf_counter()
            preds = _ours(geoparser, doc)
            tallies["frontlines"].seconds += time.perf_counter() - t
            located = [g for g in d["toponyms"] if resolvable(g)]
            for g, p, err in tallies["frontlines"].add(preds, d["toponyms"]):
                if errors:
                    miss = _miss(corpus, d, g, p, err)
                    if miss:
                        misses.append(miss)
                if ceiling and p is not None and resolvable(g) and (err is None or err > RIGHT_KM):
                    classes.append(classify(g, p.text, located, geoparser.gazetteer.candidates, prior, RIGHT_KM))
            for name, fn in peer_fns.items():
                t = time.perf_counter()
                ppreds = fn(d["text"], doc)
                tallies[name].seconds += time.perf_counter() - t
                tallies[name].add(ppreds, d["toponyms"])
        for name, tally in tallies.items():
            if name == "frontlines" or needs_parse(name):
                tally.seconds += parse_seconds
        partial = corpus in PARTIAL_CORPORA
        result["corpora"][corpus] = {
            "documents": len(cdocs),
            "gold_toponyms": sum(len(d["toponyms"]) for d in cdocs),
            "gold_resolvable": sum(resolvable(g) for d in cdocs for g in d["toponyms"]),
            "gold_counted": sum(counted(g) for d in cdocs for g in d["toponyms"]),
            "parse_seconds": round(parse_seconds, 3),
            "precision_applies": not partial,
            "systems": {name: t.metrics(partial) for name, t in tallies.items()},
        }
        if ceiling:
            ours = tallies["frontlines"]
            result["corpora"][corpus]["ceiling"] = summarise(classes, ours.right, ours.located)
        result["samples"][corpus] = {name: {"error_km": [round(e, 3) for e in t.errors], "scored": t.scored}
                                     for name, t in tallies.items()}
    misses.sort(key=_miss_rank)
    result["errors"] = misses[:errors] if errors else []
    return result


def evaluate(paths: Iterable[Path | str], *, limit: int | None = None, **kwargs) -> dict:
    """`load_gold` then `evaluate_docs` (at most `limit` documents per corpus)."""
    docs = load_gold(paths)
    if limit is not None:
        seen: dict[str, int] = {}
        kept = []
        for d in docs:
            seen[d["corpus"]] = seen.get(d["corpus"], 0) + 1
            if seen[d["corpus"]] <= limit:
                kept.append(d)
        docs = kept
    return evaluate_docs(docs, **kwargs)


# -- report ----------------------------------------------------------------------------------

def _fmt(metric: str, v: Any) -> str:
    if v is None:
        return "n/a"
    if metric in ("mean_km", "median_km"):
        return f"{v:,.1f}"
    if isinstance(v, float):
        return f"{v:.3f}"
    return f"{v:,}"


def render(result: dict, console=None) -> None:
    """Rich tables per corpus: our figure, each peer's, and the ratio ours/peer; then the misses."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    for corpus, c in result["corpora"].items():
        systems = c["systems"]
        peers = [s for s in systems if s != "frontlines"]
        counted = (f"{c['gold_resolvable']:,} of {c['gold_toponyms']:,} gold toponyms resolvable"
                   if c["gold_resolvable"] else
                   f"{c.get('gold_counted', 0):,} of {c['gold_toponyms']:,} gold locations named, detection only")
        table = Table(title=f"{corpus}: {c['documents']} documents, {counted} (parse {c['parse_seconds']:.1f} s)")
        table.add_column("metric", no_wrap=True)
        table.add_column("frontlines", justify="right")
        for p in peers:
            table.add_column(p, justify="right")
            table.add_column("ours/peer", justify="right")
        for metric in (*METRICS, "predicted", "matched", "seconds"):
            label = metric + (" (lower better)" if metric in LOWER_IS_BETTER else "")
            row = [label, _fmt(metric, systems["frontlines"].get(metric))]
            for p in peers:
                v = systems[p].get(metric)
                row += [_fmt(metric, v), _fmt("ratio", _ratio(systems["frontlines"].get(metric), v))]
            table.add_row(*row)
        console.print(table)
    for corpus, c in result["corpora"].items():
        ceil = c.get("ceiling")
        if not ceil or ceil["ceiling"] is None:
            continue
        table = Table(title=f"{corpus}: why {ceil['misses']:,} paired toponyms are misplaced "
                            f"(accuracy@161 km now {ceil['right'] / ceil['located']:.3f}, "
                            f"{ceil['ceiling']:.3f} with every reachable one right)")
        table.add_column("class", no_wrap=True)
        table.add_column("toponyms", justify="right")
        table.add_column("reachable from the text")
        for name in CLASSES:
            table.add_row(name, f"{ceil[name]:,}", "yes" if name in REACHABLE else "no")
        table.add_row("(reachable, needing the gold span)", f"{ceil['span']:,}", "")
        console.print(table)
    if result.get("errors"):
        console.rule(f"worst {len(result['errors'])} misses of frontlines")
        for e in result["errors"]:
            p = e["predicted"]
            pred = "not found" if p is None else (
                f"{p['text']!r} left unresolved" if p["name"] is None else
                f"{p['text']!r} → {p['name']} ({p['country']} {p['feature_code']}) "
                f"{e['error_km']:,.0f} km off")
            console.print(f"[bold]{e['corpus']} {e['doc']}[/] {e['gold']['text']!r} "
                          f"({e['gold']['lat']}, {e['gold']['lon']}): {pred}", highlight=False)
            console.print(f"    {e['context']}", highlight=False, markup=False)


def geoparse_command(
    gold: Annotated[list[Path], typer.Argument(metavar="GOLD...", help="Gold files in the shared geoparsing schema, or re3d folders (detection only).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON instead of tables.")] = False,
    samples: Annotated[bool, typer.Option("--samples", help="With --json, keep the per-toponym errors and scores.")] = False,
    errors: Annotated[int, typer.Option("--errors", help="List our worst N misses with their context.")] = 0,
    limit: Annotated[Optional[int], typer.Option("--limit", help="At most N documents per corpus, for quick runs.")] = None,
    peers: Annotated[str, typer.Option("--peers", help="Peers to run beside ours, comma-separated ('' for none).")] = "spacy+population,geotext",
    gazetteer: Annotated[Optional[Path], typer.Option("--gazetteer", help="A gazetteer index file (default: the default index).")] = None,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy model name.")] = None,
    ceiling: Annotated[bool, typer.Option("--ceiling", help="Also say why each misplaced toponym is missed "
                                          "(index, prior, context, lone, far) and the accuracy reachable from the text.")] = False,
) -> None:
    """Measure toponym recognition and resolution on gold JSONL, beside the baseline peers."""
    from ..cli_common import err
    from ..nlp import load_model
    from ..places import Gazetteer, Geoparser

    for path in gold:
        if not path.exists():
            raise typer.BadParameter(f"{path} does not exist")
    names = [p.strip() for p in peers.split(",") if p.strip()]
    unknown = [p for p in names if p not in PEERS]
    if unknown:
        raise typer.BadParameter(f"unknown peer(s) {', '.join(unknown)}; choose from {', '.join(PEERS)}")
    gaz = Gazetteer.load(gazetteer) if gazetteer else Gazetteer.default()
    with err.status("geoparsing the gold documents…"):
        result = evaluate(gold, limit=limit, geoparser=Geoparser(gaz), nlp=load_model(model),
                          peers=names, errors=errors, ceiling=ceiling)
    if as_json:
        if not samples:
            result.pop("samples", None)
        print(json.dumps(result, indent=1, ensure_ascii=False))
    else:
        render(result)
