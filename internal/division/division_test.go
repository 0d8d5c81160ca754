package division

import (
	"slices"
	"strings"
	"testing"
)

func TestLoadCounts(t *testing.T) {
	// Row counts from data/SOURCE.md.
	want := map[Level]int{LevelProvince: 31, LevelCity: 342, LevelCounty: 2978, LevelTownship: 41352}
	got := map[Level]int{}
	for _, list := range get().levels {
		for _, d := range list {
			got[d.Level]++
		}
	}
	for l, n := range want {
		if got[l] != n {
			t.Errorf("level %v: %d divisions, want %d", l, got[l], n)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := load(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		code string
		want Division
		ok   bool
	}{
		{"14", Division{"14", "山西省", LevelProvince, ""}, true},
		{"1405", Division{"1405", "晋城市", LevelCity, "14"}, true},
		{"140524", Division{"140524", "陵川县", LevelCounty, "1405"}, true},
		{"140524100", Division{"140524100", "崇文镇", LevelTownship, "140524"}, true},
		{"140524204", Division{"140524204", "夺火乡", LevelTownship, "140524"}, true},
		{"", Division{}, false},
		{"99", Division{}, false},
		{"140000", Division{}, false},       // padded province code is not a key
		{"140524100000", Division{}, false}, // 12-digit village-style code
		{"140524199", Division{}, false},
		{"14052", Division{}, false},
		{" 14", Division{}, false},
	}
	for _, tt := range tests {
		got, ok := Lookup(tt.code)
		if ok != tt.ok || got != tt.want {
			t.Errorf("Lookup(%q) = %+v, %v; want %+v, %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
}

func codes(ds []Division) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Code)
	}
	return out
}

func TestChildren(t *testing.T) {
	want := []string{"140524100", "140524101", "140524102", "140524103", "140524104",
		"140524105", "140524106", "140524204", "140524206", "140524207", "140524209"}
	if got := codes(Children("140524")); !slices.Equal(got, want) {
		t.Errorf("Children(140524) = %v, want %v", got, want)
	}
	for _, d := range Children("140524") {
		if d.Level != LevelTownship || d.Parent != "140524" {
			t.Errorf("child %+v: wrong level or parent", d)
		}
	}

	provinces := Children("")
	if len(provinces) != 31 || provinces[0].Code != "11" || provinces[0].Name != "北京市" {
		t.Errorf("Children(\"\"): %d provinces, first %+v", len(provinces), provinces[0])
	}
	if !slices.IsSortedFunc(provinces, func(a, b Division) int { return strings.Compare(a.Code, b.Code) }) {
		t.Error("provinces not sorted")
	}
	if !slices.Contains(codes(Children("14")), "1405") {
		t.Error("Children(14) lacks 1405")
	}
	if !slices.Contains(codes(Children("1405")), "140524") {
		t.Error("Children(1405) lacks 140524")
	}
	for _, p := range []string{"99", "140524100", "x", "140000"} {
		if got := Children(p); got != nil {
			t.Errorf("Children(%q) = %v, want nil", p, got)
		}
	}

	// The result is a copy: changing it must not change the table.
	c := Children("140524")
	c[0].Name = "changed"
	if d, _ := Lookup("140524100"); d.Name != "崇文镇" {
		t.Error("Children result aliases the table")
	}
	if Children("140524")[0].Name != "崇文镇" {
		t.Error("Children result aliases the children list")
	}
}

func TestIsLevel(t *testing.T) {
	tests := []struct {
		code                       string
		province, county, township bool
	}{
		{"14", true, false, false},
		{"1405", false, false, false},
		{"140524", false, true, false},
		{"140524100", false, false, true},
		{"99", false, false, false},
		{"140599", false, false, false},
		{"", false, false, false},
	}
	for _, tt := range tests {
		if got := IsProvince(tt.code); got != tt.province {
			t.Errorf("IsProvince(%q) = %v", tt.code, got)
		}
		if got := IsCounty(tt.code); got != tt.county {
			t.Errorf("IsCounty(%q) = %v", tt.code, got)
		}
		if got := IsTownship(tt.code); got != tt.township {
			t.Errorf("IsTownship(%q) = %v", tt.code, got)
		}
	}
}

func TestCountyOfTownship(t *testing.T) {
	tests := []struct{ township, county string }{
		{"140524100", "140524"},
		{"140524209", "140524"},
		{"110101001", "110101"},
		{"140524199", ""}, // plausible but not in the table
		{"140524", ""},    // a county, not a township
		{"", ""},
	}
	for _, tt := range tests {
		if got := CountyOfTownship(tt.township); got != tt.county {
			t.Errorf("CountyOfTownship(%q) = %q, want %q", tt.township, got, tt.county)
		}
	}
}

func TestTownshipInCounty(t *testing.T) {
	tests := []struct {
		township, county string
		want             bool
	}{
		{"140524100", "140524", true},
		{"140524207", "140524", true},
		{"140524100", "140525", false},
		{"140524199", "140524", false},
		{"140524", "140524", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := TownshipInCounty(tt.township, tt.county); got != tt.want {
			t.Errorf("TownshipInCounty(%q, %q) = %v", tt.township, tt.county, got)
		}
	}
}

func TestFullName(t *testing.T) {
	tests := []struct{ code, want string }{
		{"14", "山西省"},
		{"1405", "山西省晋城市"},
		{"140524", "山西省晋城市陵川县"},
		{"140524100", "山西省晋城市陵川县崇文镇"},
		{"110101", "北京市东城区"}, // city "市辖区" skipped
		{"110101001", "北京市东城区东华门街道"},
		{"1101", "北京市"},      // only a placeholder below the province
		{"500229", "重庆市城口县"}, // city "县" skipped
		{"429004", "湖北省仙桃市"}, // city "省直辖县级行政区划" skipped
		{"441900", "广东省东莞市"}, // county repeats the city name
		{"99", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := FullName(tt.code); got != tt.want {
			t.Errorf("FullName(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}

func TestFullNameHasNoPlaceholders(t *testing.T) {
	for _, list := range get().levels {
		for _, d := range list {
			checkFullName(t, d.Code)
		}
	}
}

func checkFullName(t *testing.T, code string) {
	t.Helper()
	n := FullName(code)
	if n == "" {
		t.Fatalf("FullName(%s) is empty", code)
	}
	for _, p := range []string{"市辖区", "直辖县级行政区划"} {
		if strings.Contains(n, p) {
			t.Errorf("FullName(%s) = %q contains %q", code, n, p)
		}
	}
}

func TestLevelString(t *testing.T) {
	if LevelCounty.String() != "县级" || Level(9).String() != "未知" {
		t.Error("Level.String")
	}
}

// fakeFiles returns a reader for loadFrom that serves the given text per level, with the
// real headers.
func fakeFiles(body map[Level]string) func(source) (string, error) {
	return func(src source) (string, error) {
		return src.header + "\n" + body[src.level], nil
	}
}

func TestLoadFromRejectsBadData(t *testing.T) {
	good := map[Level]string{
		LevelProvince: "14,\"山西省\"\n",
		LevelCity:     "1405,\"晋城市\",14\n",
		LevelCounty:   "140524,\"陵川县\",1405,14\n",
		LevelTownship: "140524100,\"崇文镇\",140524,14,1405\n",
	}
	tab, err := loadFrom(fakeFiles(good))
	if err != nil {
		t.Fatalf("good data: %v", err)
	}
	if d, ok := tab.find("140524100"); !ok || d.Name != "崇文镇" {
		t.Fatalf("good data: find = %+v, %v", d, ok)
	}

	tests := []struct {
		name  string
		level Level
		body  string
	}{
		{"bad code", LevelCounty, "14052X,\"陵川县\",1405,14\n"},
		{"short code", LevelCounty, "14052,\"陵川县\",1405,14\n"},
		{"empty name", LevelCounty, "140524,\"\",1405,14\n"},
		{"too few fields", LevelCounty, "140524,\"陵川县\",1405\n"},
		{"too many fields", LevelCounty, "140524,\"陵川县\",1405,14,1,2\n"},
		{"duplicate", LevelCounty, "140524,\"陵川县\",1405,14\n140524,\"陵川县\",1405,14\n"},
		{"unknown parent", LevelCounty, "140624,\"某县\",1406,14\n"},
		{"parent not prefix", LevelTownship, "140525100,\"某镇\",140524,14,1405\n"},
	}
	for _, tt := range tests {
		files := map[Level]string{}
		for l, b := range good {
			files[l] = b
		}
		files[tt.level] = tt.body
		if _, err := loadFrom(fakeFiles(files)); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}

	badHeader := func(src source) (string, error) { return "code;name\n", nil }
	if _, err := loadFrom(badHeader); err == nil {
		t.Error("bad header: no error")
	}
}

func TestLoadFromSortsAndAcceptsCRLF(t *testing.T) {
	files := map[Level]string{
		LevelProvince: "14,\"山西省\"\r\n11,\"北京市\"\r\n",
		LevelCity:     "1405,\"晋城市\",14\r\n",
	}
	tab, err := loadFrom(fakeFiles(files))
	if err != nil {
		t.Fatal(err)
	}
	if got := tab.levels[LevelProvince]; len(got) != 2 || got[0].Code != "11" || got[1].Name != "山西省" {
		t.Errorf("provinces = %+v", got)
	}
}
