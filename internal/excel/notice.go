package excel

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Notice is the public notice (公示名单) of a site: who lives there and how each worker is employed.
// By design it has no field for an ID number, a phone number, health, disability or bank data.
type Notice struct {
	Title      string    // e.g. 沙上头集中安置点搬迁群众就业情况公示
	SiteName   string    // shown under the title
	AsOf       time.Time // the day the notice stands at
	Households Rows[NoticeHousehold]
}

// NoticeHousehold is one household of the notice.
type NoticeHousehold struct {
	HouseholdNumber string
	HeadName        string // 户主姓名
	Village         string // 原住村
	Members         int    // 家庭人口
	Workers         []NoticeWorker
}

// NoticeWorker is one worker of a household and how they are employed.
type NoticeWorker struct {
	Name     string
	Channel  string // a labor.Channel, or 未就业
	Employer string
}

var noticeColumns = []column{{header: "序号", kind: integer}, {header: "户编号", kind: text}, {header: "户主姓名", kind: text},
	{header: "原住村", kind: text}, {header: "家庭人口", kind: integer}, {header: "劳动力姓名", kind: text},
	{header: "就业情况", kind: text}, {header: "就业单位", kind: text}}

// Free text must not smuggle private data into a public notice: digit runs of ID-number or phone
// length and health words are blanked out of every string.
var (
	privateDigits = regexp.MustCompile(`\d{14}[\dXx]{1,4}|1\d{10}`)
	healthWords   = strings.NewReplacer("健康", "**", "慢性病", "***", "大病", "**", "残疾", "**", "疾病", "**", "患病", "**")
)

// SheetNotice is the notice's only sheet.
const SheetNotice = "公示名单"

// fullWidthDigits folds full-width digits and X to ASCII first, so that a number typed in full width
// is caught too.
var fullWidthDigits = strings.NewReplacer("０", "0", "１", "1", "２", "2", "３", "3", "４", "4", "５", "5", "６", "6",
	"７", "7", "８", "8", "９", "9", "Ｘ", "X", "ｘ", "x")

// public returns s with ID-like and phone-like digit runs and health words blanked.
func public(s string) string {
	if s == "" {
		return s
	}
	s = privateDigits.ReplaceAllStringFunc(fullWidthDigits.Replace(s), func(m string) string { return strings.Repeat("*", len(m)) })
	return healthWords.Replace(s)
}

// WriteNotice writes the public notice to w: one row per worker (a household without workers has one
// row), the household's columns filled on its first row. Every string passes through a filter that
// blanks ID-number-like and phone-like digit runs and health words, in case free text (an employer
// name, a village) carries them. It returns the first error of the row source (wrapped), of excelize,
// or of w.
func WriteNotice(w io.Writer, n Notice) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	title := public(n.Title)
	if n.SiteName != "" {
		title += "(" + public(n.SiteName) + ",截至" + dateCN(n.AsOf) + ")"
	}
	s, err := newSheet(f, st, true, SheetNotice, title, noticeColumns)
	if err != nil {
		return err
	}
	seq := 0
	vals := make([]any, 0, len(noticeColumns))
	err = each(n.Households, func(h NoticeHousehold) error {
		seq++
		head := []any{seq, public(h.HouseholdNumber), public(h.HeadName), public(h.Village), h.Members}
		if len(h.Workers) == 0 {
			return s.add(append(append(vals[:0], head...), "无劳动力", nil, nil))
		}
		for i, wk := range h.Workers {
			vals = vals[:0]
			if i == 0 {
				vals = append(vals, head...)
			} else {
				vals = append(vals, nil, nil, nil, nil, nil)
			}
			if err := s.add(append(vals, public(wk.Name), public(wk.Channel), public(wk.Employer))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("excel: notice: %w", err)
	}
	if err := s.close(); err != nil {
		return err
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("excel: writing the notice: %w", err)
	}
	return nil
}
