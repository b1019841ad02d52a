package demo

import (
	"reflect"
	"testing"

	"kiosk/data"
)

// generate is Generate for tests: it fails the test on error.
func generate(t testing.TB, opts Options) *data.EventData {
	t.Helper()
	d, err := Generate(opts)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", opts, err)
	}
	return d
}

var scales = []struct {
	name              string
	opts              Options
	delegates, events int // events 0: the natural programme
}{
	{"default", Options{}, 830, 0},
	{"100k delegates, 2000 sessions", Options{Delegates: 100000, Sessions: 2000}, 100000, 2000},
	{"smallest", Options{Delegates: 6, Sessions: 1}, 6, 1},
	{"small", Options{Delegates: 50, Sessions: 20}, 50, 20},
	{"natural programme plus a few", Options{Sessions: 75}, 830, 75},
	{"other seed", Options{Seed: 42}, 830, 0},
	{"few delegates, large programme", Options{Delegates: 6, Sessions: 2000}, 6, 2000},
}

func TestGenerateValidates(t *testing.T) {
	for _, tc := range scales {
		t.Run(tc.name, func(t *testing.T) {
			d := generate(t, tc.opts)
			if ps := d.Validate(); len(ps) > 0 {
				t.Fatalf("Validate: %v", ps)
			}
			if got := len(d.Delegates); got != tc.delegates {
				t.Errorf("%d delegates, want %d", got, tc.delegates)
			}
			want := tc.events
			if want == 0 {
				want = len(naturalProgramme)
			}
			if got := len(d.Sessions); got != want {
				t.Errorf("%d sessions, want %d", got, want)
			}
			if got := len(d.Countries); got != 190 {
				t.Errorf("%d countries, want 190", got)
			}
		})
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	for _, tc := range scales {
		t.Run(tc.name, func(t *testing.T) {
			a, b := generate(t, tc.opts), generate(t, tc.opts)
			if !reflect.DeepEqual(a, b) {
				t.Fatal("two runs with the same options differ")
			}
		})
	}
	t.Run("seed matters", func(t *testing.T) {
		a, b := generate(t, Options{Seed: 1}), generate(t, Options{Seed: 2})
		if reflect.DeepEqual(a.Delegates, b.Delegates) {
			t.Fatal("different seeds gave the same delegates")
		}
	})
	t.Run("default seed is DefaultSeed", func(t *testing.T) {
		a, b := generate(t, Options{}), generate(t, Options{Seed: DefaultSeed})
		if !reflect.DeepEqual(a, b) {
			t.Fatal("Seed 0 is not DefaultSeed")
		}
	})
	t.Run("sessions do not change delegates", func(t *testing.T) {
		a, b := generate(t, Options{}), generate(t, Options{Sessions: 500})
		if !reflect.DeepEqual(a.Delegates, b.Delegates) {
			t.Fatal("asking for more sessions changed the delegates")
		}
	})
}

func TestGenerateRejectsBadOptions(t *testing.T) {
	for _, opts := range []Options{
		{Delegates: -1},
		{Sessions: -5},
		{Delegates: 5}, // the public figures alone: no room for Côte d'Ivoire
		{Delegates: 1},
	} {
		if _, err := Generate(opts); err == nil {
			t.Errorf("Generate(%+v) succeeded, want an error", opts)
		}
	}
}

func TestStaticTablesResolve(t *testing.T) {
	if _, err := countryInfos(); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkGenerate100k(b *testing.B) {
	for b.Loop() {
		if _, err := Generate(Options{Delegates: 100000}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGenerate100kWith2000Sessions(b *testing.B) {
	for b.Loop() {
		if _, err := Generate(Options{Delegates: 100000, Sessions: 2000}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGenerateDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Generate(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
