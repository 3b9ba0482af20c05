package dataview

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Budget bounds the work of the queries of one page: a query stops with
// an error once the steps left are spent. A note writes its queries, and
// a thousand queries over every note of a large vault must not hold up
// the build.
type Budget struct{ left int }

// NewBudget returns a budget of steps: one step is about one operation on
// one value of one row, a few tens of nanoseconds.
func NewBudget(steps int) *Budget { return &Budget{left: steps} }

// ErrBudget stops a query that would spend more than its Budget left; it
// is not the error of one row.
var ErrBudget = errors.New("the queries of this page take too long")

// Result is what a query gave, ready to be shown (see Markdown).
type Result struct {
	q      *Query
	idName string // the first column: "File", or the name of the group key
	rows   []resultRow
	tasks  []any // TASK: *taskRow, or *group of them
}

type resultRow struct {
	id     any
	values []any
}

// evaluator runs one query.
type evaluator struct {
	t      *Table
	this   *Page
	origin string
	coll   *collate.Collator
	budget *Budget
	links  map[*Link]*Link // the query's literal links, resolved
}

// Eval runs q over the table as the note at origin (a vault path) sees
// it: origin is "this", and links in the query are resolved from it.
func (q *Query) Eval(t *Table, origin string, b *Budget) (*Result, error) {
	e := &evaluator{t: t, this: t.byPath[origin], origin: origin, coll: collate.New(language.Und), budget: b}
	set, err := e.source(q.from)
	if err != nil {
		return nil, err
	}
	var rows []any
	for i, p := range t.pages {
		if set.has(i) {
			if q.Kind == TaskQuery {
				rows = append(rows, p.tasks...)
			} else {
				rows = append(rows, p)
			}
		}
	}
	groupName := ""
	for _, o := range q.ops {
		if rows, err = e.op(o, rows); err != nil {
			return nil, err
		}
		if g, ok := o.(groupOp); ok {
			groupName = g.by.name
		}
	}
	res := &Result{q: q, idName: "File"}
	if groupName != "" {
		res.idName = groupName
	}
	if q.Kind == TaskQuery {
		res.tasks = rows
		return res, nil
	}
	failed, first := 0, error(nil)
rows:
	for _, row := range rows {
		r := resultRow{id: rowLink(row)}
		for _, f := range q.Fields {
			v, err := e.eval(f.expr, row.(object))
			if err != nil {
				if errors.Is(err, ErrBudget) {
					return nil, err
				}
				failed++
				first = cmpOr(first, err)
				continue rows
			}
			r.values = append(r.values, v)
		}
		res.rows = append(res.rows, r)
	}
	if failed > 0 && failed == len(rows) {
		return nil, fmt.Errorf("every row failed: %v", first)
	}
	return res, nil
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// rowLink is what identifies a row in the first column: its note's link,
// or its group's key.
func rowLink(row any) any {
	switch r := row.(type) {
	case *Page:
		return r.link
	case *group:
		return r.key
	case *taskRow:
		return r.p.link
	}
	return nil
}

// op runs one data command over the rows.
func (e *evaluator) op(o op, rows []any) ([]any, error) {
	switch o := o.(type) {
	case whereOp:
		out := rows[:0:0]
		err := e.each(rows, "WHERE", func(row object) error {
			v, err := e.eval(o.cond, row)
			if err == nil && truthy(v) {
				out = append(out, row)
			}
			return err
		})
		return out, err
	case sortOp:
		type keyed struct {
			row  any
			keys []sortValue
			i    int // the row's place, which ties keep
		}
		var ks []keyed
		var buf collate.Buffer
		err := e.each(rows, "SORT", func(row object) error {
			k := keyed{row: row, keys: make([]sortValue, len(o.keys)), i: len(ks)}
			for i, sk := range o.keys {
				v, err := e.eval(sk.expr, row)
				if err != nil {
					return err
				}
				k.keys[i] = sortValue{v: v}
				if s, ok := v.(string); ok {
					k.keys[i].key, k.keys[i].str = slices.Clone(e.coll.KeyFromString(&buf, s)), true
					buf.Reset()
				}
			}
			ks = append(ks, k)
			return nil
		})
		if err != nil {
			return nil, err
		}
		slices.SortFunc(ks, func(a, b keyed) int {
			for i, sk := range o.keys {
				if c := compareSort(e.coll, a.keys[i], b.keys[i]); c != 0 {
					if sk.desc {
						return -c
					}
					return c
				}
			}
			return a.i - b.i
		})
		out := make([]any, len(ks))
		for i, k := range ks {
			out[i] = k.row
		}
		return out, nil
	case limitOp:
		v, err := e.eval(o.n, fields{})
		if err != nil {
			return nil, fmt.Errorf("LIMIT: %v", err)
		}
		n, ok := v.(float64)
		if !ok || math.IsNaN(n) {
			return nil, fmt.Errorf("LIMIT must be a number, not %s", typeName(v))
		}
		// As JavaScript's slice(0, n): a negative n leaves out that many
		// from the end.
		if n < 0 {
			n = max(0, float64(len(rows))+math.Ceil(n))
		}
		return rows[:min(len(rows), int(min(n, math.MaxInt32)))], nil
	case groupOp:
		type keyed struct {
			row any
			key sortValue
			i   int
		}
		var ks []keyed
		var buf collate.Buffer
		err := e.each(rows, "GROUP BY", func(row object) error {
			v, err := e.eval(o.by.expr, row)
			if err != nil {
				return err
			}
			k := keyed{row: row, key: sortValue{v: v}, i: len(ks)}
			if s, ok := v.(string); ok {
				k.key.key, k.key.str = slices.Clone(e.coll.KeyFromString(&buf, s)), true
				buf.Reset()
			}
			ks = append(ks, k)
			return nil
		})
		if err != nil {
			return nil, err
		}
		slices.SortFunc(ks, func(a, b keyed) int { return cmp.Or(compareSort(e.coll, a.key, b.key), a.i-b.i) })
		var out []any
		var last sortValue
		for i, k := range ks {
			if i == 0 || compareSort(e.coll, last, k.key) != 0 {
				out = append(out, &group{name: o.by.name, key: k.key.v})
				last = k.key
			}
			g := out[len(out)-1].(*group)
			g.rows = append(g.rows, k.row)
		}
		return out, nil
	}
	return rows, nil
}

// each calls f for every row. A row f fails on is left out, as Dataview
// leaves it out; the command fails when every row does.
func (e *evaluator) each(rows []any, command string, f func(row object) error) error {
	failed := 0
	var first error
	for _, row := range rows {
		if err := f(row.(object)); err != nil {
			if errors.Is(err, ErrBudget) {
				return err
			}
			failed++
			first = cmpOr(first, err)
		}
	}
	if failed > 0 && failed == len(rows) {
		return fmt.Errorf("%s failed on every row: %v", command, first)
	}
	return nil
}

// set is a set of pages, by their index in the table.
type set []uint64

func (s set) has(i int) bool { return s[i/64]&(1<<(i%64)) != 0 }
func (s set) add(i int)      { s[i/64] |= 1 << (i % 64) }

func (e *evaluator) all() set {
	s := make(set, (len(e.t.pages)+63)/64)
	for i := range e.t.pages {
		s.add(i)
	}
	return s
}

func (e *evaluator) none() set { return make(set, (len(e.t.pages)+63)/64) }

func (e *evaluator) matching(f func(p *Page) bool) set {
	s := e.none()
	for i, p := range e.t.pages {
		if f(p) {
			s.add(i)
		}
	}
	return s
}

// source returns the pages a FROM names.
func (e *evaluator) source(src source) (set, error) {
	if err := e.spend(len(e.t.pages) / 16); err != nil {
		return nil, err
	}
	switch s := src.(type) {
	case nil:
		return e.all(), nil
	case tagSource:
		key := e.t.o.TagKey(s.tag)
		if key == "" {
			return e.none(), nil
		}
		under := key + "/"
		return e.matching(func(p *Page) bool {
			return slices.ContainsFunc(p.tagKeys, func(k string) bool {
				return k == key || strings.HasPrefix(k, under)
			})
		}), nil
	case folderSource:
		if s.path == "" {
			return e.all(), nil
		}
		in := e.matching(func(p *Page) bool { return strings.HasPrefix(p.Path, s.path+"/") })
		if slices.ContainsFunc(in, func(w uint64) bool { return w != 0 }) {
			return in, nil
		}
		return e.matching(func(p *Page) bool { return p.Path == s.path || p.Path == s.path+".md" }), nil
	case linkSource:
		target := e.origin
		if s.target != "" {
			target, _ = e.t.o.Resolve(e.origin, s.target, "")
		}
		if s.outgoing {
			p := e.t.byPath[target]
			if p == nil {
				return nil, fmt.Errorf("no published note named %q", s.target)
			}
			return e.matching(func(q *Page) bool {
				return slices.ContainsFunc(p.outlinks, func(l *Link) bool { return l.source == q.Path })
			}), nil
		}
		if target == "" {
			// A note that is not published: the notes whose links name
			// it, which lead nowhere.
			want := strings.ToLower(s.target)
			return e.matching(func(p *Page) bool {
				return slices.ContainsFunc(p.outlinks, func(l *Link) bool {
					return l.source == "" && strings.ToLower(l.Target) == want
				})
			}), nil
		}
		return e.matching(func(p *Page) bool {
			return slices.ContainsFunc(p.outlinks, func(l *Link) bool { return l.source == target })
		}), nil
	case notSource:
		in, err := e.source(s.s)
		if err != nil {
			return nil, err
		}
		for i := range in {
			in[i] = ^in[i]
		}
		if n := len(e.t.pages) % 64; n != 0 {
			in[len(in)-1] &= 1<<n - 1
		}
		return in, nil
	case binarySource:
		l, err := e.source(s.l)
		if err != nil {
			return nil, err
		}
		r, err := e.source(s.r)
		if err != nil {
			return nil, err
		}
		for i := range l {
			if s.and {
				l[i] &= r[i]
			} else {
				l[i] |= r[i]
			}
		}
		return l, nil
	}
	return nil, fmt.Errorf("unknown source %T", src)
}

func (e *evaluator) spend(n int) error {
	e.budget.left -= 1 + n
	if e.budget.left < 0 {
		return ErrBudget
	}
	return nil
}

// eval evaluates x for a row.
func (e *evaluator) eval(x expr, row object) (any, error) {
	if err := e.spend(0); err != nil {
		return nil, err
	}
	switch x := x.(type) {
	case literal:
		if l, ok := x.v.(*Link); ok {
			return e.link(l), nil
		}
		return x.v, nil
	case variable:
		if v, ok := row.get(x.name); ok {
			return v, nil
		}
		switch x.name {
		case "this":
			if e.this == nil {
				return nil, nil
			}
			return e.this, nil
		case "row":
			return row, nil
		}
		return nil, nil
	case negateExpr:
		v, err := e.eval(x.e, row)
		if err != nil {
			return nil, err
		}
		return !truthy(v), nil
	case listExpr:
		out := make([]any, len(x.items))
		for i, item := range x.items {
			v, err := e.eval(item, row)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case indexExpr:
		return e.index(x, row)
	case callExpr:
		args := make([]any, len(x.args))
		for i, a := range x.args {
			v, err := e.eval(a, row)
			if err != nil {
				return nil, err
			}
			args[i] = v
		}
		return functions[x.name].call(e, args)
	case binaryExpr:
		return e.binary(x, row)
	}
	return nil, fmt.Errorf("unknown expression %T", x)
}

// link resolves a link written in the query from the note holding it.
func (e *evaluator) link(l *Link) *Link {
	if r, ok := e.links[l]; ok {
		return r
	}
	if e.links == nil {
		e.links = map[*Link]*Link{}
	}
	r := *l
	if l.Target == "" {
		r.source = e.origin
		if e.this != nil {
			r.dest = e.this.Dest
		}
	} else {
		r.source, r.dest = e.t.o.Resolve(e.origin, l.Target, l.Fragment)
	}
	e.links[l] = &r
	return &r
}

func (e *evaluator) index(x indexExpr, row object) (any, error) {
	var obj any
	if v, ok := x.obj.(variable); ok && v.name == "row" {
		obj = row
	} else {
		var err error
		if obj, err = e.eval(x.obj, row); err != nil {
			return nil, err
		}
	}
	var key any
	if v, ok := x.key.(variable); ok {
		// a[b] is a["b"], as in Dataview.
		key = v.name
	} else {
		var err error
		if key, err = e.eval(x.key, row); err != nil {
			return nil, err
		}
	}
	return e.indexValue(obj, key, 0)
}

func (e *evaluator) indexValue(obj, key any, depth int) (any, error) {
	name, isName := key.(string)
	num, isNum := key.(float64)
	if !isName && !isNum {
		return nil, fmt.Errorf("can only index with a string or a number, not %s", typeName(key))
	}
	switch o := obj.(type) {
	case nil:
		return nil, nil
	case *Link:
		if !isName {
			return nil, errors.New("a link is indexed with a field name")
		}
		p := e.t.byPath[o.source]
		if p == nil {
			return nil, nil
		}
		v, _ := p.get(name)
		return v, nil
	case []any:
		if isNum {
			if num < 0 || num >= float64(len(o)) {
				return nil, nil
			}
			return o[int(num)], nil
		}
		if depth > maxValueDepth {
			return nil, nil
		}
		// A field of every item ("rows.file.link").
		if err := e.spend(len(o)); err != nil {
			return nil, err
		}
		out := make([]any, 0, len(o))
		for _, item := range o {
			v, err := e.indexValue(item, key, depth+1)
			if err != nil {
				continue
			}
			out = append(out, v)
		}
		return out, nil
	case string:
		if !isNum {
			return nil, errors.New("a string is indexed with a number")
		}
		r := []rune(o)
		if num < 0 || num >= float64(len(r)) {
			return nil, nil
		}
		return string(r[int(num)]), nil
	case time.Time:
		if !isName {
			return nil, errors.New("a date is indexed with the name of a part")
		}
		return datePart(o, name), nil
	case object:
		if !isName {
			return nil, errors.New("an object is indexed with a field name")
		}
		v, _ := o.get(name)
		return v, nil
	}
	return nil, nil
}

func datePart(t time.Time, part string) any {
	switch part {
	case "year":
		return float64(t.Year())
	case "month":
		return float64(t.Month())
	case "day":
		return float64(t.Day())
	case "hour":
		return float64(t.Hour())
	case "minute":
		return float64(t.Minute())
	case "second":
		return float64(t.Second())
	case "millisecond":
		return float64(t.Nanosecond() / int(time.Millisecond))
	case "week":
		return float64(t.Day()/7 + 1)
	case "weekyear":
		_, w := t.ISOWeek()
		return float64(w)
	case "weekday":
		return float64((int(t.Weekday())+6)%7 + 1) // Monday is 1
	}
	return nil
}

func (e *evaluator) binary(x binaryExpr, row object) (any, error) {
	l, err := e.eval(x.l, row)
	if err != nil {
		return nil, err
	}
	switch x.op {
	case "and":
		if !truthy(l) {
			return false, nil
		}
		r, err := e.eval(x.r, row)
		return truthy(r), err
	case "or":
		if truthy(l) {
			return true, nil
		}
		r, err := e.eval(x.r, row)
		return truthy(r), err
	}
	r, err := e.eval(x.r, row)
	if err != nil {
		return nil, err
	}
	switch x.op {
	case "=", "!=", "<", "<=", ">", ">=":
		if err := e.spend(size(l) + size(r)); err != nil {
			return nil, err
		}
		c := compare(e.coll, l, r, 0)
		switch x.op {
		case "=":
			return c == 0, nil
		case "!=":
			return c != 0, nil
		case "<":
			return c < 0, nil
		case "<=":
			return c <= 0, nil
		case ">":
			return c > 0, nil
		}
		return c >= 0, nil
	}
	return e.arithmetic(x.op, l, r)
}

// size is about how many steps going through a value takes.
func size(v any) int {
	if l, ok := v.([]any); ok {
		return len(l)
	}
	return 0
}

func (e *evaluator) arithmetic(op string, l, r any) (any, error) {
	a, aNum := l.(float64)
	b, bNum := r.(float64)
	_, aStr := l.(string)
	_, bStr := r.(string)
	switch {
	case aNum && bNum:
		switch op {
		case "+":
			return a + b, nil
		case "-":
			return a - b, nil
		case "*":
			return a * b, nil
		case "/":
			return a / b, nil
		case "%":
			return math.Mod(a, b), nil
		}
	case op == "+" && (aStr || bStr):
		s := toString(l) + toString(r)
		if err := e.spend(len(s) / 64); err != nil {
			return nil, err
		}
		return s, nil
	case op == "+":
		if la, ok := l.([]any); ok {
			if lb, ok := r.([]any); ok {
				if err := e.spend(len(la) + len(lb)); err != nil {
					return nil, err
				}
				return append(slices.Clip(la), lb...), nil
			}
		}
	}
	if l == nil || r == nil {
		if _, date := l.(time.Time); date || l == nil && r == nil {
			return nil, nil
		}
		if _, date := r.(time.Time); date {
			return nil, nil
		}
	}
	return nil, fmt.Errorf("cannot compute %s %s %s", typeName(l), op, typeName(r))
}
