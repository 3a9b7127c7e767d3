"""English SAMPLE texts of the demo knowledge base (the source language).

Process-level, generic and labelled sample: no real phone number, address,
official, legal deadline, programme name or amount. Every language module in
this package has the same names and the same shape (same number of
paragraphs), because translations are matched to the English source segment
by segment.
"""

SAMPLE = "Sample content for the demo: not real information."

COUNTRY_NAMES = {"AF": "Afghanistan", "IQ": "Iraq", "GE": "Georgia"}
AND = " and "

QUESTIONS = [
    "Can I get help to return home?",
    "Who pays for the ticket home?",
    "Is there money to restart after return?",
    "Can I still appeal my decision?",
    "What happens if I do not leave?",
    "Can I talk to someone anonymously?",
    "Do I need an appointment for counselling?",
    "Can my family return with me?",
    "What if I am ill and need treatment?",
    "How do I get new identity documents?",
    "How long does it take to organise a return?",
    "Can I change my mind after applying?",
    "Is the counselling free?",
    "Will the authorities in my country know?",
    "Can I take my belongings with me?",
    "What support exists for children?",
    "Can I apply if my asylum case is still open?",
    "Where can I get legal advice?",
    "Is there support for victims of trafficking?",
    "Can I get help finding work after return?",
    "Can I get help with housing after return?",
    "How do I prove my nationality?",
    "What if my passport has expired?",
    "Can someone meet me at the airport?",
    "Can I return to a country that is not my own?",
    "Are interpreters available?",
    "What does a reintegration plan contain?",
    "Who checks that this information is correct?",
    "How can I complain about a service?",
    "Where can I sleep tonight?",
]

# Plain text, at most 700 characters each (they are also sent in chat channels).
ANSWERS = [
    "Usually yes. Assisted return programmes can organise and pay the journey, help you get "
    "travel documents and sometimes support you after arrival. The first step is a "
    "conversation with a return counsellor at a service point: they check which programme "
    "fits your nationality and situation. Asking for information does not oblige you to "
    "return.",
    "If you return with an assisted return programme, the programme normally books and pays "
    "the flight and the transport to the airport; you do not pay it yourself. If you travel "
    "on your own, you pay. Your counsellor confirms what your programme covers before you "
    "decide.",
    "Some programmes give a small cash amount at departure or after arrival, and many offer "
    "reintegration support in kind: training, material to start a small business, or help "
    "with rent or medical costs. What you can get depends on the programme, your nationality "
    "and your situation, and it changes over time. Amounts shown in this demo are sample "
    "amounts. Ask a counsellor what applies to you.",
    "It depends on the decision. The letter says whether an appeal is possible and by when. "
    "Time limits can be short, so take the letter (and the envelope with the date you "
    "received it) to a lawyer or a legal aid service as soon as you can. Talking to a return "
    "counsellor does not stop you from getting legal advice.",
    "If you were ordered to leave and stay, the authorities can start a forced return. "
    "Depending on the country this can include reporting duties, detention and a ban on "
    "coming back for some years. You may also lose the support that voluntary programmes "
    "offer. A lawyer or counsellor can explain what applies in your case and what your "
    "options still are.",
    "Yes. At service points marked “you can come anonymously” you can ask general questions "
    "without giving your name. You decide what you tell. If you later apply for a "
    "programme, you will need to give your identity so that travel documents and the ticket "
    "can be arranged.",
    "Not always. Some service points have open hours where you can just walk in; others "
    "work with appointments. Each service point page says “no appointment needed” where "
    "that is the case. If you are not sure, send an e-mail or come during opening hours and "
    "ask.",
    "Yes, families can return together. Every family member is included in the application, "
    "and support can be given per person or per family. Bring the documents you have for "
    "everyone: passports, ID cards, birth and marriage certificates. School, health care and "
    "housing for the family can be planned before you leave.",
    "Tell your counsellor early. A programme can check whether you are fit to travel, "
    "arrange an escort or wheelchair, give you a supply of medicine for the first period and "
    "ask a partner whether your treatment is available after return. Bring medical reports "
    "and prescriptions. Medical information is only shared with your consent and only to "
    "organise your return.",
    "Your counsellor can help you contact the embassy or consulate of your country to ask "
    "for a passport or a one-way travel document (often called a laissez-passer). Bring "
    "every document you have, even old, expired or copies: passport, ID card, birth "
    "certificate, photos of documents. After return, a local partner can help you replace "
    "civil documents.",
    "Often a few weeks, but it varies. Most of the waiting is for travel documents from the "
    "embassy and for booking a flight. If your passport is valid it can go faster; if a new "
    "document must be issued it can take longer. Your counsellor gives you an estimate for "
    "your case and keeps you informed.",
    "Yes. Return with a programme is voluntary and you can withdraw until you leave. Tell "
    "your counsellor as soon as possible so the booking can be cancelled. Withdrawing does "
    "not change your legal situation: it stays as it was before you applied.",
    "Yes. In this demo the sample counselling network offers counselling free of charge, and "
    "it is confidential: the counsellor does not pass on what you say without your "
    "agreement. At the first meeting they explain the rare cases in which the law obliges "
    "them to share information.",
    "To issue travel documents, the embassy or consulate needs to know who you are. What you "
    "said in your asylum procedure is not given to them. If you are afraid of the "
    "authorities in your country, tell your counsellor and speak to a lawyer before any "
    "request is sent.",
    "Usually yes, within the luggage allowance of the ticket: in general one checked bag and "
    "hand luggage. Extra luggage is normally not paid by the programme. Ask your counsellor "
    "what your ticket allows, and keep documents and medicine in your hand luggage.",
    "Families with children get extra attention: school enrolment after return, health "
    "checks and sometimes extra support per child. A child travelling without parents can "
    "only return if a guardian is involved, the return is in the child's best interests and "
    "care by family or a care service is arranged before departure.",
    "You can ask for information at any time. To actually leave with a programme, you "
    "usually have to withdraw your asylum application, and that ends your procedure. Talk "
    "to a lawyer before you withdraw anything.",
    "At service points offering legal aid (see the map and the list of service points). A "
    "lawyer or legal adviser is on your side and is separate from return counselling. Bring "
    "all letters and decisions you have received. Legal aid may be free if you have little "
    "or no income.",
    "Yes. If someone forces you to work, keeps your documents or money, or threatens you or "
    "your family, tell a counsellor or a specialised support service. You can get "
    "protection and support, and before any return a risk assessment is made and safe "
    "travel and reception are arranged. This can be done confidentially.",
    "Often yes. Reintegration support can include job counselling, vocational training, "
    "referral to job-placement services or material to start a small business based on a "
    "simple business plan. Talk about your skills and plans with your counsellor before you "
    "leave, so a partner in your country can prepare.",
    "Sometimes. Some programmes pay temporary accommodation on arrival or a contribution to "
    "rent for the first months, usually paid directly to the landlord. Most people first "
    "stay with family or friends. Tell your counsellor early if you have nowhere to stay.",
    "A passport or national ID card is best, even if expired. Otherwise a birth certificate, "
    "family register, driving licence, military or school papers, or copies and photos of "
    "them help. If you have nothing, the embassy may interview you or check records; your "
    "counsellor can help arrange this. It usually takes longer.",
    "An expired passport still helps to prove who you are. Your counsellor can help you ask "
    "your embassy or consulate for a new passport or a one-way travel document "
    "(laissez-passer). Bring the old passport and passport photos. If your passport is lost "
    "or stolen, tell your counsellor; a police report of the loss may be needed.",
    "Often yes. Many programmes offer help at the departure airport and, through a partner "
    "organisation, on arrival: someone meets you, helps with onward travel or brings you to "
    "temporary accommodation. This must be requested before you leave, so ask your "
    "counsellor.",
    "Usually programmes help you return to the country of your nationality. Return to "
    "another country is possible only if you have the right to live there, for example a "
    "valid residence permit, and can enter legally. Ask your counsellor to check your "
    "situation.",
    "Yes. Counselling can be given with an interpreter, in person or by telephone, free of "
    "charge for you. Interpreters are bound to confidentiality. Say which language you need "
    "when you first make contact; each service point page lists the languages spoken there.",
    "A reintegration plan is made with you, before or after return. It describes your "
    "situation and needs, your goals (work, training, a small business, housing, health, "
    "school), what support you will receive, mostly in kind, who provides it, when, and how "
    "follow-up will be done. It is voluntary and can be adjusted.",
    "Each page belongs to an organisation that is responsible for it. Pages show when they "
    "were last verified and warn you when they are out of date; country sheets name their "
    "sources per section. The pages in this demo are sample content and have not been "
    "verified.",
    "First tell the service itself and ask to speak to a manager; each organisation should "
    "have a complaints procedure. You can also ask a legal aid service or an independent "
    "complaints body for help. Complaining does not affect your right to support.",
    "Look on the map for service points offering shelter; in this demo one sample service "
    "point does. Drop-in services can also refer you to an emergency shelter. If you are in "
    "danger, call the emergency number of the country you are in.",
]

SHEET = {
    "title": "Sample country sheet: {name}",
    "summary": SAMPLE
    + " What to expect and prepare when returning to {name}: safety, health care, housing, "
    "work, school, documents and reintegration support, in general terms. Ask a counsellor "
    "for current information about your own situation.",
    "source": "Sample source (fictional)",
    "sections": {
        "safety": [
            "Safety can differ a lot between regions and can change quickly. Before you decide, "
            "ask your counsellor for current information about the area you would return to, "
            "and for the sources it is based on.",
            "If you fear for your safety after return, say so and talk to a lawyer before you "
            "decide: it can matter for your legal options.",
        ],
        "health": [
            "Whether a treatment is available, and what it costs, varies by region and type of "
            "care, especially for chronic illness and mental health. Bring your medical reports: "
            "before you leave, a partner can check where your treatment is available. Some "
            "programmes pay for medicine for the first months.",
        ],
        "housing": [
            "Most people first stay with family or friends. Where that is not possible, some "
            "programmes help with temporary accommodation on arrival or a contribution to rent "
            "for a short period. Tell your counsellor early if you have nowhere to stay.",
        ],
        "work": [
            "Finding work can take time after a long absence. Reintegration support can include "
            "job counselling, vocational training or material to start a small business based "
            "on a simple business plan. Bring certificates of courses and work done abroad.",
        ],
        "education": [
            "Children can usually be enrolled in school after return; schools may ask for a "
            "birth certificate and earlier school reports. Diplomas from abroad may need a "
            "translation and legalisation: ask your counsellor to help before departure.",
        ],
        "documents": [
            "Take all identity and civil documents with you. Births and marriages that took "
            "place abroad may have to be registered after return, so bring the certificates. "
            "Replacing lost documents usually means a visit to the civil registry; a local "
            "partner can explain the steps.",
        ],
        "reintegration": [
            "Reintegration support is usually given by a partner organisation in the country of "
            "return. It is planned with you, mostly in kind (goods, services, training), "
            "sometimes with a small cash part. Contact the partner in the first weeks after "
            "arrival so that support can start.",
        ],
        "contacts": [
            "Reviewed contacts of local partners would be listed here. This demo gives no real "
            "contacts: ask your counsellor for the partner's details before you leave.",
        ],
    },
}

PROGRAMME = {
    "title": "Sample return programme {n}",
    "summary": SAMPLE
    + " An example of an assisted voluntary return and reintegration programme for "
    "nationals of {countries} whose asylum application was refused or who have no legal "
    "stay. Amounts and conditions are samples.",
    "operator": "Sample operator (fictional)",
    "funders": "Sample funder (fictional)",
    "deadline": "Sample: apply before you travel, and allow a few weeks for travel documents "
    "and booking.",
    "in_kind": "Sample: support mainly in kind, planned with you, such as vocational "
    "training, start-up material for a small business or a contribution to rent for the "
    "first months.",
    "vulnerable": "Sample: extra support for people with medical needs, families with "
    "children, older people and victims of trafficking, such as a medical escort, medicine "
    "for the first months or a larger in-kind budget.",
    "how_to_apply": [
        "Contact a return counsellor at a service point (see the map). The first "
        "conversation is free and confidential and does not oblige you to anything.",
        "Bring what you have: passport or ID card (even expired), other documents, medical "
        "reports, and the documents of family members who travel with you.",
        "The counsellor checks whether you are eligible, helps you get a travel document "
        "from your embassy or consulate if needed, books the journey and plans "
        "reintegration support with a partner in your country.",
    ],
}

EXPLAINER = {
    "title": "Understanding your decision (sample)",
    "summary": SAMPLE + " Why applications are refused and what your options are.",
    "body": [
        "A decision letter explains why your application was refused and what you can do "
        "next. It usually says whether you can appeal, by when, and whether you have to "
        "leave the country.",
        "Time limits can be short and are written in the letter. Take the letter, and the "
        "envelope showing when you received it, to a lawyer or legal aid service as soon as "
        "possible. A counsellor can help you find one.",
    ],
    "options": [
        (
            "Appeal",
            "A lawyer checks whether the decision can be challenged and whether an appeal "
            "lets you stay while it is examined. Legal aid may be free if you have little "
            "income.",
            "Sample: the deadline is written in your decision letter.",
        ),
        (
            "New application",
            "Possible only with new facts or evidence that were not examined before. Discuss "
            "it with a lawyer first.",
            "",
        ),
        (
            "Voluntary return",
            "A counsellor explains the support available: the journey, documents and help "
            "after return. Asking for information does not stop an appeal.",
            "Sample: ask about programme deadlines.",
        ),
    ],
    "update": " (Sample update after translation.)",
}
