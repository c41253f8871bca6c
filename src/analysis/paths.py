"""Project folders, anchored on this file (never on the working directory)."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE_DATA = PACKAGE_DIR / "data"
PROJECT_ROOT = PACKAGE_DIR.parent.parent
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
DEFAULT_RAW = PROJECT_ROOT / "data" / "raw"
DEFAULT_PROCESSED = PROJECT_ROOT / "data" / "processed"
DEFAULT_REPORTS = PROJECT_ROOT / "reports"


def interim_dir_for(processed_dir: Path) -> Path:
    """Folder for the normalised texts: `interim/` beside the processed folder."""
    return Path(processed_dir).parent / "interim"
