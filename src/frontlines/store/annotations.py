"""What analysts add beside the machine's output: reviews of events and notes on reports and events.

A review never overwrites the `events` row: every decision is appended to `reviews` (who, when,
action, and each changed field's machine value before and reviewed value after), and
`event_reviews` keeps the current state of each reviewed event so that lists and exports can
join it cheaply. Notes keep the writer's email for the moderators' records only: nothing in
this module returns it (`Note` has no email field), so no API response or export can carry it.

The tables live on the same `metadata` as `schema.py` (migration 0002 creates them), so the
migrated database still equals the metadata.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
    update,
)

from frontlines.store import schema
from frontlines.store.db import Database
from frontlines.store.schema import ID, metadata

ACTIONS = ("confirm", "correct", "reject")
"""What a reviewer can decide about an event."""

STATUS = {"confirm": "confirmed", "correct": "corrected", "reject": "rejected"}
"""The state an event is left in by each action."""

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ID, ForeignKey("events.event_id", ondelete="CASCADE"), nullable=False),
    Column("action", String(16), nullable=False),
    Column("changes", JSON, nullable=False),  # {field: {"before": machine value, "after": reviewed value}}
    Column("reviewer", Text, nullable=False),
    Column("comment", Text),
    Column("created", DateTime(timezone=True), nullable=False),
    Index(None, "event_id", "id"),
)

event_reviews = Table(
    "event_reviews",
    metadata,
    Column("event_id", ID, ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
    Column("status", String(16), nullable=False),  # confirmed, corrected, rejected
    Column("reviewed_values", JSON, nullable=False),  # {field: reviewed value}, the corrections in force
    Column("reviewer", Text, nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
    Index(None, "status"),
)

notes = Table(
    "notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", ID, ForeignKey("reports.report_id", ondelete="CASCADE"), nullable=False),
    Column("event_id", ID, ForeignKey("events.event_id", ondelete="CASCADE")),
    Column("name", Text, nullable=False),
    Column("email", Text, nullable=False),  # kept for moderators; never returned
    Column("comment", Text, nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("hidden", Boolean, nullable=False),
    Column("moderated_by", Text),
    Column("moderated", DateTime(timezone=True)),
    Index(None, "report_id", "id"),
    Index(None, "event_id", "id"),
)

# Indexes for the workbench's filtered event lists. `ix_events_browse` covers every filter column
# (and event_id), so counting and paging a filtered list reads the index, not the wide rows that
# carry each event's JSON record. On a server database migration 0004 keeps the short columns
# only (an index entry there has a size limit that a long sentence in `notes` would pass).
BROWSE_COLUMNS = ("event_date", "event_type", "modality", "where_prec", "date_prec", "source", "latitude",
                  "longitude", "actor1", "actor2", "location", "attribution", "notes", "event_id")
Index("ix_events_event_type_event_date", schema.events.c.event_type, schema.events.c.event_date)
Index("ix_events_source_event_date", schema.events.c.source, schema.events.c.event_date)
Index("ix_events_browse", *(schema.events.c[name] for name in BROWSE_COLUMNS))


class AnnotationError(ValueError):
    """A review or note that cannot be stored; the message says why."""


@dataclass(slots=True)
class Review:
    """One reviewer's decision on an event, as kept in the history."""

    id: int
    event_id: str
    action: str
    changes: dict[str, dict[str, Any]]
    reviewer: str
    comment: str | None
    created: str


@dataclass(slots=True)
class ReviewState:
    """Where an event stands now: its status, the corrections in force, who decided last and when."""

    event_id: str
    status: str
    reviewed_values: dict[str, Any]
    reviewer: str
    updated: str


@dataclass(slots=True)
class Note:
    """A note as it may be shown: deliberately without the writer's email."""

    id: int
    report_id: str
    event_id: str | None
    name: str
    comment: str
    created: str
    hidden: bool


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite hands back naive datetimes; they were stored as UTC
        value = value.replace(tzinfo=timezone.utc)
    return value.isoformat()


class Annotations:
    """Reviews and notes stored in a `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reviews -----------------------------------------------------------------------------

    def review(
        self,
        event_id: str,
        action: str,
        reviewer: str,
        corrections: dict[str, Any] | None = None,
        comment: str | None = None,
    ) -> ReviewState:
        """Record a decision on an event and return its new state.

        `corrections` maps export columns to reviewed values (only for "correct"); the machine's
        value of each is read from the stored row and kept as `before`. A later correction adds
        to the corrections in force; confirming or rejecting keeps them.
        """
        if action not in ACTIONS:
            raise AnnotationError(f"Unknown review action {action!r}; use one of {', '.join(ACTIONS)}.")
        corrections = dict(corrections or {})
        if action == "correct" and not corrections:
            raise AnnotationError("A correction needs at least one field with its reviewed value.")
        if action != "correct" and corrections:
            raise AnnotationError(f"Only 'correct' takes field values; {action!r} takes none.")
        e = schema.events
        unknown = sorted(set(corrections) - set(e.c.keys()))
        if unknown:
            raise AnnotationError(f"No such event field(s): {', '.join(unknown)}.")
        now = _now()
        with self.db._writing() as conn:
            machine = conn.execute(select(e).where(e.c.event_id == event_id)).mappings().first()
            if machine is None:
                raise AnnotationError(f"No event {event_id!r}.")
            current = conn.execute(
                select(event_reviews).where(event_reviews.c.event_id == event_id)
            ).mappings().first()
            in_force = dict(current["reviewed_values"]) if current else {}
            changes = {
                name: {"before": in_force.get(name, _plain(machine[name])), "after": value}
                for name, value in corrections.items()
            }
            in_force.update(corrections)
            conn.execute(
                insert(reviews).values(
                    event_id=event_id, action=action, changes=changes, reviewer=reviewer,
                    comment=comment, created=now,
                )
            )
            state = {"status": STATUS[action], "reviewed_values": in_force, "reviewer": reviewer, "updated": now}
            if current is None:
                conn.execute(insert(event_reviews).values(event_id=event_id, **state))
            else:
                conn.execute(update(event_reviews).where(event_reviews.c.event_id == event_id).values(**state))
        return ReviewState(event_id, STATUS[action], in_force, reviewer, _iso(now) or "")

    def clear_review(self, event_id: str, reviewer: str) -> None:
        """Go back to the machine's values: the history keeps a 'reset' entry, the state is removed."""
        with self.db._writing() as conn:
            e = schema.events
            if conn.execute(select(e.c.event_id).where(e.c.event_id == event_id)).first() is None:
                raise AnnotationError(f"No event {event_id!r}.")
            conn.execute(
                insert(reviews).values(event_id=event_id, action="reset", changes={}, reviewer=reviewer, created=_now())
            )
            conn.execute(delete(event_reviews).where(event_reviews.c.event_id == event_id))

    def states(self, event_ids: Iterable[str]) -> dict[str, ReviewState]:
        """The current review state of each of these events that has one."""
        ids = list(event_ids)
        if not ids:
            return {}
        found: dict[str, ReviewState] = {}
        with self.db._connect() as conn:
            for start in range(0, len(ids), 500):
                query = select(event_reviews).where(event_reviews.c.event_id.in_(ids[start : start + 500]))
                for row in conn.execute(query).mappings():
                    found[row["event_id"]] = _state(row)
        return found

    def all_states(self) -> dict[str, ReviewState]:
        """Every reviewed event's state (for exports)."""
        with self.db._connect() as conn:
            return {r["event_id"]: _state(r) for r in conn.execute(select(event_reviews)).mappings()}

    def history(self, event_id: str) -> list[Review]:
        """Every decision on an event, oldest first."""
        query = select(reviews).where(reviews.c.event_id == event_id).order_by(reviews.c.id)
        with self.db._connect() as conn:
            return [
                Review(r["id"], r["event_id"], r["action"], r["changes"], r["reviewer"], r["comment"],
                       _iso(r["created"]) or "")
                for r in conn.execute(query).mappings()
            ]

    # -- notes -------------------------------------------------------------------------------

    def add_note(self, report_id: str, name: str, email: str, comment: str, event_id: str | None = None) -> Note:
        """Store a note on a report (or on one of its events) and return it as it may be shown."""
        now = _now()
        with self.db._writing() as conn:
            if event_id is not None:
                owner = conn.execute(
                    select(schema.events.c.report_id).where(schema.events.c.event_id == event_id)
                ).scalar()
                if owner is None:
                    raise AnnotationError(f"No event {event_id!r}.")
                report_id = owner
            elif conn.execute(
                select(schema.reports.c.report_id).where(schema.reports.c.report_id == report_id)
            ).first() is None:
                raise AnnotationError(f"No report {report_id!r}.")
            result = conn.execute(
                insert(notes).values(
                    report_id=report_id, event_id=event_id, name=name, email=email, comment=comment,
                    created=now, hidden=False,
                )
            )
            key = result.inserted_primary_key
            assert key is not None
        return Note(int(key[0]), report_id, event_id, name, comment, _iso(now) or "", False)

    def notes(
        self, report_id: str | None = None, event_id: str | None = None, include_hidden: bool = False
    ) -> list[Note]:
        """Notes on a report (all of them, including its events') or on one event, oldest first."""
        n = notes
        query = select(*_NOTE_COLUMNS).order_by(n.c.id)
        if event_id is not None:
            query = query.where(n.c.event_id == event_id)
        elif report_id is not None:
            query = query.where(n.c.report_id == report_id)
        if not include_hidden:
            query = query.where(n.c.hidden.is_(False))
        with self.db._connect() as conn:
            return [_note(r) for r in conn.execute(query).mappings()]

    def moderate(self, note_id: int, hidden: bool, moderator: str) -> Note:
        """Hide a note from readers (or show it again); the note itself is kept."""
        with self.db._writing() as conn:
            result = conn.execute(
                update(notes).where(notes.c.id == note_id).values(hidden=hidden, moderated_by=moderator, moderated=_now())
            )
            if result.rowcount == 0:
                raise AnnotationError(f"No note {note_id}.")
            row = conn.execute(select(*_NOTE_COLUMNS).where(notes.c.id == note_id)).mappings().one()
        return _note(row)


_NOTE_COLUMNS: Sequence[Column[Any]] = [
    notes.c[name] for name in ("id", "report_id", "event_id", "name", "comment", "created", "hidden")
]


def _note(row: Any) -> Note:
    return Note(row["id"], row["report_id"], row["event_id"], row["name"], row["comment"],
                _iso(row["created"]) or "", bool(row["hidden"]))


def _state(row: Any) -> ReviewState:
    return ReviewState(row["event_id"], row["status"], dict(row["reviewed_values"]), row["reviewer"],
                       _iso(row["updated"]) or "")


def _plain(value: Any) -> Any:
    """A stored value as a JSON scalar (dates as ISO strings)."""
    return value.isoformat() if hasattr(value, "isoformat") else value
