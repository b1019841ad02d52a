// Package strictjson decodes JSON that crosses a trust boundary exactly as
// our documents describe it. encoding/json on its own matches member
// names ignoring case, keeps the last of two members with one name, takes
// null for any value and stops reading after the first value; a document
// that says "event_id" must not be met by "EVENT_ID", two "version"s or a
// second object after the first.
package strictjson

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Decode decodes raw, which must be exactly one JSON value (white space
// around it allowed), into v. It refuses, naming the member by its path
// (files[2].sha256): a member name that is not one of v's json names,
// spelt exactly; a member twice in one object; null anywhere; a value of
// the wrong type; anything after the value. Then encoding/json decodes
// it, refusing what is left (a number too large for its field).
func Decode(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := walk(dec, reflect.TypeOf(v), ""); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("there is more after the JSON value; the text must hold one object only")
	}
	strict := json.NewDecoder(bytes.NewReader(raw))
	strict.DisallowUnknownFields()
	var typeErr *json.UnmarshalTypeError
	if err := strict.Decode(v); errors.As(err, &typeErr) {
		return fmt.Errorf("member %q holds a %s where a %s belongs", typeErr.Field, typeErr.Value, kind(typeErr.Type))
	} else if err != nil {
		return err
	}
	return nil
}

// kind names a Go type as the JSON it is written as.
func kind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "whole number"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "list"
	case reflect.Map, reflect.Struct:
		return "object"
	}
	return t.String()
}

// walk reads one value from dec, checking it against t, the Go type it
// will be decoded into (nil: any value).
func walk(dec *json.Decoder, t reflect.Type, path string) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("%sthe JSON is not well formed: %v", at(path), err)
	}
	t = deref(t)
	switch tok {
	case nil:
		return fmt.Errorf("%s is null; leave a member out or give it a value", name(path))
	case json.Delim('{'):
		if err := wrongType(t, path, "an object", reflect.Map, reflect.Struct); err != nil {
			return err
		}
		return walkObject(dec, t, path)
	case json.Delim('['):
		if err := wrongType(t, path, "a list", reflect.Slice, reflect.Array); err != nil {
			return err
		}
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			elem = t.Elem()
		}
		for i := 0; dec.More(); i++ {
			if err := walk(dec, elem, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return closing(dec, path)
	}
	return scalar(tok, t, path)
}

// scalar checks a string, number or true/false against t, here rather
// than in encoding/json, whose error names a member inside a list
// without its index (files.size for files[1].size).
func scalar(tok json.Token, t reflect.Type, path string) error {
	switch v := tok.(type) {
	case string:
		return wrongType(t, path, "a string", reflect.String)
	case bool:
		return wrongType(t, path, "true or false", reflect.Bool)
	case json.Number:
		if err := wrongType(t, path, "a number", numberKinds...); err != nil || t == nil || decodesItself(t) {
			return err
		}
		var err error
		switch {
		case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
			_, err = strconv.ParseInt(string(v), 10, t.Bits())
		case t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uint64:
			_, err = strconv.ParseUint(string(v), 10, t.Bits())
		}
		if err != nil {
			return fmt.Errorf("%s holds a number %s where a %s belongs", name(path), v, kind(t))
		}
	}
	return nil
}

var numberKinds = []reflect.Kind{reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
	reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64}

// wrongType refuses a value (got: "a string") where t, the Go type it is
// read into, is of none of kinds. A type that reads its own JSON
// (time.Time from a string) and an interface take any value.
func wrongType(t reflect.Type, path, got string, kinds ...reflect.Kind) error {
	if t == nil || t.Kind() == reflect.Interface || decodesItself(t) || slices.Contains(kinds, t.Kind()) {
		return nil
	}
	return fmt.Errorf("%s holds %s where %s belongs", name(path), got, article(kind(t)))
}

func decodesItself(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	return p.Implements(reflect.TypeFor[json.Unmarshaler]()) || p.Implements(reflect.TypeFor[encoding.TextUnmarshaler]())
}

func article(s string) string {
	if s == "object" {
		return "an object"
	}
	if s == "true or false" {
		return s
	}
	return "a " + s
}

// closing reads the end of an object or array.
func closing(dec *json.Decoder, path string) error {
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("%sthe JSON is not well formed: %v", at(path), err)
	}
	return nil
}

func walkObject(dec *json.Decoder, t reflect.Type, path string) error {
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("%sthe JSON is not well formed: %v", at(path), err)
		}
		key := tok.(string)
		sub := key
		if path != "" {
			sub = path + "." + key
		}
		if seen[key] {
			return fmt.Errorf("member %q appears twice", sub)
		}
		seen[key] = true
		mt, ok := memberType(t, key)
		if !ok {
			return fmt.Errorf("member %q is unknown (member names are case-sensitive)", sub)
		}
		if err := walk(dec, mt, sub); err != nil {
			return err
		}
	}
	return closing(dec, path)
}

// memberType is the type of t's member key, and whether t has one: a
// struct's field whose json name is key exactly, a map's element.
func memberType(t reflect.Type, key string) (reflect.Type, bool) {
	if t == nil || t.Kind() == reflect.Interface {
		return nil, true
	}
	switch t.Kind() {
	case reflect.Map:
		return t.Elem(), true
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.IsExported() && jsonName(f) == key {
				return f.Type, true
			}
		}
	}
	return nil, false
}

func jsonName(f reflect.StructField) string {
	tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch tag {
	case "-":
		return ""
	case "":
		return f.Name
	}
	return tag
}

func deref(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func name(path string) string {
	if path == "" {
		return "the top-level value"
	}
	return fmt.Sprintf("member %q", path)
}

func at(path string) string {
	if path == "" {
		return ""
	}
	return fmt.Sprintf("at %q: ", path)
}
