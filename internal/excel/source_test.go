package excel

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/stats"
)

// passes returns a Households over in that counts how often it was run.
func passes(in stats.Input, n *int) Households {
	return func(yield func(*household.Household, []job.Placement) bool) error {
		*n++
		for i := range in.Households {
			h := &in.Households[i]
			var mine []job.Placement
			for _, p := range in.Placements {
				if p.HouseholdID == h.ID {
					mine = append(mine, p)
				}
			}
			if !yield(h, mine) {
				return nil
			}
		}
		return nil
	}
}

func TestNewStatisticsWorkbook(t *testing.T) {
	in := county()
	n := 0
	wb, err := NewStatisticsWorkbook(StatisticsSource{CountyName: "陵川县", AsOf: asOf, Today: asOf, Sites: in.Sites,
		Households: passes(in, &n), ID: idcard.Mask})
	if err != nil {
		t.Fatal(err)
	}
	got := write(t, wb)
	want := write(t, workbook(in, idcard.Mask))
	for _, sheet := range want.GetSheetList() {
		g, _ := got.GetRows(sheet)
		w, _ := want.GetRows(sheet)
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s:\n got %q\nwant %q", sheet, g, w)
		}
	}
	if n != 5 {
		t.Errorf("%d passes over the households, want 1 for the summary and 1 per detail sheet", n)
	}

	boom := errors.New("cursor lost")
	fail := func(func(*household.Household, []job.Placement) bool) error { return boom }
	if _, err := NewStatisticsWorkbook(StatisticsSource{AsOf: asOf, Households: fail}); !errors.Is(err, boom) {
		t.Errorf("error %v", err)
	}
}

func TestNoticeRows(t *testing.T) {
	in := county()
	n := 0
	var a, b bytes.Buffer
	if err := WriteNotice(&a, Notice{Title: "公示", AsOf: asOf, Households: NoticeRows(passes(in, &n), asOf)}); err != nil {
		t.Fatal(err)
	}
	want := noticeOf(in)
	want.Title, want.SiteName = "公示", ""
	if err := WriteNotice(&b, want); err != nil {
		t.Fatal(err)
	}
	ga, _ := open(t, a.Bytes()).GetRows("公示名单")
	gb, _ := open(t, b.Bytes()).GetRows("公示名单")
	if n != 1 || len(ga) != 6 || !reflect.DeepEqual(ga, gb) {
		t.Errorf("%d passes; rows %q, want %q", n, ga, gb)
	}
}
