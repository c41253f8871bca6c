"""Train the paragraph classifier of analysis.themes.model: `python -m analysis train-theme-model`.

The training paragraphs are the hand-coded paragraphs (coder_a.csv) of the folders given, by
default those TRAINED_ON names under tests/fixtures/ of a checkout: invented documents written
and coded by people who do not write the rules. A paragraph is the text production codes
(analysis.themes.paragraphs.paragraph_rows by line and own_text, the same as evaluate-themes),
after the first TITLE_CHARS characters of its document's title (analysis.themes.model.feature_text);
a labelled line without text of its own is left out, and a paragraph coded as having no theme
is left out of the primary classifier (it has no theme to learn) but kept for the set ones.

scikit-learn does the fitting: TfidfVectorizer(analyzer="char", ngram_range=(1, NGRAM_MAX),
sublinear_tf=True, min_df, max_features), LogisticRegression(C) for the primary theme
(multinomial) and for each theme's membership of the set (binary). lbfgs on the same data and
library versions gives the same weights, written with 6 decimals (write_model; another
machine's BLAS may move the last decimals). The settings are written into the weights file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis.errors import InputError
from analysis.paths import PROJECT_ROOT
from analysis.theme_eval import read_labelled
from analysis.themes import Codebook, load_codebook
from analysis.themes.model import ThemeModel, feature_text, write_model
from analysis.themes.paragraphs import own_text, paragraph_rows

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
# the sets the shipped model is trained on (invented documents; none of the real pages)
TRAINED_ON = (
    "themes_dev",
    "themes_heldout",
    *(f"themes_heldout{n}" for n in range(2, 13)),
    "themes_train1",  # written for training, in the shapes of real news and reports (2.12.0)
)
TITLE_CHARS = 30  # characters of the document title put before the paragraph
NGRAM_MAX = 3  # character n-grams of 1..NGRAM_MAX characters
MIN_DF = 2  # an n-gram must occur in at least 2 training paragraphs
# the most frequent n-grams kept: on the real sets 3,000 coded as well as all 45,000 (κ within
# 0.01), in a weights file of 1.2 MB instead of 18 MB
MAX_FEATURES = 3000
INVERSE_REGULARISATION = 16.0  # LogisticRegression C
MAX_ITERATIONS = 5000


@dataclass(frozen=True)
class TrainingParagraph:
    """One hand-coded paragraph: its classifier text, gold primary and gold theme set."""

    text: str
    primary: str
    themes: tuple[str, ...]


def training_paragraphs(folder: Path, codebook: Codebook) -> list[TrainingParagraph]:
    """The coded paragraphs of one folder, in coder_a.csv order, as production sees them."""
    labelled = read_labelled(folder, codebook)
    per_file = labelled.clauses
    units = {name: paragraph_rows(clauses, by="line") for name, clauses in per_file.items()}
    found = []
    for item in labelled.coder_a.frame.itertuples(index=False):
        rows = units[item.file].get(item.line)
        text = own_text(rows) if rows is not None else ""
        if not text.strip():
            continue  # production never classifies a paragraph without text of its own
        clauses = per_file[item.file]
        title = str(clauses["doc_title"].iloc[0]) if len(clauses) else ""
        found.append(
            TrainingParagraph(
                feature_text(title, text, TITLE_CHARS), item.primary, tuple(item.themes)
            )
        )
    return found


def train_model(paragraphs: Sequence[TrainingParagraph], codebook: Codebook) -> ThemeModel:
    """Fit the vectoriser and the two classifiers on the paragraphs (columns: the codebook's
    themes in codebook order). Every theme must be some paragraph's primary (ValueError)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    themes = codebook.theme_ids
    with_theme = [i for i, p in enumerate(paragraphs) if p.primary]
    primaries = [paragraphs[i].primary for i in with_theme]
    missing = sorted(set(themes) - set(primaries))
    if missing:
        raise ValueError(f"no training paragraph has the primary theme {missing}")
    vectoriser = TfidfVectorizer(
        analyzer="char",
        ngram_range=(1, NGRAM_MAX),
        sublinear_tf=True,
        min_df=MIN_DF,
        max_features=MAX_FEATURES,
        dtype=np.float64,
    )
    matrix = vectoriser.fit_transform([p.text for p in paragraphs])
    primary = LogisticRegression(C=INVERSE_REGULARISATION, max_iter=MAX_ITERATIONS)
    primary.fit(matrix[with_theme], primaries)
    order = [list(primary.classes_).index(t) for t in themes]
    set_coef, set_intercept = [], []
    for theme in themes:
        member = np.array([theme in p.themes for p in paragraphs])
        one = LogisticRegression(C=INVERSE_REGULARISATION, max_iter=MAX_ITERATIONS)
        one.fit(matrix, member)
        set_coef.append(one.coef_[0])
        set_intercept.append(one.intercept_[0])
    features = vectoriser.get_feature_names_out()
    return ThemeModel(
        features=tuple(str(f) for f in features),
        idf=vectoriser.idf_.copy(),
        themes=themes,
        primary_coef=primary.coef_[order],
        primary_intercept=primary.intercept_[order],
        set_coef=np.array(set_coef),
        set_intercept=np.array(set_intercept),
        title_chars=TITLE_CHARS,
        ngram_max=NGRAM_MAX,
        settings=(
            ("title_chars", str(TITLE_CHARS)),
            ("ngram_max", str(NGRAM_MAX)),
            ("min_df", str(MIN_DF)),
            ("max_features", str(MAX_FEATURES)),
            ("C", str(INVERSE_REGULARISATION)),
            ("paragraphs", str(len(paragraphs))),
        ),
    )


def default_folders(fixtures: Path = FIXTURES) -> list[Path]:
    """The folders the shipped model is trained on (TRAINED_ON under tests/fixtures)."""
    return [fixtures / name for name in TRAINED_ON]


def run_train(folders: Sequence[Path] = (), out: Path | None = None) -> int:
    """Train on the coded paragraphs of `folders` (default: default_folders()) and write the
    weights to the codebook's model file (or `out`). Prints the number of paragraphs and
    n-grams; 0 on success."""
    codebook = load_codebook(check_model=False)  # the weights file may be old or missing
    if not out and not codebook.model.path:
        raise InputError("codebook.yaml", "names no model file", "add a model section or --out")
    target = Path(out) if out else Path(codebook.model.path)
    folders = list(folders) or default_folders()
    paragraphs = [p for folder in folders for p in training_paragraphs(Path(folder), codebook)]
    try:
        model = train_model(paragraphs, codebook)
    except ValueError as error:
        raise InputError(
            ", ".join(str(f) for f in folders), str(error), "code more paragraphs"
        ) from None
    try:
        write_model(model, target)
    except OSError as error:
        raise InputError(str(target), f"cannot be written ({error.strerror or error})") from None
    print(
        f"trained on {len(paragraphs)} paragraphs of {len(folders)} folders: "
        f"{len(model.features)} character n-grams, {len(model.themes)} themes → {target}"
    )
    return 0
