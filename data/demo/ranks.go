package demo

// rankStyle is how a country's senior officers are addressed and what
// positions its heads of delegation hold.
type rankStyle struct {
	head       []string // forms of address for a head of delegation
	others     []string // for other delegates; "" stands for plain Mr or Ms
	headTitles []string
}

// rankStyles are keyed by the ranks field of a profile.
var rankStyles = map[string]rankStyle{
	// Civilian police services (most of Europe, North America, East Asia).
	"civil": {
		head:       []string{"Director", "Director General", "Commissioner", "Chief Commissioner", "", "Dr"},
		others:     []string{"", "", "", "Dr", "Chief Inspector", "Chief Superintendent", "Commissioner", "Director", "Inspector", "Superintendent", "Commander"},
		headTitles: []string{"Director of International Police Cooperation", "Deputy Director General of Police", "Head of the Criminal Police Department", "Director of the Criminal Investigation Directorate", "Head of International Affairs"},
	},
	// Police services in the British tradition.
	"commonwealth": {
		head:       []string{"Commissioner", "Inspector General", "Deputy Commissioner", "Assistant Commissioner"},
		others:     []string{"Deputy Commissioner", "Assistant Commissioner", "Chief Superintendent", "Senior Superintendent", "Superintendent", "Deputy Inspector General", "Detective Superintendent", "Detective Inspector", "Assistant Superintendent", "", "", "Dr"},
		headTitles: []string{"Commissioner of Police", "Deputy Inspector General of Police", "Deputy Commissioner of Police", "Director of Criminal Investigations", "Assistant Commissioner, Crime"},
	},
	// Gendarmeries and police with military ranks.
	"military": {
		head:       []string{"General", "Lieutenant General", "Major General", "Brigadier General", "Controller General"},
		others:     []string{"Major General", "Brigadier General", "Colonel", "Colonel", "Lieutenant Colonel", "Lieutenant Colonel", "Major", "Commissioner", "Chief Commissioner", "", "", "Dr"},
		headTitles: []string{"Deputy Director General of the National Police", "Director of the Judicial Police", "Director of International Cooperation", "Commander of the Criminal Investigation Department", "Deputy Chief of the National Police"},
	},
	// Police ranks of South-East Asia ("Police Colonel").
	"police": {
		head:       []string{"Police General", "Police Lieutenant General", "Police Major General"},
		others:     []string{"Police Major General", "Police Brigadier General", "Police Colonel", "Police Colonel", "Police Lieutenant Colonel", "Police Major", "", "Dr"},
		headTitles: []string{"Deputy Commissioner General", "Commander, Central Investigation Bureau", "Assistant Commissioner General", "Commander, Foreign Affairs Division"},
	},
	// The host: Indonesian National Police ranks in English.
	"indonesian": {
		head:       []string{"Inspector General"},
		others:     []string{"Inspector General", "Brigadier General", "Senior Commissioner", "Senior Commissioner", "Commissioner", "Commissioner", "Adjunct Senior Commissioner", "", "Dr"},
		headTitles: []string{"Head of the International Relations Division"},
	},
}

// keyPositions are held by one member of a delegation each, so a small
// delegation never brings two heads of its NCB. "{ncb}" is the city of the
// country's National Central Bureau.
var keyPositions = []string{
	"Head of NCB {ncb}",
	"Deputy Head of NCB {ncb}",
	"Director, Criminal Investigation",
	"Deputy Director, Criminal Investigation",
	"Head of International Police Cooperation",
	"Director of Counter-Terrorism",
	"Head of the Cybercrime Unit",
	"Head of the Organised Crime Division",
	"Head of Drug Enforcement",
	"Head of Border Police",
	"Director of Forensic Science",
	"Head of Fugitive Investigations",
	"Head of the Human Trafficking Unit",
	"Head of the Financial Crime Unit",
	"Director of Training",
	"Head of Strategic Planning",
	"Chief of Staff",
	"Head of Legal Affairs",
	"Head of Criminal Intelligence",
	"Head of Witness Protection",
}

// hostPositions are the host's own key positions, on top of keyPositions.
var hostPositions = []string{
	"Chief of Bali Regional Police",
	"Deputy Chief of Bali Regional Police",
	"Head of Public Relations Division",
	"Head of the General Assembly Organising Committee",
	"Secretary of the National Central Bureau",
	"Head of Protocol, Organising Committee",
}

// otherPositions may be held by several members of a large delegation.
var otherPositions = []string{
	"Liaison Officer",
	"Senior Investigator",
	"Criminal Intelligence Analyst",
	"Legal Adviser",
	"International Relations Officer",
	"Police Attaché",
	"Senior Officer, NCB {ncb}",
	"Investigator, Cybercrime Unit",
	"Officer, International Cooperation",
	"Adviser to the Chief of Police",
	"Protocol Officer",
	"Staff Officer",
}

// observerPosition is held by an observer: a diplomat or a ministry
// official rather than a police officer.
type observerPosition struct {
	title     string
	honorific string // "" for plain Mr or Ms
	org       string // "{embassy}" is the country's embassy in Jakarta
}

var observerPositions = []observerPosition{
	{"Ambassador to the Republic of Indonesia", "H.E.", "{embassy}"},
	{"Counsellor", "", "{embassy}"},
	{"First Secretary", "", "{embassy}"},
	{"Police Attaché", "", "{embassy}"},
	{"Legal Adviser", "", "Ministry of Justice"},
	{"Adviser, International Affairs", "", "Ministry of Foreign Affairs"},
	{"Deputy Director, Security Policy", "", "Ministry of the Interior"},
	{"Prosecutor", "", "Office of the Public Prosecutor"},
}
