import asyncio
from datetime import timedelta

from shopdesk.core import jobs
from shopdesk.core.conversations import snooze
from shopdesk.core.db import make_engine, read_session, write_session
from shopdesk.core.ingest import ingest
from shopdesk.core.models import Conversation, ScheduledJob, utcnow
from shopdesk.runtime.scheduler import MAX_ATTEMPTS, Scheduler
from tests.helpers.items import incoming


def test_jobs_survive_a_restart_and_run_when_due(engine, data_paths):
    with write_session(engine) as s:
        jobs.schedule(s, kind="ping", run_at=utcnow() - timedelta(seconds=1), payload={"n": 1})
        jobs.schedule(s, kind="ping", run_at=utcnow() + timedelta(hours=1), payload={"n": 2})
    engine.dispose()  # the app stops; a new process opens the same store
    reopened = make_engine(data_paths.database_url)
    ran = []
    assert asyncio.run(Scheduler(reopened, {"ping": ran.append}).run_due()) == 1
    assert ran == [{"n": 1}]
    assert asyncio.run(Scheduler(reopened, {"ping": ran.append}).run_due()) == 0  # done stays done
    with read_session(reopened) as s:
        assert [j.payload_json for j in jobs.pending(s)] == ['{"n": 2}']
    reopened.dispose()


def test_a_failing_job_is_retried_later_then_marked_failed(engine):
    with write_session(engine) as s:
        job_id = jobs.schedule(s, kind="boom", run_at=utcnow()).id

    def boom(payload):
        raise RuntimeError("network down")

    scheduler = Scheduler(engine, {"boom": boom})
    for _ in range(MAX_ATTEMPTS):
        with write_session(engine) as s:
            s.get(ScheduledJob, job_id).run_at = utcnow() - timedelta(seconds=1)
        asyncio.run(scheduler.run_due())
    with read_session(engine) as s:
        job = s.get(ScheduledJob, job_id)
    assert (job.state, job.attempts, job.last_error) == ("failed", MAX_ATTEMPTS, "network down")


def test_snooze_wakes_up_by_itself(engine, blobs, events):
    from shopdesk.core.conversations import WAKE_JOB, wake

    cid = ingest(engine, [incoming("x")], blobs=blobs, publish=events)[0].conversation_id
    snooze(engine, events, conversation_id=cid, until=utcnow() + timedelta(hours=2))
    scheduler = Scheduler(
        engine, {WAKE_JOB: lambda p: wake(engine, events, conversation_id=p["conversation_id"])}
    )
    assert asyncio.run(scheduler.run_due()) == 0
    with write_session(engine) as s:  # two hours pass
        for job in jobs.pending(s):
            job.run_at = utcnow() - timedelta(seconds=1)
            s.add(job)
    assert asyncio.run(scheduler.run_due()) == 1
    with read_session(engine) as s:
        conv = s.get(Conversation, cid)
    assert (conv.status, conv.snoozed_until) == ("open", None)


def test_resnoozing_replaces_the_wake_up(engine, blobs, events):
    cid = ingest(engine, [incoming("x")], blobs=blobs, publish=events)[0].conversation_id
    snooze(engine, events, conversation_id=cid, until=utcnow() + timedelta(hours=1))
    snooze(engine, events, conversation_id=cid, until=utcnow() + timedelta(days=2))
    with read_session(engine) as s:
        [job] = jobs.pending(s)
    assert job.run_at > utcnow() + timedelta(days=1)


def test_the_run_loop_wakes_for_a_new_job(engine):
    async def scenario():
        ran = asyncio.Event()
        scheduler = Scheduler(engine, {"ping": lambda p: ran.set()}, poll_seconds=60)
        task = asyncio.create_task(scheduler.run())
        await asyncio.sleep(0.05)
        with write_session(engine) as s:
            jobs.schedule(s, kind="ping", run_at=utcnow())
        scheduler.wake()
        await asyncio.wait_for(ran.wait(), 5)
        task.cancel()

    asyncio.run(scenario())
