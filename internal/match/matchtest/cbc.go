package matchtest

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/match"
)

// The MILP oracle: an independent statement of the plan's problem, solved by CBC (Debian package
// coinor-cbc). It shares nothing with package match but the hard rules and scores (match.Eligible,
// match.ScorePair):
//
//	x[w,p] in {0,1} for every eligible pair, y[h] in {0,1} for every zero-employment household
//	Σ_p x[w,p] <= 1                              every worker
//	Σ_w x[w,p] <= Remaining(p)                   every position
//	Σ_{w in h, p 公益性岗位} x[w,p] <= 1          every household (when Welfare.OnePerHousehold)
//	y[h] <= Σ_{w in h, p} x[w,p]                  every zero-employment household
//
// The lexicographic objective is solved as three MILPs in turn, each fixing the optimum of the levels
// before it: (1) max Σ y, (2) max Σ x with Σ y >= z*, (3) max Σ score·x with Σ y >= z* and Σ x >= n*.
// The totals are recomputed from CBC's solution values, not from its objective line.

// CBCPath returns the path of the cbc executable, or "" when it is not on PATH.
func CBCPath() string {
	p, err := exec.LookPath("cbc")
	if err != nil {
		return ""
	}
	return p
}

// oracleModel is the MILP of an instance: its pairs and households.
type oracleModel struct {
	pairs []oraclePair
	nW    int
	nP    int
	rem   []int
	hh    []oracleHousehold
}

type oraclePair struct {
	w, p    int
	hh      int
	score   int
	welfare bool
}

type oracleHousehold struct {
	zero  bool
	pairs []int
}

func buildOracle(ws []match.Worker, ps []match.Position, cfg match.Config) *oracleModel {
	m := &oracleModel{nW: len(ws), nP: len(ps)}
	hhIndex := map[string]int{}
	hhOf := make([]int, len(ws))
	hasWelfare := map[int]bool{}
	for i, w := range ws {
		key := "h\x00" + w.HouseholdID
		if w.HouseholdID == "" {
			key = "w\x00" + w.ID
		}
		h, ok := hhIndex[key]
		if !ok {
			h = len(m.hh)
			hhIndex[key] = h
			m.hh = append(m.hh, oracleHousehold{})
		}
		hhOf[i] = h
		m.hh[h].zero = m.hh[h].zero || w.ZeroEmployment
		hasWelfare[h] = hasWelfare[h] || w.HouseholdHasWelfarePost
	}
	for _, p := range ps {
		m.rem = append(m.rem, p.Remaining)
	}
	for i, w := range ws {
		norm := w
		norm.HouseholdHasWelfarePost = hasWelfare[hhOf[i]]
		for j, p := range ps {
			if ok, _ := match.Eligible(norm, p, cfg); !ok {
				continue
			}
			h := hhOf[i]
			m.hh[h].pairs = append(m.hh[h].pairs, len(m.pairs))
			m.pairs = append(m.pairs, oraclePair{w: i, p: j, hh: h, score: match.ScorePair(w, p, cfg).Total,
				welfare: p.Channel == labor.Welfare})
		}
	}
	return m
}

// writeLP writes the model in CPLEX LP format with objective level (1, 2 or 3), fixing the earlier
// levels at their optima opt, as a minimisation of the negated objective.
func (m *oracleModel) writeLP(path string, cfg match.Config, level int, opt match.Totals) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(f)
	terms := 0
	term := func(coef int, name string) {
		if terms > 0 && terms%8 == 0 {
			b.WriteString("\n ")
		}
		terms++
		switch {
		case coef >= 0:
			fmt.Fprintf(b, " + %d %s", coef, name)
		default:
			fmt.Fprintf(b, " - %d %s", -coef, name)
		}
	}
	row := func(name string) { terms = 0; fmt.Fprintf(b, " %s:", name) }
	yName := func(h int) string { return "y" + strconv.Itoa(h) }
	xName := func(k int) string { return "x" + strconv.Itoa(k) }
	var ys []int
	for h, hh := range m.hh {
		if hh.zero && len(hh.pairs) > 0 {
			ys = append(ys, h)
		}
	}

	b.WriteString("Minimize\n")
	row("obj")
	switch level {
	case 1:
		for _, h := range ys {
			term(-1, yName(h))
		}
	case 2:
		for k := range m.pairs {
			term(-1, xName(k))
		}
	default:
		for k, pr := range m.pairs {
			term(-pr.score, xName(k))
		}
	}
	if terms == 0 {
		b.WriteString(" 0 dummy")
	}
	b.WriteString("\nSubject To\n")
	byW := make([][]int, m.nW)
	byP := make([][]int, m.nP)
	for k, pr := range m.pairs {
		byW[pr.w] = append(byW[pr.w], k)
		byP[pr.p] = append(byP[pr.p], k)
	}
	for i, ks := range byW {
		if len(ks) > 0 {
			row("w" + strconv.Itoa(i))
			for _, k := range ks {
				term(1, xName(k))
			}
			b.WriteString(" <= 1\n")
		}
	}
	for j, ks := range byP {
		if len(ks) > 0 {
			row("p" + strconv.Itoa(j))
			for _, k := range ks {
				term(1, xName(k))
			}
			fmt.Fprintf(b, " <= %d\n", m.rem[j])
		}
	}
	for h, hh := range m.hh {
		if cfg.Welfare.OnePerHousehold {
			n := 0
			for _, k := range hh.pairs {
				if m.pairs[k].welfare {
					n++
				}
			}
			if n > 1 {
				row("c" + strconv.Itoa(h))
				for _, k := range hh.pairs {
					if m.pairs[k].welfare {
						term(1, xName(k))
					}
				}
				b.WriteString(" <= 1\n")
			}
		}
		if hh.zero && len(hh.pairs) > 0 {
			row("z" + strconv.Itoa(h))
			term(1, yName(h))
			for _, k := range hh.pairs {
				term(-1, xName(k))
			}
			b.WriteString(" <= 0\n")
		}
	}
	if level >= 2 && len(ys) > 0 {
		row("fix1")
		for _, h := range ys {
			term(1, yName(h))
		}
		fmt.Fprintf(b, " >= %d\n", opt.ZeroHouseholdsHelped)
	}
	if level >= 3 && len(m.pairs) > 0 {
		row("fix2")
		for k := range m.pairs {
			term(1, xName(k))
		}
		fmt.Fprintf(b, " >= %d\n", opt.Placements)
	}
	b.WriteString("Binary\n")
	for k := range m.pairs {
		fmt.Fprintf(b, " %s\n", xName(k))
	}
	for _, h := range ys {
		fmt.Fprintf(b, " %s\n", yName(h))
	}
	if len(m.pairs) == 0 && len(ys) == 0 {
		b.WriteString(" dummy\n")
	}
	b.WriteString("End\n")
	if err := b.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// SolveCBC computes the optimal totals of the instance with CBC (see the oracle above), writing its
// models and solutions under dir. It returns an error when cbc is missing, fails, or does not report
// an optimal solution.
func SolveCBC(ctx context.Context, dir string, ws []match.Worker, ps []match.Position, cfg match.Config) (match.Totals, error) {
	cbc := CBCPath()
	if cbc == "" {
		return match.Totals{}, fmt.Errorf("cbc not on PATH (apt-get install coinor-cbc)")
	}
	m := buildOracle(ws, ps, cfg)
	var opt match.Totals
	for level := 1; level <= 3; level++ {
		lp := filepath.Join(dir, fmt.Sprintf("level%d.lp", level))
		sol := filepath.Join(dir, fmt.Sprintf("level%d.sol", level))
		if err := m.writeLP(lp, cfg, level, opt); err != nil {
			return opt, err
		}
		out, err := exec.CommandContext(ctx, cbc, lp, "ratioGap", "0", "allowableGap", "0.5", "solve", "solution", sol).CombinedOutput()
		if err != nil {
			return opt, fmt.Errorf("cbc level %d: %v\n%s", level, err, out)
		}
		t, err := m.readSolution(sol)
		if err != nil {
			return opt, fmt.Errorf("cbc level %d: %v\n%s", level, err, out)
		}
		switch level {
		case 1:
			opt.ZeroHouseholdsHelped = t.ZeroHouseholdsHelped
		case 2:
			opt.Placements = t.Placements
		default:
			opt.TotalScore = t.TotalScore
			if t.ZeroHouseholdsHelped < opt.ZeroHouseholdsHelped || t.Placements < opt.Placements {
				return opt, fmt.Errorf("cbc level 3 solution %+v breaks the fixed levels %+v", t, opt)
			}
		}
	}
	return opt, nil
}

// readSolution reads a CBC solution file: a status line, then "index name value reduced-cost" per
// non-zero column. It recomputes the totals from the values of x and y.
func (m *oracleModel) readSolution(path string) (match.Totals, error) {
	f, err := os.Open(path)
	if err != nil {
		return match.Totals{}, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if !sc.Scan() {
		return match.Totals{}, fmt.Errorf("empty solution file")
	}
	if status := sc.Text(); !strings.HasPrefix(status, "Optimal") {
		return match.Totals{}, fmt.Errorf("not optimal: %s", status)
	}
	var t match.Totals
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 3 {
			continue
		}
		if fields[0] == "**" { // CBC marks values it considers infeasible
			fields = fields[1:]
		}
		v, err := strconv.ParseFloat(fields[2], 64)
		if err != nil {
			return t, fmt.Errorf("solution line %q: %v", sc.Text(), err)
		}
		r := math.Round(v)
		if math.Abs(v-r) > 1e-6 || r < 0 || r > 1 {
			return t, fmt.Errorf("non-binary value %s = %v", fields[1], v)
		}
		if r == 0 {
			continue
		}
		name := fields[1]
		k, err := strconv.Atoi(name[1:])
		if err != nil {
			continue // dummy
		}
		switch name[0] {
		case 'x':
			t.Placements++
			t.TotalScore += m.pairs[k].score
		case 'y':
			t.ZeroHouseholdsHelped++
		}
	}
	return t, sc.Err()
}
