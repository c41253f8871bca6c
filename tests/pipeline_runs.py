"""Running `python -m analysis run` from tests: the command, its result, the awkward corpus.

The session fixtures in tests/conftest.py run each corpus once; tests that run the command
on inputs of their own call `run_cli`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw"

SCRIPT = "<script>alert(1)</script>"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32  # an image beside the texts: skipped, not read
PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nstartxref\n0\n%%EOF\n"

# A short GB18030 letter with CRLF line ends: no headings, no numbers, no province.
LETTER = (
    "某市关于做好资源枯竭城市转型工作的通知\r\n"
    "各县区人民政府:\r\n"
    "近年来,我市持续推进转型。下一步,将继续加大支持力度。\r\n"
)
# A Henan plan whose text holds <script> (its manifest title holds one too).
SCRIPT_DOC = (
    "河南省推进资源枯竭城市转型实施方案\n"
    "一、总体要求\n"
    f"(一)发展目标。到2025年,新增光伏装机容量100万千瓦。{SCRIPT}本方案自印发之日起施行。\n"
    f"(二)资金保障。安排省级专项资金2亿元,支持10个重点项目建设;{SCRIPT}\n"
    "河南省发展和改革委员会\n"
    "2022年5月15日\n"
)
SKIPPED_FILES = ("scan.png", "notes.md")


@dataclass(frozen=True)
class Run:
    """One finished `python -m analysis run`: its process result and its output folders."""

    result: subprocess.CompletedProcess[str]
    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def processed(self) -> Path:
        return self.root / "processed"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def interim(self) -> Path:
        return self.root / "interim"


def run_cli(
    raw: Path, processed: Path, reports: Path, timeout: int = 900, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m analysis run` in a subprocess, as a user would call it (timeout in seconds;
    `env`: variables added to the environment)."""
    command = [
        sys.executable, "-m", "analysis", "run",
        "--raw", str(raw), "--processed", str(processed), "--reports", str(reports),
    ]  # fmt: skip
    environment = {**os.environ, **env} if env else None
    return subprocess.run(
        command, capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=environment
    )


def write_awkward_corpus(raw: Path) -> None:
    """The GB18030 letter, the plan and the manifest title holding <script>, and two files
    that are not documents (listed as skipped), in a new folder `raw`."""
    raw.mkdir()
    (raw / "letter.txt").write_bytes(LETTER.encode("gb18030"))
    (raw / "100_script.txt").write_text(SCRIPT_DOC, encoding="utf-8")
    manifest = f"source_file,title\n100_script.txt,河南省方案{SCRIPT}\n"
    (raw / "manifest.csv").write_text(manifest, encoding="utf-8")
    (raw / "scan.png").write_bytes(PNG_BYTES)
    (raw / "notes.md").write_text("# notes\n", encoding="utf-8")


def finished_run(root: Path, env: dict[str, str] | None = None) -> Run:
    """Run the pipeline on root/raw into root/processed and root/reports; fail on a bad exit."""
    result = run_cli(root / "raw", root / "processed", root / "reports", env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return Run(result, root)


# ---------------------------------------------------------------- the hostile corpus (tests/test_faults.py)

# A Henan plan in traditional characters; 啲 and 嘅 exist only in Big5-HKSCS, 裏 only from cp950 up.
HOSTILE_PLAN = (
    "河南省推進資源型地區高質量發展實施方案\n"
    "一、總體要求\n"
    "（一）發展目標。到2025年，新增光伏裝機容量100萬千瓦，{extra}轉型項目要落實。\n"
    "（二）資金保障。安排省級專項資金2億元，支持10個重點項目建設。\n"
    "河南省發展和改革委員會\n"
    "2022年5月15日\n"
)
# An old Mac file: CR alone ends every line.
MAC_PLAN = (
    "河南省采煤沉陷区综合治理工作方案\r一、工作目标\r（一）到2025年，完成治理面积3万亩。\r"
    "二、保障措施\r（一）安排省级资金5000万元。\r河南省人民政府\r2022年6月1日\r"
)
# One clause longer than an Excel cell holds (32,767 characters): no sentence punctuation.
LONG_CLAUSE = "河南省推进资源型城市转型" + "和接续替代产业发展" * 3700 + "。\n"
# Manifest cells a spreadsheet would run as formulas (OWASP's examples, and a leading tab).
FORMULA_CELLS = {
    "hk.txt": ('=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0"),
    "tw.txt": ("@SUM(1+1)", "-2+3"),
}


def write_hostile_corpus(raw: Path) -> None:
    """Inputs a hostile tester tries that must run through (exit 0) with the right result:
    Big5-HKSCS and cp950 files, CR-only line ends, a clause over Excel's cell size,
    formula-like manifest cells, a hidden file (listed as skipped), a Chinese file name
    that is skipped (the run is made in an ASCII terminal, PYTHONIOENCODING=ascii) and a
    symbolic link that stays inside the folder (followed)."""
    raw.mkdir()
    (raw / "hk.txt").write_bytes(HOSTILE_PLAN.format(extra="啲企業嘅").encode("big5hkscs"))
    (raw / "tw.txt").write_bytes(HOSTILE_PLAN.format(extra="裏外企業的").encode("cp950"))
    (raw / "mac.txt").write_bytes(MAC_PLAN.encode("utf-8"))
    (raw / "long.txt").write_text(
        "河南省接续替代产业发展方案\n一、总体要求\n" + LONG_CLAUSE, encoding="utf-8"
    )
    (raw / ".hidden.txt").write_text("河南省的一份隐藏文件。\n", encoding="utf-8")
    (raw / "河南说明.md").write_text("# 说明\n", encoding="utf-8")  # listed as skipped, by name
    (raw / "link.txt").symlink_to("mac.txt")
    rows = ["source_file,title,issuer"]
    for name, (title, issuer) in FORMULA_CELLS.items():
        cells = [name, title, issuer]
        rows.append(",".join('"' + cell.replace('"', '""') + '"' for cell in cells))
    (raw / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
