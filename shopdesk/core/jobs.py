"""Timed jobs kept in the database (snooze wake-ups, retries, follow-ups), so a restart keeps them."""

from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session, select

from shopdesk.core.models import ScheduledJob, utcnow


def schedule(
    session: Session, *, kind: str, run_at: datetime, payload: dict | None = None, key: str | None = None
) -> ScheduledJob:
    """Add a job; a job with the same ``key`` is replaced (a new snooze time replaces the old one)."""
    job = session.exec(select(ScheduledJob).where(ScheduledJob.key == key)).first() if key else None
    if job is None:
        job = ScheduledJob(kind=kind, run_at=run_at, key=key)
    job.kind = kind
    job.run_at = run_at
    job.payload_json = json.dumps(payload or {}, ensure_ascii=False)
    job.state = "pending"
    job.attempts = 0
    job.last_error = ""
    session.add(job)
    session.flush()
    return job


def cancel(session: Session, *, key: str) -> bool:
    job = session.exec(select(ScheduledJob).where(ScheduledJob.key == key)).first()
    if job is None or job.state != "pending":
        return False
    job.state = "cancelled"
    session.add(job)
    return True


def due(session: Session, *, now: datetime | None = None, limit: int = 100) -> list[ScheduledJob]:
    stmt = (
        select(ScheduledJob)
        .where(ScheduledJob.state == "pending", ScheduledJob.run_at <= (now or utcnow()))
        .order_by(ScheduledJob.run_at)
        .limit(limit)
    )
    return list(session.exec(stmt))


def next_run_at(session: Session) -> datetime | None:
    stmt = (
        select(ScheduledJob.run_at)
        .where(ScheduledJob.state == "pending")
        .order_by(ScheduledJob.run_at)
        .limit(1)
    )
    return session.exec(stmt).first()


def pending(session: Session, *, kind: str | None = None) -> list[ScheduledJob]:
    stmt = select(ScheduledJob).where(ScheduledJob.state == "pending")
    if kind:
        stmt = stmt.where(ScheduledJob.kind == kind)
    return list(session.exec(stmt.order_by(ScheduledJob.run_at)))
