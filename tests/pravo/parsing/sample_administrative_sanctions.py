"""Hand-checked penalties for 50 sanctioned parts of КоАП (ConsultantPlus text current to
08.08.2024, ../shared/data/koap/koap_2024-08-08_consultant.txt).

Each entry maps (article, part) to what the sanction of that part says, read by hand from the
text, not produced by the parser: whether every word of it can be read into the data
contract, every penalty it names as (subject, kind, min, max, unit, role, optional), and the
items that cannot be read as (subject, kind). Part "" is an article without numbered parts.

Reading conventions, each from the text's grammar (see pravo/parsing/administrative_sanctions):
- The subject is the group's ("на граждан …; на должностных лиц - …"); a penalty named before
  the first subject, or in a sanction naming none, has subject "" (none named).
- "от A до B" is (A, B); "до B" is (None, B); a fixed "в размере A рублей" or "сроком на A"
  is (A, A); "от шести месяцев до трех лет" is counted in months (6, 36).
- "с конфискацией …", "с административным выдворением …", "с наложением административного
  запрета …" are additional, optional with "или/либо без таковой"; a noun joined by "и" to a
  fine is additional and not optional.
- A fine computed as a multiple or a share of a sum is an unread item, never a rouble figure;
  so is every penalty of a subject outside the vocabulary ("на водителя").
"""

CIT, OFF, LEG, ENT, ANY = "citizen", "official", "legal_entity", "entrepreneur", ""
RUB, H, D, M, Y = "rub", "hours", "days", "months", "years"
MAIN, ADD = "main", "additional"
FINE, CW, ARREST = "fine", "compulsory_work", "arrest"
WARN, CONF, EXP = "warning", "confiscation", "expulsion"
DISQ, SUSP, RIGHT, BAN = (
    "disqualification",
    "suspension_of_activity",
    "deprivation_of_special_right",
    "sports_event_ban",
)


def fine(subject, low, high):
    return (subject, FINE, low, high, RUB, MAIN, False)


def term(subject, kind, low, high, unit):
    return (subject, kind, low, high, unit, MAIN, False)


def extra(subject, kind, optional, low=None, high=None, unit=""):
    return (subject, kind, low, high, unit, ADD, optional)


# (article, part) -> (complete, penalties, unread items)
SAMPLE = {
    # 20.2: the rules of public events
    ("20.2", "1"): (
        True,
        [
            fine(CIT, 10_000, 20_000),
            term(CIT, CW, None, 40, H),
            fine(OFF, 15_000, 30_000),
            fine(LEG, 50_000, 100_000),
        ],
        [],
    ),
    ("20.2", "1.1"): (
        True,
        [
            fine(CIT, 30_000, 50_000),
            term(CIT, CW, 20, 100, H),
            term(CIT, ARREST, None, 15, D),
            fine(OFF, 50_000, 100_000),
            fine(LEG, 250_000, 500_000),
        ],
        [],
    ),
    ("20.2", "2"): (
        True,
        [
            fine(CIT, 20_000, 30_000),
            term(CIT, CW, None, 50, H),
            term(CIT, ARREST, None, 10, D),
            fine(OFF, 20_000, 40_000),
            fine(LEG, 70_000, 200_000),
        ],
        [],
    ),
    ("20.2", "3"): (
        True,
        [
            fine(CIT, 30_000, 50_000),
            term(CIT, CW, None, 100, H),
            term(CIT, ARREST, None, 15, D),
            fine(OFF, 50_000, 100_000),
            fine(LEG, 250_000, 500_000),
        ],
        [],
    ),
    ("20.2", "4"): (
        True,
        [
            fine(CIT, 100_000, 300_000),
            term(CIT, CW, None, 200, H),
            term(CIT, ARREST, None, 20, D),
            fine(OFF, 200_000, 600_000),
            fine(LEG, 400_000, 1_000_000),
        ],
        [],
    ),
    ("20.2", "5"): (True, [fine(ANY, 10_000, 20_000), term(ANY, CW, None, 40, H)], []),
    ("20.2", "6"): (
        True,
        [fine(ANY, 150_000, 300_000), term(ANY, CW, None, 200, H), term(ANY, ARREST, None, 15, D)],
        [],
    ),
    ("20.2", "6.1"): (
        True,
        [
            fine(CIT, 10_000, 20_000),
            term(CIT, CW, None, 100, H),
            term(CIT, ARREST, None, 15, D),
            fine(OFF, 50_000, 100_000),
            fine(LEG, 200_000, 300_000),
        ],
        [],
    ),
    ("20.2", "6.2"): (True, [fine(ANY, 20_000, 30_000)], []),
    ("20.2", "7"): (
        True,
        [
            fine(ANY, 150_000, 300_000),
            term(ANY, ARREST, None, 15, D),
            fine(OFF, 200_000, 600_000),
            fine(LEG, 500_000, 1_000_000),
        ],
        [],
    ),
    ("20.2", "8"): (
        True,
        [
            fine(CIT, 150_000, 300_000),
            term(CIT, CW, 40, 200, H),
            term(CIT, ARREST, None, 30, D),
            fine(OFF, 200_000, 600_000),
            fine(LEG, 500_000, 1_000_000),
        ],
        [],
    ),
    ("20.2", "9"): (
        True,
        [fine(CIT, 10_000, 20_000), fine(OFF, 20_000, 40_000), fine(LEG, 70_000, 200_000)],
        [],
    ),
    ("20.2", "10"): (
        True,
        [fine(CIT, 10_000, 15_000), fine(OFF, 15_000, 30_000), fine(LEG, 50_000, 100_000)],
        [],
    ),
    # 20.2.2: mass presence in public places
    ("20.2.2", "1"): (
        True,
        [
            fine(CIT, 10_000, 20_000),
            term(CIT, CW, None, 100, H),
            term(CIT, ARREST, None, 15, D),
            fine(OFF, 50_000, 100_000),
            fine(LEG, 250_000, 500_000),
        ],
        [],
    ),
    ("20.2.2", "2"): (
        True,
        [
            fine(CIT, 150_000, 300_000),
            term(CIT, CW, None, 200, H),
            term(CIT, ARREST, None, 20, D),
            fine(OFF, 300_000, 600_000),
            fine(LEG, 500_000, 1_000_000),
        ],
        [],
    ),
    ("20.2.2", "3"): (
        True,
        [
            fine(CIT, 150_000, 300_000),
            term(CIT, CW, None, 200, H),
            term(CIT, ARREST, None, 20, D),
            fine(OFF, 300_000, 600_000),
            fine(LEG, 500_000, 1_000_000),
        ],
        [],
    ),
    ("20.2.2", "4"): (
        True,
        [
            fine(CIT, 150_000, 300_000),
            term(CIT, CW, None, 200, H),
            term(CIT, ARREST, None, 30, D),
            fine(OFF, 300_000, 600_000),
            fine(LEG, 500_000, 1_000_000),
        ],
        [],
    ),
    # 20.3.3: "discrediting" the armed forces; 20.3.4: calls for sanctions
    ("20.3.3", "1"): (
        True,
        [fine(CIT, 30_000, 50_000), fine(OFF, 100_000, 200_000), fine(LEG, 300_000, 500_000)],
        [],
    ),
    ("20.3.3", "2"): (
        True,
        [fine(CIT, 50_000, 100_000), fine(OFF, 200_000, 300_000), fine(LEG, 500_000, 1_000_000)],
        [],
    ),
    ("20.3.4", ""): (
        True,
        [fine(CIT, 30_000, 50_000), fine(OFF, 100_000, 200_000), fine(LEG, 300_000, 500_000)],
        [],
    ),
    # 20.33: undesirable organisations (officials of electoral commissions' staff: disqualified)
    ("20.33", ""): (
        True,
        [
            fine(CIT, 5_000, 15_000),
            fine(OFF, 20_000, 50_000),
            term(OFF, DISQ, 1, 1, Y),
            fine(LEG, 50_000, 100_000),
        ],
        [],
    ),
    # 20.29: extremist materials (the confiscation follows the arrest, not the fine)
    ("20.29", ""): (
        True,
        [
            fine(CIT, 1_000, 3_000),
            term(CIT, ARREST, None, 15, D),
            extra(CIT, CONF, False),
            fine(OFF, 2_000, 5_000),
            extra(OFF, CONF, False),
            fine(LEG, 100_000, 1_000_000),
            term(LEG, SUSP, None, 90, D),
            extra(LEG, CONF, False),
        ],
        [],
    ),
    # 19.34: foreign agents
    **{
        ("19.34", part): (
            True,
            [fine(CIT, 30_000, 50_000), fine(OFF, 100_000, 300_000), fine(LEG, 300_000, 500_000)],
            [],
        )
        for part in ("1", "2", "3", "6", "7", "8")
    },
    ("19.34", "4"): (
        True,
        [
            fine(CIT, 30_000, 50_000),
            extra(CIT, CONF, True),
            fine(OFF, 100_000, 300_000),
            extra(OFF, CONF, True),
            fine(LEG, 300_000, 500_000),
            extra(LEG, CONF, True),
        ],
        [],
    ),
    ("19.34", "5"): (True, [fine(ANY, 10_000, 30_000)], []),
    ("19.34", "9"): (True, [fine(ANY, 30_000, 50_000), extra(ANY, EXP, True)], []),
    # 20.3: Nazi symbols (confiscation with every alternative)
    ("20.3", "1"): (
        True,
        [
            fine(CIT, 1_000, 2_000),
            extra(CIT, CONF, False),
            term(CIT, ARREST, None, 15, D),
            extra(CIT, CONF, False),
            fine(OFF, 1_000, 4_000),
            extra(OFF, CONF, False),
            fine(LEG, 10_000, 50_000),
            extra(LEG, CONF, False),
        ],
        [],
    ),
    ("20.3", "2"): (
        True,
        [
            fine(CIT, 1_000, 2_500),
            extra(CIT, CONF, False),
            fine(OFF, 2_000, 5_000),
            extra(OFF, CONF, False),
            fine(LEG, 20_000, 100_000),
            extra(LEG, CONF, False),
        ],
        [],
    ),
    # 20.4: fire safety (warning, individual entrepreneurs, suspension, disqualification)
    ("20.4", "1"): (
        True,
        [
            term(ANY, WARN, None, None, ""),
            fine(CIT, 5_000, 15_000),
            fine(OFF, 20_000, 30_000),
            fine(ENT, 40_000, 60_000),
            fine(LEG, 300_000, 400_000),
        ],
        [],
    ),
    ("20.4", "2.1"): (
        True,
        [
            fine(CIT, 12_000, 20_000),
            fine(OFF, 30_000, 60_000),
            fine(ENT, 60_000, 80_000),
            term(ENT, SUSP, None, 30, D),
            fine(LEG, 400_000, 800_000),
            term(LEG, SUSP, None, 30, D),
        ],
        [],
    ),
    ("20.4", "6.1"): (
        True,
        [fine(LEG, 1_000_000, 2_000_000), term(LEG, SUSP, None, 90, D)],
        [],
    ),
    ("20.4", "9"): (True, [fine(OFF, 15_000, 20_000), term(OFF, DISQ, 1, 3, Y)], []),
    # 20.31: spectators at sports competitions (the sports ban, expulsion)
    ("20.31", "1"): (
        True,
        [
            fine(ANY, 3_000, 10_000),
            term(ANY, CW, None, 160, H),
            extra(ANY, BAN, True, 6, 36, M),
        ],
        [],
    ),
    ("20.31", "3"): (
        True,
        [
            fine(ANY, 10_000, 20_000),
            term(ANY, ARREST, None, 15, D),
            extra(ANY, BAN, False, 1, 7, Y),
        ],
        [],
    ),
    ("20.31", "4"): (
        True,
        [
            fine(ANY, 10_000, 15_000),
            extra(ANY, EXP, False),
            term(ANY, ARREST, None, 15, D),
            extra(ANY, EXP, False),
        ],
        [],
    ),
    # 20.25: evading a penalty (a fine as a multiple of the unpaid one; "и" expulsion)
    ("20.25", "1"): (
        False,
        [term(ANY, ARREST, None, 15, D), term(ANY, CW, None, 50, H)],
        [(ANY, FINE)],
    ),
    ("20.25", "2"): (True, [term(ANY, ARREST, None, 15, D), term(ANY, CW, None, 50, H)], []),
    ("20.25", "3"): (True, [fine(ANY, 3_000, 5_000), extra(ANY, EXP, False)], []),
    # 8.37: hunting rules (a special right; "для граждан")
    ("8.37", "1"): (
        True,
        [
            fine(CIT, 500, 4_000),
            extra(CIT, CONF, True),
            term(CIT, RIGHT, None, 2, Y),
            fine(OFF, 20_000, 35_000),
            extra(OFF, CONF, True),
        ],
        [],
    ),
    ("8.37", "1.2"): (
        True,
        [term(CIT, RIGHT, 1, 2, Y), fine(OFF, 35_000, 50_000), extra(OFF, CONF, True)],
        [],
    ),
    # 14.5: cash registers (fines as shares of a sum; "в отношении"; a warning per group)
    ("14.5", "2"): (False, [], [(OFF, FINE), (LEG, FINE)]),
    ("14.5", "3"): (
        True,
        [term(OFF, DISQ, 1, 2, Y), term(ENT, SUSP, None, 90, D), term(LEG, SUSP, None, 90, D)],
        [],
    ),
    ("14.5", "4"): (
        True,
        [
            term(ANY, WARN, None, None, ""),
            fine(OFF, 1_500, 3_000),
            term(LEG, WARN, None, None, ""),
            fine(LEG, 5_000, 10_000),
        ],
        [],
    ),
    # 12.21.2: dangerous goods ("на водителя": a subject outside the vocabulary)
    ("12.21.2", "1"): (
        False,
        [fine(OFF, 15_000, 20_000), fine(LEG, 400_000, 500_000)],
        [(ANY, FINE), (ANY, RIGHT)],
    ),
    # 20.30: protected state facilities (disqualification in months)
    ("20.30", "1"): (
        True,
        [
            fine(CIT, 3_000, 5_000),
            fine(OFF, 30_000, 50_000),
            term(OFF, DISQ, 6, 12, M),
            fine(LEG, 50_000, 100_000),
        ],
        [],
    ),
}
