#!/usr/bin/env python3
"""Labels for blind question set v9 against the Retour demo content.

python3, stdlib only. Parses the demo files with `ast`; imports nothing from
Django or the product. Writes v9_labels.jsonl next to this file.
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
QSET = os.path.join(HERE, "v9.jsonl")
with open(os.path.join(HERE, "v9.sha256")) as fh:
    EXPECTED_SHA = fh.read().split()[0]
with open(QSET, "rb") as fh:
    RAW = fh.read()
assert hashlib.sha256(RAW).hexdigest() == EXPECTED_SHA, "v9.jsonl changed"
QUESTIONS = [json.loads(line) for line in RAW.decode("utf-8").splitlines() if line.strip()]
assert len(QUESTIONS) == 359

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
               "diaspora", " tax", "weather", "recipe"):
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
    "Kortrijk": 1, "Sint-Niklaas": 1, "Aalst": 1, "Merksplas": 1, "Bruges": 1, "Steenokkerzeel": 1,
    "Liège": 3, "Eupen": 3, "Vottem": 3, "Hasselt": 3, "Charleroi": 8, "Namur": 8,
    "Oslo": 6, "Bergen": 6, "Stavanger": 6, "Sandnes": 6, "Kristiansand": 6, "Drammen": 6,
    "Fredrikstad": 6, "Trondheim": 6, "Tromsø": 6, "Bodø": 6, "Trandum": 6,
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
}
OTHER_PLACES = {"Italy", "Germany", "Poland", "England", "Europe"}

# ---------------------------------------------------------------- labels
# id: (codes, reason[, needs]). J<n> = new judgement call n in the README (v9); earlier calls are
# cited with their set (v6 J.., v7 J.., v8 J..); C1-C5 are the v8 carried-over groups.
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
    "children_along": "Children born in the host country travelling with the parent: answer 8 (families return together, every member is included; bring birth certificates) (J8).",
}

L = {
 # ---------------- en
 "en-01": ("A3", "money_other"),
 "en-02": ("P1 P2 A1", "elig_be"),
 "en-03": ("A10 A22", "no_passport|Brussels is named for the embassy, not an office question, so no service point; 22 lists which papers help."),
 "en-04": ("A15", "luggage"),
 "en-05": ("A9", "medicine|Insulin in Lagos: a supply of medicine for the first period; a partner checks availability."),
 "en-06": ("A14", "authorities|Arrest-only question (v6 J10)."),
 "en-07": ("A20 A3", "business_help"),
 "en-08": ("A11", "duration"),
 "en-09": ("A12", "cancel|'Can I still stay in Norway': withdrawing leaves the legal situation as it was before applying (J15)."),
 "en-10": ("", "none_reentry"),
 "en-11": ("", "none_legal"),
 "en-12": ("", "none_stats"),
 "en-13": ("", "none_visa"),
 "en-14": ("SP1", "office"),
 "en-15": ("SP6", "hours|Oslo's own point 5 offers shelter and drop-in only."),
 "en-16": ("A10", "laissez"),
 "en-17": ("A2", "ticket|'Is it free?' read with the intent (the return flight); answer 13 (counselling is free) not added (J1)."),
 "en-18": ("", "none_unrelated"),
 "en-19": ("", "none_status"),
 "en-20": ("A17", "dublin"),
 "en-21": ("A16", "school"),
 "en-22": ("", "none_unrelated"),
 "en-23": ("A13 A6", "privacy_police"),
 "en-24": ("A13 A6", "privacy_general"),
 "en-25": ("A24", "arrival"),
 "en-26": ("", "none_work"),
 "en-27": ("A29", "complaint|Ghent is named for the complaint, not an office question, so no service point."),
 "en-28": ("", "none_detention"),
 "en-29": ("", "none_unrelated"),
 # ---------------- fr
 "fr-01": ("A3", "money_other|Three children: no programme covers DR Congo, so no per-child amount applies."),
 "fr-02": ("P1 P2 A1", "elig_be"),
 "fr-03": ("A23 A10", "expired"),
 "fr-04": ("", "none_spouse|Here the wife would return alone while the husband with a residence card stays."),
 "fr-05": ("A15 A9", "med_luggage"),
 "fr-06": ("A20 A3", "business_help"),
 "fr-07": ("A14", "authorities"),
 "fr-08": ("A11", "duration"),
 "fr-09": ("A12", "cancel|'What do I lose': withdrawing does not change the legal situation."),
 "fr-10": ("", "none_detention"),
 "fr-11": ("A24", "arrival"),
 "fr-12": ("", "none_legal"),
 "fr-13": ("", "none_marriage"),
 "fr-14": ("", "none_banking"),
 "fr-15": ("SP3", "office"),
 "fr-16": ("SP8", "hours|Charleroi's own point 7 offers legal aid and drop-in only."),
 "fr-17": ("A2", "ticket"),
 "fr-18": ("A17", "dublin"),
 "fr-19": ("", "none_unrelated"),
 "fr-20": ("", "none_status"),
 "fr-21": ("A16", "school"),
 "fr-22": ("A29", "complaint"),
 "fr-23": ("", "none_unrelated"),
 "fr-24": ("A13 A6", "privacy_general"),
 "fr-25": ("", "none_reentry"),
 "fr-26": ("", "none_housing"),
 "fr-27": ("SP1", "office|Mons or Tournai: both nearest to Brussels (J10)."),
 "fr-28": ("", "none_work"),
 # ---------------- nl
 "nl-01": ("A3", "money_other"),
 "nl-02": ("P1 P2 A1", "elig_be|An order to leave means no legal stay (irregular); the question asks about entitlement (v8 J5)."),
 "nl-03": ("A10 A22", "no_passport"),
 "nl-04": ("A8 A16", "children_along|Plus 16 (school enrolment after return), because the son's Belgian schooling is mentioned.", "family"),
 "nl-05": ("A9", "medicine"),
 "nl-06": ("A21 AF P1", "Help with rent or housing after return to Afghanistan: answer 21 (temporary accommodation, contribution to rent), the Afghanistan sheet (housing section) and programme 1 (in-kind contribution to rent, AF) (J5)."),
 "nl-07": ("A14", "authorities|Irregular stay rather than asylum: 14 is the page on the home authorities knowing; partial (J14)."),
 "nl-08": ("A11", "duration"),
 "nl-09": ("", "none_reentry"),
 "nl-10": ("", "none_detention"),
 "nl-11": ("", "none_stats"),
 "nl-12": ("", "none_legal"),
 "nl-13": ("", "none_marriage"),
 "nl-14": ("SP1", "office"),
 "nl-15": ("SP1", "hours"),
 "nl-16": ("A17", "dublin"),
 "nl-17": ("A15", "luggage"),
 "nl-18": ("", "none_status"),
 "nl-19": ("A29", "complaint"),
 "nl-20": ("", "none_unrelated"),
 "nl-21": ("A24", "arrival"),
 "nl-22": ("A13 A6", "privacy_police"),
 "nl-23": ("A12", "cancel"),
 "nl-24": ("SP1", "office|Leuven or Mechelen: both nearest to Brussels (J10)."),
 "nl-25": ("", "none_housing"),
 "nl-26": ("", "none_work"),
 "nl-27": ("", "none_unrelated"),
 "nl-28": ("GE A16", "school_sheet"),
 # ---------------- ar
 "ar-01": ("P1 A3 IQ", "money_sheet|With wife and two children: programme 1 accepts families (ANYONE, 50 EUR per child) (J6).", "family"),
 "ar-02": ("P2 A1", "elig_no"),
 "ar-03": ("A10 A22", "no_passport|The Syrian embassy refusing a passport is not addressed (v8 J2)."),
 "ar-04": ("A9", "medicine"),
 "ar-05": ("", "none_spouse"),
 "ar-06": ("A20 A3", "business_help"),
 "ar-07": ("A14", "authorities"),
 "ar-08": ("A11", "duration"),
 "ar-09": ("A12", "cancel"),
 "ar-10": ("", "none_detention"),
 "ar-11": ("", "none_legal"),
 "ar-12": ("", "none_stats"),
 "ar-13": ("SP1", "office"),
 "ar-14": ("SP6", "hours"),
 "ar-15": ("A15", "luggage"),
 "ar-16": ("A10", "laissez"),
 "ar-17": ("", "none_status"),
 "ar-18": ("", "none_unrelated"),
 "ar-19": ("A29", "complaint"),
 "ar-20": ("", "none_unrelated"),
 "ar-21": ("A14 A13", "privacy_embassy"),
 "ar-22": ("", "none_reentry"),
 "ar-23": ("A24", "arrival|Damascus: no Syria sheet."),
 "ar-24": ("", "none_visa"),
 "ar-25": ("", "none_smuggling"),
 "ar-26": ("", "none_work"),
 "ar-27": ("SP3 SP8", "office|Liège or Namur: each city has its own counselling point, so both, in the order named (J10)."),
 # ---------------- fa
 "fa-01": ("A3", "money_other|Children: Iran is covered by no programme, so no per-child amount applies."),
 "fa-02": ("A17", "dublin|Afghanistan from Norway: programme 1 hosts BE only, so no programme (v7 J4)."),
 "fa-03": ("A22 A10", "docs_enough|Brussels is named for the embassy, so no service point; Afghanistan not named as a place, and no sheet section covers it."),
 "fa-04": ("A9 A15", "med_supply"),
 "fa-05": ("", "none_spouse|Herat is named, but the need is the spouse staying, not support in Afghanistan."),
 "fa-06": ("A20 A3", "business_help"),
 "fa-07": ("A14", "authorities|Arrest / interrogation question (v6 J10)."),
 "fa-08": ("A11", "duration"),
 "fa-09": ("A12", "cancel"),
 "fa-10": ("", "none_detention"),
 "fa-11": ("", "none_legal"),
 "fa-12": ("", "none_stats"),
 "fa-13": ("", "none_reentry"),
 "fa-14": ("SP1", "office"),
 "fa-15": ("SP6", "hours"),
 "fa-16": ("A15", "luggage"),
 "fa-17": ("", "none_status"),
 "fa-18": ("", "none_unrelated"),
 "fa-19": ("A16", "school"),
 "fa-20": ("A29", "complaint|A complaint about the reception camp: 29 is generic for any service."),
 "fa-21": ("A14 A13", "privacy_embassy"),
 "fa-22": ("A24 AF", "arrival_sheet"),
 "fa-23": ("", "none_smuggling"),
 "fa-24": ("", "none_work"),
 "fa-25": ("", "none_marriage"),
 "fa-26": ("", "none_housing"),
 "fa-27": ("SP6", "office"),
 # ---------------- de
 "de-01": ("A3", "money_other"),
 "de-02": ("A17", "dublin|Germany and Norway named for the Dublin question, no nationality: no programme, no service point."),
 "de-03": ("A23 A10", "expired"),
 "de-04": ("", "none_spouse|Whether the wife with a residence permit must come along is a residence question (v8 J3)."),
 "de-05": ("A9", "medicine|Dialysis: a partner checks whether treatment is available after return."),
 "de-06": ("A15", "luggage|Excess baggage: 15 says extra luggage is normally not paid by the programme."),
 "de-07": ("A20 A3", "business_help"),
 "de-08": ("A14", "authorities"),
 "de-09": ("", "none_reentry"),
 "de-10": ("A11", "duration"),
 "de-11": ("", "none_stats"),
 "de-12": ("", "none_legal|'Sue or go back' (v6 J16)."),
 "de-13": ("SP3", "office"),
 "de-14": ("SP1", "hours"),
 "de-15": ("A12", "cancel"),
 "de-16": ("A24", "arrival"),
 "de-17": ("", "none_status"),
 "de-18": ("", "none_work"),
 "de-19": ("A29", "complaint"),
 "de-20": ("A16", "school"),
 "de-21": ("A14 A13", "privacy_embassy"),
 "de-22": ("", "none_detention"),
 "de-23": ("", "none_unrelated"),
 "de-24": ("", "none_visa"),
 "de-25": ("", "none_housing"),
 "de-26": ("SP6", "office"),
 "de-27": ("", "none_unrelated"),
 # ---------------- no
 "no-01": ("P1 A3 IQ", "money_sheet|Norway not named, so programme 1 is kept (v5 J3, v8 no-09)."),
 "no-02": ("P1 P2 A1", "elig_be|UNE is an agency, not a named place (v6 J2)."),
 "no-03": ("A10 A22", "no_passport|Oslo is named for the embassy, not an office question, so no service point."),
 "no-04": ("A8", "children_along", "family"),
 "no-05": ("A9", "medicine|Mental health: answer 9 (medicine for the first period); no country named, so no sheet."),
 "no-06": ("A20 A3", "business_help|Hargeisa: the need is business support, labelled like any country no programme covers; C5 (Hargeisa -> []) is for destination-coverage questions (J9)."),
 "no-07": ("A14", "authorities"),
 "no-08": ("A11", "duration"),
 "no-09": ("A12", "cancel_money"),
 "no-10": ("", "none_detention"),
 "no-11": ("", "none_stats"),
 "no-12": ("", "none_legal"),
 "no-13": ("SP6", "office"),
 "no-14": ("SP6", "hours"),
 "no-15": ("A15", "luggage"),
 "no-16": ("A17", "dublin"),
 "no-17": ("", "none_status"),
 "no-18": ("A29", "complaint|A caseworker: 29 is generic (v7 no-18)."),
 "no-19": ("", "none_unrelated"),
 "no-20": ("A24", "arrival"),
 "no-21": ("A13 A6", "privacy_police"),
 "no-22": ("", "none_reentry"),
 "no-23": ("SP6", "office|Stavanger or Kristiansand: both nearest to Bergen (J10)."),
 "no-24": ("", "none_work"),
 "no-25": ("", "none_marriage"),
 "no-26": ("", "none_unrelated"),
 "no-27": ("", "none_banking"),
 # ---------------- ps
 "ps-01": ("P1 A3 AF", "money_sheet|Children: programme 1 accepts families (50 EUR per child) (J6).", "family"),
 "ps-02": ("P1 P2 A1", "elig_be"),
 "ps-03": ("A22 A10", "docs_enough"),
 "ps-04": ("A9 AF P1", "Ill mother, medicine in Kabul: 9 (a partner checks availability, medicine for the first period), the Afghanistan sheet (health section) and programme 1 (health SUPPORTED, medicine for the first months); as v7 ps-06 (J13).", "health family"),
 "ps-05": ("", "none_spouse"),
 "ps-06": ("A20 A3 P1 AF", "business_sheet"),
 "ps-07": ("A14", "authorities|The Taliban finding out: a 'will they know' question, and Afghanistan is not named, so no sheet (J11, v8 J11)."),
 "ps-08": ("A11", "duration"),
 "ps-09": ("A12", "cancel"),
 "ps-10": ("", "none_detention"),
 "ps-11": ("A24 AF", "arrival_sheet"),
 "ps-12": ("", "none_legal"),
 "ps-13": ("", "none_status"),
 "ps-14": ("SP6", "office"),
 "ps-15": ("SP1", "hours"),
 "ps-16": ("A15", "luggage"),
 "ps-17": ("A17", "dublin"),
 "ps-18": ("", "none_unrelated"),
 "ps-19": ("A29", "complaint"),
 "ps-20": ("", "none_unrelated"),
 "ps-21": ("A16", "school|No country named, so no sheet (v8 J13)."),
 "ps-22": ("A14 A13", "privacy_embassy|The Taliban as the origin authorities (v6 J7 fa-15); no sheet (J11)."),
 "ps-23": ("", "none_reentry"),
 "ps-24": ("", "none_smuggling"),
 "ps-25": ("", "none_work"),
 "ps-26": ("", "none_visa"),
 "ps-27": ("SP6", "office|Trondheim or Bergen: both nearest to Bergen (J10)."),
 # ---------------- ti
 "ti-01": ("A3", "money_other"),
 "ti-02": ("P1 P2 A1", "elig_be|No nationality or host named (v8 J1 needs a named nationality)."),
 "ti-03": ("A10 A22", "no_passport|The embassy's demand for the 2% diaspora tax is not addressed; the need read is getting a document without a passport (J12, lenient; v7 fr-03 'who pays the fee' was [])."),
 "ti-04": ("A9", "medicine"),
 "ti-05": ("", "none_spouse"),
 "ti-06": ("A20 A3", "business_help|Mekelle (Ethiopia): no programme or sheet."),
 "ti-07": ("A14", "authorities"),
 "ti-08": ("A11", "duration|Oslo is named for the duration, not an office question, so no service point."),
 "ti-09": ("A12", "cancel"),
 "ti-10": ("", "none_detention"),
 "ti-11": ("", "none_legal"),
 "ti-12": ("", "none_stats"),
 "ti-13": ("SP6", "office"),
 "ti-14": ("SP6", "hours"),
 "ti-15": ("A15", "luggage"),
 "ti-16": ("A17", "dublin"),
 "ti-17": ("", "none_status"),
 "ti-18": ("", "none_unrelated"),
 "ti-19": ("A29", "complaint"),
 "ti-20": ("", "none_unrelated"),
 "ti-21": ("A14 A13", "privacy_embassy"),
 "ti-22": ("", "none_reentry"),
 "ti-23": ("A24", "arrival|Addis Ababa: no Ethiopia sheet."),
 "ti-24": ("", "none_smuggling"),
 "ti-25": ("", "none_work"),
 "ti-26": ("", "none_visa"),
 "ti-27": ("A16", "school"),
 "ti-28": ("SP6", "office|Drammen or Fredrikstad: both nearest to Bergen (J10)."),
 # ---------------- so
 "so-01": ("A3", "money_other"),
 "so-02": ("P2 A1", "elig_no"),
 "so-03": ("A23 A10", "expired"),
 "so-04": ("A9", "medicine"),
 "so-05": ("A8", "children_along|Hargeisa is the destination, but the question is about the children coming along, not whether return there is covered (C5 not applied) (J8).", "family"),
 "so-06": ("A20 A3", "business_help|Garowe (Puntland): no programme or sheet."),
 "so-07": ("A14", "authorities"),
 "so-08": ("A11", "duration"),
 "so-09": ("A12", "cancel"),
 "so-10": ("", "none_detention"),
 "so-11": ("", "none_legal"),
 "so-12": ("", "none_stats"),
 "so-13": ("SP6", "office"),
 "so-14": ("SP1", "hours"),
 "so-15": ("A15", "luggage"),
 "so-16": ("A17", "dublin"),
 "so-17": ("", "none_status"),
 "so-18": ("", "none_unrelated"),
 "so-19": ("A29", "complaint"),
 "so-20": ("", "none_banking"),
 "so-21": ("A14 A13", "privacy_embassy"),
 "so-22": ("", "none_reentry"),
 "so-23": ("A24", "arrival"),
 "so-24": ("", "none_work"),
 "so-25": ("", "none_housing"),
 "so-26": ("A16", "school"),
 "so-27": ("SP6", "office|Tromsø or Bodø: both nearest to Bergen (J10)."),
 "so-28": ("", "none_unrelated"),
 # ---------------- ru
 "ru-01": ("A3 GE", "Money for Georgia with the family: programme 2 is ALONE_ONLY, so it is not added (P2 never for families); answer 3, then the Georgia sheet (reintegration section) (J6).", "family"),
 "ru-02": ("A17", "dublin"),
 "ru-03": ("A23 A10", "expired|Tbilisi is the destination; no sheet section covers the travel document."),
 "ru-04": ("A9 A3 GE", "treat_cost|Georgia named: the sheet's health section (what treatment costs varies; some programmes pay for medicine). Programme 2 is not added (health NOT_STATED) (J7).", "health"),
 "ru-05": ("A15", "luggage|Extra luggage for a family with a pram: extra luggage is normally not paid (v8 sq-23)."),
 "ru-06": ("A20 A3", "business_help"),
 "ru-07": ("A14", "authorities"),
 "ru-08": ("A11", "duration|'Often a few weeks'."),
 "ru-09": ("A12", "cancel_money"),
 "ru-10": ("", "none_detention"),
 "ru-11": ("", "none_legal"),
 "ru-12": ("", "none_stats"),
 "ru-13": ("SP3", "office"),
 "ru-14": ("SP1", "hours"),
 "ru-15": ("A16", "school"),
 "ru-16": ("A24", "arrival"),
 "ru-17": ("", "none_status"),
 "ru-18": ("", "none_unrelated"),
 "ru-19": ("A29", "complaint"),
 "ru-20": ("", "none_unrelated"),
 "ru-21": ("A14 A13", "privacy_both|Embassy named first."),
 "ru-22": ("", "none_reentry"),
 "ru-23": ("SP3 SP1", "office|Hasselt or Bruges: Hasselt -> Liège (37.4 km), Bruges -> Brussels (88.6 km), both in the order named (J10)."),
 "ru-24": ("", "none_work"),
 "ru-25": ("", "none_housing"),
 "ru-26": ("", "none_unrelated"),
 "ru-27": ("A15 A9", "med_luggage"),
 # ---------------- sq
 "sq-01": ("A3", "money_other"),
 "sq-02": ("P2 A1", "elig_no|Without a residence permit = irregular."),
 "sq-03": ("A23 A10", "expired|Brussels is named for the travel document (embassy), so no service point."),
 "sq-04": ("A9 A16", "Autism therapy after return (Tirana): 9 (a partner checks whether care is available) and 16 (health checks, extra support per child); lenient, as v6 J14 / v8 ru-08."),
 "sq-05": ("", "none_spouse"),
 "sq-06": ("A20 A3", "business_help"),
 "sq-07": ("A14", "authorities"),
 "sq-08": ("A11", "duration"),
 "sq-09": ("", "none_reentry"),
 "sq-10": ("A12", "cancel_money"),
 "sq-11": ("", "none_detention"),
 "sq-12": ("", "none_legal"),
 "sq-13": ("", "none_stats"),
 "sq-14": ("", "none_marriage"),
 "sq-15": ("SP1", "office"),
 "sq-16": ("SP6", "hours"),
 "sq-17": ("A15", "luggage"),
 "sq-18": ("A17", "dublin"),
 "sq-19": ("", "none_status"),
 "sq-20": ("A29", "complaint"),
 "sq-21": ("", "none_unrelated"),
 "sq-22": ("", "none_unrelated"),
 "sq-23": ("A14 A13", "privacy_embassy|The police at home are the origin authorities."),
 "sq-24": ("A24", "arrival|Rinas (Tirana airport): no Albania sheet."),
 "sq-25": ("", "none_work"),
 "sq-26": ("", "none_visa"),
 "sq-27": ("A16", "school|Kosovo: no sheet."),
 "sq-28": ("SP1", "office|Sint-Niklaas or Aalst: both nearest to Brussels (J10)."),
 # ---------------- ur
 "ur-01": ("A3", "money_other"),
 "ur-02": ("P1 P2 A1", "elig_be"),
 "ur-03": ("A23 A10", "expired|Brussels is named for the embassy, so no service point."),
 "ur-04": ("A9 A3", "treat_cost|Lahore: no Pakistan sheet (v6 ur-05)."),
 "ur-05": ("", "none_spouse"),
 "ur-06": ("A20 A3", "business_help"),
 "ur-07": ("A14", "authorities|Arrest by the FIA at the airport (v6 J10)."),
 "ur-08": ("A11", "duration"),
 "ur-09": ("A12", "cancel"),
 "ur-10": ("", "none_detention"),
 "ur-11": ("", "none_reentry"),
 "ur-12": ("", "none_legal"),
 "ur-13": ("", "none_stats"),
 "ur-14": ("SP1", "office"),
 "ur-15": ("SP6", "hours"),
 "ur-16": ("A15", "luggage"),
 "ur-17": ("A17", "dublin"),
 "ur-18": ("", "none_status"),
 "ur-19": ("", "none_unrelated"),
 "ur-20": ("A29", "complaint"),
 "ur-21": ("", "none_unrelated"),
 "ur-22": ("A14 A13", "privacy_embassy"),
 "ur-23": ("A24", "arrival"),
 "ur-24": ("", "none_smuggling"),
 "ur-25": ("", "none_work"),
 "ur-26": ("", "none_unrelated"),
 "ur-27": ("A16", "school"),
 "ur-28": ("SP6", "office|Sandnes or Stavanger: both nearest to Bergen (J10)."),
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
    places = [p.strip() for p in q["place"].split(",") if p.strip()]
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
    if key == "money_other":
        assert origins and not (origins & SHEET_ORIGINS) and slugs == ["sample-answer-3"], q["id"]
    if key in ("business_help", "medicine", "treat_cost", "school", "arrival"):
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

with open(os.path.join(HERE, "v9_labels.jsonl"), "w", encoding="utf-8") as fh:
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
print(f"wrote {len(out)} labels to v9_labels.jsonl")
