"""A deterministic synthetic corpus for benchmarks, written through the project's own models.

`generate(articles=N, seed=S)` adds laws marked "Synthetic …" (Law.origin = "synthetic", slugs
`synthetic-code-1`, …) with chapters, articles, about three versions per article, about two
penalties per version, the amendments that introduced the later versions, sources, citations
for every fact and conviction statistics. The same seed gives the same corpus on any database.

What the benchmark searches for is planted on purpose:
- COMMON_WORD sits in about 80% of the articles (every version of them);
- `rare_word(i)` sits in about five articles whatever the corpus size.

Rows go in a chunk of articles at a time through bulk_rows.RowWriter (COPY on PostgreSQL), with
ids reserved first so that each article names its current version as it is written. The figures
the list filters on, which triggers keep for editors' writes, are computed here from the planned
penalties (`version_figures`, `article_figures`; a test holds them equal to the triggers' SQL),
so no second pass rewrites a million rows. The triggers are suspended meanwhile and the text
index is built once at the end. Nothing here goes through Model.save, so the sort key that a
pre_save receiver keeps is set here too.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.db import connection, transaction
from django.db.models import Q

from benchdata.bulk_rows import RowWriter
from provisions.derived import analyze
from provisions.models import (
    Amendment,
    Article,
    ArticleChange,
    ArticleVersion,
    ChangedPenalty,
    Citation,
    ConvictionStat,
    Law,
    OfficialText,
    Origin,
    Penalty,
    Source,
    Topic,
    natural_sort_key,
)
from provisions.penalties import (
    PENALTY_KIND_BITS,
    SANCTION_PHRASES_RU,
    Kind,
    Role,
    compare_penalties,
    highest_main_prison_months,
)
from search.index import rebuild_search_index, search_triggers_suspended

SLUG_PREFIX = "synthetic-"
MAX_ARTICLES = 1_000_000
COMMON_WORD = "jurisdiction"
COMMON_SHARE = 0.8
ARTICLES_PER_RARE_WORD = 5
ARTICLES_PER_LAW = 20_000  # the default number of laws follows from this
ARTICLES_PER_CHAPTER = 25
CHANGES_PER_AMENDMENT = 40  # keeps an amendment page the same size at any corpus size
CHUNK = 2_000  # articles written per round: bounded memory
BATCH = 5_000  # rows per INSERT statement for the few rows written by bulk_create
SENTENCES_PER_VERSION = 9
LAWS_IN_FORCE = date(1997, 1, 1)
AMENDMENTS_FROM, AMENDMENTS_TO = date(1998, 1, 1), date(2024, 12, 31)
STAT_YEARS = range(2015, 2025)
COUNTED_BY = "Synthetic Judicial Department (benchmark data)"

# --- vocabulary: parallel English and Russian phrases ------------------------------------------

ACTS = [
    (
        "Transfer of information constituting a state secret",
        "Передача сведений, составляющих государственную тайну",
    ),
    ("Collection of data on military facilities", "Собирание сведений о военных объектах"),
    (
        "Public call for activities against state security",
        "Публичный призыв к деятельности против безопасности государства",
    ),
    (
        "Participation in an undesirable organisation",
        "Участие в деятельности нежелательной организации",
    ),
    ("Dissemination of knowingly false information", "Распространение заведомо ложной информации"),
    (
        "Confidential cooperation with a foreign state",
        "Конфиденциальное сотрудничество с иностранным государством",
    ),
    (
        "Evasion of the duties of a foreign agent",
        "Уклонение от исполнения обязанностей иностранного агента",
    ),
    (
        "Organisation of an unauthorised public event",
        "Организация несогласованного публичного мероприятия",
    ),
    ("Financing of an extremist community", "Финансирование экстремистского сообщества"),
    (
        "Disclosure of information about the armed forces",
        "Разглашение сведений о вооружённых силах",
    ),
    (
        "Repeated violation of the rules of a public event",
        "Неоднократное нарушение порядка проведения публичного мероприятия",
    ),
    ("Assistance to a foreign intelligence service", "Оказание помощи иностранной разведке"),
    ("Discrediting of the use of the armed forces", "Дискредитация использования вооружённых сил"),
    (
        "Illegal acquisition of special technical means",
        "Незаконное приобретение специальных технических средств",
    ),
    ("Calls for sanctions against the state", "Призывы к введению санкций против государства"),
    (
        "Loss of documents containing a state secret",
        "Утрата документов, содержащих государственную тайну",
    ),
]
CIRCUMSTANCES = [
    ("by a group of persons by prior agreement", "группой лиц по предварительному сговору"),
    ("using an official position", "с использованием служебного положения"),
    (
        "through the mass media or the internet",
        "с использованием средств массовой информации либо сети «Интернет»",
    ),
    ("for mercenary motives", "из корыстных побуждений"),
    ("repeatedly within one year", "неоднократно в течение одного года"),
    (
        "in wartime or in a state of emergency",
        "в военное время либо в условиях чрезвычайного положения",
    ),
    ("by an organised group", "организованной группой"),
    ("on the instructions of a foreign organisation", "по заданию иностранной организации"),
    ("with the use of violence", "с применением насилия"),
    ("causing grave consequences", "повлёкшее тяжкие последствия"),
]
TEMPLATES = [
    (
        "{act} {circ} is punishable under part {part} of this article.",
        "{act} {circ} наказывается согласно части {part} настоящей статьи.",
    ),
    (
        "Liability under part {part} arises where the act is carried out {circ}.",
        "Ответственность по части {part} наступает, если деяние осуществлено {circ}.",
    ),
    (
        "{act} is recognised as an offence under this article if carried out {circ}.",
        "{act} признаётся преступлением по настоящей статье, если осуществлено {circ}.",
    ),
]
FIXED_SENTENCES = [
    (
        "A person who voluntarily ceases the act and informs the authorities is released from "
        "liability if the act contains no other offence.",
        "Лицо, добровольно прекратившее деяние и сообщившее об этом органам власти, освобождается "
        "от ответственности, если в его действиях не содержится иного состава.",
    ),
    (
        "The court may impose an additional penalty where the offence is grave.",
        "Суд вправе назначить дополнительное наказание, если преступление является тяжким.",
    ),
    (
        "Information is recognised as a state secret under the federal law on state secrets.",
        "Сведения признаются государственной тайной в соответствии с федеральным законом.",
    ),
    (
        "The limitation period under this article runs from the day the act ends.",
        "Срок давности по настоящей статье исчисляется со дня окончания деяния.",
    ),
    (
        "An administrative penalty imposed earlier for the same act is taken into account.",
        "Ранее назначенное административное наказание за то же деяние учитывается.",
    ),
    (
        "The provisions of this article do not apply to acts of journalists performing their "
        "professional duties in good faith.",
        "Положения настоящей статьи не применяются к действиям журналистов, добросовестно "
        "исполняющих профессиональные обязанности.",
    ),
    (
        "Property obtained as a result of the offence is subject to confiscation.",
        "Имущество, полученное в результате преступления, подлежит конфискации.",
    ),
    (
        "Proceedings are opened on the report of the competent authority.",
        "Производство возбуждается по сообщению уполномоченного органа.",
    ),
]
COMMON_SENTENCE = (
    f"This article applies within the {COMMON_WORD} of the Russian Federation irrespective of "
    "the citizenship of the offender.",
    "Настоящая статья применяется в пределах юрисдикции Российской Федерации независимо от "
    "гражданства виновного.",
)
RARE_SENTENCE = (
    "The term {word} is used in this article as defined in the annex to this code.",
    "Термин «{word}» используется в настоящей статье в значении, определённом в приложении.",
)
DOMAINS = [
    "Crimes against the foundations of the constitutional order",
    "Crimes against state security",
    "Crimes against public order",
    "Offences against the order of government",
    "Crimes against military service",
    "Offences in the field of information",
]
SYLLABLES = "ka ro vel mi dra sun tor pe li zan ku fe gor bis ne tha vo lun ri sed".split()

# (kind, unit, (low, high) bound of the maximum, weight); termless kinds have no bounds.
MAIN_KINDS = [
    (Kind.IMPRISONMENT, "years", (1, 20), 50),
    (Kind.FINE, "rub", (50_000, 5_000_000), 15),
    (Kind.FORCED_LABOUR, "years", (1, 5), 8),
    (Kind.RESTRICTION_OF_FREEDOM, "years", (1, 4), 7),
    (Kind.COMPULSORY_WORK, "hours", (120, 480), 6),
    (Kind.CORRECTIONAL_LABOUR, "years", (1, 2), 5),
    (Kind.ARREST, "months", (1, 6), 4),
    (Kind.LIFE_IMPRISONMENT, "", None, 4),
    (Kind.DEATH_PENALTY, "", None, 1),
]


def rare_word(index: int) -> str:
    """A made-up word planted in about ARTICLES_PER_RARE_WORD articles (no dictionary has it)."""
    n = len(SYLLABLES)
    return "".join(SYLLABLES[(index // n**k) % n] for k in range(3)) + "quil"


def rare_word_count(articles: int) -> int:
    return max(1, articles // ARTICLES_PER_RARE_WORD)


def default_laws(articles: int) -> int:
    return max(1, -(-articles // ARTICLES_PER_LAW))


def synthetic_laws():
    return Law.objects.filter(origin=Origin.SYNTHETIC)


# --- what one article looks like before it becomes rows ---------------------------------------


@dataclass
class PenaltySpec:
    part: str
    kind: str
    unit: str
    min: int | None
    max: int | None
    role: str = Role.MAIN
    optional: bool = False


@dataclass
class VersionSpec:
    valid_from: date
    valid_to: date | None
    amendment: Amendment | None
    sentences: list[int]
    penalties: list[PenaltySpec]
    id: int | None = None  # reserved when its chunk is written
    penalty_ids: list[int] = field(default_factory=list)


@dataclass
class ArticleSpec:
    article: dict  # an Article row for RowWriter
    topic_ids: list[int]
    versions: list[VersionSpec] = field(default_factory=list)
    stat_years: list[int] = field(default_factory=list)
    # Drawn for a whole chunk after its articles are planned (Generator.draw_details).
    extra_sentences: list[tuple[str, str]] = field(default_factory=list)
    stat_counts: list[int] = field(default_factory=list)
    stat_ids: list[int] = field(default_factory=list)


@dataclass
class LawPlan:
    law: Law
    official: Source
    statistics: Source
    amendments: list[Amendment]  # sorted by in_force_on, all dates distinct
    amendment_sources: dict[int, Source]


class Generator:
    """Builds the corpus in a fixed order from one random.Random, so a seed fixes everything."""

    def __init__(self, articles: int, seed: int, laws: int, progress: Callable[[int], None]):
        self.articles = articles
        self.laws = laws
        self.rng = random.Random(seed)
        self.progress = progress
        self.pool = self.sentence_pool()
        self.topic_ids = list(Topic.objects.order_by("slug").values_list("pk", flat=True))
        self.article_index = 0
        self.counts: dict[str, int] = {}
        models = [Article, Article.topics.through, ArticleVersion, ArticleChange, Penalty]
        self.writers = {model: RowWriter(model) for model in [*models, Citation, ConvictionStat]}

    # --- text --------------------------------------------------------------------------------

    def sentence_pool(self) -> list[tuple[str, str]]:
        """Every template filled every way, then the fixed sentences: parallel (en, ru) pairs."""
        pool = [
            (
                en.format(act=act[0], circ=circ[0], part=part),
                ru.format(act=act[1], circ=circ[1], part=part),
            )
            for en, ru in TEMPLATES
            for act in ACTS
            for circ in CIRCUMSTANCES
            for part in ("1", "2", "3")
        ]
        return pool + FIXED_SENTENCES

    def texts(self, sentences: list[int], extra: list[tuple[str, str]]) -> tuple[str, str]:
        pairs = [self.pool[i] for i in sentences] + extra
        return " ".join(en for en, _ in pairs), " ".join(ru for _, ru in pairs)

    # --- laws, sources, amendments ------------------------------------------------------------

    def count(self, name: str, rows: list) -> list:
        self.counts[name] = self.counts.get(name, 0) + len(rows)
        return rows

    def create(self, model, rows: list) -> list:
        return self.count(model._meta.verbose_name_plural, model.objects.bulk_create(rows, BATCH))

    def ids(self, model, how_many: int) -> list[int]:
        return self.writers[model].reserve_ids(how_many)

    def write(self, model, rows: list[dict]):
        name = model._meta.verbose_name_plural
        self.counts[name] = self.counts.get(name, 0) + self.writers[model].write(rows)

    def make_laws(self) -> list[LawPlan]:
        laws = self.create(
            Law,
            [
                Law(
                    slug=f"{SLUG_PREFIX}code-{k}",
                    short_name=f"Synthetic Code {k}",
                    title_en=f"Synthetic Code {k} (generated benchmark data, not a real law)",
                    title_ru=f"Синтетический кодекс {k} (тестовые данные, не настоящий закон)",
                    number=f"S{k}-FZ",
                    kind=Law.Kind.CODE,
                    adopted_on=LAWS_IN_FORCE - timedelta(days=200),
                    in_force_on=LAWS_IN_FORCE,
                    note="Generated by manage.py generate_corpus for benchmarks.",
                    origin=Origin.SYNTHETIC,
                )
                for k in range(1, self.laws + 1)
            ],
        )
        return [self.plan_law(law, k) for k, law in enumerate(laws, start=1)]

    def plan_law(self, law: Law, k: int) -> LawPlan:
        in_law = self.articles_in_law(k - 1)
        wanted = max(5, round(in_law * 2 / CHANGES_PER_AMENDMENT))
        span = (AMENDMENTS_TO - AMENDMENTS_FROM).days
        days = sorted(self.rng.sample(range(span), min(wanted, span)))
        amendments = self.create(
            Amendment,
            [self.amendment(k, j, AMENDMENTS_FROM + timedelta(days=d)) for j, d in enumerate(days)],
        )
        sources = self.create(
            Source,
            [
                self.source(
                    f"code-{k}-official", f"Synthetic Code {k}: official text", "official_text"
                ),
                self.source(
                    f"code-{k}-statistics", f"Synthetic Code {k}: court statistics", "statistics"
                ),
                *[
                    self.source(f"code-{k}-{a.slug}", f"Amending law {a.number}", "official_text")
                    for a in amendments
                ],
            ],
        )
        return LawPlan(
            law=law,
            official=sources[0],
            statistics=sources[1],
            amendments=amendments,
            amendment_sources={a.pk: s for a, s in zip(amendments, sources[2:], strict=True)},
        )

    def amendment(self, law_k: int, j: int, in_force: date) -> Amendment:
        act, circ = self.rng.choice(ACTS), self.rng.choice(CIRCUMSTANCES)
        number = f"S{law_k}-{j + 1}-FZ"
        return Amendment(
            slug=f"{SLUG_PREFIX}{law_k}-{j + 1}-{in_force.year}",
            number=number,
            title_en=f"Synthetic amending law {number} on liability for {act[0].lower()} {circ[0]}",
            title_ru=f"Синтетический закон {number} об ответственности: {act[1].lower()}",
            signed_on=in_force - timedelta(days=10),
            in_force_on=in_force,
            summary=f"Generated amendment: changes penalties for {act[0].lower()}.",
            applied_at=datetime(in_force.year, in_force.month, in_force.day, tzinfo=UTC),
        )

    def source(self, key: str, title: str, kind: str) -> Source:
        return Source(
            slug=f"{SLUG_PREFIX}{key}"[:100],
            title=f"{title} (synthetic)",
            publisher="Synthetic Publisher (benchmark data)",
            kind=kind,
            language="ru",
            archived_text=f"{title}. Generated text for benchmarks; it states nothing real.",
        )

    # --- articles ----------------------------------------------------------------------------

    def articles_in_law(self, index: int) -> int:
        share, rest = divmod(self.articles, self.laws)
        return share + (1 if index < rest else 0)

    def numbers(self, how_many: int):
        """'1', '2', '2.1', '3', …: natural numbers, some followed by dotted insertions."""
        base, made = 0, 0
        while made < how_many:
            base += 1
            yield str(base)
            made += 1
            if self.rng.random() < 0.2:
                for sub in range(1, self.rng.randint(1, 2) + 1):
                    if made < how_many:
                        yield f"{base}.{sub}"
                        made += 1

    def plan_article(self, plan: LawPlan, number: str, position: int) -> ArticleSpec:
        act_en, act_ru = self.rng.choice(ACTS)
        circ_en, circ_ru = self.rng.choice(CIRCUMSTANCES)
        chapter = position // ARTICLES_PER_CHAPTER + 1
        article = {
            "law_id": plan.law.pk,
            "number": number,
            "sort_key": natural_sort_key(number),
            "chapter": f"Chapter {chapter}. {DOMAINS[chapter % len(DOMAINS)]}",
            "title_en": f"{act_en} {circ_en}",
            "title_ru": f"{act_ru} {circ_ru}",
            "origin": Origin.SYNTHETIC,
        }
        topics = self.rng.sample(self.topic_ids, min(len(self.topic_ids), self.rng.randint(1, 2)))
        spec = ArticleSpec(article, topics)
        spec.versions = self.plan_versions(plan)
        if self.rng.random() < 0.3:
            spec.stat_years = sorted(self.rng.sample(list(STAT_YEARS), 3))
        return spec

    def plan_versions(self, plan: LawPlan) -> list[VersionSpec]:
        later = min(self.rng.choice((0, 1, 2, 2, 2, 3, 4)), len(plan.amendments))
        amendments = [
            plan.amendments[i] for i in sorted(self.rng.sample(range(len(plan.amendments)), later))
        ]
        starts = [LAWS_IN_FORCE] + [a.in_force_on for a in amendments]
        sentences = self.rng.sample(range(len(self.pool)), SENTENCES_PER_VERSION)
        penalties = self.first_penalties()
        versions = []
        for i, start in enumerate(starts):
            if i:  # an amendment rewrites a sentence and makes the penalties harsher
                sentences = sentences.copy()
                sentences[self.rng.randrange(len(sentences))] = self.rng.randrange(len(self.pool))
                penalties = self.harsher(penalties)
            end = starts[i + 1] - timedelta(days=1) if i + 1 < len(starts) else None
            amendment = amendments[i - 1] if i else None
            versions.append(VersionSpec(start, end, amendment, sentences, penalties))
        return versions

    def first_penalties(self) -> list[PenaltySpec]:
        penalties = []
        for part in ("1", "2")[: self.rng.choice((1, 2, 2, 2))]:
            kind, unit, bounds, _ = self.rng.choices(MAIN_KINDS, [k[3] for k in MAIN_KINDS])[0]
            if bounds is None:
                penalties.append(PenaltySpec(part, kind, unit, None, None))
                continue
            high = self.rng.randint(*bounds)
            low = self.rng.choice((None, max(bounds[0], high // 4)))
            penalties.append(PenaltySpec(part, kind, unit, low, high))
            if kind == Kind.IMPRISONMENT and self.rng.random() < 0.3:
                years = self.rng.randint(1, 10)
                penalties.append(
                    PenaltySpec(
                        part, Kind.DEPRIVATION_OF_RIGHT, "years", None, years, Role.ADDITIONAL, True
                    )
                )
        return penalties

    def harsher(self, penalties: list[PenaltySpec]) -> list[PenaltySpec]:
        raised = []
        for p in penalties:
            if p.max is not None and p.role == Role.MAIN:
                step = max(1, p.max // 5)
                p = PenaltySpec(
                    p.part, p.kind, p.unit, p.min, p.max + self.rng.randint(0, 2) * step
                )
            raised.append(p)
        return raised

    # --- rows --------------------------------------------------------------------------------

    def run(self):
        plans = self.make_laws()
        for plan, specs in self.planned_chunks(plans):
            self.reserve_ids(specs)
            self.write_chunk(plan, specs)
            self.progress(len(specs))
        self.cite_amendments(plans)
        return self.counts

    def planned_chunks(self, plans: list[LawPlan]):
        for index, plan in enumerate(plans):
            numbers = list(self.numbers(self.articles_in_law(index)))
            for start in range(0, len(numbers), CHUNK):
                chunk = numbers[start : start + CHUNK]
                specs = [self.plan_article(plan, n, start + i) for i, n in enumerate(chunk)]
                self.draw_details(specs)
                yield plan, specs

    def draw_details(self, specs: list[ArticleSpec]):
        """The last random draws of a chunk, in a fixed order: the sentences every version of
        an article shares, then the conviction counts."""
        for spec in specs:
            word = self.next_rare_word()
            spec.extra_sentences = [
                (RARE_SENTENCE[0].format(word=word), RARE_SENTENCE[1].format(word=word))
            ]
            if self.rng.random() < COMMON_SHARE:
                spec.extra_sentences.insert(0, COMMON_SENTENCE)
        for spec in specs:
            spec.stat_counts = [self.rng.randint(0, 60) for _ in spec.stat_years]

    def reserve_ids(self, specs: list[ArticleSpec]):
        """Every id the chunk's rows point at, reserved before any of them is written."""
        for spec, article_id in zip(specs, self.ids(Article, len(specs)), strict=True):
            spec.article["id"] = article_id
        versions = [(spec, v) for spec in specs for v in spec.versions]
        version_ids = self.ids(ArticleVersion, len(versions))
        penalties = [(v, p) for _, v in versions for p in v.penalties]
        penalty_ids = iter(self.ids(Penalty, len(penalties)))
        for (_, v), version_id in zip(versions, version_ids, strict=True):
            v.id = version_id
            v.penalty_ids = [next(penalty_ids) for _ in v.penalties]
        stat_ids = iter(self.ids(ConvictionStat, sum(len(s.stat_years) for s in specs)))
        for spec in specs:
            spec.stat_ids = [next(stat_ids) for _ in spec.stat_years]

    def write_chunk(self, plan: LawPlan, specs: list[ArticleSpec]):
        """Parents before children, every row with the ids reserved for it."""
        for spec in specs:
            spec.article.update(article_figures(spec.versions, self.version_certainty))
        self.write(Article, [spec.article for spec in specs])
        self.write(
            Article.topics.through,
            [{"article_id": s.article["id"], "topic_id": t} for s in specs for t in s.topic_ids],
        )
        version_rows = self.version_rows(specs)
        self.write_changes(specs)
        self.write_penalties(plan, version_rows)
        self.write_statistics(plan, specs)

    @property
    def version_certainty(self) -> str:
        return self.writers[ArticleVersion].defaults["certainty"]

    def version_rows(self, specs: list[ArticleSpec]) -> list[tuple[dict, VersionSpec]]:
        pairs = []
        for spec in specs:
            for v in spec.versions:
                text_en, text_ru = self.texts(v.sentences, spec.extra_sentences)
                row = dict(
                    id=v.id,
                    article_id=spec.article["id"],
                    valid_from=v.valid_from,
                    valid_to=v.valid_to,
                    text_en=text_en,
                    text_ru=text_ru,
                    introduced_by_id=v.amendment.pk if v.amendment else None,
                    **version_figures(v.penalties),
                )
                pairs.append((row, v))
        self.write(ArticleVersion, [row for row, _ in pairs])
        return pairs

    def next_rare_word(self) -> str:
        """Article i of the corpus gets rare word i mod count, so each word lands ~5 times."""
        word = rare_word(self.article_index % rare_word_count(self.articles))
        self.article_index += 1
        return word

    def write_changes(self, specs: list[ArticleSpec]):
        rows = []
        for spec in specs:
            for before, v in zip(spec.versions, spec.versions[1:], strict=False):
                # The effect amendment_apply would store: the planned penalties before and after.
                effect = compare_penalties(before.penalties, v.penalties)
                rows.append(
                    {
                        "amendment_id": v.amendment.pk,
                        "article_id": spec.article["id"],
                        "action": ArticleChange.Action.AMENDED,
                        "parts": ", ".join(sorted({p.part for p in v.penalties})),
                        "description": "Rewrote a paragraph and raised the maximum penalties.",
                        "effect": effect.label,
                        "effect_reasons": effect.reasons,
                    }
                )
        self.write(ArticleChange, rows)

    def write_penalties(self, plan: LawPlan, versions: list[tuple[dict, VersionSpec]]):
        rows, citations = [], []
        for version, v in versions:
            source = plan.amendment_sources[v.amendment.pk] if v.amendment else plan.official
            citations.append(
                {"source_id": source.pk, "version_id": v.id, "quote": version["text_ru"][:200]}
            )
            for p, penalty_id in zip(v.penalties, v.penalty_ids, strict=True):
                rows.append(
                    {
                        "id": penalty_id,
                        "version_id": v.id,
                        "part": p.part,
                        "kind": p.kind,
                        "role": p.role,
                        "optional": p.optional,
                        "min": p.min,
                        "max": p.max,
                        "unit": p.unit,
                    }
                )
                citations.append(
                    {"source_id": source.pk, "penalty_id": penalty_id, "quote": penalty_quote(p)}
                )
        self.write(Penalty, rows)
        self.write(Citation, citations)

    def write_statistics(self, plan: LawPlan, specs: list[ArticleSpec]):
        stats = [
            {
                "id": stat_id,
                "article_id": spec.article["id"],
                "year": year,
                "count": count,
                "counted_by": COUNTED_BY,
                "note": "Generated figure; not a real count.",
            }
            for spec in specs
            for year, count, stat_id in zip(
                spec.stat_years, spec.stat_counts, spec.stat_ids, strict=True
            )
        ]
        self.write(ConvictionStat, stats)
        numbers = {spec.article["id"]: spec.article["number"] for spec in specs}
        self.write(
            Citation,
            [
                {
                    "source_id": plan.statistics.pk,
                    "statistic_id": stat["id"],
                    "quote": (
                        f"Осуждено по ст. {numbers[stat['article_id']]} "
                        f"в {stat['year']} году: {stat['count']}"
                    ),
                }
                for stat in stats
            ],
        )

    def cite_amendments(self, plans: list[LawPlan]):
        self.create(
            Citation,
            [
                Citation(source=plan.amendment_sources[a.pk], amendment=a, quote=a.title_ru)
                for plan in plans
                for a in plan.amendments
            ],
        )


def version_figures(penalties: list[PenaltySpec]) -> dict:
    """What derived.REFRESH_VERSION_FIGURES and REFRESH_VERSION_KINDS store for a version with
    these penalties: the highest main prison term in months, whether a main penalty is life
    imprisonment, and the kinds of penalty as bits."""
    return {
        "max_prison_months": highest_main_prison_months(penalties),
        "life_imprisonment": any(
            p.role == Role.MAIN and p.kind == Kind.LIFE_IMPRISONMENT for p in penalties
        ),
        "penalty_kinds": sum({PENALTY_KIND_BITS.get(p.kind, 0) for p in penalties}),
    }


def article_figures(versions: list[VersionSpec], certainty: str) -> dict:
    """What REFRESH_ARTICLE_FIGURES and REFRESH_ARTICLE_KINDS store on an article: its open
    version, that version's figures, and when an amendment last changed it."""
    current = next(v for v in versions if v.valid_to is None)
    figures = version_figures(current.penalties)
    amended = [v.amendment.in_force_on for v in versions if v.amendment is not None]
    return {
        "current_version_id": current.id,
        "current_max_prison_months": figures["max_prison_months"],
        "current_life_imprisonment": figures["life_imprisonment"],
        "current_penalty_kinds": figures["penalty_kinds"],
        "current_certainty": certainty,
        "last_amended": max(amended, default=None),
    }


def penalty_quote(penalty: PenaltySpec) -> str:
    phrase = SANCTION_PHRASES_RU[penalty.kind]
    if penalty.max is None:
        return f"ч. {penalty.part}: наказывается {phrase}"
    return f"ч. {penalty.part}: наказывается {phrase} до {penalty.max} ({penalty.unit})"


# --- replacing and the entry point --------------------------------------------------------------


def delete_synthetic():
    """Delete the synthetic laws and everything under them, children first.

    Raw deletes: the ORM's cascade would load every row and write a history record for each.
    """
    laws = synthetic_laws()
    articles = Article.objects.filter(law__in=laws)
    versions = ArticleVersion.objects.filter(article__in=articles)
    amendments = Amendment.objects.filter(slug__startswith=SLUG_PREFIX)
    sources = Source.objects.filter(slug__startswith=SLUG_PREFIX)
    stats = ConvictionStat.objects.filter(article__in=articles)
    targets = (
        Q(source__in=sources)
        | Q(law__in=laws)
        | Q(article__in=articles)
        | Q(version__in=versions)
        | Q(penalty__version__in=versions)
        | Q(amendment__in=amendments)
        | Q(statistic__in=stats)
    )
    ordered = [
        Citation.objects.filter(targets),
        ConvictionStat.group_articles.through.objects.filter(article__in=articles),
        stats,
        ChangedPenalty.objects.filter(change__article__in=articles),
        ArticleChange.objects.filter(Q(article__in=articles) | Q(amendment__in=amendments)),
        Penalty.objects.filter(version__in=versions),
        versions,
        OfficialText.objects.filter(article__in=articles),
        Article.topics.through.objects.filter(article__in=articles),
        articles,
        amendments,
        sources,
        laws,
    ]
    for queryset in ordered:
        queryset._raw_delete(queryset.db)
    if connection.vendor == "sqlite":
        # PostgreSQL's index rows go by a foreign-key cascade; SQLite's FTS5 rows have none.
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM provisions_version_search "
                "WHERE rowid NOT IN (SELECT id FROM provisions_articleversion)"
            )


SYNTHETIC_VERSIONS_SQL = (
    "SELECT v.id FROM provisions_articleversion v "
    "JOIN provisions_article a ON a.id = v.article_id WHERE a.origin = 'synthetic'"
)


def generate(
    *,
    articles: int,
    seed: int,
    laws: int | None = None,
    replace: bool = False,
    progress: Callable[[int], None] = lambda n: None,
) -> dict[str, int]:
    """Write the corpus in one transaction; returns how many rows of each kind were written."""
    laws = laws or default_laws(articles)
    with transaction.atomic():
        with search_triggers_suspended():
            if replace:
                delete_synthetic()
            counts = Generator(articles, seed, laws, progress).run()
        rebuild_search_index(SYNTHETIC_VERSIONS_SQL, figures_stored=True)
    analyze()
    return counts
