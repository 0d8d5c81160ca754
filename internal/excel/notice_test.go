package excel

import (
	"archive/zip"
	"bytes"
	"io"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/stats"
)

var (
	id18   = regexp.MustCompile(`(^|[^0-9])[0-9]{17}[0-9Xx]([^0-9]|$)`)
	id15   = regexp.MustCompile(`(^|[^0-9])[0-9]{15}([^0-9]|$)`)
	phone  = regexp.MustCompile(`(^|[^0-9])1[0-9]{10}([^0-9]|$)`)
	health = regexp.MustCompile(`健康|慢性病|大病|残疾`)
)

// noticeOf builds the notice of a county the way the service would, from snapshots.
func noticeOf(in stats.Input) Notice {
	c := stats.NewCounter(asOf, in.Sites...)
	var hs []NoticeHousehold
	for i := range in.Households {
		h := &in.Households[i]
		var mine = in.Placements[:0:0]
		for _, p := range in.Placements {
			if p.HouseholdID == h.ID {
				mine = append(mine, p)
			}
		}
		snap := c.Add(h, mine)
		if n, ok := NoticeHouseholdOf(&snap); ok {
			hs = append(hs, n)
		}
	}
	return Notice{Title: "沙上头集中安置点搬迁群众就业情况公示", SiteName: "沙上头集中安置点", AsOf: asOf, Households: SliceRows(hs)}
}

// parts returns the text of every part of the xlsx package.
func parts(t *testing.T, b []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(r)
		r.Close()
		out[f.Name] = string(data)
	}
	return out
}

func TestNoticePrivacy(t *testing.T) {
	in := county()
	// Free text that carries private data must not leak either.
	in.Placements[0].EmployerName = "县残疾人就业服务中心(联系13912345678)"
	in.Households[0].Origin.Village = "东山村140524197503010011"
	in.Households[1].Origin.Village = "西岭村(大病救助户)"
	for _, h := range in.Households { // the records do hold private data
		for _, m := range h.Members {
			if m.IDNumber == "" || m.Phone == "" || m.Health == "" {
				t.Fatal("fixture lacks private data")
			}
		}
	}
	var buf bytes.Buffer
	if err := WriteNotice(&buf, noticeOf(in)); err != nil {
		t.Fatal(err)
	}
	for name, text := range parts(t, buf.Bytes()) {
		for _, re := range []*regexp.Regexp{id18, id15, phone, health} {
			if m := re.FindString(text); m != "" {
				t.Errorf("%s contains %q", name, m)
			}
		}
	}
	// The notice does show what it should.
	f := open(t, buf.Bytes())
	rows, err := f.GetRows(SheetNotice)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"1", "140524-0001", "王建国", "东山村******************", "3", "王建国", "县内企业就业", "县**人就业服务中心(联系***********)"},
		{"", "", "", "", "", "李秀英", "未就业"},
		{"2", "140524-0002", "李大山", "西岭村(**救助户)", "1", "李大山", "未就业"},
		{"3", "140524-0003", "赵铁柱", "南沟村", "1", "赵铁柱", "省外务工"},
	}
	if len(rows) != len(want)+2 {
		t.Fatalf("rows %q", rows)
	}
	for i, w := range want {
		if strings.Join(rows[i+2], "|") != strings.Join(w, "|") {
			t.Errorf("row %d = %q, want %q", i+3, rows[i+2], w)
		}
	}
	if title, _ := f.GetCellValue("公示名单", "A1"); !strings.Contains(title, "2026年6月30日") || !strings.Contains(title, "公示") {
		t.Errorf("title %q", title)
	}
}

// TestNoticeCarriesNoPrivateFields makes the privacy rule structural: the notice's input types have no
// field in which an ID number, a phone, health, disability or bank data could be passed.
func TestNoticeCarriesNoPrivateFields(t *testing.T) {
	banned := []string{"id", "phone", "tel", "mobile", "health", "disab", "bank", "account", "card"}
	for _, v := range []any{Notice{}, NoticeHousehold{}, NoticeWorker{}} {
		rt := reflect.TypeOf(v)
		for i := range rt.NumField() {
			name := strings.ToLower(rt.Field(i).Name)
			for _, b := range banned {
				if strings.Contains(name, b) {
					t.Errorf("%s.%s may carry private data", rt.Name(), rt.Field(i).Name)
				}
			}
		}
	}
}

func TestNoticeEmptyHousehold(t *testing.T) {
	var buf bytes.Buffer
	n := Notice{Title: "公示", AsOf: asOf, Households: SliceRows([]NoticeHousehold{{HeadName: "张三", Village: "北村", Members: 2}})}
	if err := WriteNotice(&buf, n); err != nil {
		t.Fatal(err)
	}
	rows, _ := open(t, buf.Bytes()).GetRows("公示名单")
	if len(rows) != 3 || rows[2][2] != "张三" || rows[2][5] != "无劳动力" {
		t.Errorf("rows %q", rows)
	}
	if got := public("工人" + string(labor.Welfare)); got != "工人公益性岗位" {
		t.Errorf("public changed ordinary text: %q", got)
	}
}

func TestPublicFullWidth(t *testing.T) {
	for _, s := range []string{"电话１３９１２３４５６７８", "号码１４０５２４１９７５０３０１００１Ｘ", "慢性病", "患有大病"} {
		got := public(s)
		if phone.MatchString(fullWidthDigits.Replace(got)) || id18.MatchString(fullWidthDigits.Replace(got)) || health.MatchString(got) {
			t.Errorf("public(%q) = %q", s, got)
		}
	}
}
