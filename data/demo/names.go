package demo

// Name pools, one per naming tradition. They are synthetic combinations of
// common given and family names; rare surnames of well-known public figures
// are left out on purpose so that no generated delegate looks like a real
// person. delegations.go says which traditions each country draws on.
var traditions = map[string]*tradition{
	// Europe, west and north.
	"english": {
		build: buildWestern, secondGiven: 0.15,
		male:   []string{"James", "John", "Robert", "Michael", "David", "William", "Richard", "Thomas", "Christopher", "Daniel", "Matthew", "Andrew", "Mark", "Paul", "Steven", "Kevin", "Brian", "Gary", "Timothy", "Jonathan", "Simon", "Peter", "Graham", "Neil", "Ian", "Stuart", "Gareth", "Alistair", "Duncan", "Craig"},
		female: []string{"Sarah", "Emma", "Jennifer", "Elizabeth", "Susan", "Karen", "Helen", "Rachel", "Claire", "Fiona", "Joanne", "Catherine", "Rebecca", "Laura", "Louise", "Michelle", "Amanda", "Nicola", "Deborah", "Julia", "Margaret", "Alison"},
		family: []string{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Harris", "Clarke", "Jackson", "Turner", "Hill", "Cooper", "Ward", "Morgan", "Mitchell", "Parker", "Bennett", "Hughes", "Campbell", "MacDonald", "McKenzie", "Sullivan", "Fletcher", "Armstrong", "Whitaker", "Pritchard", "Holloway", "Ashworth"},
	},
	"irish": {
		build: buildWestern, secondGiven: 0.1,
		male:   []string{"Seán", "Pádraig", "Ciarán", "Conor", "Cathal", "Dónal", "Eoin", "Niall", "Diarmuid", "Colm", "Declan", "Brendan", "Fergal", "Tadhg", "Cian"},
		female: []string{"Siobhán", "Aoife", "Niamh", "Róisín", "Gráinne", "Orla", "Sinéad", "Caoimhe", "Máire", "Deirdre", "Clodagh", "Aisling"},
		family: []string{"O'Brien", "O'Connor", "Murphy", "Kelly", "Byrne", "Ryan", "Walsh", "O'Sullivan", "McCarthy", "Doyle", "Fitzgerald", "Gallagher", "Brennan", "Kavanagh", "O'Reilly", "O'Donnell", "Nolan", "Quinn", "Ó Ceallaigh", "Mac Giolla"},
	},
	"french": {
		build: buildWestern, secondGiven: 0.05,
		male:   []string{"Jean-Pierre", "François", "Frédéric", "Stéphane", "Jérôme", "Benoît", "Sébastien", "Olivier", "Thierry", "Laurent", "Philippe", "Pascal", "Nicolas", "Éric", "Hervé", "Gérard", "Rémi", "Mathieu", "Christophe", "Jean-Marc", "Yannick", "Grégoire"},
		female: []string{"Hélène", "Céline", "Isabelle", "Sophie", "Nathalie", "Valérie", "Sandrine", "Aurélie", "Émilie", "Anaïs", "Béatrice", "Marie-Claire", "Françoise", "Élodie", "Géraldine", "Camille", "Agnès", "Mélanie"},
		family: []string{"Lefèvre", "Moreau", "Dubois", "Girard", "Lemaître", "Mercier", "Fournier", "Rousseau", "Chevalier", "Faure", "Gauthier", "Perrin", "Bérard", "Lefebvre", "Roux", "Morel", "Fontaine", "Brunet", "Léger", "Garnier", "Barbier", "Aubert", "Caron", "Dupré", "Lacroix", "Mallet", "Rivière", "Sénéchal", "Delacroix", "Vasseur", "Hoareau", "Payet"},
	},
	"german": {
		build: buildWestern, secondGiven: 0.1,
		male:   []string{"Jürgen", "Jörg", "Günter", "Uwe", "Ralf", "Matthias", "Andreas", "Stefan", "Markus", "Dirk", "Holger", "Torsten", "Björn", "Sören", "Klaus", "Hans-Peter", "Karl-Heinz", "Bernd", "Frank", "Wolfgang", "Florian", "Tobias"},
		female: []string{"Sabine", "Birgit", "Anke", "Dörte", "Käthe", "Ursula", "Petra", "Susanne", "Claudia", "Kerstin", "Heike", "Silke", "Katrin", "Jutta", "Annegret", "Bärbel", "Christiane", "Franziska"},
		family: []string{"Müller", "Schröder", "Köhler", "Krüger", "Weiß", "Schäfer", "Hoffmann", "Schmidt", "Fischer", "Wagner", "Becker", "Schulz", "Zimmermann", "Hübner", "Jäger", "Böhm", "Möller", "Günther", "Groß", "Vogel", "Lehmann", "Braun", "Hartmann", "Lorenz", "Kühn", "Pfeiffer", "Dietrich", "Fuchs", "Schütz", "Löffler", "Reuter", "Thill"},
	},
	"dutch": {
		build: buildWestern, secondGiven: 0.1,
		male:   []string{"Jan", "Pieter", "Joost", "Maarten", "Wouter", "Sjoerd", "Bart", "Joris", "Henk", "Erik", "Ruud", "Gijs", "Thijs", "Arjen", "Marco", "Dennis", "Rob"},
		female: []string{"Sanne", "Femke", "Inge", "Mieke", "Marieke", "Anouk", "Annelies", "Esther", "Ingrid", "Lotte", "Marloes", "Yvonne", "Saskia", "Floor"},
		family: []string{"de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "de Jong", "van der Meer", "Smit", "Meijer", "Mulder", "Dekker", "de Boer", "Vermeulen", "Peeters", "Maes", "De Smet", "Claes", "Willems", "van Leeuwen", "Hendriks", "Kuipers", "van der Linden", "Brouwer", "de Graaf", "Verhoeven", "Jacobs"},
	},
	"italian": {
		build: buildWestern, secondGiven: 0.1,
		male:   []string{"Giuseppe", "Giovanni", "Alessandro", "Niccolò", "Marco", "Francesco", "Andrea", "Luca", "Stefano", "Roberto", "Massimo", "Paolo", "Salvatore", "Vincenzo", "Antonio", "Gianluca", "Fabrizio", "Maurizio", "Raffaele", "Domenico"},
		female: []string{"Lucia", "Francesca", "Chiara", "Giulia", "Alessandra", "Federica", "Valentina", "Paola", "Silvia", "Elena", "Rosaria", "Antonella", "Daniela", "Simona", "Raffaella"},
		family: []string{"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "De Luca", "D'Angelo", "Lo Bianco", "Dell'Acqua", "Fabbri", "Galli", "Conti", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Caruso", "Ferrara", "Pellegrino", "Di Stefano", "La Rocca", "Carità"},
	},
	"maltese": {
		build: buildWestern, secondGiven: 0.1,
		male:   []string{"Joseph", "Mario", "Carmelo", "Anthony", "Charles", "Godfrey", "Emanuel", "Kevin", "Pierre", "Ġorġ", "Ġużeppi", "Mark"},
		female: []string{"Josette", "Maria", "Doris", "Carmen", "Rita", "Antoinette", "Marija", "Graziella", "Ċettina", "Roberta"},
		family: []string{"Borg", "Camilleri", "Vella", "Farrugia", "Zammit", "Galea", "Micallef", "Grech", "Cassar", "Attard", "Mifsud", "Xuereb", "Caruana", "Azzopardi", "Sammut", "Abela", "Spiteri", "Debono", "Fenech", "Saliba", "Cutajar", "Bonello"},
	},
	"spanish": {
		build: buildWestern, secondGiven: 0.1, secondFamily: 0.92,
		male:   spanishMale,
		female: spanishFemale,
		family: spanishFamily,
	},
	"andean": {
		build: buildWestern, secondGiven: 0.1, secondFamily: 0.9,
		male:   append([]string{"Wilfredo", "Edwin", "Nelson", "Freddy", "Germán"}, spanishMale...),
		female: append([]string{"Rosario", "Teresa", "Marleny", "Yola"}, spanishFemale...),
		family: []string{"Mamani", "Quispe", "Condori", "Huanca", "Choque", "Apaza", "Ticona", "Chambi", "Huamán", "Yupanqui", "Colque", "Layme", "Flores", "Vargas", "Rojas", "Gutiérrez", "Vásquez", "Cárdenas", "Salazar", "Paredes"},
	},
	"catalan": {
		build: buildWestern, secondGiven: 0.05, secondFamily: 0.8,
		male:   []string{"Jordi", "Josep", "Pere", "Xavier", "Martí", "Joan", "Jaume", "Oriol", "Pau", "Arnau", "Lluís", "Marc"},
		female: []string{"Núria", "Montserrat", "Mercè", "Laia", "Roser", "Meritxell", "Anna", "Carme", "Glòria", "Àngels"},
		family: []string{"Puig", "Vilà", "Ferrer", "Soler", "Serra", "Casals", "Font", "Pujol", "Roig", "Vidal", "Bosch", "Riera", "Mas", "Sala", "Prat", "Coll", "Canals", "Camps", "Torrent"},
	},
	"portuguese": {
		build: buildWestern, secondGiven: 0.25, secondFamily: 0.8,
		male:   []string{"João", "José", "António", "Luís", "Sérgio", "Gonçalo", "Rui", "Nuno", "Pedro", "Tiago", "Miguel", "Paulo", "Fernando", "Hélder", "Joaquim", "Vítor", "Ricardo", "Carlos", "Duarte"},
		female: []string{"Luísa", "Inês", "Vânia", "Ana", "Maria João", "Sónia", "Cláudia", "Teresa", "Filipa", "Mariana", "Graça", "Fátima", "Helena", "Raquel", "Maria da Conceição"},
		family: []string{"Gonçalves", "Magalhães", "Araújo", "Simões", "Brandão", "Falcão", "Guimarães", "Rodrigues", "Pereira", "Ferreira", "Lopes", "dos Santos", "da Silva", "de Sousa", "Carvalho", "Marques", "Ribeiro", "Fonseca", "Teixeira", "Mendes", "Nunes", "Correia", "Azevedo", "Cardoso", "Pinto", "Barbosa", "Sá", "Leitão", "Coelho", "Lourenço", "Antunes", "Tavares"},
	},
	"brazilian": {
		build: buildWestern, secondGiven: 0.15, secondFamily: 0.6,
		male:   []string{"João Paulo", "Luiz Carlos", "Thiago", "Rogério", "Márcio", "Fábio", "André", "Rodrigo", "Marcelo", "Flávio", "Júlio", "Cássio", "Leandro", "Anderson", "Wellington", "Sebastião", "Alexandre", "Gustavo", "Renato"},
		female: []string{"Cláudia", "Fabiana", "Letícia", "Patrícia", "Juliana", "Luciana", "Daniela", "Renata", "Márcia", "Simone", "Adriana", "Priscila", "Tânia", "Débora", "Lúcia", "Vanessa"},
		family: []string{"Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Ferreira", "Costa", "Rodrigues", "Almeida", "Nascimento", "Araújo", "Carvalho", "Gomes", "Martins", "Rocha", "Ribeiro", "Alves", "Monteiro", "Barros", "Freitas", "Cavalcanti", "Magalhães", "Conceição", "Assunção", "Figueiredo", "Guimarães", "Brandão", "Sampaio", "Peixoto"},
	},
	"greek": {
		build: buildWestern, feminine: feminineGreek,
		male:   []string{"Georgios", "Dimitrios", "Konstantinos", "Ioannis", "Nikolaos", "Panagiotis", "Vasileios", "Christos", "Athanasios", "Evangelos", "Spyridon", "Theodoros", "Michail", "Stavros", "Andreas"},
		female: []string{"Maria", "Eleni", "Aikaterini", "Sofia", "Vasiliki", "Georgia", "Anastasia", "Despoina", "Eirini", "Paraskevi", "Chrysoula", "Theodora"},
		family: []string{"Papadopoulos", "Georgiadis", "Nikolaidis", "Papadakis", "Oikonomou", "Vlachos", "Dimitriou", "Angelopoulos", "Konstantinidis", "Karagiannis", "Christodoulou", "Mavridis", "Stavrou", "Panagiotopoulos", "Alexiou", "Kyriakou", "Antoniou", "Ioannou", "Makris", "Kontos", "Papanikolaou", "Theodorou", "Zervas", "Pappas"},
	},
	"norwegian": {
		build: buildWestern, secondGiven: 0.1,
		male:   []string{"Øyvind", "Ørjan", "Håkon", "Bjørn", "Lars", "Knut", "Terje", "Morten", "Espen", "Stian", "Geir", "Tor Arne", "Jon Egil", "Sverre", "Eirik", "Sindre", "Trond", "Halvard"},
		female: []string{"Åse", "Solveig", "Ingrid", "Kari", "Ragnhild", "Marit", "Siri", "Tone", "Hege", "Gro", "Bente", "Liv", "Silje", "Randi", "Torill"},
		family: []string{"Haugen", "Bakke", "Løvås", "Sætre", "Strøm", "Dahl", "Johansen", "Hansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Karlsen", "Eriksen", "Berg", "Haugland", "Lie", "Nygård", "Bråten", "Myhre", "Aasen", "Moen", "Fjeld", "Østby", "Ødegård", "Rønning", "Hagen", "Lunde"},
	},
	"swedish": {
		build: buildWestern, secondGiven: 0.1,
		male:   []string{"Björn", "Måns", "Anders", "Lars", "Mats", "Stefan", "Fredrik", "Johan", "Magnus", "Per", "Göran", "Håkan", "Jörgen", "Ulf", "Olof", "Mikael", "Pär", "Kjell"},
		female: []string{"Åsa", "Ingrid", "Karin", "Birgitta", "Eva", "Annika", "Malin", "Sofia", "Ulrika", "Katarina", "Linnéa", "Märta", "Lena", "Elisabet", "Agneta", "Gunilla"},
		family: []string{"Lindström", "Åberg", "Sjöberg", "Nyström", "Öberg", "Johansson", "Andersson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Hansson", "Bengtsson", "Lindqvist", "Lundgren", "Bergström", "Sandberg", "Forsberg", "Holmström", "Ekström", "Hellström", "Löfgren", "Sundqvist", "Wallin"},
	},
	"danish": {
		build: buildWestern, secondGiven: 0.1,
		male:   []string{"Søren", "Jørgen", "Mads", "Rasmus", "Henrik", "Jesper", "Morten", "Anders", "Kasper", "Niels", "Thomas", "Bent", "Ole", "Jens", "Steen", "Torben", "Bjarne", "Poul"},
		female: []string{"Mette", "Pernille", "Lene", "Hanne", "Susanne", "Birgitte", "Kirsten", "Trine", "Charlotte", "Helle", "Dorte", "Gitte", "Sidsel", "Tove"},
		family: []string{"Sørensen", "Jørgensen", "Møller", "Kjær", "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Rasmussen", "Petersen", "Madsen", "Kristensen", "Thomsen", "Poulsen", "Knudsen", "Mortensen", "Lund", "Holm", "Bech", "Dalgaard", "Østergaard", "Vestergaard", "Søndergaard", "Skovgaard", "Nørgaard", "Bøgh"},
	},
	"finnish": {
		build: buildWestern, secondGiven: 0.1,
		male:   []string{"Jukka", "Matti", "Mikko", "Timo", "Kari", "Pekka", "Jari", "Antti", "Juha", "Markku", "Sami", "Petri", "Janne", "Heikki", "Tapio", "Jyrki", "Ville", "Ilkka"},
		female: []string{"Päivi", "Sirpa", "Tiina", "Anne", "Marja", "Leena", "Riitta", "Satu", "Kaisa", "Minna", "Sari", "Hanna", "Jaana", "Pirjo", "Tuula", "Elina", "Mervi"},
		family: []string{"Mäkinen", "Virtanen", "Hämäläinen", "Järvinen", "Heikkinen", "Korhonen", "Nieminen", "Mäkelä", "Koskinen", "Laine", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Laitinen", "Tuominen", "Rantanen", "Karjalainen", "Jokinen", "Mattila", "Savolainen", "Kärkkäinen", "Räsänen", "Väisänen"},
	},
	"icelandic": {
		build: buildIcelandic, secondGiven: 0.15,
		male:   []string{"Jón", "Guðmundur", "Sigurður", "Gunnar", "Ólafur", "Einar", "Kristján", "Magnús", "Stefán", "Helgi", "Björn", "Árni", "Þórður", "Haraldur", "Ragnar", "Halldór", "Páll", "Bjarni"},
		female: []string{"Guðrún", "Anna", "Sigríður", "Kristín", "Margrét", "Helga", "Sigrún", "Ingibjörg", "Jóhanna", "Katrín", "Ragnheiður", "Þórunn", "Ásdís", "Hildur", "Elín", "Hrafnhildur"},
		// Genitive stems of fathers' names: "Jóns" + "son" or "dóttir".
		family: []string{"Jóns", "Guðmunds", "Sigurðs", "Gunnars", "Ólafs", "Einars", "Kristjáns", "Magnús", "Stefáns", "Helga", "Björns", "Árna", "Þórðar", "Haralds", "Ragnars", "Halldórs", "Páls", "Bjarna"},
	},

	// Europe, centre, east and south-east.
	"polish": {
		build: buildWestern, secondGiven: 0.05, feminine: feminineSlavicAdj,
		male:   []string{"Łukasz", "Piotr", "Krzysztof", "Tomasz", "Paweł", "Marcin", "Michał", "Grzegorz", "Jarosław", "Wojciech", "Andrzej", "Rafał", "Przemysław", "Zbigniew", "Mariusz", "Sławomir", "Bartłomiej", "Dariusz", "Jacek", "Maciej"},
		female: []string{"Agnieszka", "Małgorzata", "Katarzyna", "Joanna", "Magdalena", "Monika", "Beata", "Dorota", "Elżbieta", "Iwona", "Justyna", "Bożena", "Grażyna", "Anna", "Ewa", "Renata", "Urszula"},
		family: []string{"Wójcik", "Nowak", "Kowalski", "Wiśniewski", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Pawłowski", "Michalski", "Zając", "Król", "Wieczorek", "Jabłoński", "Majewski", "Olszewski", "Stępień", "Malinowski", "Jaworski", "Górski", "Sikora", "Zawadzki", "Rutkowski"},
	},
	"czech": {
		build: buildWestern, feminine: feminineCzech,
		male:   []string{"Jiří", "Jan", "Petr", "Josef", "Pavel", "Martin", "Tomáš", "Jaroslav", "Miroslav", "Zdeněk", "Václav", "Michal", "Lukáš", "Ondřej", "Radek", "Vojtěch", "Ľubomír", "Marek", "Juraj", "Peter"},
		female: []string{"Jana", "Eva", "Hana", "Lenka", "Kateřina", "Lucie", "Věra", "Alena", "Petra", "Zuzana", "Markéta", "Martina", "Ľudmila", "Jarmila", "Soňa"},
		family: []string{"Dvořák", "Novák", "Svoboda", "Novotný", "Černý", "Procházka", "Kučera", "Veselý", "Horák", "Němec", "Marek", "Pokorný", "Hájek", "Král", "Jelínek", "Růžička", "Beneš", "Fiala", "Sedláček", "Doležal", "Kolář", "Krejčí", "Navrátil", "Čermák", "Urban", "Blažek", "Kříž", "Kováč", "Baláž", "Hudák", "Šimko"},
	},
	"hungarian": {
		build:  buildFamilyFirst,
		male:   []string{"László", "István", "József", "Zoltán", "Sándor", "Gábor", "Ferenc", "Attila", "Péter", "Tamás", "Csaba", "Balázs", "Gyula", "Imre", "Lajos", "Miklós", "Zsolt", "Tibor", "Ákos", "Géza"},
		female: []string{"Erzsébet", "Katalin", "Éva", "Zsuzsanna", "Ildikó", "Krisztina", "Judit", "Ágnes", "Andrea", "Mónika", "Anikó", "Edit", "Tímea", "Noémi", "Réka", "Orsolya"},
		family: []string{"Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh", "Farkas", "Balogh", "Papp", "Takács", "Juhász", "Lakatos", "Mészáros", "Oláh", "Simon", "Rácz", "Fekete", "Szilágyi", "Török", "Fehér", "Gál", "Szűcs", "Hegedűs", "Pintér", "Vörös"},
	},
	"romanian": {
		build: buildWestern, secondGiven: 0.15,
		male:   []string{"Ion", "Gheorghe", "Ștefan", "Mihai", "Andrei", "Constantin", "Dumitru", "Vasile", "Florin", "Cătălin", "Bogdan", "Răzvan", "Sorin", "Adrian", "Marian", "Ionuț", "Cristian", "Dănuț"},
		female: []string{"Ioana", "Mihaela", "Roxana", "Elena", "Andreea", "Cristina", "Gabriela", "Alina", "Simona", "Mădălina", "Raluca", "Oana", "Irina", "Ramona"},
		family: []string{"Popescu", "Ionescu", "Stănescu", "Dumitrescu", "Munteanu", "Rădulescu", "Țurcanu", "Ciobanu", "Constantinescu", "Lungu", "Popa", "Stan", "Dinu", "Nistor", "Moldovan", "Mureșan", "Bălan", "Sârbu", "Ursu", "Rusu", "Toma", "Cozma", "Oprea", "Lupu", "Matei", "Cebotari"},
	},
	"southslavic": { // Serbian, Croatian, Bosnian, Montenegrin
		build:  buildWestern,
		male:   []string{"Dragan", "Željko", "Goran", "Zoran", "Milan", "Nenad", "Saša", "Dejan", "Marko", "Ivan", "Miroslav", "Darko", "Branislav", "Predrag", "Tomislav", "Damir", "Emir", "Adnan", "Mirza", "Dušan"},
		female: []string{"Jelena", "Snežana", "Ivana", "Marija", "Gordana", "Vesna", "Dragana", "Ljiljana", "Biljana", "Maja", "Tatjana", "Amra", "Lejla", "Željka"},
		family: []string{"Marković", "Petrović", "Jovanović", "Đorđević", "Kovačević", "Nikolić", "Ilić", "Pavlović", "Stojanović", "Horvat", "Babić", "Knežević", "Popović", "Radić", "Hadžić", "Hodžić", "Begović", "Perić", "Šarić", "Vuković", "Jurić", "Tomić", "Božić", "Lukić", "Mitrović", "Đukić"},
	},
	"slovene": {
		build:  buildWestern,
		male:   []string{"Janez", "Matej", "Boštjan", "Aleš", "Rok", "Uroš", "Primož", "Gregor", "Tomaž", "Andrej", "Jože", "Blaž", "Luka", "Gašper"},
		female: []string{"Mojca", "Petra", "Nataša", "Špela", "Urška", "Maja", "Mateja", "Tjaša", "Barbara", "Katja", "Polona", "Nina"},
		family: []string{"Novak", "Horvat", "Kovačič", "Krajnc", "Zupančič", "Potočnik", "Mlakar", "Vidmar", "Kos", "Golob", "Turk", "Kralj", "Žagar", "Božič", "Zupan", "Bizjak", "Hribar", "Kavčič", "Rozman", "Jerman"},
	},
	"macedonian": {
		build: buildWestern, feminine: feminineSlavicAdj,
		male:   []string{"Goran", "Zoran", "Dragan", "Nikola", "Aleksandar", "Vladimir", "Igor", "Dejan", "Toni", "Blagoja", "Zlatko", "Ljupčo", "Gjorgji"},
		female: []string{"Biljana", "Vesna", "Marija", "Elena", "Katerina", "Sanja", "Jasmina", "Ljubica", "Aneta", "Snežana"},
		family: []string{"Stojanovski", "Nikolovski", "Trajkovski", "Petrovski", "Dimitrovski", "Angelovski", "Georgievski", "Kostovski", "Ristovski", "Jovanovski", "Nikolov", "Mitrev", "Stojanov", "Todorov", "Velkov", "Janev"},
	},
	"bulgarian": {
		build: buildWestern, feminine: feminineSlavicAdj, patronymic: 0.4,
		male:        []string{"Georgi", "Dimitar", "Ivan", "Nikolay", "Petar", "Hristo", "Stoyan", "Todor", "Krasimir", "Plamen", "Valentin", "Tsvetan", "Lyubomir", "Emil"},
		female:      []string{"Maria", "Elena", "Ivanka", "Desislava", "Tsvetelina", "Milena", "Rositsa", "Gergana", "Silviya", "Yordanka", "Radka"},
		family:      []string{"Georgiev", "Dimitrov", "Ivanov", "Petrov", "Stoyanov", "Todorov", "Nikolov", "Hristov", "Angelov", "Kolev", "Iliev", "Atanasov", "Marinov", "Vasilev", "Petkov", "Yordanov", "Kostadinov", "Tsvetkov"},
		patronymicM: []string{"Georgiev", "Dimitrov", "Ivanov", "Petrov", "Stoyanov", "Hristov"},
		patronymicF: []string{"Georgieva", "Dimitrova", "Ivanova", "Petrova", "Stoyanova", "Hristova"},
	},
	"albanian": {
		build:  buildWestern,
		male:   []string{"Arben", "Besnik", "Ilir", "Edmond", "Gëzim", "Agron", "Fatmir", "Artan", "Bujar", "Dritan", "Ervin", "Genc", "Sokol", "Altin"},
		female: []string{"Blerina", "Elira", "Mimoza", "Drita", "Entela", "Valbona", "Jonida", "Lindita", "Arta", "Anila", "Fjolla"},
		family: []string{"Gashi", "Krasniqi", "Çela", "Dervishi", "Gjoka", "Kola", "Marku", "Prifti", "Dushku", "Leka", "Lleshi", "Mema", "Bajrami", "Hasani", "Selimi", "Zeqiri", "Qosja", "Dibra", "Këlliçi"},
	},
	"lithuanian": {
		build: buildWestern, feminine: feminineLithuanian,
		male:   []string{"Tomas", "Mindaugas", "Darius", "Andrius", "Vytautas", "Giedrius", "Rimantas", "Saulius", "Algirdas", "Linas", "Artūras", "Gintaras", "Žydrūnas", "Arūnas", "Kęstutis"},
		female: []string{"Rūta", "Jūratė", "Aušra", "Rasa", "Dalia", "Vilma", "Eglė", "Ingrida", "Laima", "Gintarė", "Asta", "Živilė", "Neringa"},
		family: []string{"Kazlauskas", "Jankauskas", "Petrauskas", "Stankevičius", "Žukauskas", "Paulauskas", "Urbonas", "Kavaliauskas", "Butkus", "Vasiliauskas", "Navickas", "Ramanauskas", "Savickas", "Rimkus", "Baranauskas", "Kairys", "Mockus", "Šimkus", "Vaitkus", "Jonaitis", "Žilinskas"},
	},
	"latvian": {
		build: buildWestern, feminine: feminineLatvian,
		male:   []string{"Jānis", "Andris", "Māris", "Edgars", "Guntis", "Aivars", "Kārlis", "Raimonds", "Ivars", "Valdis", "Uldis", "Artūrs", "Gints", "Ēriks"},
		female: []string{"Inese", "Ilze", "Līga", "Dace", "Kristīne", "Sandra", "Laura", "Baiba", "Zane", "Anda", "Ieva", "Ināra", "Gunta", "Dzintra"},
		family: []string{"Bērziņš", "Kalniņš", "Ozols", "Liepiņš", "Krūmiņš", "Jansons", "Zariņš", "Vītols", "Kļaviņš", "Balodis", "Ozoliņš", "Pētersons", "Eglītis", "Vanags", "Siliņš", "Lācis", "Kārkliņš", "Grīnbergs", "Avotiņš", "Freimanis"},
	},
	"estonian": {
		build:  buildWestern,
		male:   []string{"Jüri", "Tõnu", "Mart", "Priit", "Tiit", "Peeter", "Margus", "Andres", "Urmas", "Rein", "Aivar", "Indrek", "Tarmo", "Toomas", "Jaak"},
		female: []string{"Ülle", "Kadri", "Mari", "Triin", "Katrin", "Tiina", "Piret", "Kersti", "Riina", "Merike", "Ene", "Külli", "Maarja"},
		family: []string{"Tamm", "Saar", "Sepp", "Mägi", "Kask", "Kukk", "Rebane", "Pärn", "Kuusk", "Lepik", "Õunapuu", "Käsper", "Oja", "Kivi", "Lõhmus", "Põder", "Laur", "Mets", "Raudsepp", "Vaher", "Koppel", "Jõgi", "Kütt", "Rätsep", "Luik"},
	},
	"russian": {
		build: buildWestern, feminine: feminineEastSlavic, patronymic: 0.55,
		male:        []string{"Aleksandr", "Sergey", "Dmitry", "Andrey", "Alexey", "Vladimir", "Nikolay", "Mikhail", "Igor", "Yuri", "Oleg", "Viktor", "Pavel", "Konstantin", "Maxim", "Roman", "Denis", "Vadim", "Anatoly", "Gennady"},
		female:      []string{"Elena", "Olga", "Natalia", "Tatiana", "Irina", "Svetlana", "Yulia", "Anna", "Marina", "Ekaterina", "Lyudmila", "Galina", "Oksana", "Valentina", "Larisa"},
		family:      []string{"Smirnov", "Kuznetsov", "Sokolov", "Lebedev", "Kozlov", "Novikov", "Morozov", "Volkov", "Solovyov", "Vasilyev", "Zaytsev", "Pavlov", "Semyonov", "Golubev", "Vinogradov", "Bogdanov", "Vorobyov", "Fyodorov", "Belyaev", "Tarasov", "Komarov", "Orlov", "Kiselyov", "Makarov", "Andreyev", "Ilyin", "Gusev", "Titov", "Kudryavtsev", "Sorokin", "Gerasimov", "Grigoryev", "Sobolev", "Polyakov", "Sokolovsky"},
		patronymicM: []string{"Aleksandrovich", "Sergeyevich", "Vladimirovich", "Nikolayevich", "Mikhailovich", "Viktorovich", "Ivanovich", "Petrovich", "Anatolyevich", "Yuryevich", "Olegovich", "Borisovich", "Gennadyevich", "Valeryevich"},
		patronymicF: []string{"Aleksandrovna", "Sergeyevna", "Vladimirovna", "Nikolayevna", "Mikhailovna", "Viktorovna", "Ivanovna", "Petrovna", "Anatolyevna", "Yuryevna", "Olegovna", "Borisovna", "Gennadyevna", "Valeryevna"},
	},
	"ukrainian": {
		build: buildWestern, feminine: feminineEastSlavic, patronymic: 0.4,
		male:        []string{"Oleksandr", "Andriy", "Serhiy", "Yuriy", "Mykola", "Taras", "Bohdan", "Vasyl", "Oleh", "Ihor", "Petro", "Dmytro", "Roman", "Vitaliy"},
		female:      []string{"Oksana", "Olena", "Iryna", "Nataliya", "Tetiana", "Halyna", "Yuliya", "Larysa", "Svitlana", "Khrystyna", "Mariya", "Liudmyla"},
		family:      []string{"Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boyko", "Koval", "Oliynyk", "Lysenko", "Marchenko", "Savchenko", "Rudenko", "Moroz", "Polishchuk", "Kovalchuk", "Tkachuk", "Shevchuk", "Bondar", "Pavlenko", "Levchenko", "Kharchenko", "Honcharenko", "Romanyuk", "Savchuk", "Kravets", "Klymenko", "Ponomarenko"},
		patronymicM: []string{"Oleksandrovych", "Serhiyovych", "Mykolayovych", "Vasylyovych", "Petrovych", "Ivanovych", "Volodymyrovych", "Yuriyovych"},
		patronymicF: []string{"Oleksandrivna", "Serhiivna", "Mykolaivna", "Vasylivna", "Petrivna", "Ivanivna", "Volodymyrivna", "Yuriivna"},
	},
	"georgian": {
		build:  buildWestern,
		male:   []string{"Giorgi", "Davit", "Levan", "Irakli", "Zurab", "Nikoloz", "Vakhtang", "Gela", "Mamuka", "Tornike", "Lasha", "Shota", "Revaz", "Archil"},
		female: []string{"Nino", "Tamar", "Ketevan", "Natia", "Mariam", "Eka", "Tinatin", "Salome", "Nana", "Manana", "Maia", "Lela"},
		family: []string{"Beridze", "Kapanadze", "Gelashvili", "Lomidze", "Tsiklauri", "Maisuradze", "Mamaladze", "Gogoladze", "Mikadze", "Abashidze", "Chikovani", "Japaridze", "Nozadze", "Dolidze", "Khutsishvili", "Bakradze", "Gvaramia", "Jorbenadze", "Melashvili", "Chkheidze"},
	},
	"armenian": {
		build:  buildWestern,
		male:   []string{"Armen", "Hovhannes", "Tigran", "Aram", "Gevorg", "Karen", "Vahe", "Arsen", "Hayk", "Artur", "Suren", "Vardan", "Ashot", "Levon"},
		female: []string{"Gohar", "Anahit", "Lilit", "Ani", "Mariam", "Narine", "Armine", "Sona", "Karine", "Astghik", "Siranush", "Hasmik"},
		family: []string{"Hakobyan", "Petrosyan", "Grigoryan", "Harutyunyan", "Vardanyan", "Avetisyan", "Khachatryan", "Karapetyan", "Gevorgyan", "Mkrtchyan", "Hovhannisyan", "Arakelyan", "Ghazaryan", "Manukyan", "Simonyan", "Poghosyan", "Martirosyan", "Baghdasaryan", "Stepanyan", "Danielyan"},
	},
	"azerbaijani": {
		build: buildWestern, feminine: feminineEastSlavic,
		male:   []string{"Elnur", "Rashad", "Elçin", "Tural", "Orxan", "Vüsal", "Ramil", "Kamran", "Anar", "Fuad", "Mübariz", "Zaur", "Nicat", "Şahin", "Ilqar", "Emin", "Vüqar"},
		female: []string{"Leyla", "Aynur", "Günel", "Sevinc", "Könül", "Ulviyya", "Gülnar", "Sabina", "Nigar", "Aysel", "Türkan", "Fidan"},
		family: []string{"Hüseynov", "Quliyev", "Hasanov", "İsmayılov", "Babayev", "Rzayev", "Süleymanov", "Abbasov", "Nağıyev", "Mustafayev", "Orucov", "Sadıqov", "Bağırov", "Muradov", "Ahmadov", "Salmanov", "Allahverdiyev"},
	},
	"turkish": {
		build: buildWestern, secondGiven: 0.15,
		male:   []string{"Mehmet", "Ahmet", "Mustafa", "Hüseyin", "İbrahim", "Ömer", "Şükrü", "Halil", "Murat", "Serkan", "Emre", "Burak", "Oğuz", "Cengiz", "Ercan", "Gökhan", "Selçuk", "Uğur", "Kemal", "Yusuf", "Tolga", "Volkan"},
		female: []string{"Ayşe", "Gülşen", "Özlem", "Fatma", "Zeynep", "Elif", "Emine", "Hülya", "Şebnem", "Derya", "Esra", "Sevgi", "Gönül", "Nurcan", "Çiğdem", "Aslı"},
		family: []string{"Yılmaz", "Kaya", "Demir", "Çelik", "Şahin", "Yıldız", "Öztürk", "Aydın", "Özdemir", "Arslan", "Doğan", "Kılıç", "Koç", "Çetin", "Kurt", "Aslan", "Kaplan", "Güneş", "Acar", "Polat", "Aksoy", "Korkmaz", "Erdem", "Bulut", "Güler", "Tekin", "Ünal", "Karataş"},
	},
	"hebrew": {
		build:  buildWestern,
		male:   []string{"Avi", "Yossi", "Moshe", "David", "Eitan", "Shlomo", "Uri", "Amir", "Yoav", "Ronen", "Erez", "Gil", "Oren", "Nir", "Doron", "Eyal", "Ilan", "Yaron", "Ariel", "Ofer", "Zvi"},
		female: []string{"Noa", "Tamar", "Michal", "Yael", "Ronit", "Orly", "Sigal", "Shira", "Efrat", "Dana", "Hila", "Limor", "Keren", "Galit", "Merav", "Anat"},
		family: []string{"Cohen", "Levi", "Mizrahi", "Peretz", "Biton", "Dahan", "Avraham", "Friedman", "Katz", "Azoulay", "Ben-David", "Ben-Ami", "Shapiro", "Golan", "Malka", "Ohana", "Amar", "Rosenberg", "Segal", "Klein", "Goldberg", "Shalom", "Hadad", "Gabay", "Elbaz", "Ben-Haim", "Tal", "Sharabi", "Vaknin", "Ben-Shimon"},
	},

	// Middle East and North Africa.
	"arabic_gulf": {
		build: buildParticle, particleM: "bin", particleF: "bint", particle: particleThenFamily,
		male:   []string{"Abdullah", "Mohammed", "Saeed", "Khalid", "Sultan", "Rashid", "Hamad", "Faisal", "Nasser", "Saud", "Ahmed", "Ali", "Salem", "Majid", "Abdulaziz", "Abdulrahman", "Turki", "Fahad", "Mansour", "Yousef", "Hamdan", "Obaid", "Jassim", "Hamid"},
		female: []string{"Hessa", "Mariam", "Fatima", "Noura", "Aisha", "Moza", "Shaikha", "Alia", "Latifa", "Reem", "Maitha", "Amna", "Sara", "Hind", "Asma"},
		family: []string{"Al-Mansouri", "Al-Nuaimi", "Al-Dhaheri", "Al-Shamsi", "Al-Kaabi", "Al-Mazrouei", "Al-Otaibi", "Al-Qahtani", "Al-Harbi", "Al-Ghamdi", "Al-Dosari", "Al-Marri", "Al-Kuwari", "Al-Sulaiti", "Al-Busaidi", "Al-Hinai", "Al-Balushi", "Al-Ajmi", "Al-Mutairi", "Al-Shehhi", "Al-Ketbi", "Al-Hajri", "Al-Zahrani", "Al-Shammari", "Al-Enezi", "Al-Rashidi", "Al-Hashimi", "Al-Amri", "Al-Yami", "Al-Suwaidi"},
	},
	"arabic": { // Egypt, the Levant, Iraq, Sudan
		build: buildArabic, secondGiven: 0.75,
		male:   []string{"Ahmed", "Mohamed", "Mahmoud", "Mostafa", "Khaled", "Tarek", "Hany", "Sherif", "Amr", "Hossam", "Omar", "Youssef", "Walid", "Samir", "Nabil", "Ziad", "Rami", "Fadi", "Bassam", "Haitham", "Osama", "Ibrahim", "Hassan", "Hussein", "Adel", "Ayman", "Karim", "Imad", "Jamal", "Mazen", "Raed", "Saad", "Qasim", "Abbas", "Haider"},
		female: []string{"Mona", "Rania", "Dina", "Heba", "Nour", "Rasha", "Lina", "Dalia", "Salma", "Yasmine", "Hala", "Maha", "Reem", "Samar", "Lama", "Zeina", "Iman", "Ghada", "Suha", "Nisreen"},
		family: []string{"El-Sayed", "Abdel-Rahman", "Hassan", "Mansour", "Ibrahim", "Farouk", "Haddad", "Khoury", "Saleh", "Hamdan", "Al-Jubouri", "Al-Obaidi", "Al-Tamimi", "Al-Rubaie", "Al-Khatib", "Nassar", "Qasem", "Abu-Zeid", "Awad", "Shalaby", "Fahmy", "Ezzat", "Hamza", "Osman", "Nour El-Din", "Bakr", "Darwish", "Halabi", "Zoubi", "Majali", "Tawil", "Sabbagh", "Karam", "Azzam", "Elias"},
	},
	"maghrebi": {
		build: buildWestern, secondGiven: 0.1,
		male:   []string{"Mohamed", "Youssef", "Karim", "Rachid", "Samir", "Nabil", "Hamid", "Abdelkader", "Abdelaziz", "Mehdi", "Hicham", "Mourad", "Said", "Mustapha", "Khalid", "Noureddine", "Redouane", "Azzedine", "Sofiane", "Lotfi", "Mounir", "Abderrahmane", "Brahim", "Tarek", "Fayçal", "Habib", "Anis"},
		female: []string{"Fatima Zahra", "Khadija", "Salma", "Nadia", "Samira", "Leila", "Amina", "Naïma", "Hanane", "Meriem", "Souad", "Rachida", "Houria", "Karima", "Zineb", "Ikram", "Sihem", "Wafa"},
		family: []string{"Benali", "El Amrani", "Bennani", "Alaoui", "Tazi", "Belkacem", "Bouzid", "Haddad", "Mansouri", "Trabelsi", "Ben Salah", "Chaabane", "Zouari", "Ferhat", "Brahimi", "Kaddour", "Ouali", "Cherif", "Boukhari", "Hamdi", "Mejri", "Jebali", "Saïdi", "Touati", "Belhadj", "Benmoussa", "El Idrissi", "Berrada", "Ait Ahmed", "Lahlou", "Ziani", "Mebarki", "Khelifi", "Hadj-Ali"},
	},
	"hassaniya": { // Mauritania: "Mohamed Lemine Ould Sidi"
		build: buildParticle, particleM: "Ould", particleF: "Mint", particle: particleAsFamily,
		male:   []string{"Mohamed", "Ahmed", "Sidi", "Mohamed Lemine", "Cheikh", "Brahim", "Abdallahi", "Moulaye", "El Hadj", "Sidi Mohamed", "Mohamed Salem", "Ely", "Babe", "Yahya", "Isselmou"},
		female: []string{"Mariem", "Aïcha", "Fatimetou", "Khadijetou", "Lalla", "Vatimetou", "Salka", "Toutou", "Zeinabou", "Aminetou"},
	},
	"persian": {
		build:  buildWestern,
		male:   []string{"Mohammad-Reza", "Ali", "Hossein", "Mehdi", "Reza", "Saeed", "Hamid", "Majid", "Mojtaba", "Amir", "Hassan", "Javad", "Ahmad", "Mahmoud", "Davoud", "Behrouz", "Farhad", "Kourosh", "Alireza", "Gholamreza", "Masoud"},
		female: []string{"Maryam", "Fatemeh", "Zahra", "Shirin", "Narges", "Leila", "Azadeh", "Parisa", "Mahnaz", "Nasrin", "Roya", "Soheila", "Marjan", "Elham"},
		family: []string{"Hosseini", "Mohammadi", "Rezaei", "Ahmadi", "Karimi", "Moradi", "Jafari", "Rahimi", "Mousavi", "Tehrani", "Kazemi", "Ghasemi", "Sadeghi", "Najafi", "Shirazi", "Hashemi", "Rostami", "Alavi", "Yazdani", "Farahani", "Esfahani", "Akbari", "Ebrahimi", "Heidari", "Bagheri", "Amini", "Nouri", "Zamani", "Soltani", "Ghorbani", "Mirzaei", "Taheri"},
	},

	// Africa.
	"somali": { // given name, father's and grandfather's names
		build: buildArabic, secondGiven: 1,
		male:   []string{"Abdirahman", "Abdullahi", "Mohamed", "Hassan", "Farah", "Ahmed", "Abdi", "Yusuf", "Omar", "Ali", "Ismail", "Abdikarim", "Mahad", "Liban", "Abdiwali", "Said", "Hussein", "Jama", "Osman", "Daher", "Houssein", "Warsame", "Guled"},
		female: []string{"Hodan", "Fadumo", "Amina", "Sahra", "Ifrah", "Hibo", "Asha", "Deeqa", "Nimco", "Ubah", "Khadra", "Sagal"},
	},
	"comorian": {
		build: buildArabic, secondGiven: 0.8,
		male:   []string{"Ahamada", "Said", "Soilihi", "Mmadi", "Ibrahim", "Youssouf", "Mohamed", "Ali", "Abdou", "Hamidou", "Nourdine", "Houmadi", "Ibouroi", "Msaidié"},
		female: []string{"Mariama", "Fatima", "Salima", "Faïza", "Nadjati", "Zaïnaba", "Hadidja", "Anzima", "Moinaécha"},
	},
	"ethiopian": { // the father's given name serves as the second name
		build:  buildArabic,
		male:   []string{"Abebe", "Tesfaye", "Mulugeta", "Dawit", "Haile", "Bekele", "Alemayehu", "Girma", "Yohannes", "Solomon", "Getachew", "Tadesse", "Kebede", "Tekle", "Berhane", "Mesfin", "Fikru", "Yonas", "Biniam", "Negash", "Habtom", "Amanuel", "Tewolde"},
		female: []string{"Meseret", "Tsehay", "Meskerem", "Almaz", "Hiwot", "Selamawit", "Tigist", "Birtukan", "Senait", "Mahlet", "Azeb", "Helen", "Eden", "Frehiwot", "Saba"},
	},
	"south_sudanese": {
		build: buildWestern, secondGiven: 0.3,
		male:   []string{"Deng", "Majok", "Akol", "Mabior", "Kuol", "Malual", "Mayen", "Lual", "Wol", "Ajak", "Manyang", "Chol", "Gatluak", "Gatdet", "Peter", "John", "James", "Joseph", "Stephen"},
		female: []string{"Nyandeng", "Achol", "Adut", "Ayen", "Abuk", "Nyibol", "Akech", "Nyakuoth", "Rebecca", "Mary", "Elizabeth"},
		family: []string{"Deng", "Kuol", "Malual", "Mayen", "Lual", "Wol", "Ajak", "Manyang", "Chol", "Gatluak", "Makuach", "Bol", "Mading", "Akec", "Thon", "Lado", "Wani", "Lomoro", "Taban"},
	},
	"senegambian": {
		build: buildWestern, secondGiven: 0.15,
		male:   []string{"Mamadou", "Moussa", "Ousmane", "Ibrahima", "Abdoulaye", "Cheikh", "Modou", "Lamin", "Ebrima", "Alieu", "Omar", "Pape", "Serigne", "Babacar", "Mouhamadou", "Malick", "El Hadji", "Amadou", "Souleymane", "Aliou"},
		female: []string{"Fatou", "Aminata", "Awa", "Isatou", "Mariama", "Ndèye", "Coumba", "Adama", "Aïssatou", "Binta", "Khady", "Astou", "Rokhaya", "Sokhna", "Nafi"},
		family: []string{"Diop", "Ndiaye", "Faye", "Sarr", "Mbaye", "Gueye", "Diouf", "Fall", "Cissé", "Sène", "Jallow", "Ceesay", "Touray", "Njie", "Bojang", "Darboe", "Sowe", "Manneh", "Camara", "Ba", "Thiam", "Seck", "Niang", "Dieng", "Kane", "Ndour", "Mbengue", "Sy", "Diallo", "Dramé"},
	},
	"sahelian": { // Mali, Niger, Burkina Faso, Guinea, Chad
		build: buildWestern, secondGiven: 0.1,
		male:   []string{"Amadou", "Moussa", "Ousmane", "Ibrahim", "Boubacar", "Sékou", "Modibo", "Mahamadou", "Souleymane", "Adama", "Idrissa", "Hamidou", "Mahamat", "Abakar", "Oumar", "Seydou", "Salif", "Bakary", "Lassina", "Abdoulaye", "Yacouba", "Harouna", "Hassane"},
		female: []string{"Aminata", "Fatoumata", "Mariam", "Aïssata", "Kadiatou", "Bintou", "Djénéba", "Oumou", "Rokia", "Salimata", "Hawa", "Ramatou", "Hadiza", "Zalika", "Assétou"},
		family: []string{"Traoré", "Coulibaly", "Konaté", "Diallo", "Keïta", "Touré", "Sangaré", "Diarra", "Maïga", "Cissé", "Sidibé", "Sanogo", "Ouédraogo", "Sawadogo", "Zongo", "Zerbo", "Barry", "Bah", "Sow", "Camara", "Soumah", "Sylla", "Kourouma", "Hamani", "Garba", "Mamane", "Djibo", "Oumarou", "Saley", "Abakar"},
	},
	"ivorian": {
		build: buildWestern, secondGiven: 0.35,
		male:   []string{"Kouadio", "Kouamé", "Koffi", "Yao", "Konan", "Kouassi", "Aka", "N'Dri", "Jean-Baptiste", "Serge", "Hervé", "Didier", "Franck", "Yves", "Arsène", "Brou", "Ange", "Fulgence", "Siaka", "Lacina", "Drissa", "Moussa"},
		female: []string{"Aya", "Adjoua", "Affoué", "Ahou", "Amenan", "Akissi", "Amoin", "Christelle", "Solange", "Bernadette", "Nathalie", "Mariam", "Awa", "Rokia"},
		family: []string{"N'Guessan", "Kouadio", "Konan", "Koffi", "Yao", "Kouamé", "Kouassi", "Bamba", "Koné", "Coulibaly", "Ouattara", "Soro", "Touré", "Diabaté", "Kacou", "Brou", "Dosso", "Fofana", "Tanoh", "Ahoua", "Assoumou", "Yapi", "Zadi", "Gnahoré", "Tapé", "Séri", "N'Da", "Kra", "Loukou", "Dagnogo"},
	},
	"ewe_fon": { // Togo, Benin
		build: buildWestern, secondGiven: 0.3,
		male:   []string{"Kossi", "Komlan", "Kodjo", "Kokou", "Kwami", "Edem", "Sénamé", "Mawuli", "Codjo", "Sègla", "Gildas", "Euloge", "Romuald", "Rodrigue", "Fiacre", "Sylvain"},
		female: []string{"Ablavi", "Afi", "Akossiwa", "Adjoa", "Mawussi", "Sénami", "Edwige", "Rolande", "Prudence", "Ghislaine", "Josiane", "Yawa"},
		family: []string{"Agbodjan", "Amegah", "Adjovi", "Houngbédji", "Dossou", "Hounkpatin", "Agossou", "Akakpo", "Lawson", "d'Almeida", "Gbaguidi", "Sossou", "Ahouansou", "Kpodar", "Mensah", "Amouzou", "Tossou", "Hounsou", "Kponton", "Adandé", "Dansou", "Houénou", "Djossou", "Sagbo"},
	},
	"central_african": { // Cameroon, Gabon, the Congos, CAR
		build: buildWestern, secondGiven: 0.15,
		male:   []string{"Jean-Claude", "Désiré", "Hervé", "Joseph", "Jean-Pierre", "Emmanuel", "Patrice", "Serge", "Guy-Roger", "Prosper", "Blaise", "Aimé", "Théodore", "Félicien", "Alphonse", "Cyrille", "Landry", "Brice", "Ghislain", "Dieudonné", "Fabrice"},
		female: []string{"Clarisse", "Pélagie", "Henriette", "Solange", "Chantal", "Odette", "Bernadette", "Jeanne", "Marthe", "Béatrice", "Gisèle", "Yolande", "Rachel", "Annie"},
		family: []string{"Mbemba", "Mukendi", "Ilunga", "Kabongo", "Tshibanda", "Mbarga", "Ngono", "Essomba", "Atangana", "Nzé", "Ndong", "Mbala", "Nkoulou", "Owona", "Fouda", "Ebanda", "Makosso", "Moukoko", "Mouandza", "Mabiala", "Ngoma", "Loemba", "Kalala", "Mwamba", "Kasongo", "Lukusa", "Yakité", "Nguérékata", "Doko"},
	},
	"rwandan": { // Rwanda, Burundi
		build:     buildWestern,
		male:      []string{"Jean de Dieu", "Emmanuel", "Aimable", "Innocent", "Théogène", "Célestin", "Jean Bosco", "Faustin", "Alexis", "Eric", "Patrick", "Jean Paul", "Pacifique", "Egide"},
		female:    []string{"Claudine", "Vestine", "Josiane", "Immaculée", "Alice", "Marie Chantal", "Consolée", "Donatille", "Espérance", "Béatrice", "Jeanne d'Arc"},
		family:    []string{"Habimana", "Niyonzima", "Nsengimana", "Hakizimana", "Mugisha", "Nshimiyimana", "Niyonkuru", "Bizimana", "Nizeyimana", "Ndikumana", "Irakoze", "Ntirenganya", "Twagirayezu", "Munyaneza", "Mutabazi", "Uwimana"},
		femFamily: []string{"Mukamana", "Uwase", "Ingabire", "Kayitesi", "Uwamahoro", "Uwimana", "Mukeshimana", "Nyiraneza", "Umutoni", "Mukandayisenga"},
	},
	"nigerian": {
		build: buildWestern, secondGiven: 0.3,
		male:   []string{"Chinedu", "Oluwaseun", "Adebayo", "Emeka", "Ibrahim", "Musa", "Abubakar", "Olumide", "Tunde", "Chukwuemeka", "Obinna", "Yusuf", "Babatunde", "Aliyu", "Sani", "Ikechukwu", "Femi", "Uchenna", "Kayode", "Suleiman"},
		female: []string{"Ngozi", "Funmilayo", "Aisha", "Chioma", "Amina", "Folake", "Adaeze", "Halima", "Nkechi", "Yetunde", "Blessing", "Zainab", "Ifeoma", "Bukola", "Hauwa"},
		family: []string{"Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Nwosu", "Bello", "Ogunleye", "Ibrahim", "Okeke", "Afolabi", "Danjuma", "Mohammed", "Nnamdi", "Olawale", "Chukwu", "Onyekachi", "Lawal", "Usman", "Garba", "Yakubu", "Aminu", "Oyelaran", "Akinola", "Ogbonna", "Uzor", "Adewale", "Idris", "Danladi"},
	},
	"ghanaian": {
		build: buildWestern, secondGiven: 0.35,
		male:   []string{"Kwame", "Kofi", "Kwabena", "Kwaku", "Yaw", "Kwesi", "Kojo", "Emmanuel", "Samuel", "Isaac", "Ebenezer", "Daniel", "Francis", "Nana", "Kweku"},
		female: []string{"Ama", "Abena", "Akosua", "Afua", "Adwoa", "Yaa", "Efua", "Esi", "Akua", "Gifty", "Comfort", "Mercy", "Patience", "Dorcas", "Linda"},
		family: []string{"Mensah", "Asante", "Owusu", "Boateng", "Osei", "Agyeman", "Appiah", "Darko", "Ofori", "Amoah", "Adjei", "Acheampong", "Asamoah", "Bonsu", "Frimpong", "Nkansah", "Quaye", "Tetteh", "Quarshie", "Amponsah", "Antwi", "Donkor", "Kyei", "Sarpong", "Addo", "Aidoo", "Ansah", "Badu", "Kumi"},
	},
	"mano_river": { // Sierra Leone, Liberia
		build: buildWestern, secondGiven: 0.2,
		male:   []string{"Mohamed", "Abdul", "Alhaji", "Samuel", "Joseph", "Abu", "Ibrahim", "Sorie", "Foday", "Musa", "Tamba", "Sahr", "Momoh", "Augustine", "Emmanuel", "Prince", "Varney", "Jallah", "Sekou", "Moses"},
		female: []string{"Fatmata", "Isatu", "Aminata", "Mariama", "Hawa", "Kadiatu", "Christiana", "Mamie", "Yei", "Gbessay", "Musu", "Comfort", "Jestina", "Satta"},
		family: []string{"Kamara", "Sesay", "Bangura", "Conteh", "Kargbo", "Turay", "Mansaray", "Kanu", "Jalloh", "Fofanah", "Kallon", "Johnson", "Kollie", "Flomo", "Dolo", "Harris", "Toe", "Gbah", "Kromah", "Massaquoi", "Kiazolu", "Freeman", "Tarr", "Sumo", "Zinnah", "Kpadeh"},
	},
	"east_african": { // Kenya, Uganda, Tanzania
		build: buildWestern, secondGiven: 0.1, secondFamily: 0.35,
		male:   []string{"John", "Peter", "Joseph", "Daniel", "David", "Samuel", "Paul", "James", "Juma", "Salim", "Hamisi", "Musa", "Stephen", "Wilson", "Moses", "Charles", "Geoffrey", "Julius", "Amos", "Richard", "Dennis", "Patrick"},
		female: []string{"Grace", "Mary", "Esther", "Faith", "Joyce", "Lucy", "Rehema", "Halima", "Agnes", "Catherine", "Beatrice", "Susan", "Jane", "Eunice", "Winfred", "Zawadi", "Neema", "Mercy"},
		family: []string{"Otieno", "Kamau", "Mwangi", "Ochieng", "Kiprotich", "Chebet", "Wafula", "Njoroge", "Kariuki", "Mutua", "Okello", "Mugisha", "Tumusiime", "Ssempala", "Mushi", "Massawe", "Mollel", "Kimaro", "Mrema", "Kiprop", "Wanyama", "Omondi", "Onyango", "Kiplagat", "Rotich", "Mbugua", "Kimani", "Opio", "Ssekandi", "Byaruhanga", "Twinomujuni", "Mwakyusa", "Lyimo"},
	},
	"southern_african": {
		build: buildWestern, secondGiven: 0.3,
		male:   []string{"Sipho", "Thabo", "Themba", "Tendai", "Tatenda", "Mpho", "Kagiso", "Tshepo", "Bongani", "Sibusiso", "Lungile", "Mandla", "Blessing", "Tinashe", "Farai", "Chikondi", "Mthunzi", "Kabelo", "Tebogo", "Musa", "Patrick", "Charles", "Joseph", "Lovemore", "Godknows"},
		female: []string{"Nomvula", "Lindiwe", "Chipo", "Thandiwe", "Nokuthula", "Palesa", "Zanele", "Rudo", "Nyasha", "Precious", "Keitumetse", "Naledi", "Dineo", "Lerato", "Tsitsi", "Tiyamike"},
		family: []string{"Dlamini", "Nkosi", "Ndlovu", "Mokoena", "Khumalo", "Moyo", "Mthembu", "Sibanda", "Banda", "Phiri", "Mwale", "Tembo", "Mutasa", "Molefe", "Sithole", "Mahlangu", "Mofokeng", "Chirwa", "Nyirenda", "Mkandawire", "Kamwendo", "Masilela", "Shikongo", "Nghifindaka", "Amupolo", "Hamutenya", "Nangolo", "Mosweu", "Kgosi", "Modise", "Gumede", "Ncube", "Chikwanha", "Makoni", "Mazibuko", "Maseko", "Shabalala", "Ngcobo"},
	},
	"afrikaans": {
		build: buildWestern, secondGiven: 0.2,
		male:   []string{"Pieter", "Johannes", "Hendrik", "Riaan", "Jacobus", "Willem", "Gerhard", "Francois", "André", "Johan", "Stefan", "Christo", "Theunis", "Deon", "Marthinus"},
		female: []string{"Elmarie", "Annelie", "Marietjie", "Anri", "Elsabé", "Liezel", "Karin", "Sunette", "Hester", "Ronel", "Mariska", "Elna"},
		family: []string{"van der Merwe", "Botha", "du Plessis", "Pretorius", "Nel", "Joubert", "Steyn", "Coetzee", "Venter", "Kruger", "Swanepoel", "le Roux", "van Wyk", "Fourie", "Smit", "Visagie", "Louw", "Badenhorst", "Engelbrecht", "Viljoen", "Jordaan", "van Zyl", "Erasmus", "du Toit", "Malan", "Olivier", "Rossouw", "Strydom", "Grobler"},
	},
	"lusophone_african": { // Angola, Mozambique, Cabo Verde, Guinea-Bissau, São Tomé
		build: buildWestern, secondGiven: 0.15, secondFamily: 0.5,
		male:   []string{"Domingos", "Januário", "Armindo", "Adilson", "Edson", "Nélson", "Celestino", "Agostinho", "Manuel", "Albino", "Bento", "Eusébio", "Zacarias", "Abílio", "Filomeno", "Venâncio"},
		female: []string{"Ivone", "Odete", "Esperança", "Filomena", "Celeste", "Albertina", "Graciete", "Isabel", "Adelaide", "Luzia", "Benvinda", "Rosalina"},
		family: []string{"Tavares", "Monteiro", "Fortes", "Semedo", "Furtado", "Lopes", "Gomes", "Mendes", "Correia", "Borges", "Varela", "Cabral", "dos Santos", "da Costa", "Machava", "Cossa", "Macuácua", "Mabunda", "Sitoe", "dos Anjos", "Kiala", "Cassoma", "Chipenda", "Ceita", "Bragança", "Pontes", "Lima"},
	},
	"malagasy": {
		build: buildWestern, secondGiven: 0.3,
		male:   []string{"Hery", "Haja", "Rija", "Fetra", "Mamy", "Tiana", "Toky", "Faly", "Solofo", "Jean Claude", "Rivo", "Naina", "Tojo", "Lanto", "Hasina"},
		female: []string{"Voahangy", "Lalao", "Fanja", "Hanitra", "Nirina", "Volatiana", "Lova", "Mialy", "Vololona", "Haingo", "Tahina", "Holy"},
		family: []string{"Andriamanantena", "Rakotomalala", "Randrianarisoa", "Razafindrakoto", "Rasolofonirina", "Rakotoarisoa", "Randriamampionona", "Rabemananjara", "Rasoanaivo", "Andrianjafy", "Rakotondrabe", "Razanamparany", "Rajaonarison", "Raharimalala", "Randrianasolo", "Rasolonjatovo", "Ratsimbazafy"},
	},
	"gq": { // Equatorial Guinea: Spanish given names, Fang and Bubi family names
		build: buildWestern, secondFamily: 0.6,
		male:   spanishMale,
		female: spanishFemale,
		family: []string{"Ndong", "Mba", "Esono", "Nsue", "Ondo", "Edu", "Mangue", "Ela", "Nchama", "Obiang Mba", "Mikue", "Abeso", "Bibang", "Eyama", "Bacale", "Bolekia"},
	},

	// Americas.
	"caribbean": {
		build: buildWestern, secondGiven: 0.15,
		male:   []string{"Andre", "Dwayne", "Winston", "Desmond", "Clive", "Leroy", "Marlon", "Trevor", "Delroy", "Carlton", "Kenrick", "Shane", "Ricardo", "Jermaine", "Fitzroy", "Errol"},
		female: []string{"Marcia", "Keisha", "Sharon", "Simone", "Natalie", "Yvonne", "Paulette", "Camille", "Annette", "Beverley", "Sherene", "Tameka"},
		family: []string{"Campbell", "Williams", "Thompson", "Clarke", "Francis", "Joseph", "Charles", "Baptiste", "Browne", "Henry", "Richards", "Edwards", "Greenidge", "Alleyne", "Gittens", "St. Hill", "Phillip", "Alexander", "Mitchell", "Christopher", "Daniel", "Forde", "Nurse", "Hinds"},
	},
	"haitian": {
		build:  buildWestern,
		male:   []string{"Jean-Robert", "Fritz", "Wilner", "Jean-Claude", "Jacques", "Frantz", "Réginald", "Pierre-Richard", "Ernst", "Guy", "Lesly", "Wilfrid"},
		female: []string{"Marie-Carmel", "Nadège", "Guerda", "Myrlande", "Roseline", "Marie-Ange", "Fabienne", "Ketly", "Mirlande", "Nathalie"},
		family: []string{"Pierre", "Jean-Baptiste", "Louis", "Charles", "Étienne", "Desrosiers", "Dorvil", "Joseph", "Saint-Fleur", "Augustin", "Célestin", "Jean-Louis", "Delva", "Noël", "Beauvais", "Dorsainvil"},
	},
	"antillean": { // Aruba, Curaçao, Sint Maarten
		build: buildWestern, secondGiven: 0.1,
		male:   []string{"Rignald", "Glenbert", "Shurendy", "Edsel", "Rudsel", "Ivan", "Eugene", "Jandi", "Giovanni", "Ronald", "Hubert", "Reginald", "Lloyd", "Clifford"},
		female: []string{"Ruthmila", "Evelyn", "Suzanne", "Jacqueline", "Marisol", "Shirley", "Glenda", "Yvette", "Rosemarie", "Mildred", "Xiomara"},
		family: []string{"Croes", "Maduro", "Martina", "Wever", "Lampe", "Kock", "Tromp", "Geerman", "Arends", "Richardson", "Rojer", "Leito", "Hodge", "Wathey", "Gumbs", "Peterson", "Dirksz", "Wiels", "Thode", "Doran", "Arrindell", "Van Putten", "Isenia", "Pieternella", "Koeiman"},
	},

	// Asia and the South Pacific.
	"chinese": {
		build:  buildFamilyFirst,
		male:   []string{"Jianguo", "Wei", "Jun", "Tao", "Ming", "Qiang", "Lei", "Yong", "Jie", "Hao", "Bin", "Gang", "Hui", "Zhiqiang", "Xiaoming", "Haitao", "Jianhua", "Guoqiang", "Weidong", "Dongsheng", "Zhenyu", "Hongbo", "Xiaodong", "Jinlong", "Chengzhi"},
		female: []string{"Haiyan", "Li", "Xiaoli", "Jing", "Yan", "Hong", "Mei", "Ling", "Xiuying", "Yuhua", "Lihua", "Xiaohong", "Yanping", "Ying", "Fang", "Qian", "Wenjing", "Lina"},
		family: []string{"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang", "Du", "Ye", "Cheng", "Su", "Lü", "Fang"},
	},
	"chinese_sea": { // Chinese communities of Singapore, Malaysia, Brunei
		build:  buildFamilyFirst,
		male:   []string{"Wei Ming", "Kok Wah", "Boon Hock", "Chee Keong", "Kian Seng", "Eng Huat", "Wee Kiat", "Jun Hao", "Kah Meng", "Soon Huat", "Yong Chuan", "Teck Heng", "Wai Keong", "Chin Siong", "Kwang Hui"},
		female: []string{"Mei Ling", "Hui Min", "Siew Lan", "Pei Shan", "Li Ting", "Shu Fen", "Bee Leng", "Ai Ling", "Swee Lin", "Hwee Ling", "Poh Choo", "Wan Ting"},
		family: []string{"Tan", "Lim", "Lee", "Ng", "Ong", "Wong", "Goh", "Chua", "Chan", "Koh", "Teo", "Ang", "Yeo", "Tay", "Ho", "Low", "Toh", "Sim", "Chong", "Leong", "Chia", "Foo", "Yap", "Loh", "Lau", "Kok", "Liew", "Soh", "Quek"},
	},
	"korean": {
		build:  buildFamilyFirst,
		male:   []string{"Min-jun", "Ji-hoon", "Sung-min", "Dong-hyun", "Jae-won", "Young-ho", "Sang-woo", "Hyun-woo", "Jong-hoon", "Seung-hyun", "Kyung-soo", "Tae-hoon", "Joon-young", "Chang-ho", "Byung-chul", "Dae-sung", "Kwang-soo", "Myung-ho", "In-soo", "Jin-woo"},
		female: []string{"Ji-young", "Min-ji", "Soo-jin", "Eun-ju", "Hye-jin", "Mi-kyung", "Yoon-hee", "Su-yeon", "Ji-hye", "Eun-young", "Seo-yeon", "Jung-hee", "Hyun-jung", "So-young", "Kyung-ah"},
		family: []string{"Kim", "Kim", "Lee", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Jeon", "Hong", "Yoo", "Ko", "Yang", "Son", "Bae", "Baek", "Heo", "Nam", "Noh", "Ha", "Kwak", "Cha", "Joo", "Woo", "Ryu", "Jin"},
	},
	"japanese": {
		build:  buildFamilyFirst,
		male:   []string{"Hiroshi", "Takeshi", "Kenji", "Yūichi", "Kōji", "Shōta", "Daisuke", "Makoto", "Takashi", "Kazuhiro", "Masahiro", "Tetsuya", "Yūsuke", "Satoshi", "Naoki", "Ryōta", "Shin'ichi", "Jun'ichi", "Kenta", "Tomohiro", "Hideki", "Shūji", "Yōichi"},
		female: []string{"Yūko", "Keiko", "Akiko", "Tomoko", "Naomi", "Yōko", "Megumi", "Kumiko", "Emi", "Sachiko", "Mayumi", "Noriko", "Haruka", "Aya", "Kyōko", "Yui", "Rie", "Miho"},
		family: []string{"Satō", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Itō", "Yamamoto", "Nakamura", "Kobayashi", "Katō", "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue", "Kimura", "Hayashi", "Shimizu", "Yamazaki", "Mori", "Ikeda", "Hashimoto", "Ishikawa", "Ogawa", "Fujita", "Okada", "Gotō", "Hasegawa", "Murakami", "Kondō", "Saitō", "Sakamoto", "Endō", "Aoki", "Nishimura", "Fukuda", "Ōta", "Miura", "Ōno", "Kudō", "Honda"},
	},
	"vietnamese": {
		build:   buildFamilyFirst,
		middleM: []string{"Văn", "Văn", "Đức", "Hữu", "Minh", "Quang", "Thanh", "Công", "Xuân", "Quốc", "Đình", "Ngọc"},
		middleF: []string{"Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bích", "Hồng", "Thuỳ"},
		male:    []string{"Hùng", "Dũng", "Tuấn", "Minh", "Hải", "Long", "Thắng", "Cường", "Sơn", "Phong", "Quân", "Nam", "Tùng", "Trung", "Hiếu", "Bình", "Hưng", "Thành", "Khoa", "Lâm", "Đạt", "Việt", "Tâm", "Phúc"},
		female:  []string{"Phương", "Lan", "Hương", "Hằng", "Thảo", "Mai", "Linh", "Ngân", "Trang", "Huyền", "Nhung", "Yến", "Dung", "Hạnh", "Loan", "Thuý", "Vân", "Quyên", "Oanh"},
		// Nguyễn is carried by some four Vietnamese in ten; the repeats weigh it.
		family: []string{"Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Lương", "Tô"},
	},
	"thai": {
		build:  buildWestern,
		male:   []string{"Somchai", "Somsak", "Prasert", "Sompong", "Wichai", "Anucha", "Kittisak", "Supachai", "Niran", "Thanawat", "Chaiwat", "Surachai", "Nattapong", "Weerasak", "Apichart", "Pongsak", "Chatchai", "Krit", "Sakchai", "Worawit", "Thawatchai"},
		female: []string{"Pornthip", "Siriporn", "Malee", "Kanokwan", "Ratana", "Wanida", "Suda", "Nantana", "Pimchanok", "Supaporn", "Jintana", "Sasithorn", "Araya", "Duangjai"},
		family: []string{"Srisuwan", "Chaiyaphum", "Wongsawat", "Sukprasert", "Rattanakorn", "Saengthong", "Phromsuwan", "Kittikhun", "Boonyarat", "Chantarasombat", "Wattanapong", "Jirasakunwong", "Thongdee", "Pattanasak", "Intharasuwan", "Kaewkla", "Somboon", "Ruangrit", "Sirisomboon", "Tangsakul", "Phothong", "Charoensuk", "Wongkham", "Panyasiri", "Buranasiri", "Khemthong", "Jaidee", "Siriwat"},
	},
	"lao": {
		build:  buildWestern,
		male:   []string{"Bounmy", "Khamphanh", "Somphone", "Souksavanh", "Vilayvanh", "Phonesavanh", "Bounthavy", "Khamsing", "Sisavath", "Thongsavanh", "Viengkham", "Bounkong", "Somsack", "Khampheng"},
		female: []string{"Vilayphone", "Phetsamone", "Malaythong", "Chanthala", "Souphaphone", "Khamla", "Vanhthong", "Manivanh", "Bouavanh", "Keo"},
		family: []string{"Phommachanh", "Sisouphanh", "Vongsa", "Keomany", "Inthavong", "Chanthavong", "Sengdara", "Phanthavong", "Khounphakdy", "Douangchanh", "Souvannavong", "Sayavong", "Vongphachanh", "Luangrath", "Xayasith", "Phimmasone", "Keophilavanh", "Sihavong", "Boupha"},
	},
	"khmer": {
		build:  buildFamilyFirst,
		male:   []string{"Sophal", "Vuthy", "Dara", "Sokha", "Piseth", "Sambath", "Chantha", "Rithy", "Sopheak", "Veasna", "Vannak", "Bunthoeun", "Kosal", "Sovann", "Visal", "Sokhom", "Samnang"},
		female: []string{"Sokha", "Chenda", "Bopha", "Rathana", "Sreymom", "Sophea", "Channary", "Kunthea", "Sreyleak", "Malis", "Davy", "Sokunthea", "Theary"},
		family: []string{"Sok", "Chan", "Keo", "Heng", "Meas", "Pich", "Sim", "Ly", "Chea", "Sao", "Kim", "Men", "Hem", "Mao", "Ouk", "Nhem", "Seng", "Yim", "Prak", "Chhun", "Lim", "Tep", "Phan"},
	},
	"burmese": { // no family names; "U" and "Daw" as forms of address
		build: buildCompound, secondGiven: 0.5, mr: "U", ms: "Daw",
		male:      []string{"Aung", "Kyaw", "Min", "Zaw", "Htet", "Soe", "Myo", "Ye", "Nay", "Thura", "Zin", "Tin", "Than", "Wai", "Kyi"},
		female:    []string{"Khin", "Nyein", "Thida", "Su", "Mya", "Ei", "Hnin", "Thin", "Yin", "May", "Zar", "Phyu", "Cho"},
		family:    []string{"Myint", "Naing", "Thein", "Tun", "Win", "Htun", "Oo", "Lwin", "Aung", "Zaw", "Min", "Htay", "Soe", "Moe", "Kyaw", "Tint", "Thant", "Linn"},
		femFamily: []string{"Mar", "Win", "Thandar", "Myat", "Mon", "Thu", "Khaing", "Hla", "Nwe", "Yee", "Lay", "Aye", "Phyo", "Myint", "Htwe", "Zin"},
	},
	"bhutanese": { // two personal names, no family name
		build:     buildCompound,
		male:      []string{"Sonam", "Karma", "Pema", "Tshering", "Kinley", "Ugyen", "Jigme", "Tandin", "Sangay", "Dorji", "Namgay", "Kinga", "Tashi", "Rinchen", "Yeshey", "Chencho", "Phub"},
		female:    []string{"Sonam", "Karma", "Pema", "Kinley", "Tshering", "Deki", "Dechen", "Yangchen", "Tashi", "Sangay", "Choki", "Kezang", "Ugyen"},
		family:    []string{"Dorji", "Tenzin", "Penjor", "Namgyel", "Gyeltshen", "Rinzin", "Phuntsho", "Wangdi", "Tshering", "Norbu", "Jamtsho", "Dendup", "Letho", "Jamyang"},
		femFamily: []string{"Wangmo", "Choden", "Lhamo", "Yangzom", "Dema", "Zangmo", "Pelden", "Yangki", "Lhaden", "Pelzom", "Dolkar", "Tshomo"},
	},
	"malay": { // "Ahmad Faizal bin Abdul Rahman": no family name
		build: buildParticle, particleM: "bin", particleF: "binti", particle: particleNoFamily, secondGiven: 0.2,
		male:   []string{"Ahmad", "Muhammad", "Mohd", "Abdul Rahman", "Faizal", "Azman", "Hafiz", "Rizal", "Zulkifli", "Shahrul", "Kamarul", "Ismail", "Nor Azlan", "Aziz", "Roslan", "Azhar", "Fadzil", "Amirul", "Khairul", "Iskandar", "Hasnan", "Mazlan", "Zainal", "Osman", "Hamdan", "Yusof", "Salleh"},
		female: []string{"Nurul Huda", "Siti Aminah", "Nor Aishah", "Fatimah", "Zaleha", "Rohani", "Noraini", "Aishah", "Rosnah", "Zuraidah", "Noor Hayati", "Suriani", "Faridah", "Salmah", "Hasnah", "Marina"},
	},
	"indonesian": {
		build: buildIndonesian, single: 0.35, secondGiven: 0.3,
		male:   []string{"Bambang", "Agus", "Budi", "Sutrisno", "Suparman", "Sugiharto", "Sudirman", "Mulyadi", "Haryanto", "Suyanto", "Darmawan", "Rusdi", "Suprapto", "Heru", "Eko", "Dedi", "Hendra", "Rudi", "Andi", "Yudi", "Fajar", "Arief", "Ahmad", "Muhammad", "Rizky", "Teguh", "Wahyu", "Dwi", "Tri", "Iwan", "Slamet", "Hadi", "Syahrul", "Irwan", "Taufik", "Hasan", "Anton", "Firman", "Dani"},
		female: []string{"Dewi", "Sri", "Siti", "Rina", "Wulan", "Ratna", "Indah", "Fitri", "Nur", "Ayu", "Yuliana", "Kartika", "Endang", "Sumarni", "Sriyanti", "Suwarni", "Lestari", "Rahmawati", "Novi", "Putri", "Ani", "Yanti", "Susanti", "Maya", "Melati"},
		family: []string{"Santoso", "Wibowo", "Setiawan", "Hidayat", "Saputra", "Nugroho", "Kurniawan", "Siregar", "Nasution", "Simanjuntak", "Lubis", "Harahap", "Sinaga", "Pardede", "Wijaya", "Gunawan", "Hutapea", "Tambunan", "Sihombing", "Pangaribuan", "Rahman", "Pratama", "Purnomo", "Susanto", "Prasetyo", "Sulistyo", "Hartono", "Halim", "Effendi", "Syahputra", "Firmansyah", "Ramadhan", "Hakim", "Permana", "Suryadi", "Wahyudi", "Utomo", "Prakoso", "Manurung", "Silalahi", "Situmorang", "Tanjung", "Rangkuti", "Latuconsina", "Mandagi", "Sondakh", "Lumban Tobing"},
	},
	"balinese": {
		build: buildBalinese, secondGiven: 0.5,
		// Birth-order names (Wayan, Made, Nyoman, Ketut and their variants)
		// after "I" for men and "Ni" for women, or a caste title.
		middleM:   []string{"I Wayan", "I Wayan", "I Made", "I Made", "I Nyoman", "I Ketut", "I Putu", "I Gede", "I Kadek", "I Komang", "I Nengah", "I Gusti Ngurah", "I Gusti Bagus", "Ida Bagus", "Anak Agung Gde", "Cokorda Gde"},
		middleF:   []string{"Ni Wayan", "Ni Made", "Ni Nyoman", "Ni Ketut", "Ni Putu", "Ni Luh", "Ni Luh Putu", "Ni Kadek", "Ni Komang", "Ni Nengah", "I Gusti Ayu", "Ida Ayu", "Anak Agung Ayu", "Desak Made"},
		male:      []string{"Sudarsana", "Sudarma", "Artawan", "Wirawan", "Sutama", "Mahendra", "Budiasa", "Suweta", "Adnyana", "Sukerta", "Parwata", "Astawa", "Suardana", "Widiana", "Darmaja", "Suparta", "Arsana", "Sukadana", "Wiguna", "Sumerta", "Kariasa", "Suarjana", "Budiarta", "Sujana"},
		female:    []string{"Sriasih", "Ariani", "Suartini", "Sukmawati", "Widiastuti", "Yuliantari", "Ayu Lestari", "Kusuma Dewi", "Sri Wahyuni", "Suryani", "Wartini", "Sudiartini", "Puspitasari", "Ratnasari", "Mirah", "Astiti", "Sukerti", "Ariasih", "Juliantari"},
		family:    []string{"Wijaya", "Saputra", "Putra", "Pratama", "Adi Putra", "Santika", "Yasa", "Jaya", "Kusuma", "Mahardika", "Artha", "Arimbawa", "Sanjaya", "Permana"},
		femFamily: []string{"Dewi", "Putri", "Lestari", "Sari", "Utami", "Pertiwi", "Wulandari", "Anggreni", "Maharani", "Cahyani", "Damayanti"},
	},
	"filipino": {
		build: buildWestern, secondGiven: 0.3,
		male:   []string{"Jose", "Juan", "Ronaldo", "Rodolfo", "Jesus", "Arnel", "Rogelio", "Eduardo", "Reynaldo", "Danilo", "Romeo", "Ernesto", "Benjamin", "Nestor", "Allan", "Jerome", "Rey", "Joel", "Marlon", "Ramon", "Efren", "Wilfredo", "Dionisio", "Leonardo", "Florencio"},
		female: []string{"Maria Theresa", "Jocelyn", "Marites", "Lorna", "Maria Cristina", "Rowena", "Elizabeth", "Leonora", "Rosalinda", "Marilou", "Carmelita", "Evangeline", "Cecilia", "Remedios", "Analyn", "Lourdes", "Girlie"},
		family: []string{"dela Cruz", "Santos", "Reyes", "Garcia", "Bautista", "Mendoza", "Villanueva", "Castillo", "Salvador", "Manalo", "Soriano", "Ramos", "Gonzales", "Flores", "Torres", "Rivera", "Castro", "Navarro", "de Guzman", "de los Santos", "Pascual", "Domingo", "Mercado", "Aguilar", "Dimaculangan", "Macaraeg", "Panganiban", "Tolentino", "Dizon", "Manalastas", "Cunanan", "Peñaflorida", "Nuñez", "Magbanua", "Agbayani", "Fajardo"},
	},
	"timorese": {
		build: buildWestern, secondGiven: 0.2, secondFamily: 0.3,
		male:   []string{"José", "Francisco", "Joaquim", "Agostinho", "Domingos", "Mateus", "Armando", "Julião", "Longuinhos", "Tomás", "Filomeno", "Vicente"},
		female: []string{"Maria", "Ana", "Rosa", "Joana", "Teresinha", "Filomena", "Juliana", "Olinda"},
		family: []string{"da Costa", "dos Santos", "Soares", "Pereira", "Ximenes", "Martins", "Amaral", "Fernandes", "da Cruz", "Sarmento", "Freitas", "Pinto", "da Silva", "Alves", "Lobato", "Magno", "Noronha"},
	},
	"hindi": { // north India, and Indian communities elsewhere
		build: buildWestern, secondGiven: 0.1,
		male:   []string{"Rajesh", "Anil Kumar", "Sunil", "Vikram", "Amit", "Sanjay", "Rakesh", "Ashok", "Vinod", "Manoj", "Rahul", "Deepak", "Alok", "Pankaj", "Arvind", "Rajendra Prasad", "Sudhir", "Pradeep", "Ajay", "Harpreet", "Gurpreet", "Vivek", "Nitin", "Satish", "Ram Prakash", "Satya Narayan"},
		female: []string{"Priya", "Anjali", "Sunita", "Kavita", "Neha", "Pooja", "Meena", "Rekha", "Shalini", "Anita", "Nidhi", "Swati", "Archana", "Geeta", "Ritu", "Sangeeta", "Manpreet", "Jaspreet"},
		family: []string{"Sharma", "Verma", "Singh", "Gupta", "Kumar", "Yadav", "Mishra", "Chauhan", "Patel", "Joshi", "Agarwal", "Srivastava", "Tiwari", "Pandey", "Saxena", "Malhotra", "Kapoor", "Mehta", "Bhatia", "Chatterjee", "Banerjee", "Mukherjee", "Das", "Sinha", "Thakur", "Rathore", "Dubey", "Goyal", "Bhatt", "Trivedi", "Sethi", "Khanna", "Dhillon", "Sandhu", "Gill", "Grewal", "Ramdin", "Persaud"},
	},
	"tamil": { // south India, Sri Lanka, Malaysia, Singapore
		build:  buildWestern,
		male:   []string{"Ravichandran", "Senthil", "Murugan", "Karthik", "Suresh", "Venkatesh", "Balaji", "Srinivasan", "Prakash", "Arun", "Ganesh", "Rajkumar", "Sundaram", "Krishnan", "Anand", "Vijay", "Sivakumar", "Raghavan", "Ramesh", "Selvam"},
		female: []string{"Lakshmi", "Meenakshi", "Kavitha", "Divya", "Revathi", "Priya", "Saranya", "Gayathri", "Malathi", "Vasanthi", "Deepa", "Anitha", "Shanthi", "Uma", "Padma"},
		family: []string{"Subramaniam", "Krishnamurthy", "Raghunathan", "Venkataraman", "Iyer", "Pillai", "Nair", "Menon", "Reddy", "Rao", "Naidu", "Natarajan", "Ramasamy", "Rajagopal", "Chandrasekaran", "Balasubramanian", "Muthusamy", "Ganesan", "Arumugam", "Kandasamy", "Sivaraman", "Perumal", "Govindasamy", "Thangaraj", "Selvaraj"},
	},
	"sinhala": {
		build: buildWestern, secondGiven: 0.4,
		male:   []string{"Chaminda", "Nuwan", "Pradeep", "Sanjeewa", "Asanka", "Ruwan", "Lalith", "Sampath", "Thilak", "Kapila", "Nalin", "Dinesh", "Upul", "Rohan", "Janaka", "Lakshman", "Priyantha", "Ajith", "Gamini", "Chandana", "Indika"},
		female: []string{"Dilani", "Kumudini", "Chamari", "Nadeesha", "Sanduni", "Thilini", "Anoma", "Dilrukshi", "Madhavi", "Nilmini", "Shyamali", "Iresha", "Sriyani", "Renuka", "Manjula"},
		family: []string{"Gunawardena", "Perera", "Fernando", "Wijesinghe", "Karunaratne", "Bandara", "Herath", "Weerasinghe", "Ekanayake", "Samarasinghe", "de Silva", "Rathnayake", "Gunasekara", "Abeysekera", "Wijeratne", "Amarasinghe", "Liyanage", "Kumarasinghe", "Jayasinghe", "Wickramaratne", "Pathirana", "Munasinghe", "Seneviratne", "Hettiarachchi", "Kodikara", "Siriwardena"},
	},
	"nepali": {
		build:  buildWestern,
		male:   []string{"Ram Bahadur", "Krishna Prasad", "Bishnu", "Sushil", "Prakash", "Rajendra Kumar", "Deepak", "Hari Bahadur", "Shyam", "Binod", "Ramesh", "Dinesh", "Surendra", "Bhim", "Narayan", "Dhruba", "Gopal", "Mahesh", "Sanjeev"},
		female: []string{"Sita", "Gita", "Sarita", "Kamala", "Laxmi", "Sabina", "Anita", "Radha", "Bimala", "Sunita", "Mina", "Rupa", "Nirmala", "Pramila"},
		family: []string{"Shrestha", "Thapa", "Gurung", "Tamang", "Adhikari", "Poudel", "Karki", "Bhattarai", "Magar", "Rai", "Khadka", "Basnet", "Sharma", "Acharya", "Bhandari", "Pandey", "Maharjan", "Limbu", "Lama", "Sapkota", "Ghimire", "Pokharel", "Aryal", "Neupane", "Subedi", "Dhakal"},
	},
	"pakistani": {
		build: buildWestern, secondGiven: 0.1,
		male:   []string{"Muhammad Asif", "Tariq", "Shahid", "Asad", "Usman", "Kamran", "Faisal", "Zulfiqar", "Nadeem", "Waqar", "Aamir", "Adnan", "Bilal", "Junaid", "Saqib", "Kashif", "Naveed", "Shoaib", "Zahid", "Irfan", "Rizwan", "Sohail", "Arshad", "Muhammad Ali"},
		female: []string{"Nadia", "Ayesha", "Rukhsana", "Samina", "Sadia", "Fozia", "Saima", "Nazia", "Shazia", "Amna", "Sana", "Uzma", "Farzana", "Tahira", "Nighat", "Humaira"},
		family: []string{"Khan", "Ahmed", "Qureshi", "Chaudhry", "Malik", "Butt", "Siddiqui", "Hussain", "Raza", "Awan", "Javed", "Iqbal", "Aslam", "Akhtar", "Mirza", "Sheikh", "Abbasi", "Rana", "Bhatti", "Gondal", "Jatoi", "Baloch", "Memon", "Rizvi", "Shah", "Cheema", "Warraich", "Khattak"},
	},
	"bangladeshi": {
		build: buildWestern, secondGiven: 0.1,
		male:      []string{"Mohammad Abdur Rahim", "Abul Kalam", "Mizanur", "Shahidul", "Rafiqul", "Anisur", "Kamrul", "Mahbubur", "Moniruzzaman", "Nazrul", "Aminul", "Saiful", "Jahangir", "Habibur", "Tofazzal", "Golam Mostafa", "Ashraful", "Masud"},
		female:    []string{"Nasreen", "Farhana", "Shirin", "Rokeya", "Salma", "Dilruba", "Shahnaz", "Jesmin", "Nargis", "Mahmuda", "Sharmin", "Fahmida"},
		family:    []string{"Hossain", "Rahman", "Islam", "Uddin", "Chowdhury", "Haque", "Sarkar", "Biswas", "Talukder", "Ahmed", "Alam", "Kabir", "Karim", "Miah", "Mollah", "Bhuiyan", "Khan", "Sikder", "Mondal", "Das", "Roy", "Saha"},
		femFamily: []string{"Akter", "Begum", "Sultana", "Khatun", "Rahman", "Chowdhury", "Hossain", "Islam", "Haque", "Ahmed"},
	},
	"maldivian": {
		build:  buildArabic,
		male:   []string{"Ahmed", "Mohamed", "Ibrahim", "Hussain", "Ali", "Abdulla", "Hassan", "Moosa", "Ismail", "Adam", "Yoosuf"},
		female: []string{"Aishath", "Fathimath", "Mariyam", "Aminath", "Hawwa", "Khadheeja", "Shiuna", "Zeena", "Mausooma"},
		family: []string{"Shareef", "Naseem", "Rasheed", "Saeed", "Didi", "Manik", "Zahir", "Latheef", "Faiz", "Nizam", "Shakeel", "Riyaz", "Thoriq", "Zuhair", "Hameed", "Jaleel"},
	},
	"afghan": {
		build:  buildWestern,
		male:   []string{"Ahmad", "Abdul Wahid", "Abdul Qadir", "Mohammad Hanif", "Ghulam Sakhi", "Habibullah", "Sayed", "Rahmatullah", "Asadullah", "Khalilullah", "Nasir", "Wahidullah", "Jawad", "Farid", "Sharif", "Mirwais", "Shafiq"},
		female: []string{"Zahra", "Farida", "Mariam", "Fawzia", "Nazifa", "Shukria", "Malalai", "Sima", "Habiba", "Roya", "Freshta", "Nilofar"},
		family: []string{"Sultani", "Rahimi", "Noori", "Hotak", "Amiri", "Karimi", "Safi", "Wardak", "Popal", "Mohmand", "Shinwari", "Durrani", "Barakzai", "Sadat", "Habibi", "Azizi", "Haidari", "Rasuli", "Hakimi", "Mangal", "Samadi", "Zazai", "Kakar"},
	},
	"central_asian": { // Kazakhstan, Kyrgyzstan, Uzbekistan, Tajikistan, Turkmenistan
		build: buildWestern, feminine: feminineEastSlavic,
		male:   []string{"Nurlan", "Yerlan", "Rustam", "Sardor", "Bakhtiyor", "Timur", "Azamat", "Dilshod", "Farrukh", "Jamshed", "Bekzod", "Ulugbek", "Daniyar", "Askar", "Marat", "Serik", "Aibek", "Bakyt", "Otabek", "Shukhrat", "Berdi", "Merdan"},
		female: []string{"Aigerim", "Dilnoza", "Gulnara", "Saule", "Aizhan", "Nigora", "Shahlo", "Zarina", "Madina", "Gulnoza", "Dinara", "Asel", "Zhanna", "Malika", "Feruza", "Aynura"},
		family: []string{"Akhmetov", "Tursunov", "Yusupov", "Rakhimov", "Sultanov", "Ismoilov", "Nazarov", "Bekmuratov", "Abdullayev", "Zhaksybekov", "Seitkaliyev", "Omarov", "Zhumabayev", "Kasymov", "Saidov", "Sharipov", "Davlatov", "Kurbonov", "Safarov", "Sodiqov", "Berdiyev", "Atayev", "Esenov", "Mirzoyev", "Toktogulov", "Abdrakhmanov", "Gʻafurov"},
	},
	"mongolian": { // the father's name stands where a family name would
		build:  buildWestern,
		male:   []string{"Batbayar", "Ganbaatar", "Munkhbat", "Bat-Erdene", "Altangerel", "Tsogtbaatar", "Otgonbayar", "Gantulga", "Dorjsuren", "Byambadorj", "Naranbaatar", "Temuujin", "Ganzorig"},
		female: []string{"Oyunchimeg", "Sarangerel", "Tsetsegmaa", "Enkhtuya", "Altantsetseg", "Bolormaa", "Solongo", "Narantuya", "Oyuntsetseg", "Gerelmaa", "Undrakh", "Ariunaa"},
		family: []string{"Ganbold", "Dorj", "Purev", "Tseren", "Batsaikhan", "Bold", "Damdin", "Lkhagva", "Sodnom", "Gombo", "Tumur", "Byamba", "Nyamdorj", "Jargal", "Davaa", "Zorig"},
	},
	"pacific": { // Fiji, Samoa, Tonga, Papua New Guinea, Nauru, Marshall Islands
		build: buildWestern, secondGiven: 0.1,
		male:   []string{"Sione", "Tevita", "Viliami", "Siosaia", "Jone", "Sitiveni", "Viliame", "Josaia", "Sevanaia", "Tavita", "Iosefa", "Faamanu", "Peni", "Semisi", "Sefo", "Tomasi", "Aisake", "Manasa", "John", "Peter", "Michael"},
		female: []string{"Mele", "Malia", "Losana", "Mere", "Litia", "Salote", "Ana", "Sesilia", "Vika", "Seini", "Akanesi", "Fetu", "Luisa", "Mary"},
		family: []string{"Naivalu", "Waqa", "Tikoduadua", "Raduva", "Vunisea", "Kurusiga", "Tuiasosopo", "Faleolo", "Leota", "Sapolu", "Fa'amausili", "Lemalu", "Fifita", "Taufa", "Vaipulu", "Havili", "Kaufusi", "Fonua", "Lātū", "Kila", "Yagi", "Wari", "Kuman", "Tamate", "Koim", "Mairi", "Langidrik", "Detenamo", "Taumoepeau", "Ulufonua", "Vainikolo", "Ioane", "Aumua", "Seiuli", "Naulivou", "Ratuvou"},
	},
	"maori": {
		build: buildWestern, secondGiven: 0.1,
		male:   []string{"Tāne", "Hēmi", "Wiremu", "Rāwiri", "Hōhepa", "Mikaere", "Tamati", "Nikora", "Pita", "Rangi", "Tipene"},
		female: []string{"Mere", "Aroha", "Anahera", "Hine", "Kiri", "Ngaire", "Moana", "Huia", "Wikitoria", "Mereana", "Marama"},
		family: []string{"Ngata", "Parata", "Te Whata", "Tāwhiri", "Walker", "Te Rangi", "Ngāpō", "Tamihana", "Horomona", "Pōmare", "Te Kani", "Hēnare", "Karaka", "Rewiti", "Tipoki"},
	},
}

// Pools shared by more than one tradition.
var (
	spanishMale   = []string{"José Luis", "Juan Carlos", "José", "Jesús", "Ángel", "Andrés", "Martín", "Raúl", "Óscar", "Rubén", "Íñigo", "Fernando", "Javier", "Alejandro", "Miguel Ángel", "Francisco", "Sergio", "Alberto", "Héctor", "Gonzalo", "Ramón", "Joaquín", "Julián"}
	spanishFemale = []string{"María José", "Sofía", "Inés", "Begoña", "Lucía", "Ana Belén", "Mercedes", "Pilar", "Rocío", "Beatriz", "Mónica", "Elena", "Verónica", "Marisol", "Leticia", "Adriana", "Patricia", "Gabriela", "Ángela"}
	spanishFamily = []string{"García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Fernández", "Rodríguez", "González", "Hernández", "Jiménez", "Díaz", "Muñoz", "Álvarez", "Romero", "Ibáñez", "Peña", "Núñez", "Ortiz", "Cortés", "Moreno", "Ruiz", "Vázquez", "Castillo", "Ramos", "Torres", "Domínguez", "Gutiérrez", "Navarro", "Herrera", "Medina", "Aguilar", "Vargas", "Rojas", "Castro", "Mendoza", "Salazar", "Orozco", "Quintero", "Zúñiga", "Benítez", "Sáenz"}
)
