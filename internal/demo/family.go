package demo

import (
	"slices"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
)

// maxFamily is the largest household the generator builds.
const maxFamily = 8

// famCtx carries what every member of one household shares.
type famCtx struct {
	surname   string // the head's family name
	ethnicity string
	members   []household.Member
}

func (f *famCtx) add(m household.Member) { f.members = append(f.members, m) }

// family returns the members of one household, head first. The household shapes and their
// weights follow a relocated rural population: couples with children, three generations,
// couples caring for old parents, old couples, and people living alone.
func (g *gen) family() []household.Member {
	f := &famCtx{ethnicity: "汉族"}
	if g.chance(0.015) {
		f.ethnicity = "回族"
		f.surname = huiSurnames[g.r.IntN(len(huiSurnames))]
	} else {
		f.surname = pickSurname(g.r)
	}
	switch g.choose(43, 22, 16, 8, 6, 5) {
	case 0:
		g.nuclear(f)
	case 1:
		g.threeGenerations(f)
	case 2:
		g.withParents(f)
	case 3:
		g.oldCouple(f)
	case 4:
		g.alone(f)
	default:
		g.emptyNest(f)
	}
	return f.members
}

// couple adds the head and, when married is true, the spouse. A few couples have the wife as
// head. It returns the mother's age (for the children) and the children's family name.
func (g *gen) couple(f *famCtx, headAge int, married bool) (motherAge int, childSurname string) {
	headSex := idcard.Male
	if !married && g.chance(0.35) || married && g.chance(0.05) {
		headSex = idcard.Female
	}
	f.add(g.person("户主", headSex, headAge, f.surname, f.ethnicity))
	childSurname = f.surname
	motherAge = headAge
	if married {
		spouseSex, spouseAge := idcard.Female, headAge+g.between(-6, 2)
		if headSex == idcard.Female {
			spouseSex, spouseAge = idcard.Male, headAge+g.between(-2, 6)
		}
		spouseAge = max(spouseAge, 20)
		spouseSurname := pickSurname(g.r)
		if f.ethnicity == "回族" && g.chance(0.8) {
			spouseSurname = huiSurnames[g.r.IntN(len(huiSurnames))]
		}
		f.add(g.person("配偶", spouseSex, spouseAge, spouseSurname, f.ethnicity))
		if headSex == idcard.Female {
			childSurname = spouseSurname
		} else {
			motherAge = spouseAge
		}
	} else if headSex == idcard.Female {
		childSurname = pickSurname(g.r) // the late or former husband's name
	} else {
		motherAge = headAge - g.between(0, 5)
	}
	return motherAge, childSurname
}

// children adds up to n children (之子/之女) of a mother of the given age, aged between
// motherAge-40 and motherAge-20, oldest first, and returns the sons' ages.
func (g *gen) children(f *famCtx, n, motherAge int, surname string, minAge int) []int {
	hi := motherAge - 20
	lo := max(minAge, motherAge-40)
	if hi < lo {
		return nil
	}
	var sons []int
	for _, age := range g.ages(n, lo, hi) {
		if len(f.members) >= maxFamily {
			break
		}
		if g.chance(0.52) {
			f.add(g.person("之子", idcard.Male, age, surname, f.ethnicity))
			sons = append(sons, age)
		} else {
			f.add(g.person("之女", idcard.Female, age, surname, f.ethnicity))
		}
	}
	return sons
}

// ages draws n ages in [lo, hi], oldest first as a roster lists siblings, keeping siblings at
// least two years apart while the range allows it.
func (g *gen) ages(n, lo, hi int) []int {
	out := make([]int, 0, n)
	for range n {
		age := g.between(lo, hi)
		for try := 0; try < 20 && tooClose(out, age); try++ {
			age = g.between(lo, hi)
		}
		out = append(out, age)
	}
	slices.SortFunc(out, func(a, b int) int { return b - a })
	return out
}

// tooClose reports whether age is less than two years from one of the ages.
func tooClose(ages []int, age int) bool {
	for _, a := range ages {
		if a-age < 2 && age-a < 2 {
			return true
		}
	}
	return false
}

// childCount draws how many children live at home: mostly two.
func (g *gen) childCount() int { return 1 + g.choose(24, 42, 24, 10) }

// nuclear: a couple aged 28-58 (sometimes a widowed or divorced parent) with 1-4 children.
func (g *gen) nuclear(f *famCtx) {
	headAge := g.between(28, 38) + g.between(0, 20)
	mother, sur := g.couple(f, headAge, g.chance(0.9))
	g.children(f, g.childCount(), mother, sur, 0)
}

// threeGenerations: a couple aged 50-74, a married son with his wife and their children, and
// sometimes an unmarried child.
func (g *gen) threeGenerations(f *famCtx) {
	headAge := g.between(50, 62) + g.between(0, 12)
	mother, sur := g.couple(f, headAge, g.chance(0.85))
	sonAge := g.between(max(22, mother-38), max(22, mother-22))
	f.add(g.person("之子", idcard.Male, sonAge, sur, f.ethnicity))
	wifeAge := max(20, sonAge+g.between(-5, 2))
	f.add(g.person("之儿媳", idcard.Female, wifeAge, pickSurname(g.r), f.ethnicity))
	for _, age := range g.ages(1+g.choose(40, 45, 15), max(0, wifeAge-36), wifeAge-20) {
		if len(f.members) >= maxFamily {
			break
		}
		if g.chance(0.52) {
			f.add(g.person("之孙子", idcard.Male, age, sur, f.ethnicity))
		} else {
			f.add(g.person("之孙女", idcard.Female, age, sur, f.ethnicity))
		}
	}
	if g.chance(0.3) {
		g.children(f, 1, mother, sur, 16)
	}
}

// withParents: a couple aged 30-54 with children and one or both of the head's old parents.
func (g *gen) withParents(f *famCtx) {
	headAge := g.between(30, 42) + g.between(0, 12)
	mother, sur := g.couple(f, headAge, g.chance(0.92))
	g.children(f, 1+g.choose(35, 45, 20), mother, sur, 0)
	father, mum := g.chance(0.55), g.chance(0.85)
	if !father && !mum {
		mum = true
	}
	// The head's parents: 之父 bears the head's own family name.
	mumAge := min(94, headAge+g.between(20, 34))
	if father && len(f.members) < maxFamily {
		f.add(g.person("之父", idcard.Male, min(96, mumAge+g.between(-1, 5)), f.surname, f.ethnicity))
	}
	if mum && len(f.members) < maxFamily {
		f.add(g.person("之母", idcard.Female, mumAge, pickSurname(g.r), f.ethnicity))
	}
}

// oldCouple: a couple aged 60-86, sometimes with an unmarried adult son.
func (g *gen) oldCouple(f *famCtx) {
	headAge := g.between(60, 72) + g.between(0, 14)
	mother, sur := g.couple(f, headAge, g.chance(0.9))
	if g.chance(0.35) {
		age := g.between(max(25, mother-40), max(25, mother-22))
		f.add(g.person("之子", idcard.Male, age, sur, f.ethnicity))
	}
}

// alone: one person aged 48-90, mostly old, sometimes a middle-aged single man.
func (g *gen) alone(f *famCtx) {
	age := g.between(48, 64) + g.between(0, 26)
	sex := idcard.Male
	if age >= 65 && g.chance(0.45) {
		sex = idcard.Female
	}
	f.add(g.person("户主", sex, age, f.surname, f.ethnicity))
}

// emptyNest: a couple aged 40-62 whose children have left, sometimes with one still at school.
func (g *gen) emptyNest(f *famCtx) {
	headAge := g.between(40, 52) + g.between(0, 10)
	mother, sur := g.couple(f, headAge, true)
	if g.chance(0.5) {
		g.children(f, 1, mother, sur, 15)
	}
}
