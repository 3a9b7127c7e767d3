#!/usr/bin/env python3
"""Labels for blind question set v10 against the Retour demo content.

python3, stdlib only. Parses the demo files with `ast`; imports nothing from
Django or the product. Writes v10_labels.jsonl next to this file.
Adapted from bench/questions/v9_tools/labels.py (the v9 labeller's page map and checks).
`python3 labels.py --report` also prints the counts and coordinate tables.
"""
import ast
import hashlib
import json
import math
import os
import sys
from collections import Counter, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
CONTENT = "/work/main/retour/content"
SRC_EN = os.path.join(CONTENT, "demo_text", "en.py")
SRC_DATA = os.path.join(CONTENT, "demo_data.py")
SRC_DEMO = os.path.join(CONTENT, "demo.py")

# ---------------------------------------------------------------- the set
QSET = os.path.join(HERE, "v10.jsonl")
with open(os.path.join(HERE, "v10.sha256")) as fh:
    EXPECTED_SHA = fh.read().split()[0]
with open(QSET, "rb") as fh:
    RAW = fh.read()
assert hashlib.sha256(RAW).hexdigest() == EXPECTED_SHA, "v10.jsonl changed"
QUESTIONS = [json.loads(line) for line in RAW.decode("utf-8").splitlines() if line.strip()]
assert len(QUESTIONS) == 352

# ---------------------------------------------------------------- ast parsing


def _eval(node, env):
    """A small evaluator: literals, names from env, string +, Enum.MEMBER attributes."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple)):
        vals = [_eval(e, env) for e in node.elts]
        return vals if isinstance(node, ast.List) else tuple(vals)
    if isinstance(node, ast.Dict):
        return {_eval(k, env): _eval(v, env) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.Name):
        return env[node.id]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _eval(node.left, env) + _eval(node.right, env)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    raise ValueError(f"cannot evaluate {ast.dump(node)[:80]}")


def _module(path):
    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read(), path)
    env = {}
    for st in tree.body:
        target = None
        if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name):
            target, value = st.targets[0].id, st.value
        elif isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name) and st.value is not None:
            target, value = st.target.id, st.value
        if target is None:
            continue
        try:
            env[target] = _eval(value, env)
        except (ValueError, KeyError):
            pass
    return tree, env


_, EN = _module(SRC_EN)
_, DATA = _module(SRC_DATA)
DEMO_TREE, DEMO = _module(SRC_DEMO)
DEMO_SRC = ast.unparse(DEMO_TREE)

EN_Q, EN_A = EN["QUESTIONS"], EN["ANSWERS"]
assert len(EN_Q) == 30 and len(EN_A) == 30
SHEET, PROG, EXPL = EN["SHEET"], EN["PROGRAMME"], EN["EXPLAINER"]
COUNTRIES = DATA["COUNTRIES"]
CITIES = DATA["CITIES"]
SERVICE_SETS = DATA["SERVICE_SETS"]
assert len(CITIES) == 8 == len(SERVICE_SETS)

# slug / title patterns as written in demo.py
for pat in (
    "slug=f'sample-answer-{n}'",
    "for n, _question in enumerate(data.QUESTIONS, start=1)",
    "'title': text.QUESTIONS[n - 1]",
    "slug=f'sample-programme-{n}'",
    "for n in (1, 2)",
    "slug='your-decision'",
    "slug=f'sample-service-point-{n}'",
    "title=f'Sample service point {n} ({city})'",
    "for n, (city, country, lat, lon) in enumerate(data.CITIES, start=1)",
    "services=data.SERVICE_SETS[n - 1]",
    "no_appointment=n % 2 == 1",
    "for i, (code, _name, slug) in enumerate(data.COUNTRIES)",
    "'title': t['title'].format(n=n)",
    "'title': text.SHEET['title'].format(name=name)",
    "'opens': '09:30', 'closes': '16:00'",
    "for day in ('mo', 'tu', 'th')",
):
    assert pat in DEMO_SRC, pat

# ---------------------------------------------------------------- page map
PAGES = OrderedDict()
for n, q in enumerate(EN_Q, start=1):
    PAGES[f"sample-answer-{n}"] = q
for n in (1, 2):
    PAGES[f"sample-programme-{n}"] = PROG["title"].format(n=n)
PAGES["your-decision"] = EXPL["title"]
for n, (city, _c, _la, _lo) in enumerate(CITIES, start=1):
    PAGES[f"sample-service-point-{n}"] = f"Sample service point {n} ({city})"
for code, name, slug in COUNTRIES:
    PAGES[slug] = SHEET["title"].format(name=name)
assert len(PAGES) == 44
SHEET_CODE = {slug: code for code, _n, slug in COUNTRIES}
assert SHEET_CODE == {"afghanistan": "AF", "iraq": "IQ", "georgia": "GE"}

ALIAS = {f"A{n}": f"sample-answer-{n}" for n in range(1, 31)}
ALIAS.update({"P1": "sample-programme-1", "P2": "sample-programme-2", "DEC": "your-decision",
              "AF": "afghanistan", "IQ": "iraq", "GE": "georgia"})
ALIAS.update({f"SP{n}": f"sample-service-point-{n}" for n in range(1, 9)})

# ---------------------------------------------------------------- programme conditions
PC = DEMO["PROGRAMME_COUNTRIES"]
COND = DEMO["PROGRAMME_CONDITIONS"]
assert PC == {1: ["AF", "IQ"], 2: ["GE"]}, PC
assert COND[1] == {"host_countries": ["BE"], "family_condition": "FamilyCondition.ANYONE",
                   "health_condition": "HealthCondition.SUPPORTED"}, COND[1]
assert COND[2] == {"host_countries": ["BE", "NO"], "family_condition": "FamilyCondition.ALONE_ONLY",
                   "health_condition": "HealthCondition.NOT_STATED"}, COND[2]
for kw in ("eligible_nationalities=PROGRAMME_COUNTRIES[n]",
           "eligible_residence_statuses=['asylum_rejected', 'irregular']",
           "covers_ticket=True",
           "cash_grant_amount=Decimal('100.00') * n",
           "cash_grant_per_child=Decimal('50.00') if n == 1 else None",
           "cash_grant_currency='EUR'"):
    assert kw in DEMO_SRC, kw
PROGRAMMES = {
    "sample-programme-1": {"nat": set(PC[1]), "hosts": set(COND[1]["host_countries"]),
                           "family": COND[1]["family_condition"].endswith("ANYONE"),
                           "health": COND[1]["health_condition"].endswith("SUPPORTED")},
    "sample-programme-2": {"nat": set(PC[2]), "hosts": set(COND[2]["host_countries"]),
                           "family": COND[2]["family_condition"].endswith("ANYONE"),
                           "health": COND[2]["health_condition"].endswith("SUPPORTED")},
}
PROG_TEXT = " ".join([PROG["summary"], PROG["in_kind"], PROG["vulnerable"], PROG["deadline"],
                      *PROG["how_to_apply"]])
for phrase in ("whose asylum application was refused or who have no legal stay",
               "The counsellor checks whether you are eligible",
               "vocational training", "start-up material for a small business"):
    assert phrase in PROG_TEXT, phrase

for phrase in ("contribution to rent for the first months", "medicine for the first months"):
    assert phrase in PROG_TEXT, phrase

# ---------------------------------------------------------------- body facts
BODY_FACTS = {
    1: "The first step is a conversation with a return counsellor",
    2: "books and pays the flight",
    3: "small cash amount",
    6: "without giving your name",
    8: "families can return together",
    9: "arrange an escort or wheelchair",
    10: "laissez-passer",
    11: "Often a few weeks",
    12: "you can withdraw until you leave",
    13: "does not pass on what you say without your",
    14: "What you said in your asylum procedure is not given to them",
    15: "within the luggage allowance of the ticket",
    16: "school enrolment after return",
    17: "you usually have to withdraw your asylum application",
    20: "material to start a small business",
    21: "temporary accommodation on arrival or a contribution to",
    22: "If you have nothing, the embassy may interview you",
    23: "An expired passport still helps",
    24: "someone meets you",
    29: "complaints procedure",
}
EXTRA_FACTS = [
    (9, "a supply of medicine for the first period"),
    (9, "ask a partner whether your treatment is available after return"),
    (8, "Every family member is included in the application"),
    (8, "birth and marriage certificates"),
    (10, "Your counsellor can help you contact the embassy or consulate"),
    (20, "vocational training"),
    (22, "birth certificate"),
    (22, "national ID card is best, even if expired"),
    (3, "help with rent or medical costs"),
    (12, "Withdrawing does not change your legal situation"),
    (12, "the booking can be cancelled"),
    (13, "confidential"),
    (6, "You decide what you tell"),
    (15, "Extra luggage is normally not paid by the programme"),
    (15, "keep documents and medicine in your hand luggage"),
    (16, "health checks and sometimes extra support per child"),
    (24, "help at the departure airport"),
    (24, "helps with onward travel"),
]
SHEET_FACTS = {
    "education": "Children can usually be enrolled in school after return",
    "work": "vocational training",
    "reintegration": "partner organisation in the country of return",
    "housing": "contribution to rent",
    "health": "what it costs, varies by region",
}
for n, phrase in BODY_FACTS.items():
    assert phrase in EN_A[n - 1], (n, phrase)
for n, phrase in EXTRA_FACTS:
    assert phrase in EN_A[n - 1], (n, phrase)
for kind, phrase in SHEET_FACTS.items():
    assert phrase in " ".join(SHEET["sections"][kind]), (kind, phrase)
assert "mental health" in " ".join(SHEET["sections"]["health"])

# strict [] calls: the demo texts say nothing about these
ALL_TEXT = " ".join([*EN_A, *EN_Q, PROG_TEXT, EXPL["summary"], *EXPL["body"],
                     *(" ".join(o) for o in EXPL["options"]),
                     *(" ".join(p) for p in SHEET["sections"].values()), SHEET["summary"]]).lower()
for absent in ("pregnan", "entry ban", "visa", "bank", "exchange rate", "smuggl", "work permit",
               "school year", "separately", "stay behind", "spouse", "detention centre",
               "closed centre", "saturday", "marry", "repay", "pay back", "custody",
               "diaspora", " tax", "weather", "recipe",
               "vaccin", "dog", " pet", "animal", "postpone", "regret", "cargo", "nurse", "aunt",
               "adult", "fee"):
    assert absent not in ALL_TEXT, absent
assert ALL_TEXT.count("detention") == 1 and "detention" in EN_A[4].lower()
assert ALL_TEXT.count("ban on coming back") == 1 and "ban on coming back" in EN_A[4]

# ---------------------------------------------------------------- service points
def haversine(a, b):
    (la1, lo1), (la2, lo2) = a, b
    r = 6371.0088
    p1, p2 = math.radians(la1), math.radians(la2)
    dp, dl = p2 - p1, math.radians(lo2 - lo1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))


POINTS = []
for n, (city, cc, lat, lon) in enumerate(CITIES, start=1):
    POINTS.append({"n": n, "city": city, "cc": cc, "pos": (float(lat), float(lon)),
                   "services": SERVICE_SETS[n - 1], "no_appointment": n % 2 == 1})
COUNSELLING = [p for p in POINTS if "return_counselling" in p["services"]]
assert [p["n"] for p in COUNSELLING] == [1, 3, 6, 8]
assert [p["n"] for p in COUNSELLING if p["no_appointment"]] == [1, 3]

# approximate city-centre coordinates for host cities not in the demo
ADDED = {
    "Mons": ("BE", 50.4542, 3.9523),
    "Tournai": ("BE", 50.6056, 3.3878),
    "Leuven": ("BE", 50.8798, 4.7005),
    "Mechelen": ("BE", 51.0259, 4.4776),
    "Kortrijk": ("BE", 50.8280, 3.2649),
    "Hasselt": ("BE", 50.9307, 5.3325),
    "Eupen": ("BE", 50.6281, 6.0356),
    "Sint-Niklaas": ("BE", 51.1652, 4.1434),
    "Aalst": ("BE", 50.9378, 4.0403),
    "Merksplas": ("BE", 51.3580, 4.8630),
    "Vottem": ("BE", 50.6690, 5.5790),
    "Bruges": ("BE", 51.2093, 3.2247),
    "Steenokkerzeel": ("BE", 50.9180, 4.5080),
    "Stavanger": ("NO", 58.9700, 5.7331),
    "Sandnes": ("NO", 58.8524, 5.7352),
    "Kristiansand": ("NO", 58.1467, 7.9956),
    "Drammen": ("NO", 59.7440, 10.2045),
    "Fredrikstad": ("NO", 59.2181, 10.9298),
    "Trondheim": ("NO", 63.4305, 10.3951),
    "Tromsø": ("NO", 69.6492, 18.9553),
    "Bodø": ("NO", 67.2804, 14.4049),
    "Trandum": ("NO", 60.1860, 11.1400),
    # new in v10
    "Schaerbeek": ("BE", 50.8676, 4.3737),
    "Ålesund": ("NO", 62.4722, 6.1495),
}
HOST_CITY = {p["city"]: (p["cc"], p["pos"]) for p in POINTS}
for c, (cc, la, lo) in ADDED.items():
    assert c not in HOST_CITY
    HOST_CITY[c] = (cc, (la, lo))
HOST_COUNTRY = {"Belgium": "BE", "Norway": "NO"}


def nearest(city):
    cc, pos = HOST_CITY[city]
    cands = sorted((haversine(pos, p["pos"]), p["n"]) for p in COUNSELLING if p["cc"] == cc)
    return cands[0][1], cands[0][0]


EXPECTED_NEAREST = {
    "Brussels": 1, "Antwerp": 1, "Ghent": 1, "Leuven": 1, "Mechelen": 1, "Mons": 1, "Tournai": 1,
    "Kortrijk": 1, "Sint-Niklaas": 1, "Schaerbeek": 1, "Aalst": 1, "Merksplas": 1, "Bruges": 1, "Steenokkerzeel": 1,
    "Liège": 3, "Eupen": 3, "Vottem": 3, "Hasselt": 3, "Charleroi": 8, "Namur": 8,
    "Oslo": 6, "Bergen": 6, "Stavanger": 6, "Sandnes": 6, "Kristiansand": 6, "Drammen": 6,
    "Fredrikstad": 6, "Trondheim": 6, "Tromsø": 6, "Bodø": 6, "Trandum": 6, "Ålesund": 6,
}
assert set(EXPECTED_NEAREST) == set(HOST_CITY)
for city, n in EXPECTED_NEAREST.items():
    assert nearest(city)[0] == n, (city, nearest(city))

# origin places -> country code (AF/IQ/GE have sheets and programmes; others none)
ORIGIN = {
    "Afghanistan": "AF", "Kabul": "AF", "Herat": "AF", "Jalalabad": "AF",
    "Iraq": "IQ", "Georgia": "GE", "Tbilisi": "GE",
    "Nigeria": "NG", "Lagos": "NG", "Ghana": "GH", "Kumasi": "GH", "Accra": "GH",
    "Gambia": "GM", "Banjul": "GM",
    "Kinshasa": "CD", "Guinea": "GN", "Conakry": "GN", "Cameroon": "CM", "Morocco": "MA",
    "Armenia": "AM", "Brazil": "BR", "Ukraine": "UA", "Egypt": "EG", "Sudan": "SD",
    "Khartoum": "SD", "Syria": "SY", "Damascus": "SY", "Iran": "IR", "Mashhad": "IR",
    "Tehran": "IR", "Kosovo": "XK", "Pristina": "XK", "Turkey": "TR", "Albania": "AL",
    "Tirana": "AL", "Rinas": "AL", "Serbia": "RS", "Chechnya": "RU", "Somalia": "SO",
    "Mogadishu": "SO", "Hargeisa": "SO", "Garowe": "SO", "Eritrea": "ER", "Asmara": "ER",
    "Mekelle": "ET", "Addis Ababa": "ET", "Uzbekistan": "UZ", "Tashkent": "UZ",
    "Pakistan": "PK", "Lahore": "PK", "Gujranwala": "PK",
    # new in v10
    "Mazar-i-Sharif": "AF", "Kandahar": "AF", "Erbil": "IQ", "Kutaisi": "GE",
    "DR Congo": "CD", "Douala": "CM", "Yaounde": "CM", "Algeria": "DZ", "Casablanca": "MA",
    "Yerevan": "AM", "Prizren": "XK", "Ferizaj": "XK", "Belgrade": "RS", "Russia": "RU",
    "Grozny": "RU", "Ethiopia": "ET", "Sri Lanka": "LK", "Kenya": "KE", "Bosaso": "SO",
    "Tajikistan": "TJ", "Bishkek": "KG", "Shkoder": "AL", "Islamabad": "PK", "Sialkot": "PK",
}
OTHER_PLACES = {"Italy", "Germany", "Poland", "England", "Europe", "United Kingdom", "Greece",
                "Bulgaria", "India"}
# the writer spells some host cities without diacritics
PLACE_ALIAS = {"Liege": "Liège", "Tromso": "Tromsø", "Bodo": "Bodø", "Alesund": "Ålesund"}

# ---------------------------------------------------------------- labels
# id: (codes, reason[, needs]). J<n> = new judgement call n in the README (v10); earlier calls are
# cited with their set (v6 J.., v7 J.., v8 J.., v9 J..); C1-C5 are the v8 carried-over groups.
R = {
    "none_status": "Personal case status: no page can answer it (always []).",
    "none_stats": "Exact statistics: no page gives them (always []).",
    "none_legal": "Advice or chances in one's own appeal or court case: no legal advice on a case (always [], v6 J16, v7 J19).",
    "none_work": "Work permit / work in the host country: not covered (always []).",
    "none_visa": "Visa for another person or country: not covered (always []).",
    "none_marriage": "Residence through marriage: not covered (always []).",
    "none_housing": "Renting / social housing in the host country: not covered; answer 30 is emergency shelter, not a rental (v7 J20).",
    "none_banking": "Banking / sending money: not covered (always []).",
    "none_smuggling": "Smuggling: not covered (always []).",
    "none_unrelated": "Unrelated (sport, recipe, exchange rate, phone plan, weather): always [].",
    "none_reentry": "Re-entry to Europe after voluntary return: no page says what applies; answer 5's ban is for forced return only (C1: v6 J3, v7 J6).",
    "none_detention": "Voluntary return from detention / a closed centre: no page addresses it; answer 5 mentions detention only in a forced return (C2: v6 J4, v7 J7).",
    "none_spouse": "Returning alone while the spouse with a residence permit stays (or whether she must come along): answer 8 covers families returning together only; no page covers a family splitting up or a spouse's status (v8 J3).",
    "money_other": "Money, nationality no programme covers: answer 3 only (v6 J1, v7 J1).",
    "money_sheet": "Money for a sheet country: programme for that nationality, answer 3, sheet (reintegration section) (fixed mapping).",
    "elig_be": "Eligibility by residence status (refused / irregular), Belgium or no host named: both programmes publish these statuses, then answer 1 (fixed mapping, v7 J3).",
    "elig_no": "Eligibility by residence status with Norway named: programme 1 hosts BE only, so [P2, 1] (v6 J2, v7 J3).",
    "dublin": "Dublin case, go home directly / can I apply: answer 17 (asylum case still open; withdraw to leave with a programme) (v5 ru-07, v7 J4).",
    "office": "Office / near-me question: the nearest return-counselling point in the city's own country, by haversine (service-point rule).",
    "hours": "Opening hours of the office in a named host city: the nearest counselling point, whose page lists the hours (Mo/Tu/Th 09:30-16:00) (v6 J20).",
    "docs_enough": "Lost passport, is my tazkira / ID card enough: answer 22 (an ID card is best, copies help), then 10 (v7 J9, v8 sq-04).",
    "no_passport": "No or lost passport (embassy unhelpful or asking much): fixed mapping no passport -> 10, 22; the counsellor helps contact the embassy; a refusal as such is not addressed (v8 J2).",
    "expired": "Expired passport / travel document: fixed mapping 23, 10.",
    "laissez": "Laissez-passer for a named country: answer 10 (one-way travel document via the embassy, with the counsellor) (v7 J9).",
    "duration": "Duration: answer 11 (fixed mapping).",
    "cancel": "Changing one's mind after signing: answer 12 (withdraw until you leave; legal situation stays as it was).",
    "cancel_money": "Changing one's mind after signing, must I pay money back: answer 12 (withdraw until you leave, booking cancelled, legal situation unchanged); repayment itself is not mentioned (J4, lenient).",
    "complaint": "Complaint about a service or its staff: answer 29 (generic for any service) (v7 J17).",
    "privacy_police": "Will police / immigration office get my data: 13 (confidential, nothing passed on without agreement) and 6 (ask anonymously) (v6 J5, v7 J8).",
    "privacy_general": "Who sees my information, is it confidential: 13 (confidential, not passed on without agreement), then 6 (you decide what you tell; identity only when applying) (J2).",
    "privacy_embassy": "Data going to the embassy or the origin government / police: 14 (asylum statements not given to them), then 13 (v6 J7).",
    "privacy_both": "Data to the embassy and the police: 14 for the embassy part, 13 for the police part (v8 J4).",
    "authorities": "Will authorities at home know I sought asylum / arrest me on arrival: answer 14 (asylum statements not passed on, talk to a lawyer if afraid); partial answer, v6 J10 precedent.",
    "arrival": "What happens on arrival / who meets me at the airport: answer 24 (someone meets you through a partner, onward travel) (v7 J15).",
    "arrival_sheet": "Arrival at the airport, sheet country named: answer 24, then the sheet (v7 J15).",
    "luggage": "Luggage: answer 15 (one checked bag, extra not paid, ask what the ticket allows); exact kilos not given (v7 J18).",
    "ticket": "Is the ticket free: answer 2 (the programme books and pays the flight) (fixed mapping).",
    "business_help": "Help to start a business / shop, no programme nationality: 20, 3 (fixed mapping).",
    "business_sheet": "Help to start a business in a sheet country: 20, 3, the programme for that nationality and the sheet (v7 J14).",
    "school": "Schooling after return, no sheet country: answer 16 (school enrolment after return) (v6 J15, v7 J11).",
    "school_sheet": "Schooling after return in a sheet country: the sheet (education section), then 16 (v5 ar-10, v7 ru-07).",
    "medicine": "Medicine supply / treatment after return, country not covered: answer 9 (supply of medicine, partner checks treatment) (v7 J10).",
    "treat_cost": "Whether treatment costs are paid: 9, then 3 (in-kind help with medical costs) (v6 J9).",
    "med_luggage": "Taking medicine along in the luggage / on the plane: 15 (keep medicine in your hand luggage), then 9 (a supply of medicine for the first period); no quantity limits are given (J3).",
    "med_supply": "Taking a supply of medicine for several months: 9 (a supply of medicine for the first period), then 15 (medicine in the hand luggage) (J3).",
    "docs_nothing": "No ID or passport at all: 22 ('If you have nothing, the embassy may interview you or check records'), then 10 (v8 J2 ar-26).",
    "business_money": "Money-worded business question (grant), no programme nationality: 3, 20 (fixed mapping small-business money).",
    "doc_duration": "How long the embassy takes to issue a laissez-passer / emergency passport: 11 (most of the waiting is for travel documents from the embassy), then 10 (v6 J8).",
    "child_papers": "A child born in the host country without home-country papers: 10 (documents via the embassy), then 8 (every family member included) (v6 de-06, v7 J13).",
    "school_fees": "Schooling after return with help for fees or books, no sheet country: answer 16 (school enrolment after return, sometimes extra support per child); fees and books are not named (J2, lenient).",
    "housing_return": "Help with rent / housing after return, no sheet country: answer 21 (temporary accommodation on arrival or a contribution to rent for the first months) (J12; v9 J5 without a sheet).",
    "housing_sheet": "Help with rent / housing after return in a sheet country: 21, the sheet (housing section), programme 1 (in-kind contribution to rent) (v9 J5).",
    "elig_named_other": "Eligibility by status with a named nationality no programme covers: answer 1 only; the programmes publish AF/IQ/GE nationals (v8 J1).",
    "arrival_auth": "What happens on arrival and will security question me: 24 (what happens at the airport), then 14 (asylum statements not passed on; talk to a lawyer if afraid) (v6 J10).",
    "medicine_sheet": "Treatment after return in a sheet country: 9 (a partner checks availability, medicine for the first period), then the sheet (health section) (v7 J10, v9 J7).",
    "children_along": "Children born in the host country travelling with the parent: answer 8 (families return together, every member is included; bring birth certificates) (J8).",
}

L = {
 # ---------------- en
 "en-01": ("A3", "money_other|Antwerp is named as the place of departure, not an office question."),
 "en-02": ("P1 P2 A1", "elig_be"),
 "en-03": ("A23 A10", "expired"),
 "en-04": ("A22 A10", "docs_nothing|Brussels is named for the embassy, so no service point."),
 "en-05": ("A15", "luggage"),
 "en-06": ("A9", "medicine|Insulin for the first months in Lagos: a supply of medicine for the first period; a partner checks availability."),
 "en-07": ("", "none_spouse|The children would stay too (J6)."),
 "en-08": ("A3 A20", "business_money|A start-up grant (money-worded); Gambia: no programme or sheet."),
 "en-09": ("A24", "arrival|Kotoka (Accra): no Ghana sheet; 24 also covers onward travel."),
 "en-10": ("A14", "authorities|Irregular stay rather than asylum: partial (v9 J14)."),
 "en-11": ("A13 A6", "privacy_police"),
 "en-12": ("SP8", "office|Charleroi's own point 7 offers legal aid and drop-in only."),
 "en-13": ("SP3", "hours|'Caritas' office: the demo counselling point is given (v7 J16); its page lists the hours, which answers 'Saturday' (v6 J20)."),
 "en-14": ("A11", "duration"),
 "en-15": ("A12", "cancel"),
 "en-16": ("", "none_reentry"),
 "en-17": ("", "none_detention"),
 "en-18": ("A29", "complaint"),
 "en-19": ("", "Contact details of the reintegration partner in Kumasi: no page gives partner contacts; only the AF/IQ/GE sheets' contacts section says to ask the counsellor for the partner's details, and Ghana has no sheet (J1)."),
 "en-20": ("", "none_status"),
 "en-21": ("", "none_stats"),
 "en-22": ("", "none_legal"),
 "en-23": ("", "none_work"),
 "en-24": ("", "none_visa"),
 "en-25": ("", "none_unrelated"),
 "en-26": ("", "none_unrelated"),
 "en-27": ("", "none_unrelated"),
 # ---------------- fr
 "fr-01": ("A3", "money_other|Wife and two children: no programme covers DR Congo, so no per-child amount applies."),
 "fr-02": ("A17", "dublin|Guinea: no programme."),
 "fr-03": ("A22 A10", "docs_enough|Only a birth certificate: 22 lists it among the papers that help."),
 "fr-04": ("A11 A10", "doc_duration"),
 "fr-05": ("A15", "luggage|One checked bag and hand luggage."),
 "fr-06": ("A9", "medicine"),
 "fr-07": ("A10 A8", "child_papers"),
 "fr-08": ("A20 A3", "business_help"),
 "fr-09": ("A24", "arrival|N'djili (Kinshasa): no sheet."),
 "fr-10": ("A14", "authorities"),
 "fr-11": ("A13 A6", "privacy_general"),
 "fr-12": ("SP8", "office"),
 "fr-13": ("SP1", "hours|'Fedasil' office: the demo counselling point (v7 J16)."),
 "fr-14": ("A12", "cancel"),
 "fr-15": ("", "none_reentry"),
 "fr-16": ("", "none_detention"),
 "fr-17": ("A29", "complaint"),
 "fr-18": ("A11", "duration"),
 "fr-19": ("A16", "school_fees"),
 "fr-20": ("P1 P2 A1", "An A-card (legal residence): an eligibility-by-status question; both programme pages publish the eligible statuses (refused or no legal stay), which answers that a permit holder does not fit them, then answer 1 (the counsellor checks which programme fits) (J3)."),
 "fr-21": ("", "none_status"),
 "fr-22": ("", "none_legal|What to do about one's own appeal (v6 J16)."),
 "fr-23": ("", "none_work"),
 "fr-24": ("", "none_marriage"),
 "fr-25": ("", "none_banking"),
 "fr-26": ("", "none_unrelated"),
 "fr-27": ("", "none_housing"),
 # ---------------- nl
 "nl-01": ("A3", "money_other"),
 "nl-02": ("P1 P2 A1", "elig_be"),
 "nl-03": ("A10 A22", "no_passport"),
 "nl-04": ("A23 A10", "expired|23: the counsellor helps you ask the embassy or consulate. Antwerp is named for the consulate, so no service point."),
 "nl-05": ("A15", "luggage|A bicycle: one checked bag, extra luggage not paid (v7 J18)."),
 "nl-06": ("A9", "Heart problems, a nurse on the flight: answer 9 (fit to travel, a programme can arrange an escort) (v8 J7)."),
 "nl-07": ("", "none_spouse"),
 "nl-08": ("A21", "housing_return|Yerevan (Armenia): no programme or sheet."),
 "nl-09": ("A24", "arrival|Casablanca: no Morocco sheet."),
 "nl-10": ("A14", "authorities"),
 "nl-11": ("A13 A6", "privacy_general"),
 "nl-12": ("SP1", "office"),
 "nl-13": ("SP3", "hours|Its page lists the hours (Mo/Tu/Th), which answers 'Wednesday afternoon' (v6 J20)."),
 "nl-14": ("A11", "duration"),
 "nl-15": ("A12", "cancel"),
 "nl-16": ("", "none_reentry"),
 "nl-17": ("", "none_detention"),
 "nl-18": ("A29", "complaint|Mechelen is named for the complaint, not an office question, so no service point."),
 "nl-19": ("A9 A16 GE", "Autistic son after return to Georgia: 9 (a partner checks whether care is available) and 16 (health checks, extra support per child), as v6 J14 / v8 ru-08 / v9 sq-04, plus the Georgia sheet (health section: chronic illness and mental health, a partner checks where treatment is available); programme 2 is not added (ALONE_ONLY, health NOT_STATED) (J4).", "health family"),
 "nl-20": ("", "none_status"),
 "nl-21": ("", "none_stats"),
 "nl-22": ("", "none_work"),
 "nl-23": ("", "none_visa"),
 "nl-24": ("", "none_marriage"),
 "nl-25": ("", "none_unrelated"),
 "nl-26": ("", "none_unrelated"),
 "nl-27": ("", "none_banking"),
 # ---------------- ar
 "ar-01": ("P1 A3 IQ", "money_sheet|A family: programme 1 accepts families (ANYONE, 50 EUR per child) (v9 J6).", "family"),
 "ar-02": ("A1", "elig_named_other|Morocco."),
 "ar-03": ("A23 A10", "expired"),
 "ar-04": ("A10", "laissez|Sudan; Brussels is named for the embassy, so no service point."),
 "ar-05": ("A15", "luggage"),
 "ar-06": ("A9", "medicine|Khartoum: no Sudan sheet.", "family"),
 "ar-07": ("", "none_spouse"),
 "ar-08": ("A20 A3 P1 IQ", "business_sheet|Erbil -> Iraq; no host named, so programme 1 is kept."),
 "ar-09": ("A24 A14", "arrival_auth|Damascus: no Syria sheet."),
 "ar-10": ("A14", "authorities"),
 "ar-11": ("A13 A6", "privacy_police"),
 "ar-12": ("SP3", "office"),
 "ar-13": ("SP1", "hours"),
 "ar-14": ("A11", "duration|Iraq is named, but no sheet section covers the duration."),
 "ar-15": ("A12", "cancel"),
 "ar-16": ("", "none_reentry"),
 "ar-17": ("", "none_detention"),
 "ar-18": ("A29", "complaint"),
 "ar-19": ("A16", "school|Casablanca: no Morocco sheet."),
 "ar-20": ("", "none_status"),
 "ar-21": ("", "none_stats"),
 "ar-22": ("", "none_legal"),
 "ar-23": ("", "none_work"),
 "ar-24": ("", "none_marriage"),
 "ar-25": ("", "none_unrelated"),
 "ar-26": ("", "none_unrelated"),
 "ar-27": ("", "none_smuggling"),
 # ---------------- fa
 "fa-01": ("A3", "money_other"),
 "fa-02": ("A1", "Rejected in Norway, return to Afghanistan with the programme: programme 1 (AF) hosts BE only and programme 2 is for GE only, so no programme fits; answer 1 (the counsellor checks which programme fits) (J5; v7 J4 fa-16, v8 J1).", ),
 "fa-03": ("A22 A10", "docs_enough"),
 "fa-04": ("A23 A10", "expired|Passport not renewed, the Iranian embassy in Oslo: 23 (the counsellor helps you ask the embassy) (v8 J2). Oslo is named for the embassy, so no service point."),
 "fa-05": ("A15", "luggage|A small carpet: extra luggage is normally not paid; no page gives kilos."),
 "fa-06": ("A9 AF P1", "Mother on dialysis, Herat: 9 (a partner checks whether treatment is available), the Afghanistan sheet (health section) and programme 1 (health SUPPORTED); the mother read as returning with the family, as v9 J13.", "health family"),
 "fa-07": ("AF A16", "school_sheet|Kabul -> Afghanistan."),
 "fa-08": ("A20 A3", "business_help|Mashhad (Iran): no programme or sheet."),
 "fa-09": ("A24 A14", "arrival_auth|Tehran: no Iran sheet."),
 "fa-10": ("A14", "authorities|The Taliban; Afghanistan not named, so no sheet (v9 J11)."),
 "fa-11": ("A14 A13", "privacy_embassy"),
 "fa-12": ("SP6", "office"),
 "fa-13": ("SP6", "hours"),
 "fa-14": ("A11", "duration"),
 "fa-15": ("A12", "cancel_money"),
 "fa-16": ("", "none_reentry"),
 "fa-17": ("", "none_detention"),
 "fa-18": ("A29", "complaint"),
 "fa-19": ("A21 AF P1", "housing_sheet|Mazar-i-Sharif -> Afghanistan; 'or only cash': 21 answers the rent part directly."),
 "fa-20": ("A17", "dublin|Iran: no programme."),
 "fa-21": ("", "none_status"),
 "fa-22": ("", "none_legal"),
 "fa-23": ("", "none_work"),
 "fa-24": ("", "none_marriage"),
 "fa-25": ("", "none_unrelated"),
 "fa-26": ("", "none_housing"),
 "fa-27": ("", "none_unrelated"),
 # ---------------- de
 "de-01": ("A3", "money_other"),
 "de-02": ("P1 P2 A1", "elig_be|Tolerated in Germany before, now in Belgium (v6 de-02)."),
 "de-03": ("A23 A10", "expired"),
 "de-04": ("A10", "laissez|Turkey."),
 "de-05": ("", "Taking a dog on the plane: pets are always [] (v5 rule); no page mentions animals."),
 "de-06": ("", "Flying seven months pregnant: no page covers pregnancy (C3: v5 J1, v6 J17, v8 C3); the Georgia sheet has no section on it."),
 "de-07": ("", "An adult daughter staying while the parent returns alone: answer 8 covers families returning together only; nothing covers a family splitting up (v8 J3 extended to an adult child, J6)."),
 "de-08": ("A20 A3", "business_help|Prizren (Kosovo): no programme or sheet."),
 "de-09": ("A24", "arrival|'Where will they take me': 24 says a partner can bring you to temporary accommodation; Belgrade: no sheet."),
 "de-10": ("A14", "authorities"),
 "de-11": ("A13 A6", "privacy_general"),
 "de-12": ("SP3", "office"),
 "de-13": ("SP3", "hours"),
 "de-14": ("A11", "duration"),
 "de-15": ("", "Postponing the flight date because of school: answer 12 covers withdrawing and cancelling the booking, not postponing; no page mentions it (J7, cf. v7 J11 school timing)."),
 "de-16": ("", "none_reentry|Answer 5's ban is for forced return; nothing says what applies after voluntary return."),
 "de-17": ("", "none_detention"),
 "de-18": ("A29", "complaint|An interpreter during counselling: 29 is generic for any service (26 is about availability and confidentiality, not complaints)."),
 "de-19": ("A21", "housing_return|Grozny (Chechnya): no programme or sheet."),
 "de-20": ("", "Vaccinations for the children before returning to Albania: no page mentions vaccinations; 16's 'health checks' after return do not answer what is needed before departure (J8).", "family"),
 "de-21": ("", "none_status"),
 "de-22": ("", "none_legal|'Sue or not' (v6 J16)."),
 "de-23": ("", "none_work"),
 "de-24": ("", "none_visa"),
 "de-25": ("", "none_stats"),
 "de-26": ("", "none_unrelated"),
 "de-27": ("", "none_unrelated"),
 # ---------------- no
 "no-01": ("A3", "money_other"),
 "no-02": ("P1 P2 A1", "elig_be|UNE is an agency, not a named place (v6 J2)."),
 "no-03": ("A10 A22", "no_passport"),
 "no-04": ("A10", "Travel document from the embassy or arranged for me: answer 10 (the counsellor helps you contact the embassy for a one-way travel document) (v7 J9)."),
 "no-05": ("A15", "luggage|How many suitcases: one checked bag, extra not paid; sending things ahead is not addressed (J14)."),
 "no-06": ("A9 A15", "med_supply"),
 "no-07": ("", "none_spouse"),
 "no-08": ("A20 A3", "business_help|Hargeisa: business support, as v9 J9 (C5 only for coverage questions)."),
 "no-09": ("A24", "arrival|Addis Ababa: no sheet."),
 "no-10": ("A14", "authorities"),
 "no-11": ("A13 A6", "privacy_police"),
 "no-12": ("SP6", "office"),
 "no-13": ("SP6", "hours"),
 "no-14": ("A11", "duration"),
 "no-15": ("A12", "cancel"),
 "no-16": ("", "none_reentry"),
 "no-17": ("", "none_detention|Financial support if leaving from Trandum (v7 J7 no-15)."),
 "no-18": ("A29", "complaint|Drammen is named for the complaint, so no service point."),
 "no-19": ("A16", "school"),
 "no-20": ("", "none_status"),
 "no-21": ("", "none_stats"),
 "no-22": ("", "none_legal"),
 "no-23": ("", "none_work"),
 "no-24": ("", "none_visa"),
 "no-25": ("", "none_unrelated"),
 "no-26": ("", "none_unrelated"),
 "no-27": ("", "none_banking"),
 # ---------------- ps
 "ps-01": ("P1 A3 AF", "money_sheet|No host named, so programme 1 is kept."),
 "ps-02": ("P1 P2 A1", "elig_be"),
 "ps-03": ("A10 A22", "A lost tazkira (the ID document itself): labelled like a lost passport, 10 (new identity documents; after return a partner helps replace civil documents), then 22 (what else proves identity) (J13)."),
 "ps-04": ("A23 A10", "expired|'Go to the embassy or not': 23 says the counsellor helps you ask the embassy."),
 "ps-05": ("A15", "luggage"),
 "ps-06": ("A9 AF P1", "Father with heart disease, medicine in Jalalabad: 9, the Afghanistan sheet (health section), programme 1 (health SUPPORTED); the father read as returning with the family (v9 J13).", "health family"),
 "ps-07": ("", "none_spouse"),
 "ps-08": ("A20 A3 P1 AF", "business_sheet|Kandahar -> Afghanistan."),
 "ps-09": ("A24 AF", "arrival_sheet|Kabul -> Afghanistan."),
 "ps-10": ("A14", "authorities|The Taliban; Afghanistan not named, so no sheet (v9 J11)."),
 "ps-11": ("A13 A6", "privacy_general"),
 "ps-12": ("SP1", "office"),
 "ps-13": ("SP1", "hours|Its page lists the hours (Mo/Tu/Th), which answers 'Friday' (v6 J20)."),
 "ps-14": ("A11", "duration"),
 "ps-15": ("A12", "cancel"),
 "ps-16": ("", "none_reentry"),
 "ps-17": ("", "none_detention"),
 "ps-18": ("A29", "complaint"),
 "ps-19": ("AF A16", "school_sheet|Kabul -> Afghanistan."),
 "ps-20": ("A17", "dublin|A bare statement, read with the writer's topic (eligibility): can a Dublin case return."),
 "ps-21": ("", "none_status"),
 "ps-22": ("", "none_legal"),
 "ps-23": ("", "none_work"),
 "ps-24": ("", "none_visa"),
 "ps-25": ("", "none_banking"),
 "ps-26": ("", "none_unrelated"),
 "ps-27": ("", "none_unrelated"),
 # ---------------- ti
 "ti-01": ("A3", "money_other"),
 "ti-02": ("A1", "elig_named_other|Eritrea."),
 "ti-03": ("A10 A22", "no_passport"),
 "ti-04": ("", "Must I sign the regret form at the Eritrean embassy: no page addresses it; 10 only says the counsellor helps contact the embassy (J9)."),
 "ti-05": ("A15", "luggage"),
 "ti-06": ("A9", "medicine"),
 "ti-07": ("", "none_spouse"),
 "ti-08": ("A20 A3", "business_help|'Or only money': 20 (material to start a small business), then 3 (small cash amount, support mostly in kind)."),
 "ti-09": ("A24", "arrival|Asmara: no sheet."),
 "ti-10": ("A14", "authorities"),
 "ti-11": ("A14 A13", "privacy_embassy"),
 "ti-12": ("SP6", "office"),
 "ti-13": ("SP6", "hours"),
 "ti-14": ("A11", "duration"),
 "ti-15": ("A12", "cancel"),
 "ti-16": ("", "none_reentry"),
 "ti-17": ("", "none_detention"),
 "ti-18": ("A29", "complaint"),
 "ti-19": ("", "The 2% diaspora tax on return: no page mentions it (J10; v9 J12 noted the tax is not addressed)."),
 "ti-20": ("", "none_status"),
 "ti-21": ("", "none_stats"),
 "ti-22": ("", "none_legal"),
 "ti-23": ("", "none_work"),
 "ti-24": ("", "none_marriage"),
 "ti-25": ("", "none_banking"),
 "ti-26": ("", "none_unrelated"),
 "ti-27": ("", "none_unrelated"),
 # ---------------- so
 "so-01": ("A3", "money_other"),
 "so-02": ("P1 P2 A1", "elig_be|No nationality or host named."),
 "so-03": ("A10 A22", "no_passport"),
 "so-04": ("A10", "laissez|Somalia; Oslo is named for the embassy, so no service point."),
 "so-05": ("A15", "luggage"),
 "so-06": ("A9", "medicine|Hargeisa: medicine, not a coverage question (v9 J9).", "family"),
 "so-07": ("", "none_spouse"),
 "so-08": ("A20 A3", "business_help|Bosaso: no programme or sheet."),
 "so-09": ("A24", "arrival|Aden Adde (Mogadishu): no sheet."),
 "so-10": ("A14", "authorities"),
 "so-11": ("A13 A6", "privacy_general"),
 "so-12": ("SP6", "office|Oslo's own point 5 offers shelter and drop-in only."),
 "so-13": ("SP6", "hours"),
 "so-14": ("A11", "duration"),
 "so-15": ("A12", "cancel"),
 "so-16": ("", "none_reentry"),
 "so-17": ("", "none_detention"),
 "so-18": ("A29", "complaint"),
 "so-19": ("A16", "school_fees|Hargeisa: schooling, not a coverage question (v9 J9)."),
 "so-20": ("A21", "housing_return|Mogadishu: no programme or sheet."),
 "so-21": ("", "none_status"),
 "so-22": ("", "none_legal"),
 "so-23": ("", "none_work"),
 "so-24": ("", "none_visa"),
 "so-25": ("", "none_banking"),
 "so-26": ("", "none_unrelated"),
 "so-27": ("", "none_marriage"),
 # ---------------- ru
 "ru-01": ("A3 GE", "Money for Georgia with the family: programme 2 is ALONE_ONLY, so it is not added; answer 3, then the Georgia sheet (reintegration section) (v9 J6).", "family"),
 "ru-02": ("P1 P2 A1", "elig_be"),
 "ru-03": ("A10 A22", "no_passport"),
 "ru-04": ("A10", "laissez|Uzbekistan; Brussels is named for the embassy, so no service point."),
 "ru-05": ("A15 A9", "med_luggage|Six months of medicine in the luggage: worded as a luggage question, so 15 first."),
 "ru-06": ("A9 GE", "medicine_sheet|Kutaisi -> Georgia; programme 2 is not added (health NOT_STATED)."),
 "ru-07": ("", "A daughter staying behind in Belgium with her aunt while the family leaves: nothing covers a family splitting up or a child staying (v8 J3 extended, J6); 16 covers a child travelling without parents, not one staying.", "family"),
 "ru-08": ("A20 A3 P2 GE", "business_sheet|Tbilisi -> Georgia; no host named."),
 "ru-09": ("A24 A14", "arrival_auth|Grozny (Chechnya): no sheet; fear of being met by Kadyrov's men."),
 "ru-10": ("A14", "authorities"),
 "ru-11": ("A14 A13", "privacy_embassy"),
 "ru-12": ("SP1", "office"),
 "ru-13": ("SP1", "hours"),
 "ru-14": ("A11", "duration"),
 "ru-15": ("A12", "cancel_money"),
 "ru-16": ("", "none_reentry"),
 "ru-17": ("", "none_detention|127bis (Steenokkerzeel); place not recorded by the writer."),
 "ru-18": ("A29", "complaint"),
 "ru-19": ("A21", "housing_return|Bishkek (Kyrgyzstan): no programme or sheet."),
 "ru-20": ("A17 P2", "Dublin case (fingerprints in Poland), straight home to Georgia: answer 17, then programme 2 (Georgian nationals; no host named, so the BE/NO host list does not exclude it), as v7 J4 added programme 1 to a Dublin case with a programme nationality (J11)."),
 "ru-21": ("", "none_status"),
 "ru-22": ("", "none_stats"),
 "ru-23": ("", "none_legal"),
 "ru-24": ("", "none_work"),
 "ru-25": ("", "none_unrelated"),
 "ru-26": ("", "none_unrelated"),
 "ru-27": ("", "none_smuggling"),
 "ru-28": ("", "none_housing"),
 # ---------------- sq
 "sq-01": ("A3", "money_other|Whole family: no programme covers Albania, so no per-child amount applies."),
 "sq-02": ("P1 P2 A1", "elig_be|CGRS is an agency, not a named place."),
 "sq-03": ("A23 A10", "expired"),
 "sq-04": ("A10", "laissez|Kosovo; Brussels is named for the embassy, so no service point."),
 "sq-05": ("A15", "luggage"),
 "sq-06": ("A9 A3", "treat_cost|Pristina: no Kosovo sheet.", "family"),
 "sq-07": ("", "none_spouse"),
 "sq-08": ("A20 A3", "business_help"),
 "sq-09": ("A24", "arrival|Rinas (Tirana airport): no Albania sheet."),
 "sq-10": ("A14", "authorities"),
 "sq-11": ("A13 A6", "privacy_police"),
 "sq-12": ("SP1", "office"),
 "sq-13": ("SP6", "hours|Oslo's own point 5 offers shelter and drop-in only."),
 "sq-14": ("A11", "duration"),
 "sq-15": ("A12", "cancel|Cancelling because one finds work: withdrawal is possible until departure."),
 "sq-16": ("", "none_reentry"),
 "sq-17": ("", "none_detention"),
 "sq-18": ("A29", "complaint"),
 "sq-19": ("A21", "housing_return|Tirana: no programme or sheet."),
 "sq-20": ("A16", "school_fees|Books; Ferizaj (Kosovo): no sheet."),
 "sq-21": ("", "none_status"),
 "sq-22": ("", "none_stats"),
 "sq-23": ("", "none_work"),
 "sq-24": ("", "none_marriage"),
 "sq-25": ("", "none_unrelated"),
 "sq-26": ("", "none_banking"),
 "sq-27": ("", "none_unrelated"),
 # ---------------- ur
 "ur-01": ("A3", "money_other"),
 "ur-02": ("P1 P2 A1", "elig_be"),
 "ur-03": ("A10 A22", "no_passport"),
 "ur-04": ("A11 A10", "doc_duration|Brussels is named for the embassy, so no service point."),
 "ur-05": ("A15", "luggage"),
 "ur-06": ("A9 A3", "treat_cost|Lahore: no Pakistan sheet (v6 ur-05).", "family"),
 "ur-07": ("", "none_spouse|The wife holds a visa here."),
 "ur-08": ("A20 A3", "business_help"),
 "ur-09": ("A14", "authorities|Arrest-only question about the FIA at the airport (v6 J10, v9 ur-07); Islamabad: no sheet."),
 "ur-10": ("A14", "authorities"),
 "ur-11": ("A13 A6", "privacy_general"),
 "ur-12": ("SP6", "office"),
 "ur-13": ("SP1", "hours"),
 "ur-14": ("A11", "duration|'How much time does it take', read with the writer's topic (duration)."),
 "ur-15": ("A12", "cancel"),
 "ur-16": ("", "none_reentry"),
 "ur-17": ("", "none_detention"),
 "ur-18": ("A29", "complaint"),
 "ur-19": ("A16", "school_fees|Sialkot: no sheet."),
 "ur-20": ("", "none_status"),
 "ur-21": ("", "none_stats"),
 "ur-22": ("", "none_work"),
 "ur-23": ("", "none_visa"),
 "ur-24": ("", "none_marriage"),
 "ur-25": ("", "none_unrelated"),
 "ur-26": ("", "none_unrelated"),
 "ur-27": ("", "none_smuggling"),
}

OFFICE_TOPICS = {"office", "hours"}
OUT_OF_SCOPE = {"casestatus", "legal", "statistics", "work", "exchange", "visa", "housing", "sports",
                "marriage", "phone", "smuggling", "food", "banking", "weather"}
SHEET_ORIGINS = {"AF", "IQ", "GE"}

by_id = {q["id"]: q for q in QUESTIONS}
assert set(L) == set(by_id), (set(by_id) - set(L), set(L) - set(by_id))
assert [q["id"] for q in QUESTIONS] == list(L), "L must follow the question order"


def allowed(pr, needs):
    return ("health" not in needs or pr["health"]) and ("family" not in needs or pr["family"])


out = []
used_cities = {}
for q in QUESTIONS:
    entry = L[q["id"]]
    codes, rkey = entry[0], entry[1]
    needs = set(entry[2].split()) if len(entry) > 2 else set()
    if q["topic"] == "health":
        needs.add("health")
    if q["topic"] == "family":
        needs.add("family")
    slugs = [ALIAS[c] for c in codes.split()]
    assert len(set(slugs)) == len(slugs), q["id"]
    for s in slugs:
        assert s in PAGES, (q["id"], s)
    key, _, note = rkey.partition("|")
    assert key in R or len(key) > 60, (q["id"], key)
    reason = R.get(key, key) + (" " + note if note else "")
    places = [PLACE_ALIAS.get(p.strip(), p.strip()) for p in q["place"].split(",") if p.strip()]
    for p in places:
        assert p in ORIGIN or p in OTHER_PLACES or p in HOST_CITY or p in HOST_COUNTRY, (q["id"], p)
    hosts_named = {HOST_CITY[p][0] for p in places if p in HOST_CITY} | \
                  {HOST_COUNTRY[p] for p in places if p in HOST_COUNTRY}
    origins = {ORIGIN[p] for p in places if p in ORIGIN}
    if q["topic"] in OUT_OF_SCOPE:
        assert not slugs, (q["id"], "out-of-scope topic with a label")
    if key.startswith("none_"):
        assert not slugs, q["id"]
    # answers used must have their key phrase checked
    for s in slugs:
        if s.startswith("sample-answer-"):
            assert int(s.rsplit("-", 1)[1]) in BODY_FACTS, (q["id"], s)
    # sheets only when their country (or a city in it) is named
    sheets = [s for s in slugs if s in SHEET_CODE]
    for s in sheets:
        assert SHEET_CODE[s] in origins, (q["id"], s)
    # programme conditions
    for s in slugs:
        if s in PROGRAMMES:
            pr = PROGRAMMES[s]
            assert allowed(pr, needs), (q["id"], s, needs)
            assert origins <= pr["nat"], (q["id"], s, origins)
            assert hosts_named <= pr["hosts"], (q["id"], s, hosts_named)
            for sh in sheets:
                assert SHEET_CODE[sh] in pr["nat"], (q["id"], s, sh)
    if key == "elig_be":
        assert slugs == ["sample-programme-1", "sample-programme-2", "sample-answer-1"]
        assert "NO" not in hosts_named and not (origins - SHEET_ORIGINS), q["id"]
    if key == "elig_no":
        assert slugs == ["sample-programme-2", "sample-answer-1"] and "NO" in hosts_named, q["id"]
    if key in ("housing_return", "school_fees", "business_money", "arrival_auth"):
        assert not (origins & SHEET_ORIGINS), (q["id"], key)
    if key in ("housing_sheet", "medicine_sheet", "school_sheet", "arrival_sheet"):
        assert origins & SHEET_ORIGINS and sheets, (q["id"], key)
    if key == "elig_named_other":
        assert origins and not (origins & SHEET_ORIGINS) and slugs == ["sample-answer-1"], q["id"]
    if key == "money_other":
        assert origins and not (origins & SHEET_ORIGINS) and slugs == ["sample-answer-3"], q["id"]
    if key in ("business_help", "business_money", "medicine", "treat_cost", "school", "school_fees",
               "arrival", "arrival_auth", "housing_return", "medicine_sheet", "housing_sheet", "school_sheet"):
        assert not (origins & SHEET_ORIGINS) or sheets, (q["id"], "a sheet country needs its sheet")
    # money / business for a sheet nationality: every programme that matches nationality, host and
    # the needs (family, health) must be on the label; the sheet too
    if q["topic"] in ("money",) or key in ("money_sheet", "business_sheet"):
        if origins & SHEET_ORIGINS:
            must = [s for s, pr in PROGRAMMES.items()
                    if origins & pr["nat"] and hosts_named <= pr["hosts"] and allowed(pr, needs)]
            assert all(m in slugs for m in must), (q["id"], must)
            assert sheets, q["id"]
    # service points: only on office/hours questions; the nearest counselling point of each host
    # city named, in order, without repeats (J10)
    sps = [s for s in slugs if s.startswith("sample-service-point-")]
    host_cities = [p for p in places if p in HOST_CITY]
    for c in host_cities:
        used_cities.setdefault(c, []).append((q["id"], q["topic"] in OFFICE_TOPICS))
    if q["topic"] in OFFICE_TOPICS:
        assert host_cities, q["id"]
        want = list(OrderedDict.fromkeys(f"sample-service-point-{nearest(c)[0]}" for c in host_cities))
        assert sps == want == slugs, (q["id"], sps, want)
        reason += " Nearest counselling point: " + "; ".join(
            f"{c} -> {nearest(c)[0]} ({nearest(c)[1]:.1f} km)" for c in host_cities) + "."
    else:
        assert not sps, q["id"]
    out.append({"id": q["id"], "lang": q["lang"], "expected_slugs": slugs,
                "expected_titles": [PAGES[s] for s in slugs], "reason": reason})

with open(os.path.join(HERE, "v10_labels.jsonl"), "w", encoding="utf-8") as fh:
    for row in out:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")

if "--report" in sys.argv:
    langs = list(OrderedDict.fromkeys(q["lang"] for q in QUESTIONS))
    print("| lang | n | answerable | none |")
    print("|---|---|---|---|")
    tot = Counter()
    for lg in langs:
        rows = [r for r in out if r["lang"] == lg]
        a = sum(1 for r in rows if r["expected_slugs"])
        print(f"| {lg} | {len(rows)} | {a} | {len(rows) - a} |")
        tot["n"] += len(rows); tot["a"] += a
    print(f"| **all** | **{tot['n']}** | **{tot['a']}** | **{tot['n'] - tot['a']}** |")
    used = Counter(s for r in out for s in r["expected_slugs"])
    print("pages used:", len(used), "never:", [s for s in PAGES if s not in used])
    flag = Counter((q["likely_unanswerable"], bool(r["expected_slugs"])) for q, r in zip(QUESTIONS, out))
    print("flag vs label (flagged, answerable):", dict(flag))
    print("flagged answerable:", [q["id"] for q, r in zip(QUESTIONS, out) if q["likely_unanswerable"] and r["expected_slugs"]])
    un = [q for q, r in zip(QUESTIONS, out) if not q["likely_unanswerable"] and not r["expected_slugs"]]
    by = {}
    for q in un:
        by.setdefault(L[q["id"]][1].partition("|")[0], []).append(q["id"])
    for k, v in by.items():
        print("unflagged none:", k, len(v), " ".join(v))
    for c in sorted(used_cities):
        n, d = nearest(c)
        print(f"{c:14} {HOST_CITY[c][0]} nearest {n} {d:.1f} km added={c in ADDED} uses={used_cities[c]}")
    for c in ADDED:
        if c not in used_cities:
            print("added but unused:", c)
print(f"wrote {len(out)} labels to v10_labels.jsonl")
