package directory

import (
	"encoding/binary"
	"errors"
	"fmt"

	"kiosk/data"
)

// blobMagic starts every marshalled index; the digit is its version.
const blobMagic = "KDIX2\n"

// Marshal writes the index as one compact blob. Every string lives once in
// a string table that Unmarshal turns into a single Go string, so loading
// 100,000 delegates costs one allocation for all their text rather than
// hundreds of thousands.
func (ix *Index) Marshal() []byte {
	var table []byte
	seen := map[string][2]uint64{}
	str := func(s string, dedupe bool) [2]uint64 {
		if dedupe {
			if ref, ok := seen[s]; ok {
				return ref
			}
		}
		ref := [2]uint64{uint64(len(table)), uint64(len(s))}
		table = append(table, s...)
		if dedupe {
			seen[s] = ref
		}
		return ref
	}
	type entryRefs struct {
		id, name, hon, org, code, country, role [2]uint64
	}
	refs := make([]entryRefs, len(ix.entries))
	for i, e := range ix.entries {
		refs[i] = entryRefs{
			id: str(e.ID, false), name: str(e.Name, false), hon: str(e.Honorific, true),
			org: str(e.Organisation, true), code: str(e.CountryCode, true),
			country: str(e.CountryName, true), role: str(string(e.Role), true),
		}
	}
	wordRefs := make([][2]uint64, len(ix.words))
	for i, w := range ix.words {
		wordRefs[i] = str(w, true)
	}
	initialRefs := make([][2]uint64, len(ix.initials))
	for i, in := range ix.initials {
		initialRefs[i] = str(in, true)
	}

	out := make([]byte, 0, len(table)+len(ix.entries)*24+len(ix.postings)*2+64)
	out = append(out, blobMagic...)
	for _, v := range []int{len(table), len(ix.entries), len(ix.words), len(ix.postings)} {
		out = binary.AppendUvarint(out, uint64(v))
	}
	out = append(out, table...)
	for _, r := range refs {
		for _, ref := range [][2]uint64{r.id, r.name, r.hon, r.org, r.code, r.country, r.role} {
			out = binary.AppendUvarint(out, ref[0])
			out = binary.AppendUvarint(out, ref[1])
		}
	}
	for i, ref := range wordRefs {
		out = binary.AppendUvarint(out, ref[0])
		out = binary.AppendUvarint(out, ref[1])
		out = binary.AppendUvarint(out, uint64(ix.postStart[i+1]-ix.postStart[i]))
	}
	for i := range ix.words {
		prev := uint32(0)
		for _, p := range ix.postings[ix.postStart[i]:ix.postStart[i+1]] {
			out = binary.AppendUvarint(out, uint64(p-prev))
			prev = p
		}
	}
	// The runs of initials, after the postings (version 2).
	out = binary.AppendUvarint(out, uint64(len(ix.initials)))
	for i, ref := range initialRefs {
		out = binary.AppendUvarint(out, ref[0])
		out = binary.AppendUvarint(out, ref[1])
		out = binary.AppendUvarint(out, uint64(ix.initialEnd[i]))
	}
	return out
}

// blobReader reads uvarints and remembers the first problem.
type blobReader struct {
	b   []byte
	err error
}

func (r *blobReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errors.New("truncated number")
		return 0
	}
	r.b = r.b[n:]
	return v
}

// str reads a string reference into the table.
func (r *blobReader) str(table string) string {
	off, n := r.uint(), r.uint()
	if r.err != nil {
		return ""
	}
	if off > uint64(len(table)) || n > uint64(len(table))-off {
		r.err = fmt.Errorf("string %d+%d outside a table of %d", off, n, len(table))
		return ""
	}
	return table[off : off+n]
}

// Unmarshal reads an index written by Marshal. It checks every bound, so a
// damaged blob is an error, never a panic or a wrong answer about who is
// listed.
func Unmarshal(b []byte) (*Index, error) {
	if len(b) < len(blobMagic) || string(b[:len(blobMagic)]) != blobMagic {
		return nil, errors.New("directory index: not an index blob of this version")
	}
	r := &blobReader{b: b[len(blobMagic):]}
	tableLen, nEntries, nWords, nPostings := r.uint(), r.uint(), r.uint(), r.uint()
	if r.err != nil {
		return nil, fmt.Errorf("directory index header: %w", r.err)
	}
	// Each entry, word and posting takes at least a byte: larger counts
	// than bytes left mean a damaged blob, not a huge allocation.
	if tableLen > uint64(len(r.b)) || nEntries > uint64(len(r.b)) || nWords > uint64(len(r.b)) ||
		nPostings > uint64(len(r.b)) || nEntries >= 1<<31 {
		return nil, errors.New("directory index: counts larger than the blob")
	}
	table := string(r.b[:tableLen])
	r.b = r.b[tableLen:]
	ix := &Index{entries: make([]data.DelegateSummary, nEntries)}
	for i := range ix.entries {
		e := &ix.entries[i]
		e.ID, e.Name, e.Honorific, e.Organisation = r.str(table), r.str(table), r.str(table), r.str(table)
		e.CountryCode, e.CountryName, e.Role = r.str(table), r.str(table), data.Role(r.str(table))
	}
	ix.words = make([]string, nWords)
	ix.postStart = make([]int32, nWords+1)
	total := uint64(0)
	for i := range ix.words {
		ix.words[i] = r.str(table)
		total += r.uint()
		if total > nPostings {
			return nil, errors.New("directory index: more postings than declared")
		}
		ix.postStart[i+1] = int32(total)
		if i > 0 && ix.words[i] <= ix.words[i-1] && r.err == nil {
			return nil, errors.New("directory index: words out of order")
		}
	}
	if total != nPostings {
		return nil, errors.New("directory index: fewer postings than declared")
	}
	ix.postings = make([]uint32, nPostings)
	for i := range ix.words {
		prev := uint64(0)
		for k := ix.postStart[i]; k < ix.postStart[i+1]; k++ {
			prev += r.uint()
			if prev>>1 >= nEntries {
				return nil, errors.New("directory index: posting for an entry that does not exist")
			}
			ix.postings[k] = uint32(prev)
		}
	}
	if err := r.initials(ix, table, nEntries); err != nil {
		return nil, err
	}
	if r.err != nil {
		return nil, fmt.Errorf("directory index: %w", r.err)
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("directory index: %d bytes left over", len(r.b))
	}
	ix.indexCountries()
	return ix, nil
}

// initials reads the runs of initials: distinct, in order, each run
// longer than none, together covering every entry exactly once.
func (r *blobReader) initials(ix *Index, table string, nEntries uint64) error {
	n := r.uint()
	if n > nEntries || n > uint64(len(r.b)) {
		return errors.New("directory index: more initials than entries")
	}
	ix.initials = make([]string, n)
	ix.initialEnd = make([]int32, n)
	prev := uint64(0)
	for i := range ix.initials {
		ix.initials[i] = r.str(table)
		end := r.uint()
		if r.err != nil {
			return fmt.Errorf("directory index: %w", r.err)
		}
		if end <= prev || end > nEntries {
			return errors.New("directory index: initials out of range")
		}
		if i > 0 && ix.initials[i] <= ix.initials[i-1] {
			return errors.New("directory index: initials out of order")
		}
		ix.initialEnd[i] = int32(end)
		prev = end
	}
	if prev != nEntries {
		return errors.New("directory index: initials do not cover every entry")
	}
	return nil
}
