"""Labels for blind question set v6 against the Retour demo content.

python3, stdlib only. The demo files are parsed with `ast`; nothing from Django
or the product is imported. Writes v6_labels.jsonl (one line per question in
v6.jsonl, same order, same id and lang).

Tokens used in LABELS below:
  A<n>        sample-answer-<n> (n = 1-based position in en.QUESTIONS)
  P1, P2      sample-programme-1 / -2
  D           your-decision (the decision explainer)
  S:<slug>    country sheet (afghanistan, iraq, georgia)
  NEAR:<city> the nearest service point offering return_counselling, in the
              city's own country, by haversine over the demo coordinates
  WALKIN:<city> the nearest counselling point whose page says "no appointment
              needed" (no_appointment=True)
"""

from __future__ import annotations

import ast
import hashlib
import json
import math
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
CONTENT = "/work/main/retour/content"
QFILE = os.path.join(HERE, "v6.jsonl")
OUT = os.path.join(HERE, "v6_labels.jsonl")
SHA = "39c54189a517d9d0a2d07c29fcd643755d123ab5b895e82c015109cef309d463"


# --------------------------------------------------------------------------- demo parsing

def _src(name):
    with open(os.path.join(CONTENT, name), encoding="utf-8") as fh:
        return fh.read()


def _assigns(tree):
    """Top-level NAME = <literal-ish> assignments (annotated or not)."""
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            out[node.targets[0].id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            out[node.target.id] = node.value
    return out


def _lit(node):
    """literal_eval that also turns `Enum.MEMBER` attributes into 'Enum.MEMBER' strings."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    if isinstance(node, ast.Dict):
        return {_lit(k): _lit(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.List):
        return [_lit(e) for e in node.elts]
    if isinstance(node, ast.Tuple):
        return tuple(_lit(e) for e in node.elts)
    return ast.literal_eval(node)


en_src = _src("demo_text/en.py")
data_src = _src("demo_data.py")
demo_src = _src("demo.py")
en = _assigns(ast.parse(en_src))
data = _assigns(ast.parse(data_src))
demo_tree = ast.parse(demo_src)
demo = _assigns(demo_tree)

QUESTIONS = _lit(en["QUESTIONS"])
ANSWERS = [ast.literal_eval(e) for e in en["ANSWERS"].elts]  # implicit concatenation is folded by ast
COUNTRY_NAMES = _lit(en["COUNTRY_NAMES"])
EXPLAINER_TITLE = _lit(en["EXPLAINER"].values[[k.value for k in en["EXPLAINER"].keys].index("title")])
SHEET_TITLE = _lit(en["SHEET"].values[[k.value for k in en["SHEET"].keys].index("title")])
PROG_TITLE = _lit(en["PROGRAMME"].values[[k.value for k in en["PROGRAMME"].keys].index("title")])
COUNTRIES = _lit(data["COUNTRIES"])
CITIES = _lit(data["CITIES"])
SERVICE_SETS = _lit(data["SERVICE_SETS"])
PROGRAMME_COUNTRIES = _lit(demo["PROGRAMME_COUNTRIES"])
PROGRAMME_CONDITIONS = _lit(demo["PROGRAMME_CONDITIONS"])

assert len(QUESTIONS) == len(ANSWERS) == 30, (len(QUESTIONS), len(ANSWERS))
assert len(CITIES) == len(SERVICE_SETS) == 8

# Slug patterns and page-building expressions that the page map relies on.
for needle in (
    'slug=f"sample-answer-{n}"',
    "for n, _question in enumerate(data.QUESTIONS, start=1)",
    'slug=f"sample-programme-{n}"',
    "for n in (1, 2):",
    'slug="your-decision"',
    'slug=f"sample-service-point-{n}"',
    "for n, (city, country, lat, lon) in enumerate(data.CITIES, start=1)",
    'title=f"Sample service point {n} ({city})"',
    "for i, (code, _name, slug) in enumerate(data.COUNTRIES)",
    'eligible_residence_statuses=["asylum_rejected", "irregular"]',
    "covers_ticket=True",
    'cash_grant_amount=Decimal("100.00") * n',
    'cash_grant_per_child=Decimal("50.00") if n == 1 else None',
    'cash_grant_currency="EUR"',
    "services=data.SERVICE_SETS[n - 1]",
    "no_appointment=n % 2 == 1",
    "anonymous=n % 3 != 0",
    'languages=["en", "fr", "ar"] if n % 2 else ["en", "nl", "fa"]',
    'for day in ("mo", "tu", "th")',
    '"title": text.QUESTIONS[n - 1]',
    '"title": t["title"].format(n=n)',
    '"title": t["title"]',
    '"title": text.SHEET["title"].format(name=name)',
):
    assert needle in demo_src, f"demo.py no longer contains: {needle}"

# ------------------------------------------------------------------ programme conditions
# The labels rely on these published conditions (see LABELS_README.md).
assert PROGRAMME_COUNTRIES == {1: ["AF", "IQ"], 2: ["GE"]}, PROGRAMME_COUNTRIES
assert PROGRAMME_CONDITIONS[1]["host_countries"] == ["BE"]
assert PROGRAMME_CONDITIONS[2]["host_countries"] == ["BE", "NO"]
assert PROGRAMME_CONDITIONS[1]["family_condition"] == "FamilyCondition.ANYONE"
assert PROGRAMME_CONDITIONS[2]["family_condition"] == "FamilyCondition.ALONE_ONLY"
assert PROGRAMME_CONDITIONS[1]["health_condition"] == "HealthCondition.SUPPORTED"
assert PROGRAMME_CONDITIONS[2]["health_condition"] == "HealthCondition.NOT_STATED"
assert [c for c, _n, _s in COUNTRIES] == ["AF", "IQ", "GE"]
SHEET_OF = {code: slug for code, _n, slug in COUNTRIES}   # AF->afghanistan ...
PROG_NATS = {f"P{n}": set(v) for n, v in PROGRAMME_COUNTRIES.items()}
PROG_HOSTS = {f"P{n}": set(v["host_countries"]) for n, v in PROGRAMME_CONDITIONS.items()}
PROG_FAMILY_OK = {p: PROGRAMME_CONDITIONS[int(p[1])]["family_condition"] == "FamilyCondition.ANYONE" for p in PROG_NATS}
PROG_HEALTH_OK = {p: PROGRAMME_CONDITIONS[int(p[1])]["health_condition"] == "HealthCondition.SUPPORTED" for p in PROG_NATS}

# ------------------------------------------------------------------ short-answer texts relied on
# (title index, a phrase of its body that makes the page answer the need)
BODY_FACTS = {
    1: "The first step is a conversation with a return counsellor",
    2: "the programme normally books and pays the flight",
    3: "Some programmes give a small cash amount",
    5: "forced return",
    6: "you can ask general questions without giving your name",
    7: "no appointment needed",
    8: "families can return together",
    9: "give you a supply of medicine for the first period",
    10: "one-way travel document (often called a laissez-passer)",
    11: "Most of the waiting is for travel documents",
    12: "you can withdraw until you leave",
    13: "the counsellor does not pass on what you say without your",
    14: "What you said in your asylum procedure is not given to them",
    15: "one checked bag and hand luggage",
    16: "school enrolment after return",
    20: "material to start a small business",
    21: "Most people first stay with family or friends",
    22: "A passport or national ID card is best, even if expired",
    23: "An expired passport still helps to prove who you are",
    24: "helps with onward travel",
    27: "who provides it, when, and how follow-up will be done",
    29: "each organisation should have a complaints procedure",
}
for n, phrase in BODY_FACTS.items():
    assert phrase in ANSWERS[n - 1], (n, phrase)
assert "medical costs" in ANSWERS[2]  # answer 3 (treatment-cost questions)
assert "ban on" in ANSWERS[4] and "detention" in ANSWERS[4]  # answer 5: only for a forced return

# ------------------------------------------------------------------ page map
PAGES: dict[str, str] = {}
for code, _name, slug in COUNTRIES:
    PAGES[slug] = SHEET_TITLE.format(name=COUNTRY_NAMES[code])
for n in (1, 2):
    PAGES[f"sample-programme-{n}"] = PROG_TITLE.format(n=n)
PAGES["your-decision"] = EXPLAINER_TITLE
for n, (city, _c, _la, _lo) in enumerate(CITIES, start=1):
    PAGES[f"sample-service-point-{n}"] = f"Sample service point {n} ({city})"
for n, title in enumerate(QUESTIONS, start=1):
    PAGES[f"sample-answer-{n}"] = title
assert len(PAGES) == 44, len(PAGES)

# ------------------------------------------------------------------ service points
POINTS = []  # (n, city, country, lat, lon, services, no_appointment)
for n, (city, country, lat, lon) in enumerate(CITIES, start=1):
    POINTS.append((n, city, country, float(lat), float(lon), SERVICE_SETS[n - 1], n % 2 == 1))
COUNSELLING = [p for p in POINTS if "return_counselling" in p[5]]
assert [p[0] for p in COUNSELLING] == [1, 3, 6, 8], [p[0] for p in COUNSELLING]

# Coordinates of cities named in office questions that are not in demo CITIES
# (approximate public city-centre coordinates; added by the labeller).
ADDED_COORDS = {
    "Mons": ("BE", 50.4542, 3.9523),
    "Hasselt": ("BE", 50.9307, 5.3325),
    "Eupen": ("BE", 50.6281, 6.0356),
    "Stavanger": ("NO", 58.9700, 5.7331),
    "Tromsø": ("NO", 69.6492, 18.9553),
    "Drammen": ("NO", 59.7440, 10.2045),
}
PLACES = {city: (country, float(lat), float(lon)) for city, country, lat, lon in CITIES}
for k, v in ADDED_COORDS.items():
    assert k not in PLACES
    PLACES[k] = v


def haversine(a, b, c, d):
    r = 6371.0088
    p1, p2 = math.radians(a), math.radians(c)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(d - b) / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))


def nearest(city, walk_in=False):
    country, lat, lon = PLACES[city]
    cands = [p for p in COUNSELLING if p[2] == country and (p[6] or not walk_in)]
    assert cands, city
    best = min(cands, key=lambda p: haversine(lat, lon, p[3], p[4]))
    return best[0], haversine(lat, lon, best[3], best[4])


EXPECTED_NEAREST = {  # city -> (point, km rounded)
    "Brussels": 1, "Antwerp": 1, "Ghent": 1, "Mons": 1, "Charleroi": 8, "Namur": 8,
    "Liège": 3, "Hasselt": 3, "Eupen": 3,
    "Oslo": 6, "Bergen": 6, "Stavanger": 6, "Tromsø": 6, "Drammen": 6,
}
for city, n in EXPECTED_NEAREST.items():
    assert nearest(city)[0] == n, (city, nearest(city))
assert nearest("Namur", walk_in=True)[0] == 3  # Namur's own point 8 has no_appointment=False
assert [p[6] for p in POINTS if p[0] == 8] == [False]
# Oslo's own point (5) offers shelter and drop-in only.
assert "return_counselling" not in SERVICE_SETS[4] and CITIES[4][0] == "Oslo"
# Antwerp (2), Ghent (4) and Charleroi (7) points offer no return counselling.
assert all("return_counselling" not in SERVICE_SETS[i] for i in (1, 3, 6))

# ------------------------------------------------------------------ labels
# Shared reasons.
R_NONE_CASE = "Personal case status: no demo page can answer it (always [])."
R_NONE_STATS = "Exact statistics: not in the demo (always [])."
R_NONE_LEGAL = "Legal advice on the person's own case / chances of winning: always [] (J16)."
R_NONE_OFF = "Unrelated to return: always []."
R_NONE_VISA = "Visa for another country: always []."
R_NONE_JOBS = "Work or work permit in the host country: not a return topic (always [])."
R_NONE_RES = "Residence/papers through marriage, citizenship or another EU state: always []."
R_NONE_ASY = "Asylum in another country: always []."
R_NONE_HOUSE = "Housing in the host country: no page covers it (answer 21 is housing after return)."
R_NONE_SMUG = "Smuggling/irregular travel: always []."
R_NONE_BANK = "Banking: always []."
R_NONE_EDU = "Language course in the host country: not covered."
R_REENTRY = ("Re-entry to Europe/Belgium/Norway after voluntary return: answer 5 mentions a ban only for a forced "
             "return; nothing says what applies after a voluntary one (v5 rule: coming back to Europe -> [], J3).")
R_DETENTION = ("Voluntary return from detention/closed centre: no page addresses it; answer 5 mentions detention only as "
               "part of a forced return (v5 judgement 7; J4).")
R_AUTH = ("Police/immigration office told if I register: answer 13 (counselling is confidential, nothing passed on "
          "without agreement, rare legal exceptions), then 6 (you can ask anonymously) (J5).")
R_CANCEL = "Cancel/withdraw: answer 12 (you can withdraw until you leave; legal situation unchanged)."
R_DUR = "Duration application -> departure: answer 11."
R_LUG = "Luggage: answer 15 (one checked bag and hand luggage; extra luggage normally not paid)."
R_TICKET = "Who pays/arranges the ticket: answer 2."
R_NOPASS = "No or lost passport: answers 10 (embassy, laissez-passer) and 22 (other proof of nationality) (v5 fixed mapping)."
R_EXPIRED = "Expired passport: answers 23 then 10 (v5 fixed mapping)."
R_DOCTIME = "How long a travel document/laissez-passer takes: answer 11 (most waiting is for embassy documents), then 10 (J8)."
R_MONEY_GEN = "General 'how much money' with no nationality: answer 3, then both programmes' sample cash grants (v5 fixed mapping)."
R_MONEY_UNCOV = ("Money for a nationality no demo programme covers: answer 3 only (amounts depend on programme and "
                 "nationality); the programmes are for AF/IQ (P1) and GE (P2) nationals (J1).")
R_BIZ_HELP = "Help to start a small business, country not covered: answers 20 then 3 (v5 fixed mapping)."
R_BIZ_MONEY = "Start-up money/grant for a small business, country not covered: answers 3 then 20 (v5 fixed mapping)."
R_ELIG = ("Eligibility after a refusal / without legal stay, no nationality or host named: both programmes publish "
          "residence statuses asylum_rejected and irregular ('refused or no legal stay'), then answer 1 (v5 J2).")
R_ELIG_NO = ("Eligibility after refusal, Norway named: programme 2 is the only one hosted in NO (P1 hosts BE only), "
             "then answer 1 (v5 J2 with the host rule; J2).")
R_COMPLAINT = "Complaint about a counsellor/social worker/office/service: answer 29."
R_UNPAID = ("Reintegration support not paid/late, country not covered: answer 29 (complain to the service, complaints "
            "procedure, complaining does not affect support) (J6).")
R_PRIV = ("Data passed to the origin-country government/embassy: answer 14 (asylum statements are not given to the "
          "embassy; only identity for the travel document), then 13 (nothing passed on without agreement) (J7).")
R_SCHOOL = "Children's schooling after return, country not covered: answer 16 (school enrolment after return) (v5 J6; J15)."
R_MED_UNCOV = "Medicine/treatment after return, country not covered: answer 9 (supply of medicine, partner checks availability)."
R_MED_COST = ("Whether treatment costs after return are paid, country not covered: answer 9, then 3 (in-kind help "
              "with medical costs) (J9).")


def office(city, extra=""):
    n, km = nearest(city)
    added = " (coordinates added by the labeller)" if city in ADDED_COORDS else ""
    return ([f"NEAR:{city}"],
            f"Office/near-me in {city}{added}: nearest return_counselling point is {n} "
            f"({POINTS[n - 1][1]}, {km:.1f} km).{extra}")


def money_cov(code):
    prog = next(p for p, nats in PROG_NATS.items() if code in nats)
    return ([prog, "A3", f"S:{SHEET_OF[code]}"],
            f"Money for {COUNTRY_NAMES[code]}: {prog} (nationality {code}, sample cash grant), answer 3, then the "
            f"{COUNTRY_NAMES[code]} sheet's reintegration section (v5 fixed mapping).")


def biz_cov(code):
    prog = next(p for p, nats in PROG_NATS.items() if code in nats)
    return (["A20", "A3", prog, f"S:{SHEET_OF[code]}"],
            f"Help to start a small business in {COUNTRY_NAMES[code]}: answers 20, 3, then {prog} (in-kind start-up "
            f"material) and the sheet's work section.")


def med_cov(code):
    progs = [p for p, nats in PROG_NATS.items() if code in nats and PROG_HEALTH_OK[p]]
    why = (f"{progs[0]} (medical needs supported)" if progs else
           "no programme: P2 leaves medical needs unstated, so it is never added for health")
    return (["A9", f"S:{SHEET_OF[code]}", *progs],
            f"Medicine/treatment after return to {COUNTRY_NAMES[code]}: answer 9, the sheet's health section, {why}.")


def unpaid_cov(code):
    prog = next(p for p, nats in PROG_NATS.items() if code in nats)
    return ([f"S:{SHEET_OF[code]}", "A29", prog],
            f"Reintegration support not paid/arrived in {COUNTRY_NAMES[code]}: the sheet's reintegration and contacts "
            f"sections (contact the partner), answer 29 (complaints), {prog} (J6).")


def arrival(tokens, why):
    return (tokens, "Arrival at the airport: " + why + " (v5 J5; J10).")


N = []  # empty


LABELS = {
    # ------------------------------------------------------------------ en
    "en-01": (["A3"], R_MONEY_UNCOV + " (Nigeria)"),
    "en-02": (["P2", "A1"], R_ELIG_NO),
    "en-03": (["A10", "A22"], R_NOPASS + " A voter card is one of the 'other papers' of answer 22."),
    "en-04": (["A15"], R_LUG),
    "en-05": (["A9"], R_MED_UNCOV + " (Nigeria)"),
    "en-06": (["A8", "A16"], "Wife and children return with him and get support: answer 8 (families together, support "
                             "per person or family), then 16 (children). No nationality named, so no programme."),
    "en-07": (["A3", "A20"], R_BIZ_MONEY + " (Gambia)"),
    "en-08": arrival(["A24", "A14"], "what happens (24: met on arrival, onward travel), arrest worry (14); Ghana has no sheet"),
    "en-09": (["A13", "A6"], R_AUTH),
    "en-10": office("Antwerp", " Antwerp's own point 2 offers legal aid only."),
    "en-11": (["A11"], R_DUR),
    "en-12": (N, R_REENTRY),
    "en-13": (["A12"], R_CANCEL),
    "en-14": (N, R_DETENTION),
    "en-15": (["A29"], R_UNPAID + " (Ghana)"),
    "en-16": (N, R_NONE_CASE),
    "en-17": (N, R_NONE_JOBS),
    "en-18": (N, R_NONE_STATS),
    "en-19": (N, R_NONE_OFF),
    "en-20": (N, R_NONE_LEGAL),
    "en-21": (N, R_NONE_VISA),
    "en-22": office("Ghent", " Ghent's own point 4 offers health only."),
    "en-23": (["A3"], R_MONEY_UNCOV + " (Ghana)"),
    "en-24": (N, R_NONE_RES),
    "en-25": (N, R_NONE_OFF),
    # ------------------------------------------------------------------ fr
    "fr-01": (["A3"], R_MONEY_UNCOV + " (DR Congo)"),
    "fr-02": (["P1", "P2", "A1"], R_ELIG + " An order to leave = no legal stay."),
    "fr-03": (["A23", "A10"], R_EXPIRED),
    "fr-04": (["A2"], R_TICKET),
    "fr-05": (["A9"], R_MED_UNCOV + " (DR Congo)"),
    "fr-06": (["A16"], R_SCHOOL + " (Cameroon; Liège is only where they live now)"),
    "fr-07": (["A20", "A3"], R_BIZ_HELP + " (Senegal)"),
    "fr-08": arrival(["A14"], "arrest worry only (14); Guinea has no sheet"),
    "fr-09": (["A13", "A6"], R_AUTH),
    "fr-10": office("Charleroi", " Charleroi's own point 7 offers legal aid and drop-in only."),
    "fr-11": (["NEAR:Namur", "WALKIN:Namur", "A7"],
              "Walk-in place in Namur: point 8 (Namur) is the counselling point there but its page does not say 'no "
              "appointment needed'; the nearest counselling point that does is 3 (Liège, 53.3 km); answer 7 explains "
              "appointments (J11)."),
    "fr-12": (["A11"], R_DUR),
    "fr-13": (N, R_REENTRY),
    "fr-14": (["A12"], R_CANCEL),
    "fr-15": (N, R_DETENTION),
    "fr-16": (["A29"], R_COMPLAINT),
    "fr-17": (["A14", "A13"], R_PRIV),
    "fr-18": (N, R_NONE_CASE),
    "fr-19": (N, R_NONE_JOBS),
    "fr-20": (N, R_NONE_STATS),
    "fr-21": (N, R_NONE_VISA),
    "fr-22": (N, R_NONE_LEGAL),
    "fr-23": (N, R_NONE_OFF),
    "fr-24": (["A11", "A10"], R_DOCTIME),
    "fr-25": office("Mons", " 'retour volontaire mons' read as an office question (writer's topic: office)."),
    "fr-26": (N, R_NONE_ASY),
    "fr-27": (N, R_NONE_HOUSE),
    # ------------------------------------------------------------------ nl
    "nl-01": (["A3"], R_MONEY_UNCOV + " (Morocco)"),
    "nl-02": (["P1", "P2", "A1"], R_ELIG),
    "nl-03": (["A10", "A22"], R_NOPASS + " Answer 22 also covers the embassy interview/record check when you have nothing."),
    "nl-04": (["A15"], R_LUG),
    "nl-05": (["A9"], "Fit to fly with heart problems: answer 9 (programme checks whether you are fit to travel, bring "
                      "medical reports)."),
    "nl-06": (N, "Finishing the school year before leaving: no page says (v5 J6: nl-07/no-06 -> []; J15)."),
    "nl-07": (["A20", "A3"], R_BIZ_HELP + " (Brazil)"),
    "nl-08": arrival(["A24", "S:afghanistan"], "what happens (24), then the Afghanistan sheet (safety section)"),
    "nl-09": (["A13", "A6"], R_AUTH),
    "nl-10": office("Antwerp", " Its page lists opening hours Mo/Tu/Th, which answers the Saturday part."),
    "nl-11": office("Hasselt"),
    "nl-12": (["A11"], R_DUR),
    "nl-13": (N, R_REENTRY),
    "nl-14": (["A12"], R_CANCEL),
    "nl-15": (N, R_DETENTION),
    "nl-16": (["A29"], R_COMPLAINT),
    "nl-17": (["A27", "A20"], "Who helps with the reintegration project after return, Morocco not covered: answer 27 "
                              "(the plan says who provides support and how follow-up is done), then 20 (J6)."),
    "nl-18": (N, R_NONE_CASE),
    "nl-19": (N, R_NONE_JOBS),
    "nl-20": (N, R_NONE_STATS),
    "nl-21": (N, R_NONE_VISA),
    "nl-22": (N, R_NONE_OFF),
    "nl-23": (N, R_NONE_LEGAL),
    "nl-24": (["A3", "P1", "P2"], R_MONEY_GEN),
    "nl-25": (["A2"], R_TICKET),
    "nl-26": (N, R_NONE_BANK),
    "nl-27": (N, R_NONE_SMUG),
    # ------------------------------------------------------------------ ar
    "ar-01": money_cov("IQ"),
    "ar-02": (["A3"], R_MONEY_UNCOV + " (Morocco)"),
    "ar-03": (["P2", "A1"], R_ELIG_NO),
    "ar-04": (["A10", "A22"], R_NOPASS + " (Sudanese embassy)"),
    "ar-05": (["A15"], R_LUG),
    "ar-06": med_cov("IQ"),
    "ar-07": (["S:iraq", "A16"], "Children's schooling after return to Iraq: the Iraq sheet's education section, then 16 "
                                 "(v5 J6)."),
    "ar-08": (["A20", "A3"], R_BIZ_HELP + " (Morocco)"),
    "ar-09": arrival(["A24", "A14", "S:iraq"], "what happens (24), being stopped (14), the Iraq sheet's safety section"),
    "ar-10": (["A13", "A6"], R_AUTH),
    "ar-11": office("Liège"),
    "ar-12": (["A11"], R_DUR),
    "ar-13": (N, R_REENTRY),
    "ar-14": (N, R_DETENTION),
    "ar-15": (["A12"], R_CANCEL + " (Syria)"),
    "ar-16": (["A29"], R_COMPLAINT),
    "ar-17": unpaid_cov("IQ"),
    "ar-18": (N, R_NONE_CASE),
    "ar-19": (N, R_NONE_JOBS),
    "ar-20": (N, R_NONE_STATS),
    "ar-21": (N, R_NONE_VISA),
    "ar-22": (N, R_NONE_LEGAL),
    "ar-23": (N, R_NONE_OFF),
    "ar-24": office("Oslo", " Oslo's own point 5 offers shelter and drop-in only."),
    "ar-25": (["A2"], R_TICKET),
    "ar-26": (N, R_NONE_RES),
    "ar-27": (N, R_NONE_OFF),
    # ------------------------------------------------------------------ fa
    "fa-01": money_cov("AF"),
    "fa-02": (["P1", "P2", "A1"], R_ELIG),
    "fa-03": (["A10", "A22"], R_NOPASS + " (Iranian embassy; lost passport, J19)"),
    "fa-04": (["A15"], R_LUG),
    "fa-05": med_cov("AF"),
    "fa-06": (["A16"], R_SCHOOL + " (no country named)"),
    "fa-07": biz_cov("AF"),
    "fa-08": arrival(["A14"], "detention worry only (14); Iran has no sheet"),
    "fa-09": (["A13", "A6"], R_AUTH),
    "fa-10": office("Bergen"),
    "fa-11": (["A11"], R_DUR),
    "fa-12": (N, R_REENTRY),
    "fa-13": (["A12"], R_CANCEL),
    "fa-14": (N, R_DETENTION),
    "fa-15": (["A14", "A13"], R_PRIV + " (Taliban)"),
    "fa-16": unpaid_cov("AF"),
    "fa-17": (N, R_NONE_CASE),
    "fa-18": (N, R_NONE_JOBS),
    "fa-19": (N, R_NONE_STATS),
    "fa-20": (N, R_NONE_VISA),
    "fa-21": (N, R_NONE_LEGAL),
    "fa-22": (N, R_NONE_OFF),
    "fa-23": office("Oslo", " Oslo's own point 5 offers shelter and drop-in only."),
    "fa-24": (["A3", "P1", "P2"], R_MONEY_GEN),
    "fa-25": (N, R_NONE_ASY),
    "fa-26": (N, R_NONE_HOUSE),
    # ------------------------------------------------------------------ de
    "de-01": money_cov("GE"),
    "de-02": (["P1", "P2", "A1"], R_ELIG + " Now in Belgium, which hosts both programmes."),
    "de-03": (["A23", "A10"], R_EXPIRED),
    "de-04": (["A15"], R_LUG),
    "de-05": med_cov("GE"),
    "de-06": (["A10", "A8"], "Children born in Belgium without Serbian papers: answer 10 (embassy, birth certificate), "
                             "then 8 (bring everyone's documents) (v5 en-10 precedent; J18)."),
    "de-07": (["A3", "A20"], R_BIZ_MONEY + " (Kosovo)"),
    "de-08": arrival(["A24", "A14", "S:georgia"], "what happens (24), police checks (14), the Georgia sheet's safety section"),
    "de-09": (["A13", "A6"], R_AUTH),
    "de-10": office("Liège", " Eupen (coordinates added) also gives point 3, 32.2 km."),
    "de-11": (["A11"], R_DUR),
    "de-12": (N, R_REENTRY),
    "de-13": (["A12"], R_CANCEL),
    "de-14": (N, R_DETENTION),
    "de-15": (["A29"], R_COMPLAINT),
    "de-16": (N, "Flying while 7 months pregnant: no page says (v5 J1; J17)."),
    "de-17": (N, R_NONE_CASE),
    "de-18": (N, R_NONE_JOBS),
    "de-19": (N, R_NONE_STATS),
    "de-20": (N, R_NONE_VISA),
    "de-21": (N, R_NONE_LEGAL),
    "de-22": (N, R_NONE_OFF),
    "de-23": office("Brussels"),
    "de-24": (["A3", "A20"], R_BIZ_MONEY + " (Kosovo)"),
    "de-25": (N, R_NONE_EDU),
    "de-26": (N, R_NONE_HOUSE),
    # ------------------------------------------------------------------ no
    "no-01": money_cov("IQ"),
    "no-02": (["P1", "P2", "A1"], R_ELIG + " UNE is an agency, not a named place, so the host rule is not applied (J2)."),
    "no-03": (["A10", "A22"], R_NOPASS + " Answer 22 names the birth certificate."),
    "no-04": (["A15"], R_LUG),
    "no-05": (["A9"], "Several months of epilepsy medicine to take along: answer 9 (supply of medicine for the first period)."),
    "no-06": (N, "School records/certificates for the new school: only the sheets' education section covers it and no "
                 "country is named (v5 J6; J15)."),
    "no-07": biz_cov("IQ"),
    "no-08": arrival(["A24"], "what happens (24); Somalia has no sheet"),
    "no-09": (["A13", "A6"], R_AUTH),
    "no-10": office("Stavanger"),
    "no-11": office("Tromsø", " Bergen is Norway's only counselling point."),
    "no-12": (["A11"], R_DUR),
    "no-13": (N, R_REENTRY),
    "no-14": (["A12"], R_CANCEL),
    "no-15": (N, R_DETENTION),
    "no-16": (["A29"], R_UNPAID + " (no country named)"),
    "no-17": (["A1"], "How return works, Ethiopian friend: answer 1 (general start; no programme for Ethiopia)."),
    "no-18": (N, R_NONE_CASE),
    "no-19": (N, R_NONE_JOBS),
    "no-20": (N, R_NONE_STATS),
    "no-21": (N, R_NONE_VISA),
    "no-22": (N, R_NONE_LEGAL),
    "no-23": (N, R_NONE_OFF + " (NAV opening hours; Bergen named for another reason: no point)"),
    "no-24": office("Oslo", " Oslo's own point 5 offers shelter and drop-in only."),
    "no-25": (["A11", "A10"], R_DOCTIME),
    "no-26": (N, R_NONE_RES),
    "no-27": (N, R_NONE_EDU),
    # ------------------------------------------------------------------ ps
    "ps-01": money_cov("AF"),
    "ps-02": (["P1", "P2", "A1"], R_ELIG),
    "ps-03": (["A10", "A22"], R_NOPASS + " A tazkira is a national ID card (answer 22); Afghanistan not named, no sheet."),
    "ps-04": (["A15"], R_LUG),
    "ps-05": med_cov("AF"),
    "ps-06": (["A16"], R_SCHOOL + " (no country named)"),
    "ps-07": biz_cov("AF"),
    "ps-08": arrival(["A14", "S:afghanistan"], "Taliban at Kabul airport: 14, then the Afghanistan sheet (v5 ps-07)"),
    "ps-09": (["A13", "A6"], R_AUTH),
    "ps-10": office("Oslo", " Oslo's own point 5 offers shelter and drop-in only."),
    "ps-11": (["A11"], R_DUR),
    "ps-12": (N, R_REENTRY),
    "ps-13": (["A12"], R_CANCEL),
    "ps-14": (N, R_DETENTION),
    "ps-15": (["A29"], R_COMPLAINT),
    "ps-16": unpaid_cov("AF"),
    "ps-17": (N, R_NONE_CASE),
    "ps-18": (N, R_NONE_JOBS),
    "ps-19": (N, R_NONE_STATS),
    "ps-20": (N, R_NONE_VISA),
    "ps-21": (N, R_NONE_LEGAL),
    "ps-22": (N, R_NONE_OFF),
    "ps-23": office("Brussels"),
    "ps-24": (["A3", "P1", "P2"], R_MONEY_GEN),
    "ps-25": (N, R_NONE_ASY),
    "ps-26": (N, R_NONE_HOUSE),
    # ------------------------------------------------------------------ ti
    "ti-01": (["A3"], R_MONEY_UNCOV + " (Eritrea)"),
    "ti-02": (["A3"], R_MONEY_UNCOV + " (Ethiopia)"),
    "ti-03": (["P1", "P2", "A1"], R_ELIG),
    "ti-04": (["A10", "A22"], R_NOPASS),
    "ti-05": (["A2", "A24"], "Flight to Mekelle or via Addis: answer 2 (programme books the flight), then 24 (onward "
                             "travel on arrival) (J12)."),
    "ti-06": (["A9"], R_MED_UNCOV),
    "ti-07": (["A8", "A16"], "Children return with the parent: answer 8, then 16."),
    "ti-08": (["A20", "A3"], R_BIZ_HELP + " (Eritrea)"),
    "ti-09": arrival(["A24", "A14"], "what happens (24), arrest worry (14); Eritrea has no sheet"),
    "ti-10": (["A13", "A6"], R_AUTH),
    "ti-11": office("Bergen"),
    "ti-12": (["A11"], R_DUR),
    "ti-13": (N, R_REENTRY),
    "ti-14": (["A12"], R_CANCEL),
    "ti-15": (N, R_DETENTION),
    "ti-16": (["A29"], R_COMPLAINT),
    "ti-17": (["A14", "A13"], R_PRIV + " (Eritrean government)"),
    "ti-18": (N, R_NONE_CASE),
    "ti-19": (N, R_NONE_JOBS),
    "ti-20": (N, R_NONE_STATS),
    "ti-21": (N, R_NONE_VISA),
    "ti-22": (N, R_NONE_LEGAL),
    "ti-23": (N, R_NONE_OFF),
    "ti-24": office("Brussels"),
    "ti-25": (["A2"], R_TICKET),
    "ti-26": (N, R_NONE_SMUG),
    "ti-27": (N, R_NONE_HOUSE),
    # ------------------------------------------------------------------ so
    "so-01": (["A3"], R_MONEY_UNCOV + " (Somalia)"),
    "so-02": (["P1", "P2", "A1"], R_ELIG),
    "so-03": (["A10", "A22"], R_NOPASS),
    "so-04": (["A15"], R_LUG),
    "so-05": (["A9"], R_MED_UNCOV + " (Hargeisa)"),
    "so-06": (["A16"], R_SCHOOL + " (Somalia; Oslo is only where they study now)"),
    "so-07": (["A20", "A3"], R_BIZ_HELP + " (Somalia)"),
    "so-08": arrival(["A24"], "what happens (24); Somalia has no sheet"),
    "so-09": (["A13", "A6"], R_AUTH),
    "so-10": office("Drammen"),
    "so-11": (["A11"], R_DUR),
    "so-12": (N, R_REENTRY),
    "so-13": (["A12"], R_CANCEL),
    "so-14": (N, R_DETENTION),
    "so-15": (["A29"], R_UNPAID + " (no country named)"),
    "so-16": (["A21"], "Going to live with mother and siblings in Kismayo: answer 21 (most people first stay with "
                       "family or friends; housing help otherwise) (J13)."),
    "so-17": (N, R_NONE_CASE),
    "so-18": (N, R_NONE_JOBS),
    "so-19": (N, R_NONE_STATS),
    "so-20": (N, R_NONE_VISA),
    "so-21": (N, R_NONE_LEGAL),
    "so-22": (N, R_NONE_OFF + " (money transfer)"),
    "so-23": office("Oslo", " Oslo's own point 5 offers shelter and drop-in only."),
    "so-24": (["A3", "A20"], "How much business money, no country: answers 3 then 20 (small-business money mapping)."),
    "so-25": (N, R_NONE_ASY),
    "so-26": (N, R_NONE_HOUSE),
    # ------------------------------------------------------------------ ru
    "ru-01": money_cov("GE"),
    "ru-02": (["P1", "P2", "A1"], R_ELIG + " Belgium named: it hosts both programmes."),
    "ru-03": (["A23", "A10"], R_EXPIRED + " (Uzbek embassy)"),
    "ru-04": (["A15"], R_LUG),
    "ru-05": (["A9", "A3"], R_MED_COST + " (Armenia)"),
    "ru-06": (N, "School records for a school in Tashkent: Uzbekistan has no sheet, and only the sheets' education "
                 "section covers records (v5 J6; J15)."),
    "ru-07": (["A20", "A3"], R_BIZ_HELP + " (Armenia)"),
    "ru-08": arrival(["A24", "A14"], "what happens (24), detention worry (14); Russia has no sheet; transit via Moscow "
                                     "is not covered"),
    "ru-09": (["A13", "A6"], R_AUTH),
    "ru-10": office("Ghent", " Ghent's own point 4 offers health only."),
    "ru-11": (["A11"], R_DUR),
    "ru-12": (N, R_REENTRY),
    "ru-13": (["A12"], R_CANCEL),
    "ru-14": (N, R_DETENTION),
    "ru-15": (["A29"], R_UNPAID + " (cheated with reintegration money)"),
    "ru-16": (["S:georgia", "A20", "P2"], "Who helps with work and business after return to Kutaisi: the Georgia sheet "
                                          "(reintegration and work sections: partner organisation), answer 20, P2 (GE)."),
    "ru-17": (N, R_NONE_CASE),
    "ru-18": (N, R_NONE_JOBS),
    "ru-19": (N, R_NONE_STATS),
    "ru-20": (N, R_NONE_VISA),
    "ru-21": (N, R_NONE_LEGAL),
    "ru-22": (N, R_NONE_OFF),
    "ru-23": office("Antwerp", " Antwerp's own point 2 offers legal aid only."),
    "ru-24": (["A11", "A10"], R_DOCTIME),
    "ru-25": (N, R_NONE_RES),
    "ru-26": (N, R_NONE_OFF),
    # ------------------------------------------------------------------ sq
    "sq-01": (["A3"], R_MONEY_UNCOV + " (Albania)"),
    "sq-02": (["P1", "P2", "A1"], R_ELIG + " Belgium named: it hosts both programmes."),
    "sq-03": (["A23", "A10"], R_EXPIRED + " (new passport from the embassy in Brussels; no service point)"),
    "sq-04": (["A15"], R_LUG),
    "sq-05": (["A9"], R_MED_UNCOV + " (Albania)"),
    "sq-06": (["A16"], R_SCHOOL + " (Albania)"),
    "sq-07": (["A20", "A3"], R_BIZ_HELP + " (Albania)"),
    "sq-08": arrival(["A24", "A14"], "what happens (24), police worry (14); Kosovo has no sheet"),
    "sq-09": (["A13", "A6"], R_AUTH),
    "sq-10": office("Antwerp", " Antwerp's own point 2 offers legal aid only."),
    "sq-11": (["A11"], R_DUR),
    "sq-12": (N, R_REENTRY),
    "sq-13": (["A12"], R_CANCEL),
    "sq-14": (N, R_DETENTION),
    "sq-15": (["A29"], R_COMPLAINT),
    "sq-16": (["A9", "A16"], "Help for an autistic daughter in Elbasan after return: answer 9 (a partner checks whether "
                             "care is available), then 16 (health checks, extra support per child) (J14)."),
    "sq-17": (N, R_NONE_CASE),
    "sq-18": (N, R_NONE_JOBS),
    "sq-19": (N, R_NONE_STATS),
    "sq-20": (N, R_NONE_VISA),
    "sq-21": (N, R_NONE_LEGAL),
    "sq-22": (N, R_NONE_OFF),
    "sq-23": office("Ghent", " Ghent's own point 4 offers health only."),
    "sq-24": (["A2"], R_TICKET),
    "sq-25": (N, R_NONE_ASY),
    "sq-26": (N, R_NONE_HOUSE),
    # ------------------------------------------------------------------ ur
    "ur-01": (["A3"], R_MONEY_UNCOV + " (Pakistan)"),
    "ur-02": (["P1", "P2", "A1"], R_ELIG),
    "ur-03": (["A23", "A10"], R_EXPIRED + " (new passport or 'another document' = laissez-passer, answer 10)"),
    "ur-04": (["A15"], R_LUG),
    "ur-05": (["A9", "A3"], R_MED_COST + " (Pakistan)"),
    "ur-06": (["A16"], R_SCHOOL + " (no country named)"),
    "ur-07": (["A20", "A3"], R_BIZ_HELP + " (Pakistan)"),
    "ur-08": arrival(["A14"], "FIA arrest worry only (14); Pakistan has no sheet"),
    "ur-09": (["A13", "A6"], R_AUTH),
    "ur-10": office("Antwerp", " Antwerp's own point 2 offers legal aid only."),
    "ur-11": (["A11"], R_DUR),
    "ur-12": (N, R_REENTRY),
    "ur-13": (["A12"], R_CANCEL),
    "ur-14": (N, R_DETENTION),
    "ur-15": (["A29"], R_COMPLAINT),
    "ur-16": (["A29"], R_UNPAID + " (Pakistan; 'when will it come' after 2 months)"),
    "ur-17": (N, R_NONE_CASE),
    "ur-18": (N, R_NONE_JOBS),
    "ur-19": (N, R_NONE_STATS),
    "ur-20": (N, R_NONE_VISA),
    "ur-21": (N, R_NONE_LEGAL),
    "ur-22": (N, R_NONE_OFF),
    "ur-23": office("Oslo", " Oslo's own point 5 offers shelter and drop-in only."),
    "ur-24": (["A2"], R_TICKET),
    "ur-25": (N, R_NONE_RES),
    "ur-26": (N, R_NONE_HOUSE),
}


def slug_of(tok):
    if re.fullmatch(r"A\d+", tok):
        return f"sample-answer-{int(tok[1:])}"
    if tok in ("P1", "P2"):
        return f"sample-programme-{tok[1]}"
    if tok == "D":
        return "your-decision"
    if tok.startswith("S:"):
        return tok[2:]
    if tok.startswith("NEAR:"):
        return f"sample-service-point-{nearest(tok[5:])[0]}"
    if tok.startswith("WALKIN:"):
        return f"sample-service-point-{nearest(tok[7:], walk_in=True)[0]}"
    raise ValueError(tok)


def check_programme_use(qid, toks, topic):
    """Programme conditions the labels rely on."""
    for p in ("P1", "P2"):
        if p not in toks:
            continue
        if topic == "health":
            assert PROG_HEALTH_OK[p], (qid, p, "health not supported")
        if topic == "family":
            assert PROG_FAMILY_OK[p], (qid, p, "family not allowed")
        for t in toks:
            if t.startswith("S:"):
                code = next(c for c, s in SHEET_OF.items() if s == t[2:])
                assert code in PROG_NATS[p], (qid, p, code)


def main():
    with open(QFILE, "rb") as fh:
        raw = fh.read()
    assert hashlib.sha256(raw).hexdigest() == SHA, "v6.jsonl changed"
    qs = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    assert len(qs) == 342
    assert set(LABELS) == {q["id"] for q in qs}, set(LABELS) ^ {q["id"] for q in qs}
    # Host rule: where Norway is named, P1 (BE only) is not used.
    for q in qs:
        toks, _ = LABELS[q["id"]]
        check_programme_use(q["id"], toks, q["topic"])
        places = q["place"]
        if "P1" in toks and re.search(r"\b(Norway|Oslo|Bergen|Trondheim)\b", places):
            raise AssertionError((q["id"], "P1 hosts BE only"))
        if toks == ["P2", "A1"]:
            assert "NO" in PROG_HOSTS["P2"] and "NO" not in PROG_HOSTS["P1"]
        hosts = {h for h, pat in (("NO", r"\b(Norway|Oslo|Bergen|Trondheim|Drammen)\b"),
                                  ("BE", r"\b(Belgium|Brussels|Antwerp|Ghent|Li\u00e8ge|Namur|Charleroi)\b"))
                 if re.search(pat, places)}
        for p in ("P1", "P2"):
            if p in toks:
                assert hosts <= PROG_HOSTS[p], (q["id"], p, hosts)
    out = []
    for q in qs:
        toks, reason = LABELS[q["id"]]
        slugs = [slug_of(t) for t in toks]
        assert len(slugs) == len(set(slugs)), q["id"]
        for s in slugs:
            assert s in PAGES, (q["id"], s)
        out.append({"id": q["id"], "lang": q["lang"], "expected_slugs": slugs,
                    "expected_titles": [PAGES[s] for s in slugs], "reason": reason})
    with open(OUT, "w", encoding="utf-8") as fh:
        for row in out:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    # Summary.
    langs = []
    for q in qs:
        if q["lang"] not in langs:
            langs.append(q["lang"])
    flag = {q["id"]: q["likely_unanswerable"] for q in qs}
    print(f"{'lang':5}{'n':>4}{'answerable':>12}{'none':>6}")
    tot = [0, 0]
    for lang in langs:
        rows = [r for r in out if r["lang"] == lang]
        a = sum(1 for r in rows if r["expected_slugs"])
        tot[0] += a
        tot[1] += len(rows) - a
        print(f"{lang:5}{len(rows):>4}{a:>12}{len(rows) - a:>6}")
    print(f"{'all':5}{len(out):>4}{tot[0]:>12}{tot[1]:>6}")
    cells = {}
    for r in out:
        key = (flag[r["id"]], bool(r["expected_slugs"]))
        cells.setdefault(key, []).append(r["id"])
    for key in sorted(cells):
        print(("flagged" if key[0] else "not flagged"), "/", ("answerable" if key[1] else "none"),
              len(cells[key]), " ".join(cells[key]) if len(cells[key]) < 60 else "")
    used = {s for r in out for s in r["expected_slugs"]}
    print("pages used", len(used), "of", len(PAGES), "; never used:", sorted(set(PAGES) - used))


if __name__ == "__main__":
    main()
