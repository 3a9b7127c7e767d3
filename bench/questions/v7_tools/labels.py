#!/usr/bin/env python3
"""Labels for blind question set v7 against the Retour demo content.

python3, stdlib only. Parses the demo files with `ast` (imports nothing from
Django or the product) and writes v7_labels.jsonl, one line per question of
v7.jsonl, same order, same id and lang.
"""

from __future__ import annotations

import ast
import hashlib
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CONTENT = "/work/main/retour/content"
QFILE = os.path.join(HERE, "v7.jsonl")
SHAFILE = os.path.join(HERE, "v7.sha256")
OUTFILE = os.path.join(HERE, "v7_labels.jsonl")

# ---------------------------------------------------------------- sha256 check
with open(SHAFILE, encoding="utf-8") as f:
    EXPECTED_SHA = f.read().split()[0]
with open(QFILE, "rb") as f:
    ACTUAL_SHA = hashlib.sha256(f.read()).hexdigest()
assert ACTUAL_SHA == EXPECTED_SHA, (ACTUAL_SHA, EXPECTED_SHA)


# ---------------------------------------------------------------- ast helpers
def _eval(node, env):
    """Evaluate the literal-ish expressions used in the demo modules."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.List):
        return [_eval(e, env) for e in node.elts]
    if isinstance(node, ast.Tuple):
        return tuple(_eval(e, env) for e in node.elts)
    if isinstance(node, ast.Dict):
        return {_eval(k, env): _eval(v, env) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _eval(node.left, env) + _eval(node.right, env)
    if isinstance(node, ast.Name):
        return env[node.id]
    if isinstance(node, ast.Attribute):  # e.g. FamilyCondition.ANYONE
        return ast.unparse(node)
    raise ValueError(f"unsupported node {ast.dump(node)[:80]}")


def module_assigns(path):
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), filename=path)
    env = {}
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
            value = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            targets = [node.target.id]
            value = node.value
        for name in targets:
            try:
                env[name] = _eval(value, env)
            except (ValueError, KeyError):
                pass  # not a literal (e.g. data.QUESTIONS = en.QUESTIONS)
    return tree, env


_, EN = module_assigns(os.path.join(CONTENT, "demo_text", "en.py"))
data_tree, DATA = module_assigns(os.path.join(CONTENT, "demo_data.py"))
demo_tree, DEMO = module_assigns(os.path.join(CONTENT, "demo.py"))
DEMO_SRC = ast.unparse(demo_tree)
DATA_SRC = ast.unparse(data_tree)

QUESTIONS = EN["QUESTIONS"]
ANSWERS = EN["ANSWERS"]
SHEET = EN["SHEET"]
PROGRAMME = EN["PROGRAMME"]
EXPLAINER = EN["EXPLAINER"]
COUNTRY_NAMES = EN["COUNTRY_NAMES"]
assert len(QUESTIONS) == len(ANSWERS) == 30
assert "QUESTIONS = en.QUESTIONS" in DATA_SRC
assert "SECTION_KINDS = list(en.SHEET['sections'])" in DATA_SRC

COUNTRIES = DATA["COUNTRIES"]
CITIES = DATA["CITIES"]
SERVICE_SETS = DATA["SERVICE_SETS"]
assert len(CITIES) == len(SERVICE_SETS) == 8

# ---------------------------------------------------------------- slug patterns in demo.py
for pattern in (
    "slug=f'sample-answer-{n}'",
    "for n, _question in enumerate(data.QUESTIONS, start=1)",
    "slug=f'sample-programme-{n}'",
    "for n in (1, 2)",
    "slug='your-decision'",
    "slug=f'sample-service-point-{n}'",
    "title=f'Sample service point {n} ({city})'",
    "for n, (city, country, lat, lon) in enumerate(data.CITIES, start=1)",
    "for i, (code, _name, slug) in enumerate(data.COUNTRIES)",
    "'title': text.QUESTIONS[n - 1], 'answer': text.ANSWERS[n - 1]",
    "'title': t['title'].format(n=n)",
    "'title': text.SHEET['title'].format(name=name)",
    "'title': t['title']",
    "services=data.SERVICE_SETS[n - 1]",
    "no_appointment=n % 2 == 1",
):
    assert pattern in DEMO_SRC, pattern

# ---------------------------------------------------------------- page map
PAGES: dict[str, str] = {}
for n, q in enumerate(QUESTIONS, start=1):
    PAGES[f"sample-answer-{n}"] = q
for n in (1, 2):
    PAGES[f"sample-programme-{n}"] = PROGRAMME["title"].format(n=n)
PAGES["your-decision"] = EXPLAINER["title"]
for n, (city, _c, _la, _lo) in enumerate(CITIES, start=1):
    PAGES[f"sample-service-point-{n}"] = f"Sample service point {n} ({city})"
for code, _name, slug in COUNTRIES:
    PAGES[slug] = SHEET["title"].format(name=COUNTRY_NAMES[code])
assert len(PAGES) == 44, len(PAGES)
SHEET_OF = {code: slug for code, _n, slug in COUNTRIES}
assert SHEET_OF == {"AF": "afghanistan", "IQ": "iraq", "GE": "georgia"}

# ---------------------------------------------------------------- programme conditions
PROG_COUNTRIES = DEMO["PROGRAMME_COUNTRIES"]
PROG_COND = DEMO["PROGRAMME_CONDITIONS"]
assert PROG_COUNTRIES == {1: ["AF", "IQ"], 2: ["GE"]}
assert PROG_COND[1] == {
    "host_countries": ["BE"],
    "family_condition": "FamilyCondition.ANYONE",
    "health_condition": "HealthCondition.SUPPORTED",
}
assert PROG_COND[2] == {
    "host_countries": ["BE", "NO"],
    "family_condition": "FamilyCondition.ALONE_ONLY",
    "health_condition": "HealthCondition.NOT_STATED",
}


def _programme_call_keywords():
    for node in ast.walk(demo_tree):
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "ReturnProgrammePage":
            return {k.arg: ast.unparse(k.value) for k in node.keywords if k.arg}
    raise AssertionError("ReturnProgrammePage call not found")


KW = _programme_call_keywords()
assert KW["eligible_residence_statuses"] == "['asylum_rejected', 'irregular']"
assert KW["eligible_nationalities"] == "PROGRAMME_COUNTRIES[n]"
assert KW["covers_ticket"] == "True"
assert KW["cash_grant_amount"] == "Decimal('100.00') * n"
assert KW["cash_grant_per_child"] == "Decimal('50.00') if n == 1 else None"

PROG = {
    n: {
        "nationalities": set(PROG_COUNTRIES[n]),
        "hosts": set(PROG_COND[n]["host_countries"]),
        "family_ok": PROG_COND[n]["family_condition"] == "FamilyCondition.ANYONE",
        "health_ok": PROG_COND[n]["health_condition"] == "HealthCondition.SUPPORTED",
    }
    for n in (1, 2)
}
# Programme texts the labels rely on.
PROGRAMME_FACTS = {
    "summary": "whose asylum application was refused or who have no legal stay",
    "in_kind": "start-up material for a small business",
    "vulnerable": "medicine for the first months",
}
for field, phrase in PROGRAMME_FACTS.items():
    assert phrase in PROGRAMME[field], (field, phrase)
assert "The counsellor checks whether you are eligible" in " ".join(PROGRAMME["how_to_apply"])

# ---------------------------------------------------------------- body facts of short answers
BODY_FACTS = {
    1: "The first step is a conversation with a return counsellor",
    2: "the programme normally books and pays the flight",
    3: "small cash amount at departure or after arrival",
    6: "without giving your name",
    7: "no appointment needed",
    8: "families can return together",
    9: "give you a supply of medicine for the first period",
    10: "one-way travel document (often called a laissez-passer)",
    11: "Often a few weeks, but it varies",
    12: "you can withdraw until you leave",
    13: "it is confidential: the counsellor does not pass on what you say",
    14: "the embassy or consulate needs to know who you are",
    15: "one checked bag and hand luggage",
    16: "school enrolment after return",
    17: "you usually have to withdraw your asylum application",
    20: "material to start a small business",
    22: "A passport or national ID card is best, even if expired",
    23: "An expired passport still helps to prove who you are",
    24: "someone meets you, helps with onward travel",
    25: "Return to another country is possible only if you have the right to live there",
    27: "what support you will receive, mostly in kind",
    29: "each organisation should have a complaints procedure",
}
# Extra facts some labels rely on (checked, not only the key phrase).
EXTRA_FACTS = {
    3: ["help with rent or medical costs", "material to start a small business"],
    9: ["ask a partner whether your treatment is available after return"],
    10: ["Bring every document you have, even old, expired or copies"],
    11: ["Most of the waiting is for travel documents from the embassy"],
    12: ["Withdrawing does not change your legal situation"],
    14: ["If you are afraid of the authorities in your country, tell your counsellor"],
    15: ["Extra luggage is normally not paid by the programme"],
    22: ["copies and photos of them help"],
}
for n, phrase in BODY_FACTS.items():
    assert phrase in ANSWERS[n - 1], (n, phrase)
for n, phrases in EXTRA_FACTS.items():
    for phrase in phrases:
        assert phrase in ANSWERS[n - 1], (n, phrase)
# Country-sheet sections the labels rely on.
SHEET_FACTS = {
    "reintegration": "mostly in kind (goods, services, training), sometimes with a small cash part",
    "health": "Some programmes pay for medicine for the first months",
    "work": "material to start a small business",
    "education": "earlier school reports",
}
for kind, phrase in SHEET_FACTS.items():
    assert phrase in " ".join(SHEET["sections"][kind]), (kind, phrase)
# Words that must NOT be in any answer for the strict [] calls (checked).
ALL_TEXT = " ".join(
    ANSWERS
    + [p for ps in SHEET["sections"].values() for p in ps]
    + [str(v) for v in PROGRAMME.values()]
    + EXPLAINER["body"]
).lower()
for absent in ("credit card", "bank card", "on a card", "bank", "pregnan", "entry ban", "visa", "school year", "separately"):
    assert absent not in ALL_TEXT, absent
assert "ban on coming back" in ANSWERS[4]  # only for a forced return (answer 5)

# ---------------------------------------------------------------- service points
EARTH_KM = 6371.0088


def haversine(a, b):
    (la1, lo1), (la2, lo2) = a, b
    p1, p2 = math.radians(la1), math.radians(la2)
    dp, dl = p2 - p1, math.radians(lo2 - lo1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


POINTS = []
for n, (city, country, lat, lon) in enumerate(CITIES, start=1):
    POINTS.append(
        {
            "n": n,
            "city": city,
            "country": country,
            "pos": (float(lat), float(lon)),
            "services": SERVICE_SETS[n - 1],
            "no_appointment": n % 2 == 1,
        }
    )
COUNSELLING = [p for p in POINTS if "return_counselling" in p["services"]]
assert [p["n"] for p in COUNSELLING] == [1, 3, 6, 8]
assert [p["n"] for p in COUNSELLING if p["no_appointment"]] == [1, 3]

CITY_POS = {p["city"]: (p["country"], p["pos"]) for p in POINTS}
# Approximate city-centre coordinates for host cities not in the demo.
ADDED_CITIES = {
    "Leuven": ("BE", (50.8798, 4.7005)),
    "Mechelen": ("BE", (51.0259, 4.4776)),
    "Eupen": ("BE", (50.6281, 6.0356)),
    "Bruges": ("BE", (51.2093, 3.2247)),
    "Merksplas": ("BE", (51.3580, 4.8630)),
    "Vottem": ("BE", (50.6690, 5.5790)),
    "Trondheim": ("NO", (63.4305, 10.3951)),
    "Tromsø": ("NO", (69.6492, 18.9553)),
    "Stavanger": ("NO", (58.9700, 5.7331)),
    "Drammen": ("NO", (59.7440, 10.2045)),
    "Kristiansand": ("NO", (58.1467, 7.9956)),
    "Trandum": ("NO", (60.1860, 11.1400)),
}
assert not set(ADDED_CITIES) & set(CITY_POS)
CITY_POS.update(ADDED_CITIES)
HOST_CITIES = set(CITY_POS)
NORWAY_PLACES = {c for c, (cc, _p) in CITY_POS.items() if cc == "NO"} | {"Norway"}
BELGIUM_PLACES = {c for c, (cc, _p) in CITY_POS.items() if cc == "BE"} | {"Belgium"}


def nearest(city):
    country, pos = CITY_POS[city]
    cands = [(haversine(pos, p["pos"]), p["n"]) for p in COUNSELLING if p["country"] == country]
    if not cands:
        return None, None
    d, n = min(cands)
    return n, d


# Expected nearest counselling point for the cities used in office labels (asserted).
EXPECTED_NEAREST = {
    "Brussels": 1,
    "Antwerp": 1,
    "Leuven": 1,
    "Charleroi": 8,
    "Liège": 3,
    "Eupen": 3,
    "Oslo": 6,
    "Bergen": 6,
    "Trondheim": 6,
    "Tromsø": 6,
    "Drammen": 6,
}
for city, n in EXPECTED_NEAREST.items():
    got, d = nearest(city)
    assert got == n, (city, got, d)

# ---------------------------------------------------------------- question places → countries
# Nationality implied by a named return place (country, or a city/region in it).
NATIONALITY_OF_PLACE = {
    "Afghanistan": "AF", "Kabul": "AF", "Herat": "AF", "Jalalabad": "AF",
    "Iraq": "IQ", "Baghdad": "IQ", "Erbil": "IQ",
    "Georgia": "GE", "Tbilisi": "GE", "Kutaisi": "GE",
}

# ---------------------------------------------------------------- labels
# Shorthand: A<n> answer n, P<n> programme n, S<n> service point n, D explainer,
# sheet slugs as is. "needs" lists health/family needs (checked against programmes).
A = lambda n: f"sample-answer-{n}"  # noqa: E731
P = lambda n: f"sample-programme-{n}"  # noqa: E731
S = lambda n: f"sample-service-point-{n}"  # noqa: E731

NONE_REASONS = {
    "casestatus": "Personal case status: no page can answer it (always []).",
    "statistics": "Exact statistics: no page gives numbers (always []).",
    "legal": "Legal advice on one's own appeal, or 'appeal or return?': always [] (J19, v6 J16); explainer, 4 and 18 not used.",
    "work": "Work permit / work in the host country: always [].",
    "marriage": "Residence through marriage/cohabitation: always [].",
    "exchange": "Exchange rate: unrelated, always [].",
    "sports": "Sports result: unrelated, always [].",
    "food": "Recipe: unrelated, always [].",
    "housing": "Housing in the host country while waiting: always [] (answer 30 is emergency shelter, not a rental) (J20).",
    "banking": "Banking/remittances: always [].",
    "smuggling": "Smuggling/irregular travel to another country: always [].",
    "visa": "Visa or migration to another country: always [].",
    "reentry": "Re-entry to Europe after voluntary return: answer 5 names an entry ban only for a forced return; no page covers voluntary return (J6, v6 J3).",
    "detention": "Voluntary return from detention: no page addresses it; answer 5 mentions detention only in a forced return (J7, v6 J4).",
}

L: dict[str, tuple[list[str], str, tuple]] = {}


def lab(qid, slugs, reason, needs=()):
    assert qid not in L, qid
    L[qid] = (slugs, reason, tuple(needs))


R_TICKET = "Ticket: answer 2 (the programme books and pays the flight)."
R_LUGGAGE = "Luggage: answer 15 (one checked bag and hand luggage within the ticket's allowance; extra luggage not paid) (J18)."
R_DUR = "Duration: answer 11 (often a few weeks; most waiting is for embassy documents and booking)."
R_CANCEL = "Withdrawing after signing: answer 12 (voluntary, withdraw until you leave; legal situation unchanged)."
R_PRIV = "Will police/immigration learn my address: answer 13 (confidential, nothing passed on without agreement), answer 6 (ask anonymously) (J8, v6 J5)."
R_COMPL = "Complaint about a counsellor/worker: answer 29 (tell the service, ask for a manager, complaints procedure, independent body) (J17)."
R_ELIG_BE = "Eligibility by status (refused / no legal stay), Belgium or no host named: both programmes publish statuses asylum_rejected and irregular, then answer 1 (J3, v5 J2)."
R_ELIG_NO = "Eligibility by status with Norway (or a Norwegian city) named: programme 2 hosts BE and NO, programme 1 BE only, then answer 1 (J3, v6 J2)."
R_DUBLIN = "Dublin case, return home directly: answer 17 (an open asylum case; ask any time, usually withdraw the application before leaving) (J4, v5 ru-07)."
R_ARR = "Who meets me at the airport: answer 24 (a partner meets you on arrival, onward travel; request it before leaving) (J15, v6 J10)."
R_MONEY_NC = "How much money, nationality not covered by a programme: answer 3 only (depends, sample amounts, ask a counsellor) (J1, v6 J1)."
R_KIND = "Cash or in kind: answer 3 (small cash amount, most support in kind), answer 27 (plan: support mostly in kind) (J2)."
R_CARD = "Cash or card/bank transfer: no page says how the cash part is paid out (no card or bank mentioned) (J2)."
R_SCHOOL = "Schooling after return, no sheet country named: answer 16 (school enrolment after return) (J11, v6 J15)."
R_RECORDS = "School certificate/records to take along, no sheet country named: [] (J11, v5 J6 / v6 J15)."
R_BIZ_MONEY = "Small-business money, country not covered: answer 3 (material to start a small business), answer 20 (J14)."
R_BIZ_HELP = "Help to start a business, country not covered: answer 20, answer 3 (J14)."
R_NOPASS = "No or lost passport, how to get a document: answer 10 (counsellor helps contact the embassy; passport or laissez-passer), answer 22 (J9)."
R_IDENOUGH = "Only an ID card / copy, is it enough: answer 22 (ID card best even if expired, copies help), answer 10 (passport or laissez-passer via embassy) (J9)."
R_EXPIRED = "Expired passport: answer 23 (new passport or one-way laissez-passer, counsellor helps), answer 10."
R_LP = "How to get a laissez-passer: answer 10 (counsellor helps ask the embassy for a one-way travel document)."
R_MED_SUPPLY = "Medicine after return, country not covered: answer 9 (supply of medicine for the first period; partner checks availability) (J10, v6 J9)."
R_MED_COST = "Treatment/medicine cost after return, country not covered: answer 9, answer 3 (in-kind help with medical costs) (J10, v6 J9)."
R_PREG = "Flying while pregnant: no page says whether a pregnant woman may fly (J10, v5 J1, v6 J17)."


def office(qid, city, extra=""):
    n, d = nearest(city)
    assert n is not None
    lab(qid, [S(n)], f"Office question for {city}: nearest return-counselling point in its country is {n} "
        f"({POINTS[n - 1]['city']}, {d:.1f} km by haversine){extra} (J16).")


# --- en
lab("en-01", [A(3)], R_MONEY_NC + " Nigeria.")
lab("en-02", [P(1), P(2), A(1)], R_ELIG_BE + " Antwerp (BE).")
lab("en-03", [A(22), A(10)], R_IDENOUGH)
lab("en-04", [A(2)], R_TICKET)
lab("en-05", [A(15)], R_LUGGAGE)
lab("en-06", [A(9)], R_MED_SUPPLY, ["health"])
lab("en-07", [], "Losing the school year in Ghent before leaving: no page covers school timing before departure (J11, v6 J15).")
lab("en-08", [A(3), A(20)], R_BIZ_MONEY + " Accra.")
lab("en-09", [A(24)], R_ARR + " Banjul, no sheet.")
lab("en-10", [A(13), A(6)], R_PRIV)
office("en-11", "Charleroi", "; Charleroi's own point 7 offers legal aid and drop-in only")
lab("en-12", [A(11)], R_DUR)
lab("en-13", [], NONE_REASONS["reentry"])
lab("en-14", [A(12)], R_CANCEL)
lab("en-15", [], NONE_REASONS["detention"])
lab("en-16", [A(29)], R_COMPL)
lab("en-17", [A(17)], R_DUBLIN)
lab("en-18", [P(2), A(1)], R_ELIG_NO + " Overstayed visa = irregular; Bergen.")
lab("en-19", [A(3), A(27)], R_KIND)
# --- fr
lab("fr-01", [A(3)], R_MONEY_NC + " Kinshasa (DR Congo).")
lab("fr-02", [P(1), P(2), A(1)], R_ELIG_BE + " Refused twice, no place.")
lab("fr-03", [], "Who pays the embassy's passport fee: no page says who pays for documents (answers 1/10 only say the counsellor helps) (J9).")
lab("fr-04", [A(10)], R_LP + " Cameroon.")
lab("fr-05", [A(15)], R_LUGGAGE)
lab("fr-06", [], R_PREG, ["health"])
lab("fr-07", [A(10), A(8)], "Children born in Liège without home-country papers: answer 10 (documents via embassy; local partner replaces civil documents), answer 8 (documents for every family member) (J13, v6 J18).", ["family"])
lab("fr-08", [A(3), A(20)], "Hair salon in Douala, material or cash: " + R_BIZ_MONEY)
lab("fr-09", [A(24)], R_ARR + " Conakry, no sheet.")
lab("fr-10", [A(13), A(6)], R_PRIV)
office("fr-11", "Brussels", "; the Fedasil office is read as the demo counselling point")
lab("fr-12", [A(11)], R_DUR)
lab("fr-13", [], NONE_REASONS["reentry"])
lab("fr-14", [A(12)], R_CANCEL)
lab("fr-15", [], NONE_REASONS["detention"])
lab("fr-16", [A(17)], R_DUBLIN + " Senegal.")
lab("fr-17", [A(9)], R_MED_SUPPLY + " Bamako.", ["health"])
lab("fr-18", [A(29)], R_COMPL)
n8, d8 = nearest("Charleroi")
lab("fr-19", [S(n8), A(7)], f"Appointment with a return counsellor in Charleroi: nearest counselling point {n8} "
    f"({POINTS[n8 - 1]['city']}, {d8:.1f} km; no_appointment=False, so contact it), answer 7 (appointments vs walk-in) (J16).")
# --- nl
lab("nl-01", [A(3)], R_MONEY_NC + " Brazil.")
lab("nl-02", [P(1), P(2), A(1)], R_ELIG_BE + " Ghent (BE).")
lab("nl-03", [A(10), A(22)], R_NOPASS + " Lost passport (v5 fixed mapping).")
office("nl-04", "Antwerp")
lab("nl-05", [A(11)], R_DUR)
lab("nl-06", [A(15)], R_LUGGAGE + " Bicycle and TV.")
lab("nl-07", [], R_RECORDS + " Mechelen.")
lab("nl-08", [A(20), A(3), P(1), "afghanistan"], "Help to start a bakery in Kabul: answer 20, answer 3, programme 1 (AF; start-up material in kind), Afghanistan sheet (work section) (J14).")
lab("nl-09", [A(9)], "HIV medication available after return, country not named: answer 9 (a partner checks whether treatment is available; medicine supply) (J10).", ["health"])
lab("nl-10", [A(13), A(6)], R_PRIV)
lab("nl-11", [P(1), P(2), A(1)], R_ELIG_BE + " Six years undocumented = irregular, Belgium.")
lab("nl-12", [A(24), "georgia"], R_ARR + " Tbilisi: Georgia sheet added.")
lab("nl-13", [], NONE_REASONS["reentry"])
lab("nl-14", [A(12)], R_CANCEL)
lab("nl-15", [], NONE_REASONS["detention"])
lab("nl-16", [A(29)], R_COMPL)
lab("nl-17", [], R_CARD)
office("nl-18", "Leuven", "; Leuven has no demo point, so Brussels is the answer to 'or must I go to Brussels'")
# --- ar
lab("ar-01", [A(3)], R_MONEY_NC + " Morocco.")
lab("ar-02", [], R_CARD + " Cash in hand or into a bank later.")
lab("ar-03", [P(2), A(1)], R_ELIG_NO + " Norway.")
lab("ar-04", [A(10), A(22)], R_NOPASS + " No passport or Iraqi ID. The Iraq sheet's documents section covers civil documents after return, not getting a passport from the embassy, so it is not added (J9).")
lab("ar-05", [A(10)], R_LP + " Algeria.")
lab("ar-06", [A(15)], R_LUGGAGE + " Baghdad (no luggage section on the sheet).")
lab("ar-07", [A(9), P(1), "iraq"], "Diabetes medicine for a few months, Iraq named: answer 9 (supply of medicine), programme 1 (IQ, health SUPPORTED: medicine for the first months), Iraq sheet health section (J10).", ["health"])
lab("ar-08", [A(16)], R_SCHOOL + " Antwerp.")
lab("ar-09", [A(20), A(3)], R_BIZ_HELP + " Tangier.")
lab("ar-10", [A(24), "iraq"], R_ARR + " Baghdad: Iraq sheet added.")
lab("ar-11", [A(13), A(6)], R_PRIV)
office("ar-12", "Oslo", "; Oslo's own point 5 offers shelter and drop-in only")
lab("ar-13", [A(11)], R_DUR)
lab("ar-14", [], NONE_REASONS["reentry"])
lab("ar-15", [A(12)], R_CANCEL)
lab("ar-16", [], NONE_REASONS["detention"])
lab("ar-17", [A(17)], R_DUBLIN + " Syria (no Syria page; the Dublin/direct-return part is what 17 answers).")
lab("ar-18", [A(29)], R_COMPL)
office("ar-19", "Liège", "; Liège has its own counselling point, so not only Brussels")
# --- fa
lab("fa-01", [A(3)], R_MONEY_NC + " Iran.")
lab("fa-02", [P(2), A(1)], R_ELIG_NO + " Norway.")
lab("fa-03", [A(22), A(10)], R_IDENOUGH + " Tazkira (Afghan national ID); the Afghanistan sheet's documents section is about after return, not added (J9).")
lab("fa-04", [A(2)], R_TICKET)
lab("fa-05", [A(15)], R_LUGGAGE + " Tehran.")
lab("fa-06", [A(9), A(3)], R_MED_COST + " Iran.", ["health"])
lab("fa-07", [A(16)], R_SCHOOL + " Tromsø.")
lab("fa-08", [A(3), A(20), P(1), "afghanistan"], "Is reintegration money enough for a shop in Herat: answer 3, answer 20, programme 1 (AF; sample cash grant, start-up material), Afghanistan sheet (work/reintegration) (J14).")
lab("fa-09", [A(24)], R_ARR + " Tehran (Imam airport), no sheet.")
lab("fa-10", [A(13), A(6)], R_PRIV)
office("fa-11", "Bergen")
lab("fa-12", [A(11)], R_DUR)
lab("fa-13", [], NONE_REASONS["reentry"])
lab("fa-14", [A(12)], R_CANCEL)
lab("fa-15", [], NONE_REASONS["detention"])
lab("fa-16", [A(17)], R_DUBLIN + " Kabul from Norway: programme 1 covers AF but hosts BE only, so not added.")
lab("fa-17", [A(29)], R_COMPL)
lab("fa-18", [P(2), A(1)], R_ELIG_NO + " Expired visa = irregular; Oslo.")
lab("fa-19", [A(3), A(27)], R_KIND)
lab("fa-20", [], "Family travelling separately (me first, wife later): answer 8 says families return together, all in one application; nothing on travelling separately (J12).", ["family"])
# --- de
lab("de-01", [A(3)], R_MONEY_NC + " Serbia.")
lab("de-02", [P(1), P(2), A(1)], R_ELIG_BE + " Refused in Germany, now in Belgium (v6 J2).")
lab("de-03", [A(23), A(10)], R_EXPIRED + " Answer 23 names both options.")
lab("de-04", [A(2)], R_TICKET + " Who books the flight.")
lab("de-05", [A(15)], R_LUGGAGE + " Tbilisi, more than 23 kg.")
lab("de-06", [A(9)], "Dialysis available in Armenia: " + R_MED_SUPPLY, ["health"])
lab("de-07", [], R_RECORDS + " Eupen.")
lab("de-08", [A(3), A(20)], R_BIZ_MONEY + " Prizren (Kosovo).")
lab("de-09", [A(24)], R_ARR + " Pristina, no sheet.")
lab("de-10", [A(13), A(6)], R_PRIV)
office("de-11", "Eupen", "; Eupen is not in the demo (coordinates added)")
lab("de-12", [A(11)], R_DUR)
lab("de-13", [], NONE_REASONS["reentry"])
lab("de-14", [A(12)], R_CANCEL)
lab("de-15", [], NONE_REASONS["detention"])
lab("de-16", [P(2), A(1)], R_ELIG_NO + " Expired visa = irregular; Oslo.")
lab("de-17", [A(3), A(27)], R_KIND)
lab("de-18", [A(29)], R_COMPL)
# --- no
lab("no-01", [A(3)], R_MONEY_NC + " Ethiopia.")
lab("no-02", [P(1), P(2), A(1)], R_ELIG_BE + " Refused twice by UNE; UNE is an agency, not a named place (v6 J2).")
lab("no-03", [A(10), A(22)], R_NOPASS + " Embassy refuses: answer 22 (embassy may interview or check records; counsellor helps).")
lab("no-04", [A(2)], R_TICKET)
lab("no-05", [A(15)], R_LUGGAGE)
lab("no-06", [], R_PREG + " Addis, 7th month.", ["health"])
lab("no-07", [], R_RECORDS + " Trondheim.")
lab("no-08", [A(20), A(3), P(1), "iraq"], "Use reintegration support for a small shop in Erbil (Iraq): answer 20, answer 3, programme 1 (IQ; Norway not named), Iraq sheet (work section) (J14).")
lab("no-09", [A(24), "iraq"], R_ARR + " Erbil: Iraq sheet added.")
lab("no-10", [A(13), A(6)], R_PRIV + " IOM.")
office("no-11", "Oslo", "; the IOM office is read as the demo counselling point")
lab("no-12", [A(11)], R_DUR)
lab("no-13", [], NONE_REASONS["reentry"])
lab("no-14", [A(12)], R_CANCEL)
lab("no-15", [], NONE_REASONS["detention"] + " (Trandum, support if leaving on my own.)")
lab("no-16", [P(1), P(2), A(1)], R_ELIG_BE + " Expired visa = irregular, no place named.")
lab("no-17", [], R_CARD)
lab("no-18", [A(29)], R_COMPL + " A UDI caseworker: 29 is generic for any service.")
office("no-19", "Tromsø", "; Oslo's point 5 offers no counselling, so 'must I go to Oslo' is answered by Bergen")
# --- ps
lab("ps-01", [P(1), A(3), "afghanistan"], "Money for Afghanistan: programme 1 (AF; sample cash grant), answer 3, Afghanistan sheet reintegration section (v5/v6 fixed mapping).")
lab("ps-02", [P(2), A(1)], R_ELIG_NO + " Norway.")
lab("ps-03", [A(22), A(10)], R_IDENOUGH + " Tazkira, no country named.")
lab("ps-04", [A(2)], R_TICKET)
lab("ps-05", [A(15)], R_LUGGAGE + " Kabul (no luggage section on the sheet).")
lab("ps-06", [A(9), "afghanistan", P(1)], "Ill mother, medicines in Kabul (read as the mother returning with the family): answer 9 (partner checks availability), Afghanistan sheet health section, programme 1 (AF, health SUPPORTED, families ANYONE) (J10).", ["health", "family"])
lab("ps-07", [A(16)], R_SCHOOL + " Liège.")
lab("ps-08", [A(3), A(20), P(1), "afghanistan"], "Is reintegration money enough for a shop in Jalalabad: answer 3, answer 20, programme 1 (AF), Afghanistan sheet (J14).")
lab("ps-09", [A(24), "afghanistan"], R_ARR + " Kabul: Afghanistan sheet added.")
lab("ps-10", [A(13), A(6)], R_PRIV)
office("ps-11", "Brussels")
lab("ps-12", [A(11)], R_DUR)
lab("ps-13", [], NONE_REASONS["reentry"])
lab("ps-14", [A(12)], R_CANCEL)
lab("ps-15", [], NONE_REASONS["detention"])
lab("ps-16", [A(17), P(1)], R_DUBLIN + " Kabul from Belgium: programme 1 (AF, hosts BE) added second (J4).")
lab("ps-17", [A(29)], R_COMPL)
lab("ps-18", [A(25)], "Return to Peshawar (Pakistan) where relatives live, asker presumably Afghan: answer 25 (return to another country only with the right to live there) (J5).")
lab("ps-19", [A(3), A(27)], R_KIND)
# --- ti
lab("ti-01", [A(3)], R_MONEY_NC + " Ethiopia.")
lab("ti-02", [A(3), P(1), P(2)], "General 'how much money', no country named: answer 3, both programmes (sample cash grants) (v5/v6 fixed mapping, J1).")
lab("ti-03", [P(2), A(1)], R_ELIG_NO + " Norway.")
lab("ti-04", [A(10), A(14)], "No passport and does not want to go to the embassy: answer 10 (the counsellor helps contact the embassy), answer 14 (if afraid of your authorities, tell the counsellor before any request is sent) (J9).")
lab("ti-05", [A(2)], R_TICKET)
lab("ti-06", [A(15)], R_LUGGAGE)
lab("ti-07", [A(9)], R_MED_SUPPLY, ["health"])
lab("ti-08", [A(16)], R_SCHOOL + " Bergen.")
lab("ti-09", [A(3), A(20)], R_BIZ_MONEY + " Mekelle.")
lab("ti-10", [A(24)], R_ARR + " Addis Ababa, no sheet.")
lab("ti-11", [A(13), A(6)], R_PRIV)
office("ti-12", "Oslo", "; the IOM office is read as the demo counselling point")
lab("ti-13", [A(11)], R_DUR)
lab("ti-14", [], NONE_REASONS["reentry"])
lab("ti-15", [A(12)], R_CANCEL)
lab("ti-16", [], NONE_REASONS["detention"])
lab("ti-17", [A(17)], R_DUBLIN + " From Norway.")
lab("ti-18", [A(29)], R_COMPL)
office("ti-19", "Trondheim", "; Trondheim is not in the demo (coordinates added)")
lab("ti-20", [A(8)], "Can my family come with me (Asmara; Eritrea not covered): answer 8 (families can return together).", ["family"])
# --- so
lab("so-01", [A(3)], R_MONEY_NC + " Somalia.")
lab("so-02", [P(2), A(1)], R_ELIG_NO + " Norway.")
lab("so-03", [A(10), A(22)], R_NOPASS)
lab("so-04", [A(2)], R_TICKET)
lab("so-05", [A(15)], R_LUGGAGE + " Hargeisa.")
lab("so-06", [A(9)], "Diabetes medicine in Mogadishu after return: " + R_MED_SUPPLY, ["health"])
lab("so-07", [A(16)], R_SCHOOL + " Stavanger.")
lab("so-08", [A(3), A(20)], R_BIZ_MONEY + " Garowe.")
lab("so-09", [A(24)], R_ARR + " Hargeisa, no sheet.")
lab("so-10", [A(13), A(6)], R_PRIV)
office("so-11", "Oslo", "; the IOM office is read as the demo counselling point")
lab("so-12", [A(11)], R_DUR)
lab("so-13", [], NONE_REASONS["reentry"])
lab("so-14", [A(12)], R_CANCEL)
lab("so-15", [], NONE_REASONS["detention"])
lab("so-16", [A(17)], R_DUBLIN + " Somalia.")
lab("so-17", [A(29)], R_COMPL)
lab("so-18", [A(3), A(27)], R_KIND)
lab("so-19", [P(2), A(1)], R_ELIG_NO + " Expired visa = irregular; Bergen.")
# --- ru
lab("ru-01", [P(2), A(3), "georgia"], "Money for Georgia: programme 2 (GE; sample cash grant), answer 3, Georgia sheet reintegration section (v5/v6 fixed mapping).")
lab("ru-02", [P(1), P(2), A(1)], R_ELIG_BE + " Belgium.")
lab("ru-03", [A(23), A(10)], R_EXPIRED + " Armenian embassy in Brussels: 23 says ask your embassy for a laissez-passer.")
lab("ru-04", [A(2)], R_TICKET)
lab("ru-05", [A(15)], R_LUGGAGE + " Tbilisi (no luggage section on the sheet).")
lab("ru-06", [A(9), A(3)], R_MED_COST + " Cancer treatment, Armenia.", ["health"])
lab("ru-07", ["georgia", A(16)], "School certificate for the Georgian school, Georgia named: Georgia sheet education section (schools may ask for earlier school reports; counsellor helps before departure), answer 16 (J11, v6 ar-07).", ["family"])
lab("ru-08", [A(3), A(20), P(2), "georgia"], "Reintegration money for a car wash in Kutaisi: answer 3, answer 20, programme 2 (GE; start-up material), Georgia sheet (work section) (J14).")
lab("ru-09", [A(24)], R_ARR + " Yerevan, nobody there; no sheet.")
lab("ru-10", [A(13), A(6)], R_PRIV)
office("ru-11", "Antwerp")
lab("ru-12", [A(11)], R_DUR)
lab("ru-13", [], NONE_REASONS["reentry"])
lab("ru-14", [A(12)], R_CANCEL + " 'Will there be problems': legal situation unchanged.")
lab("ru-15", [], NONE_REASONS["detention"])
lab("ru-16", [A(17)], R_DUBLIN + " Chechnya (Russia) from Norway; no programme.")
lab("ru-17", [A(29)], R_COMPL)
lab("ru-18", [], R_CARD)
lab("ru-19", [P(2), A(1)], R_ELIG_NO + " Expired visa, irregular; Oslo.")
lab("ru-20", [], "Family returning separately (wife later): answer 8 covers returning together only (J12).", ["family"])
# --- sq
lab("sq-01", [A(3)], R_MONEY_NC + " Albania.")
lab("sq-02", [P(1), P(2), A(1)], R_ELIG_BE + " Belgium.")
lab("sq-03", [A(23), A(10)], R_EXPIRED + " Embassy in Brussels: 23 says the counsellor helps you ask your embassy.")
lab("sq-04", [A(2)], R_TICKET)
lab("sq-05", [A(15)], R_LUGGAGE + " Tirana.")
lab("sq-06", [A(9), A(16)], "Therapy for an autistic son after return to Kosovo: answer 9 (partner checks whether care is available), answer 16 (health checks, extra support per child) (J10, lenient, v6 J14).", ["health", "family"])
lab("sq-07", [], R_RECORDS + " Ghent; Albania has no sheet.")
lab("sq-08", [A(3), A(20)], R_BIZ_MONEY + " Pristina (Kosovo).")
lab("sq-09", [A(24)], R_ARR + " Tirana (Rinas), no sheet.")
lab("sq-10", [A(13), A(6)], R_PRIV)
office("sq-11", "Liège")
lab("sq-12", [A(11)], R_DUR)
lab("sq-13", [], NONE_REASONS["reentry"])
lab("sq-14", [A(12)], R_CANCEL)
lab("sq-15", [], NONE_REASONS["detention"])
lab("sq-16", [P(1), P(2), A(1)], R_ELIG_BE + " Overstayed the visa-free 90 days = irregular; Antwerp (BE).")
lab("sq-17", [A(3), A(27)], R_KIND + " Work equipment = in kind.")
lab("sq-18", [A(29)], R_COMPL)
office("sq-19", "Charleroi", "; nearer than Brussels, so 'must I go to Brussels' is answered by Namur")
# --- ur
lab("ur-01", [A(3)], R_MONEY_NC + " Pakistan.")
lab("ur-02", [P(1), P(2), A(1)], R_ELIG_BE + " Belgium.")
lab("ur-03", [A(22), A(10)], R_IDENOUGH + " CNIC copy.")
lab("ur-04", [A(2)], R_TICKET)
lab("ur-05", [A(15)], R_LUGGAGE + " Lahore.")
lab("ur-06", [A(9), A(3)], R_MED_COST + " Hepatitis C, Pakistan.", ["health"])
lab("ur-07", [A(16)], R_SCHOOL + " Oslo; school admission after return.")
lab("ur-08", [A(3), A(20)], R_BIZ_MONEY + " Gujranwala.")
lab("ur-09", [A(24)], R_ARR + " Islamabad, no sheet.")
lab("ur-10", [A(13), A(6)], R_PRIV)
office("ur-11", "Drammen", "; Drammen is not in the demo (coordinates added)")
lab("ur-12", [A(11)], R_DUR)
lab("ur-13", [], NONE_REASONS["reentry"])
lab("ur-14", [A(12)], R_CANCEL)
lab("ur-15", [], NONE_REASONS["detention"])
lab("ur-16", [P(2), A(1)], R_ELIG_NO + " Expired visa = irregular; Oslo.")
lab("ur-17", [A(3), A(27)], R_KIND)
lab("ur-18", [A(29)], R_COMPL)
lab("ur-19", [A(17)], R_DUBLIN + " Pakistan from Norway.")

# ---------------------------------------------------------------- build + checks
questions = [json.loads(line) for line in open(QFILE, encoding="utf-8")]
assert len(questions) == 343
ALWAYS_NONE_TOPICS = {"casestatus", "statistics", "legal", "work", "marriage", "exchange", "sports",
                      "food", "housing", "banking", "smuggling", "visa", "reentry", "detention"}
OFFICE_TOPICS = {"office", "counselling"}
out = []
for q in questions:
    qid, topic = q["id"], q["topic"]
    places = [p for p in q["place"].split(", ") if p]
    if qid not in L:
        assert topic in ALWAYS_NONE_TOPICS, qid
        lab(qid, [], NONE_REASONS[topic])
    slugs, reason, needs = L[qid]
    if topic in ALWAYS_NONE_TOPICS:
        assert slugs == [], qid
    assert len(set(slugs)) == len(slugs), qid
    for s in slugs:
        assert s in PAGES, (qid, s)
        if s.startswith("sample-answer-"):
            n = int(s.rsplit("-", 1)[1])
            assert n in BODY_FACTS, (qid, n)
            assert BODY_FACTS[n] in ANSWERS[n - 1]
    # service points only for office questions, and only the computed nearest one
    sps = [s for s in slugs if s.startswith("sample-service-point-")]
    if sps:
        assert topic in OFFICE_TOPICS, qid
        first_city = next(p for p in places if p in HOST_CITIES)
        assert sps == [S(nearest(first_city)[0])], qid
    if topic in OFFICE_TOPICS:
        assert sps, qid
    # programme conditions
    nats = {NATIONALITY_OF_PLACE[p] for p in places if p in NATIONALITY_OF_PLACE}
    hosts = set()
    if any(p in NORWAY_PLACES for p in places):
        hosts.add("NO")
    if any(p in BELGIUM_PLACES for p in places):
        hosts.add("BE")
    sheets_used = [s for s in slugs if s in SHEET_OF.values()]
    for s in sheets_used:  # a sheet only for a named country (or a city in it)
        code = next(c for c, v in SHEET_OF.items() if v == s)
        assert code in nats, (qid, s)
    for n in (1, 2):
        if P(n) not in slugs:
            continue
        pr = PROG[n]
        if "health" in needs:
            assert pr["health_ok"], (qid, n)
        if "family" in needs:
            assert pr["family_ok"], (qid, n)
        if nats:
            assert nats <= pr["nationalities"], (qid, n, nats)
        for s in sheets_used:
            code = next(c for c, v in SHEET_OF.items() if v == s)
            assert code in pr["nationalities"], (qid, n, s)
        assert hosts <= pr["hosts"], (qid, n, hosts)
        if n == 1:
            assert not any(p in NORWAY_PLACES for p in places), qid
    # a programme whose nationality is named and fits must not be forgotten for money/business
    if topic in {"money", "business"} and nats:
        for n in (1, 2):
            if nats <= PROG[n]["nationalities"] and hosts <= PROG[n]["hosts"]:
                assert P(n) in slugs, (qid, n)
    out.append({
        "id": qid,
        "lang": q["lang"],
        "expected_slugs": slugs,
        "expected_titles": [PAGES[s] for s in slugs],
        "reason": reason,
    })
assert set(L) == {q["id"] for q in questions}, set(L) ^ {q["id"] for q in questions}

with open(OUTFILE, "w", encoding="utf-8") as f:
    for row in out:
        f.write(json.dumps(row, ensure_ascii=False) + "\n")

# ---------------------------------------------------------------- report
if "--report" in sys.argv:
    import collections

    print("pages:", len(PAGES))
    print("host cities: nearest return-counselling point in own country")
    for city in sorted(CITY_POS, key=lambda c: (CITY_POS[c][0], c)):
        n, d = nearest(city)
        tag = "added" if city in ADDED_CITIES else "demo"
        print(f"  {city:13s} {CITY_POS[city][0]} {tag:5s} -> {n} ({POINTS[n - 1]['city']}) {d:.1f} km")
    by = collections.defaultdict(lambda: [0, 0])
    for q, row in zip(questions, out):
        by[q["lang"]][0 if row["expected_slugs"] else 1] += 1
    tot = [0, 0]
    for lang in ["en", "fr", "nl", "ar", "fa", "de", "no", "ps", "ti", "so", "ru", "sq", "ur"]:
        a, nn = by[lang]
        tot[0] += a
        tot[1] += nn
        print(f"  {lang} n={a + nn} answerable={a} none={nn}")
    print("  all", sum(tot), tot)
    flag = collections.Counter()
    lists = collections.defaultdict(list)
    for q, row in zip(questions, out):
        k = (q["likely_unanswerable"], bool(row["expected_slugs"]))
        flag[k] += 1
        lists[k].append(q["id"])
    print("flag vs label:", dict(flag))
    print("flagged but answerable:", lists[(True, True)])
    print("not flagged but none:", lists[(False, False)])
    used = collections.Counter(s for row in out for s in row["expected_slugs"])
    print("pages used:", len(used), "unused:", sorted(set(PAGES) - set(used)))
print(f"wrote {len(out)} labels to {OUTFILE}")
