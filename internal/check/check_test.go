package check

import (
	"strings"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/datefmt"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// run returns what fn reported, the message it added ("" for none) and how many it added.
func run(fn func(f *apperr.Fields) bool) (bool, string, int) {
	var f apperr.Fields
	ok := fn(&f)
	if len(f) == 0 {
		return ok, "", 0
	}
	return ok, f[0].Field + ": " + f[0].Message, len(f)
}

func TestChecks(t *testing.T) {
	s := func(v string) *string { return &v }
	now := day(2026, 11, 30)
	tests := []struct {
		name string
		fn   func(f *apperr.Fields) bool
		want string // "" = passes; else a substring of "path: message"
	}{
		{"text ok", func(f *apperr.Fields) bool { return Text(f, "name", "姓名", s(" 王建国 "), 1, 30) }, ""},
		{"text required", func(f *apperr.Fields) bool { return Text(f, "name", "姓名", s("\u3000"), 1, 30) }, "name: 请填写姓名"},
		{"text optional", func(f *apperr.Fields) bool { return Text(f, "unit", "房号", s(""), 0, 30) }, ""},
		{"text too long", func(f *apperr.Fields) bool { return Text(f, "name", "姓名", s(strings.Repeat("王", 31)), 1, 30) }, "姓名不能超过30个字"},
		{"text 30 runes fit", func(f *apperr.Fields) bool { return Text(f, "name", "姓名", s(strings.Repeat("王", 30)), 1, 30) }, ""},
		{"text NUL", func(f *apperr.Fields) bool { return Text(f, "members[2].name", "姓名", s("王\x00"), 1, 30) }, "members[2].name: 姓名含有不可见控制字符或无效编码"},
		{"text newline refused", func(f *apperr.Fields) bool { return Text(f, "name", "姓名", s("王\n建国"), 1, 30) }, "控制字符"},
		{"text min", func(f *apperr.Fields) bool { return Text(f, "u", "用户名", s("ab"), 3, 32) }, "用户名至少3个字"},
		{"note newline ok", func(f *apperr.Fields) bool { return Note(f, "note", "备注", s("一\r\n二"), 1, 200) }, ""},
		{"note too long", func(f *apperr.Fields) bool { return Note(f, "note", "备注", s(strings.Repeat("字", 201)), 0, 200) }, "备注不能超过200个字"},
		{"note control", func(f *apperr.Fields) bool { return Note(f, "note", "备注", s("a\x1b[31m"), 0, 200) }, "控制字符"},
		{"note required", func(f *apperr.Fields) bool { return Note(f, "nextStep", "下一步帮扶措施", s("\n"), 1, 200) }, "nextStep: 请填写下一步帮扶措施"},
		{"listed trims", func(f *apperr.Fields) bool { return Listed(f, "k", "类型", s(" a "), []string{"a"}) }, ""},
		{"listed items ok", func(f *apperr.Fields) bool {
			return ListedItems(f, "c", "致贫原因", []string{"因病", "因残"}, []string{"因病", "因残"}, 12)
		}, ""},
		{"listed items dup", func(f *apperr.Fields) bool {
			return ListedItems(f, "c", "致贫原因", []string{"因病", "因病"}, []string{"因病"}, 12)
		}, "c[1]: 致贫原因“因病”与第1项重复"},
		{"listed items bad", func(f *apperr.Fields) bool {
			return ListedItems(f, "c", "致贫原因", []string{"x"}, []string{"因病"}, 12)
		}, "c[0]: 致贫原因应为: 因病"},
		{"listed items count", func(f *apperr.Fields) bool {
			return ListedItems(f, "c", "意愿就业类型", make([]string, 8), []string{""}, 7)
		}, "c: 意愿就业类型最多7项"},
		{"number folds", func(f *apperr.Fields) bool { return Number(f, "phone", "电话", s("１３９"), 1, 20) }, ""},
		{"list ok", func(f *apperr.Fields) bool {
			return List(f, "skills", "技能", []string{"焊工", " 电工 "}, 20, 20)
		}, ""},
		{"list too many", func(f *apperr.Fields) bool { return List(f, "skills", "技能", make([]string, 21), 20, 20) }, "skills: 技能最多20项"},
		{"list empty item", func(f *apperr.Fields) bool { return List(f, "skills", "技能", []string{"焊工", " "}, 20, 20) }, "skills[1]: 请填写技能"},
		{"list long item", func(f *apperr.Fields) bool {
			return List(f, "skills", "技能", []string{strings.Repeat("焊", 21)}, 20, 20)
		}, "skills[0]: 技能不能超过20个字"},
		{"list duplicate", func(f *apperr.Fields) bool { return List(f, "skills", "技能", []string{"焊工", "焊工 "}, 20, 20) }, "skills[1]: 技能“焊工”与第1项重复"},
		{"list control", func(f *apperr.Fields) bool { return List(f, "skills", "技能", []string{"焊\x00"}, 20, 20) }, "skills[0]: 技能含有"},
		{"int ok", func(f *apperr.Fields) bool { return Int(f, "income", "月收入", 0, 0, 100000, "元") }, ""},
		{"int low", func(f *apperr.Fields) bool { return Int(f, "income", "月收入", -1, 0, 100000, "元") }, "月收入应在0到100000元之间"},
		{"int high", func(f *apperr.Fields) bool { return Int(f, "n", "次数", 1001, 0, 1000, "次") }, "次数应在0到1000次之间"},
		{"oneOf ok", func(f *apperr.Fields) bool { return OneOf(f, "k", "类型", "b", []string{"a", "b"}) }, ""},
		{"oneOf empty", func(f *apperr.Fields) bool { return OneOf(f, "k", "类型", "", []string{"a", "b"}) }, "k: 请选择类型"},
		{"oneOf lists few", func(f *apperr.Fields) bool { return OneOf(f, "k", "类型", "c", []string{"a", "b"}) }, "类型应为: a、b"},
		{"oneOf short for many", func(f *apperr.Fields) bool {
			return OneOf(f, "members[2].relation", "与户主关系", "朋友", make([]string, 13))
		}, "members[2].relation: 与户主关系“朋友”不在可选值中"},
		{"oneOf many, bad value not echoed", func(f *apperr.Fields) bool {
			return OneOf(f, "r", "与户主关系", "朋\x00友", make([]string, 13))
		}, "r: 与户主关系不在可选值中"},
		{"date ok", func(f *apperr.Fields) bool { return Date(f, "d", "日期", day(2026, 1, 1), true) }, ""},
		{"date required", func(f *apperr.Fields) bool { return Date(f, "d", "入职日期", time.Time{}, true) }, "d: 请填写入职日期"},
		{"date optional", func(f *apperr.Fields) bool { Date(f, "d", "日期", time.Time{}, false); return true }, ""},
		{"date malformed", func(f *apperr.Fields) bool { return Date(f, "d", "入职日期", datefmt.Malformed, false) }, "d: 入职日期有误,日期格式应为YYYY-MM-DD"},
		{"past today ok", func(f *apperr.Fields) bool { return PastDate(f, "d", "日期", now.Add(23*time.Hour), now) }, ""},
		{"past future", func(f *apperr.Fields) bool { return PastDate(f, "d", "入职日期", day(2026, 12, 1), now) }, "入职日期2026-12-01不能晚于今天"},
		{"past too early", func(f *apperr.Fields) bool { return PastDate(f, "d", "入职日期", day(2000, 12, 31), now) }, "不能早于2001年"},
		{"past malformed", func(f *apperr.Fields) bool { return PastDate(f, "d", "入职日期", datefmt.Malformed, now) }, datefmt.MsgFormat},
		{"notBefore ok", func(f *apperr.Fields) bool {
			return NotBefore(f, "endDate", "离岗日期", day(2026, 2, 1), "上岗日期", day(2026, 2, 1))
		}, ""},
		{"notBefore both dates", func(f *apperr.Fields) bool {
			return NotBefore(f, "endDate", "离岗日期", day(2026, 1, 5), "上岗日期", day(2026, 2, 1))
		}, "endDate: 离岗日期2026-01-05早于上岗日期2026-02-01"},
		{"notBefore skips zero", func(f *apperr.Fields) bool { return NotBefore(f, "d", "a", time.Time{}, "b", day(2026, 2, 1)) }, ""},
		{"version ok", func(f *apperr.Fields) bool { return Version(f, 1) }, ""},
		{"version missing", func(f *apperr.Fields) bool { return Version(f, 0) }, "version: 请提供版本号"},
		{"optional version", func(f *apperr.Fields) bool { return OptionalVersion(f, 0) }, ""},
		{"optional version negative", func(f *apperr.Fields) bool { return OptionalVersion(f, -1) }, "version: 版本号"},
		{"digits ok", func(f *apperr.Fields) bool {
			return Digits(f, "countyCode", "县代码", s("１４０５２４"), 6, true)
		}, ""},
		{"digits short", func(f *apperr.Fields) bool { return Digits(f, "countyCode", "县代码", s("14052"), 6, true) }, "县代码应为6位数字"},
		{"digits letters", func(f *apperr.Fields) bool { return Digits(f, "countyCode", "县代码", s("14052a"), 6, true) }, "6位数字"},
		{"digits required", func(f *apperr.Fields) bool { return Digits(f, "countyCode", "县代码", s(" "), 6, true) }, "请填写县代码"},
		{"digits optional", func(f *apperr.Fields) bool { return Digits(f, "townshipCode", "乡镇代码", s(""), 9, false) }, ""},
		{"digits control", func(f *apperr.Fields) bool { return Digits(f, "c", "县代码", s("1405\x0024"), 6, true) }, "控制字符"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, msg, n := run(tt.fn)
			if tt.want == "" {
				if !ok || n != 0 {
					t.Fatalf("want pass, got %v %q", ok, msg)
				}
				return
			}
			if ok || n != 1 || !strings.Contains(msg, tt.want) {
				t.Fatalf("got ok=%v %d errors, first %q; want one error containing %q", ok, n, msg, tt.want)
			}
		})
	}
}

func TestVersionError(t *testing.T) {
	if VersionError(3) != nil {
		t.Fatal("version 3 refused")
	}
	e := apperr.As(VersionError(0))
	if e.Code != apperr.Invalid || len(e.Fields) != 1 || e.Fields[0].Field != "version" {
		t.Fatalf("VersionError(0) = %+v", e)
	}
}

func TestCleansInPlace(t *testing.T) {
	var f apperr.Fields
	name, phone, items := "  王建国 ", "１３９１２３４５６７８ ", []string{" 焊工 "}
	Text(&f, "name", "姓名", &name, 1, 30)
	Number(&f, "phone", "电话", &phone, 1, 11)
	List(&f, "skills", "技能", items, 20, 20)
	if name != "王建国" || phone != "13912345678" || items[0] != "焊工" || len(f) != 0 {
		t.Fatalf("got %q %q %q %v", name, phone, items, f)
	}
}
