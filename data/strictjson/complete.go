package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"
)

// DecodeAll is Decode for formats whose writer always writes every member
// (check-in export payloads and their records): it also refuses, naming
// it, a member of v's structs that is missing, unless its json tag says
// omitempty, and text that is not UTF-8 (encoding/json would put U+FFFD
// in place of the bad bytes, and the reader would then hold a value the
// writer never wrote).
func DecodeAll(raw []byte, v any) error {
	if !utf8.Valid(raw) {
		return errors.New("the text is not UTF-8")
	}
	if err := Decode(raw, v); err != nil {
		return err
	}
	// Decode has checked the syntax, the names and the nulls: what is left
	// to find is a member that is not there.
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return present(dec, reflect.TypeOf(v), "")
}

// present reads one value from dec and checks that every object read
// into a struct has all of the struct's required members.
func present(dec *json.Decoder, t reflect.Type, path string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	t = deref(t)
	switch tok {
	case json.Delim('['):
		var elem reflect.Type
		if t != nil && t.Kind() == reflect.Slice {
			elem = t.Elem()
		}
		for i := 0; dec.More(); i++ {
			if err := present(dec, elem, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		_, err = dec.Token()
		return err
	case json.Delim('{'):
		seen := map[string]bool{}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			key := tok.(string)
			seen[key] = true
			mt, _ := memberType(t, key)
			if err := present(dec, mt, join(path, key)); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil {
			return err
		}
		return missing(t, seen, path)
	}
	return nil
}

// missing names the first required member of struct type t not in seen.
func missing(t reflect.Type, seen map[string]bool, path string) error {
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := jsonName(f)
		_, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "" || seen[name] || strings.Contains(","+opts+",", ",omitempty,") {
			continue
		}
		return fmt.Errorf("member %q is missing", join(path, name))
	}
	return nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
