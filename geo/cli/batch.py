"""`geo batch`: the pipeline over a corpus, on every core, resumable, one JSON line a document.

INPUT is a folder (its files), a glob, or a `.jsonl` of `{"id", "text", "lang"?, "date"?}` lines,
read as `geo parse --jsonl` reads them (`geo.ingest.documents`). Each result is appended to OUT and
flushed as soon as it is done, so a crash loses at most the documents in flight, and a rerun
skips the ids already in OUT.
Engines: a process pool whose workers load the models once (in their initializer) and end
with the batch however it ends, or Dask (a local cluster, or the scheduler of a real one). Both
give the lines `geo parse --jsonl` gives.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import glob
import importlib.util
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from geo.cli.arguments import (
    GEOCODER_HELP,
    add_corrections,
    add_date,
    add_demonyms,
    add_language,
)
from geo.cli.outputs import check_output
from geo.errors import GeoError, InputError
from geo.lang import supported

ENGINES = ("pool", "dask")


def add_to(commands: argparse._SubParsersAction) -> None:
    """The `batch` command and its arguments."""
    batch = commands.add_parser("batch", help="parse a corpus on every core, resumably")
    batch.add_argument("input", metavar="INPUT", help="a folder, a glob or a .jsonl of documents")
    batch.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        required=True,
        help="the .jsonl of results; ids already in it are skipped",
    )
    batch.add_argument(
        "--processes", type=int, metavar="N", help="worker processes (default: all cores)"
    )
    batch.add_argument("--engine", default="pool", choices=ENGINES)
    batch.add_argument(
        "--scheduler", metavar="ADDRESS", help="a Dask scheduler (default: a local cluster)"
    )
    add_language(batch)
    add_date(batch, "the documents' date (a .jsonl document's own \"date\" wins)")
    batch.add_argument("--geocoder", help=GEOCODER_HELP)
    add_corrections(batch)
    add_demonyms(batch)
    batch.add_argument("--no-progress", action="store_true", help="no progress bar")
    batch.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the batch; 1 if a document failed (each said on stderr), else 0."""
    summary = run_batch(
        args.input,
        args.output,
        processes=args.processes,
        engine=args.engine,
        scheduler=args.scheduler,
        lang=args.lang,
        date=args.date,
        provider=args.geocoder,
        progress=not args.no_progress,
        corrections=args.corrections,
        demonyms=args.demonyms,
    )
    return 1 if summary.failed else 0


@dataclass(frozen=True, slots=True)
class Task:
    """One document to parse: its text (from a .jsonl) or the file the worker reads."""

    id: str
    lang: str = "auto"
    text: str | None = None
    path: str | None = None
    date: datetime.date | None = None
    corrections: bool = True  # apply the corrections saved in the app, as geo parse does
    demonyms: bool = True  # keep the countries named by an adjective (--no-demonyms: not)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a worker sends back: the result's JSON line, or why there is none."""

    id: str
    line: str | None
    error: str | None = None
    words: int = 0


@dataclass(frozen=True, slots=True)
class Summary:
    """How a batch went: documents in INPUT, skipped as already in OUT, done, failed."""

    total: int
    skipped: int
    done: int
    failed: int
    words: int
    seconds: float


def read_tasks(
    source: str,
    *,
    lang: str = "auto",
    date: datetime.date | None = None,
    report: Callable[[str], None] | None = None,
) -> tuple[list[Task], int]:
    """The documents of INPUT (a folder, a glob or a .jsonl), checked before any work starts,
    and how many lines of a .jsonl are not documents (each said through `report`)."""
    from geo.ingest.documents import read_and_report, safe_name

    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        if not files:
            raise InputError(f"the folder {source} has no files")
        return _unique(
            [Task(safe_name(str(p.relative_to(path))), lang, path=str(p), date=date) for p in files]
        ), 0
    if path.is_file() and path.suffix == ".jsonl":
        documents, bad = read_and_report(path, report)
        return [
            Task(d.id, d.lang or lang, text=d.text, date=d.date or date) for d in documents
        ], bad
    if path.is_file():
        raise InputError(f"{source} is neither a folder, a glob nor a .jsonl file")
    if glob.has_magic(source):
        files = sorted(p for p in map(Path, glob.glob(source, recursive=True)) if p.is_file())
        if not files:
            raise InputError(f"no file matches {source}")
        return _unique([Task(safe_name(p.name), lang, path=str(p), date=date) for p in files]), 0
    raise InputError(f"no such file or folder: {source}")


def _unique(tasks: Iterable[Task]) -> list[Task]:
    seen: set[str] = set()
    out = []
    for task in tasks:
        if task.id in seen:  # resuming goes by id: two documents cannot share one
            raise InputError(f"two documents have the id {task.id!r}")
        seen.add(task.id)
        out.append(task)
    return out


def finished_ids(out: Path) -> set[str]:
    """Ids already in OUT. A last line cut short by a crash is removed (it will be redone), once
    every whole line is known to be a geo result: any other OUT is refused and left as it was."""
    if not out.is_file():  # a new OUT, or a device such as /dev/stdout: nothing to resume
        return set()
    try:
        data = out.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read {out}: {err.strerror}") from err
    complete = data[: data.rfind(b"\n") + 1]
    ids = {
        _result_id(out, number, raw)
        for number, raw in enumerate(complete.split(b"\n")[:-1], start=1)
        if raw.strip()
    }
    if len(complete) < len(data):
        with out.open("r+b") as handle:
            handle.truncate(len(complete))
    return ids


def _result_id(out: Path, number: int, raw: bytes) -> str:
    from geo.ingest.documents import LineError, parse_line

    try:
        result = parse_line(raw)
    except LineError as err:
        raise InputError(
            f"{out} line {number} is not a geo result ({err}); give another OUT or remove it"
        ) from None
    if not isinstance(result, dict) or not isinstance(result.get("id"), str):
        raise InputError(f"{out} line {number} is not a geo result; give another OUT or remove it")
    return result["id"]


# --- worker side: module globals set once per process by `init_worker` -------------------

_GEOCODER = None
_LOCK = threading.Lock()  # a Dask worker may run tasks in threads; spaCy pipelines are not shared


def init_worker(provider: str | None, languages: tuple[str, ...]) -> None:
    """Load the models and open the geocoder once per worker process (pool initializer)."""
    global _GEOCODER
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")  # one core per worker: no thread oversubscription
    from geo.geocoding import candidates, make_geocoder
    from geo.nlp.pipelines import load

    with _LOCK:
        if _GEOCODER is None:
            _GEOCODER = make_geocoder(provider)
            for language in languages:
                load(language)
            candidates(_GEOCODER, "Paris")  # opens the index now, not mid-batch


def work(task: Task) -> Outcome:
    """Parse one document into the JSON line `geo parse --jsonl` writes for it."""
    from geo.corrections import corrected, without_demonyms
    from geo.export.formats import to_dict
    from geo.ingest.text import read_file
    from geo.pipeline import parse

    try:
        text = task.text if task.text is not None else read_file(task.path or "")
        with _LOCK:
            result = parse(
                text, doc_id=task.id, language=task.lang, geocoder=_GEOCODER, date=task.date
            )
        if task.corrections:
            result = corrected(result, text)
        if not task.demonyms:
            result = without_demonyms(result)
        return Outcome(
            task.id, json.dumps(to_dict(result), ensure_ascii=False), None, len(text.split())
        )
    except GeoError as err:
        return Outcome(task.id, None, str(err))
    except Exception as err:  # one bad document must not end a long batch: report it, go on
        return Outcome(task.id, None, f"internal error: {type(err).__name__}: {err}")


def _preload_plugin(provider: str | None, languages: tuple[str, ...]):
    """A Dask worker plugin that runs `init_worker` on every worker, also ones that join later.

    Defined here so that importing geo.cli.batch does not import Dask; Dask pickles it by value.
    """
    from distributed import WorkerPlugin

    class Preload(WorkerPlugin):
        name = "geo-preload"

        def setup(self, worker) -> None:
            init_worker(provider, languages)

    return Preload()


# --- driver side ----------------------------------------------------------------------------


def run_batch(
    source: str,
    out: str | Path,
    *,
    processes: int | None = None,
    engine: str = "pool",
    scheduler: str | None = None,
    lang: str = "auto",
    date: datetime.date | None = None,
    provider: str | None = None,
    progress: bool = True,
    report: Callable[[str], None] | None = None,
    corrections: bool = True,
    demonyms: bool = True,
) -> Summary:
    """Parse every document of `source` not yet in `out`, appending one result a line."""
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    if scheduler and engine != "dask":
        raise InputError("--scheduler needs --engine dask")
    if processes is not None and processes < 1:
        raise InputError("--processes must be at least 1")
    provider = _offline_or_single(provider, processes, engine)
    if engine == "dask" and importlib.util.find_spec("distributed") is None:
        raise InputError('--engine dask needs Dask: pip install "geo[dask]"')
    out = Path(out)
    check_output(out, [source])
    tasks, bad = read_tasks(source, lang=lang, date=date)
    tasks = [replace(t, corrections=corrections, demonyms=demonyms) for t in tasks]
    _check_not_read(source, tasks, out)
    done_ids = finished_ids(out)
    pending = [t for t in tasks if t.id not in done_ids]
    processes = min(processes or _cores(), max(len(pending), 1))
    report = report or (lambda message: print(f"geo: {message}", file=sys.stderr))
    start = time.perf_counter()
    outcomes = _outcomes(pending, engine, processes, scheduler, provider, _languages(pending))
    with _progress_bar(len(tasks), len(tasks) - len(pending), progress) as bar:
        words, failed = _append(out, outcomes, bar)
    summary = Summary(
        len(tasks) + bad,
        len(tasks) - len(pending),
        len(pending) - failed,
        failed + bad,
        words,
        time.perf_counter() - start,
    )
    report(describe(summary))
    return summary


def _check_not_read(source: str, tasks: list[Task], out: Path) -> None:
    """Refuse an OUT that a rerun would read as a document: one of the files, or a file to be
    in the folder."""
    check_output(out, [t.path for t in tasks if t.path])
    folder = Path(source)
    if (
        folder.is_dir()
        and not out.name.startswith(".")
        and Path(os.path.realpath(out)).parent == folder.resolve()
    ):
        raise InputError(
            f"the output {out} is one of the inputs (a file in {source}); give another output"
        )


def _append(out: Path, outcomes: Generator[Outcome, None, None], bar) -> tuple[int, int]:
    """Append each result to OUT as it comes, whole lines only; the words done and the
    documents failed."""
    words, failed = 0, 0
    try:
        with contextlib.closing(outcomes), out.open("a", encoding="utf-8") as handle:
            for outcome in outcomes:
                if outcome.line is None:
                    failed += 1
                    bar.write(f"geo: {outcome.id}: {outcome.error}", file=sys.stderr)
                else:
                    with _signals_held():  # SIGINT/SIGTERM wait until the line is out
                        handle.write(outcome.line + "\n")
                        handle.flush()
                    words += outcome.words
                bar.update(1)
    except OSError as err:  # a full disk: the last line may be cut short; a rerun removes it
        raise InputError(f"cannot write {out}: {err.strerror or err}") from err
    return words, failed


@contextlib.contextmanager
def _signals_held(signals=(signal.SIGINT, signal.SIGTERM)) -> Iterator[None]:
    """Block `signals` in this thread while the block runs; they are delivered after it
    (and inherited blocked by processes started meanwhile)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def describe(summary: Summary) -> str:
    """One line on how the batch went."""
    speed = summary.words / summary.seconds if summary.seconds else 0.0
    failed = (
        f"{summary.failed} failed (not written: a rerun tries them again)"
        if summary.failed
        else "0 failed"
    )
    return (
        f"{summary.total} documents: {summary.done} done, {summary.skipped} already in the "
        f"output, {failed}; {summary.words:,} words in {summary.seconds:.1f} s "
        f"({speed:,.0f} words/s)"
    )


def _offline_or_single(provider: str | None, processes: int | None, engine: str) -> str:
    from geo.config import load_settings

    provider = provider or load_settings().provider
    if provider != "gazetteer" and (engine != "pool" or processes != 1):
        # each process would keep its own rate limit: N processes, N requests a second
        raise InputError(
            f"an online geocoder ({provider}) allows one request a second: "
            "use --processes 1 with the pool engine"
        )
    return provider


def _languages(tasks: list[Task]) -> tuple[str, ...]:
    """The models the workers will need (both when some files are still unread)."""
    from geo.ingest.text import detect_language

    needed = set()
    for task in tasks:
        if task.lang in supported():
            needed.add(task.lang)
        elif task.text is None:
            return supported()
        else:
            needed.add(detect_language(task.text))
    return tuple(sorted(needed))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _progress_bar(total: int, initial: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(
        total=total,
        initial=initial,
        unit="doc",
        file=sys.stderr,
        disable=not enabled,
        dynamic_ncols=True,
        mininterval=0.5,
        desc="geo batch",
    )


def _outcomes(
    pending: list[Task],
    engine: str,
    processes: int,
    scheduler: str | None,
    provider: str,
    languages: tuple[str, ...],
) -> Generator[Outcome, None, None]:
    """Each document's outcome as it is done; nothing starts before the first is asked for."""
    if not pending:
        return
    if engine == "dask":
        yield from _dask_outcomes(pending, processes, scheduler, provider, languages)
    elif processes == 1:  # no pool to feed: the models load here, once
        init_worker(provider, languages)
        yield from map(work, pending)
    else:
        yield from _pool_outcomes(pending, processes, provider, languages)


def _pool_outcomes(
    pending: list[Task], processes: int, provider: str, languages: tuple[str, ...]
) -> Iterator[Outcome]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    # spawn, not fork: the parent may hold open SQLite handles and threads (pytest, streamlit)
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        processes,
        mp_context=context,
        initializer=_init_pool_worker,
        initargs=(os.getpid(), provider, languages),
    )
    try:
        with _signals_held((signal.SIGINT,)):  # workers start with SIGINT blocked: we stop them
            futures = [pool.submit(work, task) for task in pending]
        for future in as_completed(futures):
            yield future.result()
    except BrokenProcessPool as err:
        _stop(pool)
        raise GeoError("a worker process died (out of memory?); rerun to resume") from err
    except BaseException:  # stopped (SIGINT, SIGTERM), or OUT cannot be written
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def _stop(pool) -> None:
    """End the pool now: queued documents cancelled, running ones ended without waiting (they
    are not in OUT: a rerun does them)."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # no public handle
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(10)


def _init_pool_worker(parent: int, provider: str | None, languages: tuple[str, ...]) -> None:
    """The pool's initializer: tie this worker's life to the batch's, then load the models."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: we stop them
    _exit_with(parent)
    init_worker(provider, languages)


def _exit_with(parent: int) -> None:
    """End this process when `parent` ends, however it ends (SIGKILL too): Linux's parent-death
    signal, and a thread that checks the parent every second where there is none."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() != parent:  # it ended before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="geo-parent", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


# For the local cluster: no sampling profiler in the workers (a thread that walks the stack
# every 10 ms; there is no dashboard to show it), and glibc's own malloc trimming instead of
# Dask's 64 kB threshold, which makes spaCy return and ask for memory all the time. Measured
# on the dev texts, they cost the workers about a quarter more CPU than the pool's.
_LOCAL_DASK = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ": {
        "OMP_NUM_THREADS": 1,
        "MKL_NUM_THREADS": 1,
        "OPENBLAS_NUM_THREADS": 1,
    },
}


def _dask_outcomes(
    pending: list[Task],
    processes: int,
    scheduler: str | None,
    provider: str,
    languages: tuple[str, ...],
) -> Iterator[Outcome]:
    import logging
    from contextlib import ExitStack

    import dask
    from dask.distributed import Client, LocalCluster, as_completed

    with ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler, timeout="20s"))
            except (OSError, TimeoutError) as err:
                raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err
        else:
            stack.enter_context(dask.config.set(_LOCAL_DASK))
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=processes,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.CRITICAL,
                )
            )
            client = stack.enter_context(Client(cluster))
        client.register_plugin(_preload_plugin(provider, languages))
        window = 4 * max(sum(client.nthreads().values()), 1)  # a bounded number in flight
        queue, running = iter(pending), as_completed()
        yield from _submit(client, running, queue, window)
        for future in running:
            yield future.result()
            future.release()
            yield from _submit(client, running, queue, 1)


def _submit(client, running, queue: Iterator[Task], count: int) -> Iterator[Outcome]:
    """Send `count` more tasks with their texts (read here: a remote worker may not see our
    files); a file that cannot be read is a failed document, and the next one is sent."""
    from geo.ingest.text import read_file

    while count > 0 and (task := next(queue, None)) is not None:
        if task.text is None:
            try:
                task = replace(task, text=read_file(task.path or ""), path=None)
            except GeoError as err:
                yield Outcome(task.id, None, str(err))
                continue
        running.add(client.submit(work, task, pure=False))
        count -= 1
