package dataview

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// function is one of Dataview's functions that the subset has.
type function struct {
	min, max int // how many arguments; max -1 for any number
	call     func(e *evaluator, args []any) (any, error)
}

func (f function) arity() string {
	switch {
	case f.min == f.max:
		return fmt.Sprintf("%d argument(s)", f.min)
	case f.max < 0:
		return fmt.Sprintf("%d argument(s) or more", f.min)
	}
	return fmt.Sprintf("%d to %d arguments", f.min, f.max)
}

// functions are the functions queries may call, by lower-case name. A
// query calling another one is outside the subset.
var functions map[string]function

func init() {
	containsFn := func(fold, exact bool) function {
		return function{2, 2, func(e *evaluator, a []any) (any, error) {
			if err := e.spend(size(a[0])); err != nil {
				return nil, err
			}
			// Vectorized over the needle, as in Dataview.
			if needles, ok := a[1].([]any); ok {
				out := make([]any, len(needles))
				for i, n := range needles {
					out[i] = contains(e.coll, a[0], n, fold, exact, 0)
				}
				return out, nil
			}
			return contains(e.coll, a[0], a[1], fold, exact, 0), nil
		}}
	}
	functions = map[string]function{
		"contains":  containsFn(false, false),
		"icontains": containsFn(true, false),
		"econtains": containsFn(false, true),
		"length": {1, 1, func(_ *evaluator, a []any) (any, error) {
			switch v := a[0].(type) {
			case nil:
				return 0.0, nil
			case []any:
				return float64(len(v)), nil
			case string:
				return float64(runeLen(v)), nil
			case fields:
				return float64(len(v)), nil
			}
			return nil, fmt.Errorf("length() of a %s", typeName(a[0]))
		}},
		"lower":      stringFn("lower", strings.ToLower),
		"upper":      stringFn("upper", strings.ToUpper),
		"startswith": prefixFn("startswith", strings.HasPrefix),
		"endswith":   prefixFn("endswith", strings.HasSuffix),
		"default": {2, 2, func(_ *evaluator, a []any) (any, error) {
			return vectorize(a[0], func(v any) (any, error) {
				if v == nil {
					return a[1], nil
				}
				return v, nil
			})
		}},
		"choice": {3, 3, func(_ *evaluator, a []any) (any, error) {
			if truthy(a[0]) {
				return a[1], nil
			}
			return a[2], nil
		}},
		"date": {1, 1, func(e *evaluator, a []any) (any, error) {
			return vectorize(a[0], func(v any) (any, error) {
				switch v := v.(type) {
				case nil, time.Time:
					return v, nil
				case string:
					if d, n, ok := parseDate(strings.TrimSpace(v)); ok && n == len(strings.TrimSpace(v)) {
						return d, nil
					}
					return nil, nil
				case *Link:
					for _, s := range []string{v.Display, v.path()} {
						if d, _, ok := dateInName(s); ok {
							return d, nil
						}
					}
					if p := e.t.byPath[v.source]; p != nil {
						return p.day, nil
					}
					return nil, nil
				}
				return nil, fmt.Errorf("date() of a %s", typeName(v))
			})
		}},
		"number": {1, 1, func(_ *evaluator, a []any) (any, error) {
			return vectorize(a[0], func(v any) (any, error) {
				switch v := v.(type) {
				case nil, float64:
					return v, nil
				case string:
					if f, ok := numberPrefix(v); ok {
						return f, nil
					}
					return nil, nil
				}
				return nil, fmt.Errorf("number() of a %s", typeName(v))
			})
		}},
		"string": {1, 1, func(_ *evaluator, a []any) (any, error) { return toString(a[0]), nil }},
		"typeof": {1, 1, func(_ *evaluator, a []any) (any, error) { return typeName(a[0]), nil }},
		"round": {1, 2, func(_ *evaluator, a []any) (any, error) {
			n, ok := a[0].(float64)
			if !ok {
				if a[0] == nil {
					return nil, nil
				}
				return nil, fmt.Errorf("round() of a %s", typeName(a[0]))
			}
			digits := 0.0
			if len(a) == 2 {
				digits, _ = a[1].(float64)
			}
			if digits <= 0 {
				return math.Floor(n + 0.5), nil
			}
			scale := math.Pow(10, math.Min(digits, 15))
			return math.Round(n*scale) / scale, nil
		}},
		"list": {0, -1, func(_ *evaluator, a []any) (any, error) { return append([]any{}, a...), nil }},
		"join": {1, 2, func(e *evaluator, a []any) (any, error) {
			sep := ", "
			if len(a) == 2 {
				s, ok := a[1].(string)
				if !ok {
					return nil, fmt.Errorf("join() separator must be a string")
				}
				sep = s
			}
			l, ok := a[0].([]any)
			if !ok {
				return toString(a[0]), nil
			}
			if err := e.spend(len(l)); err != nil {
				return nil, err
			}
			parts := make([]string, len(l))
			for i, v := range l {
				parts[i] = toString(v)
			}
			return strings.Join(parts, sep), nil
		}},
	}
}

// vectorize applies f to v, or to each item of v when it is a list.
func vectorize(v any, f func(any) (any, error)) (any, error) {
	l, ok := v.([]any)
	if !ok {
		return f(v)
	}
	out := make([]any, len(l))
	for i, x := range l {
		var err error
		if out[i], err = f(x); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func stringFn(name string, f func(string) string) function {
	return function{1, 1, func(_ *evaluator, a []any) (any, error) {
		return vectorize(a[0], func(v any) (any, error) {
			switch v := v.(type) {
			case nil:
				return nil, nil
			case string:
				return f(v), nil
			}
			return nil, fmt.Errorf("%s() of a %s", name, typeName(v))
		})
	}}
}

func prefixFn(name string, f func(s, prefix string) bool) function {
	return function{2, 2, func(_ *evaluator, a []any) (any, error) {
		s, ok1 := a[0].(string)
		p, ok2 := a[1].(string)
		if a[0] == nil {
			return false, nil
		}
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("%s() of a %s and a %s", name, typeName(a[0]), typeName(a[1]))
		}
		return f(s, p), nil
	}}
}
