// Command screenshots logs in to a running anju as each given account and saves a screenshot of
// every page its menu offers, and of the first detail page each list links to. It drives Chromium
// with chromedp. scripts/screenshots.sh starts anju on the demo data and runs it.
//
//	go run ./scripts/screenshots -base http://127.0.0.1:18080 -out screenshots \
//	    -login admin:PASSWORD -login county1:PASSWORD
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

type logins []string

func (l *logins) String() string     { return strings.Join(*l, ",") }
func (l *logins) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	base := flag.String("base", "http://127.0.0.1:18080", "anju's address")
	out := flag.String("out", "screenshots", "directory for the PNG files")
	width := flag.Int("width", 1280, "window width")
	height := flag.Int("height", 860, "window height")
	var users logins
	flag.Var(&users, "login", "USER:PASSWORD (repeat)")
	flag.Parse()
	if err := run(*base, *out, *width, *height, users); err != nil {
		log.Fatal(err)
	}
}

func chromium() (string, error) {
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium: apt-get install -y chromium")
}

func run(base, out string, w, h int, users []string) error {
	bin, err := chromium()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "anju-shots-profile-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true), chromedp.UserDataDir(dir), chromedp.WindowSize(w, h),
		chromedp.Flag("lang", "zh-CN"))
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	root, cancelRoot := chromedp.NewContext(alloc)
	defer cancelRoot()
	if err := chromedp.Do(root); err != nil {
		return err
	}
	for _, u := range users {
		name, pw, _ := strings.Cut(u, ":")
		if err := shootUser(root, base, out, name, pw); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

func shootUser(root context.Context, base, out, user, pw string) error {
	ctx, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 5*time.Minute)
	defer cancelT()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), user), chromedp.SendKeys(chromedp.CSS("#password"), pw),
		chromedp.Click(chromedp.CSS("form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#cards"))); err != nil {
		return fmt.Errorf("login: %w", err)
	}
	hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.sidenav a')).map(a => a.getAttribute('href'))`))
	if err != nil {
		return err
	}
	// The first link of each list's table, for the detail pages.
	details := map[string]string{"/households": "#households tbody a", "/workers": "table tbody td:first-child a", "/positions": "#positions tbody a"}
	for _, href := range hrefs {
		if err := shoot(ctx, base+href, filepath.Join(out, fileName(user, href))); err != nil {
			return err
		}
		if sel, ok := details[href]; ok {
			link, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`(document.querySelector(%q) || {}).getAttribute ? document.querySelector(%q).getAttribute('href') : ""`, sel, sel)))
			if err == nil && link != "" {
				if err := shoot(ctx, base+link, filepath.Join(out, fileName(user, href+"-detail"))); err != nil {
					return err
				}
			}
		}
		if href == "/matching" {
			site, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('#m-site option[value]:not([value=""])') || {value: ""}).value`))
			if err == nil && site != "" {
				if err := shoot(ctx, base+"/matching?siteId="+site, filepath.Join(out, fileName(user, "/matching-plan"))); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func fileName(user, href string) string {
	name := strings.Trim(strings.NewReplacer("/", "-", "?", "-", "=", "-").Replace(href), "-")
	if name == "" {
		name = "dashboard"
	}
	return user + "-" + name + ".png"
}

// shoot opens a page, waits for its charts to draw, and saves the visible window as PNG.
func shoot(ctx context.Context, url, file string) error {
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("main")), chromedp.Sleep(700*time.Millisecond)); err != nil {
		return fmt.Errorf("%s: %w", url, err)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return err
	}
	log.Printf("%s -> %s (%d KB)", url, file, len(png)/1024)
	return os.WriteFile(file, png, 0o644)
}
