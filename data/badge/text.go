package badge

// EncodeText writes bytes in the badge alphabet after a prefix, for other
// signed codes that travel through the same scanners (check-in codes). The
// prefix must itself be made of alphabet letters for the text to survive
// every layout the alphabet does.
func EncodeText(prefix string, b []byte) string {
	out := make([]byte, len(prefix)+2*len(b))
	copy(out, prefix)
	for i, c := range b {
		out[len(prefix)+2*i] = alphabet[c>>4]
		out[len(prefix)+2*i+1] = alphabet[c&0x0f]
	}
	return string(out)
}

// DecodeText reads what EncodeText wrote. The text must already be upper
// case and trimmed; ok is false for anything else.
func DecodeText(prefix, s string) (b []byte, ok bool) {
	if len(s) < len(prefix)+2 || s[:len(prefix)] != prefix || (len(s)-len(prefix))%2 != 0 {
		return nil, false
	}
	body := s[len(prefix):]
	b = make([]byte, len(body)/2)
	for i := range b {
		hi, lo := nibble[body[2*i]], nibble[body[2*i+1]]
		if hi < 0 || lo < 0 {
			return nil, false
		}
		b[i] = byte(hi)<<4 | byte(lo)
	}
	return b, true
}
