"""The words the synthetic texts are made of: parallel English and Russian phrases, and the
words planted for the benchmark's searches (COMMON_WORD in about 80% of the articles,
`rare_word(i)` in about ARTICLES_PER_RARE_WORD of them)."""

COMMON_WORD = "jurisdiction"
ARTICLES_PER_RARE_WORD = 5

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


def rare_word(index: int) -> str:
    """A made-up word planted in about ARTICLES_PER_RARE_WORD articles (no dictionary has it)."""
    n = len(SYLLABLES)
    return "".join(SYLLABLES[(index // n**k) % n] for k in range(3)) + "quil"


def rare_word_count(articles: int) -> int:
    return max(1, articles // ARTICLES_PER_RARE_WORD)
