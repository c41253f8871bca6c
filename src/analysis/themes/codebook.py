"""The versioned codebooks: reading and validating codebook.yaml, instruments.yaml and
national_tasks.yaml (`analysis/data/`), and themes.csv (`codebook_table`).

A file that breaks a rule raises CodebookError naming the file and the problem; loaded
codebooks are cached per path. `not_own_content` (what matching blanks) is compiled here
into one regular expression, with the agency-name rule of `analysis.themes.masking`.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd
import yaml

from analysis.paths import PACKAGE_DATA
from analysis.schema import DOC_TYPES
from analysis.themes.masking import agency_suffix
from analysis.themes.model import BLEND_KEYS, BlendRule, ModelError, ModelSpec, load_model

CODEBOOK_PATH = PACKAGE_DATA / "codebook.yaml"
INSTRUMENTS_PATH = PACKAGE_DATA / "instruments.yaml"
NATIONAL_TASKS_PATH = PACKAGE_DATA / "national_tasks.yaml"

DEFAULT_WEIGHT = 1.0
SEED_SOURCE = "seeds"
TOPIC_ROLE = "topic"
CONTEXT_ROLE = "context"
ROLES = (TOPIC_ROLE, CONTEXT_ROLE)
MATCH_SEPARATOR = "|"
MIN_THEMES = 14  # fewer themes than this suggests a truncated codebook (a warning, not an error)


class CodebookError(ValueError):
    """A codebook file breaks a rule (duplicate id, empty keywords, dead exclusion …)."""


@dataclass(frozen=True)
class NationalTask:
    """One task of the national plan (reconstructed headings, see national_tasks.yaml)."""

    id: str
    label: str
    label_en: str


@dataclass(frozen=True)
class Theme:
    """One theme of the codebook."""

    id: str
    label_zh: str
    label_en: str
    definition: str
    keywords: tuple[str, ...]
    exclusions: tuple[str, ...]
    national_tasks: tuple[str, ...]
    role: str = TOPIC_ROLE
    # specificity of each keyword (parallel to keywords; empty = all 1)
    weights: tuple[float, ...] = ()
    sources: tuple[str, ...] = ()  # where each keyword came from (parallel to keywords)

    def weight(self, keyword: str) -> float:
        """The keyword's specificity weight (2 programme term, 1 topic word, 0.5 broad word)."""
        if not self.weights:
            return DEFAULT_WEIGHT
        return self._weight_of[keyword]

    @cached_property
    def _weight_of(self) -> dict[str, float]:
        """keyword → weight, built once (weight() is asked for every hit of every unit)."""
        return dict(zip(self.keywords, self.weights, strict=True))


@dataclass(frozen=True)
class TypologyRule:
    """When the region-type theme is a paragraph's own (codebook `typology`, see rank_unit_themes)."""

    theme: str = ""  # the region-type theme's id
    types: tuple[str, ...] = ()  # the type names (成长型, 成熟型 …)
    guidance: tuple[str, ...] = ()  # differentiated-guidance words (分类施策 …)
    # words of the theme that name a way of working, not a kind of region (因地制宜; 2.6.0)
    approaches: tuple[str, ...] = ()
    # stages of a resource region's life cycle (成熟期 …), a kind of region only when a region
    # noun of `stage_regions` follows (对处于成熟期的煤炭主产县; not 成熟期的企业; 2.7.1)
    stages: tuple[str, ...] = ()
    stage_regions: tuple[str, ...] = ()
    # the genus of every kind (资源型地区, 资源型城市): states a kind only in a statement of which
    # places belong to it (属于资源型地区 / 资源型地区主要包括…; framing.typology_self_re)
    genus: tuple[str, ...] = ()
    # kinds that open a phrase without being its region subject: a firm (森工企业承担的…) or a
    # programme's name (老工业基地焕发新活力); framing.typology_self_re (r5)
    not_subjects: tuple[str, ...] = ()
    min_types: int = 2  # distinct type names that organise a paragraph by type
    structure_types: int = 3  # distinct type names that make it a typology paragraph


@dataclass(frozen=True)
class ProgrammeRule:
    """Programmes a whole document works inside (codebook `programmes`, 2.3.0): when a document's
    title names one of `terms` (关于做好采煤沉陷区综合治理工作的通知, 绿色矿山遴选), the term's theme
    is in the theme set of each of its units, except a unit whose primary theme is one of
    `except_primary` (its implementation, money or frame), and not in a document of one of
    `except_genres` (2.4.0: a news page's headline is its topic, each paragraph reports its own
    facts). Each term is a theme keyword."""

    terms: tuple[str, ...] = ()
    except_primary: tuple[str, ...] = ()
    except_genres: tuple[str, ...] = ()


@dataclass(frozen=True)
class Codebook:
    """The theme codebook: version, themes in priority order, national tasks.

    `not_own_content` is the regular expression of the spans blanked before matching (cited
    titles, reply topics, agency and company names); `framing_headings` the unit headings
    that make a unit general_framing by shape, `framing_indicators` the macro indicators
    whose listing does (`review_openers`: the review phrases after which two indicators do);
    `typology` when the region-type theme is coded; `programmes` the themes a document's
    title can spread to all its units (ProgrammeRule).
    """

    version: str
    themes: tuple[Theme, ...]
    national_tasks: tuple[NationalTask, ...]
    not_own_content: str = ""
    framing_headings: tuple[str, ...] = ()
    framing_indicators: tuple[str, ...] = ()
    review_openers: tuple[str, ...] = ()
    typology: TypologyRule = TypologyRule()
    programmes: ProgrammeRule = ProgrammeRule()
    # the paragraph classifier blended with the rules (ModelSpec.path "" when there is none)
    model: ModelSpec = field(default_factory=ModelSpec)

    def __hash__(self) -> int:
        # the matchers and programme lookups are cached per codebook (lru_cache): hashing a
        # thousand keywords on every call cost a second per hundred documents
        return self._hash

    @cached_property
    def _hash(self) -> int:
        return hash(tuple(getattr(self, f.name) for f in fields(self)))

    @cached_property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(theme.id for theme in self.themes)

    def labels(self) -> dict[str, str]:
        """theme_id → Chinese label, in codebook order."""
        return {theme.id: theme.label_zh for theme in self.themes}

    def theme(self, theme_id: str) -> Theme:
        """The theme with this id (KeyError when unknown)."""
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)


@dataclass(frozen=True)
class InstrumentSubtype:
    """One policy-instrument sub-type (e.g. supply / funding)."""

    id: str
    type: str
    label_zh: str
    label_en: str
    keywords: tuple[str, ...]
    exclusions: tuple[str, ...]


@dataclass(frozen=True)
class InstrumentCodebook:
    """The policy-instrument codebook: version, types and their sub-types."""

    version: str
    types: tuple[str, ...]
    subtypes: tuple[InstrumentSubtype, ...]


# The C (libyaml) parser when PyYAML has it: the same safe constructor, parsing several times faster.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> dict:
    """Parse a YAML mapping, naming the file on failure."""
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, yaml.YAMLError) as error:
        raise CodebookError(f"{path}: cannot read codebook: {error}") from error
    if not isinstance(data, dict):
        raise CodebookError(f"{path}: expected a mapping at the top level")
    return data


def _strings(value: object, where: str) -> tuple[str, ...]:
    """A YAML list of non-empty strings, stripped."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise CodebookError(f"{where}: expected a list of strings")
    items = tuple(str(v).strip() for v in value)
    if any(not item for item in items):
        raise CodebookError(f"{where}: empty string in list")
    return items


def check_categories(
    name: str, categories: Sequence[tuple[str, Sequence[str], Sequence[str]]]
) -> None:
    """Validate (id, keywords, exclusions) triples; raise CodebookError on the first problem.

    Rules: ids unique; at least one keyword; no keyword twice in a category or in two
    categories; every exclusion contains a keyword of its own category (else it masks nothing).
    """
    seen_ids: set[str] = set()
    owner: dict[str, str] = {}
    for category_id, keywords, exclusions in categories:
        if category_id in seen_ids:
            raise CodebookError(f"{name}: duplicate id {category_id!r}")
        seen_ids.add(category_id)
        if not keywords:
            raise CodebookError(f"{name}: {category_id!r} has no keywords")
        for keyword in keywords:
            if keyword in owner:
                where = "twice" if owner[keyword] == category_id else f"also in {owner[keyword]!r}"
                raise CodebookError(f"{name}: keyword {keyword!r} of {category_id!r} is {where}")
            owner[keyword] = category_id
        for exclusion in exclusions:
            if not any(keyword in exclusion for keyword in keywords):
                raise CodebookError(
                    f"{name}: exclusion {exclusion!r} of {category_id!r} contains none of its keywords"
                )


def load_national_tasks(path: Path | str = NATIONAL_TASKS_PATH) -> tuple[NationalTask, ...]:
    """National tasks N01… from national_tasks.yaml, in file order."""
    data = _read_yaml(Path(path))
    tasks = tuple(
        NationalTask(str(t["id"]), str(t["label"]), str(t.get("label_en", "")))
        for t in data.get("tasks") or []
    )
    ids = [t.id for t in tasks]
    if not tasks or len(set(ids)) != len(ids):
        raise CodebookError(f"{path}: national task ids missing or duplicated")
    return tasks


def _keyword_groups(
    value: object, where: str
) -> tuple[tuple[str, ...], tuple[float, ...], tuple[str, ...]]:
    """A theme's `keywords`: bare strings (seeds, weight 1) or groups {source, weight, words}.

    Returns (keywords, weights, sources), parallel, in file order.
    """
    if not isinstance(value, list):
        raise CodebookError(f"{where}: expected a list of keywords or keyword groups")
    keywords: list[str] = []
    weights: list[float] = []
    sources: list[str] = []
    for item in value:
        if isinstance(item, dict):
            source = str(item.get("source") or "").strip()
            if not source:
                raise CodebookError(f"{where}: keyword group without a source")
            weight = item.get("weight", DEFAULT_WEIGHT)
            if not isinstance(weight, int | float) or isinstance(weight, bool) or weight <= 0:
                raise CodebookError(
                    f"{where}: weight {weight!r} of group {source!r} is not a positive number"
                )
            words = _strings(item.get("words"), f"{where} ({source})")
            if not words:
                raise CodebookError(f"{where}: keyword group {source!r} has no words")
        else:
            source, weight, words = SEED_SOURCE, DEFAULT_WEIGHT, _strings([item], where)
        keywords.extend(words)
        weights.extend([float(weight)] * len(words))
        sources.extend([source] * len(words))
    return tuple(keywords), tuple(weights), tuple(sources)


def _theme_from(entry: dict, where: str) -> Theme:
    """Build one Theme from its YAML mapping."""
    missing = [
        k for k in ("id", "label_zh", "label_en", "definition", "keywords") if not entry.get(k)
    ]
    if missing:
        raise CodebookError(f"{where}: theme {entry.get('id', '?')!r} lacks {', '.join(missing)}")
    role = str(entry.get("role", TOPIC_ROLE))
    if role not in ROLES:
        raise CodebookError(f"{where}: theme {entry['id']!r} has unknown role {role!r}")
    keywords, weights, sources = _keyword_groups(
        entry["keywords"], f"{where}: {entry['id']} keywords"
    )
    return Theme(
        id=str(entry["id"]),
        label_zh=str(entry["label_zh"]),
        label_en=str(entry["label_en"]),
        definition=str(entry["definition"]),
        keywords=keywords,
        exclusions=_strings(entry.get("exclusions"), f"{where}: {entry['id']} exclusions"),
        national_tasks=_strings(
            entry.get("national_tasks"), f"{where}: {entry['id']} national_tasks"
        ),
        role=role,
        weights=weights,
        sources=sources,
    )


def _not_own_content_pattern(data: object, where: str) -> str:
    """One regular expression of everything `not_own_content` blanks (patterns, then agency names)."""
    if data is None:
        return ""
    if not isinstance(data, dict):
        raise CodebookError(f"{where}: not_own_content must be a mapping")
    parts = []
    for entry in data.get("patterns") or []:
        pattern = str(entry.get("pattern") or "")
        try:
            re.compile(pattern)
        except re.error as error:
            raise CodebookError(
                f"{where}: not_own_content pattern {entry.get('id')!r} is not a regex: {error}"
            ) from error
        if not pattern or re.fullmatch(pattern, ""):
            raise CodebookError(
                f"{where}: not_own_content pattern {entry.get('id')!r} matches the empty string"
            )
        parts.append(f"(?:{pattern})")
    stems = _strings(data.get("agency_stems"), f"{where}: agency_stems")
    suffixes = _strings(data.get("agency_suffixes"), f"{where}: agency_suffixes")
    if stems and suffixes:
        # longest alternatives first, so 委员会 is tried before 委 and 总局 before 局
        stem_re = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
        suffix_re = "|".join(agency_suffix(s) for s in sorted(suffixes, key=len, reverse=True))
        # the lookahead on the stems' first characters lets most positions fail at once
        first = "".join(sorted({re.escape(s[0]) for s in stems}))
        parts.append(f"(?:(?=[{first}])(?:{stem_re})(?:{suffix_re}))")
    return "|".join(parts)


@lru_cache(maxsize=8)
def _load_codebook_cached(path: str, tasks_path: str, check_model: bool) -> Codebook:
    data = _read_yaml(Path(path))
    if not data.get("version"):
        raise CodebookError(f"{path}: no version field")
    themes = tuple(_theme_from(entry, path) for entry in data.get("themes") or [])
    if not themes:
        raise CodebookError(f"{path}: no themes")
    check_categories(path, [(t.id, t.keywords, t.exclusions) for t in themes])
    tasks = load_national_tasks(tasks_path)
    task_ids = {t.id for t in tasks}
    for theme in themes:
        unknown = sorted(set(theme.national_tasks) - task_ids)
        if unknown:
            raise CodebookError(f"{path}: theme {theme.id!r} maps to unknown tasks {unknown}")
    if len(themes) < MIN_THEMES:  # no upper cap: adding a theme is one entry in the codebook
        warnings.warn(
            f"{path}: only {len(themes)} themes (expected at least {MIN_THEMES})", stacklevel=2
        )
    framing = data.get("framing") or {}
    typology = _typology_rule(data.get("typology"), path, {t.id for t in themes})
    return Codebook(
        version=str(data["version"]),
        themes=themes,
        national_tasks=tasks,
        not_own_content=_not_own_content_pattern(data.get("not_own_content"), path),
        framing_headings=_strings(framing.get("headings"), f"{path}: framing headings"),
        framing_indicators=_strings(framing.get("indicators"), f"{path}: framing indicators"),
        review_openers=_strings(framing.get("review_openers"), f"{path}: framing review_openers"),
        typology=typology,
        programmes=_programme_rule(data.get("programmes"), path, themes),
        model=_model_spec(data.get("model"), path, [t.id for t in themes], check_model),
    )


def _model_spec(
    data: object, path: str, theme_ids: Sequence[str], check_model: bool = True
) -> ModelSpec:
    """The codebook's `model` mapping (no model when absent): `file` is the weights file,
    relative to the codebook's folder, whose themes must be the codebook's (not read when
    `check_model` is false: training writes it); `blend` the weights of
    analysis.themes.model.blend (numbers 0–1, names BLEND_KEYS)."""
    if data is None:
        return ModelSpec()
    if not isinstance(data, dict) or not isinstance(data.get("file"), str):
        raise CodebookError(f"{path}: model must be a mapping with a file name")
    unknown = sorted(set(data) - {"file", "blend"})
    weights = data.get("blend") or {}
    if unknown or not isinstance(weights, dict):
        raise CodebookError(
            f"{path}: model takes file and a blend mapping (not {unknown or 'blend'})"
        )
    unknown = sorted(set(weights) - set(BLEND_KEYS))
    if unknown:
        raise CodebookError(f"{path}: model blend has unknown weights {unknown} ({BLEND_KEYS})")
    numbers = {name: weights.get(name, getattr(BlendRule, name)) for name in BLEND_KEYS}
    if any(
        isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= 1
        for v in numbers.values()
    ):
        raise CodebookError(f"{path}: model blend weights must be numbers from 0 to 1")
    model_path = Path(path).parent / data["file"]
    spec = ModelSpec(
        path=str(model_path), blend=BlendRule(**{k: float(v) for k, v in numbers.items()})
    )
    if not check_model:
        return spec
    if not model_path.is_file():
        raise CodebookError(f"{path}: model file {data['file']!r} is missing")
    try:
        model = load_model(str(model_path))
    except ModelError as error:
        raise CodebookError(str(error)) from None
    if set(model.themes) != set(theme_ids):
        missing = sorted(set(theme_ids) - set(model.themes))
        extra = sorted(set(model.themes) - set(theme_ids))
        raise CodebookError(
            f"{path}: model file {data['file']!r} is trained for other themes (missing "
            f"{missing}, not in the codebook {extra}): retrain it (train-theme-model) or delete "
            "the model section"
        )
    return spec


def _programme_rule(data: object, path: str, themes: Sequence[Theme]) -> ProgrammeRule:
    """The codebook's `programmes` mapping (an empty rule when absent): every term must be a
    keyword of a theme, every except_primary a theme id."""
    if data is None:
        return ProgrammeRule()
    if not isinstance(data, dict):
        raise CodebookError(f"{path}: programmes must be a mapping of terms and except_primary")
    rule = ProgrammeRule(
        terms=_strings(data.get("terms"), f"{path}: programmes terms"),
        except_primary=_strings(data.get("except_primary"), f"{path}: programmes except_primary"),
        except_genres=_strings(data.get("except_genres"), f"{path}: programmes except_genres"),
    )
    keywords = {k for theme in themes for k in theme.keywords}
    unknown = sorted(set(rule.terms) - keywords)
    if unknown:
        raise CodebookError(f"{path}: programmes terms {unknown} are not keywords of any theme")
    unknown = sorted(set(rule.except_primary) - {t.id for t in themes})
    if unknown:
        raise CodebookError(f"{path}: programmes except_primary names unknown themes {unknown}")
    unknown = sorted(set(rule.except_genres) - set(DOC_TYPES))
    if unknown:
        raise CodebookError(f"{path}: programmes except_genres names unknown genres {unknown}")
    return rule


def _typology_rule(data: object, path: str, theme_ids: set[str]) -> TypologyRule:
    """The codebook's `typology` mapping (an empty rule when absent)."""
    if data is None:
        return TypologyRule()
    if not isinstance(data, dict) or str(data.get("theme", "")) not in theme_ids:
        raise CodebookError(f"{path}: typology must be a mapping whose theme is a theme id")
    counts = {k: data.get(k, getattr(TypologyRule, k)) for k in ("min_types", "structure_types")}
    if any(not isinstance(v, int) or isinstance(v, bool) or v < 1 for v in counts.values()):
        raise CodebookError(
            f"{path}: typology min_types and structure_types must be positive integers"
        )
    return TypologyRule(
        theme=str(data["theme"]),
        types=_strings(data.get("types"), f"{path}: typology types"),
        guidance=_strings(data.get("guidance"), f"{path}: typology guidance"),
        approaches=_strings(data.get("approaches"), f"{path}: typology approaches"),
        stages=_strings(data.get("stages"), f"{path}: typology stages"),
        stage_regions=_strings(data.get("stage_regions"), f"{path}: typology stage_regions"),
        genus=_strings(data.get("genus"), f"{path}: typology genus"),
        not_subjects=_strings(data.get("not_subjects"), f"{path}: typology not_subjects"),
        **counts,
    )


def load_codebook(
    path: Path | str = CODEBOOK_PATH,
    tasks_path: Path | str = NATIONAL_TASKS_PATH,
    check_model: bool = True,
) -> Codebook:
    """Read and validate the theme codebook (cached per path), with its model file unless
    `check_model` is false (train-theme-model, which writes that file)."""
    return _load_codebook_cached(str(path), str(tasks_path), check_model)


@lru_cache(maxsize=8)
def _load_instruments_cached(path: str) -> InstrumentCodebook:
    data = _read_yaml(Path(path))
    if not data.get("version"):
        raise CodebookError(f"{path}: no version field")
    types: list[str] = []
    subtypes: list[InstrumentSubtype] = []
    for type_entry in data.get("types") or []:
        type_id = str(type_entry["id"])
        types.append(type_id)
        for entry in type_entry.get("subtypes") or []:
            where = f"{path}: {type_id}/{entry.get('id', '?')}"
            subtypes.append(
                InstrumentSubtype(
                    id=str(entry["id"]),
                    type=type_id,
                    label_zh=str(entry.get("label_zh", "")),
                    label_en=str(entry.get("label_en", "")),
                    keywords=_strings(entry.get("keywords"), f"{where} keywords"),
                    exclusions=_strings(entry.get("exclusions"), f"{where} exclusions"),
                )
            )
    if not subtypes:
        raise CodebookError(f"{path}: no instrument sub-types")
    check_categories(path, [(s.id, s.keywords, s.exclusions) for s in subtypes])
    return InstrumentCodebook(
        version=str(data["version"]), types=tuple(types), subtypes=tuple(subtypes)
    )


def load_instruments(path: Path | str = INSTRUMENTS_PATH) -> InstrumentCodebook:
    """Read and validate the policy-instrument codebook (cached per path)."""
    return _load_instruments_cached(str(path))


def codebook_table(codebook: Codebook | None = None) -> pd.DataFrame:
    """themes.csv: one row per theme in codebook order (keywords, exclusions and tasks joined by "|")."""
    codebook = codebook or load_codebook()
    rows = []
    for theme in codebook.themes:
        row = {
            "theme_id": theme.id,
            "label_zh": theme.label_zh,
            "label_en": theme.label_en,
            "definition": theme.definition,
            "keywords": MATCH_SEPARATOR.join(theme.keywords),
            "national_tasks": MATCH_SEPARATOR.join(theme.national_tasks),
            "role": theme.role,
            "exclusions": MATCH_SEPARATOR.join(theme.exclusions),
            "codebook_version": codebook.version,
        }
        rows.append(row)
    return pd.DataFrame(rows)
