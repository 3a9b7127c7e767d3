"""Qoraallo TUSAALE ah oo Soomaali ah (turjumaadda en.py, qaab isku mid ah)."""

SAMPLE = "Nuxur tusaale ah oo bandhigga loogu talagalay: macluumaad dhab ah maaha."

COUNTRY_NAMES = {"AF": "Afgaanistaan", "IQ": "Ciraaq", "GE": "Joorjiya"}
AND = " iyo "

QUESTIONS = [
    "Ma heli karaa caawimaad aan dalkayga ugu laabto?",
    "Yaa bixiya tigidhka dalka loogu laabanayo?",
    "Ma jiraan lacag lagu bilaabo nolol cusub kadib laabashada?",
    "Weli racfaan ma ka qaadan karaa go'aankayga?",
    "Maxaa dhacaya haddii aanan bixin?",
    "Ma la hadli karaa qof anigoo aan magacayga sheegin?",
    "Ballan ma u baahanahay si aan la-talin u helo?",
    "Qoyskaygu ma ila laaban karaa?",
    "Maxaa dhacaya haddii aan xanuunsanahay oo aan daaweyn u baahdo?",
    "Sideen u helaa dukumentiyo aqoonsi oo cusub?",
    "Intee in le'eg ayay qaadataa diyaarinta laabashada?",
    "Ma beddeli karaa go'aankayga kadib markaan codsado?",
    "La-talintu ma bilaash baa?",
    "Mas'uuliyiinta dalkaygu ma ogaan doonaan?",
    "Alaabtayda ma qaadan karaa?",
    "Taageero noocee ah ayaa carruurta u jirta?",
    "Ma codsan karaa haddii kiiskayga magangalyadu weli furan yahay?",
    "Xagee ka heli karaa talo sharci?",
    "Ma jirtaa taageero loogu talagalay dhibbanayaasha ka ganacsiga dadka?",
    "Ma heli karaa caawimaad aan shaqo ku helo kadib laabashada?",
    "Ma heli karaa caawimaad hoy kadib laabashada?",
    "Sideen u caddeeyaa dhalashadayda?",
    "Maxaa dhacaya haddii baasaboorkaygu dhacay?",
    "Qof ma iga soo dhowayn karaa garoonka diyaaradaha?",
    "Ma u laaban karaa waddan aan kaygii ahayn?",
    "Turjubaanno ma jiraan?",
    "Maxay ka kooban tahay qorshaha dib-u-dhexgalku?",
    "Yaa hubiya in macluumaadkani sax yahay?",
    "Sideen uga cabanayaa adeeg?",
    "Xagee seexan karaa caawa?",
]

ANSWERS = [
    "Badanaa haa. Barnaamijyada laabashada la taageero waxay abaabuli karaan safarka oo ay "
    "bixin karaan kharashkiisa, waxay kaa caawin karaan helitaanka dukumentiyada safarka, "
    "mararka qaarkoodna way ku taageeraan markaad gaarto kadib. Tallaabada koowaad waa "
    "wadahadal aad la yeelato la-taliye laabasho oo jooga xarun adeeg: wuxuu eegayaa "
    "barnaamijka ku habboon dhalashadaada iyo xaaladdaada. Weydiinta macluumaad kuguma "
    "khasbayso inaad laabato.",
    "Haddii aad ku laabato barnaamij laabasho la taageero, badanaa barnaamijka ayaa ballansada "
    "oo bixiya tigidhka diyaaradda iyo gaadiidka garoonka; adigu ma bixiso. Haddii aad "
    "keligaa safarto, adiga ayaa bixinaya. La-taliyahaagu wuxuu kuu xaqiijinayaa waxa "
    "barnaamijkaagu daboolo intaadan go'aan gaarin.",
    "Barnaamijyada qaarkood waxay bixiyaan lacag yar marka aad ambabaxayso ama kadib markaad "
    "gaarto, qaar badanna waxay bixiyaan taageero dib-u-dhexgal oo alaab ah: tababar, qalab "
    "aad ku bilowdo ganacsi yar, ama caawimaad kiro ama kharash caafimaad. Waxa aad heli "
    "kartaa waxay ku xiran tahay barnaamijka, dhalashadaada iyo xaaladdaada, wayna is "
    "beddeshaa. Lacagaha bandhiggan ku jira waa lacago tusaale ah. Weydii la-taliye waxa "
    "adiga kugu khuseeya.",
    "Waxay ku xiran tahay go'aanka. Warqadda ayaa sheegaysa haddii racfaan suurtagal yahay "
    "iyo ilaa goorma. Waqtiyadu way gaaban karaan, ee warqadda (iyo baqshadda muujinaysa "
    "taariikhda aad heshay) sida ugu dhakhsaha badan u gee qareen ama adeeg gargaar sharci. "
    "La hadalka la-taliye laabasho kaama hor istaagayo inaad talo sharci hesho.",
    "Haddii lagu amray inaad dalka ka baxdo oo aad sii joogto, mas'uuliyiintu waxay bilaabi "
    "karaan celin qasab ah. Iyadoo ku xiran waddanka, tani waxay noqon kartaa is-soo-taag "
    "joogto ah, xarig iyo mamnuucid aad ku soo laabato dhowr sano. Waxa kale oo laga yaabaa "
    "inaad waayo taageerada barnaamijyada ikhtiyaariga ahi bixiyaan. Qareen ama la-taliye "
    "ayaa kuu sharxaya waxa kiiskaaga khuseeya iyo xulashooyinka weli kuu furan.",
    "Haa. Xarumaha adeegga ee ay ku qoran tahay “waxaad iman kartaa adigoon magacaaga "
    "sheegin” waxaad ku weydiin kartaa su'aalo guud adigoon magacaaga bixin. Adiga ayaa go'aan "
    "ka gaaraya waxaad sheegayso. Haddii aad hadhow codsato barnaamij, waa inaad bixisaa "
    "aqoonsigaaga si loo diyaariyo dukumentiyada safarka iyo tigidhka.",
    "Had iyo jeer maaha. Xarumaha qaarkood waxay leeyihiin saacado furan oo aad iman karto "
    "ballan la'aan; qaar kalena ballan ayay ku shaqeeyaan. Bogga xarun kasta wuxuu qorayaa "
    "“ballan looma baahna” haddii ay sidaas tahay. Haddii aadan hubin, dir iimayl ama kaalay "
    "saacadaha shaqada oo weydii.",
    "Haa, qoysku wuu wada laaban karaa. Xubin kasta oo qoyska ka mid ah ayaa codsiga lagu "
    "daraa, taageeradana waxaa loo bixin karaa qof kasta ama qoys kasta. Keen dukumentiyada "
    "aad qof walba u haysato: baasaboorro, kaarar aqoonsi, shahaadooyin dhalasho iyo guur. "
    "Dugsiga, caafimaadka iyo hoyga qoyska waa la qorsheyn karaa ka hor safarka.",
    "Goor hore u sheeg la-taliyahaaga. Barnaamijku wuxuu hubin karaa inaad safari karto, wuxuu "
    "diyaarin karaa qof ku wehliya ama kursi curyaan, wuxuu ku siin karaa daawo muddada "
    "hore, wuxuuna weydiin karaa shariig in daaweyntaadu jirto kadib laabashada. Keen "
    "warbixinnada caafimaadka iyo warqadaha daawada. Macluumaadka caafimaadka waxaa la wadaagaa "
    "oggolaanshahaaga kaliya, kaliya si loo abaabulo laabashadaada.",
    "La-taliyahaagu wuxuu kaa caawin karaa inaad la xiriirto safaaradda ama qunsuliyadda "
    "dalkaaga si aad u codsato baasaboor ama dukumenti safar hal jiho ah (oo badanaa loo "
    "yaqaan laissez-passer). Keen dukumenti kasta oo aad haysato, xitaa kuwa duugoobay, "
    "dhacay ama koobiyo: baasaboor, kaar aqoonsi, shahaadada dhalashada, sawirro "
    "dukumentiyo. Kadib laabashada, shariig maxalli ah ayaa kaa caawin kara beddelidda "
    "dukumentiyada diiwaanka madaniga ah.",
    "Badanaa dhowr toddobaad, laakiin way kala duwan tahay. Sugitaanka badankiisu waa "
    "dukumentiyada safarka ee safaaradda iyo ballansashada duullimaadka. Haddii baasaboorkaagu "
    "shaqaynayo way dhakhsan kartaa; haddii dukumenti cusub la soo saarayo, way dheeraan "
    "kartaa. La-taliyahaagu wuxuu ku siinayaa qiyaas kiiskaaga ah wuuna ku war gelinayaa.",
    "Haa. Laabashada barnaamijku waa ikhtiyaari, waxaadna ka noqon kartaa ilaa aad ka "
    "ambabaxdo. Sida ugu dhakhsaha badan u sheeg la-taliyahaaga si ballanta loo joojiyo. Ka "
    "noqoshadu ma beddesho xaaladdaada sharci: way sii ahaanaysaa sidii ay ahayd intaadan "
    "codsan.",
    "Haa. Bandhiggan, shabakadda la-talinta tusaalaha ah waxay bixisaa la-talin bilaash ah oo "
    "qarsoodi ah: la-taliyuhu uma gudbiyo waxaad sheegto oggolaanshahaaga la'aan. Kulanka "
    "koowaad wuxuu ku sharxaa xaaladaha dhif ah ee sharcigu ku waajibiyo inuu macluumaad "
    "wadaago.",
    "Si ay u soo saaraan dukumentiyo safar, safaaradda ama qunsuliyaddu waxay u baahan yihiin "
    "inay ogaadaan cidda aad tahay. Waxaad ka sheegtay habka magangalyada lama siiyo. Haddii aad "
    "ka baqayso mas'uuliyiinta dalkaaga, u sheeg la-taliyahaaga oo la hadal qareen ka hor inta "
    "aan codsi la dirin.",
    "Badanaa haa, xaddiga alaabta tigidhku oggol yahay: guud ahaan hal shandad oo la "
    "dhigto iyo alaab gacmeed. Alaab dheeraad ah badanaa barnaamijku ma bixiyo. Weydii "
    "la-taliyahaaga waxa tigidhkaagu oggol yahay, oo dukumentiyada iyo daawada ku hay alaabta "
    "gacanta.",
    "Qoysaska carruurta leh waxaa la siiyaa daryeel gaar ah: diiwaangelinta dugsiga kadib "
    "laabashada, baaritaan caafimaad iyo mararka qaarkood taageero dheeraad ah ilmo kasta. "
    "Ilmo aan waalidkiis la socon wuxuu laaban karaa kaliya haddii mas'uul sharci ahi ku "
    "lug leeyahay, laabashaduna ay dan u tahay ilmaha, daryeelka qoys ama hay'ad daryeelna "
    "la diyaariyo ka hor safarka.",
    "Waxaad weydiisan kartaa macluumaad goor kasta. Si aad dhab ahaan ula baxdo barnaamij, "
    "badanaa waa inaad la noqotaa codsigaaga magangalyada, taasina waxay soo afjaraysaa "
    "habkaaga. La hadal qareen intaadan waxba la noqon.",
    "Xarumaha adeegga ee bixiya gargaar sharci (eeg khariidadda iyo liiska xarumaha). Qareen "
    "ama la-taliye sharci ayaa dhinacaaga taagan, wuxuuna ka madax bannaan yahay la-talinta "
    "laabashada. Keen dhammaan warqadaha iyo go'aannada aad heshay. Gargaarka sharcigu wuxuu "
    "noqon karaa bilaash haddii dakhligaagu yar yahay ama aanu jirin.",
    "Haa. Haddii qof kugu qasbo shaqo, uu hayo dukumentiyadaada ama lacagtaada, ama uu ku "
    "hanjabo adiga ama qoyskaaga, u sheeg la-taliye ama adeeg taageero oo takhasus leh. "
    "Waxaad heli kartaa ilaalin iyo taageero, ka hor laabasho kastana waa la qiimeeyaa "
    "khatarta waxaana la diyaariyaa safar iyo soo dhowayn ammaan ah. Tan waxaa lagu samayn "
    "karaa si qarsoodi ah.",
    "Badanaa haa. Taageerada dib-u-dhexgalku waxay ka koobnaan kartaa hanuunin shaqo, tababar "
    "xirfadeed, u gudbin adeegyada shaqo-raadinta ama qalab lagu bilaabo ganacsi yar oo ku "
    "salaysan qorshe fudud. Kala hadal la-taliyahaaga xirfadahaaga iyo qorshayaashaada "
    "intaadan bixin, si shariig dalkaaga jooga u diyaar garoobo.",
    "Mararka qaarkood. Barnaamijyada qaarkood waxay bixiyaan hoy ku meel gaar ah markaad "
    "gaarto ama qayb ka mid ah kirada bilaha hore, badanaa si toos ah loogu bixiyo mulkiilaha. "
    "Dadka badankiisu marka hore waxay la degaan qoys ama saaxiibo. Goor hore u sheeg "
    "la-taliyahaaga haddii aadan meel aad degto lahayn.",
    "Waxa ugu fiican waa baasaboor ama kaar aqoonsi qaran, xitaa haddii uu dhacay. Haddii kale, "
    "shahaado dhalasho, diiwaanka qoyska, liisanka darawalnimada, waraaqo ciidan ama dugsi, ama "
    "koobiyo iyo sawirro kuwaas ah ayaa caawiya. Haddii aadan waxba haysan, safaaraddu waxay "
    "kula yeelan kartaa wareysi ama eegi kartaa diiwaannada; la-taliyahaaga ayaa kaa caawinaya "
    "diyaarinta. Tani badanaa waqti dheer ayay qaadataa.",
    "Baasaboor dhacay xitaa wuu caawiyaa caddaynta cidda aad tahay. La-taliyahaagu wuxuu kaa "
    "caawin karaa inaad safaaraddaada ama qunsuliyaddaada ka codsato baasaboor cusub ama "
    "dukumenti safar hal jiho ah (laissez-passer). Keen baasaboorka hore iyo sawirro "
    "baasaboor. Haddii baasaboorkaagu lumay ama la xaday, u sheeg la-taliyahaaga; waxaa "
    "laga yaabaa in loo baahdo warbixin booliis oo lumis ah.",
    "Badanaa haa. Barnaamijyo badan ayaa caawimaad ka bixiya garoonka laga ambabaxayo iyo, iyagoo "
    "adeegsanaya hay'ad shariig ah, marka la gaaro: qof ayaa ku soo dhoweeya, kaa caawiya "
    "safarka intiisa kale ama kuu geeya hoy ku meel gaar ah. Waa in tan la codsadaa ka hor "
    "safarka, ee weydii la-taliyahaaga.",
    "Badanaa barnaamijyadu waxay kaa caawiyaan inaad ku laabato waddanka aad dhalashadiisa "
    "leedahay. Ku laabashada waddan kale waa suurtagal kaliya haddii aad xaq u leedahay inaad "
    "halkaas ku noolaato, tusaale ahaan sharci deganaansho oo shaqaynaya, oo aad si sharci ah "
    "u geli karto. Weydii la-taliyahaaga inuu hubiyo xaaladdaada.",
    "Haa. La-talinta waxaa lagu bixin karaa turjubaan, fool-ka-fool ama telefoon, adiga oo "
    "aan waxba bixin. Turjubaannadu waxay ku waajib yihiin sir-hayn. Sheeg luqadda aad u "
    "baahan tahay markaad ugu horraysa la xiriirto; bogga xarun kasta wuxuu taxayaa luqadaha "
    "lagaga hadlo.",
    "Qorshaha dib-u-dhexgalka waxaa laguula sameeyaa, ka hor ama kadib laabashada. Wuxuu "
    "qeexayaa xaaladdaada iyo baahiyahaaga, yoolalkaaga (shaqo, tababar, ganacsi yar, hoy, "
    "caafimaad, dugsi), taageerada aad helayso oo badankeedu alaab tahay, cidda bixinaysa, "
    "goorta, iyo sida la-socodka loo samaynayo. Waa ikhtiyaari waana la beddeli karaa.",
    "Bog kasta wuxuu leeyahay hay'ad mas'uul ka ah. Boggagu waxay muujiyaan goorta ugu "
    "dambaysay ee la hubiyay, wayna ku digayaan haddii ay duugoobeen; bogagga waddamadu waxay "
    "qayb kasta u sheegaan ilaheeda. Boggaga bandhiggan waa nuxur tusaale ah lamana hubin.",
    "Marka hore u sheeg adeegga laftiisa oo codso inaad la hadasho mas'uul; hay'ad kasta waa "
    "inay leedahay hab cabasho. Waxa kale oo aad caawimaad ka codsan kartaa adeeg gargaar "
    "sharci ama hay'ad cabashooyinka oo madax bannaan. Cabashadu saamayn kuma yeelato xaqaaga "
    "taageerada.",
    "Khariidadda ka raadi xarumaha adeegga ee bixiya hoy; bandhiggan waxaa ku jira hal xarun "
    "tusaale ah oo bixisa. Adeegyada ballan la'aanta ah waxay kuu gudbin karaan hoy degdeg ah. "
    "Haddii aad khatar ku jirto, wac lambarka degdegga ee waddanka aad joogto.",
]
