"""Write API: reviews and note moderation (token holders), notes (anyone, CSRF-checked and rate limited).

Every route here depends on `csrf`, so no unsafe request gets past without a same-origin token
(or a bearer token). Notes come back without the writer's email: the `Note` record has none.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request

from frontlines.store import AnnotationError, Annotations
from frontlines.web.models import ModerationIn, NoteIn, ReviewIn
from frontlines.web.security import check_csrf, user_for

router = APIRouter(prefix="/api")


def current_user(request: Request) -> str | None:
    """The analyst signed in with a bearer token, or None."""
    return user_for(request.app.state.tokens, request.headers.get("authorization"))


def csrf(request: Request, user: Annotated[str | None, Depends(current_user)]) -> None:
    """Unsafe requests need the double-submit CSRF token, unless they carry a valid bearer token."""
    if user is None:
        check_csrf(request)


def writer(user: Annotated[str | None, Depends(current_user)]) -> str:
    """The signed-in analyst; 401 otherwise."""
    if user is None:
        raise HTTPException(401, "writing needs the workbench token: sign in with the token your administrator "
                                 "set (FRONTLINES_TOKEN)", headers={"WWW-Authenticate": "Bearer"})
    return user


def annotations(request: Request) -> Annotations:
    return Annotations(request.app.state.db)


Store = Annotated[Annotations, Depends(annotations)]
Writer = Annotated[str, Depends(writer)]


@router.get("/session", summary="Who is signed in (by bearer token), and whether writing is possible")
def session(user: Annotated[str | None, Depends(current_user)], request: Request) -> dict[str, Any]:
    return {"user": user, "can_write": user is not None, "tokens_configured": bool(request.app.state.tokens)}


@router.post("/events/{event_id}/review", dependencies=[Depends(csrf)],
             summary="Confirm, correct or reject an event (kept beside the machine's values)")
def review_event(event_id: str, body: ReviewIn, user: Writer, store: Store) -> dict[str, Any]:
    corrections = body.corrections.values() if body.corrections else None
    try:
        state = store.review(event_id, body.action, user, corrections, body.comment)
    except AnnotationError as exc:
        raise HTTPException(404 if str(exc).startswith("No event") else 422, str(exc)) from None
    return asdict(state)


@router.delete("/events/{event_id}/review", dependencies=[Depends(csrf)],
               summary="Drop an event's review state (the history keeps a reset entry)")
def reset_review(event_id: str, user: Writer, store: Store) -> dict[str, Any]:
    try:
        store.clear_review(event_id, user)
    except AnnotationError as exc:
        raise HTTPException(404, str(exc)) from None
    return {"event_id": event_id, "status": None}


@router.get("/events/{event_id}/reviews", summary="Every review decision on an event, oldest first")
def review_history(event_id: str, store: Store) -> list[dict[str, Any]]:
    return [asdict(r) for r in store.history(event_id)]


@router.get("/notes", summary="Visible notes on a report or an event (all notes, for token holders)")
def list_notes(store: Store, user: Annotated[str | None, Depends(current_user)],
               report_id: str | None = None, event_id: str | None = None) -> list[dict[str, Any]]:
    if not report_id and not event_id:
        raise HTTPException(422, "give report_id or event_id")
    return [asdict(n) for n in store.notes(report_id, event_id, include_hidden=user is not None)]


@router.post("/notes", status_code=201, dependencies=[Depends(csrf)],
             summary="Leave a note on a report or an event (name, email and comment required; the email is never shown)")
def post_note(body: NoteIn, request: Request, store: Store) -> dict[str, Any]:
    client = request.client.host if request.client else "unknown"
    request.app.state.note_limit.hit("notes", client)
    try:
        note = store.add_note(body.report_id or "", body.name, str(body.email), body.comment, body.event_id)
    except AnnotationError as exc:
        raise HTTPException(404, str(exc)) from None
    return asdict(note)


@router.post("/notes/{note_id}/moderation", dependencies=[Depends(csrf)], summary="Hide a note or show it again")
def moderate_note(note_id: int, body: ModerationIn, user: Writer, store: Store) -> dict[str, Any]:
    try:
        return asdict(store.moderate(note_id, body.hidden, user))
    except AnnotationError as exc:
        raise HTTPException(404, str(exc)) from None
