#!/usr/bin/env python3
"""Labels for blind question set v8 against the Retour demo content.

python3, stdlib only. Parses the demo files with `ast`; imports nothing from
Django or the product. Writes v8_labels.jsonl next to this file.
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
QSET = os.path.join(HERE, "v8.jsonl")
with open(os.path.join(HERE, "v8.sha256")) as fh:
    EXPECTED_SHA = fh.read().split()[0]
with open(QSET, "rb") as fh:
    RAW = fh.read()
assert hashlib.sha256(RAW).hexdigest() == EXPECTED_SHA, "v8.jsonl changed"
QUESTIONS = [json.loads(line) for line in RAW.decode("utf-8").splitlines() if line.strip()]
assert len(QUESTIONS) == 363

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
    22: "If you have nothing, the embassy may interview you",
    23: "An expired passport still helps",
    24: "someone meets you",
    27: "mostly in kind",
    29: "complaints procedure",
    30: "emergency shelter",
}
EXTRA_FACTS = [
    (9, "a supply of medicine for the first period"),
    (9, "ask a partner whether your treatment is available after return"),
    (8, "Every family member is included in the application"),
    (10, "Your counsellor can help you contact the embassy or consulate"),
    (20, "vocational training"),
    (20, "job counselling"),
    (22, "birth certificate"),
    (22, "national ID card is best, even if expired"),
    (22, "copies and photos"),
    (3, "help with rent or medical costs"),
    (3, "reintegration support in kind"),
    (15, "Extra luggage is normally not paid by the programme"),
    (16, "health checks and sometimes extra support per child"),
    (24, "help at the departure airport"),
    (24, "temporary accommodation"),
    (30, "Drop-in services can also refer you"),
]
SHEET_FACTS = {
    "education": "Children can usually be enrolled in school after return",
    "work": "vocational training",
    "reintegration": "partner organisation in the country of return",
    "safety": "Safety can differ a lot between regions",
}
for n, phrase in BODY_FACTS.items():
    assert phrase in EN_A[n - 1], (n, phrase)
for n, phrase in EXTRA_FACTS:
    assert phrase in EN_A[n - 1], (n, phrase)
for kind, phrase in SHEET_FACTS.items():
    assert phrase in " ".join(SHEET["sections"][kind]), (kind, phrase)

# strict [] calls: the demo texts say nothing about these
ALL_TEXT = " ".join([*EN_A, *EN_Q, PROG_TEXT, EXPL["summary"], *EXPL["body"],
                     *(" ".join(o) for o in EXPL["options"]),
                     *(" ".join(p) for p in SHEET["sections"].values()), SHEET["summary"]]).lower()
for absent in ("pregnan", "entry ban", "visa", "bank", "exchange rate", "smuggl", "work permit",
               "school year", "separately", "stay behind", "spouse", "detention centre",
               "closed centre", "saturday", "marry"):
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
    "Leuven": ("BE", 50.8798, 4.7005),
    "Eupen": ("BE", 50.6281, 6.0356),
    "Merksplas": ("BE", 51.3580, 4.8630),
    "Vottem": ("BE", 50.6690, 5.5790),
    "Bruges": ("BE", 51.2093, 3.2247),
    "Stavanger": ("NO", 58.9700, 5.7331),
    "Sandnes": ("NO", 58.8524, 5.7352),
    "Drammen": ("NO", 59.7440, 10.2045),
    "Trondheim": ("NO", 63.4305, 10.3951),
    "Fredrikstad": ("NO", 59.2181, 10.9298),
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
    "Brussels": 1, "Antwerp": 1, "Ghent": 1, "Leuven": 1, "Merksplas": 1, "Bruges": 1,
    "Liège": 3, "Eupen": 3, "Vottem": 3, "Charleroi": 8, "Namur": 8,
    "Oslo": 6, "Bergen": 6, "Stavanger": 6, "Sandnes": 6, "Drammen": 6, "Trondheim": 6,
    "Fredrikstad": 6, "Trandum": 6,
}
for city, n in EXPECTED_NEAREST.items():
    assert nearest(city)[0] == n, (city, nearest(city))

# origin places → country code (AF/IQ/GE have sheets and programmes; others none)
ORIGIN = {
    "Afghanistan": "AF", "Kabul": "AF", "Herat": "AF", "Jalalabad": "AF", "Kandahar": "AF",
    "Mazar-i-Sharif": "AF", "Iraq": "IQ", "Baghdad": "IQ", "Erbil": "IQ", "Georgia": "GE",
    "Tbilisi": "GE",
    "Nigeria": "NG", "Lagos": "NG", "Ghana": "GH", "Kumasi": "GH", "Accra": "GH",
    "DR Congo": "CD", "Kinshasa": "CD", "Guinea": "GN", "Conakry": "GN", "Abidjan": "CI",
    "Cameroon": "CM", "Morocco": "MA", "Armenia": "AM", "Yerevan": "AM", "Egypt": "EG",
    "Alexandria": "EG", "Sudan": "SD", "Syria": "SY", "Iran": "IR", "Serbia": "RS",
    "Kosovo": "XK", "Pristina": "XK", "Prizren": "XK", "Albania": "AL", "Tirana": "AL",
    "Shkodër": "AL", "Chechnya": "RU", "Somalia": "SO", "Mogadishu": "SO", "Kismayo": "SO",
    "Hargeisa": "SO", "Somaliland": "SO", "Ethiopia": "ET", "Addis Ababa": "ET",
    "Mekelle": "ET", "Tigray": "ET", "Eritrea": "ER", "Kazakhstan": "KZ",
    "Uzbekistan": "UZ", "Pakistan": "PK", "Lahore": "PK", "Islamabad": "PK",
    "Gujranwala": "PK",
}
OTHER_PLACES = {"Italy", "Germany", "Greece", "Austria", "Sweden", "Poland", "Canada",
                "England", "Britain", "UK", "Europe", "India"}

# ---------------------------------------------------------------- labels
# id: (codes, reason). J<n> = judgement call n in the README.
R = {
    "none_status": "Personal case status: no page can answer it (always []).",
    "none_stats": "Exact statistics: no page gives them (always []).",
    "none_legal": "Advice or chances in one's own appeal or court case: no legal advice on a case (always [], v6 J16, v7 J19).",
    "none_work": "Work permit / work in the host country: not covered (always []).",
    "none_visa": "Visa for another country: not covered (always []).",
    "none_marriage": "Residence through marriage: not covered (always []).",
    "none_housing": "Renting housing in the host country: not covered; answer 30 is emergency shelter, not a rental (v7 J20).",
    "none_banking": "Banking / sending money: not covered (always []).",
    "none_smuggling": "Smuggling: not covered (always []).",
    "none_unrelated": "Unrelated (sport, recipe, exchange rate, phone plan): always [].",
    "none_reentry": "Re-entry to Europe after voluntary return: no page says what applies; answer 5's ban is for forced return only (v6 J3, v7 J6).",
    "none_detention": "Voluntary return from detention / a closed centre: no page addresses it; answer 5 mentions detention only in a forced return (v6 J4, v7 J7).",
    "none_pregnancy": "Flying while pregnant: no page says anything about pregnancy (v5 J1, v6 J17, v7 J10).",
    "none_spouse": "Returning alone while the spouse (and children) stay / custody of the children: answer 8 covers returning together only; no page covers a family splitting up (J3; v5 no-09, v7 J12).",
    "none_records": "School reports, certificates or translations to take along, no sheet country: not covered (v5 J6, v7 J11).",
    "money_other": "Money, nationality no programme covers: answer 3 only (v6 J1, v7 J1).",
    "money_sheet": "Money for a sheet country: programme for that nationality, answer 3, sheet (reintegration section) (fixed mapping).",
    "cashkind": "Cash or in kind: answer 3 (small cash amount, mostly in kind) and 27 (support mostly in kind) (v7 J2).",
    "elig_be": "Eligibility by residence status (refused / irregular), Belgium or no host named: both programmes publish these statuses, then answer 1 (fixed mapping, v7 J3).",
    "elig_no": "Eligibility by residence status with Norway or a Norwegian city named: programme 1 hosts BE only, so [P2, 1] (v6 J2, v7 J3).",
    "elig_named": "Eligibility by status, but the named nationality is one no programme covers: answer 1 only (J1).",
    "dublin": "Dublin case, go home directly: answer 17 (asylum case still open; withdraw to leave with a programme) (v5 ru-07, v7 J4).",
    "office": "Office / near-me question: the nearest return-counselling point in the city's own country, by haversine (service-point rule).",
    "hours": "Opening hours of the office in a named host city: the nearest counselling point, whose page lists the hours (Mo/Tu/Th 09:30-16:00) (v6 J20).",
    "docs_enough": "Is a birth certificate / tazkira / ID card / copy enough: answer 22 (an ID card or birth certificate, copies and photos help), then 10 (v7 J9).",
    "no_passport": "No passport, embassy refuses or unhelpful: fixed mapping no passport -> 10, 22; the counsellor helps contact the embassy; a refusal as such is not addressed (J2).",
    "expired": "Expired passport: fixed mapping 23, 10.",
    "duration": "Duration: answer 11 (fixed mapping).",
    "cancel": "Changing one's mind after signing: answer 12 (withdraw until you leave).",
    "complaint": "Complaint about a service or its staff: answer 29 (generic for any service) (v7 J17).",
    "privacy_police": "Will police / immigration office / UDI get my data: 13 (confidential, nothing passed on without agreement) and 6 (ask anonymously) (v6 J5, v7 J8).",
    "privacy_embassy": "Data going to the embassy or the origin government: 14 (asylum statements not given to them), then 13 (v6 J7).",
    "privacy_both": "Data to the police and the embassy: 13 for the police part, 14 for the embassy part (J4).",
    "authorities": "Will authorities at home know I sought asylum / arrest me on arrival: answer 14 (asylum statements not passed on, talk to a lawyer if afraid); partial answer, v6 J10 precedent.",
    "arrival": "Who meets me at the airport: answer 24 (someone meets you through a partner) (v7 J15).",
    "arrival_sheet": "Who meets me at the airport, sheet country named: answer 24, then the sheet (v7 J15).",
    "luggage": "Luggage: answer 15 (one checked bag, extra not paid, ask what the ticket allows); exact kilos not given (v7 J18).",
    "business_help": "Help to start a business, no programme nationality: 20, 3 (fixed mapping).",
    "business_money": "Business support in money or in kind: 3, 20 (small-business money mapping, v7 J14).",
    "business_sheet": "Help to start a business in a sheet country: 20, 3, the programme for that nationality and the sheet (v7 J14).",
    "school": "Schooling after return, no sheet country: answer 16 (school enrolment after return) (v6 J15, v7 J11).",
    "school_sheet": "Schooling after return in a sheet country: the sheet (education section), then 16 (v5 ar-10, v7 ru-07).",
    "medicine": "Medicine supply / treatment after return, country not covered: answer 9 (supply of medicine, partner checks treatment) (v7 J10).",
    "wheelchair": "Wheelchair on the plane: answer 9 (a programme can arrange an escort or wheelchair) (v5 ps-06).",
}

L = {
 # ---------------- en
 "en-01": ("A3", "money_other"),
 "en-02": ("P2 A1", "elig_no"),
 "en-03": ("SP1", "office"),
 "en-04": ("P1 P2 A1", "elig_be"),
 "en-05": ("A22 A10", "docs_enough"),
 "en-06": ("A3 A27", "cashkind"),
 "en-07": ("", "none_spouse"),
 "en-08": ("", "none_status"),
 "en-09": ("", "none_stats"),
 "en-10": ("A17", "dublin"),
 "en-11": ("", "none_pregnancy"),
 "en-12": ("A14", "authorities"),
 "en-13": ("", "none_reentry"),
 "en-14": ("A11", "duration"),
 "en-15": ("A12", "cancel"),
 "en-16": ("", "none_detention"),
 "en-17": ("", "none_unrelated"),
 "en-18": ("", "none_work"),
 "en-19": ("A29", "complaint"),
 "en-20": ("A13 A14", "privacy_both"),
 "en-21": ("A15", "luggage"),
 "en-22": ("A20 A3", "business_help"),
 "en-23": ("", "none_legal"),
 "en-24": ("A24", "arrival"),
 "en-25": ("A16", "school"),
 "en-26": ("", "none_banking"),
 "en-27": ("", "none_visa"),
 "en-28": ("", "none_housing"),
 # ---------------- fr
 "fr-01": ("A3", "money_other"),
 "fr-02": ("P1 P2 A1", "elig_be|An order to leave means no legal stay (irregular); Belgium is implied by the term but not named (J5)."),
 "fr-03": ("SP8", "office|Fedasil office read as the demo counselling point (v7 J16); Charleroi's own point 7 offers legal aid and drop-in only."),
 "fr-04": ("A10 A22", "no_passport"),
 "fr-05": ("", "none_spouse"),
 "fr-06": ("A20 A3", "business_help"),
 "fr-07": ("", "none_pregnancy"),
 "fr-08": ("", "none_legal"),
 "fr-09": ("A11", "duration"),
 "fr-10": ("A14", "authorities"),
 "fr-11": ("", "none_detention"),
 "fr-12": ("", "none_reentry"),
 "fr-13": ("A12", "cancel"),
 "fr-14": ("SP3", "hours|Saturday: the page lists Mo/Tu/Th only, which answers it (v6 J20)."),
 "fr-15": ("SP8", "office"),
 "fr-16": ("A15", "luggage"),
 "fr-17": ("A16", "school"),
 "fr-18": ("", "none_marriage"),
 "fr-19": ("", "none_status"),
 "fr-20": ("", "none_stats"),
 "fr-21": ("", "none_unrelated"),
 "fr-22": ("A30", "Homeless tonight in a host city: answer 30 'Where can I sleep tonight?' (shelter points, drop-in referral to an emergency shelter). Not a rental question (J6). No service point: Charleroi's point 7 is drop-in but offers no return counselling."),
 "fr-23": ("A29", "complaint"),
 "fr-24": ("A13 A6", "privacy_police"),
 "fr-25": ("A24", "arrival"),
 "fr-26": ("", "none_work"),
 "fr-27": ("", "none_smuggling"),
 # ---------------- nl
 "nl-01": ("P2 A3 GE", "money_sheet"),
 "nl-02": ("P1 P2 A1", "elig_be|The CGRS (CGVS) is an agency, not a named place (v6 J2)."),
 "nl-03": ("SP1", "office"),
 "nl-04": ("SP1", "office|Where to go in Antwerp; Armenia (destination) has no programme."),
 "nl-05": ("A20 A3", "business_help"),
 "nl-06": ("A23 A10", "expired|Answer 10 and 23 both name the one-way travel document (laissez-passer)."),
 "nl-07": ("A11", "duration"),
 "nl-08": ("", "none_detention"),
 "nl-09": ("", "none_records|Leuven is named for school, so no service point."),
 "nl-10": ("A9", "medicine"),
 "nl-11": ("A14", "authorities"),
 "nl-12": ("", "none_reentry"),
 "nl-13": ("A12", "cancel"),
 "nl-14": ("SP1", "hours"),
 "nl-15": ("A9 A24", "wheelchair|Airport help: answer 24 also offers help at the departure airport (J7)."),
 "nl-16": ("A24 GE", "arrival_sheet"),
 "nl-17": ("", "none_work"),
 "nl-18": ("", "none_status"),
 "nl-19": ("", "none_stats"),
 "nl-20": ("A29", "complaint"),
 "nl-21": ("", "none_spouse|A spouse with refugee status: whether she must leave alone is a residence question (J3)."),
 "nl-22": ("", "none_unrelated"),
 "nl-23": ("A13 A6", "privacy_police"),
 "nl-24": ("", "none_unrelated"),
 "nl-25": ("A17", "dublin"),
 "nl-26": ("", "none_legal"),
 "nl-27": ("", "none_unrelated"),
 # ---------------- ar
 "ar-01": ("P1 A3 IQ", "money_sheet"),
 "ar-02": ("P2 A1 A2", "elig_no|Plus answer 2 for the ticket part; the programmes also cover the ticket (covers_ticket). Iraq is not named (J8)."),
 "ar-03": ("A10 A22", "no_passport"),
 "ar-04": ("A14", "authorities"),
 "ar-05": ("SP1", "office"),
 "ar-06": ("", "none_spouse"),
 "ar-07": ("A9", "medicine"),
 "ar-08": ("A11", "duration"),
 "ar-09": ("", "none_detention"),
 "ar-10": ("", "none_reentry"),
 "ar-11": ("A20 A3", "business_help"),
 "ar-12": ("A12", "cancel"),
 "ar-13": ("SP6", "hours"),
 "ar-14": ("A29", "complaint"),
 "ar-15": ("A14 A13", "privacy_embassy"),
 "ar-16": ("IQ A16", "school_sheet|Trondheim is named for school, so no service point."),
 "ar-17": ("", "none_legal"),
 "ar-18": ("", "none_visa"),
 "ar-19": ("", "none_unrelated"),
 "ar-20": ("A24 IQ", "arrival_sheet"),
 "ar-21": ("", "none_stats"),
 "ar-22": ("", "none_marriage"),
 "ar-23": ("", "none_unrelated"),
 "ar-24": ("A17", "dublin"),
 "ar-25": ("A15", "luggage"),
 "ar-26": ("A22 A10", "Applying with no identity document at all: answer 22 ('If you have nothing, the embassy may interview you or check records'), then 10 (J2)."),
 "ar-27": ("", "none_banking"),
 "ar-28": ("", "none_smuggling"),
 # ---------------- fa
 "fa-01": ("A3", "money_other"),
 "fa-02": ("P2 A1", "elig_no"),
 "fa-03": ("SP6", "office|Oslo's own point 5 offers shelter and drop-in only; Bergen 6 is Norway's only counselling point (305 km)."),
 "fa-04": ("A10 A22", "Lost passport: fixed mapping 10, 22; whether the Afghan embassy in Brussels is open is not answered, but 10 says the counsellor helps contact the embassy (J9)."),
 "fa-05": ("AF A16", "school_sheet"),
 "fa-06": ("A22 A10", "docs_enough"),
 "fa-07": ("A14", "authorities"),
 "fa-08": ("A20 A3 P1 AF", "business_sheet"),
 "fa-09": ("", "none_pregnancy"),
 "fa-10": ("A11", "duration"),
 "fa-11": ("A12", "cancel"),
 "fa-12": ("", "none_detention"),
 "fa-13": ("", "none_reentry"),
 "fa-14": ("SP6", "hours|An 'IOM office' gets the demo counselling point (v7 J16)."),
 "fa-15": ("A14 A13", "privacy_embassy"),
 "fa-16": ("A24 AF", "arrival_sheet|Answer 24 also covers being brought to temporary accommodation (no family)."),
 "fa-17": ("", "none_legal"),
 "fa-18": ("", "none_status"),
 "fa-19": ("", "none_unrelated"),
 "fa-20": ("", "none_smuggling"),
 "fa-21": ("", "none_marriage"),
 "fa-22": ("A29", "complaint"),
 "fa-23": ("A17 P1", "dublin|Afghanistan from Belgium: programme 1 (AF, hosted in BE) added, as v7 ps-16."),
 "fa-24": ("A20 P1 AF", "Vocational training after return in Herat/Kabul: 20 (vocational training), programme 1 (in-kind vocational training, AF) and the Afghanistan sheet (work section); nothing specific to women or tailoring (J10)."),
 "fa-25": ("A15", "luggage"),
 "fa-26": ("", "none_work"),
 "fa-27": ("", "none_unrelated"),
 "fa-28": ("", "none_housing"),
 # ---------------- de
 "de-01": ("A3", "money_other"),
 "de-02": ("A17", "dublin"),
 "de-03": ("SP3", "office"),
 "de-04": ("P2 A1", "elig_no|'Too late': the programme deadline text says apply before you travel."),
 "de-05": ("A22 A10", "docs_enough"),
 "de-06": ("A11", "duration"),
 "de-07": ("A9", "medicine"),
 "de-08": ("A3 A20", "business_money"),
 "de-09": ("A14", "authorities|The Georgia sheet has no section on the authorities, so it is not added (J11)."),
 "de-10": ("", "none_reentry"),
 "de-11": ("", "none_detention"),
 "de-12": ("A12", "cancel|Answer 12 also says withdrawing leaves the legal situation as it was."),
 "de-13": ("SP1", "hours"),
 "de-14": ("", "none_spouse"),
 "de-15": ("", "none_records"),
 "de-16": ("A24 GE", "arrival_sheet"),
 "de-17": ("A15", "luggage"),
 "de-18": ("A14 A13", "privacy_embassy"),
 "de-19": ("", "none_status"),
 "de-20": ("", "none_work"),
 "de-21": ("", "none_stats"),
 "de-22": ("A29", "complaint"),
 "de-23": ("", "none_unrelated"),
 "de-24": ("", "none_legal"),
 "de-25": ("", "none_housing"),
 "de-26": ("A9", "wheelchair"),
 "de-27": ("", "none_banking"),
 "de-28": ("", "none_marriage"),
 # ---------------- no
 "no-01": ("A3", "money_other"),
 "no-02": ("P1 P2 A1", "elig_be|UNE is an agency, not a named place (v6 J2)."),
 "no-03": ("A10 A22", "no_passport"),
 "no-04": ("SP6", "hours"),
 "no-05": ("", "none_spouse"),
 "no-06": ("IQ A16", "school_sheet|Drammen is named for school, so no service point."),
 "no-07": ("", "none_pregnancy"),
 "no-08": ("A11", "duration"),
 "no-09": ("A20 A3 P1 IQ", "business_sheet|Norway not named, so programme 1 is kept (v5 J3, v7 no-08)."),
 "no-10": ("A14", "authorities"),
 "no-11": ("", "none_reentry"),
 "no-12": ("", "none_detention"),
 "no-13": ("A12", "cancel"),
 "no-14": ("SP6", "office|First host city Stavanger (Sandnes gives the same point)."),
 "no-15": ("A24", "arrival"),
 "no-16": ("A13 A6", "privacy_police"),
 "no-17": ("A29", "complaint"),
 "no-18": ("", "none_work"),
 "no-19": ("", "none_status"),
 "no-20": ("", "none_legal"),
 "no-21": ("", "none_unrelated"),
 "no-22": ("", "none_banking"),
 "no-23": ("A17", "dublin|Fredrikstad is named for the Dublin question, not an office question, so no service point."),
 "no-24": ("A15", "luggage|Bicycle: as v7 nl-06."),
 "no-25": ("A8", "Applying together with a brother who has another status: answer 8 (families return together, every family member is included in the application); the status difference is not addressed (J12, lenient)."),
 "no-26": ("", "none_stats"),
 "no-27": ("", "none_unrelated"),
 "no-28": ("", "none_visa"),
 # ---------------- ps
 "ps-01": ("P1 A3 AF", "money_sheet"),
 "ps-02": ("P2 A1", "elig_no"),
 "ps-03": ("SP6", "office"),
 "ps-04": ("A22 A10", "docs_enough"),
 "ps-05": ("A14 AF", "authorities|Jalalabad: the Afghanistan sheet's safety section is added (v5 ps-07)."),
 "ps-06": ("", "none_spouse"),
 "ps-07": ("A20 A3 P1 AF", "business_sheet"),
 "ps-08": ("A9", "medicine|No country named, so no sheet (J13)."),
 "ps-09": ("A11", "duration"),
 "ps-10": ("A12", "cancel"),
 "ps-11": ("", "none_detention"),
 "ps-12": ("", "none_reentry"),
 "ps-13": ("A24 AF", "arrival_sheet"),
 "ps-14": ("A13 A6", "privacy_police"),
 "ps-15": ("SP6", "hours"),
 "ps-16": ("A16", "school|No country named, so no sheet (J13)."),
 "ps-17": ("A17", "dublin|Trondheim (Norway) named and no nationality: no programme."),
 "ps-18": ("", "none_legal"),
 "ps-19": ("", "none_status"),
 "ps-20": ("", "none_visa"),
 "ps-21": ("", "none_unrelated"),
 "ps-22": ("", "none_smuggling"),
 "ps-23": ("A29", "complaint"),
 "ps-24": ("A9", "wheelchair"),
 "ps-25": ("A15", "luggage"),
 "ps-26": ("", "none_unrelated"),
 "ps-27": ("", "none_work"),
 "ps-28": ("", "none_housing"),
 # ---------------- ti
 "ti-01": ("A3", "money_other"),
 "ti-02": ("P2 A1", "elig_no"),
 "ti-03": ("SP6", "office"),
 "ti-04": ("A10 A22", "no_passport"),
 "ti-05": ("A20", "Help to start work after return (Mekelle): answer 20 (job counselling, training, small business); not money-worded, so no 3."),
 "ti-06": ("", "none_pregnancy"),
 "ti-07": ("A14", "authorities"),
 "ti-08": ("", "none_spouse"),
 "ti-09": ("A16", "school|Bergen is named for school, so no service point."),
 "ti-10": ("A11", "duration|Oslo is named for the application, not an office question, so no service point."),
 "ti-11": ("", "none_detention"),
 "ti-12": ("", "none_reentry"),
 "ti-13": ("A12", "cancel"),
 "ti-14": ("A24", "arrival"),
 "ti-15": ("A13 A6", "privacy_police"),
 "ti-16": ("SP6", "hours"),
 "ti-17": ("", "none_status"),
 "ti-18": ("", "none_legal"),
 "ti-19": ("", "none_visa"),
 "ti-20": ("", "none_marriage"),
 "ti-21": ("", "none_unrelated"),
 "ti-22": ("", "none_smuggling"),
 "ti-23": ("A29", "complaint"),
 "ti-24": ("A17", "dublin"),
 "ti-25": ("A15", "luggage"),
 "ti-26": ("A1", "elig_named|Tigray/Mekelle is in Ethiopia, which no programme covers; the wife staying there is not an obstacle."),
 "ti-27": ("", "none_banking"),
 "ti-28": ("", "none_unrelated"),
 # ---------------- so
 "so-01": ("A3", "money_other"),
 "so-02": ("P2 A1", "elig_no"),
 "so-03": ("SP6", "office|An 'IOM office' gets the demo counselling point (v7 J16)."),
 "so-04": ("A22 A10", "docs_enough"),
 "so-05": ("", "Return to Hargeisa / Somaliland: no programme or sheet covers it (v5 so-02)."),
 "so-06": ("A16", "school|Drammen is named for school, so no service point."),
 "so-07": ("", "none_pregnancy"),
 "so-08": ("A11", "duration"),
 "so-09": ("A20 A3", "business_help"),
 "so-10": ("A14", "authorities"),
 "so-11": ("", "none_reentry"),
 "so-12": ("", "none_detention"),
 "so-13": ("A12", "cancel"),
 "so-14": ("A24", "arrival|Answer 24 also covers temporary accommodation (no family there)."),
 "so-15": ("A13 A6", "privacy_police"),
 "so-16": ("SP6", "hours"),
 "so-17": ("", "none_status"),
 "so-18": ("", "none_work"),
 "so-19": ("", "none_stats"),
 "so-20": ("", "none_unrelated"),
 "so-21": ("", "none_banking"),
 "so-22": ("A29", "complaint"),
 "so-23": ("A17", "dublin|Antwerp is named for the Dublin question, so no service point."),
 "so-24": ("A8", "Two brothers of different status returning together: answer 8 (families return together, every member included); status difference and the ill mother not addressed (J12, lenient)."),
 "so-25": ("A15", "luggage"),
 "so-26": ("", "none_marriage"),
 "so-27": ("", "none_housing"),
 "so-28": ("", "none_smuggling"),
 # ---------------- ru
 "ru-01": ("P2 A3 GE", "money_sheet"),
 "ru-02": ("P1 P2 A1", "elig_be"),
 "ru-03": ("SP3", "office"),
 "ru-04": ("A23 A10", "expired"),
 "ru-05": ("", "none_spouse"),
 "ru-06": ("A3 A20", "business_money"),
 "ru-07": ("", "none_pregnancy"),
 "ru-08": ("A9 A16", "Autism care after return (Armenia): 9 (a partner checks whether treatment is available) and 16 (health checks, extra support per child); lenient, as v6 J14 / v7 sq-06."),
 "ru-09": ("A11", "duration"),
 "ru-10": ("A14", "authorities"),
 "ru-11": ("", "none_reentry"),
 "ru-12": ("", "none_detention"),
 "ru-13": ("A12", "cancel"),
 "ru-14": ("A24 GE", "arrival_sheet"),
 "ru-15": ("A14 A13", "privacy_both|Embassy named first."),
 "ru-16": ("SP1", "hours"),
 "ru-17": ("GE A16", "school_sheet|Ghent is named for school, so no service point."),
 "ru-18": ("", "none_legal"),
 "ru-19": ("", "none_visa"),
 "ru-20": ("", "none_unrelated"),
 "ru-21": ("", "none_housing"),
 "ru-22": ("", "none_stats"),
 "ru-23": ("A29", "complaint"),
 "ru-24": ("A17", "dublin"),
 "ru-25": ("A15 A9", "Luggage (15) and transporting a wheelchair (9: a programme can arrange an escort or wheelchair) (J7)."),
 "ru-26": ("A1", "elig_named|Overstayed student visa = irregular; Uzbekistan is covered by no programme. Oslo is named for residence, so no service point."),
 "ru-27": ("", "none_banking"),
 "ru-28": ("", "none_unrelated"),
 "ru-29": ("", "none_marriage"),
 # ---------------- sq
 "sq-01": ("A3", "money_other"),
 "sq-02": ("P1 P2 A1", "elig_be"),
 "sq-03": ("SP1", "office"),
 "sq-04": ("A22 A10", "docs_enough|Lost passport, is the ID card enough: 22 first (an ID card is best, even if expired)."),
 "sq-05": ("P1 P2 A1", "elig_be|Expired visa = irregular, no host named."),
 "sq-06": ("A16", "school|Ghent is named for school, so no service point; Prizren (Kosovo) has no sheet."),
 "sq-07": ("A20 A3", "business_help"),
 "sq-08": ("", "none_pregnancy"),
 "sq-09": ("A11", "duration"),
 "sq-10": ("A14", "authorities"),
 "sq-11": ("", "none_reentry"),
 "sq-12": ("", "none_detention"),
 "sq-13": ("A12", "cancel|'I changed my mind' alone, read with the writer's topic (cancel) (J14)."),
 "sq-14": ("A24", "arrival"),
 "sq-15": ("A14 A13", "privacy_embassy"),
 "sq-16": ("SP8", "hours|Charleroi's own point 7 offers legal aid and drop-in only; Namur 8 is 30.9 km."),
 "sq-17": ("", "none_status"),
 "sq-18": ("", "none_work"),
 "sq-19": ("", "none_marriage"),
 "sq-20": ("", "none_unrelated"),
 "sq-21": ("A29", "complaint"),
 "sq-22": ("A17", "dublin|Antwerp is named for the Dublin question, so no service point."),
 "sq-23": ("A15", "luggage|Pram: not mentioned; 15 says ask what your ticket allows."),
 "sq-24": ("", "none_unrelated"),
 "sq-25": ("A8", "Returning with his own family while a brother with asylum stays: answer 8 (families return together); the brother staying is no obstacle (J12)."),
 "sq-26": ("", "none_stats"),
 "sq-27": ("", "none_smuggling"),
 "sq-28": ("", "none_banking"),
 # ---------------- ur
 "ur-01": ("A3", "money_other"),
 "ur-02": ("P2 A1", "elig_no"),
 "ur-03": ("SP1", "office"),
 "ur-04": ("A23 A10", "expired|The embassy refusing a new one is not addressed; the counsellor helps ask for a passport or laissez-passer (J2)."),
 "ur-05": ("P1 P2 A1", "elig_be|Expired visa = irregular, no host named."),
 "ur-06": ("", "none_spouse|Taking the children while the mother has residence is a custody question (J3)."),
 "ur-07": ("A3 A20", "business_money"),
 "ur-08": ("", "none_pregnancy"),
 "ur-09": ("A9", "medicine|Dialysis in Lahore: a partner can check whether treatment is available; no Pakistan sheet."),
 "ur-10": ("A11", "duration"),
 "ur-11": ("A14", "authorities"),
 "ur-12": ("", "none_reentry"),
 "ur-13": ("", "none_detention"),
 "ur-14": ("A12", "cancel"),
 "ur-15": ("A24", "arrival"),
 "ur-16": ("A14 A13", "privacy_embassy"),
 "ur-17": ("SP6", "hours"),
 "ur-18": ("", "none_status"),
 "ur-19": ("", "none_work"),
 "ur-20": ("", "none_marriage"),
 "ur-21": ("", "none_unrelated"),
 "ur-22": ("", "none_unrelated"),
 "ur-23": ("A29", "complaint"),
 "ur-24": ("A17", "dublin|Whether he is sent to Italy first is not answered; 17 covers leaving with a programme while the case is open."),
 "ur-25": ("A15", "luggage"),
 "ur-26": ("", "none_unrelated"),
 "ur-27": ("", "none_housing"),
 "ur-28": ("", "none_visa"),
}

# needs a programme must allow (health / family); none of the programme labels has one
HEALTH_TOPICS = {"health"}
FAMILY_TOPICS = {"family"}
OFFICE_TOPICS = {"office", "hours"}
MONEY_BUSINESS = {"money_sheet", "business_sheet"}

by_id = {q["id"]: q for q in QUESTIONS}
assert set(L) == set(by_id), (set(by_id) - set(L), set(L) - set(by_id))

out = []
used_cities = {}
for q in QUESTIONS:
    codes, rkey = L[q["id"]]
    slugs = [ALIAS[c] for c in codes.split()]
    assert len(set(slugs)) == len(slugs), q["id"]
    for s in slugs:
        assert s in PAGES, (q["id"], s)
    key, _, note = rkey.partition("|")
    reason = R.get(key, key) + (" " + note if note else "")
    places = [p.strip() for p in q["place"].split(",") if p.strip()]
    for p in places:
        assert p in ORIGIN or p in OTHER_PLACES or p in HOST_CITY or p in HOST_COUNTRY, (q["id"], p)
    hosts_named = {HOST_CITY[p][0] for p in places if p in HOST_CITY} | \
                  {HOST_COUNTRY[p] for p in places if p in HOST_COUNTRY}
    origins = {ORIGIN[p] for p in places if p in ORIGIN}
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
            if q["topic"] in HEALTH_TOPICS:
                assert pr["health"], (q["id"], s, "health")
            if q["topic"] in FAMILY_TOPICS:
                assert pr["family"], (q["id"], s, "family")
            assert origins <= pr["nat"], (q["id"], s, origins)
            assert hosts_named <= pr["hosts"], (q["id"], s, hosts_named)
            for sh in sheets:
                assert SHEET_CODE[sh] in pr["nat"], (q["id"], s, sh)
            if key == "elig_no":
                assert "NO" in hosts_named
    if key in ("elig_be",):
        assert slugs[:2] == ["sample-programme-1", "sample-programme-2"] and "NO" not in hosts_named
    if key == "elig_named":
        assert origins and not (origins & {"AF", "IQ", "GE"})
    if key == "money_other":
        assert origins and not (origins & {"AF", "IQ", "GE"}) and slugs == ["sample-answer-3"]
    # money/business with a matching nationality and host must carry the programme
    if key in MONEY_BUSINESS:
        must = [s for s, pr in PROGRAMMES.items() if origins & pr["nat"] and hosts_named <= pr["hosts"]]
        assert must and all(m in slugs for m in must), (q["id"], must)
    # service points: only on office/hours questions, exactly the computed nearest
    sps = [s for s in slugs if s.startswith("sample-service-point-")]
    host_cities = [p for p in places if p in HOST_CITY]
    for c in host_cities:
        n, d = nearest(c)
        used_cities.setdefault(c, []).append((q["id"], q["topic"] in OFFICE_TOPICS))
    if q["topic"] in OFFICE_TOPICS:
        assert host_cities, q["id"]
        n, d = nearest(host_cities[0])
        assert sps == [f"sample-service-point-{n}"], (q["id"], sps, n)
        reason += f" Nearest counselling point to {host_cities[0]}: {n} ({d:.1f} km)."
    else:
        assert not sps, q["id"]
    out.append({"id": q["id"], "lang": q["lang"], "expected_slugs": slugs,
                "expected_titles": [PAGES[s] for s in slugs], "reason": reason})

with open(os.path.join(HERE, "v8_labels.jsonl"), "w", encoding="utf-8") as fh:
    for row in out:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")

if "--report" in sys.argv:
    langs = list(OrderedDict.fromkeys(q["lang"] for q in QUESTIONS))
    print("| lang | n | answerable | none |")
    tot = Counter()
    for lg in langs:
        rows = [r for r in out if r["lang"] == lg]
        a = sum(1 for r in rows if r["expected_slugs"])
        print(f"| {lg} | {len(rows)} | {a} | {len(rows) - a} |")
        tot["n"] += len(rows); tot["a"] += a
    print(f"| all | {tot['n']} | {tot['a']} | {tot['n'] - tot['a']} |")
    used = Counter(s for r in out for s in r["expected_slugs"])
    print("pages used:", len(used), "never:", [s for s in PAGES if s not in used])
    flag = Counter((q["likely_unanswerable"], bool(r["expected_slugs"])) for q, r in zip(QUESTIONS, out))
    print("flag vs label:", dict(flag))
    print("flagged answerable:", [q["id"] for q, r in zip(QUESTIONS, out) if q["likely_unanswerable"] and r["expected_slugs"]])
    print("unflagged none:", [q["id"] for q, r in zip(QUESTIONS, out) if not q["likely_unanswerable"] and not r["expected_slugs"]])
    for c in sorted(used_cities):
        n, d = nearest(c)
        print(f"{c:12} {HOST_CITY[c][0]} nearest {n} {d:.1f} km added={c in ADDED} uses={used_cities[c]}")
    for c in ADDED:
        if c not in used_cities:
            print("added but unused:", c)
print(f"wrote {len(out)} labels to v8_labels.jsonl")
