#!/usr/bin/env python3
"""Blind question set v9 for the "Retour" portal (Belgium + Norway, voluntary return).
All questions are hand-written literal data below. Standard library only.
Each row: (q as typed, English intent, topic, places ", "-joined, likely_unanswerable 0/1)
"""
import json, sys, collections

TOPICS = set("money eligibility documents travel health family reintegration arrival authorities "
             "privacy office hours duration reentry cancel detention complaint casestatus statistics "
             "legal work visa marriage housing smuggling banking exchange sports food phone weather other".split())
LANGS = "en fr nl ar fa de no ps ti so ru sq ur".split()

DATA = {}

# English: Nigeria, Ghana, Gambia (pidgin touches)
DATA["en"] = [
 ("pls how much money will they give me if i go back to nigeria", "How much money do I get if I return to Nigeria?", "money", "Nigeria", 0),
 ("my asylum was rejected in belgium can i still apply for the return program", "After a rejected asylum claim in Belgium, can I still apply for the return programme?", "eligibility", "Belgium", 0),
 ("i lost my passport nd embassy in brussels dey ask for too many papers", "I lost my passport and the embassy in Brussels asks for many documents; what can I do?", "documents", "Brussels", 0),
 ("can i carry more than 20kg luggage on the flight to accra", "Can I take more than 20 kg of luggage on the flight to Accra?", "travel", "Accra", 0),
 ("i have diabetes, will they help me get insulin when i reach lagos", "I have diabetes; will I get help obtaining insulin after arriving in Lagos?", "health", "Lagos", 0),
 ("if i go back to gambia will immigration at banjul airport arrest me", "Will immigration at Banjul airport arrest me if I return to Gambia?", "authorities", "Gambia, Banjul", 0),
 ("can they help me start small business like poultry farm in kumasi after return", "Is there support to start a small business such as a poultry farm in Kumasi after return?", "reintegration", "Kumasi", 0),
 ("how long does it take from signing the form till the flight", "How long from signing the application to the flight?", "duration", "", 0),
 ("if i change my mind after signing can i still stay in norway", "If I change my mind after signing, can I still stay in Norway?", "cancel", "Norway", 0),
 ("can i come back to europe later with a visa after taking return money", "Can I come back to Europe later on a visa after receiving return support?", "reentry", "Europe", 0),
 ("my lawyer says i should appeal again, do you think i will win", "My lawyer suggests another appeal; will I win?", "legal", "", 1),
 ("how many nigerians went back from belgium with this program last year", "How many Nigerians returned from Belgium through this programme last year?", "statistics", "Belgium", 1),
 ("can my wife get visa to visit me in belgium", "Can my wife get a visa to visit me in Belgium?", "visa", "Belgium", 1),
 ("office antwerp", "Where is the return office in Antwerp?", "office", "Antwerp", 0),
 ("opening hours oslo office", "What are the opening hours of the Oslo office?", "hours", "Oslo", 0),
 ("laissez passer ghana", "How do I get a laissez-passer for Ghana?", "documents", "Ghana", 0),
 ("is it free?", "Is the return (flight) free of charge?", "money", "", 0),
 ("naira to euro rate today", "What is the naira to euro exchange rate today?", "exchange", "", 1),
 ("my case status pls", "What is the status of my case?", "casestatus", "", 1),
 ("dublin case can apply?", "Can someone with a Dublin case apply for voluntary return?", "eligibility", "", 0),
 ("kids school after return", "Is there help with children's schooling after return?", "reintegration", "", 0),
 ("chelsea match today where to watch", "Where can I watch today's Chelsea match?", "sports", "", 1),
 ("will the police here know if i apply", "Will the police here find out if I apply for return?", "authorities", "", 0),
 ("who will see my information, is it private", "Who sees my personal information; is it confidential?", "privacy", "", 0),
 ("wetin happen when i land for lagos airport", "What happens when I land at Lagos airport?", "arrival", "Lagos", 0),
 ("how to get work permit in norway", "How do I get a work permit in Norway?", "work", "Norway", 1),
 ("i want to complain about the counsellor in ghent", "I want to file a complaint about the counsellor in Ghent.", "complaint", "Ghent", 0),
 ("i dey trandum detention, can i still sign up", "I am in Trandum detention; can I still sign up for voluntary return?", "detention", "Trandum", 0),
 ("cheap phone sim card for calling ghana", "Which cheap SIM card is good for calling Ghana?", "phone", "Ghana", 1),
]

# French: DR Congo, Guinea, Cameroon (mostly in Belgium)
DATA["fr"] = [
 ("bjr svp combien d argent on donne pour rentrer a kinshasa avec 3 enfants", "How much money is given to return to Kinshasa with three children?", "money", "Kinshasa", 0),
 ("je suis sans papiers depuis 6 ans a bruxelles je peux partir?", "I have been undocumented in Brussels for 6 years; can I use the return programme?", "eligibility", "Brussels", 0),
 ("mon passeport guinéen est expiré, comment faire pour avoir un laissez passer", "My Guinean passport expired; how do I get a laissez-passer?", "documents", "Guinea", 0),
 ("jai une carte de séjour mais ma femme non, elle peut rentrer seule", "I have a residence card but my wife does not; can she return alone?", "eligibility", "", 0),
 ("est ce que je peux amener mes médicaments pour le VIH dans la valise", "Can I bring my HIV medication in my luggage?", "health", "", 0),
 ("apres le retour au cameroun on m aide pour ouvrir un petit commerce", "After returning to Cameroon, will I get help to open a small shop?", "reintegration", "Cameroon", 0),
 ("les autorités a conakry vont savoir que j ai demandé l asile en belgique", "Will the authorities in Conakry know I asked for asylum in Belgium?", "authorities", "Conakry, Belgium", 0),
 ("ça prend combien de temps entre le rdv et le départ en avion", "How long between the appointment and the departure flight?", "duration", "", 0),
 ("si je signe et après je change d avis je perds quoi", "If I sign and then change my mind, what do I lose?", "cancel", "", 0),
 ("je suis au centre fermé de vottem, je peux demander le retour volontaire", "I am in the Vottem closed centre; can I request voluntary return?", "detention", "Vottem", 0),
 ("quand j arrive a kinshasa quelqu un m attend a l aéroport", "When I arrive in Kinshasa, will someone meet me at the airport?", "arrival", "Kinshasa", 0),
 ("mon recours au CCE est en cours vous pensez que j ai une chance", "My appeal at the CCE is pending; do I have a chance?", "legal", "", 1),
 ("je veux me marier avec ma copine belge c quoi les papiers a faire", "I want to marry my Belgian girlfriend; which papers are needed?", "marriage", "", 1),
 ("envoyer de l argent vers la guinée western union ou autre", "How to send money to Guinea: Western Union or something else?", "banking", "Guinea", 1),
 ("bureau retour liège", "Where is the return office in Liège?", "office", "Liège", 0),
 ("horaires charleroi", "Opening hours of the Charleroi office?", "hours", "Charleroi", 0),
 ("billet avion gratuit?", "Is the plane ticket free?", "travel", "", 0),
 ("dossier dublin", "Can I return voluntarily with a Dublin case?", "eligibility", "", 0),
 ("taux franc congolais euro", "Exchange rate of the Congolese franc to the euro?", "exchange", "", 1),
 ("ou en est mon dossier OE", "What is the status of my file at the Immigration Office (OE)?", "casestatus", "", 1),
 ("scolarité enfants au retour", "Help with children's schooling after return?", "reintegration", "", 0),
 ("porter plainte contre fedasil", "How do I file a complaint against Fedasil?", "complaint", "", 0),
 ("recette poulet moambe", "Recipe for moambe chicken?", "food", "", 1),
 ("qui va voir mes infos perso, c confidentiel?", "Who will see my personal data; is it confidential?", "privacy", "", 0),
 ("je peux revenir en europe plus tard ou interdit?", "Can I come back to Europe later or is it forbidden?", "reentry", "Europe", 0),
 ("comment trouver un appart pas cher a namur", "How do I find a cheap flat in Namur?", "housing", "Namur", 1),
 ("y a un bureau près de mons ou tournai", "Is there an office near Mons or Tournai?", "office", "Mons, Tournai", 0),
 ("permis de travail belgique pour camerounais", "Work permit in Belgium for Cameroonians?", "work", "Belgium", 1),
]

# Dutch: Flanders-based communities (Moroccan, Afghan, Armenian, Brazilian, Georgian, Ukrainian ...)
DATA["nl"] = [
 ("hoeveel geld krijg ik als ik terug ga naar marokko met mijn vrouw", "How much money do I get if I return to Morocco with my wife?", "money", "Morocco", 0),
 ("ik heb bevel om grondgebied te verlaten kan ik nog vrijwillig terugkeren", "I have an order to leave the territory; can I still return voluntarily?", "eligibility", "", 0),
 ("mijn paspoort is kwijt en de ambassade in brussel antwoord niet", "My passport is lost and the embassy in Brussels does not answer.", "documents", "Brussels", 0),
 ("mag mijn zoon mee die hier geboren is en belgische school volgt", "Can my son, born here and in a Belgian school, come with me?", "family", "", 0),
 ("ik neem medicatie voor mijn hart, krijg ik die ook in armenie", "I take heart medication; can I get it in Armenia too?", "health", "Armenia", 0),
 ("krijg ik hulp met huur of een huis na terugkeer naar afghanistan", "Do I get help with rent or housing after returning to Afghanistan?", "reintegration", "Afghanistan", 0),
 ("weet de politie in brazilie dat ik hier illegaal was", "Will the police in Brazil know I was here irregularly?", "authorities", "Brazil", 0),
 ("hoelang duurt het voor ik kan vertrekken na mijn aanvraag bij fedasil", "How long after my application at Fedasil before I can leave?", "duration", "", 0),
 ("kan ik later terugkomen naar belgie met een visum of krijg ik inreisverbod", "Can I come back to Belgium later on a visa, or do I get an entry ban?", "reentry", "Belgium", 0),
 ("ik zit in merksplas gesloten centrum, kan ik toch vrijwillig vertrekken", "I am in the Merksplas closed centre; can I still leave voluntarily?", "detention", "Merksplas", 0),
 ("hoeveel mensen zijn vorig jaar vrijwillig teruggekeerd uit belgie naar oekraine", "How many people returned voluntarily from Belgium to Ukraine last year?", "statistics", "Belgium, Ukraine", 1),
 ("mijn advocaat zegt regularisatie 9bis, is dat beter dan terugkeren voor mij", "My lawyer suggests 9bis regularisation; is that better for me than returning?", "legal", "", 1),
 ("ik wil trouwen met mijn belgische vriendin wat moet ik doen", "I want to marry my Belgian girlfriend; what do I need to do?", "marriage", "", 1),
 ("kantoor gent", "Where is the office in Ghent?", "office", "Ghent", 0),
 ("openingsuren antwerpen", "Opening hours in Antwerp?", "hours", "Antwerp", 0),
 ("terugkeer dublin", "Voluntary return with a Dublin case?", "eligibility", "", 0),
 ("bagage hoeveel kilo", "How many kilos of luggage are allowed?", "travel", "", 0),
 ("status van mijn dossier", "What is the status of my file?", "casestatus", "", 1),
 ("klacht indienen", "How do I file a complaint?", "complaint", "", 0),
 ("weer in tirana volgende week", "What is the weather in Tirana next week?", "weather", "Tirana", 1),
 ("wat gebeurt bij aankomst", "What happens on arrival?", "arrival", "", 0),
 ("worden mijn gegevens gedeeld met dienst vreemdelingenzaken?", "Is my data shared with the Immigration Office?", "privacy", "", 0),
 ("kan ik annuleren als ik toch wil blijven", "Can I cancel if I decide to stay after all?", "cancel", "", 0),
 ("is er een terugkeerloket in leuven of mechelen", "Is there a return desk in Leuven or Mechelen?", "office", "Leuven, Mechelen", 0),
 ("sociale woning aanvragen in kortrijk hoe lang wachten", "How long is the wait for social housing in Kortrijk?", "housing", "Kortrijk", 1),
 ("mag ik werken tijdens mijn procedure", "May I work during my procedure?", "work", "", 1),
 ("goedkoop abonnement bellen naar marokko", "Cheap phone plan for calling Morocco?", "phone", "Morocco", 1),
 ("hulp voor studie van kinderen na terugkeer in georgie", "Help with children's education after return to Georgia?", "reintegration", "Georgia", 0),
]

# Arabic: Iraq, Syria, Sudan, Morocco, Egypt (Arabic script + Arabizi)
DATA["ar"] = [
 ("كم فلوس يعطوني اذا رجعت على العراق انا ومرتي وطفلين من بلجيكا", "How much money do we get if I return to Iraq from Belgium with my wife and two children?", "money", "Iraq, Belgium", 0),
 ("ana refugee marfood fi norway, momken a3mel return program wala la", "My asylum was rejected in Norway; can I join the return programme?", "eligibility", "Norway", 0),
 ("جوازي ضايع والسفارة السورية ببروكسل ما بتعطيني جواز شو اعمل", "My passport is lost and the Syrian embassy in Brussels won't issue one; what do I do?", "documents", "Brussels", 0),
 ("ana 3andi sukari w daght, el dawa mawgood fi masr walla la", "I have diabetes and high blood pressure; is the medicine available in Egypt?", "health", "Egypt", 0),
 ("مرتي عندها اقامة بس انا لا، اقدر ارجع لحالي وهي تبقى", "My wife has a residence permit and I don't; can I return alone while she stays?", "family", "", 0),
 ("wach y3tiwni m3awna bach ndir projet sghir f lmaghrib mnin nrje3", "Will I get help to start a small project in Morocco when I return?", "reintegration", "Morocco", 0),
 ("الحكومة في الخرطوم حتعرف اني قدمت لجوء في بلجيكا ولا لا", "Will the government in Khartoum know I applied for asylum in Belgium?", "authorities", "Khartoum, Belgium", 0),
 ("قديش بياخد وقت من التسجيل لحد ما اطلع بالطيارة تقريبا", "Roughly how long from registration until I fly?", "duration", "", 0),
 ("law wa2a3t el war2 w ba3dein ghayyart ra2yi, fi mushkila?", "If I sign the papers and then change my mind, is that a problem?", "cancel", "", 0),
 ("اني محجوز بسنتر فوتيم، اگدر اسجل على العودة الطوعية من هنا", "I am held in the Vottem centre; can I register for voluntary return from here?", "detention", "Vottem", 0),
 ("المحامي قال اعمل طعن جديد، شو رأيك بنجح ولا لا", "The lawyer says file a new appeal; do you think I will succeed?", "legal", "", 1),
 ("kam wa7ed 3ira2i rje3 men belgium el sana elly fatet", "How many Iraqis returned from Belgium last year?", "statistics", "Belgium", 1),
 ("مكتب انتويرب", "Office in Antwerp?", "office", "Antwerp", 0),
 ("dawam maktab oslo", "Opening hours of the Oslo office?", "hours", "Oslo", 0),
 ("وزن الشنطة كم كيلو", "How many kilos can the suitcase weigh?", "travel", "", 0),
 ("laissez passer sudan", "Laissez-passer for Sudan?", "documents", "Sudan", 0),
 ("شو صار بملفي", "What happened with my file?", "casestatus", "", 1),
 ("sa3r el dolar fi masr", "What is the dollar rate in Egypt?", "exchange", "Egypt", 1),
 ("شكوى على الموظف", "Complaint about the staff member.", "complaint", "", 0),
 ("طريقة عمل الكبسة", "How to cook kabsa?", "food", "", 1),
 ("هل معلوماتي تنرسل للسفارة او للحكومة؟", "Is my information sent to the embassy or the government?", "privacy", "", 0),
 ("momken arga3 europa ba3d kam sana b visa", "Can I come back to Europe with a visa after a few years?", "reentry", "Europe", 0),
 ("شو بيصير بالمطار لما اوصل على دمشق", "What happens at the airport when I arrive in Damascus?", "arrival", "Damascus", 0),
 ("بدي اعمل فيزا لاخوي يجي على النرويج", "I want to get a visa for my brother to come to Norway.", "visa", "Norway", 1),
 ("fi 7ad bya3ref mhareb ywaselni 3a england", "Does anyone know a smuggler to get me to England?", "smuggling", "England", 1),
 ("ازاي اطلع تصريح شغل في بلجيكا", "How do I get a work permit in Belgium?", "work", "Belgium", 1),
 ("فيه مكتب قريب مني في لييج او نامور", "Is there an office near me in Liège or Namur?", "office", "Liège, Namur", 0),
]

# Persian: Iran and Afghanistan (Persian script + Finglish)
DATA["fa"] = [
 ("اگه برگردم ایران چقدر پول بهم میدن، برای بچه‌ها هم میدن؟", "How much money do I get if I return to Iran; is there money for the children too?", "money", "Iran", 0),
 ("man dublin hastam az alman omadam norway, mitunam bargardam afghanistan?", "I am a Dublin case who came from Germany to Norway; can I return to Afghanistan?", "eligibility", "Germany, Norway, Afghanistan", 0),
 ("پاسپورتم گم شده، سفارت افغانستان تو بروکسل برای برگشت تذکره قبول میکنه؟", "My passport is lost; does the Afghan embassy in Brussels accept a tazkira for return?", "documents", "Brussels", 0),
 ("daroo haye afsordegi ro baraye chand mah mitunam ba khodam bebaram", "Can I take several months of antidepressants with me?", "health", "", 0),
 ("زنم اقامت داره ولی من رد شدم، میتونم تنها برگردم هرات", "My wife has residence but I was rejected; can I return to Herat alone?", "family", "Herat", 0),
 ("بعد برگشت به مشهد کمک میکنن یه مغازه کوچیک باز کنم؟", "After returning to Mashhad, will they help me open a small shop?", "reintegration", "Mashhad", 0),
 ("age bargardam tehran to foroodgah etela'at va sepah azam bazjooyi mikonan?", "If I return to Tehran, will intelligence or the IRGC interrogate me at the airport?", "authorities", "Tehran", 0),
 ("از ثبت نام تا روز پرواز چند وقت طول میکشه معمولا", "How long does it usually take from registration to the flight?", "duration", "", 0),
 ("agar emza konam va pashiman besham, mitunam cancel konam?", "If I sign and regret it, can I cancel?", "cancel", "", 0),
 ("الان تو کمپ بسته مرکسپلاس هستم، هنوزم میتونم بازگشت داوطلبانه بخوام؟", "I am in the Merksplas closed centre; can I still ask for voluntary return?", "detention", "Merksplas", 0),
 ("وکیلم میگه اعتراض بدم به دادگاه، به نظرتون قبول میشه یا نه", "My lawyer says to appeal to the court; do you think it will be accepted?", "legal", "", 1),
 ("chand nafar irani az belgium ba in barname bargashtan tu sale 2023", "How many Iranians returned from Belgium with this programme in 2023?", "statistics", "Belgium", 1),
 ("mitunam ba'dan ba visa tahsili dobare biam europa ya mamnooe?", "Can I later come back to Europe on a student visa, or is it banned?", "reentry", "Europe", 0),
 ("دفتر گنت", "Office in Ghent?", "office", "Ghent", 0),
 ("saat kari office oslo", "Working hours of the Oslo office?", "hours", "Oslo", 0),
 ("چند کیلو بار", "How many kilos of luggage?", "travel", "", 0),
 ("vaziat parvande man", "Status of my case?", "casestatus", "", 1),
 ("قیمت دلار امروز", "Dollar price today?", "exchange", "", 1),
 ("مدرسه بچه‌ها بعد برگشت", "Children's school after return?", "reintegration", "", 0),
 ("shekayat az camp", "Complaint about the camp.", "complaint", "", 0),
 ("اطلاعاتم رو به سفارت ایران میدین؟", "Do you give my information to the Iranian embassy?", "privacy", "", 0),
 ("وقتی رسیدم کابل کسی میاد فرودگاه دنبالم؟", "When I reach Kabul, will someone pick me up at the airport?", "arrival", "Kabul", 0),
 ("ghachaghbar baraye england kasi ro mishnasin?", "Do you know a smuggler for England?", "smuggling", "England", 1),
 ("چطوری تو بلژیک کار قانونی پیدا کنم", "How can I find legal work in Belgium?", "work", "Belgium", 1),
 ("ازدواج با دختر نروژی چه مدارکی لازمه", "Which documents are needed to marry a Norwegian woman?", "marriage", "", 1),
 ("khone ejare arzoon too antwerpen kojast", "Where is a cheap rental flat in Antwerp?", "housing", "Antwerp", 1),
 ("نزدیک ترین دفتر بازگشت به درامن کجاست", "Where is the nearest return office to Drammen?", "office", "Drammen", 0),
]

# German: people who lived in Germany before (Dublin), Kosovo/Turkey/Syria communities, Eupen region
DATA["de"] = [
 ("wie viel geld bekomme ich wenn ich freiwillig zurück in den kosovo gehe", "How much money do I get if I return voluntarily to Kosovo?", "money", "Kosovo", 0),
 ("ich war vorher in deutschland, dublin fall, kann ich trotzdem von norwegen ausreisen", "I was in Germany before (Dublin case); can I still depart from Norway?", "eligibility", "Germany, Norway", 0),
 ("mein pass ist abgelaufen, brauche ich ein passersatzpapier von der botschaft", "My passport expired; do I need a substitute travel document from the embassy?", "documents", "", 0),
 ("meine frau hat aufenthaltstitel, ich nicht. muss sie mit zurück?", "My wife has a residence permit and I don't; does she have to return with me?", "family", "", 0),
 ("ich brauche dialyse, gibt es das in meinem heimatland nach rückkehr", "I need dialysis; is it available in my home country after return?", "health", "", 0),
 ("wie viel gepäck darf ich mitnehmen und wer bezahlt das übergepäck", "How much luggage may I take and who pays for excess baggage?", "travel", "", 0),
 ("gibt es hilfe für eine werkstatt oder kleinen laden in pristina", "Is there help for a workshop or small shop in Pristina?", "reintegration", "Pristina", 0),
 ("erfährt die polizei in der türkei dass ich hier asyl beantragt habe", "Will the police in Turkey learn that I applied for asylum here?", "authorities", "Turkey", 0),
 ("kann ich nach der rückkehr wieder nach europa kommen oder gibt es sperre", "Can I come to Europe again after return, or is there a ban?", "reentry", "Europe", 0),
 ("wie lange dauert es bis ich fliegen kann nach dem antrag", "How long after the application until I can fly?", "duration", "", 0),
 ("wie viele syrer sind letztes jahr aus belgien freiwillig nach syrien zurückgekehrt", "How many Syrians returned voluntarily from Belgium to Syria last year?", "statistics", "Belgium, Syria", 1),
 ("soll ich gegen die ablehnung klage einreichen oder lieber zurück gehen", "Should I sue against the rejection or rather go back?", "legal", "", 1),
 ("beratung eupen", "Counselling in Eupen?", "office", "Eupen", 0),
 ("öffnungszeiten büro brüssel", "Opening hours of the Brussels office?", "hours", "Brussels", 0),
 ("rückkehr abbrechen möglich?", "Is it possible to cancel the return?", "cancel", "", 0),
 ("ankunft flughafen was passiert", "What happens at the airport on arrival?", "arrival", "", 0),
 ("mein asylverfahren stand", "Status of my asylum procedure?", "casestatus", "", 1),
 ("arbeitserlaubnis norwegen", "Work permit in Norway?", "work", "Norway", 1),
 ("beschwerde einreichen wo", "Where can I file a complaint?", "complaint", "", 0),
 ("kinder schule nach rückkehr", "Children's school after return?", "reintegration", "", 0),
 ("werden meine daten an mein heimatland weitergegeben?", "Is my data passed on to my home country?", "privacy", "", 0),
 ("bin in abschiebehaft trandum, kann ich noch freiwillig gehen", "I am in deportation detention at Trandum; can I still leave voluntarily?", "detention", "Trandum", 0),
 ("wie ist der wechselkurs lira euro heute", "What is the lira to euro exchange rate today?", "exchange", "", 1),
 ("visum für meine mutter zum besuch beantragen", "How to apply for a visitor visa for my mother?", "visa", "", 1),
 ("wohnung mieten in lüttich ohne papiere", "Renting a flat in Liège without papers?", "housing", "Liège", 1),
 ("gibt es eine beratungsstelle in der nähe von oslo", "Is there a counselling office near Oslo?", "office", "Oslo", 0),
 ("bundesliga ergebnisse heute", "Bundesliga results today?", "sports", "", 1),
]

# Norwegian: long-term residents in Norway (Iraqi, Somali, Eritrean, Afghan); some without æøå
DATA["no"] = [
 ("hvor mye penger får jeg hvis jeg reiser tilbake til irak frivillig", "How much money do I get if I return voluntarily to Iraq?", "money", "Iraq", 0),
 ("jeg har fått endelig avslag fra une kan jeg søke om assistert retur", "I got a final rejection from UNE; can I apply for assisted return?", "eligibility", "", 0),
 ("passet mitt er borte, hvordan får jeg reisedokument fra ambassaden i oslo", "My passport is gone; how do I get a travel document from the embassy in Oslo?", "documents", "Oslo", 0),
 ("kan barna mine som er født i norge reise med meg til somalia", "Can my children born in Norway travel with me to Somalia?", "family", "Norway, Somalia", 0),
 ("jeg har psykiske problemer, får jeg hjelp med medisiner etter hjemkomst", "I have mental health problems; will I get help with medicines after returning?", "health", "", 0),
 ("kan jeg få støtte til å starte butikk i hargeisa etter retur", "Can I get support to start a shop in Hargeisa after return?", "reintegration", "Hargeisa", 0),
 ("får myndighetene i eritrea vite at jeg har søkt asyl i norge", "Will the Eritrean authorities learn that I sought asylum in Norway?", "authorities", "Eritrea, Norway", 0),
 ("hvor lang tid tar det fra jeg søker til jeg kan reise hjem", "How long from applying until I can travel home?", "duration", "", 0),
 ("hvis jeg angrer meg etter søknaden, må jeg betale tilbake penger?", "If I regret after applying, do I have to pay money back?", "cancel", "", 0),
 ("jeg sitter på trandum nå, kan jeg fortsatt velge frivillig retur", "I am in Trandum now; can I still choose voluntary return?", "detention", "Trandum", 0),
 ("hvor mange afghanere reiste hjem fra norge med iom i fjor", "How many Afghans returned from Norway with IOM last year?", "statistics", "Norway", 1),
 ("advokaten min vil klage til une igjen, bør jeg gjøre det", "My lawyer wants to appeal to UNE again; should I?", "legal", "", 1),
 ("kontor bergen", "Office in Bergen?", "office", "Bergen", 0),
 ("apningstider trondheim", "Opening hours in Trondheim?", "hours", "Trondheim", 0),
 ("bagasje hvor mange kilo", "How many kilos of luggage?", "travel", "", 0),
 ("dublin retur", "Return for Dublin cases?", "eligibility", "", 0),
 ("saken min udi status", "Status of my case at UDI?", "casestatus", "", 1),
 ("klage på saksbehandler", "Complaint about a caseworker.", "complaint", "", 0),
 ("vaeret i mogadishu", "Weather in Mogadishu?", "weather", "Mogadishu", 1),
 ("hva skjer på flyplassen hjemme", "What happens at the airport back home?", "arrival", "", 0),
 ("deler dere opplysningene mine med politiet?", "Do you share my information with the police?", "privacy", "", 0),
 ("kan jeg komme tilbake til norge senere med visum", "Can I come back to Norway later with a visa?", "reentry", "Norway", 0),
 ("finnes det retur rådgiving i stavanger eller kristiansand", "Is there return counselling in Stavanger or Kristiansand?", "office", "Stavanger, Kristiansand", 0),
 ("hvordan får jeg arbeidstillatelse i norge", "How do I get a work permit in Norway?", "work", "Norway", 1),
 ("vil gifte meg med norsk dame, hva trenger jeg", "I want to marry a Norwegian woman; what do I need?", "marriage", "", 1),
 ("billig mobilabonnement for å ringe til eritrea", "Cheap mobile plan for calling Eritrea?", "phone", "Eritrea", 1),
 ("kan jeg åpne bankkonto uten personnummer", "Can I open a bank account without a national ID number?", "banking", "", 1),
]

# Pashto: Afghanistan (Pashto script + Latin)
DATA["ps"] = [
 ("که بیرته افغانستان ته لاړ شم څومره پیسې راکوي، د ماشومانو لپاره هم؟", "How much money do I get if I go back to Afghanistan; also for children?", "money", "Afghanistan", 0),
 ("zama asylum case rad shawi dy, aya za return program ta apply kawalay sham", "My asylum case was rejected; can I apply for the return programme?", "eligibility", "", 0),
 ("پاسپورټ مې ورک شوی، تذکره لرم، ایا په هغې سفر کولی شم", "My passport is lost but I have a tazkira; can I travel with it?", "documents", "", 0),
 ("zama mor naroogha da, darmal ye pa kabul ke paida kegi ka na", "My mother is ill; can her medicine be found in Kabul?", "health", "Kabul", 0),
 ("ښځه مې په بلجیم کې اقامت لري، زه یوازې بیرته تلی شم؟", "My wife has residence in Belgium; can I go back alone?", "family", "Belgium", 0),
 ("کله چې جلال اباد ته ورسیږم د کاروبار لپاره مرسته کوي که نه", "When I reach Jalalabad, will they help me with a business?", "reintegration", "Jalalabad", 0),
 ("taliban ba pa khabar shi che ma pa europa ke asylum ghushtay wo?", "Will the Taliban find out that I asked for asylum in Europe?", "authorities", "Europe", 0),
 ("له نوم لیکنې وروسته تر الوتکې پورې تقریباً څومره وخت نیسي", "Roughly how long from registration to the flight?", "duration", "", 0),
 ("ka form ma sign kro aw bya me fikar badal sho, sa kegi", "If I sign the form and then change my mind, what happens?", "cancel", "", 0),
 ("za os pa trandum ke band yam, voluntary return ta apply kawalay sham?", "I am detained in Trandum now; can I apply for voluntary return?", "detention", "Trandum", 0),
 ("په کابل هوايي ډګر کې څه کیږي کله چې ورسیږم", "What happens at Kabul airport when I arrive?", "arrival", "Kabul", 0),
 ("زما وکیل وايي بیا اپیل وکړه، ته څه فکر کوې منل کیږي", "My lawyer says appeal again; do you think it will be accepted?", "legal", "", 1),
 ("sa wakht ba zama da udi interview nateeja rashi, der intezar kawam", "When will my UDI interview result come? I have waited long.", "casestatus", "", 1),
 ("daftar oslo", "Office in Oslo?", "office", "Oslo", 0),
 ("د بروکسل دفتر وخت", "Brussels office hours?", "hours", "Brussels", 0),
 ("bagage so kilo", "How many kilos of luggage?", "travel", "", 0),
 ("dublin case return", "Return with a Dublin case?", "eligibility", "", 0),
 ("دالر افغانۍ نرخ", "Dollar to afghani rate?", "exchange", "", 1),
 ("shikayat kawal ghwaram", "I want to make a complaint.", "complaint", "", 0),
 ("د کرکټ لوبه نن", "Cricket match today?", "sports", "", 1),
 ("د ماشومانو ښوونځی وروسته", "Children's school afterwards (after return)?", "reintegration", "", 0),
 ("زما معلومات طالبانو ته ورکول کیږي؟", "Is my information given to the Taliban?", "privacy", "", 0),
 ("bya europa ta rataltalay sham ka na", "Can I come back to Europe again or not?", "reentry", "Europe", 0),
 ("ایران ته د تلو لپاره قاچاقبر پیژنې؟", "Do you know a smuggler for going to Iran?", "smuggling", "Iran", 1),
 ("pa norway ke kaar ta permit sanga akhlam", "How do I get a work permit in Norway?", "work", "Norway", 1),
 ("wror me ghwari belgium ta raashi visa sanga", "My brother wants to come to Belgium; how does he get a visa?", "visa", "Belgium", 1),
 ("په تروندهایم یا برګن کې دفتر شته؟", "Is there an office in Trondheim or Bergen?", "office", "Trondheim, Bergen", 0),
]

# Tigrinya: Eritrea and Tigray (Ge'ez script + Latin, English words)
DATA["ti"] = [
 ("ኣብ ኖርወይ እየ ዘለኹ ናብ ኤርትራ እንተ ተመሊሰ ክንደይ ገንዘብ ይህቡኒ", "I am in Norway; how much money will they give me if I return to Eritrea?", "money", "Norway, Eritrea", 0),
 ("asylum aytekebeluni, hiji kemey geire nab return program ktemezgeb ykeal", "My asylum was not accepted; how can I now register for the return programme?", "eligibility", "", 0),
 ("ፓስፖርት የብለይን ኤምባሲ ኤርትራ ድማ 2% ይሓቱኒ ኣለዉ እንታይ ክገብር", "I have no passport and the Eritrean embassy asks me for the 2% tax; what should I do?", "documents", "Eritrea", 0),
 ("ane shukor alani, eti medicine nay shukor ab asmara yrkeb do", "I have diabetes; is diabetes medicine available in Asmara?", "health", "Asmara", 0),
 ("ሰበይተይ residence permit ኣለዋ ኣነ ግን የብለይን ንበይነይ ክኸይድ ይኽእል ዶ", "My wife has a residence permit but I don't; can I go alone?", "family", "", 0),
 ("ምስ ተመለስኩ ኣብ መቐለ ንእሽቶ ድኳን ንምኽፋት ሓገዝ ኣሎ ዶ", "After I return, is there help to open a small shop in Mekelle?", "reintegration", "Mekelle", 0),
 ("mengisti ertra ane ab belgium asylum ke hatete yfelto do", "Will the Eritrean government know I asked for asylum in Belgium?", "authorities", "Eritrea, Belgium", 0),
 ("ካብ ምምዝጋብ ክሳብ ነፋሪት ክንደይ ግዜ ይወስድ ብግምት ኣብ ኦስሎ", "Roughly how long from registration to the flight, in Oslo?", "duration", "Oslo", 0),
 ("form firma gerre, dehri hasabey kiyre, cancel kgebr ykel do", "I signed the form; if I change my mind, can I cancel?", "cancel", "", 0),
 ("ኣብ ትራንዱም ተኣሲረ ኣለኹ ሕጂ ናብ voluntary return ክምዝገብ ይኽእል ዶ", "I am detained in Trandum; can I register for voluntary return now?", "detention", "Trandum", 0),
 ("ጠበቓይ ካልኣይ appeal ንግበር ይብል ኣሎ ብሓቂ ክዕወት ዶ ትመስለካ", "My lawyer says to make a second appeal; do you really think I will win?", "legal", "", 1),
 ("kndey eritrawyan kab norway nab ertra temelisom ab zehalefe amet", "How many Eritreans returned from Norway to Eritrea last year?", "statistics", "Norway, Eritrea", 1),
 ("office bergen", "Office in Bergen?", "office", "Bergen", 0),
 ("ሰዓታት ስራሕ ቤት ጽሕፈት ኦስሎ", "Working hours of the Oslo office?", "hours", "Oslo", 0),
 ("shanta kndey kilo", "How many kilos for the suitcase?", "travel", "", 0),
 ("dublin alani return", "I am a Dublin case; can I return?", "eligibility", "", 0),
 ("status nay case ey", "Status of my case?", "casestatus", "", 1),
 ("nakfa nab euro kndey", "How much is the nakfa in euros?", "exchange", "", 1),
 ("complain kgebr deleye", "I want to make a complaint.", "complaint", "", 0),
 ("zigni bebere recipe", "Recipe for zigni with berbere?", "food", "", 1),
 ("information ey nab embassy ertra ytewahabo do?", "Is my information given to the Eritrean embassy?", "privacy", "Eritrea", 0),
 ("ድሕሪ ምምላስ ናብ ኤውሮጳ ክምለስ ይኽእል ዶ", "After returning, can I come back to Europe?", "reentry", "Europe", 0),
 ("ኣብ ኣዲስ ኣበባ airport ምስ በጻሕኩ እንታይ ይኸውን", "What happens when I arrive at Addis Ababa airport?", "arrival", "Addis Ababa", 0),
 ("smuggler nab england zifelt sebat alo do", "Is there anyone who knows a smuggler to England?", "smuggling", "England", 1),
 ("work permit ab norway kemey yrkeb", "How do I get a work permit in Norway?", "work", "Norway", 1),
 ("visa nay haftey nab belgium kemey", "How can my sister get a visa to Belgium?", "visa", "Belgium", 1),
 ("ቆልዑ ትምህርቲ ድሕሪ ምምላስ ሓገዝ ኣሎ ዶ", "Is there help with children's schooling after return?", "reintegration", "", 0),
 ("office ab drammen or fredrikstad alo do", "Is there an office in Drammen or Fredrikstad?", "office", "Drammen, Fredrikstad", 0),
]

# Somali: Somalia, Somaliland, Puntland
DATA["so"] = [
 ("immisa lacag ah ayay i siinayaan haddii aan dib ugu laabto soomaaliya", "How much money will they give me if I return to Somalia?", "money", "Somalia", 0),
 ("magangalyada waa la iga diiday norway, ma codsan karaa barnaamijka return ka", "My asylum was rejected in Norway; can I apply for the return programme?", "eligibility", "Norway", 0),
 ("baasaboorkayga wuu dhacay, sidee baan u helaa laissez passer safarka", "My passport expired; how do I get a laissez-passer for the trip?", "documents", "", 0),
 ("waxaan qabaa sonkorow, daawada ma ka heli karaa muqdisho marka aan tago", "I have diabetes; can I get the medicine in Mogadishu when I go?", "health", "Mogadishu", 0),
 ("carruurtayda oo ku dhashay norway ma ila raaci karaan hargeysa", "Can my children born in Norway come with me to Hargeisa?", "family", "Norway, Hargeisa", 0),
 ("ma i caawin karaan inaan ganacsi yar ka furo garowe kadib", "Can they help me open a small business in Garowe afterwards?", "reintegration", "Garowe", 0),
 ("dowladda somalia ama al shabaab ma ogaanayaan inaan magangalyo ka codsaday yurub", "Will the Somali government or al-Shabaab know I sought asylum in Europe?", "authorities", "Somalia, Europe", 0),
 ("intee in le'eg ayay qaadataa laga bilaabo codsiga ilaa duulimaadka", "How long does it take from application to flight?", "duration", "", 0),
 ("haddii aan saxiixo kadibna fikirka bedelo, ma joojin karaa safarka", "If I sign and then change my mind, can I stop the trip?", "cancel", "", 0),
 ("waxaan ku jiraa xabsiga trandum, ma codsan karaa return ikhtiyaari ah", "I am in Trandum detention; can I apply for voluntary return?", "detention", "Trandum", 0),
 ("qareenkeyga wuxuu leeyahay rafcaan kale samee, ma guuleysan doonaa mise maya", "My lawyer says file another appeal; will I succeed or not?", "legal", "", 1),
 ("immisa soomaali ah ayaa sanadkii hore ka laabtay belgium barnaamijkan", "How many Somalis returned from Belgium through this programme last year?", "statistics", "Belgium", 1),
 ("xafiiska oslo", "The Oslo office?", "office", "Oslo", 0),
 ("saacadaha furan antwerp", "Opening hours in Antwerp?", "hours", "Antwerp", 0),
 ("culeyska boorsada kg", "Luggage weight in kg?", "travel", "", 0),
 ("dublin ma la ogol yahay", "Are Dublin cases allowed?", "eligibility", "", 0),
 ("kiiskayga xaalkiisa", "Status of my case?", "casestatus", "", 1),
 ("hawada muqdisho berri", "Weather in Mogadishu tomorrow?", "weather", "Mogadishu", 1),
 ("cabasho ka gudbi", "Submit a complaint.", "complaint", "", 0),
 ("lacag u dir hooyo dahabshiil", "Send money to my mother via Dahabshiil.", "banking", "", 1),
 ("xogtayda ma la siinayaa safaaradda somalia?", "Is my data given to the Somali embassy?", "privacy", "", 0),
 ("ma dib ugu soo laaban karaa yurub mustaqbalka", "Can I come back to Europe in the future?", "reentry", "Europe", 0),
 ("maxaa dhaca marka aan gaaro garoonka muqdisho", "What happens when I reach Mogadishu airport?", "arrival", "Mogadishu", 0),
 ("sidee loo helaa shaqo permit norway", "How does one get a work permit in Norway?", "work", "Norway", 1),
 ("guri kiro ah oo jaban bergen", "Cheap rental house in Bergen?", "housing", "Bergen", 1),
 ("iskuulka caruurta kadib laabashada ma caawiyaan", "Do they help with children's school after return?", "reintegration", "", 0),
 ("xafiis ma ku yaal tromso ama bodo", "Is there an office in Tromsø or Bodø?", "office", "Tromsø, Bodø", 0),
 ("ciyaarta kubada manchester united goorma", "When is the Manchester United football match?", "sports", "", 1),
]

# Russian: Georgia, Chechnya, Central Asia (Cyrillic + translit)
DATA["ru"] = [
 ("сколько денег дают если вернуться в грузию с семьей из бельгии", "How much money is given for returning to Georgia from Belgium with family?", "money", "Georgia, Belgium", 0),
 ("у меня дублин по польше, могу я отсюда уехать домой через программу", "I have a Dublin case with Poland; can I go home from here through the programme?", "eligibility", "Poland", 0),
 ("pasport prosrochen, gde sdelat vremenny dokument na vozvrashenie v tbilisi", "My passport expired; where do I get a temporary return document for Tbilisi?", "documents", "Tbilisi", 0),
 ("у мужа гепатит с, лечение в грузии бесплатно будет или помогут оплатить", "My husband has hepatitis C; is treatment in Georgia free or will they help pay?", "health", "Georgia", 0),
 ("можно взять с собой больше багажа, у нас трое детей и коляска", "Can we take more luggage? We have three children and a pram.", "travel", "", 0),
 ("pomogut li otkryt biznes v tashkente posle vozvrasheniya, naprimer taksi ili magazin", "Will they help open a business in Tashkent after return, like a taxi or shop?", "reintegration", "Tashkent", 0),
 ("если вернусь в чечню, кадыровцы узнают что я просил убежище в европе?", "If I return to Chechnya, will Kadyrov's people learn I sought asylum in Europe?", "authorities", "Chechnya, Europe", 0),
 ("сколько времени займет от заявления до вылета, примерно неделя или месяц", "How long from application to departure: about a week or a month?", "duration", "", 0),
 ("esli ya peredumayu posle podpisi, nado budet vernut den'gi ili net", "If I change my mind after signing, must I return the money?", "cancel", "", 0),
 ("я в закрытом центре в стеенокерзеел, можно ли еще добровольно уехать", "I am in the closed centre in Steenokkerzeel; can I still leave voluntarily?", "detention", "Steenokkerzeel", 0),
 ("адвокат предлагает подать апелляцию, какие у меня шансы как думаете", "My lawyer suggests appealing; what are my chances?", "legal", "", 1),
 ("skolko chelovek iz gruzii vernulos iz norvegii v proshlom godu", "How many Georgians returned from Norway last year?", "statistics", "Georgia, Norway", 1),
 ("офис в льеже", "Office in Liège?", "office", "Liège", 0),
 ("chasy raboty brussel", "Opening hours in Brussels?", "hours", "Brussels", 0),
 ("детям школа после возвращения", "School for the children after return?", "reintegration", "", 0),
 ("что будет в аэропорту", "What will happen at the airport?", "arrival", "", 0),
 ("статус моего дела", "Status of my case?", "casestatus", "", 1),
 ("kurs lari k evro", "Lari to euro exchange rate?", "exchange", "", 1),
 ("жалоба на сотрудника", "Complaint about a staff member.", "complaint", "", 0),
 ("рецепт хинкали", "Khinkali recipe?", "food", "", 1),
 ("мои данные передадут в посольство или полиции?", "Will my data be passed to the embassy or the police?", "privacy", "", 0),
 ("можно потом снова приехать в европу по визе", "Can I come to Europe again later on a visa?", "reentry", "Europe", 0),
 ("есть ли консультация в хасселте или брюгге", "Is there counselling in Hasselt or Bruges?", "office", "Hasselt, Bruges", 0),
 ("как получить разрешение на работу в норвегии", "How do I get a work permit in Norway?", "work", "Norway", 1),
 ("gde snyat kvartiru deshevo v antwerpene", "Where to rent a cheap flat in Antwerp?", "housing", "Antwerp", 1),
 ("мобильный тариф дешевый звонить в узбекистан", "Cheap mobile plan for calling Uzbekistan?", "phone", "Uzbekistan", 1),
 ("mozhno vzyat insulin v samolet skolko mozhno", "Can I take insulin on the plane, and how much?", "health", "", 0),
]

# Albanian: Albania and Kosovo (mostly without ë/ç, some Gheg)
DATA["sq"] = [
 ("sa leke te japin nese kthehem ne shqiperi me familjen nga belgjika", "How much money do I get if I return to Albania from Belgium with my family?", "money", "Albania, Belgium", 0),
 ("jam pa leje qendrimi ne norvegji prej 3 vitesh a mundem me u kthy", "I have been without a residence permit in Norway for 3 years; can I return?", "eligibility", "Norway", 0),
 ("pasaporta me ka skaduar, ku e marr dokumentin e udhetimit ne bruksel", "My passport expired; where do I get a travel document in Brussels?", "documents", "Brussels", 0),
 ("djali ka autizem, a ka ndihme per terapi kur kthehemi ne tirane", "My son has autism; is there help for therapy when we return to Tirana?", "health", "Tirana", 0),
 ("gruaja ka leje qendrimi une jo, a mund te kthehem vetem une", "My wife has a residence permit and I don't; can I return alone?", "family", "", 0),
 ("a ndihmoni me hap nje biznes te vogel ne prishtine pas kthimit", "Do you help open a small business in Pristina after return?", "reintegration", "Pristina", 0),
 ("policia ne shqiperi e merr vesh qe kam kerkuar azil ketu", "Will the police in Albania find out I asked for asylum here?", "authorities", "Albania", 0),
 ("sa kohe zgjat nga aplikimi deri te fluturimi per ne kosove", "How long from application to the flight to Kosovo?", "duration", "Kosovo", 0),
 ("a mund te vij prap ne europe me vize pas kthimit vullnetar", "Can I come back to Europe with a visa after voluntary return?", "reentry", "Europe", 0),
 ("nese ndryshoj mendje pasi firmos a duhet ti kthej parate mbrapsht", "If I change my mind after signing, must I pay the money back?", "cancel", "", 0),
 ("jam ne qendren e mbylljes ne brugge, a mund te aplikoj", "I am in the closed centre in Bruges; can I apply?", "detention", "Bruges", 0),
 ("avokati thote te bej ankese prape, a ia vlen apo jo", "The lawyer says to appeal again; is it worth it?", "legal", "", 1),
 ("sa shqiptare jane kthyer nga belgjika vitin e kaluar me kete program", "How many Albanians returned from Belgium last year with this programme?", "statistics", "Belgium", 1),
 ("dua me u martu me nje belge cfare dokumentash duhen", "I want to marry a Belgian woman; which documents are needed?", "marriage", "", 1),
 ("zyra ne gent", "Office in Ghent?", "office", "Ghent", 0),
 ("orari zyres oslo", "Oslo office hours?", "hours", "Oslo", 0),
 ("sa kg bagazh", "How many kg of luggage?", "travel", "", 0),
 ("dublin a lejohet", "Are Dublin cases allowed?", "eligibility", "", 0),
 ("statusi i dosjes sime", "Status of my file?", "casestatus", "", 1),
 ("ankese per punonjesin", "Complaint about the staff member.", "complaint", "", 0),
 ("kursi euro lek sot", "Euro to lek rate today?", "exchange", "", 1),
 ("ndeshja shqiperi serbi", "The Albania-Serbia match?", "sports", "Albania, Serbia", 1),
 ("te dhenat e mia ja japin policise ne shqiperi?", "Is my data given to the police in Albania?", "privacy", "Albania", 0),
 ("cfare ndodh ne aeroportin e rinasit kur arrij", "What happens at Rinas airport when I arrive?", "arrival", "Rinas", 0),
 ("si te gjej pune me leje ne belgjike", "How do I find legal work with a permit in Belgium?", "work", "Belgium", 1),
 ("vize per nenen time per vizite ne norvegji", "Visitor visa for my mother to Norway?", "visa", "Norway", 1),
 ("shkolla per femijet pas kthimit ne kosove", "School for the children after return to Kosovo?", "reintegration", "Kosovo", 0),
 ("ka zyre afer sint niklaas apo aalst", "Is there an office near Sint-Niklaas or Aalst?", "office", "Sint-Niklaas, Aalst", 0),
]

# Urdu: Pakistan (Urdu script + Roman Urdu)
DATA["ur"] = [
 ("agar main pakistan wapis jaun to kitne paise milenge bivi bachon ke sath", "How much money if I return to Pakistan with my wife and children?", "money", "Pakistan", 0),
 ("میرا کیس ریجیکٹ ہو گیا کیا میں واپسی پروگرام میں اپلائی کر سکتا ہوں", "My case was rejected; can I apply for the return programme?", "eligibility", "", 0),
 ("passport expire ho gaya hai, embassy brussels se emergency document kaise milega", "My passport expired; how do I get an emergency document from the embassy in Brussels?", "documents", "Brussels", 0),
 ("meri ammi ko dil ki bimari hai, lahore mein ilaj ka kharcha dein ge?", "My mother has heart disease; will they pay treatment costs in Lahore?", "health", "Lahore", 0),
 ("بیوی کا رہائشی پرمٹ ہے میرا نہیں، کیا میں اکیلا واپس جا سکتا ہوں", "My wife has a residence permit and I don't; can I return alone?", "family", "", 0),
 ("wapis ja kar gujranwala mein dukan kholne ke liye madad milti hai kya", "Is there help to open a shop in Gujranwala after going back?", "reintegration", "Gujranwala", 0),
 ("kya FIA airport pe pakad legi agar main belgium se wapis aaun", "Will the FIA detain me at the airport if I come back from Belgium?", "authorities", "Belgium", 0),
 ("فارم بھرنے کے بعد فلائٹ تک کتنا ٹائم لگتا ہے تقریباً", "Roughly how long from filling the form to the flight?", "duration", "", 0),
 ("agar sign karne ke baad irada badal jaye to cancel ho sakta hai", "If I change my mind after signing, can it be cancelled?", "cancel", "", 0),
 ("main trandum detention mein hun, kya abhi bhi voluntary return le sakta hun", "I am in Trandum detention; can I still take voluntary return?", "detention", "Trandum", 0),
 ("kya baad mein europe dobara aa sakta hun visa pe", "Can I come to Europe again later on a visa?", "reentry", "Europe", 0),
 ("lawyer keh raha hai dobara appeal karo, aap ke khayal mein chance hai", "The lawyer says appeal again; do you think there is a chance?", "legal", "", 1),
 ("pichle saal kitne pakistani norway se wapis gaye is program ke zariye", "How many Pakistanis returned from Norway through this programme last year?", "statistics", "Norway", 1),
 ("office brussels address", "Address of the Brussels office?", "office", "Brussels", 0),
 ("دفتر کے اوقات اوسلو", "Office hours in Oslo?", "hours", "Oslo", 0),
 ("luggage kitna kg", "How many kg of luggage?", "travel", "", 0),
 ("dublin wale apply kar sakte?", "Can Dublin cases apply?", "eligibility", "", 0),
 ("mera case kahan tak pohancha", "How far has my case progressed?", "casestatus", "", 1),
 ("rupee euro rate aaj", "Rupee to euro rate today?", "exchange", "", 1),
 ("shikayat kahan karein", "Where do I complain?", "complaint", "", 0),
 ("cricket match pakistan india score", "Score of the Pakistan-India cricket match?", "sports", "", 1),
 ("meri details pakistani embassy ko di jayengi kya?", "Will my details be given to the Pakistani embassy?", "privacy", "", 0),
 ("ایئرپورٹ پر پہنچنے کے بعد کیا ہوگا", "What will happen after I reach the airport?", "arrival", "", 0),
 ("agent se italy jane ka rasta kitne ka hai", "How much does an agent charge for the route to Italy?", "smuggling", "Italy", 1),
 ("norway mein work permit kaise milta hai", "How does one get a work permit in Norway?", "work", "Norway", 1),
 ("bachon ke liye sasta phone package pakistan call", "Cheap phone package for calling Pakistan?", "phone", "Pakistan", 1),
 ("bachon ki school admission wapis ja kar madad", "Help with children's school admission after going back?", "reintegration", "", 0),
 ("koi office hai near sandnes ya stavanger", "Is there an office near Sandnes or Stavanger?", "office", "Sandnes, Stavanger", 0),
]


def band(n):
    if n <= 5:
        return "short(1-5)"
    if n <= 9:
        return "medium(6-9)"
    if n <= 14:
        return "long(10-14)"
    return "over14"


def main():
    errors = []
    rows = []
    seen_q = {}
    for lang in LANGS:
        items = DATA[lang]
        if len(items) < 26:
            errors.append(f"{lang}: only {len(items)} questions")
        for i, (q, intent, topic, place, u) in enumerate(items, 1):
            rid = f"{lang}-{i:02d}"
            key = " ".join(q.casefold().split())
            if key in seen_q:
                errors.append(f"duplicate question {rid} = {seen_q[key]}: {q}")
            seen_q[key] = rid
            if topic not in TOPICS:
                errors.append(f"{rid}: bad topic {topic}")
            if not intent.strip():
                errors.append(f"{rid}: empty intent")
            rows.append({"id": rid, "lang": lang, "q": q, "intent": intent, "topic": topic,
                         "place": place, "likely_unanswerable": bool(u)})
    ids = [r["id"] for r in rows]
    if len(ids) != len(set(ids)):
        errors.append("duplicate ids")
    if len(rows) < 340:
        errors.append(f"only {len(rows)} questions in total")
    if errors:
        for e in errors:
            print("ERROR:", e, file=sys.stderr)
        sys.exit(1)

    with open("v9.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

    n = len(rows)
    print(f"total questions: {n}")
    un = sum(r["likely_unanswerable"] for r in rows)
    print(f"likely_unanswerable: {un} ({100*un/n:.1f} %)")
    print("\nper language (n, unanswerable, long 10-14):")
    for lang in LANGS:
        lr = [r for r in rows if r["lang"] == lang]
        lu = sum(r["likely_unanswerable"] for r in lr)
        ll = sum(band(len(r["q"].split())) == "long(10-14)" for r in lr)
        print(f"  {lang}: {len(lr)}  unans={lu}  long={ll}")
    print("\nper topic:")
    for t, c in sorted(collections.Counter(r["topic"] for r in rows).items(), key=lambda x: (-x[1], x[0])):
        print(f"  {t}: {c}")
    print("\nby word-count band (whitespace tokens):")
    bc = collections.Counter(band(len(r["q"].split())) for r in rows)
    for b in ["short(1-5)", "medium(6-9)", "long(10-14)", "over14"]:
        print(f"  {b}: {bc.get(b, 0)} ({100*bc.get(b, 0)/n:.1f} %)")
    print(f"\nquestions naming a place: {sum(bool(r['place']) for r in rows)}")


if __name__ == "__main__":
    main()
