"""The path of a report, end to end: documents → reports → spaCy (batched) → places → events → store.

A report that fails at any stage becomes a `Failure` with its reason; the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language

from frontlines.clean import to_report
from frontlines.config import Settings
from frontlines.events import Extractor, ExtractorError, get_extractor
from frontlines.nlp import load_model
from frontlines.records import Document, Event, Failure, PlaceMention, Report

MAX_CHARS = 2_000_000  # spaCy's parser needs about 1 GB per 100,000 words; longer texts fail clearly


class PipelineError(RuntimeError):
    """The run itself cannot go on (not one report's failure, which is kept as a `Failure`)."""


@dataclass(slots=True)
class Result:
    """One processed report with what was found in it."""

    report: Report
    mentions: list[PlaceMention]
    events: list[Event]


@dataclass(slots=True)
class Summary:
    """What a run did, for the summary table and the runs table."""

    documents: int = 0
    reports: int = 0
    duplicates: int = 0
    place_mentions: int = 0
    places_resolved: int = 0
    events: int = 0
    failures: list[Failure] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {"documents": self.documents, "reports": self.reports, "duplicates": self.duplicates,
                "place_mentions": self.place_mentions, "places_resolved": self.places_resolved,
                "events": self.events, "failures": len(self.failures)}


class Pipeline:
    """spaCy, the geoparser and the extractor, loaded once and applied to batches of reports."""

    def __init__(self, settings: Settings | None = None, nlp: Language | None = None, geoparser=None,
                 extractor: Extractor | None = None) -> None:
        from frontlines.places import Geoparser, Gazetteer

        self.settings = settings or Settings()
        self.nlp = nlp or load_model(self.settings.model)
        self.nlp.max_length = max(self.nlp.max_length, MAX_CHARS)
        if geoparser is None:
            gazetteer = Gazetteer.load(self.settings.gazetteer) if self.settings.gazetteer else Gazetteer.default()
            geoparser = Geoparser(gazetteer)
        self.geoparser = geoparser
        self.extractor = extractor or get_extractor(self.settings.extractor, self.nlp)
        if getattr(self.extractor, "gazetteer", False) is None:  # the rules read the geoparser's index too
            self.extractor.gazetteer = getattr(self.geoparser, "gazetteer", None)

    def process(self, reports: Iterable[Report | Failure], workers: int | None = None) -> Iterator[Result | Failure]:
        """Process reports in batches through `nlp.pipe`; a failing report does not stop the batch.

        Failures from earlier stages pass straight through, so they are stored with the rest.
        With `workers` > 1 (default `settings.workers`) batches go to that many forked processes,
        which share the loaded model and gazetteer; results come back in input order."""
        workers = workers or self.settings.workers
        batches = self._batches(reports)
        if workers <= 1:
            for batch in batches:
                yield from self._batch(batch)
            return
        yield from self._parallel(batches, workers)

    def _batches(self, reports: Iterable[Report | Failure]) -> Iterator[list]:
        """Lists of up to `batch_size` reports; an earlier failure or an over-long text as a list of one Failure."""
        batch: list[Report] = []
        for report in reports:
            if isinstance(report, Failure):
                yield [report]
                continue
            if len(report.text) > MAX_CHARS:
                yield [Failure(report.origin, "nlp", f"the text has {len(report.text):,} characters, over the limit "
                               f"of {MAX_CHARS:,}; split the report into parts")]
                continue
            batch.append(report)
            if len(batch) >= self.settings.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def _parallel(self, batches: Iterator[list], workers: int) -> Iterator[Result | Failure]:
        """Batches in forked worker processes, at most two per worker in flight, results in input order.

        The input is read here, in the calling thread. A worker that dies (killed for memory, say)
        fails the run with `PipelineError` instead of leaving it waiting forever."""
        global _WORKER
        _WORKER = self  # forked workers inherit the loaded pipeline instead of loading their own
        pending: deque[Future] = deque()
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                for batch in batches:
                    pending.append(pool.submit(_work, batch))
                    while len(pending) >= 2 * workers:
                        yield from self._take(pending)
                while pending:
                    yield from self._take(pending)
        finally:
            _WORKER = None

    @staticmethod
    def _take(pending: deque) -> list[Result | Failure]:
        try:
            return pending.popleft().result()
        except BrokenProcessPool as exc:
            raise PipelineError("a worker process died (out of memory?); run again with fewer --workers") from exc

    def _batch(self, batch: list) -> Iterator[Result | Failure]:
        if len(batch) == 1 and isinstance(batch[0], Failure):
            yield batch[0]
            return
        try:
            docs = list(self.nlp.pipe([r.text for r in batch], batch_size=self.settings.batch_size))
        except Exception:  # noqa: BLE001 - find the report that broke the batch, keep the others
            for report in batch:
                yield from self._batch_one(report)
            return
        for report, doc in zip(batch, docs):
            yield self._analyse(report, doc)

    def _batch_one(self, report: Report) -> Iterator[Result | Failure]:
        try:
            doc = self.nlp(report.text)
        except Exception as exc:  # noqa: BLE001
            yield Failure(report.origin, "nlp", f"spaCy could not parse the text ({exc.__class__.__name__}: {exc})",
                          traceback.format_exc(limit=3))
            return
        yield self._analyse(report, doc)

    def _analyse(self, report: Report, doc) -> Result | Failure:
        stage = "places"
        try:
            mentions = self.geoparser(doc)
            stage = "events"
            events = self.extractor(doc, report, mentions)
        except ExtractorError as exc:  # the extractor says what went wrong and what to do
            return Failure(report.origin, stage, str(exc), exc.__class__.__name__)
        except Exception as exc:  # noqa: BLE001 - one report's bug must not lose the batch
            return Failure(report.origin, stage, f"{stage} stage failed ({exc.__class__.__name__}: {exc}); "
                           "please report this with the input", traceback.format_exc(limit=5))
        return Result(report, mentions, events)


_WORKER: Pipeline | None = None


def _work(batch: list) -> list[Result | Failure]:
    """One batch in a worker process."""
    assert _WORKER is not None, "worker started without a pipeline"
    return list(_WORKER._batch(batch))


def reports_from(documents: Iterable[Document | Failure], summary: Summary,
                 seen: Callable[[str], bool] = lambda _id: False) -> Iterator[Report | Failure]:
    """Clean documents into reports, dropping those already stored or repeated in the batch."""
    ids: set[str] = set()
    for item in documents:
        summary.documents += 1
        if isinstance(item, Failure):
            yield item
            continue
        report = to_report(item)
        if isinstance(report, Failure):
            yield report
            continue
        if report.report_id in ids or seen(report.report_id):
            summary.duplicates += 1
            continue
        ids.add(report.report_id)
        yield report
