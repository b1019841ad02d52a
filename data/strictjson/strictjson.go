// Package strictjson reads JSON exactly as strictly as the project's
// format documents state it: what encoding/json forgives is refused here.
// encoding/json matches member names ignoring case, keeps the last of two
// members of one name, reads null as an empty array or string, and leaves
// a missing member at its zero value; a file another program wrote that
// way would be read as something its writer did not say. Decode walks the
// tokens instead and checks each member against the Go type it fills.
//
// The rules, for a struct filled from a JSON object:
//   - member names are the fields' json tags, matched byte for byte;
//   - no member appears twice, and no member the type does not have;
//   - every member is present, but those tagged omitempty;
//   - null fills only a pointer (nothing else is ever written as null);
//   - an integer field takes an integer literal (no fraction, no
//     exponent) within the field's range;
//   - a map takes an object whose names appear once each;
//   - after the one value, nothing but white space;
//   - the text is UTF-8 (encoding/json would replace bad bytes silently).
//
// Every refusal is an *Error naming where (`checkins[3].seq`) and what was
// expected.
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Error is a refusal: Path is where in the value (empty for the value
// itself), Msg what is wrong there.
type Error struct {
	Path string
	Msg  string
}

func (e *Error) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// Decode fills v, a non-nil pointer, from b under the package's rules.
func Decode(b []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return errors.New("strictjson: Decode needs a non-nil pointer")
	}
	if !utf8.Valid(b) {
		return &Error{Msg: "not UTF-8 text"}
	}
	r := reader{dec: json.NewDecoder(bytes.NewReader(b))}
	r.dec.UseNumber()
	if err := r.value(rv.Elem(), ""); err != nil {
		return err
	}
	if _, err := r.dec.Token(); err != io.EOF {
		return &Error{Msg: "something follows the JSON value"}
	}
	return nil
}

type reader struct {
	dec *json.Decoder
}

func (r *reader) token(path string) (json.Token, error) {
	tok, err := r.dec.Token()
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, &Error{Path: path, Msg: "the JSON text ends too early"}
	}
	if err != nil {
		return nil, &Error{Path: path, Msg: "not JSON: " + strings.TrimPrefix(err.Error(), "json: ")}
	}
	return tok, nil
}

func (r *reader) value(v reflect.Value, path string) error {
	tok, err := r.token(path)
	if err != nil {
		return err
	}
	return r.fill(tok, v, path)
}

func (r *reader) fill(tok json.Token, v reflect.Value, path string) error {
	if v.Kind() == reflect.Pointer {
		if tok == nil {
			v.SetZero()
			return nil
		}
		p := reflect.New(v.Type().Elem())
		if err := r.fill(tok, p.Elem(), path); err != nil {
			return err
		}
		v.Set(p)
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		if s, ok := tok.(string); ok {
			v.SetString(s)
			return nil
		}
	case reflect.Bool:
		if b, ok := tok.(bool); ok {
			v.SetBool(b)
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, ok := tok.(json.Number); ok {
			i, err := strconv.ParseInt(string(n), 10, v.Type().Bits())
			if err == nil {
				v.SetInt(i)
				return nil
			}
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if n, ok := tok.(json.Number); ok {
			u, err := strconv.ParseUint(string(n), 10, v.Type().Bits())
			if err == nil {
				v.SetUint(u)
				return nil
			}
		}
	case reflect.Slice:
		if tok == json.Delim('[') {
			return r.array(v, path)
		}
	case reflect.Map:
		if tok == json.Delim('{') && v.Type().Key().Kind() == reflect.String {
			return r.mapObject(v, path)
		}
	case reflect.Struct:
		if tok == json.Delim('{') {
			return r.object(v, path)
		}
	}
	return &Error{Path: path, Msg: "expected " + expected(v.Type()) + ", got " + found(tok)}
}

func (r *reader) array(v reflect.Value, path string) error {
	s := reflect.MakeSlice(v.Type(), 0, 0)
	for i := 0; r.dec.More(); i++ {
		e := reflect.New(v.Type().Elem()).Elem()
		if err := r.value(e, fmt.Sprintf("%s[%d]", path, i)); err != nil {
			return err
		}
		s = reflect.Append(s, e)
	}
	v.Set(s)
	_, err := r.token(path) // the closing bracket: the decoder checked the syntax
	return err
}

func (r *reader) mapObject(v reflect.Value, path string) error {
	m := reflect.MakeMap(v.Type())
	for r.dec.More() {
		name, err := r.name(path)
		if err != nil {
			return err
		}
		if m.MapIndex(reflect.ValueOf(name).Convert(v.Type().Key())).IsValid() {
			return &Error{Path: path, Msg: fmt.Sprintf("member %q appears twice", name)}
		}
		e := reflect.New(v.Type().Elem()).Elem()
		if err := r.value(e, join(path, name)); err != nil {
			return err
		}
		m.SetMapIndex(reflect.ValueOf(name).Convert(v.Type().Key()), e)
	}
	v.Set(m)
	_, err := r.token(path)
	return err
}

func (r *reader) object(v reflect.Value, path string) error {
	info := fieldsOf(v.Type())
	seen := make([]bool, len(info.fields))
	for r.dec.More() {
		name, err := r.name(path)
		if err != nil {
			return err
		}
		i, ok := info.byName[name]
		if !ok {
			return &Error{Path: path, Msg: unknownMember(info, name)}
		}
		if seen[i] {
			return &Error{Path: path, Msg: fmt.Sprintf("member %q appears twice", name)}
		}
		seen[i] = true
		f := info.fields[i]
		if err := r.value(v.FieldByIndex(f.index), join(path, name)); err != nil {
			return err
		}
	}
	for i, f := range info.fields {
		if !seen[i] && !f.optional {
			return &Error{Path: path, Msg: fmt.Sprintf("member %q is missing", f.name)}
		}
	}
	_, err := r.token(path)
	return err
}

func (r *reader) name(path string) (string, error) {
	tok, err := r.token(path)
	if err != nil {
		return "", err
	}
	name, ok := tok.(string)
	if !ok {
		return "", &Error{Path: path, Msg: "expected a member name, got " + found(tok)}
	}
	return name, nil
}

func unknownMember(info *structInfo, name string) string {
	for _, f := range info.fields {
		if strings.EqualFold(f.name, name) {
			return fmt.Sprintf("member %q is not known (names are case-sensitive: %q)", name, f.name)
		}
	}
	return fmt.Sprintf("member %q is not known", name)
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// expected names what a Go type takes, for messages.
func expected(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return expected(t.Elem()) + " or null"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		bits := t.Bits()
		return fmt.Sprintf("an integer from %d to %d", int64(-1)<<(bits-1), int64(math.MaxInt64>>(64-bits)))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return fmt.Sprintf("an integer from 0 to %d", uint64(math.MaxUint64>>(64-t.Bits())))
	case reflect.Slice:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return t.String()
}

// found names what a token is, for messages.
func found(tok json.Token) string {
	switch t := tok.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return strconv.FormatBool(t)
	case json.Number:
		return "the number " + string(t)
	case json.Delim:
		if t == '{' {
			return "an object"
		}
		return "an array"
	}
	return fmt.Sprint(tok)
}

type field struct {
	name     string
	index    []int
	optional bool
}

type structInfo struct {
	fields []field
	byName map[string]int
}

var infos sync.Map // reflect.Type → *structInfo

// fieldsOf reads a struct's json tags once per type. A field without a
// tag, unexported, or tagged "-" is not a member; the members of an
// embedded struct without a tag are the struct's own, as encoding/json
// has them.
func fieldsOf(t reflect.Type) *structInfo {
	if i, ok := infos.Load(t); ok {
		return i.(*structInfo)
	}
	info := &structInfo{byName: map[string]int{}}
	info.add(t, nil)
	infos.Store(t, info)
	return info
}

func (info *structInfo) add(t reflect.Type, at []int) {
	for i := range t.NumField() {
		sf := t.Field(i)
		index := append(append([]int(nil), at...), i)
		tag, ok := sf.Tag.Lookup("json")
		if !ok && sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			info.add(sf.Type, index)
			continue
		}
		if !ok || !sf.IsExported() || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		info.byName[name] = len(info.fields)
		info.fields = append(info.fields, field{name: name, index: index, optional: strings.Contains(","+opts+",", ",omitempty,")})
	}
}
