"""Where a run writes, and how its outputs replace the previous ones all together or not at all.

A run writes nothing until `check_paths` has accepted the three output folders (`--processed`,
`interim/` beside it, `--reports`) against `--raw` and each other. It then takes `RunLock`, a
lock file in each output folder's parent, so that a second run into the same place refuses.

The new outputs are built beside their targets, in `PARENT/.staging-PID/NAME`, and `commit`
swaps them in with renames inside each parent (never a copy across file systems):

1. `PARENT/.old-PID/journal.json` lists the targets (and whether each existed);
2. for each target: `NAME` → `.old-PID/NAME` (when it existed), then `.staging-PID/NAME` → `NAME`;
3. the journal is renamed to `committed.json`: from here on the new outputs stand;
4. the `.old-PID` and `.staging-PID` folders are removed.

An OSError or an interrupt before step 3 undoes the renames done so far, in reverse order, so
the previous outputs are back as they were. SIGINT and SIGTERM are deferred while renames are
under way (`deferred_signals`) and acted on between steps. A run killed outright (SIGKILL, power
loss) leaves `.old-PID` with its journal: the next run into the same place rolls it back (or,
after step 3, finishes removing it) before starting, and says so (`recover_leftovers`).

Test hook (documented, used by tests/test_faults.py; never set in normal use): the environment
variable `ANALYSIS_FAULT` holds comma-separated actions at named steps of a run:
`oserror@STEP` raises OSError(ENOSPC) at STEP; `pause@STEP:DIR` creates `DIR/STEP.reached` and
waits (at most 120 s) until `DIR/STEP.go` exists or a signal arrives. Steps: `publish` (before
publishing), `swap-N` (before the N-th rename of the swap, from 1), `commit` (before step 3),
`cleanup` (after step 3).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import InputError

LOCK_NAME = ".analysis-run.lock"
STAGING_PREFIX = ".staging-"
OLD_PREFIX = ".old-"
JOURNAL = "journal.json"
COMMITTED = "committed.json"
FAULT_ENV = "ANALYSIS_FAULT"
PAUSE_SECONDS = 120  # longest wait of a `pause@` test hook

# Free space a run needs, estimated from the input: bytes per input byte, plus a fixed part.
TABLES_PER_INPUT_BYTE = 12  # tables and interim texts (measured: about 10 on the seeds)
REPORTS_PER_INPUT_BYTE = 10
REPORTS_PER_NOTEBOOK = (
    1_000_000  # one executed notebook and its HTML page with plots (~0.9 MB measured)
)
FIXED_BYTES = 4_000_000  # the workbook, index, plots of the comparison page
SPACE_MARGIN = 1.25  # the estimate times this must be free


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived; raised in the main thread (so `finally` blocks run)."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


class CommitError(Exception):
    """The swap failed; `restored` says whether the previous outputs are back in place."""

    def __init__(self, cause: BaseException, restored: bool, detail: str = "") -> None:
        self.cause = cause
        self.restored = restored
        self.detail = detail
        super().__init__(str(cause))


# ---------------------------------------------------------------- targets and start-up checks


@dataclass(frozen=True)
class Target:
    """One output folder (`role` as the user knows it: --processed, interim/, --reports)."""

    role: str
    path: Path

    @property
    def label(self) -> str:
        """The folder as messages name it."""
        return "interim/ (beside --processed)" if self.role == "interim/" else self.role

    def staged(self, pid: int) -> Path:
        """Where this run builds the new folder: PARENT/.staging-PID/NAME."""
        return self.path.parent / f"{STAGING_PREFIX}{pid}" / self.path.name

    def backup(self, pid: int) -> Path:
        """Where the previous folder waits during the swap: PARENT/.old-PID/NAME."""
        return self.path.parent / f"{OLD_PREFIX}{pid}" / self.path.name


def _inside(inner: Path, outer: Path) -> bool:
    return outer in inner.parents


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


# Files only this tool writes at the top of each output folder: an existing folder without one
# of them (and not empty) is someone's other folder, which a run must not replace.
OUTPUT_SIGNATURES = {
    "--processed": (
        "documents.csv",
        "datapackage.json",
        "tables.xlsx",
        "clauses.csv",
        "figures.csv",
    ),
    "--reports": ("index.html", "01_clauses.html", "01_clauses.ipynb"),
}


def _looks_like_output(target: Target) -> bool:
    """True when the existing folder is empty or holds what an earlier run writes there."""
    entries = [p for p in target.path.iterdir() if p.name not in (".gitkeep", ".DS_Store")]
    if not entries:
        return True
    if target.role == "interim/":
        return all(p.is_file() and p.suffix == ".txt" for p in entries)
    if target.role == "--reports":
        readme = target.path / "README.md"
        if readme.is_file() and readme.read_text(encoding="utf-8", errors="replace").startswith(
            "# reports/"
        ):
            return True
    return any((target.path / name).exists() for name in OUTPUT_SIGNATURES.get(target.role, ()))


def _tree_writable(folder: Path) -> Path | None:
    """The first folder under `folder` (itself included) whose entries cannot be removed, or None."""
    for current, dirs, _ in os.walk(folder):
        if not os.access(current, os.W_OK | os.X_OK):
            return Path(current)
        dirs.sort()
    return None


def check_paths(
    raw_dir: Path, processed_dir: Path, interim_dir: Path, reports_dir: Path
) -> list[Target]:
    """The output folders, resolved, once they are safe to replace (raises InputError otherwise).

    Refused: the same folder twice; one inside another (raw included); an output that is an
    existing file, a mount point, the root, or a folder that is not an earlier output; an
    output whose parent (or first existing ancestor) or existing tree is not writable.
    """
    raw = resolved(raw_dir, "--raw")
    targets = [
        Target("--processed", resolved(processed_dir, "--processed")),
        Target("interim/", resolved(interim_dir, "interim/ (beside --processed)")),
        Target("--reports", resolved(reports_dir, "--reports")),
    ]
    named = [("--raw", raw)] + [(t.label, t.path) for t in targets]
    for i, (name_a, a) in enumerate(named):
        for name_b, b in named[i + 1 :]:
            if a == b:
                raise InputError(
                    f"{name_a} and {name_b}",
                    f"are the same folder ({a})",
                    "give each its own folder",
                )
            for (inner_name, inner), (outer_name, outer) in (
                ((name_a, a), (name_b, b)),
                ((name_b, b), (name_a, a)),
            ):
                if _inside(inner, outer):
                    raise InputError(
                        f"{inner_name} {inner}",
                        f"is inside {outer_name} {outer}",
                        "the run replaces each output folder as a whole; give folders that do not contain each other",
                    )
    for target in targets:
        _check_target(target)
    return targets


def resolved(path: Path, role: str) -> Path:
    """The absolute path with symbolic links resolved (InputError for a link loop)."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError) as error:
        raise InputError(
            f"{role} {path}", f"cannot be resolved ({error})", "check its symbolic links"
        ) from None


def _check_target(target: Target) -> None:
    path = target.path
    where = f"{target.label} {path}"
    if path.parent == path:
        raise InputError(where, "is the root folder", "name a folder for the outputs")
    if path.exists() or path.is_symlink():
        if not path.is_dir():
            raise InputError(
                where,
                "exists and is not a folder",
                "name a folder (it is created if missing), or move the file away",
            )
        if os.path.ismount(path):
            raise InputError(
                where,
                "is a mount point, which cannot be replaced by renaming",
                "name a folder inside it",
            )
        if not _looks_like_output(target):
            raise InputError(
                where,
                "is a folder that does not hold earlier outputs of this tool (the run would replace it)",
                "name a new or empty folder",
            )
        blocked = _tree_writable(path)
        if blocked is not None:
            raise InputError(
                where,
                f"is read-only ({blocked} cannot be changed)",
                "make it writable or name another folder",
            )
    ancestor = _nearest_existing(path.parent)
    if not ancestor.is_dir():
        raise InputError(
            where,
            f"cannot be created: {ancestor} is a file",
            "name a folder whose parents are folders",
        )
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise InputError(
            where,
            f"cannot be written: {ancestor} is read-only",
            "make it writable or name another folder",
        )


def space_needed(input_bytes: int, notebook_runs: int) -> tuple[int, int]:
    """Estimated bytes for (tables with interim texts, reports), margin included."""
    tables = TABLES_PER_INPUT_BYTE * input_bytes + FIXED_BYTES // 4
    reports = (
        REPORTS_PER_INPUT_BYTE * input_bytes + REPORTS_PER_NOTEBOOK * notebook_runs + FIXED_BYTES
    )
    return int(tables * SPACE_MARGIN), int(reports * SPACE_MARGIN)


def check_free_space(targets: list[Target], input_bytes: int, notebook_runs: int) -> None:
    """InputError when a file system of the outputs has less free space than the run needs."""
    tables, reports = space_needed(input_bytes, notebook_runs)
    needs: dict[int, tuple[int, Path, list[str]]] = {}
    for target in targets:
        ancestor = _nearest_existing(target.path.parent)
        device = ancestor.stat().st_dev
        need = reports if target.role == "--reports" else tables / 2
        total, where, roles = needs.get(device, (0, ancestor, []))
        needs[device] = (int(total + need), where, [*roles, target.role])
    for total, where, roles in needs.values():
        free = shutil.disk_usage(where).free
        if free < total:
            raise InputError(
                f"{' and '.join(roles)} ({where})",
                f"too little free space: {free / 1e6:.1f} MB free, the run needs about {total / 1e6:.1f} MB",
                "free some space or name folders on another disk",
            )


# ---------------------------------------------------------------- the lock


@dataclass
class RunLock:
    """An exclusive lock file in each output parent; a second run refuses (InputError)."""

    parents: list[Path]
    _held: list[tuple[Path, int]] = field(default_factory=list)

    def acquire(self) -> None:
        for parent in sorted(set(self.parents)):
            self._held.append((parent / LOCK_NAME, _lock(parent / LOCK_NAME)))

    def release(self) -> None:
        while self._held:
            path, fd = self._held.pop()
            with contextlib.suppress(OSError):
                path.unlink()  # while still holding it: a waiting run then sees a stale inode and retries
            os.close(fd)


def _lock(path: Path) -> int:
    """Open and lock `path` (no wait); InputError naming the holder when another run has it."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise InputError(
                str(path),
                f"is held by another run (process {holder}) writing to the same folders",
                "wait for it to finish, or give other --processed/--reports folders",
            ) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
            return fd
        os.close(fd)  # the holder removed the file as we opened it: lock the new one


# ---------------------------------------------------------------- signals and the test hook


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """SIGINT and SIGTERM raise Interrupted in the main thread for the duration (then restored)."""

    def handler(signum: int, _frame: object) -> None:
        raise Interrupted(signum)

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


@contextlib.contextmanager
def deferred_signals() -> Iterator[list[int]]:
    """SIGINT and SIGTERM only recorded (in the yielded list) for the duration."""
    pending: list[int] = []
    previous = {
        s: signal.signal(s, lambda signum, _frame: pending.append(signum))
        for s in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield pending
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def fault(step: str, pending: list[int] | None = None) -> None:
    """The `ANALYSIS_FAULT` test hook at `step` (see the module docstring); nothing when unset."""
    for action in filter(None, os.environ.get(FAULT_ENV, "").split(",")):
        kind, _, rest = action.partition("@")
        name, _, folder = rest.partition(":")
        if name != step:
            continue
        if kind == "oserror":
            raise OSError(
                errno.ENOSPC, f"No space left on device (simulated by {FAULT_ENV} at {step})"
            )
        if kind == "pause":
            Path(folder, f"{step}.reached").touch()
            deadline = time.monotonic() + PAUSE_SECONDS
            while (
                not Path(folder, f"{step}.go").exists()
                and time.monotonic() < deadline
                and not pending
            ):
                time.sleep(0.05)


# ---------------------------------------------------------------- staging, commit, recovery


def make_staging(targets: list[Target], pid: int) -> dict[str, Path]:
    """Create the empty staged folder of each target; role → staged path."""
    staged = {}
    for target in targets:
        target.staged(pid).mkdir(parents=True)
        staged[target.role] = target.staged(pid)
    return staged


def remove_leftovers(targets: list[Target], pid: int) -> list[str]:
    """Remove this run's .staging-PID and .old-PID folders; problems as messages (never raises)."""
    problems = []
    for parent in sorted({t.path.parent for t in targets}):
        for name in (f"{STAGING_PREFIX}{pid}", f"{OLD_PREFIX}{pid}"):
            folder = parent / name
            if folder.exists():
                try:
                    shutil.rmtree(folder)
                except OSError as error:
                    problems.append(
                        f"could not remove {folder}: {error.strerror or error}; remove it by hand"
                    )
    return problems


def _journal_path(targets: list[Target], pid: int) -> Path:
    return targets[0].backup(pid).parent / JOURNAL


def commit(targets: list[Target], pid: int) -> list[int]:
    """Swap every staged folder into place, all or none; the signals that arrived after the commit.

    Raises Interrupted (a signal before the commit point) or CommitError (an OSError), after
    putting the previous outputs back; `CommitError.restored` is False only when undoing failed
    too (the journal then stays for the next run to finish the undo).
    """
    done: list[tuple[str, Target]] = []  # ("backup" | "place", target), in the order done
    with deferred_signals() as pending:
        try:
            for target in targets:
                target.backup(pid).parent.mkdir(exist_ok=True)
            journal = _journal_path(targets, pid)
            entries = [
                {"target": str(t.path), "existed": t.path.exists(), "pid": pid} for t in targets
            ]
            _write_synced(journal, json.dumps(entries, indent=1).encode("utf-8"))
            step = 0
            for target in targets:
                for kind, source, destination in (
                    ("backup", target.path, target.backup(pid)),
                    ("place", target.staged(pid), target.path),
                ):
                    if kind == "backup" and not target.path.exists():
                        continue
                    step += 1
                    fault(f"swap-{step}", pending)
                    if pending:
                        raise Interrupted(pending[0])
                    os.rename(source, destination)
                    done.append((kind, target))
            fault("commit", pending)
            if pending:
                raise Interrupted(pending[0])
            os.rename(journal, journal.with_name(COMMITTED))  # the commit point
        except BaseException as error:
            problems = _undo(done, pid)
            if problems:
                raise CommitError(error, restored=False, detail="; ".join(problems)) from None
            if isinstance(error, OSError):
                raise CommitError(error, restored=True) from None
            raise
        fault("cleanup", pending)
        return list(pending)


def _undo(done: list[tuple[str, Target]], pid: int) -> list[str]:
    """Reverse the renames in `done` (last first); what could not be undone, as messages."""
    problems = []
    for kind, target in reversed(done):
        source, destination = (
            (target.path, target.staged(pid))
            if kind == "place"
            else (target.backup(pid), target.path)
        )
        try:
            os.rename(source, destination)
        except OSError as error:
            problems.append(
                f"could not move {source} back to {destination}: {error.strerror or error}"
            )
    return problems


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _leftover_pid(name: str) -> int | None:
    for prefix in (STAGING_PREFIX, OLD_PREFIX):
        if name.startswith(prefix) and name[len(prefix) :].isdigit():
            return int(name[len(prefix) :])
    return None


def recover_leftovers(targets: list[Target]) -> list[str]:
    """Finish what an earlier run killed midway left in the output parents; messages saying what.

    Call with the lock held. `.staging-PID` of a dead run: removed (incomplete new outputs).
    `.old-PID` with a journal: the swap is undone (the previous outputs go back in place);
    with `committed.json`: removed (the new outputs stand). Anything else of that shape
    (e.g. `.processed.old-PID` of older versions) is reported and left alone.
    """
    messages = []
    for parent in sorted({t.path.parent for t in targets if t.path.parent.exists()}):
        for entry in sorted(parent.iterdir()):
            pid = _leftover_pid(entry.name)
            if pid is None:
                if ".old-" in entry.name and entry.name.startswith("."):
                    messages.append(
                        f"{entry} was left by an earlier run (older version); not touched: inspect it and remove it"
                    )
                continue
            if pid == os.getpid() or _pid_alive(pid) or not entry.is_dir():
                continue
            if entry.name.startswith(STAGING_PREFIX):
                shutil.rmtree(entry)
                messages.append(
                    f"removed {entry}: incomplete outputs of an earlier run that was stopped"
                )
            elif (entry / JOURNAL).exists():
                messages.extend(_roll_back(entry, pid))
            elif (entry / COMMITTED).exists() or not any(entry.iterdir()):
                shutil.rmtree(entry)
                messages.append(
                    f"removed {entry}: previous outputs of an earlier run that had already replaced them"
                )
            else:
                messages.append(
                    f"{entry} was left by an earlier run, without a journal; not touched: inspect it and remove it"
                )
    return messages


def _roll_back(old_dir: Path, pid: int) -> list[str]:
    """Undo the swap an earlier run (process `pid`) left half done, from its journal (its
    .staging-PID folders are removed by `recover_leftovers`)."""
    entries = json.loads((old_dir / JOURNAL).read_text(encoding="utf-8"))
    messages = []
    for entry in entries:
        target = Path(entry["target"])
        backup = target.parent / f"{OLD_PREFIX}{pid}" / target.name
        if backup.exists():
            if target.exists():
                shutil.rmtree(target)
            os.rename(backup, target)
            messages.append(
                f"restored {target} from an earlier run that was stopped while replacing its outputs"
            )
        elif not entry["existed"] and target.exists():
            shutil.rmtree(target)
            messages.append(
                f"removed {target}: new outputs of an earlier run that was stopped while replacing them"
            )
    for entry in entries:
        folder = Path(entry["target"]).parent / f"{OLD_PREFIX}{pid}"
        if folder.exists():
            shutil.rmtree(folder)
    return messages
