package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner reads one part of a workbook as a stream of tags and text.
// encoding/xml takes about 4 s for the 80 MB sheet of 100,000 delegates,
// most of it allocating a token at a time; a workbook part needs element
// names, a few attributes and text, and this reads those from a buffer
// in a small fraction of that time. Namespace prefixes are dropped (some
// writers spell every element "x:c"), comments and processing
// instructions are skipped, CDATA is text, and a DOCTYPE, which no
// spreadsheet writes and which could declare entities, is refused.
type xmlScanner struct {
	r        io.Reader
	buf      []byte
	pos, end int
	acc      []byte // a tag or text that spans buffer refills
	tag      []byte // a start tag whose quoted value holds a '>'
	afterLT  bool   // the '<' of the next tag has been read

	// The last token: the local name and raw attributes of a tag, or
	// the raw text (escaped unless cdata).
	name        []byte
	attrs       []byte
	attrsSplit  bool
	attrList    []xmlAttr
	selfClosing bool
	text        []byte
	cdata       bool
}

type xmlToken int

const (
	xmlEOF xmlToken = iota
	xmlStart
	xmlEnd
	xmlText
)

// maxXMLToken bounds one tag or one run of text: a cell holds at most
// 32,767 characters, a few bytes each even escaped.
const maxXMLToken = 4 << 20

var errXMLTooLong = fmt.Errorf("holds a tag or text over %s, far more than a cell can hold", sizeText(maxXMLToken))

func newXMLScanner(r io.Reader, size int) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, min(max(size, 16), 64<<10))}
}

// fill reads more input into the emptied buffer.
func (s *xmlScanner) fill() error {
	n, err := io.ReadAtLeast(s.r, s.buf, 1)
	s.pos, s.end = 0, n
	if n > 0 {
		return nil
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = io.EOF
	}
	return err
}

// readUntil returns what comes before the next delim and consumes delim.
// The slice is valid until the next read. At the end of the input it
// returns what was left with io.EOF.
func (s *xmlScanner) readUntil(delim byte) ([]byte, error) {
	s.acc = s.acc[:0]
	spanned := false
	for {
		if s.pos == s.end {
			if err := s.fill(); err != nil {
				return s.acc, err
			}
		}
		chunk := s.buf[s.pos:s.end]
		if i := bytes.IndexByte(chunk, delim); i >= 0 {
			s.pos += i + 1
			if !spanned {
				return chunk[:i], nil
			}
			s.acc = append(s.acc, chunk[:i]...)
			return s.acc, nil
		}
		s.acc = append(s.acc, chunk...)
		s.pos, spanned = s.end, true
		if len(s.acc) > maxXMLToken {
			return nil, errXMLTooLong
		}
	}
}

// next reads the next token.
func (s *xmlScanner) next() (xmlToken, error) {
	for {
		if !s.afterLT && s.pos < s.end && s.buf[s.pos] == '<' {
			// A tag right after a tag, as nearly all are in a sheet.
			s.pos++
			s.afterLT = true
		}
		if !s.afterLT {
			text, err := s.readUntil('<')
			if err == io.EOF {
				if len(bytes.TrimSpace(text)) > 0 {
					return xmlEOF, errors.New("has text after its last tag")
				}
				return xmlEOF, nil
			}
			if err != nil {
				return xmlEOF, err
			}
			s.afterLT = true
			if len(text) > 0 {
				s.text, s.cdata = text, false
				return xmlText, nil
			}
		}
		s.afterLT = false
		tok, skip, err := s.readTag()
		if !skip || err != nil {
			return tok, err
		}
	}
}

// readTag reads a tag after its '<'; skip is true for a comment or a
// processing instruction, which the caller passes over (in a loop, not by
// recursion: a file may hold millions of them).
func (s *xmlScanner) readTag() (tok xmlToken, skip bool, err error) {
	body, err := s.readUntil('>')
	if err != nil {
		return xmlEOF, false, truncated(err)
	}
	if len(body) > 0 && (body[0] == '!' || body[0] == '?' || body[0] == '/') {
		return s.specialTag(body)
	}
	quoted, lt := scanTag(body)
	if quoted {
		if body, err = s.readThrough(body, "", 0); err != nil {
			return xmlEOF, false, err
		}
		_, lt = scanTag(body)
	}
	if lt {
		return xmlEOF, false, errors.New("has a '<' inside a tag")
	}
	tok, err = s.startTag(body)
	return tok, false, err
}

// specialTag reads an end tag, a comment, CDATA or a processing
// instruction.
func (s *xmlScanner) specialTag(body []byte) (tok xmlToken, skip bool, err error) {
	switch {
	case body[0] == '/':
		s.name = localName(bytes.TrimSpace(body[1:]))
		return xmlEnd, false, nil
	case bytes.HasPrefix(body, []byte("!--")):
		_, err := s.readThrough(body, "--", len("!----"))
		return xmlEOF, true, err
	case bytes.HasPrefix(body, []byte("![CDATA[")):
		full, err := s.readThrough(body, "]]", len("![CDATA[]]"))
		if err != nil {
			return xmlEOF, false, err
		}
		s.text, s.cdata = full[len("![CDATA["):len(full)-2], true
		return xmlText, false, nil
	case body[0] == '?':
		_, err := s.readThrough(body, "?", len("??"))
		return xmlEOF, true, err
	}
	return xmlEOF, false, errors.New("has a DOCTYPE or other declaration, which spreadsheets do not write")
}

// readThrough extends a tag read up to a '>' until it ends with suffix
// before that '>' and is at least min bytes long; with suffix "" it
// extends a start tag until its quotes are closed. The result is valid
// until the next call. Only what each step adds is looked at, so that a
// tag of many '>' costs time in proportion to its length.
func (s *xmlScanner) readThrough(body []byte, suffix string, min int) ([]byte, error) {
	quote := openQuote(0, body)
	done := func(b []byte) bool {
		if suffix == "" {
			return quote == 0
		}
		return len(b) >= min && bytes.HasSuffix(b, []byte(suffix))
	}
	if done(body) {
		return body, nil
	}
	s.tag = append(s.tag[:0], body...)
	for {
		more, err := s.readUntil('>')
		if err != nil {
			return nil, truncated(err)
		}
		s.tag = append(append(s.tag, '>'), more...)
		if len(s.tag) > maxXMLToken {
			return nil, errXMLTooLong
		}
		quote = openQuote(quote, more)
		if done(s.tag) {
			return s.tag, nil
		}
	}
}

func truncated(err error) error {
	if err == io.EOF {
		return errors.New("ends in the middle of a tag")
	}
	return err
}

// openQuote is the quote still open after b, given the one open before.
func openQuote(quote byte, b []byte) byte {
	quote, _ = scanQuotes(quote, b)
	return quote
}

// scanTag reports, in one pass over a tag read up to a '>', whether it
// stopped inside a quoted value and whether a '<' stands outside quotes,
// which XML does not allow. Tags are short: a loop beats three searches.
func scanTag(body []byte) (quoted, lt bool) {
	quote, lt := scanQuotes(0, body)
	return quote != 0, lt
}

// scanQuotes follows quoted values through b: the quote still open after
// it (given the one open before), and whether a '<' stands outside quotes.
func scanQuotes(quote byte, b []byte) (open byte, lt bool) {
	for _, c := range b {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '<':
			lt = true
		}
	}
	return quote, lt
}

func (s *xmlScanner) startTag(body []byte) (xmlToken, error) {
	s.selfClosing = len(body) > 0 && body[len(body)-1] == '/'
	if s.selfClosing {
		body = body[:len(body)-1]
	}
	i := 0
	for i < len(body) && !isSpace(body[i]) {
		i++
	}
	if i == 0 {
		return xmlEOF, errors.New("has a tag without a name")
	}
	s.name, s.attrs, s.attrsSplit = localName(body[:i]), body[i:], false
	return xmlStart, nil
}

// tryText reads open, a plain text and close when they come next in the
// buffer, as in <v>42</v></c>: the cells of a sheet are nearly all this
// short, and reading them whole skips four tokens of seven. Anything
// else (an entity, a line end, a prefix, attributes, a buffer boundary)
// returns false and is read token by token.
func (s *xmlScanner) tryText(open, close string) ([]byte, bool) {
	if s.afterLT {
		return nil, false
	}
	rest := s.buf[s.pos:s.end]
	if len(rest) < len(open) || string(rest[:len(open)]) != open {
		return nil, false
	}
	rest = rest[len(open):]
	n := bytes.IndexByte(rest, '<')
	if n < 0 || len(rest)-n < len(close) || string(rest[n:n+len(close)]) != close {
		return nil, false
	}
	text := rest[:n]
	if bytes.IndexByte(text, '&') >= 0 || bytes.IndexByte(text, '\r') >= 0 {
		return nil, false
	}
	s.pos += len(open) + n + len(close)
	return text, true
}

// localName drops a namespace prefix.
func localName(name []byte) []byte {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// is reports whether the last tag has the local name n.
func (s *xmlScanner) is(n string) bool { return string(s.name) == n }

// attr returns the unescaped value of the last start tag's attribute
// whose local name is want.
func (s *xmlScanner) attr(want string) (string, bool, error) {
	raw, ok, err := s.rawAttr(want)
	if !ok || err != nil {
		return "", ok, err
	}
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		return string(raw), true, nil
	}
	v, err := appendUnescaped(nil, raw)
	return string(v), true, err
}

// rawAttr returns an attribute's value as written. The attributes of a
// tag are split once, on the first look-up, without allocating: a sheet
// has millions of cells with three attributes each.
func (s *xmlScanner) rawAttr(want string) ([]byte, bool, error) {
	if !s.attrsSplit {
		if err := s.splitAttrs(); err != nil {
			return nil, false, err
		}
	}
	for _, a := range s.attrList {
		if string(a.name) == want {
			return a.value, true, nil
		}
	}
	return nil, false, nil
}

type xmlAttr struct{ name, value []byte }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// splitAttrs splits name="value" pairs in one pass; attributes are a few
// bytes each, and a loop beats a search per quote.
func (s *xmlScanner) splitAttrs() error {
	s.attrsSplit = true
	s.attrList = s.attrList[:0]
	a := s.attrs
	for i := skipSpaces(a, 0); i < len(a); i = skipSpaces(a, i) {
		name, next := attrName(a, i)
		i = skipSpaces(a, next)
		if i == len(a) || a[i] != '=' {
			return errors.New("has an attribute without a value")
		}
		value, next, err := attrValue(a, skipSpaces(a, i+1))
		if err != nil {
			return err
		}
		s.attrList = append(s.attrList, xmlAttr{name, value})
		i = next
	}
	return nil
}

func skipSpaces(a []byte, i int) int {
	for i < len(a) && isSpace(a[i]) {
		i++
	}
	return i
}

// attrName reads an attribute's name from a[i:], without its prefix.
func attrName(a []byte, i int) (name []byte, next int) {
	start := i
	for i < len(a) && a[i] != '=' && !isSpace(a[i]) {
		if a[i] == ':' {
			start = i + 1
		}
		i++
	}
	return a[start:i], i
}

// attrValue reads a quoted value from a[i:].
func attrValue(a []byte, i int) (value []byte, next int, err error) {
	if i == len(a) || (a[i] != '"' && a[i] != '\'') {
		return nil, i, errors.New("has an attribute value without quotes")
	}
	quote, start := a[i], i+1
	for i = start; i < len(a) && a[i] != quote; i++ {
	}
	if i == len(a) {
		return nil, i, errors.New("has an attribute value without its closing quote")
	}
	return a[start:i], i + 1, nil
}

// appendText appends the last text token, unescaped, to dst.
func (s *xmlScanner) appendText(dst []byte) ([]byte, error) {
	if s.cdata {
		return appendNewlines(dst, s.text), nil
	}
	return appendUnescaped(dst, s.text)
}

// appendNewlines appends src with its line ends made "\n", as an XML
// parser must.
func appendNewlines(dst, src []byte) []byte {
	for {
		i := bytes.IndexByte(src, '\r')
		if i < 0 {
			return append(dst, src...)
		}
		dst = append(append(dst, src[:i]...), '\n')
		src = src[i+1:]
		if len(src) > 0 && src[0] == '\n' {
			src = src[1:]
		}
	}
}

var xmlEntities = map[string]byte{"amp": '&', "lt": '<', "gt": '>', "quot": '"', "apos": '\''}

// appendUnescaped appends src with its entity and character references
// replaced; the five predefined entities are the only named ones XML
// knows without a DOCTYPE.
func appendUnescaped(dst, src []byte) ([]byte, error) {
	for {
		i := bytes.IndexByte(src, '&')
		if i < 0 {
			return appendNewlines(dst, src), nil
		}
		dst = appendNewlines(dst, src[:i])
		src = src[i+1:]
		semi := bytes.IndexByte(src, ';')
		if semi < 0 || semi > 12 {
			return dst, errors.New("has an '&' that starts no character reference")
		}
		ref := string(src[:semi])
		src = src[semi+1:]
		if c, ok := xmlEntities[ref]; ok {
			dst = append(dst, c)
			continue
		}
		r, ok := charRef(ref)
		if !ok {
			return dst, fmt.Errorf("has an unknown character reference &%s;", ref)
		}
		dst = utf8.AppendRune(dst, r)
	}
}

// charRef decodes "#65" or "#x41".
func charRef(ref string) (rune, bool) {
	if len(ref) < 2 || ref[0] != '#' {
		return 0, false
	}
	base, digits := 10, ref[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || n == 0 || !utf8.ValidRune(rune(n)) {
		return 0, false
	}
	return rune(n), true
}
