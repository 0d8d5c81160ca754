// Package division looks up China's administrative division codes (统计用区划代码, GB/T 2260 at
// county level) at four levels: province (2 digits), city (4), county (6) and township (9).
//
// The table is the National Bureau of Statistics' 2022 edition, embedded in the binary from
// data/ (see data/SOURCE.md and data/LICENSE). It is parsed once, on first use.
package division

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
)

// Level is the level of a division.
type Level int

// Division levels.
const (
	LevelProvince Level = 1 // 省级, 2-digit code
	LevelCity     Level = 2 // 地级, 4-digit code
	LevelCounty   Level = 3 // 县级, 6-digit code
	LevelTownship Level = 4 // 乡级, 9-digit code
)

// String returns the Chinese name of the level, or "未知" for an unknown level.
func (l Level) String() string {
	switch l {
	case LevelProvince:
		return "省级"
	case LevelCity:
		return "地级"
	case LevelCounty:
		return "县级"
	case LevelTownship:
		return "乡级"
	}
	return "未知"
}

// codeLen is the length of a code at each level (index = level).
var codeLen = [...]int{LevelProvince: 2, LevelCity: 4, LevelCounty: 6, LevelTownship: 9}

// Division is one administrative division. Parent is the code of the division one level up,
// "" for provinces.
type Division struct {
	Code   string
	Name   string
	Level  Level
	Parent string
}

//go:embed data/provinces.csv data/cities.csv data/areas.csv data/streets.csv.gz
var dataFS embed.FS

// table is the parsed data: one slice per level, sorted by code. Because a child's code
// extends its parent's, the children of any division form one contiguous run of the next
// level's slice, so no maps are needed and loading stays cheap.
type table struct {
	levels [LevelTownship + 1][]Division // index 0 unused
}

var (
	loadOnce sync.Once
	loaded   *table
)

// get returns the table, parsing the embedded data on first use. The data is part of the
// binary, so a parse failure is a build defect: it panics (and the tests catch it).
func get() *table {
	loadOnce.Do(func() {
		t, err := load()
		if err != nil {
			panic("division: embedded data: " + err.Error())
		}
		loaded = t
	})
	return loaded
}

// source describes one embedded file: its level, its header line (the column layout of
// data/SOURCE.md) and the column holding the parent code.
type source struct {
	file      string
	level     Level
	header    string
	parentCol int // -1 for provinces
	gzipped   bool
}

var sources = []source{
	{"data/provinces.csv", LevelProvince, "code,name", -1, false},
	{"data/cities.csv", LevelCity, "code,name,provinceCode", 2, false},
	{"data/areas.csv", LevelCounty, "code,name,cityCode,provinceCode", 2, false},
	{"data/streets.csv.gz", LevelTownship, "code,name,areaCode,provinceCode,cityCode", 2, true},
}

// load parses all embedded files.
func load() (*table, error) { return loadFrom(readFile) }

// loadFrom parses the files that read returns, top level first, and checks that every code
// has the right length, is unique, and extends a known parent one level up.
func loadFrom(read func(source) (string, error)) (*table, error) {
	t := &table{}
	for _, src := range sources {
		text, err := read(src)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src.file, err)
		}
		list, err := parse(text, src)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src.file, err)
		}
		byCode := func(a, b Division) int { return strings.Compare(a.Code, b.Code) }
		if !slices.IsSortedFunc(list, byCode) {
			slices.SortFunc(list, byCode)
		}
		// Both this list and the parents are sorted, and a child's code starts with its
		// parent's, so one merge walk checks every parent.
		var parents []Division
		if src.level > LevelProvince {
			parents = t.levels[src.level-1]
		}
		p := 0
		for i, d := range list {
			if i > 0 && list[i-1].Code == d.Code {
				return nil, fmt.Errorf("%s: duplicate code %s", src.file, d.Code)
			}
			if src.level == LevelProvince {
				continue
			}
			for p < len(parents) && parents[p].Code < d.Parent {
				p++
			}
			if p == len(parents) || parents[p].Code != d.Parent || !strings.HasPrefix(d.Code, d.Parent) {
				return nil, fmt.Errorf("%s: code %s has bad parent %q", src.file, d.Code, d.Parent)
			}
		}
		t.levels[src.level] = list
	}
	return t, nil
}

// readFile returns the content of an embedded file as one string, decompressing it if needed.
func readFile(src source) (string, error) {
	raw, err := dataFS.ReadFile(src.file)
	if err != nil {
		return "", err
	}
	if !src.gzipped {
		return string(raw), nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return "", err
	}
	defer zr.Close()
	var b strings.Builder
	if n := len(raw); n >= 4 {
		// The gzip trailer ends with the uncompressed size (mod 2^32); sizing the buffer
		// from it avoids regrowing.
		b.Grow(int(binary.LittleEndian.Uint32(raw[n-4:])))
	}
	if _, err := io.Copy(&b, zr); err != nil {
		return "", err
	}
	return b.String(), nil
}

// parse reads the simple CSV of the data files: a header line, then lines of plain fields
// where only the name is quoted and no field contains a comma or a quote. Names and codes are
// substrings of text, so parsing allocates little.
func parse(text string, src source) ([]Division, error) {
	header, rest, _ := strings.Cut(text, "\n")
	if strings.TrimSuffix(header, "\r") != src.header {
		return nil, fmt.Errorf("unexpected header %q", header)
	}
	columns := strings.Count(src.header, ",") + 1
	list := make([]Division, 0, strings.Count(rest, "\n")+1)
	var fields [5]string
	for lineNo := 2; rest != ""; lineNo++ {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			continue
		}
		n := 0
		for f := range strings.SplitSeq(line, ",") {
			if n == len(fields) {
				n++
				break
			}
			fields[n] = f
			n++
		}
		if n != columns {
			return nil, fmt.Errorf("line %d: %d fields, want %d", lineNo, n, columns)
		}
		d := Division{Code: fields[0], Name: unquote(fields[1]), Level: src.level}
		if src.parentCol >= 0 {
			d.Parent = fields[src.parentCol]
		}
		if len(d.Code) != codeLen[d.Level] || !allDigits(d.Code) {
			return nil, fmt.Errorf("line %d: bad code %q", lineNo, d.Code)
		}
		if d.Name == "" || strings.Contains(d.Name, `"`) {
			return nil, fmt.Errorf("line %d: bad name %q", lineNo, fields[1])
		}
		list = append(list, d)
	}
	return list, nil
}

// unquote removes the double quotes around a CSV field, if any.
func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// levelOf returns the level whose codes have the length of code, or 0.
func levelOf(code string) Level {
	for l := LevelProvince; l <= LevelTownship; l++ {
		if len(code) == codeLen[l] {
			return l
		}
	}
	return 0
}

// find returns the division with the given code by binary search in its level's slice.
func (t *table) find(code string) (Division, bool) {
	l := levelOf(code)
	if l == 0 {
		return Division{}, false
	}
	list := t.levels[l]
	i, ok := slices.BinarySearchFunc(list, code, func(d Division, c string) int {
		return strings.Compare(d.Code, c)
	})
	if !ok {
		return Division{}, false
	}
	return list[i], true
}

// Lookup returns the division with the given code at any level (2, 4, 6 or 9 digits).
// It reports false when the code is not in the table; codes are matched exactly, so padded
// forms such as "140000" are not found.
func Lookup(code string) (Division, bool) {
	return get().find(code)
}

// Children returns the divisions directly under parent, sorted by code; parent "" returns the
// provinces. It returns nil for an unknown parent or one with nothing below it. The slice is
// a copy and may be modified.
func Children(parent string) []Division {
	t := get()
	if parent == "" {
		return slices.Clone(t.levels[LevelProvince])
	}
	p, ok := t.find(parent)
	if !ok || p.Level == LevelTownship {
		return nil
	}
	next := t.levels[p.Level+1]
	i, _ := slices.BinarySearchFunc(next, parent, func(d Division, c string) int {
		return strings.Compare(d.Code, c)
	})
	j := i
	for j < len(next) && strings.HasPrefix(next[j].Code, parent) {
		j++
	}
	if i == j {
		return nil
	}
	return slices.Clone(next[i:j])
}

// isLevel reports whether code is a known division at level l.
func isLevel(code string, l Level) bool {
	d, ok := Lookup(code)
	return ok && d.Level == l
}

// IsProvince reports whether code is a known 2-digit province code.
func IsProvince(code string) bool { return isLevel(code, LevelProvince) }

// IsCounty reports whether code is a known 6-digit county-level code.
func IsCounty(code string) bool { return isLevel(code, LevelCounty) }

// IsTownship reports whether code is a known 9-digit township-level code.
func IsTownship(code string) bool { return isLevel(code, LevelTownship) }

// CountyOfTownship returns the county code of a known township code ("140524100" ->
// "140524"), or "" when township is not a known township code.
func CountyOfTownship(township string) string {
	d, ok := Lookup(township)
	if !ok || d.Level != LevelTownship {
		return ""
	}
	return d.Parent
}

// TownshipInCounty reports whether township is a known township code lying in county.
func TownshipInCounty(township, county string) bool {
	c := CountyOfTownship(township)
	return c != "" && c == county
}

// placeholder reports whether name is a grouping label rather than a real place name; such
// city-level entries ("市辖区", "县", "省直辖县级行政区划", ...) are left out of full names.
func placeholder(name string) bool {
	switch name {
	case "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划":
		return true
	}
	return false
}

// FullName returns the names of the division and all its ancestors joined from the province
// down, e.g. "140524100" -> "山西省晋城市陵川县崇文镇". Placeholder city names are skipped
// ("110101" -> "北京市东城区") and a name repeated from the level above is written once
// ("441900" -> "广东省东莞市"). It returns "" for an unknown code.
func FullName(code string) string {
	d, ok := Lookup(code)
	if !ok {
		return ""
	}
	names := make([]string, 0, 4)
	for {
		names = append(names, d.Name)
		if d.Parent == "" {
			break
		}
		d, _ = Lookup(d.Parent) // parents are checked at load time
	}
	var b strings.Builder
	prev := ""
	for i := len(names) - 1; i >= 0; i-- {
		n := names[i]
		if placeholder(n) || n == prev {
			continue
		}
		b.WriteString(n)
		prev = n
	}
	return b.String()
}
