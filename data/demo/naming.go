package demo

import (
	"math/rand/v2"
	"slices"
	"strings"
)

// builder is how a naming tradition puts a person's name together.
type builder int

const (
	// buildWestern: given name(s), optional patronymic, then family
	// name(s): "Łukasz Wójcik", "José Luis García López", "Ivan
	// Petrovich Sokolov".
	buildWestern builder = iota
	// buildFamilyFirst: written family name first (Chinese, Korean,
	// Vietnamese, Japanese, Hungarian, Khmer): "Nguyễn Văn Hùng".
	buildFamilyFirst
	// buildParticle: a father's name joined by a particle: "Abdullah bin
	// Ahmed Al-Mansouri", "Mohamed Lemine Ould Sidi", "Nurul Huda binti
	// Hassan".
	buildParticle
	// buildArabic: given name and father's name, then family name: "Ahmed
	// Mahmoud El-Sayed"; with no family pool the grandfather's name serves
	// (Ethiopian, Somali).
	buildArabic
	// buildIcelandic: patronymic from the father's name: "Guðrún
	// Jónsdóttir".
	buildIcelandic
	// buildIndonesian: often one name only, otherwise two or three.
	buildIndonesian
	// buildBalinese: birth-order names: "I Wayan Sudarsana", "Ni Made Ayu
	// Lestari".
	buildBalinese
	// buildCompound: several personal names, no family name (Myanmar,
	// Bhutan): "Kyaw Thein Naing", "Sonam Choden".
	buildCompound
)

// particleMode says where a particle name ("bin Ahmed") goes.
type particleMode int

const (
	particleThenFamily particleMode = iota // given "Abdullah bin Ahmed", family "Al-Mansouri"
	particleAsFamily                       // given "Mohamed Lemine", family "Ould Sidi"
	particleNoFamily                       // given "Ahmad Faizal bin Abdul Rahman", no family
)

// tradition is one naming tradition: the name pools and how they combine.
type tradition struct {
	build        builder
	male, female []string // given names
	// family holds family names in their plain (masculine) form. For
	// buildCompound it holds the further personal names, for
	// buildIcelandic the genitive stems of fathers' names ("Jóns").
	family    []string
	femFamily []string            // for women, when their pool differs (Bhutan, Myanmar)
	feminine  func(string) string // a woman's form of a family name (Nowak -> Nowak, Kowalski -> Kowalska)

	secondGiven  float64 // chance of a second given name (or, for buildArabic, of a father's name)
	secondFamily float64 // chance of a second family name (Spanish and Portuguese)

	// Patronymics (East Slavic), parallel lists: the same index is the same
	// father. patronymic is the chance of writing it.
	patronymicM, patronymicF []string
	patronymic               float64

	// Names written between family and given name (Vietnamese "Văn",
	// "Thị") or, for buildBalinese, the prefix with the birth-order name.
	middleM, middleF []string

	particleM, particleF string
	particle             particleMode

	single float64 // buildIndonesian: chance of a single name

	mr, ms string // civilian forms of address when not "Mr" and "Ms" (Myanmar "U", "Daw")
}

// personName is a generated name in the fields the Delegate type has.
type personName struct {
	given, family string
	familyFirst   bool
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// pickOther picks a name from s that differs from not, or "" if the first
// few tries fail (tiny pools): a second given name never repeats the first.
func pickOther(r *rand.Rand, s []string, not string) string {
	for range 4 {
		if v := pick(r, s); v != not && !strings.Contains(not, v) && !strings.Contains(v, not) {
			return v
		}
	}
	return ""
}

func join(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}

// name makes a name for a man or a woman in this tradition.
func (t *tradition) name(r *rand.Rand, female bool) personName {
	given := t.male
	if female {
		given = t.female
	}
	g := pick(r, given)
	second := func(p float64) string {
		if p > 0 && r.Float64() < p {
			return pickOther(r, given, g)
		}
		return ""
	}
	familyPool := t.family
	if female && len(t.femFamily) > 0 {
		familyPool = t.femFamily
	}
	family := func() string {
		f := pick(r, familyPool)
		if female && t.feminine != nil {
			f = t.feminine(f)
		}
		return f
	}

	switch t.build {
	case buildFamilyFirst:
		mid := t.middleM
		if female {
			mid = t.middleF
		}
		if len(mid) > 0 {
			g = pick(r, mid) + " " + g
		}
		return personName{given: g, family: family(), familyFirst: true}

	case buildParticle:
		g = join(g, second(t.secondGiven))
		p := t.particleM
		if female {
			p = t.particleF
		}
		father := pick(r, t.male)
		switch t.particle {
		case particleAsFamily:
			return personName{given: g, family: p + " " + father}
		case particleNoFamily:
			return personName{given: g + " " + p + " " + father}
		}
		return personName{given: g + " " + p + " " + father, family: family()}

	case buildArabic:
		if t.secondGiven > 0 && r.Float64() < t.secondGiven {
			g = join(g, pickOther(r, t.male, g))
		}
		if len(t.family) == 0 {
			return personName{given: g, family: pickOther(r, t.male, g)}
		}
		return personName{given: g, family: family()}

	case buildIcelandic:
		suffix := "son"
		if female {
			suffix = "dóttir"
		}
		return personName{given: join(g, second(t.secondGiven)), family: pick(r, t.family) + suffix}

	case buildIndonesian:
		if r.Float64() < t.single {
			return personName{given: g}
		}
		return personName{given: join(g, second(t.secondGiven)), family: family()}

	case buildBalinese:
		prefix := pick(r, t.middleM)
		if female {
			prefix = pick(r, t.middleF)
		}
		var more string
		if r.Float64() < t.secondGiven {
			more = pick(r, familyPool)
		}
		if more != "" && r.Float64() < 0.5 {
			return personName{given: prefix + " " + g, family: more}
		}
		return personName{given: join(prefix, g, more)}

	case buildCompound:
		parts := []string{g, pickOther(r, familyPool, g)}
		if r.Float64() < t.secondGiven {
			parts = append(parts, pickOther(r, familyPool, parts[1]))
		}
		return personName{given: join(parts...)}
	}

	// buildWestern
	g = join(g, second(t.secondGiven))
	if t.patronymic > 0 && r.Float64() < t.patronymic {
		i := r.IntN(len(t.patronymicM))
		if female {
			g += " " + t.patronymicF[i]
		} else {
			g += " " + t.patronymicM[i]
		}
	}
	f := family()
	for try := 0; try < 3 && slices.Contains(strings.Fields(g), f); try++ {
		f = family() // "Koffi Koffi" happens, but should not be the rule
	}
	if t.secondFamily > 0 && r.Float64() < t.secondFamily {
		if f2 := pick(r, familyPool); f2 != f {
			if female && t.feminine != nil {
				f2 = t.feminine(f2)
			}
			f += " " + f2
		}
	}
	return personName{given: g, family: f}
}

// Feminine forms of family names, for traditions where a woman's name
// differs from a man's.

func replaceSuffix(s string, pairs ...string) (string, bool) {
	for i := 0; i+1 < len(pairs); i += 2 {
		if strings.HasSuffix(s, pairs[i]) {
			return strings.TrimSuffix(s, pairs[i]) + pairs[i+1], true
		}
	}
	return s, false
}

// feminineSlavicAdj: Polish and Macedonian names: Kowalski -> Kowalska,
// Stojanovski -> Stojanovska, Nikolov -> Nikolova; Nowak does not change.
func feminineSlavicAdj(s string) string {
	f, _ := replaceSuffix(s, "ski", "ska", "cki", "cka", "zki", "zka", "ov", "ova", "ev", "eva")
	return f
}

// feminineCzech: Novák -> Nováková, Černý -> Černá, Svoboda -> Svobodová.
func feminineCzech(s string) string {
	if f, ok := replaceSuffix(s, "ský", "ská", "cký", "cká", "ý", "á", "í", "í", "ek", "ková", "ec", "cová", "ko", "ková", "a", "ová"); ok {
		return f
	}
	return s + "ová"
}

// feminineEastSlavic: Ivanov -> Ivanova, Sokolovsky -> Sokolovskaya;
// Ukrainian -enko and -uk names do not change.
func feminineEastSlavic(s string) string {
	if f, ok := replaceSuffix(s, "skiy", "skaya", "sky", "skaya", "ov", "ova", "ev", "eva", "in", "ina", "yn", "yna"); ok {
		return f
	}
	return s
}

// feminineLithuanian: Kazlauskas -> Kazlauskienė.
func feminineLithuanian(s string) string {
	f, _ := replaceSuffix(s, "ius", "ienė", "as", "ienė", "is", "ienė", "us", "ienė", "ys", "ienė")
	return f
}

// feminineLatvian: Bērziņš -> Bērziņa, Jansons -> Jansone, Balodis ->
// Balode, Ozols -> Ozola.
func feminineLatvian(s string) string {
	f, _ := replaceSuffix(s, "š", "a", "ons", "one", "is", "e", "s", "a")
	return f
}

// feminineGreek: Papadopoulos -> Papadopoulou, Georgiadis -> Georgiadou.
func feminineGreek(s string) string {
	f, _ := replaceSuffix(s, "dis", "dou", "os", "ou", "is", "i", "as", "a")
	return f
}
