"""Build the sample monitoring XLSForm that feeds the return-reintegration-2015
index and the equal-weight placeholder composite (equal-weight-composite).

    .venv/bin/python retour/surveys/forms/build_monitoring_2015.py

writes retour/surveys/forms/monitoring_2015.xlsx (committed). The questions are
the ones named in retour/surveys/index/definitions/*.yaml; wording is a sample,
not a validated instrument.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "monitoring_2015.xlsx"

SURVEY: list[tuple[str, ...]] = [
    ("type", "name", "label", "required", "constraint", "hint"),
    ("text", "case_number", "Case number (pseudonymous, no names)", "yes", "", ""),
    ("select_one round", "round", "Monitoring round", "yes", "", ""),
    ("date", "interview_date", "Date of the interview", "yes", "", ""),
    (
        "select_one yes_no",
        "econ_employed",
        "Do you currently have paid work or self-employment?",
        "yes",
        "",
        "",
    ),
    (
        "integer",
        "econ_income_sources",
        "How many regular sources of income does your household have?",
        "yes",
        ". >= 0 and . <= 20",
        "",
    ),
    (
        "select_one change",
        "econ_situation",
        "Compared with before you left, your economic situation is…",
        "yes",
        "",
        "",
    ),
    # Three questions people may prefer not to answer: missing answers are what
    # the index's "missing" rule is for.
    ("select_one debt", "econ_debt", "Do you have debts?", "no", "", "May be left unanswered"),
    ("select_one housing", "econ_housing", "Where do you live now?", "yes", "", ""),
    (
        "select_one yes_no",
        "soc_local_network",
        "Are there people nearby you can rely on for help?",
        "yes",
        "",
        "",
    ),
    (
        "select_one yes_no",
        "soc_transnational",
        "Are you in regular contact with people abroad?",
        "yes",
        "",
        "",
    ),
    (
        "select_one frequency",
        "soc_participation",
        "Do you take part in local events or community life?",
        "yes",
        "",
        "",
    ),
    (
        "select_one perception",
        "soc_perception",
        "How do you feel the community sees you since your return?",
        "yes",
        "",
        "",
    ),
    (
        "select_one yes_no",
        "soc_membership",
        "Are you a member of an association, cooperative, religious or other group?",
        "no",
        "",
        "May be left unanswered",
    ),
    ("select_one safety", "safe_home", "How safe do you feel at home?", "yes", "", ""),
    (
        "select_one safety",
        "safe_community",
        "How safe do you feel in your community?",
        "yes",
        "",
        "",
    ),
    ("select_one trust", "safe_trust_gov", "How much do you trust the government?", "yes", "", ""),
    (
        "select_one yes_no",
        "safe_justice",
        "If you had a dispute, could you get help from the police, courts or a lawyer?",
        "no",
        "",
        "May be left unanswered",
    ),
    (
        "select_one yes_no",
        "safe_harassed",
        "Since your return, have you been harassed, threatened or discriminated against?",
        "yes",
        "",
        "",
    ),
    (
        "integer",
        "psy_wellbeing",
        "On a scale of 1 (very bad) to 5 (very good), how do you feel?",
        "yes",
        ". >= 1 and . <= 5",
        "",
    ),
    (
        "select_one yes_no",
        "psy_belonging",
        "Do you feel you belong where you live now?",
        "yes",
        "",
        "",
    ),
    (
        "select_multiple assistance",
        "assistance_useful",
        "Which assistance has been useful? (choose all that apply)",
        "no",
        "",
        "",
    ),
    (
        "decimal",
        "monthly_income",
        "Household income last month (local currency, optional)",
        "no",
        ". >= 0",
        "Leave empty if the person prefers not to say",
    ),
    ("text", "remarks", "Remarks (no names, no contact details)", "no", "", ""),
]

CHOICES: list[tuple[str, ...]] = [
    ("list_name", "name", "label"),
    ("round", "m3", "3 months after arrival"),
    ("round", "m6", "6 months after arrival"),
    ("round", "m12", "12 months after arrival"),
    ("yes_no", "yes", "Yes"),
    ("yes_no", "no", "No"),
    ("change", "much_worse", "Much worse"),
    ("change", "worse", "Worse"),
    ("change", "same", "About the same"),
    ("change", "better", "Better"),
    ("change", "much_better", "Much better"),
    ("debt", "none", "No debt"),
    ("debt", "manageable", "Debt I can repay"),
    ("debt", "unmanageable", "Debt I cannot repay"),
    ("housing", "own", "Own home or land"),
    ("housing", "rent", "Rented"),
    ("housing", "family", "With family"),
    ("housing", "temporary", "Temporary shelter"),
    ("housing", "none", "No stable place"),
    ("frequency", "never", "Never"),
    ("frequency", "sometimes", "Sometimes"),
    ("frequency", "often", "Often"),
    ("perception", "negative", "Negatively"),
    ("perception", "neutral", "Neutrally"),
    ("perception", "positive", "Positively"),
    ("safety", "unsafe", "Unsafe"),
    ("safety", "somewhat_safe", "Somewhat safe"),
    ("safety", "safe", "Safe"),
    ("trust", "none", "Not at all"),
    ("trust", "some", "Somewhat"),
    ("trust", "high", "A lot"),
    ("assistance", "cash", "Cash"),
    ("assistance", "business", "Business start-up"),
    ("assistance", "training", "Vocational training"),
    ("assistance", "medical", "Medical"),
    ("assistance", "housing", "Housing"),
    ("assistance", "psychosocial", "Psychosocial"),
]

SETTINGS = [
    ("form_title", "form_id", "version"),
    ("Post-return monitoring (SAMPLE form, 2015 index)", "retour_monitoring_2015", "2026112301"),
]


def build() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    for row in SURVEY:
        ws.append(list(row))
    choices = wb.create_sheet("choices")
    for row in CHOICES:
        choices.append(list(row))
    settings = wb.create_sheet("settings")
    for row in SETTINGS:
        settings.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT}")
