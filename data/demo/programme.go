package demo

import "kiosk/data"

// plannedSession is one item of the demo's natural programme, in venue
// time.
type plannedSession struct {
	day        int    // 0 is Monday 7 November 2016
	start, end string // "09:30", Asia/Makassar
	room       string
	kind       data.SessionKind
	title      string
	desc       string
	langs      []string
	speakers   []string // public figures' ids, in speaking order
	panel      int      // further speakers drawn from the heads of delegation
}

// Language sets for interpretation.
var (
	english  = []string{"en"}
	enFr     = []string{"en", "fr"}
	enEs     = []string{"en", "es"}
	enFrEs   = []string{"en", "fr", "es"}
	regional = map[string][]string{
		regionAfrica:   {"en", "fr", "ar"},
		regionAmericas: {"en", "es", "fr"},
		regionAsia:     {"en"},
		regionEurope:   {"en", "fr"},
		regionMENA:     {"ar", "en", "fr"},
	}
)

const (
	coffeeDesc = "Coffee, tea and Balinese snacks in Pecatu Hall."
	lunchDesc  = "Buffet lunch for all delegates in Pecatu Hall. Halal and vegetarian dishes are labelled."
	deskDesc   = "Badges for late arrivals and replacement badges; information on shuttles and the social programme."
	bilatDesc  = "Room reserved for bilateral meetings between delegations. Book a slot at the secretariat desk in the Main Lobby."
)

// naturalProgramme is the four-day programme at the demo's own scale.
var naturalProgramme = []plannedSession{
	// Monday 7 November: arrival and opening.
	{0, "07:30", "09:15", "main-lobby", data.KindBreak, "Registration and badge collection",
		"Delegates collect their badges and conference documents at the registration desks in the Main Lobby. Please bring your passport or official identity card.", nil, nil, 0},
	{0, "08:00", "09:00", "badung", data.KindSideMeeting, "Heads of delegation briefing",
		"Briefing for heads of delegation on the conduct of the session, the voting procedure and the Rules of Procedure.", allLanguages, nil, 0},
	{0, "09:30", "11:00", "nusa-dua-hall", data.KindCeremony, "Opening ceremony",
		"Official opening of the 85th session of the INTERPOL General Assembly, with addresses by the Vice-President of the Republic of Indonesia, the President and the Secretary General of INTERPOL, the Governor of Bali and the Chief of the Indonesian National Police.",
		allLanguages, []string{idKalla, idBallestrazzi, idStock, idPastika, idKarnavian}, 0},
	{0, "11:00", "11:30", "pecatu-hall", data.KindBreak, "Coffee break", coffeeDesc, nil, nil, 0},
	{0, "11:30", "12:30", "nusa-dua-hall", data.KindPlenary, "Adoption of the agenda and report of the President",
		"The Assembly adopts its agenda and the timetable of the session. The President reports on the work of the Executive Committee since the 84th session.", allLanguages, []string{idBallestrazzi}, 0},
	{0, "12:30", "14:00", "pecatu-hall", data.KindBreak, "Lunch", lunchDesc, nil, nil, 0},
	{0, "12:45", "13:15", "press-centre", data.KindSideMeeting, "Press conference: opening of the General Assembly",
		"The President and the Secretary General of INTERPOL and the Chief of the Indonesian National Police take questions from accredited media. Media badge required.", english, []string{idBallestrazzi, idStock, idKarnavian}, 0},
	{0, "12:45", "13:45", "klungkung", data.KindSideMeeting, "Working lunch: ASEAN chiefs of police",
		"Informal working lunch of the heads of delegation of the ASEAN member states on regional cooperation against transnational crime.", english, nil, 0},
	{0, "14:00", "15:30", "nusa-dua-hall", data.KindPlenary, "Foreign terrorist fighters: sharing biometric information",
		"How member countries can identify foreign terrorist fighters returning from conflict zones and stop their travel. Speakers present their experience of sharing fingerprints, facial images and other biometric data through INTERPOL's channels.", allLanguages, nil, 3},
	{0, "14:00", "17:30", "bilateral-1", data.KindSideMeeting, "Bilateral meetings (by appointment)", bilatDesc, nil, nil, 0},
	{0, "14:00", "17:30", "bilateral-2", data.KindSideMeeting, "Bilateral meetings (by appointment)", bilatDesc, nil, nil, 0},
	{0, "14:00", "17:30", "bilateral-3", data.KindSideMeeting, "Bilateral meetings (by appointment)", bilatDesc, nil, nil, 0},
	{0, "14:00", "17:30", "bilateral-4", data.KindSideMeeting, "Bilateral meetings (by appointment)", bilatDesc, nil, nil, 0},
	{0, "15:30", "16:00", "pecatu-hall", data.KindBreak, "Coffee break", coffeeDesc, nil, nil, 0},
	{0, "16:00", "17:30", "nusa-dua-hall", data.KindPlenary, "Activity report of the Secretary General",
		"The Secretary General reports on the Organization's activities, policing capabilities and finances in 2016, followed by questions from the floor.", allLanguages, []string{idStock}, 0},
	{0, "17:45", "18:30", "badung", data.KindSideMeeting, "Candidates for the Executive Committee: presentations",
		"Candidates for the posts to be filled at this session introduce themselves to the delegations. Open to all delegates.", allLanguages, nil, 0},
	{0, "19:00", "21:30", "lagoon-garden", data.KindSocial, "Welcome dinner hosted by the Indonesian National Police",
		"Welcome dinner by the lagoon, with Indonesian cuisine and gamelan music. The garden is a short walk from the convention centre.", nil, nil, 0},

	// Tuesday 8 November: crime areas, regional meetings, workshops.
	{1, "07:30", "08:30", "main-lobby", data.KindBreak, "Registration desk open", deskDesc, nil, nil, 0},
	{1, "08:30", "10:00", "nusa-dua-hall", data.KindPlenary, "Organised crime and illicit markets",
		"Detecting, investigating, preventing and prosecuting organised crime across illicit markets, from drugs and firearms to counterfeit goods and trafficking in human beings. How national units and INTERPOL's global programmes can work as one.", allLanguages, nil, 3},
	{1, "10:00", "10:30", "pecatu-hall", data.KindBreak, "Coffee break", coffeeDesc, nil, nil, 0},
	{1, "10:30", "12:00", "nusa-dua-hall", data.KindPlenary, "Cybercrime: an ever more sophisticated threat",
		"Cybercrime grows more sophisticated and more diverse every year. Speakers discuss how police can keep pace, exchange digital evidence across borders and work with the private sector.", allLanguages, nil, 3},
	{1, "12:00", "13:30", "pecatu-hall", data.KindBreak, "Lunch", lunchDesc, nil, nil, 0},
	{1, "12:15", "13:15", "klungkung", data.KindSideMeeting, "Women police leaders' network",
		"Informal lunch meeting of women in senior police positions, open to every delegate who supports gender equality in policing.", english, nil, 0},
	{1, "13:30", "15:00", "badung", data.KindRegional, "Regional meeting: Africa", "", regional[regionAfrica], nil, 1},
	{1, "13:30", "15:00", "gianyar", data.KindRegional, "Regional meeting: Americas", "", regional[regionAmericas], nil, 1},
	{1, "13:30", "15:00", "tabanan", data.KindRegional, "Regional meeting: Asia and South Pacific", "", regional[regionAsia], nil, 1},
	{1, "13:30", "15:00", "klungkung", data.KindRegional, "Regional meeting: Europe", "", regional[regionEurope], nil, 1},
	{1, "13:30", "15:00", "bangli", data.KindRegional, "Regional meeting: Middle East and North Africa", "", regional[regionMENA], nil, 1},
	{1, "13:30", "17:30", "bilateral-1", data.KindSideMeeting, "Bilateral meetings (by appointment)", bilatDesc, nil, nil, 0},
	{1, "13:30", "17:30", "bilateral-2", data.KindSideMeeting, "Bilateral meetings (by appointment)", bilatDesc, nil, nil, 0},
	{1, "13:30", "17:30", "bilateral-3", data.KindSideMeeting, "Bilateral meetings (by appointment)", bilatDesc, nil, nil, 0},
	{1, "13:30", "17:30", "bilateral-4", data.KindSideMeeting, "Bilateral meetings (by appointment)", bilatDesc, nil, nil, 0},
	{1, "15:00", "15:30", "pecatu-hall", data.KindBreak, "Coffee break", coffeeDesc, nil, nil, 0},
	{1, "15:30", "17:00", "badung", data.KindWorkshop, "Workshop: I-Checkit for airlines, hotels and banks",
		"How the private sector can screen travel documents against INTERPOL's database of stolen and lost travel documents, and what member countries gain from it.", enFr, nil, 1},
	{1, "15:30", "17:00", "gianyar", data.KindWorkshop, "Workshop: digital forensics and electronic evidence",
		"Acquiring and preserving electronic evidence so that it holds up in a court in another country. Hands-on; bring a laptop.", english, nil, 2},
	{1, "15:30", "17:00", "tabanan", data.KindWorkshop, "Workshop: notices and diffusions, rules and good practice",
		"How to request notices and diffusions that comply with INTERPOL's rules, and how the General Secretariat reviews them before publication.", enFrEs, nil, 1},
	{1, "15:30", "17:00", "klungkung", data.KindWorkshop, "Workshop: tracing illicit firearms",
		"Tracing firearms used in crime across borders with INTERPOL's firearms records and tracing tools.", enEs, nil, 1},
	{1, "17:15", "17:45", "press-centre", data.KindSideMeeting, "Press briefing: cybercrime and organised crime",
		"Briefing for accredited media on the day's plenary sessions. Media badge required.", english, nil, 2},

	// Wednesday 9 November: information, reform, borders, strategy.
	{2, "07:30", "08:30", "main-lobby", data.KindBreak, "Registration desk open", deskDesc, nil, nil, 0},
	{2, "08:30", "10:00", "nusa-dua-hall", data.KindPlenary, "Processing of information: recommendations and compliance",
		"The Assembly considers recommendations to improve how INTERPOL processes information and to make sure it meets the highest standards of compliance, from the review of notices to the protection of personal data.", allLanguages, nil, 2},
	{2, "10:00", "10:30", "pecatu-hall", data.KindBreak, "Coffee break", coffeeDesc, nil, nil, 0},
	{2, "10:30", "12:00", "nusa-dua-hall", data.KindPlenary, "INTERPOL 2020: reform of the Organization",
		"The Secretary General presents the INTERPOL 2020 initiative, a review of the Organization's priorities, governance, funding and policing capabilities for the years ahead, followed by a debate.", allLanguages, []string{idStock}, 2},
	{2, "12:00", "13:30", "pecatu-hall", data.KindBreak, "Lunch", lunchDesc, nil, nil, 0},
	{2, "12:15", "13:15", "jembrana", data.KindSideMeeting, "Heads of National Central Bureaus: informal exchange",
		"Heads of NCBs compare how they run their bureaus around the clock and how they use INTERPOL's secure network.", enFr, nil, 0},
	{2, "12:15", "13:15", "buleleng", data.KindSideMeeting, "Working lunch: Pacific Islands chiefs of police",
		"Working lunch of the Pacific island member countries on maritime security, drug routes and training.", english, nil, 0},
	{2, "13:30", "15:00", "nusa-dua-hall", data.KindPlenary, "Integrated border security and I-Checkit",
		"How border agencies can check travellers and goods against INTERPOL's databases in real time at every point of entry, and how the I-Checkit initiative extends screening to airlines, hotels and banks.", allLanguages, nil, 3},
	{2, "13:30", "17:30", "bilateral-1", data.KindSideMeeting, "Bilateral meetings (by appointment)", bilatDesc, nil, nil, 0},
	{2, "13:30", "17:30", "bilateral-2", data.KindSideMeeting, "Bilateral meetings (by appointment)", bilatDesc, nil, nil, 0},
	{2, "13:30", "17:30", "bilateral-3", data.KindSideMeeting, "Bilateral meetings (by appointment)", bilatDesc, nil, nil, 0},
	{2, "13:30", "17:30", "bilateral-4", data.KindSideMeeting, "Bilateral meetings (by appointment)", bilatDesc, nil, nil, 0},
	{2, "15:00", "15:30", "pecatu-hall", data.KindBreak, "Coffee break", coffeeDesc, nil, nil, 0},
	{2, "15:30", "17:00", "nusa-dua-hall", data.KindPlenary, "Strategies against terrorism, organised and emerging crime, and cybercrime",
		"The Assembly discusses the Organization's strategies to counter terrorism, organised and emerging crime and cybercrime, and the draft resolutions on them.", allLanguages, nil, 3},
	{2, "17:15", "18:15", "badung", data.KindWorkshop, "Workshop: biometrics, fingerprints and facial recognition",
		"What member countries should record and share so that a fingerprint or a face taken at a border can be matched against INTERPOL's databases.", enFr, nil, 1},
	{2, "17:15", "18:15", "gianyar", data.KindWorkshop, "Workshop: maritime piracy and crime at sea",
		"Evidence collection on board, information sharing between navies and police, and the prosecution of pirates.", enFr, nil, 1},
	{2, "17:15", "18:15", "tabanan", data.KindWorkshop, "Workshop: disaster victim identification",
		"Lessons from recent disasters on identifying victims quickly and with dignity, and on working with INTERPOL's response teams.", enEs, nil, 1},
	{2, "17:15", "18:15", "klungkung", data.KindWorkshop, "Workshop: wildlife and environmental crime",
		"Following the money behind wildlife trafficking, illegal logging and illegal fishing.", enFr, nil, 1},
	{2, "19:00", "22:00", "gwk-amphitheatre", data.KindSocial, "Balinese cultural evening",
		"An evening of Balinese dance and music hosted by the Provincial Government of Bali. Buses leave from the Main Lobby at 18:30.", nil, nil, 0},

	// Thursday 10 November: decisions, elections, closing.
	{3, "07:30", "08:30", "main-lobby", data.KindBreak, "Registration desk open", deskDesc, nil, nil, 0},
	{3, "08:30", "10:00", "nusa-dua-hall", data.KindPlenary, "Financial and administrative matters; adoption of resolutions",
		"The Assembly approves the financial report and the budget for 2017 and votes on the draft resolutions before it. Each member country represented has one vote; resolutions pass by simple majority.", allLanguages, nil, 1},
	{3, "10:00", "10:30", "pecatu-hall", data.KindBreak, "Coffee break", coffeeDesc, nil, nil, 0},
	{3, "10:30", "12:00", "nusa-dua-hall", data.KindElection, "Elections to the Executive Committee",
		"Election of the members of the Executive Committee whose seats fall vacant at this session. Secret ballot; one vote per member country represented.", allLanguages, []string{idBallestrazzi}, 0},
	{3, "12:00", "13:30", "pecatu-hall", data.KindBreak, "Lunch", lunchDesc, nil, nil, 0},
	{3, "13:30", "14:30", "nusa-dua-hall", data.KindElection, "Election of the President of INTERPOL",
		"The General Assembly elects the President of the Organization for a four-year term. Heads of delegation are asked to be seated by 13:15 for the roll call; secret ballot, one vote per member country.", allLanguages, []string{idBallestrazzi}, 0},
	{3, "14:30", "15:00", "pecatu-hall", data.KindBreak, "Coffee break", coffeeDesc, nil, nil, 0},
	{3, "15:00", "16:00", "nusa-dua-hall", data.KindPlenary, "Venues of the next sessions",
		"Member countries present their invitations to host future sessions of the General Assembly and regional conferences; the Assembly decides.", allLanguages, nil, 0},
	{3, "16:00", "17:00", "nusa-dua-hall", data.KindCeremony, "Closing ceremony",
		"Closing addresses, thanks to the host country and handover to the host of the 86th session.", allLanguages, []string{idStock, idKarnavian}, 0},
	{3, "17:15", "17:45", "press-centre", data.KindSideMeeting, "Closing press conference",
		"The outcomes of the session presented to accredited media. Media badge required.", english, []string{idStock}, 0},
}

// regionalDescription fills in the regional meetings' descriptions.
func regionalDescription(region string) string {
	return "Delegations of the " + region + " region review their regional priorities, the work of INTERPOL's regional bureaus and the preparation of the next regional conference."
}
