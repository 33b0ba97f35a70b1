"""The one parallel runtime: same results in the same order locally, on threads and on Dask."""

import os
import signal

import pytest

from alloypore.errors import InputError
from alloypore.parallel import WorkerLostError, check_workers, map_ordered, open_client


def _affine(a, b, x):
    return a * x + b


def _die(x):
    if x == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return x


@pytest.mark.parametrize("threads", [None, 3])
def test_local_and_threaded_runs_keep_task_order(threads):
    out = list(map_ordered(_affine, [(x,) for x in range(50)], shared=(2, 1), threads=threads, max_in_flight=4))
    assert out == [2 * x + 1 for x in range(50)]


def test_dask_cluster_equals_local_run():
    with open_client(workers=2, processes=False) as client:
        out = list(map_ordered(_affine, ((x,) for x in range(40)), client=client, shared=(3, -1), total=40,
                               max_in_flight=5))
    assert out == [3 * x - 1 for x in range(40)]


def test_no_options_means_no_client():
    with open_client() as client:
        assert client is None


@pytest.mark.parametrize("workers, scheduler", [(0, None), (-2, None), (2, "tcp://127.0.0.1:1"), (1.5, None)])
def test_bad_worker_options_are_one_line(workers, scheduler):
    with pytest.raises(InputError, match="--workers"):
        check_workers(workers, scheduler)


def test_unreachable_scheduler_is_one_line():
    with pytest.raises(InputError, match="--scheduler"):
        with open_client(scheduler="tcp://127.0.0.1:9"):
            pass


def test_killed_worker_is_one_line_error():
    with open_client(workers=1, processes=True) as client:
        client.run(lambda: __import__("dask").config.set({"distributed.scheduler.allowed-failures": 0}))
        with pytest.raises(WorkerLostError, match="worker was lost"):
            list(map_ordered(_die, [(x,) for x in range(6)], client=client, max_in_flight=1))


def test_workers_see_the_user_materials_file_of_this_process(tmp_path):
    # the face activates the user file in its own process; worker processes get it from open_client
    from alloypore.materials import get_material, user_materials

    f = tmp_path / "m.toml"
    f.write_text('[[material]]\nname = "Zn_user"\nkind = "alloy"\nformula = "Zn"\n'
                 'density_g_cm3 = { value = 7.14, source = "test" }\n')
    with user_materials(f), open_client(workers=1, processes=True) as client:
        [zn] = list(map_ordered(get_material, [("Zn_user",)], client=client))
    assert zn.density_g_cm3 == 7.14
