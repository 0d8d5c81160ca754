package match

import (
	"cmp"
	"math"
	"math/bits"
	"slices"

	"github.com/anju-cn/anju/internal/labor"
)

// instance is the input of Plan in a form that is fast to scan: workers and positions sorted by ID,
// codes, skills and channels interned to small integers and bit sets. wEligible and pScore give
// exactly the answers of Eligible and ScorePair (checked by tests) without allocating.
type instance struct {
	cfg Config
	ws  []Worker   // sorted by ID
	ps  []Position // sorted by ID
	wi  []wInfo    // parallel to ws
	pi  []pInfo    // parallel to ps

	workers   []int32 // indices of placeable workers (see workerBlock)
	positions []int32 // indices of open positions with remaining openings

	hhOf      []int32   // household index of each worker
	hhMembers [][]int32 // placeable members of each household
	hhZero    []bool    // household is zero-employment (any member says so)
	hhIDs     []string

	skillWords int      // words per skill bit set
	wSkillX    []uint64 // words 1.. of each worker's skill set (only when skillWords > 1)
	pSkillX    []uint64
}

type wInfo struct {
	age       int
	capRank   int
	weak      bool
	acceptIn  bool // area intention accepts a job in the home county
	acceptOut bool // ... and outside it
	welfareOK bool // passes the 公益性岗位 rules (household-level flag normalised)
	county    int32
	township  int32
	city      int32
	skills    uint64 // word 0 of the skill set
	want      uint64 // wanted channels with id < 64
	wantX     []int32
	base      int   // worker-only points (household priorities)
	household int32 // index into hh*
}

type pInfo struct {
	minRank  int
	ageMin   int
	ageMax   int
	welfare  bool
	workshop bool
	channel  int32 // interned channel, -1 when empty
	county   int32
	township int32
	city     int32
	skills   uint64
	base     int // position-only points (wage)
}

type interner map[string]int32

func (m interner) id(s string) int32 {
	if s == "" {
		return -1
	}
	if v, ok := m[s]; ok {
		return v
	}
	v := int32(len(m))
	m[s] = v
	return v
}

// lookup returns the id of s or -1 when s was never interned.
func (m interner) lookup(s string) int32 {
	if v, ok := m[s]; ok && s != "" {
		return v
	}
	return -1
}

func prepare(ws []Worker, ps []Position, cfg Config) *instance {
	in := &instance{cfg: cfg}
	in.ws = slices.Clone(ws)
	slices.SortStableFunc(in.ws, func(a, b Worker) int { return cmp.Compare(a.ID, b.ID) })
	in.ps = slices.Clone(ps)
	slices.SortStableFunc(in.ps, func(a, b Position) int { return cmp.Compare(a.ID, b.ID) })

	// Households, in order of their first member by ID. A household already holding a 公益性岗位
	// or flagged zero-employment by any member is treated so for all members.
	hhIndex := map[string]int32{}
	in.hhOf = make([]int32, len(in.ws))
	var hhWelfare []bool
	for i, w := range in.ws {
		key := "h\x00" + w.HouseholdID
		if w.HouseholdID == "" {
			key = "w\x00" + w.ID
		}
		h, ok := hhIndex[key]
		if !ok {
			h = int32(len(in.hhIDs))
			hhIndex[key] = h
			in.hhIDs = append(in.hhIDs, w.HouseholdID)
			in.hhZero = append(in.hhZero, false)
			hhWelfare = append(hhWelfare, false)
		}
		in.hhOf[i] = h
		in.hhZero[h] = in.hhZero[h] || w.ZeroEmployment
		hhWelfare[h] = hhWelfare[h] || w.HouseholdHasWelfarePost
	}
	in.hhMembers = make([][]int32, len(in.hhIDs))

	codes, cities, skills, channels := interner{}, interner{}, interner{}, interner{}
	for _, p := range in.ps {
		for _, s := range p.Skills {
			skills.id(s)
		}
		channels.id(string(p.Channel))
	}
	in.skillWords = max(1, (len(skills)+63)/64)
	if in.skillWords > 1 {
		in.wSkillX = make([]uint64, len(in.ws)*(in.skillWords-1))
		in.pSkillX = make([]uint64, len(in.ps)*(in.skillWords-1))
	}
	setBit := func(word0 *uint64, extra []uint64, b int32) {
		if b < 64 {
			*word0 |= 1 << uint(b)
		} else {
			extra[b/64-1] |= 1 << uint(b%64)
		}
	}
	city := func(county string) int32 {
		if len(county) < 4 {
			return -1
		}
		return cities.id(county[:4])
	}

	wt := cfg.Weights
	in.pi = make([]pInfo, len(in.ps))
	for j, p := range in.ps {
		pi := &in.pi[j]
		pi.minRank = p.MinCapacity.Rank()
		pi.ageMin, pi.ageMax = math.MinInt, math.MaxInt
		if p.AgeMin != 0 {
			pi.ageMin = p.AgeMin
		}
		if p.AgeMax != 0 {
			pi.ageMax = p.AgeMax
		}
		pi.welfare = p.Channel == labor.Welfare
		pi.workshop = p.Channel == labor.Workshop
		pi.channel = channels.lookup(string(p.Channel))
		pi.county, pi.township, pi.city = codes.id(p.CountyCode), codes.id(p.TownshipCode), city(p.CountyCode)
		var extra []uint64
		if in.skillWords > 1 {
			extra = in.pSkillX[j*(in.skillWords-1) : (j+1)*(in.skillWords-1)]
		}
		for _, s := range p.Skills {
			if s != "" {
				setBit(&pi.skills, extra, skills.lookup(s))
			}
		}
		if cfg.LocalMinWage > 0 && p.MonthlyWage > 0 {
			switch {
			case p.MonthlyWage > cfg.LocalMinWage:
				pi.base += wt.AboveMinWage
			case p.MonthlyWage < cfg.LocalMinWage:
				pi.base += wt.BelowMinWage
			}
		}
		if p.Open && p.Remaining > 0 {
			in.positions = append(in.positions, int32(j))
		}
	}

	in.wi = make([]wInfo, len(in.ws))
	for i, w := range in.ws {
		wi := &in.wi[i]
		h := in.hhOf[i]
		wi.household = h
		wi.age = w.Age
		wi.capRank = w.Capacity.Rank()
		wi.weak = w.Capacity == labor.Weak
		wi.acceptIn, wi.acceptOut = w.Area.Accepts(true), w.Area.Accepts(false)
		norm := w
		norm.HouseholdHasWelfarePost = hhWelfare[h]
		wi.welfareOK = welfareBlock(norm, cfg.Welfare) == ""
		wi.county, wi.township, wi.city = codes.id(w.CountyCode), codes.id(w.TownshipCode), city(w.CountyCode)
		var extra []uint64
		if in.skillWords > 1 {
			extra = in.wSkillX[i*(in.skillWords-1) : (i+1)*(in.skillWords-1)]
		}
		for _, s := range w.Skills {
			if b := skills.lookup(s); b >= 0 {
				setBit(&wi.skills, extra, b)
			}
		}
		for _, c := range w.WantedKinds {
			if b := channels.lookup(string(c)); b >= 0 {
				if b < 64 {
					wi.want |= 1 << uint(b)
				} else {
					wi.wantX = append(wi.wantX, b)
				}
			}
		}
		if w.ZeroEmployment {
			wi.base += wt.ZeroEmployment
		}
		if w.Monitored {
			wi.base += wt.Monitored
		}
		if workerBlock(w) == "" {
			in.workers = append(in.workers, int32(i))
			in.hhMembers[h] = append(in.hhMembers[h], int32(i))
		}
	}
	return in
}

// eligible is Eligible for a placeable worker i and an open position j with remaining openings.
func (in *instance) eligible(i, j int32) bool {
	w, p := &in.wi[i], &in.pi[j]
	if w.capRank < p.minRank || w.age < p.ageMin || w.age > p.ageMax {
		return false
	}
	if w.county >= 0 && w.county == p.county {
		if !w.acceptIn {
			return false
		}
	} else if !w.acceptOut {
		return false
	}
	return !p.welfare || w.welfareOK
}

// score is ScorePair(ws[i], ps[j], cfg).Total.
func (in *instance) score(i, j int32) int {
	w, p := &in.wi[i], &in.pi[j]
	wt := &in.cfg.Weights
	s := w.base + p.base
	if wt.MaxSkills > 0 {
		n := bits.OnesCount64(w.skills & p.skills)
		if k := in.skillWords - 1; k > 0 {
			a, b := in.wSkillX[int(i)*k:int(i+1)*k], in.pSkillX[int(j)*k:int(j+1)*k]
			for x := range a {
				n += bits.OnesCount64(a[x] & b[x])
			}
		}
		s += min(n, wt.MaxSkills) * wt.Skill
	}
	switch {
	case w.township >= 0 && w.township == p.township:
		s += wt.SameTownship
	case w.county < 0 || p.county < 0:
	case w.county == p.county:
		s += wt.SameCounty
	case w.city >= 0 && w.city == p.city:
		s += wt.SameCity
	default:
		s += wt.OtherCity
	}
	if c := p.channel; c >= 0 {
		if c < 64 {
			if w.want&(1<<uint(c)) != 0 {
				s += wt.WantedKind
			}
		} else if slices.Contains(w.wantX, c) {
			s += wt.WantedKind
		}
	}
	if w.weak {
		if p.welfare {
			s += wt.WeakWelfare
		} else if p.workshop {
			s += wt.WeakWorkshop
		}
	}
	return s
}
