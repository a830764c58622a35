"""Citations as lawyers write them: one grammar for the search box, the list's `q`, the API
and the compare form.

`parse_citation("ч. 1 ст. 275.1 УК РФ")` -> Citation(laws=("criminal-code",), number="275.1",
part="1"); None when the text is not only a citation. Read:

- the article: "ст. 275.1", "ст 275", "статья 275", "статьи 275", "Art. 276", "article 276",
  or a bare number; dotted numbers also as superscripts ("275¹", "207³", "275<sup>1</sup>");
- its part and point, before or after it: "ч. 1", "ч.1", "часть 2", "части 2", "п. «а»",
  "пункт а", "part 2", "para a";
- the law, before or after: every code's usual abbreviation (УК, УК РФ, КоАП, УПК, ГК, ТК, НК,
  …), its Russian name in any case ("Уголовного кодекса РФ") and its English name
  ("Criminal Code", "CC RF"). A law the database does not hold is still recognised, so the
  page can say it is not held instead of finding nothing.

The codes and their abbreviations are the ones in general use (e.g. the reference lists of
ConsultantPlus and Garant); the slugs are those of the pravo importer's LAWS.
"""

import re
from dataclasses import dataclass, field

MAX_CITATION_LENGTH = 200
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@dataclass(frozen=True)
class Code:
    """A law citations name: the slugs it is held under (several for a code in parts)."""

    slugs: tuple[str, ...]
    name: str  # English, for "We hold no article … of the Criminal Code"
    patterns: tuple[str, ...]  # regular expressions over the normalised law words


# Russian names are matched by word stems, so every case form ("Уголовного кодекса") reads.
RF = r"(?: (?:рф|российской федерации|rf|of the russian federation|of russia))?"
CODES = (
    Code(
        ("criminal-code",),
        "the Criminal Code",
        (r"ук", r"уголовн\w* кодекс\w*", r"cc", r"uk", r"criminal code", r"crim code"),
    ),
    Code(
        ("administrative-code",),
        "the Code of Administrative Offences",
        (
            r"коап",
            r"кодекс\w* (?:рф |российской федерации )?об административных правонарушениях",
            r"koap",
            r"coao",
            r"cao",
            r"code of administrative offences",
            r"administrative offences code",
            r"administrative code",
        ),
    ),
    Code(
        ("criminal-procedure-code",),
        "the Code of Criminal Procedure",
        (
            r"упк",
            r"уголовно процессуальн\w* кодекс\w*",
            r"ccp",
            r"upk",
            r"code of criminal procedure",
            r"criminal procedure code",
        ),
    ),
    Code(
        ("penal-enforcement-code",),
        "the Penal Enforcement Code",
        (r"уик", r"уголовно исполнительн\w* кодекс\w*", r"penal enforcement code"),
    ),
    Code(
        ("civil-code-1", "civil-code-2", "civil-code-3", "civil-code-4"),
        "the Civil Code",
        (r"гк", r"гражданск\w* кодекс\w*", r"civil code", r"gk"),
    ),
    Code(
        ("civil-procedure-code",),
        "the Civil Procedure Code",
        (r"гпк", r"гражданск\w* процессуальн\w* кодекс\w*", r"civil procedure code", r"gpk"),
    ),
    Code(
        ("arbitration-procedure-code",),
        "the Arbitration Procedure Code",
        (r"апк", r"арбитражн\w* процессуальн\w* кодекс\w*", r"arbitration procedure code"),
    ),
    Code(
        ("administrative-court-procedure-code",),
        "the Code of Administrative Court Procedure",
        (
            r"кас",
            r"кодекс\w* административного судопроизводства",
            r"code of administrative court procedure",
        ),
    ),
    Code(
        ("labour-code",),
        "the Labour Code",
        (r"тк", r"трудов\w* кодекс\w*", r"labour code", r"labor code"),
    ),
    Code(
        ("tax-code-1", "tax-code-1-2020"),
        "the Tax Code",
        (r"нк", r"налогов\w* кодекс\w*", r"tax code"),
    ),
    Code(("budget-code",), "the Budget Code", (r"бк", r"бюджетн\w* кодекс\w*", r"budget code")),
    Code(("family-code",), "the Family Code", (r"ск", r"семейн\w* кодекс\w*", r"family code")),
    Code(("land-code",), "the Land Code", (r"зк", r"земельн\w* кодекс\w*", r"land code")),
    Code(("housing-code",), "the Housing Code", (r"жк", r"жилищн\w* кодекс\w*", r"housing code")),
    Code(
        ("town-planning-code",),
        "the Town-Planning Code",
        (r"грк", r"градостроительн\w* кодекс\w*", r"town planning code"),
    ),
    Code(("water-code",), "the Water Code", (r"вк", r"водн\w* кодекс\w*", r"water code")),
    Code(("forest-code",), "the Forest Code", (r"лк", r"лесн\w* кодекс\w*", r"forest code")),
    Code(("air-code",), "the Air Code", (r"взк", r"воздушн\w* кодекс\w*", r"air code")),
    Code(
        ("merchant-shipping-code",),
        "the Merchant Shipping Code",
        (r"ктм", r"кодекс\w* торгового мореплавания", r"merchant shipping code"),
    ),
    Code(
        ("inland-water-transport-code",),
        "the Inland Water Transport Code",
        (r"кввт", r"кодекс\w* внутреннего водного транспорта", r"inland water transport code"),
    ),
    Code(
        ("constitution",),
        "the Constitution",
        (r"конституци\w*", r"constitution"),
    ),
    # Named by lawyers, not held here: recognised so the page can say so.
    Code(
        ("eaeu-customs-code",),
        "the Customs Code of the Eurasian Economic Union",
        (
            r"тк еаэс",
            r"таможенн\w* кодекс\w* еаэс",
            r"eaeu customs code",
            r"customs code of the eaeu",
        ),
    ),
    Code(
        ("criminal-code-rsfsr",),
        "the Criminal Code of the RSFSR",
        (r"ук рсфср", r"уголовн\w* кодекс\w* рсфср", r"rsfsr criminal code"),
    ),
    Code(
        ("administrative-code-rsfsr",),
        "the Code of Administrative Offences of the RSFSR",
        (r"коап рсфср", r"rsfsr administrative code"),
    ),
)
LAW_RES = [(code, re.compile(rf"(?:{'|'.join(code.patterns)}){RF}")) for code in CODES]


@dataclass(frozen=True)
class Citation:
    number: str  # "275.1"
    code: Code | None = None  # None: no law named
    part: str = ""  # "1"
    point: str = ""  # "а"
    rest: tuple[str, ...] = field(default=(), compare=False)

    @property
    def laws(self) -> tuple[str, ...]:
        return self.code.slugs if self.code else ()

    @property
    def anchor(self) -> str:
        """The fragment of the part on the article page: "part-1", or ""."""
        return f"part-{self.part}" if self.part else ""

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "part": self.part or None,
            "point": self.point or None,
            "law": self.code.name if self.code else None,
            "laws": list(self.laws),
        }


NUMBER = r"\d{1,4}(?:\.\d{1,4}){0,3}"
ARTICLE_RE = re.compile(
    rf"(?:\b(?:ст|стат\w*|art|arts|article|articles|section|sec)\b\.?\s*(?:№\s*)?({NUMBER})"
    rf"|(?<![\w.])({NUMBER})(?![\w]|\.\d))\.?"
)
PART_RE = re.compile(r"\b(?:ч|част[ьиюя]|чч|part|pt)\b\.?\s*(\d{1,3}(?:\.\d{1,3})?)(?!\.?\d)")
POINT_RE = re.compile(
    r"\b(?:п|пп|пункт\w*|point|item|para|paragraph|subparagraph)\b\.?\s*[«\"'„“(]?\s*([а-яё]|[a-z]|\d{1,3})"
    r"\s*[»\"'”)]?(?![\wа-яё])"
)
FILLER_RE = re.compile(r"\b(?:of|the|in|of the|из|в|по)\b")


def normalise(text: str) -> str:
    """Lower case; superscript numbers as dotted ones; punctuation but dots and quotes gone."""
    text = text[:MAX_CITATION_LENGTH]
    text = re.sub(r"<sup>\s*(\d+)\s*</sup>", r".\1", text, flags=re.IGNORECASE)
    text = re.sub(r"(\d)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda m: m[1] + "." + m[2].translate(SUPERSCRIPTS), text)
    text = text.lower().replace("ё", "е").replace("\u00a0", " ")
    text = re.sub(r"[,;:()\[\]/\\-]", " ", text)
    return " ".join(text.split())


def law_of(words: str) -> Code | None:
    words = " ".join(re.sub(r"[.«»\"']", " ", words).split())
    for code, pattern in LAW_RES:
        if pattern.fullmatch(words):
            return code
    return None


def parse_citation(text: str) -> Citation | None:
    """The citation `text` is, or None when it is anything else (or names no article).

    A number alone is a citation of no particular law ("275.1"); words that are neither a
    part, a point, an article nor a law make the text a search instead.
    """
    text = normalise(text or "")
    if not text:
        return None
    part = point = ""
    found = PART_RE.search(text)
    if found:
        part, text = found[1], text[: found.start()] + " " + text[found.end() :]
    found = POINT_RE.search(text)
    if found:
        point, text = found[1], text[: found.start()] + " " + text[found.end() :]
    matches = list(ARTICLE_RE.finditer(text))
    if len(matches) != 1:
        return None
    found = matches[0]
    number = found[1] or found[2]
    rest = (text[: found.start()] + " " + text[found.end() :]).strip(" .")
    rest = " ".join(FILLER_RE.sub(" ", rest).split())
    code = None
    if rest:
        code = law_of(rest)
        if code is None:
            return None
    if not found[1] and not code and (part or point):
        return None  # "ч. 2 275" reads, but a lone number with a part is too odd to guess
    return Citation(number=number, code=code, part=part, point=point)


def parse_citation_list(text: str, default: Code | None = None) -> list[Citation] | None:
    """ "275, 276, 280.4" or "УК 275; КоАП 20.3.3": one citation per comma or semicolon; the
    law named last carries on to the bare numbers after it, else `default`. None when a
    piece is not a citation."""
    citations = []
    law = default
    for piece in re.split(r"[,;]|\bи\b|\band\b", text or ""):
        if not piece.strip():
            continue
        found = parse_citation(piece)
        if found is None:
            return None
        if found.code is None and law is not None:
            found = Citation(found.number, law, found.part, found.point)
        law = found.code or law
        citations.append(found)
    return citations


# "ст. 275, 276", "275 и 276", "ст. ст. 275, 276 УК РФ": several citations, one per piece.
LIST_SEPARATOR_RE = re.compile(r"[,;]|\s(?:и|and|&)\s", re.IGNORECASE)
MANY_ARTICLES_RE = re.compile(r"^\s*(?:ст\.?\s*ст\b\.?|стать(?:и|ей|ями|ях)\b|arts?\b\.?)", re.I)
RANGE_RE = re.compile(r"\d\s*[-–—]\s*\d")
ROW_NUMBER_RE = re.compile(r"^[1-9]\d{0,3}(?:\.\d{1,4}){0,3}$")  # "000" is no article's number


def parse_citations(text: str) -> list[Citation] | None:
    """The citations `text` is, in the order written (one or more), or None when it is
    anything else. Several citations: "275 276", "275, 276", "275 и 276", "ст. 275, 276 УК",
    "ст. ст. 275 и 276 УК РФ", "ст. 275 УК, 20.3.3 КоАП". A citation that names no law takes
    the law of the next one that does ("ст. 275, 276 УК": both of the Criminal Code, as
    lawyers write a list), else of the last one before it ("УК 275, 276"); repeats are
    dropped. A range ("275-280") is not read: which articles lie between is not told by the
    text."""
    text = " ".join((text or "")[:MAX_CITATION_LENGTH].split())
    single = parse_citation(text)
    if single is not None:
        return [single]
    if not text or RANGE_RE.search(text):
        return None
    text = MANY_ARTICLES_RE.sub("ст. ", text)
    found: list[Citation] = []
    for piece in LIST_SEPARATOR_RE.split(text):
        if not piece.strip(" ."):
            continue
        citation = parse_citation(piece)
        row = [citation] if citation else numbers_in_a_row(piece)
        if row is None:
            return None
        found.extend(row)
    if len(found) < 2:
        return None
    named = [c.code for c in found]
    resolved = []
    for i, citation in enumerate(found):
        if citation.code is None:
            after = next((code for code in named[i + 1 :] if code), None)
            before = next((code for code in reversed(named[:i]) if code), None)
            if after or before:
                citation = Citation(citation.number, after or before, citation.part, citation.point)
        if citation not in resolved:
            resolved.append(citation)
    return resolved


def numbers_in_a_row(piece: str) -> list[Citation] | None:
    """ "275 276", "ст. 275 276 УК": article numbers side by side, with at most one law named
    before or after them all; None for anything else (words, parts, a zero-led number)."""
    words = normalise(piece).replace("ст.", "ст ").split()
    if words[:1] in (["ст"], ["ст."]):
        words = words[1:]
    numbers = [i for i, word in enumerate(words) if ROW_NUMBER_RE.match(word.rstrip("."))]
    if len(numbers) < 2 or numbers != list(range(numbers[0], numbers[-1] + 1)):
        return None
    law_words = " ".join(words[: numbers[0]] + words[numbers[-1] + 1 :])
    code = law_of(law_words) if law_words else None
    if law_words and code is None:
        return None
    return [Citation(number=words[i].rstrip("."), code=code) for i in numbers]


CRIMINAL_CODE = CODES[0]
AMENDMENT_RE = re.compile(
    r"^\s*(?:(?:федеральн\w+ закон\w*|federal law|фз|law)\s*)?(?:№|no\.?|n)?\s*"
    r"(\d{1,4})\s*[-‐–]?\s*(?:фз|fz|ф\.з\.)\s*$",
    re.IGNORECASE,
)


def amendment_number(text: str) -> str | None:
    """'260-ФЗ', '260-FZ', '№ 260-ФЗ', 'Федеральный закон 260-ФЗ' -> '260-FZ' (the form the
    amendments hold); None for anything else."""
    found = AMENDMENT_RE.match((text or "")[:MAX_CITATION_LENGTH])
    return f"{found[1]}-FZ" if found else None
