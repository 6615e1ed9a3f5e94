"""The AppContext: everything one running ShopDesk shares, built once and passed down (no globals)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine

from shopdesk.channels.registry import ChannelRegistry
from shopdesk.core import conversations
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import SCHEMA_HEAD, check_schema, make_engine, migrate, read_session
from shopdesk.core.events import CannedChanged, ChannelStatus, MessageIngested, OutboxChanged
from shopdesk.core.models import utcnow
from shopdesk.paths import DataPaths
from shopdesk.runtime.bus import EventBus
from shopdesk.runtime.loop import AsyncLoop
from shopdesk.runtime.scheduler import Scheduler
from shopdesk.runtime.sender import OutboxSender
from shopdesk.settings import Settings, load_settings

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    paths: DataPaths
    engine: Engine
    bus: EventBus
    blobs: BlobStore
    channels: ChannelRegistry
    loop: AsyncLoop
    settings: Settings
    scheduler: Scheduler | None = None
    sender: OutboxSender | None = None
    _tasks: list = field(default_factory=list)

    def publish(self, event: object) -> None:
        self.bus.publish(event)


def open_context(data_dir: Path) -> AppContext:
    """Open (and migrate) the store in ``data_dir``; raises StoreError/OSError with a clear message."""
    paths = DataPaths(Path(data_dir))
    paths.ensure()
    engine = make_engine(paths.database_url)
    backup_before_upgrade(paths, engine)
    migrate(engine)
    with read_session(engine) as session:
        settings = load_settings(session)
    bus = EventBus()
    channels = ChannelRegistry()
    bus.subscribe(channels.on_status, ChannelStatus)
    return AppContext(
        paths=paths,
        engine=engine,
        bus=bus,
        blobs=BlobStore(paths.blobs),
        channels=channels,
        loop=AsyncLoop(),
        settings=settings,
    )


def backup_before_upgrade(paths: DataPaths, engine: Engine) -> Path | None:
    """A copy of a store that this version is about to migrate (kept beside the daily backups, never pruned).

    Raises StoreError for a store written by a newer version (nothing is changed then).
    """
    from shopdesk.core.backup import backup_database
    from shopdesk.core.models import utcnow

    revision = check_schema(engine)
    if revision is None or revision == SCHEMA_HEAD:
        return None
    engine.dispose()  # the backup reads the file; no connection of ours holds a transaction open
    made = backup_database(
        paths.database,
        paths.backups / f"before-upgrade-{revision}-to-{SCHEMA_HEAD}-{utcnow():%Y%m%d-%H%M%S}.sqlite3",
    )
    log.info("backed up the store to %s before upgrading it from schema %s", made, revision)
    return made


def job_handlers(ctx: AppContext) -> dict:
    """Every kind of scheduled job and what runs it."""
    from shopdesk.channels.webchat.account import public_links
    from shopdesk.core import backup, carts, surveys

    return {
        carts.FOLLOW_UP_JOB: lambda p: carts.follow_up(
            ctx.engine,
            ctx.publish,
            cart_id=p["cart_id"],
            shop_name=ctx.settings.shop_name,
            stop_link=(links := public_links(ctx.engine)) and links.stop,
        ),
        surveys.SEND_JOB: lambda p: surveys.send(
            ctx.engine,
            ctx.publish,
            survey_id=p["survey_id"],
            author=ctx.settings.owner_name,
            rating_links=(links := public_links(ctx.engine)) and links.rating,
        ),
        conversations.WAKE_JOB: lambda p: conversations.wake(
            ctx.engine, ctx.publish, conversation_id=p["conversation_id"]
        ),
        backup.DAILY_JOB: lambda p: backup.daily_backup(ctx.paths, ctx.engine, ctx.settings),
    }


def start_runtime(ctx: AppContext) -> None:
    """Start the loop, the scheduler, the outbox sender and every registered channel."""
    ctx.loop.start()
    ctx.scheduler = Scheduler(ctx.engine, job_handlers(ctx))
    ctx.sender = OutboxSender(ctx.engine, ctx.publish, ctx.channels)
    ctx.bus.subscribe(lambda e: ctx.sender.wake() if e.state == "queued" else None, OutboxChanged)
    ctx.bus.subscribe(lambda e: _on_customer_message(ctx, e), MessageIngested)
    ctx.bus.subscribe(lambda e: _push_automation(ctx), CannedChanged)
    ctx.bus.subscribe(
        lambda e: ctx.sender.channel_back(e.channel) if e.state == "connected" else None, ChannelStatus
    )
    ctx._tasks = [
        ctx.loop.submit(_supervised(ctx.scheduler.run)),
        ctx.loop.submit(_supervised(ctx.sender.run)),
        ctx.loop.submit(_supervised(lambda: follow_opening_hours(ctx))),
    ]
    for channel in ctx.channels.all():
        ctx._tasks.append(ctx.loop.submit(channel.start()))
    from shopdesk.core import backup

    backup.ensure_daily_job(ctx.engine)
    ctx.scheduler.wake()


PRESENCE_EVERY = 60.0  # seconds between looks at the opening hours


async def follow_opening_hours(ctx: AppContext) -> None:
    """The web chat shows the shop online while it is open and away otherwise (hours, holidays, the away
    switch); checked every minute, told to the relay only when it changes."""
    from shopdesk.core import automation

    def wanted() -> str:
        with read_session(ctx.engine) as session:
            settings = automation.load_automation_settings(session)
        return automation.presence(settings, utcnow(), automation.local_zone())

    told = None
    while True:
        status = await asyncio.to_thread(wanted)
        set_presence = getattr(ctx.channels.get("webchat"), "set_presence", None)
        if status != told and set_presence is not None:
            await set_presence(status)
            told = status
        await asyncio.sleep(PRESENCE_EVERY)


def _push_automation(ctx: AppContext) -> None:
    """The FAQ set changed: the relay gets it (it answers web-chat visitors itself)."""
    push = getattr(ctx.channels.get("webchat"), "push_automation", None)
    if push is not None and ctx.loop.running:
        ctx.loop.submit(push())


def _on_customer_message(ctx: AppContext, event) -> None:
    """A stored message may answer a satisfaction survey, ask for a person or be a question the FAQ bot
    knows; otherwise it may call for an auto-reply.

    Runs on the channel's thread after the commit; a failure here must not reach the channel.
    """
    from shopdesk.core import automation, cart_optouts, faq_bot, surveys

    try:
        if cart_optouts.opt_out_from_message(ctx.engine, ctx.publish, event):
            return  # "STOP" to a cart reminder: nothing answers it
        if surveys.answer_from_message(ctx.engine, ctx.publish, event) is not None:
            return
        if faq_bot.on_message(ctx.engine, ctx.publish, event, shop_name=ctx.settings.shop_name) is None:
            automation.auto_reply(
                ctx.engine, ctx.publish, event, tz=automation.local_zone(), shop_name=ctx.settings.shop_name
            )
    except Exception:
        log.exception("the automatic handling of message %s failed", event.message_id)


async def _supervised(run) -> None:
    """Keep a long-running task alive: log a crash and start it again after a pause."""
    while True:
        try:
            await run()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s crashed; restarting in 5 s", getattr(run, "__qualname__", run))
            await asyncio.sleep(5)


def shutdown(ctx: AppContext) -> None:
    """DESIGN §3 order: stop channels, stop the loop (scheduler, sender), join, close the engine."""
    if ctx.loop.running:
        for channel in ctx.channels.all():
            try:
                ctx.loop.submit(channel.stop()).result(10)
            except Exception:
                log.exception("stopping channel %s failed", channel.name)
        ctx.loop.stop()
    ctx.engine.dispose()
