package demo

// topic is a subject the extra sessions of a large programme are about.
type topic struct {
	name  string
	blurb string // one sentence for the description
}

// topics for the extra sessions of a large programme, in the areas the
// assembly deals with.
var topics = []topic{
	{"Foreign terrorist fighters", "Identifying returning fighters and stopping their travel."},
	{"Biometric data sharing", "Exchanging fingerprints, DNA profiles and facial images across borders."},
	{"Facial recognition", "What facial recognition can and cannot do for police today."},
	{"Fingerprint exchange", "Making national fingerprint records searchable by partner countries."},
	{"DNA profile exchange", "Matching DNA profiles across borders within the law."},
	{"Stolen and lost travel documents", "Checking passports against the global database at every border."},
	{"I-Checkit", "Screening travel documents in the private sector."},
	{"Maritime piracy", "Building cases against pirates from evidence collected at sea."},
	{"Trafficking in human beings", "Finding victims and the networks that exploit them."},
	{"Migrant smuggling", "Disrupting the networks that smuggle migrants for profit."},
	{"Online child sexual exploitation", "Identifying victims from images and video."},
	{"Ransomware", "Responding to ransomware attacks on hospitals, cities and firms."},
	{"Darknet marketplaces", "Investigating the markets where drugs, weapons and data are sold."},
	{"Virtual currencies and money laundering", "Following money that moves through virtual currencies."},
	{"Illicit firearms", "Tracing weapons used in crime back to their source."},
	{"Environmental crime", "Pollution crime, illegal mining and illegal logging."},
	{"Wildlife trafficking", "The routes and profits of the illegal wildlife trade."},
	{"Illegal fishing", "Vessels that fish illegally and the crimes that go with it."},
	{"Pharmaceutical crime", "Counterfeit and falsified medicines sold online and offline."},
	{"Counterfeit goods", "Counterfeiting as a source of money for organised crime."},
	{"Drug trafficking routes", "New routes for cocaine, heroin and synthetic drugs."},
	{"Match-fixing and sport integrity", "Protecting sport from corruption and illegal betting."},
	{"Cultural property theft", "Recovering stolen works of art and antiquities."},
	{"Stolen motor vehicles", "Vehicles stolen in one country and sold in another."},
	{"Fugitive investigations", "Locating and arresting fugitives who cross borders."},
	{"Red Notices and diffusions", "Requests for cooperation that comply with the rules."},
	{"Data protection in police cooperation", "Sharing personal data lawfully and securely."},
	{"Digital forensics", "Preserving electronic evidence for a foreign court."},
	{"Disaster victim identification", "Identifying victims of disasters quickly and with dignity."},
	{"Integrated border management", "Police, customs and immigration working from the same information."},
	{"Aviation security", "Passenger data and the protection of air travel."},
	{"Corruption and asset recovery", "Tracing and returning the proceeds of corruption."},
	{"Financial crime", "Fraud, payment card crime and business e-mail compromise."},
	{"Cyber threat intelligence", "Sharing threat intelligence with private partners."},
	{"Police training and capacity building", "Training programmes that last beyond the project."},
	{"Police leadership", "Leading police services through change."},
	{"Women in policing", "Recruiting, keeping and promoting women officers."},
	{"Criminal analysis", "Turning data into intelligence that investigators use."},
	{"Secure police communications", "Connecting front-line officers to international databases."},
	{"Radicalisation in prisons", "Spotting and countering radicalisation behind bars."},
	{"Crime in the Pacific", "Transnational crime across the island states of the Pacific."},
	{"Organised crime in West Africa", "Drug routes and fraud networks in the Gulf of Guinea."},
	{"Crime on the Balkan route", "Weapons, drugs and people moving through South-East Europe."},
	{"Kidnapping and extortion", "Negotiation and investigation in kidnap cases."},
}

// sessionFormat is a way an extra session is titled and run.
type sessionFormat struct {
	prefix string // "Workshop: "; "{region}" stands for a region
	note   string // a sentence after the topic's blurb
}

var (
	workshopFormats = []sessionFormat{
		{"Workshop: ", "Practical session in small groups; places are limited."},
		{"Training: ", "Hands-on training by INTERPOL specialists; bring a laptop."},
		{"Case study: ", "Investigators walk through a closed case and what it taught them."},
		{"Expert group: ", "Specialists from member countries compare methods and tools."},
	}
	sideFormats = []sessionFormat{
		{"Side meeting: ", "Open to all delegates; no registration needed."},
		{"Round table: ", "Moderated discussion between heads of units."},
		{"Briefing: ", "Short briefing followed by questions."},
		{"Working group: ", "Working group meeting; members and invited observers."},
	}
	regionalFormats = []sessionFormat{
		{"Regional working group, {region}: ", "Delegations of the region agree on joint priorities."},
		{"Regional meeting, {region}: ", "Follow-up of the last regional conference."},
	}
)
