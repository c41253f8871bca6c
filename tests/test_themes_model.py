"""The paragraph classifier blended with the keyword rules (analysis.themes.model) and its
training (analysis.theme_train): features equal scikit-learn's, the blend rule as written in the
module docstring, the weights file, and a model that codes paragraphs the rules cannot read."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from analysis.themes import CODEBOOK_PATH, CodebookError, load_codebook
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
        title_chars=100,
        ngram_max=3,
        settings=(("title_chars", "100"), ("ngram_max", "3")),
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
        ours = tfidf_matrix(texts, model)
        assert np.allclose(ours, vectoriser.transform(texts).toarray(), atol=1e-12)


def test_probabilities_are_scikit_learns(fitted: tuple) -> None:
    vectoriser, primary, sets, model = fitted
    titles, texts = zip(*(t.split("｜") for t in CORPUS[:4]), strict=True)
    p_primary, p_set = predict(model, list(titles), list(texts))
    matrix = vectoriser.transform(CORPUS[:4])
    assert np.allclose(p_primary, primary.predict_proba(matrix), atol=1e-12)
    expected_set = np.column_stack([m.predict_proba(matrix)[:, 1] for m in sets])
    assert np.allclose(p_set, expected_set, atol=1e-12)


THEMES = ("a", "b", "c")
RULE = BlendRule(model_weight=0.7, rule_set_bonus=0.1, add_at=0.5, drop_below=0.05, alone_at=0.4)
EVEN = BlendRule(model_weight=0.5, rule_set_bonus=0.0, add_at=0.5, drop_below=0.05, alone_at=0.4)


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
        # nothing from the rules and an unsure classifier (below alone_at 0.4): not coded
        ("", [], [0.39, 0.31, 0.3], [0.1, 0.1, 0.1], ("", [])),
        # ... at alone_at exactly: coded by the classifier
        ("", [], [0.4, 0.3, 0.3], [0.1, 0.1, 0.6], ("a", ["a", "c"])),
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


@pytest.mark.parametrize(
    ("rule_primary", "p_primary", "expected"),
    [
        ("b", [1.0, 0.0, 0.0], "b"),  # a: .5, b: .5 — the tie falls to the rules' primary
        ("", [0.5, 0.5, 0.0], "a"),  # no rules' primary in the tie: the first theme in order
    ],
)
def test_blend_ties(rule_primary: str, p_primary: list[float], expected: str) -> None:
    rule_set = [rule_primary] if rule_primary else []
    primary, _ = blend(rule_primary, rule_set, np.array(p_primary), np.zeros(3), THEMES, EVEN)
    assert primary == expected


def test_weights_file_round_trip(tmp_path: Path, fitted: tuple) -> None:
    model = fitted[3]
    first, second = tmp_path / "one.csv", tmp_path / "two.csv"
    write_model(model, first)
    write_model(load_model(str(first)), second)
    assert first.read_bytes() == second.read_bytes()
    again = load_model(str(first))
    assert again.features == model.features and again.themes == model.themes
    assert np.allclose(again.set_coef, model.set_coef, atol=1e-6)


HEADER = "feature,idf,primary.a,set.a\n(settings),title_chars=30;ngram_max=3,,\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "not a theme model file"),
        ("feature,idf,primary.a,set.a\n\n(intercept),,0.1,0.2\nab,1.0,0.5,0.1\n", "not a theme"),
        (HEADER + "(intercept),,0.1,0.2\nab,1.0,0.5\n", "line 4 has 3 fields"),
        (HEADER.replace("set.a", "set.b") + "(intercept),,0.1,0.2\nab,1,0.5,0.1\n", "same themes"),
        (HEADER + "(intercept),,0.1,x\nab,1.0,0.5,0.1\n", "line 3: 'x' is not a number"),
        (HEADER + "(intercept),,0.1,nan\nab,1.0,0.5,0.1\n", "line 3: a weight is not a finite"),
        (HEADER + "(intercept),,0.1,0.2\nab,1.0,0.5,inf\n", "line 4: a weight is not a finite"),
        (HEADER + "(intercept),,0.1,0.2\nab,1.0,0.5,0.1\nab,1.0,0.5,0.1\n", "two rows"),
        (HEADER + "(intercept),,0.1,0.2\nab,0,0.5,0.1\n", "idf is not positive"),
        (
            HEADER.replace("ngram_max=3", "ngram_max=x") + "(intercept),,0,0\nab,1,0,0\n",
            "ngram_max",
        ),
        (HEADER.replace("set.a", "junk") + "(intercept),,0.1,0.2\nab,1,0.5,0.1\n", "unknown col"),
    ],
)
def test_a_broken_weights_file_is_named(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match=message) as caught:
        load_model(str(path))
    assert str(path) in str(caught.value)


def test_a_weights_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes((HEADER + "(intercept),,0.1,0.2\n").encode("utf-8") + b"\xff\xfe,1,0,0\n")
    with pytest.raises(ModelError, match="not a UTF-8 CSV"):
        load_model(str(path))


def test_a_rewritten_weights_file_is_read_again(tmp_path: Path) -> None:
    """load_model is cached, but not past a retraining in the same session."""
    path = tmp_path / "model.csv"
    path.write_text(HEADER + "(intercept),,0.1,0.2\nab,1.0,0.5,0.1\n", encoding="utf-8")
    assert load_model(str(path)).primary_intercept[0] == pytest.approx(0.1)
    path.write_text(HEADER + "(intercept),,0.7,0.2\nab,1.0,0.5,0.1\nxy,1.0,0.5,0.1\n", "utf-8")
    assert load_model(str(path)).primary_intercept[0] == pytest.approx(0.7)


def _codebook_copy(
    tmp_path: Path, model_text: str | None, change: tuple[str, str] = ("", "")
) -> Path:
    """The shipped codebook in tmp_path beside a weights file `model_text` (None: none)."""
    source = CODEBOOK_PATH.read_text(encoding="utf-8")
    copy = tmp_path / "codebook.yaml"
    copy.write_text(source.replace(*change) if change[0] else source, encoding="utf-8")
    if model_text is not None:
        (tmp_path / "theme_model.csv").write_text(model_text, encoding="utf-8")
    return copy


def test_a_codebook_naming_a_missing_model_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CodebookError, match=r"model file 'theme_model\.csv' is missing"):
        load_codebook(_codebook_copy(tmp_path, None))


def test_a_model_of_other_themes_is_refused(tmp_path: Path) -> None:
    """Weights trained for other theme ids would drop the rules' primary: refused, with a fix."""
    copy = _codebook_copy(tmp_path, HEADER + "(intercept),,0.1,0.2\nab,1.0,0.5,0.1\n")
    with pytest.raises(CodebookError, match=r"trained for other themes .*retrain it") as caught:
        load_codebook(copy)
    assert "not in the codebook ['a']" in str(caught.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("    model_weight: 0.7", "    model_weight: 1.2"), "numbers from 0 to 1"),
        (("    alone_at: 0.4", "    alone-at: 0.4"), r"unknown weights \['alone-at'\]"),
        (("  blend:\n", "  blend: 0.5\n  old_blend:\n"), "a blend mapping"),
    ],
)
def test_a_bad_model_section_is_named(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    shipped = Path(load_codebook().model.path).read_text(encoding="utf-8")
    copy = _codebook_copy(tmp_path, shipped, change)
    with pytest.raises(CodebookError, match=message):
        load_codebook(copy)


def test_the_run_refuses_a_broken_model_before_any_notebook(tmp_path: Path) -> None:
    from analysis.errors import InputError
    from analysis.pipeline import check_codebook

    copy = _codebook_copy(tmp_path, "feature,idf\n")
    with pytest.raises(InputError, match="not a theme model file") as caught:
        check_codebook(copy)
    assert "theme_model.csv" in caught.value.message


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


# Paragraphs written for this test in the shapes real documents use, and what a reader codes them
# as: two the keyword rules already code right (the blend must keep them), two that only the blend
# codes right (with the model section removed the rules said successor_industries and employment).
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
        # early retirement inside the firm, with a living allowance and social insurance paid:
        # social security for workers of a closed mine, not re-employment
        (
            "某市关于加快煤矿关闭退出后职工安置的通知",
            "对关闭煤矿距法定退休年龄不足5年的职工，可实行内部退养，由企业按月发放生活费并缴纳"
            "社会保险费。",
            "social_security",
        ),
    ],
)
def test_the_model_codes_paragraphs_as_a_reader_does(
    title: str, text: str, expected_primary: str
) -> None:
    primary, themes, _ = code_paragraph(_rows(text), load_codebook(), doc_title=title)
    assert primary == expected_primary and expected_primary in themes


@pytest.mark.parametrize("text", ["", "   ", "\u3000\u3000"])
def test_a_paragraph_without_text_is_never_classified(text: str) -> None:
    """The title alone would give general_framing about a third of the time: not a coding."""
    primary, themes, _ = code_paragraph(_rows(text), load_codebook(), doc_title="某市政府工作报告")
    assert (primary, themes) == ("", [])


@pytest.mark.slow
def test_retraining_rewrites_the_shipped_weights(tmp_path: Path) -> None:
    from analysis.theme_train import run_train

    out = tmp_path / "theme_model.csv"
    assert run_train(out=out) == 0
    shipped = load_model(load_codebook().model.path)
    again = load_model(str(out))
    assert again.features == shipped.features and again.themes == shipped.themes
    assert again.settings == shipped.settings
    assert np.allclose(again.idf, shipped.idf, atol=1e-6)  # counts: exact up to the 6 decimals
    # lbfgs stops at a tolerance, so another machine's BLAS may end a few iterations apart: the
    # weights agree closely, and so do their probabilities on this module's texts
    for name in ("primary_coef", "primary_intercept", "set_coef", "set_intercept"):
        assert np.allclose(getattr(again, name), getattr(shipped, name), atol=0.02), name
    texts, titles = list(CORPUS), [""] * len(CORPUS)
    for left, right in zip(
        predict(again, titles, texts), predict(shipped, titles, texts), strict=True
    ):
        assert np.allclose(left, right, atol=0.01)


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
