#!/usr/bin/env python3
"""Blind question set v10 for the 'Retour' return-information portal.
All questions written by hand as literal data below. Standard library only.
Each row: (q as typed, English intent, topic, places named (English, ', '-joined), likely_unanswerable 0/1)
"""
import json, sys, collections

TOPICS = set("""money eligibility documents travel health family reintegration arrival authorities
privacy office hours duration reentry cancel detention complaint casestatus statistics legal work
visa marriage housing smuggling banking exchange sports food phone weather other""".split())

DATA = {}

# English: Nigeria, Ghana, Gambia (Pidgin, West African English)
DATA["en"] = [
 ("how much money dem dey give person wey wan go back naija from antwerp", "How much money does someone get who wants to return to Nigeria from Antwerp?", "money", "Nigeria, Antwerp", 0),
 ("my asylum was rejected last month can i still apply for return help", "My asylum claim was rejected last month; can I still apply for return assistance?", "eligibility", "", 0),
 ("passport expired 2019", "My passport expired in 2019.", "documents", "", 0),
 ("i dont have any ID at all, ghana embassy brussels what do i do", "I have no ID at all; what do I do about the Ghana embassy in Brussels?", "documents", "Ghana, Brussels", 0),
 ("luggage limit kg", "What is the luggage weight limit?", "travel", "", 0),
 ("im diabetic, will they give insulin for first months after landing lagos", "I am diabetic; will I get insulin for the first months after landing in Lagos?", "health", "Lagos", 0),
 ("wife have residence card me no papers. can i go alone and kids stay", "My wife has a residence card and I have no papers; can I return alone while the children stay?", "family", "", 0),
 ("business start up grant gambia poultry farm", "Is there a business start-up grant for a poultry farm in the Gambia?", "reintegration", "Gambia", 0),
 ("who go meet me for kotoka airport when i land, any transport", "Who will meet me at Kotoka airport (Accra) when I land; is there transport?", "arrival", "Accra", 0),
 ("will NIS at the airport know i was in belgium illegaly", "Will Nigeria Immigration Service at the airport know I was in Belgium without status?", "authorities", "Nigeria, Belgium", 0),
 ("do u share my details with police", "Do you share my personal details with the police?", "privacy", "", 0),
 ("office charleroi", "Where is the return office in Charleroi?", "office", "Charleroi", 0),
 ("caritas liege open saturday?", "Is the Caritas office in Liege open on Saturday?", "hours", "Liege", 0),
 ("how many weeks from signing the form till the flight", "How many weeks between signing the form and the flight?", "duration", "", 0),
 ("i signed for return but i changed my mind now, is it too late", "I signed up for return but changed my mind; is it too late to withdraw?", "cancel", "", 0),
 ("after voluntary return can i ever get a schengen visa again", "After voluntary return, can I ever get a Schengen visa again?", "reentry", "", 0),
 ("they took me to merksplas, can i still do voluntary return from there", "I was taken to Merksplas detention centre; can I still do voluntary return from there?", "detention", "Merksplas", 0),
 ("how to complain about my counsellor", "How can I complain about my return counsellor?", "complaint", "", 0),
 ("kumasi reintegration partner contact", "Contact details of the reintegration partner in Kumasi.", "reintegration", "Kumasi", 0),
 ("any news on my appeal file number 8839201", "Is there news on my appeal with file number 8839201?", "casestatus", "", 1),
 ("how many nigerians went back from belgium last year", "How many Nigerians returned from Belgium last year?", "statistics", "Nigeria, Belgium", 1),
 ("my lawyer says i should appeal again, is that a good idea or not", "My lawyer says I should appeal again; is that a good idea?", "legal", "", 1),
 ("can i work small small in bergen while waiting for the flight", "Can I do some work in Bergen while waiting for my flight?", "work", "Bergen", 1),
 ("visa for my brother to visit me in oslo", "How can my brother get a visa to visit me in Oslo?", "visa", "Oslo", 1),
 ("naira to euro rate today", "What is today's naira to euro exchange rate?", "exchange", "", 1),
 ("cheap lyca sim for calling ghana", "Cheap Lyca SIM card for calling Ghana.", "phone", "Ghana", 1),
 ("where to watch super eagles match in ghent", "Where can I watch the Super Eagles match in Ghent?", "sports", "Ghent", 1),
]

# French: DR Congo, Guinea, Cameroon
DATA["fr"] = [
 ("combien on donne pour rentrer a kinshasa avec ma femme et 2 enfants", "How much is given to return to Kinshasa with my wife and two children?", "money", "Kinshasa", 0),
 ("je suis en procédure dublin, jpeux quand meme rentrer en guinée", "I am in a Dublin procedure; can I still return to Guinea?", "eligibility", "Guinea", 0),
 ("pas de passeport, juste acte de naissance", "I have no passport, only a birth certificate.", "documents", "", 0),
 ("laissez passer ambassade cameroun ça prend combien de temps svp", "How long does the Cameroon embassy take to issue a laissez-passer?", "documents", "Cameroon", 0),
 ("je peux prendre combien de valises dans l'avion, et les bagages à main", "How many suitcases can I take on the plane, and what about hand luggage?", "travel", "", 0),
 ("jsuis séropositif, est ce que jaurai mes médicaments arv à conakry", "I am HIV-positive; will I get my ARV medicines in Conakry?", "health", "Conakry", 0),
 ("mon fils est né ici en belgique il a pas de papiers congolais", "My son was born in Belgium and has no Congolese papers.", "family", "Belgium, DR Congo", 0),
 ("aide pour ouvrir un petit commerce à douala apres le retour", "Help to open a small shop in Douala after return.", "reintegration", "Douala", 0),
 ("qui m'accueille à l'aéroport de ndjili", "Who welcomes me at N'djili airport?", "arrival", "Kinshasa", 0),
 ("est-ce que l'ANR va savoir que j'ai demandé l'asile en belgique", "Will the Congolese intelligence agency (ANR) know I applied for asylum in Belgium?", "authorities", "DR Congo, Belgium", 0),
 ("mes données restent confidentielles?", "Do my data stay confidential?", "privacy", "", 0),
 ("bureau retour namur adresse", "Address of the return office in Namur.", "office", "Namur", 0),
 ("horaires fedasil mons", "Opening hours of Fedasil in Mons.", "hours", "Mons", 0),
 ("je veux annuler mon départ prévu mardi", "I want to cancel my departure planned for Tuesday.", "cancel", "", 0),
 ("apres retour volontaire interdiction de revenir en europe combien d'années", "After voluntary return, how many years is the ban on coming back to Europe?", "reentry", "Europe", 0),
 ("au centre fermé de vottem on peut encore demander le retour volontaire?", "Can one still request voluntary return from the Vottem closed centre?", "detention", "Vottem", 0),
 ("plainte contre l'assistante sociale du centre", "Complaint against the social worker at the centre.", "complaint", "", 0),
 ("ça prend combien de temps tout le dossier", "How long does the whole file take?", "duration", "", 0),
 ("mes enfants pourront continuer l'école à yaoundé, y a une aide pour les frais", "Can my children continue school in Yaounde; is there help with fees?", "reintegration", "Yaounde", 0),
 ("j'ai un titre de séjour carte A, je peux avoir la prime aussi", "I have an A-card residence permit; can I also get the return allowance?", "eligibility", "", 0),
 ("où en est mon recours au CCE", "What is the status of my appeal at the CCE (Council for Alien Law Litigation)?", "casestatus", "", 1),
 ("mon avocat pro deo ne répond plus, je fais quoi pour mon recours", "My legal-aid lawyer no longer answers; what should I do about my appeal?", "legal", "", 1),
 ("permis de travail liège", "Work permit in Liege.", "work", "Liege", 1),
 ("comment me marier à la commune de schaerbeek sans papiers", "How can I get married at Schaerbeek town hall without papers?", "marriage", "Schaerbeek", 1),
 ("envoyer argent vers kinshasa moins cher", "Cheapest way to send money to Kinshasa.", "banking", "Kinshasa", 1),
 ("recette ndolé", "Recipe for ndole.", "food", "", 1),
 ("appartement pas cher a charleroi cpas aide", "Cheap flat in Charleroi, help from the CPAS.", "housing", "Charleroi", 1),
]

# Dutch (Flemish phone typing): Brazil, Morocco, Armenia, Georgia, Algeria ...
DATA["nl"] = [
 ("hoeveel geld krijg ik als ik terug ga naar brazilië", "How much money do I get if I go back to Brazil?", "money", "Brazil", 0),
 ("ik ben hier al 9 jaar zonder papieren, kan ik nog meedoen", "I have been here without papers for 9 years; can I still take part?", "eligibility", "", 0),
 ("paspoort kwijt", "Lost my passport.", "documents", "", 0),
 ("mn marokkaans paspoort is vervallen, moet ik zelf naar consulaat in antwerpen", "My Moroccan passport has expired; must I go to the consulate in Antwerp myself?", "documents", "Morocco, Antwerp", 0),
 ("mag ik mijn fiets meenemen op het vliegtuig", "May I take my bicycle on the plane?", "travel", "", 0),
 ("ik heb hartproblemen, kan er een verpleger mee op de vlucht", "I have heart problems; can a nurse come along on the flight?", "health", "", 0),
 ("mijn vrouw heeft verblijfsvergunning maar ik niet, wat met de kinderen", "My wife has a residence permit but I do not; what about the children?", "family", "", 0),
 ("hulp bij huur eerste maanden in jerevan", "Help with rent for the first months in Yerevan.", "reintegration", "Yerevan", 0),
 ("wat gebeurt er juist als ik aankom op de luchthaven van casablanca", "What exactly happens when I arrive at Casablanca airport?", "arrival", "Casablanca", 0),
 ("weet de marokkaanse politie da ik hier asiel heb gevraagd", "Does the Moroccan police know that I applied for asylum here?", "authorities", "Morocco", 0),
 ("wie kan mijn dossier zien", "Who can see my file?", "privacy", "", 0),
 ("terugkeerloket gent", "Return desk in Ghent.", "office", "Ghent", 0),
 ("is het kantoor in hasselt open op woensdag namiddag", "Is the office in Hasselt open on Wednesday afternoon?", "hours", "Hasselt", 0),
 ("hoe lang duurt het ongeveer tussen het gesprek en de dag dat ik vertrek", "Roughly how long between the counselling interview and my departure day?", "duration", "", 0),
 ("kan ik nog stoppen als ik al getekend heb", "Can I still stop if I have already signed?", "cancel", "", 0),
 ("als ik terugkeer met fedasil mag ik dan later met een visum terugkomen", "If I return with Fedasil, may I come back later with a visa?", "reentry", "", 0),
 ("ik zit in het gesloten centrum brugge, hoe vraag ik vrijwillige terugkeer aan", "I am in the Bruges closed centre; how do I request voluntary return?", "detention", "Bruges", 0),
 ("klacht indienen over behandeling in opvangcentrum mechelen", "File a complaint about treatment in the Mechelen reception centre.", "complaint", "Mechelen", 0),
 ("begeleiding voor mijn zoon met autisme na terugkeer naar georgië", "Support for my autistic son after return to Georgia.", "health", "Georgia", 0),
 ("wanneer krijg ik antwoord van DVZ over mijn 9bis", "When will I get an answer from the Immigration Office about my 9bis regularisation request?", "casestatus", "", 1),
 ("hoeveel mensen zijn vorig jaar vrijwillig teruggekeerd uit belgië", "How many people returned voluntarily from Belgium last year?", "statistics", "Belgium", 1),
 ("werkvergunning aanvragen als uitgeprocedeerde", "Applying for a work permit as a rejected asylum seeker.", "work", "", 1),
 ("kan mijn lief uit algerije een visum krijgen om mij te bezoeken", "Can my partner from Algeria get a visa to visit me?", "visa", "Algeria", 1),
 ("trouwen in antwerpen zonder geldige verblijfsvergunning kan da", "Is it possible to marry in Antwerp without a valid residence permit?", "marriage", "Antwerp", 1),
 ("euro naar real wisselkoers", "Euro to Brazilian real exchange rate.", "exchange", "", 1),
 ("weer in leuven morgen", "Weather in Leuven tomorrow.", "weather", "Leuven", 1),
 ("hoe open ik een bankrekening zonder verblijfskaart bij kbc of belfius", "How do I open a bank account at KBC or Belfius without a residence card?", "banking", "", 1),
]

# Arabic: Iraq, Syria, Sudan, Morocco, Egypt (script + Arabizi, dialects)
DATA["ar"] = [
 ("كم المبلغ اللي يعطوه للعائلة اذا رجعنا على العراق من بلجيكا", "How much money is given to a family returning to Iraq from Belgium?", "money", "Iraq, Belgium", 0),
 ("ana m3andich wra9, rafdouli l asile, wach n9der nrje3 l lmaghrib b had lprogramme", "I have no papers and my asylum was refused; can I return to Morocco with this programme?", "eligibility", "Morocco", 0),
 ("جواز سفري منتهي", "My passport has expired.", "documents", "", 0),
 ("السفارة السودانية في بروكسل بتدي وثيقة سفر مؤقتة؟", "Does the Sudanese embassy in Brussels issue a temporary travel document?", "documents", "Sudan, Brussels", 0),
 ("kam kilo msmou7 fi shanta", "How many kilos are allowed in the suitcase?", "travel", "", 0),
 ("ابني عنده سكري ومحتاج انسولين، فيه علاج بالخرطوم بعد ما نرجع؟", "My son has diabetes and needs insulin; is there treatment in Khartoum after we return?", "health", "Khartoum", 0),
 ("زوجتي معها إقامة في النرويج وأنا مرفوض، هل أقدر أرجع لوحدي", "My wife has residence in Norway and I was rejected; can I return alone?", "family", "Norway", 0),
 ("ممكن مساعدة لفتح مشروع صغير في أربيل، محل موبايلات مثلا", "Is there help to open a small business in Erbil, for example a mobile phone shop?", "reintegration", "Erbil", 0),
 ("shu byseer lama awsal 3a matar dimashq, byis2aluni shi bl amn", "What happens when I arrive at Damascus airport; will security question me?", "arrival", "Damascus", 0),
 ("هل الأمن السوري رح يعرف اني طلبت لجوء بالنرويج", "Will Syrian security find out that I applied for asylum in Norway?", "authorities", "Syria, Norway", 0),
 ("المعلومات تبعي بتوصل للشرطة؟", "Does my information reach the police?", "privacy", "", 0),
 ("مكتب العودة في لييج", "Return office in Liege.", "office", "Liege", 0),
 ("mawa3id el maktab fi antwerpen", "Office hours in Antwerp.", "hours", "Antwerp", 0),
 ("شكد ياخذ وكت من التسجيل لحد ما اسافر للعراق تقريبا", "Roughly how long from registration until I travel to Iraq?", "duration", "Iraq", 0),
 ("وقعت على الورقة بس غيرت رأيي، شو بعمل", "I signed the paper but changed my mind; what do I do?", "cancel", "", 0),
 ("لو رجعت مصر مع البرنامج ينفع ارجع اوروبا بعدين بفيزا دراسة", "If I return to Egypt with the programme, can I come back to Europe later on a student visa?", "reentry", "Egypt, Europe", 0),
 ("أنا محجوز في مركز ترندوم، أقدر أطلب العودة الطوعية من هون؟", "I am held at Trandum centre; can I request voluntary return from here?", "detention", "Trandum", 0),
 ("بدي اقدم شكوى على موظف بالكامب عاملني بطريقة سيئة وين بقدم", "A staff member at the camp treated me badly; where do I file a complaint?", "complaint", "", 0),
 ("wladi bghaw ykmlo l9raya f casablanca, kayn chi m3awna f lmadrasa", "My children want to continue school in Casablanca; is there help with school?", "reintegration", "Casablanca", 0),
 ("ملفي عند UDI وين وصل", "How far has my file at UDI progressed?", "casestatus", "", 1),
 ("كم عراقي رجع من النرويج هالسنة", "How many Iraqis returned from Norway this year?", "statistics", "Iraq, Norway", 1),
 ("المحامي قال استأنف مرة ثانية، هل عندي فرصة أربح القضية", "The lawyer said to appeal again; do I have a chance of winning?", "legal", "", 1),
 ("ابغى اشتغل في بيرغن وانا انتظر الطيارة عادي", "Is it OK for me to work in Bergen while waiting for the flight?", "work", "Bergen", 1),
 ("كيف اتزوج بنت بلجيكية عشان اخذ اقامة", "How can I marry a Belgian woman to get residence?", "marriage", "Belgium", 1),
 ("سعر الدولار بالجنيه السوداني اليوم", "Today's dollar rate in Sudanese pounds.", "exchange", "Sudan", 1),
 ("wein a7sal la7m 7alal rkhees b oslo", "Where can I find cheap halal meat in Oslo?", "food", "Oslo", 1),
 ("في مهرب بيقول بيوصلني بريطانيا، كم بياخد عادة وهل هو آمن", "A smuggler says he can get me to Britain; how much do they usually take and is it safe?", "smuggling", "United Kingdom", 1),
]

# Persian/Dari: Iran, Afghanistan (script + Finglish)
DATA["fa"] = [
 ("چقدر پول میدن اگه برگردم ایران، برای مجرد", "How much money is given to a single person returning to Iran?", "money", "Iran", 0),
 ("salam parvandam rad shode dar norvezh mitoonam ba barname bargardam afghanestan", "My case was rejected in Norway; can I return to Afghanistan with the programme?", "eligibility", "Norway, Afghanistan", 0),
 ("تذکره ندارم فقط کپی دارم", "I do not have my tazkira, only a copy.", "documents", "", 0),
 ("gozarnamam tamdid nashode sefarat iran too oslo komak mikone?", "My passport was not renewed; will the Iranian embassy in Oslo help?", "documents", "Iran, Oslo", 0),
 ("چند کیلو بار میتونم ببرم، فرش کوچیک هم میشه با خودم ببرم", "How many kilos of luggage can I take; can I also take a small carpet?", "travel", "", 0),
 ("مادرم دیالیز میشه، تو هرات امکانات هست یا نه بعد برگشت", "My mother is on dialysis; are there facilities in Herat after return?", "health", "Herat", 0),
 ("بچه هام اینجا مدرسه میرن، اگه برگردیم کابل دخترم میتونه درس بخونه", "My children go to school here; if we return to Kabul can my daughter study?", "family", "Kabul", 0),
 ("komak baraye baz kardan ye maghaze kochik dar mashhad ham midin?", "Do you also give help to open a small shop in Mashhad?", "reintegration", "Mashhad", 0),
 ("وقتی برسم فرودگاه امام چی میشه، بازجویی میکنن؟", "What happens when I arrive at Imam Khomeini airport; will they interrogate me?", "arrival", "Tehran", 0),
 ("آیا طالبان میفهمن که من تو اروپا پناهنده بودم و مشکل میشه", "Will the Taliban find out I was an asylum seeker in Europe and will it cause problems?", "authorities", "Europe", 0),
 ("etelaate man be dolate iran dade mishe?", "Is my information given to the Iranian government?", "privacy", "Iran", 0),
 ("دفتر مشاوره برگشت تروندهایم", "Return counselling office in Trondheim.", "office", "Trondheim", 0),
 ("saat kari daftar stavanger", "Opening hours of the Stavanger office.", "hours", "Stavanger", 0),
 ("kol kar chand mah tool mikeshe ta parvaz", "How many months does the whole process take until the flight?", "duration", "", 0),
 ("اگه پشیمون شدم میتونم لغو کنم؟ پول رو باید پس بدم", "If I regret it can I cancel; do I have to pay the money back?", "cancel", "", 0),
 ("بعد از بازگشت داوطلبانه چند سال نمیتونم بیام شنگن", "After voluntary return, for how many years can I not come to Schengen?", "reentry", "", 0),
 ("man too trandum hastam, mishe az inja barnameye bazgasht davtalabane begiram", "I am in Trandum; can I get the voluntary return programme from here?", "detention", "Trandum", 0),
 ("از مددکار کمپ شکایت دارم، باهام بد رفتار کرد، کجا باید بنویسم", "The camp social worker treated me badly; where should I write a complaint?", "complaint", "", 0),
 ("برای خونه اجاره در مزارشریف کمک میکنن یا فقط پول نقد میدن", "Do they help with renting a house in Mazar-i-Sharif or only give cash?", "reintegration", "Mazar-i-Sharif", 0),
 ("من دوبلین هستم، انگشتم تو یونان ثبت شده، میتونم مستقیم برم ایران", "I am a Dublin case with fingerprints in Greece; can I go directly to Iran?", "eligibility", "Greece, Iran", 0),
 ("javabe mosahebeye UDI kei miad", "When will the answer to my UDI interview come?", "casestatus", "", 1),
 ("به نظرتون شکایت به UNE بکنم یا نه، وکیلم میگه شانس کمه", "Should I appeal to UNE; my lawyer says the chance is low?", "legal", "", 1),
 ("اجازه کار موقت در نروژ", "Temporary work permit in Norway.", "work", "Norway", 1),
 ("ازدواج با دختر نروژی اقامت میده؟", "Does marrying a Norwegian woman give residence?", "marriage", "Norway", 1),
 ("نرخ تبدیل کرون به تومان", "Exchange rate from krone to toman.", "exchange", "", 1),
 ("خونه ارزون تو برگن برای اجاره", "Cheap house for rent in Bergen.", "housing", "Bergen", 1),
 ("ghormeh sabzi mavad kojaye oslo peyda mishe", "Where in Oslo can I find ghormeh sabzi ingredients?", "food", "Oslo", 1),
]

# German: Eupen region, people who lived in Germany before (Kosovo, Serbia, Chechnya, Georgia, Turkey)
DATA["de"] = [
 ("wie viel startgeld bekommt man für rückkehr nach serbien", "How much start-up money does one get for return to Serbia?", "money", "Serbia", 0),
 ("ich war vorher in deutschland geduldet, jetzt belgien, kann ich trotzdem mitmachen", "I was tolerated in Germany before, now in Belgium; can I still take part?", "eligibility", "Germany, Belgium", 0),
 ("reisepass abgelaufen was tun", "Passport expired, what to do?", "documents", "", 0),
 ("brauche ich ein passersatzpapier von der türkischen botschaft", "Do I need a substitute travel document from the Turkish embassy?", "documents", "Turkey", 0),
 ("darf mein hund mit in den flieger oder muss ich ihn hier lassen", "May my dog come on the plane or must I leave it here?", "travel", "", 0),
 ("bin im 7. monat schwanger, darf ich noch fliegen nach tiflis", "I am seven months pregnant; may I still fly to Tbilisi?", "health", "Tbilisi", 0),
 ("meine tochter ist volljährig und will bleiben, kann ich allein zurück", "My daughter is an adult and wants to stay; can I go back alone?", "family", "", 0),
 ("unterstützung für eine kleine autowerkstatt in prizren", "Support for a small car repair shop in Prizren.", "reintegration", "Prizren", 0),
 ("wer holt mich am flughafen in belgrad ab und wohin bringen die mich", "Who picks me up at Belgrade airport and where will they take me?", "arrival", "Belgrade", 0),
 ("erfährt die polizei in russland dass ich in belgien asyl beantragt habe", "Will the police in Russia learn that I applied for asylum in Belgium?", "authorities", "Russia, Belgium", 0),
 ("datenschutz beratung rückkehr", "Data protection in return counselling.", "privacy", "", 0),
 ("beratungsstelle eupen", "Counselling office in Eupen.", "office", "Eupen", 0),
 ("öffnungszeiten büro lüttich", "Opening hours of the Liege office.", "hours", "Liege", 0),
 ("wie lange dauert das ganze bis zum flug ungefähr", "Roughly how long does everything take until the flight?", "duration", "", 0),
 ("kann ich den termin für den flug verschieben wegen der schule", "Can I postpone the flight date because of school?", "cancel", "", 0),
 ("wenn ich jetzt freiwillig gehe bekomme ich ein einreiseverbot für schengen", "If I leave voluntarily now, do I get a Schengen entry ban?", "reentry", "", 0),
 ("mein mann sitzt in abschiebehaft in steenokkerzeel, kann er freiwillig ausreisen", "My husband is in deportation detention in Steenokkerzeel; can he leave voluntarily?", "detention", "Steenokkerzeel", 0),
 ("beschwerde über dolmetscher beim beratungsgespräch", "Complaint about the interpreter during counselling.", "complaint", "", 0),
 ("gibt es hilfe bei der wohnungssuche in grosny nach der rückkehr", "Is there help finding housing in Grozny after return?", "reintegration", "Grozny", 0),
 ("brauchen meine kinder impfungen vor der rückreise nach albanien", "Do my children need vaccinations before returning to Albania?", "health", "Albania", 0),
 ("wie ist der stand meines asylverfahrens", "What is the status of my asylum procedure?", "casestatus", "", 1),
 ("soll ich gegen den negativen bescheid klage einreichen, lohnt sich das", "Should I file a lawsuit against the negative decision; is it worth it?", "legal", "", 1),
 ("arbeitserlaubnis belgien für geduldete", "Work permit in Belgium for tolerated persons.", "work", "Belgium", 1),
 ("visum für meine mutter aus tiflis beantragen wie", "How to apply for a visa for my mother from Tbilisi?", "visa", "Tbilisi", 1),
 ("wie viele tschetschenen sind 2023 zurückgegangen", "How many Chechens went back in 2023?", "statistics", "", 1),
 ("kurs lari euro", "Lari to euro exchange rate.", "exchange", "", 1),
 ("wo kann ich in eupen fussball spielen im verein ohne papiere", "Where can I play football in a club in Eupen without papers?", "sports", "Eupen", 1),
]

# Norwegian (Bokmal phone typing): Ethiopia, Somalia, Sri Lanka, Eritrea, Kenya ...
DATA["no"] = [
 ("hvor mye penger får man hvis man reiser frivillig tilbake til etiopia", "How much money does one get when returning voluntarily to Ethiopia?", "money", "Ethiopia", 0),
 ("jeg har endelig avslag fra UNE, kan jeg fortsatt søke om assistert retur", "I have a final rejection from UNE; can I still apply for assisted return?", "eligibility", "", 0),
 ("mista passet mitt", "I lost my passport.", "documents", "", 0),
 ("trenger jeg reisedokument fra ambassaden eller fikser IOM det", "Do I need a travel document from the embassy or does IOM arrange it?", "documents", "", 0),
 ("hvor mange kofferter kan jeg ta med og kan jeg sende ting i forveien", "How many suitcases can I bring, and can I send things ahead?", "travel", "", 0),
 ("jeg bruker medisin for psykisk helse, får jeg med nok til flere måneder", "I take mental-health medication; will I get enough for several months?", "health", "", 0),
 ("kona og barna har oppholdstillatelse, bare jeg har fått avslag, hva nå", "My wife and children have residence permits and only I was rejected; what now?", "family", "", 0),
 ("støtte til å starte butikk i hargeisa", "Support to start a shop in Hargeisa.", "reintegration", "Hargeisa", 0),
 ("hva skjer på flyplassen i addis når jeg lander", "What happens at the airport in Addis Ababa when I land?", "arrival", "Addis Ababa", 0),
 ("får myndighetene i sri lanka vite at jeg har søkt asyl i norge", "Will the authorities in Sri Lanka learn that I applied for asylum in Norway?", "authorities", "Sri Lanka, Norway", 0),
 ("deler dere info med politiet?", "Do you share information with the police?", "privacy", "", 0),
 ("returkontor tromsø", "Return office in Tromso.", "office", "Tromso", 0),
 ("åpningstider kristiansand", "Opening hours in Kristiansand.", "hours", "Kristiansand", 0),
 ("hvor lang tid tar det fra søknad til avreise", "How long does it take from application to departure?", "duration", "", 0),
 ("kan jeg trekke søknaden om retur hvis jeg ombestemmer meg", "Can I withdraw my return application if I change my mind?", "cancel", "", 0),
 ("hvis jeg drar frivillig nå, kan jeg komme tilbake til norge senere på besøk", "If I leave voluntarily now, can I come back to Norway later for a visit?", "reentry", "Norway", 0),
 ("sitter på trandum, kan jeg fortsatt få pengestøtte hvis jeg reiser frivillig", "I am held at Trandum; can I still get financial support if I leave voluntarily?", "detention", "Trandum", 0),
 ("hvordan klager jeg på dårlig behandling på asylmottaket i drammen", "How do I complain about bad treatment at the asylum reception centre in Drammen?", "complaint", "Drammen", 0),
 ("ny skole for sønnen min i mogadishu, hjelper dere med det", "Do you help find a new school for my son in Mogadishu?", "reintegration", "Mogadishu", 0),
 ("når får jeg svar fra udi", "When will I get an answer from UDI?", "casestatus", "", 1),
 ("statistikk retur 2024", "Return statistics 2024.", "statistics", "", 1),
 ("skal jeg begjære omgjøring av vedtaket mitt", "Should I request a reversal of my decision?", "legal", "", 1),
 ("kan jeg jobbe på fiskebåt i ålesund mens jeg venter på reisen", "Can I work on a fishing boat in Alesund while waiting for the trip?", "work", "Alesund", 1),
 ("søke visum for kjæresten fra kenya", "Apply for a visa for my girlfriend from Kenya.", "visa", "Kenya", 1),
 ("billig mobilabonnement uten personnummer", "Cheap mobile plan without a national ID number.", "phone", "", 1),
 ("blir det snø i bodø neste uke", "Will it snow in Bodo next week?", "weather", "Bodo", 1),
 ("åpne bankkonto uten d-nummer", "Open a bank account without a D-number.", "banking", "", 1),
]

# Pashto: Afghanistan (script + Latin)
DATA["ps"] = [
 ("که زه بیرته افغانستان ته لاړ شم څومره پیسې راکوي", "If I go back to Afghanistan, how much money will they give me?", "money", "Afghanistan", 0),
 ("zama kes rad shawi, za hum pa programme ke shamil kedalay sham", "My case was rejected; can I also join the programme?", "eligibility", "", 0),
 ("تذکره مې ورکه ده", "My tazkira is lost.", "documents", "", 0),
 ("pasport me khalas shawi, sifarat ta zam ka na", "My passport has expired; should I go to the embassy or not?", "documents", "", 0),
 ("څو کیلو سامان وړلی شم", "How many kilos of luggage can I take?", "travel", "", 0),
 ("زما پلار د زړه ناروغ دی، په جلال اباد کې به درمل پیدا شي", "My father has heart disease; will medicine be available in Jalalabad?", "health", "Jalalabad", 0),
 ("meerman me aw bachi de dalta osedo ijaza lari, za yawaze tlay sham", "My wife and children have residence permission here; can I go alone?", "family", "", 0),
 ("په کندهار کې د یو کوچني دوکان جوړولو لپاره مرسته کوئ که نه", "Do you help with setting up a small shop in Kandahar or not?", "reintegration", "Kandahar", 0),
 ("pa kabul hawayi dagar ke tsok zama intizar kawi", "Who waits for me at Kabul airport?", "arrival", "Kabul", 0),
 ("ایا طالبان به پوه شي چې ما په بلجیم کې پناه غوښتې وه", "Will the Taliban find out that I sought asylum in Belgium?", "authorities", "Belgium", 0),
 ("zama maloomat chata warkawai", "Who do you give my information to?", "privacy", "", 0),
 ("office leuven cherta dey", "Where is the office in Leuven?", "office", "Leuven", 0),
 ("gent daftar pa juma pranistay wi", "Is the Ghent office open on Friday?", "hours", "Ghent", 0),
 ("څومره وخت نیسي چې الوتنه وشي", "How long does it take until the flight happens?", "duration", "", 0),
 ("ma form laslik krey kho os nah ghwaram lar sham, sa wakram", "I signed the form but now I don't want to go; what should I do?", "cancel", "", 0),
 ("که لاړ شم بیا کولی شم په قانوني ویزه اروپا ته راشم", "If I go, can I come back to Europe later with a legal visa?", "reentry", "Europe", 0),
 ("زه په ټرانډم کمپ کې بند یم، ایا داوطلبانه ستنیدل ممکن دي", "I am locked up in Trandum; is voluntary return possible?", "detention", "Trandum", 0),
 ("shikayat pa camp ke da kaarkawunki pa khilaf", "Complaint against a staff member in the camp.", "complaint", "", 0),
 ("زما لور غواړي په کابل کې ښوونځي ته لاړه شي، مرسته کوئ؟", "My daughter wants to go to school in Kabul; do you help?", "reintegration", "Kabul", 0),
 ("دوبلین یم، ګوتې مې په بلغاریا کې اخیستل شوي", "I am a Dublin case; my fingerprints were taken in Bulgaria.", "eligibility", "Bulgaria", 0),
 ("zama parwanda cherta rasedale", "How far has my case file got?", "casestatus", "", 1),
 ("wakil wai chi bia appeal wakra, ta sa wayey", "The lawyer says appeal again; what do you say?", "legal", "", 1),
 ("په بلجیم کې د کار اجازه څنګه واخلم", "How do I get a work permit in Belgium?", "work", "Belgium", 1),
 ("خپل ورور ته ویزه اخیستل غواړم چې بلجیم ته راشي زه څه وکړم", "I want to get a visa for my brother to come to Belgium; what should I do?", "visa", "Belgium", 1),
 ("da hawala pa zariya kabul ta paisay legal", "Sending money to Kabul by hawala.", "banking", "Kabul", 1),
 ("cricket team afghanistan next match kala dey", "When is the Afghanistan cricket team's next match?", "sports", "Afghanistan", 1),
 ("da kabul mosam", "Weather in Kabul.", "weather", "Kabul", 1),
]

# Tigrinya: Eritrea (Ge'ez script + Latin transliteration)
DATA["ti"] = [
 ("ናብ ኤርትራ ክምለስ እንተደልየ ንሓደ ሰብ ክንደይ ገንዘብ ይህቡኒ ኢዮም", "If I want to return to Eritrea, how much money do they give one person?", "money", "Eritrea", 0),
 ("selam ane asylum rejected eye, nab ertra temelis programme kietew ykiel do", "I am rejected for asylum; can I join the return programme to Eritrea?", "eligibility", "Eritrea", 0),
 ("ፓስፖርት የብለይን", "I have no passport.", "documents", "", 0),
 ("regret form ambasa ertra kifrm aleni do", "Do I have to sign the regret form at the Eritrean embassy?", "documents", "Eritrea", 0),
 ("ክንደይ ኪሎ ሻንጣ ክሕዝ ይኽእል", "How many kilos of luggage can I carry?", "travel", "", 0),
 ("ሓወይ ሽኮር ሕማም ኣለዎ፣ ኣብ ኣስመራ መድሃኒት ይረክብ ድዩ ድሕሪ ምምላስ", "My brother has diabetes; will he get medicine in Asmara after return?", "health", "Asmara", 0),
 ("sebeytey kolun residence alewom ane gn negative, bbeyney kimeles ykiel do", "My wife and children have residence but I am negative; can I return by myself?", "family", "", 0),
 ("ኣብ ኣስመራ ንእሽቶ ድኳን ንምኽፋት ሓገዝ ኣሎ ድዩ ወይስ ገንዘብ ጥራይ", "Is there help to open a small shop in Asmara, or only money?", "reintegration", "Asmara", 0),
 ("ab airport asmara entay ykhwn", "What happens at Asmara airport?", "arrival", "Asmara", 0),
 ("መንግስቲ ኤርትራ ኣብ ኖርወይ ዑቕባ ከም ዝሓተትኩ ክፈልጡ ድዮም", "Will the Eritrean government know that I asked for asylum in Norway?", "authorities", "Eritrea, Norway", 0),
 ("information tey nmengisti ertra yhabuwo do", "Do you give my information to the Eritrean government?", "privacy", "Eritrea", 0),
 ("ቤት ጽሕፈት ምምላስ ኣብ በርገን ኣበይ ኣሎ ኣድራሻ ክትህቡኒ ትኽእሉ ዶ", "Where is the return office in Bergen; can you give me the address?", "office", "Bergen", 0),
 ("office stavanger saat kndey yikfet", "At what time does the Stavanger office open?", "hours", "Stavanger", 0),
 ("kndey gzie ywesd kab forma mmlae kesab tiyara tsaeda", "How long does it take from filling in the form until boarding the plane?", "duration", "", 0),
 ("ፈሪመ ነይረ ሕጂ ሓሳበይ ቀይረ፣ ክሰርዞ ይኽእል ድየ", "I had signed but now changed my mind; can I cancel it?", "cancel", "", 0),
 ("ድሕሪ ምምላስ ደሓር እንደገና ናብ ኤውሮጳ ብቪዛ ክመጽእ ይኽእል ድየ", "After returning, can I come to Europe again later with a visa?", "reentry", "Europe", 0),
 ("ane ab trandum allo kabzi voluntary return kihatit ykiel do", "I am in Trandum; can I request voluntary return from here?", "detention", "Trandum", 0),
 ("ኣብ ካምፕ ብዛዕባ ሓደ ሰራሕተኛ ጥርዓን ከቕርብ ደልየ ኣበይ ክኸይድ", "I want to complain about a worker at the camp; where do I go?", "complaint", "", 0),
 ("2% ግብሪ ክኸፍል ኣለኒ ድዩ እንተተመሊሰ", "Do I have to pay the 2% diaspora tax if I return?", "authorities", "", 0),
 ("ናይ ዑቕባ መዝገበይ ኣበይ በጺሑ", "How far has my asylum file got?", "casestatus", "", 1),
 ("kndey ertrawyan temelisom ab 2024", "How many Eritreans returned in 2024?", "statistics", "", 1),
 ("lawyer tey appeal kigebr ale yblni, ezi tsbuq do ykhwn", "My lawyer tells me to appeal; would that be good?", "legal", "", 1),
 ("ስራሕ ፍቓድ ኣብ ኖርወይ ከመይ ይርከብ", "How is a work permit obtained in Norway?", "work", "Norway", 1),
 ("marriage ab oslo bzey passport kigebr ykiel do, residence yhbuni do", "Can I marry in Oslo without a passport; will they give me residence?", "marriage", "Oslo", 1),
 ("ገንዘብ ናብ ኣስመራ ብኸመይ ይለኣኽ", "How is money sent to Asmara?", "banking", "Asmara", 1),
 ("injera mesria dukan ab oslo abey allo", "Where is a shop for injera ingredients in Oslo?", "food", "Oslo", 1),
 ("kndey yikfl dollar ab asmara lomi", "What is the dollar worth in Asmara today?", "exchange", "Asmara", 1),
]

# Somali: Somalia / Somaliland
DATA["so"] = [
 ("imisa lacag ah ayaa la i siinayaa haddii aan ku laabto muqdisho", "How much money will I be given if I return to Mogadishu?", "money", "Mogadishu", 0),
 ("magangalyada waa la ii diiday, ma xaq baan u leeyahay barnaamijka", "My asylum was refused; am I entitled to the programme?", "eligibility", "", 0),
 ("baasaboor ma haysto", "I do not have a passport.", "documents", "", 0),
 ("safaaradda soomaaliya ee oslo ma i siin kartaa warqad safar", "Can the Somali embassy in Oslo give me a travel document?", "documents", "Somalia, Oslo", 0),
 ("shandad imisa kilo", "How many kilos per suitcase?", "travel", "", 0),
 ("hooyaday waxay qabtaa sonkorow, daawo ma ka heli karaa hargeysa markaan tagno", "My mother has diabetes; can she get medicine in Hargeisa when we go?", "health", "Hargeisa", 0),
 ("xaaskeyga iyo caruurta waxay haystaan residence, aniga kaliya ma laaban karaa", "My wife and children have residence; can I alone go back?", "family", "", 0),
 ("ma jirtaa caawimo aan ku furo ganacsi yar oo bosaso ah", "Is there help for me to open a small business in Bosaso?", "reintegration", "Bosaso", 0),
 ("maxaa dhacaya marka aan gaaro garoonka aadan cadde", "What happens when I arrive at Aden Adde airport?", "arrival", "Mogadishu", 0),
 ("dowladda soomaaliya ma ogaan doontaa in aan magangalyo ka dalbaday norway", "Will the Somali government find out I applied for asylum in Norway?", "authorities", "Somalia, Norway", 0),
 ("xogtayda yaa arki kara", "Who can see my data?", "privacy", "", 0),
 ("xafiiska laabashada oslo", "Return office in Oslo.", "office", "Oslo", 0),
 ("xafiiska fredrikstad goorma ayuu furan yahay", "When is the Fredrikstad office open?", "hours", "Fredrikstad", 0),
 ("intee in le'eg ayay qaadataa ilaa duulimaadka", "How long does it take until the flight?", "duration", "", 0),
 ("waan saxiixay laakiin hada waan ka noqday, wali ma joojin karaa", "I signed but now changed my mind; can I still stop it?", "cancel", "", 0),
 ("haddii aan laabto ma iman karaa mar kale norway anigoo visa haysta", "If I return, can I come to Norway again holding a visa?", "reentry", "Norway", 0),
 ("waxaan ku jiraa xabsiga trandum, ma codsan karaa laabasho ikhtiyaari ah", "I am in Trandum detention; can I apply for voluntary return?", "detention", "Trandum", 0),
 ("cabasho ka gudbin shaqaalaha xarunta", "Submit a complaint about the centre staff.", "complaint", "", 0),
 ("carruurtayda dugsi ma ka heli karaan hargeysa, lacagta iskuulka ma bixisaan", "Can my children get a school in Hargeisa; do you pay school fees?", "reintegration", "Hargeisa", 0),
 ("aqal kiro ah muqdisho caawimo", "Help with a rented house in Mogadishu.", "reintegration", "Mogadishu", 0),
 ("kiiskeyga UDI xaggee marayaa", "Where is my case at UDI?", "casestatus", "", 1),
 ("qareenkeyga wuxuu leeyahay racfaan samee, ma fiicantahay", "My lawyer says to appeal; is that good?", "legal", "", 1),
 ("shaqo ma heli karaa inta aan sugayo", "Can I get a job while I am waiting?", "work", "", 1),
 ("sidee xaaskeyga visa ugu keeni karaa norway", "How can I bring my wife to Norway on a visa?", "visa", "Norway", 1),
 ("xawaalad dahabshiil oslo", "Dahabshiil money transfer office in Oslo.", "banking", "Oslo", 1),
 ("cimilada tromsø todobaadkan", "Weather in Tromso this week.", "weather", "Tromso", 1),
 ("guur diinta ah ma ka dhigi karaa masaajidka drammen iyadoo aanan waraaqo haysan", "Can I have a religious marriage at the Drammen mosque without papers?", "marriage", "Drammen", 1),
]

# Russian: Georgia, Chechnya, Central Asia (Cyrillic + translit)
DATA["ru"] = [
 ("сколько денег дают если я возвращаюсь в грузию вместе с семьей", "How much money is given if I return to Georgia with my family?", "money", "Georgia", 0),
 ("у меня отказ по убежищу, могу ли я участвовать в программе возвращения", "My asylum was refused; can I take part in the return programme?", "eligibility", "", 0),
 ("паспорт потерял", "I lost my passport.", "documents", "", 0),
 ("posolstvo uzbekistana v bryussele dayot spravku na vozvrashchenie", "Does the Uzbek embassy in Brussels issue a certificate for return?", "documents", "Uzbekistan, Brussels", 0),
 ("можно ли везти с собой лекарства в багаже на полгода вперед", "Can I carry six months of medicines in my luggage?", "travel", "", 0),
 ("у мужа гепатит с, будет ли лечение в кутаиси после возвращения", "My husband has hepatitis C; will there be treatment in Kutaisi after return?", "health", "Kutaisi", 0),
 ("дочь учится в школе в бельгии, может остаться у тети если мы уедем", "My daughter goes to school in Belgium; can she stay with her aunt if we leave?", "family", "Belgium", 0),
 ("pomosh otkryt biznes v tbilisi", "Help to open a business in Tbilisi.", "reintegration", "Tbilisi", 0),
 ("что будет в аэропорту грозного когда прилечу, кадыровцы встретят?", "What will happen at Grozny airport when I land; will Kadyrov's people meet me?", "arrival", "Grozny", 0),
 ("узнают ли власти в таджикистане что я просил убежище в норвегии", "Will the authorities in Tajikistan find out I asked for asylum in Norway?", "authorities", "Tajikistan, Norway", 0),
 ("мои данные передадут в посольство?", "Will my data be passed to the embassy?", "privacy", "", 0),
 ("офис возврата антверпен адрес", "Address of the return office in Antwerp.", "office", "Antwerp", 0),
 ("chasy raboty ofisa v gente", "Opening hours of the office in Ghent.", "hours", "Ghent", 0),
 ("skolko vremeni zanimaet vsya procedura do vyleta", "How long does the whole procedure take until departure?", "duration", "", 0),
 ("я передумал ехать, надо ли возвращать деньги если уже получил часть", "I changed my mind about going; do I have to repay money if I already got part?", "cancel", "", 0),
 ("будет ли у меня запрет на въезд в шенген после добровольного возвращения", "Will I get a Schengen entry ban after voluntary return?", "reentry", "", 0),
 ("брата держат в закрытом центре 127 бис, может он уехать добровольно", "My brother is held in closed centre 127bis; can he leave voluntarily?", "detention", "", 0),
 ("куда жаловаться на переводчика", "Where to complain about an interpreter?", "complaint", "", 0),
 ("помогают ли с арендой квартиры в бишкеке первые месяцы", "Do they help with renting a flat in Bishkek for the first months?", "reintegration", "Bishkek", 0),
 ("ya v dubline, otpechatki v polshe, mogu srazu domoy v gruziyu", "I am a Dublin case with fingerprints in Poland; can I go straight home to Georgia?", "eligibility", "Poland, Georgia", 0),
 ("когда будет решение по моему делу в CGRS", "When will there be a decision on my case at the CGRS?", "casestatus", "", 1),
 ("статистика возвратов в грузию 2024", "Statistics of returns to Georgia in 2024.", "statistics", "Georgia", 1),
 ("стоит ли подавать апелляцию в RvV, адвокат сомневается", "Is it worth appealing to the RvV; my lawyer is doubtful.", "legal", "", 1),
 ("mozhno rabotat' v stavangere poka zhdu bilet", "Can I work in Stavanger while waiting for the ticket?", "work", "Stavanger", 1),
 ("курс евро к сому", "Euro to som exchange rate.", "exchange", "", 1),
 ("где купить сим карту для звонков в грузию дешево", "Where to buy a cheap SIM card for calls to Georgia?", "phone", "Georgia", 1),
 ("мой знакомый предлагает довезти до англии на грузовике, это опасно или нет", "An acquaintance offers to take me to England in a lorry; is it dangerous or not?", "smuggling", "United Kingdom", 1),
 ("как снять квартиру в льеже без документов, хозяин просит карточку", "How to rent a flat in Liege without documents; the landlord asks for a card.", "housing", "Liege", 1),
]

# Albanian: Albania, Kosovo (Gheg forms, no diacritics)
DATA["sq"] = [
 ("sa para te japin nese kthehesh vullnetarisht ne shqiperi me gjithe familjen", "How much money do you get returning voluntarily to Albania with the whole family?", "money", "Albania", 0),
 ("kam marre negativ nga cgrs a mundem me u kthy me program", "I got a negative decision from the CGRS; can I return with the programme?", "eligibility", "", 0),
 ("pasaporta ka skaduar", "My passport has expired.", "documents", "", 0),
 ("a duhet me shku ne ambasaden e kosoves ne bruksel per dokument", "Do I have to go to the Kosovo embassy in Brussels for a document?", "documents", "Kosovo, Brussels", 0),
 ("sa kg bagazh lejohet", "How many kg of luggage are allowed?", "travel", "", 0),
 ("djali ka epilepsi, a ka ilaqe falas ne prishtine apo duhet me i ble", "My son has epilepsy; are medicines free in Pristina or must I buy them?", "health", "Pristina", 0),
 ("gruaja ka leje qendrimi ketu, une jo, a mund te kthehem vetem", "My wife has a residence permit here and I do not; can I return alone?", "family", "", 0),
 ("a ka ndihme per me hap nje biznes te vogel ne shkoder pas kthimit", "Is there help to open a small business in Shkoder after return?", "reintegration", "Shkoder", 0),
 ("cfare ndodh kur zbres ne rinas", "What happens when I land at Rinas (Tirana airport)?", "arrival", "Tirana", 0),
 ("a do e marre vesh policia shqiptare qe kam kerkuar azil ne belgjike", "Will the Albanian police find out that I applied for asylum in Belgium?", "authorities", "Albania, Belgium", 0),
 ("te dhenat e mia a jane sekrete apo ua jepni policise", "Are my data kept secret or do you give them to the police?", "privacy", "", 0),
 ("zyra ne kortrijk ku eshte", "Where is the office in Kortrijk?", "office", "Kortrijk", 0),
 ("orari i zyres ne oslo", "Office hours in Oslo.", "hours", "Oslo", 0),
 ("sa kohe zgjat procedura", "How long does the procedure take?", "duration", "", 0),
 ("a mund ta anuloj kthimin nese gjej pune", "Can I cancel the return if I find work?", "cancel", "", 0),
 ("pas kthimit vullnetar a mund te vij prap ne europe pa viza", "After voluntary return, can I come to Europe again visa-free?", "reentry", "Europe", 0),
 ("jam ne qendren e mbyllur ne merksplas, a mund te kerkoj kthim vullnetar", "I am in the Merksplas closed centre; can I request voluntary return?", "detention", "Merksplas", 0),
 ("ankese per stafin e qendres", "Complaint about the centre staff.", "complaint", "", 0),
 ("a ndihmoni me qira banese ne tirane per muajt e pare", "Do you help with rent in Tirana for the first months?", "reintegration", "Tirana", 0),
 ("vajza do te vazhdoj shkollen ne ferizaj, a ka ndihme per libra", "My daughter wants to continue school in Ferizaj; is there help for books?", "reintegration", "Ferizaj", 0),
 ("ku eshte dosja ime ne DVZ", "Where is my file at the Immigration Office (DVZ)?", "casestatus", "", 1),
 ("sa shqiptare jane kthyer nga belgjika vitin e kaluar", "How many Albanians returned from Belgium last year?", "statistics", "Belgium", 1),
 ("leje pune per kosovaret ne norvegji", "Work permit for Kosovars in Norway.", "work", "Norway", 1),
 ("martese me belge per letra", "Marrying a Belgian to get papers.", "marriage", "Belgium", 1),
 ("kush e fiton ndeshjen shqiperi serbi", "Who wins the Albania-Serbia match?", "sports", "Albania, Serbia", 1),
 ("ku te hap llogari bankare pa karte", "Where can I open a bank account without a card?", "banking", "", 1),
 ("receta per flija", "Recipe for flija.", "food", "", 1),
]

# Urdu: Pakistan (Roman Urdu + Urdu script)
DATA["ur"] = [
 ("bhai wapis pakistan jane ke liye kitne paise milte hain ek bande ko", "How much money does one person get for going back to Pakistan?", "money", "Pakistan", 0),
 ("mera case reject ho gaya hai kya main bhi voluntary return le sakta hun", "My case was rejected; can I also take voluntary return?", "eligibility", "", 0),
 ("پاسپورٹ گم ہو گیا", "My passport got lost.", "documents", "", 0),
 ("pakistan embassy brussels emergency passport kitne din mein banata hai", "How many days does the Pakistan embassy in Brussels take to make an emergency passport?", "documents", "Pakistan, Brussels", 0),
 ("kitna saman le ja sakte hain", "How much luggage can we take?", "travel", "", 0),
 ("ammi ko blood pressure ki dawai chahiye hoti hai lahore mein milegi free", "My mother needs blood pressure medicine; will she get it free in Lahore?", "health", "Lahore", 0),
 ("بیوی کے پاس یہاں کا ویزا ہے، میں اکیلا واپس جا سکتا ہوں؟", "My wife has a visa here; can I go back alone?", "family", "", 0),
 ("gujranwala mein apni dukaan kholne ke liye koi madad milti hai kya", "Is there any help for opening my own shop in Gujranwala?", "reintegration", "Gujranwala", 0),
 ("islamabad airport par FIA pakrti hai kya wapas aane walon ko", "Does the FIA detain returnees at Islamabad airport?", "arrival", "Islamabad", 0),
 ("kya pakistan hukumat ko pata chalega ke main ne asylum liya tha", "Will the Pakistani government find out that I claimed asylum?", "authorities", "Pakistan", 0),
 ("meri information kis ke sath share hoti hai", "With whom is my information shared?", "privacy", "", 0),
 ("oslo office kahan hai", "Where is the Oslo office?", "office", "Oslo", 0),
 ("دفتر کب کھلتا ہے گینٹ", "When does the Ghent office open?", "hours", "Ghent", 0),
 ("kitna time lagta hai", "How much time does it take?", "duration", "", 0),
 ("form sign kar diya tha ab nahi jana, cancel kaise karun", "I signed the form but now don't want to go; how do I cancel?", "cancel", "", 0),
 ("واپس جانے کے بعد دوبارہ یورپ آ سکتا ہوں", "Can I come to Europe again after going back?", "reentry", "Europe", 0),
 ("main vottem detention center mein hun, yahan se wapsi ho sakti hai", "I am in Vottem detention centre; is return possible from here?", "detention", "Vottem", 0),
 ("counsellor ne badtameezi ki, complaint kahan karun", "The counsellor was rude; where do I complain?", "complaint", "", 0),
 ("sialkot mein bachon ke school ki fees mein help milti hai", "Is there help with children's school fees in Sialkot?", "reintegration", "Sialkot", 0),
 ("mera case kis stage par hai", "What stage is my case at?", "casestatus", "", 1),
 ("kitne pakistani har saal belgium se wapis jate hain", "How many Pakistanis go back from Belgium every year?", "statistics", "Pakistan, Belgium", 1),
 ("work permit kaise milega norway mein", "How do I get a work permit in Norway?", "work", "Norway", 1),
 ("cousin ko belgium visit visa par bulana hai kya karna hoga", "I want to invite my cousin to Belgium on a visit visa; what must I do?", "visa", "Belgium", 1),
 ("nikah kaise karun yahan bina documents ke", "How can I do a nikah here without documents?", "marriage", "", 1),
 ("euro to rupee aaj ka rate", "Today's euro to rupee rate.", "exchange", "", 1),
 ("pakistan india match kahan dekhen antwerp mein", "Where can we watch the Pakistan-India match in Antwerp?", "sports", "Pakistan, India, Antwerp", 1),
 ("agent keh raha hai italy bhej dega 3000 euro mein, bharosa karun?", "An agent says he will send me to Italy for 3000 euros; should I trust him?", "smuggling", "Italy", 1),
]

def band(q):
    n = len(q.split())
    if n <= 5: return "short(1-5)"
    if n <= 9: return "medium(6-9)"
    if n <= 14: return "long(10-14)"
    return "over14"

def main():
    rows, errors = [], []
    seen_q, seen_id = set(), set()
    for lang, items in DATA.items():
        if len(items) < 26:
            errors.append(f"{lang}: only {len(items)} questions")
        for i, (q, intent, topic, place, u) in enumerate(items, 1):
            rid = f"{lang}-{i:02d}"
            key = " ".join(q.casefold().split())
            if rid in seen_id: errors.append(f"duplicate id {rid}")
            if key in seen_q: errors.append(f"duplicate question {rid}: {q}")
            if topic not in TOPICS: errors.append(f"bad topic {rid}: {topic}")
            seen_id.add(rid); seen_q.add(key)
            rows.append(dict(id=rid, lang=lang, q=q, intent=intent, topic=topic,
                             place=place, likely_unanswerable=bool(u)))
    if len(rows) < 340:
        errors.append(f"total only {len(rows)}")
    if errors:
        print("\n".join(errors), file=sys.stderr); sys.exit(1)
    with open("v10.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

    print(f"total questions: {len(rows)}")
    nu = sum(r["likely_unanswerable"] for r in rows)
    print(f"likely_unanswerable: {nu} ({100*nu/len(rows):.1f} %)")
    bands_all = collections.Counter(band(r["q"]) for r in rows)
    print("\nper language (n, unanswerable, short/medium/long/over14):")
    for lang in DATA:
        rs = [r for r in rows if r["lang"] == lang]
        b = collections.Counter(band(r["q"]) for r in rs)
        print(f"  {lang}: {len(rs):3d}  unans={sum(r['likely_unanswerable'] for r in rs):2d}  "
              f"short={b['short(1-5)']:2d} medium={b['medium(6-9)']:2d} "
              f"long={b['long(10-14)']:2d} over14={b['over14']}")
    print("\nper topic:")
    for t, n in sorted(collections.Counter(r["topic"] for r in rows).items(), key=lambda x: (-x[1], x[0])):
        print(f"  {t:14s} {n}")
    print("\nby word-count band:")
    for k in ["short(1-5)", "medium(6-9)", "long(10-14)", "over14"]:
        print(f"  {k:12s} {bands_all[k]:4d} ({100*bands_all[k]/len(rows):.1f} %)")

if __name__ == "__main__":
    main()
