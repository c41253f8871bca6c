"""The paragraph classifier blended with the keyword rules (analysis.themes.model) and its
training (analysis.theme_train): features equal scikit-learn's, the blend rule as written in the
module docstring, the weights file, and a model that codes paragraphs the rules cannot read."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from analysis.themes import CodebookError, load_codebook
from analysis.themes.model import (
    BlendRule,
    ModelError,
    ModelSpec,
    ThemeModel,
    blend,
    char_ngrams,
    load_model,
    predict,
    tfidf_matrix,
    write_model,
)
from analysis.themes.paragraphs import code_paragraph
from analysis.themes.primary import UnitRows, code_unit, unit_theme_set

# Texts written for these tests (not from any document)
CORPUS = [
    "某市关于推进采煤沉陷区综合治理的实施方案｜实施沉陷区居民避险搬迁，新建安置房1200套。",
    "某县政府工作报告｜开展下岗职工技能培训，帮助转岗职工再就业800人。",
    "某市政府工作报告｜大力发展光伏和风电，新能源装机容量达到200万千瓦。",
    "关于下达资金的通知｜下达中央预算内投资3亿元，用于矿区生态修复。",
    "ABC  文旅 康养\t产业",
]


@pytest.mark.parametrize(
    ("text", "ngram_max", "expected"),
    [
        ("矿区", 3, ["矿", "区", "矿区"]),
        ("矿区修复", 2, ["矿", "区", "修", "复", "矿区", "区修", "修复"]),
        ("AB", 1, ["a", "b"]),  # lower-cased
        (
            "文旅  康养",
            2,
            ["文", "旅", " ", "康", "养", "文旅", "旅 ", " 康", "康养"],
        ),  # run → one space
        ("", 3, []),
    ],
)
def test_char_ngrams(text: str, ngram_max: int, expected: list[str]) -> None:
    assert char_ngrams(text, ngram_max) == expected


def _model_from(vectoriser: object, primary: object, sets: list) -> ThemeModel:
    """A ThemeModel holding scikit-learn's fitted weights (themes: the primary's classes)."""
    return ThemeModel(
        features=tuple(vectoriser.get_feature_names_out()),
        idf=vectoriser.idf_,
        themes=tuple(primary.classes_),
        primary_coef=primary.coef_,
        primary_intercept=primary.intercept_,
        set_coef=np.array([m.coef_[0] for m in sets]),
        set_intercept=np.array([m.intercept_[0] for m in sets]),
    )


@pytest.fixture(scope="module")
def fitted() -> tuple:
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    linear = pytest.importorskip("sklearn.linear_model")
    vectoriser = sklearn_text.TfidfVectorizer(
        analyzer="char", ngram_range=(1, 3), sublinear_tf=True
    )
    matrix = vectoriser.fit_transform(CORPUS)
    labels = ["a", "b", "c", "a", "c"]
    primary = linear.LogisticRegression(C=4.0).fit(matrix, labels)
    sets = [linear.LogisticRegression(C=4.0).fit(matrix, [x == t for x in labels]) for t in "abc"]
    return vectoriser, primary, sets, _model_from(vectoriser, primary, sets)


def test_features_are_scikit_learns(fitted: tuple) -> None:
    vectoriser, _, _, model = fitted
    unseen = ["采煤沉陷区治理，文旅康养。", "完全不同的句子 XYZ", ""]
    for texts in (CORPUS, unseen):
        ours = tfidf_matrix(texts, model, 3)
        assert np.allclose(ours, vectoriser.transform(texts).toarray(), atol=1e-12)


def test_probabilities_are_scikit_learns(fitted: tuple) -> None:
    vectoriser, primary, sets, model = fitted
    spec = ModelSpec(title_chars=100)
    titles, texts = zip(*(t.split("｜") for t in CORPUS[:4]), strict=True)
    p_primary, p_set = predict(model, spec, list(titles), list(texts))
    matrix = vectoriser.transform(CORPUS[:4])
    assert np.allclose(p_primary, primary.predict_proba(matrix), atol=1e-12)
    expected_set = np.column_stack([m.predict_proba(matrix)[:, 1] for m in sets])
    assert np.allclose(p_set, expected_set, atol=1e-12)


THEMES = ("a", "b", "c")
RULE = BlendRule(model_weight=0.7, rule_set_bonus=0.1, add_at=0.5, drop_below=0.05, alone_at=0.3)


@pytest.mark.parametrize(
    ("rule_primary", "rule_set", "p_primary", "p_set", "expected"),
    [
        # the rules' primary stands when the classifier is unsure (a: .21+.3+.1 > b: .35)
        ("a", ["a"], [0.3, 0.5, 0.2], [0.6, 0.4, 0.1], ("a", ["a"])),
        # a confident classifier overturns it (b: .63 > a: .035+.3+.1) and b joins the set
        ("a", ["a"], [0.05, 0.9, 0.05], [0.3, 0.8, 0.0], ("b", ["b", "a"])),
        # a theme of the rules' set gets the bonus: c (.35+.1) beats b (.42) and a (.035+.3+.1)
        ("a", ["a", "c"], [0.05, 0.6, 0.5], [0.4, 0.3, 0.7], ("c", ["c", "a"])),
        # the rules' secondary theme the classifier all but rules out is dropped (c: 0.01)
        ("a", ["a", "c"], [0.8, 0.1, 0.1], [0.9, 0.1, 0.01], ("a", ["a"])),
        # a tie in score falls to the rules' primary
        ("b", ["b"], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], ("b", ["b"])),
        # nothing from the rules and an unsure classifier: not coded
        ("", [], [0.25, 0.25, 0.25], [0.1, 0.1, 0.1], ("", [])),
        # nothing from the rules and a confident classifier: its primary and set
        ("", [], [0.1, 0.1, 0.8], [0.6, 0.1, 0.9], ("c", ["c", "a"])),
    ],
)
def test_blend(
    rule_primary: str,
    rule_set: list[str],
    p_primary: list[float],
    p_set: list[float],
    expected: tuple[str, list[str]],
) -> None:
    got = blend(rule_primary, rule_set, np.array(p_primary), np.array(p_set), THEMES, RULE)
    assert got == expected


def test_weights_file_round_trip(tmp_path: Path, fitted: tuple) -> None:
    model = fitted[3]
    first, second = tmp_path / "one.csv", tmp_path / "two.csv"
    write_model(model, first)
    write_model(load_model(str(first)), second)
    assert first.read_bytes() == second.read_bytes()
    again = load_model(str(first))
    assert again.features == model.features and again.themes == model.themes
    assert np.allclose(again.set_coef, model.set_coef, atol=1e-6)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "not a theme model file"),
        ("feature,idf,primary.a,set.a\n(intercept),,0.1,0.2\nab,1.0,0.5\n", "line 3 has 3 fields"),
        ("feature,idf,primary.a,set.b\n(intercept),,0.1,0.2\nab,1.0,0.5,0.1\n", "same themes"),
        (
            "feature,idf,primary.a,set.a\n(intercept),,0.1,x\nab,1.0,0.5,0.1\n",
            "'x' is not a number",
        ),
    ],
)
def test_a_broken_weights_file_is_named(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / f"broken{abs(hash(content))}.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match=message) as caught:
        load_model(str(path))
    assert str(path) in str(caught.value)


def test_a_codebook_naming_a_missing_model_file_is_refused(tmp_path: Path) -> None:
    text = load_codebook().model.path  # the shipped codebook's model exists
    assert Path(text).is_file()
    source = Path(load_codebook().model.path).with_name("codebook.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "codebook.yaml"
    broken.write_text(source.replace("file: theme_model.csv", "file: gone.csv"), encoding="utf-8")
    with pytest.raises(CodebookError, match=r"model file 'gone\.csv' is missing"):
        load_codebook(broken)


def test_the_shipped_model_covers_the_codebooks_themes() -> None:
    codebook = load_codebook()
    model = load_model(codebook.model.path)
    assert set(model.themes) == set(codebook.theme_ids)
    assert len(model.features) == 3000 and model.primary_coef.shape == (20, 3000)


def _rows(*texts: str) -> UnitRows:
    return UnitRows(texts=texts, is_heading=tuple(False for _ in texts), titles={})


def test_without_a_model_a_paragraph_is_the_rules_coding() -> None:
    codebook = load_codebook()
    rules_only = dataclasses.replace(codebook, model=ModelSpec())
    rows = _rows("开展下岗职工技能培训，帮助转岗职工再就业800人，其中安置到光伏企业300人。")
    primary, themes, _ = code_paragraph(rows, rules_only)
    expected = code_unit(rows, rules_only)
    assert primary == expected[0].theme_id and themes == unit_theme_set(expected, rules_only)


# Paragraphs written for this test in the shapes real documents use, with wording the keyword
# lists do not hold; what a reader codes them as.
@pytest.mark.parametrize(
    ("title", "text", "expected_primary"),
    [
        (
            "某县2026年政府工作报告",
            "过去一年，全县地区生产总值增长5.8%，一般公共预算收入完成12.6亿元，城乡居民人均"
            "可支配收入分别增长5.1%和7.3%，经济运行稳中有进。",
            "general_framing",
        ),
        (
            "某市关于做好退休矿工生活保障工作的通知",
            "对企业破产前已退休的矿工，按时足额发放基本养老金，困难家庭全部纳入最低生活保障。",
            "social_security",
        ),
        # an overall-goal paragraph (到2027年 with headline targets) is framing by its shape,
        # its industry target a secondary theme (the manual's rule 3)
        (
            "某市推动资源型城市转型发展实施方案",
            "到2027年，全市资源型产业占工业比重下降到45%以下，非资源型产业增加值年均增长10%"
            "以上，转型发展取得决定性进展。",
            "general_framing",
        ),
    ],
)
def test_the_model_codes_paragraphs_as_a_reader_does(
    title: str, text: str, expected_primary: str
) -> None:
    primary, themes, _ = code_paragraph(_rows(text), load_codebook(), doc_title=title)
    assert primary == expected_primary and expected_primary in themes


@pytest.mark.slow
def test_retraining_rewrites_the_shipped_weights(tmp_path: Path) -> None:
    from analysis.theme_train import run_train

    out = tmp_path / "theme_model.csv"
    assert run_train(out=out) == 0
    shipped = load_model(load_codebook().model.path)
    again = load_model(str(out))
    assert again.features == shipped.features and again.themes == shipped.themes
    # the same library versions fit the same weights; 1e-4 allows another machine's BLAS
    for name in ("idf", "primary_coef", "primary_intercept", "set_coef", "set_intercept"):
        assert np.allclose(getattr(again, name), getattr(shipped, name), atol=1e-4), name


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_training_on_a_folder_without_labels_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from analysis.cli import main

    out = tmp_path / "model.csv"
    assert main(["train-theme-model", str(tmp_path), "--out", str(out)]) == 2
    assert "has no coder_a.csv" in capsys.readouterr().err and not out.exists()


def test_training_needs_every_theme_as_some_primary(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """A folder coding one paragraph cannot teach the other nineteen themes."""
    from analysis.cli import main

    source = FIXTURES / "themes_dev"
    (tmp_path / "dev_04_reply.txt").write_bytes((source / "dev_04_reply.txt").read_bytes())
    (tmp_path / "coder_a.csv").write_text(
        "file,line,anchor,primary,themes,clear\n"
        "dev_04_reply.txt,4,近年来,subsidence_mining_areas,subsidence_mining_areas,1\n",
        encoding="utf-8",
    )
    out = tmp_path / "model.csv"
    assert main(["train-theme-model", str(tmp_path), "--out", str(out)]) == 2
    assert "no training paragraph has the primary theme" in capsys.readouterr().err
    assert not out.exists()
