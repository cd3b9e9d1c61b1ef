"""The throw-away ``echo`` job kind of the jobs tests, whose work shows duplicates.

``echo`` creates one auth group per item, named after the job and the item: the group
name is unique, so processing an item twice would fail that item, and the groups left
show exactly which items ran.
"""

from django.contrib.auth.models import Group

from lms.jobs.registry import JobAborted, JobItemError, JobItemSkipped

KIND = "tests.echo"


class WorkerKilled(BaseException):
    """Stands for the worker process dying in the middle of an item."""


def echo_run_item(job, item):
    action = item.data.get("action")
    Group.objects.create(name=f"echo-{job.pk}-{item.index}")
    if action == "fail":
        raise JobItemError("refused")
    if action == "skip":
        raise JobItemSkipped("nothing to do")
    if action == "abort":
        raise JobAborted("target gone")
    if action == "crash":
        raise RuntimeError("boom")
    if action == "kill":
        raise WorkerKilled
    return {"echoed": item.key}


def echo_finish(job):
    return {"groups": len(echo_groups(job))}


def echo_groups(job) -> list[str]:
    """Names of the groups the job's items created, in order."""
    names = Group.objects.filter(name__startswith=f"echo-{job.pk}-").values_list("name", flat=True)
    return sorted(names, key=lambda name: int(name.rsplit("-", 1)[1]))
