"""Faults and hostile input (issue 16): the raw files and the previous outputs survive everything,
and nothing wrong is accepted silently.

Every refusal is a row of REFUSALS: `python -m analysis run` in a subprocess must exit with the
code given, print the message fragments given (no traceback), and leave every file under the
test's folder (raw texts, earlier tables, interim texts and reports) byte for byte as it was,
with no staging, backup or lock file behind. Faults during a real run (an interrupt while the
outputs are swapped, SIGTERM midway, a full disk, an I/O error at each rename, a second run at
the same time, a run killed outright) are in FAULTS and the tests after it. Inputs that must
run through are checked on the shared `hostile_run` (tests/conftest.py).

The swap-time faults use the documented test hook `ANALYSIS_FAULT` of analysis.outputs (a pause
at a named step, or an OSError there); the full disk is a real tmpfs when this process may mount
one (root), else the hook's OSError at the same step.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from pipeline_runs import FORMULA_CELLS, LONG_CLAUSE, ROOT, SEEDS, Run

from analysis import ingest, outputs, publish, tables_io
from analysis.errors import InputError

HENAN = "000_1d2e5730f4acb035.txt"  # one seed document: a run of it executes five notebooks
PLAN = "推进资源型地区高质量发展，加快采煤沉陷区综合治理，支持接续替代产业发展。"
TRADITIONAL = "推進資源型地區高質量發展，加快採煤沉陷區綜合治理，支持接續替代產業發展。"


# ---------------------------------------------------------------- helpers


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every entry under `root`, symbolic links not followed: path → bytes, "<folder>" or the link."""
    found: dict[str, bytes | str] = {}
    for current, dirs, files in os.walk(root):
        for name in sorted(dirs + files):
            path = Path(current, name)
            key = str(path.relative_to(root))
            if path.is_symlink():
                found[key] = f"<link to {os.readlink(path)}>"
            elif path.is_dir():
                found[key] = "<folder>"
            else:
                found[key] = path.read_bytes()
    return found


def earlier_outputs(root: Path) -> None:
    """raw/ with one seed document, and processed/, interim/, reports/ as an earlier run left them."""
    (root / "raw").mkdir()
    shutil.copyfile(SEEDS / HENAN, root / "raw" / HENAN)
    (root / "processed").mkdir()
    (root / "processed" / "documents.csv").write_text(
        "doc_id,source_file\nold,old.txt\n", encoding="utf-8"
    )
    (root / "processed" / "SENTINEL").write_bytes(b"earlier tables")
    (root / "interim").mkdir()
    (root / "interim" / "old.txt").write_text("earlier interim text\n", encoding="utf-8")
    (root / "reports" / "figures").mkdir(parents=True)
    (root / "reports" / "index.html").write_text("<p>earlier report</p>\n", encoding="utf-8")
    (root / "reports" / "figures" / "SENTINEL").write_bytes(b"earlier figure")


def command(
    root: Path, raw: str = "raw", processed: str = "processed", reports: str = "reports"
) -> list[str]:
    """`python -m analysis run` with folders relative to `root` (absolute ones kept)."""
    return [
        sys.executable, "-m", "analysis", "run",
        "--raw", str(root / raw), "--processed", str(root / processed), "--reports", str(root / reports),
    ]  # fmt: skip


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != outputs.FAULT_ENV}
    return {**env, **extra}


def _default_signals() -> None:
    """In the child: SIGINT as from a terminal even when pytest runs in the background (`cmd &`
    starts children with SIGINT ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run(
    cmd: list[str], env: dict[str, str] | None = None, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env or environment(),
        preexec_fn=_default_signals,
    )


def start(cmd: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
        preexec_fn=_default_signals,
    )


def wait_for(path: Path, process: subprocess.Popen[str], seconds: float = 600) -> None:
    """Until `path` exists (the child reached a paused step); fails if the child ends first."""
    deadline = time.monotonic() + seconds
    while not path.exists():
        if process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(
                f"the run ended before {path.name} (exit {process.returncode}):\n{out}\n{err}"
            )
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.1)


def no_leftovers(root: Path) -> list[str]:
    """Staging, backup and lock files anywhere under `root` (there must be none)."""
    return sorted(
        str(p.relative_to(root))
        for p in root.rglob(".*")
        if p.name.startswith((outputs.STAGING_PREFIX, outputs.OLD_PREFIX))
        or p.name == outputs.LOCK_NAME
    )


def assert_clean_failure(
    result_code: int, stdout: str, stderr: str, code: int, fragments: tuple[str, ...]
) -> None:
    assert result_code == code, (stdout, stderr)
    assert "Traceback" not in stderr + stdout, stderr
    for fragment in fragments:
        assert fragment in stderr, (fragment, stderr)


@contextlib.contextmanager
def tmpfs(path: Path, size: str, read_only: bool = False) -> Iterator[Path]:
    """A small tmpfs mounted at `path` (skips the test when this process may not mount)."""
    path.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def remount_read_only(path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)


# ---------------------------------------------------------------- refusals before anything is written

ZH_LINE = "推进资源型地区高质量发展，加快采煤沉陷区综合治理。"
# Traditional text saved as UTF-8 after a wrong decoding as GBK (what a mis-set editor leaves).
BIG5_READ_AS_GBK = (TRADITIONAL * 2).encode("big5").decode("gbk", errors="replace").encode("utf-8")
# 80 hanzi and a bracketed part: a legal file name (253 bytes) whose doc_id gains a hash suffix.
LONG_NAME = "资" * 80 + "（二）.txt"


def _files(files: dict[str, bytes]) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        for name, content in files.items():
            (root / "raw" / name).write_bytes(content)

    return setup


def _symlink(name: str, target: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        (root / "outside.txt").write_text(
            "河南省外部文件的内容，不应被发布。\n" * 3, encoding="utf-8"
        )
        (root / "raw" / name).symlink_to(target if target.startswith("/") else root / target)

    return setup


def _nfc_and_nfd(root: Path) -> None:
    name = "资源型城市转型方案.txt"
    for form in ("NFC", "NFD"):
        composed = unicodedata.normalize(form, "é") + name  # é: one code point, or e and U+0301
        (root / "raw" / composed).write_text(PLAN + form, encoding="utf-8")


def _file_as_output(name: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        (root / name).write_text("a file of the user's, not a folder\n", encoding="utf-8")

    return setup


def _non_utf8_name(root: Path) -> None:
    with open(
        os.path.join(os.fsencode(root / "raw"), b"plan\xb9\xe6\xbb\xae.txt"), "wb"
    ) as handle:  # 规划 in GBK
        handle.write(PLAN.encode("utf-8"))


def _link_loop(root: Path) -> None:
    (root / "loop").symlink_to(root / "loop")


def _foreign_folder(root: Path) -> None:
    (root / "thesis").mkdir()
    (root / "thesis" / "chapter1.docx").write_bytes(b"the user's own work")


def _lock_held(root: Path) -> contextlib.AbstractContextManager:
    """Another run's lock on the output parent (held by this test process, as a run holds it)."""

    @contextlib.contextmanager
    def held() -> Iterator[None]:
        fd = os.open(root / outputs.LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, b"4242\n")
        try:
            yield
        finally:
            os.close(fd)
            (root / outputs.LOCK_NAME).unlink()

    return held()


def _earlier_killed_swap(root: Path) -> None:
    """What a run killed (SIGKILL) between two renames of its swap leaves: processed/ already new,
    the earlier tables in .old-PID/, its journal, and a stale .staging-PID/ of the reports."""
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    pid = int(dead.stdout)  # a process that has ended
    old, staging = root / f"{outputs.OLD_PREFIX}{pid}", root / f"{outputs.STAGING_PREFIX}{pid}"
    (staging / "reports").mkdir(parents=True)
    (staging / "reports" / "index.html").write_text("<p>half-made report</p>\n", encoding="utf-8")
    old.mkdir()
    targets = [root / "processed", root / "interim", root / "reports"]
    (old / outputs.JOURNAL).write_text(
        json.dumps([{"target": str(t), "existed": True, "pid": pid} for t in targets]),
        encoding="utf-8",
    )
    os.rename(root / "processed", old / "processed")
    (root / "processed").mkdir()
    (root / "processed" / "documents.csv").write_text("doc_id\nnew\n", encoding="utf-8")


# case → (set-up beyond earlier_outputs, command folders, environment, exit code, stderr fragments)
REFUSALS: dict[
    str, tuple[Callable | None, dict[str, str], dict[str, str], int, tuple[str, ...]]
] = {
    # 1. overlapping or nested folders
    "processed is the raw folder": (
        None,
        {"processed": "raw"},
        {},
        2,
        ("--raw and --processed", "same folder"),
    ),
    "processed and reports the same": (
        None,
        {"processed": "out", "reports": "out"},
        {},
        2,
        ("--processed and --reports", "same folder"),
    ),
    "processed inside reports": (
        None,
        {"processed": "reports/processed"},
        {},
        2,
        ("--processed", "is inside --reports"),
    ),
    "reports inside processed": (
        None,
        {"reports": "processed/reports"},
        {},
        2,
        ("--reports", "is inside --processed"),
    ),
    "raw inside processed": (
        None,
        {"raw": "raw", "processed": "."},
        {},
        2,
        ("--raw", "is inside --processed"),
    ),
    "raw inside reports": (None, {"reports": "."}, {}, 2, ("is inside --reports",)),
    "interim is the raw folder": (
        None,
        {"raw": "interim", "processed": "processed"},
        {},
        2,
        ("--raw and interim/ (beside --processed)", "same folder"),
    ),
    # 4. output paths that are files, or someone's other folder
    "processed is a file": (
        _file_as_output("tables.txt"),
        {"processed": "tables.txt"},
        {},
        2,
        ("--processed", "exists and is not a folder"),
    ),
    "reports is a file": (
        _file_as_output("report.html"),
        {"reports": "report.html"},
        {},
        2,
        ("--reports", "exists and is not a folder"),
    ),
    "reports is a folder of other work": (
        _foreign_folder,
        {"reports": "thesis"},
        {},
        2,
        ("--reports", "does not hold earlier outputs"),
    ),
    "parent of processed is a file": (
        _file_as_output("plain"),
        {"processed": "plain/processed"},
        {},
        2,
        ("cannot be created", "is a file"),
    ),
    "new output parents, bad input": (
        _files({"empty.txt": b""}),
        {"processed": "new/deeper/processed", "reports": "new/reports"},
        {},
        2,
        ("empty.txt: is empty",),
    ),
    "processed is a symlink loop": (
        _link_loop,
        {"processed": "loop"},
        {},
        2,
        ("--processed", "cannot be resolved"),
    ),
    # 7. symbolic links
    "symlink to a file outside raw": (
        _symlink("linked.txt", "outside.txt"),
        {},
        {},
        2,
        ("linked.txt", "symbolic link", "outside raw/"),
    ),
    "symlink to nothing": (
        _symlink("broken.txt", "/nonexistent/file.txt"),
        {},
        {},
        2,
        ("broken.txt", "does not exist"),
    ),
    # 6. decoding: mojibake and mixed encodings refused, not passed
    "Big5 read as GBK, saved as UTF-8": (
        _files({"moji.txt": BIG5_READ_AS_GBK}),
        {},
        {},
        2,
        ("moji.txt", "does not read as Chinese"),
    ),
    "UTF-8 read as Latin-1, saved again": (
        _files({"twice.txt": PLAN.encode().decode("latin-1").encode()}),
        {},
        {},
        2,
        ("twice.txt", "mojibake", "latin-1"),
    ),
    "half UTF-8, half GBK on one line": (
        _files({"half.txt": ZH_LINE.encode("utf-8") + ZH_LINE.encode("gbk")}),
        {},
        {},
        2,
        ("half.txt", "mixes encodings"),
    ),
    "GBK lines, then UTF-8 lines": (
        _files(
            {"lines.txt": (ZH_LINE + "\n").encode("gbk") * 3 + (ZH_LINE + "\n").encode("utf-8")}
        ),
        {},
        {},
        2,
        ("lines.txt", "mixes encodings"),
    ),
    # 13. nothing visible; control bytes
    "only ideographic spaces and NBSP": (
        _files({"blank.txt": "\u3000\u3000\u00a0\n\u3000\n".encode()}),
        {},
        {},
        2,
        ("blank.txt", "is empty"),
    ),
    "only zero-width spaces": (
        _files({"zw.txt": "\u200b\u200b\ufeff\u200b\n".encode()}),
        {},
        {},
        2,
        ("zw.txt", "is empty"),
    ),
    "a NUL byte": (
        _files({"nul.txt": (PLAN + "\x00" + PLAN).encode()}),
        {},
        {},
        2,
        ("nul.txt", "U+0000 (NUL)", "line 1"),
    ),
    "an ESC sequence": (
        _files({"esc.txt": (PLAN + "\n\x1b[31m" + PLAN).encode("gbk")}),
        {},
        {},
        2,
        ("esc.txt", "U+001B (ESC)", "line 2"),
    ),
    # 12. messages that point the right way
    "extra manifest cell under a blank header": (
        _files(
            {
                "manifest.csv": f"source_file,doc_type,published,\n{HENAN},plan,2022-05-01,plan\n".encode()
            }
        ),
        {},
        {},
        2,
        ("manifest.csv row 2", "more cells than the header"),
    ),
    "extra manifest cell shifting the others": (
        _files(
            {"manifest.csv": f"source_file,doc_type,published\n{HENAN},,plan,2022-05-01\n".encode()}
        ),
        {},
        {},
        2,
        ("manifest.csv row 2", "more cells than the header", "2022-05-01"),
    ),
    "names differing only in normalisation": (
        _nfc_and_nfd,
        {},
        {},
        2,
        ("differ only in Unicode normalisation", "U+00E9", "U+0065 U+0301"),
    ),
    "file name not valid UTF-8": (
        _non_utf8_name,
        {},
        {},
        2,
        ("not valid UTF-8", "rename the file"),
    ),
    # 11. a name too long for interim/{doc_id}.txt; a terminal that cannot show Chinese
    "doc_id over 255 bytes": (
        _files({LONG_NAME: PLAN.encode()}),
        {},
        {},
        2,
        ("too long a name", "255 bytes"),
    ),
    "ASCII terminal, Chinese file name": (
        _files({"空文件.txt": b""}),
        {},
        {"PYTHONIOENCODING": "ascii"},
        2,
        ("\\u7a7a\\u6587\\u4ef6.txt: is empty",),
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", list(REFUSALS))
def test_refused_before_anything_is_written(case: str, tmp_path: Path) -> None:
    setup, folders, env, code, fragments = REFUSALS[case]
    earlier_outputs(tmp_path)
    if setup is not None:
        setup(tmp_path)
    before = snapshot(tmp_path)

    result = run(command(tmp_path, **folders), env=environment(**env))

    assert_clean_failure(result.returncode, result.stdout, result.stderr, code, fragments)
    assert result.stderr.startswith("error: "), result.stderr
    assert snapshot(tmp_path) == before
    assert no_leftovers(tmp_path) == []


@pytest.mark.slow
def test_second_run_refuses_while_the_lock_is_held(tmp_path: Path) -> None:
    earlier_outputs(tmp_path)
    before = snapshot(tmp_path)
    with _lock_held(tmp_path):
        held = snapshot(tmp_path)
        result = run(command(tmp_path))
        assert snapshot(tmp_path) == held
    assert_clean_failure(
        result.returncode,
        result.stdout,
        result.stderr,
        2,
        (outputs.LOCK_NAME, "held by another run (process 4242)"),
    )
    assert snapshot(tmp_path) == before


@pytest.mark.slow
def test_killed_swap_of_an_earlier_run_is_rolled_back_at_start(tmp_path: Path) -> None:
    """The earlier run's half-done swap is undone (its journal says how), then the bad input
    is refused: afterwards every file is as before that earlier run began its swap."""
    earlier_outputs(tmp_path)
    (tmp_path / "raw" / "empty.txt").write_bytes(b"")
    before = snapshot(tmp_path)
    _earlier_killed_swap(tmp_path)

    result = run(command(tmp_path))

    assert_clean_failure(
        result.returncode, result.stdout, result.stderr, 2, ("empty.txt: is empty",)
    )
    assert "restored" in result.stdout and "processed" in result.stdout, result.stdout
    assert "incomplete outputs of an earlier run" in result.stdout, result.stdout
    assert snapshot(tmp_path) == before
    assert no_leftovers(tmp_path) == []


# ---- refusals that need a file system of their own (a tmpfs: root only, else skipped)


@pytest.mark.slow
def test_too_little_free_space_is_refused(tmp_path: Path) -> None:
    earlier_outputs(tmp_path)
    with tmpfs(tmp_path / "small", "2m") as small:
        shutil.copytree(tmp_path / "reports", small / "reports")
        before = snapshot(tmp_path)
        result = run(command(tmp_path, reports=str(small / "reports")))
        assert_clean_failure(
            result.returncode,
            result.stdout,
            result.stderr,
            2,
            ("--reports", "too little free space", "MB free"),
        )
        assert snapshot(tmp_path) == before
        assert no_leftovers(tmp_path) == []


@pytest.mark.slow
def test_read_only_parent_is_refused(tmp_path: Path) -> None:
    earlier_outputs(tmp_path)
    with tmpfs(tmp_path / "ro", "4m") as ro:
        remount_read_only(ro)  # processed/ would be created there
        before = snapshot(tmp_path)
        result = run(command(tmp_path, processed=str(ro / "processed")))
        assert_clean_failure(
            result.returncode,
            result.stdout,
            result.stderr,
            2,
            ("--processed", "cannot be written", "read-only"),
        )
        assert snapshot(tmp_path) == before


@pytest.mark.slow
def test_read_only_output_folder_is_refused(tmp_path: Path) -> None:
    """reports/figures is a read-only file system: the earlier reports could not be removed."""
    earlier_outputs(tmp_path)
    with tmpfs(tmp_path / "reports" / "figures", "1m") as figures:
        (figures / "SENTINEL").write_bytes(b"earlier figure")
        remount_read_only(figures)
        before = snapshot(tmp_path)
        result = run(command(tmp_path))
        assert_clean_failure(
            result.returncode, result.stdout, result.stderr, 2, ("--reports", "is read-only")
        )
        assert snapshot(tmp_path) == before


@pytest.mark.slow
def test_output_that_is_a_mount_point_is_refused(tmp_path: Path) -> None:
    earlier_outputs(tmp_path)
    with tmpfs(tmp_path / "mounted", "4m") as mounted:
        before = snapshot(tmp_path)
        result = run(command(tmp_path, processed=str(mounted)))
        assert_clean_failure(
            result.returncode, result.stdout, result.stderr, 2, ("is a mount point",)
        )
        assert snapshot(tmp_path) == before


# ---------------------------------------------------------------- faults during a real run

# case → (ANALYSIS_FAULT actions, signal sent at the pause or None, exit code, stderr fragments)
FAULTS: dict[str, tuple[str, signal.Signals | None, int, tuple[str, ...]]] = {
    # 2. an interrupt during the swap: deferred, then every rename undone
    "SIGINT after the first rename of the swap": (
        "pause@swap-2",
        signal.SIGINT,
        130,
        ("interrupted (SIGINT) while replacing the outputs", "undone", "unchanged"),
    ),
    "SIGTERM after the third rename of the swap": (
        "pause@swap-4",
        signal.SIGTERM,
        143,
        ("interrupted (SIGTERM) while replacing the outputs", "undone"),
    ),
    "SIGTERM at the commit point": (
        "pause@commit",
        signal.SIGTERM,
        143,
        ("while replacing the outputs", "undone"),
    ),
    # 5. SIGTERM midway: no staging folder left
    "SIGTERM before publishing": (
        "pause@publish",
        signal.SIGTERM,
        143,
        ("interrupted (SIGTERM)", "unchanged"),
    ),
    # 3., 4. an I/O error at a rename of the swap: undone, the message says so
    "OSError at the second rename": (
        "oserror@swap-2",
        None,
        2,
        ("replacing the outputs failed", "No space left on device", "undone"),
    ),
    "OSError at the last rename": (
        "oserror@swap-6",
        None,
        2,
        ("replacing the outputs failed", "undone"),
    ),
    "OSError while publishing": (
        "oserror@publish",
        None,
        2,
        ("writing the new tables and reports failed", "No space left on device", "unchanged"),
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", list(FAULTS))
def test_fault_during_a_run_leaves_the_previous_outputs(case: str, tmp_path: Path) -> None:
    actions, sent, code, fragments = FAULTS[case]
    earlier_outputs(tmp_path)
    before = snapshot(tmp_path)
    hooks = tmp_path.parent / f"{tmp_path.name}-hooks"
    hooks.mkdir()
    env = environment(
        **{outputs.FAULT_ENV: f"{actions}:{hooks}" if actions.startswith("pause") else actions}
    )
    process = start(command(tmp_path), env)
    if sent is not None:
        step = actions.split("@")[1]
        wait_for(hooks / f"{step}.reached", process)
        process.send_signal(sent)
    out, err = process.communicate(timeout=600)

    assert_clean_failure(process.returncode, out, err, code, fragments)
    assert snapshot(tmp_path) == before
    assert no_leftovers(tmp_path) == []


@pytest.mark.slow
def test_signal_after_the_commit_keeps_the_new_outputs_and_says_so(tmp_path: Path) -> None:
    earlier_outputs(tmp_path)
    hooks = tmp_path.parent / f"{tmp_path.name}-hooks"
    hooks.mkdir()
    process = start(command(tmp_path), environment(**{outputs.FAULT_ENV: f"pause@cleanup:{hooks}"}))
    wait_for(hooks / "cleanup.reached", process)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=600)
    assert process.returncode == 143, (out, err)
    assert "after the new tables and reports were in place: they are complete" in err
    assert "Traceback" not in err
    assert not (tmp_path / "processed" / "SENTINEL").exists()  # the new tables stand
    assert (tmp_path / "reports" / "index.html").read_text(
        encoding="utf-8"
    ) != "<p>earlier report</p>\n"
    assert (tmp_path / "raw" / HENAN).read_bytes() == (SEEDS / HENAN).read_bytes()
    assert no_leftovers(tmp_path) == []


@pytest.mark.slow
def test_full_disk_while_publishing(tmp_path: Path) -> None:
    """The reports' file system fills up after the notebooks ran (a real tmpfs, filled by the
    test at the pause before publishing): a clear message, everything as before."""
    earlier_outputs(tmp_path)
    hooks = tmp_path.parent / f"{tmp_path.name}-hooks"
    hooks.mkdir()
    with tmpfs(tmp_path / "disk", "40m") as disk:
        shutil.copytree(tmp_path / "reports", disk / "reports")
        shutil.rmtree(tmp_path / "reports")
        before = snapshot(tmp_path)
        process = start(
            command(tmp_path, reports=str(disk / "reports")),
            environment(**{outputs.FAULT_ENV: f"pause@publish:{hooks}"}),
        )
        wait_for(hooks / "publish.reached", process)
        filler = disk / "filler.bin"
        with contextlib.suppress(OSError), open(filler, "wb") as handle:
            while True:
                handle.write(b"\0" * 65536)
        (hooks / "publish.go").touch()
        out, err = process.communicate(timeout=600)
        filler.unlink()
        assert_clean_failure(
            process.returncode,
            out,
            err,
            2,
            ("writing the new tables and reports failed", "No space left on device", "unchanged"),
        )
        assert snapshot(tmp_path) == before
        assert no_leftovers(tmp_path) == []


@pytest.mark.slow
def test_second_run_at_the_same_time_refuses(tmp_path: Path) -> None:
    """A real run holds the lock (paused before publishing); a second one into the same folders
    refuses, naming the lock; the first then finishes."""
    earlier_outputs(tmp_path)
    hooks = tmp_path.parent / f"{tmp_path.name}-hooks"
    hooks.mkdir()
    first = start(command(tmp_path), environment(**{outputs.FAULT_ENV: f"pause@publish:{hooks}"}))
    wait_for(hooks / "publish.reached", first)
    second = run(command(tmp_path, processed="processed", reports="other-reports"))
    (hooks / "publish.go").touch()
    _, err = first.communicate(timeout=600)
    assert_clean_failure(
        second.returncode,
        second.stdout,
        second.stderr,
        2,
        (outputs.LOCK_NAME, "held by another run", f"process {first.pid}"),
    )
    assert not (tmp_path / "other-reports").exists()
    assert first.returncode == 0, err
    assert not (tmp_path / "processed" / "SENTINEL").exists()


@pytest.mark.slow
def test_run_killed_during_the_swap_is_undone_by_the_next_run(tmp_path: Path) -> None:
    """SIGKILL cannot be deferred: the next run finds the journal and puts the earlier outputs
    back before it starts (here it then refuses a bad file, so nothing else changes)."""
    earlier_outputs(tmp_path)
    before = snapshot(tmp_path)
    hooks = tmp_path.parent / f"{tmp_path.name}-hooks"
    hooks.mkdir()
    process = start(command(tmp_path), environment(**{outputs.FAULT_ENV: f"pause@swap-3:{hooks}"}))
    wait_for(hooks / "swap-3.reached", process)
    process.kill()
    process.communicate(timeout=60)
    assert snapshot(tmp_path) != before  # processed/ is new, the earlier tables wait in .old-PID/
    (tmp_path / "raw" / "empty.txt").write_bytes(b"")

    result = run(command(tmp_path))

    assert_clean_failure(
        result.returncode, result.stdout, result.stderr, 2, ("empty.txt: is empty",)
    )
    assert "restored" in result.stdout, result.stdout
    (tmp_path / "raw" / "empty.txt").unlink()
    assert snapshot(tmp_path) == before
    assert no_leftovers(tmp_path) == []


# ---------------------------------------------------------------- hostile inputs that run through


@pytest.mark.slow
def test_hostile_run_lists_hidden_files_and_follows_inner_links(hostile_run: Run) -> None:
    out = hostile_run.result.stdout
    assert ".hidden.txt: skipped (a hidden file" in out
    assert "\\u6cb3\\u5357\\u8bf4\\u660e.md: skipped" in out  # 河南说明.md, on an ASCII terminal
    documents = tables_io.load_table(hostile_run.processed, "documents").set_index("source_file")
    assert ".hidden.txt" not in documents.index
    assert documents.loc["mac.txt", "duplicate_of"] == "link"  # link.txt → mac.txt, inside raw/
    assert "Traceback" not in hostile_run.result.stderr


@pytest.mark.slow
def test_big5_family_decoded_and_named(hostile_run: Run) -> None:
    documents = tables_io.load_table(hostile_run.processed, "documents").set_index("source_file")
    assert documents.loc["hk.txt", "encoding"] == "big5hkscs"
    assert documents.loc["tw.txt", "encoding"] == "cp950"
    text = (hostile_run.interim / "hk.txt").read_text(encoding="utf-8")  # interim/{doc_id}.txt
    assert (
        "啲企业嘅转型项目" in text
    )  # the HKSCS characters read as themselves, the rest simplified
    figures = tables_io.load_table(hostile_run.processed, "figures")
    assert set(figures.loc[figures["doc_id"] == "hk", "surface"]) >= {
        "100万千瓦",
        "2亿元",
    }  # spans of the normalised text


@pytest.mark.slow
def test_cr_only_line_ends_give_headings_and_figures(hostile_run: Run) -> None:
    clauses = tables_io.load_table(hostile_run.processed, "clauses")
    link = clauses[clauses["doc_id"] == "link"]
    assert link["is_heading"].sum() == 4  # 一、 (一) 二、 (一)
    figures = tables_io.load_table(hostile_run.processed, "figures")
    assert set(figures.loc[figures["doc_id"] == "link", "surface"]) == {"3万亩", "5000万元"}


@pytest.mark.slow
def test_formula_like_cells_are_escaped_in_csv_and_exact_when_read(hostile_run: Run) -> None:
    raw_csv = (hostile_run.processed / "documents.csv").read_text(encoding="utf-8")
    documents = tables_io.load_table(hostile_run.processed, "documents").set_index("source_file")
    plain = pd.read_csv(
        hostile_run.processed / "documents.csv", dtype=str, keep_default_na=False
    ).set_index("source_file")
    workbook = openpyxl.load_workbook(hostile_run.processed / "tables.xlsx")["documents"]
    header = [cell.value for cell in workbook[1]]
    sheet = {row[header.index("source_file")].value: row for row in workbook.iter_rows(min_row=2)}
    for name, cells in FORMULA_CELLS.items():
        for column, value in zip(("title", "issuer"), cells, strict=True):
            assert documents.loc[name, column] == value  # load_table gives the value back
            assert plain.loc[name, column] == "'" + value  # a spreadsheet shows it as text
            assert plain.loc[name, column].removeprefix("'") == value  # the documented way back
            cell = sheet[name][header.index(column)]
            assert (cell.value, cell.data_type) == (value, "s")  # a text cell, never a formula
    assert '"=HYPERLINK' not in raw_csv


@pytest.mark.slow
def test_clause_over_an_excel_cell_is_cut_in_the_workbook_only(hostile_run: Run) -> None:
    assert "1 cell(s) over Excel's 32,767 characters cut there" in hostile_run.result.stdout
    assert "of doc_id long, column text" in hostile_run.result.stdout
    clauses = tables_io.load_table(hostile_run.processed, "clauses")
    longest = clauses.loc[clauses["text"].str.len().idxmax()]
    assert longest["text"] == LONG_CLAUSE.strip()  # the CSV keeps every character
    sheet = openpyxl.load_workbook(hostile_run.processed / "tables.xlsx", read_only=True)["clauses"]
    cells = [
        c
        for row in sheet.iter_rows(min_row=2, values_only=True)
        for c in row
        if isinstance(c, str) and len(c) > 30_000
    ]
    assert len(cells) == 1 and len(cells[0]) == publish.EXCEL_MAX_CELL_CHARS
    assert cells[0].endswith("…[truncated: full text in clauses.csv]")


@pytest.mark.slow
def test_hostile_raw_files_are_never_modified(hostile_run: Run, tmp_path: Path) -> None:
    from pipeline_runs import write_hostile_corpus

    write_hostile_corpus(tmp_path / "raw")
    assert snapshot(hostile_run.raw) == snapshot(tmp_path / "raw")


# ---------------------------------------------------------------- the rules themselves (fast)


@pytest.mark.parametrize(
    "cell, in_csv",
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+2", "'\t=1+2"),
        ("\r=1+2", "'\r=1+2"),
        (
            "'quoted",
            "''quoted",
        ),  # a leading ' is escaped too, so dropping one always gives the value
        ("河南省 =1", "河南省 =1"),
        ("", ""),
    ],
)
def test_formula_escape_round_trips(cell: str, in_csv: str) -> None:
    assert tables_io.escape_formula(cell) == in_csv
    assert tables_io.unescape_formula(in_csv) == cell


def test_formula_rule_is_in_the_data_dictionary() -> None:
    assert tables_io.FORMULA_NOTE in publish.dictionary_markdown()


@pytest.mark.parametrize(
    "n_rows, expected",
    [
        (0, [("clauses", 0, 0)]),
        (1_048_575, [("clauses", 0, 1_048_575)]),
        (1_048_576, [("clauses", 0, 1_048_575), ("clauses (2)", 1_048_575, 1_048_576)]),
        (
            2_097_151,
            [
                ("clauses", 0, 1_048_575),
                ("clauses (2)", 1_048_575, 2_097_150),
                ("clauses (3)", 2_097_150, 2_097_151),
            ],
        ),
    ],
)
def test_sheets_of_a_table_past_excel_rows(n_rows: int, expected: list) -> None:
    assert publish.sheet_parts("clauses", n_rows) == expected


@pytest.mark.slow
def test_workbook_continues_a_table_past_excel_rows(tmp_path: Path) -> None:
    """1,048,576 rows: one more than a sheet holds under its header. Nothing dropped, and said."""
    n = publish.EXCEL_MAX_ROWS
    themes = pd.DataFrame(
        {
            "clause_id": [f"d-{i:07d}" for i in range(n)],
            "doc_id": "d",
            "theme_id": "t",
            "matched": "转型",
            "n_matches": 1,
            "counted": True,
        }
    )
    warnings: list[str] = []
    publish.write_workbook({"clause_themes": themes}, tmp_path / "tables.xlsx", warnings)
    assert any(
        "more than an Excel sheet holds; continued on sheets clause_themes (2)" in w
        for w in warnings
    )
    book = openpyxl.load_workbook(tmp_path / "tables.xlsx", read_only=True)
    assert book["clause_themes"].max_row == n  # header and 1,048,575 rows
    assert book["clause_themes (2)"].max_row == 2  # header and the last row
    assert (
        next(book["clause_themes (2)"].iter_rows(min_row=2, values_only=True))[0]
        == f"d-{n - 1:07d}"
    )


@pytest.mark.parametrize(
    "raw, expected",
    [
        (TRADITIONAL.encode("big5"), "big5"),
        ((TRADITIONAL + "裏碁").encode("cp950"), "cp950"),
        ((TRADITIONAL + "佢哋嘅嘢").encode("big5hkscs"), "big5hkscs"),
        (PLAN.encode("gb18030"), "gb18030"),
        (PLAN.encode("utf-8"), "utf-8"),
        ("Café, naïve: accented Latin text is not mojibake".encode(), "utf-8"),
    ],
)
def test_decoding_names_the_variant(raw: bytes, expected: str) -> None:
    assert ingest.decode_bytes(raw, "a.txt")[1] == expected


def test_lone_cr_reads_as_a_line_end_keeping_positions() -> None:
    text = "一、总体要求\r（一）目标。\r\n二、措施\r"
    normalised, _ = ingest.normalise_text(text)
    assert normalised == "一、总体要求\n（一）目标。\r\n二、措施\n"
    assert len(normalised) == len(text)


def test_outputs_check_names_the_nesting(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"--reports .* is inside --processed"):
        outputs.check_paths(
            tmp_path / "raw", tmp_path / "p", tmp_path / "interim", tmp_path / "p" / "r"
        )


@pytest.mark.slow
@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_while_the_notebooks_run(sent: signal.Signals, tmp_path: Path) -> None:
    """5. Midway (the first notebook done, the others running): no staging folder is left."""
    earlier_outputs(tmp_path)
    before = snapshot(tmp_path)
    process = start(command(tmp_path), environment())
    assert process.stdout is not None
    assert process.stdout.readline().startswith("[1/")  # the first notebook has finished
    process.send_signal(sent)
    out, err = process.communicate(timeout=600)
    assert_clean_failure(
        process.returncode, out, err, 128 + sent, (f"interrupted ({sent.name})", "unchanged")
    )
    assert snapshot(tmp_path) == before
    assert no_leftovers(tmp_path) == []


@pytest.mark.slow
def test_leftover_of_an_older_version_is_reported_and_left_alone(tmp_path: Path) -> None:
    """`.processed.old-PID` (what versions before issue 16 left after a failed swap): named at
    start, not touched, since no journal says whose it is."""
    earlier_outputs(tmp_path)
    (tmp_path / ".processed.old-12345").mkdir()
    (tmp_path / ".processed.old-12345" / "documents.csv").write_text(
        "doc_id\nolder\n", encoding="utf-8"
    )
    (tmp_path / "raw" / "empty.txt").write_bytes(b"")
    before = snapshot(tmp_path)
    result = run(command(tmp_path))
    assert_clean_failure(
        result.returncode, result.stdout, result.stderr, 2, ("empty.txt: is empty",)
    )
    assert (
        ".processed.old-12345 was left by an earlier run (older version); not touched"
        in result.stdout
    )
    assert snapshot(tmp_path) == before
