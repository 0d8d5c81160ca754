package http_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/fixture"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/page"
)

// chromium finds Debian's Chromium (or Chrome); the browser tests skip without one.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("browser tests skipped: no Chromium binary found (apt-get install -y chromium)")
	return ""
}

// browserEnv is a server on a real port with the demo site loaded, and a headless Chromium.
type browserEnv struct {
	*env
	base  string
	alloc context.Context
}

func newBrowserEnv(t *testing.T) *browserEnv {
	bin := chromium(t)
	e := newEnv(t)
	ctx := auth.WithCaller(context.Background(), auth.System)
	if _, err := e.app.System.SeedDemo(ctx, nil); err != nil { // the demo site is site A (same name and county)
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = e.srv.Fiber.Listener(ln) }()
	t.Cleanup(func() { _ = e.srv.Fiber.Shutdown() })
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	root, cancelRoot := chromedp.NewContext(alloc)
	t.Cleanup(cancelRoot)
	if err := chromedp.Do(root); err != nil { // starts the browser
		t.Fatalf("start %s: %v", bin, err)
	}
	return &browserEnv{env: e, base: "http://" + ln.Addr().String(), alloc: root}
}

// tab opens a new browser context (its own cookies) for one user.
func (b *browserEnv) tab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.alloc, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancel2 := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancel2)
	// Open the tab on this context: the first action's context owns the tab, and the steps below run
	// on shorter-lived contexts derived from it.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// run runs steps with a 20 s limit; on failure it saves a screenshot to the temp directory and fails.
func run(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	step, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(step, steps...); err != nil {
		shot := filepath.Join(os.TempDir(), "anju-browser-"+regexp.MustCompile(`\W+`).ReplaceAllString(t.Name(), "_")+".png")
		if png, serr := chromedp.Run(ctx, chromedp.FullScreenshot(100)); serr == nil {
			_ = os.WriteFile(shot, png, 0o644)
		}
		url, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("%v (at %s; screenshot %s)", err, url, shot)
	}
}

// text is the text of the first element sel selects ("" when there is none).
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return strings.TrimSpace(eval[string](t, ctx, fmt.Sprintf(`(document.querySelector(%q) || {textContent: ""}).textContent`, sel)))
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	step, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(step, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// login fills in the login form and waits for the dashboard (or, when wantError, the error).
func (b *browserEnv) login(t *testing.T, ctx context.Context, user, pw string) {
	t.Helper()
	run(t, ctx, chromedp.Navigate(b.base+"/login"), chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), user), chromedp.SendKeys(chromedp.CSS("#password"), pw),
		chromedp.Click(chromedp.CSS("form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#cards")))
}

var digits = regexp.MustCompile(`[\d.]+`)

func TestBrowserFlows(t *testing.T) {
	b := newBrowserEnv(t)
	site := b.siteA // the demo site

	t.Run("wrong password shows an error, then log in", func(t *testing.T) {
		ctx := b.tab(t)
		run(t, ctx, chromedp.Navigate(b.base+"/"), chromedp.WaitVisible(chromedp.CSS("#username")),
			chromedp.SendKeys(chromedp.CSS("#username"), "siteA"), chromedp.SendKeys(chromedp.CSS("#password"), "Not-the-passw0rd"),
			chromedp.Click(chromedp.CSS("form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(".alert--error")))
		if got := text(t, ctx, ".alert--error"); !strings.Contains(got, "用户名或密码错误") {
			t.Errorf("error shown: %q", got)
		}
		b.login(t, ctx, "siteA", "Passw0rd-siteA")
		if got := text(t, ctx, "h1"); got != "工作台" {
			t.Errorf("after login: %q", got)
		}
	})

	t.Run("register a household: a wrong ID number is shown at its row, fixed, saved and found", func(t *testing.T) {
		ctx := b.tab(t)
		b.login(t, ctx, "siteA", "Passw0rd-siteA")
		head := fixture.IDNumber(fixture.Day(1975, 3, 1), idcard.Male)
		spouse := fixture.IDNumber(fixture.Day(1978, 5, 1), idcard.Female)
		wrong := spouse[:17] + map[bool]string{true: "0", false: "1"}[spouse[17] != '0']
		set := func(name, v string) chromedp.Action[chromedp.Void] {
			return chromedp.SetValue(chromedp.CSS(fmt.Sprintf(`[name=%q]`, name)), v)
		}
		run(t, ctx, chromedp.Navigate(b.base+"/households/new"), chromedp.WaitVisible(chromedp.CSS(`[name="members[0].name"]`)),
			chromedp.WaitReady(chromedp.CSS(`[name="origin.countyCode"] option[value="140524"]`)),
			set("origin.countyCode", "140524"), set("origin.village", "东山村"), set("unit", "9号楼1单元101"),
			set("phone", "13912345678"), set("householdType", "一般脱贫户"),
			chromedp.SendKeys(chromedp.CSS(`[name="members[0].name"]`), "赵大山"),
			chromedp.SendKeys(chromedp.CSS(`[name="members[0].idNumber"]`), head),
			set("members[0].education", "初中"), set("members[0].health", "健康"), set("members[0].laborCapacity", "普通劳动力"),
			chromedp.Click(chromedp.CSS("[data-row-add]")), chromedp.WaitVisible(chromedp.CSS(`[name="members[1].name"]`)),
			chromedp.SendKeys(chromedp.CSS(`[name="members[1].name"]`), "钱小梅"),
			chromedp.SendKeys(chromedp.CSS(`[name="members[1].idNumber"]`), wrong),
			set("members[1].relation", "配偶"), set("members[1].ethnicity", "汉族"), set("members[1].education", "小学"),
			set("members[1].health", "健康"), set("members[1].laborCapacity", "普通劳动力"))
		if sex := eval[string](t, ctx, `document.querySelector('[id="members[0].sex"]').value`); sex != "男" {
			t.Errorf("sex filled from the ID number: %q", sex)
		}
		run(t, ctx, chromedp.Click(chromedp.CSS("#household-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#form-error")))
		if got := text(t, ctx, "#members_1__idNumber-error"); !strings.Contains(got, "错误") {
			t.Errorf("error at members[1].idNumber: %q", got)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll('.field-error').length`); n != 1 {
			t.Errorf("%d field errors shown, want 1: %s", n, eval[string](t, ctx, `Array.from(document.querySelectorAll('.field-error')).map(e=>e.id+e.textContent).join('|')`))
		}
		if kept := eval[string](t, ctx, `document.querySelector('[name="members[1].name"]').value + "/" + document.querySelector('[name="members[1].idNumber"]').value + "/" + document.querySelector('[name="unit"]').value`); kept != "钱小梅/"+wrong+"/9号楼1单元101" {
			t.Errorf("typed input not kept: %q", kept)
		}
		if inv := eval[string](t, ctx, `document.querySelector('[name="members[1].idNumber"]').getAttribute('aria-invalid')`); inv != "true" {
			t.Errorf("aria-invalid = %q", inv)
		}
		run(t, ctx, chromedp.WaitReady(chromedp.CSS(`[name="origin.countyCode"] option[value="140524"]`)),
			set("members[1].idNumber", spouse), chromedp.Click(chromedp.CSS("#household-form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("#members")))
		number := strings.TrimPrefix(text(t, ctx, "h1"), "搬迁户 ")
		if !strings.Contains(text(t, ctx, "#members"), "钱小梅") {
			t.Error("saved household lacks the spouse")
		}
		run(t, ctx, chromedp.Navigate(b.base+"/households?q="+number), chromedp.WaitVisible(chromedp.CSS("#households")))
		if got := text(t, ctx, "#households tbody"); !strings.Contains(got, number) || !strings.Contains(got, "赵大山") {
			t.Errorf("list search for %s: %q", number, got)
		}
	})

	t.Run("position page: candidates with reasons, hire one", func(t *testing.T) {
		ctx := b.tab(t)
		b.login(t, ctx, "employment", "Passw0rd-employment")
		pid := b.positionWithCandidates(t)
		run(t, ctx, chromedp.Navigate(b.base+"/positions/"+pid), chromedp.WaitVisible(chromedp.CSS("#candidates")))
		if n := eval[int](t, ctx, `document.querySelectorAll('#candidates tbody tr:first-child .reasons li').length`); n == 0 {
			t.Fatal("first candidate has no reasons")
		}
		name := text(t, ctx, "#candidates tbody tr:first-child td:nth-child(2) a")
		run(t, ctx, chromedp.Click(chromedp.CSS("#candidates tbody tr:first-child button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(".alert--success")))
		if got := text(t, ctx, ".alert--success"); !strings.Contains(got, "已录用 "+name) {
			t.Errorf("after 录用: %q", got)
		}
	})

	t.Run("matching plan for the demo site, apply two rows", func(t *testing.T) {
		ctx := b.tab(t)
		b.login(t, ctx, "employment", "Passw0rd-employment")
		run(t, ctx, chromedp.Navigate(b.base+"/matching?siteId="+site), chromedp.WaitVisible(chromedp.CSS("#plan")))
		rows := eval[int](t, ctx, `document.querySelectorAll('#plan tbody input[name=row]').length`)
		if rows < 2 {
			t.Fatalf("plan has %d rows", rows)
		}
		eval[int](t, ctx, `(() => { document.querySelectorAll('#plan tbody input[name=row]').forEach((c, i) => { c.checked = i < 2 }); return 0 })()`)
		run(t, ctx, chromedp.Click(chromedp.CSS("#apply-plan")), chromedp.WaitVisible(chromedp.CSS("#apply-message")))
		if got := text(t, ctx, "#apply-message"); !strings.Contains(got, "已登记就业 2 人") {
			t.Errorf("apply message: %q", got)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll('#applied .badge--ok').length`); n != 2 {
			t.Errorf("%d rows marked 已登记, want 2", n)
		}
	})

	t.Run("the statistics workbook's total row matches the dashboard cards", func(t *testing.T) {
		ctx := b.tab(t)
		b.login(t, ctx, "county", "Passw0rd-county")
		cards := map[string]string{}
		for _, k := range []string{"households", "people", "laborForce", "employed", "zero"} {
			cards[k] = digits.FindString(text(t, ctx, `[data-card="`+k+`"]`))
		}
		dir := t.TempDir()
		dl, cancelDL := context.WithTimeout(ctx, 30*time.Second)
		defer cancelDL()
		progress := chromedp.BrowserEvents(dl, browser.DownloadProgress)
		run(t, ctx, chromedp.Navigate(b.base+"/reports"), chromedp.WaitVisible(chromedp.CSS("#dl-workbook")),
			chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				events := true
				_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
					Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &events,
					BrowserContextID: chromedp.FromContext(ctx).BrowserContextID})
				return err
			}),
			chromedp.Click(chromedp.CSS("#dl-workbook")))
		var file string
		for ev, err := range progress {
			if err != nil {
				t.Fatalf("waiting for the download: %v", err)
			}
			if ev.State == browser.DownloadProgressStateCompleted {
				file = filepath.Join(dir, ev.GUID)
				break
			}
			if ev.State == browser.DownloadProgressStateCanceled {
				t.Fatal("download canceled")
			}
		}
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		total := summaryTotal(t, raw)
		for card, col := range map[string]string{"households": "户数", "people": "人数", "laborForce": "劳动力", "employed": "已就业", "zero": "零就业家庭"} {
			got := ""
			for h, v := range total {
				if strings.HasPrefix(h, col) && got == "" {
					got = v
				}
			}
			if got != cards[card] {
				t.Errorf("card %s = %s, workbook %s = %q (row %v)", card, cards[card], col, got, total)
			}
		}
	})

	t.Run("a site manager cannot open another site's household; no admin pages in the menu", func(t *testing.T) {
		other, err := b.app.Registration.Register(auth.WithCaller(context.Background(), auth.System), fixture.Household(b.siteB, 0))
		if err != nil {
			t.Fatal(err)
		}
		ctx := b.tab(t)
		b.login(t, ctx, "siteA", "Passw0rd-siteA")
		menu := text(t, ctx, ".sidenav")
		for _, admin := range []string{"用户管理", "审计记录"} {
			if strings.Contains(menu, admin) {
				t.Errorf("site manager's menu has %s: %q", admin, menu)
			}
		}
		resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(b.base+"/households/"+other.ID))
		if err != nil {
			t.Fatal(err)
		}
		if resp.Status != 403 && resp.Status != 404 {
			t.Errorf("another site's household: %d", resp.Status)
		}
		if body := text(t, ctx, "main"); strings.Contains(body, other.Number) {
			t.Errorf("the page shows the household: %q", body)
		}
		resp, err = chromedp.Run(ctx, chromedp.NavigateResponse(b.base+"/users"))
		if err != nil || resp.Status != 403 {
			t.Errorf("/users as a site manager: %v %v", resp, err)
		}
	})

	t.Run("a member named <script> is shown as text", func(t *testing.T) {
		h := fixture.Household(site, 0)
		h.Members[1].Name = "<script>alert(1)</script>"
		saved, err := b.app.Registration.Register(auth.WithCaller(context.Background(), auth.System), h)
		if err != nil {
			t.Fatal(err)
		}
		ctx := b.tab(t)
		b.login(t, ctx, "siteA", "Passw0rd-siteA")
		run(t, ctx, chromedp.Navigate(b.base+"/households/"+saved.ID), chromedp.WaitVisible(chromedp.CSS("#members")))
		names := eval[string](t, ctx, `Array.from(document.querySelectorAll('#members .member-name')).map(e => e.textContent.trim()).join('|')`)
		if !strings.Contains(names, "<script>alert(1)</script>") {
			t.Errorf("member names: %q", names)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll('#members script').length`); n != 0 {
			t.Errorf("%d script elements inside the member table", n)
		}
	})

	t.Run("a form posted without the CSRF token is refused", func(t *testing.T) {
		ctx := b.tab(t)
		b.login(t, ctx, "siteA", "Passw0rd-siteA")
		run(t, ctx, chromedp.Navigate(b.base+"/password"), chromedp.WaitVisible(chromedp.CSS("#oldPassword")),
			chromedp.SendKeys(chromedp.CSS("#oldPassword"), "Passw0rd-siteA"), chromedp.SendKeys(chromedp.CSS("#newPassword"), "Another-Passw0rd"),
			chromedp.SendKeys(chromedp.CSS("#confirmPassword"), "Another-Passw0rd"))
		eval[int](t, ctx, `(() => { document.querySelector('main form input[name=_csrf]').remove(); return 0 })()`)
		run(t, ctx, chromedp.Click(chromedp.CSS("main form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(".error-page")))
		if got := text(t, ctx, "main"); !strings.Contains(got, "CSRF") || !strings.Contains(got, "403") {
			t.Errorf("refusal page: %q", got)
		}
		if _, _, err := b.app.Accounts.Login(context.Background(), "siteA", "Passw0rd-siteA", "test"); err != nil {
			t.Errorf("the password changed without a CSRF token: %v", err)
		}
	})
}

// positionWithCandidates is an open demo position with at least one candidate.
func (b *browserEnv) positionWithCandidates(t *testing.T) string {
	t.Helper()
	ctx := auth.WithCaller(context.Background(), auth.System)
	ps, err := b.app.Jobs.ListPositions(ctx, app.PositionQuery{CountyCode: "140524", Status: "open", Page: page.Request{Page: 1, Size: 200}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps.Items {
		if p.Remaining() == 0 {
			continue
		}
		if cs, err := b.app.Matching.Candidates(ctx, p.ID, 5); err == nil && len(cs) > 0 {
			return p.ID
		}
	}
	t.Fatal("no open position with candidates in the demo data")
	return ""
}

var _ = strconv.Itoa
