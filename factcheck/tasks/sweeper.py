"""Sweeper task (beat, queue `celery`)."""

from celery import shared_task

from factcheck.pipeline import recovery, sweeper


@shared_task
def sweep_stale_work():
    """Send again the work that was never sent or got lost; close articles left verifying."""
    return sweeper.sweep()


@shared_task
def recover_lost_work():
    """Send again at once what workers that stopped heart-beating held."""
    return recovery.recover()
