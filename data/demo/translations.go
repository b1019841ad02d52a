package demo

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"kiosk/data"
)

// The demo event carries its content in the organisation's other working
// languages: every country's name, the venue's rooms, and the titles of
// the fixed programme.

// countryNameFixes are the names, by alpha-3 code, where CLDR's short
// names (from golang.org/x/text/language/display) differ from the form
// the English names of this event use, or from the United Nations' usage:
// "Congo-Kinshasa" is not how an assembly writes it.
var countryNameFixes = map[string][3]string{ // French, Spanish, Arabic
	"COG": {"Congo", "Congo", "الكونغو"},
	"COD": {"République démocratique du Congo", "República Democrática del Congo", "جمهورية الكونغو الديمقراطية"},
	"KOR": {"République de Corée", "República de Corea", "جمهورية كوريا"},
	"MKD": {"ex-République yougoslave de Macédoine", "ex República Yugoslava de Macedonia", "جمهورية مقدونيا اليوغوسلافية السابقة"},
	"CZE": {"République tchèque", "República Checa", "الجمهورية التشيكية"},
	"CIV": {"Côte d’Ivoire", "Côte d’Ivoire", "كوت ديفوار"},
	"MMR": {"Myanmar", "Myanmar", "ميانمار"},
	"TLS": {"Timor-Leste", "Timor-Leste", "تيمور - ليشتي"},
	"VAT": {"État de la Cité du Vatican", "Estado de la Ciudad del Vaticano", "دولة الفاتيكان"},
	"SLV": {"El Salvador", "El Salvador", "السلفادور"},
	"CPV": {"Cabo Verde", "Cabo Verde", "كابو فيردي"},
	"BLR": {"Bélarus", "Belarús", "بيلاروس"},
}

// countryNames are a member country's names in French, Spanish and
// Arabic.
func countryNames(c countryRow) data.Texts {
	if f, ok := countryNameFixes[c.code]; ok {
		return data.Texts{"fr": f[0], "es": f[1], "ar": f[2]}
	}
	r := language.MustParseRegion(c.code2)
	return data.Texts{
		"fr": display.Regions(language.French).Name(r),
		"es": display.Regions(language.Spanish).Name(r),
		"ar": display.Regions(language.Arabic).Name(r),
	}
}

// roomNames are the venue's rooms in French, Spanish and Arabic; the
// Balinese place names stay as they are, transliterated in Arabic.
var roomNames = map[string][3]string{
	"nusa-dua-hall":    {"Salle Nusa Dua (plénière)", "Sala Nusa Dua (pleno)", "قاعة نوسا دوا (الجلسات العامة)"},
	"pecatu-hall":      {"Salle Pecatu", "Sala Pecatu", "قاعة بيتشاتو"},
	"main-lobby":       {"Hall principal", "Vestíbulo principal", "البهو الرئيسي"},
	"press-centre":     {"Centre de presse", "Centro de prensa", "المركز الصحفي"},
	"badung":           {"Salle Badung", "Sala Badung", "قاعة بادونغ"},
	"gianyar":          {"Salle Gianyar", "Sala Gianyar", "قاعة جيانيار"},
	"tabanan":          {"Salle Tabanan", "Sala Tabanan", "قاعة تابانان"},
	"klungkung":        {"Salle Klungkung", "Sala Klungkung", "قاعة كلونغكونغ"},
	"bangli":           {"Salle Bangli", "Sala Bangli", "قاعة بانغلي"},
	"buleleng":         {"Salle Buleleng", "Sala Buleleng", "قاعة بوليلينغ"},
	"jembrana":         {"Salle Jembrana", "Sala Jembrana", "قاعة جيمبرانا"},
	"karangasem":       {"Salle Karangasem", "Sala Karangasem", "قاعة كارانغاسيم"},
	"bilateral-1":      {"Salle bilatérale 1", "Sala bilateral 1", "قاعة الاجتماعات الثنائية 1"},
	"bilateral-2":      {"Salle bilatérale 2", "Sala bilateral 2", "قاعة الاجتماعات الثنائية 2"},
	"bilateral-3":      {"Salle bilatérale 3", "Sala bilateral 3", "قاعة الاجتماعات الثنائية 3"},
	"bilateral-4":      {"Salle bilatérale 4", "Sala bilateral 4", "قاعة الاجتماعات الثنائية 4"},
	"lagoon-garden":    {"Jardin de la lagune", "Jardín de la laguna", "حديقة البحيرة"},
	"gwk-amphitheatre": {"Amphithéâtre, parc culturel Garuda Wisnu Kencana", "Anfiteatro, Parque Cultural Garuda Wisnu Kencana", "المدرج، حديقة غارودا ويسنو كينتشانا الثقافية"},
}

// sessionTitles are the fixed programme's titles in French, Spanish and
// Arabic, by English title. Generated sessions (workshops and side
// meetings made up to fill a larger programme) keep their English title.
var sessionTitles = map[string][3]string{
	"Registration and badge collection":   {"Accréditation et retrait des badges", "Acreditación y recogida de credenciales", "التسجيل واستلام الشارات"},
	"Heads of delegation briefing":        {"Réunion d’information des chefs de délégation", "Sesión informativa para jefes de delegación", "إحاطة لرؤساء الوفود"},
	"Opening ceremony":                    {"Cérémonie d’ouverture", "Ceremonia de apertura", "حفل الافتتاح"},
	"Closing ceremony":                    {"Cérémonie de clôture", "Ceremonia de clausura", "حفل الاختتام"},
	"Coffee break":                        {"Pause café", "Pausa para el café", "استراحة قهوة"},
	"Lunch":                               {"Déjeuner", "Almuerzo", "الغداء"},
	"Registration desk open":              {"Bureau d’accréditation ouvert", "Mostrador de acreditación abierto", "مكتب التسجيل مفتوح"},
	"Bilateral meetings (by appointment)": {"Réunions bilatérales (sur rendez-vous)", "Reuniones bilaterales (con cita previa)", "اجتماعات ثنائية (بموعد مسبق)"},
	"Adoption of the agenda and report of the President": {"Adoption de l’ordre du jour et rapport du Président",
		"Aprobación del orden del día e informe del Presidente", "اعتماد جدول الأعمال وتقرير الرئيس"},
	"Activity report of the Secretary General": {"Rapport d’activité du Secrétaire général",
		"Informe de actividades del Secretario General", "تقرير أنشطة الأمين العام"},
	"Organised crime and illicit markets": {"Criminalité organisée et marchés illicites",
		"Delincuencia organizada y mercados ilícitos", "الجريمة المنظمة والأسواق غير المشروعة"},
	"Cybercrime: an ever more sophisticated threat": {"Cybercriminalité : une menace toujours plus sophistiquée",
		"Ciberdelincuencia: una amenaza cada vez más sofisticada", "الجريمة السيبرية: تهديد يزداد تطورًا"},
	"Foreign terrorist fighters: sharing biometric information": {"Combattants terroristes étrangers : partage des informations biométriques",
		"Combatientes terroristas extranjeros: intercambio de información biométrica", "المقاتلون الإرهابيون الأجانب: تبادل المعلومات البيومترية"},
	"Election of the President of INTERPOL": {"Élection du Président d’INTERPOL", "Elección del Presidente de INTERPOL", "انتخاب رئيس الإنتربول"},
	"Elections to the Executive Committee":  {"Élections au Comité exécutif", "Elecciones al Comité Ejecutivo", "انتخابات اللجنة التنفيذية"},
	"INTERPOL 2020: reform of the Organization": {"INTERPOL 2020 : réforme de l’Organisation",
		"INTERPOL 2020: reforma de la Organización", "الإنتربول 2020: إصلاح المنظمة"},
	"Venues of the next sessions": {"Lieux des prochaines sessions", "Sedes de las próximas reuniones", "أماكن انعقاد الدورات المقبلة"},
	"Welcome dinner hosted by the Indonesian National Police": {"Dîner de bienvenue offert par la Police nationale indonésienne",
		"Cena de bienvenida ofrecida por la Policía Nacional de Indonesia", "عشاء ترحيبي تقيمه الشرطة الوطنية الإندونيسية"},
	"Balinese cultural evening":  {"Soirée culturelle balinaise", "Velada cultural balinesa", "أمسية ثقافية بالية"},
	"Regional meeting: Africa":   {"Réunion régionale : Afrique", "Reunión regional: África", "الاجتماع الإقليمي: أفريقيا"},
	"Regional meeting: Americas": {"Réunion régionale : Amériques", "Reunión regional: Américas", "الاجتماع الإقليمي: الأمريكتان"},
	"Regional meeting: Asia and South Pacific": {"Réunion régionale : Asie et Pacifique Sud",
		"Reunión regional: Asia y Pacífico Sur", "الاجتماع الإقليمي: آسيا وجنوب المحيط الهادئ"},
	"Regional meeting: Europe": {"Réunion régionale : Europe", "Reunión regional: Europa", "الاجتماع الإقليمي: أوروبا"},
	"Regional meeting: Middle East and North Africa": {"Réunion régionale : Moyen-Orient et Afrique du Nord",
		"Reunión regional: Oriente Medio y Norte de África", "الاجتماع الإقليمي: الشرق الأوسط وشمال أفريقيا"},
	"Closing press conference": {"Conférence de presse de clôture", "Rueda de prensa de clausura", "المؤتمر الصحفي الختامي"},
	"Workshop: disaster victim identification": {"Atelier : identification des victimes de catastrophes",
		"Taller: identificación de víctimas de catástrofes", "ورشة عمل: التعرف على ضحايا الكوارث"},
	"Workshop: wildlife and environmental crime": {"Atelier : atteintes à l’environnement et aux espèces sauvages",
		"Taller: delitos contra la fauna y el medio ambiente", "ورشة عمل: الجرائم البيئية والجرائم المتصلة بالأحياء البرية"},
	"Workshop: maritime piracy and crime at sea": {"Atelier : piraterie maritime et criminalité en mer",
		"Taller: piratería marítima y delincuencia en el mar", "ورشة عمل: القرصنة البحرية والجريمة في البحر"},
}

func texts3(t [3]string) data.Texts { return data.Texts{"fr": t[0], "es": t[1], "ar": t[2]} }

// translate gives rooms and sessions their translations.
func translate(rooms []data.Room, sessions []data.Session) {
	for i, r := range rooms {
		if t, ok := roomNames[r.ID]; ok {
			rooms[i].Names = texts3(t)
		}
	}
	for i, s := range sessions {
		if t, ok := sessionTitles[s.Title]; ok {
			sessions[i].Titles = texts3(t)
		}
	}
}
