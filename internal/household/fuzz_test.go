package household_test

import (
	"testing"

	"github.com/anju-cn/anju/internal/fixture"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/text"
)

// FuzzValidateText feeds arbitrary text into the free-text fields of a registration: Validate must not
// panic, and whatever it accepts is stored clean (text.Clean leaves it unchanged) and within bounds.
func FuzzValidateText(f *testing.F) {
	for _, s := range []string{"王建国", " 东山村 ", "焊\x00工", "\ufffd", "１３９１２３４５６７８", "之子", "\u202e"} {
		f.Add(s, s, s, s)
	}
	f.Fuzz(func(t *testing.T, name, village, skill, phone string) {
		h := fixture.Household("s1", 0)
		h.Members[0].Name, h.Origin.Village, h.Members[0].Skills, h.Phone = name, village, []string{skill}, phone
		h.Members[1].Relation = name
		if err := household.Validate(&h, now); err != nil {
			return
		}
		for _, v := range []string{h.Members[0].Name, h.Origin.Village, h.Members[0].Skills[0], h.Phone, h.Members[1].Relation} {
			if c, ok := text.Clean(v); !ok || c != v {
				t.Fatalf("accepted unclean %q", v)
			}
		}
		if !household.ValidPhone(h.Phone) {
			t.Fatalf("accepted phone %q", h.Phone)
		}
	})
}
