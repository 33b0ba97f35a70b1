"""The one parallel runtime: a Dask client made or accepted, and work mapped over chunks.

Sweeps (:mod:`alloypore.design`) and out-of-core imaging (:mod:`alloypore.imaging`) both
run here, with the same option names on every command:

* ``--workers N`` -- a local ``dask.distributed`` cluster of N workers (processes for
  pure-Python/numpy work such as sweeps; threads for GIL-releasing kernels such as
  the imaging blocks, chosen by the caller with ``processes=``);
* ``--scheduler ADDRESS`` -- a running ``dask.distributed`` scheduler (``tcp://host:8786``);
* neither -- the work runs in this process (optionally on a thread pool).

:func:`map_ordered` yields the results in the order of the tasks whatever order they
finish in, so a distributed run equals the local one exactly, and keeps at most
``max_in_flight`` tasks submitted, so the inputs and outputs of a very large run are
never all held at once.  Errors raised by a task reach the caller unchanged (a
package error stays a one-line error); a worker that dies is reported as one line.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from alloypore.errors import AlloyporeError, InputError
from alloypore.materials import active_user_materials_path, use_user_materials
from alloypore.progress import progress

__all__ = ["open_client", "map_ordered", "check_workers", "share_process_settings", "WorkerLostError"]


class WorkerLostError(AlloyporeError):
    """A Dask worker died (killed, out of memory) while running a task."""


def share_process_settings(client: Any) -> None:
    """Give ``client``'s workers (present and future) what the face chose for this process: the
    active user materials file, so a spec naming a user material evaluates on a worker as here.

    The face activates the file with :func:`alloypore.materials.use_user_materials`; worker
    processes do not inherit that, so a worker plugin activates it on each of them.
    """
    path = active_user_materials_path()
    if path is None:
        return
    from distributed import WorkerPlugin  # optional heavy dependency, as in open_client

    class _UserMaterials(WorkerPlugin):  # sent to the workers by value (cloudpickle)
        def __init__(self, path: str):
            self.path = path

        def setup(self, worker: Any) -> None:
            use_user_materials(self.path)

    client.register_plugin(_UserMaterials(str(path)), name="alloypore-user-materials")


def check_workers(workers: int | None, scheduler: str | None) -> None:
    """Refuse ``--workers`` below 1 and ``--workers`` together with ``--scheduler`` (one line)."""
    if workers is not None and scheduler is not None:
        raise InputError("--workers", workers, "give --workers or --scheduler, not both")
    if workers is not None and (isinstance(workers, bool) or int(workers) != workers or workers < 1):
        raise InputError("--workers", workers, "allowed --workers >= 1 (a whole number)")


@contextlib.contextmanager
def open_client(
    workers: int | None = None, scheduler: Any = None, *, processes: bool = True
) -> Iterator[Any]:
    """Yield a ``dask.distributed.Client`` for ``workers``/``scheduler``, or ``None`` for neither.

    ``scheduler`` may also be an existing ``Client``, which is yielded as is and not closed.
    A local cluster is closed when the block ends; so is a client made for an address.
    """
    if scheduler is not None and not isinstance(scheduler, str):
        yield scheduler  # a Client the caller owns
        return
    check_workers(workers, scheduler)
    if workers is None and scheduler is None:
        yield None
        return
    from dask.distributed import Client, LocalCluster  # optional heavy dependency (the dask extra)

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="10s", set_as_default=False)
        except (OSError, TimeoutError, ValueError) as err:
            raise InputError(
                "--scheduler", scheduler, f"cannot connect ({type(err).__name__}); give the address of a running "
                "dask.distributed scheduler, e.g. tcp://host:8786"
            ) from None
        try:
            share_process_settings(client)
            yield client
        finally:
            client.close()
        return
    if processes:
        cluster = LocalCluster(
            n_workers=int(workers), threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
        )
    else:
        cluster = LocalCluster(
            n_workers=1, threads_per_worker=int(workers), processes=False, dashboard_address=None, silence_logs=50
        )
    client = Client(cluster, set_as_default=False)
    try:
        share_process_settings(client)
        yield client
    finally:
        client.close()
        cluster.close()


def map_ordered(
    fn: Callable[..., Any],
    tasks: Iterable[Sequence[Any]],
    *,
    client: Any = None,
    shared: Sequence[Any] = (),
    description: str = "",
    total: int | None = None,
    max_in_flight: int | None = None,
    threads: int | None = None,
) -> Iterator[Any]:
    """Yield ``fn(*shared, *task)`` for every task, in task order.

    Parameters
    ----------
    fn : callable
        A picklable top-level function (it runs on workers).
    tasks : iterable of tuples
        The per-chunk arguments; consumed lazily.
    client : dask.distributed.Client or None
        Where to run; ``None`` runs in this process.
    shared : sequence
        Arguments common to every task (the spec, the grid, a volume source); sent to
        each worker once.
    description, total :
        Progress-bar label and number of tasks (when ``tasks`` has no ``len``).
    max_in_flight : int, optional
        Most tasks submitted at once (default: 4 per worker thread, or all).
    threads : int, optional
        With no client: run on a thread pool of this size (for kernels that release the GIL).
    """
    tasks = iter(tasks) if total is not None or not hasattr(tasks, "__len__") else list(tasks)
    if total is None and isinstance(tasks, list):
        total = len(tasks)
    yield from progress(_results(fn, iter(tasks), client, shared, max_in_flight, threads), description, total=total)


def _results(fn, it, client, shared, max_in_flight, threads):
    if client is None and (threads is None or threads <= 1):
        for task in it:
            yield fn(*shared, *task)
        return
    if client is None:
        with ThreadPoolExecutor(max_workers=int(threads)) as pool:
            yield from _bounded(lambda task: pool.submit(fn, *shared, *task), _local_result, it,
                                max_in_flight or 4 * int(threads))
        return
    # hash=False: a key of its own per map (a content-hashed key is shared with an earlier map of the same
    # object, whose release of it then deletes the data under this map: "computation on lost data")
    shared_f = [client.scatter(s, broadcast=True, hash=False) for s in shared]
    if max_in_flight is None:
        max_in_flight = 4 * (sum(client.nthreads().values()) or 1)
    yield from _bounded(lambda task: client.submit(fn, *shared_f, *task, pure=False), _dask_result, it, max_in_flight)


def _local_result(fut):
    return fut.result()


def _dask_result(fut):
    try:
        res = fut.result()
    except AlloyporeError:
        raise
    except Exception as err:
        if type(err).__name__ in {"KilledWorker", "CommClosedError", "FutureCancelledError"}:
            raise WorkerLostError(f"a Dask worker was lost while running a task ({type(err).__name__}); "
                                  "no partial result was written") from None
        raise
    fut.release()
    return res


def _bounded(submit, result, it, max_in_flight):
    """Keep at most ``max_in_flight`` futures submitted; yield results in submission order."""
    queue: deque = deque()
    for task in it:
        queue.append(submit(task))
        if len(queue) >= max_in_flight:
            break
    while queue:
        res = result(queue.popleft())
        nxt = next(it, None)
        if nxt is not None:
            queue.append(submit(nxt))
        yield res
