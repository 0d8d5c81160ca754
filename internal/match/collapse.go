package match

import (
	"fmt"
	"slices"
)

// Merging identical positions.
//
// Two open positions whose matcher view (pInfo: capacity, age range, channel, place, skill set, wage
// class) is the same are interchangeable: every worker is eligible for both or for neither, with the
// same score. An assignment of the merged instance, where they are one position whose Remaining is the
// sum, therefore maps onto assignments of the original instance with the same Totals and back, so the
// optimum of one is the optimum of the other (exact by construction). Real data has many such positions
// (one employer template posted several times); the synthetic county has 811 classes for 2,000 positions.

// merged is an instance whose positions are the classes of identical open positions of an original
// instance, with the map back.
type merged struct {
	in      *instance // positions = classes; workers shared with the original
	members [][]int32 // per class (position index of in): original position indices, in ID order
	size    []int     // per class: number of original positions (weights pair counts in PlanStats)
}

// merge builds the merged instance of orig. Workers, households and interned codes are shared; the
// class of a position is represented by its member with the smallest ID, with the members' summed
// Remaining, so classes keep the ID order of their representatives.
func (orig *instance) merge() *merged {
	m := &merged{}
	in := &instance{
		cfg: orig.cfg, ws: orig.ws, wi: orig.wi, workers: orig.workers,
		hhOf: orig.hhOf, hhMembers: orig.hhMembers, hhZero: orig.hhZero, hhIDs: orig.hhIDs,
		skillWords: orig.skillWords, wSkillX: orig.wSkillX,
	}
	k := orig.skillWords - 1
	index := map[string]int32{}
	for _, j := range orig.positions {
		pi := orig.pi[j]
		key := fmt.Sprint(pi.minRank, pi.ageMin, pi.ageMax, pi.welfare, pi.workshop, pi.channel,
			pi.county, pi.township, pi.city, pi.skills, pi.base)
		if k > 0 {
			key += fmt.Sprint(orig.pSkillX[int(j)*k : int(j+1)*k])
		}
		c, ok := index[key]
		if !ok {
			c = int32(len(in.ps))
			index[key] = c
			in.ps = append(in.ps, orig.ps[j])
			in.pi = append(in.pi, pi)
			in.positions = append(in.positions, c)
			if k > 0 {
				in.pSkillX = append(in.pSkillX, orig.pSkillX[int(j)*k:int(j+1)*k]...)
			}
			m.members = append(m.members, nil)
			m.size = append(m.size, 0)
		} else {
			in.ps[c].Remaining += orig.ps[j].Remaining
		}
		m.members[c] = append(m.members[c], j)
		m.size[c]++
	}
	m.in = in
	return m
}

// split maps an assignment of the merged instance (class per worker) to the original positions:
// the workers of a class, in ID order, fill its members in ID order up to their Remaining.
func (m *merged) split(orig *instance, assign []int32) []int32 {
	out := slices.Clone(assign)
	next := make([]int, len(m.members)) // per class: members already full
	used := make([]int, len(m.members)) // per class: placements in the current member
	for i, c := range assign {
		if c < 0 {
			continue
		}
		for used[c] == orig.ps[m.members[c][next[c]]].Remaining {
			next[c]++
			used[c] = 0
		}
		out[i] = m.members[c][next[c]]
		used[c]++
	}
	return out
}

// classes maps an assignment of the original instance (position per worker) to one of the merged
// instance (class per worker).
func (m *merged) classes(assign []int32) []int32 {
	classOf := map[int32]int32{}
	for c, members := range m.members {
		for _, j := range members {
			classOf[j] = int32(c)
		}
	}
	out := slices.Clone(assign)
	for i, j := range assign {
		if j >= 0 {
			out[i] = classOf[j]
		}
	}
	return out
}
